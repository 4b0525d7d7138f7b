"""A time told as a bound ("broke 2 hours", "about an hour") gives way to the exact time told beside it.

fitpost_records (:func:`fitpost.components.records.amounts.exact_time`): the record's time is the exact one
of its sentences that no record took, where it is within a tenth of the bound; a bound with nothing exact
beside it stays the record's time.  Every post here is written for these tests; each runs on both pipelines.
"""
from __future__ import annotations

import pytest


def seconds(extractor, text: str) -> list[float | None]:
    return [a.duration.seconds if a.duration else None for a in extractor.extract(text).activities]


@pytest.mark.parametrize("text, expected", [
    ("Finally broke 2 hours for the half at the Tarnby Half on Sunday: 1:58:32.", 7112),
    ("Broke 20 minutes for 5k at parkrun today, 19:48.", 1188),
    ("Ran for about an hour with Emily, 58:20 on the watch.", 3500),
])
def test_the_exact_time_beside_a_bound_is_the_sessions(extractor, text, expected):
    assert seconds(extractor, text) == [expected]


def test_a_bound_alone_stays_the_time(extractor):
    assert seconds(extractor, "Dipped under 25 minutes at parkrun this morning.") == [1500]


def test_an_exact_time_far_from_the_bound_is_not_taken_for_it(extractor):
    assert seconds(extractor, "Ran for about an hour this morning, then 20:15 of stretching.") == [3600]
