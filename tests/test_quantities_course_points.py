"""A time at a point on the course ("reached the halfway aid station in 2:45", "got to the third
checkpoint in 9:10", "at the turnaround in 48:00") is a split, not the session's time: the finish told
later is.

Every post here is written for these tests.
"""
from __future__ import annotations

from fitpost.quantity_parser.context import aside


def test_points_on_the_course_make_a_split():
    for text in ("reached the halfway aid station in 2:45", "got to the third checkpoint in 9:10",
                 "hit the turnaround in 48:00"):
        number = text.split()[-1]
        start = text.index(number)
        assert aside(text, start, start + len(number), "duration") == "split", text


def test_a_finish_is_no_split():
    text = "crossed the line in 5:52:10"
    assert aside(text, text.index("5:52"), len(text), "duration") is None


def test_the_race_keeps_its_finish_not_the_split(extractor):
    text = ("Brackenfold 50K race report. I started conservatively and reached the halfway aid station in 2:45. "
            "The second half was brutal, but I crossed the line in 5:52:10, 14th of 120 finishers.")
    [record] = extractor.extract(text, posted_at="2025-03-10").activities
    assert record.duration.seconds == 5 * 3600 + 52 * 60 + 10
