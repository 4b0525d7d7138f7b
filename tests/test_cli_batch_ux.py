"""What a person sees of `fitpost batch` and `extract`, on both engines: the progress line, the
error file (none when no post failed), one JSON style (compact lines; --pretty for people), each
warning once."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

import fitpost.batch
from fitpost.cli import cli
from fitpost.engine import PIPELINES, BatchConfig, run


@pytest.fixture(autouse=True, scope="module")
def _shared_pipeline(blank_extractor):
    """In-process runs (--workers 1) use the session's blank pipeline instead of building their own."""
    PIPELINES.put("blank", blank_extractor)
    yield


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of one worker process on loopback, no dashboard."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as c:
        yield c


def invoke(*args, input=None):
    return CliRunner().invoke(cli, [*map(str, args)], input=input, catch_exceptions=False)


def batch(*args):
    return invoke("batch", *args, "--model", "blank")


def write_posts(path: Path, n: int, broken: tuple[int, ...] = ()) -> Path:
    """``n`` posts, one a line; the lines numbered in ``broken`` are not JSON."""
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            line = json.dumps({"id": f"p{i:04d}", "text": f"Ran {i % 30 + 1} km by the canal with Ada",
                               "posted_at": f"2025-04-0{i % 9 + 1}"})
            f.write((line[:-5] if i in broken else line) + "\n")
    return path


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# ---------------------------------------------------------------- progress

def progress_lines(stderr: str) -> list[str]:
    return [part.strip() for part in stderr.split("\r") if "posts" in part and "fitpost batch" not in part]


def test_progress_counts_posts_from_the_first_on(tmp_path):
    src = write_posts(tmp_path / "in.jsonl", 250)
    result = batch(src, "-o", tmp_path / "out.jsonl", "--workers", 1, "--chunk-size", 100, "--progress")
    assert result.exit_code == 0, result.output
    shown = progress_lines(result.stderr)
    assert shown[0] == "0 posts (starting)"  # at once, before any post is done
    assert shown[1].startswith("1 posts") and "posts/s" in shown[1]  # then after the first post, not the 100th
    counts = [int(s.split()[0].replace(",", "")) for s in shown]
    assert counts == sorted(counts) and counts[-1] <= 250
    assert not any("%" in s and "of 250" not in s and "~" not in s for s in shown)  # a share is exact or marked ~
    assert "\r\033[K" in result.stderr  # the line is cleared before the summary


def test_no_progress_line_unless_asked_or_a_terminal(tmp_path):
    src = write_posts(tmp_path / "in.jsonl", 5)
    result = batch(src, "-o", tmp_path / "out.jsonl", "--workers", 1)
    assert result.exit_code == 0 and "\r" not in result.stderr and "posts/s" in result.stderr  # the summary only


def test_progress_of_the_dask_engine_counts_posts(tmp_path, cluster):
    src = write_posts(tmp_path / "in.jsonl", 120)
    result = batch(src, "-o", tmp_path / "out", "--engine", "dask", "--scheduler", cluster.scheduler_address,
                   "--block-size", "4KB", "--progress")
    assert result.exit_code == 0, result.output
    shown = progress_lines(result.stderr)
    assert shown[0] == "0 posts (starting)"
    counts = [int(s.split()[0].replace(",", "")) for s in shown]
    assert counts == sorted(counts) and 0 < counts[1] <= 120 and "posts/s" in shown[1]  # posts, as partitions end


# ---------------------------------------------------------------- the error file

def test_no_error_file_when_no_post_failed(tmp_path):
    src = write_posts(tmp_path / "in.jsonl", 6)
    (tmp_path / "out.errors.jsonl").write_text('{"id": "old"}\n')  # an earlier run's
    result = batch(src, "-o", tmp_path / "out.jsonl", "--workers", 1)
    assert result.exit_code == 0
    assert len(lines(tmp_path / "out.jsonl")) == 6
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


def test_the_error_file_when_posts_failed(tmp_path):
    src = write_posts(tmp_path / "in.jsonl", 6, broken=(2,))
    result = batch(src, "-o", tmp_path / "out.jsonl", "--workers", 2, "--chunk-size", 2)
    assert result.exit_code == 1
    assert [e["line"] for e in lines(tmp_path / "out.errors.jsonl")] == [3]


def test_a_resumed_run_keeps_the_errors_of_its_first_part(tmp_path, monkeypatch):
    src = write_posts(tmp_path / "in.jsonl", 8, broken=(1,))  # the one broken post is in the first shard
    out = tmp_path / "out.jsonl"
    write, calls = fitpost.batch._write, []

    def interrupted_after_one_shard(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:  # shards: one post, then 3, then 3, ...
            raise KeyboardInterrupt
        return write(*args, **kwargs)

    monkeypatch.setattr(fitpost.batch, "_write", interrupted_after_one_shard)
    cfg = dict(inputs=[str(src)], output=str(out), model="blank", workers=1, chunk_size=3, progress=False)
    first = run(BatchConfig(**cfg))
    assert first.status == "interrupted" and not out.exists()
    monkeypatch.setattr(fitpost.batch, "_write", write)
    done = run(BatchConfig(**cfg, resume=True))
    assert (done.status, done.resumed, done.errors) == ("done", 4, 1)  # no error in the part done now
    assert [e["line"] for e in lines(tmp_path / "out.errors.jsonl")] == [2]
    assert len(lines(out)) == 7


def test_no_error_file_from_the_dask_engine_when_no_post_failed(tmp_path, cluster):
    src = write_posts(tmp_path / "in.jsonl", 80)
    out = tmp_path / "out"
    out.mkdir()
    (out / "errors-00000.jsonl").write_text('{"id": "old"}\n')  # an earlier run's
    result = batch(src, "-o", out, "--engine", "dask", "--scheduler", cluster.scheduler_address,
                   "--block-size", "4KB")
    assert result.exit_code == 0, result.output
    assert not list(out.glob("errors-*")) and len(list(out.glob("part-*.jsonl"))) > 1


# ---------------------------------------------------------------- one JSON style

TEXT = "Swam 2 km with Åsa this morning, then cycled 40 km"


def test_extract_and_batch_write_the_same_compact_line(tmp_path):
    one = invoke("extract", TEXT, "--model", "blank", "--posted-at", "2025-06-01", "--id", "a1")
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a1", "text": TEXT, "posted_at": "2025-06-01"}) + "\n", encoding="utf-8")
    many = batch(src, "-o", "-", "--workers", 1)
    assert one.exit_code == many.exit_code == 0
    assert one.stdout.count("\n") == many.stdout.count("\n") == 1
    for out in (one.stdout, many.stdout):
        assert ", " not in out.replace(TEXT, "") and '": ' not in out  # compact
    alone, in_batch = json.loads(one.stdout), json.loads(many.stdout)
    assert alone.pop("source") is None and in_batch.pop("source")["line"] == 1  # where each post was read
    assert alone == in_batch
    assert alone["activities"][1]["activity"] == "cycling"


def test_pretty_is_for_people(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"a{i}", "text": TEXT}) + "\n" for i in range(3)), encoding="utf-8")
    extract = invoke("extract", TEXT, "--model", "blank", "--pretty")
    stream = batch(src, "-o", "-", "--workers", 1, "--pretty")  # to a terminal: indented, as extract --pretty
    assert extract.stdout.startswith('{\n  "id": null,\n') and stream.stdout.startswith('{\n  "id": "a0",\n')
    assert stream.stdout.count('\n{\n  "id"') == 2
    decoder, rest, records = json.JSONDecoder(), stream.stdout, []
    while rest.strip():
        record, end = decoder.raw_decode(rest.strip())
        records.append(record)
        rest = rest.strip()[end:]
    assert [r["id"] for r in records] == ["a0", "a1", "a2"]
    file = tmp_path / "out.jsonl"  # to a file: still one record a line
    assert batch(src, "-o", file, "--workers", 1, "--pretty").exit_code == 0
    text = file.read_text(encoding="utf-8")
    assert text.count("\n") == 3 and '"id": "a0", "posted_at": null' in text
    assert [json.loads(line) for line in text.splitlines()] == records


def test_pretty_in_the_parts_of_the_dask_engine(tmp_path, cluster):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"a{i}", "text": TEXT}) + "\n" for i in range(3)), encoding="utf-8")
    out = tmp_path / "out"
    result = batch(src, "-o", out, "--engine", "dask", "--scheduler", cluster.scheduler_address, "--pretty")
    assert result.exit_code == 0, result.output
    text = (out / "part-00000.jsonl").read_text(encoding="utf-8")
    assert text.count("\n") == 3 and '"id": "a0", "posted_at": null' in text


def test_a_resume_keeps_the_json_style(tmp_path):
    src = write_posts(tmp_path / "in.jsonl", 3, broken=(1,))
    out = tmp_path / "out.jsonl"
    assert batch(src, "-o", out, "--workers", 1, "--fail-fast").exit_code == 1
    again = batch(src, "-o", out, "--workers", 1, "--resume", "--pretty")
    assert again.exit_code == 2 and "pretty" in again.output


# ---------------------------------------------------------------- each warning once

NO_MODEL = textwrap.dedent("""
    import importlib.util, sys
    find_spec = importlib.util.find_spec
    importlib.util.find_spec = lambda name, *a, **k: (
        None if name.startswith("en_core_web") else find_spec(name, *a, **k))
    from fitpost.cli import main
    if __name__ == "__main__":
        sys.argv = ["fitpost", *sys.argv[1:]]
        main()
""")


def without_a_model(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """``fitpost ARGS`` where no statistical pipeline is installed (so --model auto falls back to blank)."""
    script = tmp_path / "no_model.py"
    script.write_text(NO_MODEL)
    return subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_the_no_model_warning_is_given_once_a_run(tmp_path, engine):
    if engine == "dask":
        pytest.importorskip("distributed")
    src = write_posts(tmp_path / "in.jsonl", 30)
    options = ["--workers", "2", "--chunk-size", "5"] if engine == "local" else ["--engine", "dask", "--workers", "1"]
    done = without_a_model(tmp_path, "batch", str(src), "-o", str(tmp_path / "out"), *options)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("no statistical English pipeline is installed") == 1, done.stderr


def test_the_no_model_warning_of_extract_once(tmp_path):
    done = without_a_model(tmp_path, "extract", "Ran 5k")
    assert done.returncode == 0 and json.loads(done.stdout)["activities"][0]["activity"] == "running"
    assert done.stderr.count("no statistical English pipeline is installed") == 1, done.stderr
