"""Properties of the input readers (``read_posts``) that hold on any file.

Files in every input format are generated (valid, with fields of the wrong
type, cut short, with bytes overwritten, in other encodings, with a BOM,
compressed, or random bytes) and read with every format.  Reading never raises
on content: each post comes out as an InputPost with valid text or as an
InputError with a known reason; a well-formed file accounts for every line or
array element, in order.
"""
from __future__ import annotations

import bz2
import codecs
import gzip
import json
import lzma
import tempfile
import zlib
from pathlib import Path

import pytest
from _strategies import check_items, posts
from hypothesis import given
from hypothesis import strategies as st

from fitpost.inputs import InputError, InputPost
from fitpost.io.common import MALFORMED_JSON, Fields, has_bad_bytes
from fitpost.io.readers import INPUT_FORMATS, InputUsageError, read_posts

# ---------------------------------------------------------------- JSON of any shape

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
    st.sampled_from(["2024-03-02", "2024-13-45T99:00:00Z", "1710000000", "1710000000000",
                     "Sat Mar 02 10:00:00 +0000 2024", "", "0", "-1", "9" * 30]),
)
JSON = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=10)


def maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:
    """The right kind of value most of the time, any JSON value sometimes."""
    return st.one_of(strategy, strategy, JSON)


TEXT = posts(max_pieces=6)
IDS = st.one_of(st.text(min_size=1, max_size=10), st.integers(0, 10**20))
STAMPS = st.one_of(st.integers(-(10**15), 10**15), st.floats(), st.sampled_from(["2024-03-02T10:00:00Z", "1710000000"]))


def obj(required: dict, optional: dict) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(required, optional=optional)


GENERIC = obj({}, {
    "text": maybe(TEXT), "caption": maybe(TEXT), "id": maybe(IDS), "posted_at": maybe(STAMPS), "date": JSON,
    "author": maybe(st.one_of(st.text(max_size=8), st.fixed_dictionaries({"username": maybe(st.text(max_size=8))}))),
    "tagged": maybe(st.lists(maybe(st.text(max_size=8)), max_size=3)), "location": JSON, "likes": JSON,
})
APIFY = obj({"shortCode": maybe(IDS)}, {
    "caption": maybe(TEXT), "ownerUsername": maybe(st.text(max_size=8)), "timestamp": maybe(STAMPS),
    "taggedUsers": maybe(st.lists(maybe(st.fixed_dictionaries({"username": maybe(st.text(max_size=8))})), max_size=3)),
    "locationName": JSON, "hashtags": JSON, "likesCount": JSON, "url": JSON, "id": JSON, "type": JSON,
})
TWEET = obj({"text": maybe(TEXT)}, {
    "id": maybe(IDS), "author_id": maybe(IDS), "created_at": maybe(STAMPS), "conversation_id": JSON,
    "geo": maybe(st.fixed_dictionaries({}, optional={"place_id": JSON, "full_name": JSON, "name": JSON})),
    "entities": maybe(st.fixed_dictionaries({}, optional={
        "mentions": maybe(st.lists(maybe(st.fixed_dictionaries({"username": JSON})), max_size=3)),
        "hashtags": maybe(st.lists(maybe(st.fixed_dictionaries({"tag": JSON})), max_size=3))})),
    "author": maybe(st.fixed_dictionaries({}, optional={"username": JSON, "name": JSON})),
    "referenced_tweets": maybe(st.lists(maybe(st.fixed_dictionaries({"type": JSON, "id": JSON})), max_size=2)),
    "note_tweet": maybe(st.fixed_dictionaries({"text": maybe(TEXT)})), "lang": JSON,
})
PAGE = obj({"data": maybe(st.one_of(st.lists(maybe(TWEET), max_size=3), TWEET))}, {
    "includes": maybe(st.fixed_dictionaries({}, optional={
        "users": maybe(st.lists(maybe(st.fixed_dictionaries({"id": JSON, "username": JSON})), max_size=3)),
        "places": maybe(st.lists(maybe(st.fixed_dictionaries({"id": JSON, "full_name": JSON})), max_size=3))})),
    "meta": JSON, "__twarc": JSON,
})
IG_MEDIA = obj({"uri": maybe(st.text(max_size=20))}, {"creation_timestamp": maybe(STAMPS), "title": maybe(TEXT)})
IG_POST = obj({"media": maybe(st.lists(maybe(IG_MEDIA), max_size=3))},
              {"creation_timestamp": maybe(STAMPS), "title": maybe(TEXT)})
FB_POST = obj({"timestamp": st.integers(-(10**12), 10**12)}, {
    "data": maybe(st.lists(maybe(st.fixed_dictionaries({"post": maybe(TEXT)})), max_size=3)),
    "title": maybe(st.text(max_size=30)), "tags": maybe(st.lists(JSON, max_size=3)),
    "attachments": maybe(st.lists(maybe(st.fixed_dictionaries({"data": maybe(st.lists(maybe(st.fixed_dictionaries(
        {}, optional={"place": JSON, "external_context": JSON, "media": maybe(st.fixed_dictionaries(
            {}, optional={"uri": JSON, "description": maybe(TEXT)}))})), max_size=2))})), max_size=2)),
})
META = st.one_of(IG_POST, FB_POST, st.dictionaries(st.sampled_from(["ig_media", "status_updates_v2"]),
                                                   st.lists(st.one_of(IG_POST, FB_POST, JSON), max_size=3),
                                                   min_size=1, max_size=1))
NODE = obj({}, {
    "shortcode": maybe(IDS), "taken_at_timestamp": maybe(STAMPS), "__typename": JSON, "id": JSON,
    "edge_media_to_caption": maybe(st.fixed_dictionaries({"edges": maybe(st.lists(maybe(st.fixed_dictionaries(
        {"node": maybe(st.fixed_dictionaries({"text": maybe(TEXT)}))})), max_size=2))})),
    "edge_media_to_tagged_user": maybe(st.fixed_dictionaries({"edges": maybe(st.lists(JSON, max_size=2))})),
    "location": maybe(st.fixed_dictionaries({"name": JSON})),
    "owner": maybe(st.fixed_dictionaries({}, optional={"username": JSON, "id": JSON, "full_name": JSON})),
})
INSTALOADER = st.one_of(NODE, st.fixed_dictionaries({"node": maybe(NODE), "instaloader": JSON}))

RECORDS = {"jsonl": GENERIC, "json": GENERIC, "apify": APIFY, "twarc2": st.one_of(TWEET, PAGE), "meta": META,
           "instaloader": INSTALOADER}


# ---------------------------------------------------------------- files

def dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=True)


@st.composite
def containers(draw, records: list) -> bytes:
    """Records as JSON Lines, a JSON array (compact or indented) or values one after another."""
    how = draw(st.sampled_from(["lines", "lines", "array", "array-indented", "values"]))
    ascii_ = draw(st.booleans())
    if how == "lines":
        sep = draw(st.sampled_from(["\n", "\r\n", "\n\n"]))
        text = sep.join(json.dumps(r, ensure_ascii=ascii_) for r in records) + draw(st.sampled_from(["", "\n"]))
    elif how == "array":
        text = json.dumps(records, ensure_ascii=ascii_)
    elif how == "array-indented":
        text = json.dumps(records, ensure_ascii=ascii_, indent=2)
    else:
        text = "\n".join(json.dumps(r, ensure_ascii=ascii_, indent=1) for r in records)
    return text.encode("utf-8", "surrogatepass")


@st.composite
def damaged(draw, data: bytes) -> bytes:
    """``data`` as it is, or cut, overwritten, re-encoded, with a BOM, compressed, or random bytes."""
    how = draw(st.sampled_from(["as is", "cut", "overwrite", "insert", "utf-16", "latin-1", "bom", "gzip", "xz",
                                "bz2", "gzip-cut", "random", "nul"]))
    if how == "cut" and data:
        return data[:draw(st.integers(0, len(data)))]
    if how in ("overwrite", "insert") and data:
        at = draw(st.integers(0, len(data)))
        junk = draw(st.binary(min_size=1, max_size=12))
        return data[:at] + junk + data[at + (len(junk) if how == "overwrite" else 0):]
    if how == "utf-16":
        return data.decode("utf-8", "replace").encode("utf-16")
    if how == "latin-1":
        return data.decode("utf-8", "replace").encode("latin-1", "replace")
    if how == "bom":
        return b"\xef\xbb\xbf" + data
    if how == "gzip":
        return gzip.compress(data)
    if how == "xz":
        return lzma.compress(data)
    if how == "bz2":
        return bz2.compress(data)
    if how == "gzip-cut":
        packed = gzip.compress(data)
        return packed[:draw(st.integers(0, len(packed)))]
    if how == "random":
        return draw(st.binary(max_size=300))
    if how == "nul":
        return data.replace(b",", b"\x00", 1)
    return data


SUFFIXES = [".jsonl", ".json", ".txt", ".jsonl.gz", ".dat", ""]


def read_all(path: Path, fmt: str) -> list:
    """Every item of ``path`` read as ``fmt``, each checked to be a well-formed post or error."""
    return check_items(list(read_posts([str(path)], fmt)), str(path))


def write(data: bytes, suffix: str) -> tuple[tempfile.TemporaryDirectory, Path]:
    tmp = tempfile.TemporaryDirectory()
    path = Path(tmp.name) / f"posts{suffix}"
    path.write_bytes(data)
    return tmp, path


# ---------------------------------------------------------------- never raises

@pytest.mark.parametrize("kind", sorted(RECORDS))
@given(data=st.data())
def test_any_file_is_read_without_raising(kind, data):
    records = data.draw(st.lists(RECORDS[kind], max_size=5), label="records")
    content = data.draw(damaged(data.draw(containers(records))), label="content")
    suffix = data.draw(st.sampled_from(SUFFIXES), label="suffix")
    tmp, path = write(content, suffix)
    with tmp:
        for fmt in ("auto", kind) if kind != "json" else ("auto", "json", "jsonl"):
            read_all(path, fmt)


@given(content=st.one_of(st.binary(max_size=500),
                         st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass"))),
       suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_in_every_format(content, suffix):
    tmp, path = write(content, suffix)
    with tmp:
        for fmt in INPUT_FORMATS:
            read_all(path, fmt)


@given(text=TEXT, how=st.sampled_from(["utf-8", "bom", "utf-16", "utf-32", "latin-1", "cut"]), name=st.sampled_from(
    ["post.txt", "2024-03-02_run.txt", "2024-13-99.txt", "post.txt.gz", "note.md"]))
def test_a_text_file_is_one_post_or_one_error(text, how, name):
    data = text.encode("utf-8")
    if how == "bom":
        data = b"\xef\xbb\xbf" + data
    elif how in ("utf-16", "utf-32", "latin-1"):
        data = text.encode(how, "replace")
    elif how == "cut":
        data = data[:-1]
    # what the file says: UTF-16/32 by its byte order mark, else UTF-8; a text that starts with U+FEFF
    # cannot be told from a file with a BOM: it is dropped as one
    try:
        decoded = data.decode(how if how.startswith("utf-") else "utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        decoded = None
    if name.endswith(".gz"):
        data = gzip.compress(data)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        items = read_all(path, "text")
    if decoded is not None and not decoded.strip():
        assert items == [], "an empty or blank file holds no post"
        return
    assert len(items) == 1
    if decoded is not None and decoded.strip("\x00 \t\r\n"):
        assert isinstance(items[0], InputPost) and items[0].text == decoded.rstrip("\n")
    else:
        assert isinstance(items[0], InputError)  # not UTF-8, or only NUL bytes


# ---------------------------------------------------------------- every post accounted for

GOOD = st.fixed_dictionaries({"id": st.text(min_size=1, max_size=8), "text": TEXT},
                             optional={"likes": st.integers(0, 100),
                                       "posted_at": st.sampled_from(["2024-03-02", "soon"])})


@given(records=st.lists(GOOD, min_size=1, max_size=8), data=st.data())
def test_json_lines_give_one_item_per_line_in_order(records, data):
    lines = [json.dumps(r, ensure_ascii=data.draw(st.booleans(), label="ascii")) for r in records]
    # some lines broken, the first one too
    broken = data.draw(st.sets(st.integers(0, len(lines) - 1), max_size=len(lines)), label="broken")
    raw = [line.encode("utf-8") for line in lines]
    for i in broken:
        junk = data.draw(st.binary(min_size=1, max_size=10).filter(lambda b: b"\n" not in b and b.strip()),
                         label="junk")
        raw[i] = raw[i][: len(raw[i]) // 2] + junk
    tmp, path = write(b"\n".join(raw) + b"\n", ".jsonl")
    with tmp:
        for fmt in ("jsonl", "auto"):
            items = read_all(path, fmt)
            assert len(items) == len(records)
            for i, (item, rec) in enumerate(zip(items, records)):
                assert item.origin == f"{path}:{i + 1}"
                if i not in broken:
                    assert isinstance(item, InputPost) and (item.id, item.text) == (rec["id"], rec["text"])


JUNK_LINES = ["junk", "42", "null", "# exported 2024-03-02", "[1, 2", '"a string"']


@st.composite
def accounted_containers(draw, records: list) -> tuple[str, int]:
    """Records in a container the readers must read to the end, and the number of errors it holds."""
    how = draw(st.sampled_from(["lines", "junk first line", "array then lines", "arrays", "values"]), label="how")
    def lines(recs):
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
    k = draw(st.integers(0, len(records)), label="split")
    if how == "junk first line":
        return draw(st.sampled_from(JUNK_LINES), label="junk") + "\n" + lines(records), 1
    if how == "array then lines":
        return json.dumps(records[:k], ensure_ascii=False) + "\n" + lines(records[k:]), 0
    if how == "arrays":
        indent = draw(st.sampled_from([None, 0, 2]), label="indent")
        return json.dumps(records[:k], indent=indent) + draw(st.sampled_from(["", "\n", " "])) + json.dumps(
            records[k:], indent=indent, ensure_ascii=False), 0
    if how == "values":
        return "\n".join(json.dumps(r, indent=1) for r in records), 0
    return lines(records), 0


ENCODINGS = {"utf-8": lambda t: t.encode("utf-8"), "utf-8 BOM": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
             "utf-16": lambda t: t.encode("utf-16"),
             "utf-16-be BOM": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
             "utf-32": lambda t: t.encode("utf-32")}
PACKERS = {"": lambda b: b, ".gz": gzip.compress, ".xz": lzma.compress, ".bz2": bz2.compress}


@given(records=st.lists(GOOD, min_size=1, max_size=8), data=st.data(), encoding=st.sampled_from(sorted(ENCODINGS)),
       packing=st.sampled_from(sorted(PACKERS)), name=st.sampled_from(["posts.jsonl", "posts.json", "posts"]))
def test_every_post_is_accounted_for_in_any_container_encoding_and_packing(records, data, encoding, packing, name):
    """Every record is a post, in order, whatever holds it; a junk first line is one error, nothing else is."""
    text, errors = data.draw(accounted_containers(records), label="container")
    tmp, path = write(PACKERS[packing](ENCODINGS[encoding](text)), name.removeprefix("posts") + packing)
    with tmp:
        items = read_all(path, "auto")
    got = [(i.id, i.text) for i in items if isinstance(i, InputPost)]
    assert got == [(r["id"], r["text"]) for r in records]
    assert len(items) == len(records) + errors


@given(records=st.lists(GOOD, min_size=1, max_size=30), packing=st.sampled_from([".gz", ".xz", ".bz2"]), data=st.data())
def test_a_cut_compressed_file_gives_its_whole_lines_and_one_error(records, packing, data):
    plain = "".join(json.dumps(r) + "\n" for r in records).encode("utf-8")
    packed = PACKERS[packing](plain)
    cut = data.draw(st.integers(6, len(packed)), label="cut")
    unpack = {".gz": lambda b: zlib.decompressobj(31).decompress(b), ".xz": lzma.LZMADecompressor().decompress,
              ".bz2": bz2.BZ2Decompressor().decompress}[packing]
    whole = unpack(packed[:cut]).count(b"\n")
    tmp, path = write(packed[:cut], ".jsonl" + packing)
    with tmp:
        items = read_all(path, "auto")
    got = [(i.id, i.text) for i in items if isinstance(i, InputPost)]
    assert got == [(r["id"], r["text"]) for r in records[:whole]]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == (cut < len(packed)) and len(items) == whole + len(errors)


@given(records=st.lists(GOOD, min_size=1, max_size=8), indent=st.sampled_from([None, 1, 2]), data=st.data())
def test_a_json_array_gives_one_item_per_element_and_a_cut_one_keeps_its_head(records, indent, data):
    content = json.dumps(records, indent=indent, ensure_ascii=False).encode("utf-8")
    cut = data.draw(st.one_of(st.just(len(content)), st.integers(1, len(content))), label="cut")
    tmp, path = write(content[:cut], ".json")
    with tmp:
        items = read_all(path, "json")
    texts = [(i.id, i.text) for i in items if isinstance(i, InputPost)]
    expected = [(r["id"], r["text"]) for r in records]
    if cut == len(content):
        assert texts == expected and len(items) == len(records)
    else:
        assert texts == expected[:len(texts)], "a cut array gives the posts before the cut, in order"
        assert isinstance(items[-1], InputError) and items[-1].reason == MALFORMED_JSON
        assert len(items) <= len(records) + 1


@pytest.mark.parametrize("kind", ["jsonl", "json", "text"])
def test_a_huge_line_is_read_whole(kind):
    """A post of 3 MB (longer than the sniffing head and the read chunks) comes out whole."""
    big = ("Ran 10k 🏃🏽 " * 300_000)[:3_000_000]
    rec = {"id": "big", "text": big}
    content = {"jsonl": json.dumps(rec) + "\n" + json.dumps({"id": "b", "text": "swam"}) + "\n",
               "json": json.dumps([rec, {"id": "b", "text": "swam"}], ensure_ascii=False), "text": big}[kind]
    tmp, path = write(content.encode("utf-8"), ".txt" if kind == "text" else "." + kind)
    with tmp:
        items = read_all(path, "auto")
    assert isinstance(items[0], InputPost) and items[0].text == big
    assert len(items) == (1 if kind == "text" else 2)


def test_an_unknown_format_is_a_usage_error(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text("{}\n")
    with pytest.raises(InputUsageError):
        list(read_posts([str(path)], "yaml"))


# ---------------------------------------------------------------- folders

@given(files=st.lists(st.tuples(
    st.sampled_from(["2024-03-02_10-00-00_UTC.txt", "2024-03-02_10-00-00_UTC.json.xz", "2024-03-02_10-00-00_UTC.json",
                     "2024-04-01_06-30-00_UTC_1.json.xz", "2024-04-01_06-30-00_UTC.txt", "me_123.json.xz",
                     "2024-03-02_10-00-00_UTC_comments.json"]),
    st.one_of(st.binary(max_size=200), INSTALOADER.map(lambda o: dump(o).encode("utf-8", "surrogatepass")),
              TEXT.map(lambda t: t.encode("utf-8")))), min_size=1, max_size=5),
       compress=st.booleans())
def test_an_instaloader_folder_is_read_without_raising(files, compress):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "me"
        folder.mkdir()
        for name, content in files:
            if name.endswith(".xz") and compress:
                content = lzma.compress(content)
            (folder / name).write_bytes(content)
        items = list(read_posts([str(folder)], "auto"))
        stems = {n.split("_UTC")[0] + "_UTC" + ("_1" if "_UTC_1" in n else "") for n, _ in files
                 if "_UTC" in n and "comments" not in n}
        if stems:  # an instaloader folder: one item per post, a post or its error
            assert len(items) == len(stems)
        for item in items:
            assert isinstance(item, (InputPost, InputError))
            if isinstance(item, InputPost):
                assert not has_bad_bytes(item.text)


@given(records=st.lists(META, max_size=4), content=st.one_of(st.none(), st.binary(max_size=200)))
def test_a_meta_export_folder_is_read_without_raising(records, content):
    with tempfile.TemporaryDirectory() as tmp:
        posts_dir = Path(tmp) / "your_instagram_activity" / "content"
        posts_dir.mkdir(parents=True)
        (posts_dir / "posts_1.json").write_bytes(
            content if content is not None else dump(records).encode("utf-8", "surrogatepass"))
        for fmt in ("auto", "meta"):
            for item in read_posts([tmp], fmt, Fields()):
                assert isinstance(item, (InputPost, InputError))
