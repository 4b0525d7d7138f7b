"""People named as included in those who did a session ("1,500 entrants lined up for the race, including
Ottilie Marsh") did it: "including" and "among them" are company cues after an activity mention.

Every post here is written for these tests.
"""
from __future__ import annotations


def test_a_person_included_among_the_runners_did_the_race(extractor):
    text = ("More than 1,500 entrants lined up for the Brackenfold Marathon on Sunday, including local teacher "
            "Ottilie Marsh, who finished in 3:41:07.")
    (race,) = extractor.extract(text, posted_at="2024-04-15").activities
    assert [p.name for p in race.participants] == ["Ottilie Marsh"]
    assert race.duration.seconds == 3 * 3600 + 41 * 60 + 7


def test_a_part_of_the_session_is_no_person(extractor):
    (ride,) = extractor.extract("Did a 40 km ride including three climbs.", posted_at="2024-04-15").activities
    assert ride.participants == []


def test_a_companion_sentence_lends_its_day_to_an_undated_session(extractor):
    text = ("A man has swum the length of Lake Larkspur. "
            "He set off at dawn on Saturday and was accompanied by his son Rhodri.")
    (swim,) = extractor.extract(text, posted_at="2026-11-20").activities
    assert str(swim.date.value) == "2026-11-14"


def test_a_session_keeps_its_own_day_over_a_companion_sentence(extractor):
    text = "I ran 10 km today. Last week I was joined by Rhodri Orrin."
    (run,) = extractor.extract(text, posted_at="2026-11-20").activities
    assert str(run.date.value) == "2026-11-20"
