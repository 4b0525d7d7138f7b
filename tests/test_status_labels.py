"""Status told by where a session stands in time: a label before a colon ("Tomorrow:", "Plan for next week:")
tells the status of the whole list after it; a present progressive with a day after it, or a day or month later
in the year than the post, is an arrangement, and a
race told in the present as set on a day ("is on June 20th") is ahead; a plan hedged on the weather is a plan,
and so is an aim told with its period between ("my goal for this year is to swim").

Each post is written for these tests.
"""
from __future__ import annotations


def records(extractor, text: str) -> list[tuple[str, float | None, str | None]]:
    post = extractor.extract(text, posted_at="2026-06-03")  # a Wednesday
    return [(a.status, a.distance.value if a.distance else None, a.date.value.isoformat() if a.date else None)
            for a in post.activities]


def test_a_date_before_a_colon_reaches_past_a_comma_and_then(extractor):
    assert records(extractor, "Tomorrow: 3x1km at threshold, then an easy 5k on Friday.") == \
        [("planned", 5, "2026-06-05")]


def test_a_plan_label_reaches_past_then(extractor):
    assert records(extractor, "Plan for the week: intervals on the track, then a 20 km long run.") == \
        [("planned", 20, None)]


def test_a_date_with_no_colon_keeps_its_short_scope(extractor):
    """Without a colon the date is the first clause's: "then" ends its reach."""
    assert records(extractor, "Ran 10 km yesterday, then a 5k tomorrow with the club.")[0][0] == "completed"



def test_a_present_progressive_with_a_day_after_it_is_an_arrangement(extractor):
    """"I'm running the club's 10k on June 20th": planned, and its date read ahead."""
    assert records(extractor, "I'm running the club's 10k on June 20th.") == [("planned", 10, "2026-06-20")]
    assert records(extractor, "We're riding to the coast on Saturday.") == [("planned", None, "2026-06-06")]


def test_names_on_the_way_to_the_day_count_as_one_word_each(extractor):
    """The day is eight words on when each place is one: the route's names do not hide the arrangement."""
    assert records(extractor, "We're riding from Tarnby Castle to Larkspur Abbey in Marlow Vale on Saturday.") == \
        [("planned", None, "2026-06-06")]
    text = "The club is riding from Tarnby Castle to Larkspur Abbey in Marlow Vale next week."
    assert records(extractor, text)[0][0] == "planned"


def test_a_cue_reaches_over_a_name_as_over_one_word(extractor):
    """"every Saturday" reaches "runs" past the stadium's name: a routine."""
    text = "The group meets every Saturday at 7:15 near the Marlow Vale Leisure Centre and runs 10 km."
    assert records(extractor, text)[0][0] == "habitual"


def test_a_present_progressive_in_a_longer_period_is_under_way(extractor):
    assert records(extractor, "I'm cycling across the island this month.")[0][0] == "ongoing"
    assert records(extractor, "I'm swimming 1 km every day in June for the Tarnby lifeboat.") == \
        [("ongoing", 1, "2026-06-01")]


def test_a_present_progressive_before_a_day_or_month_later_in_the_year_is_an_arrangement(extractor):
    """Said on 3 June, "in August" and "from 1 July" are ahead: read as gone by, they were last year's."""
    assert records(extractor, "We are walking the Larkspur Way in August.") == [("planned", None, "2026-08-01")]
    assert records(extractor, "I'm swimming 1 km every day from 1 July to 31 July for the Tarnby lifeboat.") == \
        [("planned", 1, "2026-07-01")]
    # a day gone by this year, or one named with its year, is read as written
    assert records(extractor, "We are walking the Larkspur Way in August 2025.")[0][2] == "2025-08-01"


def test_a_present_progressive_before_another_month_is_an_arrangement_in_the_year_ahead(extractor):
    """Said on 3 June, "in March" is next March: a progressive tells no session gone by."""
    assert records(extractor, "We are walking the Larkspur Way in March.") == [("planned", None, "2027-03-01")]
    assert records(extractor, "I'm running the Tarnby Ultra in February, 50 miles.") == \
        [("planned", 50, "2027-02-01")]
    # the post's own month is under way
    assert records(extractor, "I'm cycling across the island in June.")[0][0] == "ongoing"


def test_a_race_done_in_the_present_progressive_on_a_day_is_an_arrangement(extractor):
    """"doing" a named race or a race by its distance, on a day ahead: the race is planned, its day the next."""
    assert records(extractor, "I'm doing the Tarnby Half on Sunday.") == [("planned", 21.0975, "2026-06-07")]
    assert records(extractor, "I'm doing a 10k on Saturday.") == [("planned", 10, "2026-06-06")]
    assert records(extractor, "I'm doing the Tarnby Half in March.") == [("planned", 21.0975, "2027-03-01")]


def test_a_race_told_in_the_present_as_set_on_a_day_is_ahead(extractor):
    assert records(extractor, "The club 10k is on June 20th.") == [("planned", 10, "2026-06-20")]
    assert records(extractor, "The race takes place on Sunday 14 June.") == [("planned", None, "2026-06-14")]


def test_a_plan_hedged_on_the_weather_is_still_a_plan(extractor):
    assert records(extractor, "Planning a big hike up Ben Oran on Saturday if the weather holds.") == \
        [("planned", None, "2026-06-06")]
    assert records(extractor, "If the weather holds, I'll ride to the coast tomorrow.") == \
        [("planned", None, "2026-06-04")]
    # a condition that is no hedge of a plan still makes a hypothesis
    assert records(extractor, "If I had more time I would run every day.")[0][0] == "hypothetical"


def test_an_aim_told_with_its_period_between_is_a_plan(extractor):
    assert records(extractor, "My goal for this year is to swim a mile without stopping.")[0][0] == "planned"
    assert records(extractor, "Our plan for the summer is to ride the coast road to Tarnby.")[0][0] == "planned"


def test_how_often_a_thing_told_of_is_thought_of_is_no_routine(extractor):
    """"This race has been on my mind every day": the race told of is no session done every day."""
    post = extractor.extract("Larkspur 100 Tarnby to Brackenfold October 3-4 2015\n\n"
                             "This race has been on my mind every day for a year. I finished in 27:40.",
                             posted_at="2015-10-20")
    assert [(a.status, a.frequency, a.event.name, a.distance.unit) for a in post.activities] == \
        [("completed", None, "Larkspur 100", "mi")]


def test_a_plan_only_thought_of_is_a_plan(extractor):
    """A tentative plan ("thinking about running 3 miles on Saturday") is a plan, its day ahead."""
    assert records(extractor, "Thinking about running 3 miles along the Tarnby canal on Saturday.")[0][0::2] == \
        ("planned", "2026-06-06")
    assert records(extractor, "I ran 10 km, thinking about my dad the whole way.")[0][0] == "completed"
