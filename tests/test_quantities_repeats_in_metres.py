"""A set of repeats told without its unit ("8x400", "10 x 100") is a distance in metres: track and pool
sessions are written so (issue 20).  Other "N x M" without a unit stay what they were: sets of an
exercise ("3x10"), a screen's size ("1920x1080").  Text written for these tests."""
from __future__ import annotations

import pytest

from fitpost import parse_quantities


def first(text: str):
    found = parse_quantities(text)
    return found[0] if found else None


@pytest.mark.parametrize("text, metres, times", [
    ("Wed 8x400 at 5k pace", 3200.0, 8),
    ("10 x 100 on 1:50", 1000.0, 10),
    ("5 x 1000 with 2 min jog", 5000.0, 5),
    ("4x800 then home", 3200.0, 4),
])
def test_repeats_of_whole_hundreds_are_metres(text, metres, times):
    q = first(text)
    assert q is not None and q.kind == "distance", q
    assert (q.meters, q.times, q.unit) == (metres, times, "m")


@pytest.mark.parametrize("text", ["3x10 at 60 kg", "1920x1080 screen", "5x5 back squats", "2 x 150 easy"])
def test_other_products_are_no_distance(text):
    q = first(text)
    assert q is None or q.kind != "distance", q
