"""An interjection that is a name ("Christ, that was hard!", "God, my legs") is no participant; a model
may tag it a person.

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "Christ, that was a hard run! Did 12 km up the hill today.",
    "God, my legs hurt after that 30 km ride.",
])
def test_an_interjection_is_no_participant(extractor, text):
    (a,) = extractor.extract(text).activities
    assert a.participants == []


def test_a_name_is_still_read(extractor):
    (a,) = extractor.extract("Did 12 km up the hill with Joss today.").activities
    assert [p.name for p in a.participants] == ["Joss"]


def test_a_prayer_to_christ_is_no_place(extractor):
    (a,) = extractor.extract("I will need a prayer to Christ to get through these 20 push-ups today.").activities
    assert a.places == [] and a.participants == []
