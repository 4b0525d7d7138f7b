"""The text of each output post, read again from the batch's input.

An output line does not hold its post's text, so the review reads the input with the readers
``fitpost batch`` used (:func:`fitpost.io.readers.read_posts`) and pairs each output line with its
input post: by the file and line its ``source`` names, when it names them; by id when the id is
the id of one input post alone; else by position (the output holds the input's posts in order,
less those the error file lists by file and line).  A pair holds
only when every span of the record is the text it claims (``text[start:end] == evidence.text``);
a post whose text is not found that way is shown without it.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

from fitpost.inputs import InputPost
from fitpost.io.common import Fields, split_origin


def _place(name: Any, line: Any) -> tuple[str, int] | None:
    """A (file, line) key that compares the same however the path was spelt."""
    if not isinstance(name, str) or not isinstance(line, int):
        return None
    return os.path.normpath(os.path.abspath(name)), line


def input_posts(paths: list[str], fmt: str, fields: Fields, errors: list[dict[str, Any]]) -> list[InputPost]:
    """The input's posts that have an output line: all but the errors' (by file and line)."""
    from fitpost.io.readers import check_inputs, read_posts
    failed = {_place(e.get("file"), e.get("line")) for e in errors}
    out = []
    for item in read_posts(check_inputs(paths), fmt, fields):
        if isinstance(item, InputPost) and _place(*split_origin(item.origin)) not in failed:
            out.append(item)
    return out


def spans_of(post: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every span with offsets a post's records give: evidence, amounts, dates, mentions."""
    for a in post.get("activities") or []:
        yield a["evidence"]
        for slot in ("distance", "duration", "count", "repetition", "pace", "elevation", "date"):
            if isinstance(a.get(slot), dict):
                yield a[slot]
        yield from (m for m in a.get("mentions") or [] if isinstance(m, dict))


def fits(post: dict[str, Any], text: str) -> bool:
    """Whether every span of the post's records is the text at its offsets."""
    for span in spans_of(post):
        start, end = span.get("start"), span.get("end")
        if isinstance(start, int) and isinstance(end, int) and text[start:end] != span.get("text"):
            return False
    return True


def pair_texts(posts: list[dict[str, Any]], inputs: list[InputPost]) -> list[str | None]:
    """The text of each output post (None where none fits), from the input posts."""
    ids = Counter(p.id for p in inputs if p.id is not None)
    by_id = {p.id: p for p in inputs if p.id is not None and ids[p.id] == 1}
    by_place = {_place(*split_origin(p.origin)): p for p in inputs if p.origin}
    out: list[str | None] = []
    for i, post in enumerate(posts):
        pid = post.get("id") if isinstance(post.get("id"), str) else None
        source = post.get("source") if isinstance(post.get("source"), dict) else {}
        candidates = []
        if _place(source.get("file"), source.get("line")) in by_place:
            candidates.append(by_place[_place(source.get("file"), source.get("line"))])
        if pid in by_id:
            candidates.append(by_id[pid])
        if i < len(inputs) and (pid is None or inputs[i].id == pid):
            candidates.append(inputs[i])
        out.append(next((c.text for c in candidates if fits(post, c.text)), None))
    return out
