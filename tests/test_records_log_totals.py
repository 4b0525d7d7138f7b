"""A log's total ("Total 42 km", "42 km in total this week") that is the sum of the distances of two or
more sessions told before it, all of them or those of one activity, is their sum: no session of its own.
A total that is no such sum is left to the other rules, but on a line that it opens after two or more sessions
("Total: 36 km running") it is their total all the same; a total told with an activity word ("Total: 42 km running")
is such a sum too, and a total told after a set of repeats on its line ("Wed: 5 x 1 km at 4:20, 10 km total") is
that session's distance.  A logged distance right after a denial
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


def test_a_total_told_with_an_activity_word_is_no_session(extractor):
    text = "Tue: 8 km easy\nThu: 10 km tempo\nSat: long run, 24 km\n\nTotal: 42 km running."
    assert distances(extractor, text) == [8000, 10000, 24000]


def test_a_total_after_a_set_of_repeats_on_its_line_is_that_sessions(extractor):
    text = "Tue: 8 km easy\nWed: 5 x 1 km at 4:20, 10 km total\nSat: 24 km long run\nTotal: 42 km"
    assert distances(extractor, text) == [8000, 10000, 24000]


def test_a_labelled_total_over_the_logged_sessions_is_no_session(extractor):
    # the week's total holds runs the log does not list; it is never less than the sessions it sums
    text = "Week 12 recap:\nMon rest\nTue 8 km easy\nThu 10 km tempo\nSat: long run 28 km\nTotal: 52 km"
    assert distances(extractor, text) == [8000, 10000, 28000]


@pytest.mark.parametrize("text, kept", [
    ("Mon: 8 km easy\nWed: 10 km tempo\nSat: 16 km long\nTotal: 36 km running", [8000, 10000, 16000]),
    ("Tue: 6 km easy\nThu: 45 min swim\nSun: 21 km long run\nWeekly total: 31 km running", [6000, None, 21000]),
])
def test_a_total_on_a_line_of_its_own_after_logged_sessions_is_no_session(extractor, text, kept):
    """"Total: 36 km running" after a log: its total, though warm-ups and walks left out of the lines above
    make it more than they add up to."""
    assert distances(extractor, text) == kept


def test_a_distance_that_sums_nothing_is_still_a_session(extractor):
    assert distances(extractor, "Tue 8 km easy. Thu 10 km tempo. Sunday: 30 km.") == [8000, 10000, 30000]


@pytest.mark.parametrize("text", ["Couldn't finish the 20 km today.", "Didn't quite make 10 miles this morning."])
def test_a_distance_right_after_a_denial_is_a_failed_attempt(sm_extractor, text):
    assert [a.status for a in sm_extractor.extract(text, posted_at="2024-04-15").activities] == ["negated"]


def test_a_denial_in_another_clause_denies_nothing(extractor):
    post = extractor.extract("20 km today, not bad at all.", posted_at="2024-04-15")
    assert [a.status for a in post.activities] == ["completed"]


@pytest.mark.parametrize("text, total", [
    ("Pool session with Ilse:\n300m easy\n6 x 50m fast\n300m easy\n8 x 25m kick\n200m cool down\n1400m total", 1400),
    ("Track night.\n2 km jog\n5 x 1 km at threshold\n2 km jog\nTotal: 9 km", 9000),
])
def test_a_sessions_total_after_its_parts_is_its_distance(extractor, text, total):
    """A distance labelled a total, right after the parts of the session told before it, is that
    session's distance, not a part's and not a session of its own."""
    assert distances(extractor, text) == [total]


@pytest.mark.parametrize("text, total", [
    ("Pool night\n\nWarm up 400m\nMain set 8 x 100m\nCool down 200m\n\n1600m total", 1600),
    ("Hill session\n3 km jog\n6 x 400m hill\n2 km jog\n\nTotal: 8 km\n\nGood to be back.", 8000),
])
def test_a_total_set_apart_by_a_blank_line_totals_the_block_before(extractor, text, total):
    """A total alone on its line after a blank line is the total of the parts right above it."""
    assert distances(extractor, text) == [total]


@pytest.mark.parametrize("text, kept", [
    ("Ran 5 km. Then 3 km in the evening.\n\n8 km total", [5000, 3000]),
    ("Ran 5 km. Then 3 km in the evening. 8 km total", [5000, 3000]),
])
def test_a_total_after_sessions_on_one_line_joins_none(extractor, text, kept):
    """Sessions told one after another on one line are no list of a session's parts."""
    assert distances(extractor, text) == kept


@pytest.mark.parametrize("text, kept", [
    ("This week:\n8 km easy\n10 km tempo\n28 km long run\nTotal: 46 km", [8000, 10000, 28000]),
    ("Ran 5 km this morning. Then 3 km in the evening. 8 km in total today.", [5000, 3000]),
])
def test_a_total_after_sessions_of_a_period_or_of_prose_joins_none(extractor, text, kept):
    """Lines under a period ("This week:") and sentences of prose tell sessions, not the parts of one."""
    assert distances(extractor, text) == kept


@pytest.mark.parametrize("text, kept", [
    ("Rode 40 km with Rhodri today. This month so far: 410 km.", [40000]),
    ("Ran 9 km along the canal. Last 3 weeks: 44 km, 52 km, 37 km.", [9000]),
    ("Last week 46 km, this week 53 km. Legs feel fresh.", []),
    ("Week 3: 8 km easy", [8000]),
    ("Last week I did 12 km with Jonas Berg.", [12000]),
])
def test_a_distance_labelled_by_a_week_or_a_month_is_its_volume(extractor, text, kept):
    """A week's or a month's volume is no session; a week's numbered label or a log verb tells one."""
    assert distances(extractor, text) == kept


def test_a_total_after_a_set_list_is_the_distance_of_the_session_that_opened_it(extractor):
    # the lines of the list are parts of the swim; the total after them is its distance
    text = ("After squash Bram and I headed to the pool and swam this set:\n\n50 yards warm up\n"
            "150 - 3 x 50 free\n200 - 8 x 25 on :45\n\n400 yards total")
    assert distances(extractor, text) == [pytest.approx(365.76)]


def test_a_total_of_a_week_after_a_list_is_no_sessions_distance(extractor):
    text = "This week I swam these sessions:\n\nMon 1000 yards\nWed 1200 yards\n\n2200 yards total this week"
    assert 2200 * 0.9144 not in [pytest.approx(d) for d in distances(extractor, text) if d]


def test_a_total_after_a_list_of_more_is_the_distance_of_the_session_before(extractor):
    # "did some more:" lists more of the swim with Bram; the total after it is that swim's
    text = ("Swimming with Bram\n\nAfter squash Bram and I headed to the pool and swam this set:\n\n50 yards warm up\n"
            "150 - 3 x 50 free\n\nBram's swimming is getting better.\n\nBram went home and I did some more:\n\n"
            "1000 easy\n200 breast\n\n1400 yards total")
    assert distances(extractor, text) == [pytest.approx(1280.16)]


def test_the_lines_of_a_set_with_distances_of_their_own_are_parts_of_the_session_its_total_closes(extractor):
    """The lines of the list (each a distance) and those of more after them are parts of the swim with
    Rhodri; the total is its distance, and the list after work, opened by its own line, is another swim."""
    text = ("Swim with Rhodri\n\nAfter squash Rhodri and I swam the following:\n\n200 m warm up\n4 x 100 m free\n"
            "8 x 50 m kick\n200 m easy\n\nRhodri had to go, so I did some extra:\n\n500 easy\n\n1500 m total\n\n"
            "After work Elin joined me at the lido for this set:\n\n400 m warm up\n10 x 100 m pull\n\n1400 m total")
    assert distances(extractor, text) == [1500, 1400]


def test_a_colon_before_a_time_on_a_set_line_opens_no_list(extractor):
    """"8 x 25 m on :45" ends no line in a colon: the total after the lines is still the opening swim's."""
    text = ("Swam the following with Rhodri:\n\n200 m warm up\n8 x 25 m on :45\n\n"
            "Rhodri had to go, so I did some extra:\n\n300 m easy\n\n700 m total")
    assert distances(extractor, text) == [700]
