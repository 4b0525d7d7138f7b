"""A streak of days told in the present perfect ("I have cycled every day for 30 days") is under way, not a
routine, and a day's session told beside it is a record of its own; a journey someone is "on" ("a team on a
cycling expedition ... reached C") is under way too; an activity's streak ("my running streak") is a record, and
the days told of it are its days of sessions, daily, counted in days where told in weeks (fitpost_records:
:func:`fitpost.components.records.attach._streak_so_far`, :func:`fitpost.components.records.attach._streak_days`,
:func:`fitpost.components.records.merge._day_of_streak`,
:func:`fitpost.components.records.attach._on_a_journey`).

Every post here is written for these tests; each runs in blank mode and with the statistical pipeline.
"""
from __future__ import annotations

import pytest


def records(extractor, text: str) -> list:
    return extractor.extract(text, posted_at="2026-11-20").activities


@pytest.mark.parametrize("text", [
    "I have now cycled every day for 30 days straight.",
    "I've been running every day for 100 days.",
])
def test_a_streak_in_the_present_perfect_is_under_way(extractor, text):
    (streak,) = records(extractor, text)
    assert streak.status == "ongoing" and streak.frequency == "daily" and streak.repetition.times >= 30


@pytest.mark.parametrize("text, status", [
    ("I swim every day for 20 minutes.", "habitual"),
    ("I ran every day for 30 days in January.", "completed"),
])
def test_a_routine_or_a_streak_told_in_the_past_keeps_its_status(extractor, text, status):
    (got,) = records(extractor, text)
    assert got.status == status


def test_a_days_session_beside_a_streak_is_a_record_of_its_own(extractor):
    got = records(extractor, "So proud: I've run every day for 100 days! Today's run was 5 km in the rain.")
    assert sorted((a.status, a.distance.value if a.distance else None) for a in got) == [
        ("completed", 5.0), ("ongoing", None)]


@pytest.mark.parametrize("text, status", [
    ("A team of six firefighters on a cycling expedition from Tarnside to Brackenfold reached Marlow Vale "
     "on Tuesday.", "ongoing"),
    ("Last summer we went on a cycling tour of the Tarnside hills.", "completed"),
])
def test_a_journey_someone_is_on_is_under_way(extractor, text, status):
    (journey,) = records(extractor, text)
    assert journey.status == status


@pytest.mark.parametrize("text, days", [
    ("I'm on a 21 day running streak.", 21),
    ("My running streak is now 21 days.", 21),
    ("Three weeks into my running streak: 21 days, 142 km.", 21),
    ("My yoga streak ended at 45 days when I got the flu.", 45),
    ("Day 214 of my run streak, slow and steady.", 214),  # the day the streak has reached
    ("Run streak day 100! Rain all morning.", 100),
])
def test_the_days_of_an_activitys_streak(extractor, text, days):
    (streak,) = records(extractor, text)
    assert streak.repetition is not None and streak.repetition.times == days
    assert streak.duration is None and streak.frequency == "daily"


def test_a_streak_since_a_day_in_the_present_perfect_is_under_way_with_what_it_covered_so_far(extractor):
    (streak,) = records(extractor, "Tamsin Hale has run every day since January 1st, clocking up over 1,000 miles.")
    assert streak.status == "ongoing" and streak.frequency == "daily" and streak.distance.value == 1000


def test_a_days_session_beside_a_streak_since_a_day_stays_its_own(extractor):
    got = records(extractor, "I have cycled every day since 1 November. Did 20 km today.")
    assert [a.status for a in got] == ["ongoing", "completed"]


def test_a_challenge_told_by_its_day_is_under_way(extractor):
    """"Yoga challenge day 12 done": the challenge named by its day, no caption of the activity alone."""
    assert [(a.activity, a.status) for a in records(extractor, "Yoga challenge day 12 done at the Tarnby studio.")] \
        == [("yoga", "ongoing")]


@pytest.mark.parametrize("text, times", [
    ("I ran every day for 3 weeks in March.", 21),
    ("Bram Kettle walked 15 miles a day for ten weeks along the Tarnside coast.", 70),
    ("I ran 5 km every day for 100 days.", 100),
])
def test_a_daily_streak_told_in_weeks_counts_its_days(extractor, text, times):
    (a,) = records(extractor, text)
    assert (a.frequency, a.repetition.times) == ("daily", times)
