"""A challenge or streak of days named again ("21 Day Plank Challenge" as a title, then "the 21 day plank
challenge" further on) is one record; one of another exercise, or told as someone else's, is not.  Every post
here is written for these tests, each run in blank mode and with the model."""
from __future__ import annotations

import datetime as dt

import pytest

POSTED = dt.date(2025, 4, 7)


@pytest.fixture(params=["blank", "sm"])
def extract(request):
    extractor = request.getfixturevalue(f"{request.param}_extractor")
    return lambda text: extractor.extract(text, posted_at=POSTED).activities


@pytest.mark.parametrize("text, days", [
    ("50 Day Lunge Challenge\n\nWho wants stronger legs by summer? The stairs at work are not getting any "
     "easier, and small steps add up. My knees agree. Enough talk!\nEnter the 50 day lunge challenge. I started "
     "today with my flatmate.", 50),
    ("21 Day Plank Challenge\n\nSpring is here and the mornings are light again. I have no excuses left. My coach "
     "keeps telling me to work on my core. So here we go.\nI am taking on the 21 day plank challenge, starting "
     "today.", 21),
])
def test_a_challenge_named_again_is_one_record(extract, text, days):
    [challenge] = extract(text)
    assert (challenge.repetition.times, challenge.frequency) == (days, "daily")


def test_someone_elses_challenge_of_as_many_days_is_its_own(extract):
    records = extract("21 Day Plank Challenge\n\nSpring is here and the mornings are light again. I have no "
                      "excuses left. My coach keeps telling me to work on my core. So here we go.\n"
                      "My sister has a 21 day plank challenge of her own.")
    assert [r.repetition.times for r in records] == [21, 21]


def test_a_streak_of_as_many_days_with_another_distance_is_its_own(extract):
    records = extract("8 km running for 12 consecutive days so far. Before that, 5 km running for 12 consecutive "
                      "days in the spring.")
    assert sorted(r.distance.meters for r in records) == [5000.0, 8000.0]


@pytest.mark.parametrize("text, amount", [
    ("Day 14 of my 30 day running streak: 5 km in 27 minutes. Halfway there!", ("distance", 5000.0)),
    ("30 day running streak, day 14: 5 km easy.", ("distance", 5000.0)),
    ("Day 6 of the 30-day plank challenge: 3 minutes today.", ("duration", 180.0)),
])
def test_the_amounts_after_a_day_of_a_challenge_are_that_day_s_session(extract, text, amount):
    """The challenge stays under way with its days; the day told after the colon is a session done."""
    challenge, day = extract(text)
    assert (challenge.status, challenge.repetition.times, challenge.distance, challenge.duration) == \
        ("ongoing", 30, None, None)
    kind, value = amount
    got = day.distance.meters if kind == "distance" else day.duration.seconds
    assert (day.status, got) == ("completed", value)


def test_a_challenge_s_daily_amount_stays_the_challenge_s(extract):
    (a,) = extract("My 30 day running streak: 5 km every day.")
    assert (a.distance.meters, a.repetition.times) == (5000.0, 30)


def test_the_amounts_after_a_stage_of_an_effort_under_way_are_that_stage_s_session(extract):
    """A stage of a tour under way: the tour stays under way, the stage told after the colon is done, with its
    route; a recovery walked "in between" repeats is no session."""
    tour, stage = extract("Stage 4 of the Larkspur Cycle Tour: 142 km from Marlow Vale to Tarnside, 1,900 m of "
                          "climbing. Finished 23rd.")
    assert (tour.status, tour.distance, tour.event.name) == ("ongoing", None, "Larkspur Cycle Tour")
    assert (stage.status, stage.distance.meters, [(p.name, p.role) for p in stage.places], stage.event.name) == \
        ("completed", 142000.0, [("Marlow Vale", "from"), ("Tarnside", "to")], "Larkspur Cycle Tour")
    assert [a.activity for a in extract("Ran 3 x 5 minutes with 3 minutes walking in between.")] == ["running"]
