"""Interrupting `fitpost batch` (SIGKILL, SIGTERM, SIGINT) and going on with --resume: nothing twice, nothing lost."""
from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

N = 2500


@pytest.fixture(scope="module")
def dump(tmp_path_factory) -> tuple[Path, list[str]]:
    """N posts, one line each, about 3% of them broken; and the ids in input order."""
    path = tmp_path_factory.mktemp("dump") / "posts.jsonl"
    ids = []
    with open(path, "wb") as f:
        for i in range(N):
            pid = f"r{i:05d}"
            ids.append(pid)
            # short texts: this tests the batch machinery, not the pipeline
            rec = {"id": pid, "text": f"Ran {i % 40 + 1} km.", "posted_at": "2024-02-01"}
            line = json.dumps(rec).encode()
            if i % 37 == 5:
                line = line[:-9]  # malformed
            elif i % 37 == 17:
                line = json.dumps({"id": pid}).encode()  # no text
            elif i % 37 == 29:
                line = line.replace(b"Ran", b"R\xe4n")  # not UTF-8
            f.write(line + b"\n")
    return path, ids


def start(src: Path, out: Path, *extra: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "fitpost", "batch", str(src), "-o", str(out), "--model", "blank",
           "--workers", "2", "--chunk-size", "10", *extra]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_until_done(out: Path, at_least: int, proc: subprocess.Popen, timeout: float = 60) -> int:
    state = Path(str(out) + ".resume.json")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the batch finished before it could be interrupted"
        try:
            done = json.loads(state.read_text())["done"]
            if done >= at_least:
                return done
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.02)
    raise AssertionError("the batch made no progress")


def resume(src: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "fitpost", "batch", str(src), "-o", str(out), "--model", "blank",
           "--workers", "2", "--resume", *extra]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def error_ids(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text().splitlines()]


def test_sigkill_then_resume(tmp_path, dump):
    src, ids = dump
    out = tmp_path / "out.jsonl"
    proc = start(src, out)
    wait_until_done(out, 200, proc)
    proc.kill()
    proc.wait()
    assert not out.exists()  # the output only appears when complete
    partial = Path(str(out) + ".partial")
    assert partial.exists()
    done = resume(src, out)
    assert done.returncode == 1, done.stderr  # some posts went to the error file
    assert "by an earlier run" in done.stderr
    out_ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    errs = error_ids(tmp_path / "out.errors.jsonl")
    assert len(out_ids) + len(errs) == N  # input count = output lines + error lines
    assert len(set(out_ids) | set(errs)) == N  # nothing twice
    assert sorted(out_ids + errs) == ids and out_ids == sorted(out_ids) and errs == sorted(errs)  # input order
    assert not partial.exists() and not Path(str(out) + ".resume.json").exists()


def test_sigterm_leaves_a_valid_csv_and_resume_completes_it(tmp_path, dump):
    src, ids = dump
    out = tmp_path / "out.csv"
    proc = start(src, out)
    wait_until_done(out, 200, proc)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130, stderr
    assert b"--resume" in stderr
    state = json.loads(Path(str(out) + ".resume.json").read_text())
    partial = Path(str(out) + ".partial")
    assert partial.stat().st_size == state["out_offset"]  # exactly the committed part
    with open(partial, newline="") as f:
        rows = list(csv.DictReader(f))
    seen = list(dict.fromkeys(r["post_id"] for r in rows))
    assert seen == sorted(seen) and len(seen) == state["records"]
    done = resume(src, out)
    assert done.returncode == 1, done.stderr
    with open(out, newline="") as f:
        post_ids = list(dict.fromkeys(r["post_id"] for r in csv.DictReader(f)))
    errs = error_ids(tmp_path / "out.errors.jsonl")
    assert len(post_ids) + len(errs) == N
    assert sorted(post_ids + errs) == ids and post_ids == sorted(post_ids)


def test_sigint_leaves_a_valid_jsonld_document(tmp_path, dump):
    src, _ = dump
    out = tmp_path / "out.jsonld"
    proc = start(src, out)
    wait_until_done(out, 200, proc)
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=30)
    assert proc.returncode == 130
    partial = json.loads(Path(str(out) + ".partial").read_text())  # a complete document on its own
    assert partial["@graph"] and all(a["@type"] == "ExerciseAction" for a in partial["@graph"])
    done = resume(src, out)
    assert done.returncode == 1, done.stderr
    graph = json.loads(out.read_text())["@graph"]
    idents = [a["identifier"] for a in graph]
    assert len(idents) == len(set(idents))  # no action written twice
    assert idents == sorted(idents, key=lambda s: (s.split("#")[0], int(s.split("#")[1])))
    assert len(graph) >= len(partial["@graph"])


def test_ctrl_c_on_the_whole_process_group_stops_promptly_and_resume_completes(tmp_path, dump):
    """Ctrl-C in a terminal signals the main process and its workers at once; the batch stops at
    its next commit and exits (CPython gh-94777 hung a ProcessPoolExecutor's exit on 3.11.2)."""
    src, ids = dump
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "fitpost", "batch", str(src), "-o", str(out), "--model", "blank",
           "--workers", "2", "--chunk-size", "10"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    wait_until_done(out, 200, proc)
    os.killpg(proc.pid, signal.SIGINT)
    try:
        _, stderr = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise AssertionError("the batch did not exit after Ctrl-C") from None
    assert proc.returncode == 130, stderr
    assert b"Traceback" not in stderr
    done = resume(src, out)
    assert done.returncode == 1, done.stderr
    out_ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    errs = error_ids(tmp_path / "out.errors.jsonl")
    assert len(out_ids) + len(errs) == N and sorted(out_ids + errs) == ids
