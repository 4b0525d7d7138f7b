"""A log's total ("Total 42 km", "42 km in total this week") that is the sum of the distances of two or
more sessions told before it, all of them or those of one activity, is their sum: no session of its own.
A total that is no such sum is left to the other rules.  A logged distance right after a denial
("Couldn't finish the 20 km today") is a failed attempt: negated.

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


def distances(extractor, text: str) -> list[float | None]:
    post = extractor.extract(text, posted_at="2024-06-10")
    return [a.distance.meters if a.distance else None for a in post.activities]


@pytest.mark.parametrize("text, kept", [
    ("Tue 8 km easy. Thu 10 km tempo. Sun 24 km long run with Benedikt. Total 42 km.", [8000, 10000, 24000]),
    ("Swam 2 km on Monday and rode 40 km on Wednesday. 42 km in total this week.", [2000, 40000]),
])
def test_a_total_of_the_sessions_before_is_no_session(extractor, text, kept):
    assert distances(extractor, text) == kept


def test_a_labelled_total_over_the_logged_sessions_is_no_session(extractor):
    # the week's total holds runs the log does not list; it is never less than the sessions it sums
    text = "Week 12 recap:\nMon rest\nTue 8 km easy\nThu 10 km tempo\nSat: long run 28 km\nTotal: 52 km"
    assert distances(extractor, text) == [8000, 10000, 28000]


def test_a_distance_that_sums_nothing_is_still_a_session(extractor):
    assert distances(extractor, "Tue 8 km easy. Thu 10 km tempo. Sunday: 30 km.") == [8000, 10000, 30000]


@pytest.mark.parametrize("text", ["Couldn't finish the 20 km today.", "Didn't quite make 10 miles this morning."])
def test_a_distance_right_after_a_denial_is_a_failed_attempt(sm_extractor, text):
    assert [a.status for a in sm_extractor.extract(text, posted_at="2024-04-15").activities] == ["negated"]


def test_a_denial_in_another_clause_denies_nothing(extractor):
    post = extractor.extract("20 km today, not bad at all.", posted_at="2024-04-15")
    assert [a.status for a in post.activities] == ["completed"]
