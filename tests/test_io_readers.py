"""The readers of fitpost.io: every input format, in its real layout, with its metadata and its errors."""
from __future__ import annotations

import bz2
import datetime as dt
import gzip
import io
import json
import lzma
import shutil
from pathlib import Path

import pytest

from fitpost.inputs import InputError, InputPost
from fitpost.io import Fields, detect, read_posts, sniff
from fitpost.io.common import fix_mojibake, get_path, open_input, to_date
from fitpost.io.jsonio import iter_records

DUMPS = Path(__file__).parent / "fixtures" / "dumps"


def items(path, fmt="auto", fields=None):
    return list(read_posts([str(path)], fmt, fields))


def posts(path, fmt="auto", fields=None):
    return [i for i in items(path, fmt, fields) if isinstance(i, InputPost)]


def errors(path, fmt="auto", fields=None):
    return [i for i in items(path, fmt, fields) if isinstance(i, InputError)]


# ---------------------------------------------------------------- generic JSON

def test_jsonl_posts_errors_and_metadata_in_order():
    got = items(DUMPS / "generic" / "posts.jsonl")
    assert [(type(i).__name__, i.id) for i in got] == [
        ("ReadPost", "g1"), ("ReadPost", "g2"), ("ReadError", "g3"), ("ReadError", "g4"),
        ("ReadPost", "g5"), ("ReadPost", "g6")]
    g1 = got[0]
    assert g1.posted_at == dt.date(2024, 3, 2) and g1.author == "maren.runs"
    assert g1.source == {"likes": 41}  # the other plain fields travel as source metadata
    assert g1.origin.endswith("generic/posts.jsonl:1")
    assert got[1].posted_at == dt.date(2024, 3, 3)  # an ISO timestamp
    assert got[5].posted_at == dt.date(2024, 3, 8)  # a Unix time
    bad_json, no_text = got[2], got[3]
    assert (bad_json.reason, bad_json.origin.rsplit(":", 1)[1]) == ("malformed_json", "4")  # line 3 is blank
    assert (no_text.reason, no_text.origin.rsplit(":", 1)[1]) == ("missing_text", "5")


def test_json_array_with_dotted_field_paths():
    path = DUMPS / "generic" / "posts_nested.json"
    fields = Fields(text="caption.text", id="pk", date="taken_at", author="user.username")
    got = items(path, "json", fields)
    assert [i.id for i in got] == ["9001", "9002", "9003"]
    assert got[0].text == "Rowed 6 km on the erg, new best split!"
    assert got[0].author == "amara.rows" and got[0].posted_at == dt.date(2024, 5, 1)
    assert isinstance(got[2], InputError) and got[2].reason == "missing_text"  # "caption": null
    assert got[2].origin.endswith("posts_nested.json:14")


def test_generic_defaults_find_a_nested_caption_and_user():
    got = posts(DUMPS / "generic" / "posts_nested.json")
    assert [(p.id, p.author) for p in got] == [("9001", "amara.rows"), ("9002", "jonas_w")]


@pytest.mark.parametrize("suffix,opener", [(".gz", gzip.open), (".xz", lzma.open), (".bz2", bz2.open)])
def test_compressed_inputs_read_as_the_plain_file(tmp_path, suffix, opener):
    src = DUMPS / "generic" / "posts.jsonl"
    packed = tmp_path / ("posts.jsonl" + suffix)
    with opener(packed, "wb") as f:
        f.write(src.read_bytes())
    plain = [(type(i).__name__, i.id, getattr(i, "text", None)) for i in items(src)]
    assert [(type(i).__name__, i.id, getattr(i, "text", None)) for i in items(packed)] == plain


def test_compression_is_found_by_its_magic_bytes_not_the_name(tmp_path):
    disguised = tmp_path / "posts.jsonl"
    disguised.write_bytes(gzip.compress(b'{"id": "z1", "text": "Ran 3 km"}\n'))
    assert [p.text for p in posts(disguised)] == ["Ran 3 km"]


def test_a_cut_compressed_file_keeps_the_posts_before_the_cut(tmp_path):
    lines = b"".join(json.dumps({"id": f"c{i}", "text": f"Ran {i} km"}).encode() + b"\n" for i in range(3000))
    packed = gzip.compress(lines)
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(packed[: len(packed) // 2])
    got = items(cut)
    assert isinstance(got[-1], InputError) and got[-1].reason == "unreadable_file"
    assert [p.id for p in got[:-1]] == [f"c{i}" for i in range(len(got) - 1)]


def test_not_utf8_line_is_an_error_with_its_id(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": "u1", "text": "ok"}\n{"id": "u2", "text": "Sk\xf8yter"}\n{"id": "u3", "text": "ok"}\n')
    got = items(path)
    assert [type(i).__name__ for i in got] == ["ReadPost", "ReadError", "ReadPost"]
    assert (got[1].reason, got[1].id) == ("not_utf8", "u2")


def test_not_utf8_in_a_json_array_element(tmp_path):
    path = tmp_path / "arr.json"
    path.write_bytes(b'[{"id": "a1", "text": "fine"},\n {"id": "a2", "text": "bad \xff byte"},\n {"id": "a3", "text": "fine"}]')
    got = items(path)
    assert [(type(i).__name__, i.id) for i in got] == [("ReadPost", "a1"), ("ReadError", "a2"), ("ReadPost", "a3")]
    assert got[1].reason == "not_utf8"


def test_json_array_streams_across_buffer_boundaries(tmp_path):
    n = 5000  # well over the 64 KiB read size
    recs = [{"id": f"s{i}", "text": "Swam " + "x" * (i % 97) + " \"quoted\" ø 🏊", "n": i} for i in range(n)]
    path = tmp_path / "big.json"
    path.write_text(json.dumps(recs, indent=1, ensure_ascii=False), encoding="utf-8")
    got = items(path)
    assert [p.id for p in got] == [r["id"] for r in recs]
    assert got[1234].text == recs[1234]["text"]


def test_malformed_array_element_is_skipped_and_reading_goes_on(tmp_path):
    path = tmp_path / "arr.json"
    path.write_text('[\n  {"id": "m1", "text": "one"},\n  {"id": "m2", "text": "two" "oops"},\n'
                    '  {"id": "m3", "text": "three"}\n]\n')
    got = items(path)
    assert [(type(i).__name__, i.id) for i in got] == [("ReadPost", "m1"), ("ReadError", "m2"), ("ReadPost", "m3")]
    assert got[1].origin.endswith(":3")


def test_truncated_array_reports_the_cut(tmp_path):
    path = tmp_path / "cut.json"
    path.write_text('[{"id": "t1", "text": "one"}, {"id": "t2", "te')
    got = items(path)
    assert isinstance(got[0], InputPost) and isinstance(got[1], InputError)
    assert got[1].reason == "malformed_json" and got[1].id == "t2"


def test_pretty_printed_objects_one_after_another(tmp_path):
    path = tmp_path / "pretty.json"
    path.write_text('{\n  "id": "p1",\n  "text": "Ran"\n}\n{\n  "id": "p2",\n  "text": "Swam"\n}\n')
    assert [(p.id, p.origin.rsplit(":", 1)[1]) for p in posts(path)] == [("p1", "1"), ("p2", "5")]


def test_iter_records_on_an_empty_file():
    assert list(iter_records(io.BytesIO(b""), "empty.jsonl")) == []


def test_stdin_is_read_and_sniffed(monkeypatch):
    data = (DUMPS / "twarc2" / "search_flat.jsonl").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    got = list(read_posts(["-"]))
    assert [p.author for p in got] == ["rowan_pike", "mei_runs_far"]
    assert got[0].origin == "<stdin>:1"


# ---------------------------------------------------------------- plain text

def test_text_folder_one_post_per_file():
    got = items(DUMPS / "text")
    assert [(type(i).__name__, i.id) for i in got] == [
        ("ReadPost", "2024-06-01_morning-run"), ("ReadError", "latin1-note"), ("ReadPost", "swim-notes")]
    assert got[0].posted_at == dt.date(2024, 6, 1)  # the date the file name starts with
    assert got[0].text.startswith("Early 8 km loop") and "\n" in got[0].text
    assert got[1].reason == "not_utf8"
    assert got[2].posted_at is None


def test_single_text_file():
    (p,) = posts(DUMPS / "text" / "swim-notes.txt")
    assert p.text.startswith("Open water swim") and p.id == "swim-notes"


# ---------------------------------------------------------------- instaloader

def test_instaloader_folder():
    got = items(DUMPS / "instaloader")
    assert all(isinstance(i, InputPost) for i in got)
    assert [p.id for p in got] == ["C5aTrLfx01q", "C5bTrLfx02w", "2024-05-02_05-55-00_UTC"]
    first, second, third = got
    assert first.text.startswith("Sunrise 18 km")
    assert first.author == "trailfox_amy" and first.tagged == ["kofi.trails"]
    assert first.location == "Ashby Ridge Trailhead" and first.posted_at == dt.date(2024, 4, 13)
    assert first.source["url"] == "https://www.instagram.com/p/C5aTrLfx01q/"
    assert first.source["shortcode"] == "C5aTrLfx01q" and first.source["tagged"] == ["kofi.trails"]
    # no caption file: the caption comes from the metadata
    assert second.text.startswith("Recovery day") and second.origin.endswith(".json.xz:1")
    # no metadata file: the date comes from the file name, the owner from the profile folder
    assert third.posted_at == dt.date(2024, 5, 2) and third.author == "trailfox_amy"
    assert third.text.startswith("Long run Sunday")


def test_instaloader_folder_is_detected_from_its_parent_and_itself():
    assert detect(str(DUMPS / "instaloader")) == "instaloader"
    assert detect(str(DUMPS / "instaloader" / "trailfox_amy")) == "instaloader"


def test_instaloader_metadata_file_alone():
    (p,) = posts(DUMPS / "instaloader" / "trailfox_amy" / "2024-04-20_17-03-09_UTC.json.xz")
    assert p.id == "C5bTrLfx02w" and p.author == "trailfox_amy" and p.posted_at == dt.date(2024, 4, 20)


def test_instaloader_broken_metadata_without_caption_is_an_error(tmp_path):
    folder = tmp_path / "someone"
    shutil.copytree(DUMPS / "instaloader" / "trailfox_amy", folder)
    (folder / "2024-04-20_17-03-09_UTC.json.xz").write_bytes(b"\xfd7zXZ\x00garbage")
    got = items(folder)
    assert len(got) == 3
    assert isinstance(got[1], InputError) and got[1].reason == "unreadable_file"


# ---------------------------------------------------------------- Apify

def test_apify_dataset():
    path = DUMPS / "apify" / "dataset_instagram-scraper_2024-03-12.json"
    assert sniff(path.read_bytes()) == "apify"
    got = items(path)
    assert [p.id for p in got] == ["C4pCcLst01A", "C4rRl2Kb02B", "C4tNoCap03C"]
    first = got[0]
    assert first.author == "coastline.cyclist" and first.tagged == ["petra.pedals"]
    assert first.location == "Port Calder Harbour" and first.posted_at == dt.date(2024, 3, 9)
    assert first.source["url"] == "https://www.instagram.com/p/C4pCcLst01A/"
    assert first.source["owner_full_name"] == "Nadia Castellanos" and first.source["hashtags"] == ["cycling", "century"]
    assert isinstance(got[2], InputPost) and got[2].text == ""  # a post without a caption is still a post


def test_apify_as_json_lines(tmp_path):
    recs = json.loads((DUMPS / "apify" / "dataset_instagram-scraper_2024-03-12.json").read_text())
    path = tmp_path / "dataset.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs))
    assert [p.id for p in posts(path)] == ["C4pCcLst01A", "C4rRl2Kb02B", "C4tNoCap03C"]


# ---------------------------------------------------------------- twarc2

def test_twarc2_raw_pages():
    path = DUMPS / "twarc2" / "search_raw.jsonl"
    assert sniff(path.read_bytes()) == "twarc2"
    got = items(path)
    assert [p.id for p in got] == ["1771000000000000001", "1771000000000000002", "1771000000000000003"]
    first, long, third = got
    assert first.author == "ola_strand" and first.tagged == ["dara_runs"]  # from includes.users
    assert first.location == "Mirefield, Westshire" and first.posted_at == dt.date(2024, 3, 16)
    assert "🏃" in first.text
    assert first.source["url"] == "https://x.com/ola_strand/status/1771000000000000001"
    assert long.text.endswith("promise.") and "…" not in long.text  # note_tweet.text, not the cut text
    assert third.origin.endswith("search_raw.jsonl:2")


def test_twarc2_flattened_lines():
    got = items(DUMPS / "twarc2" / "search_flat.jsonl", "twarc2")
    assert [(p.author, p.location) for p in got] == [("rowan_pike", "Stonecross, Dales"), ("mei_runs_far", None)]
    assert got[0].tagged == ["kit_climbs"]
    assert got[1].text.endswith("last two kilometres.")


# ---------------------------------------------------------------- Meta exports

def test_meta_instagram_export_repairs_mojibake():
    folder = DUMPS / "meta_instagram"
    assert detect(str(folder)) == "meta"
    raw = (folder / "your_instagram_activity" / "content" / "posts_1.json").read_text()
    assert "Skj\\u00c3\\u00a6rvik" in raw  # written the way Meta writes it
    got = items(folder)
    assert [p.text for p in got] == ["Skied 25 km from Skjærvik to Lønnøya today ❄️ #langrenn",
                                     "Skøyter på isen: 12 km rundt Måkevatnet med Åse 🙌"]
    assert got[0].posted_at == dt.date(2024, 2, 15) and got[0].id == "17998811223344556"
    assert got[1].source["media_count"] == 2


def test_meta_facebook_export():
    got = items(DUMPS / "meta_facebook")
    assert [p.id for p in got] == ["1710064800", "1710237600", "1710324000"]
    first = got[0]
    assert first.author == "Solveig Brekkestø" and first.location == "Fjellstua Skjærvik"
    assert first.tagged == ["Åse Kvamsdal"] and "nysnø" in first.text
    assert got[1].text == "Morning run: 10 km, new PB 🏃\u200d♀️"
    assert got[2].text == "" and got[2].source["url"] == "https://example.org/skjaervik-rennet"


def test_fix_mojibake():
    assert fix_mojibake("Troms\u00c3\u00b8") == "Tromsø"
    assert fix_mojibake("café") == "café"  # Latin-1 text that is not mojibake stays
    assert fix_mojibake({"a": ["\u00c3\u00a5"]}) == {"a": ["å"]}
    assert fix_mojibake("plain") == "plain"


# ---------------------------------------------------------------- detection and helpers

@pytest.mark.parametrize("rel,expected", [
    ("generic/posts.jsonl", "jsonl"),
    ("generic/posts_nested.json", "jsonl"),
    ("apify/dataset_instagram-scraper_2024-03-12.json", "apify"),
    ("twarc2/search_raw.jsonl", "twarc2"),
    ("twarc2/search_flat.jsonl", "twarc2"),
    ("meta_instagram/your_instagram_activity/content/posts_1.json", "meta"),
    ("meta_facebook/your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json", "meta"),
    ("text/swim-notes.txt", "text"),
])
def test_sniff(rel, expected):
    with open_input(str(DUMPS / rel)) as f:
        assert sniff(f.read(1 << 20)) == expected


def test_mixed_folder_reads_each_file_by_its_own_format(tmp_path):
    shutil.copy(DUMPS / "twarc2" / "search_flat.jsonl", tmp_path / "a_tweets.jsonl")
    shutil.copy(DUMPS / "text" / "swim-notes.txt", tmp_path / "b_note.txt")
    (tmp_path / "c_picture.jpg").write_bytes(b"\xff\xd8\xff")  # not a post
    got = items(tmp_path)
    assert [p.author for p in got] == ["rowan_pike", "mei_runs_far", None]
    assert got[2].id == "b_note"


def test_get_path_and_dates():
    obj = {"a": {"b": [{"c": 1}, {"c": 2}]}}
    assert get_path(obj, "a.b.1.c") == 2 and get_path(obj, "a.x.c") is None and get_path(obj, "a.b.5") is None
    assert to_date("2024-03-02T23:59:00Z") == dt.date(2024, 3, 2)
    assert to_date(1709856000) == dt.date(2024, 3, 8) and to_date(1709856000000) == dt.date(2024, 3, 8)
    assert to_date("Wed Oct 10 20:19:24 +0000 2018") == dt.date(2018, 10, 10)
    with pytest.raises(ValueError):
        to_date("last tuesday")


def test_unreadable_date_is_a_warning_not_an_error(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text('{"id": "d1", "text": "Ran", "posted_at": "sometime"}\n')
    (p,) = items(path)
    assert p.posted_at is None and p.warnings and "sometime" in p.warnings[0]


def test_json_lines_with_a_broken_first_line(tmp_path):
    path = tmp_path / "b.jsonl"
    path.write_text('{"id": "b1", "text": "cut sho\n{"id": "b2", "text": "Ran 4 km"}\n')
    got = items(path)
    assert [(type(i).__name__, i.id, i.origin.rsplit(":", 1)[1]) for i in got] == [
        ("ReadError", "b1", "1"), ("ReadPost", "b2", "2")]
