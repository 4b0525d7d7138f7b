"""`fitpost batch`'s outputs: their names and what they must not collide with, stdout, pipes,
devices and links, write failures, and runs killed at any step of their end.

Every run on files the test makes either accounts for every input post (output lines + error
lines = input posts) or refuses with a clear message and its exit status, never a traceback.
"""
from __future__ import annotations

import csv
import errno
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from fitpost.cli import cli
from fitpost.engine import PIPELINES
from fitpost.io.writers import Sink, own_outputs

N = 12  # posts per input file; the one at BROKEN is cut short (an error line)
BROKEN = 4


@pytest.fixture(autouse=True, scope="module")
def _shared_pipeline(blank_extractor):
    PIPELINES.put("blank", blank_extractor)
    yield


def write_posts(path: Path, n: int = N, prefix: str = "p") -> Path:
    lines = [json.dumps({"id": f"{prefix}{i:02d}", "text": f"Ran {i + 2} km with @pal_{i} today"}) for i in range(n)]
    lines[BROKEN] = lines[BROKEN][:-10]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def batch(*args, input=None):
    return CliRunner().invoke(cli, ["batch", *map(str, args), "--model", "blank"], input=input,
                              catch_exceptions=False)


def jsonl(path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def accounted(records: list[dict], errors: list[dict], n: int = N, prefix: str = "p") -> None:
    """Output lines + error lines = input posts: each once, in input order."""
    assert len(records) + len(errors) == n
    ids = [r["id"] for r in records] + [e["id"] for e in errors]
    assert sorted(ids) == [f"{prefix}{i:02d}" for i in range(n)]
    assert [r["id"] for r in records] == sorted(r["id"] for r in records)


def refused(result, message: str) -> None:
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: (p.read_bytes() if p.is_file() and not p.is_symlink() else b"")
            for p in sorted(folder.iterdir())}


# ---------------------------------------------------------------- names (8, 9)

@pytest.mark.parametrize("name, role", [("out.jsonl.partial", "the partial output"),
                                        ("out.jsonl.resume.json", "the resume state")])
def test_an_input_named_as_a_file_of_the_run_is_refused_not_truncated(tmp_path, name, role):
    src = write_posts(tmp_path / name)
    before = listing(tmp_path)
    refused(batch(src, "-o", tmp_path / "out.jsonl", "--workers", 1), f"is also {role} of this run")
    (tmp_path / "link.jsonl").symlink_to(src)  # the same file by another name
    refused(batch(tmp_path / "link.jsonl", "-o", tmp_path / "out.jsonl", "--workers", 1), "is also")
    (tmp_path / "link.jsonl").unlink()
    assert listing(tmp_path) == before  # the input is whole, nothing was made


@pytest.mark.parametrize("where", ["-o", "--errors"])
def test_an_output_inside_an_input_folder_is_refused(tmp_path, where):
    folder = tmp_path / "posts"
    folder.mkdir()
    write_posts(folder / "a.jsonl")
    outputs = {"-o": ["-o", folder / "out.jsonl"], "--errors": ["-o", tmp_path / "out.jsonl", "--errors",
                                                                 folder / "bad.jsonl"]}[where]
    refused(batch(folder, *outputs, "--workers", 1), "inside the input folder")
    assert [p.name for p in folder.iterdir()] == ["a.jsonl"]
    done = batch(folder, "-o", tmp_path / "out.jsonl", "--workers", 1)  # beside it: fine
    assert done.exit_code == 1, done.output
    accounted(jsonl(tmp_path / "out.jsonl"), jsonl(tmp_path / "out.errors.jsonl"))


def test_own_outputs_are_known_by_name():
    names = ["a.jsonl", "out.jsonl.partial", "out.jsonl.resume.json", ".out.jsonl.1f2e3d4c.partial",
             "out.errors.jsonl", "part-00001.jsonl", "notes.md"]
    assert own_outputs(names) == {"out.jsonl.partial", "out.jsonl.resume.json", ".out.jsonl.1f2e3d4c.partial",
                                  "out.errors.jsonl"}
    # part files are fitpost's only in a Dask output folder: one with _SUCCESS or a part being written
    assert own_outputs(["_SUCCESS", "part-00000.csv", "errors-00000.jsonl", "x.csv"]) == {
        "_SUCCESS", "part-00000.csv", "errors-00000.jsonl"}
    assert "part-00002.jsonl" in own_outputs(["part-00002.jsonl", "part-00003.jsonl.0a1b2c3d4e5f.partial"])


@pytest.mark.parametrize("errors, message", [
    ("out.jsonl", "the output and the error file would be the same file"),
    ("out.jsonl.resume.json", "the resume state and the error file would be the same file"),
    ("out.jsonl.partial", "the partial output and the error file would be the same file"),
    ("in.jsonl", "the input"),
])
def test_an_error_file_that_collides_is_refused(tmp_path, errors, message):
    src = write_posts(tmp_path / "in.jsonl")
    before = listing(tmp_path)
    refused(batch(src, "-o", tmp_path / "out.jsonl", "--errors", tmp_path / errors, "--workers", 1), message)
    assert listing(tmp_path) == before


# ---------------------------------------------------------------- outputs that cannot be written (16)

@pytest.mark.parametrize("option, target, message", [
    ("-o", "/proc/fitpost-test-out.jsonl", "cannot write /proc/fitpost-test-out.jsonl.partial"),
    ("--errors", "/proc/fitpost-test-errors.jsonl", "cannot write /proc/fitpost-test-errors.jsonl.partial"),
    ("-o", "{tmp}/missing/out.jsonl", "no folder for -o"),
    ("--errors", "{tmp}/missing/bad.jsonl", "no folder for --errors"),
])
def test_an_output_that_cannot_be_made_is_a_usage_error(tmp_path, option, target, message):
    if target.startswith("/proc") and not os.path.isdir("/proc/self"):
        pytest.skip("no /proc")
    src = write_posts(tmp_path / "in.jsonl")
    target = target.replace("{tmp}", str(tmp_path))
    args = ["-o", tmp_path / "out.jsonl", "--errors", target] if option == "--errors" else ["-o", target]
    before = listing(tmp_path)
    refused(batch(src, *args, "--workers", 1), message)
    assert listing(tmp_path) == before  # nothing left behind


def test_a_read_only_folder_is_a_usage_error(tmp_path, monkeypatch):
    """As root a folder's mode does not stop writing: the refusal is simulated where files are made."""
    import fitpost.io.writers as writers
    src = write_posts(tmp_path / "in.jsonl")
    locked = tmp_path / "locked"
    locked.mkdir()
    real = writers.create_file

    def create_file(path):
        if os.path.dirname(os.path.abspath(path)) == str(locked):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(writers, "create_file", create_file)
    refused(batch(src, "-o", locked / "out.jsonl", "--workers", 1), "Permission denied")
    refused(batch(src, "-o", tmp_path / "out.jsonl", "--errors", locked / "e.jsonl", "--workers", 1),
            "cannot write")
    assert not list(locked.iterdir()) and not (tmp_path / "out.jsonl.partial").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in a read-only folder")
def test_a_folder_without_write_permission_is_a_usage_error(tmp_path):
    src = write_posts(tmp_path / "in.jsonl")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        refused(batch(src, "-o", locked / "out.jsonl", "--workers", 1), "Permission denied")
    finally:
        locked.chmod(0o755)


def test_a_full_disk_stops_cleanly_and_resume_goes_on(tmp_path, monkeypatch):
    src = write_posts(tmp_path / "in.jsonl")
    out = tmp_path / "out.jsonl"
    real, calls = Sink.write, []

    def write(self, text, n):
        calls.append(n)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, text, n)

    monkeypatch.setattr(Sink, "write", write)
    result = batch(src, "-o", out, "--workers", 1, "--chunk-size", 2)
    assert result.exit_code == 3, result.output
    assert "No space left on device" in result.stderr and "--resume" in result.stderr
    assert "Traceback" not in result.output and not out.exists()
    state = json.loads(Path(f"{out}.resume.json").read_text())
    assert Path(f"{out}.partial").stat().st_size == state["out_offset"]  # cut back to the last commit
    assert len(jsonl(f"{out}.partial")) == state["records"] == sum(calls[:2]) == 3  # the shards of 1 and 2 posts
    monkeypatch.setattr(Sink, "write", real)  # space again
    done = batch(src, "-o", out, "--workers", 1, "--resume")
    assert done.exit_code == 1, done.output
    accounted(jsonl(out), jsonl(tmp_path / "out.errors.jsonl"))


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_full_device_as_output(tmp_path):
    result = batch(write_posts(tmp_path / "in.jsonl"), "-o", "/dev/full", "--workers", 1)
    assert result.exit_code == 3 and "No space left on device" in result.stderr
    assert "Traceback" not in result.output


def test_a_module_that_is_not_a_spacy_pipeline(tmp_path):
    args = ["batch", str(write_posts(tmp_path / "in.jsonl")), "-o", str(tmp_path / "out.jsonl"), "--model", "json"]
    refused(CliRunner().invoke(cli, args), "no spaCy pipeline named 'json'")
    result = CliRunner().invoke(cli, ["extract", "Ran 5 km", "--model", "json"])
    refused(result, "no spaCy pipeline named 'json'")


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_lone_surrogates_in_ids_and_authors(tmp_path, fmt):
    """A lone surrogate (half an emoji in a JSON escape) in an id or an author: every format is
    written, Parquet too (its strings are UTF-8: the surrogate stays as its escape, as in CSV),
    and so is a resumed run."""
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "s\\udce9", "author": "a\\ud800", "text": "Ran 5 km"}\n{"id": "t", "text": "Swam'
                   '\n{"id": "u", "text": "Rowed 3 km"}\n', encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    stopped = batch(src, "-o", out, "--workers", 1, "--chunk-size", 1, "--fail-fast")
    assert stopped.exit_code == 1 and "Traceback" not in stopped.output
    done = batch(src, "-o", out, "--workers", 1, "--chunk-size", 1, "--resume")
    assert done.exit_code == 1, done.output
    errors = jsonl(tmp_path / "out.errors.jsonl")
    assert [e["id"] for e in errors] == ["t"]
    if fmt == "parquet":
        import pyarrow.parquet as pq
        rows = pq.read_table(out).to_pylist()
        assert [r["post_id"] for r in rows] == ["s\\udce9", "u"] and rows[0]["author"] == "a\\ud800"
    elif fmt == "csv":
        with open(out, newline="", encoding="utf-8") as f:
            assert [r["post_id"] for r in csv.DictReader(f)] == ["s\\udce9", "u"]
    else:
        assert [r["id"] for r in jsonl(out)] == ["s\udce9", "u"]  # a JSON escape, read back as it was


# ---------------------------------------------------------------- stdout, pipes, devices, links (17)

def test_dash_streams_json_lines_to_stdout(tmp_path):
    src = write_posts(tmp_path / "in.jsonl")
    result = batch(src, "-o", "-", "--workers", 2, "--chunk-size", 3)
    assert result.exit_code == 1, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    errors = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    accounted(records, errors)  # the error lines go to stderr
    assert "-> <stdout>" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_dev_stdout_is_written_through_not_replaced(tmp_path):
    if not os.path.islink("/dev/stdout"):
        pytest.skip("no /dev/stdout link")
    src = write_posts(tmp_path / "in.jsonl")
    result = batch(src, "-o", "/dev/stdout", "--errors", tmp_path / "bad.jsonl", "--workers", 1)
    assert result.exit_code == 1, result.output
    accounted([json.loads(line) for line in result.stdout.splitlines()], jsonl(tmp_path / "bad.jsonl"))
    assert os.path.islink("/dev/stdout") and not os.path.exists("/dev/stdout.partial")


@pytest.mark.parametrize("args, message", [
    (["-o", "-", "--format", "parquet"], "parquet is written as a whole file"),
    (["-o", "-", "--resume"], "--resume goes on from partial files"),
])
def test_what_a_stream_cannot_do(tmp_path, args, message):
    refused(batch(write_posts(tmp_path / "in.jsonl"), *args, "--workers", 1), message)


def test_a_named_pipe_is_written_through(tmp_path):
    src = write_posts(tmp_path / "in.jsonl")
    fifo = tmp_path / "records.pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = batch(src, "-o", fifo, "--errors", tmp_path / "bad.jsonl", "--workers", 1)
    reader.join(30)
    assert result.exit_code == 1, result.output
    accounted([json.loads(line) for line in got[0].decode().splitlines()], jsonl(tmp_path / "bad.jsonl"))
    assert fifo.is_fifo()


def test_a_link_as_output_is_refused(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (tmp_path / "out.jsonl").symlink_to(victim)
    refused(batch(write_posts(tmp_path / "in.jsonl"), "-o", tmp_path / "out.jsonl", "--workers", 1),
            "is a symbolic link")
    assert victim.read_text() == "keep me" and (tmp_path / "out.jsonl").is_symlink()


@pytest.mark.parametrize("planted", ["out.jsonl.partial", "out.errors.jsonl.partial", "out.jsonl.resume.json"])
def test_a_link_planted_at_a_file_of_the_run_is_not_followed(tmp_path, planted):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (tmp_path / planted).symlink_to(victim)
    result = batch(write_posts(tmp_path / "in.jsonl"), "-o", tmp_path / "out.jsonl", "--workers", 1)
    assert result.exit_code == 1, result.output
    assert victim.read_text() == "keep me"
    accounted(jsonl(tmp_path / "out.jsonl"), jsonl(tmp_path / "out.errors.jsonl"))
    assert not any(p.name.endswith((".partial", ".resume.json")) for p in tmp_path.iterdir())


def test_a_link_planted_before_a_resume_is_refused(tmp_path):
    src = write_posts(tmp_path / "in.jsonl")
    out = tmp_path / "out.jsonl"
    assert batch(src, "-o", out, "--workers", 1, "--chunk-size", 2, "--fail-fast").exit_code == 1
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    Path(f"{out}.partial").unlink()
    Path(f"{out}.partial").symlink_to(victim)
    refused(batch(src, "-o", out, "--workers", 1, "--resume"), "cannot write")
    assert victim.read_text() == "keep me"


# ---------------------------------------------------------------- killed at the end (21)

KILLER = """
import os, sys
import fitpost.batch
step, real_replace, real_remove = sys.argv[1], os.replace, os.remove
def killed(*args):
    os._exit(137)  # as SIGKILL: no clean-up
if step == "errors":  # killed as the error file is renamed
    os.replace = lambda a, b: killed() if b.endswith(".errors.jsonl") else real_replace(a, b)
elif step == "output":  # after the error file is in place, before the output is
    fitpost.batch.publish = killed
elif step == "state":  # after both, before the state is removed
    os.remove = lambda p: killed() if p.endswith(".resume.json") else real_remove(p)
from fitpost.cli import main
sys.argv = ["fitpost", "batch", *sys.argv[2:]]
main()
"""


@pytest.mark.parametrize("step", ["errors", "output", "state"])
def test_killed_between_the_renames_resume_finishes(tmp_path, step):
    src = write_posts(tmp_path / "in.jsonl")
    out = tmp_path / "out.csv"
    args = [str(src), "-o", str(out), "--model", "blank", "--workers", "1"]
    killed = subprocess.run([sys.executable, "-c", KILLER, step, *args], capture_output=True, timeout=120)
    assert killed.returncode == 137, killed.stderr
    assert Path(f"{out}.resume.json").exists()
    done = subprocess.run([sys.executable, "-m", "fitpost", "batch", *args, "--resume"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert f"{N} posts ({N} of them by an earlier run)" in done.stderr
    with open(out, newline="", encoding="utf-8") as f:
        records = [{"id": r["post_id"]} for r in csv.DictReader(f)]
    accounted(list({r["id"]: r for r in records}.values()), jsonl(tmp_path / "out.errors.jsonl"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.csv", "out.errors.jsonl"]


# ---------------------------------------------------------------- CSV cells a spreadsheet would run (20)

def test_csv_cells_that_start_a_formula_are_neutralised(tmp_path):
    src = tmp_path / "in.jsonl"
    posts = [{"id": "=HYPERLINK(\"http://example.invalid\")", "author": "+cmd", "text": "Ran 5 km with @tove_l"},
             {"id": "-2", "author": "@lumi", "text": "Swam 1 km"}, {"id": "\tx", "text": "Rowed 2 km"},
             {"id": "plain", "text": "Walked 3 km"}]
    src.write_text("".join(json.dumps(p) + "\n" for p in posts), encoding="utf-8")
    result = batch(src, "-o", tmp_path / "out.csv", "--workers", 1)
    assert result.exit_code == 0, result.output
    with open(tmp_path / "out.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["post_id"] for r in rows] == ["'=HYPERLINK(\"http://example.invalid\")", "'-2", "'\tx", "plain"]
    assert [r["author"] for r in rows] == ["'+cmd", "'@lumi", "", ""]
    assert "@tove_l" in rows[0]["participants"] and rows[0]["participants"].startswith("'")
    assert rows[0]["distance_m"] == "5000.0"  # numbers stay numbers
    assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for v in r.values())


def test_jsonl_keeps_the_text_as_it_is(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "=1+1", "text": "Ran 5 km"}) + "\n", encoding="utf-8")
    batch(src, "-o", tmp_path / "out.jsonl", "--workers", 1)
    assert jsonl(tmp_path / "out.jsonl")[0]["id"] == "=1+1"
