"""An event's activity on the record: the activity word in the event's name, as the text reads it, and
an event's cluster giving way to a movement verb of its activity.  Every post here is written for these
tests, each run in blank mode and with the model."""
from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture(params=["blank", "sm"])
def extract(request):
    return request.getfixturevalue(f"{request.param}_extractor").extract


def test_a_challenge_named_for_an_activity_is_a_session_of_it(extract):
    [record] = extract("We did the Hillcrest Cycle Challenge, 80 miles of hills.").activities
    assert (record.activity, record.event.name, record.distance.meters) == (
        "cycling", "Hillcrest Cycle Challenge", pytest.approx(128747.52))


def test_a_movement_in_the_events_sentence_is_its_session(extract):
    [record] = extract("We did the Hillcrest Cycle Challenge last year, covering 80 miles in a day.").activities
    assert (record.activity, record.event.name, record.distance.text) == (
        "cycling", "Hillcrest Cycle Challenge", "80 miles")


def test_a_race_told_as_a_walk_is_a_walk_with_its_event(extract):
    [record] = extract("Took part in the Race for Life with my mum, 5k walk.").activities
    assert (record.activity, record.event.name, record.distance.meters) == ("walking", "Race for Life", 5000.0)
    assert record.places == []  # the head of the event's name is no place


@pytest.mark.parametrize("text, status", [
    ("I'm running the Brackenfold Marathon with my sister.", "planned"),
    ("Next spring I'm racing in the Larkspur 10k.", "planned"),
    ("I'm running along the canal with my sister.", "ongoing"),
])
def test_a_named_event_after_a_verb_in_the_present_progressive_is_an_arrangement(extract, text, status):
    [record] = extract(text).activities
    assert record.status == status


def test_a_definite_race_takes_the_one_race_of_its_activity_the_text_names(extract):
    post = extract('Tamsin is among dozens of athletes training for the Larkspur Great Run on Oct. 4. '
                   '"That was the hardest run I have ever done," says Tamsin, who finished the run in 2019 as '
                   'well.', posted_at="2026-09-01")
    assert [(a.status, a.event.name if a.event else None) for a in post.activities] == [
        ("planned", "Larkspur Great Run"), ("completed", "Larkspur Great Run")]


def test_with_two_races_named_a_definite_race_takes_neither(extract):
    post = extract("The Larkspur 10K and the Brackenfold Half Marathon are both in May. "
                   "Last year I loved the race and finished it in 48 minutes.", posted_at="2026-03-01")
    assert [a.event for a in post.activities if a.evidence.text == "race"] == [None]



def test_two_races_named_in_one_sentence_are_two_sessions(blank_extractor, sm_extractor):
    text = ("Long run this morning, 25 km. I still have four weeks until the Larkspur Marathon "
            "and Tamsin has five weeks until the Brackenfold Marathon.")
    for extractor in (blank_extractor, sm_extractor):
        post = extractor.extract(text, posted_at=dt.date(2026, 3, 1))
        assert [(a.status, a.event.name if a.event else None) for a in post.activities] == [
            ("completed", None), ("planned", "Larkspur Marathon"), ("planned", "Brackenfold Marathon")]
        # with no post date, a race named for the weeks ahead still refers back to no session done
        undated = extractor.extract(text)
        assert [a.status for a in undated.activities][:2] == ["completed", "planned"]


def test_a_race_told_in_apposition_to_a_named_event_is_that_event(blank_extractor, sm_extractor):
    for extractor in (blank_extractor, sm_extractor):
        post = extractor.extract("She finished the Larkspur Marathon, a 56 km race over the fells, in 6:41:10.")
        assert [(a.event.name, a.distance.text, a.duration.text) for a in post.activities] == [
            ("Larkspur Marathon", "56 km", "6:41:10")]


@pytest.mark.parametrize("text", [
    "Couldn't make parkrun this week because of work, so I did a 5k loop around the estate instead.",
    "Missed the Brackenfold 10K with a cold, so I jogged 3 km around the park.",
])
def test_a_race_told_as_missed_is_no_event_of_the_session_done_instead(extract, text):
    done = [r for r in extract(text, posted_at="2025-09-14").activities if r.status == "completed"]
    assert len(done) == 1 and done[0].event is None
