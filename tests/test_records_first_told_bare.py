"""A session told first with no amount but its day and company ("I kayaked the river today with Oona and
Piet"), and its amounts further on, is one record when it is the text's only done session of its activity;
told on another day, or at another time of day, it is a session of its own.  Every post here is written for
these tests, each run in blank mode and with the model."""
from __future__ import annotations

import datetime as dt

import pytest

POSTED = dt.date(2025, 5, 20)


@pytest.fixture(params=["blank", "sm"])
def extract(request):
    extractor = request.getfixturevalue(f"{request.param}_extractor")
    return lambda text: extractor.extract(text, posted_at=POSTED).activities


def test_the_only_session_of_its_activity_takes_the_mention_told_first(extract):
    [trip] = extract("I kayaked the Brackenfold River today with Oona, Piet and the kids. Everyone came back dry, "
                     "which was a first.\n\nOona's birthday party is on Saturday, so we needed an easy day.\n\n"
                     "We started at the Marlow Boat Club and paddled the 6 km to Tarn Park.")
    assert trip.distance.meters == 6000.0
    assert {p.name for p in trip.participants} >= {"Oona", "Piet"}
    assert "Brackenfold River" in {p.name for p in trip.places}
    assert str(trip.date.value) == "2025-05-20"


@pytest.mark.parametrize("text", [
    "I ran this morning with Jo before work. My legs were heavy after the weekend. The club meets on Tuesdays."
    "\n\nIn the evening I ran 8 km with the club.",
    "I swam today with Ada at the lido. It was cold and windy. I also had a long chat with the lifeguard about "
    "the winter hours.\n\nLast Sunday I swam 3 km in the lake.",
])
def test_a_mention_of_another_time_is_a_session_of_its_own(extract, text):
    assert len(extract(text)) == 2
