"""A plan told done right after it ("Today's plan: 10 km easy. Done!") was carried out.  A race planned or
hoped for that the text then tells finished, with a result ("Crossed the line in
3:58:12!"), was carried out: the record is completed, with that time, and its day is one gone by. A
result of another day ("My best there was 4:02:10 in 2019") settles nothing.  A race registered for and then
told done by its name ("It was on 14 February at the Tarnby Trail Marathon") is the race registered for, though
the name is a longer race's.

Every post here is written for these tests.
"""
from __future__ import annotations

import datetime as dt


def records(extractor, text: str):
    return [(a.status, a.duration.seconds if a.duration else None, a.date.value if a.date else None)
            for a in extractor.extract(text, posted_at="2025-03-10").activities]


def test_a_hope_then_a_finish(extractor):
    text = "Hoping to go under 4 hours at the Larkspur Marathon. Crossed the line in 3:58:12!"
    assert records(extractor, text) == [("completed", 3 * 3600 + 58 * 60 + 12.0, None)]


def test_a_plan_then_a_finish_is_a_day_gone_by(extractor):
    text = "Signed up for the Brackenfold 10k on Sunday. Crossed the line in 44:12, a new PB!"
    assert records(extractor, text) == [("completed", 44 * 60 + 12.0, dt.date(2025, 3, 9))]


def test_a_result_of_another_year_settles_nothing(extractor):
    text = "Hoping to go under 4 hours at the Larkspur Marathon. My best there was 4:02:10 in 2019."
    assert [s for s, _, _ in records(extractor, text)] == ["hypothetical"]


def statuses(extractor, text: str) -> list[str]:
    return [a.status for a in extractor.extract(text, posted_at="2025-03-10").activities]


def test_a_plan_told_done_right_after_it_is_completed(extractor):
    assert statuses(extractor, "Today's plan: 10 km easy. Done!") == ["completed"]
    assert statuses(extractor, "Plan for today: swim 2 km. Nailed it.") == ["completed"]


def test_done_with_more_words_settles_no_plan(extractor):
    assert statuses(extractor, "Tomorrow: long run 25 km. Done with planning, now bed.") == ["planned"]


def test_a_race_registered_for_then_told_done_by_its_name(extractor):
    text = ("After months of 10K runs I registered for my debut half marathon. "
            "It was held on the 14th of February at the Tarnby Trail Marathon.")
    got = [(a.status, a.distance.meters if a.distance else None, a.event.name if a.event else None,
            a.date.value if a.date else None)
           for a in extractor.extract(text, posted_at="2025-03-10").activities]
    assert got == [("completed", 10000.0, None, None),
                   ("completed", 21097.5, "Tarnby Trail Marathon", dt.date(2025, 2, 14))]


def test_a_race_of_another_distance_is_not_the_one_registered_for(extractor):
    text = "I registered for a 10K in June. Loved the Brackenfold Marathon on 2 March, brutal but fun."
    assert [(a.status, a.distance.meters if a.distance else None)
            for a in extractor.extract(text, posted_at="2025-03-10").activities] \
        == [("planned", 10000.0), ("completed", 42195.0)]
