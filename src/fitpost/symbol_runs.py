"""Tokenizing text with long runs of symbols in time linear in its length.

spaCy's tokenizer takes the prefixes and suffixes off a piece of text without
spaces one at a time, and searches all that is left again after each: a piece
whose characters come off one by one ("((((", "🔥🔥🔥", "!!!!", ":::") costs
time in the square of its length (8,000 "(" take about 20 s).
:meth:`RunCutter.make_doc` hands the tokenizer such pieces cut small: it puts
a space at a few points of the text, tokenizes that, and builds the Doc of the
original text from the tokens (the added spaces are not in it: every token's
character offsets are the text's).

A piece is cut when the characters that would come off its ends, times its
length, exceed :data:`WORK`; it is cut every :data:`PIECE` or so of those
characters and where they end.  The cut points are chosen so that the tokens
are the ones spaCy gives for the whole piece: between two characters the first
of which comes off alone before the second (or the second alone after the
first, at the end of a piece), outside any of the tokenizer's special cases
(":)", "(:").  Where a stretch has no such point (a run of "…", which come off
two at a time) it is cut anyway, never before a combining mark, a variation
selector or a skin tone, nor after a zero-width joiner.  A piece longer than
:data:`LONG_PIECE` is also cut every :data:`LONG_PIECE` characters, whatever
its tokens.  Text with no piece to cut goes to ``nlp.make_doc`` as it is.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

import numpy
from spacy.attrs import IDX, LENGTH, NORM, SPACY
from spacy.language import Language
from spacy.tokens import Doc

# a piece is cut when (characters coming off its ends) x (its length) exceeds this: the tokenizer
# then spends at most about a microsecond a character on the pieces it is given
WORK = 256
# the characters coming off an end of a piece are cut into groups of PIECE to 2 * PIECE - 1
PIECE = 8
# a piece without spaces longer than this is cut whatever its characters
LONG_PIECE = 1000

# the pieces worth a look: no piece of WORK ** 0.5 characters or fewer can exceed WORK
_CANDIDATE = re.compile(r"(?<!\S)\S{%d,}" % (int(WORK ** 0.5) + 1))
# a cut never separates these from the character before them (nor anything from a joiner)
_JOINING = frozenset({"Mn", "Me", "Sk", "Cf"})
_ZWJ = "\u200d"


def _span(match: re.Match | None) -> tuple[int, int] | None:
    return match.span() if match is not None else None


class RunCutter:
    """Cut the long runs of prefixes and suffixes out of a text for ``nlp``'s tokenizer."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        tokenizer = nlp.tokenizer
        self.prefix: Callable[[str], Any] | None = getattr(tokenizer, "prefix_search", None)
        self.suffix: Callable[[str], Any] | None = getattr(tokenizer, "suffix_search", None)
        # each two characters that stand next to each other in a special case: the special cases
        # with them, and where in them they stand
        self.special_pairs: dict[str, list[tuple[str, int]]] = {}
        for special in getattr(tokenizer, "rules", None) or ():
            for i in range(len(special) - 1):
                self.special_pairs.setdefault(special[i:i + 2], []).append((special, i))
        # per character: whether it comes off the front alone (before a letter), and the back
        self._front: dict[str, bool] = {}
        self._back: dict[str, bool] = {}

    # ------------------------------------------------------------------ the Doc

    def make_doc(self, text: str) -> Doc:
        """``nlp.make_doc(text)``, with the long runs cut for the tokenizer."""
        cuts = self.cuts(text)
        if not cuts:
            return self.nlp.make_doc(text)
        bounds = [0, *cuts, len(text)]
        spaced = " ".join(text[i:j] for i, j in zip(bounds, bounds[1:]))
        tokens = self.nlp.tokenizer(spaced)
        idx, length, space = tokens.to_array([IDX, LENGTH, SPACY]).astype("int64", copy=False).T
        ends = idx + length
        # the space added at cut k stands at cuts[k] + k in the spaced text
        added = numpy.array(cuts, dtype="int64") + numpy.arange(len(cuts), dtype="int64")
        if not _covers(idx, ends, space, added, len(spaced)):  # a tokenizer with tokens across spaces
            return self.nlp.make_doc(text)
        words = [spaced[i:j] for i, j in zip(idx.tolist(), ends.tolist())]
        doc = Doc(self.nlp.vocab, words=words, spaces=((space != 0) & ~numpy.isin(ends, added)).tolist())
        doc.from_array([NORM], tokens.to_array([NORM]))
        return doc

    # ------------------------------------------------------------------ where to cut

    def cuts(self, text: str) -> list[int]:
        """The offsets in ``text`` where a space goes before tokenizing, in order."""
        out: list[int] = []
        for m in _CANDIDATE.finditer(text):
            start, end = m.span()
            lead = self._front_run(text, start, end)
            trail = self._back_run(text, start, end)
            if ((lead - start) + (end - trail)) * (end - start) > WORK or end - start > LONG_PIECE:
                out.extend(self._cut_piece(text, start, end, lead, trail))
        return out

    def _cut_piece(self, text: str, start: int, end: int, lead: int, trail: int) -> list[int]:
        """The cut points of the piece ``text[start:end]``: its first ``lead - start`` characters
        come off the front, and those from ``trail`` on the back."""
        if lead >= trail:  # the two ends meet: one run
            points = self._cut_run(text, start, end, lead, trail)
        else:
            points = self._cut_run(text, start, lead, lead, trail)
            points += [p for p in (lead, trail) if start < p < end and self._neutral(text, p, lead, trail)]
            points += self._cut_run(text, trail, end, lead, trail)
        return _cap(text, start, end, sorted(set(points)))

    def _cut_run(self, text: str, start: int, end: int, lead: int, trail: int) -> list[int]:
        """Points every PIECE to 2 * PIECE - 1 characters inside ``text[start:end]``."""
        points = []
        pos = start
        while end - pos >= 2 * PIECE:
            window = range(pos + PIECE, pos + 2 * PIECE)
            point = next((p for p in window if self._neutral(text, p, lead, trail)), None)
            if point is None:
                point = next((p for p in window if _clean(text, p)), pos + PIECE)
            points.append(point)
            pos = point
        return points

    # ------------------------------------------------------------------ the tokenizer's rules

    def _front_run(self, text: str, start: int, end: int) -> int:
        i = start
        while i < end and self._comes_off_front(text[i]):
            i += 1
        return i

    def _back_run(self, text: str, start: int, end: int) -> int:
        i = end
        while i > start and self._comes_off_back(text[i - 1]):
            i -= 1
        return i

    def _comes_off_front(self, ch: str) -> bool:
        known = self._front.get(ch)
        if known is None:
            known = self._front[ch] = self.prefix is not None and _span(self.prefix(ch + "a")) == (0, 1)
        return known

    def _comes_off_back(self, ch: str) -> bool:
        known = self._back.get(ch)
        if known is None:
            known = self._back[ch] = self.suffix is not None and _span(self.suffix("a" + ch)) == (1, 2)
        return known

    def _neutral(self, text: str, p: int, lead: int, trail: int) -> bool:
        """Whether the tokenizer splits ``text`` at ``p`` anyway: where the front comes off (up to
        ``lead``), the character before ``p`` comes off alone before the one after it; where the
        back comes off (from ``trail``), that one alone after it; and no special case stands
        across ``p``."""
        pair = text[p - 1:p + 1]
        if p <= lead and (self.prefix is None or _span(self.prefix(pair)) != (0, 1)):
            return False
        if p >= trail and (self.suffix is None or _span(self.suffix(pair)) != (1, 2)):
            return False
        return not any(text.startswith(special, p - 1 - i) for special, i in self.special_pairs.get(pair, ())
                       if p - 1 - i >= 0)


def _cap(text: str, start: int, end: int, points: list[int]) -> list[int]:
    """``points`` and a cut about every LONG_PIECE characters of a stretch between them longer
    than that (at a clean point among the PIECE characters before)."""
    out = []
    for a, b in zip([start, *points], [*points, end]):
        p = a
        while b - p > LONG_PIECE:
            p += LONG_PIECE
            p = next((q for q in range(p, p - PIECE, -1) if _clean(text, q)), p)
            out.append(p)
        if b < end:
            out.append(b)
    return out


def _covers(idx: numpy.ndarray, ends: numpy.ndarray, space: numpy.ndarray, added: numpy.ndarray,
            size: int) -> bool:
    """Whether the tokens follow each other through the text of ``size`` characters, each added
    space being the one after a token."""
    follows = numpy.append(idx[1:], size) == ends + space
    return bool(len(idx)) and idx[0] == 0 and bool(follows.all()) and bool(numpy.isin(added, ends[space != 0]).all())


def _clean(text: str, p: int) -> bool:
    """Whether a cut at ``p`` leaves every character sequence whole."""
    return text[p - 1] != _ZWJ and unicodedata.category(text[p]) not in _JOINING
