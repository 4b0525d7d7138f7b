"""Sessions told with no activity word: a count of steps is a walk, and such a session dated by a day
to come is planned.  Every post here is written for these tests, each run in blank mode and with the
model."""
from __future__ import annotations

import datetime as dt

import pytest

POSTED = dt.date(2025, 3, 12)


@pytest.fixture(params=["blank", "sm"])
def extract(request):
    extractor = request.getfixturevalue(f"{request.param}_extractor")
    return lambda text: extractor.extract(text, posted_at=POSTED).activities


@pytest.mark.parametrize("text, steps", [
    ("12,480 steps today and my feet know it.", 12480),
    ("Hit 10k steps before breakfast.", 10000),
])
def test_a_count_of_steps_is_a_walk(extract, text, steps):
    [walk] = extract(text)
    assert (walk.activity, walk.status, walk.count.value) == ("walking", "completed", steps)


def test_a_few_steps_are_no_walk(extract):
    assert [a.activity for a in extract("Took the 300 steps up to the castle, then ran 5 km.")] == ["running"]


def test_a_walk_told_with_its_steps_is_one_record(extract):
    [walk] = extract("Walked 15,000 steps around the old town with my sister.")
    assert walk.count.value == 15000


@pytest.mark.parametrize("text, status", [
    ("I'm going to cover 20 km tomorrow.", "planned"),
    ("Aiming for 12,000 steps a day next month.", "planned"),
    ("Covered 20 km yesterday along the coast.", "completed"),
])
def test_a_session_with_no_activity_word_dated_ahead_is_planned(extract, text, status):
    [record] = extract(text)
    assert record.status == status


@pytest.mark.parametrize("text, status", [
    ("The crew will cover 600 km in five days.", "planned"),
    ("Didn't manage to cover 10 km today, the wind was too strong.", "negated"),
    ("If you can cover 5 km, you can finish a parkrun.", "hypothetical"),
])
def test_a_distance_moved_takes_the_status_its_verb_is_told_with(extract, text, status):
    # the status cues read for activity words read the verb of a distance with none too
    [record] = extract(text)
    assert record.status == status


def test_a_plan_told_again_by_its_distance_is_one_plan(extract):
    text = "Six firefighters will cycle from Marlow Vale to Tarnby next month. The team will cover 600 km in five days."
    [ride] = extract(text)
    assert (ride.activity, ride.status, ride.distance.value) == ("cycling", "planned", 600)


def test_the_whole_of_a_journey_begun_told_ahead_is_the_journey(extract):
    # "will cover ... in twelve days" tells the journey under way, not a plan of another one
    text = "Elin Moss set off from Tarnby on Monday and is walking to Larkspur. She will cover 300 km in twelve days."
    [walk] = extract(text)
    assert walk.status != "planned" and walk.distance.value == 300


def test_the_distance_covered_so_far_of_a_journey_under_way_is_a_part_of_it(extract):
    text = ("Retired teacher Jonas Berg, 68, is walking 1,000 miles around the coast. He set off from Marlow Vale "
            "on 1 April and has so far covered 420 miles.")
    [walk] = extract(text)
    assert (walk.status, walk.distance.value) == ("ongoing", 1000)
    assert [(p.name, p.role) for p in walk.places] == [("Marlow Vale", "from")]


@pytest.mark.parametrize("text, km", [
    ("Bram Kettle is walking from Larkspur to Marlow Vale for the hospice. He has covered 420 km in the last "
     "21 days.", 420),
    ("Bram Kettle is walking from Larkspur to Marlow Vale for the hospice. After covering 420 km in the last "
     "21 days, he reached Tarnby on Friday.", 420),
    ("Bram Kettle is walking from Larkspur to Marlow Vale for the hospice. Walking about 20 km a day, he sleeps "
     "in church halls along the way.", 20),
])
def test_what_a_journey_from_one_place_to_another_covers_so_far_or_each_day_is_a_part_of_it(extract, text, km):
    # the journey told with no amount is a record at once; its parts join it and are under way with it
    [walk] = extract(text)
    assert (walk.status, walk.distance.value) == ("ongoing", km)
    assert ("Larkspur", "from") in [(p.name, p.role) for p in walk.places]


def test_a_distance_with_no_activity_word_is_not_lent_to_push_ups_or_yoga(extract):
    records = extract("40 push-ups and 30 squats before breakfast. Later 12 km along the canal today.")
    assert [(a.activity, a.distance) for a in records] == [("strength_training", None)] * 2


def test_a_distance_of_a_log_line_is_the_amount_of_the_activity_word_after_it(extract):
    records = extract("Warm-up:\n20 air squats\n400 Meter Run\n20 sit-ups")
    runs = [a for a in records if a.activity == "running"]
    assert [a.distance.meters for a in runs] == [400]


def test_back_on_the_bike_is_a_ride(extract):
    records = extract("40 push-ups before breakfast. Back on the bike after 2 weeks off, 120 km loop around Larkspur.")
    assert [(a.activity, a.distance.meters if a.distance else None) for a in records] == \
        [("strength_training", None), ("cycling", 120000)]


@pytest.mark.parametrize("text, meters", [
    ("Open water swimming season is back! Got to the lake early, left the wetsuit in the car and ploughed on for "
     "just over 1500m in the cold water.", 1500),
    ("My first ride of the spring was a hard one. Slogged out roughly 60 km in a headwind with Rhodri.", 60000),
])
def test_a_distance_after_a_verb_of_pressing_on_is_a_session_of_the_text(extract, text, meters):
    got = [(a.status, a.distance.meters if a.distance else None) for a in extract(text)]
    assert got == [("completed", pytest.approx(meters))]


def test_a_days_session_is_a_session_of_the_activity_the_text_names_most(extract):
    text = ("Every year I start a thirty day yoga challenge and every year I drop out halfway.\n\n"
            "Today’s session was gentle, mostly deep stretches and breathing.")
    assert [(a.activity, a.status) for a in extract(text) if a.evidence.text == "session"] == [("yoga", "completed")]
    # told with a session already, it is that session
    assert len(extract("Ran 10 km along the canal this morning with Tamsin. This morning's session was tough.")) == 1


WEEK_LOG = "Mon: rest\nTue: 8 km easy\nWed: intervals 6x800m\nThu: swim 1500m\nSat: long run 24 km"


def test_a_log_line_with_no_activity_word_takes_the_commonest_of_those_named_most(extract):
    """A swim and a run are named once each: a bare distance in the log is a run, the commonest activity,
    not the swim because it is named first."""
    assert [a.activity for a in extract(WEEK_LOG)] == ["running", "running", "swimming", "running"]


def test_a_weekday_written_short_is_no_one(extract):
    assert all(a.participants == [] for a in extract(WEEK_LOG))


@pytest.mark.parametrize("text, activity", [
    ("Open-water swimmer Ona Ferris has crossed the Larkspur Sea in 15 hours.", "swimming"),
    ("The four rowers crossed the Brackenfold Strait in 42 days.", "rowing"),
])
def test_a_crossing_of_open_water_is_a_session_of_the_water_activity_the_text_is_about(extract, text, activity):
    [crossing] = extract(text)
    assert (crossing.activity, crossing.duration is not None) == (activity, True)


def test_a_crossing_told_done_with_no_amount_is_a_session(extract):
    [crossing] = extract("Open water swimmer Rhodri Alun Vance has successfully crossed the Tarnby Channel.")
    assert (crossing.activity, crossing.status, [p.name for p in crossing.places]) \
        == ("swimming", "completed", ["Tarnby Channel"])


def test_a_crossing_told_again_far_after_it_is_the_same_session(extract):
    text = ("Open water swimmer Elin Moss has crossed the Tarnby Channel. The channel is known for its cold "
            "water and jellyfish. Elin entered the water at 6.10 am on 4 August. Elin and her team-mates "
            "finished at Brackenfold Bay in 13 hours and 20 minutes, making them the first quartet ever to "
            "cross the Tarnby Channel.")
    [crossing] = extract(text)
    assert (crossing.activity, crossing.duration.seconds) == ("swimming", 13 * 3600 + 20 * 60.0)


def test_the_route_told_between_two_tellings_of_a_crossing_is_its_route(extract):
    text = ("Open water swimmer Elin Moss has crossed the Tarnby Channel. Into the water at 6.10 am from "
            "Larkspur Point on 4 August. The team took 13 hours and 20 minutes to cross the Tarnby Channel, a record.")
    [crossing] = extract(text)
    assert [(p.name, p.role) for p in crossing.places] == [("Tarnby Channel", "at"), ("Larkspur Point", "from")]


def test_a_crossing_one_sets_out_to_attempt_is_a_plan(extract):
    text = "Jonas Berg swam Larkspur Water last week. He plans to attempt the Tarnside Channel next summer."
    got = extract(text)
    assert [(a.activity, a.status, [p.name for p in a.places]) for a in got] == [
        ("swimming", "completed", ["Larkspur Water"]), ("swimming", "planned", ["Tarnside Channel"])]


def test_crossing_a_river_on_a_run_is_no_session_of_its_own(extract):
    assert [a.activity for a in extract("Ran 12 km on the coast path. We crossed the river twice.")] == ["running"]


@pytest.mark.parametrize("text, meters", [
    ("5 x 1 km repeats at the track tonight with coach Ines. Averaged 3:58 per rep.", 5000.0),
    ("Thu: 6x800m intervals", 4800.0),
])
def test_a_set_told_with_its_repeats_is_a_session(extract, text, meters):
    """The whole set ("5 x 1 km") before "repeats" is the session's distance; one repeat alone ("1 km
    repeats") is no session's."""
    [session] = extract(text)
    assert (session.activity, session.distance.meters) == ("running", meters)


def test_one_repeat_is_no_sessions_distance(extract):
    [run] = extract("Ran 10 km with 1 km repeats in the middle.")
    assert run.distance.meters == 10000.0


def test_a_day_s_distance_after_a_word_of_a_segment_is_that_day_s_session(extractor):
    # "after" before a distance tells a point of a session ("after 6 km"), not before a day's own one
    post = extractor.extract("Rest day today. Legs need it after yesterday's 28 km.", posted_at="2026-03-10")
    assert [(a.distance.meters, str(a.date.value)) for a in post.activities] == [(28000.0, "2026-03-09")]
    assert extractor.extract("After 6 km my calf went.", posted_at="2026-03-10").activities == []


@pytest.mark.parametrize("text", [
    "Back at it after three weeks off with a cold. 5 km very slowly round the park with the dog.",
    "Legs still heavy from Sunday. 8 km along the canal with Bram, then coffee.",
])
def test_a_distance_opening_a_caption_is_a_session(extract, text):
    # the distance opens its sentence and a word of where, how or with whom follows it
    [session] = extract(text)
    assert session.status == "completed" and session.distance.meters in (5000.0, 8000.0)


@pytest.mark.parametrize("text", [
    "5 km to go and I was hurting.",
    "Lovely day. 12 km into the ride my chain snapped.",
])
def test_a_distance_still_to_go_or_into_a_session_opens_no_caption(extract, text):
    assert [a.distance for a in extract(text)] in ([], [None])
