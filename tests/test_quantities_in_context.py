"""Durations and distances in context (issue 20): which value is a record's own, read as its activity
makes plausible.  On posts written for the tests, with both models (the record linker), and on the
parser and its look-arounds alone.
"""
from __future__ import annotations

import pytest

from fitpost.components.records.amounts import Plausible, fitting, readings
from fitpost.quantity_parser import parse_quantities
from fitpost.quantity_parser.context import aside, labelled, result_cue
from fitpost.quantity_parser.scanner import lower
from fitpost.schema import Quantity

MILE = 1609.344


@pytest.fixture(params=["blank", "sm"])
def ex(request, blank_extractor):
    if request.param == "blank":
        return blank_extractor
    return request.getfixturevalue("sm_extractor")


def record(ex, text: str, evidence: str):
    """The record of ``text`` whose evidence overlaps ``evidence``."""
    post = ex.extract(text, posted_at="2025-05-04")
    at = text.index(evidence)
    got = [a for a in post.activities if a.evidence.start < at + len(evidence) and at < a.evidence.end]
    assert got, (text, [(a.activity, a.evidence.text) for a in post.activities])
    return got[0]


def seconds(a) -> float | None:
    return a.duration.seconds if a.duration is not None else None


def meters(a) -> float | None:
    return a.distance.meters if a.distance is not None else None


def roles(text: str) -> list[tuple[str, str | None]]:
    """Each distance and duration of ``text`` with its aside role (None: it may be the session's)."""
    low = lower(text)
    return [(q.text, aside(low, q.start, q.end, q.kind)) for q in parse_quantities(text)
            if q.kind in ("distance", "duration") and not q.part]


# --------------------------------------------------------------------------- m:ss, h:mm, h:mm:ss

@pytest.mark.parametrize("text, evidence, expected", [
    ("A 10 km trail run in 1:05 today, lots of mud.", "trail run", 3900),  # 65 s would be 554 km/h
    ("Ran the 100 miles in 22:40, my first hundred.", "Ran", 22 * 3600 + 40 * 60),
    ("Rode 28.37 mi in 1.57.06 this morning.", "Rode", 7026),  # dots
    ("Went for a run this morning, 1:05 all in, legs are toast.", "run", 3900),  # no distance: a session's length
    ("Ran a 5k at the park in 22:30, happy with that.", "Ran", 1350),  # m:ss fits: kept
    ("Walked 44 km in 16 days to raise funds for the food bank.", "Walked", 16 * 86400),  # over days: any low speed
])
def test_a_clock_is_read_as_the_activity_and_distance_make_plausible(ex, text, evidence, expected):
    assert seconds(record(ex, text, evidence)) == pytest.approx(expected)


def test_a_duration_that_fits_in_no_reading_is_not_the_sessions(ex):
    # 10 km in 640 s (56 km/h) or in 10 h 40 min (0.9 km/h): neither is a run
    a = record(ex, "Ran 10 km by the river yesterday and 10:40 was all I had in me.", "Ran")
    assert meters(a) == pytest.approx(10000) and a.duration is None


def test_plausibility_table():
    table = Plausible.load()
    assert table.fits("running", 3900, 10000) and not table.fits("running", 65, 10000)
    assert table.fits("walking", 19 * 86400, 39000)  # a challenge over days has no lowest speed
    assert not table.fits("walking", 2 * 86400, 2_000_000)  # but a highest one
    assert not table.fits("triathlon", 300 * 86400, 113_000)  # and is no longer than the longest session
    assert table.fits("yoga", 3600, None) and not table.fits("running", 30 * 86400 * 12, None)
    assert table.fits("other", 1, None)  # an activity with no entry is not checked
    assert 1 < table.shortest_m <= 25  # two feet are no session, a pool length is


def test_readings_of_a_bare_clock():
    q = Quantity(kind="duration", text="1:05", start=0, end=4, value=65 / 60, unit="min", seconds=65.0)
    assert [r.seconds for r in readings(q)] == [65.0, 3900.0]
    assert fitting(q, "running", 10000).seconds == 3900.0 and fitting(q, "running", 200).seconds == 65.0
    long = Quantity(kind="duration", text="1:05:20", start=0, end=7, value=1.09, unit="h", seconds=3920.0)
    assert readings(long) == [long]  # h:mm:ss is read one way only


@pytest.mark.parametrize("text, span, secs", [
    ("Rode 30.2 mi in 1.49.30 this morning.", "1.49.30", 6570),
    ("Time: 1.57.06", "1.57.06", 7026),
    ("my swim lasted roughly 0hh:37mm:12ss !", "0hh:37mm:12ss", 2232),
    ("I came through in 57:21 for that section", "57:21", 3441),  # no hour of the day
])
def test_parser_reads_dotted_and_labelled_clocks(text, span, secs):
    got = [q for q in parse_quantities(text) if q.kind == "duration"]
    assert [(q.text, q.seconds) for q in got] == [(span, secs)]


@pytest.mark.parametrize("text", [
    "See you on 1.05.12 at the club",  # a date with dots
    "version 1.57.06 is out",
    "my swim lasted roughly 0hh:37mm:12ss",  # and no 37 mm distance
])
def test_dots_need_a_word_of_timing_and_watch_labels_are_no_millimetres(text):
    assert all(q.kind != "distance" for q in parse_quantities(text))
    assert sum(q.kind == "duration" for q in parse_quantities(text)) == ("lasted" in text)


# --------------------------------------------------------------------------- not the session's

@pytest.mark.parametrize("text, evidence", [
    ("Easy 8 km today at 5:10/km.", "8 km"),
    ("I ran 7 miles before work at a 9:05 pace.", "ran"),
    ("Ran 5 miles today, 9:14/mile on average.", "Ran"),
    ("Swam 1,500 m in the pool, 2:26/100m.", "Swam"),
    ("Last night I jogged 9 km nonstop. The average mile time was 11:05, fine by me.", "jogged"),
    ("Ran 12 km this morning with mile splits of 7:30.", "Ran"),
    ("Ran the 10k today, the first 5k in 22 min, then I faded.", "Ran"),
    ("The 80-year-old ran 5 km on Sunday.", "ran"),
    ("Set off on the ride at 6:40 AM and rode 35 km.", "rode"),
    ("Ran 10 km with the club, the marathon is only 26 days away.", "Ran"),
    ("After a week of rain I finally cycled 40 km today.", "cycled"),  # a time spent on something else
])
def test_paces_splits_segments_ages_and_times_of_day_are_no_duration(ex, text, evidence):
    assert record(ex, text, evidence).duration is None


@pytest.mark.parametrize("text, evidence, expected", [
    ("Ran the city 10k today, aiming for 45:00 but finished in 47:12.", "Ran", 2832),
    ("Did the parkrun this morning with a goal of 24:30. Finished in 25:02.", "parkrun", 1502),
    ("My predictor says 35 minutes, but I ran the 10k in 38:10 today.", "ran", 2290),
    ("Ran 5 km round the park, knocking 21 seconds off my best to finish in 23:58.", "Ran", 1438),
    # a start pen's or a pacer's time is the one aimed at
    ("Lined up in the 1:50 pen for the half marathon and crossed the line in 1:52:14.", "half marathon", 6734),
    ("Ran the marathon with the 3:30 pacer for 20 miles, then faded to finish in 3:38:02.", "Ran", 13082),
    # a time in the clause of an aim told before it
    ("The plan was to run 10 km in 50 minutes but I did 52:10.", "run", 3130),
    # a goal for the race or the day it names
    ("Ran the Tarnby Half on Sunday. My goal for the race was 1:45, and I finished in 1:49:20.", "Ran", 6560),
    ("Larkspur Marathon done! Target for the day was 3:30 but I crossed the line in 3:41.", "Marathon", 13260),
])
def test_goal_times_and_improvements_give_way_to_the_time_run(ex, text, evidence, expected):
    assert seconds(record(ex, text, evidence)) == pytest.approx(expected)


@pytest.mark.parametrize("text, evidence", [
    ("Brackenfold 10k tomorrow. Hoping to finish within 50 minutes.", "10k"),
    ("Tamsin Hale is cycling from Tarnby to Larkspur and hopes to finish within 10 days.", "cycling"),
])
def test_a_bound_hoped_for_is_no_duration(ex, text, evidence):
    assert record(ex, text, evidence).duration is None


def test_a_goal_for_race_day_told_beside_a_session_is_no_record_of_its_own(ex):
    post = ex.extract("My goal for race day is 3:15. Long run today, 30 km in 2:48.", posted_at="2025-05-04")
    assert [(a.evidence.text, seconds(a)) for a in post.activities] == [("Long run", 2 * 3600 + 48 * 60)]


@pytest.mark.parametrize("text, evidence, expected", [
    # a plan's exact time right before its activity word is the length of the session planned
    ("Over the summer the plan is to stick to 40 minute runs, then build up.", "runs", 2400),
    ("My aim this week: a 90 minute ride on Saturday.", "ride", 5400),
    # a bound glued to the number is the goal's
    ("My goal is a sub-40 minute 10k this year.", "10k", None),
])
def test_a_plan_s_time_before_its_activity_word_is_the_session_s(ex, text, evidence, expected):
    got = seconds(record(ex, text, evidence))
    assert got == (pytest.approx(expected) if expected else None)


def test_a_time_told_as_the_effort_it_was_is_the_sessions(ex):
    """"hours of hard graft" is the ride's time, where "a week of rain" is time spent on something else."""
    text = "Rode the Larkspur sportive on Sunday. Tough day! 7 hours 40 minutes of hard graft all told."
    assert seconds(record(ex, text, "Rode")) == 7 * 3600 + 40 * 60
    assert seconds(record(ex, "Hot yoga tonight, 60 minutes of sweating.", "yoga")) == 3600


@pytest.mark.parametrize("text, evidence, expected", [
    ("Ran 7 km this evening in my old shoes, which now have 600 miles on them.", "Ran", 7000),
    ("Cycled 42 km today, which brings my total for June to 610 km.", "Cycled", 42000),
    ("Ran 8 km today, 610 km this month.", "Ran", 8000),
    ("52 miles for the week, long run of 18 miles on Sunday.", "long run", 18 * 1609.344),  # a week's volume
    ("Paid $40 for the entry and ran 10 km along the river.", "ran", 10000),
    ("Weighed 82 kg this morning, then ran 6 km.", "ran", 6000),
    ("My weekly mileage is up to 42 miles. Ran 6 miles today.", "Ran", 6 * 1609.344),
])
def test_shoe_mileage_running_totals_prices_and_weights_are_no_distance(ex, text, evidence, expected):
    assert meters(record(ex, text, evidence)) == pytest.approx(expected)


@pytest.mark.parametrize("text, evidence", [
    ("Easy run today in my old shoes, which now have 600 miles on them.", "run"),
    ("My trainers are worn thin after 480 miles, as this morning's run showed.", "run"),
    ("Easy ride today, which brings my total for June to 610 km.", "ride"),
    ("Swam at the lido this morning, 61 km this month.", "Swam"),
    ("Felt good on the ride, even though the first 25 miles dragged.", "ride"),
    ("Decent run before lunch, fell a couple of kilometres short of the plan.", "run"),
    ("Lovely ski trip today, even if staying on two feet was hard.", "ski trip"),  # shorter than any session
])
def test_beside_a_record_with_no_distance_they_give_it_none(ex, text, evidence):
    assert record(ex, text, evidence).distance is None


@pytest.mark.parametrize("text, evidence, climb, walked", [
    ("Hiked 18 km today with 2,700 m of climbing.", "Hiked", 2700, 18000),
    ("We hiked 12 km today, descending 1,090 m to the hut.", "hiked", 1090, 12000),
    ("They trekked for 21 days, covering 280 km and climbing more than 12,000 m.", "trekked", 12000, 280000),
    ("Hiked 14 km to the col, gaining almost 900 m on the way.", "Hiked", 900, 14000),
    ("Skied 32 km today with 2,400 m of descent.", "Skied", 2400, 32000),
    ("Skied 32 km on Tuesday, 2,400 m descent.", "Skied", 2400, 32000),
])
def test_climbing_and_descents_are_elevation(ex, text, evidence, climb, walked):
    a = record(ex, text, evidence)
    assert a.elevation is not None and a.elevation.meters == pytest.approx(climb)
    assert meters(a) == pytest.approx(walked)


def test_the_climbs_of_a_ride_are_its_elevation_not_a_session(ex):
    post = ex.extract("Rode the Larkspur sportive on Sunday, 100 miles in all. I had not reckoned with "
                      "the hills: 2,100m of climbs over the hundred miles!")
    assert [(a.activity, a.distance.text if a.distance else None) for a in post.activities] == [
        ("cycling", "100 miles")]


@pytest.mark.parametrize("text, expected", [
    ("aiming for 1:45 but finished in 1:49:12", [("1:45", "goal"), ("1:49:12", None)]),
    ("to go under 39 minutes", [("39 minutes", "goal")]),
    ("halfway in 1:38, firmly on track for 3:15", [("1:38", "split"), ("3:15", "goal")]),
    ("well on course for a 1:52 half", [("1:52", "goal")]),
    ("the goal was sub-1:45, then 1:48:32 on the day", [("1:45", "goal"), ("1:48:32", None)]),
    ("this race gets me a place in the spring race if I finish it within 52 mins", [("52 mins", "goal")]),
    ("That is a 4 minute PR", [("4 minute", "difference")]),
    ("we fell a couple of kilometres short", [("a couple of kilometres", "difference")]),
    ("instead of 6 km, they both did 9 km", [("6 km", "difference"), ("9 km", None)]),
    ("the average mile time was 11:05", [("11:05", "split")]),
    ("I set off gently (7:52 for mile 1)", [("7:52", "split")]),
    ("then 3:58 for the last km", [("3:58", "split")]),
    ("a sip of water every 10 minutes", [("10 minutes", "period")]),
    ("2 hours into the race", [("2 hours", "period")]),
    ("these runs the past 3 weeks", [("3 weeks", "period")]),
    ("two weeks before the race", [("two weeks", "period")]),
    ("ran for 40 minutes before breakfast", [("40 minutes", None)]),  # a time of day after "before"
    ("yoga for 20 minutes before bed", [("20 minutes", None)]),
    ("after roughly 7 km, we still felt fresh", [("7 km", "segment")]),
    ("10 km into the run", [("10 km", "segment")]),
    ("the first 5k in 22 min", [("5k", "segment"), ("22 min", None)]),  # the time: see set_aside
    ("last spring's total of 64 miles", [("64 miles", "total")]),
    ("cycle 80 miles a week", [("80 miles", "total")]),
    ("swam 12 hours last month", [("12 hours", "total")]),
    ("cycled 1,200 km in nine days last month", [("1,200 km", None), ("nine days", None)]),  # what it took
    ("my trainers are worn thin after 480 miles", [("480 miles", "segment")]),
    ("my shoes have 600 miles", [("600 miles", "gear")]),
    ("Wore my new shoes and ran 10 km", [("10 km", None)]),
    ("I ran 10 km in 45 minutes", [("10 km", None), ("45 minutes", None)]),
    ("Day 3 Alston to Hexham 45 miles\nShort day, easy ride", [("45 miles", None)]),  # not across lines
    # the time of each repeat of a set
    ("10 x 100 m on 1:50 with 2,500 m in all", [("10 x 100 m", None), ("1:50", "split"), ("2,500 m", None)]),
    ("8x400m in 1:32", [("8x400m", None), ("1:32", "split")]),
    ("4 x 500 m averaging 1:48", [("4 x 500 m", None), ("1:48", "split")]),
    ("swam 400 m in 6:40", [("400 m", None), ("6:40", None)]),  # one distance, no set
])
def test_aside_roles(text, expected):
    assert roles(text) == expected


def test_a_time_of_an_activity_is_its_duration(ex):
    assert seconds(record(ex, "Did an hour of hard riding in the hills.", "riding")) == 3600
    assert seconds(record(ex, "Two hours of yoga on the terrace this morning.", "yoga")) == 7200


def test_a_time_before_a_time_of_day_is_the_sessions(ex):
    assert seconds(record(ex, "Ran for 40 minutes before breakfast.", "Ran")) == 2400
    assert seconds(record(ex, "I do yoga for 20 minutes before bed.", "yoga")) == 1200


def test_a_repeats_time_is_not_the_sessions_duration(ex):
    swim = record(ex, "Swim: 2,500 m, including 10 x 100 m on 1:50.", "Swim")
    assert (meters(swim), swim.duration) == (pytest.approx(2500), None)


def test_a_segment_or_total_next_to_its_activity_word_is_its_own(ex):
    assert meters(record(ex, "Feeling great after the 20 km ride with the club.", "ride")) == pytest.approx(20000)
    text = "Now on the last day: before cycling the last 100 km to the coast, he went for a run."
    assert meters(record(ex, text, "cycling")) == pytest.approx(100000)
    text = "New year goal: I am going to cycle 5,000 km this year."
    assert meters(record(ex, text, "cycle")) == pytest.approx(5_000_000)


# --------------------------------------------------------------------------- totals, days, bounds

def test_a_multi_day_effort_carries_the_total_and_a_streak_the_day(ex):
    a = record(ex, "Walked 120 km over 5 days along the coast path.", "Walked")
    assert meters(a) == pytest.approx(120000) and seconds(a) == pytest.approx(5 * 86400)
    a = record(ex, "Ran 5 km a day for 30 days straight.", "Ran")
    assert meters(a) == pytest.approx(5000) and a.repetition.times == 30 and a.duration is None


@pytest.mark.parametrize("text, evidence, expected", [
    ("Hiked over 30 miles through the park yesterday.", "Hiked", 30 * MILE),
    ("Ran 3+ km this morning before work.", "Ran", 3000),
    ("Bit of a walk later, 2+ miles with the dog.", "walk", 2 * MILE),
])
def test_a_lower_bound_scores_the_bound(ex, text, evidence, expected):
    a = record(ex, text, evidence)
    assert meters(a) == pytest.approx(expected) and a.distance.approximate


# --------------------------------------------------------------------------- log lines and results

@pytest.mark.parametrize("text, evidence, dist, secs", [
    ("Sunday ride done.\nDistance: 42.5 km\nTime: 1:39:59", "ride", 42500, 5999),
    ("Long walk along the river today.\nRT Time: 2 hours 50 min.", "walk", None, 10200),
    ("Finished the Riverside Marathon today. Final time 4:12:40.", "Marathon", 42195, 15160),
    ("Ran my first 10k this morning! We did it in 58:40.", "Ran", 10000, 3520),
    ("Swim\n- Distance\n- 400m\n- Time\n- 9:45 (2:26/100m)\nThe race started late.", "Swim", 400, 585),
])
def test_a_result_line_belongs_to_the_record_of_its_block(ex, text, evidence, dist, secs):
    a = record(ex, text, evidence)
    assert meters(a) == (pytest.approx(dist) if dist else None) and seconds(a) == pytest.approx(secs)


def test_an_amount_right_after_a_session_noun_is_its_own_not_a_total_before_it(ex):
    a = record(ex, "Week 3 of the plan: 45 miles total, long run 18 miles on Sunday.", "long run")
    assert meters(a) == pytest.approx(18 * MILE)


def test_an_exact_time_on_a_line_after_a_bound_beaten_is_the_time(ex):
    a = record(ex, "Finally broke 25 minutes at parkrun! 24:52 this morning.", "parkrun")
    assert seconds(a) == pytest.approx(24 * 60 + 52)
    a = record(ex, "Ran 5 km in 26:30. 24:52 was my best, years ago.", "Ran")  # another day's time
    assert seconds(a) == pytest.approx(26 * 60 + 30)


def test_the_goal_in_a_programme_s_name_is_no_session_s_distance(ex):
    a = record(ex, "Couch to 5K week 5 run 3 done! Twenty minutes without stopping.", "week 5 run 3")
    assert a.distance is None and seconds(a) == pytest.approx(20 * 60)
    assert meters(record(ex, "Finished C25K today with a 5k run in 31:20.", "5k run")) == pytest.approx(5000)


def test_the_race_trained_for_is_no_session_s_distance(ex):
    post = ex.extract("Week 6 of marathon training. 18 km today, legs felt heavy at the end.")
    assert [(a.activity, a.distance.meters if a.distance else None) for a in post.activities] == \
        [("running", pytest.approx(18000))]


def test_a_result_goes_to_the_race_alone_not_to_a_walk_told_in_it_too(ex):
    text = ("Race report: Larkspur Trail Marathon\n\nI went in with low hopes. The big climb at mile 9 hurt, "
            "and I walked a few sections. I crossed the line in 3:52:30.")
    post = ex.extract(text)
    assert [(a.activity, a.duration.seconds if a.duration else None) for a in post.activities
            if a.duration] == [("running", 3 * 3600 + 52 * 60 + 30)]
    a = record(ex, "Tamsin and I jogged a 10k loop today. We finished in 58:20 (plus a few seconds at the "
                   "lights). Lovely.", "jogged")
    assert seconds(a) == pytest.approx(58 * 60 + 20)


def test_a_result_told_after_a_triathlon_s_legs_is_the_whole_race_s(ex):
    post = ex.extract("Ottilie's first triathlon: 400m swim, 15km bike, 3km run. She finished in 1:05!")
    assert [(a.activity, a.duration.seconds if a.duration else None) for a in post.activities] == [
        ("triathlon", 3900), ("swimming", None), ("cycling", None), ("running", None)]


def test_a_race_result_told_far_on_is_the_race_told_last(ex):
    text = ("Rhodri talked me into the Larkspur Harbour 10k and I entered. The route hugs the canal. "
            "Parking was easy. The club laid on tea in the hall. The field was small. Nobody elbowed anyone. "
            "I kept my head down. Chip time 48:10, a new PR.")
    assert seconds(record(ex, text, "Larkspur Harbour 10k")) == pytest.approx(48 * 60 + 10)
    # a session told in between keeps the result from the race
    text = ("I ran the Larkspur Harbour 10k on Sunday. The route hugs the canal. Parking was easy. "
            "The club laid on tea in the hall. The field was small. On Monday I swam 1 km with Rhodri. "
            "Nobody elbowed anyone. Chip time 48:10.")
    assert seconds(record(ex, text, "ran")) is None



def test_a_segment_time_on_the_race_leaves_room_for_its_result(ex):
    # "first 5k in 21:30" fits no reading as the half marathon's time: the finish told after is its result,
    # though a race told later (a plan) follows
    text = ("Brackenfold Half Marathon race report: went out too fast, first 5k in 21:30, then died around "
            "mile 9. Finished in 1:39:12, chip time. Next up: the Larkspur Marathon in October!")
    assert seconds(record(ex, text, "Brackenfold Half Marathon")) == pytest.approx(3600 + 39 * 60 + 12)


@pytest.mark.parametrize("text, legs", [
    ("Grand day by the reservoir!\nSwim: 1.2 miles in 38:05\nBike: 56 miles in 3:12:30\n"
     "Run: 13.1 miles in 2:01:44",
     [("Swim", 1.2 * MILE, 2285), ("Bike", 56 * MILE, 11550), ("Run", 13.1 * MILE, 7304)]),
    ("Training log, Monday\nBike 45 min - 20km\nRun 30 min - 6km", [("Bike", 20000, 2700), ("Run", 6000, 1800)]),
])
def test_on_lines_of_a_log_each_value_stays_with_its_line(ex, text, legs):
    for evidence, dist, secs in legs:
        a = record(ex, text, evidence)
        assert (meters(a), seconds(a)) == (pytest.approx(dist), pytest.approx(secs)), evidence


@pytest.mark.parametrize("text, span, result, label", [
    ("we did it in 58:40", "58:40", True, False),
    ("her course time was 3 hours 58 minutes", "3 hours 58 minutes", True, False),
    ("saw 41:07 on the Garmin", "41:07", True, False),
    ("Distance: 28.37 mi\nTime: 1:57:06", "1:57:06", True, True),
    ("- Time\n- 10:23", "10:23", True, True),
    ("I intend to do the next one in 1:50", "1:50", False, False),
    ("She has been coaching for 3 months", "3 months", False, False),
])
def test_result_cues_and_labels(text, span, result, label):
    low, start = lower(text), text.index(span)
    assert result_cue(low, start, start + len(span)) is result
    assert labelled(text, start) is label


def test_a_race_name_implies_its_length_only_as_whole_words(ex):
    """"an ultramarathon" has no fixed length: the marathon in its name is none of it"""
    assert record(ex, "Ottilie ran her first ultramarathon last month.", "ran").distance is None
    assert meters(record(ex, "Rhodri has run three full marathons since 2019.", "run")) == pytest.approx(42195)


def test_a_daily_average_after_a_journey_is_no_session_of_its_own(ex):
    post = ex.extract("Ottilie cycled 1,400 km along the coast in nine days. She averaged 155 km a day.")
    assert [(a.activity, a.distance.meters) for a in post.activities] == [("cycling", 1_400_000)]


def test_a_result_after_a_walk_inside_a_race_is_the_races(ex):
    text = ("Brackenfold Marathon 2026 - Race Report\n\nThe alarm went at 5am. I tucked in behind the pacer. "
            "The first half went by to plan. Around mile 20 my legs went and I had to walk through two water "
            "stations. I crossed the line in 3:36:12, still a best by six minutes.")
    post = ex.extract(text)
    assert [(a.activity, seconds(a)) for a in post.activities if a.activity == "running"] == [("running", 12972)]
    assert all(seconds(a) is None for a in post.activities if a.activity == "walking")


def test_mileage_as_a_log_lines_label_is_the_sessions_distance(ex):
    """"Mileage:" labelling a line of a session's log is its distance; "my mileage", "weekly mileage" a total."""
    assert meters(record(ex, "Easy run\nMileage: 6.2 miles\nTime: 58:10", "run")) == pytest.approx(6.2 * 1609.344)


def test_the_length_of_a_layoff_is_no_session_s_time(ex):
    post = ex.extract("After a 6 month injury layoff I finally ran again today! Only 2 km.", posted_at="2025-05-04")
    assert [(a.distance.meters, a.duration) for a in post.activities] == [(2000.0, None)]
