"""Small look-arounds: the words before and after a match, and the sentence.

All of them read a bounded slice of the text around a match (a few dozen
characters, or one sentence of at most a few hundred), so their cost does not
grow with the length of the post.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from fitpost.quantity_parser.lexicon import lexicon, norm, trie

FLAGS = 0  # the look-arounds read lower-cased text
_WORD = re.compile(r"[$€£₹~@#+]|[^\W_][\w'’.\-]*|[^\w\s]")
_NEXT = re.compile(r"\s*([^\W\d_][\w'’\-]*)")
_SENT_END = re.compile(r"[.!?](?=\s)|\n")


_STRIP = ",;:!?()[]{}\"'“”‘’*…"
_TRIMMED = re.compile("[" + re.escape(_STRIP + ".") + "]")  # what left_words may take off a word


def _bare_last(words: list[str], k: int, complete: bool) -> list[str] | None:
    """The last ``k`` of ``words`` without surrounding punctuation, a word of punctuation alone left out;
    None where one is left out and ``words`` are not all the words there are (``complete`` false): then the
    words further back are needed."""
    out = []
    for w in reversed(words):
        w = w.strip(_STRIP)
        if not w:
            if not complete:
                return None
            continue
        if w.endswith(".") and len(w) > 1:
            w = w.rstrip(".") or w
        out.append(w)
        if len(out) == k:
            break
    out.reverse()
    return out


def left_words(text: str, start: int, k: int = 4) -> list[str]:
    """The last ``k`` words before ``start`` (lower-cased text), without surrounding punctuation."""
    window = text[max(0, start - 48):start]
    last = window.rsplit(None, k)  # the last k words, after the rest of the window when there is more
    more = len(last) > k
    if not _TRIMMED.search(window, len(last[0]) if more else 0):
        return last[-k:]  # no punctuation to take off them: the words as written
    out = _bare_last(last[1:] if more else last, k, complete=not more)
    return out if out is not None else _bare_last(window.split(), k, complete=True)


def last_word(text: str, start: int) -> str:
    """The last word before ``start`` (lower-cased text) as :func:`left_words` gives it, "" where there is
    none: the last run of characters that are not space, without its surrounding punctuation and the full
    stops after it; where that is punctuation alone, left_words reads further back."""
    last = text[max(0, start - 48):start].rsplit(None, 1)
    word = last[-1].strip(_STRIP) if last else ""
    if word:
        return word.rstrip(".") or word
    words = left_words(text, start, 1) if last else []
    return words[0] if words else ""


class WordsBefore:
    """The words before a quantity (lower-cased text), as :func:`left_words` gives them: the last one read at
    once, the last four only where a rule asks for them. Most rules look at the last word alone, and a phrase
    can only end the words where the last word is its own last word."""

    __slots__ = ("last", "_text", "_start", "_words")

    def __init__(self, text: str, start: int) -> None:
        self.last = last_word(text, start)
        self._text, self._start = text, start
        self._words: list[str] | None = None

    def words(self) -> list[str]:
        """The last four words before (``left_words(text, start)``)."""
        if self._words is None:
            self._words = left_words(self._text, self._start)
        return self._words

    def ends_with(self, phrases: frozenset[str]) -> bool:
        """Whether the words before end with one of ``phrases`` (:func:`ends_with`)."""
        return self.last in _shape(phrases)[1] and ends_with(self.words(), phrases)

    def ends_with_before(self, phrases: frozenset[str], between: frozenset[str]) -> bool:
        """Whether the words before end with one of ``phrases`` and then one of ``between`` ("climbing" and
        "more than" before "12,000 m")."""
        if self.last not in _shape(between)[1]:
            return False
        words = self.words()
        return any(ends_with(words[:-n], phrases, 4 - n) for n in (1, 2) if ends_with(words[len(words) - n:], between))


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
        # "1,100 m up," but not "400 m up the road": the word ends its clause
        self.elevation_at_end = _after(ctx["elevation_after_at_clause_end"]["words"], r"(?=\s*(?:[,.;:!?)]|\Z))")
        self.elevation_before = frozenset(norm(p) for p in ctx["elevation_before"])
        self.rep_after = _after(ctx["repetition_after"])
        self.rep_noun = re.compile(
            r"(?:\s+[^\W\d_][\w\-]*){0,2}?\s+(?:" + trie(sorted(ctx["repetition_nouns"])) + r")(?!\w)", FLAGS)
        self.date_after = _after(ctx["date_after"])
        self.which_after = frozenset(ctx["which_after"]["words"])
        self.since_before = frozenset(ctx["since_before"]["words"])
        self.since_units = frozenset(ctx["since_before"]["units"])
        self.age_after = re.compile(r"(?:\s*[-‐‑]\s*|\s+)(?:olds?|young)(?!\w)|\s+of\s+age(?!\w)|\s*yo(?!\w)", FLAGS)
        self.approx_before = frozenset(norm(p) for p in ctx["approx_before"])
        self.approx_after = re.compile(
            r"\s*(?:\+|[-‐‑]?ish(?!\w)|or\s+so(?!\w)|odd(?!\w)|give\s+or\s+take(?!\w))", FLAGS)
        self.tod_after = _after(ctx["time_of_day_after"])
        self.pace_before = frozenset(norm(p) for p in ctx["pace_before"])
        self.speed_after = re.compile(
            r"\s*(?:/|per\s+|an?\s+)\s*(?P<t>hours?|hrs?|h|seconds?|secs?|s|milliseconds?|ms|minutes?|mins?)(?!\w)",
            FLAGS)
        # after a time, on its line: "/km", "per mile", "min/km", "mins per km", "/500m" ("1:47:33" then "Pace:
        # 5:06 /km" on the next line is no pace): each white space of the pattern is read as one within a line
        self.pace_after = re.compile((
            r"\s*(?:min(?:ute)?s?\.?\s*)?(?:/|per\s+|a\s+|each\s+)\s*(?:(?P<n>500|100)\s*m(?:etres?|eters?)?"
            r"|(?P<km>km|k|kms|kilomet(?:er|re)s?)|(?P<mi>mi|miles?))(?!\w)"
            r"|\s*(?:min(?:ute)?s?\.?\s+)?(?:(?:(?P<km2>km|k|kilomet(?:er|re))|(?P<mi2>mi|miles?))\s+)?pace(?!\w)"
            r"|\s*(?:min(?:ute)?s?\s+)?[-‐‑]?\s*(?:(?P<km3>km|kilomet(?:er|re)s?)|(?P<mi3>miles?|milers?))(?!\w)"
            r"(?!\s*(?:run|ride|walk|race|swim|hike))").replace(r"\s", r"[^\S\n]"),
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


# --------------------------------------------------------------------------- asides

CLAUSE_REACH = 60  # the clause before a quantity: at most this many characters back
# "so" joins clauses ("it rained, so I swam 2 km"), but "so far" tells up to now ("so far I've done 212 km")
_CLAUSE_BREAK = r"[.;!?\n(,]|\b(?:and|but|which|while|so(?!\s+far\b))\b"
# up to the end of the last clause break: ".*" runs to the end and gives characters back until a
# break follows, so one match finds the last break (breaks never overlap)
_TO_LAST_CLAUSE_BREAK = re.compile(r"(?s:.*)(?:" + _CLAUSE_BREAK + ")")
MAX_FILLERS = 4  # at most this many filler words between a 'before' cue and the number


@dataclass(frozen=True)
class AsideRole:
    """One way a distance or a duration is not the session's own amount (``aside.roles`` of context.json)."""

    name: str
    kinds: frozenset[str]
    before: frozenset[str]  # phrases that end the words before the number, fillers skipped
    fillers: frozenset[str]
    after: re.Pattern | None  # phrases right after the number
    near: re.Pattern | None  # phrases anywhere in the clause before the number
    near_then: frozenset[str]  # with ``near``: the word right before the number must be one of these
    after_set: re.Pattern | None = None  # a set of repeats ("10 x 100 m") and one of these words, right before
    after_not: re.Pattern | None = None  # phrases right after the number that make ``after`` no cue
    after_not_behind: frozenset[str] = frozenset()  # words right before the number that make ``after`` no cue


# a set of repeats: "10 x 100 m", "8x400m", "6 × 1 km", "5 x 1 mile"
_SET = r"\d+\s*[x×]\s*\d+(?:[.,]\d+)?\s*(?:[^\W\d_]+\s*)?"
SET_REACH = 40  # a set of repeats is read at most this many characters before the number
_SET_SIGN = re.compile("[x×]")  # a set of repeats has one of these between its numbers


def _after_set_re(words: list[str]) -> re.Pattern | None:
    """The end of the text before a number that is a set of repeats and one of ``words``."""
    if not words:
        return None
    return re.compile(r"(?<!\w)" + _SET + "(?:" + "|".join(map(re.escape, words)) + r")\s*$", FLAGS)


def _phrases_re(phrases: list[str], lead: str, tail: str) -> re.Pattern | None:
    if not phrases:
        return None
    body = trie(sorted({norm(p) for p in phrases})).replace("'", "['’]")
    return re.compile(lead + "(?:" + body + ")" + tail, FLAGS)


# how a role's ``after`` phrases follow the number (on its line) and how its ``near`` phrases stand in the clause
_AFTER_LEAD, _AFTER_TAIL = r"[ \t]*", r"(?![\w\-‐‑])"
_NEAR_LEAD, _NEAR_TAIL = r"(?:(?<!\w)|(?=['’]))", r"(?!\w)"


@cache
def aside_roles() -> tuple[AsideRole, ...]:
    """The roles of ``aside`` in context.json, in their order there."""
    spec = lexicon().context["aside"]
    fillers = frozenset(spec["fillers"])
    roles = []
    for name, role in spec["roles"].items():
        roles.append(AsideRole(
            name=name, kinds=frozenset(role["kinds"]),
            before=frozenset(norm(p) for p in role.get("before", ())),
            fillers=(frozenset(role["fillers"]) if "fillers" in role else fillers)
            | frozenset(role.get("more_fillers", {}).get("words", ())),
            after=_phrases_re(role.get("after", []), _AFTER_LEAD, _AFTER_TAIL),
            near=_phrases_re(role.get("near", []), _NEAR_LEAD, _NEAR_TAIL),
            near_then=frozenset(role.get("near_then", ())),
            after_set=_after_set_re(role.get("after_set", [])),
            after_not=_phrases_re(role.get("after_not", []), _AFTER_LEAD, _AFTER_TAIL),
            after_not_behind=frozenset(role.get("after_not_behind", ()))))
    return tuple(roles)


@dataclass(frozen=True)
class KindCues:
    """The ``after`` and the ``near`` phrases of all the roles of one kind of quantity, each set as one pattern:
    where it finds nothing, no role of the kind finds one of its own, and their checks are skipped; and the
    words that may stand right before the number where a role's ``before`` phrase ends the words before it
    (:func:`_before_words`): where another does, no role's ``before`` check is made."""

    after: re.Pattern | None
    near: re.Pattern | None
    before_words: frozenset[str]


def _before_words(phrases: frozenset[str], fillers: frozenset[str]) -> frozenset[str]:
    """The words :func:`_ends_past_fillers` may find ``phrases`` at when they are the last of the words it is
    given: a phrase's last word, or a filler (``fillers``) it sets aside; with any other last word it finds none."""
    return _shape(phrases)[1] | fillers if phrases else frozenset()


@cache
def kind_cues(kind: str) -> KindCues:
    """The cues of the roles of ``aside`` in context.json for a quantity of kind ``kind``."""
    roles = [role for role in lexicon().context["aside"]["roles"].values() if kind in role["kinds"]]
    before_words = frozenset().union(*(_before_words(role.before, role.fillers)
                                       for role in aside_roles() if kind in role.kinds))
    return KindCues(after=_phrases_re([p for role in roles for p in role.get("after", ())], _AFTER_LEAD, _AFTER_TAIL),
                    near=_phrases_re([p for role in roles for p in role.get("near", ())], _NEAR_LEAD, _NEAR_TAIL),
                    before_words=before_words)


@cache
def result_role() -> AsideRole:
    """The cues of a session's result (``result`` of context.json), as a role of their own; its ``near``
    holds the ``not_near`` phrases, the ones that rule a result out."""
    lex = lexicon()
    spec = lex.context["result"]
    return AsideRole(name="result", kinds=frozenset({"duration"}), before=frozenset(norm(p) for p in spec["before"]),
                     fillers=frozenset(lex.context["aside"]["fillers"]),
                     after=_phrases_re(spec["after"], r"[ \t]*", r"(?!\w)"),
                     near=_phrases_re(spec["not_near"], r"(?:(?<!\w)|(?=['’]))", r"(?!\w)"), near_then=frozenset())


@cache
def _label_re() -> re.Pattern:
    """A log line's label before a value, on its line or alone on the line before: 'Time: ', 'Final time with
    transitions: ', '- Time' then '- '."""
    nouns = trie(sorted(lexicon().context["result_labels"]["nouns"]))
    return re.compile(r"(?:^|\n)[ \t]*[-–•*]?[ \t]*(?:[a-z0-9]+[ \t]+){0,3}(?:" + nouns + r")(?!\w)"
                      r"(?:[^:\n]{0,30}:[ \t]*|[ \t]*:?[ \t]*\n[ \t]*[-–•*]?[ \t]*)$", re.IGNORECASE)


LABEL_REACH = 80  # a label is at most this many characters before its value


def labelled(text: str, start: int) -> bool:
    """Whether the quantity at ``start`` is the value of a log line's label (``result_labels``);
    ``text`` in any case."""
    return _label_re().search(text, max(0, start - LABEL_REACH), start) is not None


def result_cue(text: str, start: int, end: int) -> bool:
    """Whether the words around the duration ``text[start:end]`` (lower-cased text) make it a session's result
    (``result`` of context.json), or it is the value of a log line's label; not where its clause speaks
    of a plan, a hope or a condition (``not_near``)."""
    role = result_role()
    if told_as_plan(text, start):
        return False
    if role.after.match(text, end) or labelled(text, start):
        return True
    return _ends_past_fillers(line_words(text, start), role.before, role.fillers)


def told_as_plan(text: str, start: int) -> bool:
    """Whether the clause before ``start`` (lower-cased text) speaks of a plan, a hope or a condition
    (``not_near`` of ``result`` in context.json): "I intend to do the next one in 1:50"."""
    return result_role().near.search(clause_before(text, start)) is not None


def _ends_past_fillers(words: list[str], phrases: frozenset[str], fillers: frozenset[str]) -> bool:
    """Whether ``words`` end with one of ``phrases``, once up to MAX_FILLERS filler words are set aside."""
    last = _shape(phrases)[1]  # a phrase can only end at one of its last words
    for end in range(len(words), max(len(words) - MAX_FILLERS, 1) - 1, -1):  # the words after ``end`` set aside
        word = words[end - 1]
        if word in last and ends_with(words[:end], phrases):
            return True
        if word not in fillers:
            return False
    return False


def line_words(text: str, start: int, k: int = 8) -> list[str]:
    """The last ``k`` words before ``start`` on its line (lower-cased text), as :func:`left_words` gives them."""
    lo = max(0, start - 48)
    newline = text.rfind("\n", lo, start)
    if newline >= 0:
        lo = newline + 1
    return left_words(text[lo:start], start - lo, k)


def clause_before(text: str, start: int) -> str:
    """The clause before ``start`` (lower-cased text): back to the last clause break, at most
    CLAUSE_REACH characters."""
    lo = max(0, start - CLAUSE_REACH)
    m = _TO_LAST_CLAUSE_BREAK.match(text, lo, start)
    return text[m.end() if m else lo:start]


def _set_before(after_set: re.Pattern, text: str, start: int) -> bool:
    """Whether a set of repeats and one of its words (``after_set``) end right before ``start``; the sign of
    a set, "x" or "×", is looked for first: a window without one holds no set."""
    lo = max(0, start - SET_REACH)
    return _SET_SIGN.search(text, lo, start) is not None and after_set.search(text, lo, start) is not None


def _after_brackets(text: str, start: int) -> bool:
    """Whether the number at ``start`` comes right after a closing bracket (spaces between)."""
    return text[max(0, start - 8):start].rstrip().endswith(")")


def aside(text: str, start: int, end: int, kind: str) -> str | None:
    """The role (``aside.roles`` of context.json) that makes the quantity ``text[start:end]`` (lower-cased
    text) of kind ``kind`` something other than the session's own amount: a goal or a predicted time, a
    difference ("12 seconds off my best"), a split, a lap, a pace or a repeat's time ("10 x 100 m on
    1:50"), a point in time ("2 hours into the race", "every 10 minutes"), a segment or a point of the
    course ("the first 5k", "10 km into"), a running total or a weekly volume, the mileage of a pair of
    shoes; None for a quantity that may be the session's own."""
    cues = kind_cues(kind)
    after_any = cues.after is not None and cues.after.match(text, end) is not None  # some role's after phrase
    # the word right before the number on its line (none or one); none right after an aside in brackets, whose
    # words label nothing outside it ("Swim: 750m (+ run to T1) 14:05" is the swim's time, not T1's)
    last = [] if _after_brackets(text, start) else line_words(text, start, 1)
    # the words before the number, read where some role's before phrase may end them
    lw = line_words(text, start) if last and last[0] in cues.before_words else None
    near_any: bool | None = None  # whether the clause before holds some role's near phrase, once asked
    for role in aside_roles():
        if kind not in role.kinds:
            continue
        if after_any and role.after is not None and role.after.match(text, end) \
                and not (role.after_not is not None and role.after_not.match(text, end)) \
                and not (last and last[0] in role.after_not_behind):
            return role.name
        if role.after_set is not None and _set_before(role.after_set, text, start):
            return role.name
        if role.before and lw is not None and _ends_past_fillers(lw, role.before, role.fillers):
            return role.name
        if role.near is not None:
            if near_any is None:
                clause = clause_before(text, start)
                near_any = cues.near is not None and cues.near.search(clause) is not None
            if near_any and role.near.search(clause):
                if not role.near_then or (last and last[0] in role.near_then):
                    return role.name
    return None
