"""Where a session started and ended, told in a sentence of its own after it ("She set off from A on
May 1 and finished in B"), is its route (fitpost_records, :func:`fitpost.components.records.lending._lend_places`).

Every post here is written for these tests; each runs in blank mode and with the statistical pipeline.
"""
from __future__ import annotations

import pytest


def routes(extractor, text: str) -> list[list[tuple[str, str]]]:
    return [[(p.name, p.role) for p in a.places] for a in extractor.extract(text, posted_at="2024-06-02").activities]


def test_a_start_and_an_end_told_after_the_session_are_its_route(extractor):
    text = ("Ottilie Marsh, 71, completed a 100-mile walk along the coast path for the hospice. "
            "She set off from Brackenfold on May 1 and finished in Larkspur Bay 12 days later.")
    assert routes(extractor, text) == [[("Brackenfold", "from"), ("Larkspur Bay", "to")]]


def test_a_move_or_a_home_is_no_route(extractor):
    text = "Rhodri ran 30 km on Saturday. He grew up in Brackenfold and moved to Larkspur in 2010."
    assert routes(extractor, text) == [[]]


def test_a_route_the_session_tells_itself_is_kept(extractor):
    text = ("Tamsin rode 80 km from Ashby Vale to Larkspur on Sunday. "
            "She set off from the station and finished at the harbour.")
    assert routes(extractor, text)[0][:2] == [("Ashby Vale", "from"), ("Larkspur", "to")]


def test_how_much_later_a_journey_ended_is_what_it_took(extractor):
    text = "Rhodri rowed 3,000 miles across the ocean. He arrived in Antigua 45 days later."
    (rowed,) = extractor.extract(text).activities
    assert rowed.duration is not None and rowed.duration.seconds == 45 * 86400
    # a time after the session that tells no end of it is no time of it
    text = "Rhodri ran the Larkspur Marathon in May. Two days later he was back at work."
    (ran,) = extractor.extract(text).activities
    assert ran.duration is None


def test_a_journey_completed_later_than_its_start_took_that_long(extractor):
    text = ("Rhodri Vance has walked the length of the island. "
            "He set off from Tarnby Point on 2 May and completed the walk at Larkspur Head 19 days later.")
    (walk,) = extractor.extract(text, posted_at="2026-06-01").activities
    assert walk.duration is not None and walk.duration.seconds == 19 * 86400
    assert [(p.name, p.role) for p in walk.places] == [("Tarnby Point", "from"), ("Larkspur Head", "to")]


def test_a_start_and_an_end_told_of_people_named_are_the_route_too(extractor):
    text = ("Two brothers have rowed across the Larkspur Sound in nine days. "
            "Rhodri and Benedikt Pell set off from Brackenfold in May and reached Ashby Vale on Thursday.")
    assert ("Brackenfold", "from") in routes(extractor, text)[0]
    assert ("Ashby Vale", "to") in routes(extractor, text)[0]


@pytest.mark.parametrize("text, stage", [
    ("I'm walking from Brackenfold to Larkspur Bay. Day 12 today: 28 km from Tarnside to Marlow Vale.",
     ("Tarnside", "Marlow Vale")),
    ("We are cycling from Lisbon to Madrid this week. Today: 130 km from Evora to Badajoz.", ("Evora", "Badajoz")),
])
def test_a_distance_with_a_route_of_its_own_is_a_stage_of_the_journey(extractor, text, stage):
    """The distance is no journey's: the day's stage, a record of its own with its start and end."""
    records = extractor.extract(text).activities
    assert len(records) == 2
    leg = next(r for r in records if r.distance is not None)
    assert [(p.role, p.name) for p in leg.places] == [("from", stage[0]), ("to", stage[1])]


def test_a_distance_lent_to_the_session_before_brings_where_it_was(extractor):
    [swim] = extractor.extract("First open water swim of the season! 1.2 km at Tarn Lake, water 14°C.").activities
    assert (swim.distance.meters, [p.name for p in swim.places]) == (1200.0, ["Tarn Lake"])


def test_a_time_lent_to_the_session_before_brings_where_it_was(extractor):
    [race] = extractor.extract("Parkrun #150 today! 24:31 at Tarnby, windy.", posted_at="2025-06-10").activities
    assert (race.duration.seconds, [p.name for p in race.places]) == (24 * 60 + 31.0, ["Tarnby"])


def test_a_distance_lent_to_a_race_before_brings_the_ends_of_its_route(extractor):
    text = ("More than 2,000 people took part in the Brackenfold Fun Run on Sunday. The 5 km route started at "
            "Larkspur Green and finished in Tarnby Park.")
    [race] = extractor.extract(text, posted_at="2025-06-10").activities
    assert (race.distance.meters, [(p.name, p.role) for p in race.places]) == \
        (5000.0, [("Larkspur Green", "from"), ("Tarnby Park", "to")])


def test_a_route_told_right_after_a_far_distance_is_that_distance_s(extractor):
    # the activity word is further off than a place reaches, but the route follows the record's distance
    text = "We walked the whole of the Larkspur Way over four days last week, 84 miles from Brackenfold to Tarnside."
    (walk,) = extractor.extract(text, posted_at="2026-03-10").activities
    roles = {p.name: p.role for p in walk.places}
    assert roles.get("Brackenfold") == "from" and roles.get("Tarnside") == "to"


def test_a_stage_line_and_its_distance_on_the_line_after(extractor):
    text = ("Day 1: Tarnside to Brackenfold.\n62 miles, lots of hills, one puncture.\n\n"
            "Day 2: Brackenfold to Larkspur.\n48 miles in the rain. Great ride though.")
    got = [(a.distance.value if a.distance else None, [(p.name, p.role) for p in a.places])
           for a in extractor.extract(text, posted_at="2024-06-02").activities]
    assert sorted(got, key=lambda g: g[0] or 0) == [
        (48.0, [("Brackenfold", "from"), ("Larkspur", "to")]),
        (62.0, [("Tarnside", "from"), ("Brackenfold", "to")])]


def test_stages_told_in_running_prose_are_stages_of_their_own(extractor):
    text = ("We cycled the coast over four days. Day 1 was a gentle one, 78 km. "
            "Day 2 took us from Larkspur to Brackenfold, 64 km.")
    got = [(a.distance.value if a.distance else None, a.duration.value if a.duration else None)
           for a in extractor.extract(text, posted_at="2024-06-02").activities]
    assert got == [(None, 4.0), (78.0, None), (64.0, None)]


def test_a_days_distance_after_a_time_of_day_and_a_comma_is_that_days(extractor):
    # "by noon, 14 km": the "by" marks the time of day, not a point of the course
    text = "Day 3 of our Tarnby Way trek. We left the hut at 7 and reached Larkspur Pass by noon, 14 km and 900 m up."
    got = [a.distance.value for a in extractor.extract(text, posted_at="2024-06-02").activities if a.distance]
    assert got == [14.0]


def test_a_stage_line_then_a_distance_with_a_route_of_its_own(extractor):
    text = ("Day 3 of our coast to coast walk.\n"
            "23 miles from Kirkby Ashes to Tarnside today, the hardest day so far.")
    stage = next(a for a in extractor.extract(text, posted_at="2026-03-10").activities
                 if a.distance is not None)
    assert stage.distance.value == 23.0
    assert [(p.name, p.role) for p in stage.places] == [("Kirkby Ashes", "from"), ("Tarnside", "to")]


@pytest.mark.parametrize("text, expected", [
    ("The veteran, who lost a leg in Kestrel Bay, will attempt to row across the Tarnside Sound next summer.",
     [("Tarnside Sound", "at")]),
    ("Rhodri Vance, whose sister teaches in Marlow Vale, swam 5 km in Lake Larkspur on Sunday.",
     [("Lake Larkspur", "at")]),
])
def test_a_place_in_an_aside_about_a_person_is_not_the_sessions(extractor, text, expected):
    assert routes(extractor, text) == [expected]


def test_a_session_told_in_an_aside_about_a_person_keeps_its_places(extractor):
    text = "Tamsin Hale, who ran from Tarnside to Larkspur last year, is back."
    assert routes(extractor, text) == [[("Tarnside", "from"), ("Larkspur", "to")]]


def test_a_daily_share_that_set_off_from_a_landmark_of_the_start_is_the_same_journey(extractor):
    # the cathedral is in the town the walk started from: no other start, so "25 km a day" is the walk's share
    text = "Tamsin Hale, 71, completed a 1,000 km walk from Brackenfold to Tarnside on Tuesday. " \
           "She set off from Brackenfold Cathedral on 2 May and walked about 25 km a day."
    got = extractor.extract(text, posted_at="2024-06-02").activities
    assert len(got) == 1 and got[0].distance.value == 1000


def test_an_end_told_again_where_the_journey_ends_keeps_its_role(extractor):
    # "at" the end of a route told before is where the route ends: the place keeps its route role
    text = ("The club is on a cycling tour from Tarnby Fell to the Larkspur Memorial in New Brackenfold. "
            "Vance waved the riders off on Monday.\n\nThe riders will pedal 640 km in 8 days, "
            "with a wreath laid at the Larkspur Memorial on 15 Aug.")
    [tour] = extractor.extract(text, posted_at="2026-08-02").activities
    roles = {p.name: p.role for p in tour.places}
    assert roles.get("Larkspur Memorial") == "to" and roles.get("Tarnby Fell") == "from"


def test_the_route_of_a_logged_day_frames_no_later_day(extractor):
    # the route belongs to the day's own distance; tomorrow's stage tells none
    text = "Day 4 on the coast path. 19 km from Ashby Vale to Larkspur in the drizzle. Tomorrow is 26 km over the moor."
    assert routes(extractor, text) == [[("Ashby Vale", "from"), ("Larkspur", "to")], []]


def test_a_start_told_before_a_session_that_tells_its_end_is_its_start(extractor):
    # the session tells where it ended; the sentence before tells where it set off from
    text = ("They set off from Tarnby Bridge at dawn. Having covered 140 miles in 9 hours, "
            "the riders arrived at the Larkspur Arms.")
    assert [sorted(r) for r in routes(extractor, text)] == [[("Larkspur Arms", "to"), ("Tarnby Bridge", "from")]]


def test_a_start_or_an_end_told_with_its_verb_far_from_the_one_session_is_its_route(extractor):
    text = ("Their charity ride will begin from the old market cross in Tarnby at 6am on Saturday "
            "and finish in Larkspur.")
    assert routes(extractor, text) == [[("Tarnby", "from"), ("Larkspur", "to")]]
    # a place after "from" that no verb of starting opens is no route of a session far before it
    text = ("Tamsin rode to work on Monday morning in the pouring rain with a heavy bag and two flat tyres on the way, "
            "while a statement later came from Larkspur Council.")
    assert routes(extractor, text) == [[]]
