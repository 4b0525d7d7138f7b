"""Terms of a compound after a comma go from larger units to smaller ("1 mile, 200 yards", "3 hours, 12
minutes"); amounts after a comma in a growing unit are a list of their own ("750 m, 20 km, 5 km").

Every text here is written for these tests.
"""
from __future__ import annotations

from fitpost import parse_quantities


def texts(text: str) -> list[str]:
    return [q.text for q in parse_quantities(text)]


def test_a_list_of_growing_units_is_no_compound():
    assert texts("Swim, bike, run: 750 m, 20 km, 5 km.") == ["750 m", "20 km", "5 km"]
    assert texts("Planks of 30 seconds, 2 minutes and 5 minutes") == ["30 seconds", "2 minutes", "5 minutes"]


def test_a_compound_still_goes_to_smaller_units():
    assert texts("a 1 mile, 200 yards course")[0] == "1 mile, 200 yards"
    assert texts("finished in 3 hours, 12 minutes")[0] == "3 hours, 12 minutes"
