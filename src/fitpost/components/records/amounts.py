"""Which distances and durations are a session's own, and what is plausible for its activity.

Around the other steps:

* :func:`set_aside` (before step 1): a distance or a duration beside the session's amount is left out
  of linking altogether: a goal or a predicted time, a difference ("12 seconds off my best"), a split,
  a lap or a pace, a point in time ("2 hours into the race"), a segment or a point of the course
  ("the first 5k", "10 km into"), a running total or a weekly volume, shoe mileage, a distance
  shorter than any session ("kept my feet for two metres"), a time spent on something else ("a
  week of rain"), the numbers of a programme's session ("week 5 day 2") or name ("Couch to 5K") and a race
  trained for ("marathon training")
  (:func:`fitpost.quantity_parser.context.aside` reads the words around it).  A duration right
  after a segment ("the first 5k in 22 min") is the segment's time.  A segment or a total written
  right before an activity word is that activity's own ("after the 200 km ride"), and so is one
  shortly after an activity word in its clause, the verb's object ("cycling the last 100 km", "ran
  with her for the last 12 km": a leg told as a session; "going to cycle 5,000 km this year": a
  year's challenge).
* :func:`settle_amounts` (after step 4): a duration that reads as a result ("finished it in 58:14",
  "my chip time was 3 hours 5 minutes", "Time: 41:02" on a log line) in a sentence that names no
  activity goes to a record before it that has none (a few sentences before, or, further on, the
  race told last); then each record's duration is read by what is
  plausible for its activity and distance (``models/speeds.json``): a bare "1:05" after "10 km" is
  1 h 05 min, not 65 s, and a duration that fits in neither reading is not the session's.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from fitpost import ext, resources, statuses
from fitpost.components import dates
from fitpost.components.records.attach import MULTISPORT, before_the_day_told, date_origins
from fitpost.components.records.company import attach_people
from fitpost.components.records.context import Context
from fitpost.components.records.model import Cluster, Record
from fitpost.components.status import AHEAD_COPULAS, PERIOD_UNITS
from fitpost.quantity_parser.context import aside, result_cue
from fitpost.schema import Quantity

# the roles an activity word right next to the quantity overrides (:func:`_next_to_activity`)
OVERRIDDEN_BY_ACTIVITY = frozenset({"segment", "total"})
HEIGHT_UNITS = frozenset({"m", "ft"})  # a hill's height is told in these
HEIGHT_WORDS = frozenset({"high", "tall"})  # right after a distance, they make it a height
# what may stand between a segment and its time: "the first 5k in 22 min", "the last mile: 7:10"
_SEGMENT_TIME_GAP = re.compile(r"\s*(?:in|at|took(?:\s+me)?|[:\-–,])?\s*", re.IGNORECASE)
SEGMENT_GAP_CHARS = 12  # the longest such gap looked for ("  took me  ")
_BARE_CLOCK = re.compile(r"(\d{1,2}):([0-5]\d)")  # "1:05": m:ss or h:mm
OBJECT_REACH = 6  # a segment or a total at most this many tokens after an activity word, in its clause, is its own
DAY = 86400.0
PROGRAMME_NAME_CHARS = 16  # a programme's name ending in a distance starts at most this many characters before it
DURATION_REACH = 4  # a result is lent to a record at most this many sentences before
PLAN_PHASES = frozenset({"planned", "hypothetical"})  # the phases of a plan or a hope a result may show carried out
SPLIT_RATIO = 1.02  # a distance shorter than a record's by more than 2 % is a part of it, not the same distance
OF_REACH = 3  # "two hours of hard riding": an activity word at most this many tokens after "of" is the time's


def set_aside(ctx: Context) -> None:
    """Leave out of ``ctx``'s quantities the distances, durations and frequencies that are not a session's own."""
    found = ctx.mentions[ext.QUANTITIES]
    if not any(q.label in ("distance", "duration", "frequency") for q in found):
        return
    low = ctx.low_text
    # a programme's session names its week and day, no time ("week 5 day 2")
    labels = {k for a in ctx.mentions[ext.ACTIVITIES] if a.info.form == "programme" for k in range(a.start, a.end)}
    shortest = plausible().shortest_m
    counts = {m.end: m for m in found if m.info.kind == "count"}  # "10 marathons in 10 days": see _time_until
    kept: list[ext.Mention] = []
    segment_end = -1  # where the last segment set aside ends, in characters
    for span in found:
        q: Quantity = span.info
        if q.kind == "frequency" and span.end < ctx.tab.n and ctx.lows[span.end] in ctx.lexicon.report_labels:
            continue  # "Weekly recap": the label of a log, no routine
        if q.kind not in ("distance", "duration"):
            kept.append(span)
            continue
        if span.start in labels or q.kind == "distance" and _in_programme_name(ctx, q):
            role = "label"
        elif q.kind == "distance" and span.end < ctx.tab.n and ctx.lows[span.end] in ctx.lexicon.trained_for \
                and not any(map(str.isdigit, q.text)):
            role = "goal"  # "Week 6 of marathon training": the race trained for, no session's distance
        elif q.kind == "distance" and _race_ahead(ctx, span):
            role = "goal"  # "3 weeks out from the Larkspur Marathon": the race to come, no session's distance
        elif q.kind == "duration" and (ahead := _time_until(ctx, span, counts)) is not None:
            role = "until"  # "Marathon in 3 weeks!!": how far ahead the race is
            ctx.ahead_at[ahead] = span
        elif q.kind == "distance" and (q.meters or 0.0) < shortest:
            role = "too short"  # "kept my feet for two metres"
        elif q.kind == "distance" and _commute_length(ctx, span):
            role = None  # "The office is 12 km from home": how far a commute goes, not a point along the way
        elif q.kind == "distance" and q.unit in HEIGHT_UNITS and span.start > 1 and ctx.lows[span.start - 1] == "(" \
                and any(p.end == span.start - 1 for p in ctx.mentions[ext.PLACES]):
            role = "height"  # "Climbed Larkspur Pike (931 m)": in metres or feet in brackets after a place, its height
        elif q.kind == "distance" and span.end < ctx.tab.n and ctx.lows[span.end] in HEIGHT_WORDS:
            role = "height"  # "Ben Larkspur is 1,300 metres high": how high something is
        else:
            role = aside(low, q.start, q.end, q.kind)
        role = _told_with_activity_or_repeats(ctx, span, role)
        if role is None and q.kind == "duration" and segment_end >= 0 \
                and _SEGMENT_TIME_GAP.fullmatch(low, segment_end, q.start):
            role = "segment"  # the first 5k in 22 min
        role = _told_of_time(ctx, span, role)
        segment_end = q.end if role in ("segment", "split") else -1
        if role is None:
            kept.append(span)
    ctx.mentions[ext.QUANTITIES] = kept


def _told_with_activity_or_repeats(ctx: Context, span: ext.Mention, role: str | None) -> str | None:
    """The role of the amount ``span`` where the activity or the repeats told with it undo the role the words
    around it gave (``role``): a segment or a total next to its activity, a goal's exact amount right before its
    activity word, a recovery with no set, a best's race, a set of repeats."""
    q = span.info
    if role in OVERRIDDEN_BY_ACTIVITY and _next_to_activity(ctx, span) and not _one_of_parts(ctx, span):
        return None
    if role == "goal" and span.end in ctx.activity_starts and not (q.approximate or q.min or q.max) \
            and ctx.tab.idx[span.start] == q.start:  # no bound glued to the number ("a sub-40 minute 10k")
        return None  # "the plan is to stick to 40 minute runs": the planned session's own length
    if role == "recovery" and ctx.sent_of[span.start] not in ctx.sents_with_sets:
        return None  # "an easy 5 km recovery jog": a session; only with repeats it is their recovery
    if role == "difference" and q.kind == "distance" and _best_after(ctx, span):
        return None  # "a new 5k PB": the race the best time was run over
    if role == "difference" and (q.times or 0) > 1:
        return None  # "10 x 400 m off 60 s rest": a set of repeats ("off" the rest between), no margin
    if role in ("segment", "split") and _set_of_repeats(ctx, span):
        return None  # "5 x 1 km repeats": the set, the session's amount, not one repeat
    return role


def _told_of_time(ctx: Context, span: ext.Mention, role: str | None) -> str | None:
    """The role of the amount ``span`` after what its words say of time: "at last" and "later" undo a
    period, a recovery session or a routine's "each" a split, and a time with no role may be some day or one
    spent on something else."""
    q = span.info
    if role == "period" and _at_last_before(ctx, span):
        return None  # "A 10k PB at last: 41:30": "at last" is "finally", no period before the time
    if role == "period" and elapsed_later(ctx, span):
        return None  # "finished in Larkspur Bay 12 days later": what the journey took
    if role == "period" and _session_of_training(ctx, span):
        return None  # "90 minutes of training on the turbo": a session that long
    if role == "split" and _recovery_session(ctx, span):
        return None  # "45 min recovery run": a session to recover, not the rest between repeats
    if role == "split" and _each_of_a_routine(ctx, span):
        return None  # "Yoga every morning, 20 minutes each": the time of each session
    if role is None and q.kind == "duration" and _some_day(ctx, span):
        return "when"  # "One day I'll run a marathon": some day, no session a day long
    if role is None and q.kind == "duration" and _of_something_else(ctx, span):
        return "spent"  # "after a week of rain": a time spent on something other than the session
    return role


def _session_of_training(ctx: Context, span: ext.Mention) -> bool:
    """Whether the time ``span`` is under a day and "of" and a word of training (``trained_for``: "training",
    "prep") follow it: "two hours of training" is one session that long, where "12 weeks of training" is the
    spell before a race."""
    seconds, lows, end = span.info.seconds, ctx.lows, span.end
    return seconds is not None and seconds < DAY and end + 1 < len(lows) and lows[end] == "of" \
        and lows[end + 1] in ctx.lexicon.trained_for


SET_NOUNS = frozenset({"repeats", "reps", "intervals", "efforts"})  # after a set ("5 x 1 km"): its repeats


COPULAS = frozenset({"is", "'s", "’s", "was"})
COPULA_REACH = 3  # at most this many words from a commute place to "is" ("The office is", "my new office is")


def _commute_length(ctx: Context, span: ext.Mention) -> bool:
    """Whether distance ``span`` tells how far a commute place (``commutes`` of linking.json) is, in a text that
    tells of going there (:meth:`Context.goes_to_work`): "is" (and a hedge of ``definitions``) right before it,
    the place at most COPULA_REACH words before "is" in its sentence, and "from" or "away" right after it
    ("Cycled to work today. The office is 12 km from home", "Work is about 8 km away")."""
    lows, lex = ctx.lows, ctx.lexicon
    k = span.start - 1
    while k >= 0 and lows[k] in lex.definition_hedges:
        k -= 1
    if k < 1 or lows[k] not in COPULAS or span.end >= ctx.tab.n or lows[span.end] not in ("from", "away"):
        return False
    lo = max(ctx.tab.sent_lo[k], k - COPULA_REACH)
    return any(w in lex.commute_places for w in lows[lo:k]) \
        and any(ctx.goes_to_work(a.end) for a in ctx.mentions[ext.ACTIVITIES])


def _race_ahead(ctx: Context, span: ext.Mention) -> bool:
    """Whether distance ``span`` is in the name of a race told as still to come (:meth:`Context.event_ahead`)."""
    event = ctx.event_holding(span.start, span.end)
    return event is not None and ctx.event_ahead(event)


def _time_until(ctx: Context, span: ext.Mention, counts: dict[int, ext.Mention]) -> int | None:
    """Where the planned activity mention ends that duration ``span``, of days, weeks or months, follows
    with "in" right after it, or "is" and "in" (AHEAD_COPULAS): how far ahead it is ("Marathon in 3 weeks!!",
    "The Tarnby 10K is in ten days", "Race day in 10 days", :func:`fitpost.components.status._race_in_period`;
    "ready for the marathon in three weeks"); None where it follows none, or a count of as many (``counts``, by
    where they end) comes right before "in": "10 marathons in 10 days" is their span."""
    k = span.start - 1
    if span.info.unit not in PERIOD_UNITS or k < 0 or ctx.lows[k] != "in":
        return None
    count = counts.get(k)
    if count is not None and count.info.value == span.info.value:
        return None  # "will run 10 marathons in 10 days": one a day, the days their span
    if k > 0 and ctx.lows[k - 1] in AHEAD_COPULAS:
        k -= 1
    if k > 1 and ctx.lows[k - 1] == "day" and ctx.lows[k - 2] == "race":
        k -= 1  # "Race day in 10 days"
    return k if k in ctx.planned_ends else None


def _set_of_repeats(ctx: Context, span: ext.Mention) -> bool:
    """Whether distance ``span`` is a whole set told with its repeats after it ("5 x 1 km repeats", "6x800m
    intervals"): the set's distance, where "1 km repeats" alone is one repeat's."""
    q = span.info
    return q.kind == "distance" and (q.times or 0) > 1 and span.end < ctx.tab.n and ctx.lows[span.end] in SET_NOUNS


LENGTH_BEFORE = frozenset({"in", "for", "over", "within", "inside", "under", "than", "just", "only"})  # "in one day"


def _some_day(ctx: Context, span: ext.Mention) -> bool:
    """Whether the time ``span`` is "one day" told with no word of a length before it ("One day I'll run a
    marathon", "try yoga one day"): some day, not a day's length ("rode 200 km in one day")."""
    k = span.start
    return ctx.lows[k:span.end] == ["one", "day"] and (k == 0 or ctx.lows[k - 1] not in LENGTH_BEFORE)


def _at_last_before(ctx: Context, span: ext.Mention) -> bool:
    """Whether "at last" (finally) stands right before the amount ``span``, but for a colon or a comma."""
    k = span.start
    if k > 0 and ctx.lows[k - 1] in (":", ","):
        k -= 1
    return ctx.lows[max(0, k - 2):k] == ["at", "last"]


def _best_after(ctx: Context, span: ext.Mention) -> bool:
    """Whether a ``best_words`` phrase follows the amount ``span`` ("5k PB", "10 km personal best")."""
    after = ctx.lows[span.end:span.end + 2]
    return any(tuple(after[:len(p)]) == p for p in ctx.lexicon.best_words)


def _recovery_session(ctx: Context, span: ext.Mention) -> bool:
    """Whether the time ``span`` is told right before a ``repeat_recoveries`` word and an activity word, in a
    sentence with no set of repeats ("45 min recovery run", "an easy 30 min recovery spin"): the time of a
    session done to recover, where "8 x 400 m, 90 s recovery" is the rest between repeats."""
    k = span.end
    return k + 1 < ctx.tab.n and ctx.lows[k] in ctx.lexicon.repeat_recoveries and k + 1 in ctx.activity_starts \
        and ctx.sent_of[span.start] not in ctx.sents_with_sets


def _each_of_a_routine(ctx: Context, span: ext.Mention) -> bool:
    """Whether the amount ``span`` is told with "each" or "apiece" after it in a sentence that tells how often
    sessions come (a frequency: "every morning", "three times a week"): each session's amount, not a repeat's."""
    n = ctx.sent_of[span.start]
    return span.end < ctx.tab.n and ctx.lows[span.end] in ("each", "apiece") \
        and any(q.label == "frequency" and ctx.sent_of[q.start] == n for q in ctx.mentions[ext.QUANTITIES])


def elapsed_later(ctx: Context, span: ext.Mention) -> bool:
    """Whether the time ``span`` is what a journey took, told as how much later it ended: a day or more,
    "later" right after it and a verb of ending before it in its sentence (``end_verbs`` of places.json:
    "finished in Larkspur Bay 12 days later"; not "two days later we met", nor "6 km later"), or one of
    ``ends_after_start`` after a verb of starting ("set off on 1 May and completed it 15 days later")."""
    lows, seconds = ctx.lows, span.info.seconds
    if span.info.kind != "duration" or seconds is None or seconds < DAY or span.end >= len(lows) \
            or lows[span.end] != "later":
        return False
    first = ctx.sents[ctx.sent_of[span.start]][0]
    if not ctx.lexicon.end_verbs.isdisjoint(lows[first:span.start]):
        return True
    ends = [k for k in range(first, span.start) if lows[k] in ctx.lexicon.ends_after_start]
    return bool(ends) and any(ctx.start_verb_at(k) for k in range(first, ends[0]))


def _in_programme_name(ctx: Context, q: Quantity) -> bool:
    """Whether distance ``q`` ends the name of a training programme, which holds its goal, no session's
    distance ("Couch to 5K"; the name is read in the words just before it)."""
    m = ctx.lexicon.programme_names.search(ctx.low_text, max(0, q.start - PROGRAMME_NAME_CHARS), q.end)
    return m is not None and m.end() == q.end


def _of_something_else(ctx: Context, span: ext.Mention) -> bool:
    """Whether duration ``span`` is followed by "of" and no activity word nor word of the effort a session
    is (``efforts``) within OF_REACH words after it: "a week of rain", "a month of fundraising" (but "two
    hours of yoga", "an hour of hard riding", "five hours of graft", "90 minutes of five-a-side football")."""
    k = span.end
    if k >= ctx.tab.n or ctx.lows[k] != "of":
        return False
    end = ctx.words_on(k + 1, OF_REACH)
    return ctx.activity_starts.isdisjoint(range(k + 1, end)) and ctx.lexicon.efforts.isdisjoint(ctx.lows[k + 1:end])


PART_NOUNS = frozenset({"lap", "laps", "split", "splits", "repeats", "reps", "intervals"})  # each one part of a session


def _one_of_parts(ctx: Context, span: ext.Mention) -> bool:
    """Whether distance ``span`` is the length of each of a session's parts, told by a word of PART_NOUNS right
    after it with no number of them ("took turns running 5 km laps of the park"; not "4 x 5 km laps", a set)."""
    return span.end < ctx.tab.n and ctx.lows[span.end] in PART_NOUNS and not (span.info.times or 0) > 1


def _next_to_activity(ctx: Context, span: ext.Mention) -> bool:
    """Whether an activity mention (:attr:`Context.activity_starts`, ``activity_ends``) starts at most one token
    after the quantity ``span`` ("after the 200 km ride") or is its last word ("the last 20 miler"), or
    ends at most OBJECT_REACH tokens before it with no clause break between, in its sentence ("cycling the
    last 100 km", "going to cycle 5,000 km this year"; not "Ran the half today. Went through 10k in 47:30":
    a segment of the race told before)."""
    starts, ends = ctx.activity_starts, ctx.activity_ends
    if span.end in starts or span.end + 1 in starts or span.end - 1 in starts:
        return True  # "after the 200 km ride", "the last 20 miler": the activity word ends the amount
    sent = ctx.sent_of[span.start]
    return any(span.start - k in ends and not ctx.breaks(span.start - k, span.start)
               and ctx.sent_of[span.start - k - 1] == sent for k in range(OBJECT_REACH + 1))


# --------------------------------------------------------------------------- plausibility

@dataclass(frozen=True)
class Plausible:
    """What is plausible for one session of each activity (``models/speeds.json``)."""

    kmh: dict[str, tuple[float, float]]  # lowest and highest average speed
    session: dict[str, tuple[float, float]]  # shortest and longest session, in seconds
    shortest_m: float  # no session covers less

    @classmethod
    def load(cls, name: str = "speeds.json") -> Plausible:
        data = resources.load_json(name)
        acts = data["activities"]
        return cls(kmh={a: tuple(v["kmh"]) for a, v in acts.items() if "kmh" in v},
                   session={a: tuple(v["session_s"]) for a, v in acts.items() if "session_s" in v},
                   shortest_m=float(data["shortest_m"]))

    def fits(self, activity: str, seconds: float, meters: float | None) -> bool:
        """Whether a session of ``activity`` may last ``seconds``: at a plausible speed over ``meters``
        (over a day or more, at any speed up to the highest, but no longer than the longest session), or,
        with no distance, for a plausible length."""
        if seconds <= 0:
            return False
        if meters and activity in self.kmh:
            lo, hi = self.kmh[activity]
            if seconds >= DAY:
                lo = 0.0  # a challenge spread over days
                if activity in self.session and seconds > self.session[activity][1]:
                    return False  # "a year of training for it" is no triathlon's time
            return lo <= meters / 1000 / (seconds / 3600) <= hi
        if activity in self.session:
            lo, hi = self.session[activity]
            return lo <= seconds <= hi
        return True


@cache
def plausible() -> Plausible:
    return Plausible.load()


def readings(q: Quantity) -> list[Quantity]:
    """The readings of duration ``q``: as parsed, and for a bare "1:05" the other one of m:ss and h:mm."""
    m = _BARE_CLOCK.fullmatch(q.text)
    if m is None or q.seconds is None:
        return [q]
    a, b = int(m.group(1)), int(m.group(2))
    short, long = a * 60 + b, a * 3600 + b * 60
    if q.seconds == short and a > 0:
        other = q.model_copy(update={"seconds": float(long), "value": long / 3600, "unit": "h"})
    elif q.seconds == long:
        other = q.model_copy(update={"seconds": float(short), "value": short / 60, "unit": "min"})
    else:
        return [q]
    return [q, other]


def fitting(q: Quantity, activity: str, meters: float | None) -> Quantity | None:
    """The first reading of duration ``q`` that fits a session of ``activity`` over ``meters``, if any."""
    table = plausible()
    return next((r for r in readings(q) if table.fits(activity, r.seconds or 0.0, meters)), None)


def _ordered(r: Record) -> list[Cluster]:
    """The record's clusters in the order the build step reads their fields: the primary one first."""
    primary = r.leading()
    return [primary] + [c for c in r.clusters if c is not primary]


def record_meters(r: Record, primary: Cluster | None = None) -> float | None:
    """The metres of the distance the build step gives the record (``primary``: its leading cluster,
    found when not given), if any."""
    dist = r.session_distance(primary)
    return dist.meters if dist is not None else None


def settle_amounts(ctx: Context, records: list[Record], clusters: list[Cluster]) -> None:
    """Lend the results of sentences with no activity to the records before them, then keep on each
    record the first duration that fits its activity and distance, in the reading that fits.  A time told
    of someone else (:func:`_anothers_time`) goes first: it is theirs, not the record's."""
    for r in records:
        for c in r.clusters:
            if c is not r.primary and _anothers_time(ctx, r, c):
                c.quantities = [q for q in c.quantities if q.kind != "duration"]
    lend_results(ctx, records, clusters)
    taken = {id(q) for r in records for c in r.clusters for q in c.quantities}
    exact: dict[int, list[Quantity]] | None = None  # the exact times of each sentence, read when first asked
    for r in records:
        guess_by_speed(ctx, r, taken)
        if any(q.kind == "duration" and q.approximate for c in r.clusters for q in c.quantities):
            if exact is None:
                exact = {}
                for s in ctx.mentions[ext.QUANTITIES]:
                    if s.label == "duration" and not s.info.approximate and s.info.seconds:
                        exact.setdefault(ctx.sent_of[s.start], []).append(s.info)
            exact_time(r, exact, taken)
        settle_duration(r)
        swim_lengths(ctx, r)
        laps_of_a_course(ctx, r)


EXACT_REACH = 0.1  # a time told as a bound gives way to an exact one at most this fraction away from it


def exact_time(r: Record, exact: dict[int, list[Quantity]], taken: set[int]) -> None:
    """A time of record ``r`` told as a bound or a guess ("broke 2 hours", "dipped under 25 minutes", "about an
    hour") gives way to an exact time of its sentences (``exact``: the exact times by sentence) that no record took
    (``taken``, by id), within EXACT_REACH of it: the time it was done in ("Finally broke 2 hours for the half:
    1:58:32")."""
    for c in r.clusters:
        for k, q in enumerate(c.quantities):
            if q.kind != "duration" or not q.approximate or not q.seconds:
                continue
            told = next((e for n in sorted(r.sents()) for e in exact.get(n, ())
                         if id(e) not in taken and abs(e.seconds - q.seconds) <= EXACT_REACH * q.seconds), None)
            if told is not None:
                c.quantities[k] = told
                taken.add(id(told))


def guess_by_speed(ctx: Context, r: Record, taken: set[int]) -> None:
    """In a text that names no activity, make record ``r`` of the default activity a session of the slower one
    of ``slower_guesses`` (linking.json) where its distance and a time of it (its own, or one of its sentences no
    record took: ``taken``, by id) fit that one's speeds and not the default's ("11 miles, 1,100 m of ascent, 7
    hours with stops": a hike, its sentences telling a climb; "15 km in 6 hours": a walk); a time of its sentences
    that fits goes to it."""
    lex = ctx.lexicon
    if ctx.named_activities or r.activity != lex.default_activity:
        return
    meters = record_meters(r)
    sents = r.sents()
    here = [s for s in ctx.mentions[ext.QUANTITIES] if ctx.sent_of[s.start] in sents]
    own = [q for c in r.clusters for q in c.quantities if q.kind == "duration"]
    times = own + [s.info for s in here if s.label == "duration" and id(s.info) not in taken]
    if not meters or not times or any(fitting(q, r.activity, meters) for q in times):
        return
    guess = lex.slower_guesses["climb" if any(s.label == "elevation" for s in here) else "flat"]
    fit = next((q for q in times if fitting(q, guess, meters)), None)
    if fit is None:
        return
    for c in r.clusters:
        c.info = ext.ActivityInfo(activity=guess, form=c.info.form)
    if not any(q is fit for q in own):
        r.primary.quantities.append(fit)
        taken.add(id(fit))


LENGTH_UNITS = frozenset(("length", "lengths"))  # the unit of a count of pool lengths


def swim_lengths(ctx: Context, r: Record) -> None:
    """Give record ``r``, with no distance, the distance of the lengths it counts: their number times the
    pool's length told in the count's sentence ("60 lengths of the 25 m pool", "48 lengths (25 m pool)", "60
    lengths of 25 m": 1.5 km, 1.2 km and 1.5 km).  The pool's length alone is no session's distance."""
    if r.distance() is not None:
        return
    count = next((q for c in r.clusters for q in c.quantities if q.kind == "count" and q.unit in LENGTH_UNITS
                  and q.value), None)
    if count is None:
        return
    n = ctx.sent_of[bisect_right(ctx.tab.idx, count.start) - 1]
    lo, hi = ctx.sents[n]
    found = ext.mentions(ctx.doc, ext.QUANTITIES, "fp_quantity")  # the pool's length was set aside: all of them
    pool = next((s for s in found if s.info.kind == "distance" and s.info.meters and lo <= s.start and s.end < hi
                 and aside(ctx.low_text, s.info.start, s.info.end, "distance") == "pool"), None)
    if pool is None:
        return
    length: Quantity = pool.info
    start, end = min(count.start, length.start), max(count.end, length.end)
    swum = Quantity(kind="distance", text=ctx.text[start:end], start=start, end=end,
                    value=count.value * length.value, unit=length.unit, meters=count.value * length.meters)
    r.clusters.append(Cluster(start=pool.start, end=pool.end, sent=n, info=r.primary.info, quantities=[swum],
                              inferred=True))


LAP_UNITS = frozenset(("lap",))  # the unit of a count of laps of a course
COURSE_DETERMINERS = frozenset(("the", "a", "an", "our", "my", "their"))  # "laps of the 5 km loop"


def laps_of_a_course(ctx: Context, r: Record) -> None:
    """Make the distance of record ``r`` the whole of the laps it counts of a course told by its length ("3
    laps of the 5 km loop": 15 km, "2 laps of the 750 m course": 1.5 km; "one lap of it" stays as it is), where
    that length, right after "of" and a determiner, is the record's distance."""
    for c in r.clusters:
        count = next((q for q in c.quantities if q.kind == "count" and q.unit in LAP_UNITS and (q.value or 0) > 1),
                     None)
        if count is None:
            continue
        k = bisect_right(ctx.tab.idx, count.end - 1)  # the token after the count's last one
        if ctx.lows[k:k + 1] != ["of"]:
            continue
        k += 2 if ctx.lows[k + 1:k + 2] and ctx.lows[k + 1] in COURSE_DETERMINERS else 1
        at = ctx.tab.idx[k] if k < ctx.tab.n else -1
        for d in r.clusters:
            for i, q in enumerate(d.quantities):
                if q.kind == "distance" and q.start == at and q.meters and not q.times:
                    d.quantities[i] = q.model_copy(update={
                        "text": ctx.text[count.start:q.end], "start": count.start, "value": count.value * q.value,
                        "meters": count.value * q.meters})
                    return


def _anothers_time(ctx: Context, r: Record, c: Cluster) -> bool:
    """Whether the times of cluster ``c`` of record ``r`` are another's: in a text told in the first person,
    the record's primary mention names no one (the author's session), ``c`` names people, none of them the
    author, and its sentence says no "I" or "we" ("I crossed the line in 1:43:12. Tamsin ran it too and
    finished in 1:51")."""
    return ctx.first_person and not r.primary.people and bool(c.people) \
        and all(p["name"] != ctx.author for p in c.people) \
        and not (ctx.holds("i", {c.sent}) or ctx.holds("we", {c.sent}))


def settle_duration(r: Record) -> None:
    """Drop the record's durations that fit in no reading until one fits; read that one as it fits."""
    if not any(q.kind == "duration" for c in r.clusters for q in c.quantities):
        return  # no duration to settle
    ordered = _ordered(r)
    activity, meters = r.activity, record_meters(r, ordered[0])
    for c in ordered:
        for k, q in enumerate(c.quantities):
            if q.kind != "duration":
                continue
            got = fitting(q, activity, meters)
            if got is None:
                del c.quantities[k]
                break  # a cluster holds one duration at most: on to the next cluster
            c.quantities[k] = got
            return


def lend_results(ctx: Context, records: list[Record], clusters: list[Cluster]) -> None:
    """A duration that reads as a result (:func:`fitpost.quantity_parser.context.result_cue`) in a
    sentence with no cluster goes to the first record of :func:`_records_before` that it fits; where
    none of those has a distance or an event, to the race the text told before (:func:`_race_before`)
    first: "I had to walk through two water stations. I crossed the line in 3:36:12" is the race's.  A time
    right after the name of someone other than the author is that person's result, no record's, and so is
    one told of another in a text in the first person (:func:`_others_result`).  A time a record holds already
    (another's result made a record of its own: "Bram Kettle won it in 2:09:15") is lent to no other."""
    with_cluster = {c.sent for c in clusters}
    taken = {id(q) for r in records for c in r.clusters for q in c.quantities}  # a record's already
    spans = [s for s in ctx.mentions[ext.QUANTITIES]
             if s.label == "duration" and ctx.sent_of[s.start] not in with_cluster and id(s.info) not in taken]
    if not spans or not records:
        return
    low = ctx.low_text
    in_sent: dict[int, list[int]] = {}  # the records with a cluster in each sentence
    for k, r in enumerate(records):
        for s in {c.sent for c in r.clusters}:
            in_sent.setdefault(s, []).append(k)
    distances = {s.info.end: s.info for s in ctx.mentions[ext.QUANTITIES] if s.label == "distance"}
    for span in spans:
        q: Quantity = span.info
        n = ctx.sent_of[span.start]
        race = multisport_total(ctx, records, span, n)
        if race is not None:  # "Total 1:17:30" under a triathlon's legs: the race's time
            race.clusters.append(Cluster(start=span.start, end=span.end, sent=n, info=race.primary.info,
                                         quantities=[q], inferred=True))
            continue
        if not result_cue(low, q.start, q.end) or span.start in ctx.others_name_ends or _others_result(ctx, span):
            continue
        near = _records_before(records, in_sent, n) or _form_records_after(ctx, records, in_sent, n)
        if not any(_measured(r) for r in near):
            near = _race_before(records, n) + near
        day = next((d.info for d in ctx.dates_in.get(n, ()) if d.info is not None), None)
        near = [r for r in near if not before_the_day_told(ctx, day, r)]  # "Three weeks ago I did it in 52:10"
        timed = _timed_distance(low, distances, q)
        if not near and not _race_told_last(records, n):
            _plan_carried_out(ctx, records, span, n)
            continue
        for r in near or _race_told_last(records, n):
            meters = record_meters(r)
            if timed is not None and meters and timed.meters < meters / SPLIT_RATIO:
                continue  # "Went through 10k in 47:30" of a half marathon: the time of a split, not the race's
            got = fitting(q, r.activity, meters)
            if got is not None:
                carrier = Cluster(start=span.start, end=span.end, sent=n, info=r.primary.info, quantities=[got],
                                  inferred=True, head=span.start)
                if not ctx.first_person:  # news: "Tamsin Hale finished in 2:27:50" took part
                    attach_people(ctx, carrier)
                r.clusters.append(carrier)
                if statuses.meaning(r.leading().status_name).phase == "planned":
                    carried_out(ctx, r, span)  # "Signed up for the Brackenfold 10k. Crossed the line in 44:12"
                break


TOTAL_TIME_WORDS = frozenset(("overall",))  # with the total words of linking.json: a time labelled a whole's


def multisport_total(ctx: Context, records: list[Record], span: ext.Mention, n: int) -> Record | None:
    """The race of legs (MULTISPORT) that the time ``span``, in sentence ``n``, is the total of: labelled a
    total right before it ("Total 1:17:30", "Overall: 2:31:10"), where a real race of legs with no time of its
    own is told before it."""
    before = [w for w in ctx.lows[max(ctx.sents[n][0], span.start - 2):span.start] if w != ":"]
    if not before or not (before[-1] in ctx.lexicon.total_words or before[-1] in TOTAL_TIME_WORDS):
        return None
    races = [r for r in records if r.activity == MULTISPORT and statuses.is_real(r.primary.status_name)
             and not _timed(r) and any(c.sent < n for c in r.clusters)]
    return races[-1] if races else None


SUBJECT_PRONOUNS = frozenset(("he", "she", "they"))  # a third person told as a clause's subject


def _others_result(ctx: Context, span: ext.Mention) -> bool:
    """Whether the time ``span``, in a text told in the first person, is told of someone else: its clause
    before it (from the sentence's start or its last clause break) names a person other than the author, by
    name, by relation or as "he", "she" or "they", and says no "I" or "we" ("Jonas Berg won in 16:42. I
    finished in 23:10": the author's result is the second; "She was 3rd woman in 38:20, I finished in 44:05")."""
    if not ctx.first_person:
        return False
    n = ctx.sent_of[span.start]
    lo = ctx.clause_start(span.start)
    words = ctx.lows[lo:span.start]
    if "i" in words or "we" in words:
        return False
    return any(lo <= p.start < span.start and not p.info.in_quote
               and (ctx.lows[p.start] in SUBJECT_PRONOUNS if p.info.pronoun else p.info.name != ctx.author)
               for p in ctx.people_in.get(n, ()))


def _plan_carried_out(ctx: Context, records: list[Record], span: ext.Mention, n: int) -> None:
    """A result told in a sentence with no date, where no real record takes it, of the race planned or
    hoped for that the text told last (a record with an event and no time, its latest mention before
    sentence ``n``, at most DURATION_REACH sentences before): the plan was carried out, and the result is
    its time ("Hoping to go under 4 hours at the Larkspur Marathon. Crossed the line in 3:58:12!")."""
    if ctx.dates_in.get(n):
        return  # "My best there was 3:58:12 in 2019": another day's result
    told = [(max(c.sent for c in r.clusters if c.sent < n), k) for k, r in enumerate(records)
            if any(c.sent < n for c in r.clusters)]
    if not told:
        return
    last, k = max(told)
    r = records[k]
    lead = r.leading()
    if n - last > DURATION_REACH or statuses.meaning(lead.status_name).phase not in PLAN_PHASES \
            or not any(c.event for c in r.clusters) or _timed(r):
        return
    got = fitting(span.info, r.activity, record_meters(r))
    if got is not None:
        r.clusters.append(Cluster(start=span.start, end=span.end, sent=n, info=r.primary.info,
                                  quantities=[got], inferred=True))
        carried_out(ctx, r, span)


def carried_out(ctx: Context, r: Record, result: ext.Mention) -> None:
    """Record ``r``, planned or hoped for, took the result ``result`` told as done: it was carried out.  Its
    leading mention is completed, and each of its dates is read as a day gone by ("Signed up for the
    Brackenfold 10k on Sunday. Crossed the line in 44:12" is last Sunday's race)."""
    r.leading().status = ext.StatusInfo(status="completed", cue=ctx.text_of(result), cue_start=result.start_char)
    dated = [c for c in r.clusters if c.date is not None and c.date.start is not None]
    if not dated:
        return
    by_char = {d.start_char: d for d in ctx.mentions[ext.DATES]}
    origins = date_origins(ctx)
    for c in dated:
        d = by_char.get(c.date.start)
        if d is not None and d.info is not None:
            c.date = dates.for_done(d.info, d.label, origins.get(d.start))


def _timed_distance(low: str, distances: dict[int, Quantity], q: Quantity) -> Quantity | None:
    """The distance that duration ``q`` is told right after, as its time ("10k in 47:30", "the first mile: 7:10";
    ``distances``: the text's distances by their end, in characters, the gap at most SEGMENT_GAP_CHARS), if any."""
    for end in range(q.start, max(0, q.start - SEGMENT_GAP_CHARS) - 1, -1):
        dist = distances.get(end)
        if dist is not None and dist.meters and _SEGMENT_TIME_GAP.fullmatch(low, end, q.start):
            return dist
    return None


def _measured(r: Record) -> bool:
    """Whether record ``r`` has a distance or an event: what a finishing time is told of."""
    return r.distance() is not None or any(c.event for c in r.clusters)


def _race_before(records: list[Record], n: int) -> list[Record]:
    """The real race (a record with an event) with no duration told last before sentence ``n``, as a
    list of one (or none)."""
    races = [r for r in records if statuses.is_real(r.primary.status_name) and not _timed(r)
             and any(c.event and c.sent < n for c in r.clusters)]
    return races[-1:]


def _race_told_last(records: list[Record], n: int) -> list[Record]:
    """The record told last before sentence ``n`` (by its latest cluster before it), as a list of one, where
    it is real, a race (it has an event) and has no duration: a race report's result told further on than
    DURATION_REACH sentences, with no other session told in between, is the race's ("Ran the Larkspur 10k
    ... [the route, the parking, the field] ... Chip time 48:10")."""
    told = [(max(c.sent for c in r.clusters if c.sent < n), k) for k, r in enumerate(records)
            if any(c.sent < n for c in r.clusters)]
    if not told:
        return []
    r = records[max(told)[1]]
    if not statuses.is_real(r.primary.status_name) or not any(c.event for c in r.clusters) or _timed(r):
        return []
    return [r]


def _timed(r: Record) -> bool:
    """Whether record ``r`` has a duration that fits its activity and distance in some reading (one that
    fits none, a segment's time left on it, "the first 5k in 21:30" of a half marathon, is dropped later by
    :func:`settle_duration`, so a result told further on is still the record's); a rough one (a bound or
    an estimate) leaves room for the exact result that tells it more precisely ("Finally broke 20 minutes
    at parkrun! 19:48 on the watch")."""
    meters = record_meters(r)
    return any(q.kind == "duration" and not q.approximate and fitting(q, r.activity, meters) is not None
               for c in r.clusters for q in c.quantities)


def _form_records_after(ctx: Context, records: list[Record], in_sent: dict[int, list[int]], n: int) -> list[Record]:
    """Where sentence ``n`` is a labelled line of a form ("Total time: 3 hours 10 min."), the real records with no
    duration told in the form's lines after it (:meth:`Context.form_lines_after`: "Distance: 8.4 miles"), in
    order: the form is one session's, whichever line names it."""
    if not ctx.labelled_line(n):
        return []
    out: list[Record] = []
    for s in ctx.form_lines_after(n):
        out += [records[k] for k in in_sent.get(s, ()) if records[k] not in out
                and statuses.is_real(records[k].primary.status_name) and not _timed(records[k])]
    return out


def _records_before(records: list[Record], in_sent: dict[int, list[int]], n: int) -> list[Record]:
    """The real records with no duration (:func:`_timed`) and a cluster in sentence ``n`` or at most DURATION_REACH
    sentences before (``in_sent``: the records of each sentence): a multisport race first (not one of its
    legs), then those with a distance or an event (what a finishing time is told of), each group nearest
    first (by their latest such cluster; in order on a tie)."""
    latest: dict[int, int] = {}  # record -> the latest of those sentences it has a cluster in
    for s in range(max(0, n - DURATION_REACH), n + 1):
        for k in in_sent.get(s, ()):
            latest[k] = s
    near = []
    for k, s in latest.items():
        r = records[k]
        if not statuses.is_real(r.primary.status_name) or _timed(r):
            continue
        near.append((r.activity != MULTISPORT, not _measured(r), n - s, k, r))
    return [t[-1] for t in sorted(near, key=lambda t: t[:4])]
