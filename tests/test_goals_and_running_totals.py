"""A year's goal told with the year between ("My goal for 2026 is to ride 5,000 km") is planned, as "my goal
for this year is to" is; what is done towards it "so far" ("So far I've done 812 km") is a running total, no
session.  "so" joins clauses, but "so far" tells up to now.

Every post here is written for these tests.
"""
from __future__ import annotations


def brief(extractor, text: str) -> list[tuple[str, float | None]]:
    return [(a.status, a.distance.meters if a.distance else None)
            for a in extractor.extract(text, posted_at="2026-03-08").activities]


def test_a_goal_for_a_year_and_its_total_so_far(extractor):
    text = "My goal for 2026 is to ride 5,000 km. So far I've done 812 km."
    assert brief(extractor, text) == [("planned", 5000000.0)]


def test_so_still_joins_clauses(extractor):
    assert brief(extractor, "It was pouring, so I swam 2 km at the Larkspur pool instead.") == [("completed", 2000.0)]


def test_a_distance_so_far_after_a_routine_or_a_challenge_is_its_running_total(extractor):
    text = "I have been cycling to work every day this month, 16 km each way. That is over 600 km so far!"
    assert brief(extractor, text) == [("habitual", 16000.0)]
    assert len(brief(extractor, "Day 12 of my walking challenge. 140 miles so far.")) == 1


def test_a_distance_so_far_today_is_the_days_session(extractor):
    assert brief(extractor, "Out on the long run now. 18 km so far today and feeling strong.") == [("ongoing", 18000.0)]
