"""A distance in metres or feet in brackets right after a place ("Brackenfold Pike (931 m)") is that
place's height, no session's distance; one in kilometres or miles there ("Larkspur Lane (5 km)") may
still be the session's.  A distance right before "high" or "tall" ("Ben Larkspur is 1,300 metres high") is a
height too.

Every post here is written for these tests.
"""
from __future__ import annotations


def distances(extractor, text: str) -> list[float | None]:
    return [a.distance.meters if a.distance else None
            for a in extractor.extract(text, posted_at="2026-03-08").activities]


def test_a_height_in_brackets_after_a_hill_is_no_distance(extractor):
    text = "Climbed Brackenfold Pike (931 m) with Rhodri on Saturday, 14 km round trip, 6 hours."
    assert distances(extractor, text) == [14000.0]
    assert distances(extractor, "Walked up Larkspur Fell (2,100 ft) today.") == [None]


def test_a_length_in_brackets_after_a_road_may_be_the_session_s(extractor):
    assert distances(extractor, "Ran along Larkspur Lane (5 km) this morning.") == [5000.0]


def test_a_distance_told_as_how_high_is_no_distance(extractor):
    assert distances(extractor, "Ben Larkspur is 1,300metres high and I climbed it in 3 hours.") == [None]
    assert distances(extractor, "Walked 12 km to the Tarnby beacon, a 30 m tall tower.") == [12000.0]
