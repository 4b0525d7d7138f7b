"""A race of legs (a triathlon) told with its legs: each leg is a record with its distance, and a time right
after the last leg listed ("400 m swim, 20 km bike and 5 km run in 1:24:30", "..., 1:24:30 overall") is
the whole race's, not the last leg's (fitpost_records: :func:`fitpost.components.records.attach._legs_totals`).

Every post here is written for these tests; each runs in blank mode and with the statistical pipeline.
"""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "Did my first triathlon today! 400 m swim, 20 km bike and 5 km run in 1:24:30.",
    "Did my first triathlon today: 400 m swim, 20 km bike, 5 km run, 1:24:30 overall.",
    "My husband did his first triathlon today! 400 m swim, 20 km bike and 5 km run. He finished in 1:24:30.",
    # a verb of finishing between the last leg and the time
    "Did my first triathlon today! 400 m swim, 20 km bike, 5 km run, finished in 1:24:30.",
    "Did my first triathlon today: 400 m swim, 20 km bike and 5 km run, finishing in 1:24:30.",
])
def test_a_time_after_the_legs_is_the_whole_race(extractor, text):
    got = {a.activity: a for a in extractor.extract(text, posted_at="2026-11-20").activities}
    assert got["triathlon"].duration is not None and got["triathlon"].duration.seconds == 5070
    assert got["running"].duration is None and got["running"].distance.value == 5


def test_times_of_sessions_listed_with_no_race_of_legs_stay_theirs(extractor):
    got = extractor.extract("Ran 5 km in 25 min and swam 1 km in 30 min.", posted_at="2026-11-20").activities
    assert [a.duration.seconds for a in got] == [1500, 1800]


@pytest.mark.parametrize("text", [
    "Did my first sprint triathlon today! 750 m swim in 16:02, 20 km bike in 41:30 and 5 km run in 24:48.",
    "Raced the Tarnby sprint triathlon: 750 m swim in 16:02, 20 km bike in 41:30, 5 km run in 24:48.",
    "Raced the Tarnby sprint triathlon: 750 m swim in 16:02, 20 km bike in 41:30, 5 km run, done in 24:48.",
])
def test_where_each_leg_has_its_time_the_last_time_is_the_last_legs(extractor, text):
    got = {a.activity: a for a in extractor.extract(text, posted_at="2026-11-20").activities}
    assert got["running"].duration is not None and got["running"].duration.seconds == 24 * 60 + 48
    assert got["triathlon"].duration is None or got["triathlon"].duration.seconds != 24 * 3600 + 48 * 60


@pytest.mark.parametrize("text", [
    "Did my first half ironman at Larkspur last month! 1.9 km swim, 90 km bike, 21.1 km run, finished in 5:48:12.",
    "Tarnby sprint triathlon last month.\nSwim: 750 m, 16:02\nBike: 20 km, 41:30\nRun: 5 km, 24:48",
])
def test_the_legs_told_after_a_race_of_legs_are_on_its_day(extractor, text):
    got = extractor.extract(text, posted_at="2026-11-20").activities
    assert [a.activity for a in got] == ["triathlon", "swimming", "cycling", "running"]
    assert {a.date.value.isoformat() if a.date else None for a in got} == {"2026-10-01"}


@pytest.mark.parametrize("text", [
    "Did the Tarnby triathlon last month, loved it. Legs sore. Ran 8 km easy.",  # a session told after it
    "Did the Tarnby triathlon last month. The club runs 10 km every Saturday.",  # a routine
])
def test_a_session_told_after_a_race_of_legs_is_no_leg_on_its_day(extractor, text):
    got = extractor.extract(text, posted_at="2026-11-20").activities
    assert got[0].activity == "triathlon" and got[0].date is not None
    assert all(a.date is None for a in got[1:])
