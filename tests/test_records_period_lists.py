"""A sentence over a week or a month (or one whose distances each follow a day of their own) that lists
several distances, one of them a session's, tells one
session per distance (fitpost_records' :func:`fitpost.components.records.lending._split_period_lists`),
on posts written for the tests, in blank mode and with the model."""
from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture(params=["blank", "model"])
def extractor(request, blank_extractor):
    return blank_extractor if request.param == "blank" else request.getfixturevalue("sm_extractor")


def sessions(extractor, text: str, posted_at: dt.date | None = None) -> list[tuple[str, str, float | None]]:
    post = extractor.extract(text, posted_at=posted_at)
    return [(a.activity, a.status, a.distance.meters if a.distance else None) for a in post.activities]


def test_a_plan_for_the_rest_of_the_week_is_one_session_per_distance(extractor):
    text = "Easy 6 km this morning.\n\nThe rest of the week is 8 km, 5 km, rest, 8 km at tempo pace, " \
           "and 16 km for my long run."
    got = sessions(extractor, text, dt.date(2026, 5, 4))
    assert got[0] == ("running", "completed", pytest.approx(6000))
    # the long run takes the distance told for it, not the first of the list
    assert got[1:] == [("running", "planned", pytest.approx(m)) for m in (8000, 5000, 8000, 16000)]


def test_a_past_week_told_as_a_list_is_one_session_per_distance(extractor):
    got = sessions(extractor, "Last week I ran 10 km, 12 km, 8 km and 21 km.", dt.date(2026, 5, 4))
    assert got == [("running", "completed", pytest.approx(m)) for m in (10000, 12000, 8000, 21000)]


@pytest.mark.parametrize("text", [
    "Last week I ran 10 km with laps of 2 km, 3 km, 4 km and 5 km.",  # parts of one session
    "This week I rode 40 km: 10 km, 12 km and 18 km between the stops.",  # no comma joins the first
    "I ran 10 km, 12 km and 8 km on the treadmill.",  # no period the list is spread over
])
def test_the_parts_of_one_session_are_no_list_of_sessions(extractor, text):
    assert len(sessions(extractor, text, dt.date(2026, 5, 4))) == 1


@pytest.mark.parametrize("text", [
    "Tuesday 8 km easy, Thursday 10 km tempo, Sunday 24 km long run.",
    "This week: Tue 8 km, Thu 10 km tempo, Sun 24 km long run.",
])
def test_a_list_of_days_is_one_session_on_each_day(extractor, text):
    post = extractor.extract(text, posted_at=dt.date(2024, 6, 10))
    got = [(a.distance.meters if a.distance else None, a.date.value if a.date else None) for a in post.activities]
    assert got == [(8000, dt.date(2024, 6, 4)), (10000, dt.date(2024, 6, 6)), (24000, dt.date(2024, 6, 9))]


@pytest.mark.parametrize("text", [
    "Tue intervals 6x800m, Thu easy 10 km, Sat steady 24 km.",
    "Tuesday hills 8 km, Thursday tempo 10 km, Sunday 24 km.",
])
def test_words_labelling_a_session_between_its_day_and_its_distance_keep_it_on_that_day(extractor, text):
    post = extractor.extract(text, posted_at=dt.date(2024, 6, 10))
    days = [a.date.value if a.date else None for a in post.activities]
    assert days == [dt.date(2024, 6, 4), dt.date(2024, 6, 6), dt.date(2024, 6, 8 if "Sat" in text else 9)]


def test_a_part_of_a_days_session_is_no_session_of_its_own(extractor):
    text = "Last week: Mon rest, Tue 8 km easy, Wed 12 km with 6x1 km, Thu rest, Fri 5 km recovery, Sun 26 km long run."
    post = extractor.extract(text, posted_at=dt.date(2024, 6, 10))
    got = [(a.distance.meters if a.distance else None, a.date.value if a.date else None) for a in post.activities]
    assert got == [(8000, dt.date(2024, 6, 4)), (12000, dt.date(2024, 6, 5)), (5000, dt.date(2024, 6, 7)),
                   (26000, dt.date(2024, 6, 9))]


def test_a_list_of_days_under_a_week_is_each_session_once(extractor):
    # each distance followed by its day is split off once, whether read as an ellipsis or as a list
    got = sessions(extractor, "This week I rowed 8 km on Tuesday, 10 km on Thursday and 12 km on Saturday.",
                   dt.date(2024, 9, 15))
    assert [d for _, _, d in got] == [8000, 10000, 12000]


@pytest.mark.parametrize("text", [
    "Ran Tuesday 6 km easy and Thursday 10 km tempo.",
    "Training this week: Tuesday 6 km easy, Thursday 10 km tempo.",
])
def test_a_distance_after_a_day_joined_to_a_session_is_a_session_on_that_day(extractor, text):
    # two days each with their distance, one of them only a session's: each is a session of its own
    got = sessions(extractor, text, dt.date(2026, 3, 8))
    assert [d for _, _, d in got] == [pytest.approx(6000), pytest.approx(10000)]
    assert all((activity, status) == ("running", "completed") for activity, status, _ in got)


def test_a_day_led_list_with_the_activity_word_at_its_end(extractor):
    text = "Training this week: Tuesday 6 km easy, Thursday 10 km tempo, Saturday long run 21 km."
    post = extractor.extract(text, posted_at=dt.date(2026, 3, 8))
    got = [(a.distance.meters if a.distance else None, a.date.value if a.date else None) for a in post.activities]
    assert got == [(6000, dt.date(2026, 3, 3)), (10000, dt.date(2026, 3, 5)), (21000, dt.date(2026, 3, 7))]


@pytest.mark.parametrize("text", [
    "This week: Mon 6 km, Wed swim 1.5 km.",
    "Tuesday 8 km easy, Thursday ride 40 km.",
])
def test_a_day_with_no_activity_word_is_not_of_the_activity_a_later_day_names(extractor, text):
    # a log names the activity of an item that is not its usual one: the item naming none is not of that one
    got = sessions(extractor, text, dt.date(2026, 3, 8))
    assert got[0][0] == "running" and got[1][0] != "running"


def test_a_session_over_a_week_is_on_the_day_before_its_distance(extractor):
    # "this week" is the session's span; the day right before its distance is its day
    post = extractor.extract("Rowing this week: Tuesday 6 km easy, Thursday 10 km steady.",
                             posted_at=dt.date(2026, 3, 8))
    assert [a.date.value for a in post.activities] == [dt.date(2026, 3, 3), dt.date(2026, 3, 5)]


def test_a_plan_listed_by_days_is_no_sessions_done(extractor):
    text = "Next week's plan: Tuesday 6 km easy, Thursday 10 km tempo, Saturday long run 21 km."
    assert all(status == "planned" for _, status, _ in sessions(extractor, text, dt.date(2026, 3, 8)))


def test_a_weekday_right_after_an_opening_activity_verb_is_a_date(extractor):
    # "Ran Tuesday": a capital opening the sentence makes the verb no first word of a name
    post = extractor.extract("Ran Tuesday 6 km easy and Thursday 10 km tempo.", posted_at=dt.date(2026, 3, 8))
    assert [a.date.value for a in post.activities] == [dt.date(2026, 3, 3), dt.date(2026, 3, 5)]


@pytest.mark.parametrize("text", [
    "This week: Sat parkrun, Sun 16 km long run.",
    "Week recap: Tue rest, Sat Tarnby parkrun, Sun 16 km long run by the river.",
])
def test_a_race_named_for_one_day_is_no_event_of_the_session_of_another_day(extractor, text):
    # a day named between them parts the race from the session told after it
    post = extractor.extract(text, posted_at=dt.date(2026, 5, 4))
    got = sorted((a.distance.meters if a.distance else None, a.event is not None) for a in post.activities)
    assert got == [(5000, True), (16000, False)]


@pytest.mark.parametrize("text, swim", [
    ("Tue 8 km easy, Thu 45 min swim.", "Thu"),  # the distance's day comes before the swim's
    ("Mon 40 min swim at the lido, Wed 10 km hilly.", "Mon"),  # the swim's day comes before the distance's
])
def test_a_distance_goes_to_no_session_of_another_days_item(extractor, text, swim):
    post = extractor.extract(text, posted_at=dt.date(2024, 6, 10))
    swims = [a for a in post.activities if a.activity == "swimming"]
    assert len(swims) == 1 and swims[0].date.text == swim
    assert swims[0].distance is None and swims[0].duration.seconds in (2400, 2700)
    # the distance is a session of its own day, of the activity a log names none for
    rest = [(a.activity, a.date.text) for a in post.activities if a is not swims[0]]
    assert rest == [("running", "Tue" if swim == "Thu" else "Wed")]


def test_a_distance_after_a_verb_of_an_earlier_item_is_of_that_verbs_activity(extractor):
    # the verb of the first item may be left out of the next one
    got = sessions(extractor, "Tue swam 2 km, Thu 3 km.", dt.date(2024, 6, 10))
    assert got == [("swimming", "completed", 2000), ("swimming", "completed", 3000)]
