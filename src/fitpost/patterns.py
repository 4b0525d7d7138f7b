"""The rule engine of fitpost_status and fitpost_dates: spaCy Matcher token patterns and
PhraseMatcher phrases, matched over fitpost's shared token table.

A rule's trigger is one of two things, and the engine says which by the method it is added with:

* a token pattern (:meth:`TokenPatterns.add`, as ``Matcher.add``): a list of token specs with
  LOWER, ORTH or TEXT (a string, ``IN``, ``NOT_IN``, ``REGEX``), the Lexeme flags (``LIKE_NUM``,
  ``IS_PUNCT`` ...), ``IS_SENT_START``, ``SPACY`` and the operators ``?`` and ``{n,m}``;
* a phrase (:meth:`TokenPatterns.add_phrases`, as ``PhraseMatcher.add``): a sequence of words
  matched on one token attribute, ``LOWER`` or ``NORM``.

Both give exactly the matches spaCy's ``Matcher`` and ``PhraseMatcher`` give
(``tests/test_patterns.py`` holds them together).  A token pattern with anything else
(another attribute, ``*``, ``+``, ``!``) is handed to a spaCy ``Matcher`` inside the
engine, so no rule is ever lost; the shipped rules need none.

How it matches: each token pattern becomes its fixed-length forms; a token's lexical
tests are one bitmask (a function of its text), and a form is tried only at the tokens
that pass its rarest test (its anchor).  Phrases are a trie over the token values of their
attribute.
"""
from __future__ import annotations

import functools
import itertools
import math
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from spacy.attrs import IS_STOP
from spacy.matcher import Matcher
from spacy.tokens import Doc

from fitpost import ext
from fitpost.errors import FitpostError

_TEXT_ATTRS = {"LOWER": "LOWER", "ORTH": "ORTH", "TEXT": "ORTH"}
_FLAG_ATTRS = {"LIKE_NUM", "LIKE_URL", "LIKE_EMAIL", "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER",
               "IS_TITLE", "IS_PUNCT", "IS_SPACE", "IS_STOP", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT",
               "IS_RIGHT_PUNCT", "IS_CURRENCY"}  # Lexeme booleans: functions of the token's text
_TOKEN_ATTRS = {"IS_SENT_START", "SPACY"}  # read from the Tokens table
_PHRASE_ATTRS = ("LOWER", "NORM")
_MAX_VARIANTS = 256  # a pattern with more fixed-length forms goes to the Matcher
_CACHE_SIZE = 65_536  # token texts whose test bits are kept; the bits of a text never change

Match = tuple[str, int, int]  # (key, start, end), token offsets in the Doc


class RuleError(FitpostError, ValueError):
    """A rule in a data file is malformed; the message names the file and the rule."""


@runtime_checkable
class Engine(Protocol):
    """What the rule components need of a matcher (:class:`TokenPatterns` is the one they use)."""

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        """Add token patterns under ``key`` (as ``Matcher.add``)."""

    def add_phrases(self, key: str, phrases: Iterable[Sequence[str]], attr: str = "LOWER") -> None:
        """Add phrases under ``key``, each a sequence of token values of ``attr`` (as ``PhraseMatcher.add``)."""

    def __call__(self, doc: Doc, regions: list[tuple[int, int]] | None = None) -> list[Match]:
        """Every match inside ``regions`` (token ranges, default the whole Doc), region by region,
        each region's ordered by end, then start, then the order the keys were first added."""


@dataclass(frozen=True)
class _Spec:
    """One pattern token: the predicate bits it needs and forbids, and its token-level tests."""

    need: int
    forbid: int
    checks: tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class _Try:
    """A fixed-length form of a pattern, tried from its anchor token: ``tests`` are
    (offset from the anchor, need, forbid, checks), nearest first."""

    key: int
    anchor: int  # the anchor's position in the form
    length: int
    tests: tuple[tuple[int, int, int, tuple[tuple[str, bool], ...]], ...]


_Test = tuple[int, int, int, tuple[tuple[str, bool], ...]]  # (offset from the anchor, need, forbid, checks)


@dataclass(frozen=True)
class _Group:
    """Forms tried at the same anchor token whose nearest test is the same (``test``; None for those with no
    test but their anchor's), each with its other tests: they are tried together, and where that test
    fails none of them is (a pattern with optional tokens makes several forms alike)."""

    test: _Test | None
    forms: tuple[tuple[_Try, tuple[_Test, ...]], ...]


class Memo(dict):
    """The values of a pure function ``compute`` of one argument, computed on first use: ``memo[key]``.
    At most ``size`` are kept; the oldest goes first."""

    def __init__(self, compute: Callable[[Any], Any], size: int) -> None:
        super().__init__()
        self.compute = compute
        self.size = size

    def __missing__(self, key: Any) -> Any:
        value = self.compute(key)
        if len(self) >= self.size:
            del self[next(iter(self))]
        self[key] = value
        return value


def _repeats(op: str | None) -> tuple[int, int] | None:
    """How many tokens an OP lets a pattern token take (min, max); None for "*", "+", "!", "{n,}"."""
    if op is None or op == "1":
        return 1, 1
    if op == "?":
        return 0, 1
    m = re.fullmatch(r"\{(\d*)(?:(,)(\d*))?\}", op) if isinstance(op, str) else None
    if m is None or (m[2] and not m[3]) or not (m[1] or m[3]):
        return None
    lo = int(m[1] or 0)
    hi = int(m[3]) if m[2] else lo
    return (lo, hi) if lo <= hi else None


def _token_ok(doc: Doc, tab: ext.Tokens, i: int, checks: tuple[tuple[str, bool], ...]) -> bool:
    """Token ``i`` passes the token-level tests (IS_SENT_START, SPACY) of a pattern token."""
    for attr, value in checks:
        if attr == "IS_SENT_START":
            got = tab.sent_lo[i] == i
        else:  # SPACY: a space follows the token
            got = (tab.idx[i + 1] if i + 1 < tab.n else len(ext.text(doc))) > tab.end[i]
        if got != value:
            return False
    return True


class TokenPatterns:
    """Token patterns and phrases matched over a Doc's :class:`~fitpost.ext.Tokens` lists (an :class:`Engine`).

    Gives the (key, start, end) matches ``Matcher`` and ``PhraseMatcher`` give, all of
    them, each once.
    """

    def __init__(self, vocab) -> None:
        self.vocab = vocab
        self.keys: list[str] = []  # in the order first added: the order of a span's keys
        self._bits: dict[tuple, int] = {}  # predicate -> its bit
        self._words: dict[str, dict[str, int]] = {"LOWER": {}, "ORTH": {}}  # attr -> word -> bits
        self._regexes: list[tuple[str, re.Pattern, int]] = []
        self._flags: list[tuple[str, int]] = []
        self._cost: dict[int, tuple] = {}  # bit -> how common a token passing it is (rough)
        self._forms: list[tuple[int, _Try]] = []  # (anchor bit, form)
        self._anchors = 0  # every anchor bit
        self._matcher: Matcher | None = None  # the token patterns out of the forms' reach
        self._patterns: dict[str, list[list[dict]]] = {}  # as added, for get()
        # the phrases: per attribute a trie, a node being (the key indices of the phrases
        # ending there, {value: child node}); NORM values are string-store ids
        self._tries: dict[str, dict] = {attr: {} for attr in _PHRASE_ATTRS}
        self._phrases: dict[str, list[tuple[str, tuple[str, ...]]]] = {}  # as added, for get_phrases()
        self._reset()

    def _reset(self) -> None:
        """Forget the bits of texts and the forms by anchor bits and by text (after rules are added)."""
        self._masks = Memo(self._text_bits, _CACHE_SIZE)  # token text -> its predicate bits
        self._by_anchors = Memo(self._forms_at, 4096)  # a token's anchor bits -> the forms anchored there
        self._at = Memo(self._text_forms, _CACHE_SIZE)  # token text -> the forms anchored at it

    def _index(self, key: str) -> int:
        if key not in self.keys:
            self.keys.append(key)
        return self.keys.index(key)

    @property
    def uses_matcher(self) -> bool:
        """Whether some token pattern is out of the engine's reach and goes to a spaCy ``Matcher``, which
        costs a pass over every Doc (the shipped rules need none)."""
        return self._matcher is not None

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        """Add token ``patterns`` under ``key`` (as ``Matcher.add``)."""
        index = self._index(key)
        self._patterns.setdefault(key, []).extend(patterns)
        rest = []
        for pattern in patterns:
            forms = self._forms_of(pattern)
            if forms is None:
                rest.append(pattern)
            else:
                self._forms.extend(self._form(index, specs) for specs in forms)
        if rest:
            self._matcher = self._matcher or Matcher(self.vocab)
            self._matcher.add(key, rest)
        self._anchors = functools.reduce(operator.or_, (bit for bit, _ in self._forms), 0)
        self._reset()

    def add_phrases(self, key: str, phrases: Iterable[Sequence[str]], attr: str = "LOWER") -> None:
        """Add ``phrases`` under ``key``, each a sequence of token values of ``attr`` (as
        ``PhraseMatcher(vocab, attr=attr).add`` with Docs of those tokens): lower-cased for
        LOWER, taken as written for NORM.  An empty phrase matches nothing."""
        if attr not in _PHRASE_ATTRS:
            raise ValueError(f"phrases match on {' or '.join(_PHRASE_ATTRS)}, not {attr!r}")
        index = self._index(key)
        for phrase in phrases:
            words = tuple(w.lower() for w in phrase) if attr == "LOWER" else tuple(phrase)
            self._phrases.setdefault(key, []).append((attr, words))
            values = [self.vocab.strings.add(w) for w in words] if attr == "NORM" else words
            keys, children = None, self._tries[attr]
            for value in values:
                keys, children = children.setdefault(value, ([], {}))
            if keys is not None and index not in keys:
                keys.append(index)

    def get(self, key: str) -> list[list[dict]]:
        """The token patterns added under ``key`` (as ``Matcher.get`` gives them, without callbacks)."""
        return list(self._patterns.get(key, []))

    def get_phrases(self, key: str) -> list[tuple[str, tuple[str, ...]]]:
        """The phrases added under ``key``, as (attribute, words)."""
        return list(self._phrases.get(key, []))

    # compiling

    def _forms_of(self, pattern: list[dict]) -> list[tuple[_Spec, ...]] | None:
        """The fixed-length token sequences a pattern stands for; None when out of reach."""
        choices = []
        for token in pattern:
            if not isinstance(token, dict):
                return None
            spec = self._spec(token)
            repeats = _repeats(next((v for k, v in token.items() if k.upper() == "OP"), None))
            if spec is None or repeats is None:
                return None
            choices.append([(spec,) * n for n in range(repeats[0], repeats[1] + 1)])
        if math.prod(map(len, choices)) > _MAX_VARIANTS:
            return None
        out = []
        for combo in itertools.product(*choices):
            specs = tuple(s for part in combo for s in part)
            if not specs:
                continue  # the Matcher skips empty matches
            if not any(s.need for s in specs):
                return None  # nothing to look for it by
            out.append(specs)
        return out

    def _spec(self, token: dict) -> _Spec | None:
        need = forbid = 0
        checks = []
        for key, value in token.items():
            key = key.upper()
            if key == "OP":
                continue
            if key in _TEXT_ATTRS:
                attr = _TEXT_ATTRS[key]
                if isinstance(value, str):
                    need |= self._bit(("IN", attr, frozenset([value])))
                elif isinstance(value, dict) and value:
                    for op, arg in value.items():
                        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(w, str) for w in arg):
                            bit = self._bit(("IN", attr, frozenset(arg)))
                            need, forbid = (need | bit, forbid) if op == "IN" else (need, forbid | bit)
                        elif op == "REGEX" and isinstance(arg, str):
                            need |= self._bit(("REGEX", attr, arg))
                        else:
                            return None
                else:
                    return None
            elif key in _FLAG_ATTRS and isinstance(value, bool):
                bit = self._bit(("FLAG", key))
                need, forbid = (need | bit, forbid) if value else (need, forbid | bit)
            elif key in _TOKEN_ATTRS and isinstance(value, bool):
                checks.append((key, value))
            else:
                return None
        return _Spec(need, forbid, tuple(checks))

    def _bit(self, predicate: tuple) -> int:
        bit = self._bits.get(predicate)
        if bit is not None:
            return bit
        bit = self._bits[predicate] = 1 << len(self._bits)
        kind, *args = predicate
        if kind == "IN":
            attr, words = args
            table = self._words[attr]
            for word in words:
                table[word] = table.get(word, 0) | bit
            self._cost[bit] = (sum(map(self._common, words)) / max(1, len(words)), len(words))
        elif kind == "REGEX":
            self._regexes.append((args[0], re.compile(args[1]), bit))
            self._cost[bit] = (0.5, 0)
        else:
            self._flags.append((args[0].lower(), bit))
            self._cost[bit] = (0.9, 0)
        return bit

    def _common(self, word: str) -> bool:
        """A stop word or punctuation: a poor word to look for a pattern by."""
        is_stop = self.vocab.lex_attr_getters.get(IS_STOP)
        return bool(is_stop and is_stop(word)) or not any(c.isalnum() for c in word)

    def _form(self, key: int, specs: tuple[_Spec, ...]) -> tuple[int, _Try]:
        """A form and its anchor bit: the needed test fewest tokens should pass (a word list with
        few stop words, then a regex, then a Lexeme flag, then stop words and punctuation)."""
        bit, k = min(((1 << b, k) for k, spec in enumerate(specs) for b in range(spec.need.bit_length())
                      if spec.need >> b & 1), key=lambda bk: self._cost[bk[0]])
        tests = sorted(((x - k, spec.need, spec.forbid, spec.checks) for x, spec in enumerate(specs)
                        if (spec.need, spec.forbid, spec.checks) != ((bit, 0, ()) if x == k else (0, 0, ()))),
                       key=lambda t: abs(t[0]))
        return bit, _Try(key, k, len(specs), tuple(tests))

    # matching

    def _text_bits(self, text: str) -> int:
        """The predicate bits a token with this text passes (LOWER is ``text.lower()``)."""
        lower = text.lower()
        mask = self._words["LOWER"].get(lower, 0) | self._words["ORTH"].get(text, 0)
        for attr, regex, bit in self._regexes:
            if regex.search(lower if attr == "LOWER" else text):
                mask |= bit
        if self._flags:
            lex = self.vocab[text]
            for name, bit in self._flags:
                if getattr(lex, name):
                    mask |= bit
        return mask

    def _forms_at(self, anchors: int) -> tuple[_Group, ...]:
        """The forms to try at a token with the anchor bits ``anchors``, grouped by their nearest test."""
        groups: dict[_Test | None, list[tuple[_Try, tuple[_Test, ...]]]] = {}
        for bit, form in self._forms:
            if anchors & bit:
                test = form.tests[0] if form.tests else None
                groups.setdefault(test, []).append((form, form.tests[1:]))
        return tuple(_Group(test, tuple(forms)) for test, forms in groups.items())

    def _text_forms(self, text: str) -> tuple[_Group, ...]:
        """The forms to try at a token with this text (none for most tokens)."""
        return self._by_anchors[self._masks[text] & self._anchors]

    def __call__(self, doc: Doc, regions: list[tuple[int, int]] | None = None) -> list[Match]:
        """Every match inside ``regions`` (token ranges, default the whole Doc), region by region,
        each region's ordered by end, then start, then the order the keys were first added."""
        tab = ext.tokens(doc)
        out: list[Match] = []
        keys = self.keys
        for lo, hi in [(0, len(doc))] if regions is None else regions:
            found: set[tuple[int, int, int]] = set()  # (end, start, key index)
            self._token_matches(doc, tab, lo, hi, found)
            if self._tries["LOWER"]:
                self._phrase_matches(tab.lower, self._tries["LOWER"], lo, hi, found)
            if self._tries["NORM"]:
                self._phrase_matches(tab.norm_ids(), self._tries["NORM"], lo, hi, found)
            out.extend((keys[key], start, end) for end, start, key in sorted(found))
        return out

    def _token_matches(self, doc: Doc, tab: ext.Tokens, lo: int, hi: int, found: set) -> None:
        """Add the token patterns' matches inside tokens ``lo:hi`` to ``found``."""
        texts = tab.text[lo:hi]
        masks = self._masks  # read only at the tokens a form is tested on
        groups_at = list(map(self._at.__getitem__, texts))
        n = len(texts)
        # a form is tried at the tokens passing its anchor test, where it fits in the range; the forms of a
        # group only where their common test passes (at a token out of the range: none of them fits)
        for j in itertools.compress(range(n), groups_at):
            for group in groups_at[j]:
                if group.test is not None:
                    offset, need, forbid, checks = group.test
                    k = j + offset
                    if not 0 <= k < n:
                        continue
                    m = masks[texts[k]]
                    if m & need != need or m & forbid or (checks and not _token_ok(doc, tab, lo + k, checks)):
                        continue
                for form, tests in group.forms:
                    start = j - form.anchor
                    if start < 0 or start + form.length > n:
                        continue
                    for offset, need, forbid, checks in tests:
                        m = masks[texts[j + offset]]
                        if m & need != need or m & forbid \
                                or (checks and not _token_ok(doc, tab, lo + j + offset, checks)):
                            break
                    else:
                        found.add((lo + start + form.length, lo + start, form.key))
        if self._matcher is not None:
            index = {key: i for i, key in enumerate(self.keys)}
            strings = self.vocab.strings
            found.update((lo + e, lo + s, index[strings[m]]) for m, s, e in self._matcher(doc[lo:hi]))

    @staticmethod
    def _phrase_matches(values: list, root: dict, lo: int, hi: int, found: set) -> None:
        """Add the matches of the phrase trie ``root`` over token ``values[lo:hi]`` to ``found``."""
        first_words = itertools.compress(range(lo, hi), map(root.__contains__, values[lo:hi]))
        for j in first_words:  # the tokens some phrase starts with
            node, k = root[values[j]], j
            while node is not None:
                keys, children = node
                k += 1
                for key in keys:
                    found.add((k, j, key))
                node = children.get(values[k]) if k < hi else None
