"""Doc and Span extensions that the fitpost components read and write.

Each component adds spans to its own span group on the Doc and sets the
matching Span extension; later components read them.  Registration is
idempotent so any component (or a user's pipeline) may call :func:`register`.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

# span group names, one per component that finds mentions
QUANTITIES = "fp_quantities"
ACTIVITIES = "fp_activities"
PEOPLE = "fp_people"
PLACES = "fp_places"
EVENTS = "fp_events"
DATES = "fp_dates"


@dataclass
class ActivityInfo:
    """What an activity mention says: its type and how it was written."""

    activity: str
    sport_type: str | None = None
    exercise: str | None = None
    form: str = "verb"  # verb, noun, race, exercise, hashtag, event
    generic: bool = False  # "known for running", "running is good for you"


@dataclass
class PersonInfo:
    name: str | None = None
    handle: str | None = None
    relation: str | None = None
    pronoun: bool = False  # a pronoun or a group word, resolved (or not) to ``members``
    members: tuple[str, ...] = ()  # the full names a pronoun or group word stands for
    in_quote: bool = False


@dataclass
class StatusInfo:
    status: str
    cue: str | None = None
    cue_start: int | None = None
    frequency: str | None = None


@dataclass
class PlaceInfo:
    name: str
    role: str = "at"
    hometown: bool = False


@dataclass
class EventInfo:
    name: str
    activity: str | None = None


_DOC = {
    "fp_posted_at": None,  # datetime.date | None: the post date, base of relative dates
    "fp_author": None,  # str | None: who "I" and "we" are in a first-person post
    "fp_context": None,  # dict | None: metadata of the post (tagged handles, location name)
    "fp_roster": None,  # dict | None, set by fitpost_people: main person, persons, spouses, quote speakers
    "fp_records": None,  # list[fitpost.schema.Activity] | None, set by fitpost_records
    "fp_warnings": None,  # list[str] | None
}
_SPAN = {
    "fp_quantity": None,  # fitpost.schema.Quantity
    "fp_activity": None,  # ActivityInfo
    "fp_status": None,  # StatusInfo
    "fp_person": None,  # PersonInfo
    "fp_place": None,  # PlaceInfo
    "fp_event": None,  # EventInfo
    "fp_date": None,  # fitpost.schema.DateRef
}


def register() -> None:
    """Register every fitpost extension once."""
    for name, default in _DOC.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in _SPAN.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


def group(doc: Doc, name: str):
    """The span group ``name`` of ``doc``, created empty when missing."""
    if name not in doc.spans:
        doc.spans[name] = []
    return doc.spans[name]


def sentence_regions(doc: Doc, spans) -> list[tuple[int, int]]:
    """The sentences that hold any of ``spans``, as token offsets, neighbours merged, in order."""
    out: list[tuple[int, int]] = []
    for span in sorted(spans, key=lambda sp: sp.start):
        lo, hi = doc[span.start].sent.start, doc[span.end - 1].sent.end
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


_TEXT_KEY = "fitpost.text"


def text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins the tokens anew on every access."""
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is None:
        cached = doc.text
        doc.user_data[_TEXT_KEY] = cached
    return cached


register()

__all__ = [
    "QUANTITIES", "ACTIVITIES", "PEOPLE", "PLACES", "EVENTS", "DATES",
    "ActivityInfo", "PersonInfo", "StatusInfo", "PlaceInfo", "EventInfo",
    "register", "group", "text", "sentence_regions",
]
