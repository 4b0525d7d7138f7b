"""A mention with an amount that fills in the record told just before it is that record, not a second one
(fitpost_records' merge step, :func:`fitpost.components.records.merge._fills`), on posts written for the tests.

"A long kayak outing. We paddled 4 miles." is one session: the second sentence tells the trip's
distance.  It stays a session of its own where it repeats an amount the record has, names another day
or other people, says "another" or "also", is another activity or comes later than the next sentence.
Each case runs on blank English and, where installed, on the statistical pipeline.
"""
from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture(params=["blank", "model"])
def extract(request, blank_extractor):
    extractor = blank_extractor if request.param == "blank" else request.getfixturevalue("sm_extractor")

    def run(text: str, posted_at: dt.date | None = None) -> list[tuple[str, float | None, float | None]]:
        post = extractor.extract(text, posted_at=posted_at)
        return [(a.activity, a.distance.meters if a.distance else None, a.duration.seconds if a.duration else None)
                for a in post.activities]
    return run


def of(records, activity: str) -> list[tuple[str, float | None, float | None]]:
    return [r for r in records if r[0] == activity]


# -- one session: the next mention tells the amount the record lacks ---------------------------------

def test_a_distance_in_the_next_sentence_fills_a_trip(extract):
    records = extract("Our club took a kayak trip from Foxbay to Gull Rock. We paddled about 6 miles out.")
    assert len(of(records, "paddling")) == 1
    assert of(records, "paddling")[0][1] == pytest.approx(6 * 1609.344)


def test_a_distance_told_before_a_segment_of_it_is_the_sessions(extract):
    """"50 km on the fells in 6:42 ... my son ran the last 10 km with me": the 10 km is a part of the 50."""
    text = ("Ran my first ultra on Saturday! 50 km on the Larkspur fells in 6:42. My son Bram ran the last "
            "10 km with me.")
    assert extract(text, posted_at=dt.date(2026, 6, 10)) == [("running", 50000.0, 6 * 3600 + 42 * 60.0)]


@pytest.mark.parametrize("text", [
    "Jonas Berg completed his 100th parkrun on Saturday at Tarnby Park, running with his daughter Elin in 28:15.",
    "Did the Tarnby 10K this morning, running with Elin in 51:20.",
])
def test_a_participle_after_a_comma_with_company_of_its_own_tells_more_of_the_session(extract, text):
    assert len(extract(text)) == 1


@pytest.mark.parametrize("text, meters", [
    ("She swims every morning, covering 2 km.", 2000),
    ("I walk the dog every day, covering 5 km.", 5000),
])
def test_a_distance_moved_after_a_comma_tells_the_routine_of_its_clause(extract, text, meters):
    # "covering 2 km" goes on with the routine's clause: its distance, no session done of its own
    assert [r[1] for r in extract(text)] == [meters]


def test_a_distance_fills_a_swim_told_with_its_time(extract):
    records = extract("Priya Nair finished a solo swim over the bay in 9 hours. "
                      "She swam 21 kilometres through rough water.")
    swims = of(records, "swimming")
    assert len(swims) == 1
    assert swims[0][1] == pytest.approx(21000) and swims[0][2] == pytest.approx(9 * 3600)


def test_a_time_in_the_same_sentence_fills_a_distance_covered(extract):
    records = extract("Having covered 180 miles and been in the saddle cycling for 11 hours, the riders reached home.")
    rides = of(records, "cycling")
    assert len(rides) == 1
    assert rides[0][1] == pytest.approx(180 * 1609.344) and rides[0][2] == pytest.approx(11 * 3600)


# -- two sessions --------------------------------------------------------------------------------------

def test_an_amount_the_record_has_already_is_another_session(extract):
    records = extract("I ran 5 km this morning. I ran 8 km in the evening.")
    assert len(of(records, "running")) == 2


def test_another_or_also_makes_a_session_of_its_own(extract):
    for text in ("We swam for an hour in the lake. Then we swam another 2 km in the pool.",
                 "She rode for two hours on the coast road. She also rode 40 km with the club."):
        records = extract(text)
        assert len([r for r in records if r[0] in ("swimming", "cycling")]) == 2, text


def test_another_day_is_another_session(extract):
    records = extract("Ran for 40 minutes on Monday. Ran 10 km on Tuesday.", dt.date(2025, 3, 5))
    assert len(of(records, "running")) == 2


def test_other_people_make_another_session(extract):
    records = extract("Tom Baker ran for 40 minutes by the canal. Sara Lind ran 10 km on the hills.")
    assert len(of(records, "running")) == 2


def test_a_mention_further_away_is_another_session(extract):
    records = extract("We hiked for 3 hours in the woods. The trees were tall. The lunch was good. "
                      "We hiked 8 miles on the ridge.")
    assert len(of(records, "hiking")) == 2


def test_a_named_race_is_a_session_of_its_own(extract):
    records = extract("Finished the Kestrel Valley Hill Climb in 1:52:10! Easy 12k recovery jog around the park.")
    assert len(of(records, "running")) + len(of(records, "cycling")) == 2


def test_a_pace_no_session_could_keep_is_two_sessions(extract):
    records = extract("Ran for 20 minutes this morning. Ran 42 km along the river.")
    assert len(of(records, "running")) == 2


# -- a routine (habitual) told twice in one sentence is one record (models/statuses.json: reach 0) -----

@pytest.mark.parametrize("text, activity", [
    ("Most weeks I get some long swims in, including a few 3000 yard swims.", "swimming"),
    ("I usually do my runs before work, mostly easy 5 km runs.", "running"),
])
def test_a_routine_told_twice_in_one_sentence_is_one_record(sm_extractor, text, activity):
    # the blank pipeline reads the second mention as done, not a routine: two phases stay apart there
    records = [a for a in sm_extractor.extract(text).activities if a.activity == activity]
    assert [(a.status, a.distance is not None) for a in records] == [("habitual", True)]


def test_a_routine_restated_in_the_present_simple_is_the_routine_before_it(request, blank_extractor):
    # "I just swim ..." has no cue of its own: it goes on telling the routine of the sentence before
    for extractor in (blank_extractor, request.getfixturevalue("sm_extractor")):
        post = extractor.extract("On Saturdays I swim 3 km in the lake. I just swim until my arms tire.")
        assert [(a.activity, a.status) for a in post.activities] == [("swimming", "habitual")]
        # with a cue of its own it is a routine of its own
        post = extractor.extract("On Saturdays I swim 3 km in the lake. On Wednesdays I swim at the pool.")
        assert [a.status for a in post.activities] == ["habitual", "habitual"]


def test_a_bare_mention_that_is_not_real_refers_to_the_record_told_after_it(request, blank_extractor):
    for extractor in (blank_extractor, request.getfixturevalue("sm_extractor")):
        post = extractor.extract("Lake swims are the best. On Saturdays I swim in the lake with Tamsin.")
        assert [(a.activity, a.status) for a in post.activities] == [("swimming", "habitual")]


@pytest.mark.parametrize("text", [
    "8/14/2022\n\n26.2 mi\n\n3:41:07\n\nRace summary\n\n112 / 690\n\nComments\n\n"
    "I did not want to get carried away at the start of the race, so Rhodri and I started slowly.",
    "34 miles today.\nGreat ride along the coast with Tamsin.",
])
def test_a_logged_distance_heads_the_bare_record_after_its_block(extract, text):
    # no record before it: the distance is of the session told right after the short lines under it
    records = extract(text)
    assert len(records) == 1 and records[0][1] is not None


def test_a_definite_mention_with_another_time_is_another_session(extract):
    text = ("The first time, the circuit took me 31 minutes. I was wrecked afterwards.\n\n"
            "Today I did the circuit in 24:10 and felt strong.")
    assert [r[2] for r in extract(text)] == [31 * 60, 24 * 60 + 10]
    # a time told as a bound agrees with any: the race is the 10K run under 50 minutes
    text = ("At last! A 10K under 50 minutes, after two years of near misses.\n\n"
            "It was still a surprise to finish the Larkspur Run on Sunday and see 44:02 on my watch.")
    assert len(extract(text)) == 1


def test_a_question_about_a_session_the_text_reports_is_that_session(extract):
    text = ("How do I even describe my first 10k run? For months I could barely jog a kilometre. "
            "Last Sunday I ran 10k along the river with Rhodri in 61 minutes.")
    # the question is the session; the kilometre once barely jogged is a wish of its own
    assert [r for r in extract(text) if r[1] == 10000] == [("running", 10000, 61 * 60)]
    # a wish of another distance, and a session denied, stay apart
    assert len(extract("I'd love to run my first marathon next year. Last month I ran a 10k along the canal.")) == 2
    assert len(extract("I didn't finish my 10k race last year. Today I ran a 10k in 52 minutes.")) == 2
    # a wish come true is the session; a wish for a further one stays apart
    text = ("This past Saturday Rhodri and I rode our first 200 km audax. "
            "For years I had wished to ride a 200 km audax with him.")
    assert len(extract(text)) == 1
    assert len(extract("I rode 100 km with Tamsin in May. I would love to ride another 100 km this summer.")) == 2


def test_a_definite_mention_after_an_amount_restates_the_session(extract):
    # "the 40 minute run" is definite, the amount between "the" and the noun
    assert len(extract("I covered 5.1 km today and turned back halfway through the 40 minute run.")) == 1


def test_a_time_told_as_a_bound_restates_only_a_time_on_its_side(extract):
    first = ("May 3, 2023: deadlifts at 60kg for the first round, 50kg after that. "
             "The WOD took me just under 9 minutes.\n\n")
    day = dt.date(2024, 5, 10)
    # 13:40 is more than "just under 9 minutes": another day's session; 8:40 may be the same one
    again = "This morning I repeated the WOD with full weights in 13:40."
    assert [r[2] for r in extract(first + again, day)] == [540.0, 820.0]
    assert len(extract(first + "Looking at my watch later, the WOD was 8:40.", day)) == 1
    # "over" bounds from below: 41:30 is no restatement of "over 50 minutes"
    text = "The circuit took me well over 50 minutes. I finished the circuit in 41:30 on my second go."
    assert [r[2] for r in extract(text, day)] == [3000.0, 2490.0]


def test_the_workout_after_exercises_is_their_session(extract):
    text = ("Last Tuesday I did three rounds of kettlebell swings and box jumps. "
            "It took 14 minutes to finish the workout.")
    assert extract(text, dt.date(2024, 5, 10)) == [("strength_training", None, 840.0)]
    # a run is told by its own word: "the workout" after one does not make it a workout
    assert of(extract("Ran 5k before breakfast. The workout felt easy."), "running") == [("running", 5000.0, None)]


def test_a_routine_in_the_next_sentence_stays_apart(extract):
    records = extract("I usually do my runs before work. On Sundays I do a long 20 km run with friends.")
    assert len(of(records, "running")) == 2


@pytest.mark.parametrize("text", [
    "Did a 45 minute run in the morning. Ran 6 km in the evening.",
    "Morning run: 45 minutes.\nEvening run: 6 km.",
    "Week 3 of training.\nMon: run 45 min\nTue: run 10 km\nWed: rest",
])
def test_another_day_or_time_of_day_is_another_session(extract, text):
    assert len(of(extract(text), "running")) == 2


def test_a_person_the_record_does_not_name_makes_another_session(extract):
    assert len(of(extract("I ran for 30 minutes. My wife ran 10 km."), "running")) == 2
    assert len(of(extract("Tom ran for 30 minutes. Tom ran 10 km along the canal."), "running")) == 1


# -- a relative clause tells more of the session it follows ------------------------------------------

def test_a_relative_clause_tells_the_session_it_follows(extract):
    assert extract("My first race was the Oakley Trail 25K, which I ran in 2:45.") == [("running", 25000.0, 9900.0)]
    assert extract("I entered the Brookside Half Marathon, which I finished in 1:49.") == [
        ("running", 21097.5, 6540.0)]


def test_a_relative_clause_with_no_activity_verb_leaves_the_next_session_apart(extract):
    records = extract("I ran a 10k, which was hard, then I ran 5 km more.")
    assert [r[1] for r in of(records, "running")] == [10000.0, 5000.0]


# -- a further distance on a day of its own is a session left without its verb ---------------------

def test_a_further_distance_on_another_day_is_another_session(extract):
    assert of(extract("I ran 8 km on Monday and 10 km on Wednesday."), "running") == [
        ("running", 8000.0, None), ("running", 10000.0, None)]
    assert len(of(extract("Swam 2 km on Tuesday, then 3 km on Thursday."), "swimming")) == 2


@pytest.mark.parametrize("text", [
    "I ran 8 km on Monday and it felt like 10 km on Wednesday.",  # more than "and" between
    "I ran 8 km and 10 km.",  # no day of its own
])
def test_a_further_distance_without_a_day_or_its_joining_word_is_no_session(extract, text):
    assert len(of(extract(text), "running")) == 1


# -- the same distance or event on another day is another session ------------------------------------

@pytest.mark.parametrize("text", [
    "Ran 10 km on Monday. Ran 10 km on Wednesday too.",
    "I ran the Larkspur 10K in 2019. This year I ran the Larkspur 10K again, in 48:12.",
    "He ran the 2009 Brackenfold Marathon in 4:10. On Sunday he finished the Brackenfold Marathon in 5:02.",
])
def test_a_session_dated_on_another_day_does_not_join_by_distance_or_event(extract, text):
    assert len(of(extract(text, posted_at=dt.date(2026, 11, 20)), "running")) == 2


def test_a_restatement_within_the_record_s_span_still_joins(extract):
    records = extract("Ran the Larkspur 10K on Sunday in 48:12. Sunday's Larkspur 10K was a hilly one.",
                      posted_at=dt.date(2026, 11, 20))
    assert of(records, "running") == [("running", 10000.0, 2892.0)]


def test_a_bare_mention_on_another_day_is_no_session_of_its_own(extract):
    records = extract("Ran the Larkspur 10K on Sunday in 48:12. I only took up running in 2019.",
                      posted_at=dt.date(2026, 11, 20))
    assert of(records, "running") == [("running", 10000.0, 2892.0)]


@pytest.mark.parametrize("text", [
    "Last year I did a rough swim to the far pier. Elin and I swam it again last Saturday.",
    "Last year I did a rough swim to the far pier.\n\nThis year Elin and I swam it last Saturday.",
    "Went for a swim in 2019 and hated it. Elin and I swam across the bay on Saturday.",
])
def test_a_bare_mention_told_done_on_another_day_is_a_session_of_its_own(extract, text):
    records = extract(text, posted_at=dt.date(2026, 5, 4))
    assert len(of(records, "swimming")) == 2


@pytest.mark.parametrize("text, today, before", [
    ("Felt strong on my ride this morning. Last summer I did 50 km in 1:45 and I'm close to that again.",
     ("cycling", None, None), ("cycling", 50000.0, 6300.0)),
    ("Happy with my swim today. A month ago I managed 2 km in 41 minutes.",
     ("swimming", None, None), ("swimming", 2000.0, 2460.0)),
])
def test_a_bare_mention_dated_to_its_day_is_no_session_told_on_another(extract, text, today, before):
    assert sorted(extract(text, posted_at=dt.date(2026, 5, 4)), key=str) == sorted([today, before], key=str)


def test_a_verb_with_a_definite_race_as_its_object_tells_the_race_again(extract):
    records = extract("Rhodri finished the Larkspur 10K on Saturday. It was his first race since the injury, "
                      "and he ran the race in 52 minutes.", posted_at=dt.date(2026, 11, 20))
    assert of(records, "running") == [("running", 10000.0, 52 * 60.0)]


# -- a routine or series to come is not the session done before it -----------------------------------

@pytest.mark.parametrize("model", ["blank", "model"])
def test_a_recurring_plan_after_a_session_done_is_a_record_of_its_own(request, blank_extractor, model):
    extractor = blank_extractor if model == "blank" else request.getfixturevalue("sm_extractor")
    post = extractor.extract("This morning I rowed a 2 km test piece on the club erg. "
                             "Every month our squad will row a 2 km test piece to track progress.")
    assert [(a.activity, a.status, a.frequency) for a in post.activities] == [
        ("rowing", "completed", None), ("rowing", "planned", "monthly")]


# -- a journey under way takes in its parts told after it ---------------------------------------------

@pytest.mark.parametrize("model", ["blank", "model"])
def test_the_parts_of_a_journey_under_way_are_one_record(request, blank_extractor, model):
    extractor = blank_extractor if model == "blank" else request.getfixturevalue("sm_extractor")
    post = extractor.extract("Ottilie Brackenfold is on a charity walking pilgrimage from Larkspur to Tamsin Bay. "
                             "After covering 400 km in the first 15 days, she reached Rhodri on Sunday. She hopes to "
                             "reach Tamsin Bay within two months, covering 1500 km in all.")
    assert [(a.activity, a.distance.meters if a.distance else None) for a in post.activities] == [
        ("walking", 400_000)]
    post = extractor.extract("The club has begun a cycling expedition from Larkspur to Brackenfold. "
                             "The riders will pedal 900 km in 12 days.")
    assert [(a.activity, a.distance.meters, a.duration.seconds) for a in post.activities] == [
        ("cycling", 900_000, 12 * 86400)]


@pytest.mark.parametrize("model", ["blank", "model"])
def test_a_session_under_way_with_no_journey_noun_is_no_journey(request, blank_extractor, model):
    """"is out jogging along the lanes" is no journey: the run told after it is a session of its own."""
    extractor = blank_extractor if model == "blank" else request.getfixturevalue("sm_extractor")
    post = extractor.extract("When Rhodri is not lifting weights, he is out jogging along the lanes of Larkspur. "
                             "Yesterday he ran 20 km in the hills with Tamsin.", posted_at=dt.date(2026, 5, 4))
    assert ("running", "completed", 20_000) in [
        (a.activity, a.status, a.distance.meters if a.distance else None) for a in post.activities]


# -- named races given as examples are sessions of their own -------------------------------------------

@pytest.mark.parametrize("model", ["blank", "model"])
def test_each_race_named_in_a_list_of_examples_is_a_record(request, blank_extractor, model):
    extractor = blank_extractor if model == "blank" else request.getfixturevalue("sm_extractor")
    post = extractor.extract("Over the years Rhodri completed some tough cycle races, including the "
                             "Race Across Larkspur and the Tour of the Brackenfold.")
    assert [(a.status, a.event.name) for a in post.activities] == [
        ("completed", "Race Across Larkspur"), ("completed", "Tour of the Brackenfold")]


def test_a_distance_covered_so_far_fills_a_session_under_way(extract):
    records = extract("All through June I'm walking 15,000 steps a day for the Larkspur hospice. "
                      "By day 12 I had covered 150 miles.")
    assert records == [("walking", pytest.approx(150 * 1609.344), None)]


def test_a_plan_dated_before_the_post_by_a_written_date_was_carried_out(blank_extractor, sm_extractor):
    text = ("After a summer of 10K runs I entered my first half marathon. "
            "It was on the 14th of September, 2025 at the Larkspur Trail Half Marathon.")
    for extractor in (blank_extractor, sm_extractor):
        done = extractor.extract(text, posted_at=dt.date(2025, 9, 16)).activities
        assert [a.status for a in done if a.event is not None] == ["completed"]
        ahead = extractor.extract(text, posted_at=dt.date(2025, 9, 1)).activities
        assert [a.status for a in ahead if a.event is not None] == ["planned"]


# -- a title over the report of what it tells is that session ------------------------------------------

def test_a_title_is_the_session_its_report_tells(extract):
    records = extract("Grandmother swims across Lake Ottilie for charity\n\n"
                      "Tamsin Rhodri swam 12 km across the lake on Saturday to raise money for the hospice.")
    assert records == [("swimming", 12_000, None)]


def test_a_title_its_lede_and_the_report_are_one_session(extract):
    records = extract("Grandmother swims the length of Lake Larkspur in two days\n\nA 71-year-old has set a club "
                      "record by swimming the whole length of Lake Larkspur in under two days.\n\n"
                      "Ottilie Rhodri swam 30 km, sleeping in a tent on the shore.")
    assert records == [("swimming", 30_000, 2 * 86_400)]


def test_a_title_with_another_distance_is_another_session(extract):
    records = extract("Grandmother swims 3 km across Lake Ottilie\n\n"
                      "Her grandson swam 12 km across the lake on Saturday.")
    assert len(of(records, "swimming")) == 2


def test_a_title_closed_by_a_full_stop_is_a_sentence_of_its_own(extract):
    records = extract("Grandmother swims across Lake Ottilie every summer.\n\n"
                      "Tamsin Rhodri swam 12 km across the lake on Saturday.")
    assert len(of(records, "swimming")) == 2


# -- an exact time told after a rough one is the session's time ------------------------------------------

def test_an_exact_time_told_after_a_bound_is_the_time(extract):
    records = extract("I did a 10K in less than 45 minutes on Sunday! At the Larkspur 10K I stopped my watch at 43:05.")
    assert records == [("running", 10_000, 43 * 60 + 5)]


def test_a_time_far_from_the_rough_one_does_not_replace_it(extract):
    records = extract("I ran a 10K in about 40 minutes at the Larkspur Run. My first 5K took 19:10.")
    assert of(records, "running")[0][2] == 2400


def test_a_walking_distance_told_after_a_trek_is_its_distance(extract):
    records = extract("We summited Mount Ottilie after four days. Our whole walking distance came to 48 km.")
    assert [(activity, meters) for activity, meters, _ in records] == [("hiking", 48_000)]


def test_a_bare_mention_in_the_next_paragraph_goes_on_with_the_session(extract):
    records = extract("Tamsin shared a clip of herself cycling along the coast this morning.\n\n"
                      "She rode with two friends from the club.")
    assert len(of(records, "cycling")) == 1


def test_a_routine_every_summer_is_not_the_swim_told_next(extract):
    records = extract("Grandmother swims across Lake Ottilie every summer.\n\n"
                      "Tamsin Rhodri swam 12 km across the lake on Saturday.")
    assert len(of(records, "swimming")) == 2


def test_a_verb_told_with_also_is_a_session_of_its_own(extract):
    records = extract("Rhodri swam across the Brackenfold Sound in 22 hours on August 24. "
                      "Back in March, Rhodri also swam across Larkspur Strait between the two islands.")
    assert len(of(records, "swimming")) == 2
    records = extract("At the end another runner and I sprinted to the line. I ran 5 km in 25:07 today.")
    assert len(of(records, "running")) == 1


# -- a session ranked among others of its kind is the one the text tells -------------------------------

def test_a_ride_ranked_among_others_is_the_ride_told_further_on(extract):
    records = extract("Surely one of the windiest rides so far. I had meant to ride on Monday, but the lanes "
                      "were flooded. Then I would have had two rides on two days in a row.\n\n"
                      "I covered 38 km along the Brackenfold canal today and stopped for cake.")
    assert of(records, "cycling") == [("cycling", 38_000, None)]


def test_a_ranked_swim_in_a_text_that_tells_no_other_stays_a_record(extract):
    records = extract("One of my best swims ever this morning in the Larkspur lido.")
    assert len(of(records, "swimming")) == 1


def test_a_blank_line_between_paragraphs_adds_no_distance_to_a_bare_mention(extract):
    records = extract("Up at dawn for our kayak trip. At breakfast Tamsin packed the sandwiches.\n\n"
                      "It was a 6 mile kayak trip from Larkspur Quay to Brackenfold Park.")
    assert len(of(records, "paddling")) == 1


# -- a distance a day told after an effort of many days is its daily share -------------------------------

def test_a_distance_a_day_after_a_long_walk_is_its_daily_share(extract):
    records = extract("A grandmother from Larkspur has completed a 500-mile walk for the hospice. Ottilie Rhodri "
                      "set off from Tamsin Bay in April and reached Brackenfold Cove on Sunday, walking around "
                      "15 miles a day.")
    assert records == [("walking", pytest.approx(500 * 1609.344), None)]


def test_a_routine_a_day_after_a_race_is_no_share_of_it(extract):
    records = extract("I ran a marathon on Sunday. I usually run 10 km a day.")
    assert len(of(records, "running")) == 2


def test_a_participle_of_covering_takes_the_plan_it_tells_the_distance_of(extract):
    """"covering 14 km" has no tense of its own: it tells the distance of the walk planned before it."""
    assert extract("On our last day we will walk about 9 hours, covering 14 km to the next hut.",
                   dt.date(2026, 5, 10)) == [("walking", 14000, 9 * 3600)]
