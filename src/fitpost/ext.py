"""Doc and Span extensions that the fitpost components read and write.

Each component adds spans to its own span group on the Doc and sets the
matching Span extension; later components read them.  Registration is
idempotent so any component (or a user's pipeline) may call :func:`register`.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.attrs import IDX, LENGTH, NORM, ORTH, SENT_START, SPACY
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
    tab = tokens(doc)
    for span in sorted(spans, key=lambda sp: sp.start):
        lo, hi = tab.sent_lo[span.start], tab.sent_hi[span.end - 1]
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


_TEXT_KEY = "fitpost.text"


def text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins the tokens anew on every access,
    making a Token object for each; this joins their strings without them."""
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is None:
        strings = doc.vocab.strings
        cached = "".join([strings[o] + " " if ws else strings[o] for o, ws in doc.to_array([ORTH, SPACY]).tolist()])
        doc.user_data[_TEXT_KEY] = cached
    return cached


def remember_text(doc: Doc, value: str) -> None:
    """Tell fitpost the text ``doc`` was made from (``nlp.make_doc(value)``), so it is never rebuilt."""
    doc.user_data[_TEXT_KEY] = value


class Tokens:
    """A Doc's token attributes as plain lists, built once and shared by the components.

    Every ``doc[i]`` or ``for t in doc`` makes a new Token object; on the fast
    (blank) pipeline that was most of fitpost's time.  Components read these
    lists instead and touch Token objects only where they need the parse.
    It holds no Token or Doc, so it makes no reference cycle with its Doc.
    """

    __slots__ = ("n", "text", "lower", "idx", "end", "sent_lo", "sent_hi", "sents", "_doc_id", "_norm_ids")

    def __init__(self, doc: Doc) -> None:
        rows = doc.to_array([IDX, LENGTH, SENT_START]).tolist()  # no Token objects made
        whole = text(doc)
        self._doc_id = id(doc)
        self.n = len(rows)
        self.idx: list[int] = [r[0] for r in rows]
        self.end: list[int] = [r[0] + r[1] for r in rows]
        self.text: list[str] = [whole[i:e] for i, e in zip(self.idx, self.end)]
        self.lower: list[str] = [w.lower() for w in self.text]  # spaCy's LOWER is str.lower()
        self._norm_ids: list[int] | None = None
        # sentence bounds per token; the whole Doc is one sentence when nothing set boundaries
        starts = [0]
        if self.n and doc.has_annotation("SENT_START"):
            starts = [i for i, r in enumerate(rows) if i == 0 or r[2] == 1]
        self.sents: list[tuple[int, int]] = list(zip(starts, starts[1:] + [self.n])) if self.n else []
        self.sent_lo: list[int] = [0] * self.n
        self.sent_hi: list[int] = [0] * self.n
        for lo, hi in self.sents:
            for i in range(lo, hi):
                self.sent_lo[i] = lo
                self.sent_hi[i] = hi

    def char_end(self, start: int, end: int) -> int:
        """The character offset where tokens ``start:end`` end."""
        return self.end[end - 1] if end > start else self.idx[start] if start < self.n else 0

    def __deepcopy__(self, memo) -> None:  # Doc.copy(): the copy builds its own
        return None

    def expand(self, start: int, end: int, length: int) -> tuple[int, int] | None:
        """Token bounds of ``doc.char_span(start, end, alignment_mode="expand")``, None where that is None.

        ``length`` is ``len(doc.text)``; no Span is made.
        """
        if not (0 <= start < length and 0 < end <= length):
            return None
        lo = bisect_right(self.idx, start) - 1
        if start == self.end[lo]:  # in the white space after a token: the span starts at the next one
            lo += 1
        return lo, bisect_right(self.idx, end - 1)

    def norm_ids(self, doc: Doc) -> list[int]:
        """Token NORMs as string-store ids (built on first use, from ``doc.to_array``)."""
        if self._norm_ids is None:
            self._norm_ids = doc.to_array(NORM).tolist()
        return self._norm_ids


_TOKENS_KEY = "fitpost.tokens"


def tokens(doc: Doc) -> Tokens:
    """The shared :class:`Tokens` table of ``doc`` (built on first use, kept in ``doc.user_data``)."""
    tab = doc.user_data.get(_TOKENS_KEY)
    if tab is None or tab._doc_id != id(doc) or tab.n != len(doc):
        tab = Tokens(doc)
        doc.user_data[_TOKENS_KEY] = tab
    return tab


def release(doc: Doc) -> None:
    """Drop the per-Doc caches (the last fitpost component calls it)."""
    doc.user_data.pop(_TOKENS_KEY, None)


register()

__all__ = [
    "QUANTITIES", "ACTIVITIES", "PEOPLE", "PLACES", "EVENTS", "DATES",
    "ActivityInfo", "PersonInfo", "StatusInfo", "PlaceInfo", "EventInfo",
    "register", "group", "text", "remember_text", "sentence_regions", "Tokens", "tokens", "release",
]
