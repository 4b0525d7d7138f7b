"""A record timed only roughly (a bound, "broke 20 minutes", or an estimate, "about 2 hours") still takes
the exact result a later sentence tells ("19:48 on the watch", "Finished in 1:57:30"), which tells that
time more precisely.

Every post here is written for these tests.
"""
from __future__ import annotations


def durations(extractor, text: str) -> list[float | None]:
    return [a.duration.seconds if a.duration else None
            for a in extractor.extract(text, posted_at="2025-03-10").activities]


def test_a_bound_refined_by_the_watch(extractor):
    text = "Finally broke 20 minutes at parkrun this morning! 19:48 on the watch."
    assert durations(extractor, text) == [1188.0]


def test_an_estimate_refined_by_the_finish(extractor):
    assert durations(extractor, "Ran about 2 hours in the hills. Finished in 1:57:30 on the watch.") == [7050.0]


def test_a_result_far_from_the_rough_time_does_not_replace_it(extractor):
    assert durations(extractor, "Walked for about an hour by the river. Finished in 3:40:00 on the watch.") == \
        [3600.0]
