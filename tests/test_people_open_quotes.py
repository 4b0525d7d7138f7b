"""A quotation opened with a curly quote and left open to the end of its line (news copy does so when
the next paragraph goes on with it, or at the end) is the speaker's, as a closed one is.

Every post here is written for these tests.
"""
from __future__ import annotations

from fitpost.components.people.finding import quotes


def test_an_open_quote_runs_to_the_end_of_its_line():
    text = "Leo says, “I ride every day.\n“It clears my mind,” he adds."
    assert [text[s:e] for s, e in quotes(text)] == ["“I ride every day.", "“It clears my mind,”"]


def test_a_closed_quote_over_two_lines_is_one():
    text = "She said, “I ran 5 km.\nThen I swam.” Later she rested."
    assert [text[s:e] for s, e in quotes(text)] == ["“I ran 5 km.\nThen I swam.”"]


def test_the_speaker_of_an_open_quote_did_its_activity(extractor):
    text = ("Nina Brandt from Denver says, “Nothing beats my bicycle. After work, I hop on "
            "and ride round the lake.")
    assert [[p.name for p in a.participants] for a in extractor.extract(text).activities] == [["Nina Brandt"]]
