"""A mention that tells a part or the course of a session told before it, or the session again by "it"
("She ran it in 34:12"), joins that session's record (fitpost_records:
:func:`fitpost.components.records.merge._part_of_told`, ``_told_again_by_pronoun``,
:func:`fitpost.components.records.clusters._course_of_event`).

Every post here is written for these tests; each runs in blank mode and with the statistical pipeline.
"""
from __future__ import annotations

import pytest


def records(extractor, text: str) -> list:
    return extractor.extract(text, posted_at="2026-11-20").activities


@pytest.mark.parametrize("text", [
    "Ran the Brackenfold Marathon yesterday. I walked a lot of it to be honest.",
    "We did the Tarnside 10K on Sunday. Ran all of it without stopping!",
    "Finished the Larkspur Half in 2:05. Walked the second half of it with my sister.",
])
def test_a_verb_told_of_part_of_it_is_the_session_before(extractor, text):
    (race,) = records(extractor, text)
    assert race.activity == "running" and race.event is not None


@pytest.mark.parametrize("text", [
    "Ran the Larkspur Trail Marathon on Sunday. The first 10 miles flew by. I walked most of the big hill "
    "at mile 18 and my quads were screaming. Crossed the line in 4:31:22.",
    "Rode the Tarnby Sportive yesterday. Felt great early on, but I walked up the last climb from km 95.",
])
def test_a_verb_told_at_a_point_of_the_course_is_part_of_the_session_before(extractor, text):
    (race,) = records(extractor, text)
    assert race.event is not None


def test_a_verb_with_a_whole_way_of_its_own_is_a_session(extractor):
    got = records(extractor, "Ran the Brackenfold Marathon yesterday. Today I walked a lot of the way to work.")
    assert [a.activity for a in got] == ["running", "walking"]


@pytest.mark.parametrize("text", [
    "The Larkspur Ultra took place on Saturday. Winner Jonas Berg covered the 50 mile course in 6:58:12.",
    "The Marlow Vale Trail Race was held on Sunday. Tamsin Hale covered the hilly course in 3:12:40.",
])
def test_a_course_covered_is_the_course_of_the_event_told_before(extractor, text):
    (race,) = records(extractor, text)
    assert race.event is not None and race.duration is not None


def test_a_distance_covered_with_no_course_word_stays_a_session(extractor):
    text = "The Larkspur Ultra took place on Saturday. On Sunday Jonas Berg covered 12 miles to recover."
    assert len(records(extractor, text)) == 2


@pytest.mark.parametrize("text", [
    "My daughter's first parkrun this morning! She ran it in 34:12 with her dad.",
    "Did the Brackenfold Half on Sunday. Ran it in 1:52 with Elin.",
])
def test_a_verb_of_it_tells_the_session_before_again(extractor, text):
    (race,) = records(extractor, text)
    assert race.event is not None and race.duration is not None


def test_a_verb_of_it_again_is_another_session(extractor):
    got = records(extractor, "Ran the Tarnby 10K in 2024. I will run it again next year.")
    assert [a.status for a in got] == ["completed", "planned"]


@pytest.mark.parametrize("text", [
    "Last year Jonas Berg ran the whole 100 km with his club. Teams of up to ten can share the distance. "
    "The event raises money for the hospice. Entries open in May. \"It was the toughest and most satisfying "
    "run I have ever done,\" he said.",
    "\"It was the hardest swim I have ever done,\" said Tamsin Hale. The lake is 12 km long. Few have crossed "
    "it. The water was 14 degrees. Hale swam across Lake Larkspur on Sunday in 5 hours.",
])
def test_a_session_ranked_with_ever_is_the_session_the_text_tells(extractor, text):
    assert len(records(extractor, text)) == 1


@pytest.mark.parametrize("text, activities", [
    ("Cycled 15 km to the pool, swam 2 km, cycled home.", ["cycling", "swimming", "cycling"]),
    ("We cycled to the lake, had a swim and cycled on to Tarnby, 40 km in all.", ["swimming", "cycling"]),
])
def test_a_verb_after_another_activitys_session_is_a_session_of_its_own(extractor, text, activities):
    assert [a.activity for a in records(extractor, text)] == activities
