"""A list of activity words before a colon and a list of as many amounts after it go together in order
("Swim, bike, run: 750 m, 20 km, 5 km": the swim 750 m, the ride 20 km, the run 5 km), a date between
the two lists too; and a list of activity words opening its sentence has no subject, so a tagger's
present tense makes no routine of it: a triathlon's legs told so are done.

Every post here is written for these tests.
"""
from __future__ import annotations


def legs(extractor, text: str) -> list[tuple[str, str, float | None]]:
    return [(a.activity, a.status, a.distance.meters if a.distance else None)
            for a in extractor.extract(text, posted_at="2025-03-10").activities]


def test_a_triathlons_legs_told_as_two_lists(extractor):
    text = "Swim, bike, run: 750 m, 20 km, 5 km. First sprint tri done in 1:24:33!"
    assert legs(extractor, text)[:3] == [("swimming", "completed", 750.0), ("cycling", "completed", 20000.0),
                                         ("running", "completed", 5000.0)]


def test_lists_joined_by_and_and_slashes(extractor):
    assert legs(extractor, "Run / bike: 5 km / 20 km this morning.") == \
        [("running", "completed", 5000.0), ("cycling", "completed", 20000.0)]
    assert legs(extractor, "Ran and swam today: 8 km and 1.5 km.") == \
        [("running", "completed", 8000.0), ("swimming", "completed", 1500.0)]


def test_lists_of_unequal_length_are_not_paired(extractor):
    # three amounts for two activities: the pairing is not told, each amount goes by nearness
    assert len(legs(extractor, "Ran, cycled: 5 km, 20 km, 3 km.")) == 2


def test_a_routine_with_a_subject_is_still_a_routine(extractor):
    assert [s for _, s, _ in legs(extractor, "I swim, bike and run every week.")] == ["habitual"] * 3
