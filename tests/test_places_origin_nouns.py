"""A place after "from" and a word for one person who does a sport or a job ("a climber from Utrecht",
"firefighters from Brackenfold") is where
they come from, not where the activity was, and so is a region told after it ("from Tarnby, Larkspurshire,"); a
route ("from A to B") stays a route, and so does a start after a time of day ("6.30 am from A").

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


def places(extractor, text: str) -> list[tuple[str, str]]:
    (only,) = extractor.extract(text).activities
    return [(p.name, p.role) for p in only.places]


@pytest.mark.parametrize("text, home", [
    ("A 15-year-old climber from Utrecht, Lucy Ward, has summited Mount Elbrus.", "Utrecht"),
    ("A young runner from Leeds ran 20 km along the canal on Sunday.", "Leeds"),
    ("The 70-year-old cyclist from Mysore rode 120 km in the hills.", "Mysore"),
    ("A group of eight firefighters from Brackenfold rode 500 miles from Larkspur to Ottery in seven days.",
     "Brackenfold"),
    ("Tamsin Hale, a 40-year-old police officer from Ashby Vale, ran 12 km on Sunday.", "Ashby Vale"),
])
def test_the_home_of_one_sportsperson_is_no_place_of_the_activity(extractor, text, home):
    assert home not in [name for name, _ in places(extractor, text)]


def test_a_route_after_such_a_word_stays_a_route(extractor):
    got = places(extractor, "The cyclist from Porto rode to Satara on Sunday.")
    assert ("Porto", "from") in got and ("Satara", "to") in got


@pytest.mark.parametrize("text", [
    "The 71-year-old from Larkspur walked 100 miles along the coast path.",
    "Ottilie Marsh, 71, from Larkspur, walked 100 miles along the coast path.",
    "Ottilie Marsh, from Larkspur, walked 100 miles along the coast path.",
])
def test_a_home_told_after_an_age_or_a_name_set_off_by_commas_is_no_place_of_the_activity(extractor, text):
    assert "Larkspur" not in [name for name, _ in places(extractor, text)]


def test_a_route_after_a_comma_stays_a_route(extractor):
    assert ("Larkspur", "from") in places(extractor, "We rode 40 km, from Larkspur to the coast.")


@pytest.mark.parametrize("text", [
    "The 35-year-old from Marlow Vale plans to row 600 km across the North Sea.",
    "A nurse from Marlow Vale plans to row 600 km across the North Sea.",
])
def test_an_infinitive_s_to_after_a_home_makes_no_route(extractor, text):
    """"from A plans to row": the "to" of an infinitive, no route's end; A is the rower's home."""
    assert "Marlow Vale" not in [name for name, _ in places(extractor, text)]


def test_the_region_told_after_a_home_is_part_of_the_home(sm_extractor):
    text = "Rhodri Vance, from Tarnby, Larkspurshire, finished the Brackenfold Marathon in Marlow Vale on Sunday."
    assert not {"Tarnby", "Larkspurshire"} & {name for name, _ in places(sm_extractor, text)}


def test_a_start_after_a_time_of_day_in_am_is_a_start(sm_extractor):
    # "5.40 am from Tarnby Point": the time of day's "am", no "I am from"
    text = "Elin set off at 5.40 am from Tarnby Point, Larkspurshire on May 20 and swam to Marlow Vale in 11 hours."
    got = places(sm_extractor, text)
    assert ("Tarnby Point", "from") in got and ("Larkspurshire", "from") in got
