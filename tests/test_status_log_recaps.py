"""A training log told as a recap of a numbered week or day ("Week 12 recap: Tue 8 km easy, Thu swim
2 km") lists sessions done: its label is no journey under way, and a verb right after a weekday opening
an item of the list has no subject, so a tagger's present tense makes no routine of it.

Every post here is written for these tests.
"""
from __future__ import annotations


def statuses(extractor, text: str, posted: str = "2025-03-10") -> list[str]:
    return [a.status for a in extractor.extract(text, posted_at=posted).activities]


def test_a_numbered_week_recap_lists_sessions_done(extractor):
    assert statuses(extractor, "Week 12 recap: Wed 10 km run, Thu swim 2 km.") == ["completed", "completed"]


def test_a_numbered_day_summary_is_done_too(extractor):
    assert statuses(extractor, "Day 5 summary: 80 km ride from Tarnside to Marlow Vale.") == ["completed"]


def test_a_verb_after_a_weekday_opening_a_list_item_is_no_routine(extractor):
    text = "Good week. Tue 8 km run, Thu swim 2 km, Sat ride 45 km with Rhodri."
    assert statuses(extractor, text) == ["completed", "completed", "completed"]


def test_a_numbered_day_of_a_journey_is_still_under_way(extractor):
    assert statuses(extractor, "Day 4 of our walk along the coast: 22 km to Brackenfold today.") == ["ongoing"]


def test_a_routine_on_weekdays_is_still_a_routine(extractor):
    assert statuses(extractor, "I swim 2 km on Mondays and Thursdays.") == ["habitual"]


def test_counted_exercises_done_every_day_of_a_month_gone_are_done(extractor):
    """"100 push-ups" is plural as its reps are, not as sessions counted per period"""
    post = extractor.extract("I did 100 push-ups every day in May.", posted_at="2025-06-16")
    got = [(a.activity, a.status, a.frequency) for a in post.activities]
    assert got == [("strength_training", "completed", "daily")], got


def test_sessions_counted_per_week_stay_a_routine(sm_extractor):
    post = sm_extractor.extract("Did three runs a week all winter.", posted_at="2025-06-16")
    assert [a.status for a in post.activities] == ["habitual"]
