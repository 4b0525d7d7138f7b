"""Sessions told done in a caption ("Long run done", "Strength session done!").

fitpost_records keeps a bare noun that opens its sentence, behind caption adjectives and possessives
only, right before a word of being done (:func:`fitpost.components.records.claims._caption_done`); a bidding
("stop scrolling and get your session done") stays no session.  Every post here is written for these tests; each runs on
both pipelines.
"""
from __future__ import annotations

import pytest


def found(extractor, text: str) -> list[tuple[str, str, str]]:
    """(activity, evidence text, status) of each record of ``text``."""
    return [(a.activity, a.evidence.text, a.status) for a in extractor.extract(text).activities]


@pytest.mark.parametrize("text, expected", [
    ("Long run done, legs are jelly.", ("running", "Long run", "completed")),
    ("Strength session done!", ("strength_training", "Strength session", "completed")),
    ("Morning swim complete, straight to work.", ("swimming", "swim", "completed")),
    ("Leg day done, can barely climb the stairs.", ("strength_training", "Leg day", "completed")),
])
def test_a_session_told_done_in_a_caption_is_one(extractor, text, expected):
    assert found(extractor, text) == [expected]


def test_bidding_someone_get_a_session_done_is_none(extractor):
    assert found(extractor, "Stop scrolling and get your session done.") == []
    assert found(extractor, "Running done right is a joy.") == []


@pytest.mark.parametrize("text", [
    "Finally climbing! After weeks of rain we got out to the crag and did four routes.",
    "Finally climbing again!",
])
def test_a_session_awaited_opening_a_caption_is_one(extractor, text):
    # "finally" before the noun that opens the caption, "again" after it
    assert [(a.activity, a.status) for a in extractor.extract(text).activities] == [("climbing", "completed")]


@pytest.mark.parametrize("text", ["5am spin class then 45 mins weights.", "6:30 am spin class, then weights."])
def test_a_caption_may_open_with_the_time_of_day(extractor, text):
    assert [a.activity for a in extractor.extract(text).activities][:1] == ["cycling"]


def test_a_number_before_a_noun_opens_no_caption(extractor):
    assert found(extractor, "10 swim lessons for sale, ask at the desk.") == []
