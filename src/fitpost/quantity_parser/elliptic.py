"""Distances whose unit the writer left out because the text has just given it.

"Tuesday was 8 miles. I still did 6 on Thursday" and "10 miles on Saturday and
another 13 on Sunday": a number with no unit is a distance when

* a verb of doing or "another" comes right before it (``elliptic_before`` in
  ``models/quantities/context.json``), or a weekday leading a log's item with a
  word of how the session went after it (the weekdays of ``models/dates.json``,
  ``elliptic_day_after``: "Tue 8 miles easy, Thu 5 recovery"),
* the clause ends right after it, or a word of when, with whom or how follows
  (``elliptic_after``: "on", "today", "with", "easy" ...), so no noun of its
  own follows ("did 6 reps", "ran 5 of them" are not),
* a distance in kilometres or miles, no goal ("couch to 5k"), ends at most ELLIPTIC_REACH characters
  before it, whose unit it takes (a diary's days may be paragraphs of their
  own), and its value is one a session can have (up to ELLIPTIC_MAX); "one"
  alone is a session ("did another one today"), no distance.
"""
from __future__ import annotations

import heapq
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import cache
from itertools import accumulate

from fitpost.quantity_parser.lexicon import lexicon
from fitpost.quantity_parser.numbers import parse_number
from fitpost.quantity_parser.scanner import Item

ELLIPTIC_UNITS = frozenset(("km", "mi"))  # the units a bare number may take from the text before it
ELLIPTIC_MAX = 150  # a bare number above this is no session's distance in either unit
ELLIPTIC_REACH = 300  # how many characters back the distance that gives the unit may end


# "to" right before a distance makes it a goal ("couch to 5k", "build up to 10 km"), no session's: it gives
# no unit to the numbers after it
_TARGET_BEFORE = re.compile(r"\bto\s*$")
TARGET_WINDOW = 8  # how many characters before a distance are read for that "to"

# a character that makes a verb of ``_pattern`` part of a longer word ("overran 5 today")
_IN_WORD = re.compile(r"[\w'’]")


@cache
def _pattern() -> re.Pattern:
    """A verb of doing, a number and what may follow it; the verb must start a word, which
    :func:`_matches` checks (the pattern opens with the verbs, so the matcher tries it only where
    one of their first letters stands)."""
    lex = lexicon()
    return re.compile(
        r"(?:" + lex.alt(lex.elliptic_before) + r")\s+"
        # a number with its thousands ("1,500") whole: "ran 1,500" is not "ran 1"
        r"(?P<num>\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{1,2})?(?!,\d)|[a-z]+(?:[\-‐‑][a-z]+)?)"
        r"(?=\s*(?:$|[.,;:!?)\n]|(?:" + lex.alt(lex.elliptic_after) + r")(?![\w'’])))")


@cache
def _day_pattern() -> re.Pattern:
    """A weekday leading a log's item, maybe a colon or a dash, a number and a word of how the session went
    (``elliptic_day_after``): "Tue 8 miles easy, Thu 5 recovery, Sat: 18 long"."""
    lex = lexicon()
    return re.compile(
        r"(?:" + lex.alt(lex.elliptic_days) + r")\s*[:\-–]?\s*"
        r"(?P<num>\d{1,3}(?:\.\d{1,2})?)(?![\d,.]\d)"
        r"(?=\s+(?:" + lex.alt(lex.elliptic_day_after) + r")(?![\w'’]))")


def _all_matches(low: str, pos: int) -> Iterator[re.Match]:
    """The matches of :func:`_pattern` and :func:`_day_pattern` in ``low`` from ``pos`` on, in order."""
    return heapq.merge(_matches(_pattern(), low, pos), _matches(_day_pattern(), low, pos), key=re.Match.start)


def _matches(pattern: re.Pattern, low: str, pos: int) -> Iterator[re.Match]:
    """The matches of ``pattern`` in ``low`` from ``pos`` on, in order, whose first word starts a word."""
    search = pattern.search
    m = search(low, pos)
    while m is not None:
        start = m.start()
        if start and _IN_WORD.match(low, start - 1):
            m = search(low, start + 1)  # inside a word: a match may start later in it
        else:
            yield m
            m = search(low, m.end())


# a line of a set's total with its number alone: "1600 total", "Total: 2,400"
_SET_TOTAL = re.compile(r"^[ \t]*(?:total[ \t]*:?[ \t]*(?P<a>\d{1,2},\d{3}|\d{3,5})|(?P<b>\d{1,2},\d{3}|\d{3,5})"
                        r"[ \t]+total)[ \t.!]*$", re.MULTILINE)


def set_totals(low: str, items: list[Item]) -> list[Item]:
    """The total of a pool or track set told as a number alone on a line with "total" ("400 warm up / 8 x 100 on
    1:50 / 1600 total"), after a set of repeats read in metres (:func:`~fitpost.quantity_parser.scanner.on_sets`:
    "8 x 100"): that many metres, as the repeats are, where no item holds it."""
    first = next((it.end for it in items if it.kind == "distance" and it.unit == "m" and (it.times or 0) > 1), None)
    if first is None:
        return []
    found = []
    for m in _SET_TOTAL.finditer(low, first):
        group = "a" if m.group("a") else "b"
        start, end = m.span(group)
        if any(it.start < end and start < it.end for it in items):
            continue
        value = float(m.group(group).replace(",", ""))
        found.append(Item("distance", start, end, value=value, unit="m", base=value, surface=""))
    return found


def elliptic_distances(low: str, items: list[Item]) -> list[Item]:
    """The distances of ``low`` (the text in lower case) left without a unit, as items, that no item
    of ``items`` (in text order) overlaps."""
    distances = [it for it in items if it.kind == "distance" and it.unit in ELLIPTIC_UNITS
                 and not _TARGET_BEFORE.search(low[max(0, it.start - TARGET_WINDOW):it.start])]
    if not distances:
        return []
    ends = [it.end for it in distances]
    spans = sorted((it.start, it.end) for it in items)
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))  # the furthest end of the items up to each one
    found: list[Item] = []
    # read from where the first such distance ends: a number before it has no unit to take
    for m in _all_matches(low, ends[0]):
        start, end = m.span("num")
        k = bisect_right(ends, start)
        j = bisect_left(starts, end)  # the items that start before the number ends
        if k == 0 or (j and reach[j - 1] > start):
            continue  # no distance before it, or an item holds it
        before = distances[k - 1]
        if start - before.end > ELLIPTIC_REACH:
            continue
        word = m.group("num")
        n = parse_number(word)
        if n is None or n.article or n.vague or not 0 < n.value <= ELLIPTIC_MAX:
            continue
        if word == "one":
            continue  # "did another one today": one more session, not a mile
        found.append(Item("distance", start, end, value=n.value, unit=before.unit,
                          base=n.value * lexicon().factors[before.unit], surface=""))
    return found
