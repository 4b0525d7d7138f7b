"""A nationality before a name is no part of it ("Kenyan Tamsin Hale", "Briton Tamsin Reyes"), as a role or
an office is not; a name that is a service or a unit is no person ("the Norwegian Naval Force": no "Naval
Force" once its nationality is left out).

Every post here is written for these tests.
"""
from __future__ import annotations


def names(extractor, text: str) -> list[list[str]]:
    return [[p.name for p in a.participants] for a in extractor.extract(text, posted_at="2026-03-08").activities]


def test_a_nationality_before_a_name_is_left_out(extractor):
    text = ("Over 900 runners took part in the Larkspur Half Marathon on Sunday, with Kenyan Joseph Kiplagat "
            "winning in 1:02:11.")
    assert names(extractor, text) == [["Joseph Kiplagat"]]
    assert names(extractor, "Briton Tamsin Reyes ran 2:21 to win the Larkspur Marathon.") == [["Tamsin Reyes"]]


def test_a_surname_that_is_a_nationality_stays(extractor):
    text = "Orla French walked 10 km with Ellis English on Sunday."
    assert names(extractor, text) == [["Orla French", "Ellis English"]]


def test_a_service_or_a_unit_is_no_person(extractor):
    text = "The Norwegian Naval Force is holding a cycling expedition of 900 km from Tarnside to Larkspur."
    assert names(extractor, text) == [[]]
