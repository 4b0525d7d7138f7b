"""A noun of the means ("on the bike", "on the slopes") is a session right after a spell of time it fills,
as beside its amount (issue 19): "a great day on the slopes" is a day's skiing; "every day on the bike"
says how often, and "the avalanche risk on the slopes" names a place.  Posts written for these tests;
each runs on blank English and on the statistical pipeline."""
from __future__ import annotations


def acts(extractor, text: str) -> list[tuple]:
    post = extractor.extract(text, posted_at="2025-06-16")
    return [(a.activity, a.status, [p.name for p in a.participants]) for a in post.activities]


def test_a_spell_spent_on_the_bike_is_a_ride(extractor):
    assert acts(extractor, "Great day on the bike with Ottilie.") == [("cycling", "completed", ["Ottilie"])]
    assert acts(extractor, "Spent the afternoon on the bike with Ottilie.") == [("cycling", "completed", ["Ottilie"])]


def test_a_day_on_the_slopes_is_skiing(extractor):
    got = acts(extractor, "Spent the morning on the slopes with Rhodri and Jonas, then lunch in the village.")
    assert got == [("skiing", "completed", ["Rhodri", "Jonas"])], got


def test_the_slopes_or_the_bike_without_a_spell_or_an_amount_are_no_session(extractor):
    assert acts(extractor, "The avalanche risk on the slopes is high today.") == []
    assert acts(extractor, "Left my keys on the bike today.") == []
    assert acts(extractor, "Every day on the bike is a good day.") == []
