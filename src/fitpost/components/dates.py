"""fitpost_dates: find date expressions and resolve them against the post date.

Finding is rules only: spaCy Matcher token patterns (matched by the rule
engine, :class:`fitpost.patterns.TokenPatterns`, exactly as the Matcher
would) and regexes for numeric dates, all in ``models/dates.json``, checked
when loaded (:func:`check_data`).  Each span found goes to
``doc.spans["fp_dates"]`` (in text order) with ``span._.fp_date`` =
:class:`~fitpost.schema.DateRef`.

Resolving reads the common phrases (today, yesterday, [last|next] Sunday,
N days/weeks ago, this/last/next week/month/year, a year, a month, a day of a
month with or without its year) itself, exactly as
dateparser would, and gives dateparser the rest, on the span's text alone
(never a search over the whole text).  dateparser is imported when the first
date span needs it; a ``DateDataParser(languages=["en"], settings=...)`` is
made for each post date and preference, and results are cached by (phrase,
post date, preference).

Rules of resolution
-------------------
* ``RELATIVE_BASE`` is the post date (``doc._.fp_posted_at``).  Without a
  post date a relative phrase ("yesterday", "last week", "on Tuesday",
  "November 4", "the 15th") keeps its text and gets ``value=None``; a date
  that states its year ("August 22, 2021") is resolved all the same.
* Past is preferred: a date without a year is the latest such date on or
  before the post date ("November 4" written on 2025-03-01 is 2024-11-04; "the
  15th" written on 3 March is 15 February).  Future is preferred when the
  phrase says so (``future_words``: "next", "tomorrow", "coming" ...) or,
  unless it holds one of the ``past_words`` ("last", "ago" ...), when a
  future cue ("will", "plans", "starting" ... ``future_cues``) comes shortly
  before the date in its sentence.  The same two word lists tell
  ``fitpost_status`` which way a date points.  ``resolve()`` lets a later component read a span
  again with the other preference.
* ``value`` is a day.  A phrase that names a week, a month or a year gets
  that ``granularity`` and its first day (weeks start on Monday; a weekend
  is its Saturday, granularity week); a part of a month or year its part's
  first day ("late March" is 15 March, ``month_part_day`` and
  ``year_part_month``); a range of days or months its first ("November 6-7
  2010", "May & June 2015").  "N days/weeks/months/years ago" is the day N
  units before the post date, "N weeks until/away/to go" N units after it,
  granularity of the unit (days give day); "a couple of" is 2, "a few" and
  "several" 3, a range "14-15" its first number.
* A bare weekday is the post's own day when it is that weekday ("Saturday's
  long run" posted on a Saturday), else the last one before it (the next one
  when the future is preferred); "last Saturday" is 1 to 7 days before; "two
  Sundays ago" the Sunday before last.  A day of a month named with its
  weekday but no year ("Friday, September 12") is the one, on either side of
  the post date, that falls on that weekday.
* A date that heads a section (:func:`is_heading`: it makes up its line, or
  opens it before a colon or dash, or is the dated end of the post's title)
  and names a day with its year is the base of the dates of its section that
  name no year: a diary entry's "this morning" is the entry's day.
  ``fitpost_records`` gives a record with no date of its own the date of its
  section's heading, and reads a planned record's date ahead (:func:`for_plan`).
* Numeric dates are read day first (12/08/2021 is 12 August 2021, as in the
  Indian and British press) unless that is impossible (08/22/2021 is 22
  August) or, where the past is preferred, falls after the post date while
  month first does not (4/11/2026 said on 20 April 2026 is 11 April); ISO
  dates (2021-08-22) as written.
* Not dates: a news dateline ("Pune, March 3 (PTI)"), durations ("3 days", "in 8 days"), ages ("56-year-old"), ordinal
  years ("75th year"), "every Sunday" (a frequency), ordinals followed by a
  noun ("on the 3rd day"), weekday names in titles ("Sunday Times"), "Today"
  in a title ("India Today"), any weekday ("quiet on a Saturday").
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import threading
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from fitpost import ext, resources
from fitpost.components.base import Component
from fitpost.patterns import RuleError, TokenPatterns
from fitpost.schema import DateRef

_UNIT_GRAIN = {"day": "day", "days": "day", "week": "week", "weeks": "week", "fortnight": "week",
               "fortnights": "week", "weekend": "week", "month": "month", "months": "month",
               "year": "year", "years": "year"}

# -- dateparser: imported on first use; one parser per (post date, preference), cached ---------------

_LOCK = threading.Lock()  # a DateDataParser is not documented as thread-safe: one call at a time

_WEEKDAY_LIST_JOINS = frozenset({",", "and", "or", "&"})  # what joins the weekdays of a list


@lru_cache(maxsize=512)
def _parser(base: dt.date, prefer: str):
    """The dateparser that reads a phrase said on ``base`` with past or future preferred."""
    from dateparser import DateDataParser  # slow import: only when a date span needs it

    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": prefer,
        "RETURN_AS_TIMEZONE_AWARE": False, "DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"})


def warm() -> None:
    """Import dateparser and build its regexes now (about 0.3 s, once per process).

    The component does this lazily, on the first date span it resolves; a
    long-running process or a batch worker may call this at start-up instead,
    so that the cost does not land on the first post.
    """
    _parser(_NO_BASE, "past").get_date_data("2 weeks ago")


_NO_BASE = dt.date(2000, 1, 1)  # placeholder base when a post has no date: only dates with a year are kept


_WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                          "sunday"))}
_MONTHS = {m: i + 1 for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july",
                                          "august", "september", "october", "november", "december"))}
_YMD = ("year", "month", "day")
_NATIVE = re.compile(r"(?:(?P<rel>today|yesterday|tomorrow)"
                     r"|(?:(?P<dir>last|next) )?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                     r"|(?P<n>\d{1,3}) (?P<unit>days?|weeks?) ago"
                     r"|in (?P<ahead>\d{1,3}) (?P<ahead_unit>days?|weeks?)"
                     r"|(?P<wn>\d{1,2}) (?P<wds>mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays) ago"
                     r"|(?P<deictic>this|last|next) (?P<period>week|month|year)"
                     r"|(?P<year>(?:19|20)\d\d)"
                     r"|(?P<m1>[a-z]+)(?: (?P<d1>\d{1,2})(?:st|nd|rd|th)?)?(?:,? (?P<y1>(?:19|20)\d\d))?"
                     r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)? (?:of )?(?P<m2>[a-z]+)(?:,? (?P<y2>(?:19|20)\d\d))?)")


def _native(phrase: str, base: dt.date, prefer: str) -> tuple[dt.date, str, tuple] | None:
    """The common phrases read without dateparser, exactly as dateparser reads them (a test holds
    the two together): today, yesterday, tomorrow, [last|next] WEEKDAY, N days/weeks ago, in N
    days/weeks, this/last/next week/month/year, a year, a month, a day of a month [with its year].
    Two readings are fitpost's own: a bare weekday said on that weekday, past preferred, is the
    post's own day ("Saturday's long run" posted on a Saturday), and "N Sundays ago" (which
    dateparser does not read) is the Nth Sunday before the post date.  None for anything else."""
    m = _NATIVE.fullmatch(phrase)
    if m is None:
        return None
    if m["rel"]:
        return base + dt.timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[m["rel"]]), "day", _YMD
    if m["wd"]:
        if m["dir"] == "next" or (m["dir"] is None and prefer == "future"):
            return base + dt.timedelta(days=(_WEEKDAYS[m["wd"]] - base.weekday() - 1) % 7 + 1), "day", _YMD
        back = (base.weekday() - _WEEKDAYS[m["wd"]]) % 7  # 0..6 days before; "last": 1..7
        return base - dt.timedelta(days=(back or 7) if m["dir"] else back), "day", _YMD
    if m["unit"] or m["ahead"]:
        unit = m["unit"] or m["ahead_unit"]
        n = int(m["n"] or m["ahead"]) * (7 if unit.startswith("week") else 1)
        return base + dt.timedelta(days=n if m["ahead"] else -n), "week" if unit.startswith("week") else "day", _YMD
    if m["wds"]:
        last = (base.weekday() - _WEEKDAYS[m["wds"][:-1]] - 1) % 7 + 1  # the last one before the post date
        return base - dt.timedelta(days=last + 7 * (int(m["wn"]) - 1)), "day", _YMD
    if m["period"]:
        step = {"last": -1, "next": 1, "this": 0}[m["deictic"]]
        if m["period"] == "week":
            return base + dt.timedelta(days=7 * step), "week", _YMD
        if m["period"] == "month":
            return _months_back(base, -step), "month", ("year", "month")
        return dt.date(base.year + step, base.month, 1), "year", ("year",)
    if m["year"]:
        return dt.date(int(m["year"]), base.month, 1), "year", ("year",)
    month = _MONTHS.get(m["m1"] or m["m2"])
    if month is None:
        return None
    day, year = m["d1"] or m["d2"], m["y1"] or m["y2"]
    try:
        if year:
            return (dt.date(int(year), month, int(day)), "day", _YMD) if day else \
                (dt.date(int(year), month, 1), "month", ("year", "month"))
        when = dt.date(base.year, month, int(day) if day else 1)
        if when == base:
            return None  # the post's own day: leave the tie to dateparser
        if prefer == "past" and when > base:
            when = when.replace(year=base.year - 1)
        elif prefer == "future" and when < base:
            when = when.replace(year=base.year + 1)
    except ValueError:  # 29 February in another year
        return None
    return (when, "day", ("month", "day")) if day else (when, "month", ("month",))


@lru_cache(maxsize=8192)
def _dateparser(phrase: str, base: dt.date, prefer: str) -> tuple[dt.date | None, str, tuple]:
    """dateparser's reading of ``phrase``: (date, period, parts); common phrases without it."""
    native = _native(phrase, base, prefer)
    if native is not None:
        return native
    parser = _parser(base, prefer)
    with _LOCK:
        data = parser.get_date_data(phrase)
    when = data.date_obj.date() if data.date_obj is not None else None
    return when, data.period or "day", tuple(getattr(data, "parts", ()) or ())


def _data() -> dict:
    return resources.load_json("dates.json")


@lru_cache(maxsize=1)
def _rewrites() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(a), b) for a, b in _data()["rewrite"])


@lru_cache(maxsize=8)
def direction_words(name: str = "dates.json") -> tuple[frozenset[str], frozenset[str]]:
    """(past, future): the words that make a date point back from the post date or ahead of it
    (``past_words`` and ``future_words`` of the date rule file ``models/NAME``)."""
    data = resources.load_json(name)
    return frozenset(data["past_words"]), frozenset(data["future_words"])


def normalise(text: str) -> str:
    """The span's text as a phrase dateparser reads ("a couple of weeks ago" -> "2 weeks ago")."""
    phrase = " ".join(text.lower().replace("’", "'").split())
    phrase = re.sub(r"\s*,\s*", ", ", phrase)
    for pattern, repl in _rewrites():
        phrase = pattern.sub(repl, phrase).strip()
    return phrase


def _first_day(day: dt.date, grain: str) -> dt.date:
    if grain == "week":
        return day - dt.timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    if grain == "year":
        return day.replace(month=1, day=1)
    return day


def _months_back(day: dt.date, n: int) -> dt.date:
    month = day.month - 1 - n
    year = day.year + month // 12
    return day.replace(year=year, month=month % 12 + 1, day=1)


def resolve(text: str, posted_at: dt.date | None, prefer: str = "past", *, kind: str | None = None,
            granularity: str | None = None, snap: bool | None = None) -> DateRef:
    """Resolve one date phrase against ``posted_at`` (a DateRef without offsets).

    ``kind`` is the id of the pattern that found it (``None``: guessed from
    the text), ``prefer`` is ``"past"`` or ``"future"`` for a date that does
    not say which.  Later components may call this again, e.g. with
    ``prefer="future"`` for a planned activity.
    """
    kind = kind or _guess_kind(" ".join(text.lower().split()))
    return _resolve(text, _phrase(text, kind), posted_at, prefer, kind, granularity, snap)


@lru_cache(maxsize=8192)  # the same few date phrases come again and again
def _phrase(text: str, kind: str) -> str:
    """What dateparser is given for a date's text: a numeric date as written, else :func:`normalise`."""
    return text.strip() if kind in ("iso", "dmy") else normalise(text)


def _resolve(text: str, phrase: str, posted_at: dt.date | None, prefer: str, kind: str,
             granularity: str | None, snap: bool | None) -> DateRef:
    """:func:`resolve` once the phrase is read (``_phrase(text, kind)``)."""
    when, grain = _resolution(text, phrase, posted_at, prefer, kind, granularity, snap)
    return DateRef(value=when, text=text, granularity=grain)


def _resolution(text: str, phrase: str, posted_at: dt.date | None, prefer: str, kind: str,
                granularity: str | None, snap: bool | None) -> tuple[dt.date | None, str]:
    """The value and granularity :func:`_resolve` gives."""
    original = text.lower().split()
    grain = granularity or _GUESS_GRAIN.get(kind, "day")
    if grain == "unit":
        grain = next((_UNIT_GRAIN[w] for w in reversed(original) if w in _UNIT_GRAIN), "day")
    absolute = kind in _ABSOLUTE
    has_year = kind in ("iso", "dmy") or bool(re.search(r"(?<!\d)(19|20)\d\d(?!\d)", phrase))
    if posted_at is None and not (absolute and has_year):
        return None, grain
    if kind in _SEASON_KINDS:
        return season_start(original, posted_at), grain
    if kind in ("iso", "dmy"):
        phrase = _numeric(phrase, kind, posted_at if prefer == "past" else None)
        if phrase is None:
            return None, grain
    when, _, parts = _dateparser(phrase, posted_at or _NO_BASE, prefer)
    if when is None:
        return None, grain
    if posted_at is not None and not has_year:
        past, future = direction_words()
        if kind in _MONTH_KINDS and past.intersection(original):
            if when >= posted_at.replace(day=1):  # "last April" said in April is a year back
                when = when.replace(year=when.year - 1)
        elif kind in _MONTH_KINDS and future.intersection(original):
            if when <= posted_at:
                when = when.replace(year=when.year + 1)
        elif prefer == "past" and when > posted_at and parts == ("day",):
            when = _day_in_month(_months_back(posted_at, 1), when.day) or when  # "the 15th" said on the 3rd
        if kind == "month_day" and original[0].strip(",") in _WEEKDAYS:
            when = _on_weekday(when, posted_at, _WEEKDAYS[original[0].strip(",")])
    if snap if snap is not None else kind in _SNAP:
        if "weekend" not in original:  # a weekend is its Saturday
            when = _first_day(when, grain)
        when = _part_of(when, grain, text)
    if posted_at is not None and original[:1] == ["last"] and original[-1:] == ["weekend"] \
            and posted_at.weekday() == _SUNDAY and when == posted_at - dt.timedelta(days=1):
        when -= dt.timedelta(days=7)  # "last weekend" said on a Sunday: the one before this weekend
    elif kind == "ago" and grain in ("month", "year"):
        when = _first_day(when, grain)
    if posted_at is not None and "earlier" in original:
        when = _earlier_in(when, grain, posted_at)
    return when, grain


_SUNDAY = 6  # date.weekday()


def season_start(words: list[str], posted_at: dt.date | None) -> dt.date | None:
    """The first day of the season ``words`` name (its month: ``season_month`` of ``models/dates.json``).
    With a year, that year's ("summer 2019": 1 June 2019; "winter 2019" its December).  Else, from the post
    date: with a past word the latest that ended before it ("last summer" said in July 2024 is 1 June 2023,
    said in December 2024 1 June 2024), with a future word the first that starts after it, else the
    season of the post's year ("this winter" said in January is the one that began in December)."""
    months = _season_months()
    month = next((months[w] for w in words if w in months), None)
    year = next((int(w) for w in words if re.fullmatch(r"(?:19|20)\d\d", w)), None)
    if month is None or (year is None and posted_at is None):
        return None
    if year is not None:
        return dt.date(year, month, 1)
    in_january_or_february = posted_at.month <= 2
    this = dt.date(posted_at.year - 1 if month == 12 and in_january_or_february else posted_at.year, month, 1)
    past, future = direction_words()
    if past.intersection(words):
        after = _months_back(this, -3)  # the first day after the season
        return this if after <= posted_at else this.replace(year=this.year - 1)
    if future.intersection(words):
        return this if this > posted_at else this.replace(year=this.year + 1)
    return this


@lru_cache(maxsize=1)
def _season_months() -> dict[str, int]:
    return {k: v for k, v in _data()["season_month"].items() if k != "_"}


def _earlier_in(when: dt.date, grain: str, posted_at: dt.date) -> dt.date:
    """"earlier this week" (month, year) tells of days before the post date: said on its week's first
    day, it is the week before, which holds the days just before."""
    if grain not in ("week", "month", "year") or when < posted_at:
        return when
    return _first_day(posted_at - dt.timedelta(days=1), grain)


def _on_weekday(when: dt.date, posted_at: dt.date, weekday: int) -> dt.date:
    """A day of a month named with its weekday but no year ("Friday, September 12"): the nearest
    such day on either side of the post date that falls on that weekday, if ``when`` does not."""
    if when.weekday() == weekday:
        return when
    other = _day_in_year(when, when.year + (1 if when <= posted_at else -1))
    return other if other is not None and other.weekday() == weekday else when


def _day_in_year(day: dt.date, year: int) -> dt.date | None:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return None


def _part_of(when: dt.date, grain: str, text: str) -> dt.date:
    """The first day of the part of a month or year the text names ("mid-March" is 10 March, "late
    2019" 1 September 2019: ``month_part_day`` and ``year_part_month`` of ``models/dates.json``)."""
    if grain not in ("month", "year"):
        return when
    parts = _month_parts() if grain == "month" else _year_parts()
    word = next((w for w in re.findall(r"[a-z]+", text.lower()) if w in parts), None)
    if word is None:
        return when
    return when.replace(day=parts[word]) if grain == "month" else when.replace(month=parts[word])


@lru_cache(maxsize=1)
def _month_parts() -> dict[str, int]:
    return dict(_data()["month_part_day"])


@lru_cache(maxsize=1)
def _year_parts() -> dict[str, int]:
    return dict(_data()["year_part_month"])


# the component's reading: the same few dates come again and again, against the same post dates
_cached_resolution = lru_cache(maxsize=8192)(_resolution)

_ABSOLUTE = {"month_day", "month_year", "month", "month_of_event", "year", "year_of_event", "iso", "dmy", "season_year"}
_SEASON_KINDS = {"season", "season_year"}
_SNAP = {"deictic_period", "month_year", "month", "month_of_event", "year", "year_of_event"}
_MONTH_KINDS = {"month", "month_of_event"}  # a month's name without a year
_GUESS_GRAIN = {"ago": "unit", "deictic_period": "unit", "month_year": "month", "month": "month", "year": "year"}


def _day_in_month(first: dt.date, day: int) -> dt.date | None:
    try:
        return first.replace(day=day)
    except ValueError:
        return None


def _guess_kind(phrase: str) -> str:
    """The pattern id a phrase would have had, for :func:`resolve` called without one."""
    if re.fullmatch(r"(19|20)\d\d-\d{1,2}-\d{1,2}", phrase):
        return "iso"
    if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", phrase):
        return "dmy"
    if phrase.endswith(" ago"):
        return "ago"
    if re.fullmatch(r"(last|this|next) (week|month|year|saturday)", phrase):
        return "deictic_period" if not phrase.endswith("saturday") else "weekday"
    if re.search(r"(?<!\d)(19|20)\d\d$", phrase):
        return "month_day" if re.search(r"\d{1,2}(st|nd|rd|th)?\b.*\d{4}", phrase) else \
            ("year" if re.fullmatch(r"\d{4}", phrase) else "month_year")
    return "text"


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")


def _numeric(phrase: str, kind: str, before: dt.date | None = None) -> str | None:
    """A numeric date as "D Month YYYY" (unambiguous for dateparser); DMY read day first, but month
    first where day first is impossible (08/22/2021) or, with a day ``before`` which the date should
    fall (the post date, a past told), lies after it while month first does not (4/11/2026 said on
    20 April 2026 is 11 April)."""
    # the date at the start of the token: "2024-03-03T07:15:00Z" is one token
    m = re.match(r"(\d+)[/.-](\d+)[/.-](\d+)", phrase)
    if m is None:
        return None
    a, b, c = (int(x) for x in m.groups())
    if kind == "iso":
        y, month, day = a, b, c
    else:
        y = c + (2000 if c < 70 else 1900) if c < 100 else c
        day, month = (a, b) if b <= 12 else (b, a)  # 08/22/2021 can only be 22 August
        if before is not None and a <= 12 and b <= 12 and _valid(y, b, a) and _valid(y, a, b) \
                and dt.date(y, b, a) > before >= dt.date(y, a, b):
            day, month = b, a
    if not _valid(y, month, day):
        return None
    return f"{day} {_MONTH_NAMES[month - 1]} {y}"


def _valid(year: int, month: int, day: int) -> bool:
    """Whether the day exists."""
    try:
        dt.date(year, month, day)
    except (ValueError, OverflowError):
        return False
    return True


# -- the component ------------------------------------------------------------------------------


_NOT_DATES = {"distance", "pace", "elevation"}
_PATTERN_KEYS = {"_", "id", "granularity", "relative", "snap", "context", "patterns"}
_NUMERIC_KEYS = {"_", "id", "regex"}
_GRANULARITIES = ("day", "week", "month", "season", "year", "unit")


def _pattern_problem(entry: dict, sets: dict, regex: dict) -> str | None:
    """What is wrong with one entry of a date rule file's ``patterns`` (None: nothing)."""
    unknown = sorted(set(entry) - _PATTERN_KEYS)
    if unknown:
        return f"unknown key {unknown[0]!r} (known: {', '.join(sorted(_PATTERN_KEYS))})"
    if not isinstance(entry.get("id"), str) or not entry["id"]:
        return "no 'id'"
    if entry.get("granularity", "day") not in _GRANULARITIES:
        return f"bad granularity {entry['granularity']!r} (one of {', '.join(_GRANULARITIES)})"
    if any(not isinstance(entry.get(k, False), bool) for k in ("relative", "snap")):
        return "'relative' and 'snap' are true or false"
    patterns = entry.get("patterns")
    if not isinstance(patterns, list) or not patterns or not all(
            isinstance(p, list) and p and all(isinstance(t, dict) for t in p) for p in patterns):
        return "empty trigger: 'patterns' is a non-empty list of token patterns, each a non-empty list of token objects"
    context = entry.get("context", [0, 0])
    if not (isinstance(context, list) and len(context) == 2 and all(type(n) is int and n >= 0 for n in context)):
        return "'context' is [tokens before, tokens after], two whole numbers"
    if any(len(p) <= sum(context) or any("OP" in t for t in p[:context[0]] + p[len(p) - context[1]:])
           for p in patterns if sum(context)):
        return "a pattern with 'context' is longer than its context, which has no 'OP'"
    for token in itertools.chain.from_iterable(patterns):
        if "SET" in token and token["SET"] not in sets:
            return f"unknown SET {token['SET']!r} (known: {', '.join(sets)})"
        if "RE" in token and token["RE"] not in regex:
            return f"unknown RE {token['RE']!r} (known: {', '.join(regex)})"
    return None


def _numeric_problem(entry: dict) -> str | None:
    """What is wrong with one entry of a date rule file's ``numeric`` (None: nothing)."""
    unknown = sorted(set(entry) - _NUMERIC_KEYS)
    if unknown:
        return f"unknown key {unknown[0]!r} (known: {', '.join(sorted(_NUMERIC_KEYS))})"
    if not isinstance(entry.get("id"), str) or not entry["id"]:
        return "no 'id'"
    if not isinstance(entry.get("regex"), str) or not entry["regex"]:
        return "empty trigger: no 'regex'"
    try:
        re.compile(entry["regex"])
    except re.error as exc:
        return f"bad regex: {exc}"
    return None


def _rule_name(entry: object) -> str:
    """A date rule's id and first trigger, as written in the file (for error messages)."""
    if not isinstance(entry, dict):
        return "not an object"
    first = entry.get("patterns", entry.get("regex"))
    if isinstance(first, list):
        first = first[0] if first else None
    text = json.dumps(first, ensure_ascii=False) if first else "no trigger"
    return f"{entry.get('id')!r}, first trigger {text if len(text) <= 60 else text[:57] + '...'}"


def check_data(data: dict, source: str) -> None:
    """Check the rule objects of a date rule file (``patterns`` and ``numeric``) and its word lists.

    Raises :class:`~fitpost.patterns.RuleError` naming ``source``, the rule's index, its id and its
    first trigger for an unknown key, a bad granularity, an empty trigger or an unknown SET or RE.
    """
    sets, regex = data.get("sets", {}), data.get("regex", {})
    for kind, problem_of in (("patterns", lambda e: _pattern_problem(e, sets, regex)), ("numeric", _numeric_problem)):
        entries = data.get(kind)
        if not isinstance(entries, list):
            raise RuleError(f"{source}: {kind!r} must be a list of rules")
        for i, entry in enumerate(entries):
            problem = problem_of(entry) if isinstance(entry, dict) else "a rule is an object"
            if problem is not None:
                raise RuleError(f"{source}: {kind} rule {i} ({_rule_name(entry)}): {problem}")
    for key in ("past_words", "future_words", "future_cues", "done_cues", "start_participles", "trim_words",
                "not_before_weekday", "same_day_cues", "publication_labels"):
        if not isinstance(data.get(key), list) or not all(isinstance(w, str) and w.strip() for w in data[key]):
            raise RuleError(f"{source}: {key!r} must be a list of words")
    for key, top in (("month_part_day", 28), ("year_part_month", 12)):
        parts = data.get(key)
        if not isinstance(parts, dict) or not all(type(n) is int and 1 <= n <= top for n in parts.values()):
            raise RuleError(f"{source}: {key!r} must map words to whole numbers from 1 to {top}")


class DateFinder(Component):
    """Mark and resolve date expressions with the rules in ``models/dates.json``."""

    def load(self) -> None:
        name = self.config.get("data", "dates.json")
        data = resources.load_json(name)
        check_data(data, f"models/{name}")
        self.data = data
        sets = {k: [w.lower() for w in v] for k, v in data["sets"].items()}
        regex = data["regex"]

        def expand(token: dict) -> dict:
            out = {}
            for key, value in token.items():
                if key == "SET":
                    out["LOWER"] = {"IN": sets[value]}
                elif key == "RE":
                    out["LOWER"] = {"REGEX": regex[value]}
                else:
                    out[key] = value
            return out

        self.matcher = TokenPatterns(self.vocab)
        self.kinds: dict[str, dict] = {}
        for entry in data["patterns"]:
            self.kinds[entry["id"]] = entry
            self.matcher.add(entry["id"], [[expand(t) for t in p] for p in entry["patterns"]])
        self.numeric = [(re.compile(n["regex"]), n["id"]) for n in data["numeric"]]
        # every numeric date holds one: a region without it is not searched
        self.numeric_anchor = re.compile(data.get("numeric_anchor", ""))
        for n in data["numeric"]:
            self.kinds.setdefault(n["id"], {"id": n["id"], "granularity": "day", "relative": False})
        self.trim = set(data["trim_words"])
        # every pattern holds one of these: the matcher runs only around them
        self.anchors = set().union(*(sets[k] for k in data.get("anchor_sets", [])), data.get("anchor_words", []))
        self.anchor_re = re.compile("|".join(f"(?:{regex[k]})" for k in data.get("anchor_regex", [])) or "(?!)")
        self.window_width = max(len(p) for e in data["patterns"] for p in e["patterns"])
        self.weekdays = set(sets["WEEKDAY"])
        self.months = set(sets["MONTH"])
        self.parts = set(sets["PART"])
        self.routine_parts = {part + "s" for part in self.parts}  # "mornings": English plurals of the parts
        self.past_words, self.future_words = direction_words(name)
        self.future_cues = set(data["future_cues"])
        self.done_cues = frozenset(data["done_cues"])
        self.start_participles = frozenset(data["start_participles"])
        self.future_norms = {self.vocab.strings.add(w) for w in ("will", "shall")}  # NORM ids
        self.window = int(data.get("future_cue_window", 12))
        self.not_after_weekday = set(data["not_after_weekday"])
        self.not_before_weekday = set(data["not_before_weekday"])
        self.exclude_before = set(data["exclude_before"])
        self.exclude_after = set(data["exclude_after"])
        self.publication_labels = set(data["publication_labels"])
        self.deictic_anchors = set(data["deictic_words"])  # "on Sunday", "last Sunday": a date for sure

    # finding

    def _regions(self, doc: Doc, quantities: list[ext.Mention]) -> list[tuple[int, int]]:
        """Where to look, token offsets: the whole Doc (the default: a heading, or a sentence with no
        activity, dates the activities after it), or (``near_activities``, after fitpost_activities)
        only the sentences that hold an activity, quantity or event."""
        if not self.config.get("near_activities", False) or not ext.has(doc, ext.ACTIVITIES) \
                or not ext.has_annotation(doc, "SENT_START"):
            return [(0, len(doc))] if len(doc) else []
        return ext.sentence_regions(doc, [*ext.mentions(doc, ext.ACTIVITIES, "fp_activity"), *quantities,
                                          *ext.mentions(doc, ext.EVENTS, "fp_event")])

    def _find(self, doc: Doc) -> list[tuple[int, int, str]]:
        """The date spans of ``doc`` as (start, end, pattern id), in text order."""
        quantities = ext.mentions(doc, ext.QUANTITIES, "fp_quantity")
        regions = self._regions(doc, quantities)
        if not regions:
            return []
        tab = ext.tokens(doc)
        found = self._matches(doc, tab, regions, quantities)
        found.extend(self._numeric(tab, regions, ext.text(doc)))
        # activity verbs, which a capital opening the sentence makes look like a name's first word ("Ran Tuesday")
        verbs = {m.start for m in ext.mentions(doc, ext.ACTIVITIES, "fp_activity") if m.info.form == "verb"}
        # a person's name right after a day is no part of the day's name ("Today Lotte swam 500 m")
        persons = {m.start for m in ext.mentions(doc, ext.PEOPLE, "fp_person") if m.label == "PERSON"}
        return [(start, end, kind) for start, end, kind in _longest_first(found)
                if self._is_date(doc, tab, start, end, kind, verbs, persons)]

    def _matches(self, doc: Doc, tab: ext.Tokens, regions: list[tuple[int, int]],
                 quantities: list[ext.Mention]) -> list[tuple[int, int, str]]:
        """Pattern hits as (start, end, id), leading trim words dropped.

        A hit counts only inside the windows of ``window_width`` tokens around
        anchor words (every pattern holds one), where the rules were written to
        apply; a number inside a distance ("10 km") or a pace is no date's, so
        no anchor.
        """
        measured = {i for q in quantities if q.label in _NOT_DATES for i in range(q.start, q.end)}
        out = []
        for kind, start, end in self.matcher(doc, regions):
            if not self._in_window(tab, ext.range_at(regions, start), start, end, measured):
                continue
            before, after = self.kinds[kind].get("context", (0, 0))
            start, end = start + before, end - after
            while start < end - 1 and tab.lower[start] in self.trim:
                start += 1
            out.append((start, end, kind))
        return out

    def _is_anchor(self, tab: ext.Tokens, i: int, measured: set[int]) -> bool:
        low = tab.lower[i]
        return low in self.anchors or low[:1].isdigit() and i not in measured and bool(self.anchor_re.match(low))

    def _in_window(self, tab: ext.Tokens, region: tuple[int, int], start: int, end: int, measured: set[int]) -> bool:
        """Whether every token of ``start:end`` is within ``window_width`` tokens of an anchor in ``region``."""
        width = self.window_width
        if end - start <= width and any(self._is_anchor(tab, i, measured) for i in range(start, end)):
            return True  # an anchor inside a hit no longer than the window is near each of its tokens
        lo, hi = region
        near = [i for i in range(max(lo, start - width), min(hi, end + width)) if self._is_anchor(tab, i, measured)]
        return all(any(abs(p - a) <= width for a in near) for p in range(start, end))

    def _numeric(self, tab: ext.Tokens, regions: list[tuple[int, int]], text: str) -> list[tuple[int, int, str]]:
        """Numeric dates (regexes over the text of each region) as (start, end, id)."""
        out = []
        for lo, hi in regions:
            start_char, end_char = tab.idx[lo], tab.end[hi - 1]
            if not self.numeric_anchor.search(text, start_char, end_char):
                continue
            for pattern, kind in self.numeric:
                for m in pattern.finditer(text, start_char, end_char):
                    span = tab.expand(m.start(), m.end(), len(text))
                    if span is not None:
                        out.append((*span, kind))
        return out

    def _listed_after_routine_word(self, lower: list[str], start: int) -> bool:
        """Whether the weekday at token ``start`` ends a list of weekdays that a word of ``exclude_before``
        opens ("every Monday, Wednesday and Friday")."""
        k = start - 1
        while k >= 1 and lower[k] in _WEEKDAY_LIST_JOINS and lower[k - 1] in self.weekdays:
            k -= 2
        return k < start - 1 and k >= 0 and lower[k] in self.exclude_before

    def _is_date(self, doc: Doc, tab: ext.Tokens, start: int, end: int, kind: str, verbs: set[int],
                 persons: set[int]) -> bool:
        lower = tab.lower
        before = lower[start - 1] if start > 0 else None
        after = lower[end] if end < tab.n else None
        if before in self.exclude_before:
            return False  # "every Sunday" is a routine, not a date
        if before in self.not_before_weekday and lower[start] in self.weekdays:
            return False  # "quiet on a Saturday": any Saturday
        if lower[start] in self.weekdays and after is not None and after in self.routine_parts:
            return False  # "on Saturday mornings": a routine's day
        if before == "on" and start > 1 and lower[start - 2] in self.exclude_before:
            return False
        if lower[start] in self.weekdays and self._listed_after_routine_word(lower, start):
            return False  # "every Tuesday and Thursday": each is a routine's day
        if after in self.exclude_after:
            return False  # "November 4 km", "on the 3rd day"
        if self._dateline(tab, start, end) or self._published(tab, start):
            return False
        if kind == "day_of_month" and after is not None:
            token = doc[end]
            if token.is_alpha and token.is_lower and not token.is_stop:
                return False  # "on the 15th lap"
        if (lower[start] in self.weekdays or lower[start] == "today") and before not in self.deictic_anchors:
            # a weekday or "Today" in a name: "Sunday Times", "Super Sunday", "India Today"
            first = doc[start]
            if first.is_title and not first.is_sent_start and before is not None and doc[start - 1].is_title \
                    and start - 1 not in verbs:
                return False
            if after is not None and end not in persons:
                token = doc[end]
                if after in self.not_after_weekday or (token.is_title and not token.is_stop
                                                       and after not in self.parts | self.months):
                    return False
        return True

    def _published(self, tab: ext.Tokens, start: int) -> bool:
        """A date after a publication label ("Published: November 3", "Updated on Sunday"; in scraped
        text the label may be glued to a byline before it, "AgencyPublished:"): when the story or post
        went online, not an activity's date."""
        i = start - 1
        if i >= 0 and tab.lower[i] in (":", "on"):
            i -= 1
        return i >= 0 and any(tab.lower[i].endswith(label) for label in self.publication_labels)

    @staticmethod
    def _dateline(tab: ext.Tokens, start: int, end: int) -> bool:
        """A news dateline ("Port Calder, July 12 (PTI) ..."): when the story was filed, not an activity's date.
        The place before its comma is a name ("Running log, Monday: 8 km" is a log's day)."""
        if start < 2 or tab.text[start - 1] != "," or end >= tab.n or tab.text[end] not in ("(", ":", "—", "–", "-") \
                or not tab.text[start - 2][:1].isupper():
            return False
        line = start  # the line's first token, looked for up to 7 tokens back
        while line > 0 and start - line <= 6 and not (tab.text[line - 1].isspace() and "\n" in tab.text[line - 1]):
            line -= 1
        return start - line <= 6

    # resolving

    def _prefer(self, tab: ext.Tokens, norms: list[int], start: int, end: int) -> str:
        words = set(tab.lower[start:end])
        if words & self.future_words:
            return "future"
        if words & self.past_words:
            return "past"
        if start > 0:  # a cue in the ``window`` tokens before the date, in its own sentence
            lo = max(start - self.window, tab.sent_lo[start - 1])
            before, before_norms = tab.lower[lo:start], norms[lo:start]
            cue = next((k for k in range(len(before)) if before[k] in self.future_cues
                        or before_norms[k] in self.future_norms), None)
            # a start told as a participle after a word of a thing done in its sentence ("completed a run across
            # the country, starting in the west on 1 March") tells no time ahead
            if cue is not None and not (before[cue] in self.start_participles
                                        and not self.done_cues.isdisjoint(tab.lower[tab.sent_lo[start - 1]:lo + cue])):
                return "future"
        return "past"

    def __call__(self, doc: Doc) -> Doc:
        found = self._find(doc)
        posted = ext.doc_value(doc, "fp_posted_at")
        if isinstance(posted, dt.datetime):
            posted = posted.date()
        if not found:
            ext.add(doc, ext.DATES, "fp_date", ())
            return doc
        tab = ext.tokens(doc)
        text = ext.text(doc)
        norms = tab.norm_ids()
        dates = []
        base = None  # the day of the dated heading whose section the date is in
        for start, end, kind in found:
            entry = self.kinds.get(kind, {})
            start_char, end_char = tab.idx[start], tab.char_end(start, end)
            words = text[start_char:end_char]
            heads = is_heading(text, start_char, end_char, kind)
            origin = base if base is not None and not heads and not states_year(words, kind) else posted
            value, grain = _cached_resolution(words, _phrase(words, kind), origin, self._prefer(tab, norms, start, end),
                                              kind, entry.get("granularity", "day"), entry.get("snap"))
            ref = DateRef(value=value, text=words, granularity=grain, start=start_char, end=end_char)
            if heads:
                base = section_base(ref, kind)
            dates.append((start, end, kind, ref))
        ext.add(doc, ext.DATES, "fp_date", _in_weeks_told(tab, text, _in_one_week(tab, text, dates), posted))
        return doc


@lru_cache(maxsize=256)
def _weekday(text: str) -> int | None:
    """The weekday (Monday 0) a date's text names alone, written whole or short ("Saturday", "Sat"), if any
    (a post repeats the few weekday words it uses: each is read once)."""
    return _WEEKDAYS.get(normalise(text))


def _in_weeks_told(tab: ext.Tokens, text: str, dates: list[tuple[int, int, str, DateRef]],
                   posted: dt.date | None) -> list[tuple[int, int, str, DateRef]]:
    """``dates`` (token bounds, pattern, reading; in text order) with each bare weekday, written whole or
    short, that follows another week than the post's named in its sentence, or on a line ending in a colon
    above its lines (up to a blank line), read as that week's day: "Last week I swam on Monday and on
    Friday" is last week's Friday, not the last Friday before the post date; "Next week: Mon rest, Sat
    25 km" next week's Saturday; "Last week's training:" over "Monday - 8 km" last week's Monday.  "This
    week" leaves a weekday as it is read alone (a recap posted on a Monday tells of the week before)."""
    own_week = posted - dt.timedelta(days=posted.weekday()) if posted is not None else None
    week_of: dict[int, dt.date] = {}  # a sentence's first token -> the Monday of the week it names
    listed: tuple[dt.date, int] | None = None  # the week a line ending in a colon names, and where its lines end
    out = []
    for start, end, kind, ref in dates:
        sent = tab.sent_lo[start]
        day = _weekday(ref.text)
        monday = ref.value - dt.timedelta(days=ref.value.weekday()) if ref.value is not None else None
        if ref.granularity == "week" and monday is not None and monday != own_week:
            week_of[sent] = monday  # a weekend's reading is its Saturday: the Monday of its week
            line_end = text.find("\n", ref.end)
            if line_end > 0 and text[ref.end:line_end].rstrip().endswith(":"):
                blank = ext.BLANK_LINE.search(text, line_end)  # ends the lines it opens
                listed = (monday, blank.start() if blank else len(text))
        elif day is not None and sent in week_of:  # a weekday alone, written whole or short
            ref = ref.model_copy(update={"value": week_of[sent] + dt.timedelta(days=day)})
        elif day is not None and listed is not None and ref.start < listed[1]:
            ref = ref.model_copy(update={"value": listed[0] + dt.timedelta(days=day)})
        out.append((start, end, kind, ref))
    return out



def _in_one_week(tab: ext.Tokens, text: str,
                 dates: list[tuple[int, int, str, DateRef]]) -> list[tuple[int, int, str, DateRef]]:
    """``dates`` (as :func:`_in_weeks_told` takes them, which then reads the days under a week named over them
    as that week's) with the weekdays that open the items of a log in the order of the week read as days of
    the week of the last of them: a log of the week just past ("Monday: rest" ... "Saturday: long run" ...
    "Sunday: swim", "Tue 8 km easy. Thu 10 km tempo. Sun 24 km"), posted on a Wednesday, holds the Tuesday
    before its Sunday, not the Tuesday of the post's week.  An item is one of :func:`_opens_item`.  A weekday
    no later in the week than the one before it starts another run of items."""
    run: list[int] = []  # the places in ``dates`` of the weekday items of the current run
    runs = []
    for k, (start, _, kind, ref) in enumerate(dates):
        day = _weekday(ref.text)
        if day is None or ref.value is None or not _opens_item(tab, text, start, ref, kind):
            continue
        if run and day <= _weekday(dates[run[-1]][3].text):
            runs.append(run)
            run = []
        run.append(k)
    runs.append(run)
    out = list(dates)
    for run in (r for r in runs if len(r) > 1):
        last = dates[run[-1]][3].value
        monday = last - dt.timedelta(days=last.weekday())
        for k in run[:-1]:
            start, end, kind, ref = dates[k]
            value = monday + dt.timedelta(days=_weekday(ref.text))
            if value != ref.value:
                out[k] = (start, end, kind, ref.model_copy(update={"value": value}))
    return out


_ITEM_AFTER = re.compile(r"\s*(?:[0-9:\-–—])")  # after a weekday opening a log's sentence: a number, a colon, a dash


def _opens_item(tab: ext.Tokens, text: str, start: int, ref: DateRef, kind: str) -> bool:
    """Whether the date ``ref`` (its first token ``start``, found by pattern ``kind``) opens an item of a log: a
    line it heads (only punctuation before it on the line: "Tuesday: 8 x 400 m"), or a sentence, or what
    follows a colon or a comma, that it opens before a number, a colon or a dash ("Recap: Tue 8 km easy. Thu
    10 km tempo", "Mon rest, Tue 6 km easy")."""
    if _ONLY_PUNCT.fullmatch(text, text.rfind("\n", 0, ref.start) + 1, ref.start) is not None:
        return is_heading(text, ref.start, ref.end, kind)
    return (start == tab.sent_lo[start] or tab.text[start - 1] in (":", ",")) \
        and _ITEM_AFTER.match(text, ref.end) is not None


# -- sections and plans: read by fitpost_records too ------------------------------------------------

_LINE_PUNCT = " \t\r*#_()[].,;:|•·-–—"  # what may stand around a date alone on its line
# the text before a date on its line, and after it, that leaves it alone there: punctuation, and white space
# at the ends of what follows it; matched in place (a line may be a whole long text, not to be copied for each date)
_ONLY_PUNCT = re.compile("[" + re.escape(_LINE_PUNCT) + "]*")
_ONLY_PUNCT_AFTER = re.compile(r"\s*[" + re.escape(_LINE_PUNCT) + r"]*\s*")
_FIRST_SIGN = re.compile(r"\s*[:|\-–—]")  # a colon, a bar or a dash first after a date, past white space


def is_heading(text: str, start: int, end: int, kind: str) -> bool:
    """Whether the date ``text[start:end]`` (found by pattern ``kind``) heads a section: it makes up
    its line, bar punctuation ("Thursday, March 27, 2008", "(4/21/2013)"); or it opens its line before
    a colon or a dash ("Tuesday: 5 miles", "Dec 25, 2013 - the day I ..."); or, a date with its year,
    it closes the post's first line, a title with more lines after it ("Lakeside 100 November 6-7 2010")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if _ONLY_PUNCT.fullmatch(text, line_start, start):
        return _ONLY_PUNCT_AFTER.fullmatch(text, end, line_end) is not None \
            or _FIRST_SIGN.match(text, end, line_end) is not None
    return line_start == 0 and line_end < len(text) and _ONLY_PUNCT_AFTER.fullmatch(text, end, line_end) is not None \
        and states_year(text[start:end], kind)


def states_year(text: str, kind: str) -> bool:
    """Whether a date's text names its year ("May 15, 2010", "4/21/2013")."""
    return kind in ("iso", "dmy") or bool(_YEAR_IN.search(text))


_YEAR_IN = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


def section_base(ref: DateRef, kind: str) -> dt.date | None:
    """The day a heading sets for the dates of its section: that of a heading naming a day with its
    year (a diary entry's date: its "this morning" is that day); None for any other heading (the
    post date stays the base)."""
    return ref.value if ref.granularity == "day" and states_year(ref.text, kind) else None


def sections(text: str, dates: list[ext.Mention]) -> list[tuple[bool, dt.date | None]]:
    """For each date mention (in text order, ``info`` its DateRef, ``label`` its pattern): whether it
    heads a section (:func:`is_heading`), and the base it was read against (None: the post date)."""
    out: list[tuple[bool, dt.date | None]] = []
    base = None
    for d in dates:
        heads = is_heading(text, d.start_char, d.end_char, d.label)
        out.append((heads, base if base is not None and not heads and not states_year(d.info.text, d.label) else None))
        if heads:
            base = section_base(d.info, d.label)
    return out


def for_plan(ref: DateRef, kind: str, origin: dt.date | None) -> DateRef:
    """A date read for a planned activity said on ``origin`` (the post date, or its section's base):
    a date that names no past ("March", "Sunday", "the 15th") is the next one; a week, month or year
    that holds ``origin`` ("this week", "this month") counts from ``origin`` on."""
    if ref.value is None or origin is None or ref.value >= origin:
        return ref
    past, _ = direction_words()
    if past.intersection(ref.text.lower().split()):
        return ref
    value = ref.value
    if not states_year(ref.text, kind):
        value = resolve(ref.text, origin, "future", kind=kind, granularity=ref.granularity).value or value
    if value < origin <= _last_day(value, ref.granularity):
        value = origin
    return ref if value == ref.value else ref.model_copy(update={"value": value})


def for_done(ref: DateRef, kind: str, origin: dt.date | None) -> DateRef:
    """A date read for an activity told done in the past tense, said on ``origin`` (the post date, or
    its section's base): a date after ``origin`` that names no day to come and no year ("Sunday",
    "the 15th", read ahead after a word such as "ahead") is the last one before."""
    if ref.value is None or origin is None or ref.value <= origin or states_year(ref.text, kind):
        return ref
    _, future = direction_words()
    if future.intersection(ref.text.lower().split()):
        return ref
    value = resolve(ref.text, origin, "past", kind=kind, granularity=ref.granularity).value
    return ref if value is None or value == ref.value else ref.model_copy(update={"value": value})


@lru_cache(maxsize=1)
def month_words() -> frozenset[str]:
    """The words that name a month: the ``MONTH`` set of ``models/dates.json`` ("march", "sept.")."""
    return frozenset(_data()["sets"]["MONTH"])


@lru_cache(maxsize=1)
def day_words() -> frozenset[str]:
    """The words that name a day: the ``WEEKDAY`` and ``REL_DAY`` sets of ``models/dates.json``
    ("monday", "yesterday", "tonight")."""
    sets = _data()["sets"]
    return frozenset(sets["WEEKDAY"]) | frozenset(sets["REL_DAY"])


def same_day_cues() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The ``same_day_cues`` of ``models/dates.json`` ("just finished"), as word tuples by first word."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for cue in _data()["same_day_cues"]:
        words = tuple(cue.lower().split())
        out.setdefault(words[0], []).append(words)
    return {w: tuple(sorted(c, key=len, reverse=True)) for w, c in out.items()}


def _last_day(day: dt.date, grain: str) -> dt.date:
    """The last day of the ``grain`` (day, week, month, year) that starts on ``day``."""
    if grain == "week":
        return day + dt.timedelta(days=6)
    if grain == "month":
        return _months_back(day, -1) - dt.timedelta(days=1)
    if grain == "year":
        return day.replace(month=12, day=31)
    return day


def _longest_first(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``spacy.util.filter_spans`` on (start, end, label): the longest (then first) of overlapping
    spans, in text order."""
    result = []
    seen: set[int] = set()
    for span in sorted(spans, key=lambda s: (s[1] - s[0], -s[0]), reverse=True):
        start, end, _ = span
        if start not in seen and end - 1 not in seen:
            result.append(span)
            seen.update(range(start, end))
    return sorted(result, key=lambda s: s[0])


# reads span._.fp_activity, fp_quantity and fp_event when those components ran before it (not required)
@Language.factory("fitpost_dates", default_config={"data": "dates.json", "near_activities": False},
                  assigns=["doc.spans", "span._.fp_date"])
def make_dates(nlp: Language, name: str, data: str, near_activities: bool = False) -> DateFinder:
    return DateFinder(nlp, name, data=data, near_activities=near_activities)
