"""A journey someone has set off on is under way, the place they set off from told between ("has set off
from Marlow Vale on a 3,000 km ride"), as "set off on" is (``models/status_rules.json``), and so is one someone is
on by a means that holds its "on a" ("two sisters on a bicycle expedition"); a session flagged off on a day gone by
that one day covers is over ("flagged off a 10-km walkathon on Sunday": ``day_events`` of ``models/linking.json``).

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "Cyclist Jonas Berg, 29, has set off from Marlow Vale on a 3,000 km ride around the coast.",
    "Tamsin Hale set off from Tarnby Pier on a charity walk to Larkspur this morning.",
])
def test_a_journey_set_off_on_from_a_place_is_under_way(extractor, text):
    assert [a.status for a in extractor.extract(text, posted_at="2026-11-20").activities] == ["ongoing"]


def test_a_session_told_after_setting_off_is_still_done(extractor):
    got = extractor.extract("Jonas Berg set off from Larkspur on Monday and rode 80 km.", posted_at="2026-11-20")
    assert [a.status for a in got.activities] == ["completed"]


def test_a_team_on_a_journey_by_a_means_is_under_way(extractor):
    text = "Two sisters on a bicycle expedition to Larkspur reached Brackenfold on Tuesday."
    assert [a.status for a in extractor.extract(text, posted_at="2026-11-20").activities] == ["ongoing"]


def test_a_days_event_flagged_off_on_a_day_gone_is_over(extractor):
    text = "The mayor flagged off a 10-km walkathon from the Tarnby bus stand on Sunday, with 2,000 pupils taking part."
    assert [a.status for a in extractor.extract(text, posted_at="2026-11-20").activities] == ["completed"]
    text = "The mayor flagged off a 1,200 km cycling expedition from Tarnby on Monday."
    assert [a.status for a in extractor.extract(text, posted_at="2026-11-20").activities] == ["ongoing"]



def sessions(extractor, text: str, posted_at: str = "2026-05-04") -> list[tuple]:
    post = extractor.extract(text, posted_at=posted_at)
    return [(a.activity, a.status, a.distance.value if a.distance else None) for a in post.activities]


@pytest.mark.parametrize("text", [
    "Jonas Berg is walking from Tarnby to Marlow Vale for charity. He will walk 200 km in ten days.",
    "Jonas Berg is walking from Tarnby to Marlow Vale for charity. He will cover 200 km in ten days.",
    "Jonas Berg set off on his walk from Tarnby on Saturday. He will cover 200 km in ten days.",
])
def test_the_rest_of_a_journey_under_way_told_ahead_is_the_journey_under_way(extractor, text):
    # only the future tense tells a plan, of days, after the journey begun: the whole of it, not another one
    assert sessions(extractor, text) == [("walking", "ongoing", 200)]


@pytest.mark.parametrize("text", [
    "I walked 10 km on Saturday. I will cover 200 km in ten days.",
    "I walked 10 km today. Next month I will cover 200 km in ten days.",
    "I am walking 10 km today. I will walk 200 km in ten days next month.",
])
def test_a_plan_of_days_after_a_session_done_or_told_for_a_time_to_come_stays_a_plan(extractor, text):
    assert ("walking", "planned", 200) in sessions(extractor, text)


def test_the_end_of_a_journey_under_way_told_ahead_is_a_day_to_come(extractor):
    text = ("Elin Moss is cycling from Tarnby to Marlow Vale this week. She will ride 450 km in five days, "
            "finishing at the harbour on Friday.")
    [ride] = extractor.extract(text, posted_at="2026-05-04").activities  # a Monday
    assert (ride.status, ride.distance.value, str(ride.date.value)) == ("ongoing", 450, "2026-05-08")
