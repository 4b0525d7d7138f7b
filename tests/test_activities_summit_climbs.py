"""Climbing a named peak ("Climbed Brackenfold Pike", "climbing Mount Tarnby", "up the Tarnby Fell") is a
hike up it, not rock climbing, which names a crag, a wall or pitches; a street named for a hill is no
peak.

Every post here is written for these tests.
"""
from __future__ import annotations


def activities(extractor, text: str) -> list[str]:
    return [a.activity for a in extractor.extract(text, posted_at="2025-03-10").activities]


def test_a_peak_named_after_its_head_word(extractor):
    assert activities(extractor, "Climbed Brackenfold Pike with Rhodri on Saturday.") == ["hiking"]


def test_a_peak_named_after_a_prefix(extractor):
    assert activities(extractor, "Climbed Mount Tarnby on Saturday, 12 miles round trip.") == ["hiking"]
    assert activities(extractor, "We climbed up the Tarnby Fell yesterday.") == ["hiking"]


def test_pitches_at_a_crag_are_rock_climbing(extractor):
    assert activities(extractor, "Climbed 14 pitches at Larkspur Crag today.") == ["climbing"]


def test_a_street_named_for_a_hill_is_no_peak(extractor):
    assert activities(extractor, "Climbed Hill Street Wall at the indoor centre tonight.") == ["climbing"]
