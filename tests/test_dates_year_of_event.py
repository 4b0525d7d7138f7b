"""A year written before an event's name ("the 2019 Harbour Marathon", "my 2018 marathon") dates the
record to that year, with or without a post date; a plan in the year of the post counts from the post
date.  Blank mode and the model read it the same.

Every post here is written for these tests.
"""
from __future__ import annotations

import datetime as dt

import pytest


def dates(extractor, text: str, posted_at: str | None = None) -> list[tuple[dt.date | None, str | None]]:
    return [(a.date.value, a.date.granularity) if a.date else (None, None)
            for a in extractor.extract(text, posted_at=posted_at).activities]


@pytest.mark.parametrize("text, posted_at", [
    ("Maya ran the 2018 Harbour Marathon with her sister.", "2019-04-28"),
    ("Maya ran the 2018 Harbour Marathon with her sister.", None),
    ("I finished my 2018 marathon in 4 hours.", "2019-04-28"),
])
def test_a_year_before_an_event_dates_the_record(extractor, text, posted_at):
    assert dates(extractor, text, posted_at) == [(dt.date(2018, 1, 1), "year")]


def test_a_planned_event_this_year_counts_from_the_post_date(extractor):
    got = dates(extractor, "Maya will run the 2019 Harbour Marathon in October.", "2019-04-28")
    assert got and got[0][0] is not None and got[0][0] >= dt.date(2019, 4, 28)


@pytest.mark.parametrize("text", [
    "The 2018 season was long, and I ran 10 km today.",
    "I ran 2018 metres in the pool today.",
])
def test_a_year_before_no_name_is_no_event_date(extractor, text):
    assert all(d != (dt.date(2018, 1, 1), "year") for d in dates(extractor, text, "2019-04-28"))
