"""A distance right before "pool" is the pool's length, no session's distance; the lengths counted times it are
("60 lengths (25 m pool)" and "60 lengths of 25 m" are 1.5 km), and lengths counted right after a swim with no verb
of their own are that swim's ("Swam 2 km (80 lengths)": one swim).
A total opening a sentence right after a set ("5 x 1 km at threshold. 11 km total with warm up") is that
session's distance, where the sentence tells no period ("15 km total this week" is a week's).
Laps of a course told by its length are the whole of them ("3 laps of the 5 km loop" is 15 km).

Every post here is written for these tests.
"""
from __future__ import annotations


def distances(extractor, text: str) -> list[float | None]:
    return [a.distance.meters if a.distance else None
            for a in extractor.extract(text, posted_at="2026-03-08").activities]


def test_the_length_of_a_pool_is_no_distance_but_its_lengths_are(extractor):
    # the lengths counted times the pool's length: the distance swum, never the pool's length alone
    assert distances(extractor, "Swam 48 lengths after work (25 m pool), felt smooth.") == [1200.0]
    assert distances(extractor, "Did 30 lengths of the 50 metre pool at Larkspur.") == [1500.0]
    assert distances(extractor, "Swam 2 km in the 50m pool this morning.") == [2000.0]
    assert distances(extractor, "Swam in the 25 m pool after work, felt smooth.") == [None]


def test_lengths_of_a_distance_are_lengths_of_a_pool(extractor):
    assert distances(extractor, "Swam 60 lengths of 25 m before work.") == [1500.0]
    assert distances(extractor, "Did 40 lengths of 50m at Tarnby lido, cold but lovely.") == [2000.0]


def test_laps_of_a_course_told_by_its_length_are_the_whole_distance(extractor):
    assert distances(extractor, "Open water swim this morning, 2 laps of the 750 m course.") == [1500.0]
    assert distances(extractor, "Ran 3 laps of the 5 km loop at Tarnby Park.") == [15000.0]
    assert distances(extractor, "Rode two laps of a 40 km circuit today.") == [80000.0]
    # one lap of it, or laps of a course with no length: the distance as told
    assert distances(extractor, "Swam a single lap of the 400 m loop.") == [400.0]
    assert distances(extractor, "Ran 10 km today, 4 laps of the park.") == [10000.0]


def swims(extractor, text: str) -> list[tuple[float | None, float | None]]:
    return [(a.distance.meters if a.distance else None, a.duration.seconds if a.duration else None)
            for a in extractor.extract(text, posted_at="2026-03-08").activities]


def test_lengths_counted_after_a_swim_are_that_swim(extractor):
    text = "Swam 2.4 km in the outdoor pool this morning, 96 lengths of 25 m. Chilly!"
    assert swims(extractor, text) == [(2400.0, None)]
    assert swims(extractor, "Swam 2 km this morning (80 lengths).") == [(2000.0, None)]
    assert swims(extractor, "Swam 1.5 km today: 60 lengths of 25m in 34 minutes.") == [(1500.0, 2040.0)]


def test_lengths_of_another_day_or_swimmer_are_another_swim(extractor):
    assert len(swims(extractor, "Swam 1 km on Monday. On Tuesday I did 60 lengths.")) == 2
    assert len(swims(extractor, "Swam 1 km yesterday. Then another 40 lengths today.")) == 2
    assert len(swims(extractor, "I swam 1 km. Tamsin did 40 lengths.")) == 2


def test_a_total_opening_the_sentence_after_a_set(extractor):
    text = "Track night: 6 x 800 m with 400 m jog recoveries. 10 km total with the warm up and cool down."
    assert distances(extractor, text) == [10000.0]


def test_a_recovery_told_with_its_way_is_no_session_of_its_own(extractor):
    text = "Hill reps tonight: 8 x 90 seconds up Brackenfold Road, jog down recovery. 9 km in total."
    assert distances(extractor, text) == [9000.0]
    assert distances(extractor, "Track: 6 x 800 m, walk easy recovery, then 2 km cool down.") == [4800.0]


def test_a_total_of_a_period_is_not_the_set_s(extractor):
    assert distances(extractor, "Did 4 x 1 km this evening. 32 km total this week.") == [4000.0]
