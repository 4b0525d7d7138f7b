"""A place written before a name, after a place preposition ("a climber from Utrecht, Lucy Ward"), is
no companion listed with that name: it stays a place.

Every post here is written for these tests.
"""
from __future__ import annotations


def record(extractor, text: str):
    (only,) = extractor.extract(text).activities
    return only


def test_a_place_before_an_appositive_name_is_no_participant(extractor):
    a = record(extractor, "A 15-year-old climber from Utrecht, Lucy Ward, has summited Mount Elbrus.")
    assert [p.name for p in a.participants] == ["Lucy Ward"]


def test_a_list_of_names_after_with_is_still_read(extractor):
    a = record(extractor, "Cycled 40 km to Lonavla with Tom, Anna and Raj.")
    assert [p.name for p in a.participants] == ["Tom", "Anna", "Raj"]
