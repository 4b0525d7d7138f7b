"""A session told by its count with "for" and a person after it is that person's too ("parkrun number 50 for
Jonas", "a first lake swim for Ottilie"): ``counted_for`` of ``models/linking.json``, read by the people
finder (the name) and by the records' linker (the participant).

Every post here is written for these tests; each runs in blank mode and with the statistical pipeline.
"""
from __future__ import annotations

import pytest


def people(extractor, text: str) -> list[list[str]]:
    return [[p.name for p in a.participants] for a in extractor.extract(text, posted_at="2025-09-14").activities]


@pytest.mark.parametrize("text, names", [
    ("Brackenfold parkrun today. It was parkrun number 100 for Rhodri, so there was cake.", ["Rhodri"]),
    ("We swam 1.5 km in Tarnside lake this morning. A first lake swim for Tamsin!", ["Tamsin"]),
    ("Great skiing at Larkspur today, outing number 12 for Jonas and me, and number 3 for Ottilie.",
     ["Jonas", "Ottilie"]),
])
def test_the_person_a_session_counted_for_took_part(extractor, text, names):
    assert people(extractor, text) == [names]


@pytest.mark.parametrize("text", [
    "Ran my first marathon for Elin's charity.",  # what the person owns, no company
    "Swam my 20th Tarnside mile for the hospice.",  # no person after "for"
])
def test_what_a_session_is_for_is_no_company(extractor, text):
    assert people(extractor, text) == [[]]
