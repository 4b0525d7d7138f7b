"""Company told at the end of a long sentence of one session: "Walked from Tarnby to Marlow Vale today along the
old railway line, 14 miles, with Jonas" (fitpost_records: a company cue counts up to COMPANY_REACH tokens after
the mention, :func:`fitpost.components.records.company._company_after`).  Every post here is written for these
tests; each runs on both pipelines.
"""
from __future__ import annotations


def names(extractor, text: str) -> list[list[str]]:
    return [[p.name for p in a.participants] for a in extractor.extract(text, posted_at="2026-05-06").activities]


def test_company_after_a_route_and_a_distance_is_the_sessions(extractor):
    text = "Walked from Tarnby to Marlow Vale today along the old railway line, 14 miles, with Emily Carter."
    assert names(extractor, text) == [["Emily Carter"]]


def test_company_of_a_later_session_stays_its_own(extractor):
    text = "Walked from Tarnby to Marlow Vale along the railway line, then swam 1 km in the lake with Emily Carter."
    assert names(extractor, text) == [[], ["Emily Carter"]]
