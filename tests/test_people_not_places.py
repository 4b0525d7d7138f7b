"""A run of capitalised words that names a place or an organisation is no person, also without a
model: one opening with a word of place names ("South Downs", "New Brackenfold"), one holding an
organisation's or a place's word anywhere in it ("Larkspur Mutual Insurance"), and one right after a
place preposition ("from Kuala Lumpur").

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


def record(extractor, text: str):
    (only,) = extractor.extract(text, posted_at="2024-05-02").activities
    return only


def names(activity) -> list[str]:
    return [p.name for p in activity.participants]


def test_an_employer_named_before_the_verb_is_no_participant(extractor):
    a = record(extractor, "Rhodri Pell, a clerk at Larkspur Mutual Insurance, ran 42 km in San Diego on Sunday.")
    assert names(a) == ["Rhodri Pell"]


@pytest.mark.parametrize("text", [
    "A team from South Wales will be cycling from Kuala Lumpur to Penang next week.",
    "A squad from West Brackenfold will be cycling from Port Larkspur to Penang next week.",
])
def test_a_place_the_team_comes_from_is_no_participant(blank_extractor, text):
    a = record(blank_extractor, text)
    assert a.participants == []
    assert ("Penang", "to") in [(p.name, p.role) for p in a.places]


def test_a_place_after_from_is_a_place(blank_extractor):
    a = record(blank_extractor, "Tamsin Hale set off on a walking mission from Larkspur in South Brackenfold.")
    assert names(a) == ["Tamsin Hale"]
    assert "South Brackenfold" in [p.name for p in a.places]


def test_a_surname_that_is_a_compass_word_still_names_a_person(blank_extractor):
    a = record(blank_extractor, "Rhodri West and I ran 10k this morning.")
    assert names(a) == ["Rhodri West"]


def test_words_read_as_a_place_once_are_no_person_elsewhere(blank_extractor):
    a = record(blank_extractor, "Ottilie Marsh, a teacher from Larkspur Vale, swam 2 km in the lake last week. "
                                "People in Larkspur Vale cheer her on. Neighbours of Larkspur Vale bake for her.")
    assert names(a) == ["Ottilie Marsh"]


def test_a_name_owning_a_place_is_still_a_person(blank_extractor):
    a = record(blank_extractor, "We met at Tamsin Hale's house and ran 10 km with Tamsin Hale.")
    assert names(a) == ["Tamsin Hale"]


def test_a_name_telling_where_someone_is_from_is_no_person(extractor):
    text = ("Brackenfold grandmother, 76, swims the length of Larkspur Loch for charity\n\n"
            "Ottilie Marsh completed the 22-mile swim in 14 hours on Saturday.")
    (swim,) = extractor.extract(text, posted_at="2024-03-04").activities
    assert "Brackenfold" not in names(swim)
    assert ("Larkspur Loch", "at") in [(p.name, p.role) for p in swim.places]


@pytest.mark.parametrize("text", [
    "Great ride today, 60 km. Brackenfold Castle looked amazing in the sun.",
    "Great ride today, 60 km. Larkspur Abbey looked amazing in the sun.",
])
def test_a_name_ending_in_a_landmark_word_is_no_person(extractor, text):
    """A castle, an abbey, a church or a tower is a place, whatever the capitals before it."""
    assert record(extractor, text).participants == []


def test_a_pronoun_is_not_resolved_to_a_name_that_is_part_of_a_route_end(extractor):
    a = record(extractor, "She swam from Shingle Beach to Norway's Kap Brenner in 14 hours.")
    assert names(a) == []
    assert ("Norway's Kap Brenner", "to") in [(p.name, p.role) for p in a.places]


def test_the_hill_an_activity_goes_up_is_no_participant(extractor):
    a = record(extractor, "Just back from a 3 hour hike up Ben Ardan with the dog.")
    assert names(a) == []


@pytest.mark.parametrize("text", [
    "A retired nurse from Kelton has walked the whole Larkspur Trail in 146 days.",
    "She swam the Brackenfold Channel in 14 hours.",
])
def test_a_name_ending_in_a_trail_or_a_water_is_no_participant(extractor, text):
    assert [name for name in names(record(extractor, text)) if name] == []


@pytest.mark.parametrize("text", [
    "Did my first sportive last weekend, 100 km round Marlow Vale.",
    "Cycled 60 km along Tarnby Water on Sunday.",
])
def test_a_name_after_round_or_along_is_a_place(extractor, text):
    a = record(extractor, text)
    assert a.participants == []
    assert a.places and a.places[0].name in text


@pytest.mark.parametrize("text", [
    "Long run with the club today. Felt strong until 25 km.",
    "Sunday long run: 30 km with the club. Averaged 5:40/km. Felt strong until 25 km.",
])
def test_a_log_word_opening_a_sentence_is_no_person(extractor, text):
    # a model may read "Felt" or "Averaged" opening a sentence as a name
    assert record(extractor, text).participants == []


def test_a_name_after_left_in_a_journey_is_the_place_left(extractor):
    text = "The team left Brackenfold on Wednesday and cycled 90 km to Tarnby."
    a = record(extractor, text)
    assert a.participants == [] and ("Brackenfold", "from") in [(p.name, p.role) for p in a.places]


@pytest.mark.parametrize("text", [
    "We walked along the lower slopes of Tarnby Crag this morning.",
    "Finished the long run on the Larkspur Way, legs gone.",
    "Swam across the cove below Brackenfold Crag with the club.",
])
def test_a_name_ending_in_a_hill_or_a_path_word_is_no_person(extractor, text):
    assert names(record(extractor, text)) == []
