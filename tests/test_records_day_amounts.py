"""A day's distance ("Sunday's 30k", "yesterday's 12 km") that no activity word holds is a session of
that day, of the activity the text names most: not the amount of another mention of its sentence ("No
run today, legs are wrecked from Sunday's 30k" is no run today and a 30 km run on Sunday).

Every post here is written for these tests.
"""
from __future__ import annotations

import datetime as dt


def records(extractor, text: str) -> list[tuple[str, str, float | None, dt.date | None]]:
    return [(a.activity, a.status, a.distance.meters if a.distance else None, a.date.value if a.date else None)
            for a in extractor.extract(text, posted_at="2025-03-10").activities]


def test_a_days_distance_beside_a_skipped_run(extractor):
    assert records(extractor, "No run today, legs are wrecked from Sunday's 30k.") == [
        ("running", "negated", None, dt.date(2025, 3, 10)), ("running", "completed", 30000.0, dt.date(2025, 3, 9))]


def test_a_days_distance_of_an_activity_word_stays_with_it(extractor):
    assert records(extractor, "Rest day after yesterday's 25 km ride with Rhodri.") == [
        ("cycling", "completed", 25000.0, dt.date(2025, 3, 9))]
