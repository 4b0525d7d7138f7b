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
