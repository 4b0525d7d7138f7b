"""A race report's title names the race ("Race report: Larkspur Valley 50K"): a line whose capitals are a
name's is no Title Case headline, so the event is read there, and the finish told further on is the race's.
"A death march" is no walk.  A time someone named ran, told in the author's report outside a sentence in
the first person ("Rhodri ran 47:58"), is theirs, not the race's the title names.

Every post here is written for these tests.
"""
from __future__ import annotations

import pytest

REPORT = ("Race report: Larkspur Valley 50K\n\n"
          "The first 10 miles went by easily. Around mile 18 the climbs started.\n\n"
          "The last 5 miles were a death march but I crossed the finish line in 6:12:45.")


def test_the_title_names_the_race(extractor):
    (race,) = extractor.extract(REPORT, posted_at="2024-05-06").activities
    assert race.event is not None and race.event.name == "Larkspur Valley 50K"
    assert race.distance.meters == pytest.approx(50000)
    assert race.duration.seconds == 6 * 3600 + 12 * 60 + 45


def test_a_title_case_headline_still_is_one(extractor):
    text = "Grandmother Swims Across the Larkspur Lake For Charity\n\nOttilie Marsh swam 3 km on Sunday."
    assert all(a.event is None for a in extractor.extract(text, posted_at="2024-05-06").activities)


@pytest.mark.parametrize("title, name", [
    # report words ending the title: the race is named before them
    ("Brackenfold 10K Race Report", "Brackenfold 10K"),
    ("Larkspur Half Marathon Recap", "Larkspur Half Marathon"),
    # report words and a dash, a bar or a colon opening it: the race is named after them
    ("Race Report - Brackenfold Half Marathon", "Brackenfold Half Marathon"),
    ("Race Recap | Larkspur Valley Trail Marathon", "Larkspur Valley Trail Marathon"),
])
def test_a_title_with_report_words_names_the_race(extractor, title, name):
    text = title + "\n\nI held on to finish in 1:41:02, a minute under my old best."
    (race,) = extractor.extract(text, posted_at="2024-05-06").activities
    assert race.event is not None and race.event.name.startswith(name)  # "Brackenfold 10K Race": its "Race" stays


def test_a_friends_time_in_the_authors_report_is_not_the_authors(extractor):
    text = ("Brackenfold 10K race report\n\nThe gun went at 9am and I set off with Rhodri. The second half "
            "was into the wind and I faded, finishing in 49:32. Rhodri ran 47:58, a new PB for him.")
    got = extractor.extract(text, posted_at="2026-11-20").activities
    assert got[0].event is not None and got[0].duration.seconds == 49 * 60 + 32


def test_a_time_told_by_a_verb_right_after_a_named_race_is_its_result(extractor):
    text = "Did the Tarnby 10K this morning. Ran 44:10, a new PB!"
    (race,) = extractor.extract(text, posted_at="2026-11-20").activities
    assert race.event is not None and race.duration.seconds == 44 * 60 + 10


@pytest.mark.parametrize("text", [
    "Ran the Tarnby 10K this morning. Later ran 30 minutes easy with the dog.",
    "Did the Tarnby 10K this morning. Ran 3 hours on Sunday.",
])
def test_a_time_of_a_later_run_or_another_day_is_another_session(extractor, text):
    assert len(extractor.extract(text, posted_at="2026-11-20").activities) == 2


@pytest.mark.parametrize("text, event, metres, seconds", [
    ("Brackenfold Half Marathon\nChip time: 1:42:18\nPosition: 312/1840", "Brackenfold Half Marathon",
     21097.5, 6138.0),
    ("Larkspur Fell Race\nTough one today, 14 km and 800 m of climb. Finished in 1:32.", "Larkspur Fell Race",
     14000.0, 5520.0),
])
def test_a_race_s_name_alone_on_its_line_is_the_race(extractor, text, event, metres, seconds):
    (race,) = extractor.extract(text, posted_at="2024-05-06").activities
    assert race.event is not None and race.event.name == event
    assert race.distance.meters == pytest.approx(metres) and race.duration.seconds == seconds


def test_metres_of_climb_are_no_climbing_session(extractor):
    (run,) = extractor.extract("Hilly run today, 14 km with 800 m of climb.", posted_at="2024-05-06").activities
    assert run.activity == "running" and run.distance.meters == 14000.0


@pytest.mark.parametrize("text, activity", [
    ("Brevet report: the Larkspur 300\n\nI rolled out of Tarnby at 5am with Jonas. I finished in 14 hours 20 minutes.",
     "cycling"),
    ("Parkrun recap\n\nTough one today, 26:40.", "running"),
])
def test_a_title_naming_the_session_reported_is_that_session(extractor, text, activity):
    (race,) = extractor.extract(text, posted_at="2024-05-06").activities
    assert race.activity == activity and race.duration is not None
