"""A negative before a word of how a session went denies how it went, not the session: "Not a great run today",
"not my fastest parkrun" tell a session done (a PSEUDO rule of ``models/status_rules.json`` over the negation
cues); "Not a run today" and "did not run" still negate.

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


def statuses(extractor, text: str) -> list[str]:
    return [a.status for a in extractor.extract(text, posted_at="2026-11-20").activities]


@pytest.mark.parametrize("text", [
    "Not a great run today. Stopped at 6 km with a stitch.",
    "It was not an easy ride, 80 km into the wind.",
    "Not my fastest parkrun, 27:30.",
    "Not the best swim of my life, but 2 km done.",
])
def test_a_session_denied_a_quality_is_done(extractor, text):
    assert statuses(extractor, text) == ["completed"]


@pytest.mark.parametrize("text", ["Not a run today, just a rest.", "I did not run today, too windy."])
def test_a_session_denied_is_negated(extractor, text):
    assert statuses(extractor, text) == ["negated"]
