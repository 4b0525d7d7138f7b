"""Strength work told by its weights beside a time.

fitpost_activities reads "weights" as strength training beside a time, an "of" between them too ("45
minutes of weights", :func:`fitpost.components.activities._amount_beside`), and "weights session" as a
session word; "core" and "abs" beside a time are a workout ("20 minutes of core").
Every post here is written for these tests; each runs on both pipelines.
"""
from __future__ import annotations

import pytest


def found(extractor, text: str) -> list[tuple[str, str, str]]:
    """(activity, evidence text, status) of each record of ``text``."""
    return [(a.activity, a.evidence.text, a.status) for a in extractor.extract(text).activities]


@pytest.mark.parametrize("text, seconds", [
    ("Spin class at 6am, then 45 minutes of weights at lunch.", 2700),
    ("Hit the weights for an hour tonight.", 3600),
    ("A 20 minute run and 30 min of strength.", 1800),
])
def test_weights_beside_a_time_are_strength_training(extractor, text, seconds):
    strength = [a for a in extractor.extract(text).activities if a.activity == "strength_training"]
    assert len(strength) == 1 and strength[0].duration.seconds == seconds


def test_a_run_keeps_its_own_time_beside_strength_work(extractor):
    run = [a for a in extractor.extract("30 min of strength after the run.").activities if a.activity == "running"]
    assert len(run) == 1 and run[0].duration is None


def test_weights_as_things_are_no_session(extractor):
    assert found(extractor, "Bought some new weights for the garage.") == []
    assert found(extractor, "The box holds 20 kg of weights.") == []


def test_a_weights_session_is_strength_training(extractor):
    first = found(extractor, "Weights session with Emily this morning.")[0]
    assert first[:2] == ("strength_training", "Weights session")


@pytest.mark.parametrize("text, seconds", [
    ("45 min Zwift ride before work, then 20 minutes of core.", 1200),
    ("Went for a 5k jog this evening, then 15 min of abs and some stretching.", 900),
])
def test_core_or_abs_beside_a_time_are_a_workout(extractor, text, seconds):
    workouts = [a for a in extractor.extract(text).activities if a.activity == "workout"]
    assert len(workouts) == 1 and workouts[0].duration.seconds == seconds


def test_the_core_of_something_is_no_session(extractor):
    got = found(extractor, "The core of the Tarnby club is its Sunday group of 40 runners, out for two hours.")
    assert "workout" not in [activity for activity, _, _ in got]
