"""Terms of a compound after a comma go from larger units to smaller ("1 mile, 200 yards", "3 hours, 12
minutes"); amounts after a comma in a growing unit are a list of their own ("750 m, 20 km, 5 km"); a metric
term holds less than one of the unit before it ("112 km, 1,450 m" is a ride and its climbing), and the same
length told again in another unit ("13.1 miles 21.1 km") is no sum.

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


def test_a_metric_term_of_a_unit_or_more_is_no_part_of_a_compound():
    """"112 km, 1,450 m" is a ride and its climbing: a metric term of a compound holds less than one of the
    unit before it ("1 km 500 m" is 1.5 km)."""
    assert texts("Ride 112 km, 1,450 m, avg 27 km/h")[:2] == ["112 km", "1,450 m"]
    assert texts("1 km 500 m of swimming")[0] == "1 km 500 m"


def test_the_same_distance_in_another_unit_is_no_compound():
    got = [(q.text, round(q.meters)) for q in parse_quantities("Ran 13.1 miles 21.1 km in total")]
    assert got == [("13.1 miles", 21082), ("21.1 km", 21100)]


def test_an_arrow_up_by_a_height_makes_it_the_climbing():
    kinds = [(q.kind, q.text) for q in parse_quantities("Sunday ride 112 km, 1,450 m ↑, then 80 km ⬆️ 900 m")]
    assert kinds == [("distance", "112 km"), ("elevation", "1,450 m"), ("distance", "80 km"), ("elevation", "900 m")]
