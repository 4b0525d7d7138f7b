"""How an activity type is chosen where a word's own activity is not the one meant (issue 19):
a ride on a skateboard, a bicycle or a skateboard named as the means of travel, a "sprint
distance" race class, and a pair of skis carried.  Posts written for these tests; each runs on
blank English and on the statistical pipeline."""
from __future__ import annotations


def acts(extractor, text: str) -> list[tuple[str, str]]:
    return [(a.activity, a.evidence.text) for a in extractor.extract(text).activities]


def test_riding_on_a_skateboard_is_skating(extractor):
    got = acts(extractor, "The skater set a new mark for the longest distance covered on a skateboard "
                          "in 12 hours, riding more than 150 kilometres.")
    assert got and {a for a, _ in got} == {"skating"}, got


def test_riding_alone_stays_a_ride(extractor):
    # no other activity in the text, or one where the text names cycling too: the lexicon's own
    assert acts(extractor, "On Sunday I was riding 60 km along the coast.") == [("cycling", "riding")]
    got = acts(extractor, "We went skating on Friday. On Sunday I was riding 60 km along the coast. "
                          "Cycling by the sea never gets old.")
    assert ("cycling", "riding") in got, got


def test_riding_in_a_story_that_names_only_a_skateboard_is_skating(extractor):
    """a ride told apart from the skateboard's sentence, in a text that names no bike, is on the board"""
    got = acts(extractor, "Ottilie now holds the mark for the longest journey on a skateboard in one day. "
                          "The old mark belonged to a Larkspur man who rode 250 km in 2011.")
    assert got and {a for a, _ in got} == {"skating"}, got


def test_a_bicycle_as_the_means_of_travel_is_a_ride(extractor):
    post = extractor.extract("Three years ago she travelled 900 km from Porto to Goa on a bicycle.")
    assert [a.activity for a in post.activities] == ["cycling"]
    assert post.activities[0].distance.value == 900


def test_sprint_distance_names_a_race_class(extractor):
    got = acts(extractor, 'My first triathlon was a "sprint" distance race at the local lido.')
    assert "running" not in {a for a, _ in got}, got
    assert got and got[0][0] == "triathlon", got


def test_a_sprint_is_still_a_run(extractor):
    got = acts(extractor, "I sprinted the last 200 metres of the 10k.")
    assert got and got[0][0] == "running", got


def test_a_sprint_in_a_swim_set_is_swum(extractor):
    got = acts(extractor, "Main set: 4 x 50 free (25 kick, 25 sprint), 200 pull. Swam 1500 yards total.")
    assert {a for a, _ in got} == {"swimming"}, got


def test_a_pair_of_skis_carried_is_no_ski_session(extractor):
    got = acts(extractor, "We hauled two pairs of skis up the stairs. Then we skied all afternoon.")
    assert [a for a, _ in got] == ["skiing"] and got[0][1] == "skied", got


def test_a_ski_lift_is_no_lifting_session(extractor):
    got = acts(extractor, "We walked to the lift with our boards and bought a lift pass. Then we skied all day.")
    assert "strength_training" not in {a for a, _ in got}, got
    assert ("skiing", "skied") in got, got


def test_a_walk_in_a_text_mostly_of_hiking_is_the_hike(extractor):
    post = extractor.extract("Day 3 of our trek to the pass. We hiked out of camp at dawn and "
                             "walked non-stop for 11 hours to the lake.")
    assert [(a.activity, a.duration.seconds if a.duration else None) for a in post.activities] == \
        [("hiking", 11 * 3600)]


def test_walks_in_a_text_mostly_of_walks_stay_walks(extractor):
    got = acts(extractor, "I walk 5 km every morning with the dog. Last year I hiked the ridge once. "
                          "This morning I walked 6 km.")
    assert [a for a, _ in got] == ["walking", "hiking", "walking"], got


def test_a_walk_under_a_title_of_a_trek_is_the_trek(extractor):
    post = extractor.extract("Trekking from Tarnby to Larkspur - Day 2\nWe walked 18 km today over the pass.",
                             posted_at="2025-04-07")
    assert [(a.activity, a.distance.meters) for a in post.activities] == [("hiking", 18000)]


def test_a_walk_named_as_often_as_a_hike_stays_a_walk(extractor):
    got = acts(extractor, "Planning to hike up the ridge next weekend. Walked 9 km along the canal today.")
    assert ("walking", "Walked") in got, got
