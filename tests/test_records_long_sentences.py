"""The status and the records of one long sentence of sessions are read in time that grows in step
with it: what the status tagger asks of a mention's sentence (is it a title, is there a verb in the
past before it) is worked out once per sentence, the person before a mention is found by where the
people of its sentence lie, and a mention is weighed only against the records of its own activity, passing over
at once those listed before it in its sentence.

Each test runs one kind of text at two sizes, n and 4n (within one piece of the Extractor), and
asserts that the larger takes less than RATIO times as long (see :mod:`test_bounded_time`).
"""
from __future__ import annotations

import pytest
from test_bounded_time import RATIO, _growth, _repeat


@pytest.mark.parametrize("unit", [
    "I run and ",  # present tense: is the sentence a title?  Who runs: the person before each mention
    "would run and ",  # "would": a verb in the past before it?  Each a hypothetical record of its own
    "a 5 km run with Ilse, ",  # each item of a list is a session of its own: the earlier items are passed over
])
def test_one_long_sentence_of_sessions_grows_in_step_with_it(blank_extractor, unit):
    assert _growth(blank_extractor.extract, _repeat(unit), 2_000) < RATIO, unit
