"""A distance after a verb of moving ("Got 10 miles in", "covered 5 km") with no activity word of its own
is a session of the activity the text is about; yoga, pilates and lifting cover no distance, so a text
naming only those leaves it to the commonest activity, and a set of squats before it lends it none.
A sport that covers ground ("Played football for an hour, covered 9 km") keeps its distance.

Every post here is written for these tests.
"""
from __future__ import annotations


def records(extractor, text: str) -> list[tuple[str, float | None]]:
    return [(a.activity, a.distance.meters if a.distance else None)
            for a in extractor.extract(text, posted_at="2025-03-10").activities]


def test_a_distance_in_a_text_naming_only_yoga(extractor):
    text = "Got 10 miles in before work, felt amazing. Then 30 min of yoga in the evening."
    assert records(extractor, text) == [("running", 16093.44), ("yoga", None)]


def test_a_distance_beside_yoga_alone_is_a_session_of_its_own(extractor):
    # no verb of moving: the distance is still no yoga's, so it is a session of the commonest activity
    assert records(extractor, "This morning: 8 km easy, then 20 minutes of yoga.") == \
        [("running", 8000.0), ("yoga", None)]
    assert records(extractor, "Strength session: 3 x 10 squats, then 5 km on the treadmill in 28 minutes.") == \
        [("strength_training", None), ("running", 5000.0)]
    post = extractor.extract("Plan for tomorrow: 5 km easy, then yoga.", posted_at="2025-03-10")
    assert [(a.activity, a.status, str(a.date.value)) for a in post.activities] == \
        [("running", "planned", "2025-03-11"), ("yoga", "planned", "2025-03-11")]


def test_squats_lend_no_activity_to_a_distance(extractor):
    assert records(extractor, "Did 50 squats, then covered 5 km before lunch.") == \
        [("strength_training", None), ("running", 5000.0)]


def test_a_sport_covering_ground_keeps_its_distance(extractor):
    assert records(extractor, "Played football for an hour, covered 9 km.") == [("other", 9000.0)]


def test_a_distance_on_a_long_distance_trail_is_walked(extractor):
    """A trail named as a place ("the Tarnside Way") tells what a text with no activity word is about."""
    text = "Day 3 of the Tarnside Way: Brackenfold to Larkspur, 24 km. We set off at 8 and arrived at 4."
    assert records(extractor, text) == [("hiking", 24000.0)]
    assert records(extractor, "Ran 10 km along the Tarnside Way this morning.") == [("running", 10000.0)]


def test_a_distance_and_time_too_slow_for_a_run_in_a_text_naming_no_activity(extractor):
    # the default activity is a guess: where its speeds fit nowhere, the slower one fits; a climb makes it a hike
    post = extractor.extract("We did the Brackenfold Horseshoe on Saturday - 11 miles, 1,100 m of ascent, 7 hours "
                             "with stops.", posted_at="2025-03-10")
    assert [(a.activity, a.distance.value, a.duration.seconds) for a in post.activities] == [("hiking", 11.0, 25200.0)]
    post = extractor.extract("15 km in 6 hours today, stopping for every view.", posted_at="2025-03-10")
    assert [(a.activity, a.duration.seconds) for a in post.activities] == [("walking", 21600.0)]
    # where they fit the default, it stays
    assert records(extractor, "10 km in 52 minutes today.") == [("running", 10000.0)]
