"""Small look-arounds: the words before and after a match, and the sentence.

All of them read a bounded slice of the text around a match (a few dozen
characters, or one sentence of at most a few hundred), so their cost does not
grow with the length of the post.
"""
from __future__ import annotations

import re
from functools import cache

from fitpost.quantity_parser.lexicon import lexicon, norm, trie

FLAGS = 0  # the look-arounds read lower-cased text
_WORD = re.compile(r"[$€£₹~@#+]|[^\W_][\w'’.\-]*|[^\w\s]")
_NEXT = re.compile(r"\s*([^\W\d_][\w'’\-]*)")
_SENT_END = re.compile(r"[.!?](?=\s)|\n")


_STRIP = ",;:!?()[]{}\"'“”‘’*…"


def left_words(text: str, start: int, k: int = 4) -> list[str]:
    """The last ``k`` words before ``start`` (lower-cased text), without surrounding punctuation."""
    out = []
    for w in reversed(text[max(0, start - 48):start].split()):
        w = w.strip(_STRIP)
        if w:
            if w.endswith(".") and len(w) > 1:
                w = w.rstrip(".") or w
            out.append(w)
            if len(out) == k:
                break
    out.reverse()
    return out


def next_word(text: str, end: int) -> str:
    m = _NEXT.match(text, end)
    return m.group(1).lower() if m else ""


@cache
def _shape(phrases: frozenset[str]) -> tuple[int, frozenset[str]]:
    """How many words the longest of ``phrases`` has, and the last words of all of them."""
    return max((p.count(" ") + 1 for p in phrases), default=0), frozenset(p.rsplit(" ", 1)[-1] for p in phrases)


def ends_with(words: list[str], phrases: frozenset[str], longest: int = 4) -> bool:
    """Whether the last one to ``longest`` of ``words`` make one of ``phrases``."""
    most, last = _shape(phrases)
    if not words or words[-1] not in last:
        return False  # every phrase that could match ends with the last word
    for n in range(1, min(longest, len(words), most) + 1):
        if " ".join(words[-n:]) in phrases:
            return True
    return False


def sentence(text: str, start: int, end: int, reach: int = 240) -> str:
    """The sentence around ``text[start:end]``, at most ``reach`` characters each side."""
    lo = max(0, start - reach)
    for m in _SENT_END.finditer(text, lo, start):
        lo = m.end()
    hi = min(len(text), end + reach)
    m = _SENT_END.search(text, end, hi)
    if m:
        hi = m.start()
    return text[lo:hi]


def _after(phrases, extra: str = "") -> re.Pattern:
    return re.compile(r"\s*(?:" + trie(sorted({norm(p) for p in phrases})) + r")(?![\w])" + extra, FLAGS)


class Cues:
    """Compiled look-arounds, built once from ``models/quantities/context.json``."""

    def __init__(self) -> None:
        lex = lexicon()
        ctx = lex.context
        self.elevation_after = _after(ctx["elevation_after"])
        self.elevation_before = frozenset(norm(p) for p in ctx["elevation_before"])
        self.rep_after = _after(ctx["repetition_after"])
        self.rep_noun = re.compile(
            r"(?:\s+[^\W\d_][\w\-]*){0,2}?\s+(?:" + trie(sorted(ctx["repetition_nouns"])) + r")(?!\w)", FLAGS)
        self.date_after = _after(ctx["date_after"])
        self.age_after = re.compile(r"(?:\s*[-‐‑]\s*|\s+)(?:olds?|young)(?!\w)|\s+of\s+age(?!\w)|\s*yo(?!\w)", FLAGS)
        self.approx_before = frozenset(norm(p) for p in ctx["approx_before"])
        self.approx_after = re.compile(r"\s*(?:\+|[-‐‑]?ish(?!\w)|or\s+so(?!\w)|odd(?!\w)|give\s+or\s+take(?!\w))", FLAGS)
        self.tod_after = _after(ctx["time_of_day_after"])
        self.pace_before = frozenset(norm(p) for p in ctx["pace_before"])
        self.speed_after = re.compile(
            r"\s*(?:/|per\s+|an?\s+)\s*(?P<t>hours?|hrs?|h|seconds?|secs?|s|milliseconds?|ms|minutes?|mins?)(?!\w)",
            FLAGS)
        # after a time: "/km", "per mile", "min/km", "mins per km", "/500m"
        self.pace_after = re.compile(
            r"\s*(?:min(?:ute)?s?\.?\s*)?(?:/|per\s+|a\s+|each\s+)\s*(?:(?P<n>500|100)\s*m(?:etres?|eters?)?"
            r"|(?P<km>km|k|kms|kilomet(?:er|re)s?)|(?P<mi>mi|miles?))(?!\w)"
            r"|\s*(?:min(?:ute)?s?\.?\s+)?(?:(?:(?P<km2>km|k|kilomet(?:er|re))|(?P<mi2>mi|miles?))\s+)?pace(?!\w)"
            r"|\s*(?:min(?:ute)?s?\s+)?[-‐‑]?\s*(?:(?P<km3>km|kilomet(?:er|re)s?)|(?P<mi3>miles?))(?!\w)(?!\s*(?:run|ride|walk|race|swim|hike))",
            FLAGS)
        self.hours_after = re.compile(r"\s*(?:hrs?|hours?|h)(?!\w)", FLAGS)
        self.minutes_after = re.compile(r"\s*(?:mins?|minutes?)(?!\w)", FLAGS)
        self.clock_range_after = re.compile(r"\s*(?:[-‐‑–—]|to)\s*\d{1,2}[:.]\d\d(?!\d)", FLAGS)
        self.clock_range_before = re.compile(r"\d{1,2}[:.]\d\d\s*(?:[-‐‑–—]|to)\s*$", FLAGS)
        self.daily_cue = re.compile(
            r"\b(?:daily|every\s*day|everyday|each\s+day|every\s+(?:single\s+)?(?:morning|evening|night)|a\s+day|per\s+day)\b",
            FLAGS)
        self.long_race = re.compile(
            r"(?:\b(?:" + trie(sorted(lex.long_race_words)) + r")\b)"
            r"|\b(?:1[5-9]|[2-9]\d|\d{3})(?:\.\d+)?\s*(?:km|k|kms|kilomet\w*)\b"
            r"|\b(?:1\d|[2-9]\d|\d{3})(?:\.\d+)?\s*(?:mi|miles?)\b", FLAGS)
        self.nrace_bad_after = re.compile(
            r"\s*(?:%|°|/|kgs?|lbs?|percent|points?|pts|bpm|watts?|w|min|mins|secs?|s|hrs?|hours?|seconds?|minutes?|cm|mm|"
            r"kmph|mph|degrees?|deg|c|f|celsius|fahrenheit|crore|lakh|million|billion|rating|score|x|times)(?!\w)",
            FLAGS)


@cache
def cues() -> Cues:
    return Cues()
