"""An activity word before a group noun names the group, not a session ("my running club", "a walking
group"), except in a caption that opens its sentence with a word of when after it ("Walking group this
morning, 7 km", "Running club tonight, 8 km"): the group's session (fitpost_activities).

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
])
def test_a_groups_session_told_as_a_caption_is_a_session(extractor, text, expected):
    assert activities(extractor, text) == expected


def test_joining_a_club_is_no_session(extractor):
    assert activities(extractor, "Joined the local running club today!") == []
