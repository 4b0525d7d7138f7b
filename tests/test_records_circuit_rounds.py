"""A count of rounds or sets followed by a colon heads a circuit's list ("3 rounds: 20 kettlebell swings,
15 push-ups"): it counts the circuit, not the first exercise, which keeps its own count.

Every post here is written for these tests.
"""
from __future__ import annotations


def counts(extractor, text: str) -> list[tuple[str, float | None]]:
    return [(a.exercise or a.activity, a.count.value if a.count else None)
            for a in extractor.extract(text, posted_at="2025-03-10").activities]


def test_rounds_heading_a_circuit(extractor):
    text = "3 rounds: 20 kettlebell swings, 15 push-ups, 400 m row. Took 18 minutes."
    assert counts(extractor, text)[:2] == [("kettlebell_swing", 20.0), ("push_up", 15.0)]


def test_rounds_of_heading_a_circuit(extractor):
    assert counts(extractor, "5 rounds of: 10 burpees, 20 squats.") == [("burpee", 10.0), ("squat", 20.0)]


def test_rounds_of_one_exercise_are_its_count(extractor):
    assert counts(extractor, "Did 108 rounds of sun salutations this morning.") == [("sun_salutation", 108.0)]
