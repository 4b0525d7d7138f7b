"""Every output line and every error line says where its post was read: file, line, and index or item
where a line holds several posts; also for posts without an id, with both engines and with --resume."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fitpost.cli import cli
from fitpost.engine import PIPELINES

DUMPS = Path(__file__).parent / "fixtures" / "dumps"


@pytest.fixture(autouse=True, scope="module")
def _shared_pipeline(blank_extractor):
    """In-process runs (--workers 1) use the session's blank pipeline instead of building their own."""
    PIPELINES.put("blank", blank_extractor)
    yield


def batch(*args, input=None):
    return CliRunner().invoke(cli, ["batch", *map(str, args), "--model", "blank", "--workers", "1"], input=input,
                              catch_exceptions=False)


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()] if path.exists() else []


def run(tmp_path: Path, *inputs, args=(), input=None) -> tuple[list[dict], list[dict]]:
    """Output lines and error lines of a batch over ``inputs``."""
    out = tmp_path / "out.jsonl"
    result = batch(*inputs, "-o", out, *args, input=input)
    assert result.exit_code in (0, 1), result.output
    return lines(out), lines(tmp_path / "out.errors.jsonl")


def where(source: dict) -> tuple:
    return tuple(source.get(k) for k in ("file", "line", "index", "item"))


def post(i: int, **more) -> dict:
    """A post without an id (the source is all there is to find it by)."""
    return {"text": f"Ran {i + 3} km along the canal", **more}


# ---------------------------------------------------------------- one test per reader kind

def test_json_lines_give_file_and_line(tmp_path):
    src = tmp_path / "posts.jsonl"
    src.write_text(json.dumps(post(0)) + "\n\n" + json.dumps(post(1, likes=4)) + "\n{broken\n"
                   + json.dumps(post(2)) + "\n")
    recs, errs = run(tmp_path, src)
    assert [r["id"] for r in recs] == [None, None, None]
    assert [where(r["source"]) for r in recs] == [(str(src), 1, None, None), (str(src), 3, None, None),
                                                  (str(src), 5, None, None)]
    assert recs[1]["source"] == {"file": str(src), "line": 3, "likes": 4}  # the position, then the metadata
    assert [(e["file"], e["line"], e["reason"]) for e in errs] == [(str(src), 4, "malformed_json")]


def test_a_json_array_on_one_line_gives_each_element_its_index(tmp_path):
    src = tmp_path / "posts.json"
    src.write_text(json.dumps([post(i) for i in range(4)]))
    recs, errs = run(tmp_path, src)
    assert [where(r["source"]) for r in recs] == [(str(src), 1, i, None) for i in range(4)] and not errs


def test_a_pretty_json_array_gives_line_and_index(tmp_path):
    src = tmp_path / "posts.json"
    src.write_text(json.dumps([post(0), {"id": "no-text"}, post(2)], indent=2))
    recs, errs = run(tmp_path, src)
    assert [(r["source"]["line"], r["source"]["index"]) for r in recs] == [(2, 0), (8, 2)]
    assert [(e["id"], e["line"], e["index"], e["reason"]) for e in errs] == [("no-text", 5, 1, "missing_text")]


def test_an_input_field_named_like_a_position_key_is_kept_apart(tmp_path):
    src = tmp_path / "posts.jsonl"
    src.write_text(json.dumps(post(0, line="red", file="notes.txt")) + "\n")
    (rec,), _ = run(tmp_path, src)
    assert rec["source"] == {"file": str(src), "line": 1, "input.line": "red", "input.file": "notes.txt"}


@pytest.mark.parametrize("delimiter, suffix", [(",", "csv"), ("\t", "tsv")])
def test_a_table_gives_each_row_its_line_and_index(tmp_path, delimiter, suffix):
    src = tmp_path / f"posts.{suffix}"
    rows = ["text", "Ran 5 km", '"Swam 2 km\nin the lake"', "", "Cycled 40 km"]
    src.write_text("\n".join(rows) + "\n")
    recs, _ = run(tmp_path, src)
    # the line where the row starts, and its index among the data rows (a blank line is none: pandas' index)
    assert [where(r["source"]) for r in recs] == [(str(src), 2, 0, None), (str(src), 3, 1, None),
                                                  (str(src), 6, 2, None)]


def test_a_table_row_that_cannot_be_read_has_its_index_in_the_error_file(tmp_path):
    src = tmp_path / "posts.csv"
    src.write_text("id,text\na1,Ran 5 km\na2,Swam 2 km,extra\na3,Cycled 40 km\n")
    recs, errs = run(tmp_path, src)
    assert [(r["id"], r["source"]["index"]) for r in recs] == [("a1", 0), ("a3", 2)]
    assert [(e["id"], e["line"], e["index"]) for e in errs] == [("a2", 3, 1)]


def test_a_text_file_is_its_own_post(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "monday.txt").write_text("Ran 8 km before work")
    recs, _ = run(tmp_path, folder)
    assert recs[0]["source"] == {"file": str(folder / "monday.txt"), "line": 1}


def test_a_twarc2_page_gives_each_tweet_its_item(tmp_path):
    page = {"data": [{"id": "t1", "text": "Ran 10 km", "author_id": "9"},
                     {"id": "t2", "text": "Swam 1 km", "author_id": "9"}],
            "includes": {"users": [{"id": "9", "username": "kari"}]}}
    single = {"data": [{"id": "t3", "text": "Rode 30 km", "author_id": "9"}], "includes": {"users": []}}
    src = tmp_path / "search.jsonl"
    src.write_text(json.dumps(page) + "\n" + json.dumps(single) + "\n")
    recs, _ = run(tmp_path, src, args=("--input-format", "twarc2"))
    assert [(r["id"], where(r["source"])) for r in recs] == [
        ("t1", (str(src), 1, None, 0)), ("t2", (str(src), 1, None, 1)), ("t3", (str(src), 2, None, None))]
    assert recs[0]["source"]["url"].endswith("/t1")  # the reader's metadata follows the position


def test_stdin_is_named_stdin(tmp_path):
    recs, _ = run(tmp_path, "-", input=json.dumps(post(0)) + "\n" + json.dumps(post(1)) + "\n")
    assert [where(r["source"]) for r in recs] == [("<stdin>", 1, None, None), ("<stdin>", 2, None, None)]


def test_a_compressed_file_counts_its_lines_decompressed(tmp_path):
    src = tmp_path / "posts.jsonl.gz"
    src.write_bytes(gzip.compress(("\n".join(json.dumps(post(i)) for i in range(3)) + "\n").encode()))
    recs, _ = run(tmp_path, src)
    assert [where(r["source"]) for r in recs] == [(str(src), i + 1, None, None) for i in range(3)]


# the fixture dumps of every input format: every post and every error has a file and a line, and no two
# posts share a place
DUMP_CASES = {
    "jsonl": (["generic/posts.jsonl"], []),
    "json": (["generic/posts_nested.json"], ["--input-format", "json", "--text-field", "caption.text"]),
    "text": (["text"], []),
    "instaloader": (["instaloader"], []),
    "apify": (["apify/dataset_instagram-scraper_2024-03-12.json"], ["--input-format", "apify"]),
    "twarc2": (["twarc2/search_raw.jsonl", "twarc2/search_flat.jsonl"], []),
    "meta": (["meta_instagram", "meta_facebook"], []),
}


@pytest.mark.parametrize("case", DUMP_CASES)
def test_every_reader_says_where_each_post_was(tmp_path, case):
    paths, args = DUMP_CASES[case]
    recs, errs = run(tmp_path, *(DUMPS / p for p in paths), args=args)
    assert recs
    places = [where(r["source"]) for r in recs]
    assert all(Path(f).exists() and isinstance(line, int) and line >= 1 for f, line, _, _ in places), places
    assert len(set(places)) == len(places)
    assert all(Path(e["file"]).exists() and isinstance(e["line"], int) for e in errs)


def test_instaloader_names_the_post_files(tmp_path):
    recs, _ = run(tmp_path, DUMPS / "instaloader")
    files = {Path(r["source"]["file"]).name for r in recs}
    assert files == {"2024-04-13_06-12-45_UTC.txt", "2024-04-20_17-03-09_UTC.json.xz", "2024-05-02_05-55-00_UTC.txt"}


# ---------------------------------------------------------------- extract, --resume, and the Dask engine

def test_extract_gives_no_source():
    result = CliRunner().invoke(cli, ["extract", "Ran 5 km", "--model", "blank"])
    assert result.exit_code == 0 and json.loads(result.output)["source"] is None


def test_resume_gives_the_same_sources(tmp_path):
    src = tmp_path / "posts.json"
    posts = [post(i) for i in range(60)]
    posts[30] = {"note": "no text"}
    src.write_text(json.dumps(posts))  # one line, no ids: only the index tells the posts apart
    whole = tmp_path / "whole.jsonl"
    assert batch(src, "-o", whole, "--chunk-size", 7).exit_code == 1
    out = tmp_path / "out.jsonl"
    stopped = batch(src, "-o", out, "--chunk-size", 7, "--fail-fast")  # stops at post 30, resumable
    assert stopped.exit_code == 1 and not out.exists(), stopped.output
    result = batch(src, "-o", out, "--chunk-size", 7, "--resume")
    assert result.exit_code == 1, result.output
    assert [r["source"] for r in lines(out)] == [r["source"] for r in lines(whole)]
    assert [r["source"]["index"] for r in lines(out)] == [i for i in range(60) if i != 30]
    assert [(e["line"], e["index"]) for e in lines(tmp_path / "out.errors.jsonl")] == [(1, 30)]


def test_the_dask_engine_gives_the_local_sources(tmp_path):
    pytest.importorskip("distributed")
    src = tmp_path / "posts.jsonl"
    src.write_text("".join(json.dumps(post(i)) + "\n" for i in range(40)) + "{broken\n")
    table = tmp_path / "posts.csv"
    table.write_text("text\n" + "".join(f"Ran {i} km\n" for i in range(1, 6)))
    recs, errs = run(tmp_path, src, table)
    out = tmp_path / "dask"
    result = CliRunner().invoke(cli, ["batch", str(src), str(table), "-o", str(out), "--model", "blank",
                                      "--engine", "dask", "--workers", "1", "--block-size", "1KB"])
    assert result.exit_code == 1, result.output
    d_recs = [json.loads(line) for p in sorted(out.glob("part-*.jsonl")) for line in p.read_text().splitlines()]
    d_errs = [json.loads(line) for p in sorted(out.glob("errors-*.jsonl")) for line in p.read_text().splitlines()]
    assert [r["source"] for r in d_recs] == [r["source"] for r in recs]
    assert d_errs == errs == [{"id": None, "file": str(src), "line": 41, "reason": "malformed_json",
                               "detail": errs[0]["detail"]}]
