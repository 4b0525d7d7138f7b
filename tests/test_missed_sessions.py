"""Sessions once missed on real text (issues 19/20), on posts written for the project.

Each rule is checked on both pipelines (blank English and the statistical one where installed):
activity words the lexicon lacked (speed walking, cardio, mountaineering), a marathon done on the
rowing machine, a gerund after a spell of time ("two evenings a week rowing"), a mountain that is
no dropped-g gerund, and "began"/"started" before an activity word telling of doing it.
"""
from __future__ import annotations

import pytest


def found(extractor, text: str) -> list[tuple[str, str, str]]:
    """(activity, evidence text, status) of each record of ``text``."""
    post = extractor.extract(text)
    return [(a.activity, a.evidence.text, a.status) for a in post.activities]


def activities(extractor, text: str) -> list[str]:
    return [a for a, _, _ in found(extractor, text)]


@pytest.mark.parametrize("text, activity", [
    ("Pushed the pram round the lake and speedwalked about two miles before lunch.", "walking"),
    ("Power walked 4 km along the canal with my sister this morning.", "walking"),
    ("Did 40 minutes of cardio at the gym after work yesterday.", "workout"),
    ("This summer we went mountaineering in the Alps for a week.", "climbing"),
    ("Finally completed my Ice Mile in the quarry, 3.8 degrees.", "swimming"),
    ("Bagged 3 Munros today with Tamsin.", "hiking"),
    ("A long hill walk over the fells with Benedikt, 14 miles.", "hiking"),
    ("Did the Three Peaks challenge with Tamsin this weekend, no sleep at all.", "hiking"),
    ("Paddleboarded across the bay with Rhodri, about 3 km.", "paddling"),
    ("An hour of padel with Tamsin after work.", "other"),
])
def test_activity_words_the_lexicon_lacked(extractor, text, activity):
    assert activity in activities(extractor, text)


@pytest.mark.parametrize("text", [
    "Did my first sprint triathlon on Sunday, finished in 1:24.",
    "Olympic tri done in 2:41, a new best.",
])
def test_a_triathlon_named_by_its_distance_is_a_triathlon(extractor, text):
    assert activities(extractor, text) == ["triathlon"]  # not a sprint run, nor a ride


def test_a_marathon_on_the_rowing_machine_is_a_row(extractor):
    text = ("Rowed my first indoor half marathon today on the machine! I rowed steadily at 2:20 a stroke "
            "and finished my half marathon in 1:38:40. My rowing club mates cheered.")
    acts = activities(extractor, text)
    assert "rowing" in acts and "running" not in acts


def test_a_marathon_in_a_running_text_stays_a_run(extractor):
    # the rest of the text names running: the marathon is a run, however much rowing it names
    text = ("Ran the city marathon on Sunday in 3:55. On Monday I rowed 5 km to loosen up, "
            "and on Tuesday I rowed again.")
    records = found(extractor, text)
    assert any(a == "running" and "marathon" in ev for a, ev, _ in records)


def test_a_named_marathon_beside_a_row_is_a_run(extractor):
    # a race's name (capitals) is a race on foot, however much rowing the text names
    text = "Rowed 8 km on the erg before work, then rowed again at lunch. Signed up for the Harrowgate City Marathon!"
    records = found(extractor, text)
    assert ("running", "Harrowgate City Marathon", "planned") in records


def test_a_mountain_is_no_dropped_g_gerund(extractor):
    # "mountain" ends in "-in" like "runnin'", but it is no gerund: "practise mountain climbing" is a habit
    records = found(extractor, "Our club practises mountain climbing every month.")
    assert [(a, s) for a, _, s in records] == [("climbing", "habitual")]


def test_a_dropped_g_gerund_is_still_one(extractor):
    assert "running" in activities(extractor, "Went runnin' for 5 miles with the dog today")


def test_a_spell_of_days_a_week_then_a_gerund_is_a_session(extractor):
    records = found(extractor, "I spend two days a week swimming while the rest go on the bike.")
    assert ("swimming", "swimming", "habitual") in records


def test_began_before_an_activity_word_tells_of_doing_it(extractor):
    records = found(extractor, "At dawn she began climbing the ridge with her guide.")
    assert [a for a, _, _ in records] in (["climbing"], ["hiking"])


def test_a_topical_mention_stays_no_session(extractor):
    # no word of doing: talk about the activity, not a session
    assert found(extractor, "Mountain climbing is a dangerous hobby.") == []
    assert found(extractor, "Cardio is good for the heart.") == []


def test_the_full_beside_the_half_is_a_marathon(extractor):
    post = extractor.extract("Priya finished the full in four hours and ten minutes while her brother ran the half.")
    full = [a for a in post.activities if a.evidence.text.endswith("full")]
    assert len(full) == 1 and full[0].activity == "running"
    assert full[0].distance is not None and full[0].distance.meters == 42195.0


@pytest.mark.parametrize("text", [
    "We stayed for the full match and cheered.",
    "The full team came along to the launch.",
])
def test_the_full_of_something_else_is_no_race(extractor, text):
    assert found(extractor, text) == []


def test_after_a_sport_tells_of_a_session(extractor):
    records = found(extractor, "After tennis Tom and I went for a curry.")
    assert [(a, ev, s) for a, ev, s in records] == [("other", "tennis", "completed")]


def test_continue_with_an_activity_tells_of_doing_it(extractor):
    acts = activities(extractor, "I warm up with ten minutes of stretching, before I continue with cardio.")
    assert "workout" in acts


@pytest.mark.parametrize("text", [
    "Sam and I tackled Mt. Rainier last Saturday.",
    "sam and i tackled mt. rainier last saturday",
    "She scaled Mount Olympus in two days with her cousin.",
])
def test_scaling_or_tackling_a_mount_is_a_climb(extractor, text):
    assert activities(extractor, text) == ["hiking"]


@pytest.mark.parametrize("text", [
    "The company scaled up fast and tackled its debts.",
    "We tackled the problem of the mount for the camera.",
])
def test_scaling_or_tackling_else_is_no_session(extractor, text):
    assert found(extractor, text) == []


@pytest.mark.parametrize("text, kept", [
    ("Rode 250 km this week; that is equal to about 6 marathons.", ["Rode"]),
    ("Swam 3.8 km, the same as an Ironman swim.", ["Swam"]),
])
def test_a_yardstick_is_no_session(extractor, text, kept):
    assert [ev for _, ev, _ in found(extractor, text)] == kept


def test_a_ride_told_with_bicycled_is_its_own_session_beside_a_routine_taken_up(extractor):
    text = "Ottilie has started cycling again after her knee injury. On Sunday she bicycled 35 km round the reservoir."
    assert [(a, status) for a, _, status in found(extractor, text)] == [("cycling", "habitual"),
                                                                          ("cycling", "completed")]


def test_a_distance_told_as_added_to_a_ride_is_no_walk(extractor):
    text = ("Rhodri cycled 900 km from Brackenfold to Larkspur in May. He had to walk 5 km pushing his bike. "
            "Near Tamworth the road was shut and the detour added some 40 km to the ride.")
    assert "walking" not in [a for a, _, ev in found(extractor, text) if "40" in ev or ev == "ride"]
    assert activities(extractor, text).count("walking") == 1


@pytest.mark.parametrize("text, kept", [
    ("The ‘10K’, which is 6.2 miles, and the fun run, which is about 5 km, start at the pier.", []),
    ("I did the half, which is 21.1 km, in 2:05.", ["half"]),
])
def test_what_a_kind_of_race_is_is_no_session(extractor, text, kept):
    assert [ev for _, ev, _ in found(extractor, text)] == kept


@pytest.mark.parametrize("text, activity", [
    ("The 12-year-old has become the youngest girl to climb Mount Larkspur.", "climbing"),
    ("Tamsin was the first woman to swim the Brackenfold Sound in winter.", "swimming"),
    ("Ottilie Brandt became the first woman from the valley to swim across Lake Larkspur.", "swimming"),
    ("Rhodri is the oldest rower in the club ever to row the Brackenfold Sound.", "rowing"),
])
def test_a_feat_told_as_an_infinitive_was_done(extractor, text, activity):
    assert [(a, s) for a, _, s in found(extractor, text)] == [(activity, "completed")]


@pytest.mark.parametrize("text", [
    "She was never able to swim as a child.",
    "The first time I tried to swim in the sea, I panicked.",
    "The only thing she wanted was to ride with her brother.",
])
def test_an_infinitive_of_ability_or_wish_is_still_no_session(extractor, text):
    assert found(extractor, text) == []


@pytest.mark.parametrize("text, expected", [
    ("Spin class at 6am, then 30 minutes of core work.", [("cycling", "Spin class"), ("workout", "core work")]),
    ("Swim at 7:30 with the club.", [("swimming", "Swim")]),
    ("Lunchtime yoga at 12.30 pm.", [("yoga", "yoga")]),
    ("Pilates at 9, then coffee with Tamsin.", [("pilates", "Pilates")]),  # a bare hour ending its clause
    ("Spin class at 6 tomorrow!", [("cycling", "Spin class")]),
    ("Football training 7-9pm, then home for tea.", [("other", "Football")]),  # a span of hours, no "at"
    ("Netball 7:30 tonight.", [("other", "Netball")]),
])
def test_a_session_told_at_a_time_on_the_clock_is_one(extractor, text, expected):
    assert [(a, e) for a, e, _ in found(extractor, text)] == expected


@pytest.mark.parametrize("text, activity", [
    ("Lovely ride with my brother along the towpath.", "cycling"),
    ("Hard swim in the quarry, the water at 12 degrees.", "swimming"),
    ("Beautiful hike up the fell with Tamsin and Rhodri.", "hiking"),
    ("Evening swim in the tarn with Ottilie.", "swimming"),
    ("Early morning ride to the coast and back.", "cycling"),
])
def test_a_caption_of_a_noun_behind_adjectives_is_a_session(extractor, text, activity):
    assert [(a, s) for a, _, s in found(extractor, text)] == [(activity, "completed")]


@pytest.mark.parametrize("text, activity", [
    ("Finished the Larkspur Way today! 190 km over 9 days with my dad.", "hiking"),
    ("Completed the Tarnside Coast Path with Elin in May.", "hiking"),
    ("Great day skiing with Bram. He also did the Larkspur Trail, which has some steep parts.", "skiing"),
    ("Ultrarunner Jonas Berg completed the Tarnside Way in 3 days and 4 hours.", "running"),
    ("Cyclist Elin Moss completed the Tarnside Way in two days.", "cycling"),
])
def test_a_trail_finished_is_a_session_of_the_text_s_kind(extractor, text, activity):
    """A long-distance trail named after a verb of finishing is a hike, or a run of the text's sport, or of the
    sport of the title of who finished it."""
    assert [a.activity for a in extractor.extract(text, posted_at="2025-08-20").activities] == [activity]


def test_a_day_of_a_trail_is_walked_though_the_text_tells_a_swim(extractor):
    """"Day 3 of the Tarnside Coast Path": a day on the trail, a hike; the swim told after it takes no trail."""
    text = ("Day 3 of the Tarnside Coast Path: Marlow Vale to Ashby Vale, 22 km in 6 hours. We arrived by 2pm "
            "and went for a swim in the harbour.")
    got = extractor.extract(text, posted_at="2025-08-20").activities
    assert [(a.activity, a.distance.meters if a.distance else None) for a in got] == \
        [("hiking", 22000.0), ("swimming", None)]


def test_a_summit_day_is_a_hike(extractor):
    text = "Summit day today: 13 hours in total, 1,100 m of ascent."
    (day,) = extractor.extract(text, posted_at="2025-08-20").activities
    assert (day.activity, day.duration.seconds) == ("hiking", 13 * 3600.0)


def test_a_race_named_after_its_trail_is_no_hike(extractor):
    (race,) = extractor.extract("Finished the Tarnby Trail 50K in 6:10!", posted_at="2025-08-20").activities
    assert race.activity == "running"


@pytest.mark.parametrize("text", ["Burpees are the worst exercise ever invented.", "Squats are great for your knees."])
def test_an_exercise_a_statement_is_about_is_no_session(extractor, text):
    assert found(extractor, text) == []


def test_an_exercise_told_done_is_a_session(extractor):
    assert found(extractor, "Squats are done, lunges next.") == [("strength_training", "Squats", "completed")]


@pytest.mark.parametrize("text", [
    "Lovely swimming costumes on sale at the leisure centre.",
    "Gentle hikes are the best way to start.",
    "Morning swims are what I miss most.",
])
def test_a_noun_that_names_a_thing_or_opens_a_statement_is_no_caption(extractor, text):
    assert found(extractor, text) == []


@pytest.mark.parametrize("text, status", [
    ("We're planning on hiking the ridge with Tamsin.", "planned"),
    ("We're hiking the ridge with Tamsin.", "ongoing"),
])
def test_a_gerund_after_a_plan_or_a_contracted_are_is_a_session(extractor, text, status):
    assert [(a, s) for a, _, s in found(extractor, text)] == [("hiking", status)]


@pytest.mark.parametrize("text, bike", [
    ("Larkspur Sprint Triathlon report. The swim (750m) was choppy. On the bike (20 km) I averaged 31 km/h, "
     "then the 5 km run hurt.", 20_000),
    ("Brackenfold Olympic Triathlon. Swim 1500 m in 28:40. The bike leg was 40 km and hilly. Run 10 km in 49:55.",
     40_000),
])
def test_the_bike_in_a_triathlon_report_is_its_cycling_leg(extractor, text, bike):
    post = extractor.extract(text)
    assert [a.distance.meters for a in post.activities if a.activity == "cycling"] == [bike]


@pytest.mark.parametrize("text", [
    "Larkspur Triathlon on Sunday. It was cold, so we all wore jackets on the bike.",
    "After the Larkspur Triathlon I cleaned the bike and checked the bike route for next year.",
    "Cleaned the bike after work.",
])
def test_the_bike_with_no_amount_or_outside_a_triathlon_is_the_machine(extractor, text):
    assert "cycling" not in activities(extractor, text)


@pytest.mark.parametrize("text, activity, seconds", [
    ("30 min on the treadmill before work.", "running", 1800),
    ("Did 20 minutes on the rower, then stretched.", "rowing", 1200),
    ("Lifted today: squats 5x5 at 100 kg. Then 15 min on the turbo.", "cycling", 900),
    ("25 minutes on the cross trainer at lunch.", "workout", 1500),
])
def test_time_on_a_gym_machine_is_a_session_of_its_activity(extractor, text, activity, seconds):
    post = extractor.extract(text)
    assert [(a.activity, a.duration.seconds) for a in post.activities if a.activity == activity] == \
        [(activity, seconds)]


@pytest.mark.parametrize("text, meters", [
    ("Great day on the slopes at Larkspur with the kids, about 25 runs and 40 km of skiing.", 40000),
    ("Bluebird day at the resort with Tamsin: 18 runs and 35 km of skiing.", 35000),
])
def test_runs_on_a_ski_day_are_ski_runs(extractor, text, meters):
    """"40 km of skiing" is an amount of skiing, no talk of it in general, so the day is a ski day and
    its runs are ski runs."""
    assert [(a.activity, a.distance.meters if a.distance else None) for a in extractor.extract(text).activities] \
        == [("skiing", meters)]


@pytest.mark.parametrize("text", [
    "Brilliant day on the slopes with Rhodri. He skied the long valley run twice before lunch.",
    "Elin has moved up to the red runs this week and loves it.",
    "Skiing at Larkspur: we did the black run first and then some blue runs with Tamsin.",
])
def test_a_ski_run_is_no_run_on_foot(extractor, text):
    """A run graded by colour, or a run as a noun in a skiing text ("the long valley run"), is a ski run."""
    assert {a.activity for a in extractor.extract(text, posted_at="2025-02-10").activities} == {"skiing"}


@pytest.mark.parametrize("text, activity", [
    ("Morning dip in the sea with the club. 8 degrees!", "swimming"),
    ("Sea dip at Larkspur Bay this morning, 20 minutes.", "swimming"),
    ("Skipped rope for 15 min before work.", "workout"),
])
def test_wild_swims_and_rope_skipping_are_sessions(extractor, text, activity):
    assert [(a, s) for a, _, s in found(extractor, text)] == [(activity, "completed")]


def test_a_dip_in_the_road_is_no_swim(extractor):
    assert found(extractor, "There was a big dip in the road at mile 3 of my run.") == [("running", "run", "completed")]


def test_a_verb_opening_the_sentence_is_no_place_of_the_race_after_it(extractor):
    post = extractor.extract("Did Parkrun with my 8 year old today - her first 5k! So proud.", posted_at="2025-06-16")
    assert [p.name for a in post.activities for p in a.places] == []


@pytest.mark.parametrize("text", ["Swim: 750m (+ run up the beach to T1) 14:05", "Swim: 750m (to T1) 14:05"])
def test_a_time_after_an_aside_in_brackets_is_the_leg_s(extractor, text):
    """The words of an aside in brackets label nothing outside it: "T1)" makes no transition time of 14:05."""
    (swim,) = extractor.extract(text).activities
    assert swim.duration.seconds == 845


@pytest.mark.parametrize("aside", ["(+ run to T1)", "(+ the long run to T1)"])
def test_an_activity_added_in_brackets_to_a_leg_s_amount_is_no_session(extractor, aside):
    text = (f"Larkspur Sprint Triathlon - my results\nSwim: 750m {aside} 14:05\nT1: 1:32\n"
            "Bike: 20.1 km 38:40\nT2: 0:55\nRun: 5 km 22:10")
    got = [(a.activity, a.distance and a.distance.meters) for a in extractor.extract(text).activities]
    assert got == [("triathlon", 25750.0), ("swimming", 750.0), ("cycling", 20100.0), ("running", 5000.0)], got


@pytest.mark.parametrize("text, activity", [
    ("Took the bike out for 40 km.", "cycling"),
    ("Took the paddleboard out on Tarnby Water for an hour.", "paddling"),
    ("Nordic walking group this morning, 6 km round the reservoir.", "walking"),
    ("Open water session at Marlow Vale quarry, about 1.6 km.", "swimming"),
    ("Aqua aerobics with mum this morning.", "workout"),
])
def test_outings_and_classes_named_by_their_means(extractor, text, activity):
    assert activities(extractor, text) == [activity]


def test_the_means_tells_what_a_bare_race_was(extractor):
    got = [(a, ev) for a, ev, _ in found(extractor, "Spin class at 6am then a 5k on the treadmill.")]
    assert [a for a, _ in got] == ["cycling", "running"], got


@pytest.mark.parametrize("text, activity", [
    ("Tried bouldering for the first time. Arms are dead.", "climbing"),
    ("Tried yoga for the first time at the new studio.", "yoga"),
])
def test_an_activity_tried_is_a_session_done(extractor, text, activity):
    assert [(a, s) for a, _, s in found(extractor, text)] == [(activity, "completed")]


def test_an_activity_to_try_is_no_session_done(extractor):
    assert all(s != "completed" for _, _, s in found(extractor, "I'd love to try paddleboarding this summer."))
