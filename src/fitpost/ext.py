"""Doc and Span extensions that the fitpost components read and write.

Each component adds spans to its own span group on the Doc and sets the
matching Span extension; later components read them.  Registration is
idempotent so any component (or a user's pipeline) may call :func:`register`.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from spacy.attrs import DEP, ENT_IOB, IDX, IS_PUNCT, LENGTH, NORM, ORTH, SENT_START, SPACY, TAG
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
    form: str = "verb"  # verb, noun, race, exercise, hashtag, event, programme (a programme's session: "W4 R2")
    generic: bool = False  # "known for running", "running is good for you"


@dataclass
class PersonInfo:
    name: str | None = None
    handle: str | None = None
    relation: str | None = None
    pronoun: bool = False  # a pronoun or a group word, resolved (or not) to ``members``
    members: tuple[str, ...] = ()  # the full names a pronoun or group word stands for
    in_quote: bool = False
    companion: bool = False  # named in company ("with Asha", "Asha and I"): with the one doing the activity


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


@dataclass
class RosterPerson:
    """What the text tells of one named person (by full name in :attr:`Roster.persons`)."""

    gender: str | None = None  # "m", "f" or None
    handle: str | None = None  # their first @handle in the text
    relation: str | None = None  # "wife", "coach" ...: how the text relates them


@dataclass
class Quote:
    """A quotation, as character offsets, and who it is attributed to."""

    start: int
    end: int
    speaker: str | None = None


@dataclass
class Roster:
    """Who the text is about, as ``fitpost_people`` resolved it (``doc._.fp_roster``)."""

    main: str | None = None  # the person named most often: "he"/"she" fall back to them
    persons: dict[str, RosterPerson] = field(default_factory=dict)  # every full name -> what is known
    spouse: dict[str, str] = field(default_factory=dict)  # both ways: a person -> their spouse or partner
    quotes: list[Quote] = field(default_factory=list)  # in text order

    def person(self, name: str) -> RosterPerson:
        """What is known of ``name`` (nothing, for a name not in the roster)."""
        return self.persons.get(name) or RosterPerson()

    def quote_at(self, at: int) -> Quote | None:
        """The quote holding character offset ``at``, if any."""
        k = bisect_right(self.quotes, at, key=lambda q: q.start) - 1  # the last quote starting at or before
        return self.quotes[k] if k >= 0 and at < self.quotes[k].end else None


_DOC = {
    "fp_posted_at": None,  # datetime.date | None: the post date, base of relative dates
    "fp_author": None,  # str | None: who "I" and "we" are in a first-person post
    "fp_context": None,  # dict | None: metadata of the post (tagged handles, location name)
    "fp_roster": None,  # Roster | None, set by fitpost_people: main person, persons, spouses, quote speakers
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


_DOC_VALUES_KEY = "fitpost.doc"  # doc._.<name> is doc.user_data[(_DOC_VALUES_KEY, name)], when set


class _DocValue:
    """The getter and setter of the Doc extension ``name``: its value lives in ``doc.user_data`` under
    ``(_DOC_VALUES_KEY, name)``, where :func:`doc_value` reads it directly (``doc._`` makes a new object
    on every use, and reading a value through it goes by a failed attribute look-up).  Every default is
    None, so no default object is shared between Docs."""

    def __init__(self, name: str, default: Any) -> None:
        self.key = (_DOC_VALUES_KEY, name)
        self.default = default

    def get(self, doc: Doc) -> Any:
        return doc.user_data.get(self.key, self.default)

    def set(self, doc: Doc, value: Any) -> None:
        doc.user_data[self.key] = value


def register() -> None:
    """Register every fitpost extension once."""
    for name, default in _DOC.items():
        if not Doc.has_extension(name):
            value = _DocValue(name, default)
            Doc.set_extension(name, getter=value.get, setter=value.set)
    for name, default in _SPAN.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


def group(doc: Doc, name: str):
    """The span group ``name`` of ``doc``, created empty when missing."""
    if name not in doc.spans:
        doc.spans[name] = []
    return doc.spans[name]


def range_at(ranges: list[tuple[int, int]], at: int) -> tuple[int, int] | None:
    """The range of ``ranges`` (sorted, disjoint ``(start, end)`` pairs) that holds ``at``, if any."""
    if ranges:
        k = bisect_right(ranges, (at, math.inf)) - 1  # the last range starting at or before ``at``
        if k >= 0 and at < ranges[k][1]:
            return ranges[k]
    return None


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


CLOSING_PUNCTUATION = frozenset(".!?…:;,")  # a line ending in one of these is no title


BLANK_LINE = re.compile(r"\n[ \t\r]*\n")  # a line with nothing but white space: it parts blocks of lines


def title_end(text: str) -> int:
    """The character offset where ``text``'s title ends: its first line (after any blank ones), when a
    line break ends it and it closes with no sentence punctuation ("Grandmother swims across the lake"
    over the report); -1 when there is none."""
    start = next((k for k, ch in enumerate(text) if not ch.isspace()), len(text))
    end = text.find("\n", start)
    line = text[start:end].rstrip() if end > 0 else ""
    return end if line and line[-1] not in CLOSING_PUNCTUATION else -1


def has_annotation(doc: Doc, attr: str) -> bool:
    """``doc.has_annotation(attr)``, worked out once per Doc (for TAG, DEP, ENT_IOB and SENT_START
    from the token table's array): on a Doc without the annotation (blank mode) spaCy walks every
    token to say so, and several components ask."""
    known = tokens(doc).annotated
    if attr not in known:
        known[attr] = doc.has_annotation(attr)
    return known[attr]


def remember_text(doc: Doc, value: str) -> None:
    """Tell fitpost the text ``doc`` was made from (``nlp.make_doc(value)``), so it is never rebuilt."""
    doc.user_data[_TEXT_KEY] = value


# the token table's columns: what the tokenizer fixed, then what later pipes may set
_TOKEN_ATTRS = [IDX, LENGTH, IS_PUNCT]
_ANNOTATION_ATTRS = [SENT_START, NORM, TAG, DEP, ENT_IOB]


def _positions(words: list[str]) -> dict[str, list[int]]:
    """Each distinct word of ``words`` -> the indices it is at, in order."""
    at: dict[str, list[int]] = {}
    for i, w in enumerate(words):
        if w in at:
            at[w].append(i)
        else:
            at[w] = [i]
    return at


def _lookup(at: dict[str, list[int]], vocabulary: Collection[str]) -> list[int]:
    """The indices in ``at`` (of :func:`_positions`) of the words in ``vocabulary``, in order."""
    # the words in both, as one set operation that walks the smaller side (``keys() & x`` walks ``x``
    # unless ``x`` is a larger set or dict view; a larger frozenset walks ``at`` by ``intersection``)
    if isinstance(vocabulary, dict):
        common = at.keys() & vocabulary.keys()
    elif isinstance(vocabulary, frozenset) and len(vocabulary) > len(at):
        common = vocabulary.intersection(at)
    else:
        common = at.keys() & vocabulary
    if not common:
        return []
    if len(common) == 1:
        for word in common:
            return at[word]
    return sorted(chain.from_iterable(map(at.__getitem__, common)))


def word_kinds(kinds: dict[str, Collection[str]]) -> dict[str, tuple[str, ...]]:
    """Each word of ``kinds`` (a kind of word rules are keyed on -> its words) -> the kinds it is a word
    of, in the order of ``kinds``: what :meth:`Tokens.where_kinds` looks a Doc's words up by."""
    out: dict[str, tuple[str, ...]] = {}
    for kind, words in kinds.items():
        for word in words:
            out[word] = (*out.get(word, ()), kind)
    return out


class Tokens:
    """A Doc's token attributes as plain lists, built once and shared by the components.

    Every ``doc[i]`` or ``for t in doc`` makes a new Token object; on the fast
    (blank) pipeline that was most of fitpost's time.  Components read these
    lists instead and touch Token objects only where they need the parse.
    It holds no Token or Doc, so it makes no reference cycle with its Doc.
    """

    __slots__ = ("n", "text", "lower", "idx", "end", "sent_lo", "sent_hi", "sents", "found", "annotated", "reread",
                 "_doc_id", "_norms", "_norm_ids", "_punct", "_lower_at")

    def __init__(self, doc: Doc, annotations: bool = True) -> None:
        # no Token objects made; the annotation columns come in the same call when wanted now
        arr = doc.to_array(_TOKEN_ATTRS + _ANNOTATION_ATTRS if annotations else _TOKEN_ATTRS)
        whole = text(doc)
        self._doc_id = id(doc)
        self.n = len(arr)
        self.idx: list[int] = arr[:, 0].tolist()
        self.end: list[int] = (arr[:, 0] + arr[:, 1]).tolist()
        self.text: list[str] = [whole[i:e] for i, e in zip(self.idx, self.end)]
        self.lower: list[str] = list(map(str.lower, self.text))  # spaCy's LOWER is str.lower() of the token
        self._punct = arr[:, 2]
        self._lower_at: dict[str, list[int]] | None = None
        self.found: dict[str, list[Mention]] = {}  # span group name -> its spans as Mentions, in group order
        if annotations:
            self.read_annotations(doc, arr[:, len(_TOKEN_ATTRS):])
        else:  # read on the first use through tokens(): a pipe making the table early saves a read
            self.reread = True

    def read_annotations(self, doc: Doc, arr=None) -> None:
        """(Re)read what pipes after the tokenizer set (``arr``: the ``_ANNOTATION_ATTRS`` columns, read
        when not given): sentence bounds (the whole Doc is one sentence when nothing set them), NORMs,
        and whether TAG, DEP, ENT_IOB and SENT_START are set."""
        if arr is None:
            arr = doc.to_array(_ANNOTATION_ATTRS)
        n = self.n
        self.reread = False  # set by a pipe that makes the table before the rest of the pipeline runs
        self._norms = arr[:, 1]
        self._norm_ids: list[int] | None = None
        # doc.has_annotation(name), which on a Doc without the annotation walks every token in a
        # generator: here any non-zero value of the column (SENT_START: from the second token)
        tag, dep, ent = arr[:, 2:].any(axis=0).tolist() if n else (True, True, True)
        self.annotated: dict[str, bool] = {"TAG": tag, "DEP": dep, "ENT_IOB": ent}
        column = arr[:, 0]
        marked = n > 1 and bool(column[1:].any())
        self.annotated["SENT_START"] = n <= 1 or marked or "sents" in doc.user_hooks
        starts = [0]
        if marked:
            starts = (column == 1).nonzero()[0].tolist()
            if not starts or starts[0] != 0:
                starts.insert(0, 0)
        self.sents: list[tuple[int, int]] = list(zip(starts, starts[1:] + [n])) if n else []
        self.sent_lo: list[int] = []
        self.sent_hi: list[int] = []
        for lo, hi in self.sents:
            self.sent_lo += [lo] * (hi - lo)
            self.sent_hi += [hi] * (hi - lo)

    def is_punct(self, i: int) -> bool:
        """``doc[i].is_punct``."""
        return bool(self._punct[i])

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

    def where(self, vocabulary: Collection[str]) -> list[int]:
        """The indices of the tokens whose lower-cased text is in ``vocabulary``, in order (don't change
        the list): where a rule keyed on some words may apply.  The Doc's words are indexed once, so each
        rule looks up its words rather than testing every token."""
        if self._lower_at is None:
            self._lower_at = _positions(self.lower)
        return _lookup(self._lower_at, vocabulary)

    def where_kinds(self, kinds: dict[str, tuple[str, ...]]) -> dict[str, list[int]]:
        """As :meth:`where` for several kinds of words at once (``kinds``, of :func:`word_kinds`): the
        indices of each kind's tokens, in order, the words of all kinds looked up in one pass."""
        # each word of the Doc that is a word of some kind gives all its indices to each of its kinds
        if self._lower_at is None:
            self._lower_at = _positions(self.lower)
        at = self._lower_at
        found: dict[str, list[int]] = {}
        for word in at.keys() & kinds.keys():
            for kind in kinds[word]:
                if kind in found:
                    found[kind] += at[word]
                else:
                    found[kind] = at[word][:]  # a list of its own: ``at`` stays as it is
        for indices in found.values():  # in order, the indices of one kind's words put together
            indices.sort()
        return found

    def where_cased(self, vocabulary: Collection[str]) -> list[int]:
        """As :meth:`where`, for the tokens' text as written: of the tokens :meth:`where` gives for the
        words in lower case, those written as one of ``vocabulary``."""
        written = set(vocabulary)
        return [i for i in self.where({w.lower() for w in written}) if self.text[i] in written]

    def norm_ids(self) -> list[int]:
        """Token NORMs as string-store ids (a list made on first use)."""
        if self._norm_ids is None:
            self._norm_ids = self._norms.tolist()
        return self._norm_ids


class Mention:
    """A span of a fitpost span group as plain offsets, with the value of its extension.

    Later components read these instead of the group: every read of a
    SpanGroup makes new Span objects, and every ``span._`` read an Underscore.
    Equal, like Spans, when the bounds and label are.
    """

    __slots__ = ("start", "end", "label", "info", "status", "start_char", "end_char")

    def __init__(self, start: int, end: int, label: str, info: Any, start_char: int, end_char: int,
                 status: Any = None) -> None:
        self.start, self.end, self.label, self.info = start, end, label, info
        self.start_char, self.end_char, self.status = start_char, end_char, status

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mention) \
            and (self.start, self.end, self.label) == (other.start, other.end, other.label)

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.label))

    def __repr__(self) -> str:
        return f"Mention({self.start}, {self.end}, {self.label!r}, {self.info!r})"


def doc_value(doc: Doc, name: str) -> Any:
    """``doc._.<name>`` (a fitpost Doc extension of :func:`register`), read where it lives (:class:`_DocValue`)."""
    return doc.user_data.get((_DOC_VALUES_KEY, name), _DOC[name])


def set_doc_value(doc: Doc, name: str, value: Any) -> None:
    """``doc._.<name> = value``, written where it lives (:class:`_DocValue`)."""
    doc.user_data[(_DOC_VALUES_KEY, name)] = value


def root(doc: Doc, mention: Mention, parsed: bool) -> int:
    """The root token of ``mention``, as ``Span.root`` has it: its first token when the Doc has no parse."""
    return doc[mention.start:mention.end].root.i if parsed else mention.start


_LEAN_KEY = "fitpost.lean"


def keep_lean(doc: Doc) -> None:
    """Mark ``doc`` as one that only fitpost reads (the :class:`~fitpost.Extractor` does):
    the components keep what they find in the shared table alone, and make no span
    groups or span extensions, which only a user of the Doc would read."""
    doc.user_data[_LEAN_KEY] = True


def has(doc: Doc, name: str) -> bool:
    """Whether a component has added the span group ``name`` to ``doc`` (empty or not)."""
    if doc.user_data.get(_LEAN_KEY):
        return name in tokens(doc).found
    return name in doc.spans


def add(doc: Doc, name: str, attr: str, found: Iterable[tuple[int, int, str, Any]]) -> None:
    """Add spans ``(start, end, label, value)`` to the span group ``name`` (made if missing), in order,
    each with ``value`` as its ``span._.<attr>``; later components read them with :func:`mentions`."""
    tab = tokens(doc)
    user_data = doc.user_data
    if user_data.get(_LEAN_KEY):
        idx, end_ = tab.idx, tab.end
        tab.found.setdefault(name, []).extend(
            [Mention(start, end, label, value, idx[start], end_[end - 1]) for start, end, label, value in found])
        return
    spans: list[Span] = []
    new: list[Mention] = []
    for start, end, label, value in found:
        span = Span(doc, start, end, label=label)
        span._.set(attr, value)
        spans.append(span)
        new.append(Mention(start, end, label, value, tab.idx[start], tab.end[end - 1]))
    if name in doc.spans:
        group = doc.spans[name]
        before = len(group)
        group.extend(spans)
    else:
        before = 0
        doc.spans[name] = spans  # one SpanGroup, built at once
    known = tab.found.get(name)
    if known is not None and len(known) == before:
        known.extend(new)
    elif before == 0:
        tab.found[name] = new
    else:  # the group was changed behind fitpost's back: read it anew when asked
        tab.found.pop(name, None)


def mentions(doc: Doc, name: str, attr: str) -> list[Mention]:
    """The spans of group ``name`` as :class:`Mention` objects with their ``span._.<attr>`` (and
    ``span._.fp_status``), in group order; empty when there is no such group.  Don't change the list."""
    if doc.user_data.get(_LEAN_KEY):
        return tokens(doc).found.get(name, [])
    group = doc.spans.get(name) if doc.spans else None
    if not group:
        return []
    tab = tokens(doc)
    known = tab.found.get(name)
    if known is not None and len(known) == len(group):
        return known
    known = [Mention(s.start, s.end, s.label_, s._.get(attr), s.start_char, s.end_char, s._.get("fp_status"))
             for s in group]
    tab.found[name] = known
    return known


def set_status(doc: Doc, mention: Mention, status: Any) -> None:
    """``span._.fp_status = status`` for the activity span ``mention`` stands for."""
    mention.status = status
    if not doc.user_data.get(_LEAN_KEY):
        doc[mention.start:mention.end]._.set("fp_status", status)


_TOKENS_KEY = "fitpost.tokens"


def tokens(doc: Doc, annotations: bool = True) -> Tokens:
    """The shared :class:`Tokens` table of ``doc`` (built on first use, kept in ``doc.user_data``;
    its annotations read again when the pipe that made it marked it ``reread``).

    ``annotations=False`` is for a pipe that sets annotations itself (the
    sentencizer): it gets the tokenizer's columns only (texts, offsets,
    punctuation), and the table reads the rest when a later pipe asks.

    The table stays with its Doc and goes with it: no component drops it, so
    none has to run last, and a pipe after the fitpost components may read it.
    It is safe to leave: it holds no Token or Doc (no reference cycle),
    ``Doc.copy`` and ``Doc.to_bytes`` leave it out (the copy builds its own), and
    a Doc whose length changed (retokenized) gets a new one.  See :func:`release`.
    """
    tab = doc.user_data.get(_TOKENS_KEY)
    if tab is None or tab._doc_id != id(doc) or tab.n != len(doc):
        tab = Tokens(doc, annotations)
        doc.user_data[_TOKENS_KEY] = tab
    elif tab.reread and annotations:
        tab.read_annotations(doc)
    return tab


def release(doc: Doc) -> None:
    """Drop the token table of ``doc`` now rather than with the Doc: to free its memory while
    keeping the Doc, or after changing a processed Doc's tokens or annotations in place, before
    running fitpost components over it again.  Not between the fitpost components of one run:
    on a lean Doc (:func:`keep_lean`) the table holds what they found."""
    doc.user_data.pop(_TOKENS_KEY, None)


register()

__all__ = [
    "QUANTITIES", "ACTIVITIES", "PEOPLE", "PLACES", "EVENTS", "DATES",
    "ActivityInfo", "PersonInfo", "StatusInfo", "PlaceInfo", "EventInfo", "Roster", "RosterPerson", "Quote",
    "register", "group", "range_at", "text", "has_annotation", "remember_text", "sentence_regions",
    "Tokens", "tokens", "release",
    "Mention", "keep_lean", "has", "add", "mentions", "set_status", "doc_value", "set_doc_value", "root",
]


IRREGULAR_PAST = frozenset(("ran", "swam", "swum", "rode", "ridden"))  # activity verbs in the past not in "-ed"


def is_past_form(low: str) -> bool:
    """Whether the lower-case word is an activity verb's past form: "-ed", or one of IRREGULAR_PAST."""
    return low.endswith("ed") or low in IRREGULAR_PAST


def past_activity_verbs(doc: Doc) -> set[int]:
    """The tokens of one-word activity verbs in the past tense (:func:`is_past_form`), which a model may read
    as the first word of a name when they open a sentence ("Cycled Larkspur Pass with Tamsin", "Ran Kelby
    parkrun"): no part of a place's or a person's name."""
    lows = tokens(doc).lower
    return {m.start for m in mentions(doc, ACTIVITIES, "fp_activity")
            if m.info.form == "verb" and m.end - m.start == 1 and is_past_form(lows[m.start])}

