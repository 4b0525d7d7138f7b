"""The Python API: :class:`Extractor` turns post texts into :class:`~fitpost.schema.Post` records."""
from __future__ import annotations

import datetime as dt
import gc
import re
from collections import deque
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from pydantic import TypeAdapter
from spacy.language import Language
from spacy.tokens import Doc

from fitpost import ext
from fitpost.inputs import InputPost
from fitpost.schema import Activity, Evidence, Post
from fitpost.symbol_runs import RunCutter


def parse_date(value: str | dt.date | dt.datetime | None) -> dt.date | None:
    """A post date from an ISO date, an ISO timestamp or a date object; ValueError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"not a date (expected YYYY-MM-DD): {value!r}") from None


# young objects are collected after this many allocations in a settled process (Python's default: 700)
SETTLED_GC_THRESHOLD = 50_000


def settle() -> None:
    """Tune the garbage collector for a process that has set up its :class:`Extractor` and now
    extracts until it ends, as a batch worker does.

    Everything loaded so far (the pipeline, its lexicons, dateparser's data) never
    becomes garbage, yet every full collection walks it: it is frozen out of the
    sweeps (``gc.freeze``).  Each post makes thousands of short-lived objects, so
    young objects are collected every :data:`SETTLED_GC_THRESHOLD` allocations
    rather than every 700.  Together this takes the collector's share of blank
    mode from about 10 % to about 2 %.  Reference cycles are still collected.
    """
    gc.freeze()
    young, older, oldest = gc.get_threshold()
    gc.set_threshold(max(SETTLED_GC_THRESHOLD, young), older, oldest)


# where a long text is cut, best first: after a sentence (or a paragraph), at a line break, at a
# space; the cut goes after the white space, so each piece starts with a word
_CUTS = (
    re.compile(r"\n\s*\n|[.!?…][\"'”’)\]]*\s+"),
    re.compile(r"\n\s*"),
    re.compile(r"\s+"),
)


def _cut(text: str, start: int, end: int) -> int:
    """Where the piece of ``text`` from ``start`` ends, at most at ``end``: after the last sentence
    end before ``end``, else the last line break, else the last space, else at ``end``."""
    for pattern in _CUTS:
        ends = [m.end() for m in pattern.finditer(text, start + 1, end)]
        if ends:
            return ends[-1]
    return end


def chunks(text: str, limit: int) -> list[tuple[int, str]]:
    """Split ``text`` into pieces of at most ``limit`` characters with their offsets, cut where
    :func:`_cut` says (a sentence is only cut when a piece of ``limit`` characters holds no end of
    one); the pieces joined are the text."""
    out: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        out.append((start, text[start:end]))
        start = end
    out.append((start, text[start:]))
    return out


# the parts of a record that hold character offsets (each an Evidence, a Quantity or a DateRef, with
# ``start`` and ``end``), besides its ``mentions``
_SPANNED = ("evidence", "distance", "duration", "count", "repetition", "pace", "elevation", "date")
# a record's mentions, validated as one list (a record of a long text may have thousands)
_EVIDENCE_LIST = TypeAdapter(list[Evidence])


def _shift(activity: Activity, offset: int) -> Activity:
    """Move every character offset of a record by ``offset`` (for a piece of a long text)."""
    if not offset:
        return activity

    def fields(e: Evidence) -> dict:
        return {"text": e.text, "start": e.start + offset, "end": e.end + offset}

    def moved(part: Any) -> Any:
        if part is None or part.start is None:
            return part
        if isinstance(part, Evidence):  # each of its fields is given anew: validating them is cheaper than a copy
            return Evidence.model_validate(fields(part))
        return part.model_copy(update={"start": part.start + offset, "end": part.end + offset})

    update = {name: moved(getattr(activity, name)) for name in _SPANNED}
    update["mentions"] = _EVIDENCE_LIST.validate_python([fields(m) for m in activity.mentions])
    return activity.model_copy(update=update)


class Extractor:
    """Extract activity records from fitness posts.

    >>> ex = Extractor(model="blank")
    >>> post = ex.extract("Ran 5k today", posted_at="2025-03-02")
    >>> post.activities[0].activity
    'running'

    ``model`` names the base pipeline (as ``--model`` does); or ``nlp`` is a spaCy pipeline of
    yours: fitpost's components are added to it where it has none of them, as
    :func:`fitpost.pipeline.complete` says (``Extractor(nlp=spacy.load("en_core_web_sm"))`` gives
    the records of ``Extractor(model="en_core_web_sm")``).
    """

    # the most text one spaCy doc gets: a longer post goes through in pieces (cut at paragraph or
    # sentence ends), so the work per post grows in step with its length, never faster
    max_piece = 10_000
    # the most text spaCy gets in one batch (besides ``batch_size`` docs): a model's arrays grow with
    # the characters of a batch, and a 1 MB post, a hundred pieces in one batch, took 3.3 GB and a
    # quarter more time than in batches of four pieces
    max_batch_chars = 50_000

    def __init__(self, model: str = "auto", nlp: Language | None = None, min_confidence: float = 0.0) -> None:
        from fitpost import pipeline

        self.model = model
        self.min_confidence = min_confidence  # records less sure than this are left out
        self.nlp = pipeline.complete(nlp) if nlp is not None else pipeline.build(model)
        # on a pipeline of its own making, the Doc's span groups and span extensions would go
        # unread (records come from doc._.fp_records); a user's pipeline may have readers of them
        self.lean = nlp is None
        # makes the Docs: the tokenizer's tokens, in time linear in the text even where it would
        # take a long run of symbols off one at a time (fitpost.symbol_runs)
        self.runs = RunCutter(self.nlp)

    def _doc(self, post: InputPost, text: str) -> Doc:
        doc = self.runs.make_doc(text)
        ext.remember_text(doc, text)
        if self.lean:
            ext.keep_lean(doc)
        ext.set_doc_value(doc, "fp_posted_at", post.posted_at)
        ext.set_doc_value(doc, "fp_author", post.author)
        ext.set_doc_value(doc, "fp_context", {"tagged": list(post.tagged), "location": post.location})
        return doc

    def _piece(self, doc: Doc, offset: int) -> tuple[list[Activity], list[str]]:
        """The records (offsets moved by ``offset``, where the piece starts in its post) and warnings
        of one piece's Doc: taken as soon as the Doc is done, so a long post's Docs are not all kept."""
        activities = [_shift(a, offset) for a in ext.doc_value(doc, "fp_records") or []
                      if a.confidence >= self.min_confidence]
        return activities, list(ext.doc_value(doc, "fp_warnings") or [])

    def _post(self, post: InputPost, parts: list[tuple[list[Activity], list[str]]]) -> Post:
        activities: list[Activity] = []
        warnings: list[str] = []
        for piece_activities, piece_warnings in parts:
            activities.extend(piece_activities)
            warnings.extend(piece_warnings)
        if len(parts) > 1:
            warnings.append(f"long text processed in {len(parts)} pieces")
        return Post(id=post.id, posted_at=post.posted_at, author=post.author,
                    activities=activities, warnings=warnings, source=post.source)

    def extract(self, text: str, posted_at: str | dt.date | None = None, author: str | None = None,
                id: str | None = None) -> Post:
        """Extract the records of one post."""
        return next(self.pipe([InputPost(text=text, id=id, posted_at=parse_date(posted_at), author=author)]))

    def pipe(self, items: Iterable[InputPost | dict | str], batch_size: int = 128) -> Iterator[Post]:
        """Extract posts as a stream, batched through spaCy; output order is input order.

        Items are :class:`~fitpost.inputs.InputPost` objects, dicts with ``text``
        (and optional ``id``, ``posted_at``, ``author``) or plain strings.  A text
        longer than :attr:`max_piece` (or the pipeline's ``max_length``) is processed in pieces.
        """
        pending: deque[tuple[InputPost, list[int]]] = deque()
        limit = min(self.nlp.max_length, self.max_piece)

        def docs() -> Iterator[Doc]:
            for item in items:
                post = self._input(item)
                pieces = chunks(post.text or "", limit)
                pending.append((post, [offset for offset, _ in pieces]))
                for _, piece in pieces:
                    yield self._doc(post, piece)

        done: list[tuple[list[Activity], list[str]]] = []
        for batch in self._batches(docs(), batch_size):
            for doc in self.nlp.pipe(batch, batch_size=len(batch)):
                post, offsets = pending[0]
                done.append(self._piece(doc, offsets[len(done)]))
                if len(done) == len(offsets):
                    pending.popleft()
                    yield self._post(post, done)
                    done = []

    def _batches(self, docs: Iterable[Doc], batch_size: int) -> Iterator[list[Doc]]:
        """``docs`` in order, in lists of at most ``batch_size`` docs and :attr:`max_batch_chars`
        characters (a doc longer than that alone)."""
        batch: list[Doc] = []
        chars = 0
        for doc in docs:
            size = len(ext.text(doc))
            if batch and (len(batch) >= batch_size or chars + size > self.max_batch_chars):
                yield batch
                batch, chars = [], 0
            batch.append(doc)
            chars += size
        if batch:
            yield batch

    @staticmethod
    def _input(item: InputPost | dict | str) -> InputPost:
        if isinstance(item, InputPost):
            return item
        if isinstance(item, str):
            return InputPost(text=item)
        if isinstance(item, dict):
            text = item.get("text")
            if not isinstance(text, str):
                raise ValueError("the post has no text")
            return InputPost(text=text, id=None if item.get("id") is None else str(item["id"]),
                             posted_at=parse_date(item.get("posted_at")), author=item.get("author"))
        raise TypeError(f"cannot extract from {type(item).__name__}")


@cache
def default_extractor(model: str = "auto") -> Extractor:
    """The :class:`Extractor` on ``model`` that :func:`extract` uses: made on first use, one per
    model in a process, and kept."""
    return Extractor(model=model)


def extract(text: str, posted_at: str | dt.date | None = None, author: str | None = None,
            id: str | None = None, model: str = "auto") -> Post:
    """The records of one post, in one call: :meth:`Extractor.extract` on :func:`default_extractor`.

    >>> extract("Swam 2 km this morning", posted_at="2025-06-01", model="blank").activities[0].distance.meters
    2000.0
    """
    return default_extractor(model).extract(text, posted_at=posted_at, author=author, id=id)
