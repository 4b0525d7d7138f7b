"""A definite race noun ("the full", "the marathon") refers back to a race told before it, unless that
race is one another race name gave its distance and the two are dated on other days ("ran the half last
spring ... this year completed the full" are two races), or the mention names people the race does not,
with a time of their own ("Tamsin Hale completed the marathon in 3:40" after Jonas Berg's marathon); a time
at another named race is that race's ("My previous best was 3:52 at the Tarnby Marathon"); a race told as
the last or previous one after a preposition ("stronger than on the last sportive") is an earlier race
(fitpost_records: :func:`fitpost.components.records.merge._referred`, ``_other_race``, ``_others_named``,
``_other_result``).

Every post here is written for these tests; each runs in blank mode and with the statistical pipeline.
"""
from __future__ import annotations

import pytest


def races(extractor, text: str) -> list[tuple[str, float | None]]:
    got = extractor.extract(text, posted_at="2026-11-20").activities
    return [(a.activity, a.distance.value if a.distance else None) for a in got]


@pytest.mark.parametrize("text", [
    "Jonas Berg ran the half in 1:41 in 2024. This year he completed the full in four hours and two minutes.",
    "I ran the half marathon at Tarnside in May. The marathon in October went badly.",
])
def test_a_race_of_another_distance_on_another_day_is_another_race(extractor, text):
    assert [km for _, km in races(extractor, text)] == [21.0975, 42.195]


@pytest.mark.parametrize("text", [
    "I ran the marathon in 3:59 on Sunday. The marathon was hot.",
    "Ran the Tarnside half marathon on Sunday. Loved the marathon, great crowds.",
])
def test_a_race_restated_is_one_race(extractor, text):
    assert len(races(extractor, text)) == 1


@pytest.mark.parametrize("text", [
    "Jonas Berg ran the marathon in 3:10. Tamsin Hale completed the marathon in 3:40.",
    "Jonas Berg finished the full in 3:42:10. Tamsin Hale did the full in 4:55:02.",
])
def test_a_race_another_named_person_finished_in_a_time_of_their_own_is_their_race(extractor, text):
    got = extractor.extract(text, posted_at="2026-11-20").activities
    assert [a.participants[0].name for a in got] == ["Jonas Berg", "Tamsin Hale"]
    assert len({a.duration.seconds for a in got}) == 2


def test_a_race_of_its_own_on_another_day_is_another_race(extractor):
    text = ("A retired postman has completed his 100th marathon. Rhodri Pell crossed the finish line of the "
            "Brackenfold Marathon on Sunday in 4 hours 51 minutes. He ran his first marathon in 1989.")
    got = extractor.extract(text, posted_at="2026-11-20").activities
    assert sorted(a.date.value.year for a in got) == [1989, 2026]


def test_the_race_another_named_person_won_is_their_session_of_it(extractor):
    text = "Tamsin Hale, 81, finished the Larkspur Marathon in eight hours on Sunday. Jonas Berg won the race."
    got = extractor.extract(text, posted_at="2026-11-24").activities
    assert [[p.name for p in a.participants] for a in got] == [["Tamsin Hale"], ["Jonas Berg"]]
    # the same race, on its day: its event, distance and date
    assert {(a.event.name, a.distance.value, a.date.value.isoformat()) for a in got} == \
        {("Larkspur Marathon", 42.195, "2026-11-22")}


def test_one_who_ran_in_the_race_is_their_session_of_it(extractor):
    """"Bram, who delighted the crowd by running the marathon": the runner is who the relative clause is about, and
    "the marathon" is the race the text names, on its day."""
    text = ("The Brackenfold Marathon drew 9,000 runners on Sunday. Among them was Bram Kettle, 84, who "
            "delighted the crowd by running the marathon for the 25th time. Elin Moss won the race in 2:31:10.")
    got = extractor.extract(text, posted_at="2026-11-24").activities
    assert sorted(([p.name for p in a.participants], a.event.name if a.event else None,
                   a.date.value.isoformat() if a.date else None) for a in got) == \
        [(["Bram Kettle"], "Brackenfold Marathon", "2026-11-22"), (["Elin Moss"], "Brackenfold Marathon", "2026-11-22")]


def test_a_race_run_elsewhere_is_not_the_race_named(extractor):
    text = "The Larkspur Marathon is next Sunday. Last year Jonas Berg ran the marathon in Tarnby instead."
    got = extractor.extract(text, posted_at="2026-11-24").activities
    done = [a for a in got if a.status == "completed"]
    assert [a.event for a in done] == [None], got


def test_another_named_persons_result_after_a_named_race_is_their_session_of_it(blank_extractor):
    text = ("Jonas Berg won the Tarnside Marathon on Sunday in 2:21:40. Elin Moss was the first woman home in "
            "2:38:05, and Rhodri Vance finished third in 2:25:12.")
    got = blank_extractor.extract(text, posted_at="2026-11-24").activities
    assert [([p.name for p in a.participants], round(a.duration.seconds)) for a in got] == \
        [(["Jonas Berg"], 8500), (["Elin Moss"], 9485), (["Rhodri Vance"], 8712)]
    assert all(a.event.name == "Tarnside Marathon" and a.distance.value == 42.195 for a in got)


@pytest.mark.parametrize("placing", ["was first woman in", "came home last man in", "was the first finisher in"])
def test_a_result_told_with_a_place_in_the_race_is_the_placed_persons_session(blank_extractor, placing):
    # "first" before a placing noun marks a place in the results, not the first part of a session
    text = f"Jonas Berg won the Tarnside Half Marathon in 1:08:42. Elin Moss {placing} 1:19:03."
    got = blank_extractor.extract(text, posted_at="2026-11-24").activities
    assert [([p.name for p in a.participants], round(a.duration.seconds)) for a in got] == \
        [(["Jonas Berg"], 4122), (["Elin Moss"], 4743)]


def test_a_named_relatives_result_after_a_named_race_is_their_session_of_it(extractor):
    text = "Elin Moss completed the Brackenfold Marathon in 3:42:10 on Saturday. Her husband Jonas finished in 3:55:20."
    got = extractor.extract(text, posted_at="2026-11-24").activities
    assert [([p.name for p in a.participants], round(a.duration.seconds)) for a in got] == \
        [(["Elin Moss"], 13330), (["Jonas"], 14120)]


def test_a_relatives_result_after_a_named_race_is_their_session_even_unnamed(extractor):
    text = "Elin Moss completed the Brackenfold Marathon in 3:42:10 on Saturday. Her husband finished in 3:55:20."
    got = extractor.extract(text, posted_at="2026-11-24").activities
    assert [([(p.name, p.relation) for p in a.participants], round(a.duration.seconds)) for a in got] == \
        [([("Elin Moss", None)], 13330), ([(None, "husband")], 14120)]


def test_a_result_of_someone_who_ran_the_race_told_is_no_session_of_its_own(extractor):
    text = "Jonas Berg and Elin Moss ran the Tarnside Marathon on Sunday. Elin Moss was home in 3:38:05."
    assert len(extractor.extract(text, posted_at="2026-11-24").activities) == 1


@pytest.mark.parametrize("text", [
    'Rhodri Vance completed the Larkspur Marathon on Sunday in 3 hours 41 minutes. "My previous best was 3:52 '
    'at the Tarnby Marathon," he said.',
    "Elin Moss won the Marlow Vale 10k in 36:20. She had run 37:05 at the Tarnside 10k a month earlier.",
])
def test_a_time_at_another_named_race_is_another_race(extractor, text):
    got = extractor.extract(text, posted_at="2026-11-20").activities
    assert len(got) == 2 and len({a.event.name for a in got}) == 2


def test_another_name_with_no_time_of_its_own_may_describe_the_race_told(extractor):
    text = ("Jonas Berg ran the Larkspur Marathon on Sunday in 3:12. The County Championship Marathon doubled "
            "as the trial.")
    assert len(extractor.extract(text, posted_at="2026-11-20").activities) == 1


@pytest.mark.parametrize("text, earlier", [
    ("Rode the Tarnby Sportive today with Jonas, 100 miles. Stronger than on the last sportive, when I cramped "
     "at 60 miles.", "cycling"),
    ("Ran the Larkspur 10k today. Much happier than at my last race, where I blew up at halfway.", "running"),
])
def test_a_race_told_as_the_last_or_previous_one_is_an_earlier_session(extractor, text, earlier):
    # "than on the last sportive": the one before today's, done, on a day the text does not tell
    got = extractor.extract(text, posted_at="2026-11-20").activities
    assert len(got) == 2 and got[1].activity == earlier and got[1].status == "completed" and got[1].date is None


def test_the_last_race_of_a_season_may_be_the_race_told(extractor):
    assert len(extractor.extract("Ran the Larkspur 10k today. It was the last race of the season.").activities) == 1
