"""A workout ("Crossfit", "the WOD", "a circuit") is made of exercises: the exercises told in the sentences
after its mention, with no blank line between, are parts of that session, no sessions of their own, and how many
of an exercise were done counts no session; so is a session listed with them ("10 burpees and a 200 m run").
"WOD" is a workout, and a day of a month after a name ("WOD 14 March") is its date, no event.

Every post here is written for these tests.
"""
from __future__ import annotations


def records(extractor, text: str) -> list:
    return extractor.extract(text, posted_at="2025-03-20").activities


def test_the_exercises_of_a_workout_are_its_parts(extractor):
    text = ("Crossfit tonight at the Tarnby box with Jonas. The WOD was brutal: 5 rounds of 10 burpees and "
            "15 kettlebell swings. 24 minutes.")
    [wod] = records(extractor, text)
    assert wod.activity in ("workout", "strength_training")
    assert (wod.duration.seconds, [p.name for p in wod.participants], wod.count) == (1440, ["Jonas"], None)


def test_a_workout_titled_with_its_day_is_no_event(extractor):
    [wod] = records(extractor, "WOD 14 March\n21-15-9 thrusters and pull-ups\nFinished in 8:42.")
    assert (wod.event, wod.duration.seconds, str(wod.date.value)) == (None, 522, "2025-03-14")


def test_exercises_after_a_blank_line_are_a_session_of_their_own(extractor):
    got = records(extractor, "Crossfit at the Larkspur box this morning.\n\nLater at home I did 50 push-ups.")
    assert len(got) == 2 and got[1].count.value == 50


def test_exercises_told_before_the_workout_they_make_up_are_its_parts(extractor):
    [wod] = records(extractor, "Back squats at 70 kg, then 30 pull-ups. The WOD at Tarnby took me 12 minutes.")
    assert (wod.duration.seconds, wod.count) == (720, None)


def test_a_session_listed_with_a_workout_s_exercises_is_its_part(extractor):
    """"10 burpees, 15 kettlebell swings and 200 m run": the run is one of the rounds' items, no session, and the
    time after the list is the workout's."""
    [wod] = records(extractor, "Crossfit today: 5 rounds of 10 burpees, 15 kettlebell swings and 200 m run. "
                               "23 minutes.")
    assert (wod.activity, wod.duration.seconds, wod.distance) == ("workout", 1380, None)
    # a session told after the exercises, not listed with them, is one of its own
    got = records(extractor, "Crossfit today: 5 rounds of 10 burpees. Then I ran 5 km home along the canal.")
    assert [(a.activity, a.distance and a.distance.meters) for a in got] == [("workout", None), ("running", 5000)]
