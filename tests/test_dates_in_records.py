"""Which date a record takes (fitpost_records' date attachment), on posts written for the tests.

A date phrase belongs to the records of its clause, and one said outside
quotes wins over a quoted one; a planned record reads its date ahead; a record
with no date of its own takes that of a sentence with no activity (a plan: only one
just before it, of a day not gone by) just before or after it, of its section's heading, or (a first-person report of
the day) the post date.
Each case runs on blank English and, where installed, on the statistical
pipeline.
"""
from __future__ import annotations

import datetime as dt

import pytest

D = dt.date


@pytest.fixture(params=["blank", "model"])
def extract(request, blank_extractor):
    extractor = blank_extractor if request.param == "blank" else request.getfixturevalue("sm_extractor")

    def run(text: str, posted_at: dt.date | None) -> list[tuple[str, str, dt.date | None]]:
        post = extractor.extract(text, posted_at=posted_at)
        return [(a.activity, a.status, a.date.value if a.date else None) for a in post.activities]
    return run


def dates_of(records: list[tuple[str, str, dt.date | None]], activity: str) -> list[dt.date | None]:
    return [d for a, _, d in records if a == activity]


# -- a date phrase belongs to the records of its clause ------------------------------------------------

def test_each_clause_keeps_its_own_date(extract):
    records = extract("I ran 5 km on Friday and swam 1 km on Sunday.", D(2025, 3, 5))  # a Wednesday
    assert dates_of(records, "running") == [D(2025, 2, 28)]
    assert dates_of(records, "swimming") == [D(2025, 3, 2)]


def test_a_session_told_in_the_past_reads_its_day_as_gone_by(extract):
    """"Ahead of" makes a day read as one to come; the past of "rode" says it is the one before."""
    records = extract("Ahead of the sportive, I rode 80 km on Sunday with Tamsin.", D(2025, 3, 5))
    assert dates_of(records, "cycling")[-1] == D(2025, 3, 2)


def test_one_date_dates_every_record_of_its_sentence(extract):
    for text in ("Yesterday I ran 5 km and swam 1 km.", "I ran 5 km and swam 1 km yesterday."):
        records = extract(text, D(2025, 3, 5))
        assert dates_of(records, "running") == dates_of(records, "swimming") == [D(2025, 3, 4)], text


def test_a_date_said_outside_quotes_wins_over_a_quoted_one(extract):
    # the quoted caption's "today" is the day the caption was posted, not the article's
    text = ('Asha Rao shared that she cycled 20 km on Friday morning. '
            '"Every ride is a holiday and today was special," she wrote.')
    assert dates_of(extract(text, D(2025, 6, 7)), "cycling") == [D(2025, 6, 6)]


@pytest.mark.parametrize("text, day", [
    ('Club members log many miles. As Ottilie Larkspur tweeted earlier this month:\n\n'
     '"Ran my 5 mile hilly loop and met a deer on the trail."', D(2025, 6, 1)),
    ('Tamsin Rhodri wrote on Tuesday: "Swam 2 km in the lake, freezing but glorious."', D(2025, 6, 3)),
])
def test_a_session_quoted_with_no_date_takes_the_date_the_quote_was_posted(extract, text, day):
    assert dates_of(extract(text, D(2025, 6, 7)), "running" if "loop" in text else "swimming") == [day]


def test_a_date_in_a_clause_about_the_speaker_is_not_the_date_of_the_quote(extract):
    text = 'Rhodri, a swimmer since 2019, told us:\n\n"Swam 2 km in the lake, freezing but glorious."'
    assert dates_of(extract(text, D(2025, 6, 7)), "swimming")[-1] is None


def test_a_month_name_is_no_march(extract):
    records = extract("On March 3, 2024 I swam 4 km in the harbour.", D(2025, 12, 1))
    assert [(a, d) for a, _, d in records] == [("swimming", D(2024, 3, 3))]


# -- a plan's date is ahead ------------------------------------------------------------------------

def test_a_plan_takes_the_next_month_and_weekday(extract):
    records = extract("I have signed up for a March half marathon.", D(2025, 12, 10))
    assert records == [("running", "planned", D(2026, 3, 1))]
    records = extract("I plan to ride 80 km with the club this month.", D(2025, 11, 13))
    assert records == [("cycling", "planned", D(2025, 11, 13))]  # the part of the month after the post


# -- a record with no date of its own --------------------------------------------------------------

def test_a_dated_heading_dates_its_section(extract):
    text = ("Thursday, March 27, 2008\n\nSwimming with Ann\n\nAfter tennis Ann and I swam 500 yards.\n\n"
            "In the evening I cycled 20 km home.")
    records = extract(text, D(2008, 3, 30))
    assert records and all(d == D(2008, 3, 27) for _, _, d in records), records
    assert "walking" not in [a for a, _, _ in records]  # "March" is the month


def test_a_heading_dates_a_mention_whatever_its_status_but_not_a_plan(extract):
    text = "Mar 3, 2012 - the day of my first ever run! I could not run 200 metres then.\n\nI will run a marathon."
    by_status = {status: d for _, status, d in extract(text, D(2013, 5, 20))}
    assert by_status == {"completed": D(2012, 3, 3), "negated": D(2012, 3, 3), "planned": None}


def test_a_weekday_heading_dates_its_section_of_a_log(extract):
    text = "Tuesday: 8 km run along the river.\n\nSunday: Cross training. In the afternoon I swam 1 km in the pool."
    records = extract(text, D(2025, 9, 15))  # a Monday
    assert dates_of(records, "running") == [D(2025, 9, 9)]
    assert dates_of(records, "swimming") == [D(2025, 9, 14)]


def test_a_diary_entry_is_read_against_its_own_day(extract):
    text = "Jun 25, 2013\n\nThis morning we kayaked 7 km out, and then hiked 3 km up to the old fort."
    records = extract(text, D(2019, 12, 31))
    assert [(a, d) for a, _, d in records] == [("paddling", D(2013, 6, 25)), ("hiking", D(2013, 6, 25))]


def test_a_sentence_with_no_activity_dates_the_next(extract):
    records = extract("The pool today was chilly. Even so, I swam 120 lengths.", D(2025, 8, 2))
    assert dates_of(records, "swimming") == [D(2025, 8, 2)]
    records = extract("It was a chilly Sunday morning. Even so, I swam 120 lengths.", D(2025, 8, 6))
    assert dates_of(records, "swimming") == [D(2025, 8, 3)]


def test_a_plan_takes_no_date_from_the_sentences_around_it(extract):
    # the day told next to a plan is often another's: training starts Monday, the race is later
    records = extract("Signed up for the Harbour Night Run! Training starts Monday.", D(2025, 5, 6))
    assert [(a, d) for a, status, d in records if status == "planned"] == [("running", None)]


def test_a_sentence_with_no_activity_right_after_dates_the_record_before(extract):
    text = "Asha Rao cycled 120 km around the lake. The event took place on Sunday."
    assert dates_of(extract(text, D(2025, 3, 5)), "cycling") == [D(2025, 3, 2)]
    text = "Asha Rao cycled 120 km around the lake. The shop opens next Sunday."  # ahead: not a ride done
    assert dates_of(extract(text, D(2025, 3, 5)), "cycling") == [None]


def test_a_plan_reads_the_year_told_by_another_mention_from_the_post_date_on(extract):
    records = extract("At 72, grandmother ready for the Brackenfold 10-Miler\n\nFor Ottilie Larkspur, running "
                      "in the 2026 Brackenfold 10-Miler is something she did not want to miss.", D(2026, 10, 7))
    assert records == [("running", "planned", D(2026, 10, 7))]


def test_a_session_later_that_day_takes_the_day_of_the_one_before(extract):
    records = extract("On Saturday I ran the Larkspur parkrun in 26:10 with Tamsin.\n"
                      "I walked 3 km with the dog in the afternoon.", D(2026, 3, 10))  # a Tuesday
    assert dates_of(records, "walking") == [D(2026, 3, 7)]
    other_day = extract("On Saturday I ran the Larkspur parkrun in 26:10 with Tamsin.\n\n"
                        "On Sunday I rested. I walked 3 km with the dog.", D(2026, 3, 10))
    assert dates_of(other_day, "walking") == [D(2026, 3, 8)]
    no_cue = extract("On Saturday I ran the Larkspur parkrun in 26:10 with Tamsin.\n\n"
                     "I walked 3 km with the dog.", D(2026, 3, 10))
    assert dates_of(no_cue, "walking") == [None]


def test_the_lines_of_a_list_take_the_day_said_above_the_list(extract):
    records = extract("Yesterday's session at the Tarnby club:\n- 6 km run\n- 25 min swim\n- 40 min bike",
                      D(2026, 5, 14))
    assert [date for _, _, date in records] == [D(2026, 5, 13)] * 3
    legs = extract("Raced the Larkspur Sprint on Sunday, happy with it. Splits below.\n"
                   "Swim 750 m 15:02\nBike 20 km 41:15\nRun 5 km 23:40", D(2026, 5, 14))
    assert [date for _, _, date in legs] == [D(2026, 5, 10)] * 3


def test_a_day_said_on_a_line_or_across_a_blank_line_is_no_list_s_day(extract):
    own_line = extract("Ran 10 km along the Tarnby canal on Saturday.\nSwam 1 km at the lido.", D(2026, 5, 14))
    assert dates_of(own_line, "swimming") == [None]
    apart = extract("Yesterday's session at the Tarnby club:\n6 km run\n\n25 min swim", D(2026, 5, 14))
    assert dates_of(apart, "swimming") == [None]


def test_a_weekday_on_the_lines_under_a_week_ending_in_a_colon_is_that_week_s_day(extract):
    text = "Last week's training at Tarnby:\nMonday - 8 km easy run\nWednesday - 10 km tempo run\n" \
           "Saturday - 18 km long run"
    records = extract(text, D(2024, 9, 18))  # a Wednesday
    assert [date for _, _, date in records] == [D(2024, 9, 9), D(2024, 9, 11), D(2024, 9, 14)]
    # a blank line ends the lines the week heads; a week said in a line of prose heads no lines
    apart = extract("Last week's training at Tarnby:\nMonday - 8 km easy run\n\nWednesday - 10 km tempo run",
                    D(2024, 9, 18))
    assert [date for _, _, date in apart] == [D(2024, 9, 9), D(2024, 9, 18)]
    prose = extract("Last week was a rest week at Tarnby.\nWednesday - 10 km tempo run", D(2024, 9, 18))
    assert [date for _, _, date in prose] == [D(2024, 9, 18)]


def test_the_weekday_lines_of_a_log_in_the_week_s_order_are_one_week(extract):
    """Posted on a Wednesday, a log running Monday to Sunday tells of the week just past: its Tuesday is the one
    before its Sunday, not the day before the post."""
    text = ("Week 6 of marathon training\n\nMonday: rest\nTuesday: 8 x 400 m at 5k pace, jog recoveries\n"
            "Wednesday: easy 10 km with Jonas\nSaturday: long run, 28 km in 2:41\nSunday: recovery swim, 1.5 km")
    records = extract(text, D(2026, 6, 10))  # a Wednesday
    assert [date for _, _, date in records] == [D(2026, 6, 2), D(2026, 6, 3), D(2026, 6, 6), D(2026, 6, 7)]
    # short weekdays opening the sentences or the items of a one-line log
    text = "Recap: Tue 8 km easy. Thu 10 km tempo. Sun 24 km long run with Jonas."
    assert [date for _, _, date in extract(text, D(2024, 6, 12))] == [D(2024, 6, 4), D(2024, 6, 6), D(2024, 6, 9)]
    # out of the week's order, each day is read alone: the Saturday before the post, then the Tuesday before it
    text = "Saturday: swam 2 km.\nTuesday: 5 km with Elin."
    assert [date for _, _, date in extract(text, D(2024, 6, 12))] == [D(2024, 6, 8), D(2024, 6, 11)]


def test_a_first_person_report_of_the_day_is_dated_the_post_date(extract):
    text = ("Today I took my bike to work. The office is about 10 km from home. "
            "There was little traffic and the ride was smooth.")
    assert dates_of(extract(text, D(2025, 6, 8)), "cycling") == [D(2025, 6, 8)]
    assert dates_of(extract("I just finished an 8 km run along the canal!", D(2025, 3, 27)),
                    "running") == [D(2025, 3, 27)]


def test_no_post_date_for_a_report_about_someone_else_or_without_a_post_date(extract):
    text = 'Leela Rao ran 21 km along the coast. "I feel great today," she said.'
    assert dates_of(extract(text, D(2025, 6, 8)), "running") == [None]  # "I" and "today" only in her quote
    text = "Today I took my bike to work. The office is about 10 km from home. The ride was smooth."
    assert dates_of(extract(text, None), "cycling") == [None]


@pytest.mark.parametrize("model", ["blank", "sm"])
def test_weekdays_ago_are_a_date_not_a_routine(model, request):
    extractor = request.getfixturevalue(f"{model}_extractor")
    [walk] = extractor.extract("Two Sundays ago we walked 14 km along the ridge.", posted_at=D(2025, 6, 12)).activities
    assert (walk.status, walk.frequency, walk.date.value) == ("completed", None, D(2025, 6, 1))


def test_a_plan_takes_a_day_said_just_before_it_but_not_a_day_gone_by(extract):
    records = extract("Tamsin says today will be an easy one. Our plan is to walk 18 km or so. "
                      "Yesterday we walked 31 km.", D(2025, 6, 10))
    assert [(s, d) for a, s, d in records if a == "walking"] == \
        [("planned", D(2025, 6, 10)), ("completed", D(2025, 6, 9))]
    records = extract("Yesterday was rough. I plan to walk 18 km.", D(2025, 6, 10))
    assert dates_of(records, "walking") == [None]
    # the post date said of what was done: when the plan was made, not when it is for
    records = extract("Great session with the crew this morning. Signed up for the Larkspur Triathlon! "
                      "Training starts Monday.", D(2025, 6, 10))
    assert dates_of(records, "triathlon") == [None]
    records = extract("Signed up for the Larkspur 10K! Training starts Monday. Signed up for the Brackenfold "
                      "Sportive too!", D(2025, 6, 10))
    assert dates_of(records, "cycling") == [None]  # Monday is when the training for the first starts


def test_a_done_session_takes_no_day_from_a_sentence_after_it_about_what_may_come(extract):
    records = extract("Quick 5k before work, felt sluggish. Might try intervals on Thursday.", D(2025, 5, 13))
    assert dates_of(records, "running") == [None]
    records = extract("Ran the Larkspur 10K. The race was held on Sunday.", D(2025, 5, 13))
    assert dates_of(records, "running") == [D(2025, 5, 11)]
    records = extract("Easy 16k jog around the lake. Posted by Tamsin on 4 May.", D(2025, 5, 13))  # the month
    assert dates_of(records, "running") == [D(2025, 5, 4)]


def test_a_plan_made_back_in_a_month_is_dated_back_not_ahead(extract):
    # "back in January" is a day gone by, when the plan was made, not next January
    records = extract("I signed up for the Larkspur Valley 50K back in January.", D(2024, 5, 6))
    assert records == [("running", "planned", D(2024, 1, 1))]


def test_a_day_in_the_clause_names_the_session_better_than_its_week(extract):
    got = extract("This week I cycled 30 km on Tuesday and then had a rest.", D(2024, 9, 15))
    assert dates_of(got, "cycling") == [D(2024, 9, 10)]
    # a day across a clause break is another clause's
    got = extract("This week I cycled 30 km, and on Tuesday I swam.", D(2024, 9, 15))
    assert dates_of(got, "cycling") == [D(2024, 9, 9)] and dates_of(got, "swimming") == [D(2024, 9, 10)]


def test_when_someone_took_up_the_activity_does_not_date_the_session(extractor):
    """"who took up swimming three years ago" dates the habit; the crossing told beside it has no date."""
    text = ("The 58-year-old grandmother, who only took up swimming three years ago, completed the 21 km "
            "crossing in 9 hours 12 minutes.")
    (a,) = extractor.extract(text, posted_at="2026-05-10").activities
    assert a.date is None and a.distance.meters == 21000


def test_a_day_told_as_the_owner_of_a_session_is_not_lent_to_the_one_told_before(extract):
    posted = D(2024, 6, 12)  # a Wednesday
    assert extract("Did 25 min on the turbo, legs sore from Sunday's 90 km sportive.", posted) == [
        ("cycling", "completed", None), ("cycling", "completed", D(2024, 6, 9))]


def test_a_day_told_as_the_owner_of_a_session_is_passed_on_to_the_one_told_after(blank_extractor):
    post = blank_extractor.extract("Sunday's long run was 20 km and I swam 2 km after.", posted_at=D(2024, 6, 12))
    assert [(a.activity, a.date.value) for a in post.activities] == [
        ("running", D(2024, 6, 9)), ("swimming", D(2024, 6, 9))]


@pytest.mark.parametrize("text", ["Ran 5 km on New Year's Day with Ola.", "Swam 1 km on Christmas Eve with Ola.",
                                  "A Boxing Day walk with Ola, 10 km."])
def test_a_holiday_is_a_date_and_no_place_person_or_sport(extractor, text):
    (a,) = extractor.extract(text, posted_at="2025-01-05").activities
    assert a.activity in ("running", "swimming", "walking")
    assert a.date is not None and a.date.granularity == "day"
    assert [p.name for p in a.participants] == ["Ola"] and a.places == []


def test_a_session_that_names_a_dated_race_takes_its_day(extract):
    records = extract("Finished the Brackenfold 10K on Sunday in 48 minutes! Afterwards I cycled 12 km home from the "
                      "Brackenfold 10K.", D(2025, 3, 5))  # a Wednesday
    assert dates_of(records, "cycling") == [D(2025, 3, 2)]


def test_a_jog_home_from_parkrun_is_on_the_parkrun_day(extract):
    records = extract("Saturday's parkrun went well: a PB of 24:50.\n\nSkipped the cool-down, but I did jog 2 km home "
                      "from parkrun.", D(2025, 3, 5))
    assert [d for a, s, d in records if a == "running" and s == "completed"] == [D(2025, 3, 1)] * 2


def test_a_session_with_a_day_of_its_own_keeps_it_though_it_names_a_dated_race(blank_extractor):
    post = blank_extractor.extract("Finished the Brackenfold 10K on 2 March 2025 in 48 minutes. Today I cycled "
                                   "12 km home from the Brackenfold 10K.")  # no post date: "Today" is not resolved
    ride = next(a for a in post.activities if a.activity == "cycling")
    assert (ride.date.text, ride.date.value) == ("Today", None)


@pytest.mark.parametrize("text, day", [
    ("I might ride 30 km on Sunday if the weather holds.", D(2026, 11, 22)),
    ("I could have ridden 30 km on Sunday but it rained all day.", D(2026, 11, 15)),
])
def test_a_session_that_may_come_reads_its_day_ahead(extract, text, day):
    """A modal before a hypothetical session makes its day one to come, unless "have" tells it as gone by."""
    assert dates_of(extract(text, D(2026, 11, 20)), "cycling") == [day]  # a Friday


def test_a_date_in_a_relative_clause_is_that_clauses_session_alone(extract):
    text = ("Rhodri Vance rode 310 km on a skateboard in 24 hours, beating the record of Tamsin Hale, "
            "who rode 296 km in Larkspur in May 2007.")
    got = extract(text, None)
    assert [d for _, _, d in got] == [None, D(2007, 5, 1)]


@pytest.mark.parametrize("text, day", [
    ("The couple, who met at a running club in 2009, ran the Tarnside Marathon together on Sunday, finishing "
     "hand in hand in 4:31:08.", D(2026, 11, 15)),
    ("The couple, who met in 2009, ran the Tarnside Marathon together.", None),
])
def test_a_date_in_a_relative_clause_with_no_session_dates_none(extract, text, day):
    # when the people the clause tells of met, not when the session was
    assert dates_of(extract(text, D(2026, 11, 20)), "running") == [day]


def test_a_session_in_a_relative_clause_takes_no_date_of_the_main_clause(extract):
    got = extract("Jonas Berg, who has run 40 marathons, will cycle 500 miles from Tarnby this summer.",
                  D(2026, 5, 4))
    assert got == [("running", "completed", None), ("cycling", "planned", D(2026, 6, 1))]


def test_a_date_in_a_relative_clause_with_a_session_is_that_sessions_not_the_main_clauses(extract):
    got = extract("Tamsin, who ran the Tarnside 10K on 3 May, will ride 100 km on Sunday.", D(2026, 6, 10))
    assert got == [("running", "completed", D(2026, 5, 3)), ("cycling", "planned", D(2026, 6, 14))]


def test_a_relative_clause_after_a_sessions_word_tells_of_that_session(extract):
    """"the walk, which set off from Brackenfold Abbey on 3 May": the clause's date is the walk's."""
    got = extract("Rhodri Vance led the 12-strong team on the walk, which set off from Brackenfold Abbey on 3 May.",
                  D(2026, 6, 10))
    assert got == [("walking", "completed", D(2026, 5, 3))]


def test_a_plan_told_again_by_it_takes_that_sentences_date_ahead_and_place(blank_extractor, sm_extractor):
    text = "Signed up for my first triathlon! It's in September at Larkspur Lake. Training starts now."
    for extractor in (blank_extractor, sm_extractor):
        [plan] = extractor.extract(text, posted_at=D(2025, 5, 20)).activities
        assert (plan.status, plan.date.value) == ("planned", D(2025, 9, 1))
        assert [p.name for p in plan.places] == ["Larkspur Lake"]


def test_a_journey_told_over_sentences_takes_the_day_said_between_its_mentions(extract):
    """The day it set off, told between the sentences of a multi-day ride, dates it (where it started)."""
    text = ("A 24-year-old engineer from Larkspur has completed a 3,600 km cycle ride from Tarnby to Brackenfold in "
            "21 days. Elin Moss set off on October 1 and reached Brackenfold on Tuesday. She rode about 170 km a day.")
    assert dates_of(extract(text, D(2025, 11, 20)), "cycling") == [D(2025, 10, 1)]
