"""Officials in news of a team's ride: an office or an occupation before a name ("Mayor Tom Okafor",
"Firefighter Tom Okafor", "Westbury Commissioner of Police") is no part of it, and a person named
only as one who flagged off the team is not who rode by default.

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


def names(extractor, text: str) -> list[list[str]]:
    return [[p.name or p.handle or p.relation for p in a.participants] for a in extractor.extract(text).activities]


def test_one_who_only_flagged_off_the_team_is_no_default_participant(extractor):
    text = ("A team of forty cyclists is riding from Porto to Goa this week. Mayor Tom Okafor flagged off "
            "the riders on Monday. The team will cover 450 km in five days.")
    assert names(extractor, text) == [[]]


def test_the_one_the_text_is_about_is_still_the_default(extractor):
    text = "Tom Okafor is riding from Porto to Goa this week. He will cover 450 km in five days."
    assert all(ps == ["Tom Okafor"] for ps in names(extractor, text))


def test_an_office_before_a_name_is_no_name(extractor):
    got = names(extractor, "Westbury Commissioner of Police Dan Fischer rode 20 km with the cadets.")
    assert all("Westbury Commissioner" not in ps for ps in got)


@pytest.mark.parametrize("text", [
    "Mayor Tom Okafor rode 20 km with the cadets on Sunday.",
    "Colonel Tom Okafor rode 20 km with the cadets on Sunday.",
    "Firefighter Tom Okafor rode 20 km in full kit on Sunday.",
    "Pensioner Tom Okafor rode 20 km to the coast on Sunday.",
    "Adventurer Tom Okafor rode 20 km along the ridge on Sunday.",
    "Wing Commander Tom Okafor rode 20 km with the cadets on Sunday.",
    "Major Tom Okafor rode 20 km with the cadets on Sunday.",
    "Group Captain Tom Okafor rode 20 km with the cadets on Sunday.",
    "Air Commodore Tom Okafor rode 20 km with the cadets on Sunday.",
    "Squadron Leader Tom Okafor rode 20 km with the cadets on Sunday.",
    "Lieutenant Colonel Tom Okafor rode 20 km with the cadets on Sunday.",
])
def test_a_title_before_a_name_is_left_out(extractor, text):
    assert names(extractor, text) == [["Tom Okafor"]]



def test_one_who_flagged_off_a_ride_and_then_rode_it_is_the_default(extractor):
    text = ("Tom Okafor flagged off the riders in Porto on Monday, and then he rode with them. "
            "The team will cover 450 km in five days.")
    post = extractor.extract(text)
    (a,) = [a for a in post.activities if a.distance is not None]
    assert [p.name for p in a.participants] == ["Tom Okafor"]


@pytest.mark.parametrize("text, name", [
    ("Dr AP Smith ran 10 km along the canal on Sunday.", "AP Smith"),
    ("Colonel JK Sam Harris rode 20 km with the cadets.", "JK Sam Harris"),
    ("Wing Commander R.S. Okafor and his team cycled 90 km on Monday.", "R.S. Okafor"),
])
def test_initials_after_a_title_are_part_of_the_name(extractor, text, name):
    assert names(extractor, text) == [[name]]
