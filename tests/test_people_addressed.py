"""A person named only to be spoken to ("Don't worry, Milo.", "Thanks for the tips, Priya!") is no
participant, nor the default one of a "we" post; one spoken to about their own activity ("Great run,
Sam!"), one named after a comma as a companion ("with my brother, Sam") and the last of a list of names
("Walkers: Ottilie, Rhodri, Tamsin.") still are.

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


def names(extractor, text: str) -> list[list[str]]:
    return [[p.name or p.handle or p.relation for p in a.participants] for a in extractor.extract(text).activities]


@pytest.mark.parametrize("text", [
    "On Friday we took our last ski trip of the winter up to the big resort. Don't worry, Milo. "
    "We will be back.",
    "We rode 40 km along the coast this morning. Thanks for the tips, Priya!",
])
def test_one_spoken_to_is_no_participant(extractor, text):
    assert names(extractor, text) == [[]]


def test_a_companion_after_a_comma_still_is(extractor):
    assert names(extractor, "I ran 8 km with my brother, Sam.") == [["Sam"]]


def test_one_spoken_to_about_their_run_still_is(extractor):
    assert all("Sam" in ps for ps in names(extractor, "Sam ran 10 km today. Great run, Sam!"))



def test_the_last_of_a_list_of_names_is_no_one_spoken_to(extractor):
    text = "Walkers: Ottilie, Rhodri, Tamsin. We hiked 14 km over the ridge."
    assert names(extractor, text) == [["Ottilie", "Rhodri", "Tamsin"]]
