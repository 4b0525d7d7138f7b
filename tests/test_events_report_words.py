"""A race's name ends at its head: a word of a report in lower case after it ("the Brackenfold Half Marathon
race report", "Tarnside Marathon race day") is not part of the name, though a capitalised one is ("the
Marlow Vale Trail Race").  A model's place entity that runs into a city race's head ("Tarnside Marathon") is
the city the race is named after.

Every post here is written for these tests.
"""
from __future__ import annotations


def events(extractor, text: str) -> list[str | None]:
    return [a.event.name if a.event else None for a in extractor.extract(text, posted_at="2026-03-08").activities]


def test_a_report_word_in_lower_case_after_the_head_ends_the_name(extractor):
    assert events(extractor, "Brackenfold Half Marathon race report. Finished in 1:44:12.") == \
        ["Brackenfold Half Marathon"]
    assert events(extractor, "It was Tarnside Marathon race day and I was nervous. Finished in 4:01:22.") == \
        ["Tarnside Marathon"]


def test_a_capitalised_race_is_part_of_the_name(extractor):
    assert events(extractor, "The Marlow Vale Trail Race was brutal, 28 km of mud.") == ["Marlow Vale Trail Race"]


def test_the_place_of_a_city_race_is_its_city(extractor):
    post = extractor.extract("It was Tarnside Marathon race day and I was nervous. Finished in 4:01:22.",
                             posted_at="2026-03-08")
    assert [p.name for p in post.activities[0].places] == ["Tarnside"]
