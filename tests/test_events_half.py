"""A race named with "Half" at its end ("the Brackenfold Half", "the Larkspur Trail Half") is a half
marathon: the event's name, its length and, for a town's race, its place.  "My other half" (a partner) is
no race, and "the Second Half" of a match no event.

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


def records(extractor, text: str):
    return extractor.extract(text, posted_at="2024-04-15").activities


def test_a_towns_half_is_a_half_marathon_there(extractor):
    (a,) = records(extractor, "I'm running the Brackenfold Half next month.")
    assert a.event is not None and a.event.name == "Brackenfold Half"
    assert a.distance is not None and a.distance.meters == pytest.approx(21097.5)
    assert ("Brackenfold", "at") in [(p.name, p.role) for p in a.places]
    assert a.status == "planned"


def test_a_trail_half_with_its_time(extractor):
    (a,) = records(extractor, "Ran the Larkspur Trail Half on Sunday in 1:58:30.")
    assert a.event.name == "Larkspur Trail Half"
    assert a.distance.meters == pytest.approx(21097.5)
    assert a.duration.seconds == 7110


def test_a_partner_is_no_race(extractor):
    assert [a.activity for a in records(extractor, "My Other Half and I cycled 30 km.")] == ["cycling"]


def test_the_second_half_of_a_match_is_no_event(extractor):
    got = records(extractor, "We watched the Second Half of the match after our 10k run.")
    assert [(a.activity, a.event) for a in got] == [("running", None)]
