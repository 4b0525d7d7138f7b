"""A running race walked is one walk over the race's distance, in that race: "walked a marathon", "walked the
Tarnby Marathon", "walked her 100th parkrun" (fitpost_records: the race's noun right after a walking verb joins
its cluster, :func:`fitpost.components.records.clusters._walked_race`).

Every post here is written for these tests; each runs in blank mode and with the statistical pipeline.
"""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, meters, event", [
    ("Walked a marathon for charity on Sunday.", 42195, None),
    ("She walked the Tarnby Marathon in 7 hours.", 42195, "Tarnby Marathon"),
    ("Elin Moss, 81, walked her 100th parkrun at Tarnside on Saturday.", 5000, "parkrun"),
    ("Mum walked a half marathon, her first, in 3:05.", 21097.5, None),
])
def test_a_race_walked_is_one_walk_of_its_distance(extractor, text, meters, event):
    got = extractor.extract(text, posted_at="2026-12-05").activities
    assert [a.activity for a in got] == ["walking"]
    assert got[0].distance is not None and got[0].distance.meters == pytest.approx(meters)
    assert (got[0].event.name if got[0].event else None) == event


def test_a_walk_told_before_a_race_of_another_sentence_stays_apart(extractor):
    text = "Walked 5 km with the dog this morning. Ran the Larkspur 10k in the afternoon."
    got = extractor.extract(text, posted_at="2026-12-05").activities
    assert [(a.activity, a.event.name if a.event else None) for a in got] == \
        [("walking", None), ("running", "Larkspur 10k")]
