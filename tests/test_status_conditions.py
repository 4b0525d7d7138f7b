"""A condition put to the reader opening a sentence ("If you're new to running, start with ...") makes the
whole sentence advice (hypothetical), past its comma and a colon; an invitation to join ("If you want to
join, I'm running 10 km tomorrow") is no condition on the session, whose own clause tells its status.

Every post here is written for these tests.
"""
from __future__ import annotations


def statuses(extractor, text: str) -> list[str]:
    return [a.status for a in extractor.extract(text, posted_at="2026-03-09").activities]


def test_advice_after_a_condition_put_to_the_reader(extractor):
    text = "If you're new to cycling, build up slowly: 20 minutes riding, then a rest day, then 30 minutes riding."
    found = statuses(extractor, text)
    assert found and set(found) == {"hypothetical"}


def test_an_invitation_to_join_leaves_the_plan_a_plan(extractor):
    assert statuses(extractor, "If you want to join, I'm swimming 2 km at the Larkspur lido tomorrow at 7.") == \
        ["planned"]
    assert statuses(extractor, "If anyone fancies it, we are riding 60 km on Saturday from the Tarnside green.") == \
        ["planned"]


def test_a_condition_in_a_story_reaches_no_further_than_its_sentence(extractor):
    text = "If you had told me a year ago I would run a marathon, I would have laughed. Today I ran 42 km."
    assert statuses(extractor, text)[-1] == "completed"


def test_the_writer_s_own_clause_ends_the_condition(extractor):
    # "say hi: I'll be running ...": what the writer will do is no advice, though the sentence opens with
    # a condition put to the reader
    text = "If you see me at the Tarnside 10k on Sunday, say hi: I'll be running in a pink tutu!"
    assert statuses(extractor, text) == ["planned"]
