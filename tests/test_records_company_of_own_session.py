"""In a first-person post a record with no one named takes the companions of its session, named in its
own sentences or in the sentences around them that tell no other session; a sentence with a session of
its own, an inferred one too ("Did 60 km today with Jonas"), keeps its companions to itself.

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest


def company(extractor, text: str) -> list[list[str]]:
    return [[p.name for p in a.participants if p.name]
            for a in extractor.extract(text, posted_at="2025-03-10").activities]


def test_a_days_session_keeps_its_companion(extractor):
    text = "I used to run marathons, now I mostly cycle. Did 60 km today with Jonas."
    assert company(extractor, text)[-1] == ["Jonas"]
    assert all(people == [] for people in company(extractor, text)[:-1])


def test_a_sentence_of_company_alone_still_lends_it(extractor):
    assert company(extractor, "Rhodri and Ottilie came along. We swam 2 km in the lake.") == [["Rhodri", "Ottilie"]]


def test_company_lent_to_one_session_is_not_the_session_before_it(extractor):
    # the company line is lent to the session after it; the ride before keeps no one
    text = ("Rode 40 km on Saturday.\nOn Sunday I was joined by Tamsin and Rhodri for the usual loop:\n"
            "10 km easy\n4 x 1 km hard\n3 km cool down\n17 km total")
    assert company(extractor, text) == [[], ["Tamsin", "Rhodri"]]


def test_a_company_line_ending_in_a_colon_goes_to_the_lines_after_it(extractor):
    text = ("Ran 8 km on the towpath.\nIn the afternoon I was joined by Elin Moss for a few drills:\n"
            "30 min of hill sprints")
    assert company(extractor, text) == [[], ["Elin Moss"]]


def test_a_sentence_opening_the_next_lines_is_no_company_of_the_session_before(extractor):
    text = ("Pool session\n\nAfter work Jonas and I swam:\n200 yards warmup\n400 yards pull\n800 yards total\n"
            "Later I met with Elin Moss at the lido and did:\n\n1500 metres easy")
    assert company(extractor, text)[0] == ["Jonas"]


@pytest.mark.parametrize("text, people", [
    ("Coast to coast walk, day 4: Tarnby to Brackenfold, 22 km. Feet are holding up. Elin and Jonas are still with me.",
     ["Elin", "Jonas"]),
    ("Rode 60 km today. Tamsin was with me for the first half.", ["Tamsin"]),
])
def test_people_told_to_be_with_the_author_are_company(sm_extractor, text, people):
    assert company(sm_extractor, text) == [people]


def test_someone_who_only_spoke_with_the_author_is_no_company(extractor):
    assert company(extractor, "Ran 10 km this morning. My sister Elin called to check in with me afterwards.") == [[]]


def test_company_of_the_verb_a_mention_shares_its_subject_with(extractor):
    # "met up with" names no activity: the swim told after "and" is the session Tamsin came to
    text = "Swimming with Bram\n\nIn the evening I met up with Tamsin at the pool and did 2000m."
    assert company(extractor, text) == [["Tamsin", "Bram"]]


def test_company_of_an_activity_verb_stays_with_it(extractor):
    # the swim shares the run's subject, not the run's company
    text = "Jonas Berg ran with Tamsin Hale at the track and swam 1 km after."
    assert company(extractor, text)[1] == ["Jonas Berg"]


def test_a_company_line_opening_a_set_list_goes_to_the_session_after_the_list(extractor):
    text = ("Ran 8 km before work.\n\nIn the evening I met with Tamsin at the pool and did:\n\n"
            "1000 warm up\n300 - 100 pull, 100 kick, 100 fly, easy\n\n1300 yards total")
    assert company(extractor, text) == [[], ["Tamsin"]]


def test_people_opening_clauses_of_a_session_told_with_we_are_who_we_are(extractor):
    text = ("Our club ran the Brackenfold Relay yesterday: Elin Moss took leg 1, Jonas Berg leg 2 and I brought "
            "it home on leg 3. We finished 4th in 2:41:10.")
    assert company(extractor, text) == [["Elin Moss", "Jonas Berg"]]


def test_someone_a_session_told_with_we_names_as_an_object_is_no_one_of_us(extractor):
    text = "We rang Tamsin Hale to say hello, then we paddled 7 km out to the point."
    assert company(extractor, text) == [[]]


@pytest.mark.parametrize("text, people", [
    ("Bram came along to the Tarnside parkrun today, and Elin and Jonas were there too.", ["Bram", "Elin", "Jonas"]),
    ("Swam 3 km in the lake this morning; Ottilie, Rhodri and Elin tagged along.", ["Ottilie", "Rhodri", "Elin"]),
])
def test_people_told_to_be_there_in_a_clause_after_the_session_are_company(extractor, text, people):
    assert company(extractor, text) == [people]

