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

