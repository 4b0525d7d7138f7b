"""An activity word before a group noun names the group, not a session ("my running club", "a walking
group"), except in a caption that opens its sentence with a word of when after it ("Walking group this
morning, 7 km", "Running club tonight, 8 km"), or after "with" in a sentence that tells a distance or a time
("200 km with the Tarnside audax group"): the group's session (fitpost_activities).

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


def activities(extractor, text: str) -> list[tuple[str, float | None]]:
    got = extractor.extract(text, posted_at="2026-11-20").activities
    return [(a.activity, a.distance.value if a.distance else None) for a in got]


@pytest.mark.parametrize("text, expected", [
    ("Walking group this morning, 7 km around Marlow Vale.", [("walking", 7)]),
    ("Running club tonight, 8 km.", [("running", 8)]),
    ("Sunday swim crew: Ottilie, Rhodri and me. 1.5 km in the lake!", [("swimming", 1.5)]),
])
def test_a_groups_session_told_as_a_caption_is_a_session(extractor, text, expected):
    assert activities(extractor, text) == expected


def test_joining_a_club_is_no_session(extractor):
    assert activities(extractor, "Joined the local running club today!") == []


@pytest.mark.parametrize("text, expected", [
    ("Season opener! 200 km from Brackenfold with the Tarnside audax group, 9h12 elapsed.", [("cycling", 200)]),
    ("A gentle 6 km with my walking group before the rain.", [("walking", 6)]),
])
def test_an_amount_done_with_a_group_is_the_groups_activity(extractor, text, expected):
    assert activities(extractor, text) == expected


def test_a_group_joined_with_no_amount_is_no_session(extractor):
    assert activities(extractor, "Signed up with the Larkspur running club today.") == []


def test_a_crew_named_in_a_sentence_is_no_session(extractor):
    assert activities(extractor, "The swim crew were out in force for the gala.") == []
