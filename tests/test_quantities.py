"""parse_quantities: every normalisation, on sentences written like fitness captions."""
from __future__ import annotations

import math

import pytest

from fitpost.quantity_parser import parse_quantities
from fitpost.quantity_parser.context import WordsBefore, left_words

MILE = 1609.344


def whole(text: str, kind: str | None = None):
    """The quantities of ``text`` (whole ones, not the parts of a compound), of ``kind`` if given."""
    return [q for q in parse_quantities(text) if not q.part and (kind is None or q.kind == kind)]


def one(text: str, kind: str):
    got = whole(text, kind)
    assert len(got) == 1, (text, got)
    return got[0]


def close(a, b):
    return a is not None and math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-6)


# --------------------------------------------------------------------------- distances

@pytest.mark.parametrize("text, span, meters, value, unit", [
    ("Easy 12.84 km shakeout before work", "12.84 km", 12840, 12.84, "km"),
    ("2,450km ridden since January!", "2,450km", 2_450_000, 2450, "km"),
    ("then a .8 mile cooldown walk", ".8 mile", 0.8 * MILE, 0.8, "mi"),
    ("thirty kilometres on the canal towpath", "thirty kilometres", 30_000, 30, "km"),
    ("a mile and a quarter to the finish arch", "a mile and a quarter", 1.25 * MILE, 1.25, "mi"),
    ("half a mile of soft sand at the end", "half a mile", 0.5 * MILE, 0.5, "mi"),
    ("club night: 5 K tempo", "5 K", 5000, 5, "km"),
    ("420km on the odometer", "420km", 420_000, 420, "km"),
    ("14 kms before breakfast", "14 kms", 14_000, 14, "km"),
    ("six kilometers of trail", "six kilometers", 6000, 6, "km"),
    ("swam 1,900 metres in the lake", "1,900 metres", 1900, 1900, "m"),
    ("400 meters of strides", "400 meters", 400, 400, "m"),
    ("did 8 mi recovery", "8 mi", 8 * MILE, 8, "mi"),
    ("paddled 3 nautical miles out", "3 nautical miles", 3 * 1852, 3, "nmi"),
    ("sprinted the last 100 yards", "100 yards", 91.44, 100, "yd"),
    ("crawled 30 feet under the net", "30 feet", 9.144, 30, "ft"),
    ("a 200-mile ride across the moors", "200-mile", 200 * MILE, 200, "mi"),
    ("my first 30-miler on the fells", "30-miler", 30 * MILE, 30, "mi"),
    ("a six-mile trip round the reservoir", "six-mile", 6 * MILE, 6, "mi"),
    ("5 easy miles with the dog", "5 easy miles", 5 * MILE, 5, "mi"),
    ("2.5km warm-up", "2.5km", 2500, 2.5, "km"),
    ("two and a half miles to the summit cafe", "two and a half miles", 2.5 * MILE, 2.5, "mi"),
    ("21,5 km in the rain", "21,5 km", 21_500, 21.5, "km"),
    ("10 1/2 miles of coast path", "10 1/2 miles", 10.5 * MILE, 10.5, "mi"),
    ("a 1,500 kilometre tour", "1,500 kilometre", 1_500_000, 1500, "km"),
])
def test_distance(text, span, meters, value, unit):
    q = one(text, "distance")
    assert q.text == span and text[q.start:q.end] == span
    assert close(q.meters, meters) and close(q.value, value) and q.unit == unit


def test_compound_distance_is_one_quantity_with_its_parts_flagged():
    qs = parse_quantities("Made it: 21 km and 97 metres!")
    whole_ = [q for q in qs if not q.part]
    assert [(q.text, q.meters) for q in whole_] == [("21 km and 97 metres", 21097.0)]
    assert [(q.text, q.meters) for q in qs if q.part] == [("21 km", 21000.0), ("97 metres", 97.0)]


@pytest.mark.parametrize("text, span, lo, hi", [
    ("Planning 12-15 km tomorrow", "12-15 km", 12_000, 15_000),
    ("somewhere around 20 – 40km a week", "20 – 40km", 20_000, 40_000),
    ("a 4- or 5-mile loop from the pub", "4- or 5-mile", 4 * MILE, 5 * MILE),
    ("anywhere from 8 to 14 miles on Sundays", "8 to 14 miles", 8 * MILE, 14 * MILE),
    ("between 8 and 10 km most days", "8 and 10 km", 8000, 10_000),
    ("5km-10km depending on the weather", "5km-10km", 5000, 10_000),
])
def test_distance_range_keeps_both_ends_and_reads_the_upper(text, span, lo, hi):
    q = one(text, "distance")
    assert q.text == span
    assert close(q.min, lo) and close(q.max, hi) and close(q.meters, hi) and q.approximate


@pytest.mark.parametrize("text, kind, span, lo, hi", [
    ("she treks for six-seven hours a day", "duration", "six-seven hours", 6 * 3600, 7 * 3600),
    ("a ten-twelve km loop", "distance", "ten-twelve km", 10_000, 12_000),
])
def test_two_number_words_joined_by_a_hyphen_are_a_range(text, kind, span, lo, hi):
    (q,) = whole(text, kind)
    assert q.text == span and close(q.min, lo) and close(q.max, hi) and q.approximate


def test_number_words_joined_by_a_hyphen_are_one_number_where_they_make_one():
    assert [(q.text, q.value, q.min) for q in whole("ran twenty-two km", "distance")] == [("twenty-two km", 22.0, None)]
    assert whole("nine-eight km", "distance") == []  # no range runs downhill


def test_a_number_before_a_comma_and_white_space_takes_no_unit_after_them():
    # a list of numbers: each is read with its own unit, none with the unit of the next one
    assert [(q.text, q.value, q.unit) for q in parse_quantities("did 5, 10 km and 3,  4 min then 1,500 m")] == [
        ("10 km", 10.0, "km"), ("4 min", 4.0, "min"), ("1,500 m", 1500.0, "m")]
    assert [(q.text, q.kind) for q in parse_quantities("splits 4:10, 4:05, 3 x 2 km")] == [
        ("4:10", "duration"), ("4:05", "duration"), ("3 x 2 km", "distance")]


def test_a_range_needs_between_for_and_and_a_label_is_not_its_low_end():
    assert [q.text for q in whole("ran 1 and 2 km", "distance")] == ["2 km"]
    assert [q.text for q in whole("Day 2 - 20km done", "distance")] == ["20km"]


@pytest.mark.parametrize("text, span, meters", [
    ("Ran a half marathon with my sister", "half marathon", 21_097.5),
    ("half-marathon PB!", "half-marathon", 21_097.5),
    ("my first marathon is in April", "marathon", 42_195),
    ("signed up for a full marathon", "full marathon", 42_195),
    ("Ironman done!!", "Ironman", 226_000),
    ("racing a 70.3 in June", "70.3", 113_000),
    ("Ironman 70.3 next month", "Ironman 70.3", 113_000),
    ("my first Olympic triathlon", "Olympic triathlon", 51_500),
    ("a sprint triathlon by the lake", "sprint triathlon", 25_750),
    ("Saturday parkrun with the kids", "parkrun", 5000),
    ("a 100-miler in the desert", "100-miler", 100 * MILE),
    ("signed up for a 50k", "50k", 50_000),
    ("10K race on Sunday", "10K", 10_000),
    ("26.2 done!", "26.2", 26.2 * MILE),
    ("a metric century on the tandem", "metric century", 100_000),
    ("finally finished my Ice Mile", "Ice Mile", MILE),
    ("an ice km in the quarry", "ice km", 1000),
])
def test_race_names_have_their_fixed_length(text, span, meters):
    q = one(text, "distance")
    assert q.text == span and close(q.meters, meters)


def test_races_of_no_fixed_length_and_figurative_marathons_are_not_distances():
    assert whole("an ultra in the mountains", "distance") == []
    assert whole("a Netflix marathon on the sofa", "distance") == []
    assert whole("an ultra marathon", "distance") == []
    assert [q.text for q in whole("a sub-3 marathon", "distance")] == ["marathon"]


# --------------------------------------------------------------------------- durations

@pytest.mark.parametrize("text, span, seconds", [
    ("Long ride: 1h52m moving", "1h52m", 6720),
    ("finished in 2:03:17 chip time", "2:03:17", 7397),
    ("10k in 45:12, new PB", "45:12", 2712),
    ("3 hours, 12 minutes, 40 seconds on the turbo", "3 hours, 12 minutes, 40 seconds", 11_560),
    ("6 days, 4 hours and 10 minutes for the whole traverse", "6 days, 4 hours and 10 minutes", 533_400),
    ("half an hour of mobility work", "half an hour", 1800),
    ("two and a half hours on the trail", "two and a half hours", 9000),
    ("a 35-minute tempo", "35-minute", 2100),
    ("11 hrs on the bike", "11 hrs", 39_600),
    ("75 mins in the pool", "75 mins", 4500),
    ("9.5 hours of hiking", "9.5 hours", 34_200),
    ("the crossing took 3 days", "3 days", 259_200),
    ("420 km in 8 days", "8 days", 691_200),
    ("1 hour thirty on the rower", "1 hour thirty", 5400),
    ("an hour and a half of climbing", "an hour and a half", 5400),
    ("45min easy spin", "45min", 2700),
    ("2h30 in the saddle", "2h30", 9000),
    ("1 hr 52 min", "1 hr 52 min", 6720),
    ("3h 12m 40s total", "3h 12m 40s", 11_560),
    ("plank for 90 sec", "90 sec", 90),
    ("5 and a half minutes of burpees", "5 and a half minutes", 330),
    ("a quarter of an hour of stretching", "a quarter of an hour", 900),
    ("hiked all day", "all day", 86_400),
    ("for a fortnight in the Alps", "a fortnight", 1_209_600),
    ("yoga for 20 minutes", "20 minutes", 1200),
    ("a 2-3 hour hike", "2-3 hour", 10_800),
])
def test_duration(text, span, seconds):
    q = one(text, "duration")
    assert q.text == span and text[q.start:q.end] == span
    assert close(q.seconds, seconds)


def test_a_short_clock_is_hours_and_minutes_only_beside_a_long_race():
    assert close(one("Half marathon in 1:52 today", "duration").seconds, 6720)
    assert close(one("mile repeat in 6:05", "duration").seconds, 365)
    assert close(one("finished in 1:45 hrs", "duration").seconds, 6300)


def test_compound_duration_parts():
    qs = parse_quantities("3 hours, 12 minutes, 40 seconds")
    assert [q.seconds for q in qs if q.part] == [10_800, 720, 40]


# --------------------------------------------------------------------------- counts

@pytest.mark.parametrize("text, span, value, unit", [
    ("30 Suryanamaskars before sunrise", "30 Suryanamaskars", 30, "sun_salutation"),
    ("54 rounds of sun salutations", "54 rounds of sun salutations", 54, "sun_salutation"),
    ("40 push-ups every hour", "40 push-ups", 40, "push_up"),
    ("12,000 steps today", "12,000 steps", 12_000, "step"),
    ("10k steps before lunch", "10k steps", 10_000, "step"),
    ("100 burpees to finish", "100 burpees", 100, "burpee"),
    ("a dozen pull-ups", "a dozen pull-ups", 12, "pull_up"),
    ("twenty lunges each leg", "twenty lunges", 20, "lunge"),
    ("swam 40 lengths", "40 lengths", 40, "length"),
    ("25 laps of the track", "25 laps", 25, "lap"),
    ("5 rounds of the circuit", "5 rounds", 5, "round"),
    ("4 sets of pull-ups", "4 sets", 4, "set"),  # sets of an exercise with no reps told: no count of the exercise
    ("100 reps", "100 reps", 100, "rep"),
    ("ran 3 marathons this year", "3 marathons", 3, "marathon"),
    ("1 lakh steps in a week", "1 lakh steps", 100_000, "step"),
])
def test_count(text, span, value, unit):
    q = one(text, "count")
    assert q.text == span and close(q.value, value) and q.unit == unit


@pytest.mark.parametrize("text, value, sets, reps, unit", [
    ("3x10 squats", 30, 3, 10, "squat"),
    ("4 sets, 12 reps", 48, 4, 12, "rep"),
    ("3 sets of 15 push-ups", 45, 3, 15, "push_up"),
    ("5 x 20 sit-ups", 100, 5, 20, "sit_up"),
])
def test_sets_and_reps(text, value, sets, reps, unit):
    q = one(text, "count")
    assert close(q.value, value) and (q.sets, q.reps, q.unit) == (sets, reps, unit)


def test_a_number_before_an_ordinary_noun_is_not_a_count():
    assert whole("ran with 3 kids and 2 dogs") == []


def test_round_before_what_it_goes_round_is_no_count():
    q = one("Lunch run: 6k round the park.", "distance")
    assert (q.value, q.unit) == (6, "km")
    assert whole("did 5 round the block") == []
    assert [q.value for q in whole("3 rounds of 20 squats", "count")] == [3, 20]


def test_intervals_read_as_total_distance_and_duration():
    q = one("8 x 400m on the track", "distance")
    assert close(q.meters, 3200) and q.times == 8
    q = one("5x3 min at threshold", "duration")
    assert close(q.seconds, 900) and q.times == 5
    # seconds glued to the number, as interval sessions write them
    q = one("8 x 90s up the hill", "duration")
    assert close(q.seconds, 720) and q.times == 8 and q.text == "8 x 90s"
    q = one("did 10x30s strides", "duration")
    assert close(q.seconds, 300) and q.times == 10


# --------------------------------------------------------------------------- repetition and frequency

def test_consecutive_days_are_a_repetition_not_a_duration():
    text = "cycled 90 km and ran 20 km for 3 consecutive days"
    q = one(text, "repetition")
    assert (q.times, q.unit, q.text) == (3, "day", "3 consecutive days")
    assert whole(text, "duration") == []


@pytest.mark.parametrize("text, times, unit", [
    ("5 days in a row!", 5, "day"),
    ("4 weeks straight", 4, "week"),
    ("day 1 of a 30-day streak", 30, "day"),
    ("a 21 day yoga challenge", 21, "day"),
    ("for the third consecutive day", 3, "day"),
    ("ran twice today", 2, "time"),
    ("did the loop 3 times", 3, "time"),
])
def test_repetition(text, times, unit):
    q = one(text, "repetition")
    assert (q.times, q.unit) == (times, unit)


@pytest.mark.parametrize("text, span", [
    ("three days running", "three days running"),
    ("for 4 weeks running", "4 weeks running"),
    ("day 9 of my 40-day running challenge", "40-day"),
    ("my 60 day running streak", "60 day"),
])
def test_running_after_days_is_the_idiom_only_after_a_plural(text, span):
    """"days running" is a repetition's idiom; after a singular unit ("a 40-day running challenge") "running"
    is the activity the challenge is of, no part of the amount."""
    assert one(text, "repetition").text == span


def test_for_n_days_is_read_both_ways_unless_the_sentence_says_which():
    both = parse_quantities("I ran for 8 days")
    assert sorted(q.kind for q in both) == ["duration", "repetition"]
    assert {(q.start, q.end) for q in both} == {(10, 16)}
    daily = parse_quantities("ran 20 km daily for 8 days")
    assert [q.kind for q in daily if q.text == "8 days"] == ["repetition"]
    assert [q.kind for q in parse_quantities("covered it in 8 days")] == ["duration"]


def test_for_a_week_after_a_daily_cue_is_the_days_of_the_sessions():
    got = parse_quantities("ran 5 km every day for a week")
    assert [(q.kind, q.text, q.unit, q.times) for q in got if "week" in q.text] == [("repetition", "a week", "week", 1)]
    assert [q.kind for q in parse_quantities("swam for a week in the Larkspur lakes") if q.text == "a week"] \
        == ["duration"]


@pytest.mark.parametrize("text, span, frequency, times", [
    ("Yoga daily", "daily", "daily", None),
    ("every morning before work", "every morning", "daily", None),
    ("strength on alternate days", "on alternate days", "every_other_day", None),
    ("every other day", "every other day", "every_other_day", None),
    ("10k steps per day", "per day", "daily", None),
    ("every day this month", "every day", "daily", None),
    ("long run weekly", "weekly", "weekly", None),
    ("hill reps each weekend", "each weekend", "weekly", None),
    ("twice a week", "twice a week", "weekly", 2),
    ("3 days a week", "3 days a week", "weekly", 3),
    ("swim 4 times per week", "4 times per week", "weekly", 4),
    ("3x a week", "3x a week", "weekly", 3),
    ("every Sunday", "every Sunday", "weekly", None),
    ("a 10k on Sunday mornings", "on Sunday mornings", "weekly", None),
    ("Tuesday evenings are for the pool", "Tuesday evenings", "weekly", None),
    ("hill reps every Thursday night", "every Thursday night", "weekly", None),
    ("once a month", "once a month", "monthly", 1),
])
def test_frequency(text, span, frequency, times):
    q = one(text, "frequency")
    assert (q.text, q.frequency, q.times) == (span, frequency, times)


@pytest.mark.parametrize("text", [
    "Some weeks I was swimming 30 km in the pool.",
    'She said: "Some days we cycle 60 km."',
    "A few mornings I rowed 10 km.",
])
def test_a_vague_spell_opening_its_clause_before_a_subject_is_no_duration(text):
    # "Some weeks I ...": on which weeks, not how long
    assert [q.kind for q in parse_quantities(text)] == ["distance"]


def test_a_vague_spell_is_still_a_duration_elsewhere():
    assert [q.text for q in parse_quantities("It took some weeks to get over the 100 km ride.")
            if q.kind == "duration"] == ["some weeks"]


@pytest.mark.parametrize("text", [
    "My first parkrun in four years this morning!",
    "Fastest 10k in two years at Tarnby today.",
    "First swim for 2 years, only 1 km.",
])
def test_a_spell_after_first_or_best_is_the_time_since_no_duration(text):
    assert [q.kind for q in parse_quantities(text) if q.kind == "duration"] == []


@pytest.mark.parametrize("text, spell", [
    ("My first marathon in 3:52, at Larkspur.", "3:52"),  # a time of the session
    ("She became the first woman to row it in 41 days.", "41 days"),  # what a feat took
    ("Ottilie, the first woman to walk it in 2 years.", "2 years"),
    ("My longest walk yet, 90 km in 3 days.", "3 days"),  # a clause of its own
])
def test_a_session_s_own_time_after_first_is_still_a_duration(text, spell):
    # and so is a race ahead: "my first half marathon in 10 days" (days, weeks and months are not read as since)
    assert [q.text for q in parse_quantities(text) if q.kind == "duration"] == [spell]


def test_times_a_week_range():
    q = one("running 2-3 times a week", "frequency")
    assert (q.frequency, q.min, q.max, q.times) == ("weekly", 2, 3, 3)


def test_a_period_after_a_quantity_is_its_frequency():
    qs = whole("20 km a day")
    assert [(q.kind, q.text) for q in qs] == [("distance", "20 km"), ("frequency", "a day")]
    assert qs[1].frequency == "daily"
    assert whole("3 days a week", "duration") == []


# --------------------------------------------------------------------------- pace and elevation

@pytest.mark.parametrize("text, seconds, per", [
    ("held 6:40 pace", 400, None),
    ("9:30 per mile", 570, "mi"),
    ("5:15/km avg", 315, "km"),
    ("4:30 min/km", 270, "km"),
    ("a 7-minute mile", 420, "mi"),
    ("8 min miles all the way", 480, "mi"),
    ("5'30\"/km for the first half", 330, "km"),
    ("split 1:56/500m", 116, "500m"),
])
def test_pace(text, seconds, per):
    q = one(text, "pace")
    assert close(q.seconds, seconds) and q.per == per
    assert whole(text, "duration") == [] and whole(text, "distance") == []


def test_a_speed_is_the_pace_it_means_and_not_a_distance():
    q = one("averaged 30 km/h on the flats", "pace")
    assert close(q.seconds, 120) and q.per == "km" and close(q.value, 30)
    q = one("188 miles an hour", "pace")
    assert q.per == "mi"
    assert whole("30 kph", "distance") == [] and whole("12 mph", "distance") == []


@pytest.mark.parametrize("text, span, meters", [
    ("camp at 4,200m above sea level", "4,200m", 4200),
    ("crossed the 12000ft pass", "12000ft", 3657.6),
    ("the summit, 14,505 ft", "14,505 ft", 14_505 * 0.3048),
    ("1,200 m of climbing", "1,200 m", 1200),
    ("2,100m of climbs on the way round", "2,100m", 2100),
    ("1,400 m of skinning, then the descent", "1,400 m", 1400),  # ski touring uphill
    ("elevation gain of 800m", "800m", 800),
    ("trekked to 5,300 m", "5,300 m", 5300),
])
def test_elevation_is_never_a_distance(text, span, meters):
    q = one(text, "elevation")
    assert q.text == span and close(q.meters, meters)
    assert whole(text, "distance") == []


@pytest.mark.parametrize("text, climb, km", [
    ("Ran 10 km, 200 m climbing", "200 m", 10),
    ("Hiked 22 km, 1,100 m up, about 6 hours", "1,100 m", 22),
    ("a hilly 14 km with 450 m up.", "450 m", 14),
])
def test_a_climb_after_a_distance_is_no_part_of_it(text, climb, km):
    """"22 km, 1,100 m up" is a distance and a climb, not a compound of 23.1 km."""
    assert one(text, "elevation").text == climb
    assert [q.meters for q in whole(text, "distance")] == [km * 1000]


@pytest.mark.parametrize("text", ["Sprinted 400 m up the road", "Swam 400 m up and back"])
def test_metres_up_a_road_or_a_pool_are_a_distance(text):
    """"up" after a height makes a climb only where its clause ends right after it."""
    assert [q.kind for q in parse_quantities(text)] == ["distance"]


@pytest.mark.parametrize("text, kind", [
    ("the col is 18 km of climbing at 7%", "distance"),  # no ascent is 18 km high: the climb's length
    ("10 miles of climbing to the pass", "distance"),
    ("4 km of climbing over the ultra", "elevation"),
    ("10,000 m of climbing over the ultra", "elevation"),  # in metres it may be a long event's total
])
def test_climbing_told_in_km_or_miles_higher_than_any_ascent_is_a_length(text, kind):
    (q,) = [q for q in parse_quantities(text) if q.kind in ("distance", "elevation")]
    assert q.kind == kind


# --------------------------------------------------------------------------- never a distance or duration

@pytest.mark.parametrize("text", [
    "alarm at 5 am", "out the door at 5:45 a.m.", "woke at 2am", "meet at 6:30", "ran from 6:00 to 7:15",
    "the 56-year-old finished strong", "my 5 year old son", "aged 40 years and counting",
    "my best race was in 2019", "came 3rd overall", "always go the extra mile",
    "Mile 18 was the hardest", "the last few miles hurt", "miles away from home",
    "we hit 5K followers!", "100k subscribers 🎉", "10k likes", "#75hard day 12", "#run10k", "@run4fun",
    "2 days ago", "raised $5k for charity", "Rs 10k entry fee", "a 660 square meters hall", "24703m2",
    "3D printed medal", "it costs 1.8M dollars", "42 days to go!",
    "After a long week at work I ran", "after a hard day I swam",
])
def test_not_a_distance_or_duration(text):
    assert whole(text, "distance") == [] and whole(text, "duration") == [], whole(text)


def test_ten_k_steps_is_a_count_not_a_distance():
    assert [q.kind for q in whole("10k steps")] == ["count"]


# --------------------------------------------------------------------------- approximations and offsets

@pytest.mark.parametrize("text, approximate", [
    ("about 20 km", True), ("~20 km", True), ("20km or so", True), ("nearly 3 hours", True),
    ("a few hours", True), ("20 km", False),
    ("broke 25 minutes", True), ("went sub 3 hours", True), ("inside 40 minutes", True),  # a bound beaten
    ("a break of 10 minutes", False),
])
def test_approximate(text, approximate):
    assert whole(text)[0].approximate is approximate


def test_vague_counts_read_for_durations_only():
    assert close(one("a couple of hours", "duration").seconds, 7200)
    assert whole("a few miles", "distance") == []


def test_offsets_point_into_the_text():
    text = ("Sunday: 18 miles at 8:45/mi, then 3x10 squats. 1h52m total, 2-3 times a week, "
            "half marathon in 1:52:30 ✅ #running")
    qs = parse_quantities(text)
    assert len(qs) >= 6
    for q in qs:
        assert text[q.start:q.end] == q.text
    assert [q.start for q in qs] == sorted(q.start for q in qs)


def test_empty_and_plain_text():
    assert parse_quantities("") == []
    assert parse_quantities("Rest day. Feeling good.") == []


# --------------------------------------------------------------------------- more forms people write

@pytest.mark.parametrize("text, kind, attr, expected", [
    ("a ½ marathon in the rain", "distance", "meters", 21_097.5),
    ("my first 1/2 marathon", "distance", "meters", 21_097.5),
    ("21.1 done! 🏅", "distance", "meters", 21_097.5),
    ("42.2 next spring", "distance", "meters", 42_195),
    ("a 5 k.m. walk", "distance", "meters", 5000),
    ("twelve kilo meters", "distance", "meters", 12_000),
    ("1hr 40, then home", "duration", "seconds", 6000),
    ("one hour forty minutes", "duration", "seconds", 6000),
    ("4hrs30mins", "duration", "seconds", 16_200),
    ("4h 30' steady", "duration", "seconds", 16_200),
    ("a 10-day trek", "duration", "seconds", 864_000),
    ("20 wall balls", "count", "value", 20),
    ("3 sets of 10 bicep curls", "count", "value", 30),
    ("the peak (6,190 m)", "elevation", "meters", 6190),
])
def test_more_forms(text, kind, attr, expected):
    assert close(getattr(one(text, kind), attr), expected)


@pytest.mark.parametrize("text, frequency", [
    ("once every 3 days", "every_3_days"),
    ("every two weeks", "fortnightly"),
    ("5 km/day", "daily"),
    ("100km/week", "weekly"),
])
def test_more_frequencies(text, frequency):
    assert one(text, "frequency").frequency == frequency


@pytest.mark.parametrize("text", [
    "flagged off at 0600 hrs", "finished at 1130 hours", "It was 21.1 degrees", "a marathon of meetings",
    "a 2-time champion", "3x world champion", "a sub-3 marathon",
])
def test_more_non_quantities(text):
    assert [q for q in whole(text) if q.kind in ("duration", "repetition", "count")] == [], whole(text)


def test_after_a_bare_period_it_is_still_a_duration():
    assert [q.text for q in whole("After an hour I turned back", "duration")] == ["an hour"]
    assert [q.text for q in whole("spent a long week hiking", "duration")] == ["a long week"]


@pytest.mark.parametrize("text, expected", [
    ("Tuesday was 8 miles. I still did 6 on Thursday.", [("8 miles", 8, "mi"), ("6", 6, "mi")]),
    ("Did 10 miles on Saturday and I have another 13 on Sunday.", [("10 miles", 10, "mi"), ("13", 13, "mi")]),
    ("ran 20 km, then did another six with Jo", [("20 km", 20, "km"), ("six", 6, "km")]),
    ("Swam 1500 m. Did 4 more later.", [("1500 m", 1500, "m")]),  # metres: a bare number may be lengths
    ("Ran 10 km. Did 6 reps of squats.", [("10 km", 10, "km")]),  # a noun of its own follows
    ("Went 5 km. My daughter is 6 today.", [("5 km", 5, "km")]),  # no verb of doing before it
    ("Ran 8 miles.\n\nRest day.\n\nDid 6 today.", [("8 miles", 8, "mi"), ("6", 6, "mi")]),  # a diary's days
    ("Ran 8 miles. " + "Then a long lazy day of reading and eating. " * 8 + "Did 3 today.",
     [("8 miles", 8, "mi")]),  # the distance that would give the unit is too far back
    ("Ran 6 this morning.", []),  # no unit anywhere before it
    ("Ran 8 miles on Monday and did another one today.", [("8 miles", 8, "mi")]),  # one more session
    ("Rode 30 miles and did 400 on the bike this year.", [("30 miles", 30, "mi")]),  # no session's length
    # a log's days: a weekday, the number and how the session went
    ("Mon rest, Tue 8 miles easy, Thu 5 recovery, Sat: 18 long.",
     [("8 miles", 8, "mi"), ("5", 5, "mi"), ("18", 18, "mi")]),
    ("Ran 10 km today. The Tarnby 10K is on Sun 25 with friends.",  # a day of the month, no distance
     [("10 km", 10, "km"), ("10K", 10, "km")]),
    # a goal after "to" gives no unit: "Run 3" is the programme's third run
    ("Week 3 of couch to 5k done! Run 3 this morning: 3 x 3 minutes.", [("5k", 5, "km")]),
])
def test_a_number_after_a_verb_of_doing_takes_the_unit_the_text_just_gave(text, expected):
    assert [(q.text, q.value, q.unit) for q in whole(text, "distance")] == expected


def test_a_course_marker_is_not_a_distance():
    assert whole("hit the wall at the 30 km mark", "distance") == []
    assert whole("around the 10-mile point", "distance") == []


@pytest.mark.parametrize("text", [
    'Ran 5 km. Then 3" of rain, "about" 2 miles ... (approx.) 10k, then… 4 x 400 m!! "', "", "   ", '" " ".',
    "the last word is a very long one: " + "x" * 60 + " 5 km", "...!? 5k", "Dr. Sq. 12 mi",
])
def test_the_last_word_before_is_the_last_of_the_words_before(text):
    """WordsBefore reads the last word alone (last_word) where a rule needs no more: it is the last of the four
    words left_words gives, at every offset."""
    low = text.lower()
    for start in range(len(low) + 1):
        four = left_words(low, start)
        before = WordsBefore(low, start)
        assert ([before.last] if before.last else []) == four[-1:], (low[:start], before.last, four)
        assert before.words() == four


def test_hours_and_minutes_written_together_end_a_sentence():
    # "1h20." ends its sentence with a full stop; "1h20.5" is no such time
    (walk_time,) = [q for q in parse_quantities("Recovery walk, 4 miles, 1h20. Nothing fancy.") if q.kind == "duration"]
    assert walk_time.text == "1h20" and walk_time.seconds == 4800.0
    assert [q.kind for q in parse_quantities("1h20.5 hours")] == []


@pytest.mark.parametrize("text, height", [
    ("32.4 km  1:12:05  410 m", "410 m"),  # an app's stats line: distance, time, climb
    ("8.2 km · 41:10 · 65 m", "65 m"),
    ("12.5 mi | 2:05:10 | 1,120 ft", "1,120 ft"),
    ("Distance 32.4 km  Elev Gain 410 m  Time 1:12:05", "410 m"),  # labelled
])
def test_a_length_in_metres_after_the_distance_and_time_of_a_stats_line_is_the_climb(text, height):
    assert [q.text for q in parse_quantities(text) if q.kind == "elevation"] == [height]


def test_a_length_in_metres_told_after_a_distance_in_prose_is_no_climb():
    assert [q.kind for q in parse_quantities("Ran 10 km, 400 m repeats after.", parts=False)] == ["distance"]
    assert [q.kind for q in parse_quantities("Swim 400 m, bike 20 km, run 5 km")] == ["distance"] * 3


@pytest.mark.parametrize("text, total", [
    ("Swim set today:\n400 warm up\n8 x 100 on 1:50\n4 x 50 kick\n200 cool down\n1600 total", 1600.0),
    ("Track: 6 x 400 in 80s\nTotal: 2,400", 2400.0),
])
def test_a_set_s_total_alone_on_its_line_is_in_the_repeats_metres(text, total):
    got = [(q.value, q.unit) for q in parse_quantities(text) if q.kind == "distance" and not q.times]
    assert got == [(total, "m")]


def test_a_number_before_total_with_no_set_of_repeats_is_no_distance():
    assert parse_quantities("Fundraising so far:\n1600 total") == []


def test_an_elliptic_number_keeps_its_thousands():
    # "ran 1,500" after "walked 1,000 miles" is no mile and a half: a number with its thousands is read whole
    # (and is more than any one session's distance left without a unit)
    found = parse_quantities("Last year she walked 1,000 miles; this year she plans to run 1,500.")
    assert [(q.text, q.value) for q in found] == [("1,000 miles", 1000.0)]
    assert [(q.text, q.value) for q in parse_quantities("walked 10 miles, then ran 12.")] == \
        [("10 miles", 10.0), ("12", 12.0)]


def test_a_pace_word_on_the_next_line_makes_no_pace():
    # a result block: "Time: 1:47:33" then "Pace: 5:06 /km" on a line of its own
    got = [(q.kind, q.text) for q in parse_quantities("Time: 1:47:33\nPace: 5:06 /km")]
    assert got == [("duration", "1:47:33"), ("pace", "5:06 /km")]
