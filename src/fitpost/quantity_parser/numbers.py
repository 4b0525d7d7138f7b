"""Read the number part of a quantity: digits or words, with fractions.

:func:`parse_number` takes the text the grammar matched as a number
("2,450", "12.84", ".8", "2 1/2", "½", "0.5k", "1.5 million", "thirty",
"twenty-one", "two hundred and fifty", "a dozen", "one and a half", "two and
three quarters", "half a", "a quarter of an", "a couple of", "few") and returns
its value, or ``None`` when the words do not make one number ("eight and ten").
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from fitpost.quantity_parser.lexicon import lexicon

_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+|[½¼¾⅓⅔⅛]|/|[a-z]+")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"(\d+),(\d{1,2})")


class Number(NamedTuple):
    value: float
    approximate: bool = False  # a vague quantifier ("a few", "a couple of")
    article: bool = False  # only an article: "a", "an", "another"
    vague: str | None = None  # the vague word, when there is one
    integer: bool = True  # written as a whole number


def digits(tok: str) -> float:
    """'2,450' -> 2450, '12.84' -> 12.84, '.8' -> 0.8, '12,5' -> 12.5."""
    if "," in tok:
        if _THOUSANDS.fullmatch(tok):
            return float(tok.replace(",", ""))
        m = _DECIMAL_COMMA.fullmatch(tok)
        if m:
            return float(f"{m.group(1)}.{m.group(2)}")
        return float(tok.replace(",", ""))
    return float(tok)


_PLAIN = re.compile(r"\d{1,9}")


@lru_cache(maxsize=4096)  # a pure function of the string; posts repeat the same few numbers
def parse_number(text: str) -> Number | None:  # noqa: C901 - one small state machine
    """The value of ``text`` (see the module docstring), or ``None``."""
    if _PLAIN.fullmatch(text):
        return Number(float(text))
    lex = lexicon()
    toks = _TOKEN.findall(text.lower())
    if not toks:
        return None
    total = 0.0  # finished thousand/million groups
    cur: float | None = None  # the group being read
    article = False  # cur is only an article
    after_and = False  # inside "... and a half"
    tail_count: float | None = None  # "two" in "and two quarters"
    extra = 0.0  # fractions after "and"
    approx = False
    vague = None
    integer = True
    prev = None
    i = 0
    while i < len(toks):
        t = toks[i]
        i += 1
        if t[0].isdigit() or t[0] == ".":
            if i < len(toks) and toks[i] == "/" and i + 1 < len(toks) and toks[i + 1].isdigit():
                den = float(toks[i + 1])
                if den == 0:
                    return None
                v = digits(t) / den
                i += 2
                integer = False
                cur = v if cur is None or article else cur + v
                article = False
            elif cur is not None and not article:
                return None  # two numbers in a row
            else:
                cur = digits(t)
                article = False
                if "." in t or ("," in t and not _THOUSANDS.fullmatch(t)):
                    integer = False
            prev = "digit"
            continue
        if t in lex.unicode_fractions:
            cur = (0.0 if cur is None or article else cur) + lex.unicode_fractions[t]
            article = False
            integer = False
            prev = "digit"
            continue
        if prev == "digit" and t in lex.suffix_scales:
            cur = (cur or 0.0) * lex.suffix_scales[t]
            prev = "scale"
            continue
        if t == "and":
            after_and = True
            prev = t
            continue
        if t in ("of", "the"):
            continue
        if t in ("a", "an", "another"):
            if after_and:
                tail_count = 1.0
            elif cur is None and total == 0:
                cur, article = 1.0, True
            prev = t
            continue
        if t in lex.fractions:
            frac = lex.fractions[t]
            integer = False
            if after_and:
                extra += (tail_count or 1.0) * frac
                tail_count = None
            elif cur is None or article:
                cur, article = frac, False
            else:
                cur *= frac  # "three quarters", "one-half"
            prev = "fraction"
            continue
        if t in lex.vague:
            cur = float(lex.vague[t])
            article = False
            approx = True
            vague = t
            prev = t
            continue
        if t in lex.number_words:
            v = lex.number_words[t]
            if after_and and i < len(toks) and toks[i] in lex.fractions:
                tail_count = float(v)  # "and two quarters"
                continue
            if cur is None or article:
                cur, article = float(v), False
            elif v < 10 and cur >= 20 and cur % 10 == 0:
                cur += v  # twenty-one, hundred and five
            elif v >= 10 and cur >= 100 and cur % 100 == 0:
                cur += v  # hundred and twenty
            else:
                return None  # "eight and ten", "one two"
            after_and = False
            prev = "word"
            continue
        if t in lex.scales:
            scale = lex.scales[t]
            base = 1.0 if cur is None or article else cur
            article = False
            if scale >= 1000:
                total += base * scale
                cur = None
            else:
                cur = base * scale
            after_and = False
            prev = "scale"
            continue
        if t == "dozen":
            cur = (1.0 if cur is None or article else cur) * lex.dozen
            article = False
            prev = "scale"
            continue
        if t == "couple":
            continue
        return None  # a word the grammar should not have let through
    if cur is None and total == 0 and not extra:
        return None
    value = total + (cur or 0.0) + extra
    if article and not extra and total == 0:
        return Number(value, approx, True, vague, True)
    return Number(value, approx, False, vague, integer and value == int(value))
