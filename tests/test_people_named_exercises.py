"""A named exercise or activity in capitals ("108 Surya Namaskars") is no one's name, though a model may take
its capitals for one (people's ``_named_activities``), nor an event's ("a Surya Namaskar series"); and a place
a model tags with the mark after it ("at Larkspur Lake: 1.5 km") is named without the mark.

Every post here is written for these tests; each runs in blank mode and with the statistical pipeline.
"""
from __future__ import annotations


def test_a_named_exercise_is_no_participant(extractor):
    post = extractor.extract("Did 108 Surya Namaskars this morning on the terrace with my daughter Ottilie.")
    assert [[p.name for p in a.participants] for a in post.activities] == [["Ottilie"]]


def test_a_place_is_named_without_the_mark_after_it(extractor):
    post = extractor.extract("First open water swim of the year at Larkspur Lake: 1.5 km in 14 degree water.")
    assert [[p.name for p in a.places] for a in post.activities] == [["Larkspur Lake"]]


def test_a_named_exercise_before_an_event_head_is_no_event(extractor):
    post = extractor.extract("Twelve rounds of a slow Surya Namaskar series before breakfast today.")
    assert [(a.activity, a.event) for a in post.activities] == [("yoga", None)]


def test_a_challenge_named_with_an_exercise_before_a_capitalised_head_is_an_event(extractor):
    post = extractor.extract("100 Day Burpee Challenge: day 12 done, 40 burpees.")
    assert [a.event.name for a in post.activities if a.event] == ["100 Day Burpee Challenge"]
