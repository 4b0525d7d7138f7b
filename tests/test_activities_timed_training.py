"""Training is a session only where a time under a day fills it (issue 19): "two hours of training" is a
workout that long and "trains for three hours a day" a routine of them; "marathon training" and "12 weeks
of training" are the spell before a race, and where the sentence names the activity ("90 minutes of
training on the turbo") the time is that session's.  Posts written for these tests; each runs on blank
English and on the statistical pipeline."""
from __future__ import annotations

import pytest


def acts(extractor, text: str) -> list[tuple]:
    post = extractor.extract(text, posted_at="2025-06-16")
    return [(a.activity, a.status, a.duration.seconds if a.duration else None,
             a.frequency) for a in post.activities]


@pytest.mark.parametrize("text, seconds", [
    ("Two hours of training at the club this morning, then physio.", 7200.0),
    ("An hour of hard training in the garden before work.", 3600.0),
    ("I trained for 40 minutes in the park before the rain came.", 2400.0),
])
def test_a_time_of_training_is_a_workout_that_long(extractor, text, seconds):
    assert acts(extractor, text) == [("workout", "completed", seconds, None)]


def test_training_for_hours_a_day_is_a_routine(extractor):
    got = acts(extractor, "Bram Kettle is a sprinter. He trains for three hours a day at the Tarnby track.")
    assert got == [("workout", "habitual", 10800.0, "daily")], got


def test_a_time_of_training_on_a_means_is_that_session(extractor):
    got = acts(extractor, "Logged another 90 minutes of training on the turbo tonight.")
    assert got == [("cycling", "completed", 5400.0, None)], got


@pytest.mark.parametrize("text", [
    "After 12 weeks of training I finally feel ready.",
    "Marathon training is going well, legs are tired.",
    "Training hard all winter, the club says.",
    "She caught two trains to get to the start.",
])
def test_training_with_no_time_under_a_day_is_no_session(extractor, text):
    assert acts(extractor, text) == []
