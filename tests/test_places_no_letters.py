"""A model's place entity with no word of letters alone (a finishing time taken for a place: "in 03:58:12", a
programme's week and run: "W7 R2") is no place.  Blank mode reads no entities and finds none there either.

Every post here is written for these tests.
"""
from __future__ import annotations


def test_a_time_is_no_place(extractor):
    (a,) = extractor.extract("Maya finished her marathon in 03:58:12 and raised money for charity.").activities
    assert a.places == []
    assert a.duration is not None and a.duration.seconds == 14292.0


def test_a_place_with_letters_is_kept(extractor):
    (a,) = extractor.extract("Maya ran 10 km in Nairobi on Sunday.").activities
    assert [p.name for p in a.places] == ["Nairobi"]


def test_a_programme_code_of_letters_and_digits_is_no_place(extractor):
    """"W7 R2" (week 7, run 2) is a session's label, whatever a model tags it as."""
    (a,) = extractor.extract("W7 R2 done ✅ 30 min running!").activities
    assert a.places == []
    assert (a.activity, a.duration.seconds) == ("running", 1800.0)
