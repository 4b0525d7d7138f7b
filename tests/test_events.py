"""fitpost_events: named events and event hashtags, in blank mode and with the model.

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


@pytest.fixture(params=["blank", "sm"])
def nlp(request):
    """The fitpost pipeline of a session extractor, blank or on the statistical model."""
    return request.getfixturevalue(f"{request.param}_extractor").nlp


def events(nlp, text: str) -> list[tuple[str, str | None]]:
    """(name, activity) of each event span."""
    doc = nlp(text)  # the spans need their Doc alive
    return [(s._.fp_event.name, s._.fp_event.activity) for s in doc.spans["fp_events"]]


@pytest.mark.parametrize("text, expected", [
    ("Ran the Lakeside Half Marathon on Sunday with my sister.", [("Lakeside Half Marathon", "running")]),
    # lowercase modifiers inside a name that starts with a capital
    ("Finished the Harbour midnight half marathon in the rain.", [("Harbour midnight half marathon", "running")]),
    # a tail after the head
    ("Did the Riverside Marathon virtual run from home.", [("Riverside Marathon virtual run", "running")]),
    # "10K" as the last word
    ("Survived the Hilltop 10K this morning.", [("Hilltop 10K", "running")]),
    # rowing's races
    ("Rowed in the Brackenfold Regatta on Saturday with my club.", [("Brackenfold Regatta", "rowing")]),
    # a walking event
    ("400 walkers took part in the annual Tarnby Ramble on Sunday.", [("Tarnby Ramble", "walking")]),
    # a race over a mile, named for it: its activity is the one told
    ("Ran the Tarnby Mile on the track last night.", [("Tarnby Mile", None)]),
])
def test_named_events(nlp, text, expected):
    assert events(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Did the Larkspur sprint triathlon today.", [("Larkspur sprint triathlon", "triathlon")]),
    ("Did the Larkspur Olympic distance triathlon today.", [("Larkspur Olympic distance triathlon", "triathlon")]),
    ("Ran the Tarnside fell race on Saturday.", [("Tarnside fell race", "running")]),
    ("The Brackenfold road relay was fun.", [("Brackenfold road relay", "running")]),
])
def test_a_race_s_kind_written_in_lower_case_is_inside_its_name(nlp, text, expected):
    """"sprint", "olympic", "road", "fell" ... tell the kind of race, inside a name that starts with a capital."""
    assert events(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a name is not cut at its distance, in K or with a dash
    ("Ran the Millbrook 25K Trail Race yesterday, muddy but fun.", [("Millbrook 25K Trail Race", "running")]),
    ("Finished the Lakeside 50-Mile Trail Race in 11 hours.", [("Lakeside 50-Mile Trail Race", "running")]),
    ("Raised money at the Race for Kindness 10k on Sunday.", [("Race for Kindness 10k", "running")]),
    # a head that opens a name, joined to it by a word other than "for"
    ("She rode the Tour de Larkspur in 2019.", [("Tour de Larkspur", "cycling")]),
    ("He finished the Race Across Brackenfold last June.", [("Race Across Brackenfold", "running")]),
    ("Day 12 of the 21 Day Lunge Challenge.", [("21 Day Lunge Challenge", "strength_training")]),
    # a number after "the" or a possessive opens a name; a year does not, nor a distance in K
    ("The pupils took part in the 12 Lakes Challenge this term.", [("12 Lakes Challenge", None)]),
    ("The club's 3 Peaks Challenge starts at noon.", [("3 Peaks Challenge", None)]),
    ("I ran the 2019 Harbour Marathon.", [("Harbour Marathon", "running")]),
    # brands: a name alone, and with its number and place
    ("Ran parkrun this Saturday and got a new PB.", [("parkrun", "running")]),
    ("Did Ironman 70.3 Lanzarote last year.", [("Ironman 70.3 Lanzarote", "triathlon")]),
    ("Completed Ironman Kalmar in 2019.", [("Ironman Kalmar", "triathlon")]),
    # after "a" or "an" with no word it modifies after it, the brand is still the race
    ("She completed an Ironman in Larkspur last year.", [("Ironman", "triathlon")]),
    ("Rhodri finished an Ironman.", [("Ironman", "triathlon")]),
    ("He took part in an Ironman endurance race in Kelby.", [("Ironman", "triathlon")]),
    # a sponsor's name stays in the name
    ("Ran the Acme Vienna Marathon in April.", [("Acme Vienna Marathon", "running")]),
])
def test_named_races_with_numbers_and_brands(nlp, text, expected):
    assert events(nlp, text) == expected


def test_a_leading_possessive_weekday_is_not_part_of_the_name(nlp):
    assert events(nlp, "Sunday's Vienna Marathon was hot.") == [("Vienna Marathon", "running")]
    assert events(nlp, "Legs still sore from Saturday's twelve miler.") == []


@pytest.mark.parametrize("text, expected", [
    # an owner's name and an ordinal before the event are not part of its name
    ("At Ottilie Brackenfold’s second Ironman 70.3 last May, she lost her way on the bike course.",
     [("Ironman 70.3", "triathlon")]),
    ("Tamsin's second Larkspur Half Marathon went better than her first.",
     [("Larkspur Half Marathon", "running")]),
    # a possessive inside a name, a capital after it, stays
    ("I ran the St Patrick's Day 10K in Larkspur on Sunday.", [("St Patrick's Day 10K", "running")]),
    ("Pupils ran a mile a day for Brackenfold's 12 Lakes Challenge.",
     [("Brackenfold's 12 Lakes Challenge", None)]),
])
def test_an_owner_before_the_event_is_not_part_of_its_name(nlp, text, expected):
    assert events(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "Morning Run\n6.2 km in 34:10",  # default titles
    "Evening Ride\n42 km, 1:31:00",
    "Lunch Swim\n1500 m",
    "No run today. Currently 40 km for the week.",  # fragments: a capital only where a sentence starts
    "Sat 16 km easy.",
    "Easy 8 km. Legs heavy.",
    "New marathon best this morning!",
    "Signed up for the 21K marathon.",
    "Summer open water swims are the best.",
    "Another Full Marathon done and dusted.",
    "We stayed at the Elmfield Race Course.",  # a head before a place or group word
    "The Ridge Hike group met at six.",
    "How Did Kavya Run So Fast?",  # a head made a verb
    "Then the 800 Metre Swim to finish.",  # a unit starts no name
    "Week 3 of marathon training: 45 miles total.",  # a week of a plan, no race
    "Quick 5k before work, felt sluggish.",  # a word of how it went opens no name
])
def test_default_titles_and_fragments_are_no_events(nlp, text):
    assert events(nlp, text) == []


def test_an_event_is_set_on_its_record_not_made_a_record_of_its_own(nlp, blank_extractor, sm_extractor):
    for extractor in (blank_extractor, sm_extractor):
        post = extractor.extract("Ran the Lakeside 50-Mile Trail Race yesterday in 11 hours.", posted_at="2025-10-12")
        assert [(a.activity, a.event.name if a.event else None) for a in post.activities] == [
            ("running", "Lakeside 50-Mile Trail Race")]
        post = extractor.extract("Morning Run\n6.2 km in 34:10", posted_at="2025-10-12")
        assert [(a.activity, a.event) for a in post.activities] == [("running", None)]


def test_named_events_the_model_tells_from_names_of_people(sm_extractor):
    # blank mode takes two capitalised words before a head for a person's name
    assert events(sm_extractor.nlp, "Our club rode the Coastal Cyclothon last weekend.") == [
        ("Coastal Cyclothon", "cycling")]
    # a head with no activity of its own ("challenge") takes one from the name's words
    assert events(sm_extractor.nlp, "Swam the Bay Swim Challenge at dawn.") == [("Bay Swim Challenge", "swimming")]


def test_hashtags_that_end_in_a_head(nlp):
    assert events(nlp, "Great turnout today. #CityCleanRun") == [("CityCleanRun", "running")]
    assert events(nlp, "Signed up. #lakesidemarathon #funrun #run #ride") == [
        ("lakesidemarathon", "running"), ("funrun", "running")]  # "#run": no three letters before the head


@pytest.mark.parametrize("text", [
    "Ran a half marathon on Sunday.",  # no name
    "My first Marathon is done.",  # a determiner and an ordinal are no name
    "Watched the Marathon on TV.",  # a head alone
    "Local Runner Wins City Marathon",  # a headline: every word is capitalised
    "Local Runner Wins City Marathon - Sports News",  # each part of it a headline
    "Coffee, then chores. #motivation #sundayfunday",  # hashtags with no head
    "65 km today with the club. #cycling #sundayride",  # a kind of session before the head, no name
    "Easy 8 km. #longrun #morningrun #weekendride",
    "On Saturdays I swim 3 km in the lake.",  # a weekday in the plural tells a routine's day
    "Then I swim 3 km back to the jetty.",  # the pronoun "I" is no word of a name
    "Bought an Ironman watch, then ran 10 km.",  # a brand after "an" that names a thing
    "Wore my Ironman shirt for the 10 km today.",  # so after a possessive
    "Fantastic 10K race in the rain today.",  # how it went, capitalised as the sentence opens
    "Muddy Trail Race this morning, loved it.",
    "Mile 20 was the hardest of the lot.",  # a point of the course
    "My splits: Mile 1 8:10, Mile 2 8:05.",
])
def test_what_is_not_an_event(nlp, text):
    assert events(nlp, text) == []


def test_a_race_named_in_the_title_of_its_report(nlp):
    """A title a dash, a bar or a colon parts is read part by part: "Brackenfold Marathon 2026" is too
    short for a headline, so its capitals are a name's."""
    text = "Brackenfold Marathon 2026 - Race Report\n\nThe alarm went at 5am and I felt ready."
    assert events(nlp, text) == [("Brackenfold Marathon", "running")]
    # a name long enough for a headline keeps its capitals where the report words follow it past a dash
    text = "Larkspur Trail 50K – Race Report\n\nThe alarm went at 4:30 and I felt ready."
    assert events(nlp, text) == [("Larkspur Trail 50K", "running")]
    # the colons of a time part nothing: the line is judged whole, and holds words in lower case
    text = "Finished the Larkspur Hill City Marathon in 1:40:20! Swam 1500 m in the lido, cold but worth it. 😅"
    assert events(nlp, text) == [("Larkspur Hill City Marathon", "running")]


@pytest.mark.parametrize("text, expected", [
    ("Larkspur 100 race report\n\nFinished in 28:40:12.", [("Larkspur 100", "running")]),
    ("Kelton 50 Recap\n\nWhat a day. Finished in 9:12:40.", [("Kelton 50", "running")]),
    ("Larkspur 100 Race Report\n\nI finished in 28:40:12.", [("Larkspur 100", "running")]),
])
def test_an_ultra_named_by_its_number_in_the_title_of_its_report(nlp, text, expected):
    """A word of a report after the bare number that ends an ultra's name ends the name there, and tells
    of the race as a verb of finishing would; the number counts as one of the name's capitals."""
    assert events(nlp, text) == expected


def test_an_ultra_named_by_its_number_opening_a_title_with_its_course_and_days(nlp):
    """Opening the text's title, before the report that tells of finishing it, the number ends the name,
    whatever follows it on the title's line (a line in Title Case keeps those capitals)."""
    text = "Larkspur 100 Tarnby to Brackenfold October 3-4 2015\n\nThe start was cold. I finished in 27:40."
    assert events(nlp, text) == [("Larkspur 100", "running")]


def test_a_list_named_by_a_number_is_no_ultra(nlp):
    assert events(nlp, "The Top 50 results are out.") == []
    assert events(nlp, "Tarnby 50 Best Cafes Reviewed\n\nThe coffee at the harbour was the best.") == []


def test_an_event_is_the_record_event(blank_extractor):
    post = blank_extractor.extract("Ran the Lakeside Half Marathon on Sunday.")
    assert [(a.activity, a.event.name if a.event else None) for a in post.activities] == [
        ("running", "Lakeside Half Marathon")]


def test_the_factory_declares_what_it_assigns_and_reads(blank_extractor):
    meta = blank_extractor.nlp.get_pipe_meta("fitpost_events")
    assert meta.assigns == ["doc.spans", "span._.fp_event"]
    assert meta.requires == ["span._.fp_person"]


def test_a_named_event_that_opens_the_story_is_its_own_record(blank_extractor, sm_extractor):
    # the parkrun is the session told first; the later parkrun is where the jog went, not it
    text = "On Saturday at the Tonbridge parkrun I set a new PB of 23:55.\nLater I jogged 3 km to and from parkrun."
    for extractor in (blank_extractor, sm_extractor):
        post = extractor.extract(text, posted_at="2025-10-12")
        first = post.activities[0]
        event = first.event.name if first.event else None
        assert (first.evidence.text, event) == ("Tonbridge parkrun", "Tonbridge parkrun")


@pytest.mark.parametrize("text, expected", [
    # a head that names no activity ("challenge", "championships", "series"): the activity word in the name
    ("We did the Hillcrest Cycle Challenge, 80 miles of hills.", [("Hillcrest Cycle Challenge", "cycling")]),
    ("She won the Larkspur Rowing Championships in May.", [("Larkspur Rowing Championships", "rowing")]),
    ("The Riverside Swim Series starts next week.", [("Riverside Swim Series", "swimming")]),
    ("Day 3 of the Kettlewell Squat Challenge.", [("Kettlewell Squat Challenge", "strength_training")]),
])
def test_an_activity_word_in_the_name_gives_the_activity(nlp, text, expected):
    assert events(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Completed Ironman Lanzarote 70.3 in 6:10:22 last weekend.", [("Ironman Lanzarote 70.3", "triathlon")]),
    ("Finished Brookfield Marathon today!", [("Brookfield Marathon", "running")]),
])
def test_a_finishing_verb_opening_the_sentence_is_not_part_of_the_name(nlp, text, expected):
    assert events(nlp, text) == expected


def test_a_personal_best_is_no_part_of_the_event_s_name(nlp):
    assert events(nlp, "Parkrun PB this morning, 21:48!") == [("Parkrun", "running")]
    assert events(nlp, "Larkspur Marathon PB today!") == [("Larkspur Marathon", "running")]


@pytest.mark.parametrize("text", [
    "Brackenfold Half today. Finished in 1:47:12.",
    "Race report: Brackenfold Half. Went out too fast, finished in 1:47:12.",
])
def test_a_word_of_an_event_s_name_is_no_participant(nlp, text):
    # a model may tag the first word of a race's name as a person, and make it the one the text is about
    doc = nlp(text)
    assert [[p.name for p in a.participants] for a in doc._.fp_records] == [[]]


def test_a_brand_takes_no_amount_after_it_into_its_name(nlp):
    """"Ironman 70.3" is a name with its number; in "parkrun 6 weeks in a row" the number is an amount."""
    assert events(nlp, "Parkrun 6 weeks in a row now, and a new best today!") == [("Parkrun", "running")]


def test_a_regatta_is_no_place(blank_extractor):
    [row] = blank_extractor.extract("Rowed in the Brackenfold Regatta on Saturday with my club.").activities
    assert (row.event.name, row.places) == ("Brackenfold Regatta", [])


@pytest.mark.parametrize("text", ["Cheeky 5k before dinner.", "Quick 10k this morning with Elin.",
                                  "Easy 8k recovery jog after yesterday's race."])
def test_a_word_of_a_session_s_kind_opening_a_sentence_starts_no_race_name(extractor, text):
    post = extractor.extract(text, posted_at="2025-06-16")
    assert post.activities and all(a.event is None for a in post.activities)
