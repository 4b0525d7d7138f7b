"""An amount written right before an activity word ("a 45-minute swim") is that activity's own, before
a period earlier in the sentence or a later activity can take its place.

Every post here is written for these tests.
"""
from __future__ import annotations


def durations(extractor, text: str) -> dict[str, float | None]:
    """Each record's activity and duration in seconds."""
    return {a.activity: a.duration.seconds if a.duration else None for a in extractor.extract(text).activities}


def test_a_duration_before_an_activity_word_is_its_own(extractor):
    got = durations(extractor, "For two months I did a 45-minute swim, cycling and yoga.")
    assert got["swimming"] == 2700.0


def test_a_distance_before_an_activity_word_is_its_own(extractor):
    (a,) = [a for a in extractor.extract("Over three weeks I fitted in a 12 km run and some yoga.").activities
            if a.activity == "running"]
    assert a.distance is not None and a.distance.meters == 12000.0


def test_a_time_of_a_hyphenated_sport_is_its_own(extractor):
    """A hyphenated word ("five-a-side") is one word and no clause break between a time and its sport."""
    assert durations(extractor, "Played 90 minutes of five-a-side football tonight, shattered.") == {"other": 5400.0}
    # a time of something else is still no session's
    assert durations(extractor, "After a week of non-stop rain we rode 40 km.") == {"cycling": None}
