"""People named by what they do, right before a verb of setting out, arriving or finishing ("The charity walkers
set off from Tarnby on Monday", "the cyclists arrived in Larkspur"): that verb is a session of their activity
(``agents`` of ``models/activities.json``, :meth:`fitpost.components.activities.ActivityFinder._agents_setting_out`).
Every post here is written for these tests; each runs on both pipelines.
"""
from __future__ import annotations

import pytest


def found(extractor, text: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    return [(a.activity, a.evidence.text, [(p.name, p.role) for p in a.places])
            for a in extractor.extract(text, posted_at="2026-05-06").activities]


@pytest.mark.parametrize("text, expected", [
    ("The charity walkers set off from Tarnside Cathedral on Monday morning.",
     [("walking", "set off", [("Tarnside Cathedral", "from")])]),
    ("The cyclists arrived in Larkspur on Friday after 12 days on the road.",
     [("cycling", "arrived", [("Larkspur", "to")])]),
    ("The four rowers reached Brackenfold Harbour at dawn.", [("rowing", "reached", [("Brackenfold Harbour", "to")])]),
])
def test_people_named_by_what_they_do_setting_out_or_arriving_is_a_session(extractor, text, expected):
    assert found(extractor, text) == expected


def test_people_named_by_what_they_do_doing_something_else_is_none(extractor):
    assert found(extractor, "The walkers ate lunch in Tarnby.") == []
    assert found(extractor, "The runners left early.") == []
