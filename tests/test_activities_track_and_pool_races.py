"""Races of the track and the pool told by their distance (issue 19): "the 5000m" after a determiner is a
race, run unless a stroke names it swum ("the 400m freestyle"); a distance in metres with no determiner
before it is a distance, no race.  Posts written for these tests; each runs on blank English and on the
statistical pipeline."""
from __future__ import annotations


def races(extractor, text: str) -> list[tuple]:
    post = extractor.extract(text, posted_at="2025-06-16")
    return [(a.activity, a.evidence.text, a.distance and a.distance.meters, a.duration and a.duration.seconds)
            for a in post.activities]


def test_a_track_race_by_its_distance_is_a_run(extractor):
    got = races(extractor, "Club champs today. I scraped a PB of 17:45 in the 5000m.")
    assert got == [("running", "5000m", 5000.0, 1065.0)], got


def test_a_stroke_after_the_distance_makes_it_a_swim(extractor):
    got = races(extractor, "She won the 400m freestyle at the county gala.")
    assert [(a, d) for a, _, d, _ in got] == [("swimming", 400.0)], got
    got = races(extractor, "Did 1500m front crawl before work.")
    assert [(a, d) for a, _, d, _ in got] == [("swimming", 1500.0)], got


def test_metres_without_a_determiner_are_a_distance_of_the_verb(extractor):
    got = races(extractor, "Tag someone who needs this. Swam 1500 m in the lido.")
    assert got == [("swimming", "Swam", 1500.0, None)], got
