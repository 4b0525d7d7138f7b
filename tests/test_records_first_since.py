"""A session told as the first since something ("her first marathon since giving birth last year", "my first swim
since 2022") is that session, done, with its own date: the date after "since" is when the other thing happened
(:func:`fitpost.components.records.attach._first_since`), and "since" after a first time tells no routine kept
since then (a PSEUDO rule of ``models/status_rules.json``); a spell after a first or a best ("my first race in
three years") is the time since the last one, no time of the session (``since_before`` of the quantity lexicon).
Every post here is written for these tests.
"""
from __future__ import annotations

import datetime as dt

import pytest


def records(extractor, text: str):
    return extractor.extract(text, posted_at="2026-05-06").activities


@pytest.mark.parametrize("aside", ["since giving birth last year", "since 2022"])
def test_the_first_since_restates_the_race(extractor, aside):
    got = records(extractor, f"Ottilie Brandt finished the Larkspur Marathon in 3:12:45 on Sunday, "
                             f"her first marathon {aside}.")
    assert [(a.status, a.date.value) for a in got] == [("completed", dt.date(2026, 5, 3))]


def test_the_date_after_since_is_no_sessions_own(extractor):
    swim = records(extractor, "My first swim since the operation in May, 1 km in the lake.")
    assert [(a.activity, a.date) for a in swim] == [("swimming", None)]


def test_a_day_after_the_month_since_is_the_sessions(extractor):
    run = records(extractor, "First run since March today, 5 km.")
    assert [a.date.value for a in run] == [dt.date(2026, 5, 6)]


def test_a_routine_since_a_year_stays_one(extractor):
    assert [a.status for a in records(extractor, "I have run every day since 2019.")] == ["habitual"]


def test_a_first_race_in_years_is_the_race_planned(extractor):
    # "in three years" is how long since the last race, so the race is no session of three years of its own
    got = records(extractor, "Signed up for the Brackenfold 10K in June. My first race in three years!")
    assert [(a.status, a.duration) for a in got] == [("planned", None)]
