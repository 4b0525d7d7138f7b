"""A start told as a participle after a word of a thing done ("has completed a run across the country,
starting in the west on 1 March") tells no time ahead: the date is the latest 1 March gone by
(``done_cues`` of ``models/dates.json``, :meth:`fitpost.components.dates.DateFinder._prefer`).  Other future
cues after a thing done still point ahead.  Every post here is written for these tests.
"""
from __future__ import annotations

import datetime as dt


def dates(extractor, text: str) -> list[dt.date | None]:
    return [a.date.value if a.date else None for a in extractor.extract(text, posted_at="2026-05-06").activities]


def test_a_start_told_beside_a_thing_done_is_gone_by(extractor):
    text = ("Emily Carter has completed a 3,000-mile run across the country, starting in Tarnby on 1 March and "
            "finishing in Larkspur 70 days later.")
    assert dates(extractor, text) == [dt.date(2026, 3, 1)]


def test_a_plan_after_a_thing_done_is_ahead(extractor):
    assert dates(extractor, "I finished my base block and will run the Tarnby 10K on 1 June.") == [dt.date(2026, 6, 1)]
