"""Tokenizing text with long runs of symbols in time linear in its length.

spaCy's tokenizer takes the prefixes and suffixes off a piece of text without
spaces one at a time, and searches all that is left again after each: a piece
whose characters come off one by one ("((((", "🔥🔥🔥", "!!!!", ":::") costs
time in the square of its length (8,000 "(" take about 20 s).

:meth:`RunCutter.make_doc` finds those prefixes and suffixes itself, as the
tokenizer would and in the same order (the tokenizer's loop, with its own
prefix and suffix searches, each given a few characters at an end rather than
all that is left), and puts a space around each before tokenizing: each is
then a piece of its own, and the tokenizer goes on from what is left in the
middle as it would have.  The Doc is built from those tokens and the text (the
added spaces are not in it: every token's character offsets are the text's;
an affix the tokenizer splits when alone, a suffix "……" read as two prefixes
"…", is made one token again).  It stops before anything else could happen:
before what is left is short enough to be one of the tokenizer's special
cases, and before an affix that is, or is part of, one (":)", "(:", "'"), so
the tokens are spaCy's, and the tokenizer's last pass, which joins tokens into
special cases, sees the same ones.

It does that for a piece when the characters it takes off, times the piece's
length, exceed :data:`WORK`.  Where it stops before a special case and the
tokenizer would go on taking prefixes and suffixes off a middle longer than
:data:`BLOCKED_PIECE` characters (":):):):)..."), the middle is cut every
:data:`BLOCKED_PART` characters (never before a combining mark, a variation
selector or a skin tone, nor after a zero-width joiner) and each part worked
on in turn: that bounds the work, and there the tokens may differ from
spaCy's at the cuts.  Text with nothing to take off or cut goes to
``nlp.make_doc`` as it is.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy
from spacy.attrs import IDX, LENGTH, NORM, SPACY
from spacy.language import Language
from spacy.tokens import Doc

# a piece is worked on when (characters taken off) x (its length) exceeds this: what the tokenizer
# is then given costs it at most a few microseconds a character
WORK = 256
# a middle the tokenizer would go on taking prefixes and suffixes off (where a special case stops
# RunCutter) longer than BLOCKED_PIECE characters is cut every BLOCKED_PART characters, whatever its
# tokens: the tokenizer's work on a part grows with the square of its length, so short parts keep a
# megabyte of ":):):)" to a few seconds, and the runs of ordinary posts (up to BLOCKED_PIECE) are not cut
BLOCKED_PIECE = 64
BLOCKED_PART = 16
# how many characters the prefix and suffix searches are given (doubled until that is enough to
# decide: the affixes of spaCy's English are at most three characters, or a run of dots)
WINDOW = 8
# the searches' answers kept per window (a cache, emptied when full)
_CACHE_SIZE = 4096

# the pieces worth a look: no piece of WORK ** 0.5 characters or fewer can exceed WORK
_SHORTEST = int(WORK ** 0.5) + 1
_CANDIDATE = re.compile(r"(?<!\S)\S{" + str(_SHORTEST) + ",}")
# a cut never separates these from the character before them (nor anything from a joiner)
_JOINING = frozenset({"Mn", "Me", "Sk", "Cf"})
_ZWJ = "\u200d"
# how far back a cut may move to a clean point
_NEAR = 8


@dataclass
class Piece:
    """The prefixes and suffixes the tokenizer takes off the piece ``text[start:end]``: their
    lengths, in order from the front and from the back inwards; those of them the tokenizer would
    split if given alone (a suffix "……" is two prefixes "…"), as (start, end) offsets; and
    ``blocked`` if it would take off more than these (one that is part of a special case)."""

    start: int
    end: int
    front: list[int] = field(default_factory=list)
    back: list[int] = field(default_factory=list)
    joins: list[tuple[int, int]] = field(default_factory=list)
    blocked: bool = False

    @property
    def middle(self) -> tuple[int, int]:
        """Where what is left for the tokenizer starts and ends."""
        return self.start + sum(self.front), self.end - sum(self.back)

    def points(self) -> list[int]:
        """Where a space goes: after each prefix, before each suffix."""
        out = []
        p = self.start
        for n in self.front:
            p += n
            out.append(p)
        p = self.end
        for n in self.back:
            p -= n
            out.append(p)
        return out


class RunCutter:
    """Take the long runs of prefixes and suffixes off the pieces of a text for ``nlp``'s tokenizer."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        tokenizer = nlp.tokenizer
        self.prefix: Callable[[str], Any] | None = getattr(tokenizer, "prefix_search", None)
        self.suffix: Callable[[str], Any] | None = getattr(tokenizer, "suffix_search", None)
        # with a token_match the tokenizer's loop stops where that matches, at any length
        self.peels = getattr(tokenizer, "token_match", None) is None
        specials = [s for s in (getattr(tokenizer, "rules", None) or ()) if not s.isspace()]
        self.longest_special = max(map(len, specials), default=0)
        self.special_chars = frozenset(s for s in specials if len(s) == 1)
        self.special_charset = frozenset("".join(specials))
        # each two characters that stand next to each other in a special case: the special cases
        # with them, and where in them they stand
        self.special_pairs: dict[str, list[tuple[str, int]]] = {}
        for special in specials:
            for i in range(len(special) - 1):
                self.special_pairs.setdefault(special[i:i + 2], []).append((special, i))
        # caches (each emptied when full): the searches' answers per window, whether a special case
        # stands across the middle of a stretch of text, whether an affix alone is one token, the plan
        # of a part of a blocked middle and where a cut in one goes, each keyed by the text it reads
        self._prefix_sizes: dict[str, int] = {}
        self._suffix_sizes: dict[str, int] = {}
        self._across: dict[tuple[int, str], bool] = {}
        self._alone: dict[str, bool] = {}
        self._parts: dict[tuple[str, int, int], tuple[list[int], list[tuple[int, int]]]] = {}
        self._cut_back: dict[tuple[str, int], int] = {}

    # ------------------------------------------------------------------ the Doc

    def make_doc(self, text: str) -> Doc:
        """``nlp.make_doc(text)``: the same tokens, in time linear in the length of ``text``."""
        cuts, joins = self.plan(text)
        if not cuts:
            return self.nlp.make_doc(text)
        bounds = [0, *cuts, len(text)]
        spaced = " ".join(text[i:j] for i, j in zip(bounds, bounds[1:]))
        tokens = self.nlp.tokenizer(spaced)
        idx, length, space = tokens.to_array([IDX, LENGTH, SPACY]).astype("int64").T
        ends = idx + length
        # the space added at cut k stands at cuts[k] + k in the spaced text
        added = numpy.array(cuts, dtype="int64") + numpy.arange(len(cuts), dtype="int64")
        if not _covers(idx, ends, space, added, len(spaced)):
            return self.nlp.make_doc(text)  # a tokenizer whose tokens do not follow each other
        words = [spaced[i:j] for i, j in zip(idx.tolist(), ends.tolist())]
        spaces = ((space != 0) & ~numpy.isin(ends, added)).tolist()
        norms = tokens.to_array(NORM)
        if joins:
            # where the tokens start in text: before the k-th added space, k fewer than in spaced
            starts = (idx - numpy.searchsorted(added, idx)).tolist()
            words, spaces, norms = self._join(text, joins, starts, words, spaces, norms.tolist())
        doc = Doc(self.nlp.vocab, words=words, spaces=spaces)
        doc.from_array([NORM], numpy.array(norms, dtype="uint64").reshape(-1, 1))
        return doc

    def _join(self, text: str, joins: list[tuple[int, int]], starts: list[int], words: list[str],
              spaces: list[bool], norms: list[int]) -> tuple[list[str], list[bool], list[int]]:
        """The tokens with those inside each of ``joins`` (start, end offsets in ``text``) made one."""
        ends = dict(joins)
        out_words, out_spaces, out_norms = [], [], []
        k = 0
        while k < len(words):
            end = ends.get(starts[k])
            if end is None:
                out_words.append(words[k])
                out_spaces.append(spaces[k])
                out_norms.append(norms[k])
                k += 1
                continue
            word = text[starts[k]:end]
            while k < len(words) and starts[k] < end:
                k += 1
            out_words.append(word)
            out_spaces.append(spaces[k - 1])
            out_norms.append(self.nlp.vocab[word].norm)
        return out_words, out_spaces, out_norms

    # ------------------------------------------------------------------ where spaces go

    def cuts(self, text: str) -> list[int]:
        """The offsets in ``text`` where a space goes before tokenizing, in order."""
        return self.plan(text)[0]

    def plan(self, text: str) -> tuple[list[int], list[tuple[int, int]]]:
        """Where a space goes in ``text`` before tokenizing, and the stretches (start, end) whose
        tokens then make one."""
        cuts: list[int] = []
        joins: list[tuple[int, int]] = []
        if max(map(len, text.split()), default=0) < _SHORTEST:
            return cuts, joins  # no piece (a run of non-space characters: what str.split gives) is long enough
        for m in _CANDIDATE.finditer(text):
            self._plan_piece(text, *m.span(), cuts, joins)
        return cuts, joins

    def _plan_piece(self, text: str, start: int, end: int, cuts: list[int], joins: list[tuple[int, int]],
                    cap: bool = True) -> None:
        """Add the cuts and joins of the piece ``text[start:end]``: around its prefixes and
        suffixes where there is enough of them; and where the tokenizer would go on taking them
        off a middle longer than BLOCKED_PIECE, a cut every BLOCKED_PART characters of it, each part
        planned in turn."""
        piece = self._peel(text, start, end)
        if (sum(piece.front) + sum(piece.back)) * (end - start) <= WORK:
            piece = Piece(start, end, blocked=piece.blocked)
        points = piece.points()
        joins += piece.joins
        a, b = piece.middle
        if cap and piece.blocked and b - a > BLOCKED_PIECE:
            bounds = [a, *self._blocked_cuts(text, a, b), b]
            points += bounds[1:-1]
            for x, y in zip(bounds, bounds[1:]):
                self._plan_part(text, x, y, points, joins)
        cuts += sorted(set(points) - {start, end})

    def _plan_part(self, text: str, start: int, end: int, cuts: list[int], joins: list[tuple[int, int]]) -> None:
        """:meth:`_plan_piece` of ``text[start:end]``, a part of a blocked middle (not cut again).

        A long run of symbols is made of a few parts over and over, so the plan of each is kept,
        keyed by all the text it reads: the part and as much around it as a special case across its
        ends could reach (:meth:`_special_across`).
        """
        lo = max(0, start - self.longest_special)
        key = (text[lo:end + self.longest_special], start - lo, end - lo)
        known = self._parts.get(key)
        if known is None:
            part_cuts: list[int] = []
            part_joins: list[tuple[int, int]] = []
            self._plan_piece(text, start, end, part_cuts, part_joins, cap=False)
            if len(self._parts) >= _CACHE_SIZE:
                self._parts.clear()
            known = self._parts[key] = ([p - start for p in part_cuts], [(a - start, b - start) for a, b in part_joins])
        cuts += [start + p for p in known[0]]
        joins += [(start + a, start + b) for a, b in known[1]]

    def _peel(self, text: str, start: int, end: int) -> Piece:
        """The tokenizer's loop over ``text[start:end]`` (``_split_affixes`` in spaCy's
        tokenizer.pyx), up to where it could meet a special case."""
        piece = Piece(start, end)
        f, b = start, end
        while self.peels:
            pre = self._prefix_size(text, f, b)
            suf = self._suffix_size(text, f + pre, b)
            if not (pre or suf) or b - f - max(pre, suf) <= self.longest_special:
                break
            if pre and suf and pre + suf > b - f:
                suf = 0  # the tokenizer then takes the prefix alone
            # the characters taken off, and the boundaries they make (those at f and b are known)
            prefix, suffix = text[f:f + pre], text[b - suf:b]
            if (pre and not self._takes_off(text, prefix, range(f + 1, f + pre + 1))) or (
                    suf and not self._takes_off(text, suffix, range(b - suf, b))):
                piece.blocked = True
                break
            if pre:
                if not self._one_token(prefix):
                    piece.joins.append((f, f + pre))
                piece.front.append(pre)
                f += pre
            if suf:
                if not self._one_token(suffix):
                    piece.joins.append((b - suf, b))
                piece.back.append(suf)
                b -= suf
        return piece

    def _blocked_cuts(self, text: str, a: int, b: int) -> list[int]:
        """Cuts about every BLOCKED_PART characters of ``text[a:b]``, each at the first point
        going back (at most _NEAR characters) that is clean (:func:`_clean`) and has no special
        case across it, else the first clean one."""
        cuts = []
        p = a
        while b - p > BLOCKED_PART:
            p = self._blocked_cut(text, p + BLOCKED_PART)
            cuts.append(p)
        return cuts

    def _blocked_cut(self, text: str, p: int) -> int:
        """The cut :meth:`_blocked_cuts` makes at ``p`` or before it, kept by all the text it reads
        (a long run of symbols is made of a few stretches over and over)."""
        lo = max(0, p - _NEAR - self.longest_special)
        key = (text[lo:p + self.longest_special + 1], p - lo)
        back = self._cut_back.get(key)
        if back is None:
            near = [q for q in range(p, p - _NEAR, -1) if _clean(text, q)]
            cut = next((q for q in near if not self._special_across(text, q)), near[0] if near else p)
            if len(self._cut_back) >= _CACHE_SIZE:
                self._cut_back.clear()
            back = self._cut_back[key] = p - cut
        return p - back

    # ------------------------------------------------------------------ the tokenizer's rules

    def _prefix_size(self, text: str, f: int, b: int) -> int:
        """The length of the prefix the tokenizer finds at the front of ``text[f:b]``."""
        if self.prefix is None:
            return 0
        size = WINDOW
        while True:
            window = text[f:min(b, f + size)]
            n = _search(self.prefix, window, self._prefix_sizes)
            if f + size >= b or n + 2 <= len(window):  # two characters after it were seen
                return n
            size *= 2

    def _suffix_size(self, text: str, f: int, b: int) -> int:
        """The length of the suffix the tokenizer finds at the back of ``text[f:b]``."""
        if self.suffix is None or f >= b:
            return 0
        size = WINDOW
        while True:
            window = text[max(f, b - size):b]
            n = _search(self.suffix, window, self._suffix_sizes)
            if b - size <= f or n == 0 or n + 2 <= len(window):  # two characters before it were seen
                return n
            size *= 2

    def _takes_off(self, text: str, affix: str, boundaries: range) -> bool:
        """Whether ``affix``, a prefix or suffix of ``text`` the tokenizer takes off, may be handed to it
        as a piece of its own: no special case stands over it or across ``boundaries``, where spaces go
        around it; and alone it is one token, or has no character of any special case
        (so the tokenizer's last pass, which joins tokens into special cases, passes over its
        tokens as it would over the one it makes)."""
        if self._in_special(text, affix, boundaries):
            return False
        return self.special_charset.isdisjoint(affix) or self._one_token(affix)

    def _one_token(self, affix: str) -> bool:
        known = self._alone.get(affix)
        if known is None:
            if len(self._alone) >= _CACHE_SIZE:
                self._alone.clear()
            tokens = self.nlp.tokenizer(affix)
            known = self._alone[affix] = len(tokens) == 1 and tokens[0].text == affix
        return known

    def _in_special(self, text: str, affix: str, boundaries: range) -> bool:
        """Whether a special case of the tokenizer (":)", "(:", "'") stands over any of ``affix`` (a stretch
        of ``text``) or across any of ``boundaries`` (offsets in ``text`` between two characters)."""
        if not self.special_chars.isdisjoint(affix):
            return True
        if self.special_charset.isdisjoint(text[boundaries.start - 1:boundaries.stop]):
            return False  # one across a boundary has characters of special cases on both sides of it
        return any(self._special_across(text, p) for p in boundaries)

    def _special_across(self, text: str, p: int) -> bool:
        """Whether a special case stands over both ``text[p - 1]`` and ``text[p]``."""
        pair = text[p - 1:p + 1]
        if pair not in self.special_pairs:
            return False
        lo = max(0, p - self.longest_special)
        around = (p - lo, text[lo:p + self.longest_special])
        known = self._across.get(around)
        if known is None:
            if len(self._across) >= _CACHE_SIZE:
                self._across.clear()
            known = self._across[around] = any(
                p - 1 - i >= 0 and text.startswith(special, p - 1 - i) for special, i in self.special_pairs[pair])
        return known


def _search(search: Callable[[str], Any], window: str, cache: dict[str, int]) -> int:
    """The length of what ``search`` finds in ``window`` (0 for nothing), cached."""
    n = cache.get(window)
    if n is None:
        if len(cache) >= _CACHE_SIZE:
            cache.clear()
        m = search(window)
        n = cache[window] = 0 if m is None else m.end() - m.start()
    return n


def _clean(text: str, p: int) -> bool:
    """Whether a cut at ``p`` leaves every character sequence whole."""
    return text[p - 1] != _ZWJ and unicodedata.category(text[p]) not in _JOINING


def _covers(idx: numpy.ndarray, ends: numpy.ndarray, space: numpy.ndarray, added: numpy.ndarray,
            size: int) -> bool:
    """Whether the tokens follow each other through the text of ``size`` characters, each added
    space being the one after a token."""
    follows = numpy.append(idx[1:], size) == ends + space
    return (bool(len(idx)) and idx[0] == 0 and bool(follows.all())
            and bool(numpy.isin(added, ends[space != 0]).all()))
