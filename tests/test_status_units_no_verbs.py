"""A unit written after a number is no verb, though a tagger may read one as a present verb ("412 m
elev.", "120 m climb"): a title with its stats after it ("Morning Ride - 42.3 km, 1h 38m, 412 m elev.")
tells a session done, not a routine (fitpost_status reads no tense from the words of an amount).

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "Morning Ride - 42.3 km, 1h 38m, 412 m elev.",
    "Evening Ride - 31 km, 1h 12m, 250 m elev.",
    "Lunch Walk - 5.1 km, 58m, 96 m elev.",
])
def test_a_title_with_its_stats_is_a_session_done(extractor, text):
    assert [a.status for a in extractor.extract(text, posted_at="2025-03-10").activities] == ["completed"]



@pytest.mark.parametrize("text, status", [
    ("Morning yoga, 30 min, then a 5k jog with the dog.", "completed"),
    ("Then a 10k jog along the canal.", "completed"),
    ("I do a 5k jog with the dog every morning.", "habitual"),
])
def test_a_word_right_after_an_amount_sets_no_tense(extractor, text, status):
    """"a 5k jog": the word after the amount is a noun, no present verb making the session a routine."""
    assert extractor.extract(text, posted_at="2025-03-10").activities[-1].status == status
