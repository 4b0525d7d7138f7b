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
