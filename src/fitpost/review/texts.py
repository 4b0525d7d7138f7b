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
from collections.abc import Iterable, Iterator
from typing import Any

from fitpost.inputs import InputPost
from fitpost.io.common import Fields, split_origin


def _place(name: Any, line: Any) -> tuple[str, int] | None:
    """A (file, line) key that compares the same however the path was spelt."""
    if not isinstance(name, str) or not isinstance(line, int):
        return None
    return os.path.normpath(os.path.abspath(name)), line


def input_posts(paths: list[str], fmt: str, fields: Fields, errors: list[dict[str, Any]]) -> Iterator[InputPost]:
    """The input's posts that have an output line, in order: all but the errors' (by file and line)."""
    from fitpost.io.readers import check_inputs, read_posts
    failed = {_place(e.get("file"), e.get("line")) for e in errors}
    for item in read_posts(check_inputs(paths), fmt, fields):
        if isinstance(item, InputPost) and _place(*split_origin(item.origin)) not in failed:
            yield item


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


def _keys(post: dict[str, Any]) -> tuple[str | None, tuple[str, int] | None]:
    """An output post's id (a string, else None) and the (file, line) its source names (else None)."""
    pid = post.get("id") if isinstance(post.get("id"), str) else None
    source = post.get("source") if isinstance(post.get("source"), dict) else {}
    return pid, _place(source.get("file"), source.get("line"))


def pair_texts(posts: list[dict[str, Any]], inputs: Iterable[InputPost]) -> list[str | None]:
    """The text of each output post (None where none fits), from the input posts (read once; only the
    posts that may pair are kept, so a long input holds no more memory than its ids)."""
    keys = [_keys(post) for post in posts]
    want_ids, want_places = {k[0] for k in keys} - {None}, {k[1] for k in keys} - {None}
    ids: Counter = Counter()
    by_id, by_place, in_order = {}, {}, []
    for p in inputs:
        if p.id is not None:
            ids[p.id] += 1
            if p.id in want_ids:
                by_id[p.id] = p
        place = _place(*split_origin(p.origin))
        if place in want_places:
            by_place[place] = p
        if len(in_order) < len(posts):
            in_order.append(p)
    out: list[str | None] = []
    for i, (post, (pid, place)) in enumerate(zip(posts, keys)):
        candidates = [by_place[place]] if place in by_place else []
        if pid in by_id and ids[pid] == 1:
            candidates.append(by_id[pid])
        if i < len(in_order) and (pid is None or in_order[i].id == pid):
            candidates.append(in_order[i])
        out.append(next((c.text for c in candidates if fits(post, c.text)), None))
    return out
