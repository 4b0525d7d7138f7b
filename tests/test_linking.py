"""Activities, people, places, events and the record linker, rule by rule, on posts written for the tests."""
from __future__ import annotations

import pytest


def acts(post):
    return [(a.activity, a.evidence.text, a.status) for a in post.activities]


@pytest.fixture(params=["blank", "sm"])
def ex(request, blank_extractor):
    if request.param == "blank":
        return blank_extractor
    return request.getfixturevalue("sm_extractor")


# -- activities ---------------------------------------------------------------
@pytest.mark.parametrize("text, activity", [
    ("Swimmin' laps all morning", "swimming"),
    ("Cycled to the lighthouse", "cycling"),
    ("Rode 60 km on the old highway", "cycling"),
    ("Hiked the ridge trail", "hiking"),
    ("Jogging along the river", "running"),
    ("Finished a half marathon", "running"),
    ("Did my first Ironman", "triathlon"),
    ("Did 40 burpees", "strength_training"),
    ("12 Surya Namaskars at sunrise", "yoga"),
])
def test_activity_forms(blank_extractor, text, activity):
    assert activity in [a.activity for a in blank_extractor.extract(text).activities]


@pytest.mark.parametrize("text", [
    "You have to go the extra mile for your team.",
    "In the long run, patience pays.",
    "She will run for office next year.",
    "We just have to ride it out.",
    "Bought new running shoes and a workout playlist.",
    "Before lessons the class does circuits of the school field.",  # laps, not circuit training
    "We met by the cricket ground and the tennis courts.",  # a sport's ground or court is a place
    "The hotel is within walking distance of the beach.",
])
def test_idioms_and_compounds_are_not_activities(ex, text):
    assert ex.extract(text).activities == []


def test_generic_mention_is_not_a_completed_record(sm_extractor):
    post = sm_extractor.extract("The coach is known for running barefoot. Running is good for you.")
    assert all(a.status != "completed" for a in post.activities)


# -- quantities to activities ---------------------------------------------------
def test_coordinated_activities_get_their_own_numbers(ex):
    post = ex.extract("45km cycling and 12km running for 4 consecutive days so far, loving it")
    got = {a.activity: a for a in post.activities}
    assert got["cycling"].distance.meters == 45000 and got["running"].distance.meters == 12000
    assert got["cycling"].repetition.times == 4 and got["running"].repetition.times == 4


def test_three_legs_three_records(ex):
    post = ex.extract("Swim 1.5 km, bike 40 km and run 10 km this Sunday at the lake.")
    got = {a.activity: a.distance.meters for a in post.activities if a.distance}
    assert got == {"swimming": 1500, "cycling": 40000, "running": 10000}


# -- people ---------------------------------------------------------------------
def test_subject_and_companion_with_relation(sm_extractor):
    post = sm_extractor.extract("Kabir Sethi ran 15 km along the canal with his wife, Leela Sethi, on Sunday.")
    (a,) = post.activities
    names = {p.name: p.relation for p in a.participants}
    assert names.keys() == {"Kabir Sethi", "Leela Sethi"}
    assert names["Leela Sethi"] == "wife"


def test_short_name_and_pronoun_resolve_to_full_name(sm_extractor):
    text = ("Coach Farida Khan is back on the bike. On Saturday she cycled 80 km to the dam, "
            "and Farida says the climb nearly broke her.")
    (a,) = sm_extractor.extract(text).activities
    assert [p.name for p in a.participants] == ["Farida Khan"]


def test_first_person_quote_goes_to_the_speaker(sm_extractor):
    text = 'Veteran swimmer Omar Haddad shared a clip. "Swam 4 km in the bay today," Haddad wrote.'
    (a,) = sm_extractor.extract(text, posted_at="2025-05-04").activities
    assert a.participants[0].name == "Omar Haddad"
    assert a.date.value.isoformat() == "2025-05-04"


@pytest.mark.parametrize("text, names", [
    ('"Ran 5 km along the river path this morning with @ottilie.runs." Jonas Berg wrote on Instagram.',
     {"Jonas Berg", "@ottilie.runs"}),
    ('"Swam 2 km at the lido with my sister Elin," Jonas Berg said.', {"Jonas Berg", "Elin"}),
    ('"I cycled to Tarnby with Rhodri," said Ottilie Brandt.', {"Ottilie Brandt", "Rhodri"}),
])
def test_the_speaker_of_a_first_person_quote_goes_with_the_company_it_names(extractor, text, names):
    (a,) = extractor.extract(text, posted_at="2026-05-04").activities
    assert {p.name or p.handle for p in a.participants} == names


@pytest.mark.parametrize("text, names", [
    ('"The kids ran 5 km with Elin," said Ottilie Brandt.', {None, "Elin"}),
    ('"Rhodri ran 5 km with Elin," said Ottilie Brandt.', {"Rhodri", "Elin"}),
    ('"Elin swam 2 km with Rhodri at the lido," Jonas Berg said.', {"Elin", "Rhodri"}),
])
def test_the_speaker_of_a_quote_about_someone_else_is_no_participant(extractor, text, names):
    (a,) = extractor.extract(text).activities
    assert {p.name for p in a.participants} == names


def test_first_person_caption_goes_to_author(sm_extractor):
    (a,) = sm_extractor.extract("Walked 8 km by the sea with the dog.", author="nadia.k").activities
    assert a.participants[0].name == "nadia.k"


def test_photographer_is_not_a_participant(sm_extractor):
    text = "Maya Pillai ran the coastal 10K on Sunday. Photo: Rahul Menon"
    names = {p.name for a in sm_extractor.extract(text).activities for p in a.participants}
    assert "Rahul Menon" not in names and "Maya Pillai" in names


# -- places ---------------------------------------------------------------------
def test_route_roles(ex):
    (a,) = ex.extract("Cycled 120 km from Nashik to Shirdi and back home by dusk.").activities
    roles = {(p.name, p.role) for p in a.places}
    assert ("Nashik", "from") in roles and ("Shirdi", "to") in roles


def test_stretch_route(sm_extractor):
    (a,) = sm_extractor.extract("Rode the Hubli-Dharwad stretch in under an hour.").activities
    roles = {(p.name, p.role) for p in a.places}
    assert roles >= {("Hubli", "from"), ("Dharwad", "to")}


def test_hometown_is_not_the_activity_place(sm_extractor):
    text = "Priya Das, who hails from Shillong, ran 21 km in Bengaluru on Sunday."
    (a,) = sm_extractor.extract(text).activities
    assert "Shillong" not in {p.name for p in a.places}
    assert "Bengaluru" in {p.name for p in a.places}


# -- events ---------------------------------------------------------------------
def test_named_event_with_activity(ex):
    (a,) = ex.extract("Ran the Riverside Half Marathon in 1:52:10.").activities
    assert a.event.name == "Riverside Half Marathon"
    assert a.distance.meters == 21097.5 and a.duration.seconds == 6730


def test_event_hashtag_frames_the_ride(sm_extractor):
    text = ("Sana Mir set off on a long journey from Jaipur to Udaipur as part of the #GreenWheelsRide. "
            "On the first day she cycled 110 km.")
    (a,) = [a for a in sm_extractor.extract(text).activities if a.distance]
    assert a.event.name == "GreenWheelsRide"
    assert {(p.name, p.role) for p in a.places} >= {("Jaipur", "from"), ("Udaipur", "to")}


# -- one activity, one record -----------------------------------------------------
def test_article_and_quoted_caption_merge_into_one_record(sm_extractor):
    text = ("Trail runner Anil Bose ran a 30 km race in the Nilgiris last week. "
            "Sharing photos, Bose wrote, \"30 km of mud and mist, what a race!\" "
            "The run was his longest this year.")
    post = sm_extractor.extract(text, posted_at="2025-08-18")
    running = [a for a in post.activities if a.activity == "running"]
    assert len(running) == 1
    assert running[0].distance.meters == 30000
    assert running[0].mentions  # the other mentions are kept


def test_definite_race_reference_joins_the_half_marathon(sm_extractor):
    text = ("Lina Roy ran the Harbour half marathon with her sister on Sunday. "
            "The marathon started at dawn, she said.")
    post = sm_extractor.extract(text)
    assert [a.distance.meters for a in post.activities] == [21097.5]


def test_planned_and_done_stay_apart(ex):
    post = ex.extract("Training for the city marathon in December. Did an easy 8 km today.", posted_at="2025-09-01")
    got = {a.status: a for a in post.activities}
    assert got["completed"].distance.meters == 8000
    assert got["planned"].activity == "running"


def test_negated_and_completed_in_one_sentence(sm_extractor):
    post = sm_extractor.extract("I didn't race on Sunday, but my sister did the 10K.")
    assert "negated" in [a.status for a in post.activities]
    assert all(a.status != "completed" or a.distance for a in post.activities)


@pytest.mark.parametrize("text, status", [
    ("Tomorrow: 5 km easy.", "planned"),
    ("Next Saturday: 18 miles with the club.", "planned"),
    ("Yesterday: 5 km easy.", "completed"),
    ("Tuesday: 8 km.", "completed"),
])
def test_a_log_line_of_a_day_to_come_is_a_plan(ex, text, status):
    post = ex.extract(text, posted_at="2025-05-07")
    assert [(a.activity, a.status) for a in post.activities] == [("running", status)]


@pytest.mark.parametrize("text, status, day", [
    ("Planning a long ride on Sunday. Probably 60 miles, depending on the wind.", "planned", 11),
    ("Long ride on Sunday with Tamsin, 60 miles.", "completed", 4),
])
def test_a_session_no_cue_made_done_is_planned_when_dated_by_a_day_to_come(ex, text, status, day):
    (a,) = ex.extract(text, posted_at="2025-05-07").activities
    assert (a.status, a.date.value.day) == (status, day)


def test_a_log_line_to_a_place_is_a_stage_not_a_part_of_one(ex):
    """"32 km to Brackenfold" names the stage's end; "32 km to go" would be part of a session."""
    post = ex.extract("Walked 24 km to Larkspur today. Tomorrow: 32 km to Brackenfold.", posted_at="2025-05-07")
    got = [(a.status, a.distance.meters, [p.name for p in a.places]) for a in post.activities]
    assert got == [("completed", 24000, ["Larkspur"]), ("planned", 32000, ["Brackenfold"])]
    post = ex.extract("Walked 24 km to Larkspur today. Tomorrow: 32 km to go.", posted_at="2025-05-07")
    assert [a.status for a in post.activities] == ["completed"]


@pytest.mark.parametrize("text, km", [
    ("Cycled to work today. 11 km door to door.", 11),
    ("Finally did the Tarnside Way on foot! 84 km end to end.", 84),
])
def test_a_distance_told_from_one_end_to_the_other_is_the_whole_session(ex, text, km):
    # "N to N" after a distance is the whole way; "5 km to go" would be part of one
    (a,) = ex.extract(text, posted_at="2025-05-07").activities
    assert a.distance is not None and a.distance.meters == km * 1000


@pytest.mark.parametrize("text, activity", [
    ("Had a brilliant day skiing with the kids!", "skiing"),
    ("Spent the afternoon kayaking.", "paddling"),
    ("Spent hours hiking in the fog above Brackenfold.", "hiking"),
    ("We spent the afternoon on our skis above the hut.", "skiing"),
    ("I spent hours on the rower last winter.", "rowing"),
])
def test_a_gerund_filling_a_spell_of_time_is_a_session(ex, text, activity):
    post = ex.extract(text, posted_at="2025-05-07")
    assert [(a.activity, a.status) for a in post.activities] == [(activity, "completed")]


@pytest.mark.parametrize("text, activity", [
    ("Rhodri Vance has raised £12,000 by running the length of the Larkspur canal.", "running"),
    ("Tamsin raised money for the ward by walking the Tarnby Way.", "walking"),
])
def test_a_gerund_told_as_the_means_is_a_session(ex, text, activity):
    post = ex.extract(text, posted_at="2025-05-07")
    assert [(a.activity, a.status) for a in post.activities] == [(activity, "completed")]


@pytest.mark.parametrize("text", [
    "She will take on the Tarnside Triathlon next month, just a year after learning to swim.",
    "He taught himself to swim at 40 and now swims 3 km every morning.",
])
def test_a_skill_learnt_claims_no_session(ex, text):
    got = ex.extract(text, posted_at="2025-05-07").activities
    assert [a.evidence.text for a in got if a.activity == "swimming"] in ([], ["swims"])


@pytest.mark.parametrize("text, kept", [
    ("Jonas Berg, a 40-year-old teacher from Tarnby, took up running in 2015.", []),
    ("Ottilie took up swimming three years ago and swam 2 km in the lake yesterday.", ["swam"]),
])
def test_a_habit_taken_up_claims_no_session(ex, text, kept):
    """When someone took an activity up tells when the habit began, no session of its own."""
    got = ex.extract(text, posted_at="2025-05-07").activities
    assert [a.evidence.text for a in got] == kept


@pytest.mark.parametrize("text", [
    "45 min HIIT + 3 km cooldown jog.",
    "5am club: 20 min yoga + 4 km walk home.",
])
def test_a_distance_between_a_workout_and_an_endurance_session_is_the_endurance_sessions(ex, text):
    got = ex.extract(text, posted_at="2025-05-07").activities
    assert [(a.activity, a.distance is not None) for a in got][1][1] and got[0].distance is None


def test_a_spell_that_only_says_when_claims_no_session(ex):
    assert ex.extract("Nothing beats early morning cycling for clearing my head.").activities == []


def test_a_possessive_before_describing_words_makes_a_noun_a_session(ex):
    # "her late evening ride": her own session, in blank mode too, where no tagger tells the words' kinds
    post = ex.extract("Elin Moss shared a clip of her late evening ride with her partner, Jonas Berg.")
    assert [[p.name for p in a.participants] for a in post.activities] == [["Elin Moss", "Jonas Berg"]]


def test_a_session_swapped_for_another_is_a_record_of_its_own_not_done(ex):
    post = ex.extract("Too windy, so I swapped my ride for a 45 min spin class at the gym.", posted_at="2025-05-07")
    assert [(a.evidence.text, a.status) for a in post.activities] == [("ride", "negated"), ("spin class", "completed")]


@pytest.mark.parametrize("text", [
    "Tamsin's swimming is getting better.",
    "My running has improved a lot since spring.",
])
def test_a_possessive_before_a_gerund_claims_no_session(ex, text):
    """"my run" is a session; "my running" is the activity in general."""
    assert ex.extract(text, posted_at="2025-05-07").activities == []


@pytest.mark.parametrize("text, expected", [
    ("My plan for the week: Monday 6 km, Thursday 9 km, Saturday 14 km.", ["planned", "planned", "planned"]),
    ("This week's schedule:\nMonday 5 km easy\nWednesday 8 km steady\n\nSaturday 3 km shakeout done.",
     ["planned", "planned", "completed"]),
    ("This week's schedule:\r\nMonday 5 km easy\r\n\r\nSaturday 3 km shakeout done.", ["planned", "completed"]),
    ("Out at 6:30 this morning: 10 km along the canal.", ["completed"]),
    ("Followed my training plan today: 12 km steady.", ["completed"]),
])
def test_log_lines_under_a_plan_label_are_plans(ex, text, expected):
    post = ex.extract(text, posted_at="2025-05-07")
    assert [a.status for a in post.activities] == expected


@pytest.mark.parametrize("text", [
    "Our coast to coast ride.\nDay 4 Larkspur to Brackenfold 56 miles\nA tough day in the hills.\n"
    "Day 5 Brackenfold to Ottery 50 miles\nFlat and fast.",
    "Day 4 Larkspur to Brackenfold 56 miles\nBarely any hills. Great ride, legs felt good.\n\n"
    "Day 5 Brackenfold to Ottery 50 miles\nShort day, easy ride on quiet roads.",
])
def test_a_stage_line_is_a_session_of_its_own_with_its_route(ex, text):
    staged = [a for a in ex.extract(text).activities if a.distance is not None]
    assert [(a.activity, a.distance.text, [(p.name, p.role) for p in a.places]) for a in staged] == [
        ("cycling", "56 miles", [("Larkspur", "from"), ("Brackenfold", "to")]),
        ("cycling", "50 miles", [("Brackenfold", "from"), ("Ottery", "to")]),
    ]


def test_a_stage_line_goes_to_no_session_of_another_activity_after_it(ex):
    """"Day 4: 14 km to Brackenfold" then "went for a swim": the stage is walked, as the day before it was."""
    text = ("Day 3 of the Tarnside Coast Path: Marlow Vale to Ashby Vale, 22 km in 6 hours.\n"
            "Day 4: a short one, 14 km to Brackenfold. We arrived by 2pm and went for a swim in the harbour.")
    got = ex.extract(text, posted_at="2025-05-09").activities
    assert [(a.activity, a.distance.text if a.distance else None) for a in got] == [
        ("hiking", "22 km"), ("hiking", "14 km"), ("swimming", None)]


def test_a_logged_distance_of_another_day_or_after_another_is_a_session_of_its_own(ex):
    text = "Week 3 recap\nMonday: rest\nTuesday: 5 miles\nWednesday: 3 miles easy\nThursday: Another 5 miles"
    post = ex.extract(text, posted_at="2025-05-09")
    assert [(a.distance.text, a.date.value.isoformat()) for a in post.activities] == [
        ("5 miles", "2025-05-06"), ("3 miles", "2025-05-07"), ("5 miles", "2025-05-08")]


def test_a_time_told_of_another_day_is_not_lent_to_the_session_before(ex):
    text = "Ran the Larkspur parkrun this morning. Pleased with that one. My best there was 21:40, a few years ago."
    [run] = ex.extract(text, posted_at="2025-05-07").activities
    assert run.duration is None
    [run] = ex.extract("Ran the Larkspur parkrun this morning. Got round in 23:05.", posted_at="2025-05-07").activities
    assert run.duration.text == "23:05"


def test_a_time_told_before_the_day_the_text_tells_is_not_lent_to_a_session_with_no_day(ex):
    # the run names no day of its own; the text tells the post's day ("today"), the time a day weeks before
    text = ("Club night today, the whole squad came out. A solid run for me. "
            "Six weeks ago it was 24:10 on this loop, and I haven't been near that since.")
    [run] = ex.extract(text, posted_at="2025-05-07").activities
    assert (run.duration, run.date.value.isoformat()) == (None, "2025-05-07")
    [run] = ex.extract("Club night today, the whole squad came out. A solid run for me. Got round in 24:10.",
                       posted_at="2025-05-07").activities
    assert run.duration.text == "24:10"


@pytest.mark.parametrize("text", [
    "Out early today with the club. Ran the Tarnby 10k course. Three weeks ago I did it in 52:10, so I was pleased.",
    "Out early today with the club. Ran the Tarnby 10k course. Three weeks ago I ran it in 52:10, so I was pleased.",
    "Out early today with the club. Ran the Tarnby 10k course. Three weeks ago I ran 52:10 there.",
])
def test_a_time_of_a_day_before_the_day_the_text_tells_is_no_time_of_its_session(ex, text):
    post = ex.extract(text, posted_at="2025-05-07")
    ten = next(a for a in post.activities if a.distance is not None)
    assert (ten.duration, ten.date.value.isoformat()) == (None, "2025-05-07")


@pytest.mark.parametrize("text", [
    "That was one of my easiest runs this month. I had been dithering the whole day about going out.",
    "We cycled out of Brackenfold in May. We were stuck there for two weeks.",
])
def test_a_time_of_days_spent_otherwise_is_not_lent_to_the_session_before(ex, text):
    assert [a.duration for a in ex.extract(text).activities] == [None]


def test_a_time_of_days_told_as_what_the_journey_took_is_lent_to_it(ex):
    (ride,) = ex.extract("We cycled out of Brackenfold in May. The whole journey was completed in 12 days.").activities
    assert ride.duration.seconds == 12 * 86400


# -- a session told as the cause of how one feels ------------------------------------
def test_a_session_one_is_sore_from_is_an_earlier_session_of_its_own(ex):
    post = ex.extract("Easy 5 km run today, still sore from the half marathon.", posted_at="2024-06-12")
    assert [(a.distance.value, a.distance.unit, a.date.text if a.date else None) for a in post.activities] == [
        (5.0, "km", "today"), (21.0975, "km", None)]
    post = ex.extract("Did 25 min on the turbo, legs sore from the 90 km sportive.", posted_at="2024-06-12")
    assert [(a.duration and a.duration.text, a.distance and a.distance.text) for a in post.activities] == [
        ("25 min", None), (None, "90 km")]


def test_company_after_another_mention_told_after_a_comma_is_that_sessions(ex):
    post = ex.extract("Ran 10 km, then swam 2 km with Jonas.")
    assert [(a.activity, [p.name for p in a.participants]) for a in post.activities] == [
        ("running", []), ("swimming", ["Jonas"])]


# -- amounts ------------------------------------------------------------------------
@pytest.mark.parametrize("text, amount", [
    ("Yoga every morning this week, 20 minutes each.", "20 minutes"),
    ("Swim three times a week, 2 km each.", "2 km"),
])
def test_an_amount_each_in_a_sentence_of_how_often_is_each_sessions(ex, text, amount):
    (routine,) = ex.extract(text).activities
    assert (routine.duration or routine.distance).text == amount


def test_a_time_of_the_feeling_of_the_effort_is_the_sessions(ex):
    post = ex.extract("Just finished my first ultra! 50k through the hills, 6 hours 40 minutes of pure grit.")
    (ultra,) = post.activities
    assert ultra.duration.seconds == 6 * 3600 + 40 * 60


def test_the_distance_an_activity_word_names_is_its_own_not_one_told_before_it(ex):
    """"an easy 5k" is 5 km, though "3x1km" comes first in the sentence."""
    post = ex.extract("3x1km at threshold, then an easy 5k.")
    assert [a.distance.value for a in post.activities] == [5]


def test_a_sport_before_a_word_of_a_session_opening_a_caption_is_a_session(ex):
    """"Rugby training in the rain again": a caption, though no verb; not a statement about it."""
    assert [a.activity for a in ex.extract("Rugby training in the rain again. Love it.").activities] == ["other"]
    assert ex.extract("Rugby training is good for kids.").activities == []


def test_back_on_the_bike_after_time_off_is_one_ride_done(ex):
    """A time off is no routine's period, and going back on the bike tells of a ride."""
    assert [(a.activity, a.status, a.frequency) for a in ex.extract("Back on the bike after a month off.").activities] \
        == [("cycling", "completed", None)]


def test_a_frequency_word_labelling_a_log_is_no_routine(ex):
    post = ex.extract("Weekly recap: ran 3 times this week, 25 km total, plus one swim.")
    assert [(a.activity, a.frequency) for a in post.activities] == [("running", None), ("swimming", None)]
