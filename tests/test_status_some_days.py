""""Some days" or "some weeks" opening a clause before its subject tells a routine of some of them, in the
past too (a pattern rule of ``models/status_rules.json``), and no time the session lasted (the quantity
lexicon's ``which_after`` words).

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "Some weeks I was rowing 60 km on the canal.",
    "Some mornings we swim across Tarnside bay before work.",
])
def test_some_days_before_the_subject_tell_a_routine(extractor, text):
    got = [(a.status, a.duration) for a in extractor.extract(text, posted_at="2025-03-10").activities]
    assert got == [("habitual", None)]


def test_one_session_beside_it_stays_done(extractor):
    text = "Rode 40 km today. Some days I feel I could ride for ever."
    assert [a.status for a in extractor.extract(text, posted_at="2025-03-10").activities] == ["completed"]
