"""How often a session is done is told by a mention as real as the record's: a wish or a condition that
refers back to a session done ("I ran 5 km yesterday. I would run every day but my knees hurt") gives it
no routine, while a routine told in its own right stays a record of its own (build's ``_as_real``).

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "I ran 5 km yesterday. I would run every day but my knees hurt.",
    "Swam 2 km at the Tarnby lido this morning. If only I could swim there every morning!",
])
def test_a_wished_routine_gives_the_session_done_no_frequency(extractor, text):
    got = extractor.extract(text, posted_at="2026-05-04").activities
    assert [(a.status, a.frequency) for a in got] == [("completed", None)]


def test_a_routine_told_as_real_stays_a_routine(extractor):
    got = extractor.extract("Swam 2 km this morning. I swim every day now.", posted_at="2026-05-04").activities
    assert sorted((a.status, a.frequency) for a in got) == [("completed", None), ("habitual", "daily")]
