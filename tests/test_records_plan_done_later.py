"""A session told as ahead ("ahead of her evening swim") and told done in a later sentence ("she had finished the
swim") was carried out: the record is completed (:func:`fitpost.components.records.dating._done_later`).  A later
mention in the present ("The race is a flat course") or of another day ("She won the race two years ago") settles
nothing.  Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


def statuses(extractor, text: str) -> list[tuple[str, str]]:
    return [(a.activity, a.status) for a in extractor.extract(text, posted_at="2026-05-06").activities]


def test_a_plan_told_done_later_was_carried_out(extractor):
    text = ("Emily Carter was pictured at the lake ahead of her evening swim with her brother. Hours later she "
            "wrote that she had finished the swim, calling it the best of the summer.")
    assert statuses(extractor, text) == [("swimming", "completed")]


@pytest.mark.parametrize("text", [
    "Signed up for the Tarnby 10K in June. The race is a flat course.",
    "Ottilie Brandt is getting ready for the Larkspur 10K. She won the race two years ago.",
])
def test_a_later_mention_in_the_present_or_of_another_day_settles_nothing(extractor, text):
    assert statuses(extractor, text)[0] == ("running", "planned")


def test_a_journey_planned_and_told_begun_is_under_way(extractor):
    """The walk began on 10 May (before the post); the rest of it, three months to Marlow Vale, is ahead."""
    text = ("Jonas Berg started the walk from Tarnby on 10 May. He aims to reach Marlow Vale within three months, "
            "covering 1,700 km.")
    assert [(a.activity, a.status) for a in extractor.extract(text, posted_at="2026-06-04").activities] == \
        [("walking", "ongoing")]
