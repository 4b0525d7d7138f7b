"""In a post told in the first person, a time told of someone else is theirs, not the author's session's
(issue 20): "Jonas Berg won in 16:42. I finished in 23:10" and "She was 3rd woman in 38:20, I finished in
44:05" give the author's time.  In a text about someone, "He finished in 3:12:40" is still the session's.
Posts written for these tests; each runs on blank English and on the statistical pipeline."""
from __future__ import annotations


def seconds(extractor, text: str) -> list:
    return [a.duration and a.duration.seconds for a in extractor.extract(text, posted_at="2025-06-16").activities]


def test_a_named_winner_s_time_is_not_the_author_s(extractor):
    assert seconds(extractor, "Tarnby parkrun this morning. Jonas Berg won in 16:42. I finished in 23:10.") == [1390.0]


def test_a_companion_s_time_is_not_the_author_s(extractor):
    got = seconds(extractor, "Ran the Larkspur 10K with Elin. She was 3rd woman in 38:20, I finished in 44:05.")
    assert got == [2645.0]
    assert seconds(extractor, "Did the Larkspur 10K with my wife. She finished in 52:10.") == [None]


def test_in_a_text_about_someone_their_time_is_the_session_s(extractor):
    got = seconds(extractor, "Jonas Berg ran the Larkspur Marathon on Sunday. He finished in 3:12:40.")
    assert got == [11560.0]


def test_the_time_of_another_who_did_it_too_is_not_the_author_s(extractor):
    """A mention of the same race told of someone else joins the author's record, but not with its time."""
    text = "Did the Larkspur 10K today. Jonas raced it as well and came home in 41:02. I was happy with 48:30."
    assert seconds(extractor, text) == [2910.0]
    text = "Rode the Brackenfold sportive, 110 km. Rhodri rode it too and got round in 4:20. My time was 4:45."
    assert seconds(extractor, text) == [17100.0]


def test_a_winners_time_made_a_record_of_its_own_is_no_one_elses(extractor):
    text = "Tamsin Hale, 81, finished the Tarnby Marathon on Sunday. Bram Kettle won it in 2:09:15."
    assert seconds(extractor, text) == [None, 7755.0]


def test_a_time_told_car_to_car_is_the_sessions(extractor):
    assert seconds(extractor, "We summited Larkspur Pike via the north ridge. 7 hours car to car.") == [25200.0]
    assert seconds(extractor, "Hiked up Tarnby Fell with Elin. 5 hours round trip.") == [18000.0]
