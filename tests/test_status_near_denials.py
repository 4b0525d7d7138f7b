"""A denial that nearly happened did not: "almost skipped my run but glad I went", "nearly gave up at 30 km"
tell a session done (a PSEUDO rule of ``models/status_rules.json`` over the negation cues); a denial
alone still negates.

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


def statuses(extractor, text: str) -> list[str]:
    return [a.status for a in extractor.extract(text, posted_at="2026-11-20").activities]


@pytest.mark.parametrize("text", [
    "Almost skipped my run but glad I went - 8 km in the drizzle.",
    "Nearly gave up at 30 km but finished the marathon in 4:10.",
    "I nearly missed the start of the Tarnby 10K but ran 44:30.",
])
def test_a_denial_that_nearly_happened_is_a_session_done(extractor, text):
    assert statuses(extractor, text) == ["completed"]


def test_a_denial_alone_negates(extractor):
    assert statuses(extractor, "Skipped my run today, too windy.") == ["negated"]


@pytest.mark.parametrize("text", [
    "Had to pull out of the Tarnside 10K with a calf strain. Gutted.",
    "I've withdrawn from the Larkspur Marathon after a stress fracture.",
    "Pulling out of Sunday's race, still ill.",
])
def test_pulling_out_of_a_race_negates_it(extractor, text):
    assert statuses(extractor, text) == ["negated"]
