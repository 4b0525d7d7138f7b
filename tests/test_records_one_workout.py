"""The exercises told one after another in a sentence, of one activity and status with no date between,
are one workout: one record, the first exercise its evidence ("squats 5x5, lunges 3x12, then deadlifts
3x5"); on different days they are two.

Every post here is written for these tests.
"""
from __future__ import annotations


def records(extractor, text: str) -> list[tuple[str, str]]:
    return [(a.activity, a.evidence.text) for a in extractor.extract(text, posted_at="2026-03-08").activities]


def test_the_exercises_of_one_morning_are_one_workout(extractor):
    assert records(extractor, "Did 100 push-ups and 100 squats this morning.") == [("strength_training", "push-ups")]


def test_a_list_of_sets_is_one_workout(blank_extractor):
    text = "Squats 5x5 at 80 kg, lunges 3x12, then deadlifts 3x5."
    assert records(blank_extractor, text) == [("strength_training", "Squats")]


def test_exercises_on_two_days_are_two_workouts(extractor):
    got = records(extractor, "100 push-ups on Monday and 100 squats on Tuesday.")
    assert got == [("strength_training", "push-ups"), ("strength_training", "squats")]


def test_an_exercise_and_a_run_stay_apart(extractor):
    got = records(extractor, "Did 50 push-ups, then ran 5 km.")
    assert got == [("strength_training", "push-ups"), ("running", "ran")]


def test_common_exercise_names_are_exercises(extractor):
    post = extractor.extract("Finished with 3 sets of hanging leg raises and a 2 minute plank.")
    assert [(a.activity, a.exercise, a.evidence.text) for a in post.activities] == \
        [("strength_training", "leg_raise", "hanging leg raises")]
    post = extractor.extract("Farmer's walk 4 x 40 m to finish the session.")
    assert [(a.activity, a.exercise) for a in post.activities] == [("strength_training", "farmers_carry")]
