""""earlier this week" (month, year) tells of days before the post date: said on its period's first
day, it is the period before ("deictic_period": the rule of models/dates.json that finds them).
The resolution does not depend on the model.

Every phrase and post here is written for these tests.
"""
from __future__ import annotations

import datetime as dt

import pytest

from fitpost.components.dates import resolve

MONDAY = dt.date(2016, 10, 17)
THURSDAY = dt.date(2016, 10, 20)


@pytest.mark.parametrize("text, posted, expected", [
    ("earlier this week", MONDAY, dt.date(2016, 10, 10)),  # said on a Monday: the week before
    ("earlier this week", THURSDAY, MONDAY),  # later in the week: its Monday
    ("earlier this month", dt.date(2016, 10, 1), dt.date(2016, 9, 1)),
    ("earlier this month", THURSDAY, dt.date(2016, 10, 1)),
    ("earlier this year", dt.date(2017, 1, 1), dt.date(2016, 1, 1)),
    ("this week", MONDAY, MONDAY),  # without "earlier": the week that holds the post date
])
def test_earlier_in_a_period_is_before_the_post_date(text, posted, expected):
    assert resolve(text, posted, kind="deictic_period").value == expected


def test_in_a_record(blank_extractor):
    post = blank_extractor.extract("Earlier this week, he ran 20 km along the river.", posted_at="2016-10-17")
    (a,) = post.activities
    assert a.date is not None and a.date.value == dt.date(2016, 10, 10)


@pytest.mark.parametrize("text, expected", [
    ("Late last year I swam 10 km in the lake.", dt.date(2024, 9, 1)),
    ("Early this month I ran 30 km along the canal.", dt.date(2025, 4, 1)),
    ("Mid last month I rode 120 km to the coast.", dt.date(2025, 3, 10)),
])
def test_a_part_of_the_last_or_this_year_or_month_starts_there(blank_extractor, text, expected):
    """"late last year" is the late part of last year, as "late 2024" is (``year_part_month``)."""
    (record,) = blank_extractor.extract(text, posted_at="2025-04-07").activities
    assert record.date.value == expected
