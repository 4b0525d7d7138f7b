"""The record contract as pydantic v2 models.

One output line is a :class:`Post`; each activity found in it is an
:class:`Activity`.  Field names follow ``shared/eval/README.md`` (the record
contract); the extra fields (``sport_type``, ``exercise``, ``pace`` ...) are
additions the contract allows.

The activity types and the statuses a record may hold are read from the
lexicons (``"types"`` of ``models/activities.json``, ``models/statuses.json``),
so an activity or status added there is valid in records, and listed by
``fitpost schema``, with no change here.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from fitpost import resources, statuses


def _names(values: object, where: str) -> tuple[str, ...]:
    """``values``, a non-empty list of distinct strings, as a tuple (a ValueError names ``where`` otherwise)."""
    if not (isinstance(values, list) and values and all(isinstance(v, str) for v in values)
            and len(set(values)) == len(values)):
        raise ValueError(f"{where} must be a non-empty list of distinct names")
    return tuple(values)


# read once, at import: the lexicons are package data and never change at run time
ACTIVITY_TYPES = _names(resources.load_json("activities.json").get("types"), 'models/activities.json: "types"')
STATUSES = statuses.names()
ActivityType = Literal[ACTIVITY_TYPES]  # type: ignore[valid-type]  # Literal["running", "walking", ...]
Status = Literal[STATUSES]  # type: ignore[valid-type]  # Literal["completed", "ongoing", ...]
QuantityKind = Literal["distance", "duration", "count", "repetition", "frequency", "pace", "elevation"]
PlaceRole = Literal["at", "from", "to", "via"]
Granularity = Literal["day", "week", "month", "season", "year"]


def check_activity_types(names: Iterable[str], where: str) -> None:
    """Raise a ValueError naming ``where`` when any of ``names`` is not an activity type of the records."""
    unknown = sorted(set(names).difference(ACTIVITY_TYPES))
    if unknown:
        raise ValueError(f"{where}: {', '.join(map(repr, unknown))} not among the activity types of the records "
                         f"(\"types\" in fitpost's models/activities.json)")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Model):
    """A span of the input text: ``text == input[start:end]``."""

    text: str = Field(description='The words of the post as written: "Ran a 21k".')
    start: int = Field(ge=0, description="Where the span starts in the post's text (a character offset, from 0).")
    end: int = Field(ge=0, description="Where the span ends in the post's text (the offset after its last character).")


class Quantity(_Model):
    """One number as written, with its normalised value.

    ``meters`` for distance and elevation, ``seconds`` for duration (and for a
    pace: seconds per ``per`` unit), ``value`` for the number in the written
    unit (the count for a count, the times for a repetition).
    """

    kind: QuantityKind = Field(description=(
        "What the number measures: distance (21k), duration (3 hours), count (50 push-ups, 3 laps), "
        "repetition (twice, 3 times), frequency (3 times a week), pace (5:13 min/km) or elevation "
        "(1,900 m of climbing)."))
    text: str = Field(description='The quantity as written: "21k", "3x20 squats".')
    start: int = Field(ge=0, description="Where the quantity starts in the post's text (a character offset).")
    end: int = Field(ge=0, description="Where the quantity ends in the post's text.")
    value: float | None = Field(None, description=(
        'The number in the written unit: 21 for "21k", 2.5 for "2.5 miles", 5.2166 for "5:13 min/km"; '
        'the high end of a range (12 for "10-12 km").'))
    unit: str | None = Field(None, description='The written unit, normalised: "km", "mi", "m", "h", "min", "s", '
                                               '"min/km", "time" (a repetition); for a count, what is counted '
                                               '("lap", "squat", "push_up").')
    meters: float | None = Field(None, description="A distance or an elevation in metres: 21000.0 for \"21k\".")
    seconds: float | None = Field(None, description=(
        'A duration in seconds (11560.0 for "3 hours, 12 minutes and 40 seconds"); for a pace, seconds per '
        '`per` (313.0 for "5:13 min/km").'))
    min: float | None = Field(None, description=(
        'The low end of a range, in metres for a distance, seconds for a duration, else the written unit: '
        '10000.0 for "10-12 km", 1800.0 for "30-40 minutes", 20 for "20-30 push-ups".'))
    max: float | None = Field(None, description='The high end of a range, as min: 12000.0 for "10-12 km".')
    times: int | None = Field(None, description='How many times, for a repetition or a frequency: 2 for "twice", '
                                                '3 for "3 times a week".')
    per: str | None = Field(None, description='The unit a pace is per: "km" for "5:13 min/km".')
    frequency: str | None = Field(None, description='For a frequency, how often as a word: "daily" for "every day", '
                                                    '"weekly" for "3 times a week".')
    approximate: bool = Field(False, description='Whether the number is not exact: hedged ("about 5 km") or a '
                                                 'range ("10-12 km").')
    sets: int | None = Field(None, description='Sets of a count written as sets and reps: 3 for "3x10 squats" '
                                               'or "3 sets of 10 squats" (whose value is 30).')
    reps: int | None = Field(None, description='Repetitions per set of such a count: 10 for "3x10 squats".')
    part: bool = Field(False, description=(
        'Whether this is one term of a compound quantity that is also returned whole: "3 hours" and "12 minutes" '
        'of "3 hours, 12 minutes" (parse_quantities gives the whole and its parts; records hold the whole, '
        "so a record's quantity has part false)."))


class Participant(_Model):
    """Someone who took part: the post's author, or someone the text names."""

    name: str | None = Field(None, description='A name as written: "Sarah Kemp", "Leo".')
    handle: str | None = Field(None, description='A social media handle: "@sarah_k".')
    relation: str | None = Field(None, description='How the person relates to the author, when the text says: '
                                                   '"brother" for "with my brother", "coach", "friend".')


class Place(_Model):
    """A place of the activity, with its role on the route."""

    name: str = Field(description='The place as written: "Pune", "the lakeside path".')
    role: PlaceRole = Field("at", description=(
        'Its role: at (where: "in Pune"), from (the start: "from Pune"), to (the end: "to Lonikand") '
        'or via (on the way: "via Khadki").'))


class Event(_Model):
    """A named event the activity was part of."""

    name: str = Field(description='The event\'s name as written: "Berlin Marathon", "the Hilltop 10K".')


class DateRef(_Model):
    """When: ``value`` is the first day of the span the text names."""

    value: dt.date | None = Field(None, description=(
        'The date (YYYY-MM-DD): the first day of the span the text names, resolved against the post\'s '
        'posted_at ("yesterday" on 2025-03-09 is 2025-03-08; "last week" is its Monday); null when it '
        "cannot be resolved (no posted_at for a relative date)."))
    text: str = Field(description='The date as written: "yesterday", "on 3 March", "last week".')
    granularity: Granularity = Field("day", description="How wide the span is: day, week, month, season (three "
                                                       "months) or year.")
    start: int | None = Field(None, description="Where the date starts in the post's text (a character offset).")
    end: int | None = Field(None, description="Where the date ends in the post's text.")


class Activity(_Model):
    """One activity the post speaks of: one session, or a routine, a plan, a negation."""

    activity: ActivityType = Field(description='The type of activity ("running", "cycling", "strength_training", ...; '
                                               'the list is in models/activities.json).')
    evidence: Evidence = Field(description='The words that name the activity: "Ran" in "Ran a 21k".')
    status: Status = Field("completed", description=(
        "Whether it was done: completed (done), ongoing (under way), planned, habitual (a routine: "
        '"I run every day"), hypothetical ("if I ran") or negated ("I didn\'t run").'))
    sport_type: str | None = Field(None, description='The Strava sport type of the activity: "Run", "Ride", '
                                                     '"Swim", "WeightTraining".')
    exercise: str | None = Field(None, description='The exercise of a strength or yoga record: "squat", '
                                                   '"push_up", "sun_salutation".')
    distance: Quantity | None = Field(None, description='How far: "21k" (meters 21000).')
    duration: Quantity | None = Field(None, description='How long: "3 hours" (seconds 10800).')
    count: Quantity | None = Field(None, description='How many of something: "50 push-ups", "3 laps", '
                                                     '"3x20 squats" (value 60, sets 3, reps 20).')
    repetition: Quantity | None = Field(None, description=(
        'How many times the whole activity was done: "twice", "3 times" (times 2, 3), as in '
        '"ran the hill loop twice".'))
    frequency: str | None = Field(None, description='How often, for a routine: "daily", "weekly" '
                                                    '("every morning", "three times a week").')
    pace: Quantity | None = Field(None, description='How fast: "5:13 min/km" (seconds 313, per "km").')
    elevation: Quantity | None = Field(None, description='How much climbing: "1,900 m" (meters 1900).')
    sets: int | None = Field(None, description=(
        "Sets of the exercise, when the record gives them apart from its count (the pipeline gives sets "
        'and reps on the count: "3x20 squats" has count.sets 3).'))
    reps: int | None = Field(None, description="Repetitions per set, as sets (the pipeline gives them as count.reps).")
    participants: list[Participant] = Field(default_factory=list, description=(
        "Who took part: the post's author (by the author name it was given) when the text says they did, and the "
        'people it names: "with @sarah_k and my brother Leo".'))
    places: list[Place] = Field(default_factory=list, description='Where, and the route: "from Pune to Lonikand".')
    event: Event | None = Field(None, description='The named event: "the Berlin Marathon".')
    date: DateRef | None = Field(None, description='When, if the text says: "yesterday", "on Sunday".')
    attributes: list[str] = Field(default_factory=list, description=(
        "Words that qualify the session when its sentences hold them: barefoot, virtual, solo, indoor, "
        'treadmill ("a solo ride", "10 km on the treadmill").'))
    mentions: list[Evidence] = Field(default_factory=list, description=(
        'The other words of the post that speak of the same session: "the race" and "running" '
        'after "Ran the half marathon".'))
    confidence: float = Field(default=0.5, ge=0.0, le=1.0, description=(
        "How sure the record is, 0 to 1: it grows with the evidence the text gives (an amount, a date or "
        "an event, a verb of doing it, more mentions)."))


class Post(_Model):
    """One output line: the activities of one input post."""

    id: str | None = Field(None, description="The post's id from the input (null when it has none).")
    posted_at: dt.date | None = Field(None, description="The post's date (YYYY-MM-DD): the base of relative dates.")
    author: str | None = Field(None, description='Who wrote the post (who "I" and "we" are): "maren.runs".')
    activities: list[Activity] = Field(default_factory=list, description="The activities found in the post: one "
                                                                         "record each.")
    warnings: list[str] = Field(default_factory=list, description=(
        'What went wrong short of failing: "unreadable post date \'...\'", "long text processed in 3 pieces".'))
    source: dict[str, Any] | None = Field(None, description=(
        "Where the post was read, then the input's metadata. fitpost batch gives file (the input file as named, "
        "or <stdin>), line (the line of the file where the post starts, from 1), index (its element of a JSON "
        "array, or its data row of a CSV/TSV table, from 0) and item (its place among the posts of one record "
        "that holds several, a twarc2 page); the readers add what they keep of the input (url, likes, tagged, "
        "an input field named file, line, index or item kept as input.KEY). Null from extract and from the "
        "Python API on plain texts."))
