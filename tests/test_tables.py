"""CSV and Parquet as tables for analysis: one row per activity, a column for every field of the record,
Parquet read natively by DuckDB and pandas, the same totals as the JSON Lines output."""
from __future__ import annotations

import csv
import json
import math
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from fitpost.cli import cli
from fitpost.engine import PIPELINES
from fitpost.io.writers import COLUMNS, TABLE, flat_rows, per_km
from fitpost.schema import Activity, Post

duckdb = pytest.importorskip("duckdb")
pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

# posts written for the test: several activities, some with a distance and some without, people, places,
# a pace, a climb, sets and reps, a repetition, attributes, a post with no activity, posts without an id
POSTS = [
    {"id": "t1", "posted_at": "2025-04-07",
     "text": "Ran 12 km with @nils_r from Oakford to Millbrook yesterday at 5:10 min/km, 300 m of climbing."},
    {"id": "t2", "posted_at": "2025-04-07", "text": "Swam 1.5 km this morning, then did 3x15 squats."},
    {"id": "t3", "posted_at": "2025-04-08", "author": "ada.rides", "text": "Cycled 42 km solo on the indoor trainer."},
    {"id": "t4", "posted_at": "2025-04-08", "text": "Did yoga for 40 minutes with my sister."},
    {"posted_at": "2025-04-09", "text": "Ran the hill loop twice last week, and walked 4 miles today."},
    {"posted_at": "2025-04-09", "text": "Nothing to report today."},
    {"id": "t7", "posted_at": "2025-04-10", "text": "Ran 5 km this morning. The race was fun, running is my thing."},
]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, blank_extractor) -> dict[str, Path]:
    """The posts through `fitpost batch` as JSON Lines, CSV and Parquet."""
    PIPELINES.put("blank", blank_extractor)
    folder = tmp_path_factory.mktemp("tables")
    src = folder / "posts.jsonl"
    src.write_text("".join(json.dumps(p) + "\n" for p in POSTS))
    out = {}
    for suffix in ("jsonl", "csv", "parquet"):
        out[suffix] = folder / f"out.{suffix}"
        result = CliRunner().invoke(cli, ["batch", str(src), "-o", str(out[suffix]), "--model", "blank",
                                          "--workers", "1"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return out


def records(outputs) -> list[dict]:
    return [json.loads(line) for line in outputs["jsonl"].read_text().splitlines()]


def test_duckdb_totals_by_activity_are_the_json_lines_totals(outputs):
    want: dict[str, float] = defaultdict(float)
    for post in records(outputs):
        for a in post["activities"]:
            want[a["activity"]] += (a["distance"] or {}).get("meters") or 0.0
    got = duckdb.sql(f"SELECT activity, sum(distance_m) FROM '{outputs['parquet']}' "
                     "WHERE activity IS NOT NULL GROUP BY activity").fetchall()
    assert {act: total or 0.0 for act, total in got} == pytest.approx(dict(want))
    assert len(want) >= 4 and any(v == 0 for v in want.values()) and sum(want.values()) > 20000


def test_the_sample_posts_give_the_same_totals_in_duckdb(tmp_path, blank_extractor):
    PIPELINES.put("blank", blank_extractor)
    sample = Path(__file__).parent / "fixtures" / "sample_posts.jsonl"
    for suffix in ("jsonl", "parquet"):
        result = CliRunner().invoke(cli, ["batch", str(sample), "-o", str(tmp_path / f"s.{suffix}"), "--model",
                                          "blank", "--workers", "1"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    want: dict[str, float] = defaultdict(float)
    for line in (tmp_path / "s.jsonl").read_text().splitlines():
        for a in json.loads(line)["activities"]:
            want[a["activity"]] += (a["distance"] or {}).get("meters") or 0.0
    got = duckdb.sql(f"SELECT activity, sum(distance_m) FROM '{tmp_path / 's.parquet'}' "
                     "WHERE activity IS NOT NULL GROUP BY activity").fetchall()
    assert {act: total or 0.0 for act, total in got} == pytest.approx(dict(want)) and len(want) > 5


def test_duckdb_reads_people_and_places_as_structs(outputs):
    rows = duckdb.sql(f"SELECT p.handle, pl.name, pl.role FROM '{outputs['parquet']}', "
                      "unnest(participants) AS t(p), unnest(places) AS u(pl) WHERE post_id = 't1'").fetchall()
    assert ("@nils_r", "Oakford", "from") in rows and ("@nils_r", "Millbrook", "to") in rows


def test_pandas_reads_the_parquet_as_the_json_lines(outputs):
    df = pd.read_parquet(outputs["parquet"])
    assert list(df.columns) == list(COLUMNS)
    assert len(df) == sum(max(len(p["activities"]), 1) for p in records(outputs))
    t1 = df[df.post_id == "t1"].iloc[0]
    assert list(t1.participants) == [{"name": None, "handle": "@nils_r", "relation": None}]
    assert [(p["name"], p["role"]) for p in t1.places] == [("Oakford", "from"), ("Millbrook", "to")]
    assert t1.pace_s_per_km == 310.0 and t1.elevation_m == 300.0 and t1.distance_m == 12000.0
    assert str(t1.posted_at) == "2025-04-07" and str(t1.date) == "2025-04-06"


def test_every_field_of_the_record_has_a_column():
    fields = set(Activity.model_fields) | set(Post.model_fields)
    covered = {c.field for c in TABLE}
    assert fields - covered == set(), "a field of the record without a column in fitpost.io.writers.TABLE"
    assert covered - fields == set()


def empty(value) -> bool:
    return value is None or value == [] or value == {} or (isinstance(value, float) and math.isnan(value))


def test_a_field_that_holds_something_shows_in_its_columns(outputs):
    """Row by row, every field of the record with a value has a column with a value."""
    df = pd.read_parquet(outputs["parquet"])
    rows = iter(df.to_dict("records"))
    seen = set()
    for post in records(outputs):
        for a in post["activities"] or [None]:
            row = next(rows)
            values = {**post, **(a or {})}
            for field, value in values.items():
                if empty(value):
                    continue
                seen.add(field)
                cells = [row[c.name] for c in TABLE if c.field == field]
                assert any(not empty(list(v) if hasattr(v, "__len__") and not isinstance(v, str) else v)
                           for v in cells), (field, value)
    assert {"pace", "elevation", "count", "repetition", "participants", "places", "attributes", "mentions",
            "exercise", "sport_type", "date", "source", "confidence"} <= seen  # the posts exercise them


def test_csv_flattens_the_lists_readably(outputs):
    rows = list(csv.DictReader(outputs["csv"].open(encoding="utf-8")))
    assert tuple(rows[0]) == COLUMNS
    t1 = next(r for r in rows if r["post_id"] == "t1")
    assert t1["places"] == "Oakford (from); Millbrook (to)"
    assert t1["participants"] == "'@nils_r"  # a cell starting with @ keeps its formula escape
    assert t1["source_line"] == "1" and t1["pace_s_per_km"] == "310.0"
    no_id = [r for r in rows if r["post_id"] == ""]
    assert [r["source_line"] for r in no_id] == ["5", "5", "6"]  # traceable without an id


def test_csv_writes_people_with_handle_and_relation():
    post = Post.model_validate({"activities": [{
        "activity": "running", "evidence": {"text": "Ran", "start": 0, "end": 3},
        "participants": [{"name": "Kari Nordvik", "handle": "kari", "relation": "sister"},
                         {"relation": "coach"}, {"handle": "=cmd"}],
        "mentions": [{"text": "race", "start": 20, "end": 24}], "attributes": ["solo", "indoor"]}]})
    from fitpost.io.writers import csv_text
    (row,) = list(csv.reader([csv_text(flat_rows(post.model_dump(mode="json")))]))
    cells = dict(zip(COLUMNS, row))
    assert cells["participants"] == "Kari Nordvik (@kari, sister); (coach); @=cmd"
    assert cells["mentions"] == "race [20:24]" and cells["attributes"] == "solo; indoor"


@pytest.mark.parametrize("seconds, per, want", [(313, "km", 313.0), (420, "mi", 260.976), (105, "100m", 1050.0),
                                                (125, "500m", 250.0), (None, "km", None), (300, "lap", None)])
def test_pace_in_seconds_per_km(seconds, per, want):
    got = per_km(seconds, per)
    assert got == (None if want is None else pytest.approx(want, abs=1e-3))
