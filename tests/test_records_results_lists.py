"""In a post told in the first person, a time right after someone else's name is that person's result, not
the author's session's ("Results: 1. Jonas Berg 31:02 ... I was 212th in 52:30"); in a text about others, the
person named may be whose session it is (fitpost_records: ``Context.others_name_ends``).

Every post here is written for these tests; each runs in blank mode and with the statistical pipeline.
"""
from __future__ import annotations


def test_the_winners_times_in_a_results_list_are_not_the_authors(extractor):
    text = "Tarnside 10K results:\n1. Jonas Berg 31:02\n2. Tamsin Hale 31:40\nI was 212th in 52:30, happy with that."
    (race,) = extractor.extract(text, posted_at="2026-11-20").activities
    assert race.duration.seconds == 52 * 60 + 30


def test_in_a_text_about_someone_a_time_after_their_name_is_theirs(extractor):
    text = "Jonas Berg won the Tarnside 10K on Sunday. Jonas Berg 31:02."
    (race,) = extractor.extract(text, posted_at="2026-11-20").activities
    assert race.duration.seconds == 31 * 60 + 2
