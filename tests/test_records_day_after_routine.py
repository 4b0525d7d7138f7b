"""A routine told, then a day's session told by its distance alone: the day's distance is no routine's, and
"the ride" told right after refers back to the day's session.  Every post here is written for these tests,
each run in blank mode and with the model."""
from __future__ import annotations

import datetime as dt

import pytest

POSTED = dt.date(2025, 6, 14)


@pytest.fixture(params=["blank", "sm"])
def extract(request):
    extractor = request.getfixturevalue(f"{request.param}_extractor")
    return lambda text: extractor.extract(text, posted_at=POSTED).activities


ROUTINE_THEN_DAY = ("On Saturdays I ride until I reach my target for the day.\n\n"
                    "Today's target was 60 km. I could have gone further, but I held back. "
                    "The ride took about three hours.")


def test_a_days_distance_is_not_the_routines(extract):
    records = extract(ROUTINE_THEN_DAY)
    routine = next(r for r in records if r.status == "habitual")
    assert routine.distance is None and routine.date is None
    day = next(r for r in records if r.distance is not None)
    assert (day.status, day.distance.meters, str(day.date.value)) == ("completed", 60000.0, "2025-06-14")


def test_the_ride_after_a_days_distance_is_that_session(extract):
    records = extract(ROUTINE_THEN_DAY)
    done = [r for r in records if r.status == "completed"]
    assert len(done) == 1
    assert (done[0].distance.meters, done[0].duration.seconds) == (60000.0, 3 * 3600.0)


def test_a_routines_distance_told_with_no_day_is_the_routines(extract):
    [routine] = extract("Every Sunday morning I swim in the harbour. About 2 km, whatever the weather.")
    assert (routine.status, routine.distance.meters) == ("habitual", 2000.0)


def test_a_ride_of_another_distance_is_a_session_of_its_own(extract):
    records = extract("Tuesday: 40 km.\n\nThe ride on Sunday was 90 km with the club.")
    assert sorted(r.distance.meters for r in records) == [40000.0, 90000.0]
