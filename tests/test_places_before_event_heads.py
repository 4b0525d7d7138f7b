"""The place in a race's name ends where the race's own words begin: "the Loch Ness Marathon" was run at
Loch Ness, "the Lake Venholt Night Run" at Lake Venholt (the event's inner words, "Night", "City",
"Trail", are no part of the place before its head), and "the Marlow Vale Half Marathon" at Marlow Vale
(a vale is a place's head word, as a valley is).

Every post here is written for these tests.
"""
from __future__ import annotations


def places(extractor, text: str) -> list[list[str]]:
    return [[p.name for p in a.places] for a in extractor.extract(text, posted_at="2025-03-10").activities]


def test_a_prefixed_place_ends_before_the_event_head(extractor):
    assert places(extractor, "Ran the Loch Tarnby Marathon on Sunday.") == [["Loch Tarnby"]]


def test_an_events_inner_word_is_no_part_of_its_place(extractor):
    assert places(extractor, "Ran the Lake Brackenfold Night Run with Ottilie.") == [["Lake Brackenfold"]]


def test_a_vale_is_a_place(extractor):
    assert places(extractor, "Ran the Marlow Vale Half Marathon on Sunday.") == [["Marlow Vale"]]
    assert places(extractor, "Cycled 40 km through Larkspur and Tarnby Vale this morning.") == \
        [["Larkspur", "Tarnby Vale"]]


def test_a_trail_after_a_lake_is_still_a_place(extractor):
    assert places(extractor, "Walked the Lake Tarnside Trail with Ottilie.") == [["Lake Tarnside Trail"]]
