"""A best time told with its race's distance (issue 20): "a new 5k PB" is a 5 km session, not a margin
of 5 km, and "at last" before a time means "finally", no period.  A margin stays one: "2 min off my PB".
"One day" with no word of a length before it is some day, no time ("One day I'll run a marathon").
Posts written for these tests; each runs on blank English and on the statistical pipeline."""
from __future__ import annotations


def amounts(extractor, text: str) -> list[tuple]:
    post = extractor.extract(text, posted_at="2025-06-16")
    return [(a.activity, a.distance and a.distance.meters, a.duration and a.duration.seconds) for a in post.activities]


def test_a_distance_before_pb_is_the_race_s(extractor):
    assert amounts(extractor, "New 5k PB this morning: 19:59!") == [("running", 5000.0, 1199.0)]
    assert amounts(extractor, "Ran a 10 km personal best on the canal path, 44:02.") == [("running", 10000.0, 2642.0)]


def test_a_time_after_at_last_is_the_session_s(extractor):
    assert amounts(extractor, "A 10k PB at last: 41:30.") == [("running", 10000.0, 2490.0)]


def test_a_margin_off_a_best_stays_a_margin(extractor):
    got = amounts(extractor, "Took 2 minutes off my 10k PB today, finishing in 44:10.")
    assert got == [("running", 10000.0, 2650.0)], got


def test_one_day_with_no_word_of_length_is_some_day(extractor):
    assert amounts(extractor, "One day I'll run a marathon.") == [("running", 42195.0, None)]
    assert amounts(extractor, "Rode 200 km in one day!") == [("cycling", 200000.0, 86400.0)]
