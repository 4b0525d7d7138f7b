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
Granularity = Literal["day", "week", "month", "year"]


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

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Quantity(_Model):
    """One number as written, with its normalised value.

    ``meters`` for distance and elevation, ``seconds`` for duration (and for a
    pace: seconds per ``per`` unit), ``value`` for the number in the written
    unit (the count for a count, the times for a repetition).
    """

    kind: QuantityKind
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    value: float | None = None
    unit: str | None = None
    meters: float | None = None
    seconds: float | None = None
    min: float | None = None
    max: float | None = None
    times: int | None = None
    per: str | None = None
    frequency: str | None = None
    approximate: bool = False
    sets: int | None = None  # "3x10 squats", "4 sets of 12": sets 3, reps 10 (value is 30)
    reps: int | None = None
    part: bool = False  # one term of a compound ("3 hours" in "3 hours, 12 minutes") also returned whole


class Participant(_Model):
    name: str | None = None
    handle: str | None = None
    relation: str | None = None


class Place(_Model):
    name: str
    role: PlaceRole = "at"


class Event(_Model):
    name: str


class DateRef(_Model):
    """When: ``value`` is the first day of the span the text names."""

    value: dt.date | None = None
    text: str
    granularity: Granularity = "day"
    start: int | None = None
    end: int | None = None


class Activity(_Model):
    activity: ActivityType
    evidence: Evidence
    status: Status = "completed"
    sport_type: str | None = None
    exercise: str | None = None
    distance: Quantity | None = None
    duration: Quantity | None = None
    count: Quantity | None = None
    repetition: Quantity | None = None
    frequency: str | None = None
    pace: Quantity | None = None
    elevation: Quantity | None = None
    sets: int | None = None
    reps: int | None = None
    participants: list[Participant] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    event: Event | None = None
    date: DateRef | None = None
    attributes: list[str] = Field(default_factory=list)
    mentions: list[Evidence] = Field(default_factory=list)
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)


class Post(_Model):
    """One output line: the activities of one input post."""

    id: str | None = None
    posted_at: dt.date | None = None
    author: str | None = None
    activities: list[Activity] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    source: dict[str, Any] | None = None
