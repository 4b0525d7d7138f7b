"""fitpost_activities: the words that state an activity, in blank mode and with the model.

Every post here is written for these tests.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
import spacy

from fitpost import pipeline, resources


@pytest.fixture(params=["blank", "sm"])
def nlp(request):
    """The fitpost pipeline of a session extractor, blank or on the statistical model."""
    return request.getfixturevalue(f"{request.param}_extractor").nlp


def found(nlp, text: str) -> list[tuple[str, str]]:
    """(text, activity) of each activity span."""
    doc = nlp(text)  # the spans need their Doc alive
    return [(s.text, s._.fp_activity.activity) for s in doc.spans["fp_activities"]]


def infos(nlp, text: str) -> dict:
    """Each activity span's text -> its ActivityInfo."""
    doc = nlp(text)
    return {s.text: s._.fp_activity for s in doc.spans["fp_activities"]}


@pytest.mark.parametrize("text, expected", [
    ("Ran 8 km along the canal before breakfast.", [("Ran", "running")]),
    ("Jogged to the bakery and back.", [("Jogged", "running")]),
    ("We went cycling by the river.", [("cycling", "cycling")]),
    ("Out swimmin' at the lido all afternoon.", [("swimmin", "swimming")]),  # a dropped g
    ("Worked out at home: 20 minutes of skipping.", [("Worked out", "workout"), ("skipping", "workout")]),
    ("We rafted the Larkspur gorge on Sunday.", [("rafted", "paddling")]),
    ("Snowshoed up to the hut with Elin.", [("Snowshoed", "hiking")]),
    ("Rucked 10 km with a heavy pack.", [("Rucked", "walking")]),
    ("Abseiled down the crag after lunch.", [("Abseiled", "climbing")]),
    ("Bikepacked across the moors with Jonas.", [("Bikepacked", "cycling")]),
])
def test_verbs(nlp, text, expected):
    assert found(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("A slow swim in the lake after work.", [("swim", "swimming")]),
    ("Tonight's bike ride was windy.", [("bike ride", "cycling")]),
    ("Forty minutes of yoga on the terrace.", [("yoga", "yoga")]),
    ("Day 21 of the challenge: 45 minutes of hatha, feeling strong.", [("hatha", "yoga")]),
    ("She has done three long cycle tours since May.", [("cycle tours", "cycling")]),
    ("Our climb of Mount Ottilie took nine hours.", [("climb of Mount", "hiking")]),
    ("Her ascent of Mt. Brackenfold began at dawn.", [("ascent of Mt.", "hiking")]),
    ("Loved the white water rafting with the club.", [("white water rafting", "paddling")]),
    ("Twenty minutes of core work after dinner.", [("core work", "workout")]),
    ("Did my first via ferrata on Saturday.", [("via ferrata", "climbing")]),
    ("Orienteering in the forest this morning.", [("Orienteering", "running")]),
    ("Muddy cyclocross in the park on Sunday.", [("cyclocross", "cycling")]),
    ("Two hours of windsurfing on the lake.", [("windsurfing", "other")]),
    ("First morning on the skis this winter with Rhodri.", [("on the skis", "skiing")]),
    ("45 min Zwift session this morning, 28 km.", [("Zwift session", "cycling")]),
    ("Did a 30 minute Peloton class before work.", [("Peloton class", "cycling")]),
    ("Did 30 min on the bike trainer instead.", [("on the bike trainer", "cycling")]),
    ("45 minutes on the indoor trainer this morning.", [("on the indoor trainer", "cycling")]),
])
def test_nouns(nlp, text, expected):
    assert found(nlp, text) == expected


def test_races_named_and_bare(nlp):
    half = infos(nlp, "Finished my first half marathon in 2:05 today.")
    assert list(half) == ["half marathon"] and half["half marathon"].activity == "running"
    bare = infos(nlp, "Signed up for their 10k next month.")
    assert list(bare) == ["10k"]
    assert (bare["10k"].activity, bare["10k"].form) == ("running", "race")


@pytest.mark.parametrize("text", [
    "First 10K in years today, 51:02.",
    "Her first 5k since the injury went well.",
    "My last 10k was a slog.",
])
def test_a_first_or_last_race_of_ones_own_is_a_race(nlp, text):
    assert [i.form for i in infos(nlp, text).values()] == ["race"]


@pytest.mark.parametrize("text", ["I ran a 1:52 half last spring.", "Did a 1:45:30 half today."])
def test_a_half_told_with_its_time_is_a_race(nlp, text):
    assert infos(nlp, text)["half"].form == "race"


def test_the_first_or_last_part_of_a_race_is_no_race(nlp):
    assert found(nlp, "The first 5k felt easy, the last 5k hurt.") == []


def test_a_number_with_k_but_no_determiner_is_no_race(nlp):
    assert found(nlp, "Raised 10k for the shelter.") == []
    assert found(nlp, "So proud of this one. Easy 16k recovery jog before work.") == [("jog", "running")]


def test_exercises(nlp):
    got = infos(nlp, "Did 40 push-ups and 3x10 squats after work.")
    assert [(t, i.activity, i.exercise, i.form) for t, i in got.items()] == [
        ("push-ups", "strength_training", "push_up", "exercise"),
        ("squats", "strength_training", "squat", "exercise")]
    yoga = infos(nlp, "Twelve rounds of Surya Namaskar at sunrise.")
    assert [(t, i.activity, i.exercise) for t, i in yoga.items()] == [("Surya Namaskar", "yoga", "sun_salutation")]


def test_a_hashtag_is_a_topic_tag_and_a_handle_no_mention(nlp):
    # "#running" says what the post is about (records read it so), but is no session of its own
    tags = infos(nlp, "Coffee first, then chores. #running #swim")
    assert {text: info.form for text, info in tags.items()} == {"running": "hashtag", "swim": "hashtag"}
    assert found(nlp, "Big thanks to @run for the plan") == []  # a handle is a person


def test_generic_mentions(nlp):
    assert infos(nlp, "She is known for running.")["running"].generic
    # a part of another activity's course, told as a noun: no session
    climb = infos(nlp, "Ran 30 km of trails, but the long climb up to the ridge hurt.")["climb"]
    assert (climb.activity, climb.generic) == ("running", True)
    assert not infos(nlp, "Ran 30 km of trails. Next up: the Larkspur Hill Climb.")["Climb"].generic
    assert not infos(nlp, "He was running 20 km every Sunday.")["running"].generic
    assert not infos(nlp, "We went cycling by the river.")["cycling"].generic
    assert not infos(nlp, "Their cycling has improved a lot.")["cycling"].generic
    # a gerund told with how often is a routine's session, joined to another or not
    assert not infos(nlp, "Walking 5 miles a day and swimming twice a week.")["swimming"].generic
    if nlp.has_pipe("parser"):  # with no parse a gerund after "and" is read as a session
        assert infos(nlp, "She loves walking and swimming.")["swimming"].generic


def test_a_gerund_right_after_its_amount_is_a_session(nlp):
    """"30 min running": that much of it, not running in general."""
    assert not infos(nlp, "Done! 30 min running.")["running"].generic
    assert not infos(nlp, "Week 7 done ✅ 30 min running!")["running"].generic


def test_generic_gerund_as_subject_with_the_model(sm_extractor):
    assert infos(sm_extractor.nlp, "Running is good for the heart.")["Running"].generic
    # with its clause as the subject: no session, nor a date for the session told beside it
    text = "We met at Tarnby lido at 7am and swam 2 km. Swimming outdoors in November is not for everyone."
    assert infos(sm_extractor.nlp, text)["Swimming"].generic
    (a,) = sm_extractor.extract(text, posted_at="2025-11-10").activities
    assert a.date is None
    # told in the past, it is one session
    assert not infos(sm_extractor.nlp, "Swimming in Tarnby Lake with Elin last week was lovely.")["Swimming"].generic


@pytest.mark.parametrize("model", ["blank", "sm"])
def test_a_gerund_naming_the_session_noun_after_it_is_a_session(request, model):
    """"Climbing session ... sent my first 6c": the subject is the session, which a model's parse may make
    the gerund's head; it is one session, not climbing in general."""
    text = "Climbing session at the wall tonight with Bram: sent my first 6c, about two hours."
    extractor = request.getfixturevalue(f"{model}_extractor")
    assert not infos(extractor.nlp, text)["Climbing session"].generic
    (a,) = extractor.extract(text, posted_at="2025-11-10").activities
    assert (a.activity, a.duration.seconds, [p.name for p in a.participants]) == ("climbing", 7200, ["Bram"])


def test_a_word_both_verb_and_noun_after_a_determiner_is_a_noun(nlp):
    assert infos(nlp, "Ottilie and I packed the van for our kayaking trip.")["kayaking"].form == "noun"
    assert infos(nlp, "Really pleased with my run.")["run"].form == "noun"
    assert infos(nlp, "We ran by the river.")["ran"].form == "verb"


def test_a_word_both_verb_and_noun_after_an_amount_is_a_noun(nlp):
    assert infos(nlp, "I liked these 8 km runs by the canal.")["runs"].form == "noun"
    assert found(nlp, "Skied from the top to Larkspur, 12 km of runs.") == [("Skied", "skiing"), ("runs", "skiing")]
    assert infos(nlp, "Halfway through a 40 minute swim I lost a goggle.")["swim"].form == "noun"


def test_a_circuit_after_a_distance_is_a_course_no_workout(nlp):
    assert found(nlp, "Rowed the 9 km circuit on Tarnside reservoir.") == [("Rowed", "rowing")]
    assert found(nlp, "Circuits at the gym tonight, then a 5 km jog.") == [("Circuits", "workout"), ("jog", "running")]


def test_a_course_s_distance_goes_to_the_session_told(extractor):
    text = "Elin became the first to swim around Larkspur Isle. She completed the 21 km circuit in 9 hours."
    got = [(a.activity, a.distance and a.distance.meters, a.duration and a.duration.seconds)
           for a in extractor.extract(text).activities]
    assert got == [("swimming", 21000, 9 * 3600)]


def test_a_verb_form_after_an_article_or_a_possessive_is_the_thing(nlp):
    assert found(nlp, "Ottilie and I shared a kayak, and I left my bike at home.") == []
    assert found(nlp, "Of the forty starters, twelve were in the sprint.") == []
    assert found(nlp, "Rhodri and I sat in one kayak, Ottilie in another.") == []


@pytest.mark.parametrize("text", [
    "Former rugby player Bram Kettle spoke at the dinner.",
    "The retired boxing champion opened the new gym.",
    "Ottilie, a swimming international in her youth, now coaches.",
    "The cycling team and a football referee were at the launch.",
])
def test_a_sport_naming_a_role_or_a_team_is_no_session(nlp, text):
    assert found(nlp, text) == []


def test_a_possessive_climb_of_a_hill_named_is_a_session(nlp):
    assert found(nlp, "Still sore from my climb of Ben Larkspur last weekend.") == [("climb", "climbing")]
    assert found(nlp, "Our climb up Brackenfold Pike took five hours.") == [("climb", "climbing")]
    assert found(nlp, "My climb was slow.") == []


def test_idioms_and_compound_modifiers_are_not_activities(nlp):
    assert found(nlp, "In the long run it pays off, and I am running late.") == []
    assert found(nlp, "Bought new running shoes and a cycling helmet.") == []
    assert found(nlp, "Took the train home and walked the talk.") == []
    assert found(nlp, "Skipped the gym, work ran late.") == []
    # a swim's support craft is no session of its own
    text = "She swam across Lake Tarn, followed by a safety kayak and a support boat."
    assert found(nlp, text) == [("swam", "swimming")]
    # a ski lift is no strength training
    assert found(nlp, "We skied from the top lift to the Larkspur chair lift.") == [("skied", "skiing")]
    assert found(nlp, "Queued for a lift pass, then skied till four.") == [("skied", "skiing")]
    # gear and passes named by the activity, which a tagger may read as an adjective
    assert found(nlp, "Bought a new ski jacket and a ski pass.") == []
    assert found(nlp, "Picked up ski boots and goggles from the ski hire.") == []


def test_over_before_a_number_is_more_than_it_not_an_idiom(nlp):
    assert found(nlp, "Nearly got run over by a van on the way home.") == []
    # "run over 30 miles": over the amount, a run
    assert found(nlp, "Next on the list: run over 40 miles in one go.") == [("run", "running")]


@pytest.mark.parametrize("text", ["Ski day number 12 for me and number 9 for Elin.", "Hike day: 14 miles with Bram."])
def test_the_activity_of_a_day_named_for_it_is_one(nlp, text):
    # "Ski day": a day of skiing, not a modifier as in "ski jacket"
    assert len(found(nlp, text)) == 1


@pytest.mark.parametrize("text, expected", [
    ("Played five-a-side with the lads tonight.", "five-a-side"),
    ("Sparring at the gym, 6 rounds with Dan.", "Sparring"),
    ("Two hours of jiu-jitsu this evening.", "jiu-jitsu"),
    ("An hour of water polo after work.", "water polo"),
])
def test_other_sports_people_report(nlp, text, expected):
    assert found(nlp, text) == [(expected, "other")]


@pytest.mark.parametrize("text, activity", [
    ("Went to a yoga class tonight.", "yoga"),
    ("My pilates class this morning was tough.", "pilates"),
])
def test_a_class_of_an_activity_is_a_session_of_it(extractor, text, activity):
    post = extractor.extract(text, posted_at="2025-05-07")
    assert [(a.activity, a.status) for a in post.activities] == [(activity, "completed")]


def test_records_name_the_activity(blank_extractor):
    post = blank_extractor.extract("Swam 1.5 km, then did 30 push-ups.")
    assert [(a.activity, a.exercise) for a in post.activities] == [("swimming", None), ("strength_training", "push_up")]


def test_the_factory_declares_what_it_assigns_and_reads(blank_extractor):
    meta = blank_extractor.nlp.get_pipe_meta("fitpost_activities")
    assert meta.assigns == ["doc.spans", "span._.fp_activity"]
    assert meta.requires == ["span._.fp_quantity"]


def test_a_lexicon_naming_an_activity_the_records_lack_is_refused_at_load(tmp_path):
    lexicon = json.loads(json.dumps(resources.load_json("activities.json")))
    lexicon["activities"]["fencing"] = {"sport_type": "Workout", "verbs": ["fenced"], "nouns": []}
    path = tmp_path / "activities.json"
    path.write_text(json.dumps(lexicon), encoding="utf-8")
    pipeline.register_components()
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="'fencing' not among the activity types of the records"):
        nlp.add_pipe("fitpost_activities", config={"lexicon": str(path)})


# A new activity in a copy of the lexicon, with nothing changed in Python: fitpost is imported in
# a fresh interpreter whose resources give that copy for models/activities.json.
_NEW_ACTIVITY = textwrap.dedent("""
    import copy, json
    from fitpost import resources
    packaged = resources.load_json

    def load_json(name):
        data = packaged(name)
        if name == "activities.json":
            data = copy.deepcopy(data)
            data["types"].insert(data["types"].index("other"), "fencing")
            data["activities"]["fencing"] = {"sport_type": "Workout", "verbs": ["fence", "fenced", "fencing"],
                                             "nouns": ["fencing bout", "fencing bouts"]}
        return data

    resources.load_json = load_json
    from fitpost import Extractor
    from fitpost.schema import Post
    post = Extractor(model="blank").extract("Fenced for forty minutes at the club tonight, then two fencing bouts.")
    enum = Post.model_json_schema()["$defs"]["Activity"]["properties"]["activity"]["enum"]
    print(json.dumps({"records": [a.model_dump(mode="json") for a in post.activities], "enum": enum}))
""")


def test_an_activity_added_to_the_lexicon_is_extracted_with_no_change_in_python():
    run = subprocess.run([sys.executable, "-c", _NEW_ACTIVITY], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["enum"][-2:] == ["fencing", "other"]
    assert [r["activity"] for r in out["records"]] == ["fencing"]
    assert out["records"][0]["evidence"]["text"] == "Fenced"
    assert out["records"][0]["duration"]["seconds"] == 2400


@pytest.mark.parametrize("text, expected", [
    ("Ran a half this morning in 1:52.", True),
    ("Ran the city half today.", True),
    ("My half, finally done!", True),
    ("It took half an hour.", False),
    ("The second half of the course was hilly.", False),
    ("We were nearly at the half-way mark.", False),
    ("Walked for an hour and a half with the dog.", False),  # inside a duration
    ("Rode for two and a half hours, then ran the half.", True),
])
def test_a_half_alone_is_a_half_marathon(nlp, text, expected):
    assert ("half", "running") in found(nlp, text) if expected else all(t != "half" for t, _ in found(nlp, text))


@pytest.mark.parametrize("text, expected", [
    ("Third week of marathon training: 52 km this week.", []),  # what one trains for
    ("My ultra plan starts on Monday.", []),
    ("Swim training this morning, 2.5 km.", [("Swim", "swimming")]),  # a session of swim training
    ("Ran the marathon in 3:50, my training paid off.", [("Ran", "running"), ("marathon", "running")]),
])
def test_a_race_before_training_or_a_plan_is_no_session(nlp, text, expected):
    assert found(nlp, text) == expected


def test_an_activity_word_before_an_agent_noun_describes_a_person(nlp):
    """"a keen marathon runner" says who someone is; the race they ran is told elsewhere."""
    assert found(nlp, "She is a keen marathon runner and a former bike rider.") == []


def test_riding_a_vehicle_is_no_ride(nlp):
    assert found(nlp, "Rode the bus to work, then riding an auto back home.") == []


@pytest.mark.parametrize("text", [
    "Ottilie grew up in Tarnby, where her parents ran a small bakery.",
    "He runs the family farm near Larkspur.",
    "She ran the cafe on the quay for ten years.",
    "He used to run a business in Tarnby.",
    "Running a company is hard work.",
])
def test_running_a_business_is_no_run(nlp, text):
    assert found(nlp, text) == []


def test_running_to_a_shop_is_a_run(nlp):
    assert found(nlp, "Ran to the shop and back, 3 km.") == [("Ran", "running")]
    assert found(nlp, "Rode 30 km to work.") == [("Rode", "cycling")]


def test_an_exercise_named_in_a_yoga_pose_is_no_set_of_it(nlp):
    got = found(nlp, "The flow ran through Mountain Pose, Squat Pose and Lunge Pose.")
    assert all(act != "strength_training" for _, act in got), got
    assert ("planks", "strength_training") in found(nlp, "Did 3 planks and 40 squats.")


def test_setting_a_personal_record_is_a_session_of_the_text(nlp):
    """"PRd", "PB'd": a personal record set, in the activity the text is about"""
    assert found(nlp, "PRd on the hilly 5 mile loop this morning.") == [("PRd", "running")]
    assert found(nlp, "Swam at the lido this morning and PB'd over 400 m!") == [
        ("Swam", "swimming"), ("PB'd", "swimming")]


def test_a_programmes_session_by_week_and_day_is_a_session(nlp, blank_extractor):
    """in a text naming a programme (Couch to 5K), "W4 R2", "W6D1", "week 3 day 1" is one of its runs"""
    assert found(nlp, "Half way through C25K: W4 R2 this morning, legs heavy.") == [("W4 R2", "running")]
    assert found(nlp, "Couch to 5K, W6D1 done in the rain!") == [("W6D1", "running")]
    assert found(nlp, "W6D1 sounds like the name of a robot.") == []  # no programme named
    post = blank_extractor.extract("Couch to 5K week 5 day 2 done in the rain!")
    assert [(a.activity, a.duration) for a in post.activities] == [("running", None)]  # "5 day" is no time


def test_an_edition_is_the_race_of_the_text(nlp):
    """"the next edition" of a race is a race, of the activity the text is about; a magazine's edition is no
    race, nor is the magazine of an activity."""
    assert found(nlp, "Swam the Larkspur Lake Swim. I hope to swim the next edition too.") == [
        ("Swam", "swimming"), ("Swim", "swimming"), ("swim", "swimming"), ("edition", "swimming")]
    assert found(nlp, "I bought the new edition of the running magazine today.") == []


@pytest.mark.parametrize("text, activity, place, people", [
    ("Hiked Mount Larkspur with Rhodri and Tamsin yesterday.", "hiking", "Mount Larkspur", ["Rhodri", "Tamsin"]),
    ("Cycled Larkspur Pass with Tamsin today.", "cycling", "Larkspur Pass", ["Tamsin"]),
    ("Paddled Brackenfold Lake this morning.", "paddling", "Brackenfold Lake", []),
])
def test_a_past_verb_opening_a_sentence_is_the_activity_not_a_name_s_first_word(extractor, text, activity,
                                                                                place, people):
    post = extractor.extract(text)
    assert [(a.activity, [p.name for p in a.places], [p.name for p in a.participants]) for a in post.activities] \
        == [(activity, [place], people)]


def test_a_race_distance_ending_a_race_s_name_is_run_whatever_else_the_text_names(extractor):
    post = extractor.extract("Signed up for the Larkspur 10K! Signed up for the Brackenfold Sportive too!")
    assert [(a.activity, a.event.name if a.event else None) for a in post.activities] == \
        [("running", "Larkspur 10K"), ("cycling", "Brackenfold Sportive")]


@pytest.mark.parametrize("text, expected", [
    ("Sunday funday 🚴‍♀️ 62 km loop through the valley.", [("cycling", "62 km")]),
    ("🏊 2.2 km in the lake at 6am", [("swimming", "2.2 km")]),
    ("Monday motivation 🏃‍♀️ #fitfam", []),  # an emoji with no amount beside it is decoration
])
def test_a_sport_emoji_beside_its_amount_is_a_session(blank_extractor, sm_extractor, text, expected):
    for extractor in (blank_extractor, sm_extractor):
        post = extractor.extract(text)
        assert [(a.activity, a.distance.text) for a in post.activities] == expected


def test_on_the_bike_is_a_session_only_beside_its_amount(nlp):
    """"20 min on the bike" at the gym is a ride; "left my keys on the bike" is no session."""
    assert not infos(nlp, "45 min on the rower and 20 min on the bike at the gym.")["on the bike"].generic
    assert infos(nlp, "Left my keys on the bike.")["on the bike"].generic


@pytest.mark.parametrize("text, means", [
    ("100 miles on a fixie in the rain. Never again.", "on a fixie"),
    ("45 km on my gravel bike this morning.", "on my gravel bike"),
])
def test_a_kind_of_bike_beside_its_amount_is_a_ride(nlp, text, means):
    assert not infos(nlp, text)[means].generic
    assert infos(nlp, "Left my keys on my road bike.")["on my road bike"].generic


def test_skipping_a_session_named_with_a_possessive_day_is_no_rope_skipping(nlp):
    """"Skipping tonight's run": a missed run; "10 minutes of skipping" is the exercise."""
    assert ("Skipping", "workout") not in found(nlp, "Skipping tonight's run, too tired.")
    assert ("Skipped", "workout") not in found(nlp, "Skipped Sunday's long run.")
    assert ("skipping", "workout") in found(nlp, "10 minutes of skipping as a warm-up.")


def test_a_spinning_class_is_a_ride(extractor):
    (spin,) = extractor.extract("Spinning class at 6am, 45 minutes, then breakfast.", posted_at="2026-03-08").activities
    assert spin.activity == "cycling" and spin.duration.seconds == 2700.0
    assert extractor.extract("My head was spinning all afternoon.", posted_at="2026-03-08").activities == []


def test_climbing_told_as_a_route_s_height_is_no_activity(extractor):
    # "1,100 m of climbing", "lots of climbing": the hills of the ride or hike, not a climbing session
    post = extractor.extract("18 km and 1,100 m of climbing today.", posted_at="2026-03-08")
    assert [a.activity for a in post.activities] != ["climbing"]
    post = extractor.extract("Ran 10 km, 200 m climbing, 52 minutes.", posted_at="2026-03-08")
    assert [a.activity for a in post.activities] == ["running"] and post.activities[0].duration.seconds == 3120
    post = extractor.extract("Stage two: 62 miles today, lots of climbing.", posted_at="2026-03-08")
    assert [a.activity for a in post.activities] != ["climbing"]
    assert [a.activity for a in extractor.extract("A day of climbing at the Larkspur crag with Jo.",
                                                  posted_at="2026-03-08").activities] == ["climbing"]


@pytest.mark.parametrize("text", [
    "Ran the Tarnside half marathon today. Hit the wall at mile 10 and walked the drinks station, still a PB.",
    "Long run on the fells, 24 km. Walked most of the climbs and ran the rest.",
])
def test_a_walk_break_in_a_run_is_no_walk(extractor, text):
    assert [a.activity for a in extractor.extract(text, posted_at="2025-04-14").activities] == ["running"]


def test_a_walk_over_hills_in_a_walking_text_is_a_walk(extractor):
    post = extractor.extract("We walked the hills above the bay for three hours.", posted_at="2025-04-14")
    assert [a.activity for a in post.activities] == ["walking"]


def test_a_gerund_subject_of_a_past_copula_is_one_session(sm_extractor):
    post = sm_extractor.extract("Swimming in Lake Tarn with Elin was lovely, 2 km.", posted_at="2026-06-10")
    assert [(a.activity, a.distance.value) for a in post.activities] == [("swimming", 2.0)]
    assert sm_extractor.extract("Running is my therapy.", posted_at="2026-06-10").activities == []
