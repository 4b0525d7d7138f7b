"""A training log's line or sentence opening with a weekday cut short ("Tue 8 km easy", "Sat: parkrun",
"Sun - 40 km ride") is dated by that weekday, as a full weekday name is (the post's own day when it is
that weekday, else the last one before).  Only capitalised, at a start or after a comma, colon or "on",
and at a start before a number or a colon or dash: "sat in the sun" and "Sun" in running text are no
dates.

Every post here is written for these tests.
"""
from __future__ import annotations

import datetime as dt


def dates(extractor, text: str, posted: str = "2024-06-10") -> list[dt.date | None]:
    return [a.date.value if a.date else None for a in extractor.extract(text, posted_at=posted).activities]


def test_a_log_of_sentences_opening_with_short_weekdays(extractor):
    text = "Week recap: Tue 8 km easy. Thu 10 km tempo. Sun 24 km long run with Benedikt."
    assert dates(extractor, text) == [dt.date(2024, 6, 4), dt.date(2024, 6, 6), dt.date(2024, 6, 9)]


def test_log_lines_with_a_colon_or_a_dash(extractor):
    text = "Sat: 12 km trail run\nSun - 40 km ride with Ottilie"
    assert dates(extractor, text, "2024-06-12") == [dt.date(2024, 6, 8), dt.date(2024, 6, 9)]


def test_the_words_sat_and_sun_are_no_dates(extractor):
    assert dates(extractor, "We sat 2 hours in the sun after a 10 km run.") == [None]
    assert dates(extractor, "Ran 10 km. Sun was out all morning.") == [None]


def test_short_weekdays_in_a_one_line_log_before_a_word(extractor):
    text = "Week recap: Mon rest, Tue 6 km easy, Thu 10 km tempo, Sat long run 21 km."
    assert dates(extractor, text, "2026-03-08") == [dt.date(2026, 3, 3), dt.date(2026, 3, 5), dt.date(2026, 3, 7)]


def test_a_short_weekday_after_on(extractor):
    assert dates(extractor, "On Sat I rode 40 km with Ottilie.", "2026-03-08") == [dt.date(2026, 3, 7)]


def test_sun_in_a_list_before_a_word_is_the_sun(extractor):
    assert dates(extractor, "Rode 40 km over the hills, Sun shining all the way.") == [None]


def test_wed_is_a_weekday_not_a_contraction(extractor):
    """spaCy's English special cases split "Wed" as "We d" (we'd without its apostrophe); the pipeline
    keeps it whole, so a log's Wednesday is dated as the other days are."""
    text = "Week recap: Mon rest, Wed 8 x 400 m on the track, Sat long run 21 km."
    assert dates(extractor, text, "2026-03-08") == [dt.date(2026, 3, 4), dt.date(2026, 3, 7)]
    assert dates(extractor, "Wed: 12 km trail run with Ottilie", "2026-03-08") == [dt.date(2026, 3, 4)]


def test_the_verb_wed_is_no_date(extractor):
    assert dates(extractor, "Rhodri and Tamsin wed after running 10 km together.") == [None]


def test_a_one_line_log_with_no_activity_word_dates_each_distance_by_its_day(extractor):
    """With no activity word, each logged distance is a session of the text's activity; the day right
    before it is its date, not the first day of the line."""
    text = "Marathon block, week 6. Mon rest, Tue 6 km easy, Thu 10 km tempo."
    assert dates(extractor, text, "2026-03-08") == [dt.date(2026, 3, 3), dt.date(2026, 3, 5)]


def test_a_sentence_opening_with_a_short_weekday_before_a_word(extractor):
    text = "Week two: Mon rest. Tue 7 km easy. Thu swim 2 km. Sat parkrun 22:48."
    posts = extractor.extract(text, posted_at="2024-06-10").activities
    assert [a.date.value if a.date else None for a in posts] == \
        [dt.date(2024, 6, 4), dt.date(2024, 6, 6), dt.date(2024, 6, 8)]
    assert [a.status for a in posts] == ["completed", "completed", "completed"]  # a log line, no routine
    assert all(not a.places for a in posts)  # "Sat" is no place


def test_sat_as_a_verb_opening_a_sentence_is_no_date(extractor):
    assert dates(extractor, "Sat down with a coffee after a 10 km run.") == [None]
    assert dates(extractor, "Sat in traffic for an hour, then ran 5 km.") == [None]


def test_short_weekdays_after_a_week_named_are_that_weeks_days(extractor):
    # posted on a Friday: next week's Saturday, last week's Monday, not the nearest of each
    text = "Next week: Tue 8 km easy, Sat long run 25 km."
    assert dates(extractor, text, "2026-11-20") == [dt.date(2026, 11, 24), dt.date(2026, 11, 28)]
    text = "Last week: Mon 5 km, Sat 18 km long run."
    assert dates(extractor, text, "2026-11-20") == [dt.date(2026, 11, 9), dt.date(2026, 11, 14)]


def _days(extractor, text: str) -> list:
    return [str(a.date.value) if a.date else None for a in extractor.extract(text, posted_at="2025-06-16").activities]


def test_a_weekday_in_a_weekend_told_is_that_weekend_s_day(extractor):
    """a weekend is read as its Saturday: its Sunday is the day after, not six days after"""
    got = _days(extractor, "Back to back long runs this weekend: 20 km Saturday, 25 km Sunday.")
    assert got == ["2025-06-14", "2025-06-15"], got


def test_a_day_right_after_a_distance_is_its_day(extractor):
    assert _days(extractor, "20 km Saturday, 25 km Sunday.") == ["2025-06-14", "2025-06-15"]
