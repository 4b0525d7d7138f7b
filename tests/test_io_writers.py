"""The writers of fitpost.io: flat rows, JSON-LD, and the Sink's valid-prefix bookkeeping."""
from __future__ import annotations

import csv
import io
import json
import os

import pytest

from fitpost.io.writers import (
    COLUMNS,
    JSONLD_HEAD,
    OutputUsageError,
    Sink,
    create_file,
    csv_cell,
    exercise_actions,
    finish_file,
    flat_rows,
    is_own_output,
    output_format,
    publish,
    renderer,
    reopen_file,
    replace_file,
    rows_to_parquet,
    temp_file,
)
from fitpost.schema import Post

ACTIVITY = {
    "activity": "cycling", "evidence": {"text": "Cycled", "start": 0, "end": 6}, "status": "completed",
    "distance": {"kind": "distance", "text": "64 km", "start": 7, "end": 12, "value": 64, "unit": "km",
                 "meters": 64000.0},
    "duration": {"kind": "duration", "text": "3 hours", "start": 20, "end": 27, "seconds": 10800.0},
    "count": None, "repetition": {"kind": "repetition", "text": "twice", "start": 30, "end": 35, "times": 2},
    "frequency": None,
    "participants": [{"name": "Ines Carvalho-Byrne", "handle": "ines.rides", "relation": None},
                     {"name": None, "handle": "@gravel.gus", "relation": "friend"}],
    "places": [{"name": "Oakhollow", "role": "from"}, {"name": "Stonecross", "role": "to"},
               {"name": "Ashby Ridge", "role": "via"}],
    "event": {"name": "Calder Coast Century Ride"},
    "date": {"value": "2024-03-03", "text": "yesterday", "granularity": "day"},
}
POST = Post.model_validate({"id": "w1", "posted_at": "2024-03-04", "author": "ines.rides",
                            "activities": [ACTIVITY, {**ACTIVITY, "activity": "running", "status": "planned",
                                                      "distance": None, "places": [], "event": None}],
                            "source": {"url": "https://example.org/p/w1"}}).model_dump(mode="json")
EMPTY = Post(id="w2", author="leila_h").model_dump(mode="json")


def test_flat_rows_one_per_activity():
    rows = flat_rows(POST)
    assert [r["activity"] for r in rows] == ["cycling", "running"]
    r = rows[0]
    assert set(r) == set(COLUMNS)
    assert (r["post_id"], r["author"], r["posted_at"], r["activity_index"]) == ("w1", "ines.rides", "2024-03-04", 0)
    assert (r["distance_m"], r["duration_s"], r["repetition"]) == (64000.0, 10800.0, 2)
    assert r["participants"] == [{"name": "Ines Carvalho-Byrne", "handle": "ines.rides", "relation": None},
                                 {"name": None, "handle": "@gravel.gus", "relation": "friend"}]
    assert r["places"] == [{"name": "Oakhollow", "role": "from"}, {"name": "Stonecross", "role": "to"},
                           {"name": "Ashby Ridge", "role": "via"}]
    assert r["event"] == "Calder Coast Century Ride" and r["date"] == "2024-03-03"
    assert json.loads(r["source"]) == {"url": "https://example.org/p/w1"}
    assert rows[1]["distance_m"] is None and rows[1]["status"] == "planned"


def test_a_post_without_activities_keeps_one_row():
    (row,) = flat_rows(EMPTY)
    assert row["post_id"] == "w2" and row["activity"] is None and row["activity_index"] is None


def test_csv_rendering_reads_back():
    text, n = renderer("csv")(POST)
    assert n == 2
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2 and len(rows[0]) == len(COLUMNS)
    assert rows[0][COLUMNS.index("places")] == "Oakhollow (from); Stonecross (to); Ashby Ridge (via)"
    assert rows[0][COLUMNS.index("participants")] == "Ines Carvalho-Byrne (@ines.rides); @gravel.gus (friend)"


def test_exercise_action_shape():
    acts = exercise_actions(POST)
    assert len(acts) == 2
    a = acts[0]
    assert a["@type"] == "ExerciseAction" and a["exerciseType"] == "cycling"
    assert a["actionStatus"] == "https://schema.org/CompletedActionStatus"
    assert a["distance"] == "64000 m"
    assert a["fromLocation"] == {"@type": "Place", "name": "Oakhollow"}
    assert a["toLocation"] == {"@type": "Place", "name": "Stonecross"}
    assert a["location"] == {"@type": "Place", "name": "Ashby Ridge"}
    assert a["sportsEvent"] == {"@type": "SportsEvent", "name": "Calder Coast Century Ride"}
    assert a["participant"][0] == {"@type": "Person", "name": "Ines Carvalho-Byrne", "alternateName": "@ines.rides"}
    assert a["agent"] == {"@type": "Person", "name": "ines.rides"}
    assert a["startTime"] == "2024-03-03" and a["identifier"] == "w1#0" and a["url"] == "https://example.org/p/w1"
    assert acts[1]["actionStatus"] == "https://schema.org/PotentialActionStatus"
    assert exercise_actions(EMPTY) == []


@pytest.mark.parametrize("status,expected", [("ongoing", "ActiveActionStatus"), ("habitual", "ActiveActionStatus"),
                                             ("hypothetical", "PotentialActionStatus"),
                                             ("negated", "FailedActionStatus")])
def test_action_status_mapping(status, expected):
    post = {**POST, "activities": [{**ACTIVITY, "status": status}]}
    assert exercise_actions(post)[0]["actionStatus"] == "https://schema.org/" + expected


def test_jsonld_sink_is_one_document_and_resumes(tmp_path):
    path = str(tmp_path / "out.jsonld.partial")
    render = renderer("jsonld")
    sink = Sink("jsonld", create_file(path))
    sink.write(*render(EMPTY))  # nothing to write
    sink.write(*render(POST))
    offset, items = sink.commit(), sink.items
    sink.write(*render(POST))  # not committed: a resume drops it
    sink.end()
    sink.f.close()
    assert len(json.load(open(path))["@graph"]) == 4  # the interrupted file is valid JSON on its own
    sink = Sink("jsonld", reopen_file(path, offset), items=items, fresh=False)
    sink.write(*render(POST))
    sink.end()
    finish_file(sink.f)
    publish("jsonld", path, str(tmp_path / "out.jsonld"))
    doc = json.load(open(tmp_path / "out.jsonld"))
    assert doc["@context"] == "https://schema.org" and len(doc["@graph"]) == 4
    assert open(tmp_path / "out.jsonld").read().startswith(JSONLD_HEAD)
    assert not (tmp_path / "out.jsonld.partial").exists()


def test_parquet_rows_convert(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq
    rows = tmp_path / "rows.jsonl"
    rows.write_text("".join(renderer("parquet")(p)[0] for p in (POST, EMPTY)))
    rows_to_parquet(str(rows), str(tmp_path / "out.parquet"), batch=2)
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.column_names == list(COLUMNS) and table.num_rows == 3
    assert table.schema.field("posted_at").type == pa.date32()
    assert table.column("participants").to_pylist()[0] == [
        {"name": "Ines Carvalho-Byrne", "handle": "ines.rides", "relation": None},
        {"name": None, "handle": "@gravel.gus", "relation": "friend"}]


def test_output_format_from_suffix():
    assert output_format("a.jsonl") == "jsonl" and output_format("a.csv") == "csv"
    assert output_format("a.parquet") == "parquet" and output_format("a.jsonld") == "jsonld"
    assert output_format("a.out") == "jsonl" and output_format("a.jsonl", "csv") == "csv"
    with pytest.raises(OutputUsageError):
        output_format("a.jsonl.gz")
    with pytest.raises(OutputUsageError):
        output_format("a.jsonl", "xml")


@pytest.mark.parametrize("value, cell", [
    ("=1+1", "'=1+1"), ("+x", "'+x"), ("-2", "'-2"), ("@h", "'@h"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("a=b", "a=b"), (["@a", "b"], "'@a; b"), (["b", "@a"], "b; @a"), (None, ""), ("", ""), (5000.0, 5000.0),
])
def test_csv_cells_a_spreadsheet_would_run_get_a_quote(value, cell):
    assert csv_cell(value) == cell


def test_files_are_made_new_never_through_a_link(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / "out.jsonl.partial"
    link.symlink_to(victim)
    for path in (link, victim):
        with pytest.raises(FileExistsError):
            create_file(str(path))
    with pytest.raises(OSError):
        reopen_file(str(link), 0)  # a resume does not follow a link either
    with replace_file(str(link)) as f:
        f.write(b"new")
    assert victim.read_text() == "keep me" and not link.is_symlink() and link.read_bytes() == b"new"
    f, path = temp_file(str(tmp_path / "out.parquet"))
    f.close()
    name = os.path.basename(path)
    assert name.startswith(".out.parquet.") and name.endswith(".partial") and is_own_output(path)
    umask = os.umask(0)
    os.umask(umask)
    assert os.stat(path).st_mode & 0o777 == 0o666 & ~umask  # the permissions of the file it becomes
