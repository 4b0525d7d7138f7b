"""Scan a text with the master grammar and read each match into an :class:`Item`.

One handler per grammar alternative decides what the match is (a distance, a
duration, a pace, a time of day to drop ...) from the match and a few words
around it; :func:`scan` then joins neighbours (compounds, ranges, "1 hour
thirty") in :mod:`fitpost.quantity_parser.normalise`.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, fields

from fitpost.quantity_parser.context import WordsBefore, clause_before, cues, left_words, next_word, sentence
from fitpost.quantity_parser.grammar import master, period_re
from fitpost.quantity_parser.lexicon import Unit, lexicon, norm
from fitpost.quantity_parser.numbers import Number, digits, parse_number

# the units a length is given in when a chain mixes metric and imperial
IMPERIAL = {"mi", "yd", "ft", "in"}
# words before a number that make "2 - 20km" a label and a distance, not a range
MARKERS = frozenset({"day", "days", "stage", "leg", "week", "part", "no", "number", "#", "mile", "km", "lap",
                     "round", "chapter", "episode", "ep", "vol", "level", "phase", "run", "session", "month",
                     "year", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct",
                     "nov", "dec"})
_MARKS = frozenset({"mark", "marker", "markers", "checkpoint", "turnaround"})
_HEIGHT_BEFORE = frozenset({"to", "at", "reached", "reaching", "touched", "touching", "summited", "summitted"})
HIGHEST_CLIMB_M = 9000.0  # no ascent told in km or miles is higher (Everest is 8,849 m from sea level)
ARTICLE_SPANS = frozenset({"week", "fortnight"})  # "for a week" after a daily cue: that many days of sessions
_RACE_COUNTS = frozenset({"marathon", "half_marathon", "ultramarathon", "triathlon", "ironman", "race"})
FOR_MODS = frozenset({"the", "next", "past", "last", "another", "almost", "nearly", "about", "around", "over",
                      "roughly", "approximately", "a", "total", "of", "full", "whole", "at", "least", "more",
                      "than", "only", "just", "first", "entire", "good"})
_SPACES = re.compile(r"\s+and\s+", re.IGNORECASE)
# two numbers in words joined by a hyphen that make no one number: "eight-nine hours" is 8 to 9
_WORD_RANGE = re.compile(r"([^\W\d_]+)[\-‐‑]([^\W\d_]+)")
_ARTICLE = re.compile(r"an?\s+", re.IGNORECASE)
_LABEL = re.compile(r"([a-z]+|#)\s*$")  # "day 2 - 20km": a word right before the number
_SUB = re.compile(r"sub[-‐‑ ]?$")
_MILITARY = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
_SCALE_WORD = re.compile(r"(?:hundred|thousand|dozen|million|billion|lakh|crore|couple|few|quarter|half)")
_END_OR_MARK = re.compile(r"\s*(?:$|[^\w\s])")
_PLAIN_DIGITS = re.compile(r"[\d.,]+")
_QUOTE = re.compile('"')


@dataclass(slots=True)
class Item:
    """A quantity being read; :func:`fitpost.quantity_parser.normalise.to_quantity` makes it public."""

    kind: str
    start: int
    end: int
    value: float | None = None
    unit: str | None = None
    base: float | None = None  # metres (distance, elevation) or seconds (duration, pace)
    min: float | None = None
    max: float | None = None
    times: int | None = None
    per: str | None = None
    frequency: str | None = None
    approximate: bool = False
    sets: int | None = None
    reps: int | None = None
    # for joining neighbours
    surface: str = ""  # the unit as written
    units: tuple = ()  # canonical units of a compound
    simple: bool = False  # a plain NUMBER UNIT, may join a compound or a range
    part: bool = False  # one term of a compound that is also returned whole
    twin: bool = False  # the repetition reading of "for 8 days", returned beside the duration


def _approx(text: str, start: int, end: int, lw: WordsBefore) -> bool:
    c = cues()
    return lw.ends_with(c.approx_before) or bool(c.approx_after.match(text, end))


def _period_after(text: str, end: int):
    """('daily' | 'weekly' ..., match) for a period right after ``end``, else (None, None)."""
    m = period_re().match(text, end)
    if not m:
        return None, None
    return lexicon().periods[norm(m.group("per"))], m


def _freq_item(text: str, m, value: str, times=None, lo=None, hi=None) -> Item:
    s = m.start("per")
    return Item("frequency", s, m.end(), frequency=value, times=times, min=lo, max=hi,
                value=None if times is None else float(times))


# --------------------------------------------------------------------------- measure

@dataclass(frozen=True)
class _Groups:
    """The names of the groups of a measure (the grammar's ``measure`` and ``wmeasure``, whose groups
    are named with ``m_`` and ``w_`` before them), made once: a name put together for each look-up
    is a new string, hashed again every time."""

    num: str
    num2: str
    rsep: str
    plus: str
    glued: str
    sep: str
    adj: str
    cunit: str
    unit: str
    tail: str

    @classmethod
    def named(cls, prefix: str) -> _Groups:
        return cls(*(prefix + field.name for field in fields(cls)))


_MEASURE_GROUPS = _Groups.named("m_")
_WORD_MEASURE_GROUPS = _Groups.named("w_")


def _groups(m) -> _Groups:
    return _MEASURE_GROUPS if m.lastgroup == "measure" else _WORD_MEASURE_GROUPS


def _numbers(text: str, m) -> tuple[Number | None, float | None, int]:
    """The number of a measure, the low end of a range, and where the quantity starts."""
    groups = _groups(m)
    start = m.start()
    n1 = parse_number(m.group(groups.num))
    num2 = m.group(groups.num2)
    if num2 is not None:
        n2 = parse_number(num2)
        if n2 is None:
            return None, None, start
        if n1 is None or n1.article or n1.vague:
            return n2, None, m.start(groups.num2)
        word = m.group(groups.rsep).strip().lower()
        lw = left_words(text, start, 2)
        last = lw[-1] if lw else ""
        if word == "and" and last != "between":
            return n2, None, m.start(groups.num2)
        label = _LABEL.search(text, max(0, start - 16), start)
        if (label and label.group(1) in MARKERS) or n1.value >= n2.value:
            return n2, None, m.start(groups.num2)
        return n2, n1.value, start
    if n1 is None:
        # "eight and ten miles": two numbers joined by "and"; "eight-nine hours": a range
        txt = m.group(groups.num)
        dashed = _WORD_RANGE.fullmatch(txt)
        if dashed:
            left, right = parse_number(dashed.group(1)), parse_number(dashed.group(2))
            if left is not None and right is not None and left.value < right.value:
                return right, left.value, start
        parts = list(_SPACES.finditer(txt))
        if not parts:
            return None, None, start
        cut = parts[-1]
        right = parse_number(txt[cut.end():])
        left = parse_number(txt[:cut.start()])
        if right is None:
            return None, None, start
        lw = left_words(text, start, 1)
        if left is not None and lw and lw[-1] == "between" and left.value < right.value:
            return right, left.value, start
        return right, None, start + cut.end()
    return n1, None, start


def _unit_of(text: str, m) -> tuple[Unit | None, str]:
    lex = lexicon()
    groups = _groups(m)
    g = m.group(groups.glued)
    if g:
        return lex.glued.get(g.lower()), g
    c = m.group(groups.cunit)
    if c:
        return Unit("count", lex.counts[norm(c)]), c
    u = m.group(groups.unit)
    if u in ("'", "′"):
        return lex.prime, u
    if u in ('"', "″", "”", "''"):
        return lex.double_prime, u
    return lex.units.get(norm(u)), u


def _quotes_before(text: str, pos: int, quotes: list[int] | None) -> int:
    """How many straight double quotes stand before ``pos`` (``quotes``: the offsets of all of them,
    where the caller has them: counting from the start for every match would be quadratic)."""
    return text.count('"', 0, pos) if quotes is None else bisect_left(quotes, pos)


def on_measure(text: str, m, orig: str = "", quotes: list[int] | None = None):  # noqa: C901 - the rules read best in one place
    lex = lexicon()
    groups = _groups(m)
    if m.group(groups.unit) in ('"', "″") and _quotes_before(text, m.start(groups.unit), quotes) % 2 == 1:
        return None  # a closing quotation mark, not inches
    unit, surface = _unit_of(text, m)
    if unit is None:
        return None
    if surface == "m" and orig and m.group(groups.unit) and orig[m.start(groups.unit)] == "M":
        return None  # 1.8M dollars: a capital M is a million
    n, lo, start = _numbers(text, m)
    if n is None:
        return None
    if not n.article and start == m.start():
        art = _ARTICLE.match(text, start)
        if art and not _SCALE_WORD.match(text, art.end()):
            start = art.end()
    end = m.end()
    value = n.value
    tail = m.group(groups.tail)
    if tail:
        value += 0.25 if "quarter" in tail.lower() else 0.5
    if n.article and (not unit.word or unit.dim not in ("distance", "duration") or unit.canon == "s"):
        return None  # "a m", "a push-up", "a second"
    if n.vague and n.vague != "couple" and unit.dim != "duration":
        return None  # "the last few miles"
    lw = WordsBefore(text, start)
    approx = n.approximate or lo is not None or bool(m.group(groups.plus)) or _approx(text, start, end, lw)
    adj = (m.group(groups.adj) or "").lower().split()
    if "odd" in adj:
        approx = True

    if unit.dim == "distance":
        return _distance(text, m, unit, surface, value, lo, start, end, lw, approx)
    if unit.dim == "duration":
        return _duration(text, m, unit, surface, n, value, lo, start, end, lw, approx, adj)
    if _SUB.search(text, max(0, start - 4), start) and unit.dim != "duration":
        return None  # a sub-3 marathon, a sub-20 5k: a time to beat
    if unit.dim == "count":
        if n.article or value < 1:
            return None
        if unit.canon in _RACE_COUNTS and value > 1 and not surface.endswith("s"):
            return None  # "3 marathon" is not three marathons
        if lw.ends_with(lex.currency_before):
            return None
        items = [Item("count", start, end, value=value, unit=unit.canon, min=lo, max=value if lo is not None else None,
                      approximate=approx, surface=surface)]
        per, pm = _period_after(text, end)
        if per:
            items.append(_freq_item(text, pm, per))
            end = pm.end()
        return items, end
    if unit.dim == "times":
        return _times(text, m, surface, value, lo, start, end, approx)
    if unit.dim == "speed":
        if value <= 0:
            return None
        return [Item("pace", start, end, value=value, unit="km/h" if unit.canon == "km" else "mph",
                     base=3600.0 / value, per=unit.canon, approximate=approx)], end
    return None


def _distance(text, m, unit, surface, value, lo, start, end, lw, approx):
    lex = lexicon()
    groups = _groups(m)
    c = cues()
    low = surface.lower()
    if low in ("k", "m") and next_word(text, end + (text[end:end + 1] == "+")) in lex.social_after:
        return None  # 5K followers, 5m views
    if lw.ends_with(lex.currency_before):
        return None
    nxt = next_word(text, end)
    if nxt in _MARKS or (nxt == "point" and lw.last == "the"):
        return None  # the 30 km mark: a place on the course, like "Mile 18"
    sp = c.speed_after.match(text, end)
    if sp:
        t = sp.group("t").lower()
        if t[0] == "h" and unit.canon in ("km", "mi") and value > 0:
            return [Item("pace", start, sp.end(), value=value, unit="km/h" if unit.canon == "km" else "mph",
                         base=3600.0 / value, per=unit.canon, approximate=approx)], sp.end()
        return None  # 50 meters per millisecond: a speed
    factor = unit.factor
    meters = value * factor
    kind = "distance"
    # an ascent told in km or miles ("4 km of climbing") is no higher than HIGHEST_CLIMB_M: "18 km of climbing" is a
    # climb's length (one in metres or feet may be a long event's total: "10,000 m of climbing")
    ea = c.elevation_after.match(text, end) if unit.canon in ("m", "ft") or meters <= HIGHEST_CLIMB_M else None
    if ea or (unit.canon in ("m", "ft") and (lw.ends_with(c.elevation_before) or c.elevation_at_end.match(text, end)
                                              or lw.ends_with_before(c.elevation_before, c.approx_before))):
        kind = "elevation"
    elif unit.canon == "ft" and meters >= lex.feet_elevation * 0.3048 and lo is None:
        kind = "elevation"
    elif unit.canon in ("m", "ft") and meters >= 2000 and (lw.last in _HEIGHT_BEFORE
                                                           or text[max(0, start - 1):start] == "("):
        kind = "elevation"  # trekked to 5,364 m; the peak (6,190 m)
    item = Item(kind, start, end, value=value, unit=unit.canon, base=meters,
                min=None if lo is None else lo * factor, max=None if lo is None else meters,
                approximate=approx, surface=surface, units=(unit.canon,),
                simple=kind == "distance" and lo is None and not m.group(groups.adj))
    items = [item]
    per, pm = _period_after(text, end)
    if per:
        items.append(_freq_item(text, pm, per))
        end = pm.end()
    return items, end


def _since_last(clause: str, words: frozenset[str]) -> bool:
    """Whether the text ``clause`` before a spell holds one of ``words`` ("first", "best") with no "to"
    after it: the spell is the time since the last such session ("my first race in three years"), not
    what a feat took ("the first woman to swim it in 3 days")."""
    told = clause.split()
    last = max((k for k, w in enumerate(told) if w in words), default=None)
    return last is not None and "to" not in told[last:]


def _opening(clause: str) -> bool:
    """Whether a number after the text ``clause`` of its clause opens the clause: nothing but an article,
    spaces or an opening quote or bracket before it, after a colon if there is one ('She said: "Some')."""
    return clause.rsplit(":", 1)[-1].strip(" \t\n\"'“‘(*") in ("", "a")


def _duration(text, m, unit, surface, n, value, lo, start, end, lw, approx, adj):  # noqa: C901
    lex = lexicon()
    groups = _groups(m)
    c = cues()
    canon = unit.canon
    if canon == "h" and _MILITARY.fullmatch(m.group(groups.num)) and (
            m.group(groups.num)[0] == "0" or lw.last in lex.tod_before):
        return None  # at 0600 hrs: a time of day
    if canon == "year" and (c.age_after.match(text, end) or lw.last in lex.age_before):
        return None  # a 56-year-old, aged 30 years
    if c.date_after.match(text, end):
        return None  # 2 days ago, three weeks later
    if n.vague and next_word(text, end) in c.which_after and _opening(clause_before(text, start)):
        return None  # "Some weeks I was swimming 30 km": on which weeks, not how long
    if canon in c.since_units and lw.last in ("in", "for") and _since_last(clause_before(text, start), c.since_before):
        return None  # "my first race in three years": the time since the last one
    if next_word(text, end) in _MARKS:
        return None  # the 50 minute mark: a point in the session, like the 30 km mark
    g = m.group(groups.glued)
    if g:
        low = g.lower()
        decade = value % 10 == 0 and lw.ends_with(frozenset(lex.context["decade_before"]))
        if low == "s" and (value >= 1000 or decade):
            return None  # the 1990s, in my 30s
        if low == "d" and value in (2, 3, 4):
            return None  # 3D
    if n.article and canon in lex.calendar:
        # "a day", "another week": a duration only where the words ask for one
        if not (start == 0 or lw.last in lex.article_duration_before or m.group(groups.tail)):
            return None
        if adj and lw.last == "after":
            return None  # "after a long week": the days before a session, not its length
    factor = unit.factor
    # paces: "5 min/km", "a 7-minute mile"
    if canon in ("min", "s"):
        pm = c.pace_after.match(text, end)
        if pm and (pm.group("km") or pm.group("mi") or pm.group("n") or pm.group("km2") or pm.group("mi2")
                   or ((pm.group("km3") or pm.group("mi3")) and value <= 20)):
            per = _per(pm)
            return [Item("pace", start, pm.end(), value=value, unit="min/" + (per or "km") if canon == "min" else "s",
                         base=value * factor, per=per, approximate=approx)], pm.end()
    seconds = value * factor
    per, pm = _period_after(text, end)
    if per and canon in ("day", "night") and per in ("weekly", "fortnightly", "monthly", "yearly") and n.integer:
        # 3 days a week
        hi = int(value)
        return [Item("frequency", start, pm.end(), frequency=per, times=hi, value=float(hi),
                     min=lo, max=value if lo is not None else None, approximate=approx)], pm.end()
    items: list[Item] = []
    duration = Item("duration", start, end, value=value, unit=canon, base=seconds, approximate=approx,
                    surface=surface, units=(canon,), simple=lo is None and not m.group(groups.adj),
                    min=None if lo is None else lo * factor, max=None if lo is None else seconds)
    if canon in lex.calendar and not n.vague and not n.article and n.integer and lo is None:
        ra = c.rep_after.match(text, end)
        if ra and not surface.lower().endswith("s"):
            ra = None  # "days running" is an idiom of repetition; "60-day running streak" tells the activity
        rn = c.rep_noun.match(text, end) if not ra else None
        if ra or rn or set(adj) & lex.rep_adjectives:
            rend = ra.end() if ra else end
            items.append(Item("repetition", start, rend, value=value, unit=canon, times=int(value),
                              approximate=approx))
            end = rend
            duration = None
        elif canon in ("day", "night", "week", "weekend") and _after_for(lw):
            items.append(Item("repetition", start, end, value=value, unit=canon, times=int(value),
                              approximate=approx, twin=True))
            if c.daily_cue.search(sentence(text, start, end)):
                duration = None  # 20 km daily for 8 days: sessions, not one long one
    elif canon in ARTICLE_SPANS and n.article and lo is None and _after_for(lw) \
            and c.daily_cue.search(sentence(text, start, end)):
        # "5 km every day for a week": the days of the sessions, not one long one
        items.append(Item("repetition", start, end, value=1.0, unit=canon, times=1, approximate=approx))
        duration = None
    if duration is not None:
        items.insert(0, duration)
    if per:
        items.append(_freq_item(text, pm, per))
        end = pm.end()
    return items, end


def _after_for(before: WordsBefore) -> bool:
    """Whether the words before end in 'for', 'for the next', 'for about' ... (so the last word is 'for' or one
    of FOR_MODS)."""
    if before.last != "for" and before.last not in FOR_MODS:
        return False
    lw = before.words()
    for i in range(len(lw) - 1, max(-1, len(lw) - 4), -1):
        if lw[i] == "for":
            return all(w in FOR_MODS for w in lw[i + 1:])
    return False


def _per(pm) -> str | None:
    if pm.group("n"):
        return pm.group("n") + "m"
    if pm.group("km") or pm.group("km2") or pm.group("km3"):
        return "km"
    if pm.group("mi") or pm.group("mi2") or pm.group("mi3"):
        return "mi"
    return None


def _times(text, m, surface, value, lo, start, end, approx):
    lex = lexicon()
    per, pm = _period_after(text, end)
    if per:
        hi = int(value)
        return [Item("frequency", start, pm.end(), frequency=per, times=hi, value=float(hi),
                     min=lo, max=value if lo is not None else None, approximate=approx)], pm.end()
    if surface.lower() in ("x", "×"):
        if not _END_OR_MARK.match(text, end):
            return None  # 3x champion
    elif next_word(text, end) in lex.times_not_before:
        return None  # three times the distance
    elif surface.lower() == "time" and "-" in (m.group(_groups(m).sep) or ""):
        return None  # a 2-time champion
    if value < 1 or value != int(value):
        return None
    return [Item("repetition", start, end, value=value, unit="time", times=int(value), approximate=approx,
                 min=lo, max=value if lo is not None else None)], end


# --------------------------------------------------------------------------- other forms

def on_clock(text: str, m, orig: str = ""):
    c = cues()
    a, b = int(m.group("k_a")), int(m.group("k_b"))
    cc = m.group("k_c")
    frac = float(m.group("k_f")) if m.group("k_f") else 0.0
    s, e = m.start(), m.end()
    if c.tod_after.match(text, e):
        return None  # 5:45 a.m.
    lw = WordsBefore(text, s)
    pm = c.pace_after.match(text, e)
    if pm or lw.ends_with(c.pace_before):
        secs = (a * 3600 + b * 60 + int(cc) if cc else a * 60 + b) + frac
        end = pm.end() if pm else e
        per = _per(pm) if pm else None
        return [Item("pace", s, end, value=secs / 60, unit="min/" + per if per else "min",
                     base=secs, per=per)], end
    if c.clock_range_after.match(text, e) or c.clock_range_before.search(text, max(0, s - 14), s):
        return None  # 6:30-8:00: times of day
    if cc is not None:
        secs = a * 3600 + b * 60 + int(cc) + frac
        return [Item("duration", s, e, value=secs / 3600, unit="h", base=secs, surface=":")], e
    hm = c.hours_after.match(text, e)
    if hm:
        secs = a * 3600 + b * 60
        return [Item("duration", s, hm.end(), value=secs / 3600, unit="h", base=secs, surface=":")], hm.end()
    mm = c.minutes_after.match(text, e)
    if mm:
        secs = a * 60 + b + frac
        return [Item("duration", s, mm.end(), value=secs / 60, unit="min", base=secs, surface=":")], mm.end()
    if lw.last in lexicon().tod_before and a <= 24:
        return None  # at 6:30 (but "crossed at 47:20" is no time of day)
    if a <= 9 and not frac and c.long_race.search(sentence(text, s, e)):
        secs = a * 3600 + b * 60
        return [Item("duration", s, e, value=secs / 3600, unit="h", base=secs, surface=":")], e
    secs = a * 60 + b + frac
    return [Item("duration", s, e, value=secs / 60, unit="min", base=secs, surface=":")], e


def on_dclock(text: str, m, orig: str = ""):
    """1.57.06: hours, minutes and seconds with dots, only after a word of timing ("in", "time:", "took"),
    where a date written with dots (1.05.12) does not stand."""
    lw = left_words(text, m.start(), 1)
    if not lw or lw[-1] not in lexicon().dotted_time_before:
        return None
    secs = int(m.group("d_h")) * 3600 + int(m.group("d_m")) * 60 + int(m.group("d_s"))
    return [Item("duration", m.start(), m.end(), value=secs / 3600, unit="h", base=secs, surface=":")], m.end()


def on_compact(text: str, m, orig: str = ""):
    g = m.group
    if g("c_m3") is not None:
        secs = int(g("c_m3")) * 60 + float(g("c_s3"))
    elif g("c_d2") is not None:
        secs = int(g("c_d2")) * 86400 + int(g("c_h2")) * 3600
    elif g("c_h4") is not None:
        secs = int(g("c_h4")) * 3600 + int(g("c_m4")) * 60 + int(g("c_s4") or 0)
    else:
        secs = int(g("c_h")) * 3600 + int(g("c_m") or g("c_m2") or 0) * 60 + float(g("c_s") or 0)
        if g("c_d"):
            secs += int(g("c_d")) * 86400
    s, e = m.start(), m.end()
    pm = cues().pace_after.match(text, e)
    if pm and (pm.group("km") or pm.group("mi") or pm.group("km2") or pm.group("mi2")):
        return [Item("pace", s, pm.end(), value=secs / 60, unit="min/" + (_per(pm) or "km"), base=secs,
                     per=_per(pm))], pm.end()
    unit = "h" if secs >= 3600 else "min"
    return [Item("duration", s, e, value=secs / (3600 if unit == "h" else 60), unit=unit, base=secs,
                 surface="compact", units=("h", "min", "s"))], e


def on_primes(text: str, m, orig: str = ""):
    c = cues()
    quoted = m.group("p_a") is not None
    a = int(m.group("p_a") if quoted else m.group("p_a2"))
    b = float(m.group("p_b") if quoted else m.group("p_b2"))
    s, e = m.start(), m.end()
    pm = c.pace_after.match(text, e)
    if pm and _per(pm):
        secs = a * 60 + b
        return [Item("pace", s, pm.end(), value=secs / 60, unit="min/" + _per(pm), base=secs, per=_per(pm))], pm.end()
    if quoted and a <= 8 and b < 12:
        meters = a * 0.3048 + b * 0.0254
        return [Item("distance", s, e, value=a + b / 12, unit="ft", base=meters, surface="'\"")], e
    secs = a * 60 + b
    return [Item("duration", s, e, value=secs / 60, unit="min", base=secs, surface="'\"")], e


def on_nx(text: str, m, orig: str = ""):
    lex = lexicon()
    a = int(m.group("x_a"))
    b = digits(m.group("x_b")) if _PLAIN_DIGITS.fullmatch(m.group("x_b")) else None
    if b is None:
        nb = parse_number(m.group("x_b"))
        if nb is None:
            return None
        b = nb.value
    s, e = m.start(), m.end()
    if a == 0 or b == 0:
        return None
    cu = m.group("x_cunit")
    u = m.group("x_unit") or m.group("x_secs")
    if not cu and not u and _repeat_metres(a, b):
        # "8x400", "10 x 100": repeats of a track or pool distance, which is told in metres without its unit
        total = a * b
        return [Item("distance", s, e, value=total, unit="m", base=total, times=a)], e
    if cu or not u:
        if not cu and (a > 20 or b > 100):
            return None  # 1920x1080
        unit = lex.counts[norm(cu)] if cu else "rep"
        items = [Item("count", s, e, value=a * b, unit=unit, sets=a, reps=int(b) if b == int(b) else None)]
    else:
        unit = lex.units.get(norm(u))
        if u in ("'", "′"):
            unit = Unit("duration", "min", 60.0)
        elif u in ('"', "″", "s"):
            unit = Unit("duration", "s", 1.0)  # 4x30", 8 x 90s: seconds in interval notation
        if unit is None or unit.dim not in ("distance", "duration"):
            return None
        total = a * b
        items = [Item(unit.dim, s, e, value=total, unit=unit.canon, base=total * unit.factor, times=a)]
    per, pm = _period_after(text, e)
    if per:
        items.append(_freq_item(text, pm, per))
        e = pm.end()
    return items, e


REPEAT_METRES = (100, 2000)  # the shortest and the longest repeat told in metres without a unit ("8x400")
REPEATS_MAX = 30  # the most repeats of one set ("30 x 100")


def _repeat_metres(times: int, each: float) -> bool:
    """Whether ``times`` x ``each`` with no unit is a set of repeats over a distance in metres: a few
    repeats of a whole hundred of metres, as track and pool sessions are told ("8x400", "10 x 100",
    "5 x 1000"); not a screen's size ("1920x1080") nor sets of an exercise ("3x10")."""
    lo, hi = REPEAT_METRES
    return 2 <= times <= REPEATS_MAX and lo <= each <= hi and each == int(each) and int(each) % 100 == 0


def on_sets(text: str, m, orig: str = ""):
    lex = lexicon()
    P = "s_" if m.lastgroup == "sets" else "t_"
    na, nb = parse_number(m.group(P + "a")), parse_number(m.group(P + "b"))
    if na is None or nb is None or na.article or nb.article:
        return None
    a, b = int(na.value), int(nb.value)
    if a < 1 or b < 1:
        return None
    u = m.group(P + "unit")
    unit = lex.counts[norm(u)] if u else "rep"
    return [Item("count", m.start(), m.end(), value=float(a * b), unit=unit, sets=a, reps=b)], m.end()


def on_ftimes(text: str, m, orig: str = ""):
    lex = lexicon()
    mult = lex.multipliers[m.group("f_mult").lower()]
    s, e = m.start(), m.end()
    if m.group("f_per"):
        per = lex.periods[norm(m.group("f_per"))]
        return [Item("frequency", s, e, frequency=per, times=mult, value=float(mult))], e
    if mult == 1 or next_word(text, e) in lex.times_not_before or next_word(text, e) in ("as", "over"):
        return None
    return [Item("repetition", s, e, value=float(mult), unit="time", times=mult)], e


def on_freq(text: str, m, orig: str = ""):
    lex = lexicon()
    phrase = norm(m.group("freq"))
    s, e = m.start(), m.end()
    if phrase == "everyday" and next_word(text, e) in lex.everyday_not_before:
        return None
    return [Item("frequency", s, e, frequency=lex.freq_phrases[phrase])], e


def on_ordrep(text: str, m, orig: str = ""):
    lex = lexicon()
    raw = (m.group("o_n") or m.group("o_n2")).lower()
    n = lex.ordinals.get(raw)
    if n is None:
        n = int(raw.rstrip("stndrh"))
    unit = m.group("o_u").lower().rstrip("s")
    s = m.start()
    return [Item("repetition", s, m.end(), value=float(n), unit=unit, times=n)], m.end()


def on_race(text: str, m, orig: str = ""):
    lex = lexicon()
    name = norm(m.group("race"))
    s, e = m.start(), m.end()
    lw = left_words(text, s, 1)
    if (lw and lw[-1] in lex.race_not_after) or next_word(text, e) in lex.race_not_before:
        return None
    value, unit = lex.races[name]
    return [Item("distance", s, e, value=value, unit=unit, base=value * lex.factors[unit], surface="race")], e


def on_nrace(text: str, m, orig: str = ""):
    lex = lexicon()
    s, e = m.start(), m.end()
    if cues().nrace_bad_after.match(text, e):
        return None
    value, unit = lex.numeric_races[m.group("nrace")]
    return [Item("distance", s, e, value=value, unit=unit, base=value * lex.factors[unit], surface="race")], e


def on_drace(text: str, m, orig: str = ""):
    lex = lexicon()
    value, unit = lex.races[norm(m.group("drace"))]
    return [Item("distance", m.start(), m.end(), value=value, unit=unit, base=value * lex.factors[unit],
                 surface="race")], m.end()


def on_fevery(text: str, m, orig: str = ""):
    """every 2 days, every three weeks."""
    n = parse_number(m.group("e_n"))
    if n is None or n.value < 1 or n.value != int(n.value):
        return None
    k = int(n.value)
    unit = m.group("e_u")[:-1]
    if k == 1:
        freq = {"day": "daily", "week": "weekly", "month": "monthly"}[unit]
    elif k == 2:
        freq = {"day": "every_other_day", "week": "fortnightly", "month": "every_2_months"}[unit]
    else:
        freq = f"every_{k}_{unit}s"
    return [Item("frequency", m.start(), m.end(), frequency=freq)], m.end()


def on_allday(text: str, m, orig: str = ""):
    lex = lexicon()
    unit = m.group("a_u").lower()
    f = lex.factors[unit]
    return [Item("duration", m.start(), m.end(), value=1.0, unit=unit, base=f, surface="all")], m.end()


HANDLERS = {
    "measure": on_measure, "wmeasure": on_measure, "wsets": on_sets, "clock": on_clock, "compact": on_compact,
    "dclock": on_dclock, "primes": on_primes, "nx": on_nx,
    "sets": on_sets, "ftimes": on_ftimes, "freq": on_freq, "ordrep": on_ordrep, "race": on_race,
    "nrace": on_nrace, "allday": on_allday, "drace": on_drace, "fevery": on_fevery,
}


def lower(text: str) -> str:
    """``text`` in lower case, one character for one (so offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def scan(text: str, low: str | None = None) -> list[Item]:
    """Every quantity the grammar finds in ``text``, in text order, neighbours not yet joined.

    The grammar and the handlers read ``low`` (``text`` lower-cased, see
    :func:`lower`); ``text`` itself is only consulted where case matters.
    """
    if low is None:
        low = lower(text)
    items: list[Item] = []
    search = master().search
    quotes = [q.start() for q in _QUOTE.finditer(low)]  # where the straight double quotes are, for on_measure
    pos, n = 0, len(low)
    while pos < n:
        m = search(low, pos)
        if m is None:
            break
        handler = HANDLERS[m.lastgroup]
        got = on_measure(low, m, text, quotes) if handler is on_measure else handler(low, m, text)
        if got:
            found, end = got
            items.extend(found)
            pos = max(end, m.end())
        else:
            pos = m.start() + 1  # a shorter reading may start inside: "a sub-3 marathon"
    return items
