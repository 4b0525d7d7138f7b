"""A race report's split ("went through 10k in 47:30", "First 5k in 24:10") is a part of the race: its time
is not the race's; the finishing time told beside it is.  A distance in the sentence after a race is no
object of the race's activity word ("Ran the half today. Went through 10k ...": the 10k is a segment).

Every post here is written for these tests.
"""
from __future__ import annotations


def durations(extractor, text: str) -> list[float | None]:
    return [a.duration.seconds if a.duration else None
            for a in extractor.extract(text, posted_at="2026-03-08").activities]


def test_a_split_told_after_the_race_is_not_its_time(extractor):
    text = "Ran the Brackenfold Half Marathon today. Went through 10k in 47:30 and finished in 1:44:12."
    assert durations(extractor, text) == [6252.0]


def test_a_split_in_a_sentence_of_its_own_is_not_lent_to_the_race(extractor):
    text = ("Tarnside Half Marathon race report. Set off far too quickly. Hit 10k in 47:30, then the legs went "
            "around mile 9. Finished in 1:44:12, a PB all the same.")
    assert durations(extractor, text) == [6252.0]
    assert durations(extractor, "Did the Larkspur 10k this morning. First 5k in 24:10, finished in 47:55.") == [2875.0]


def test_a_time_told_after_the_race_distance_itself_is_still_the_race_s(extractor):
    # the distance told with the time is the race's own: its time, not a split's
    assert durations(extractor, "Ran the Larkspur 10k on Sunday. 10k in 47:55, very happy.") == [2875.0]
    assert durations(extractor, "Finished the Marlow Vale Marathon yesterday in 3:58:20.") == [14300.0]
