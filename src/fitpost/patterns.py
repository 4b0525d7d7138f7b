"""Token patterns matched over fitpost's shared token lists, with spaCy ``Matcher`` semantics.

spaCy's :class:`~spacy.matcher.Matcher` tests every token of a Doc against
every pattern; on the rule components' many ``IN`` lists that was most of
their time.  :class:`TokenPatterns` takes the same patterns (``LOWER``,
``ORTH``/``TEXT``, ``IN``/``NOT_IN``, the lexical flags, ``?`` and fixed
repeats), expands each into fixed-length forms, and tries a form only where
its rarest word occurs, reading :class:`fitpost.ext.Tokens` instead of Token
objects.  A pattern it cannot represent goes to a real ``Matcher``, so the
matches are always the ones spaCy would give.
"""
from __future__ import annotations

import functools
import itertools
import math
import operator
import re
from dataclasses import dataclass

from spacy.attrs import IS_STOP
from spacy.matcher import Matcher
from spacy.tokens import Doc

from fitpost import ext

_TEXT_ATTRS = {"LOWER": "LOWER", "ORTH": "ORTH", "TEXT": "ORTH"}
_FLAG_ATTRS = {"LIKE_NUM", "LIKE_URL", "LIKE_EMAIL", "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER",
               "IS_TITLE", "IS_PUNCT", "IS_SPACE", "IS_STOP", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT",
               "IS_RIGHT_PUNCT", "IS_CURRENCY"}  # Lexeme booleans: functions of the token's text
_TOKEN_ATTRS = {"IS_SENT_START", "SPACY"}  # read from the Tokens table
_MAX_VARIANTS = 256


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
    needs: int  # every bit some token of the form needs


class _Plan:
    """The forms that can match in a range with a given set of needed bits (every bit a form
    needs is some token's there), and the ones to try at a token, by its anchor bits."""

    __slots__ = ("forms", "anchors", "tries")

    def __init__(self, forms: list[tuple[int, _Try]]) -> None:
        self.forms = forms  # (anchor bit, form), in the order added
        self.anchors = functools.reduce(operator.or_, (bit for bit, _ in forms), 0)
        self.tries: dict[int, tuple[_Try, ...]] = {}  # a token's anchor bits -> the forms to try there

    def at(self, anchors: int) -> tuple[_Try, ...]:
        """The forms to try at a token whose anchor bits are ``anchors`` (remembered)."""
        tries = self.tries[anchors] = tuple(form for bit, form in self.forms if anchors & bit)
        return tries


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
    """spaCy Matcher token patterns matched over a Doc's :class:`~fitpost.ext.Tokens` lists.

    Gives the (key, start, end) matches ``Matcher`` gives (all of them, each
    once) for patterns built from LOWER/ORTH/TEXT (a string, ``IN``,
    ``REGEX``), the Lexeme booleans (``LIKE_NUM``, ``IS_PUNCT`` ...),
    ``IS_SENT_START``, ``SPACY`` and the operators ``?`` and ``{n,m}``: each
    pattern becomes its fixed-length forms, a token's lexical tests one
    bitmask (kept per text), and a form is tried only at the tokens that pass
    its rarest test.  Other patterns go to a spaCy ``Matcher``.
    """

    def __init__(self, vocab) -> None:
        self.vocab = vocab
        self.keys: list[str] = []
        self._bits: dict[tuple, int] = {}  # predicate -> its bit
        self._words: dict[str, dict[str, int]] = {"LOWER": {}, "ORTH": {}}  # attr -> word -> bits
        self._regexes: list[tuple[str, re.Pattern, int]] = []
        self._flags: list[tuple[str, int]] = []
        self._cost: dict[int, tuple] = {}  # bit -> how common a token passing it is (rough)
        self._forms: list[tuple[int, _Try]] = []  # (anchor bit, form)
        self._anchors = 0  # every anchor bit
        self._needs = 0  # every bit some form needs
        self._plans: dict[int, _Plan] = {}  # the needed bits a range has -> what to try there
        self._masks: dict[str, int] = {}  # token text -> its predicate bits
        self._matcher: Matcher | None = None  # the patterns out of reach
        self._patterns: dict[str, list[list[dict]]] = {}  # as added, for get()

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        """Add ``patterns`` under ``key`` (as ``Matcher.add``)."""
        if key not in self.keys:
            self.keys.append(key)
            self._patterns[key] = []
        self._patterns[key].extend(patterns)
        index = self.keys.index(key)
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
        self._anchors = self._needs = 0
        for bit, form in self._forms:
            self._anchors |= bit
            self._needs |= form.needs
        self._masks, self._plans = {}, {}

    def get(self, key: str) -> list[list[dict]]:
        """The patterns added under ``key`` (as ``Matcher.get`` gives them, without callbacks)."""
        return list(self._patterns.get(key, []))

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
                        if op == "IN" and isinstance(arg, list) and all(isinstance(w, str) for w in arg):
                            need |= self._bit(("IN", attr, frozenset(arg)))
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
        return bit, _Try(key, k, len(specs), tuple(tests), functools.reduce(operator.or_, (s.need for s in specs)))

    # matching

    def _mask(self, text: str, lower: str) -> int:
        mask = self._words["LOWER"].get(lower, 0) | self._words["ORTH"].get(text, 0)
        for attr, regex, bit in self._regexes:
            if regex.search(lower if attr == "LOWER" else text):
                mask |= bit
        if self._flags:
            lex = self.vocab[text]
            for name, bit in self._flags:
                if getattr(lex, name):
                    mask |= bit
        if len(self._masks) > 100_000:  # a bound: texts repeat, the table stays small
            self._masks.clear()
        self._masks[text] = mask
        return mask

    def _plan(self, present: int) -> _Plan:
        """What to try in a range whose tokens have the bits ``present`` between them (cached)."""
        key = present & self._needs
        plan = self._plans.get(key)
        if plan is None:
            if len(self._plans) > 10_000:  # a bound; the combinations met are a few hundred
                self._plans.clear()
            plan = self._plans[key] = _Plan([(bit, form) for bit, form in self._forms
                                             if form.needs & key == form.needs])
        return plan

    def __call__(self, doc: Doc, tab: ext.Tokens, lo: int, hi: int) -> list[tuple[str, int, int]]:
        """Every match inside tokens ``lo:hi`` as (key, start, end), doc offsets, ordered by end then start."""
        texts = tab.text[lo:hi]
        masks = list(map(self._masks.get, texts))
        if None in masks:
            masks = [m if m is not None else self._mask(texts[j], tab.lower[lo + j]) for j, m in enumerate(masks)]
        found: set[tuple[int, int, int]] = set()  # (end, start, key index), range offsets
        n = len(masks)
        present = functools.reduce(operator.or_, set(masks), 0)
        plan = self._plan(present) if present & self._anchors else None
        if plan is not None and plan.anchors:
            live, tries_at = plan.anchors, plan.tries  # live: the anchor bits of forms that can match here
            for j in itertools.compress(range(n), map(live.__and__, masks)):
                anchors = masks[j] & live
                tries = tries_at.get(anchors)
                if tries is None:
                    tries = plan.at(anchors)
                for form in tries:
                    start = j - form.anchor
                    if start < 0 or start + form.length > n:
                        continue
                    for offset, need, forbid, checks in form.tests:
                        m = masks[j + offset]
                        if m & need != need or m & forbid or (checks and not _token_ok(doc, tab, lo + j + offset, checks)):
                            break
                    else:
                        found.add((start + form.length, start, form.key))
        if self._matcher is not None:
            index = {key: i for i, key in enumerate(self.keys)}
            strings = self.vocab.strings
            found.update((e, s, index[strings[m]]) for m, s, e in self._matcher(doc[lo:hi]))
        if not found:
            return []
        keys = self.keys
        return [(keys[key], lo + s, lo + e) for e, s, key in sorted(found)]



