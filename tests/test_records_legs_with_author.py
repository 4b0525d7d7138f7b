"""A leg of the author's session done with someone ("Ines ran the last 8 km with me") is part of the longer
session told before it and brings its company there; a leg of someone else's, or of another day, is not.  A
total time under a triathlon's legs is the race's, and legs listed after their race are done.  Every post here is
written for these tests, each run in blank mode and with the model."""
from __future__ import annotations

import datetime as dt

import pytest

POSTED = dt.date(2025, 9, 21)


@pytest.fixture(params=["blank", "sm"])
def extract(request):
    extractor = request.getfixturevalue(f"{request.param}_extractor")
    return lambda text: extractor.extract(text, posted_at=POSTED).activities


@pytest.mark.parametrize("text, km, name", [
    ("Did my 30 km long run today. My sister Ines ran the last 8 km with me, which made the hills easier.",
     30, "Ines"),
    ("Here is how my 60 km ride went today. Lots of wind on the hills.\n"
     "My neighbour Priya rode the last 15 km with me, which helped a lot.", 60, "Priya"),
])
def test_a_leg_done_with_the_author_is_part_of_the_session(extract, text, km, name):
    [record] = extract(text)
    assert record.distance.meters == km * 1000.0
    assert name in {p.name for p in record.participants}


def test_a_leg_on_another_day_is_a_session_of_its_own(extract):
    records = extract("Swam 3 km in the lake yesterday. Today Lotte swam the first 500 m with me.")
    assert sorted(r.distance.meters for r in records) == [500.0, 3000.0]
    leg = next(r for r in records if r.distance.meters == 500.0)
    assert (str(leg.date.value), [p.name for p in leg.participants]) == ("2025-09-21", ["Lotte"])


def test_a_leg_of_someone_elses_session_is_its_own(extract):
    records = extract("Rode 70 km on Saturday. On Sunday Femi rode the last 20 km of his sportive with his dad.")
    assert sorted(r.distance.meters for r in records) == [20000.0, 70000.0]


@pytest.mark.parametrize("text", ["Today Lotte swam 500 m.", "Sunday Maria and I ran 10 km."])
def test_a_day_before_a_name_is_a_date(extract, text):
    [record] = extract(text)
    assert record.date is not None and record.date.granularity == "day"


@pytest.mark.parametrize("text, seconds", [
    ("Tarnside Sprint Triathlon results\nSwim 750m 14:05\nT1 1:32\nBike 20km 38:40\nT2 0:58\nRun 5km 22:15\n"
     "Total 1:17:30", 4650),
    ("Larkspur Olympic Triathlon today. Swim 1500 m, bike 40 km, run 10 km. Overall: 2:31:10.", 9070),
])
def test_a_total_under_a_triathlon_s_legs_is_the_race_s_time(extract, text, seconds):
    race, *legs = extract(text)
    assert race.activity == "triathlon" and race.duration.seconds == seconds
    assert all(leg.duration is None or leg.duration.seconds < seconds for leg in legs)


def test_the_legs_listed_after_their_race_are_done(extract):
    text = "Larkspur Olympic Triathlon today. Swim 1500 m, bike 40 km, run 10 km."
    assert [a.status for a in extract(text)] == ["completed"] * 4
