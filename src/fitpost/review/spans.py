"""The highlighted spans of one post, and the post's text as HTML with them marked.

Each record gives spans: its evidence (labelled with the activity), its amounts (distance,
duration, count, repetition, pace, elevation), its date and its other mentions, all with offsets;
its participants, places and event are names without offsets, found in the text as written (the
occurrence nearest the record's evidence).  Spans that several records share are one span with
all of them.

The HTML follows displaCy's entity style (a coloured background and a small label after the
text).  Spans may nest ("Ran a [21k]") or cross; crossing spans are cut into pieces so the
elements nest, and every piece carries its span's number (``data-span``), the label going on
the last piece.  All text is escaped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from typing import Any

from fitpost.summary import participant_name

AMOUNTS = ("distance", "duration", "count", "repetition", "pace", "elevation")
GAP = " … "  # between the pieces of a text rebuilt from its spans


@dataclass
class Span:
    start: int
    end: int
    kind: str  # "evidence", an amount, "date", "mention", "with", "place", "event"
    label: str
    records: list[int] = field(default_factory=list)  # the numbers of the records that give it

    @property
    def evidence(self) -> bool:
        return self.kind == "evidence"


def record_spans(record: dict[str, Any], number: int, text: str | None) -> list[Span]:
    """The spans of one record (number: its number on the page); names are looked up in ``text``."""
    out = [Span(record["evidence"]["start"], record["evidence"]["end"], "evidence", record["activity"])]
    for slot in (*AMOUNTS, "date"):
        q = record.get(slot)
        if isinstance(q, dict) and isinstance(q.get("start"), int) and isinstance(q.get("end"), int):
            out.append(Span(q["start"], q["end"], slot, slot))
    for m in record.get("mentions") or []:
        if isinstance(m, dict) and isinstance(m.get("start"), int) and isinstance(m.get("end"), int):
            out.append(Span(m["start"], m["end"], "mention", "mention"))
    if text:
        near = record["evidence"]["start"]
        names = [("with", "with", participant_name(p)) for p in record.get("participants") or []]
        names += [("place", str(p.get("role") or "at"), p.get("name")) for p in record.get("places") or []
                  if isinstance(p, dict)]
        if isinstance(record.get("event"), dict):
            names.append(("event", "event", record["event"].get("name")))
        for kind, label, name in names:
            found = find_name(text, name, near) if isinstance(name, str) else None
            if found:
                out.append(Span(found[0], found[1], kind, label))
    for s in out:
        s.records.append(number)
    return [s for s in out if 0 <= s.start < s.end]


def find_name(text: str, name: str, near: int) -> tuple[int, int] | None:
    """Where ``name`` is written in ``text`` as whole words (any case), nearest to offset ``near``."""
    name = name.strip()
    if not name:
        return None
    pattern = r"(?<!\w)" + re.escape(name) + r"(?!\w)"
    hits = [(m.start(), m.end()) for m in re.finditer(pattern, text, flags=re.IGNORECASE)]
    return min(hits, key=lambda h: abs(h[0] - near)) if hits else None


def post_spans(records: list[tuple[int, dict[str, Any]]], text: str | None) -> list[Span]:
    """The spans of a post's records (each with its page number), one per (start, end, kind, label)."""
    merged: dict[tuple[int, int, str, str], Span] = {}
    for number, record in records:
        for s in record_spans(record, number, text):
            key = (s.start, s.end, s.kind, s.label)
            if key in merged:
                merged[key].records.extend(n for n in s.records if n not in merged[key].records)
            else:
                merged[key] = s
    return sorted(merged.values(), key=lambda s: (s.start, -s.end, not s.evidence, s.kind))


def rebuild_text(spans: list[Span], records: list[dict[str, Any]]) -> tuple[str, list[Span]]:
    """Without the post's text: the text of its spans in order, GAP between pieces apart, and the spans
    moved to their places in it."""
    chars: dict[int, str] = {}
    for record in records:
        for src in _texts(record):
            for i, ch in enumerate(src["text"][: max(0, src["end"] - src["start"])]):
                chars[src["start"] + i] = ch
    pieces, where, last = [], {}, None
    for offset in sorted(chars):
        if last is not None and offset != last + 1:
            pieces.append(GAP)
        where[offset] = sum(map(len, pieces))
        pieces.append(chars[offset])
        last = offset
    text = "".join(pieces)
    moved = [Span(where[s.start], where[s.end - 1] + 1, s.kind, s.label, s.records) for s in spans
             if s.start in where and s.end - 1 in where]
    return text, moved


def _texts(record: dict[str, Any]) -> list[dict[str, Any]]:
    from fitpost.review.texts import spans_of
    return [s for s in spans_of({"activities": [record]})
            if isinstance(s.get("text"), str) and isinstance(s.get("start"), int) and isinstance(s.get("end"), int)]


def marked_html(text: str, spans: list[Span], first_id: int, palette: dict[str, str]) -> str:
    """``text`` as HTML, each span a ``<mark>`` (pieces where spans cross); spans are numbered from
    ``first_id`` in the order given; an evidence span takes its activity's colour from ``palette``."""
    spans = [s for s in spans if s.end <= len(text)]
    ids = {id(s): first_id + i for i, s in enumerate(spans)}
    bounds = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    open_: list[Span] = []
    for a, b in zip(bounds, bounds[1:]):
        active = [s for s in spans if s.start <= a and b <= s.end]  # outer first: the order of ``spans``
        keep = 0
        while keep < min(len(open_), len(active)) and open_[keep] is active[keep]:
            keep += 1
        for s in reversed(open_[keep:]):
            out.append(_close(s, a))
        for s in active[keep:]:
            out.append(_open(s, ids[id(s)], palette))
        open_ = active
        out.append(escape(text[a:b]))
    end = len(text)
    for s in reversed(open_):
        out.append(_close(s, end))
    return "".join(out)


def _open(s: Span, number: int, palette: dict[str, str]) -> str:
    colour = f' style="--c:{palette[s.label]}"' if s.evidence and s.label in palette else ""
    records = " ".join(map(str, s.records))
    return f'<mark class="fp-span fp-{s.kind}" data-span="{number}" data-records="{records}"{colour}>'



def _close(s: Span, at: int) -> str:
    label = f'<span class="fp-label">{escape(s.label.replace("_", " "))}</span>' if at == s.end else ""
    return label + "</mark>"
