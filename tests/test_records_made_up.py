"""A session not done (negated or hypothetical) takes no amount told after "so", "but" or "instead": the
amount is the session done in its place ("Missed my run yesterday, so doubled up today: 12 km in 1:05"), planned
where told ahead ("No run today, so 15 km tomorrow"), none where told as only maybe.

Every post here is written for these tests.
"""
from __future__ import annotations

import datetime as dt


def sessions(extractor, text: str) -> list[tuple]:
    post = extractor.extract(text, posted_at="2025-03-12")  # a Wednesday
    return [(a.status, a.distance.meters if a.distance else None, a.duration.seconds if a.duration else None,
             a.date.value if a.date else None) for a in post.activities]


def test_the_amount_after_so_is_the_session_done_in_place_of_the_one_missed(extractor):
    got = sessions(extractor, "Missed my run along the Tarnby canal yesterday, so doubled up today: 12 km in 1:05.")
    assert got == [("negated", None, None, dt.date(2025, 3, 11)), ("completed", 12000, 3900, dt.date(2025, 3, 12))]


def test_the_amount_after_but_is_what_was_done_of_a_session_wanted(extractor):
    got = sessions(extractor, "I wanted to run 10 km along the Tarnby canal but only managed 6 km.")
    assert [(status, meters) for status, meters, _, _ in got] == [("hypothetical", 10000), ("completed", 6000)]


def test_a_session_in_place_of_one_missed_told_ahead_is_planned(extractor):
    got = sessions(extractor, "No run with Jonas today, so 15 km tomorrow.")
    assert got[1:] == [("planned", 15000, None, dt.date(2025, 3, 13))]
    got = sessions(extractor, "Couldn't swim at the Larkspur lido on Monday, so I'll do 2 km on Friday instead.")
    assert got[1:] == [("planned", 2000, None, dt.date(2025, 3, 14))]


def test_a_session_in_place_of_one_missed_told_as_maybe_is_none(extractor):
    assert [s[0] for s in sessions(extractor, "I won't run tomorrow but maybe 5 km on Sunday.")] == ["negated"]


def test_an_amount_ending_the_clause_before_a_session_not_done_is_the_session_before(extractor):
    post = extractor.extract("Tried my first spin class at the Tarnby gym tonight. 45 minutes and I could barely "
                             "walk afterwards.", posted_at="2025-03-12")
    assert [(a.activity, a.status, a.duration.seconds if a.duration else None) for a in post.activities] == \
        [("cycling", "completed", 2700), ("walking", "hypothetical", None)]


def test_a_session_not_done_keeps_its_own_amount(extractor):
    got = sessions(extractor, "Rode 40 km along the Tarnby canal today. I couldn't ride 80 km though.")
    assert [(status, meters) for status, meters, _, _ in got] == [("completed", 40000), ("negated", 80000)]


def test_a_day_to_come_told_right_after_a_session_missed_is_a_plan_of_it(extractor):
    got = sessions(extractor, "Couldn't face the pool this morning so I skipped my swim. Will go tomorrow instead.")
    assert [(s[0], s[3]) for s in got] == [("negated", dt.date(2025, 3, 12)), ("planned", dt.date(2025, 3, 13))]
    got = sessions(extractor, "No run today, legs are wrecked. I'll try again on Friday.")
    assert [(s[0], s[3]) for s in got] == [("negated", dt.date(2025, 3, 12)), ("planned", dt.date(2025, 3, 14))]


def test_other_errands_after_a_session_missed_are_no_plan(extractor):
    assert [s[0] for s in sessions(extractor, "Missed my ride this morning. Will go to the shops tomorrow.")] == \
        ["negated"]
    assert [s[0] for s in sessions(extractor, "I didn't run today. It will rain tomorrow too.")] == ["negated"]
