"""A race named for its distance ("the Harbour 10-Miler") is an event, in blank mode and with the model.

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


def event_names(extractor, text: str) -> list[str | None]:
    """The event name of each record."""
    return [a.event.name if a.event else None for a in extractor.extract(text).activities]


@pytest.mark.parametrize("text, expected", [
    ("Priya ran the Harbour 10-Miler last Sunday.", "Harbour 10-Miler"),
    ("We ran the Cedar Street 10-Miler in the rain.", "Cedar Street 10-Miler"),
    ("Signed up for the Ridgeway 5-miler next month.", "Ridgeway 5-miler"),
])
def test_a_name_ending_in_miler_is_an_event(extractor, text, expected):
    assert event_names(extractor, text) == [expected]


@pytest.mark.parametrize("text", [
    "I did a 10-miler this morning.",
    "Easy 10-miler today, legs felt fresh.",
])
def test_a_distance_in_miler_with_no_name_is_no_event(extractor, text):
    assert event_names(extractor, text) == [None]


def test_an_ultra_named_with_a_bare_number_is_an_event_of_that_many_miles(extractor):
    """"the Larkspur 100" is a race of 100 miles; the number is the name's last word."""
    post = extractor.extract("I finished the Larkspur 100 last weekend in 27 hours.", posted_at="2024-03-05")
    [a] = post.activities
    assert (a.activity, a.status, a.event.name, a.distance.meters) == ("running", "completed", "Larkspur 100",
                                                                      pytest.approx(160934.4))


@pytest.mark.parametrize("text", [
    "We drove the Brackenfold 50 road to the start and ran 10 km.",  # the number modifies the word after it
    "She made the Top 100 list after her race.",  # no name: a list
    "Larkspur 100 was on the radio while I ran 5 km.",  # one capitalised word opening its sentence
])
def test_a_bare_number_after_capitals_names_no_race_without_one_told(extractor, text):
    assert event_names(extractor, text) == [None]


def test_an_event_with_no_activity_word_takes_the_status_its_sentence_gives(extractor):
    """No activity word inside "the Tour of the Fells" or "the Brackenfold 50": the status cues around the
    name decide, as around an activity word."""
    post = extractor.extract("Next month I will do the Tour of the Fells.", posted_at="2024-03-05")
    assert [(a.event.name, a.status) for a in post.activities] == [("Tour of the Fells", "planned")]
    post = extractor.extract("Signed up for the Brackenfold 50 in June!", posted_at="2024-03-05")
    assert [(a.event.name, a.status, a.date.value.month) for a in post.activities] == [("Brackenfold 50", "planned", 6)]


@pytest.mark.parametrize("text, expected", [
    ("Just signed up for the Brackenfold Ultra 50K in September.", "Brackenfold Ultra 50K"),
    ("Ran the Larkspur Trail Race 10 K on Sunday.", "Larkspur Trail Race 10 K"),
])
def test_a_distance_in_k_after_the_head_ends_the_name(extractor, text, expected):
    assert event_names(extractor, text) == [expected]


@pytest.mark.parametrize("text, metres", [
    ("Ran the Great North Run yesterday.", 21097.5),
    ("Signed up for the Great South Run in October!", 16093.44),
])
def test_a_well_known_race_of_a_fixed_length_gives_its_distance(extractor, text, metres):
    (race,) = extractor.extract(text, posted_at="2025-06-16").activities
    assert race.distance is not None and race.distance.meters == pytest.approx(metres)
