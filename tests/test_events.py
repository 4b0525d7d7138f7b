"""fitpost_events: named events and event hashtags, in blank mode and with the model.

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


@pytest.fixture(params=["blank", "sm"])
def nlp(request):
    """The fitpost pipeline of a session extractor, blank or on the statistical model."""
    return request.getfixturevalue(f"{request.param}_extractor").nlp


def events(nlp, text: str) -> list[tuple[str, str | None]]:
    """(name, activity) of each event span."""
    doc = nlp(text)  # the spans need their Doc alive
    return [(s._.fp_event.name, s._.fp_event.activity) for s in doc.spans["fp_events"]]


@pytest.mark.parametrize("text, expected", [
    ("Ran the Lakeside Half Marathon on Sunday with my sister.", [("Lakeside Half Marathon", "running")]),
    # lowercase modifiers inside a name that starts with a capital
    ("Finished the Harbour midnight half marathon in the rain.", [("Harbour midnight half marathon", "running")]),
    # a tail after the head
    ("Did the Riverside Marathon virtual run from home.", [("Riverside Marathon virtual run", "running")]),
    # "10K" as the last word
    ("Survived the Hilltop 10K this morning.", [("Hilltop 10K", "running")]),
])
def test_named_events(nlp, text, expected):
    assert events(nlp, text) == expected


def test_named_events_the_model_tells_from_names_of_people(sm_extractor):
    # blank mode takes two capitalised words before a head for a person's name
    assert events(sm_extractor.nlp, "Our club rode the Coastal Cyclothon last weekend.") == [
        ("Coastal Cyclothon", "cycling")]
    # a head with no activity of its own ("challenge") takes one from the name's words
    assert events(sm_extractor.nlp, "Swam the Bay Swim Challenge at dawn.") == [("Bay Swim Challenge", "swimming")]


def test_hashtags_that_end_in_a_head(nlp):
    assert events(nlp, "Great turnout today. #CityCleanRun") == [("CityCleanRun", "running")]
    assert events(nlp, "Signed up. #lakesidemarathon #funrun #run #ride") == [
        ("lakesidemarathon", "running"), ("funrun", "running")]  # "#run": no three letters before the head


@pytest.mark.parametrize("text", [
    "Ran a half marathon on Sunday.",  # no name
    "My first Marathon is done.",  # a determiner and an ordinal are no name
    "Watched the Marathon on TV.",  # a head alone
    "Local Runner Wins City Marathon",  # a headline: every word is capitalised
    "Coffee, then chores. #motivation #sundayfunday",  # hashtags with no head
])
def test_what_is_not_an_event(nlp, text):
    assert events(nlp, text) == []


def test_an_event_is_the_record_event(blank_extractor):
    post = blank_extractor.extract("Ran the Lakeside Half Marathon on Sunday.")
    assert [(a.activity, a.event.name if a.event else None) for a in post.activities] == [
        ("running", "Lakeside Half Marathon")]


def test_the_factory_declares_what_it_assigns_and_reads(blank_extractor):
    meta = blank_extractor.nlp.get_pipe_meta("fitpost_events")
    assert meta.assigns == ["doc.spans", "span._.fp_event"]
    assert meta.requires == ["span._.fp_person"]
