"""A race told as still to come ("3 weeks out from the Larkspur Marathon", "ahead of", "in the run-up to")
is not the event of a session done in that sentence, and its distance is no session's: the session keeps
its own ("the last 20 miler": the activity word ends the amount, no segment of a race).

Every post here is written for these tests.
"""
from __future__ import annotations


def brief(extractor, text: str) -> list[tuple[str, float | None, str | None]]:
    return [(a.status, a.distance.meters if a.distance else None, a.event.name if a.event else None)
            for a in extractor.extract(text, posted_at="2026-03-09").activities]


def test_a_session_weeks_out_from_a_race_is_not_the_race(extractor):
    text = "3 weeks out from the Brackenfold Marathon and today was the last 20 miler. Taper time!"
    assert brief(extractor, text) == [("completed", 20 * 1609.344, None)]


def test_a_race_done_keeps_its_event(extractor):
    assert brief(extractor, "I ran the Brackenfold Marathon on Sunday in 3:58.") == \
        [("completed", 42195.0, "Brackenfold Marathon")]


def test_a_shakeout_is_a_run(extractor):
    (run,) = extractor.extract("Quick shakeout this morning, 20 minutes easy.", posted_at="2026-03-09").activities
    assert run.activity == "running" and run.duration.seconds == 1200.0
