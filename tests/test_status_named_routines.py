"""A routine counted as one session, with an article and its length before it ("a 20 minute plank
routine"), names a workout done once, not a habit (a PSEUDO rule of ``models/status_rules.json`` over the
"routine" cue); "part of my routine" still tells a habit.

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "Did 3 x 12 lunges and a 20 minute plank routine.",
    "Finished with 3 x 15 squats and a 10-minute stretching routine.",
])
def test_a_routine_told_with_an_article_and_its_length_is_one_session(extractor, text):
    # "a 20 minute plank routine" names a workout done once, not a habit
    assert "habitual" not in [a.status for a in extractor.extract(text, posted_at="2025-03-10").activities]
