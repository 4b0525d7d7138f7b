"""Inputs that crashed fitpost or broke its contract, found by the property tests and the fuzzer.

Each test is one input (or one family of inputs) as it was found, kept so the bug stays fixed.
"""
from __future__ import annotations

import json
import lzma
import time

import pytest
from _strategies import check_post

from fitpost.inputs import InputError, InputPost
from fitpost.io.common import MALFORMED_JSON
from fitpost.io.readers import read_posts

# ---------------------------------------------------------------- the extractor

@pytest.mark.parametrize("text", ["sister", "SISTER ", "ran with my sister", "Ran 5k with my wife", "my best friend"])
def test_a_relation_word_at_the_end_of_the_text(blank_extractor, text):
    """people: a relation word in the last tokens looked n tokens ahead and indexed past the doc."""
    check_post(text, blank_extractor.extract(text))


def test_a_relation_word_at_the_end_with_the_default_model(sm_extractor):
    text = "Ran 5k with my sister"
    post = sm_extractor.extract(text)
    check_post(text, post)
    assert [a.activity for a in post.activities] == ["running"]


@pytest.mark.parametrize("text, day", [
    ("ran 5k on 2024-03-03T07:15:00Z", "2024-03-03"),  # found by the fuzzer, in a post quoting a JSON line
    ('Swam 1500 m "2024-03-03T07:15:00Z"', "2024-03-03"),
    ("ran 5k 12/03/2024x", "2024-03-12"),
    ("ran 5k on 2024-02-30", None),
])
def test_a_numeric_date_inside_a_longer_token(blank_extractor, text, day):
    """dates: a numeric date was split on its separators and every part read as a number."""
    post = blank_extractor.extract(text, posted_at="2024-03-05")
    check_post(text, post)
    date = post.activities[0].date
    assert date is not None and (date.value.isoformat() if date.value else None) == day


def test_one_long_sentence_is_not_cubic(blank_extractor):
    """records: every quantity measured its distance to every activity token by token (a 10 KB
    sentence took a minute); now each gap is counted in constant time."""
    text = ("ran 10k with @bob in 45:30, 3x20 pushups, 5-7 km #fitness 1,234.5 km " * 140)[:10_000]
    t0 = time.monotonic()
    post = blank_extractor.extract(text)
    assert time.monotonic() - t0 < 10
    check_post(text, post)
    assert post.activities


def test_a_long_post_is_cut_into_pieces_of_bounded_size(blank_extractor):
    text = "Ran 10k with @bob in 45:30. 3x20 pushups! " * 600  # 25 KB
    post = blank_extractor.extract(text)
    check_post(text, post)
    assert "long text processed in 3 pieces" in post.warnings
    assert len(post.activities) >= 600


# ---------------------------------------------------------------- the readers

def _read(tmp_path, content: str | bytes, fmt: str, name: str = "posts.jsonl") -> list:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    items = list(read_posts([str(path)], fmt))
    assert all(isinstance(i, (InputPost, InputError)) for i in items)
    return items


@pytest.mark.parametrize("record", [
    {"data": [{"text": "Ran 5k", "author_id": "1"}], "includes": True},  # includes not an object
    {"data": [{"text": "Ran 5k", "author_id": "1"}], "includes": {"users": True, "places": 5}},
    {"data": [{"text": "Ran 5k", "author_id": ["1"]}], "includes": {"users": [{"id": ["1"]}]}},  # unhashable ids
    {"text": "Ran 5k", "author_id": "1", "geo": ["a"]},
    {"text": "Ran 5k", "author_id": "1", "geo": {"place_id": {"a": 1}}},
    {"text": "Ran 5k", "author_id": "1", "entities": {"mentions": 3, "hashtags": True}, "referenced_tweets": 1},
])
def test_twarc2_fields_of_the_wrong_type_are_left_out(tmp_path, record):
    items = _read(tmp_path, json.dumps(record) + "\n", "twarc2")
    assert [type(i) for i in items] == [type(items[0])] and isinstance(items[0], InputPost)
    assert items[0].text == "Ran 5k"


@pytest.mark.parametrize("record", [
    {"media": [{"uri": ["x"], "creation_timestamp": 1700000000}], "title": "Ran 5k"},
    {"timestamp": 1700000000, "data": True, "title": ["x"], "tags": 5, "attachments": 3},
    {"timestamp": 1700000000, "attachments": [{"data": [{"media": {"description": ["Ran 5k"]}}]}]},
    {"timestamp": 1700000000, "data": [{"post": "Ran 5k"}], "attachments": [{"data": True}], "title": 7},
])
def test_meta_fields_of_the_wrong_type_are_left_out(tmp_path, record):
    items = _read(tmp_path, json.dumps([record]), "meta", "posts_1.json")
    assert len(items) == 1


def test_apify_tagged_users_that_are_not_names(tmp_path):
    record = {"shortCode": "x1", "caption": "Ran 5k", "taggedUsers": [[None], 5, {"username": ["a"]}, "kai"]}
    items = _read(tmp_path, json.dumps([record]), "apify")
    assert isinstance(items[0], InputPost) and items[0].tagged == ["kai"]
    items = _read(tmp_path, json.dumps([dict(record, taggedUsers=True)]), "apify")
    assert isinstance(items[0], InputPost) and items[0].tagged == []


@pytest.mark.parametrize("meta", [b'{"node": null}', b'{"node": [1]}', b"[1, 2]",
                                  b'{"node": {"edge_media_to_tagged_user": {"edges": 5}}}', b"[" * 5000])
@pytest.mark.parametrize("caption", [None, b"Ran 5k", b"\x80 not utf-8"])
def test_an_instaloader_post_with_odd_metadata(tmp_path, meta, caption):
    folder = tmp_path / "me"
    folder.mkdir()
    (folder / "2024-03-02_10-00-00_UTC.json.xz").write_bytes(lzma.compress(meta))
    if caption is not None:
        (folder / "2024-03-02_10-00-00_UTC.txt").write_bytes(caption)
    items = list(read_posts([str(folder)]))
    assert len(items) == 1
    if caption == b"Ran 5k":
        assert isinstance(items[0], InputPost) and items[0].text == "Ran 5k"
    elif caption is None and not meta.startswith(b"[["):  # metadata without a caption: a post with no text
        assert isinstance(items[0], InputPost) and items[0].text == ""
    else:
        assert isinstance(items[0], InputError)


DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize("fmt", ["auto", "jsonl", "json", "apify", "twarc2", "meta", "instaloader"])
@pytest.mark.parametrize("content", [
    '{"text": "x", "k": ' + DEEP + "}\n" + json.dumps({"text": "Ran 5k"}) + "\n",
    json.dumps({"text": "Ran 5k"}) + "\n" + '{"text": "x", "k": ' + DEEP + "}\n",
    "[" + json.dumps({"text": "Ran 5k"}) + ", " + DEEP + "]",
    "[" + json.dumps({"text": "Ran 5k"}) + ", " + "[" * 900 + "]" * 900 + "]",  # parses; too deep to walk
])
def test_json_nested_too_deeply_is_an_error_not_a_crash(tmp_path, fmt, content):
    items = _read(tmp_path, content, fmt, "posts.json")
    assert any(isinstance(i, InputError) and i.reason == MALFORMED_JSON for i in items)
    if fmt in ("auto", "jsonl", "json"):  # the good record beside it is still read
        assert [i.text for i in items if isinstance(i, InputPost)] == ["Ran 5k"]
