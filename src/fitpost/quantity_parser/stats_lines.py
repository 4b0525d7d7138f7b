"""Heights on a session's stats line.

An app's summary of a session puts its numbers on one line with nothing but
separators between them ("32.4 km  1:12:05  410 m", "8.2 km · 41:10 · 65 m"):
there a length in metres or feet after the distance in kilometres or miles and
its time is the height climbed, no second distance.
"""
from __future__ import annotations

import re

from fitpost.quantity_parser.scanner import Item

SEPARATORS = re.compile(r"[ \t·•|/,;]*")  # what stands between the numbers of a stats line (no line break)
LONG_UNITS = frozenset(("km", "mi"))  # the units of a session's distance on such a line
HEIGHT_UNITS = frozenset(("m", "ft"))  # the units of the height climbed


def stats_line_heights(low: str, items: list[Item]) -> list[Item]:
    """``items`` (in text order), each distance in HEIGHT_UNITS that follows a distance in LONG_UNITS on its
    line with a duration between them and nothing else but SEPARATORS, read as an elevation."""
    for k, it in enumerate(items):
        if it.kind == "distance" and it.unit in HEIGHT_UNITS and not it.part and _after_distance(low, items, k):
            it.kind, it.simple = "elevation", False
    return items


def _after_distance(low: str, items: list[Item], k: int) -> bool:
    """Whether ``items[k]`` comes after a distance in LONG_UNITS with one or more durations between and nothing
    else but SEPARATORS ("Ran 10 km, 400 m repeats after" is no stats line)."""
    end, timed = items[k].start, False
    for prev in reversed(items[:k]):
        if prev.part or prev.end > end:
            continue  # a term inside a compound: its whole is read
        if not SEPARATORS.fullmatch(low, prev.end, end):
            return False
        if prev.kind == "distance" and prev.unit in LONG_UNITS:
            return timed
        if prev.kind != "duration":
            return False
        end, timed = prev.start, True
    return False
