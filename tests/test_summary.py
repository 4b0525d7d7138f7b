"""`fitpost summary` through click's CliRunner, on the real output of `fitpost batch` over posts written here."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from fitpost.cli import cli
from fitpost.engine import EXIT_USAGE, PIPELINES

# written for this test: two runs (one planned), a swim and a ride on one day, a walk in a post
# that looks like markup, a post without records, a broken line, a post without an id
POSTS = [
    '{"id": "p1", "text": "Ran 10 km from Kothrud to Baner with @mila_runs this morning.", "posted_at": "2025-04-06"}',
    '{"id": "p2", "text": "Swam 1.5 km at the pool yesterday, then cycled 25 km home.", "posted_at": "2025-04-08"}',
    '{"id": "p3", "text": "Planning to run 15 km on Sunday.", "posted_at": "2025-04-09"}',
    '{"id": "p4", "text": "<script>alert(1)</script> Walked 3 km & felt <b>great</b>", "posted_at": "2025-04-10"}',
    '{"id": "p5", "text": "Coffee and a good book today.", "posted_at": "2025-04-11"}',
    '{"id": "p6", "text": ',
    '{"text": "Rode 40 km with @dan_rides in 1 hour 30 minutes.", "posted_at": "2025-04-13"}',
    '{"id": "p8", "text": "Ran the Harbour Half Marathon with @mila_runs in 1:52:10 on Sunday.", '
    '"posted_at": "2025-04-14"}',
]


@pytest.fixture(scope="module")
def output(tmp_path_factory, blank_extractor) -> Path:
    """OUT.jsonl (and OUT.errors.jsonl beside it) of `fitpost batch` over POSTS."""
    PIPELINES.put("blank", blank_extractor)
    folder = tmp_path_factory.mktemp("summary")
    (folder / "posts.jsonl").write_text("\n".join(POSTS) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(folder / "posts.jsonl"), "-o", str(folder / "out.jsonl"),
                                      "--model", "blank", "--workers", "1", "--quiet"])
    assert result.exit_code == 1, result.output  # the broken line went to the error file
    return folder / "out.jsonl"


def summary(*args, input=None):
    return CliRunner().invoke(cli, ["summary", *map(str, args)], input=input)


def section(text: str, title: str) -> list[str]:
    """The lines of the section whose title starts with ``title`` (up to the blank line)."""
    return text.split("\n" + title, 1)[1].split("\n\n", 1)[0].splitlines()[1:]


def test_the_counts_and_tables(output):
    result = summary(output)
    assert result.exit_code == 0, result.output
    text = result.output
    for name, value in (("posts", 7), ("records", 7), ("posts without records", 1), ("errors", 1)):
        assert re.search(rf"^{name} +{value}$", text, flags=re.M), name
    table = section(text, "records by activity and status")
    assert table[0].split() == ["activity", "records", "completed", "planned"]
    rows = {line.split()[0]: line.split()[1:] for line in table[1:]}
    assert rows["running"] == ["3", "2", "1"]
    assert rows["cycling"] == ["2", "2"] and rows["swimming"] == ["1", "1"] and rows["walking"] == ["1", "1"]
    assert rows["all"] == ["7", "6", "1"]
    # right-aligned: each number column ends where its header ends
    ends = [m.end() for m in re.finditer(r"\S+", table[0])]
    for line in table[1:]:
        assert {m.end() for m in list(re.finditer(r"\S+", line))[1:]} <= set(ends[1:]), line


def test_distance_and_time_count_only_what_was_done(output):
    done = {line.split()[0]: line.split()[1:] for line in section(summary(output).output, "distance and time done")[1:]}
    assert done["running"] == ["2", "31.1", "1:52"]  # 10 km + a half marathon; the planned 15 km left out
    assert done["cycling"] == ["2", "65.0", "1:30"]
    assert done["all"] == ["6", "100.6", "3:22"]


def test_the_most_frequent_participants_places_and_events(output):
    text = summary(output, "--top", "1").output
    assert section(text, "most frequent participants")[1].split() == ["@mila_runs", "2"]
    assert len(section(text, "most frequent places")) == 2  # the header and one place (--top 1)
    assert section(text, "most frequent events")[1].split() == ["Harbour", "Half", "Marathon", "1"]


def test_json_for_machines(output):
    result = summary(output, "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert (data["posts"], data["records"], data["errors"]) == (7, 7, 1)
    assert data["errors_by_reason"] == {"malformed_json": 1}
    assert data["records_by_activity"]["running"] == 3
    assert data["records_by_activity_and_status"]["running"] == {"completed": 2, "planned": 1}
    assert data["done"]["running"]["distance_m"] == pytest.approx(10_000 + 21_097.5)
    assert data["done"]["cycling"]["duration_s"] == 5400
    assert data["participants"][0] == {"name": "@mila_runs", "posts": 2}
    assert {p["name"] for p in data["places"]} >= {"Kothrud", "Baner"}
    weeks = {(w["week"], w["activity"]): w for w in data["weekly"]}
    assert weeks["2025-03-31", "running"]["distance_m"] == 10_000  # Sunday 6 April: the week of Monday 31 March
    assert weeks["2025-04-07", "cycling"]["distance_m"] == 65_000  # "yesterday" of 8 April, and 13 April


def test_errors_file_given_or_absent(output, tmp_path):
    lone = tmp_path / "records.jsonl"
    shutil.copy(output, lone)  # no error file beside it
    assert json.loads(summary(lone, "--json").output)["errors"] == 0
    errors = output.with_name("out.errors.jsonl")
    assert json.loads(summary(lone, "--json", "--errors", errors).output)["errors"] == 1


def test_reads_stdin_and_a_dask_output_folder(output, tmp_path):
    lines = output.read_text(encoding="utf-8").splitlines(keepends=True)
    from_stdin = json.loads(summary("-", "--json", input="".join(lines)).output)
    assert (from_stdin["posts"], from_stdin["errors"]) == (7, 0)
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "part-00000.jsonl").write_text("".join(lines[:3]), encoding="utf-8")
    (folder / "part-00001.jsonl").write_text("".join(lines[3:]), encoding="utf-8")
    shutil.copy(output.with_name("out.errors.jsonl"), folder / "errors-00000.jsonl")
    assert summary(folder).output == summary(output).output


@pytest.mark.parametrize("content, message", [
    (None, "no such file: "),
    ("id,activity\np1,running\n", ":1: not a JSON line"),
    ('{"id": "p1", "activities": []}\n[1, 2]\n', ":2: not an output line of fitpost batch: not a JSON object"),
    ('{"id": "p1", "activities": [{"activity": "running"}]}\n', 'without an "evidence" span'),
    (b"\xff\xfe{}\n", ":1: not UTF-8 text"),
])
def test_a_missing_or_bad_file_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "out.jsonl"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    result = summary(path)
    assert result.exit_code == EXIT_USAGE
    assert message in result.output and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_missing_errors_file_is_a_clear_error(output, tmp_path):
    result = summary(output, "--errors", tmp_path / "nope.jsonl")
    assert result.exit_code == EXIT_USAGE and "no such file" in result.output
