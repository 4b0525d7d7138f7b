"""Five status rules of models/status_rules.json and fitpost_status:

* an aside on speaking frankly ("not going to lie", "gonna be honest", "I have to admit") holds a
  plan word or a negation but is no plan and no denial of the session told after it;
* a plan announced before a colon ("Training plan for next week:") reaches over the whole list after it,
  commas and all, to the end of its sentence;
* heading out for a session ("Heading out for a 3 hour ride") is its start: planned, unless told in the past;
* an invitation to come along ("Who wants to join me for a 10k on Saturday?") is the writer's plan;
* a short sentence opening with an amount right after a plan goes on with it ("About 18 km and 900 m of
  climbing."), a caption of its own does not ("Morning swim, then straight to the office.").

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


def statuses(extractor, text: str) -> list[str]:
    return [a.status for a in extractor.extract(text, posted_at="2024-06-10").activities]


@pytest.mark.parametrize("text", [
    "Not going to lie, today's ride was rough: 62 miles, 3,400 ft of climbing and a headwind all the way home.",
    "Gonna be honest, the swim this morning was hard: 3 km in choppy water.",
    "I won't lie, yesterday's 20 km run hurt.",
])
def test_a_frank_aside_is_no_plan_or_denial(extractor, text):
    assert statuses(extractor, text) == ["completed"]


def test_a_real_plan_is_still_one(extractor):
    assert statuses(extractor, "I'm going to run 10 km tomorrow.") == ["planned"]


def test_a_plan_before_a_colon_reaches_the_end_of_its_list(extractor):
    text = "Training plan for next week: Monday 5 km recovery, Wednesday hill repeats, Saturday 30 km long run."
    # each day's session one of its own, every one of them planned
    assert statuses(extractor, text) == ["planned", "planned", "planned"]


def test_a_recap_before_a_colon_stays_done(extractor):
    text = "Week 14 recap: Tuesday 8 km easy, Thursday 10 km tempo, Sunday 24 km long run."
    assert set(statuses(extractor, text)) == {"completed"}


def test_heading_out_for_a_session_is_its_start(extractor):
    assert statuses(extractor, "Heading out for a 3 hour ride with the club. Hoping the rain holds off.") == ["planned"]


def test_heading_out_told_in_the_past_is_no_plan(extractor):
    assert statuses(extractor, "We were heading out for a run when it started to hail, so we stayed in.") != ["planned"]


def test_an_invitation_to_come_along_is_the_writers_plan(extractor):
    post = extractor.extract("Who wants to join me for a 10k on Saturday morning?", posted_at="2024-04-15")
    assert [(a.status, a.date.value.isoformat()) for a in post.activities] == [("planned", "2024-04-20")]


def test_asking_who_wants_to_leaves_a_wish_a_question(extractor):
    assert statuses(extractor, "Who wants to run a marathon?") == ["hypothetical"]


@pytest.mark.parametrize("text", [
    "Planning to hike the West Ridge trail next Saturday with Dom. About 18 km and 900 m of climbing.",
    "Tomorrow's plan: a long ride with the club. 80 km of rolling hills.",
])
def test_a_fragment_right_after_a_plan_goes_on_with_it(extractor, text):
    """A short sentence opening with an amount right after a planned one tells more of the plan: one planned
    record with the fragment's amount."""
    [record] = extractor.extract(text, posted_at="2024-06-10").activities
    assert record.status == "planned" and record.distance is not None


def test_a_caption_of_its_own_after_a_plan_is_no_part_of_it(extractor):
    records = extractor.extract("Will be running the Brackenfold 10K on 18 May with @keiko_fit. Morning swim, then "
                                "straight to the office.", posted_at="2024-05-10").activities
    assert sorted(r.status for r in records) == ["completed", "planned"]
