"""fitpost.batch in Python: extract_shard (records in, records out), the summary, the progress line."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from fitpost.batch import BatchConfig, run
from fitpost.engine import PIPELINES, Progress, default_errors_path, error_line, extract_shard, item_record
from fitpost.io import read_posts

DUMPS = Path(__file__).parent / "fixtures" / "dumps"


@pytest.fixture(autouse=True, scope="module")
def _shared_pipeline(blank_extractor):
    PIPELINES.put("blank", blank_extractor)
    yield


def test_extract_shard_keeps_order_ids_and_metadata(blank_extractor):
    records = [item_record(i) for i in read_posts([str(DUMPS / "generic" / "posts.jsonl")])]
    json.dumps(records)  # plain data, ready to travel to a worker or a Dask partition
    out = extract_shard(blank_extractor, records)
    assert len(out) == len(records)
    assert [r.get("id", r.get("error", {}).get("id")) for r in out] == ["g1", "g2", "g3", "g4", "g5", "g6"]
    assert [("error" in r) for r in out] == [False, False, True, True, False, False]
    g1 = out[0]
    assert set(g1) == {"id", "posted_at", "author", "activities", "warnings", "source"}
    # where it was read, then metadata
    source = {"file": str(DUMPS / "generic" / "posts.jsonl"), "line": 1, "likes": 41}
    assert (g1["posted_at"], g1["author"], g1["source"]) == ("2024-03-02", "maren.runs", source)
    json.dumps(out)


def test_extract_shard_passes_tagged_and_location_to_the_pipeline(blank_extractor, monkeypatch):
    seen = []
    real = blank_extractor._doc

    def spy(post, text):
        seen.append((post.tagged, post.location, post.author))
        return real(post, text)

    monkeypatch.setattr(blank_extractor, "_doc", spy)
    records = [item_record(i) for i in read_posts([str(DUMPS / "instaloader")])]
    extract_shard(blank_extractor, records)
    assert seen[0] == (["kofi.trails"], "Ashby Ridge Trailhead", "trailfox_amy")


def test_reader_warnings_reach_the_output(blank_extractor):
    out = extract_shard(blank_extractor, [{"text": "Ran 5 km", "id": "w", "posted_at": None,
                                           "warnings": ["unreadable post date 'soon'"]}])
    assert out[0]["warnings"][0] == "unreadable post date 'soon'"


def test_empty_shard(blank_extractor):
    assert extract_shard(blank_extractor, []) == []


def test_error_line():
    line = json.loads(error_line({"id": "x", "origin": "dir/a.jsonl:12", "reason": "missing_text", "detail": "d"}))
    assert line == {"id": "x", "file": "dir/a.jsonl", "line": 12, "reason": "missing_text", "detail": "d"}


def test_default_errors_path():
    assert default_errors_path("out/records.jsonl") == "out/records.errors.jsonl"
    assert default_errors_path("records.csv") == "records.errors.jsonl"
    assert default_errors_path("records") == "records.errors.jsonl"


def test_run_summary_and_progress(tmp_path):
    err = io.StringIO()
    summary = run(BatchConfig(inputs=[str(DUMPS / "generic" / "posts.jsonl")], output=str(tmp_path / "o.jsonl"),
                              model="blank", workers=1, chunk_size=1, progress=True), stderr=err)
    assert (summary.posts, summary.records, summary.errors, summary.exit_code) == (6, 4, 2, 1)
    assert "posts/s" in err.getvalue()
    assert "6 posts: 4 records" in summary.line()


def test_progress_line_shows_rate_share_and_time_left():
    out = io.StringIO()
    p = Progress(out, True, 1000)
    p.begin()
    p.start -= 10  # ten seconds in: 5,000 posts done, from the first quarter of the input's bytes
    p.read(1, 100)  # the first shard comes with the head of the file, read at once: no share yet
    p.update(1, force=True)
    assert "posts/s" in out.getvalue() and "%" not in out.getvalue()
    p.read(5000, 250)
    p.read(6000, 300)
    p.update(5000, force=True)
    line = out.getvalue().rsplit("\r", 1)[1]
    assert "5,000 posts" in line and "500 posts/s" in line and "~25%" in line and "~30.0 s left" in line
    p.read_all(20000)  # the input is read to its end: the total is known, no longer an estimate
    p.update(10000, force=True)
    line = out.getvalue().rsplit("\r", 1)[1]
    assert "10,000 of 20,000 posts" in line and " 50%" in line and "~" not in line
    quiet = io.StringIO()
    Progress(quiet, False, 1000).update(10, force=True)
    assert quiet.getvalue() == ""


def test_time_limit_in_the_main_thread_and_in_another():
    """The limit stops a slow block in this thread (SIGALRM) and in a Dask worker's thread (a timer
    that raises in it); a block that ends in time is left alone, and no alarm goes off later."""
    import threading
    import time

    from fitpost.engine import PostTimeout, time_limit

    def run(block) -> str:
        try:
            with time_limit(0.2):
                block()
        except PostTimeout:
            return "stopped"
        return "done"

    def spin() -> None:
        end = time.monotonic() + 10
        while time.monotonic() < end:
            pass

    assert run(lambda: time.sleep(10)) == "stopped"
    assert run(spin) == "stopped"
    assert run(lambda: None) == "done"
    seen = []
    worker = threading.Thread(target=lambda: seen.extend([run(spin), run(lambda: time.sleep(0.01))]))
    worker.start()
    worker.join(30)
    assert seen == ["stopped", "done"]
    time.sleep(0.4)  # no timer left to fire


def test_a_timeout_set_as_a_threads_block_ends_does_not_strike_later(monkeypatch):
    """The timer of a thread fires just as its block ends: the timeout is raised within the with
    statement or dropped there, never in what the thread does next."""
    import threading

    from fitpost.engine import PostTimeout, time_limit

    timers = []

    class FiredByHand:
        daemon = True

        def __init__(self, seconds, fire):
            self.fire = fire
            timers.append(self)

        def start(self):
            pass

        def cancel(self):
            pass

    monkeypatch.setattr(threading, "Timer", FiredByHand)
    seen = []

    def work() -> None:
        try:
            with time_limit(5):
                timers[-1].fire()  # the last thing the block does
        except PostTimeout:
            seen.append("timed out")
        try:
            total = sum(i for i in range(200_000))  # what the thread does next
            seen.append(total)
        except PostTimeout:
            seen.append("struck later")

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(30)
    assert seen[-1] == sum(range(200_000)) and "struck later" not in seen


def test_time_limit_sets_a_timer_it_found_again():
    """A timer someone else had set (pytest-timeout's, say) runs on after the block."""
    import signal

    from fitpost.engine import time_limit

    old = signal.signal(signal.SIGALRM, lambda *a: None)
    signal.setitimer(signal.ITIMER_REAL, 30)
    try:
        with time_limit(5):
            pass
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 25 < left <= 30
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def test_extract_shard_times_out_one_post_and_keeps_the_others(blank_extractor, monkeypatch):
    import time
    real = blank_extractor.pipe

    def pipe(items, batch_size=128):
        items = list(items)
        if any(it.text == "stuck" for it in items):
            time.sleep(30)
        return real(items, batch_size)

    monkeypatch.setattr(blank_extractor, "pipe", pipe)
    records = [{"text": t, "id": f"x{i}"} for i, t in enumerate(["Ran 5 km", "stuck", "Swam 1 km"])]
    out = extract_shard(blank_extractor, records, limit=0.3)
    assert [r.get("id", r.get("error", {}).get("id")) for r in out] == ["x0", "x1", "x2"]
    assert out[1]["error"]["reason"] == "timed_out" and "error" not in out[0] and "error" not in out[2]
