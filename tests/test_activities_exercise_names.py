"""Common gym exercises are exercises by name, of strength training: a log of them is a workout, and
"raises", "jumps" or "deadlifts" in one is no verb of its sentence (the status tagger does not take
an exercise a tagger reads as a verb for the one that governs the others).

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, exercise, evidence", [
    ("Finished with 3 sets of hanging leg raises.", "leg_raise", "hanging leg raises"),
    ("Calf raises 3x20 after the run.", "calf_raise", "Calf raises"),
    ("Farmer's walk 4 x 40 m to finish the session.", "farmers_carry", "Farmer's walk"),
    ("Box jumps 5x5, nice and springy.", "box_jump", "Box jumps"),
])
def test_common_exercise_names_are_exercises(extractor, text, exercise, evidence):
    got = [(a.activity, a.exercise, a.evidence.text) for a in extractor.extract(text).activities
           if a.activity != "running"]
    assert got == [("strength_training", exercise, evidence)]


def test_a_log_of_exercises_is_done_not_a_habit(extractor):
    # a tagger may read a later exercise ("deadlifts", "raises") as the present-tense verb of the line
    text = "Leg day: squats 5x5 at 80 kg, lunges 3x12, calf raises 3x20."
    got = [(a.exercise, a.status) for a in extractor.extract(text).activities]
    assert got == [("squat", "completed"), ("lunge", "completed"), ("calf_raise", "completed")]
    got = [(a.exercise, a.status) for a in extractor.extract("Deadlifts 3x5, squats 5x5.").activities]
    assert got == [("deadlift", "completed"), ("squat", "completed")]
