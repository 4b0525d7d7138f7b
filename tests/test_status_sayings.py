"""A sentence in quote marks that a word of a saying introduces ("an old saying goes: "...") tells no session: its
activities are hypothetical.  A quote that is speech ("I said") keeps its own status.  Every post here is written
for these tests, each run in blank mode and with the model."""
from __future__ import annotations

import pytest

from fitpost.components.status import StatusTagger


@pytest.fixture(params=["blank", "sm"])
def extract(request):
    extractor = request.getfixturevalue(f"{request.param}_extractor")
    return lambda text: extractor.extract(text).activities


@pytest.mark.parametrize("text, said_m", [
    ('An old saying among cyclists goes like this: "Ride 100 km before breakfast and the day is yours." '
     "I rode 40 km today and that was plenty.", 100000.0),
    ("Our club's motto: “Swim 5 km a week and the sea is yours.” I rode 40 km today and that was plenty.", 5000.0),
])
def test_an_activity_in_a_saying_is_hypothetical(extract, text, said_m):
    statuses = {r.distance.meters: r.status for r in extract(text)}
    assert statuses == {said_m: "hypothetical", 40000.0: "completed"}


def test_speech_in_quotes_keeps_its_status(extract):
    [run] = extract('"Ran 10 km before work," I said to my brother.')
    assert run.status == "completed"


def test_the_saying_words_come_from_the_rules(blank_extractor):
    tagger = blank_extractor.nlp.get_pipe("fitpost_status")
    assert isinstance(tagger, StatusTagger) and {"saying", "motto", "mantra"} <= tagger.saying_words
