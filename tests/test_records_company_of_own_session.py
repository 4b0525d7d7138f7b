"""In a first-person post a record with no one named takes the companions of its session, named in its
own sentences or in the sentences around them that tell no other session; a sentence with a session of
its own, an inferred one too ("Did 60 km today with Jonas"), keeps its companions to itself.

Every post here is written for these tests.
"""
from __future__ import annotations


def company(extractor, text: str) -> list[list[str]]:
    return [[p.name for p in a.participants if p.name]
            for a in extractor.extract(text, posted_at="2025-03-10").activities]


def test_a_days_session_keeps_its_companion(extractor):
    text = "I used to run marathons, now I mostly cycle. Did 60 km today with Jonas."
    assert company(extractor, text)[-1] == ["Jonas"]
    assert all(people == [] for people in company(extractor, text)[:-1])


def test_a_sentence_of_company_alone_still_lends_it(extractor):
    assert company(extractor, "Rhodri and Ottilie came along. We swam 2 km in the lake.") == [["Rhodri", "Ottilie"]]
