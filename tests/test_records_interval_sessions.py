"""An interval session told by its repeats: a line that opens with a set ("5 x 1 km at 4:10 with 90 s
recovery.") or gives it after a short label ("Track session: 6 x 800 m") is a session, of the text's
activity, though no activity word names it (:func:`fitpost.components.records.lending._log_line`); and a
jog or a walk between the repeats ("with 200 m jog recoveries", "a 200 m jog between each", "jog back down") is their
recovery, neither a session nor the session's amount (``repeat_recoveries`` in ``models/linking.json``,
the ``recovery`` role of ``models/quantities/context.json``); the length of each lap or repeat, told right after
the activity word with no number of them ("running 5 km laps", "ran 800 m repeats"), is no session's distance
(:func:`fitpost.components.records.amounts._one_of_parts`).

Every post here is written for these tests; each runs in blank mode and with the statistical pipeline.
"""
from __future__ import annotations

import pytest


def sessions(extractor, text: str) -> list[tuple[str, float | None]]:
    got = extractor.extract(text, posted_at="2026-11-20").activities
    return [(a.activity, a.distance.meters if a.distance else None) for a in got]


@pytest.mark.parametrize("text, meters", [
    ("5 x 1 km at 4:10 with 90 s recovery. Tough session on the track with Jonas.", 5000),
    ("Track session: 6 x 800 m at 5K pace.", 4800),
])
def test_a_set_of_repeats_opening_a_line_is_a_session(extractor, text, meters):
    assert sessions(extractor, text) == [("running", pytest.approx(meters))]


@pytest.mark.parametrize("text, meters", [
    ("Intervals today: 8 x 400 m with 200 m jog recoveries.", 3200),
    ("6 x 400 m with a 200 m jog between each.", 2400),
    ("Track tonight: 10 x 200 m, 200 m walk recovery.", 2000),
    ("Ran 6 x 1 km with 2 min jog recovery.", 6000),
    ("Hill reps with the club: 8 x 90 seconds up Tarnby Hill, jog back down. About 9 km in all.", 9000),
])
def test_the_jog_or_walk_between_repeats_is_their_recovery(extractor, text, meters):
    assert sessions(extractor, text) == [("running", pytest.approx(meters))]


def test_a_recovery_run_with_no_repeats_is_a_session(extractor):
    assert sessions(extractor, "Easy 5 km recovery jog this morning.") == [("running", pytest.approx(5000))]


@pytest.mark.parametrize("text", [
    "Ran 800 m repeats on the track tonight with the club.",
    "Spent the afternoon cycling 10 km laps of Tarnby Park.",
])
def test_the_length_of_each_part_is_no_sessions_distance(extractor, text):
    assert [meters for _, meters in sessions(extractor, text)] == [None]


def test_the_parts_of_a_relay_told_after_it_are_that_relay(extractor):
    text = ("Three friends have completed a 24-hour relay run, covering 212 km between them. "
            "Elin Moss, Bram Kettle and Jonas Berg took turns running 5 km laps of Tarnby Park.")
    assert sessions(extractor, text) == [("running", pytest.approx(212000))]


def test_a_set_of_laps_is_the_sessions_distance(extractor):
    assert sessions(extractor, "Ran 4 x 5 km laps of the park this morning.") == [("running", pytest.approx(20000))]
