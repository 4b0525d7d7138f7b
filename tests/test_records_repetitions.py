"""How often a session was done ("twice", "three times") is its repetition; how often something else
happened during it ("scored twice", "stopped three times") is not, nor how long another verb lasted ("rested
for three days": neither the session's repetition nor its time), nor is which time or which year running it
was ("for the first time", "for the fifth straight year") (fitpost_records:
:func:`fitpost.components.records.attach._of_other_verb`).

Every post here is written for these tests; each runs in blank mode and with the statistical pipeline.
"""
from __future__ import annotations

import pytest


def records(extractor, text: str) -> list:
    return extractor.extract(text, posted_at="2026-11-20").activities


def test_how_long_the_verb_of_doing_the_session_lasted_is_its_time(extractor):
    """"Football tonight, played for an hour": "played" does the session told before it, no other verb."""
    (got,) = records(extractor, "Five-a-side football tonight, played for an hour and scored twice.")
    assert (got.duration.seconds, got.repetition) == (3600.0, None)


@pytest.mark.parametrize("text", [
    "Played 5-a-side football for an hour tonight, scored twice!",
    "Ran 10 km this morning, stopped three times to tie my laces.",
])
def test_a_count_of_another_verb_is_no_repetition_of_the_session(extractor, text):
    (got,) = records(extractor, text)
    assert got.repetition is None


@pytest.mark.parametrize("text", [
    "After the Tarnby marathon I rested for three days.",
    "Ran 10 km this morning, then stretched for 15 minutes.",
    # a verb of resting, in any tense
    "After the Tarnby marathon I will rest for a week.",
    "Rode 40 km to the coast and stopping for an hour at the cafe was the best part.",
])
def test_how_long_another_verb_lasted_is_no_amount_of_the_session(extractor, text):
    (got,) = records(extractor, text)
    assert (got.repetition, got.duration) == (None, None)


def test_a_time_after_non_stop_is_the_session_s(extractor):
    (got,) = records(extractor, "We hiked non-stop for nine hours over the fells.")
    assert got.duration.seconds == 9 * 3600


def test_a_repetition_goes_to_the_sessions_of_the_phase_of_the_one_it_follows(extractor):
    race, walk = records(extractor, "After the Tarnby marathon I could barely walk for two days.")
    assert (race.status, race.repetition, walk.status, walk.repetition.times) == ("completed", None, "hypothetical", 2)


def test_a_daily_session_for_a_week_is_seven_days_of_it(extractor):
    (got,) = records(extractor, "Ran 5 km every day for a week.")
    assert (got.frequency, got.repetition.times, got.duration) == ("daily", 7, None)


@pytest.mark.parametrize("text, status, times", [
    ("Jonas Berg ran 7 marathons in 7 days last month.", "completed", 7),
    ("Police officer Jonas Berg will run 10 marathons in 10 days in July.", "planned", 10),
])
def test_as_many_races_as_days_are_one_a_day(extractor, text, status, times):
    """"7 marathons in 7 days": a race a day, the days its repetition and its time; not a race some days ahead."""
    (got,) = records(extractor, text)
    assert (got.status, got.frequency, got.repetition.times, got.duration.seconds) == \
        (status, "daily", times, times * 86400.0)


def test_races_over_more_days_than_races_are_no_daily_streak(extractor):
    (got,) = records(extractor, "She ran 12 marathons in 30 days last year.")
    assert (got.frequency, got.repetition) == (None, None)


def test_a_count_of_the_sessions_own_verb_is_its_repetition(extractor):
    got = records(extractor, "I've swum twice this week and cycled three times.")
    assert [(a.activity, a.repetition.times) for a in got] == [("swimming", 2), ("cycling", 3)]


@pytest.mark.parametrize("text", [
    "Ran 10 km for the first time!",
    "Managed 25 push-ups in a row for the first time!",
    "Finished the Tarnby Marathon for the 13th time on Sunday.",
    # which year running: the edition of a yearly race this is for them
    "Bram Kettle won the Tarnside Marathon for the fourth year running.",
    "Elin won the Larkspur 10K for the third straight year on Sunday.",
])
def test_which_time_a_session_is_is_no_repetition(extractor, text):
    # "for the first time" tells which time this is, not how often the session was done
    assert [a.repetition for a in records(extractor, text)] == [None]


def test_the_days_of_a_challenge_named_before_a_session_are_the_challenges_alone(extractor):
    # the session told after the label is one day of the challenge, a record of its own
    text = "Day 12 of my 30-day yoga challenge: 45 minutes of vinyasa this morning, feeling stronger every day."
    got = records(extractor, text)
    assert [(a.evidence.text, a.repetition.value if a.repetition else None) for a in got] == \
        [("yoga", 30), ("vinyasa", None)]
    assert got[1].duration.seconds == 2700


@pytest.mark.parametrize("text", [
    "I ran the Tarnby 10K three times and then swam 2 km in the lake.",
    "Jonas Berg, who won the Larkspur marathon three times, will walk 500 miles this summer.",
])
def test_a_repetition_told_between_sessions_is_of_those_of_its_clause(extractor, text):
    assert [r.repetition.times if r.repetition else None for r in records(extractor, text)] == [3, None]


def test_a_repetition_told_after_all_sessions_is_of_each(extractor):
    got = records(extractor, "Cycled 60 km and ran 12 km for 4 days in a row.")
    assert [r.repetition.text if r.repetition else None for r in got] == ["4 days in a row"] * 2
