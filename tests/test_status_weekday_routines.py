"""A weekday before a part of the day in the plural ("on Sunday mornings", "Thursday evenings") tells a
weekly routine, no date: a pattern rule of ``models/status_rules.json``, the weekday-part frequency phrases
of the quantity lexicon and the routine parts of ``models/dates.json``.

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "These days I keep to a slow 10k on Sunday mornings.",
    "Thursday evenings are for hill reps with the Tarnside club.",
    "On Friday nights I swim 40 lengths at the leisure centre.",
])
def test_a_weekday_before_a_part_of_the_day_in_the_plural_is_a_weekly_routine(extractor, text):
    got = [(a.status, a.frequency, a.date) for a in extractor.extract(text, posted_at="2025-03-10").activities]
    assert got == [("habitual", "weekly", None)]
