"""Who took part in each record: companions, the default people and those who only watched.

Each post is written for these tests.  Most cases run in blank mode and with the
statistical pipeline; a few need the parse and run with it alone.
"""
from __future__ import annotations

import pytest


def people(extractor, text: str, author: str | None = None) -> list[list[dict]]:
    """Each record's participants, the fields that are set."""
    post = extractor.extract(text, author=author)
    return [[{k: v for k, v in p.model_dump().items() if v} for p in a.participants] for a in post.activities]


def names(extractor, text: str, author: str | None = None) -> list[list[str]]:
    return [[p.get("name") or p.get("handle") or p.get("relation") for p in ps]
            for ps in people(extractor, text, author)]


# -- companions ------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Ran the Larkspur parkrun with my sister Elin and her husband Bram. 27:40.", [["Elin", "Bram"]]),
    ("Rode to Tarnby with my wife, Elin, and our son Jonas.", [["Elin", "Jonas"]]),
])
def test_a_list_of_company_goes_on_past_a_relatives_name(extractor, text, expected):
    """"with my sister Elin and her husband Bram": the list goes on after the name told with the relation."""
    assert names(extractor, text) == expected


@pytest.mark.parametrize("text", [
    "Elin Moss, Ottilie Brandt and Tamsin Hale ran the relay in 1:12:40.",
    "Ottilie Brandt and Tamsin Hale swam the Tarnby mile on Sunday.",
])
def test_each_name_of_a_list_of_people_takes_part(extractor, text):
    # a model may tag the last name of a list as an organisation
    assert names(extractor, text)[0][-1] == "Tamsin Hale"


def test_each_name_of_a_list_with_ages_in_brackets_takes_part(extractor):
    # an age in brackets after each name ends no list, for the model's names and for the session's subject
    text = "Elin Moss (34), Jonas Berg (41) and Tamsin Hale (29) walked 120 km from Tarnby to Larkspur last week."
    assert names(extractor, text) == [["Elin Moss", "Jonas Berg", "Tamsin Hale"]]


def test_each_name_listed_after_comprising_takes_part(extractor):
    # the model may leave the first name untagged: listed right before a person, it is one
    text = "The team, comprising Rhodri Vance, Bram Kettle, Ottilie Brandt and Tamsin Hale, will be cycling from " \
           "Tarnby to Larkspur."
    assert names(extractor, text) == [["Rhodri Vance", "Bram Kettle", "Ottilie Brandt", "Tamsin Hale"]]


@pytest.mark.parametrize("text", [
    "Tue 8 miles easy, Thu 5 miles recovery, Sat 18 miles long with Jonas.",
    "Ran 8 km on Tuesday, 5 km on Thursday and 18 km on Saturday with Jonas.",
])
def test_company_told_after_the_last_session_of_a_list_is_that_session_s(extractor, text):
    assert names(extractor, text) == [[], [], ["Jonas"]]


def test_the_subject_who_went_for_a_session_took_part_with_the_company(extractor):
    text = "Elin Moss went for a 10 km run with her sister, Ottilie Brandt, on Sunday."
    assert names(extractor, text) == [["Elin Moss", "Ottilie Brandt"]]


@pytest.mark.parametrize("text", [
    "Rhodri Vance and his son Tam completed the 100 km walk in 26 hours on Saturday.",
    "Elin Moss and her daughter Tamsin finished the Larkspur half in 2:05.",
])
def test_the_subject_of_a_verb_whose_object_is_the_session_did_it(extractor, text):
    """"completed the 100 km walk": a tagger may read the session's noun as a verb; as the verb's object it is a
    noun, and the verb's subject (a name and a relative here) did it."""
    assert len(names(extractor, text)[0]) == 2


def test_along_with_a_thing_brings_no_company(extractor):
    text = ("Elin Moss ran the Tarnby Marathon in 4:47:40 on Sunday. "
            "Back home, Rhodri Vance posted a cheer, along with a photo of his cat.")
    assert names(extractor, text) == [["Elin Moss"]]
    text = "Elin Moss ran the Tarnby Marathon in 4:47:40 on Sunday. Rhodri Vance came along with a friend."
    assert names(extractor, text) == [["Elin Moss", "Rhodri Vance"]]


def test_a_relative_praised_after_the_possessive_is_the_company(extractor):
    assert names(extractor, "Did some yoga with her dear son Bram on Sunday.") == [["Bram"]]
    assert names(extractor, "Went for a 10 km run with my lovely wife Tamsin today.") == [["Tamsin"]]


def test_a_name_joined_by_and_before_an_organisations_title_holder_is_a_subject_too(extractor):
    text = ("TV producer Jonas Berg and Larkspur Group CEO Elin Moss stood out among "
            "20,000 runners at Sunday's Tarnby Marathon.")
    assert names(extractor, text) == [["Jonas Berg", "Elin Moss"]]


def test_a_list_of_one_word_names_after_with_are_all_companions(extractor):
    assert names(extractor, "I kayaked 6 km on the river today with Kirsten, Bruno and Joanne.") == \
        [["Kirsten", "Bruno", "Joanne"]]


def test_each_of_two_sessions_told_in_one_sentence_has_its_own_company(extractor):
    """The company cue after a second activity verb is that session's; "with Asha" is the ride's alone."""
    assert names(extractor, "Rode 40 km with Jonas and ran 5 km with Mia.") == [["Jonas"], ["Mia"]]
    assert names(extractor, "I ran 10 km with Asha and then swam 1 km with Tom.") == [["Asha"], ["Tom"]]
    # an activity word inside an event's name opens no clause: the company is still the session's
    assert names(extractor, "Will be running the Brackenfold Lake Swim next Saturday with @tamsin.rides.") == \
        [["@tamsin.rides"]]
    # a list of sessions, the parse hanging the first and the last from the middle one
    text = "Yoga at 7, then a 30 minute walk with Elin at lunch, and a quick 20 minute spin on the trainer tonight."
    assert names(extractor, text) == [[], ["Elin"], []]


@pytest.mark.parametrize("text", [
    "My friend Ottilie swims every week. Last year I joined her for a rough swim to the far pier.",
    "My friend Ottilie swims every week. I accompanied her on a long swim across the bay in June.",
])
def test_whom_the_author_joined_or_accompanied_took_part(extractor, text):
    # the object of "joined" or "accompanied" shares the session with its subject
    assert names(extractor, text)[-1] == ["Ottilie"]


def test_people_who_came_along_or_were_there_are_the_company_of_the_session_told_next(extractor):
    assert names(extractor, "The whole gang came along today. Ottilie, Tamsin and Rhodri were all there. "
                            "We ran 10 km round the lake.") == [["Ottilie", "Tamsin", "Rhodri"]]
    assert names(extractor, "Tamsin and Rhodri came along this morning. We rode 40 km to the coast.") == \
        [["Tamsin", "Rhodri"]]


@pytest.mark.parametrize("text", [
    "Rode the Brackenfold Sportive on Sunday. Rhodri came with me.",
    "Rode 60 km along the coast on Sunday. Rhodri came with us.",
])
def test_one_who_came_with_the_author_is_the_company_of_the_session_told_before(extractor, text):
    assert names(extractor, text) == [["Rhodri"]]


@pytest.mark.parametrize("text, company", [
    ("Hiked up Tarn Crag with Bram. Jonas caught up with us at the top.", ["Bram", "Jonas"]),
    ("Walked 14 km along the ridge today with Bram. Jonas followed on after lunch.", ["Bram", "Jonas"]),
    ("Walked 14 km along the ridge today. Bram set off with me at six.", ["Bram"]),
    ("Walked 14 km along the ridge today with Bram. Jonas would follow an hour behind on foot.", ["Bram", "Jonas"]),
    ("Walked 14 km along the ridge today with Bram. Jonas followed us with the dog.", ["Bram", "Jonas"]),
])
def test_one_who_set_off_with_the_author_or_came_along_later_is_company_too(extractor, text, company):
    assert names(extractor, text) == [company]


@pytest.mark.parametrize("text", [
    "New PB at Tarnby parkrun today!! 22:47 Thanks @elin.moss for pacing me",
    "New PB at Tarnby parkrun today. @elin.moss paced me all the way.",
])
def test_a_handle_thanked_for_pacing_the_author_is_the_company_of_the_session(extractor, text):
    assert names(extractor, text) == [["@elin.moss"]]


def test_the_members_a_team_is_said_to_include_are_the_company_of_its_session(extractor):
    assert names(extractor, "A group of officers is cycling from Ashby to Kelton. "
                            "The team includes Ivo Sen, Tom Bale and Josh Keel.") == \
        [["Ivo Sen", "Tom Bale", "Josh Keel"]]
    assert names(extractor, "Six nurses will walk 100 km for charity next month. "
                            "Team members are Ana Lind, Mia Roe and Jo Kett.") == [["Ana Lind", "Mia Roe", "Jo Kett"]]


def test_the_sentence_of_company_is_a_mention_of_the_session_by_its_companion_cue(extractor):
    post = extractor.extract("We rode 40 km to the coast. Tamsin and Rhodri came along too.")
    assert [(m.text, m.start) for m in post.activities[0].mentions] == [("came along", 46)]


def test_people_thanked_for_the_company_or_listed_under_a_label_took_part(extractor):
    assert names(extractor, "Skied the north bowl all day! Thanks to Ottilie, Tamsin and Rhodri for the company.") == \
        [["Ottilie", "Tamsin", "Rhodri"]]
    assert names(extractor, "Hikers: Benedikt, Ottilie, Rhodri\nDistance: 12 km\nTime: 3 hours 35 min") == \
        [["Benedikt", "Ottilie", "Rhodri"]]


def test_who_led_or_headed_the_group_took_part(extractor):
    assert names(extractor, "The club has begun a cycling expedition from Larkspur to Brackenfold. Twelve riders "
                            "make up the squad, which is headed by club captain Ottilie Benedikt. The riders "
                            "will pedal 900 km in 12 days.") == [["Ottilie Benedikt"]]
    assert names(extractor, "The walk was led by Rhodri and covered 14 miles.") == [["Rhodri"]]  # one word


@pytest.mark.parametrize("text", [
    "The 10-member team, led by Major Rhodri Vance, will trek 300 km across the Tarnby Range.",
    "The team, led by Rhodri Vance, will trek 300 km across the Tarnby Range.",
])
def test_a_leader_a_model_takes_for_an_organisation_took_part(extractor, text):
    assert names(extractor, text) == [["Rhodri Vance"]]


def test_after_with_a_name_a_model_takes_for_an_organisation_stays_no_one(sm_extractor):
    # a club is named after "with" as often as a person
    assert names(sm_extractor, "Swam 2 km with Tarnby Masters.") == [[]]


def test_a_leader_named_with_a_rank_took_part(extractor):
    # a model may tag a rank and a name with initials as an organisation
    text = ("An Air Force team is riding from Tarnby to Larkspur on a cycling expedition, led by Group Captain "
            "RB Kettle.")
    assert names(extractor, text) == [["RB Kettle"]]


def test_a_one_word_name_before_a_verb_of_doing_took_part(extractor):
    assert names(extractor, "Ottilie went for a run with Tamsin.") == [["Ottilie", "Tamsin"]]
    assert names(extractor, "Ottilie went for an early morning ride with Tamsin.") == [["Ottilie", "Tamsin"]]
    # the activity word must follow in the verb's own sentence: "Rain did not stop us. Yoga ..."
    text = ("Walked 9 km today with my sister. Coffee first, then the hills. Rain did not stop us. "
            "Yoga flow for 30 minutes at sunrise. Slow and steady, but we got there.")
    assert names(extractor, text, author="ottilie") == [["ottilie", "sister"], ["ottilie"]]
    assert names(extractor, "Rhodri completed the Larkspur Marathon on Sunday.") == [["Rhodri"]]


@pytest.mark.parametrize("text, expected", [
    ("After the death of his wife, Jonas walked 5 miles every day.", [["Jonas"]]),
    ("After the deaths of her mother and sister, Tamsin walked 5 miles every day.", [["Tamsin"]]),
    ("In memory of her father and brother, Tamsin swam 2 km across Tarnby Lake.", [["Tamsin"]]),
    ("In honour of my late dad, I rode 100 miles today.", [[]]),
    # a subject after the comma that ends such a phrase took part
    ("Filmed by her son and daughter, Tamsin swam 2 km across Tarnby Lake.", [["Tamsin"]]),
])
def test_people_remembered_or_only_mentioned_before_a_session_took_no_part(extractor, text, expected):
    assert names(extractor, text) == expected


def test_the_subject_of_a_result_told_in_news_took_part(extractor):
    # the time goes to the race, and the one who ran it with it; the mayor named with a title only cheered
    text = ("Over 6,000 runners took part in the Brackenfold Marathon on Sunday, cheered on by mayor David Cole. "
            "Local teacher Emily Carter finished in 2:41:50.")
    assert names(extractor, text) == [["Emily Carter"]]
    assert names(extractor, "Over 6,000 runners took part in the Brackenfold Marathon on Sunday, cheered on by "
                            "mayor David Cole.") == [[]]


def test_a_person_named_as_a_walker_or_a_participant_took_part(blank_extractor):
    post = blank_extractor.extract(
        "People laced up and walked 26 miles from Larkspur to Brackenfold for a good cause.\n\n"
        "Tamsin Rhodri, one of the finishers, told us it was hard.\n\n"
        "Ottilie Benedikt, a walker from the club, added: \"Every mile was for the children.\"")
    assert [[p.name for p in a.participants] for a in post.activities] == [["Tamsin Rhodri", "Ottilie Benedikt"]]


def test_people_there_to_cheer_took_no_part(extractor):
    assert names(extractor, "We swam 2 km in the lake. My parents were there to cheer us on.") == [[]]


def test_both_of_two_named_people(extractor):
    assert names(extractor, "Dave and Priya ran 10 km by the canal.") == [["Dave", "Priya"]]


def test_a_relative_coordinated_after_a_companion(extractor):
    assert names(extractor, "Running with Tom and his brother Benedikt this morning, 12 km of hills.") == \
        [["Tom", "Benedikt"]]
    assert people(extractor, "Ran 10 km with my wife and her sister.") == \
        [[{"relation": "wife"}, {"relation": "sister"}]]


def test_a_name_listed_after_a_handle_is_a_companion(extractor):
    assert people(extractor, "Cycled with @jen_rides and Ottilie to the coast, 65 km.") == \
        [[{"handle": "@jen_rides"}, {"name": "Ottilie"}]]


def test_a_name_and_i(extractor):
    assert names(extractor, "Omar and I swam 1.5 km in the lake before breakfast.") == [["Omar"]]


def test_a_companion_by_relation_is_written_with_the_relation(extractor):
    assert people(extractor, "Ran 9 km with my dad this morning.") == [[{"relation": "dad"}]]
    assert people(extractor, "Went for a 10 km run with my wife Leela this morning.", author="nadia.k") == \
        [[{"name": "nadia.k"}, {"name": "Leela", "relation": "wife"}]]


# -- the default people ------------------------------------------------------------------------
def test_in_a_first_person_post_the_person_most_named_is_not_every_records_companion(extractor):
    text = ("Rode 40 km with Kirsten this morning. Kirsten is training for her first century and Kirsten "
            "loves hills.\n\nIn the evening I swam 2 km.")
    assert names(extractor, text) == [["Kirsten"], []]
    assert names(extractor, text, author="nadia.k") == [["nadia.k", "Kirsten"], ["nadia.k"]]


def test_we_in_a_first_person_post_is_the_author_and_the_company_the_post_names(extractor):
    text = ("Day 3 of the coast walk. We walked 31 km from Alnmouth to Craster in the rain. "
            "My legs were done by the end.\n\nTomorrow is a rest day, then more walking. "
            "Funny how Anika and I never run out of things to talk about.")
    assert names(extractor, text)[0] == ["Anika"]


def test_in_a_news_story_an_unnamed_subject_is_no_ones_default(sm_extractor):
    text = ("The 80-year-old ran the city half marathon on Sunday in 2:31, organisers said. "
            "Organiser Paul Hendry called it remarkable.")
    assert names(sm_extractor, text) == [[]]


@pytest.mark.parametrize("text, name", [
    ("On Saturday 17th May, 240 riders took part in the third Larkspur Coast Sportive. "
     "Local rider Jonas Berg was first home over the 160 km course in 4 hours 52 minutes.", "Jonas Berg"),
    ("Hundreds of swimmers took to Lake Tarnby on Sunday for the annual 2 km crossing. "
     "Elin Moss, 15, was the fastest in 28 minutes.", "Elin Moss"),
])
def test_a_crowd_as_the_subject_leaves_the_person_the_story_names(sm_extractor, text, name):
    """"240 riders took part": a crowd the named person is one of, no unnamed someone who did it alone."""
    assert names(sm_extractor, text) == [[name]]


def test_in_a_news_story_the_person_it_is_about_did_it(extractor):
    text = "Maria Lopez is back on the bike. A 40 km ride to the dam on Saturday was her first since the crash."
    assert names(extractor, text) == [["Maria Lopez"]]


def test_a_relative_described_by_age_is_the_person_the_story_names(extractor):
    # "a 68-year-old grandmother" describes the one the story is about, no relative of the author
    text = ("A 68-year-old grandmother from Larkspur has walked 1,000 miles along the coast for the hospice. "
            "Ottilie Grey set off in January and finished on Saturday.")
    assert names(extractor, text) == [["Ottilie Grey"]]
    assert names(extractor, "An 80 year old grandfather swam 5 km in the lake on Sunday.") == [[]]


# -- who only watched --------------------------------------------------------------------------
def test_who_flagged_off_or_cheered_took_no_part(extractor):
    assert names(extractor, "Actor Rohan Verma flagged off the 10 km run on Sunday.") == [[]]
    assert names(extractor, "Filmed by her son, Tamsin danced for two hours at the street party.") == [["Tamsin"]]
    text = "Ravindra Oakes ran the 10 km race in 48:10 while his daughter Anvika Oakes cheered from the finish line."
    assert names(extractor, text) == [["Ravindra Oakes"]]


def test_one_named_only_with_an_office_took_no_part(extractor):
    """"Organiser Rhodri Vance said ...": the office holder the story quotes is no rider by default; with a
    verb of doing of their own they are."""
    text = ("The Brackenfold charity ride took place on Sunday, with 140 riders on the 100 km route. "
            "Organiser Rhodri Vance said the turnout was the best in years.")
    assert names(extractor, text) == [[]]
    assert names(extractor, "Club chairman Rhodri Vance rode the 100 km route on Sunday.") == [["Rhodri Vance"]]


def test_who_cheered_told_in_a_relative_clause_took_no_part(extractor):
    text = ("Elin Moss crossed the line at the Brackenfold Marathon on Sunday in 4:58:20. "
            "Her husband Rhodri, who cheered her on at every race, said he was proud.")
    assert names(extractor, text) == [["Elin Moss"]]


def test_a_name_after_a_relation_and_a_comma_is_the_relative_only_where_it_closes_there(extractor):
    assert people(extractor, "He cycled to Oxford with his wife, Asha Rao, on Sunday.") == \
        [[{"name": "Asha Rao", "relation": "wife"}]]
    # the name opens the next clause: not the son
    assert people(extractor, "Filmed by her son, Tamsin danced for two hours at the street party.") == \
        [[{"name": "Tamsin"}]]


def test_a_one_word_name_before_an_activity_verb_is_a_person_even_if_tagged_a_place(extractor):
    post = extractor.extract("Rhodri ran from the old mill at Larkspur to the harbour.")
    assert names(extractor, "Rhodri ran from the old mill at Larkspur to the harbour.") == [["Rhodri"]]
    assert "Rhodri" not in [p.name for p in post.activities[0].places]



def test_who_cheered_on_a_runner_during_the_race_took_no_part(sm_extractor):
    text = ("Rhodri Tamsin cheered on his club-mate Ottilie Larkspur during the Brackenfold Marathon!\n\n"
            '"GO Ottilie!!! Benedikt and I watching from the sofa," Rhodri posted.\n\n'
            "Ottilie finished the marathon in 4:12:09.")
    assert names(sm_extractor, text) == [["Ottilie Larkspur"]]


@pytest.mark.parametrize("text", [
    "Ran the Tarnby 10k this morning in 48:10. Afterwards Elin and I watching the elite race from the grandstand.",
    "Ran the Tarnby 10k this morning in 48:10. Elin and I watched the elite race afterwards.",
])
def test_people_listed_before_a_spectator_verb_only_watched(extractor, text):
    # "Elin and I watched": the verb after the list tells what Elin did too
    assert names(extractor, text) == [[]]


@pytest.mark.parametrize("text", [
    "Today's long run was 24km. I jogged over to meet Rhodri at 8am. The plan was to meet Ottilie too. "
    "After a late shift she could not join in the end.",
    "Ran 10 km with Tamsin and Rhodri. Ottilie couldn't make it to the run.",
])
def test_who_could_not_join_after_all_took_no_part(extractor, text):
    assert "Ottilie" not in names(extractor, text)[0]


def test_people_joined_by_a_company_phrase_before_the_verb_both_did_it(extractor):
    assert names(extractor, "Ottilie posted that she along with Rhodri cycled 40 km on Sunday morning.") == \
        [["Ottilie", "Rhodri"]]


@pytest.mark.parametrize("text, expected", [
    ("Rhodri, along with his brother Jonas, rode 100 km on Sunday.", ["Rhodri", "Jonas"]),
    ("Rhodri along with Jonas rode 100 km on Sunday.", ["Rhodri", "Jonas"]),
    ("Elin, along with Jonas, swam 2 km in the lake.", ["Elin", "Jonas"]),
])
def test_the_name_a_company_phrase_joins_company_to_is_a_person_who_did_it(extractor, text, expected):
    # "Rhodri, along with ...": Rhodri is the subject, though no cue marks him a companion
    assert names(extractor, text) == [expected]


def test_a_name_with_my_in_a_shared_possessive_is_a_companion(extractor):
    assert names(extractor, "Day 1 of Tamsin's and my long walk along the Larkspur Way. We covered 14 km.") == \
        [["Tamsin"]]


def test_a_logged_distance_with_no_activity_word_takes_its_company(extractor):
    assert names(extractor, "Morning 10k done in 52:13 with @tamsin_runs") == [["@tamsin_runs"]]
    assert names(extractor, "Monday: 5 km easy with Ottilie\nTuesday: 8 km tempo") == [["Ottilie"], []]


def test_who_paced_the_author_ran_with_them(extractor):
    assert names(extractor, "Parkrun PB this morning, 21:48! Thanks to Tamsin for pacing me.") == [["Tamsin"]]
    assert names(extractor, "Ran the Larkspur 10K in 44:10. Rhodri paced me the whole way.") == [["Rhodri"]]


def test_a_group_named_by_a_plural_noun_opening_a_sentence_is_no_person(extractor):
    assert names(extractor, "The Larkspur Half Marathon is on Sunday. Organisers said the route starts at "
                            "the town hall.") == [[]]


def test_the_person_a_relative_clause_of_doing_is_about_took_part(sm_extractor):
    text = ("Rhodri Vance finished the Larkspur Marathon on Sunday in 3 hours 41 minutes. "
            "His wife Tamsin, who ran alongside him, called it the best day of their lives.")
    assert "Tamsin" in names(sm_extractor, text)[0]
    # the one the idea came from rode; the one who told it did not
    text = "According to Ottilie, the idea came from her father, who had cycled 200 km from Ashby to Larkspur."
    assert names(sm_extractor, text) == [["father"]]


@pytest.mark.parametrize("text", [
    "Tamsin Hale became the oldest woman to complete the Brackenfold Ultra, a 100-mile race through the hills.",
    "Tamsin Hale is the youngest person to row across the Atlantic.",
])
def test_the_subject_of_a_copula_whose_complement_did_it_took_part(sm_extractor, text):
    assert names(sm_extractor, text) == [["Tamsin Hale"]]


@pytest.mark.parametrize("text", [
    "Model Tamsin Hale recently completed a 21 km run in Brackenfold.",
    "Fitness enthusiast Tamsin Hale recently completed a 21 km run in Brackenfold.",
])
def test_the_subject_of_a_verb_whose_object_is_the_session_took_part(sm_extractor, text):
    # the tagger may read the noun "run" as a verb: its role, the object, says it is a noun
    assert names(sm_extractor, text) == [["Tamsin Hale"]]


def test_the_subject_of_a_verb_whose_means_is_the_session_took_part(sm_extractor):
    text = "Rhodri Vance and his son Bram have raised £12,000 by running the length of the canal, 87 miles, in 3 days."
    assert names(sm_extractor, text) == [["Rhodri Vance", "Bram"]]


@pytest.mark.parametrize("text, expected", [
    ("Nurse Ottilie Brandt and teacher Tamsin Evans walked 30 miles along the coast.",
     [["Ottilie Brandt", "Tamsin Evans"]]),
    ("Rhodri Evans and wife Tamsin Evans rode 80 km to the coast.", [["Rhodri Evans", "Tamsin Evans"]]),
    ("Rhodri Evans and his wife Tamsin rode 80 km to the coast.", [["Rhodri Evans", "Tamsin"]]),
    # the first one's age set off by commas between
    ("Grandfather Rhodri, 74, and his son Jonas walked 26 miles on Saturday.", [["Rhodri", "Jonas"]]),
    ("Three generations - grandfather Rhodri, 74, son Jonas and granddaughter Elin, 12 - walked 26 miles.",
     [["Rhodri", "Jonas", "Elin"]]),
])
def test_two_people_joined_before_the_verb_across_a_title_or_a_relation_both_did_it(extractor, text, expected):
    assert names(extractor, text) == expected


def test_a_possessive_before_a_relation_brings_in_no_one_by_itself(extractor):
    assert names(extractor, "Rhodri Evans said his wife Tamsin rode 80 km to the coast.") == [["Tamsin"]]


def test_the_subject_of_the_verb_a_race_hangs_from_took_part_though_the_model_tags_no_person(sm_extractor):
    """The small model takes "Rhodri Evans" for an organisation; as the subject of the verb the race
    hangs from ("crossed the finish line of the ... Marathon") he ran it."""
    text = "Rhodri Evans crossed the finish line of the Brackenfold Marathon on Sunday in 4 hours 12 minutes."
    assert names(sm_extractor, text) == [["Rhodri Evans"]]


@pytest.mark.parametrize("text, expected", [
    ("A team of twenty cadets is cycling 600 km from Larkspur to Brackenfold, led by Tom Okafor.", [["Tom Okafor"]]),
    ("Ottilie walked 20 miles on Sunday, accompanied by Rhodri.", [["Ottilie", "Rhodri"]]),
])
def test_who_led_or_accompanied_the_session_in_its_clause_took_part(extractor, text, expected):
    assert names(extractor, text) == expected


def test_the_subject_of_the_verb_a_participle_of_the_session_hangs_from_took_part(sm_extractor):
    """The small model takes "Tamsin Evans" for no person; "having walked" shares the subject of the
    verb it hangs from."""
    text = ("Tamsin Evans, 34, set off from Brackenfold on April 1 and arrived in Larkspur on Saturday, "
            "having walked 480 km in 18 days.")
    assert names(sm_extractor, text) == [["Tamsin Evans"]]


def test_a_counted_group_in_a_news_story_is_the_people_it_names_next(extractor):
    """"Two friends" introduces the people the next sentence names; "my two brothers" are the author's."""
    text = ("Two friends have rowed across the Larkspur Sound in nine days. "
            "Tom Baker and Mary Clarke set off from Brackenfold in May.")
    assert names(extractor, text) == [["Tom Baker", "Mary Clarke"]]


def test_a_bracketed_aside_between_a_name_and_and_i_keeps_the_name_a_companion(extractor):
    assert names(extractor, "Rhodri (my brother) and I walked up to the Larkspur Tarn.") == [["Rhodri"]]


def test_the_owner_after_with_is_no_companion_nor_a_brand_in_a_sessions_name(extractor):
    """"with Tamsin's favourite instructor" names the instructor; "Peloton" in "a Peloton class" is a brand."""
    assert names(extractor, "Did a 30 minute Peloton class with Tamsin's favourite instructor.") == [[]]


def test_company_told_with_a_distance_lent_to_the_session_before_is_that_sessions(extractor):
    """A distance in a sentence with no activity word goes to the session told before it, and so does the
    company told with it."""
    for text in ("First ride on the new bike! 25 km along the canal with Jess and Maria.",
                 "Long run this morning. 18 km with Tomas, the last bit alone."):
        post = extractor.extract(text, posted_at="2025-05-04")
        assert len(post.activities) == 1 and post.activities[0].distance is not None
        assert [p.name for p in post.activities[0].participants] == [n for n in ("Jess", "Maria", "Tomas") if n in text]


def test_a_trip_logs_roster_line_names_the_people_of_the_session_its_form_tells(extractor):
    """A line opening with the plural of those taking part and a colon ("Walkers: ...") names the people of
    the session the labelled lines of its form tell, however many lines are between."""
    text = ("Coast path, day two\n\nWalkers: Tamsin, Rhodri, Ola\nSet off: 8:05\nLunch stop: the harbour\n"
            "Tea stop: 2 hours 30 min in\nLighthouse: 3 hours in\nCar park: 3:40 pm\n"
            "Distance: 21.6 km\nConditions: drizzle, then sun.")
    (walk,) = extractor.extract(text, posted_at="2025-05-05").activities
    assert walk.activity == "walking" and walk.distance.value == 21.6
    assert [p.name for p in walk.participants] == ["Tamsin", "Rhodri", "Ola"]


def test_a_trip_logs_total_time_line_is_the_time_of_the_session_its_form_tells(extractor):
    """The form's total time comes before the line that names the session ("Distance: ..."), further from its
    roster line than a result reaches back: it is that session's time, not the times to points on the way."""
    text = ("Saturday, May 2, 2026\n\nWalkers: Elin, Jonas\nStart: 7:00 am\nHeight: 1200'\n"
            "Top: 1 hour 40 min.\nEnd time: 10:10 am\nTotal time: 3 hours 10 min.\nDistance: 8.4 miles")
    (walk,) = extractor.extract(text, posted_at="2026-05-04").activities
    assert (walk.distance.value, walk.duration.seconds) == (8.4, 3 * 3600 + 10 * 60)



@pytest.mark.parametrize("text, expected", [
    ("The 10 mile walk around Lake Verdal with my mum and auntie Rosa took us four hours.",
     [{"relation": "mum"}, {"name": "Rosa", "relation": "auntie"}]),
    ("Ran 5 km with my mate Dev this morning.", [{"name": "Dev", "relation": "mate"}]),
    ("Great swim with my sis Mina today!", [{"name": "Mina", "relation": "sis"}]),
    ("Walked to the market with my stepdad Owen.", [{"name": "Owen", "relation": "stepdad"}]),
])
def test_family_and_friends_named_as_people_say_them(extractor, text, expected):
    """Informal relation words ("auntie", "my mate", "my sis", "stepdad") before a name tell the companion's
    relation, and the name is kept."""
    assert people(extractor, text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Morning swim: 1.5 km in the sea with the Tuesday crew (Ali, Bea and Cormac).", ["Ali", "Bea", "Cormac"]),
    ("Rode 60 km with my club mates (Jonah and Ife) to the coast.", ["Jonah", "Ife"]),
    ("Walked 4 km with my cousins (Ola and Tem).", ["Ola", "Tem"]),
    ("Ran 5 km with the dog (Biscuit) this morning.", []),
])
def test_the_people_a_bracket_names_after_a_group_in_company_are_companions(extractor, text, expected):
    assert names(extractor, text) == [expected]


def test_a_group_named_for_its_weekday_gives_no_date(extractor):
    post = extractor.extract("Swam 1.5 km with the Tuesday crew.", posted_at="2025-09-14")
    assert post.activities[0].date is None


@pytest.mark.parametrize("text", [
    "Jonas has cycled to work every day for ten years.",
    "Ottilie has just swum 2 km in the lake.",
])
def test_a_one_word_name_before_an_auxiliary_and_its_activity_verb_is_who_did_it(extractor, text):
    assert names(extractor, text)[0] == [text.split()[0]]


@pytest.mark.parametrize("text, name", [
    ("Completed my first ultra! 50 km on the Tarnby trails in 6:45. Couldn't have done it without Elin pacing "
     "the last 20.", "Elin"),
    ("Ran the Larkspur Half, paced by Jonas for the first 15 km.", "Jonas"),
])
def test_a_pacer_took_part(extractor, text, name):
    (only,) = extractor.extract(text, posted_at="2025-06-16").activities
    assert name in [p.name for p in only.participants]


@pytest.mark.parametrize("text, expected", [
    ("We paddled 6 km across Tarnby Water on Sunday. Elin and I took the double canoe, and Jonas and Bram in "
     "the singles.", ["Elin", "Jonas", "Bram"]),
    ("Elin and I paddled the double canoe, and Jonas and Bram in the single ones.", ["Elin", "Jonas", "Bram"]),
    # a clause with a verb of its own tells what they did instead
    ("We paddled 6 km across Tarnby Water on Sunday. Elin and I took the double canoe, and Jonas and Bram went home.",
     ["Elin"]),
])
def test_the_subject_of_a_clause_sharing_the_verb_of_the_company_s_did_it_too(sm_extractor, text, expected):
    # "and Jonas and Bram in the singles" leaves out the verb of the clause before: they paddled too
    [names] = [[p.name for p in a.participants] for a in sm_extractor.extract(text).activities]
    assert names == expected


def test_a_session_told_of_he_who_stands_for_no_one_named_has_no_participants(extractor):
    # in a post in the first person, "he" is neither the author nor the wife the text names
    text = ("Vance came over in 1964 to set a record. He ran from Tarnby alone and reached Larkspur 3,200 miles "
            "later.\n\nReading his book, I was hooked. My wife, Elin, drove the van on my own crossing.")
    first = extractor.extract(text, posted_at="2026-05-04").activities[0]
    assert first.distance.value == 3200 and first.participants == []


@pytest.mark.parametrize("text, expected", [
    ("Rode 300 km along the coast last June with support from my sister, Ottilie, in the van.", [[]]),
    ("Jonas rode 300 km to Larkspur, supported by his brother, Bram, in the car.", [["Jonas"]]),
    # company with no such cue still rode
    ("Rode 80 km along the coast with my sister, Ottilie, this morning.", [["Ottilie"]]),
])
def test_who_gave_support_took_no_part(extractor, text, expected):
    # "with support from my sister, Ottilie": the name set beside the relation is the supporter too
    assert names(extractor, text) == expected


def test_a_companion_s_part_told_again_is_the_session_they_shared(extractor):
    """"Parkrun today with Jonas, Elin and Bram ... Bram ran another solid run": Bram's run is the parkrun."""
    text = ("Parkrun at Tarnby today with Jonas, Elin and Bram. New PB for me, 23:10! Elin also got a PB. "
            "Bram ran another solid run.")
    assert names(extractor, text) == [["Jonas", "Elin", "Bram"]]
    # the one person a text tells of, running on another occasion, is no companion's part of a session
    text = "Rode 60 km with Elin on Saturday. Elin went for a run on Sunday."
    assert names(extractor, text) == [["Elin"], ["Elin"]]
