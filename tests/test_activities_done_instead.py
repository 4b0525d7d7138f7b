"""A means of doing an activity ("on the treadmill", "by bike") folds into the activity its sentence named
before it, as how that session was done; but followed by "instead" it tells a session done in place of
the one before, which is a record of its own.

Every post here is written for these tests.
"""
from __future__ import annotations


def records(extractor, text: str) -> list[tuple[str, str, float | None]]:
    return [(a.activity, a.status, a.duration.seconds if a.duration else None)
            for a in extractor.extract(text, posted_at="2025-03-10").activities]


def test_a_session_on_the_turbo_instead_of_a_missed_ride(extractor):
    text = "Couldn't get out for my ride this morning because of the storm, so I did 40 minutes on the turbo instead."
    assert records(extractor, text) == [("cycling", "negated", None), ("cycling", "completed", 2400.0)]


def test_a_means_without_instead_is_how_the_session_was_done(extractor):
    assert records(extractor, "I rode 40 minutes on the turbo this morning.") == [("cycling", "completed", 2400.0)]
