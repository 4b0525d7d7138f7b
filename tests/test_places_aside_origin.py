"""A place after "from" that ends an aside about a person, set off by commas and opening with an article
("Dr Jonas Berg, a GP from Larkspur, swam ..."), is where the person comes from, not where a route
starts; a route's start told of the session ("swam 34 km from Larkspur to Tarnside") still is one.

Every post here is written for these tests.
"""
from __future__ import annotations


def places(extractor, text: str) -> list[list[tuple[str, str]]]:
    return [[(p.name, p.role) for p in a.places] for a in extractor.extract(text, posted_at="2025-03-10").activities]


def test_an_aside_about_a_person_tells_where_they_come_from(extractor):
    assert places(extractor, "Dr Jonas Berg, a GP from Larkspur, swam the 34 km crossing in 13 hours.") == [[]]
    assert places(extractor, "Ottilie Brandt, the head teacher from Tarnside, cycled 80 km on Sunday.") == [[]]
    # an age written with hyphens is five tokens of the aside
    assert places(extractor, "Elin Moss, a 30-year-old dentist from Brackenfold, rowed 20 km on Sunday.") == [[]]


def test_a_route_told_of_the_session_is_still_a_route(extractor):
    assert places(extractor, "Jonas swam 34 km from Larkspur to Tarnside.") == \
        [[("Larkspur", "from"), ("Tarnside", "to")]]
