"""The readers of fitpost.io: every input format, in its real layout, with its metadata and its errors."""
from __future__ import annotations

import bz2
import codecs
import datetime as dt
import gzip
import io
import json
import lzma
import os
import shutil
import zlib
from pathlib import Path

import pytest

from fitpost.inputs import InputError, InputPost
from fitpost.io import Fields, common, detect, read_posts, sniff
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
    path.write_bytes(b'[{"id": "a1", "text": "fine"},\n {"id": "a2", "text": "bad \xff byte"},\n'
                     b' {"id": "a3", "text": "fine"}]')
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


# ---------------------------------------------------------------- every post accounted for on any dump
#
# Each input post is an output post or an error, whatever the file: junk first lines, arrays
# followed by more JSON, cut or bomb compressed files, UTF-16, empty files, folders with loops,
# links out, tables, files of unknown kinds, folders that cannot be listed.

def split(got):
    return ([i for i in got if isinstance(i, InputPost)], [i for i in got if isinstance(i, InputError)])


def jsonl(n, start=0, prefix="p"):
    return "".join(json.dumps({"id": f"{prefix}{i}", "text": f"Ran {i} km"}) + "\n" for i in range(start, start + n))


@pytest.mark.parametrize("first", ["junk", "42", "null", "{oops", "[1, 2"])
@pytest.mark.parametrize("name", ["posts.jsonl", "posts.dat"])
def test_a_junk_or_scalar_first_line_is_one_error_and_the_lines_after_it_are_posts(tmp_path, first, name):
    path = tmp_path / name
    path.write_text(first + "\n" + jsonl(999))
    ok, bad = split(items(path))
    assert [p.id for p in ok] == [f"p{i}" for i in range(999)]
    assert len(bad) == 1 and bad[0].origin.endswith(":1") and bad[0].reason == "malformed_json"


def test_a_text_file_without_json_is_still_one_post(tmp_path):
    path = tmp_path / "note.dat"
    path.write_text("Ran 5 km today.\n{not json}\nSwam after.\n")
    (p,) = items(path)
    assert isinstance(p, InputPost) and p.text.startswith("Ran 5 km")


def test_an_array_followed_by_json_lines_gives_them_all(tmp_path):
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps([{"id": "a0", "text": "Ran"}]) + "\n" + jsonl(999))
    got = items(path)
    assert [p.id for p in got] == ["a0"] + [f"p{i}" for i in range(999)]
    assert got[1].origin.endswith(":2") and got[-1].origin.endswith(":1000")


def test_arrays_one_after_another_give_them_all(tmp_path):
    path = tmp_path / "two.json"
    path.write_text(json.dumps([{"id": "a", "text": "Ran"}, {"id": "b", "text": "Swam"}])
                    + json.dumps([{"id": "c", "text": "Rode"}]) + "\n"
                    + json.dumps([{"id": "d", "text": "Rowed"}], indent=2) + "\n")
    got = items(path)
    assert [p.id for p in got] == ["a", "b", "c", "d"] and all(isinstance(p, InputPost) for p in got)
    assert got[3].origin.endswith(":3")


_UNPACK = {".gz": (gzip.compress, lambda b: zlib.decompressobj(31).decompress(b)),
           ".xz": (lzma.compress, lambda b: lzma.LZMADecompressor().decompress(b)),
           ".bz2": (bz2.compress, lambda b: bz2.BZ2Decompressor().decompress(b))}


@pytest.mark.parametrize("suffix", sorted(_UNPACK))
@pytest.mark.parametrize("n", [1000, 30000])
def test_a_cut_compressed_file_gives_every_whole_line_and_one_error(tmp_path, suffix, n):
    """Every line the cut file still holds whole is a post (the last read buffer too), and the cut one error."""
    pack, unpack = _UNPACK[suffix]
    packed = pack(jsonl(n).encode())
    cut = packed[: len(packed) // 2]
    path = tmp_path / ("cut.jsonl" + suffix)
    path.write_bytes(cut)
    ok, bad = split(items(path))
    whole = unpack(cut).count(b"\n")  # the lines a decompressor can still give whole
    assert [p.id for p in ok] == [f"p{i}" for i in range(whole)]
    assert len(bad) == 1 and bad[0].reason == "unreadable_file" and bad[0].origin.endswith(f":{whole + 1}")
    assert "cut or damaged" in bad[0].detail
    assert whole > 0 or suffix == ".bz2"  # bzip2 gives nothing of a block cut short


def test_a_cut_compressed_array_and_text_file(tmp_path):
    packed = gzip.compress(json.dumps([{"id": f"a{i}", "text": "Ran " * 20} for i in range(3000)]).encode())
    (tmp_path / "cut.json.gz").write_bytes(packed[: len(packed) // 2])
    ok, bad = split(items(tmp_path / "cut.json.gz"))
    assert len(ok) > 100 and [p.id for p in ok] == [f"a{i}" for i in range(len(ok))]
    assert [e.reason for e in bad] == ["unreadable_file"]  # the cut, once (not also "the array ends early")
    packed = gzip.compress(("Ran a long way. " * 20000).encode())
    (tmp_path / "cut.txt.gz").write_bytes(packed[: len(packed) // 2])
    assert [(type(i).__name__, i.reason) for i in items(tmp_path / "cut.txt.gz")] == [("ReadError", "unreadable_file")]


def test_a_twarc2_file_whose_first_page_is_over_a_megabyte(tmp_path):
    tweets = [{"id": str(10**18 + i), "text": "Ran 5k " + "y" * 6000, "author_id": "7", "conversation_id": "1"}
              for i in range(200)]
    page = {"data": tweets, "includes": {"users": [{"id": "7", "username": "ola"}]}, "meta": {"result_count": 200}}
    path = tmp_path / "search.jsonl"
    path.write_text(json.dumps(page) + "\n" + json.dumps(dict(page, data=tweets[:3])) + "\n")
    assert len(json.dumps(page)) > 1 << 20
    got = items(path)
    assert len(got) == 203 and all(isinstance(p, InputPost) and p.author == "ola" for p in got)


@pytest.mark.parametrize("content", [b"", b"\n\n  \r\n\t\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n \n"])
@pytest.mark.parametrize("name", ["posts.jsonl", "posts.json", "note.txt", "rows.csv", "posts", "posts.jsonl.gz"])
def test_an_empty_or_blank_file_holds_no_post(tmp_path, content, name):
    path = tmp_path / name
    path.write_bytes(gzip.compress(content) if name.endswith(".gz") else content)
    assert items(path) == []


@pytest.mark.parametrize("name", ["posts.jsonl", "note.txt", "rows.csv", "posts", "posts.json.gz"])
def test_a_file_of_nul_bytes_is_one_error(tmp_path, name):
    """A file that was allocated but never written: one error, documented, not an empty post."""
    path = tmp_path / name
    content = b"\x00" * 4096
    path.write_bytes(gzip.compress(content) if name.endswith(".gz") else content)
    (e,) = items(path)
    assert isinstance(e, InputError) and e.reason == "unreadable_file" and "NUL" in e.detail


def test_blank_stdin_holds_no_post(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"\n\n")))
    assert list(read_posts(["-"])) == []


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path, encoding):
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}.get(encoding, b"")
    text = jsonl(1000).replace("Ran 7 km", "Ran 7 km to Tromsø 🏃")
    (tmp_path / "posts.jsonl").write_bytes(bom + text.encode(encoding))
    got = items(tmp_path / "posts.jsonl")
    assert [p.id for p in got] == [f"p{i}" for i in range(1000)] and got[7].text == "Ran 7 km to Tromsø 🏃"
    (tmp_path / "note.txt").write_bytes(bom + "Swam 2 km 🏊\n".encode(encoding))
    (p,) = items(tmp_path / "note.txt")
    assert p.text == "Swam 2 km 🏊"


def test_utf16_with_a_lone_surrogate_makes_that_post_an_error(tmp_path):
    good = jsonl(3).encode("utf-16-le")
    bad = '{"id": "half", "text": "Ran '.encode("utf-16-le") + b"\x3d\xd8" + ' km"}\n'.encode("utf-16-le")
    (tmp_path / "p.jsonl").write_bytes(codecs.BOM_UTF16_LE + good + bad + jsonl(1, 3).encode("utf-16-le"))
    got = items(tmp_path / "p.jsonl")
    assert [(type(i).__name__, i.id) for i in got] == [("ReadPost", "p0"), ("ReadPost", "p1"), ("ReadPost", "p2"),
                                                         ("ReadError", "half"), ("ReadPost", "p3")]
    assert got[3].reason == "not_utf8"


def test_a_symlink_loop_is_not_walked(tmp_path):
    folder = tmp_path / "posts"
    (folder / "sub").mkdir(parents=True)
    for i, where in enumerate(["", "", "sub/"]):
        (folder / f"{where}{i}.txt").write_text(f"Ran {i} km")
    os.symlink(".", folder / "loop")
    os.symlink("..", folder / "sub" / "up")
    os.symlink("0.txt", folder / "again.txt")  # a link inside: its file is read once, at its own place
    got = items(folder)
    assert [(type(p).__name__, p.text) for p in got] == [("ReadPost", f"Ran {i} km") for i in range(3)]


def test_a_symlink_out_of_the_folder_is_an_error_not_read(tmp_path):
    secret = tmp_path / "elsewhere" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0")
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "a.txt").write_text("Ran 5 km")
    os.symlink(secret, folder / "b.txt")
    os.symlink(secret.parent, folder / "c")
    os.symlink(tmp_path / "nothing-there", folder / "d.txt")  # dangling: nothing to read
    (tmp_path / "elsewhere" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    os.symlink(tmp_path / "elsewhere" / "photo.jpg", folder / "e.jpg")  # a picture would not be read anyway
    got = items(folder)
    assert [p.text for p in got if isinstance(p, InputPost)] == ["Ran 5 km"]
    bad = [(Path(e.origin).name, e.reason) for e in got if isinstance(e, InputError)]
    assert bad == [("b.txt:0", "unreadable_file"), ("c:0", "unreadable_file")]
    assert all("not followed" in e.detail for e in got if isinstance(e, InputError))
    chosen = items(folder, fields=Fields(glob=["a.*"]))  # a link out that is not chosen is not told of
    assert [(type(i).__name__, Path(i.origin).name) for i in chosen] == [("ReadPost", "a.txt:1"), ("ReadError", "c:0")]


def test_an_instaloader_folder_with_a_loop_and_a_link_out(tmp_path):
    folder = tmp_path / "amy"
    shutil.copytree(DUMPS / "instaloader" / "trailfox_amy", folder)
    os.symlink(".", folder / "loop")
    outside = tmp_path / "2024-06-01_10-00-00_UTC.txt"
    outside.write_text("Ran 3 km")
    os.symlink(outside, folder / outside.name)
    got = items(folder)
    assert [p.id for p in got if isinstance(p, InputPost)] == ["C5aTrLfx01q", "C5bTrLfx02w", "2024-05-02_05-55-00_UTC"]
    assert [e.reason for e in got if isinstance(e, InputError)] == ["unreadable_file"]


def test_a_csv_file_is_a_table_of_posts(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text('id,Caption,date,user,likes\n1,"Ran 5 km, then swam",2024-03-02,ola,4\n'
                    '2,"Two lines:\nrode 40 km",,kim,\n3,,2024-03-04,,\n\n4,Rowed 2k\n', encoding="utf-8")
    got = items(path)
    assert [(p.id, p.text, p.origin.rsplit(":", 1)[1]) for p in got] == [
        ("1", "Ran 5 km, then swam", "2"), ("2", "Two lines:\nrode 40 km", "3"), ("3", "", "5"), ("4", "Rowed 2k", "7")]
    assert got[0].posted_at == dt.date(2024, 3, 2) and got[0].author == "ola" and got[0].source == {"likes": "4"}


def test_csv_and_tsv_columns_chosen_by_name(tmp_path):
    path = tmp_path / "log.tsv"
    path.write_text("post\tnote\tkey\nk1\tSwam 2 km\tx\nk2\tRan 10k\ty\n")
    assert [(p.id, p.text) for p in items(path, fields=Fields(text="note", id="post"))] == [
        ("k1", "Swam 2 km"), ("k2", "Ran 10k")]
    no_text = items(path)  # no column of the defaults: every row an error that says which columns there are
    assert [(e.reason, e.origin.rsplit(":", 1)[1]) for e in no_text] == [("missing_text", "2"), ("missing_text", "3")]
    assert "post, note, key" in no_text[0].detail and "--text-field" in no_text[0].detail


def test_a_csv_row_that_cannot_be_read_is_an_error_in_its_place(tmp_path):
    path = tmp_path / "log.csv"
    path.write_bytes(b'id,text\n1,ok\n2,too,many,cells\n3,"' + b"x" * 200_000 + b'"\n4,Sk\xf8yter\n5,fine\n')
    got = items(path)
    assert [(type(i).__name__, getattr(i, "reason", None)) for i in got] == [
        ("ReadPost", None), ("ReadError", "malformed_row"), ("ReadError", "too_large"), ("ReadError", "not_utf8"),
        ("ReadPost", None)]
    assert [i.origin.rsplit(":", 1)[1] for i in got] == ["2", "3", "4", "5", "6"]


def test_a_folder_reads_md_and_csv_and_reports_unknown_files(tmp_path):
    (tmp_path / "a.md").write_text("# Long run\nRan 30 km.\n")
    (tmp_path / "b.csv").write_text("text\nSwam 1 km\nRode 20 km\n")
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "d.jpg").write_bytes(b"\xff\xd8\xff")  # a picture: not a post
    (tmp_path / "notes").write_text("Ran 5 km")
    got = items(tmp_path)
    assert [(Path(i.origin).name, type(i).__name__) for i in got] == [
        ("a.md:1", "ReadPost"), ("b.csv:2", "ReadPost"), ("b.csv:3", "ReadPost"), ("c.pdf:0", "ReadError"),
        ("notes:0", "ReadError")]
    assert got[0].id == "a" and got[3].reason == "unknown_file" and "--glob" in got[3].detail


def test_a_folder_leaves_out_fitpost_outputs(tmp_path):
    (tmp_path / "in.jsonl").write_text(jsonl(2))
    for name in ("out.jsonl.partial", "out.jsonl.resume.json", "out.jsonl.resume.json.tmp", "out.errors.jsonl",
                 "out.errors.jsonl.partial"):
        (tmp_path / name).write_text('{"id": "x", "text": "not an input"}\n')
    dask_out = tmp_path / "dask-out"
    dask_out.mkdir()
    for name in ("part-00000.jsonl", "part-00001.csv", "errors-00000.jsonl", "part-00002.jsonl.1a2b3c.partial"):
        (dask_out / name).write_text('{"id": "x", "text": "not an input"}\n')
    (dask_out / "_SUCCESS").write_text('{"posts": 1}\n')
    split_files = tmp_path / "split"  # part-NNNNN files of the user's own, no fitpost output beside them
    split_files.mkdir()
    (split_files / "part-00000.jsonl").write_text(jsonl(1, 2))
    assert [p.id for p in items(tmp_path)] == ["p0", "p1", "p2"]


def test_glob_chooses_the_files_of_a_folder(tmp_path):
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "a.jsonl").write_text(jsonl(1, 0))
    (tmp_path / "b.jsonl").write_text(jsonl(1, 1))
    (tmp_path / "c.log").write_text("Ran 9 km")
    (tmp_path / "d.pdf").write_bytes(b"%PDF")
    assert [p.id for p in items(tmp_path, fields=Fields(glob=["*.jsonl"]))] == ["p0", "p1"]
    assert [p.id for p in items(tmp_path, fields=Fields(glob=["2024/*"]))] == ["p0"]
    assert [p.text for p in items(tmp_path, fields=Fields(glob=["*.log"]))] == ["Ran 9 km"]  # chosen: sniffed
    assert detect(str(DUMPS / "instaloader"), glob=["*.txt"]) == "folder"


def _unlistable(monkeypatch, folder: Path) -> None:
    """``folder`` cannot be listed, as if its permissions said so (the tests may run as root)."""
    real = os.scandir

    def scandir(path="."):
        if os.path.realpath(path) == os.path.realpath(folder):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)
    monkeypatch.setattr(os, "scandir", scandir)


def _unopenable(monkeypatch, file: Path) -> None:
    real = open

    def fake_open(path, *args, **kwargs):
        if os.path.realpath(path) == os.path.realpath(file):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)
    monkeypatch.setattr(common, "open", fake_open, raising=False)


def _folder_with_unreadable_parts(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "posts"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.jsonl").write_text(jsonl(2))
    (folder / "locked" / "b.jsonl").write_text(jsonl(2, 2))
    (folder / "z.txt").write_text("Swam 1 km")
    (folder / "y.jsonl").write_text(jsonl(1, 9))
    _unlistable(monkeypatch, folder / "locked")
    _unopenable(monkeypatch, folder / "y.jsonl")
    return folder


def test_an_unreadable_file_or_subfolder_is_an_error_line(tmp_path, monkeypatch):
    got = items(_folder_with_unreadable_parts(tmp_path, monkeypatch))
    assert [(Path(i.origin).name, type(i).__name__) for i in got] == [
        ("a.jsonl:1", "ReadPost"), ("a.jsonl:2", "ReadPost"), ("locked:0", "ReadError"), ("y.jsonl:0", "ReadError"),
        ("z.txt:1", "ReadPost")]
    assert "cannot be listed (Permission denied)" in got[2].detail and "Permission denied" in got[3].detail


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_subfolder_by_its_permissions(tmp_path):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text("Ran")
    (tmp_path / "b.txt").write_text("Swam")
    os.chmod(tmp_path / "locked", 0)
    try:
        got = items(tmp_path)
    finally:
        os.chmod(tmp_path / "locked", 0o755)
    assert [type(i).__name__ for i in got] == ["ReadError", "ReadPost"]


def test_bombs_are_read_no_further_than_the_limits(tmp_path):
    """A 20 MiB post and a compressed file that expands 1000-fold are errors; neither is held whole."""
    big = b"Ran 5 km " * (20 << 20 >> 3)
    (tmp_path / "post.txt.gz").write_bytes(gzip.compress(big, compresslevel=1))
    (e,) = items(tmp_path / "post.txt.gz")
    assert e.reason == "too_large" and e.id == "post"
    packed = zlib.compressobj(9, zlib.DEFLATED, 31)
    blank = b" " * ((8 << 20) - 1) + b"\n"
    bomb = b"".join(packed.compress(blank) for _ in range(10)) + packed.flush()  # 80 MiB of blank lines
    (tmp_path / "bomb.jsonl.gz").write_bytes(gzip.compress(jsonl(3).encode()) + bomb)
    got = items(tmp_path / "bomb.jsonl.gz")
    assert [p.id for p in got[:3]] == ["p0", "p1", "p2"]
    assert [(e.reason, "decompression bomb" in e.detail) for e in got[3:]] == [("too_large", True)]


def test_a_line_over_the_limit_is_an_error_and_reading_goes_on(tmp_path):
    path = tmp_path / "big.jsonl"
    with open(path, "wb") as f:
        f.write(json.dumps({"id": "big", "text": "x" * (17 << 20)}).encode() + b"\n")
        f.write(jsonl(2).encode())
    got = items(path)
    assert [(type(i).__name__, i.id) for i in got] == [("ReadError", "big"), ("ReadPost", "p0"), ("ReadPost", "p1")]
    assert got[0].reason == "too_large"
    for size in (17 << 20, 40 << 20):  # read whole and found too large, or skipped while still being read
        tricky = [{"a": "]}\\\"[{", "b": [[], {}]}]  # brackets and escaped quotes in strings: not the end
        path.write_text("[" + json.dumps({"id": "big", "text": "x" * size, "n": tricky}) + ","
                        + jsonl(2).replace("\n", ",").rstrip(",") + "]")
        got = items(path)
        assert [(type(i).__name__, i.id) for i in got] == [("ReadError", "big"), ("ReadPost", "p0"), ("ReadPost", "p1")]


def test_a_number_too_long_to_convert_is_an_error(tmp_path):
    path = tmp_path / "n.jsonl"
    path.write_text('{"id": "n1", "text": "Ran", "likes": ' + "9" * 5000 + "}\n" + jsonl(1))
    got = items(path)
    assert [(type(i).__name__, i.origin.rsplit(":", 1)[1]) for i in got] == [("ReadError", "1"), ("ReadPost", "2")]
    path.write_text('[{"id": "n1", "text": "Ran", "likes": ' + "9" * 5000 + '}, {"id": "p0", "text": "Ran"}]')
    assert [type(i).__name__ for i in items(path)] == ["ReadError", "ReadPost"]


# ---------------------------------------------------------------- through fitpost batch

@pytest.fixture
def batch(blank_extractor):
    """``fitpost batch ... --model blank --workers 1`` in this process, on the session's blank pipeline."""
    from click.testing import CliRunner

    from fitpost.cli import cli
    from fitpost.engine import PIPELINES
    PIPELINES.put("blank", blank_extractor)

    def run(*args):
        return CliRunner().invoke(cli, ["batch", *map(str, args), "--model", "blank", "--workers", "1"],
                                  catch_exceptions=False)
    return run


def out_lines(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def test_batch_on_a_folder_with_unreadable_parts_then_resume(tmp_path, monkeypatch, batch):
    folder = _folder_with_unreadable_parts(tmp_path, monkeypatch)
    out = tmp_path / "out.jsonl"
    stopped = batch(folder, "-o", out, "--fail-fast", "--chunk-size", 1)
    assert stopped.exit_code == 1 and "Traceback" not in stopped.output
    assert "locked:0: unreadable_file: the folder cannot be listed" in stopped.stderr
    done = batch(folder, "-o", out, "--resume")
    assert done.exit_code == 1 and "of them by an earlier run" in done.stderr
    assert [r["id"] for r in out_lines(out)] == ["p0", "p1", "z"]
    assert [(Path(e["file"]).name, e["line"], e["reason"]) for e in out_lines(tmp_path / "out.errors.jsonl")] == [
        ("locked", 0, "unreadable_file"), ("y.jsonl", 0, "unreadable_file")]


def test_batch_reads_a_table_chosen_with_glob_and_its_columns(tmp_path, batch):
    folder = tmp_path / "dump"
    folder.mkdir()
    (folder / "log.csv").write_text("key,note\nk1,Swam 2 km\nk2,Ran 10 km\n")
    (folder / "other.jsonl").write_text(jsonl(2))
    out = tmp_path / "out.jsonl"
    result = batch(folder, "-o", out, "--glob", "*.csv", "--text-field", "note", "--id-field", "key")
    assert result.exit_code == 0, result.output
    assert [(r["id"], [a["activity"] for a in r["activities"]]) for r in out_lines(out)] == [
        ("k1", ["swimming"]), ("k2", ["running"])]
    # a resume with other files chosen is refused: the posts it would skip are not the same
    partial = batch(folder, "-o", out, "--fail-fast", "--glob", "*.jsonl", "--text-field", "nope")
    assert partial.exit_code == 1
    refused = batch(folder, "-o", out, "--resume", "--glob", "*.csv", "--text-field", "nope")
    assert refused.exit_code == 2 and "fields" in refused.output
