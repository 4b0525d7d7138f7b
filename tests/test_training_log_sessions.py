"""Sessions of a training log told by their amount and a word of the trade (issue 19): a "spin" with
its time or distance is a ride, a time before "recovery" and an activity word is a recovery session's
own, and a log whose bare distances name no activity reads a bike named once as one cycling.  Posts
written for these tests; each runs on blank English and on the statistical pipeline."""
from __future__ import annotations


def sessions(extractor, text: str) -> list[tuple]:
    post = extractor.extract(text, posted_at="2025-06-16")
    return [(a.activity, a.distance and a.distance.meters, a.duration and a.duration.seconds) for a in post.activities]


def test_a_spin_with_its_time_or_distance_is_a_ride(extractor):
    assert sessions(extractor, "Easy spin, 45 min. Legs needed it.") == [("cycling", None, 2700.0)]
    assert sessions(extractor, "An easy 30 km morning spin with Rhodri.") == [("cycling", 30000.0, None)]


def test_a_spin_without_an_amount_is_no_session(extractor):
    assert sessions(extractor, "Took the new car for a spin this morning.") == []


def test_words_of_the_session_may_stand_between_the_amount_and_the_spin(extractor):
    assert sessions(extractor, "Sun 45 min recovery spin on the bike.") == [("cycling", None, 2700.0)]


def test_a_time_before_recovery_and_an_activity_is_that_session_s_time(extractor):
    assert sessions(extractor, "45 min recovery run along the canal.") == [("running", None, 2700.0)]
    assert sessions(extractor, "Did a 50 min recovery ride after yesterday's race.") == [("cycling", None, 3000.0)]


def test_the_rest_between_repeats_is_still_no_session_time(extractor):
    got = sessions(extractor, "Track night: 8 x 400 m with 90 s recovery jog.")
    assert got == [("running", 3200.0, None)]


def test_a_bike_named_once_leaves_a_running_log_s_bare_distances_runs(extractor):
    got = sessions(extractor, "Week 9 recap: Mon rest. Tue 6 km easy. Thu 8 km steady. Sat 18 km long run. "
                              "Sun 45 min on the bike.")
    assert got[:3] == [("running", 6000.0, None), ("running", 8000.0, None), ("running", 18000.0, None)], got
    assert got[3][0] == "cycling" and got[3][2] == 2700.0, got


def test_an_activity_named_twice_in_one_sentence_counts_once_for_the_log(extractor):
    got = sessions(extractor, "Tue 10 km easy. Thu 12 km steady. Sat 20 km long run. "
                              "Sun 60 min easy spin on the bike, legs felt heavy.")
    assert [a for a, _, _ in got] == ["running", "running", "running", "cycling"], got


def test_a_day_of_a_log_with_repeats_and_no_unit_is_a_track_session(extractor):
    got = sessions(extractor, "Mon rest. Wed 8x400 at 5k pace. Sat 16 km long run.")
    assert got[0] == ("running", 3200.0, None), got


def test_repeats_off_a_rest_are_no_margin(extractor):
    """"off" after a set of repeats tells the rest between them, not a margin taken off a best"""
    assert sessions(extractor, "Track session tonight: 10 x 400 m off 60s rest.") == [("running", 4000.0, None)]


def test_hill_reps_and_track_sessions_are_run_unless_the_text_rides(extractor):
    assert sessions(extractor, "Hill reps today, 8 x 90 seconds up Tarnby Brow.") == [("running", None, 720.0)]
    assert sessions(extractor, "Track session tonight: 6 x 800 m at 10k pace.") == [("running", 4800.0, None)]
    got = sessions(extractor, "Great ride with the club, 60 km. Tomorrow hill repeats, 5 x 4 min.")
    assert got == [("cycling", 60000.0, None), ("cycling", None, 1200.0)], got
    got = sessions(extractor, "Swam 2 km. Then hill sprints, 6 x 20 seconds.")
    assert got == [("swimming", 2000.0, None), ("running", None, 120.0)], got


def test_strides_tell_a_running_log(extractor):
    got = sessions(extractor, "Thu 8 km with strides. Sat 30 km on the bike. Sun 10 km easy.")
    assert [a for a, _, _ in got] == ["running", "cycling", "running"], got


def test_a_distance_on_another_day_is_not_lent_to_the_session_before(extractor):
    post = extractor.extract("Sat 14 km long run. Sun 45 min on the bike. Mon 10 km easy.", posted_at="2025-06-17")
    got = [(a.activity, a.distance and a.distance.meters, a.duration and a.duration.seconds, str(a.date.value))
           for a in post.activities]
    assert got[1:] == [("cycling", None, 2700.0, "2025-06-15"), ("running", 10000.0, None, "2025-06-16")], got


def test_a_distance_on_the_same_day_is_still_lent(extractor):
    got = sessions(extractor, "First ride on the new bike this morning! 25 km with Tamsin.")
    assert got == [("cycling", 25000.0, None)], got


def test_a_session_s_kind_before_a_word_makes_it_a_noun(extractor):
    """"long ride" after a day is a log's session, not a routine told in the present tense"""
    post = extractor.extract("Sat long ride 80 km. Sun 40 km recovery.", posted_at="2025-06-16")
    got = [(a.activity, a.status, a.distance.meters, str(a.date.value)) for a in post.activities]
    assert got == [("cycling", "completed", 80000.0, "2025-06-14"), ("cycling", "completed", 40000.0, "2025-06-15")]


def test_repeats_shorter_than_the_session_before_are_its_own(extractor):
    post = extractor.extract("Rest day today. Tomorrow: 12 km with 4 x 1 mile at threshold.", posted_at="2025-06-16")
    assert [(a.activity, a.status, a.distance.meters) for a in post.activities] == [("running", "planned", 12000.0)]
    got = sessions(extractor, "Pool session done. 3.2k total. Main set 8 x 200 pull.")
    assert got == [("swimming", 3200.0, None)], got


def test_a_tempo_with_its_amount_is_a_run_unless_the_text_rides(extractor):
    assert sessions(extractor, "6 mile tempo before work, legs felt good.") == [("running", 6 * 1609.344, None)]
    assert sessions(extractor, "Tempo on the turbo tonight: 45 min at threshold.") == [("cycling", None, 2700.0)]


def test_the_tempo_of_a_thing_is_no_session(extractor):
    assert sessions(extractor, "Loved the tempo of the new album.") == []


def test_a_shorter_distance_with_the_session_is_a_part_of_it(extractor):
    assert sessions(extractor, "Thursday: 11 km with 3 km at tempo in the middle.") == [("running", 11000.0, None)]
    assert sessions(extractor, "Sat 16 km including 2 km of hill repeats.") == [("running", 16000.0, None)]


def test_a_distance_with_someone_after_the_session_is_a_session_of_its_own(extractor):
    # the cue joins a distance shorter than the one before only when the distance follows it right away
    got = sessions(extractor, "Monday: 12 km with the club, 5 km more on my own in the evening.")
    assert [m for _, m, _ in got] == [12000.0, 5000.0], got


def test_repeats_on_another_day_are_a_session(extractor):
    got = sessions(extractor, "Ran 5 km on Monday. Tuesday 6 x 400 m on the track.")
    assert got == [("running", 5000.0, None), ("running", 2400.0, None)], got


def test_timed_repeats_opening_a_line_are_an_interval_session(extractor):
    assert sessions(extractor, "6 x 3 min hard, 2 min recovery jog between.") == [("running", None, 1080.0)]
    assert sessions(extractor, "4 x 8 min at tempo, 2 min easy. Felt strong.") == [("running", None, 1920.0)]


def test_long_or_labelled_times_are_no_interval_session(extractor):
    assert sessions(extractor, "2 x 4 hours of sleep, broken night.") == []
    assert sessions(extractor, "Screen time: 2 x 30 min. Too much.") == []


def test_a_distance_gone_out_for_is_a_session_with_the_company_before_it(extractor):
    post = extractor.extract("Met up with Tamsin and Jonas at the track for an easy 5 km.", posted_at="2025-06-16")
    got = [(a.activity, a.distance.meters, [p.name for p in a.participants]) for a in post.activities]
    assert got == [("running", 5000.0, ["Tamsin", "Jonas"])], got
    assert sessions(extractor, "Headed out for a quick 10k before the rain.") == [("running", 10000.0, None)]


def test_a_distance_that_measures_a_thing_is_no_session(extractor):
    assert sessions(extractor, "The road was closed for a 2 km stretch.") == []


def test_a_lift_is_no_ski_lift(extractor):
    assert sessions(extractor, "Thanks to Ottilie for the lift. 12 km this morning.") == [("running", 12000.0, None)]


def test_legs_before_their_amounts_are_sessions(extractor):
    got = sessions(extractor, "Swim 1.5k, bike 40k, run 10k. Brick day done.")
    assert got == [("swimming", 1500.0, None), ("cycling", 40000.0, None), ("running", 10000.0, None)], got


def test_a_time_of_strength_work_is_its_own(extractor):
    """"45 min strength" is a strength session's time, not lent to the run before it"""
    got = sessions(extractor, "Easy 10 km run this morning. PM: 45 min strength.")
    assert got == [("running", 10000.0, None), ("strength_training", None, 2700.0)], got


def test_a_stage_log_of_camps_is_a_hike(extractor):
    text = ("Day 3: Tarnby to Larkspur. 22 km. Long day but the views were worth it. Camped by the tarn.\n"
            "Day 4: Larkspur to Marlow Vale. Only 14 km today, legs are grateful.")
    assert [a for a, _, _ in sessions(extractor, text)] == ["hiking", "hiking"]
    text = "Day 2 of the tour: 95 km from Tarnby to Larkspur on the bike. Camped by the river."
    assert [a for a, _, _ in sessions(extractor, text)] == ["cycling"]


def test_the_bare_numbers_of_a_week_s_log_are_its_days_distances(extractor):
    # the unit is the one the log gave first; each day its own session, on its own day
    post = extractor.extract("Week 12 done. Mon rest, Tue 8 miles easy, Thu 5 recovery, Sat 18 long.",
                             posted_at="2025-06-16")  # a Monday
    assert [(a.activity, a.distance.value, a.distance.unit, str(a.date.value)) for a in post.activities] == [
        ("running", 8.0, "mi", "2025-06-10"), ("running", 5.0, "mi", "2025-06-12"),
        ("running", 18.0, "mi", "2025-06-14")]


def test_an_app_s_summary_is_one_session_its_climb_no_second_one(extractor):
    assert sessions(extractor, "Morning Ride\n32.4 km  1:12:05  410 m") == [("cycling", 32400.0, 4325.0)]


def test_a_swim_set_s_total_is_the_session_s_distance(extractor):
    text = "Swim set today:\n400 warm up\n8 x 100 on 1:50\n4 x 50 kick\n200 cool down\n1600 total"
    assert sessions(extractor, text) == [("swimming", 1600.0, None)]
