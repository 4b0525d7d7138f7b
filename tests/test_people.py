"""fitpost_people: named people, @handles, relation phrases, pronouns, quote speakers and the roster.

Each post is written for these tests.  Most cases run on blank English and on the
statistical pipeline (the session extractors' pipelines); a few are one mode's own.
"""
from __future__ import annotations

import pytest
import spacy
from conftest import least_cpu

from fitpost import ext
from fitpost.components.people import PeopleFinder, finding, named_token_set, named_tokens


@pytest.fixture(params=["blank", "sm"])
def nlp(request):
    name = "blank_extractor" if request.param == "blank" else "sm_extractor"
    return request.getfixturevalue(name).nlp


def read(nlp, text: str, author: str | None = None):
    """The people mentions of ``text`` as (text, PersonInfo), and its roster."""
    doc = nlp.make_doc(text)
    doc._.fp_author = author
    doc = nlp(doc)
    return [(s.text, s._.fp_person) for s in doc.spans[ext.PEOPLE]], doc._.fp_roster


def named(mentions) -> list[tuple[str, str | None]]:
    """(text, name) of the mentions that are not pronouns or group words."""
    return [(t, p.name) for t, p in mentions if not p.pronoun]


def info(mentions, text: str) -> ext.PersonInfo:
    """The PersonInfo of the only mention written ``text``."""
    (got,) = [p for t, p in mentions if t == text]
    return got


# -- names -------------------------------------------------------------------------
def test_named_people(nlp):
    mentions, roster = read(nlp, "Went for a long ride with Maria Lopez and Daniel Okafor today.")
    assert named(mentions) == [("Maria Lopez", "Maria Lopez"), ("Daniel Okafor", "Daniel Okafor")]
    assert list(roster.persons) == ["Maria Lopez", "Daniel Okafor"]
    assert roster.main is None  # named only in company: no one the text is about
    _, roster = read(nlp, "Maria Lopez and Daniel Okafor went for a long ride today.")
    assert roster.main == "Maria Lopez"  # each named once: the first


def test_titles_are_not_part_of_the_name(nlp):
    mentions, _ = read(nlp, "Dr. Maria Lopez and Mr Daniel Okafor ran a 10k.")
    assert named(mentions) == [("Maria Lopez", "Maria Lopez"), ("Daniel Okafor", "Daniel Okafor")]


@pytest.mark.parametrize("text", [
    "Ex-footballer Bram Kettle ran 100 miles last weekend.",
    "Ultra-runner Bram Kettle ran 100 miles last weekend.",
    "Trail-runner Bram Kettle ran 100 miles last weekend.",
])
def test_a_title_joined_by_a_hyphen_is_not_part_of_the_name(nlp, text):
    mentions, _ = read(nlp, text)
    assert named(mentions) == [("Bram Kettle", "Bram Kettle")]


def test_a_short_name_stands_for_the_full_name(nlp):
    mentions, roster = read(nlp, "Maria Lopez ran 10 km on Sunday. Maria said the hills were tough.")
    assert named(mentions) == [("Maria Lopez", "Maria Lopez"), ("Maria", "Maria Lopez")]
    assert list(roster.persons) == ["Maria Lopez"]


def test_blank_mode_reads_capitalised_words_three_at_a_time(blank_extractor):
    mentions, _ = read(blank_extractor.nlp, "Monday Morning run with Asha Rao Bina Das Kiran Patel Mohan.")
    # "Monday Morning" starts its sentence with a word that is never a name
    assert named(mentions) == [("Asha Rao Bina", "Asha Rao Bina"), ("Das Kiran Patel", "Das Kiran Patel")]


def test_blank_mode_reads_a_hyphenated_name_word_as_one_word(blank_extractor):
    mentions, _ = read(blank_extractor.nlp, "Anne-Marie Holt and Ko Hsin-mei skated 30 km with Jean-Luc Orr Bede.")
    assert named(mentions) == [("Anne-Marie Holt", "Anne-Marie Holt"), ("Ko Hsin-mei", "Ko Hsin-mei"),
                               ("Jean-Luc Orr Bede", "Jean-Luc Orr Bede")]
    # a word after a hyphen that makes a description is no part of a name
    mentions, _ = read(blank_extractor.nlp, "Larkspur-born Ruth Keter ran 10 km.")
    assert named(mentions) == [("Ruth Keter", "Ruth Keter")]


def test_a_model_person_after_from_and_to_is_a_place(sm_extractor):
    mentions, roster = read(sm_extractor.nlp, "Rode 40 km from Jaipur to Vijay Vihar on Sunday.")
    assert named(mentions) == [] and roster.persons == {}


# -- what is no person ---------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Lunch in Kelso, then 40 km on the bike back home.",  # a common word opening a sentence
    "Mile 18 was the hardest. Finished in 3:41 anyway.",  # a word before a number
    "Husband says I run too much. Ran 12 km today.",  # a relation word alone
    "Hiking the ridge this morning with the dog was lovely.",  # a gerund opening a sentence
    "Rode 60 km along Marina Beach Road at dawn.",  # a place word in the name
    "Ran the club 10k organised by the Hill Runners Club on Sunday.",  # an organisation word
    "Race Result: 2nd in my age group at the Ferndale 10k.",  # an event word
    "The climb of Ben Macdui gave us 900 m of ascent.",  # after "climb of": a mountain
    "Went by the McMillan calculator and ran 10 km at goal pace.",  # after an article
    "Today's workout was Helen: three rounds of 400 m runs and swings.",  # a workout's name
    "We walked past Hadrian's Wall and on to the fort, 8 km in all.",  # a place named for someone
    "Joined the Aqua Fitness Program at the lido, 2 km swims twice a week.",  # a thing word
    "First 10 miler done! Slow and steady, 1:48:20.",  # a word of how it went opening a sentence
    "Parkrun this morning. Humid and sweaty, 26:02.",
])
def test_what_is_no_person(nlp, text):
    mentions, roster = read(nlp, text)
    assert named(mentions) == [] and roster.persons == {}


def test_a_name_ends_at_a_line_break_and_before_a_final_i(sm_extractor):
    text = "Swimming with Tariq\n\nTariq and I swam 2 km. I met Pavel S. I asked him about it."
    mentions, _ = read(sm_extractor.nlp, text)
    assert {name for _, name in named(mentions)} == {"Tariq", "Pavel S"}


# -- companions ------------------------------------------------------------------------
def test_company_cues_mark_one_word_names_and_their_lists(nlp):
    text = "I kayaked 6 km today with Helga, Bruno, and the kids. Later Omar and I swam 1 km."
    mentions, _ = read(nlp, text)
    assert named(mentions) == [("Helga", "Helga"), ("Bruno", "Bruno"), ("Omar", "Omar")]
    assert all(info(mentions, n).companion for n in ("Helga", "Bruno", "Omar"))


def test_a_name_a_company_cue_reaches_is_a_companion_though_the_model_takes_it_for_a_place(sm_extractor):
    # the statistical model tags "Ottilie", "Tamsin" and "Rhodri" as places (GPE)
    for text, names in (("Ran 6 miles this morning with Ottilie.", ["Ottilie"]),
                        ("Hiked with Tamsin and Rhodri.", ["Tamsin", "Rhodri"])):
        mentions, _ = read(sm_extractor.nlp, text)
        assert [n for _, n in named(mentions)] == names, text
        assert all(info(mentions, n).companion for n in names)
    assert sm_extractor.extract("Ran 6 miles this morning with Ottilie.").activities[0].places == []
    # listed with a person, too
    text = "Out skiing on the slopes all afternoon. Ottilie and Tamsin raced down the blues."
    [ski] = sm_extractor.extract(text).activities
    assert [p.name for p in ski.participants] == ["Ottilie", "Tamsin"] and ski.places == []


def test_a_one_word_name_before_an_aside_in_apposition_and_an_activity_verb_is_a_person(nlp):
    mentions, _ = read(nlp, "Mara, a nurse at the clinic, ran 10 km round the lake.")
    assert [n for _, n in named(mentions)] == ["Mara"]


def test_a_race_named_after_its_place_is_no_person(sm_extractor):
    """A model may tag "Ran Kelby" or "Kelby" of "Kelby parkrun" as a person: the past verb opening the
    sentence is no part of a name, and a name right before the race's noun is the race's."""
    for text in ("Ran Kelby parkrun this morning, 24:10.", "Did Kelby parkrun with Tamsin this morning."):
        (a,) = sm_extractor.extract(text).activities
        assert "Kelby" not in [p.name for p in a.participants] and "Ran Kelby" not in [p.name for p in a.participants]


def test_a_full_name_listed_between_two_people_is_a_person(nlp):
    """The model may tag the middle name of a list as no person; between two full names it is one."""
    text = "Three friends from Alby, Jonas Berg, Lukas Feld and Pia Holm, are cycling 1,200 km from Cresk to Dunmore."
    mentions, _ = read(nlp, text)
    assert [n for _, n in named(mentions)] == ["Jonas Berg", "Lukas Feld", "Pia Holm"]


def test_every_full_name_listed_after_a_person_is_a_person(nlp):
    """The model may leave later names of a list untagged, or tag them as no person: listed on from a
    person, each full name is one."""
    text = "A group of cadets will be cycling from Tarnby to Larkspur. The team includes Jonas Berg, Elin Moss, " \
           "Rhodri Vance and Tamsin Hale."
    mentions, _ = read(nlp, text)
    assert [n for _, n in named(mentions)] == ["Jonas Berg", "Elin Moss", "Rhodri Vance", "Tamsin Hale"]


def test_an_aside_in_brackets_does_not_end_a_list(nlp):
    mentions, _ = read(nlp, "Off we rode, four of us: myself, Ian (ironlegs) Tom and Jonah, 100 km in the rain.")
    assert [n for _, n in named(mentions)] == ["Ian", "Tom", "Jonah"]


def test_lower_case_names_before_and_i_in_a_lower_case_post(nlp):
    mentions, _ = read(nlp, "last weekend greta and lou and i hiked the big hill. the dogs and i walked 5 km later.")
    assert named(mentions) == [("greta", "greta"), ("lou", "lou")]  # not "dogs": a plural
    assert info(mentions, "greta").companion and info(mentions, "lou").companion
    mentions, _ = read(nlp, "Last weekend greta and I hiked the big hill.")  # "I": a post that capitalises
    assert named(mentions) == []


@pytest.mark.parametrize("text, name", [
    ("Prime Minister Asha Rao walked 5 km on Sunday.", "Asha Rao"),
    ("Hundreds took part. Winner Ottilie Brandt completed the 160 km route in 4 hours.", "Ottilie Brandt"),
    ('"We raised £4,000," said Station Officer Elin Moss.', "Elin Moss"),  # the office's words before its title
    ("Fire Chief Rhodri Vance rode the last leg.", "Rhodri Vance"),
    ("Tarnby Rowing Club Captain Elin Moss rowed 10 km.", "Elin Moss"),
])
def test_titles_before_a_name_are_left_out_in_blank_mode(blank_extractor, text, name):
    mentions, _ = read(blank_extractor.nlp, text)
    assert named(mentions) == [(name, name)]


def test_a_titled_name_the_model_did_not_tag_is_a_person(sm_extractor):
    """The model tags nothing in "Chief Officer Rhodri Vance": the title tells a name follows it."""
    mentions, _ = read(sm_extractor.nlp, "The relay team is led by Chief Officer Rhodri Vance.")
    assert named(mentions) == [("Rhodri Vance", "Rhodri Vance")]


def test_a_name_beside_a_name_or_before_an_activity_verb_is_a_person_not_a_companion(nlp):
    mentions, _ = read(nlp, "Tomas and Ingrid ran 15 km around the lake on Saturday.")
    assert named(mentions) == [("Tomas", "Tomas"), ("Ingrid", "Ingrid")]
    assert not info(mentions, "Tomas").companion and not info(mentions, "Ingrid").companion


def test_a_one_word_name_before_who_and_an_activity_verb_is_a_person(nlp):
    text = "Notes from my 60 mile ride: met some great people (Ottilie who rode the last 20 miles with me)."
    mentions, _ = read(nlp, text)
    assert ("Ottilie", "Ottilie") in named(mentions)


def test_a_capitalised_run_after_a_cue_is_no_one_word_name(nlp):
    mentions, _ = read(nlp, "In an interview with Runner Times she spoke of the Unity Run she finished.")
    assert named(mentions) == []


def test_a_sentence_opening_verb_is_no_part_of_a_name(blank_extractor):
    mentions, _ = read(blank_extractor.nlp, "Joined Helga for a 10 km run. Swimming With Tariq was fun too.")
    assert named(mentions) == [("Helga", "Helga")]


# -- handles -------------------------------------------------------------------------
def test_a_handle_in_brackets_after_a_name_is_theirs(nlp):
    mentions, roster = read(nlp, "Rode 60 km with Daniel Okafor (@dokafor_rides) this morning.")
    assert info(mentions, "@dokafor_rides").name == "Daniel Okafor"
    assert info(mentions, "Daniel Okafor").handle == "@dokafor_rides"
    assert roster.person("Daniel Okafor").handle == "@dokafor_rides"


def test_a_handle_spelling_a_name_is_theirs_and_others_are_nobodys(nlp):
    mentions, roster = read(nlp, "Swam 2 km with @maria.lopez.runs and @trailfox, then Maria Lopez cycled home.")
    assert info(mentions, "@maria.lopez.runs").name == "Maria Lopez"
    assert info(mentions, "@trailfox").name is None and info(mentions, "@trailfox").handle == "@trailfox"
    assert roster.person("Maria Lopez").handle == "@maria.lopez.runs"


@pytest.mark.parametrize("text, handles", [
    ("with @asha_runs.", ["@asha_runs"]),  # a final dot is not part of it
    ("with @asha.runs today", ["@asha.runs"]),
    ("(@asha_runs)", ["@asha_runs"]),
    ("mail coach@example.com", []),  # after a word character
    ("@@asha", []),  # after another "@"
])
def test_what_a_handle_is(text, handles):
    assert [h for _, _, h in finding.handles(text)] == handles


# -- relations -----------------------------------------------------------------------
def test_a_relation_phrase_names_the_relative_and_their_spouse(nlp):
    text = "Kabir Sethi ran 15 km with his wife, Leela Sethi, on Sunday. The couple then swam 1 km."
    mentions, roster = read(nlp, text)
    wife = info(mentions, "wife")
    assert (wife.name, wife.relation, wife.pronoun) == ("Leela Sethi", "wife", False)
    assert info(mentions, "Leela Sethi").relation == "wife"
    assert roster.spouse == {"Kabir Sethi": "Leela Sethi", "Leela Sethi": "Kabir Sethi"}
    assert (roster.person("Kabir Sethi").gender, roster.person("Leela Sethi").gender) == ("m", "f")
    assert info(mentions, "The couple").members == ("Kabir Sethi", "Leela Sethi")


def test_the_possessive_before_a_relation_word_is_the_owners_not_the_relatives_gender(nlp):
    text = ("Rhodri Vance cheered on his teammate Elin Moss at the Tarnby Marathon. "
            "Bram and I watched from the sofa. Elin finished in 4:12:10, and she ran it for charity.")
    mentions, roster = read(nlp, text)
    assert roster.person("Elin Moss").gender == "f"  # from "she", not from "his"
    assert info(mentions, "she").name == "Elin Moss"


@pytest.mark.parametrize("text,name,relation", [
    ("Benedikt rowed 14 km with his grandson Rhodri.", "Rhodri", "grandson"),
    ("Went for a 5k run with my granny Ottilie this morning.", "Ottilie", "granny"),
    ("Tamsin hiked 12 miles with her neighbour Larkspur on Sunday.", "Larkspur", "neighbour"),
    ("I swam 2 km with my flatmate Brackenfold.", "Brackenfold", "flatmate"),
])
def test_a_named_relative_or_housemate_is_found_by_the_relation_word(nlp, text, name, relation):
    mentions, _ = read(nlp, text)
    assert (info(mentions, name).name, info(mentions, name).relation) == (name, relation)


@pytest.mark.parametrize("text, name", [
    ('Asked about his training, Larkspur said: "We ride three days a week."', "Larkspur"),
    ('"We ride three days a week," said Rhodri, who leads the club.', "Rhodri"),
])
def test_a_speaker_named_by_one_word_beside_a_speech_verb_is_a_person(nlp, text, name):
    mentions, _ = read(nlp, text)
    assert info(mentions, name).name == name


def test_the_speakers_we_takes_part_in_what_the_quote_tells(request, blank_extractor):
    for extractor in (blank_extractor, request.getfixturevalue("sm_extractor")):
        post = extractor.extract('Asked about his training, Larkspur said: "We ride three days a week."')
        assert [[p.name for p in a.participants] for a in post.activities] == [["Larkspur"]]


def test_my_relatives_are_the_authors(nlp):
    mentions, _ = read(nlp, "Ran 5k with my sister this morning.", author="nadia.k")
    assert info(mentions, "my").members == ("nadia.k",)
    sister = info(mentions, "sister")
    assert (sister.name, sister.relation, sister.pronoun) == (None, "sister", False)  # someone's: the author's


def test_an_unnamed_relative_of_nobody_known_is_a_pronoun(nlp):
    mentions, _ = read(nlp, "Ran 5k with my sister this morning.")
    assert info(mentions, "sister").pronoun


def test_a_plural_relation_stands_for_everyone_named_with_it(nlp):
    text = "Marathoner Asha Rao ran 30 km. Her sister, Leela Rao, walked 5 km with her. The sisters loved it."
    mentions, roster = read(nlp, text)
    assert info(mentions, "sister").name == "Leela Rao"
    assert (info(mentions, "sisters").relation, info(mentions, "sisters").members) == ("sister", ("Leela Rao",))
    assert roster.person("Leela Rao").relation == "sister"


# -- pronouns and quotes -------------------------------------------------------------
def test_she_is_the_woman_named_before(nlp):
    mentions, roster = read(nlp, "Maria Lopez is back on the bike. On Saturday she cycled 80 km to the dam.")
    assert info(mentions, "she").name == "Maria Lopez"
    assert roster.person("Maria Lopez").gender == "f"  # learnt from "she"


def test_he_and_she_go_to_the_people_of_their_gender(nlp):
    text = "Daniel Okafor and Maria Lopez trained together. She ran 12 km while he rode 40 km."
    mentions, roster = read(nlp, text)
    assert (info(mentions, "She").name, info(mentions, "he").name) == ("Maria Lopez", "Daniel Okafor")
    assert {n: p.gender for n, p in roster.persons.items()} == {"Daniel Okafor": "m", "Maria Lopez": "f"}


def test_he_is_not_the_main_person_the_text_calls_a_wife(nlp):
    # no man is named before "He": the only one named is "my wife", whom a relation word makes a woman
    text = "He left Tarnby on foot and ran 3,000 miles. On my own crossing my wife Elin Moss drove the van."
    mentions, roster = read(nlp, text)
    assert info(mentions, "He").members == ()
    assert roster.person("Elin Moss").gender == "f"


def test_they_opening_a_sentence_is_the_people_named_in_the_sentence_before(nlp):
    text = ("The officers taking part in the ride include Inspector Jonas Berg, Constable Elin Moss and Sergeant "
            "Bram Kettle. They will cycle 600 km from Tarnby to Larkspur.")
    mentions, _ = read(nlp, text)
    assert info(mentions, "They").members == ("Jonas Berg", "Elin Moss", "Bram Kettle")
    # one person named before is no "they"
    mentions, _ = read(nlp, "Inspector Jonas Berg spoke to the press. They will cycle 600 km to Larkspur.")
    assert info(mentions, "They").members == ()


def test_i_in_the_answers_of_an_interview_is_who_it_spoke_to(nlp):
    text = ("For World Cycling Day, the Tarnby Gazette spoke to cyclist Tamsin Hale about her training.\n\n"
            "How often do you ride?\n\nI ride about 40 km three times a week.")
    mentions, _ = read(nlp, text)
    assert info(mentions, "I").name == "Tamsin Hale"
    # one who writes of their own interview in the first person stays "I"; so does a post's author
    mentions, _ = read(nlp, "I spoke to Jonas Berg after the race. I ran 10 km today.")
    assert [p.name for t, p in mentions if t == "I"] == [None, None]
    mentions, _ = read(nlp, text, author="elin_rides")
    assert info(mentions, "I").name == "elin_rides"


def test_i_in_a_quote_is_the_speaker(nlp):
    text = 'Veteran swimmer Omar Haddad shared a clip. "I swam 4 km in the bay today," Haddad wrote.'
    mentions, roster = read(nlp, text, author="news_desk")
    i = info(mentions, "I")
    assert (i.name, i.in_quote) == ("Omar Haddad", True)
    assert info(mentions, "Haddad").name == "Omar Haddad"
    assert roster.quotes == [ext.Quote(text.index('"'), text.rindex('"') + 1, "Omar Haddad")]


def test_we_in_a_quote_is_the_speaker_and_spouse(nlp):
    text = 'Kabir Sethi and his wife, Leela Sethi, ran 10 km. "We loved it," Kabir said.'
    mentions, roster = read(nlp, text)
    assert info(mentions, "We").members == ("Kabir Sethi", "Leela Sethi")
    assert roster.quotes[0].speaker == "Kabir Sethi"


def test_i_outside_quotes_is_the_author(nlp):
    mentions, _ = read(nlp, "Walked 8 km by the sea with the dog. I loved it.", author="nadia.k")
    assert info(mentions, "I").name == "nadia.k" and not info(mentions, "I").in_quote


# -- the roster and the helpers other components use --------------------------------------
def test_the_roster_is_typed_and_complete(nlp):
    text = ('Kabir Sethi (@kabir_runs) ran 15 km with his wife, Leela Sethi. '
            '"A lovely morning," Kabir wrote. Kabir is training for a marathon.')
    _, roster = read(nlp, text)
    assert isinstance(roster, ext.Roster)
    assert roster.main == "Kabir Sethi"
    assert roster.persons == {
        "Kabir Sethi": ext.RosterPerson(gender="m", handle="@kabir_runs", relation=None),
        "Leela Sethi": ext.RosterPerson(gender="f", handle=None, relation="wife"),
    }
    assert roster.spouse == {"Kabir Sethi": "Leela Sethi", "Leela Sethi": "Kabir Sethi"}
    (quote,) = roster.quotes
    assert text[quote.start:quote.end] == '"A lovely morning,"' and quote.speaker == "Kabir Sethi"
    assert roster.quote_at(quote.start) == quote and roster.quote_at(0) is None


def test_a_quotation_holds_words_not_the_space_between_inch_marks():
    text = 'Box heights: 20" 24" 30" 36"\n"Legs gone," she said. Then “ 12 ” reps and “ 8 ”.'
    spans = [text[s:e] for s, e in finding.quotes(text)]
    assert spans == ['"Legs gone,"']


def test_quote_at_finds_the_quote_holding_an_offset():
    quotes = [ext.Quote(3, 10, "A"), ext.Quote(12, 14, None), ext.Quote(20, 30, "B")]
    roster = ext.Roster(quotes=quotes)
    for at in range(-1, 35):
        expected = next((q for q in quotes if q.start <= at < q.end), None)  # the definition, read plainly
        assert roster.quote_at(at) == expected, at


def test_named_tokens_leave_out_pronouns(blank_extractor):
    doc = blank_extractor.nlp("Kabir Sethi rode 20 km with his wife, Leela Sethi.")
    assert named_token_set(doc) == {0, 1, 7, 9, 10}  # "Kabir Sethi", "wife", "Leela Sethi"; not "his"
    assert named_tokens(doc, {1, 6, 8}) == {1}


def test_the_component_keeps_no_state_of_a_doc(blank_nlp):
    people = PeopleFinder(blank_nlp, "fitpost_people", lexicon="people.json")
    before = dict(vars(people))
    first = people(blank_nlp("Maria Lopez ran 5 km. She loved it."))
    second = people(blank_nlp("Daniel Okafor rode 40 km."))
    assert vars(people) == before
    assert list(first._.fp_roster.persons) == ["Maria Lopez"] and list(second._.fp_roster.persons) == ["Daniel Okafor"]


def test_the_factory_says_what_it_assigns():
    nlp = spacy.blank("en")
    nlp.add_pipe("fitpost_people")
    assert set(nlp.get_pipe_meta("fitpost_people").assigns) == {"doc.spans", "span._.fp_person", "doc._.fp_roster"}


def test_a_pipeline_holding_the_component_round_trips_through_disk(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("fitpost_people")
    nlp.to_disk(tmp_path / "p")
    again = spacy.load(tmp_path / "p")
    assert again.pipe_names == ["sentencizer", "fitpost_people"]
    assert again.get_pipe_config("fitpost_people")["lexicon"] == "people.json"
    text = "Kabir Sethi ran 15 km with his wife, Leela Sethi. She loved it."
    assert read(again, text) == read(nlp, text)
    assert info(read(again, text)[0], "She").name == "Leela Sethi"


# -- the name pattern ------------------------------------------------------------------------
@pytest.mark.parametrize("text, spans", [
    ("with Asha Rao today", [(5, 13)]),
    ("Asha Rao's run", [(0, 10)]),  # the "'s" goes with the word; the name reader cuts it
    ("Mary-Ann Rao", [(0, 12)]),
    ("Mary-Ann O'Neil", []),  # "O'Neil" is no name word: a capital, then lower-case letters
    ("Asha  Rao", []),  # two spaces: not one run
    # strings on which possessive quantifiers gave other matches on Python 3.11.0-3.11.4 (gh-106052)
    ("QbQb--", [(0, 4)]),
    (" bQxcAx'Q", [(2, 7)]),
    ("c'ZxQb'.'AcZxZ", [(2, 6), (9, 13)]),
])
def test_name_run_matches(text, spans):
    assert [m.span() for m in finding.NAME_RUN.finditer(text)] == spans


@pytest.mark.parametrize("unit", [
    "Asha Rao ",  # one long run of capitalised words
    "Asha  ",  # capitalised words that never make a run
    "Ab-Cd-",  # hyphenated words, each run cut short
    "A" + "b" * 200 + "'s ",  # long words
])
def test_name_runs_take_time_in_step_with_the_text(blank_nlp, unit):
    """Four times the text takes about four times as long (a pattern that backtracks would take
    sixteen times or more): the ratio of two sizes, never a wall-clock bound."""
    small, large = unit * (8_000 // len(unit)), unit * (32_000 // len(unit))
    ratio = least_cpu(lambda: list(finding.NAME_RUN.finditer(large)), runs=7) / \
        least_cpu(lambda: list(finding.NAME_RUN.finditer(small)), runs=7)
    assert ratio < 10, ratio
    small_tab, large_tab = ext.tokens(blank_nlp(small)), ext.tokens(blank_nlp(large))
    ratio = least_cpu(lambda: list(finding.name_runs(large, large_tab)), runs=7) / \
        least_cpu(lambda: list(finding.name_runs(small, small_tab)), runs=7)
    assert ratio < 10, ratio


def test_the_name_a_relative_clause_of_an_activity_hangs_from_is_a_person(sm_extractor):
    """A model may tag the name before ", who rode" as no person: "who" tells it is one."""
    text = "He beat the record of Tamsin Hale, who rode 296 km on a skateboard in Larkspur in 2007."
    records = sm_extractor.extract(text).activities
    assert ["Tamsin Hale"] in [[p.name for p in a.participants] for a in records]


def test_a_name_right_after_a_rival_cue_is_a_person_not_a_place(sm_extractor):
    """A model may tag a rival's name as a facility: "ahead of" tells it is someone who raced."""
    text = "Jonas Berg won the Tarnside Half Marathon on Sunday in 1:09:42, two minutes ahead of Rhodri Vance."
    mentions, _ = read(sm_extractor.nlp, text)
    assert "Rhodri Vance" in [n for _, n in named(mentions)]
    [race] = sm_extractor.extract(text).activities
    assert "Rhodri Vance" not in [p.name for p in race.places]


def test_a_yoga_pose_is_no_person(nlp):
    text = "Tamsin Hale did an hour of yoga with her son, holding Crow Pose, Tree Pose and Warrior Pose."
    mentions, _ = read(nlp, text)
    assert [n for _, n in named(mentions) if n] == ["Tamsin Hale"]


@pytest.mark.parametrize("text, name", [
    ("Tamsin went for a long run with her brother on Sunday.", "Tamsin"),
    ("Skied all day with the kids. Rhodri finally made it down the red run without falling!", "Rhodri"),
    ("Ottilie begins each morning with a swim in the lake.", "Ottilie"),
    ("Elin ended the week with a long ride.", "Elin"),
    # a verb of wanting, hoping or planning to do it
    ("Elin wants to run the Larkspur 10k next month.", "Elin"),
    ("Rhodri hopes to ride 100 km on Sunday.", "Rhodri"),
    ("Ottilie plans to swim across the bay in June.", "Ottilie"),
    # a verb of becoming the one who did it, past an age between commas
    ("Ottilie, 11, has become the youngest girl to climb Mount Larkspur.", "Ottilie"),
    ("Tamsin became the first woman to swim across Lake Tarn.", "Tamsin"),
])
def test_a_word_before_a_verb_of_doing_an_activity_is_a_person_not_a_place(extractor, text, name):
    """A model may take an unfamiliar first name for a place: before "went for a run" it is someone."""
    records = extractor.extract(text, posted_at="2025-07-02").activities
    assert [name in [p.name for p in a.participants] for a in records] == [True]
    assert all(name not in [p.name for p in a.places] for a in records)


def test_a_name_after_of_before_a_verb_of_doing_is_no_one(extractor):
    """"the tour of Larkspur starts": the subject is the tour; the name after "of" is whose it is."""
    text = "Cycling tour of Larkspur starts Monday, five days of riding."
    records = extractor.extract(text, posted_at="2025-07-02").activities
    assert records and all(not a.participants for a in records)


@pytest.mark.parametrize("text, names", [
    ("Tamsin got up early and ran 12 km along the canal.", ["Tamsin"]),
    ("Elin woke at five, had coffee and swam 2 km in the lake.", ["Elin"]),
    ("Rhodri and Bram set off at 7am and walked for six hours.", ["Rhodri", "Bram"]),
])
def test_the_subject_of_a_chain_of_verbs_ending_in_the_activity_does_it(extractor, text, names):
    """"Tamsin got up early and ran": the sentence's subject is the subject of every verb of its chain."""
    (record,) = extractor.extract(text, posted_at="2025-07-02").activities
    assert [p.name for p in record.participants] == names


@pytest.mark.parametrize("text", [
    "Great weather this morning and ran 5 km by the river.",
    "Headed out before work and ran 5 km by the river.",
    "Woke early, had a coffee and swam 40 lengths.",
    "Runners gathered at nine and ran 5 km by the river.",
    "People met at the cafe and rode 40 km together.",
])
def test_a_sentence_not_opened_by_its_subject_names_no_one_by_its_chain(extractor, text):
    """"Great weather today and ran 5 km", "Headed out and ran": a word opening the sentence before no verb, a
    verb whose subject is left out and a word for people are no one's name."""
    (record,) = extractor.extract(text).activities
    assert record.participants == []


def _subject_names_seconds(sm_extractor, sentences: int) -> float:
    """The least CPU time of finding the subject names of a parsed post of ``sentences`` sessions."""
    nlp = sm_extractor.nlp
    doc = nlp("Tamsin Hale, who rode 20 km, ran 5 km today. " * sentences)
    lexicon = nlp.get_pipe("fitpost_people").lexicon
    return least_cpu(lambda: finding.subject_names(lexicon, doc, doc.text))


def test_finding_subject_names_grows_in_step_with_the_text(sm_extractor):
    # four times the sessions: about four times the time when linear, sixteen times when quadratic (at 100
    # sessions the work takes a few milliseconds, too little to time against the machine's noise)
    small, large = (_subject_names_seconds(sm_extractor, n) for n in (200, 800))
    assert large / small < 8, (small, large)


def _resolving_seconds(blank_extractor, sentences: int) -> float:
    """The least CPU time of the people finder on a post of ``sentences`` pairs of names and "They"."""
    nlp = blank_extractor.nlp
    doc = nlp.make_doc("Jonas and Elin ran 5 km. They swam 1 km. " * sentences)
    names = nlp.pipe_names
    for name in names[:names.index("fitpost_people")]:  # what the people finder reads
        doc = nlp.get_pipe(name)(doc)
    people = nlp.get_pipe("fitpost_people")
    return least_cpu(lambda: people(doc))


def test_they_after_names_grows_in_step_with_the_text(blank_extractor):
    # "They" reads the names of the sentence before it alone, not every name of the text
    small, large = (_resolving_seconds(blank_extractor, n) for n in (500, 2000))
    assert large / small < 8, (small, large)
