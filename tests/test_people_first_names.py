"""A model may leave a rare first name out of a person's name: it tags "Pell" of "Rhodri Pell" as a
person alone, or "Tamsin Hale" as an organisation, so that only the word a cue marks is read.  The
proper noun right before, compound to it or opening the sentence, is the person's first name.

Every post here is written for these tests.
"""
from __future__ import annotations


def names(extractor, text: str) -> list[str]:
    (only,) = extractor.extract(text, posted_at="2024-05-02").activities
    return [p.name for p in only.participants]


def test_a_first_name_left_out_of_a_person_entity(sm_extractor):
    assert names(sm_extractor, "Rhodri Pell, a clerk at a bank, ran 42 km on Sunday.") == ["Rhodri Pell"]


def test_a_first_name_opening_the_sentence_before_a_speech_verb(sm_extractor):
    got = names(sm_extractor, "Tamsin Hale posted a picture of the long ride she did with her partner, Rhodri Pell.")
    assert got == ["Tamsin Hale", "Rhodri Pell"]


def test_a_word_opening_the_sentence_that_is_no_name_is_left_out(sm_extractor):
    assert names(sm_extractor, "Yesterday Tamsin said she swam 2 km.") == ["Tamsin"]


def test_a_name_with_an_age_between_commas_before_the_verb_is_its_subject(extractor):
    """"Ottilie, 9, walked": the age between commas stands between the name and its verb."""
    assert names(extractor, "Ottilie, 9, walked 100 miles in May for the hospice.") == ["Ottilie"]


def test_the_subject_of_a_race_told_by_its_length(sm_extractor):
    # no activity word: the race is its distance ("the 10,000m"), and the name the model calls an
    # organisation is the subject of the verb that distance hangs from
    assert names(sm_extractor, "Tamsin Reyes won the Brackenfold 10,000m in 27:14 on Friday night.") == \
        ["Tamsin Reyes"]


def test_a_name_told_with_an_age_between_commas_is_a_person_s(extractor):
    """a model may take "Tamsin Hale" for an organisation; the age after it says a person"""
    text = ("A Brackenfold teacher has completed a 500-mile walk from Tarnside to Larkspur in memory of her late "
            "father. Tamsin Hale, 52, set off on May 1 and arrived on Saturday.")
    assert names(extractor, text) == ["Tamsin Hale"]


def test_a_club_told_with_a_number_between_commas_is_no_person(extractor):
    assert names(extractor, "Tarnside Harriers, 12, ran the relay on Sunday.") == []


def test_the_agent_of_a_race_won_in_the_passive_is_its_winner(sm_extractor):
    # the model may take a rare name for an organisation; as the agent of "won" it is the one who ran
    text = "The Marlow Vale Half Marathon was held on Sunday. The race was won by Rhodri Vance in 1:04:12."
    assert names(sm_extractor, text) == ["Rhodri Vance"]


def test_the_agent_of_a_race_organised_in_the_passive_is_no_one_who_ran_it(sm_extractor):
    assert names(sm_extractor, "The Larkspur Marathon on Sunday was organised by Rhodri Vance.") == []


def test_a_titled_name_a_model_calls_an_organisation_is_a_person_s(extractor):
    """"Swimmer Tamsin Hale": a title opening the name, or right before it, makes a person of what a model
    may tag as an organisation; a title and one word after it ("General Motors") or an organisation's
    word ("Harriers") does not."""
    assert names(extractor, "Swimmer Tamsin Hale crossed the Larkspur Strait on Sunday in 11 hours.") == \
        ["Tamsin Hale"]
    assert names(extractor, "British swimmer Tamsin Hale crossed the Larkspur Strait on Sunday.") == \
        ["Tamsin Hale"]
    assert names(extractor, "Runner Tarnside Harriers Club ran the relay on Sunday in 42 minutes.") == []
