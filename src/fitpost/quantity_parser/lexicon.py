"""The word lists of the quantity parser, read once from ``models/quantities/``.

Everything a reader of fitness posts has to know by heart lives in JSON
(units, number words, race lengths, countable exercises, cue words); this
module loads it into lookup tables and turns word lists into regular
expressions.  Lists become a character trie (:func:`trie`), so that an
alternation of hundreds of words costs one character test per position and
never backtracks further than the length of one word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from fitpost import resources

_DIR = "quantities/"


def _load(name: str):
    return resources.load_json(_DIR + name)


_NORM: dict[str, str] = {}


def norm(s: str) -> str:
    """A matched phrase as a lookup key: lower case, one space, plain hyphens."""
    got = _NORM.get(s)
    if got is None:
        got = " ".join(s.lower().replace("‐", "-").replace("‑", "-").replace("’", "'").split())
        if len(_NORM) < 100_000:
            _NORM[s] = got
    return got


def trie(words, *, space: str = r"\s+") -> str:
    """A regex (no groups) matching any of ``words``, longest first, case as given.

    A space in a word matches any run of white space; a hyphen matches the
    hyphen characters people type.
    """
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def esc(ch: str) -> str:
        if ch == " ":
            return space
        if ch == "-":
            return "[-‐‑]"
        return re.escape(ch)

    def build(node: dict) -> str:
        alts = [esc(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        optional = "" in node
        if len(alts) == 1 and not optional:
            return alts[0]
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if optional else body

    return build(root)


def _plural(word: str) -> str:
    head, _, last = word.rpartition(" ")
    if last.endswith(("s", "x", "ch", "sh")):
        last += "es"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def _variants(form: str) -> set[str]:
    """'push-up' -> push-up, push up, pushup; a spaced form also glued."""
    out = {form}
    if "-" in form:
        out |= {form.replace("-", " "), form.replace("-", "")}
    return out


@dataclass(frozen=True)
class Unit:
    dim: str  # distance, duration, count, speed, times
    canon: str
    factor: float = 1.0
    word: bool = False  # a spelled word that may follow an article ("a mile")


class Lexicon:
    """All the parser's data, loaded once (see :func:`lexicon`)."""

    def __init__(self) -> None:
        units = _load("units.json")
        words = _load("number_words.json")
        races = _load("races.json")
        counts = _load("counts.json")
        self.context = ctx = _load("context.json")
        freq = _load("frequency.json")

        # -- units ---------------------------------------------------------
        self.units: dict[str, Unit] = {}
        self.glued: dict[str, Unit] = {}
        for dim in ("distance", "duration"):
            for canon, spec in units[dim].items():
                for w in spec.get("words", []):
                    self.units[norm(w)] = Unit(dim, canon, spec["factor"], True)
                for w in spec.get("abbrevs", []):
                    self.units.setdefault(norm(w), Unit(dim, canon, spec["factor"], False))
                for w in spec.get("glued", []):
                    self.glued[w] = Unit(dim, canon, spec["factor"], False)
        for spec in units["speed"].values():
            for w in spec["abbrevs"]:
                self.units[w] = Unit("speed", spec["per_hour_of"])
        for w in ("times", "time", "x", "×"):
            self.units[w] = Unit("times", "time")
        self.calendar = set(units["calendar_units"])
        self.factors = {c: s["factor"] for d in ("distance", "duration") for c, s in units[d].items()}
        # the marks written after a number as a unit: a prime is minutes (5'), a double prime inches (5")
        self.prime = Unit("duration", "min", 60.0)
        self.double_prime = Unit("distance", "in", self.factors["in"])

        self.counts: dict[str, str] = {}
        irregular = counts.get("irregular_plurals", {})
        for canon, forms in counts["counts"].items():
            for form in forms:
                for v in _variants(form):
                    self.counts[norm(v)] = canon
                    plural = irregular.get(form) or _plural(v)
                    for pv in _variants(plural):
                        self.counts.setdefault(norm(pv), canon)
        for form, canon in self.counts.items():
            self.units.setdefault(form, Unit("count", canon))
        self.connectors = counts["connectors"]
        self.count_prepositions = counts["prepositions"]["words"]  # "round": before "the" a preposition
        self.preposition_objects = counts["prepositions"]["before"]

        # -- numbers -------------------------------------------------------
        self.number_units = words["units"]
        self.number_tens = words["tens"]
        self.scales = words["scales"]
        self.suffix_scales = words["suffix_scales"]
        self.dozen = words["dozen"]
        self.fractions = words["fractions"]
        self.unicode_fractions = words["unicode_fractions"]
        self.vague = words["vague"]
        self.ordinals = words["ordinals"]
        self.number_words = {**self.number_units, **self.number_tens}

        # -- races ---------------------------------------------------------
        self.races: dict[str, tuple[float, str]] = {}
        for race in races["races"]:
            for name in race["names"]:
                self.races[norm(name)] = (race["value"], race["unit"])
        self.numeric_races = {k: (v["value"], v["unit"]) for k, v in races["numeric"].items() if not k.startswith("_")}
        self.race_not_after = set(races["not_after"])
        self.race_not_before = set(races["not_before"])

        # -- frequency -----------------------------------------------------
        self.freq_phrases: dict[str, str] = {}
        need = set(freq["need_quantity"])
        for value, phrases in freq["phrases"].items():
            for p in phrases:
                if p not in need:
                    self.freq_phrases[norm(p)] = value
        day_sets = resources.load_json("dates.json")["sets"]
        for part in day_sets["PART"]:  # "on Saturday mornings", "every Tuesday night": see frequency.json
            for day in day_sets["WEEKDAY"]:
                for phrase in (f"on {day} {part}s", f"{day} {part}s", f"every {day} {part}", f"each {day} {part}"):
                    self.freq_phrases[norm(phrase)] = "weekly"
        self.periods: dict[str, str] = {}
        for value, phrases in freq["periods"].items():
            for p in phrases:
                self.periods[norm(p)] = value
        self.multipliers = freq["multipliers"]

        # -- context word sets ----------------------------------------------
        s = lambda key: frozenset(ctx[key])  # noqa: E731
        self.adjectives = s("adjectives")
        self.rep_adjectives = s("repetition_adjectives")
        self.duration_before = s("duration_before")
        self.article_duration_before = s("article_duration_before")
        self.age_before = s("age_before")
        self.social_after = s("social_after")
        self.currency_before = s("currency_before")
        self.tod_before = s("time_of_day_before")
        self.dotted_time_before = s("dotted_time_before")
        self.everyday_not_before = s("everyday_not_before")
        self.times_not_before = s("times_not_before")
        self.long_race_words = s("long_race_words")
        self.elliptic_before = s("elliptic_before")
        self.elliptic_after = s("elliptic_after")
        days = resources.load_json("dates.json")  # the weekdays, as the dates component reads them
        self.elliptic_days = frozenset(days["sets"]["WEEKDAY"] + days["sets"]["WEEKDAY_ABBR"])
        self.elliptic_day_after = s("elliptic_day_after")
        self.feet_elevation = float(ctx["elevation_feet_threshold"])

    # regex fragments built from the lists -----------------------------------
    def alt(self, words) -> str:
        return trie(sorted({norm(w) for w in words}))


@cache
def lexicon() -> Lexicon:
    return Lexicon()
