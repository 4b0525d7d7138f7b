"""The words of a kind of session, capitalised as a title ("Peloton Ride: 45 min", "Half Marathon done!")
or after a platform's name ("Zwift ride"), name no event: an event's name has words of its own besides
them ("the Tarnside Trail Run").

Every post here is written for these tests.
"""
from __future__ import annotations


def events(extractor, text: str) -> list[str | None]:
    return [a.event.name if a.event else None for a in extractor.extract(text, posted_at="2025-03-10").activities]


def test_a_title_of_a_session_kind_is_no_event(extractor):
    assert events(extractor, "Peloton Ride: 45 min, felt strong.") == [None]


def test_a_platform_ride_is_no_event(extractor):
    assert events(extractor, "Zwift ride this morning, 35 km.") == [None]


def test_a_race_named_beyond_its_session_words_is_an_event(extractor):
    assert events(extractor, "Ran the Tarnside Trail Run on Sunday, 12 km.") == ["Tarnside Trail Run"]
