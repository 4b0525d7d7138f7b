"""`fitpost batch` through click's CliRunner: every input and output format, the error file, exit codes."""
from __future__ import annotations

import csv
import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import fitpost.batch
from fitpost.cli import cli
from fitpost.engine import PIPELINES
from fitpost.extractor import Extractor
from fitpost.io.writers import COLUMNS

DUMPS = Path(__file__).parent / "fixtures" / "dumps"


@pytest.fixture(autouse=True, scope="module")
def _shared_pipeline(blank_extractor):
    """In-process runs (--workers 1) use the session's blank pipeline instead of building their own."""
    PIPELINES.put("blank", blank_extractor)
    yield


def batch(*args, input=None):
    result = CliRunner().invoke(cli, ["batch", *map(str, args), "--model", "blank"], input=input,
                                catch_exceptions=False)
    return result


def lines(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


# every input format: which posts come out, which go to the error file, in input order
CASES = {
    "jsonl": (["generic/posts.jsonl"], [], ["g1", "g2", "g5", "g6"], ["g3", "g4"]),
    "json-fields": (["generic/posts_nested.json"],
                    ["--input-format", "json", "--text-field", "caption.text", "--id-field", "pk",
                     "--date-field", "taken_at", "--author-field", "user.username"],
                    ["9001", "9002"], ["9003"]),
    "text": (["text"], [], ["2024-06-01_morning-run", "swim-notes"], ["latin1-note"]),
    "instaloader": (["instaloader"], [], ["C5aTrLfx01q", "C5bTrLfx02w", "2024-05-02_05-55-00_UTC"], []),
    "apify": (["apify/dataset_instagram-scraper_2024-03-12.json"], ["--input-format", "apify"],
              ["C4pCcLst01A", "C4rRl2Kb02B", "C4tNoCap03C"], []),
    "twarc2": (["twarc2/search_raw.jsonl", "twarc2/search_flat.jsonl"], [],
               ["1771000000000000001", "1771000000000000002", "1771000000000000003",
                "1772000000000000001", "1772000000000000002"], []),
    "meta": (["meta_instagram", "meta_facebook"], [],
             ["17998811223344556", "17911122233344455", "1710064800", "1710237600", "1710324000"], []),
}


@pytest.mark.parametrize("case", CASES)
def test_every_input_format(tmp_path, case):
    inputs, options, ok_ids, err_ids = CASES[case]
    out = tmp_path / "out.jsonl"
    result = batch(*[DUMPS / i for i in inputs], *options, "-o", out, "--workers", 1)
    assert result.exit_code == (1 if err_ids else 0), result.output
    assert [r["id"] for r in lines(out)] == ok_ids
    errors = tmp_path / "out.errors.jsonl"
    assert [e["id"] for e in lines(errors)] == err_ids if err_ids else not errors.exists()  # none: no file
    assert not list(tmp_path.glob("*.partial")) and not list(tmp_path.glob("*.resume.json"))


def test_metadata_travels_to_the_output(tmp_path):
    out = tmp_path / "out.jsonl"
    batch(DUMPS / "instaloader", "-o", out, "--workers", 1)
    first = lines(out)[0]
    assert first["author"] == "trailfox_amy" and first["posted_at"] == "2024-04-13"
    assert first["source"]["url"] == "https://www.instagram.com/p/C5aTrLfx01q/"
    assert first["source"]["location"] == "Ashby Ridge Trailhead" and first["source"]["tagged"] == ["kofi.trails"]


def test_meta_text_is_repaired_in_the_output(tmp_path):
    out = tmp_path / "out.jsonl"
    batch(DUMPS / "meta_facebook", "-o", out, "--workers", 1)
    raw = out.read_text(encoding="utf-8")
    assert "Brekkestø" in raw and "Ã" not in raw


def test_compressed_input_and_stdin(tmp_path):
    import gzip
    data = (DUMPS / "generic" / "posts.jsonl").read_bytes()
    (tmp_path / "in.jsonl.gz").write_bytes(gzip.compress(data))
    r1 = batch(tmp_path / "in.jsonl.gz", "-o", tmp_path / "a.jsonl", "--workers", 1)
    r2 = batch("-", "-o", tmp_path / "b.jsonl", "--workers", 1, input=data)
    assert r1.exit_code == r2.exit_code == 1
    assert [r["id"] for r in lines(tmp_path / "a.jsonl")] == [r["id"] for r in lines(tmp_path / "b.jsonl")] \
        == ["g1", "g2", "g5", "g6"]
    assert lines(tmp_path / "b.errors.jsonl")[0]["file"] == "<stdin>"


def test_error_file_lines(tmp_path):
    out, errs = tmp_path / "out.jsonl", tmp_path / "elsewhere" / "bad.jsonl"
    errs.parent.mkdir()
    result = batch(DUMPS / "generic" / "posts.jsonl", "-o", out, "--errors", errs, "--workers", 1)
    assert result.exit_code == 1
    e1, e2 = lines(errs)
    assert set(e1) == {"id", "file", "line", "reason", "detail"}
    assert (e1["id"], e1["line"], e1["reason"]) == ("g3", 4, "malformed_json")
    assert (e2["id"], e2["line"], e2["reason"]) == ("g4", 5, "missing_text")
    assert e1["file"].endswith("generic/posts.jsonl")
    assert not (tmp_path / "out.errors.jsonl").exists()
    assert "4 records" in result.stderr and "2 errors" in result.stderr


def test_workers_give_the_same_output_as_one_process(tmp_path):
    ins = [DUMPS / "generic" / "posts.jsonl", DUMPS / "twarc2", DUMPS / "meta_instagram"]
    a = batch(*ins, "-o", tmp_path / "one.jsonl", "--workers", 1)
    b = batch(*ins, "-o", tmp_path / "two.jsonl", "--workers", 2, "--chunk-size", 2)
    assert a.exit_code == b.exit_code == 1
    assert (tmp_path / "one.jsonl").read_text() == (tmp_path / "two.jsonl").read_text()
    assert (tmp_path / "one.errors.jsonl").read_text() == (tmp_path / "two.errors.jsonl").read_text()


# ---------------------------------------------------------------- output formats read back

def test_csv_output(tmp_path):
    out = tmp_path / "out.csv"
    batch(DUMPS / "twarc2", DUMPS / "generic" / "posts.jsonl", "-o", out, "--workers", 1)
    ref = tmp_path / "ref.jsonl"
    batch(DUMPS / "twarc2", DUMPS / "generic" / "posts.jsonl", "-o", ref, "--workers", 1)
    posts = lines(ref)
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == sum(max(len(p["activities"]), 1) for p in posts)  # a row per activity, or per post
    ids = [r["post_id"] for r in rows]
    assert sorted(set(ids), key=ids.index) == [p["id"] for p in posts]  # every post, in input order
    assert {r["author"] for r in rows} >= {"ola_strand", "maren.runs"}


def test_parquet_output(tmp_path):
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq
    out = tmp_path / "out.parquet"
    result = batch(DUMPS / "twarc2", DUMPS / "instaloader", "-o", out, "--workers", 2)
    assert result.exit_code == 0, result.output
    ref = tmp_path / "ref.jsonl"
    batch(DUMPS / "twarc2", DUMPS / "instaloader", "-o", ref, "--workers", 1)
    posts = lines(ref)
    table = pq.read_table(out)
    assert table.column_names == list(COLUMNS)
    assert table.num_rows == sum(max(len(p["activities"]), 1) for p in posts)
    ids = table.column("post_id").to_pylist()
    assert sorted(set(ids), key=ids.index) == [p["id"] for p in posts]
    assert not (tmp_path / "out.parquet.partial").exists()


def test_parquet_without_pyarrow_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    result = batch(DUMPS / "twarc2", "-o", tmp_path / "out.parquet", "--workers", 1)
    assert result.exit_code == 2
    assert "pip install 'fitpost[parquet]'" in result.output


def test_jsonld_output(tmp_path):
    out = tmp_path / "out.jsonld"
    result = batch(DUMPS / "twarc2", DUMPS / "apify", "-o", out, "--workers", 1)
    assert result.exit_code == 0
    ref = tmp_path / "ref.jsonl"
    batch(DUMPS / "twarc2", DUMPS / "apify", "-o", ref, "--workers", 1)
    posts = lines(ref)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["@context"] == "https://schema.org"
    graph = doc["@graph"]
    assert len(graph) == sum(len(p["activities"]) for p in posts)
    for action in graph:
        assert action["@type"] == "ExerciseAction" and action["exerciseType"]
        assert action["actionStatus"].startswith("https://schema.org/")
        assert action["identifier"].split("#")[0] in {p["id"] for p in posts}


def test_format_option_wins_over_the_suffix(tmp_path):
    out = tmp_path / "out.txt"
    batch(DUMPS / "twarc2", "-o", out, "--format", "csv", "--workers", 1)
    assert out.read_text().startswith(",".join(COLUMNS))


# ---------------------------------------------------------------- failures inside the pipeline

@pytest.fixture
def fragile_pipeline(monkeypatch):
    """A pipeline that raises on posts saying KABOOM, and whose worker process dies on DIE."""
    main = os.getpid()
    real = Extractor.pipe

    def pipe(self, items, batch_size=128):
        items = list(items)
        for it in items:
            text = getattr(it, "text", "")
            if "KABOOM" in text:
                raise RuntimeError("the pipeline blew up")
            if "DIE" in text and os.getpid() != main:
                os._exit(3)
        return real(self, items, batch_size)

    monkeypatch.setattr(Extractor, "pipe", pipe)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_post_that_breaks_the_pipeline_is_an_error_alone(tmp_path, fragile_pipeline, workers):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"k{i}", "text": "KABOOM" if i == 5 else f"Ran {i} km"}) + "\n"
                           for i in range(12)))
    out = tmp_path / "out.jsonl"
    result = batch(src, "-o", out, "--workers", workers, "--chunk-size", 4)
    assert result.exit_code == 1
    assert [r["id"] for r in lines(out)] == [f"k{i}" for i in range(12) if i != 5]
    (err,) = lines(tmp_path / "out.errors.jsonl")
    assert (err["id"], err["line"], err["reason"]) == ("k5", 6, "pipeline_failed")
    assert "blew up" in err["detail"]


def test_a_post_that_kills_its_worker_is_an_error_alone(tmp_path, fragile_pipeline):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"d{i}", "text": "DIE" if i == 7 else f"Swam {i} km"}) + "\n"
                           for i in range(20)))
    out = tmp_path / "out.jsonl"
    result = batch(src, "-o", out, "--workers", 2, "--chunk-size", 3)
    assert result.exit_code == 1
    assert [r["id"] for r in lines(out)] == [f"d{i}" for i in range(20) if i != 7]
    (err,) = lines(tmp_path / "out.errors.jsonl")
    assert (err["id"], err["reason"]) == ("d7", "worker_died")


def test_a_worker_that_dies_while_others_work_loses_nothing(fragile_pipeline):
    """The worker on the first shard dies while the other works on the next shards: every shard comes
    back in input order, the post that killed it as an error, the pool still running on."""
    from fitpost.batch import _Job, _Pool
    from fitpost.engine import item_record
    from fitpost.inputs import InputPost

    def rec(i: int) -> dict:
        return item_record(InputPost(text="DIE" if i == 0 else f"Rode {i} km", id=f"p{i}"))

    pool = _Pool(2, _Job("blank", "jsonl", None))
    try:
        results = list(pool.run([rec(i), rec(i + 1)] for i in range(0, 10, 2)))
    finally:
        pool.close()
    assert [s[0]["id"] for s, _ in results] == [f"p{i}" for i in range(0, 10, 2)]
    first = results[0][1]
    assert first[0][0] == "err" and "worker_died" in first[0][1] and first[1][0] == "ok"
    assert all(kind == "ok" for _, r in results[1:] for kind, *_ in r)
    assert all(w.proc.exitcode is not None for w in pool.workers)  # closed: none left running


@pytest.fixture
def slow_pipeline(monkeypatch):
    """A pipeline that takes a minute over a post saying SLOW (in every worker process)."""
    import time
    real = Extractor.pipe

    def pipe(self, items, batch_size=128):
        items = list(items)
        if any("SLOW" in getattr(it, "text", "") for it in items):
            time.sleep(60)
        return real(self, items, batch_size)

    monkeypatch.setattr(Extractor, "pipe", pipe)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_post_over_the_time_limit_goes_to_the_error_file(tmp_path, slow_pipeline, workers):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"t{i:02d}", "text": "SLOW" if i in (3, 9) else f"Ran {i} km"}) + "\n"
                           for i in range(12)))
    out = tmp_path / "out.jsonl"
    result = batch(src, "-o", out, "--workers", workers, "--chunk-size", 4, "--max-seconds-per-post", 0.5)
    assert result.exit_code == 1, result.output
    records, errors = lines(out), lines(tmp_path / "out.errors.jsonl")
    assert len(records) + len(errors) == 12  # every post: a line or an error line
    assert [r["id"] for r in records] == [f"t{i:02d}" for i in range(12) if i not in (3, 9)]
    assert [(e["id"], e["reason"]) for e in errors] == [("t03", "timed_out"), ("t09", "timed_out")]
    assert "--max-seconds-per-post" in errors[0]["detail"]


# ---------------------------------------------------------------- fail-fast, resume, exit codes

def test_fail_fast_stops_and_resume_goes_on(tmp_path):
    out = tmp_path / "out.jsonl"
    src = DUMPS / "generic" / "posts.jsonl"
    result = batch(src, "-o", out, "--workers", 1, "--fail-fast", "--chunk-size", 2)
    assert result.exit_code == 1
    assert "malformed_json" in result.stderr and "g3" in result.stderr
    assert not out.exists()
    assert [r["id"] for r in lines(str(out) + ".partial")] == ["g1", "g2"]
    assert [e["id"] for e in lines(tmp_path / "out.errors.jsonl.partial")] == ["g3"]
    # the same options bar one: a format change is refused
    again = batch(src, "-o", out, "--workers", 1, "--resume", "--format", "csv")
    assert again.exit_code == 2 and "format" in again.output
    done = batch(src, "-o", out, "--workers", 1, "--resume")
    assert done.exit_code == 1
    assert [r["id"] for r in lines(out)] == ["g1", "g2", "g5", "g6"]
    assert [e["id"] for e in lines(tmp_path / "out.errors.jsonl")] == ["g3", "g4"]
    assert "2 of them by an earlier run" in done.stderr


def test_resume_refuses_a_changed_input(tmp_path):
    src = tmp_path / "in.jsonl"
    shutil.copy(DUMPS / "generic" / "posts.jsonl", src)
    out = tmp_path / "out.jsonl"
    batch(src, "-o", out, "--workers", 1, "--fail-fast", "--chunk-size", 2)
    src.write_text('{"id": "other", "text": "Rowed"}\n' * 3)
    partial = Path(str(out) + ".partial").read_bytes()
    result = batch(src, "-o", out, "--workers", 1, "--resume")
    assert result.exit_code == 2 and "changed" in result.output
    assert not out.exists() and Path(str(out) + ".partial").read_bytes() == partial  # left as it was


def test_resume_without_a_partial_run_starts_over(tmp_path):
    out = tmp_path / "out.jsonl"
    result = batch(DUMPS / "twarc2", "-o", out, "--workers", 1, "--resume")
    assert result.exit_code == 0 and "nothing to resume" in result.stderr
    assert len(lines(out)) == 5


@pytest.mark.parametrize("args,message", [
    (["no/such/file.jsonl"], "no such file"),
    (["{twarc2}", "--format", "xml"], "xml"),
    (["{twarc2}", "--input-format", "myspace"], "myspace"),
    (["{twarc2}", "--workers", "-1"], "workers"),
    (["{twarc2}", "--model", "no_such_pipeline_xyz"], "no_such_pipeline_xyz"),
    (["{twarc2}", "--chunk-size", "0"], "chunk-size"),
])
def test_usage_errors_exit_2(tmp_path, args, message):
    args = [a.replace("{twarc2}", str(DUMPS / "twarc2")) for a in args]
    result = CliRunner().invoke(cli, ["batch", *args, "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not (tmp_path / "out.jsonl").exists()


def test_missing_output_option_exits_2():
    result = CliRunner().invoke(cli, ["batch", str(DUMPS / "twarc2")])
    assert result.exit_code == 2


def test_output_cannot_be_an_input(tmp_path):
    src = tmp_path / "in.jsonl"
    shutil.copy(DUMPS / "generic" / "posts.jsonl", src)
    result = batch(src, "-o", src)
    assert result.exit_code == 2 and "is also the output of this run" in result.output


def test_run_batch_keeps_its_python_signature(tmp_path):
    code = fitpost.batch.run_batch(str(DUMPS / "twarc2"), str(tmp_path / "o.jsonl"), model="blank", workers=1)
    assert code == 0 and len(lines(tmp_path / "o.jsonl")) == 5
