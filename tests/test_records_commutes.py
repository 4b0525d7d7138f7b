"""A commute is two sessions: the way to work, school or the office ("commutes" of ``models/linking.json``)
and the way back home, with the day between ("Rode to the office at 7. The ride home took 50 minutes").  A
session out to somewhere else and back ("Ran to the lake and back") is one.  "A ride home" is a lift in a
car, no session.  A distance told on the way back ("On the way back I took the canal path, 14 km") is the other
leg.  How far the place is from home ("The office is 12 km from home") is the commute's distance.

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


def sessions(extractor, text: str) -> list[tuple]:
    post = extractor.extract(text, posted_at="2024-06-10")
    return [(a.activity, a.distance.meters if a.distance else None, a.duration.seconds if a.duration else None)
            for a in post.activities]


@pytest.mark.parametrize("text, expected", [
    ("Rode to the office at 7, 12 km along the Tarnby canal. The ride home took 50 minutes in the headwind.",
     [("cycling", 12000, None), ("cycling", None, 3000)]),
    ("Cycled my bike to work in Larkspur this morning, 14 km. The ride back home was wet.",
     [("cycling", 14000, None), ("cycling", None, None)]),
])
def test_the_way_home_from_work_is_a_session_of_its_own(extractor, text, expected):
    assert sessions(extractor, text) == expected


def test_a_session_out_and_back_to_somewhere_else_is_one(extractor):
    text = "Rode out to Brackenfold lake, 30 km. The ride home was into the wind."
    assert sessions(extractor, text) == [("cycling", 30000, None)]


def test_a_ride_home_in_a_car_is_no_session(extractor):
    assert sessions(extractor, "Missed the last bus, so Elin Moss gave me a ride home.") == []


@pytest.mark.parametrize("text, meters", [
    ("Cycled to work today for the first time! The office is 12 km from home. Took me 40 minutes.", 12000),
    ("Ran to work in Tarnby this morning. My office is about 6 km from home, so no excuse.", 6000),
])
def test_how_far_the_commute_place_is_from_home_is_the_commute_s_distance(extractor, text, meters):
    [commute] = sessions(extractor, text)
    assert commute[1] == meters


def test_how_far_a_place_is_is_no_distance_of_a_session_that_went_elsewhere(extractor):
    assert sessions(extractor, "Swam 1 km this morning. The school is 2 km from home.") == \
        [("swimming", 1000, None)]


@pytest.mark.parametrize("text, legs", [
    ("Cycled to the office this morning, 11 km. On the way back I took the canal path, 14 km in 50 minutes.",
     [("cycling", 11000, None), ("cycling", 14000, 3000)]),
    ("Walked to school with the kids, 2 km in 25 minutes. Came back by the park, 3 km in 50 minutes.",
     [("walking", 2000, 1500), ("walking", 3000, 3000)]),
])
def test_a_distance_told_on_the_way_back_of_a_commute_is_the_other_leg(extractor, text, legs):
    assert sessions(extractor, text) == legs


def test_a_distance_told_after_a_session_out_and_back_is_no_other_leg(extractor):
    text = "Ran to the lake and back this morning. Felt good on the way back, 12 km in all."
    assert [s[1] for s in sessions(extractor, text)] == [12000]
