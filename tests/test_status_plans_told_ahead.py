"""Plans told ahead: an aim for a time ahead announced before a colon ("Goal for 2027: run 2,000 km and
finish a marathon") reaches over the list after it; a short fragment naming a race right after a plan
("Registered for a spring half marathon! The Tarnby Half on 12 April.", "First proper race since 2019!") goes
on with the plan, and a
plan's day with no year far back before the post is next year's, not a race carried out; a race told with no
verb, or "is", and "in" a number of days, weeks or months ("Marathon in 3 weeks!!", "The Tarnby 10K is in ten
days", "Race day in 10 days") is that far ahead, dated so from the post date, and the time is no session's (a
distance told by a number and its unit names no race); a swim "expected to take" ten
hours is ahead too, and so is a session one is determined, has vowed or pledged to do, or has booked, or
one hopes to be doing ("I'm racing in the Tarnby Sprint, well, I hope I am")
(``models/status_rules.json``, :func:`fitpost.components.status._event_fragment`,
:func:`fitpost.components.status._race_in_period`, :func:`fitpost.components.records.dating.settle_plans`).

Every post here is written for these tests.
"""
from __future__ import annotations

import datetime as dt

import pytest


def records(extractor, text: str) -> list:
    return extractor.extract(text, posted_at="2026-11-20").activities


@pytest.mark.parametrize("text", [
    "Goal for 2027: run 2,000 km and finish a marathon.",
    "Goals for next year: swim 100 km.",
])
def test_an_aim_for_a_time_ahead_before_a_colon_is_a_plan(extractor, text):
    assert {a.status for a in records(extractor, text)} == {"planned"}


def test_a_race_named_right_after_signing_up_is_the_plan(extractor):
    (race,) = records(extractor, "Registered for a spring half marathon! The Tarnby Half on 12 April. Eek.")
    assert (race.status, race.date.value) == ("planned", dt.date(2027, 4, 12))


@pytest.mark.parametrize("text", [
    "Signed up for the Tarnby Half in October. First proper race since 2019!",
    "Booked a place on the Larkspur Marathon. My first marathon!",
])
def test_a_first_race_told_right_after_signing_up_is_the_plan(extractor, text):
    assert [a.status for a in records(extractor, text)] == ["planned"]


def test_a_first_session_told_after_one_done_is_done(extractor):
    assert [a.status for a in records(extractor, "Ran 5 km this morning. First run since the operation!")] == \
        ["completed"]


def test_a_race_on_a_day_just_gone_was_carried_out(extractor):
    got = records(extractor, "Signed up for the Larkspur Half. The race was on 14 November.")
    assert [a.status for a in got] == ["completed"]


@pytest.mark.parametrize("text, statuses", [
    ("Plan for the weekend is a long ride on Saturday, maybe 100 km, and a recovery swim on Sunday.",
     ["planned", "planned"]),
    ("The plan for today is an easy 8 km.", ["planned"]),
])
def test_a_plan_told_as_what_it_is_reaches_over_its_list(extractor, text, statuses):
    assert [a.status for a in records(extractor, text)] == statuses


def test_every_day_of_a_week_s_plan_is_ahead(extractor):
    """Days under a plan label are the coming ones, whichever way each would read alone (posted on a Monday)."""
    text = "Week 6 of my marathon plan: Mon rest, Tue 8 km, Wed 10 km tempo, Thu 6 km easy, Sat 28 km long run."
    post = extractor.extract(text, posted_at="2025-03-03")
    assert [(a.status, a.date.value) for a in post.activities] == [
        ("planned", dt.date(2025, 3, 4)), ("planned", dt.date(2025, 3, 5)), ("planned", dt.date(2025, 3, 6)),
        ("planned", dt.date(2025, 3, 8))]


@pytest.mark.parametrize("text", [
    "I've been going to Crossfit three times a week since January.",
    "Going to Pilates on Tuesdays has fixed my back.",
])
def test_going_to_a_class_is_a_routine_no_plan(extractor, text):
    assert [a.status for a in extractor.extract(text, posted_at="2025-02-12").activities] == ["habitual"]


@pytest.mark.parametrize("text", [
    "Long run Sunday, 16 miles at 8:45 pace. Marathon in 3 weeks!!",
    "My first half marathon in 10 days, eek.",
    "The Tarnby 10K in two weeks. Nervous!",
])
def test_a_race_in_some_weeks_is_ahead_and_the_weeks_are_no_time(extractor, text):
    race = records(extractor, text)[-1]
    assert race.status == "planned" and race.duration is None


@pytest.mark.parametrize("text, day", [
    ("Long run Sunday, 16 miles at 8:45 pace. Marathon in 3 weeks!!", "2025-03-05"),
    ("Next up is the Tarnby 10K in three weeks.", "2025-03-05"),
    ("The Tarnby 10K is in ten days. Nervous!", "2025-02-22"),
    ("My first half marathon is in 10 days, eek.", "2025-02-22"),
    ("Race day in 10 days, nervous.", "2025-02-22"),
    ("The race is in ten days and I have barely trained.", "2025-02-22"),
])
def test_a_race_in_some_days_or_weeks_is_dated_that_far_after_the_post(extractor, text, day):
    race = extractor.extract(text, posted_at="2025-02-12").activities[-1]
    assert (race.status, race.duration, race.date.value.isoformat()) == ("planned", None, day)


def test_race_day_some_days_ahead_is_the_race_signed_up_for(extractor):
    text = "Signed up for the Larkspur Half! Race day in 10 days, nervous."
    [race] = extractor.extract(text, posted_at="2025-02-12").activities
    assert (race.event.name, race.date.value.isoformat(), race.duration) == ("Larkspur Half", "2025-02-22", None)


def test_a_first_race_in_some_years_is_the_first_since(extractor):
    [race] = extractor.extract("My first race in two years today, a 5k.", posted_at="2025-02-12").activities
    assert (race.status, race.date.value.isoformat()) == ("completed", "2025-02-12")


def test_weeks_after_a_race_ahead_are_no_time_of_the_session_before(extractor):
    text = "Long run this morning: 22 km along the canal. Feeling ready for the marathon in three weeks."
    assert [a.duration for a in records(extractor, text) if a.status == "completed"] == [None]


def test_a_distance_with_its_unit_in_some_days_is_no_race_ahead(extractor):
    # "covering 42 km in four days": how long the distance took, though no verb of the past tells it on blank
    text = ("The 24-year-old began her ascent from Base Camp Two on Monday and reached the summit of Mount "
            "Larkspur on Thursday, covering 42 km in four days.")
    assert [(a.status, a.distance.meters) for a in records(extractor, text) if a.distance] == [("completed", 42000)]


@pytest.mark.parametrize("text", [
    "Finished the Tarnby Ultra in 3 days.",
    "Ran the marathon in 3:47:40 and raised money for the ward.",
])
def test_a_race_done_in_days_or_hours_keeps_its_time(extractor, text):
    (race,) = records(extractor, text)
    assert race.status == "completed" and race.duration is not None


def test_a_swim_expected_to_take_hours_is_ahead(extractor):
    text = "Rhodri Vance will swim the length of Lake Tarn next month. The 17-mile swim is expected to take ten hours."
    (swim,) = records(extractor, text)
    assert swim.status == "planned" and swim.distance.value == 17 and swim.duration.seconds == 36000


@pytest.mark.parametrize("text", [
    "Former goalkeeper Jonas Berg is to cycle 1,000 miles around the coast for a cancer charity.",
    "Tamsin and Jonas are to row the length of Lake Tarn in July.",
    "The grandmother, who is to walk 100 miles next month, trained all winter.",
])
def test_a_session_someone_is_to_do_is_ahead(extractor, text):
    assert [a.status for a in records(extractor, text)] == ["planned"]


def test_the_key_to_a_session_is_no_plan(extractor):
    assert all(a.status != "planned" for a in records(extractor, "The key is to run slowly on easy days."))


@pytest.mark.parametrize("text", [
    "Jonas Berg is to cycle 1,000 miles around the coast in 10 days. He sets off from Tarnside on 1 December.",
    "Jonas Berg will cycle 1,000 miles around the coast in 10 days. He will set off from Tarnside on 1 December.",
])
def test_where_and_when_a_plan_sets_off_told_right_after_it(extractor, text):
    (ride,) = records(extractor, text)
    assert ride.status == "planned" and ride.date.value == dt.date(2026, 12, 1)
    assert [(p.name, p.role) for p in ride.places] == [("Tarnside", "from")]


@pytest.mark.parametrize("text", [
    "This year's goal is 2,000 km of running.",
    "My goal is a sub-2 half marathon.",
])
def test_a_goal_told_as_what_it_is_is_a_plan(extractor, text):
    assert [a.status for a in records(extractor, text)] == ["planned"]


@pytest.mark.parametrize("text", [
    "In 1998 he became the first person to cycle around Lake Tarn in under a day.",
    "Ran 100 km in a week, a new record for me.",
])
def test_a_day_or_a_week_a_session_took_is_no_routine(extractor, text):
    (session,) = records(extractor, text)
    assert session.status == "completed" and session.frequency is None


def test_a_verb_opening_a_caption_of_a_day_gone_is_no_bidding(sm_extractor):
    (swim,) = records(sm_extractor, "Swim across Brackenfold Bay today: 3.8 km in 1:22. Choppy in the middle.")
    assert swim.status == "completed"
    (invite,) = records(sm_extractor, "Swim the bay with us next Sunday!")
    assert invite.status != "completed"


@pytest.mark.parametrize("text, day", [
    ("Just booked my place on the Larkspur Sportive in May!", dt.date(2027, 5, 1)),
    ("Got a place in the Tarnby Marathon in April, so excited.", dt.date(2027, 4, 1)),
])
def test_a_place_booked_in_a_race_is_a_plan(extractor, text, day):
    (a,) = records(extractor, text)
    assert (a.status, a.date.value) == ("planned", day)


@pytest.mark.parametrize("text", [
    # resolved, vowed, pledged or promised to
    "Bram Kettle is determined to run the Tarnby Marathon under four hours.",
    "Ottilie Brandt has vowed to run the Tarnby Marathon again.",
    "The whole crew pledged to cycle 100 miles for the hospice.",
    "We have promised to walk the 12 miles of the Larkspur Ridge with the scouts.",
    # booked, the session after it or the one right before it
    "My first half marathon is booked! The Marlow Vale Half on 14 June.",
    "Booked the Tarnby 10k, can't wait.",
    "Just booked a spin class at the Larkspur gym.",
    "The Larkspur 10k is all booked in now.",
])
def test_a_session_one_is_set_on_or_has_booked_is_a_plan(extractor, text):
    assert {a.status for a in records(extractor, text)} == {"planned"}


@pytest.mark.parametrize("text", [
    "I'm racing in the Tarnby Sprint, well, I hope I am.",
    "I'm racing at Tarnby Lake, well, I hope I am!",
])
def test_a_hope_told_right_after_a_session_makes_it_a_plan(extractor, text):
    # "I hope I am": not under way yet, hoped for
    assert [a.status for a in records(extractor, text)] == ["planned"]


def test_a_hope_about_something_else_leaves_the_session_as_it_was(extractor):
    text = "Ran 10k this morning and I hope I am fit for Sunday."
    assert [a.status for a in records(extractor, text)] == ["completed"]
