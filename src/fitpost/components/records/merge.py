"""Step 3: clusters merge into records, and sentences with no activity lend to the records around them.

A cluster with an amount joins an earlier record of the same activity with the
same distance or the same event (both claimed as real, :mod:`fitpost.statuses`).
A bare cluster ("the run", "my swim") joins a record of its activity with its
event or race distance, else the one it refers back to ("the", "her"), else the
nearest one of its phase within its status's reach; but a named event told
before any record of its activity is a session of its own.  No cluster joins a record
whose route goes from or to elsewhere (another stage).  A sentence with no
activity lends its distance ("21 km in all") and its company ("Joined by his
sister.") to the record just before, and its route or event ("The challenge
from A to B.") or its date ("Today will be a short day.") to the records that
follow.  A record with no date takes its section's heading date, or the post
date in a first-person report of the day (:func:`lend_dates`).
"""
from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter

from fitpost import ext, statuses
from fitpost.components.dates import for_plan, same_day_cues, states_year
from fitpost.components.records.amounts import DAY, LENGTH_UNITS, elapsed_later, fitting, multisport_total
from fitpost.components.records.attach import (
    as_read,
    attach_date,
    date_origins,
    dated_ahead,
    denied_before,
    event_holding,
    made_up_after,
    told_as_cause,
    within,
)
from fitpost.components.records.claims import claims, does
from fitpost.components.records.company import attach_company, names_of, non_participant
from fitpost.components.records.context import NO_DISTANCE, NOT_ENDURANCE, SUBJECT_PRONOUNS, Context
from fitpost.components.records.model import SUM_TOLERANCE, Cluster, Record, same_distance
from fitpost.quantity_parser.context import result_cue
from fitpost.schema import DateRef, Quantity

LEND_REACH = 2  # a sentence with no activity lends to a record at most this many sentences before
TIME_REACH = 2  # a time with no activity is the duration of a record whose last mention is this close
RESTATED_DISTANCE = 0.05  # a definite mention restates a record whose distance and time are this close
_WORD = re.compile(r"[A-Za-z]+")
_ONLY_BLANKS = re.compile(r"\s*\Z")
LABEL_REACH = 400  # a logged distance's line label and heading are read at most this many characters back
FRAME_REACH = 3  # a route or event frames the records starting at most this many sentences after it
FILL_REACH = 1  # a mention with an amount fills in a record whose last mention is at most this many sentences before
STAGE_REACH = 3  # a stage line's distance goes to a record starting at most this many sentences after it
ROUTINE_REACH = 1  # a routine restated in the present simple joins one told at most this many sentences before
LABEL_WORDS = 3  # a log line's label before its colon has at most this many words ("Track session:")
# a plan's day written with no year ("on 12 April") at most this many days before the post date was carried
# out; one further back is next year's ("signed up for the Tarnby Half on 12 April" in November)
PLAN_LOOKBACK_DAYS = 60
LIST_MIN = 3  # a list of at least this many distances over a week or a month is one session each
LIST_GAP = 4  # at most this many words stand between two distances of a list
REFER_REACH = 4  # "the ride" refers back to a logged distance at most this many sentences before
BLOCK_REACH = 6  # a logged distance heads a record at most this many short lines after it
DAILY_SHARE = 3  # a distance a day tells the share of an effort whose distance is at least this many times it
JOURNEY_REACH = 3  # a journey under way takes in the parts told at most this many sentences after it
TITLE_REACH = 8  # a title's record takes a report told at most this many sentences into the text (title included)
FILLED = frozenset({"distance", "duration"})  # the amounts a later mention may fill in (:func:`_fills`)


def merge_records(ctx: Context, clusters: list[Cluster]) -> list[Record]:
    """The records of ``clusters`` (in order of start), in order of their primary cluster."""
    records: list[Record] = []
    pending: list[Cluster] = []
    routes = Routes()
    dates = FirstDates(ctx)
    real_of: dict[str, list[Record]] = {}  # the real records made so far, by activity (:func:`_fitting`)
    told: set[str] = set()  # the activities of the records made so far
    latest: Record | None = None  # the record of the latest cluster placed (they come in order of start)
    lasts = LastMentions()
    for c in clusters:
        if latest is not None and (_part_of_told(ctx, c) or _told_again_by_pronoun(ctx, latest, c)):
            latest.clusters.append(c)  # "Ran the marathon. I walked a lot of it": a part of the race
            lasts.add(latest, c)
            continue
        example = c.event is not None and ctx.listed_example(c.start)
        if (c.bare or (c.race_only and c.definite)) and not _opens_with_event(ctx, records, c) \
                and not _under_way(ctx, c) and not _streak_under_way(c) and not example:
            pending.append(c)
            continue
        if not statuses.is_real(c.status_name) or told_as_cause(ctx, c):
            target = None
        elif example:  # a race named in a list of examples is a session of its own, unless named before
            target = next((r for r in records if any(o.event == c.event for o in r.clusters)), None)
        elif c.info.activity not in told and not _refers_generically(ctx, c):
            target = None  # each rule of :func:`_same_session` needs a record of its activity made before
        elif _commute_back(ctx, c, real_of.get(c.info.activity, [])):
            target = None  # "Rode to the office at 7, 12 km. The ride home took 50 minutes": the other leg
        else:
            target = _same_session(ctx, records, c, routes, dates, latest, real_of, lasts)
        if target is not None:
            target.clusters.append(c)
        else:
            target = Record([c])
            records.append(target)
            _index_real(real_of, target)
            told.add(c.info.activity)
        routes.add(target, c)
        dates.add(target, c)
        lasts.add(target, c)
        latest = target
    # a bare mention that is not real ("long runs are the best") may refer to a record told after it:
    # the real ones are placed first
    mixed = _mixed_sentences(clusters)
    for c in sorted(pending, key=lambda c: not statuses.is_real(c.status_name)):
        target = _referred(ctx, records, c, routes, dates, real_of, mixed)
        if target is not None:
            target.clusters.append(c)
        else:
            target = Record([c])
            records.append(target)
            _index_real(real_of, target)
        routes.add(target, c)
        dates.add(target, c)
    records = _asked_about(ctx, _parts_of_workouts(ctx, records))
    records.sort(key=lambda r: r.primary.start)
    return records


def _part_of_told(ctx: Context, c: Cluster) -> bool:
    """Whether verb ``c`` is followed by a part of a session told before ("I walked a lot of it", "ran most of
    that": ``parts_of_told`` of linking.json), whatever its activity: a part of that session, not one of its own."""
    after = ctx.lows[c.end:c.end + 6]
    if c.info.form != "verb" or "of" not in after:
        return False
    of = after.index("of")  # the part's last word
    return of + 1 < len(after) and after[of + 1] in ctx.lexicon.told_pronouns \
        and tuple(after[:of + 1]) in ctx.lexicon.parts_of_told


def _told_again_by_pronoun(ctx: Context, latest: Record, c: Cluster) -> bool:
    """Whether verb ``c``, no event's name, takes "it" right after it ("My daughter's first parkrun this morning!
    She ran it in 34:12") and tells again the session of ``latest``, the record told just before it: of
    its activity and phase, its last mention at most FILL_REACH sentences before, with no word of a further
    session between nor "again" after ("ran it again next year" is another)."""
    if c.info.form != "verb" or c.event is not None or c.end >= ctx.tab.n or ctx.lows[c.end] != "it" \
            or ctx.lows[c.end + 1:c.end + 2] in (["'s"], ["’s"], ["is"], ["was"]):
        return False
    if latest.activity != c.info.activity or not _goes_on(ctx, latest, c, FILL_REACH) \
            or statuses.meaning(c.status_name).phase != statuses.meaning(latest.primary.status_name).phase:
        return False
    return "again" not in ctx.lows[c.end:ctx.sents[c.sent][1]]


def _asked_about(ctx: Context, records: list[Record]) -> list[Record]:
    """``records`` without those that are one hypothetical mention told with a distance ("How do I even
    describe my first 10k run?", "I had long wished to ride a 200 km audax"), where a real record of
    its activity has that distance (within 2 %, the nearest): the mention goes to that record, the session
    it asks or wishes about.  A negated mention ("I didn't finish my 10k") stays apart, and so does one
    told as a further session ("I'd love to run another marathon")."""
    if not any(_asks_about(ctx, r) for r in records):
        return records
    by_distance: dict[str, list[tuple[float, int]]] = {}  # activity -> (meters, index) of its real records
    for k, r in enumerate(records):
        d = r.distance()
        if statuses.is_real(r.primary.status_name) and d is not None and d.meters:
            by_distance.setdefault(r.activity, []).append((d.meters, k))
    for found in by_distance.values():
        found.sort()
    kept: list[Record] = []
    for r in records:
        c = r.primary
        d = c.kind("distance")
        if _asks_about(ctx, r):
            found = by_distance.get(c.info.activity, [])
            k = bisect_left(found, (d.meters / 1.02, -1))  # the first real record at least 2 % shorter
            if k < len(found) and same_distance(d, records[found[k][1]].distance()):
                records[found[k][1]].clusters.append(c)
                continue
        kept.append(r)
    return kept


def _asks_about(ctx: Context, r: Record) -> bool:
    """Whether record ``r`` is one hypothetical mention told with a distance, not as a further session."""
    c = r.primary
    if len(r.clusters) != 1 or c.status_name != "hypothetical":
        return False
    d = c.kind("distance")
    return d is not None and bool(d.meters) and ctx.lexicon.further_session.isdisjoint(ctx.sentence_words(c.sent))


def _under_way(ctx: Context, c: Cluster) -> bool:
    """Whether cluster ``c`` tells a journey under way with no amount: an activity word before a journey
    noun ("is on a charity walking pilgrimage", "has begun a rowing expedition"), ongoing.  It is a
    record at once, that the parts told after it join (:func:`_journey`)."""
    return c.bare and c.status_name == "ongoing" and not c.definite \
        and not ctx.lexicon.journey_nouns.isdisjoint(ctx.lows[c.end:c.end + 2])


def _streak_under_way(c: Cluster) -> bool:
    """Whether verb cluster ``c`` tells a streak under way with no amount ("She has run every day since January
    1st", :func:`~fitpost.components.records.attach._streak_so_far`): a record at once, that what is covered
    so far joins ("..., clocking up more than 1,000 miles")."""
    return c.info.form == "verb" and c.status is not None and c.status.status == "ongoing" \
        and c.status.frequency is not None


def _opens_with_event(ctx: Context, records: list[Record], c: Cluster) -> bool:
    """Whether cluster ``c`` is a named event ("At the Kelso parkrun I got a PB") that comes before any
    record of its activity: the session itself, not a reference back to one, though it has no number
    of its own ("Ran 24 km ... The Unity Run ..." refers back)."""
    if c.event is None or any(r.activity == c.info.activity for r in records):
        return False
    return any(e.start <= c.start and c.end <= e.end and e.info.name == c.event
               for e in ctx.events_in.get(c.sent, ()))


class Routes:
    """The starts and ends (route places) of each record as its clusters join it, by record."""

    def __init__(self) -> None:
        self.ends: dict[int, dict[str, set[str]]] = {}  # id of a record -> role -> names

    def add(self, r: Record, c: Cluster) -> None:
        for p in c.places:
            if p["role"] in ("from", "to"):
                self.ends.setdefault(id(r), {}).setdefault(p["role"], set()).add(p["name"])

    def other(self, c: Cluster, r: Record, roles: tuple[str, ...] = ("from", "to")) -> bool:
        """Whether cluster ``c`` and record ``r`` name different starts or ends (of ``roles``): "Trekking:
        A to B" and "Trekking from C to D" are two stages.  A name that goes on from the other's words names
        no other place: "a walk from Brackenfold" set off "from Brackenfold Cathedral"."""
        theirs = self.ends.get(id(r))
        if not theirs:
            return False
        for role in roles:
            mine = {p["name"] for p in c.places if p["role"] == role}
            if mine and role in theirs and not any(_one_place(a, b) for a in mine for b in theirs[role]):
                return True
        return False


def _one_place(a: str, b: str) -> bool:
    """Whether place names ``a`` and ``b`` may name one place: the same, or one the other's first words
    and more (a landmark in its town)."""
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


class LastMentions:
    """The records of the clusters placed so far (in order of start), each numbered in the order it was made,
    and, in the sentence of the latest cluster placed, the clusters placed there by the token they end at:
    which records have their last mention there and where it ends (:meth:`not_listed_before`)."""

    def __init__(self) -> None:
        self.made: dict[int, int] = {}  # id of a record -> how many records were made before it
        self.sent = -1  # the sentence of the latest cluster placed
        self.ending: dict[int, list[tuple[Cluster, Record]]] = {}  # token -> the clusters there ending at it
        self.furthest = -1  # the latest token a cluster placed in that sentence ends at

    def add(self, r: Record, c: Cluster) -> None:
        """Cluster ``c`` is placed: it made record ``r`` or joined it."""
        self.made.setdefault(id(r), len(self.made))
        if c.sent != self.sent:
            self.sent, self.ending, self.furthest = c.sent, {}, -1
        self.ending.setdefault(c.end, []).append((c, r))
        self.furthest = max(self.furthest, c.end)

    def not_listed_before(self, real: list[Record], c: Cluster, listed_to: int) -> list[Record]:
        """The records of ``real`` (the real ones of ``c``'s activity, in the order they were made) but those made in
        ``c``'s sentence whose last mention ends by token ``listed_to`` (in ``c``'s sentence: earlier items of
        the list ``c`` goes on), in order.  Those made before ``c``'s sentence are all given, for each may
        have its last mention elsewhere; of those made in it, only those whose last mention ends after
        ``listed_to`` are read."""
        if self.sent != c.sent:
            return real  # no cluster placed in ``c``'s sentence yet, so no record made there
        made_here = bisect_left(real, c.sent, key=lambda r: r.primary.sent)
        later = {id(r): r for end in range(listed_to + 1, self.furthest + 1) for x, r in self.ending.get(end, ())
                 if r.clusters[-1] is x and r.primary.sent == c.sent and r.activity == c.info.activity
                 and statuses.is_real(r.primary.status_name)}  # as :func:`_index_real` gives ``real``
        return real[:made_here] + sorted(later.values(), key=lambda r: self.made[id(r)])


def _same_session(ctx: Context, records: list[Record], c: Cluster, routes: Routes, dates: FirstDates,
                  latest: Record | None, real_of: dict[str, list[Record]], lasts: LastMentions) -> Record | None:
    """The first real record of ``c``'s activity, no other route (:meth:`Routes.other`), no other day
    (:meth:`FirstDates.other_day`) and no routine or series of another phase (:func:`_may_follow`) with
    its distance (unless ``c`` is a further item of a list:
    :func:`_listed`), one of its clusters' event, or that ``c`` restates (:func:`_restates`)."""
    real = real_of.get(c.info.activity, [])
    apposed = _apposed_to_event(ctx, real, c)
    if apposed is not None:
        return apposed
    d = c.kind("distance")
    # with no event of its own and not definite, ``c`` tells no record listed before it in its sentence again:
    # such a record is passed over at once ("a 5 km run, a 5 km swim, a 5 km run" in a long list)
    listed_to = _list_start(ctx, c) if not c.event and not c.definite else -1
    if listed_to >= ctx.sents[c.sent][0]:  # a list goes on in its sentence; ``c`` is not definite, so fits ``real``
        fitting = lasts.not_listed_before(real, c, listed_to)
    else:
        fitting = _fitting(ctx, records, real, c)
    for r in fitting:
        last = r.clusters[-1]
        if last.sent == c.sent and last.end <= listed_to:
            continue
        if routes.other(c, r) or dates.other_day(c, r) or not _may_follow(c, r) or _day_of_streak(c, r) \
                or _others_named(ctx, c, r):
            continue
        # one of its clusters' event, read before its distance (either gives ``r``), which walks every cluster
        if c.event and any(o.event == c.event for o in r.clusters):
            return r
        if d is not None and same_distance(d, r.distance()) and not _listed(ctx, c, r) and not _other_event(c, r):
            return r
        if _same_challenge(ctx, c, r):
            return r
        if _restates(ctx, c, r):
            return r
    leg_of = _leg_with_author(ctx, real, c)
    if leg_of is not None:
        return leg_of
    if latest is not None and _others_named(ctx, c, latest):
        latest = None  # "Tamsin Hale finished the marathon. Jonas Berg won the race": another's session
    return _relative(ctx, real, c) or _headline(ctx, records, c, dates) or _fills(ctx, latest, c, routes) \
        or _lengths_counted(ctx, latest, c, routes) or _journey(ctx, latest, c, routes, dates) \
        or _daily_share(ctx, latest, c, routes) or _race_result(ctx, latest, c, routes)


def _day_of_streak(c: Cluster, r: Record) -> bool:
    """Whether cluster ``c`` and record ``r`` are a streak and one day's session of it ("I've run every day for
    100 days! Today's run was 5 km"), either way round: one repeats over two days or more, the other repeats over
    none and is dated to a day (a record by its primary cluster, which made it).  A session inside a multi-day
    effort is a record of its own.  A mention that claims no session ("I would have had two rides on two days in
    a row") is neither."""
    p = r.primary
    if not statuses.is_real(c.status_name):
        return False
    if _streak(c.quantities):
        return p.kind("repetition") is None and p.date is not None and p.date.granularity == "day"
    return c.kind("repetition") is None and c.date is not None and c.date.granularity == "day" \
        and _streak(p.quantities)


def _streak(quantities: list[Quantity]) -> bool:
    """Whether ``quantities`` hold a repetition over two days or more ("every day for 100 days")."""
    return any(q.kind == "repetition" and q.unit == "day" and q.times and q.times >= 2 for q in quantities)


def _same_challenge(ctx: Context, c: Cluster, r: Record) -> bool:
    """Whether ``c`` names the challenge or streak of days that record ``r``'s first mention names ("100 Day
    Plank Challenge" as a title, then "the 100 day plank challenge"): the same number of days repeated, of the
    same exercise (not "a 30 day squat challenge and a 30 day plank challenge"), no other distance, by no one
    ``r`` does not name ("my 30-day challenge", then "Ola has a 30-day challenge of her own too") and not told as
    someone else's (``OTHERS_POSSESSIVES`` at most two words before its days)."""
    rep, theirs = c.kind("repetition"), r.primary.kind("repetition")
    if rep is None or theirs is None or rep.unit != "day" or theirs.unit != "day" or not rep.times \
            or rep.times < 2 or theirs.times != rep.times or r.primary.info.exercise != c.info.exercise:
        return False
    k = bisect_left(ctx.tab.idx, rep.start)
    if not OTHERS_POSSESSIVES.isdisjoint(ctx.lows[max(0, k - 2):k]):
        return False
    if c.people and not {_who(p) for p in c.people} <= {_who(p) for x in r.clusters for p in x.people}:
        return False
    d = c.kind("distance")
    if d is None:
        return True
    whole = r.distance()  # "13 km cycling for 10 consecutive days so far. 4 km cycling for 10 consecutive days"
    return whole is None or same_distance(d, whole)


def _leg_with_author(ctx: Context, real: list[Record], c: Cluster) -> Record | None:
    """The longer session of the author's that ``c`` is a leg of: ``c``'s distance right after a leg word
    ("the last 15 km") in a sentence with an author word ("Priya rode the last 15 km with me"; ``legs`` of
    linking.json), and the first real record of its activity, told before it, of its phase, with a longer
    distance ("my 60 km ride today") and, where ``c``'s sentence tells a day, that day."""
    d = c.kind("distance")
    if d is None:
        return None
    lex, lo = ctx.lexicon, ctx.sents[c.sent][0]
    k = bisect_left(ctx.tab.idx, d.start)
    if not real or lex.leg_words.isdisjoint(ctx.lows[max(lo, k - 2):k]) \
            or lex.author_words.isdisjoint(ctx.sentence_words(c.sent)):
        return None
    r = real[0]
    whole, theirs = r.distance(), next((x.date for x in r.clusters if x.date is not None), None)
    day = c.date or next((m.info for m in ctx.dates_in.get(c.sent, ()) if m.info is not None), None)
    if r.primary.start < c.start and whole is not None and (whole.meters or 0.0) > (d.meters or 0.0) \
            and statuses.meaning(r.primary.status_name).phase == statuses.meaning(c.status_name).phase \
            and (day is None or theirs is not None and _one_day(day, theirs)):
        return r
    return None


def _apposed_to_event(ctx: Context, real: list[Record], c: Cluster) -> Record | None:
    """Of ``real`` (the real records of ``c``'s activity, in order), the record of the named event that cluster
    ``c`` stands in apposition to, telling what the race is: the event's name, a comma, then "a" or "an" and at
    most three words before ``c`` ("the Comrades Marathon, an 87 km race between two cities": the race is the
    marathon)."""
    events = ctx.events_in.get(c.sent)
    if not events:
        return None  # no event named in its sentence
    lows = ctx.lows
    article = next((k for k in range(c.start - 1, max(0, c.start - 5), -1) if lows[k] in ("a", "an")), None)
    if article is None or article < 2 or lows[article - 1] != ",":
        return None
    event = next((e for e in events if e.end == article - 1), None)
    if event is None:
        return None
    return next((r for r in real if any(o.event == event.info.name for o in r.clusters)), None)


def _kind_fits(ctx: Context, c: Cluster, r: Record) -> bool:
    """Whether cluster ``c`` may tell of record ``r`` by its activity: the same one, or ``c`` a definite
    generic workout noun ("the workout") and ``r`` of an activity it may refer back to
    (``generic_reference`` of linking.json: "three rounds of kettlebell swings ... the workout")."""
    if r.activity == c.info.activity:
        return True
    return r.activity in ctx.lexicon.generic_refers_to and _refers_generically(ctx, c)


def _refers_generically(ctx: Context, c: Cluster) -> bool:
    """Whether cluster ``c`` is a definite generic workout noun ("the workout"), which may refer back to a
    record of another activity (``generic_reference`` of linking.json)."""
    return c.definite and c.info.activity == "workout" \
        and " ".join(ctx.lows[c.start:c.end]) in ctx.lexicon.generic_nouns


def _index_real(real_of: dict[str, list[Record]], r: Record) -> None:
    """Add the new record ``r`` to ``real_of`` (the real records made so far by activity, in the order they were
    made) if it is real (a record's activity and status are its primary cluster's, the first to join it)."""
    if statuses.is_real(r.primary.status_name):
        real_of.setdefault(r.activity, []).append(r)


def _fitting(ctx: Context, records: list[Record], real: list[Record], c: Cluster) -> list[Record]:
    """The real records of ``records`` (those made so far, in order) that cluster ``c`` may tell of by its
    activity (:func:`_kind_fits`), in order: ``real``, those of its activity (found without walking every
    record: a long text may have thousands), or for "the workout" those of the activities it may refer back
    to as well."""
    if _refers_generically(ctx, c):
        return [r for r in records if _kind_fits(ctx, c, r) and statuses.is_real(r.primary.status_name)]
    return real


def _headline(ctx: Context, records: list[Record], c: Cluster, dates: FirstDates) -> Record | None:
    """The record told first in the text's title that real cluster ``c`` reports, when ``c`` is at most
    TITLE_REACH sentences into the text (the report starts under its title) and that record is the only
    one of ``c``'s activity so far ("Grandmother swims across the lake" over "Ottilie swam 12 km across
    Lake Larkspur on Sunday", a lede between them or none): the same status, no amount of a kind both
    have that differs, no other race or day, and, where the title and ``c`` both name people by name,
    someone in common; in a text told in the first person, ``c`` names no one by name outside a sentence
    in the first person."""
    if ctx.title_end < 0 or ctx.tab.idx[c.start] < ctx.title_end or ctx.worded[c.sent] > TITLE_REACH:
        return None
    same = [r for r in records if r.activity == c.info.activity]
    if len(same) != 1 or ctx.tab.idx[same[0].primary.start] > ctx.title_end:
        return None
    r = same[0]
    if r.primary.status_name != c.status_name or _other_event(c, r) or dates.other_day(c, r):
        return None
    for q in c.quantities:
        theirs = next((t for x in r.clusters for t in x.quantities if t.kind == q.kind), None)
        if q.kind in FILLED and theirs is not None and not _same_amount(q, theirs):
            return None
    mine = {p["name"] for p in c.people if p.get("name")}  # a title names people by role ("Grandmother")
    if mine and ctx.first_person and c.sent not in ctx.first_person_sents:
        return None  # in the author's report, "Rhodri ran 47:58" is Rhodri's race, not the one the title tells
    told = {p["name"] for x in r.clusters if ctx.tab.idx[x.start] < ctx.title_end for p in x.people if p.get("name")}
    return r if not (mine and told) or mine & told else None


def _same_amount(a: Quantity, b: Quantity) -> bool:
    """Whether two distances or two times are the same within RESTATED_DISTANCE."""
    if a.kind == "distance":
        return bool(a.meters and b.meters) and math.isclose(a.meters, b.meters, rel_tol=RESTATED_DISTANCE)
    return bool(a.seconds and b.seconds) and math.isclose(a.seconds, b.seconds, rel_tol=RESTATED_DISTANCE)


def _other_event(c: Cluster, r: Record) -> bool:
    """Whether cluster ``c`` names an event and record ``r`` another one only ("four weeks to go to the
    Larkspur Marathon, and Tamsin five to the Brackenfold Marathon": two races of one length).  A name whose
    words are all in the other's is the same race written shorter ("the Larkspur Marathon", "the Acme
    Larkspur Marathon")."""
    if c.event is None:
        return False
    events = {o.event for o in r.clusters if o.event is not None}
    mine = set(c.event.lower().split())
    return bool(events) and not any(mine <= set(e.lower().split()) or set(e.lower().split()) <= mine
                                    for e in events)


def _may_follow(c: Cluster, r: Record) -> bool:
    """Whether cluster ``c`` may be more of record ``r``'s session: not where ``c`` is of another phase
    and told with how often it recurs, a routine or a series to come ("Today I rowed a 2 km test. Each
    month we'll row a 2 km test" are two)."""
    return not (_recurs(c) and statuses.meaning(c.status_name).phase
                != statuses.meaning(r.primary.status_name).phase)


def _recurs(c: Cluster) -> bool:
    """Whether cluster ``c`` is told with how often it recurs ("each month", "twice a week")."""
    return c.kind("frequency") is not None or (c.status is not None and c.status.frequency is not None)


RELATIVE_PRONOUNS = frozenset(("which", "that"))
OTHERS_POSSESSIVES = frozenset(("his", "her", "their"))  # a challenge told as someone else's: "her 30-day challenge"


def _relative(ctx: Context, real: list[Record], c: Cluster) -> Record | None:
    """Of ``real`` (the real records of ``c``'s activity, in order), the record that verb ``c`` tells more of in
    a relative clause right after one of its mentions:
    "the Oakley Trail 25K, which I ran in 2:45" is one session.  The clause is a relative pronoun
    (after a comma or not), an optional subject pronoun, then ``c``; what ends right before it (a
    mention, a quantity or an event of the record) must be of a real record of ``c``'s activity."""
    if c.info.form != "verb":
        return None
    lo, i = ctx.sents[c.sent][0], c.start - 1
    if i >= lo and ctx.lows[i] in SUBJECT_PRONOUNS:
        i -= 1
    if i < lo or ctx.lows[i] not in RELATIVE_PRONOUNS:
        return None
    i -= 1
    if i >= lo and ctx.lows[i] == ",":
        i -= 1
    if i < lo:
        return None
    end_char = ctx.tab.end[i]
    events = {e.info.name for e in ctx.events_in.get(c.sent, ()) if e.end == i + 1}
    for r in real:
        if any(x.sent == c.sent and (x.end == i + 1 or x.event in events
                                     or any(q.end == end_char for q in x.quantities)) for x in r.clusters):
            return r
    return None


def _fills(ctx: Context, last: Record | None, c: Cluster, routes: Routes) -> Record | None:
    """The record told just before verb ``c`` (``last``, that of the latest cluster placed: "paddled",
    "covered 24 km"; its last mention at most FILL_REACH sentences before) whose distance or time ``c``
    tells: "A kayaking trip from A to B. We paddled 4.2 miles." and "covered 302 miles and been cycling
    for 19 hours" are one session each.  It must be of ``c``'s activity and status
    (:func:`_status_fills`), with no other route, none of the amounts of FILLED that ``c`` has (a
    count, "16 flyovers", tells no session), a plausible pace with them, no other day or people
    (:func:`_same_day_and_people`, :func:`_other_when`), and no word of a further session ("another",
    "also", "then") before ``c`` in its sentence.  A named event or a race name ("the Lakeside 10K",
    "a marathon"), before or after, is a session of its own: it merges only by its event or distance
    (:func:`_same_session`)."""
    if c.race_only or _named(ctx, c) or c.info.form not in ("verb", "inferred"):
        return None
    if last is None or last.activity != c.info.activity or not _status_fills(ctx, c, last) \
            or not statuses.is_real(c.status_name) or routes.other(c, last) \
            or any(_named(ctx, x) for x in last.clusters):
        return None
    if not _goes_on(ctx, last, c, FILL_REACH):
        return None
    mine = {q.kind for q in c.quantities if q.kind in FILLED}
    if not mine or any(q.kind in mine for x in last.clusters for q in x.quantities) or not _pace_fits(c, last):
        return None
    if _other_when(ctx, c, last):
        return None
    if not _same_day_and_company(ctx, c, last):
        return None
    if c.status_name != last.primary.status_name:
        c.status = last.primary.status  # what is covered so far of a session under way is of that session
    return last


def _same_day_and_company(ctx: Context, c: Cluster, r: Record) -> bool:
    """Whether cluster ``c`` names no other day than record ``r`` and no people ``r`` does not name, but those a
    participle right after it brings along (:func:`_participle_after`)."""
    return _same_day_and_people(c, r) or _participle_after(ctx, c, r) and _no_other_day(c, r)


def _participle_after(ctx: Context, c: Cluster, r: Record) -> bool:
    """Whether verb ``c`` is a participle right after a comma in the sentence of record ``r``'s latest mention,
    with no subject of its own: it tells more of that session, and the people it names came along ("completed
    his 100th parkrun, running with his daughter Elin in 28:15")."""
    told = max(r.clusters, key=lambda x: x.start)
    return c.info.form == "verb" and c.sent == told.sent and c.start > 0 and ctx.lows[c.start - 1] == "," \
        and ctx.lows[c.start].endswith("ing")


def _lengths_counted(ctx: Context, last: Record | None, c: Cluster, routes: Routes) -> Record | None:
    """The record told just before ``c`` (``last``, as for :func:`_fills`) whose pool lengths ``c`` counts with
    no verb of its own: "Swam 2.4 km this morning, 96 lengths of 25 m" and "Swam 2 km (80 lengths)" are one
    swim each.  It must be of ``c``'s activity and status, with no other route, day or people (as for
    :func:`_fills`), and ``c`` tells no distance and no time that ``last`` has (one told by the lengths, "60
    lengths in 34 minutes", fills it in)."""
    if c.info.form == "verb" or not any(q.kind == "count" and q.unit in LENGTH_UNITS for q in c.quantities):
        return None
    if last is None or last.activity != c.info.activity or last.primary.status_name != c.status_name \
            or not statuses.is_real(c.status_name) or routes.other(c, last) or not _goes_on(ctx, last, c, FILL_REACH):
        return None
    mine = {q.kind for q in c.quantities if q.kind in FILLED}
    if any(q.kind in mine for x in last.clusters for q in x.quantities) or _other_when(ctx, c, last):
        return None
    return last if _same_day_and_people(c, last) else None


def _race_result(ctx: Context, last: Record | None, c: Cluster, routes: Routes) -> Record | None:
    """The named race told just before verb ``c`` (``last``, the record of the latest cluster placed, done, with
    an event and no time; its last mention at most FILL_REACH sentences before, no word of a further session
    between) whose time ``c`` tells with no distance of its own: "Did the Tarnby 10K this morning. Ran 44:10,
    a new PB!" is one race.  The time must be plausible for the race's distance, on no other day and of no
    other people (:func:`_same_day_and_people`) but those a participle right after the race brings along
    (:func:`_participle_after`)."""
    if c.info.form != "verb" or c.kind("duration") is None or c.kind("distance") is not None or _named(ctx, c):
        return None
    if last is None or last.activity != c.info.activity or not any(x.event for x in last.clusters) \
            or any(x.kind("duration") for x in last.clusters) or routes.other(c, last):
        return None
    done = statuses.meaning(c.status_name).phase == statuses.meaning(last.primary.status_name).phase == "done"
    if not done or not _goes_on(ctx, last, c, FILL_REACH) or not _pace_fits(c, last):
        return None
    return last if _same_day_and_company(ctx, c, last) else None


def _journey(ctx: Context, last: Record | None, c: Cluster, routes: Routes, dates: FirstDates) -> Record | None:
    """The journey under way told just before verb ``c`` (``last``, the record of the latest cluster
    placed, ongoing, its last mention at most JOURNEY_REACH sentences before) that ``c`` tells a part
    of: what is done so far, what is ahead and how far a day ("has begun a rowing expedition ... After
    covering 300 km in nine days ... The crew hopes to cover 900 km" is one journey).  ``c`` must be a
    verb of the journey's activity, not a named race, with no other route or day, no people the
    journey does not name, and going on from it (:func:`_goes_on`).  A place reached on the way is no
    other route: only another start is."""
    if c.race_only or _named(ctx, c) or c.info.form not in ("verb", "inferred"):
        return None
    if last is None or last.activity != c.info.activity or not _journey_under_way(ctx, last.primary, c) \
            or routes.other(c, last, ("from",)) or dates.other_day(c, last):
        return None
    if not _goes_on(ctx, last, c, JOURNEY_REACH):
        return None
    return last if _same_day_and_people(c, last) else None


def _journey_under_way(ctx: Context, first: Cluster, c: Cluster) -> bool:
    """Whether cluster ``first`` tells a journey under way that ``c`` may tell a part of: a journey noun
    (:func:`_under_way`), or a verb under way with a distance longer than ``c``'s ("is walking 1,000 miles
    around the coast ... has so far covered 420 miles")."""
    if _under_way(ctx, first):
        return True
    whole, part = first.kind("distance"), c.kind("distance")
    if first.kind("repetition") is not None or c.kind("repetition") is not None:
        return False  # a streak of days is no journey ("8 km running for 12 days so far")
    return first.status_name == "ongoing" and first.info.form == "verb" and whole is not None \
        and part is not None and bool(whole.meters and part.meters) and part.meters < whole.meters


def _daily_share(ctx: Context, last: Record | None, c: Cluster, routes: Routes) -> Record | None:
    """The effort of many days told just before ``c`` (``last``, the record of the latest cluster placed,
    real, of ``c``'s activity and phase, its last mention at most JOURNEY_REACH sentences before) whose
    daily share ``c`` tells: a distance a day, at most a DAILY_SHARE-th of the effort's ("completed a
    500-mile walk ... walking around 15 miles a day"; a participle after a comma goes on with the clause
    before it, whatever routine its "a day" reads as).  Not from another start, nor of people the effort
    names none of (one told first as "a grandmother" may be named after)."""
    d, f = c.kind("distance"), c.kind("frequency")
    if d is None or not d.meters or f is None or f.frequency != "daily":
        return None
    if last is None or last.activity != c.info.activity or not statuses.is_real(last.primary.status_name):
        return None
    participle = c.start > 0 and ctx.lows[c.start - 1] == "," and ctx.lows[c.start].endswith("ing")
    if not participle and statuses.meaning(c.status_name).phase != statuses.meaning(last.primary.status_name).phase:
        return None  # "I ran a marathon on Sunday. I usually run 10 km a day": a routine, no share of it
    total = last.distance()
    if total is None or not total.meters or total.meters < DAILY_SHARE * d.meters \
            or routes.other(c, last, ("from",)) or not _goes_on(ctx, last, c, JOURNEY_REACH):
        return None
    named = {p["name"] for x in last.clusters for p in x.people if p.get("name")}
    return last if not named or {p["name"] for p in c.people if p.get("name")} <= named else None


def _goes_on(ctx: Context, r: Record, c: Cluster, reach: int) -> bool:
    """Whether cluster ``c`` goes on from record ``r``'s latest mention: after it, at most ``reach``
    sentences on, with no word of a further session ("another", "also", "then") between them in its
    sentence."""
    told = max(r.clusters, key=lambda x: x.start)
    if told.start >= c.start or ctx.worded_between(told.sent, c.sent) > reach:
        return False
    lo = max(ctx.sents[c.sent][0], told.end if told.sent == c.sent else 0)
    words = ctx.lows[lo:c.start]
    if ctx.lexicon.further_session.isdisjoint(words):
        return True
    # the words of the record's own amounts are no further session's ("has run every day since ..., clocking up")
    own = {k for q in told.quantities
           for k in range(bisect_left(ctx.tab.idx, q.start), bisect_left(ctx.tab.idx, q.end))}
    return ctx.lexicon.further_session.isdisjoint(w for k, w in enumerate(words, lo) if k not in own)


def _status_fills(ctx: Context, c: Cluster, r: Record) -> bool:
    """Whether cluster ``c`` may fill in record ``r`` by their statuses: the same, or a distance
    covered so far with no activity word of its own in a session under way ("All through June I'm
    walking 15,000 steps a day ... By day 12 I had covered 150 miles"), or one told by a participle with
    no status of its own, which has no tense but its clause's ("we will walk 9 hours, covering 13 km")."""
    mine, theirs = c.status_name, r.primary.status_name
    if c.info.form == "inferred" and c.status is None and ctx.lows[c.start].endswith("ing"):
        return True
    return mine == theirs or (theirs, mine) == ("ongoing", "completed") and c.info.form == "inferred"


def _other_when(ctx: Context, c: Cluster, r: Record) -> bool:
    """Whether the sentence of ``c`` names a day or a time of day (``when`` words) that the sentences of
    record ``r`` do not: "Did a 45 minute run in the morning. Ran 6 km in the evening." are two."""
    when = ctx.lexicon.when_words
    theirs = {w for n in r.sents() for w in ctx.sentence_words(n) if w in when}
    return not (ctx.sentence_words(c.sent) & when) <= theirs


def _pace_fits(c: Cluster, r: Record) -> bool:
    """Whether the distance and the time of ``c`` and record ``r`` together, where there are both, give
    a plausible speed for the activity (``models/speeds.json``): "Ran for 20 minutes. Ran 42 km." are two."""
    clusters = [c, *r.clusters]
    meters = next((q.meters for x in clusters for q in x.quantities if q.kind == "distance"), None)
    time = next((q for x in clusters for q in x.quantities if q.kind == "duration"), None)
    return meters is None or time is None or fitting(time, c.info.activity, meters) is not None


def _named(ctx: Context, c: Cluster) -> bool:
    """Whether cluster ``c`` is a named event: it has one, or its activity word ends a capitalised name
    ("the Ashby Ridge Hill Climb")."""
    i = c.start
    return c.event is not None or (ctx.tab.text[i][:1].isupper() and i > ctx.sents[c.sent][0]
                                   and ctx.tab.text[i - 1][:1].isupper())


class FirstDates:
    """The first date said outside quotes of each record's clusters, as they join it, by record (a record
    only ever gains clusters, so its first stays first)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.first: dict[int, DateRef] = {}  # id of a record -> its first date told

    def add(self, r: Record, c: Cluster) -> None:
        if c.date is not None and id(r) not in self.first and _told(self.ctx, c.date):
            self.first[id(r)] = c.date

    def other_day(self, c: Cluster, r: Record) -> bool:
        """Whether cluster ``c`` and record ``r`` are dated, outside quotes, on days that cannot be one:
        "Ran 10 km on Monday. Ran 10 km on Wednesday." and "the 2009 Lakeside Marathon ... On Sunday he
        finished the Lakeside Marathon" are two sessions each.  A year, month or week is compared as
        that span; a quoted caption's "today" is the caption's day (:func:`_unquote_date`), so it
        decides nothing."""
        theirs = self.first.get(id(r))
        if theirs is None or not _told(self.ctx, c.date):
            return False
        return not (within(c.date, theirs.value) or within(theirs, c.date.value))


def _one_day(a: DateRef, b: DateRef) -> bool:
    """Whether two dates name the same day: by value where both have one, else by their words."""
    if a.value is not None and b.value is not None:
        return a.value == b.value
    return a.text.lower() == b.text.lower()


def _session_time(ctx: Context, span: ext.Mention) -> bool:
    """Whether a time in a sentence with no activity can be a session's: one under a day, or a day or more
    told as what it took ("completed in 12 days", "took us nine days": ``long_times`` of
    ``models/linking.json``; "finished in Larkspur Bay 12 days later": "later" after a verb of ending,
    ``end_verbs`` of places.json), not time spent otherwise ("was at work the whole day", "stayed in for
    two weeks", "two days later we met")."""
    seconds = span.info.seconds
    if seconds is None or seconds < DAY or elapsed_later(ctx, span):
        return True
    return not ctx.lexicon.long_time_words.isdisjoint(ctx.lows[max(0, span.start - 2):span.start])


def _same_day_and_people(c: Cluster, r: Record) -> bool:
    """Whether cluster ``c`` names no other day than record ``r`` (by value, else by its words) and no
    people ``r`` does not name ("I ran for 30 minutes. My wife ran 10 km." are two)."""
    if not _no_other_day(c, r):
        return False
    mine = {_who(p) for p in c.people}
    return mine <= {_who(p) for x in r.clusters for p in x.people}


def _others_named(ctx: Context, c: Cluster, r: Record) -> bool:
    """Whether cluster ``c``, told with a time of its own or as a race done (a definite noun after a word of
    doing: "won the race"), and record ``r`` each name people by name and share none: "Jonas Berg ran the
    marathon in 3:10. Tamsin Hale completed the marathon in 3:40" are two sessions, and so are "Tamsin Hale,
    81, finished the marathon. Jonas Berg won the race"."""
    mine = {p["name"] for p in c.people if p.get("name")}
    if not mine or c.kind("duration") is None and not (c.definite and does(ctx, c)):
        return False
    theirs = {p["name"] for x in r.clusters for p in x.people if p.get("name")}
    return bool(theirs) and mine.isdisjoint(theirs)


def _who(p: dict) -> str | None:
    """A person attached to a cluster, as a name, a handle or a relation ("my wife")."""
    return p.get("name") or p.get("handle") or p.get("relation")


def _listed(ctx: Context, c: Cluster, r: Record) -> bool:
    """Whether ``c`` is a further item of a list the last mention of ``r`` is in: "an October half
    marathon and a December half marathon" are two races of one length (:func:`_list_start`)."""
    last = r.clusters[-1]
    return last.sent == c.sent and last.end <= _list_start(ctx, c)


def _list_start(ctx: Context, c: Cluster) -> int:
    """The last token before cluster ``c`` from which on both a join of a list ("and", ",") and a word
    opening an item of one ("a", "another") come before ``c``: a mention of its sentence that ends there
    or before is an earlier item of the list ``c`` goes on; -1 where there is none."""
    joins, openers = ctx.list_joins_at, ctx.list_openers_at
    j, o = bisect_left(joins, c.start) - 1, bisect_left(openers, c.start) - 1
    return min(joins[j], openers[o]) if j >= 0 and o >= 0 else -1


def _restates(ctx: Context, c: Cluster, r: Record) -> bool:
    """Whether a mention with an amount tells the record ``r`` again: a definite or possessive noun
    ("our 100km ride", "the race"), or a verb with one as its object ("ran the race in 52 minutes"), of
    its phase whose distance (within 5 %), time (:func:`_times_agree`) and date agree with it."""
    if not (c.info.form in ("noun", "race", "verb") and c.definite):
        return False
    if statuses.meaning(c.status_name).phase != statuses.meaning(r.primary.status_name).phase:
        return False
    d, rd = c.kind("distance"), r.distance()
    if d is not None and rd is not None and not math.isclose(d.meters, rd.meters, rel_tol=RESTATED_DISTANCE):
        return False
    t = c.kind("duration")
    rt = next((x.kind("duration") for x in r.clusters if x.kind("duration") is not None), None)
    if t is not None and rt is not None and t.seconds and rt.seconds and not _times_agree(ctx, t, rt):
        return False  # "the circuit took me 31 minutes" ... "today I did the circuit in 24:10": two
    dates = {x.date.value for x in r.clusters if x.date is not None and x.date.value is not None}
    return c.date is None or c.date.value is None or not dates or c.date.value in dates


def _times_agree(ctx: Context, a: Quantity, b: Quantity) -> bool:
    """Whether times ``a`` and ``b`` may be one session's: within 5 % of each other; else where one is told
    as a bound (``time_bounds`` of linking.json), the other on its side of it ("took just under 9 minutes"
    agrees with 8:40, not with 13:40; "over 50 minutes" not with 41:30), and else where one is an estimate
    ("about an hour")."""
    if math.isclose(a.seconds, b.seconds, rel_tol=RESTATED_DISTANCE):
        return True
    bounded = False
    for x, y in ((a, b), (b, a)):
        side = _bound(ctx, x)
        if side == "at_most" and y.seconds > x.seconds * (1 + RESTATED_DISTANCE) \
                or side == "at_least" and y.seconds < x.seconds * (1 - RESTATED_DISTANCE):
            return False
        bounded = bounded or side is not None
    return bounded or a.approximate or b.approximate


def _bound(ctx: Context, q: Quantity) -> str | None:
    """"at_most" or "at_least" where one of those phrases of ``time_bounds`` ends right before
    quantity ``q``, else None."""
    i = bisect_left(ctx.tab.idx, q.start)
    lows, lex = ctx.lows, ctx.lexicon
    for side, phrases in (("at_most", lex.at_most), ("at_least", lex.at_least)):
        if any(i >= len(p) and tuple(lows[i - len(p):i]) == p for p in phrases):
            return side
    return None


def _referred(ctx: Context, records: list[Record], c: Cluster, routes: Routes,
              dates: FirstDates, real_of: dict[str, list[Record]],
              mixed: dict[int, dict[str, list[int]]]) -> Record | None:
    """The real record of its activity that the bare (or race-only, definite) cluster ``c`` refers to, of
    those with no other route (:meth:`Routes.other`) and, where ``c`` names an event or a race ("ran his
    first marathon in 1989"), no other day (:meth:`FirstDates.other_day`): the first with its event, else
    the first of its challenge (:func:`_same_challenge`), else the first with its race distance, else
    (definite) the one with the latest cluster before it (of its phase where it names an event; the name of
    one race may be written in many ways), else the nearest of its phase
    (:func:`_nearest`).  A bare mention on another day ("took up running in 2018") is no session of
    its own, so it still joins; a verb told as a further session ("he also swam the bay") joins none, nor
    one that a session of another activity parts from a record (``mixed``: :func:`_other_session_between`)."""
    meaning = statuses.meaning(c.status_name)
    if not meaning.joins or _told_as_further(ctx, c) or told_as_cause(ctx, c):
        return None
    same = [r for r in _fitting(ctx, records, real_of.get(c.info.activity, []), c)
            if not routes.other(c, r) and not ((c.event or c.race_only) and dates.other_day(c, r))
            and not _day_of_streak(c, r) and not _others_named(ctx, c, r)
            and not _other_session_between(r, c, mixed) and not _commute_back(ctx, c, [r])]
    if not same:
        return None  # each rule below picks one of ``same``
    target = None
    if c.event:
        target = next((r for r in same if any(o.event == c.event for o in r.clusters)), None)
    if target is None:
        target = next((r for r in same if _same_challenge(ctx, c, r)), None)
    if target is None and c.race_only:
        d = c.kind("distance")
        target = next((r for r in same if same_distance(d, r.distance())), None)
        if ctx.lows[c.start - 1] not in ("the", "that", "this"):
            # "my first marathon" names a race of its own: "the marathon" may be any told before
            same = [r for r in same if r.distance() is None or same_distance(d, r.distance())]
        else:  # nor, on another day, a race another race name gave its distance: "ran the half last spring.
            # This year he completed the full" (but the Marathon may be a half marathon's, on its day)
            same = [r for r in same if not (_other_race(d, r) and dates.other_day(c, r))]
    if target is None and c.definite:
        before = [r for r in same if min(x.start for x in r.clusters) < c.start]
        if c.event:  # a race named for another phase is another session: "25 km today. The X Marathon is a month away"
            phase = statuses.meaning(c.status_name).phase
            before = [r for r in before if statuses.meaning(r.primary.status_name).phase == phase]
        target = max(before, key=lambda r: max(x.start for x in r.clusters if x.start < c.start), default=None)
    reach = meaning.reach
    if _restated_routine(c):
        reach = ROUTINE_REACH
    if _ranked(ctx, c):
        reach = len(ctx.sents)  # "one of the easiest rides so far": the session the text tells, however far
    if target is None and reach is not None:
        target = _nearest(ctx, same, c, reach)
    if target is None:
        target = _sole_session(ctx, same, c)
    return target


PART_REACH = 4  # an exercise at most this many sentences from a workout's mention, in its block of lines, is its part


def _parts_of_workouts(ctx: Context, records: list[Record]) -> list[Record]:
    """``records`` with each record of exercises alone, done, joined to the workout done that it is a part of
    (:func:`_workout_of`): a workout is made of exercises, which are no sessions of their own ("Crossfit
    tonight with Jonas. The WOD was brutal: 5 rounds of 10 burpees, 15 kettlebell swings"), and whose counts
    are none of the workout's."""
    # the workouts' mentions, in order of start, each with its record
    mentions = sorted(((x, w) for w in records if w.activity == "workout" and _done(w) for x in w.clusters),
                      key=lambda m: m[0].start)
    if not mentions:
        return records
    starts = [x.start for x, _ in mentions]
    out = []
    for r in records:
        whole = _workout_of(ctx, r, mentions, starts) if all(c.info.exercise for c in r.clusters) and _done(r) \
            else None
        if whole is None:
            out.append(r)
            continue
        for c in r.clusters:  # how many of an exercise counts no session: the workout has no count of its own
            c.quantities = [q for q in c.quantities if q.kind != "count"]
        whole.clusters.extend(r.clusters)
    return out


def _done(r: Record) -> bool:
    return statuses.meaning(r.primary.status_name).phase == "done"


def _workout_of(ctx: Context, r: Record, mentions: list[tuple[Cluster, Record]], starts: list[int]) -> Record | None:
    """The workout whose mention comes nearest before or after record ``r``'s clusters (``mentions``: the
    workouts' mentions with their records, in order of ``starts``), when that is at most PART_REACH sentences
    away with no blank line between ("WOD" over "21-15-9 thrusters and pull-ups"; "Deadlifts at 60 kg, then
    50 kg. The WOD took me 9 minutes"); the one before on a tie."""
    lo, hi = min(c.start for c in r.clusters), max(c.end for c in r.clusters)
    k, j = bisect_left(starts, lo), bisect_left(starts, hi)
    near = []
    if k:
        x, w = mentions[k - 1]
        near.append((ctx.sent_of[lo] - x.sent, x.end, lo, w))
    if j < len(mentions):
        x, w = mentions[j]
        near.append((x.sent - ctx.sent_of[hi - 1], hi - 1, x.start, w))
    for gap, a, b, w in sorted(near, key=lambda m: m[0]):
        if gap <= PART_REACH and not ctx.blank_line_between(a, b):
            return w
    return None


def _commute_back(ctx: Context, c: Cluster, records: list[Record]) -> bool:
    """Whether cluster ``c`` is the way back of a commute one of ``records`` went: its word followed by a
    ``return_words`` word ("the ride home", "cycled back home"), and a cluster of the record told going to
    one of the ``commutes`` places of linking.json ("Rode to the office at 7"; a run "to the lake and back"
    is one session)."""
    if c.end >= ctx.tab.n or ctx.lows[c.end] not in ctx.lexicon.return_words or ctx.goes_to_work(c.end):
        return False
    return any(ctx.goes_to_work(x.end) for r in records for x in r.clusters if x.start < c.start)


def _other_race(d: Quantity | None, r: Record) -> bool:
    """Whether record ``r`` is a race of another distance than ``d`` by its name alone: each of its
    distances is one a race name implies ("the half"), and not ``d`` ("the full" is another race)."""
    theirs = [x.kind("distance") for x in r.clusters if x.kind("distance") is not None]
    return bool(theirs) and all(x.race_only for x in r.clusters if x.kind("distance") is not None) \
        and not same_distance(d, theirs[0])


def _mixed_sentences(clusters: list[Cluster]) -> dict[int, dict[str, list[int]]]:
    """The sentences that hold real verb clusters of two activities or more ("Cycled to the pool, swam 2 km,
    cycled home"), each with where those clusters start, by activity, in order (``clusters`` are in order)."""
    verbs: dict[int, dict[str, list[int]]] = {}
    for c in clusters:
        if c.info.form == "verb" and statuses.is_real(c.status_name):
            verbs.setdefault(c.sent, {}).setdefault(c.info.activity, []).append(c.start)
    return {n: by_activity for n, by_activity in verbs.items() if len(by_activity) > 1}


def _other_session_between(r: Record, c: Cluster, mixed: dict[int, dict[str, list[int]]]) -> bool:
    """Whether, in the sentence of verb ``c``, a session of another activity is told by a verb between
    record ``r``'s latest mention before ``c`` and ``c``: "Cycled 15 km to the pool, swam 2 km, cycled
    home" tells two rides.  ``mixed``: the sentences with verbs of two activities or more
    (:func:`_mixed_sentences`), the only ones where that can be."""
    verbs = mixed.get(c.sent)
    if verbs is None or c.info.form != "verb":
        return False  # no verb of another activity in its sentence: nothing between
    before = [x.start for x in r.clusters if x.sent == c.sent and x.start < c.start]
    if not before:
        return False
    last = max(before)
    for activity, starts in verbs.items():
        k = bisect_right(starts, last)  # the first verb of the activity after the record's latest mention
        if activity != c.info.activity and k < len(starts) and starts[k] < c.start:
            return True
    return False


def _sole_session(ctx: Context, same: list[Record], c: Cluster) -> Record | None:
    """The one done record of ``same`` (those of ``c``'s activity) that the bare verb ``c``, done and told
    with its day, tells however far before it: "I kayaked the Brackenfold River today with Oona and Piet.
    ... We started at the boat club and paddled the 6 km to Tarn Park." (none where there are two, or where
    the record's sentences name a day or a time of day that ``c``'s does not: "I ran this morning with Jo.
    ... In the evening I ran 8 km." are two)."""
    if c.info.form != "verb" or c.date is None or c.date.granularity != "day" \
            or statuses.meaning(c.status_name).phase != "done":
        return None
    done = [r for r in same if statuses.meaning(r.primary.status_name).phase == "done"]
    if len(done) != 1 or not _no_other_day(c, done[0]):
        return None
    when = ctx.lexicon.when_words
    theirs = {w for n in done[0].sents() for w in ctx.sentence_words(n) if w in when}
    return done[0] if theirs <= ctx.sentence_words(c.sent) else None


def _no_other_day(c: Cluster, r: Record) -> bool:
    """Whether cluster ``c`` names no other day than record ``r`` (by value, else by its words)."""
    if c.date is None:
        return True
    theirs = next((x.date for x in r.clusters if x.date is not None), None)
    return theirs is None or _one_day(c.date, theirs)


def _ranked(ctx: Context, c: Cluster) -> bool:
    """Whether the bare cluster ``c`` is ranked among others of its kind: a ``ranking`` phrase, a definite
    word and at most ``ranking_reach`` words (all letters) right before it ("one of the easiest rides so
    far", "one of my best swims"), or a superlative before it and "ever" after ("the toughest ride
    I've ever done")."""
    lex, lows = ctx.lexicon, ctx.lows
    if "ever" in lows[c.end:c.end + EVER_REACH] and _superlative_before(lows, c.start):
        return True  # "the toughest ride I've ever done": the session the text tells, ranked
    if not ctx.words_at("ranking_lasts"):
        return False  # no ranking phrase in the text
    for k in range(c.start - 1, max(-1, c.start - 2 - lex.ranking_reach), -1):
        if lows[k] in lex.definite:
            return any(k >= len(p) and tuple(lows[k - len(p):k]) == p for p in lex.ranking)
        if not lows[k].isalpha():
            return False
    return False


EVER_REACH = 5  # "ever" at most this many tokens after a ranked noun: "the best run [I 've] ever done"
SUPERLATIVE_REACH = 4  # at most this many words between "the" and a ranked noun: "the toughest and wettest ride"


def _superlative_before(lows: list[str], start: int) -> bool:
    """Whether "the" and a superlative ("most", "best", a word in -est) stand before token ``start`` with
    at most SUPERLATIVE_REACH words (all letters) from "the" on."""
    for k in range(start - 1, max(-1, start - 2 - SUPERLATIVE_REACH), -1):
        if lows[k] == "the":
            return any(w in ("most", "best", "worst") or w.endswith("est") and len(w) > 4 for w in lows[k + 1:start])
        if not lows[k].isalpha():
            return False
    return False


def _told_as_further(ctx: Context, c: Cluster) -> bool:
    """Whether verb ``c`` is told as a further session: "also" right before it ("He swam the strait in
    June. In spring he also swam across the bay."; not "another runner and I sprinted")."""
    return c.info.form == "verb" and c.start > 0 and ctx.lows[c.start - 1] == "also"


def _restated_routine(c: Cluster) -> bool:
    """A routine in the present simple with no cue of its own ("I just swim until my arms tire"):
    it goes on with the routine told just before, rather than being one of its own."""
    return c.status_name == "habitual" and c.status is not None and c.status.cue is None


def _nearest(ctx: Context, same: list[Record], c: Cluster, reach: int) -> Record | None:
    """The first of the records ``same`` closest to ``c`` by sentences with words, at most ``reach`` away (a
    paragraph break between them or not: a report goes on with its session in the next paragraph) and (unless ``c``
    is hypothetical) of its phase."""
    n, status = c.sent, c.status_name
    phase = statuses.meaning(status).phase
    worded = ctx.worded  # a blank line between paragraphs, a sentence of its own to some splitters, is none
    best, best_dist = None, 0
    for r in same:
        sents = r.sents()
        dist = min(abs(worded[s] - worded[n]) for s in sents)
        if dist <= reach and (best is None or dist < best_dist) \
                and (status == "hypothetical" or phase == statuses.meaning(r.primary.status_name).phase
                     or _tense_only_reference(c)):
            best, best_dist = r, dist
    return best


def _tense_only_reference(c: Cluster) -> bool:
    """A definite or possessive noun whose status only its verb's tense gave ("I'm chuffed with my
    run"): it takes the phase of the record it refers to."""
    return c.definite and c.info.form in ("noun", "race") and (c.status is None or c.status.cue is None)


def lend_orphans(ctx: Context, records: list[Record], clusters: list[Cluster]) -> None:
    """A distance or time in a sentence with no cluster, not a part or a sum of sessions
    (:func:`_segment`, :func:`_sum_of_sessions`) nor the amount of an activity word right after it, goes
    to the real record at most LEND_REACH sentences before that has none or the same (a distance: of an activity that
    covers one, not push-ups or yoga; a time: only to one whose last mention is at most TIME_REACH
    sentences before, on no other day, and, an exact time, to one with a rough time it may refine);
    else a distance on a log line (:func:`_log_line`) is logged (:func:`_add_logged`).  A
    distance on a stage line ("Day 4 A to B 56 miles") goes to the record told in the lines after it
    (:func:`_add_stage`).  The places where it was of a first-person sentence ("We hit Benton Lake.")
    go to the record before, if that has none; a sentence with a companion cue lends it its people
    (with no record before, to the record told next: "Tamsin and Rhodri came along. We ran 10 km.").
    A further distance on another day in a cluster's sentence is a session of its own
    (:func:`_split_ellipses`)."""
    with_cluster = {c.sent for c in clusters}
    real = RealRecords(ctx, records)
    _split_challenge_days(ctx, real)
    taken = {id(q) for c in clusters for q in c.quantities}
    left = [s for s in ctx.mentions[ext.QUANTITIES] if s.info.kind == "distance" and id(s.info) not in taken]
    if left:  # a session split off a cluster's sentence is made of a distance no cluster took
        split = _split_ellipses(ctx, real, clusters, left) | _split_made_up(ctx, real, clusters, left)
        split |= _split_beside_no_distance(ctx, real, clusters, [s for s in left if id(s.info) not in split])
        split |= _split_day_led(ctx, real, clusters, taken | split)
        _split_period_lists(ctx, real, clusters, split)
    _lend_places(ctx, real, with_cluster)
    sent_of = ctx.sent_of
    # the amounts of the sentences with no cluster, and those no cluster took in a sentence whose clusters are
    # all of sessions not done ("45 minutes and I could barely walk afterwards"), but for one told after such a
    # session and "so", "but" or "instead", which is the session done in its place or none (_split_made_up)
    real_sents = {c.sent for c in clusters if statuses.is_real(c.status_name)}
    not_done: dict[int, list[Cluster]] = {}
    for c in clusters:
        if c.sent not in real_sents:
            not_done.setdefault(c.sent, []).append(c)
    orphans = [span for span in ctx.mentions[ext.QUANTITIES] if span.info.kind in ("distance", "duration")
               and (sent_of[span.start] not in with_cluster
                    or sent_of[span.start] in not_done and id(span.info) not in taken
                    and not any(made_up_after(ctx, c, span) for c in not_done[sent_of[span.start]]))]
    if orphans:
        _lend_amounts(ctx, real, orphans)
    _lend_company(ctx, real, with_cluster)


def _lend_amounts(ctx: Context, real: RealRecords, orphans: list[ext.Mention]) -> None:
    """Each distance or time of ``orphans`` (in order; each in a sentence with no cluster) to the record
    it goes to, by the rules of :func:`lend_orphans`."""
    mention_starts = {m.start for m in ctx.mentions[ext.ACTIVITIES]}
    results = SentenceResults(ctx)
    for span in orphans:
        n = ctx.sent_of[span.start]
        q = span.info
        prev = real.before(n)
        if q.kind == "duration" and prev is None:
            if _timed_repeats(ctx, span):
                _add_logged(ctx, real, span, None)  # "6 x 3 min hard, 2 min jog between": a session of repeats
            continue  # another time with no record before it has nowhere to go
        if q.kind == "distance" and prev is not None and _total_of_set(ctx, real, prev, span):
            continue  # "5 x 1 km at 4:20, 10 km total": the session's distance, its repeats within
        if _segment(ctx, span) or (q.kind == "distance" and _period_volume(ctx, span)):
            continue
        if q.kind == "duration" and multisport_total(ctx, real.records, span, n) is not None:
            continue  # "Total 1:17:30" under a triathlon's legs: the race's, given with the results
        if span.end in mention_starts:
            continue  # the amount of the activity word right after it, attached to it already
        if q.kind == "duration" and prev is not None and _add_others_result(ctx, real, span, prev):
            continue  # "Elin Moss was the first woman home in 2:38:05": her race, after the race told
        if q.kind == "duration" and (not _session_time(ctx, span) or results.holds(n)
                                     or span.start in ctx.others_name_ends):
            continue  # not a session's time, or a result beside it, or someone's result ("Jonas Berg 31:02")
        if q.kind == "distance" and (_join_set_list(ctx, real, span) or _total_of_opening(ctx, real, span)):
            continue
        if q.kind == "distance" and _sum_of_sessions(ctx, real.records, q, n):
            continue
        stage = _stage_of(ctx, n) if q.kind == "distance" else None
        if stage is not None:
            _add_stage(ctx, real, span, prev, stage)
            continue
        if q.kind == "distance" and prev is not None and _repeats_within(ctx, prev, span):
            continue  # "12 km with 4 x 1 mile at threshold", "3.2k total. Main set 8 x 200": the session's repeats
        if q.kind == "distance" and prev is not None and prev.activity in NOT_ENDURANCE:
            prev = None  # push-ups or yoga cover no distance: the distance is of another session
        carrier = _lent(ctx, prev, span) if prev is not None else None
        if carrier is not None:
            real.add_cluster(prev, carrier)
        elif q.kind == "distance" and _log_line(ctx, span):
            _add_logged(ctx, real, span, prev)


def _add_others_result(ctx: Context, real: RealRecords, span: ext.Mention, prev: Record) -> bool:
    """Whether the time ``span``, a result (:func:`_result`: "home in 2:38:05", "finished third in 2:25:12")
    of a person named opening its clause (or a relative, named or not: "her husband Jonas", "her husband") who
    took no part in record ``prev`` before it, a named race done by others, in a text not told in the first
    person, is that person's session of the race ("Jonas Berg won the Tarnside Marathon in 2:21:40. Elin Moss
    was the first woman home in 2:38:05"); if so it is added as a record of its own, with the race's event,
    distance and day."""
    event = next((c.event for c in prev.clusters if c.event), None)
    if event is None or ctx.first_person or statuses.meaning(prev.primary.status_name).phase != "done" \
            or not _result(ctx, span):
        return False  # in a post told in the first person, the others named in a race ran it with the author
    n, lo = ctx.sent_of[span.start], ctx.clause_start(span.start)
    if ctx.lows[lo] in OTHERS_POSSESSIVES:  # "Her husband Jonas finished in 3:55:20": the relative, named or not
        lo += 1
    person = next((p for p in ctx.people_back(n, span.start, lo) if p.start == lo and not p.info.pronoun), None)
    if person is None or non_participant(ctx, person):
        return False
    names = [x for x in names_of(ctx, person) if x["name"] or x["relation"]]  # "Her husband finished in 3:55:20"
    theirs = {p["name"] for c in prev.clusters for p in c.people}
    if not names or not theirs or any(x["name"] in theirs for x in names):
        return False  # (a race told with no one is the session of the one whose result follows)
    length = prev.distance()
    result = Cluster(start=span.start, end=span.end, sent=n, info=prev.primary.info, status=prev.primary.status,
                     head=span.start, inferred=True, event=event,
                     quantities=[span.info] + ([length] if length is not None else []), people=names,
                     date=next((c.date for c in prev.clusters if c.date is not None), None))
    real.add_record(Record([result]))
    return True


def _total_of_set(ctx: Context, real: RealRecords, prev: Record, span: ext.Mention) -> bool:
    """Whether the distance ``span``, labelled a total (:meth:`Context.total_label`) in a sentence of record ``prev``,
    the record before it, is longer than ``prev``'s distance, a set of repeats: the whole session's, the
    repeats within it ("Wed: 5 x 1 km at 4:20, 10 km total"); if so it becomes ``prev``'s distance."""
    q, d = span.info, prev.distance()
    n = ctx.sent_of[span.start]
    if d is None or (d.times or 0) < 2 or not d.meters or not q.meters or q.meters <= d.meters \
            or not ctx.total_label(span.start, span.end) or n not in prev.sents():
        return False
    real.add_cluster(prev, Cluster(start=span.start, end=span.end, sent=n, info=prev.primary.info, quantities=[q],
                                   inferred=True, total=True))
    return True


def _repeats_within(ctx: Context, prev: Record, span: ext.Mention) -> bool:
    """Whether the distance ``span`` is a set of repeats shorter than the distance of record ``prev``, the
    record before it, in a sentence that names no day or is ``prev``'s: the repeats of that session ("12 km
    with 4 x 1 mile at threshold"), not a session of their own."""
    q, whole = span.info, prev.distance()
    if (q.times or 0) < 2 or whole is None or not whole.meters or not q.meters or q.meters >= whole.meters:
        return False
    n = ctx.sent_of[span.start]
    return n in {c.sent for c in prev.clusters} or not ctx.dates_in.get(n)


def _lent(ctx: Context, prev: Record, span: ext.Mention) -> Cluster | None:
    """The cluster that lends the distance or time ``span`` to record ``prev``, where it fits (a distance:
    ``prev`` has none or the same and names no other day; a time: :func:`_time_fits` and the same day and
    people), with the date
    and, a distance, the company and the places told with it ("First ride on the new bike! 25 km with Jess
    and Mo.", "First swim of the season! 1.2 km at Tarn Lake."); None
    where it does not fit, or where ``prev`` is a routine and the sentence tells a day, or the sentence tells
    another start or end than ``prev``'s (:func:`_own_route`): a session of its own."""
    q, n = span.info, ctx.sent_of[span.start]
    if q.kind == "distance":
        fits = (prev.distance() is None or same_distance(prev.distance(), q)) and not _own_route(ctx, prev, n)
    else:
        fits = _time_fits(ctx, prev, q, n)
    if not fits:
        return None
    carrier = Cluster(start=span.start, end=span.end, sent=n, info=prev.primary.info, quantities=[q], inferred=True)
    attach_date(ctx, carrier)
    if carrier.date is not None and _routine(prev):
        return None  # "I ride until I hit my target. Today's target was 60 km.": a day's session, not the routine's
    if q.kind == "duration" and not _same_day_and_people(carrier, prev):
        return None  # "My best there was 21:40, a few years ago": another day's time
    if q.kind == "distance" and not _no_other_day(carrier, prev):
        return None  # "Sun 45 min on the bike. Mon 10 km easy.": another day's session
    if q.kind == "distance":
        attach_company(ctx, carrier)
        carrier.places.extend(p for p in _places_of(ctx, n) if p["role"] == "at")  # "1.2 km at Tarn Lake"
    return carrier


def _own_route(ctx: Context, r: Record, n: int) -> bool:
    """Whether sentence ``n`` tells a start or an end other than record ``r``'s ("I'm walking from Brackenfold to
    Larkspur Bay. Day 12 today: 28 km from Tarnside to Marlow Vale.": the day's stage, a session of its own)."""
    mine = {(p.info.role, p.info.name) for p in ctx.places_in.get(n, ()) if p.info.role in ("from", "to")}
    if not mine:
        return False
    theirs = {(p["role"], p["name"]) for c in r.clusters for p in c.places if p["role"] in ("from", "to")}
    roles = {role for role, _ in theirs}
    return any(role in roles and (role, name) not in theirs for role, name in mine)


def _routine(r: Record) -> bool:
    """Whether record ``r`` is a routine ("On Saturdays I ride until I hit my target")."""
    return statuses.meaning(r.primary.status_name).phase == "habitual"


FORM_REACH = 12  # a form's lines read on for the record its company line opens, at most
FORM_LABEL_WORDS = 3  # a form's label ("Moving time:", "Distance:") has at most this many words


def _form_record(ctx: Context, real: RealRecords, n: int) -> Record | None:
    """The record whose form labelled line ``n`` opens ("Walkers: Tamsin, Rhodri" then "Set off: 8:05",
    "Lunch stop: the harbour", ..., "Distance: 21.6 km": a trip log's form): the first real record in the unbroken
    run of labelled lines after it (a sentence that opens no line, or has no words, is part of the line
    before), at most FORM_REACH on."""
    if not _labelled_line(ctx, n):
        return None
    for k in range(n + 1, min(len(ctx.sents), n + 1 + FORM_REACH)):
        here = real.at(k)
        if here:
            return here[0]
        if ctx.worded_between(k - 1, k) and ctx.opens_line(k) and not _labelled_line(ctx, k):
            return None
    return None


def _labelled_line(ctx: Context, n: int) -> bool:
    """Whether sentence ``n`` opens a line with a label: at most FORM_LABEL_WORDS words and a colon ("Moving time:")."""
    if not ctx.opens_line(n):
        return False
    start = ctx.tab.idx[ctx.sents[n][0]]
    end = ctx.text.find("\n", start)
    label, colon, _ = ctx.text[start:end if end >= 0 else len(ctx.text)].partition(":")
    words = label.split()
    return bool(colon) and 0 < len(words) <= FORM_LABEL_WORDS and all(w.isalpha() for w in words)


def _lend_company(ctx: Context, real: RealRecords, with_cluster: set[int]) -> None:
    """The people named in each sentence with a companion cue and no cluster, with the date it tells, to the
    record before it, else to the record told next ("Tamsin and Rhodri came along. We ran 10 km."), else, a
    form's roster line, to the record its form tells (:func:`_form_record`).  A sentence that ends in a colon
    after more than a label's words opens the lines after it: its company goes to the record told next."""
    cues = _companion_cues(ctx, with_cluster)
    for n in sorted(cues):
        if ctx.opens_what_follows(n):  # "Later I met Elin at the lido and did:": the lines after tell it
            prev = real.after(n) or _listed_after(ctx, real, n) or real.before(n)
        else:
            prev = real.before(n) or real.after(n) or _form_record(ctx, real, n)
        if prev is None:
            continue
        start, end = ctx.sents[n]
        cue_start, cue_end = cues[n]  # the cue is the record's mention in that sentence
        company = Cluster(start=cue_start, end=cue_end, sent=n, info=prev.primary.info,
                          head=ctx.doc[start:end].root.i)
        for p in ctx.people_in.get(n, ()):
            if not p.info.pronoun and not non_participant(ctx, p):
                company.people.extend(names_of(ctx, p))
        attach_date(ctx, company)  # "He set off on Saturday and was accompanied by his son": the session's day
        real.add_cluster(prev, company)


class SentenceResults:
    """Whether a sentence holds a time that reads as a session's result ("We finished in 58:20"): such a
    sentence leaves its times to amounts.lend_results (the result is the session's, another time beside it
    a remark: "plus a few seconds at the lights").  Read for a sentence when one of its times could be lent
    to a record, once."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.times: dict[int, list[ext.Mention]] = {}  # the times of each sentence
        for q in ctx.mentions[ext.QUANTITIES]:
            if q.label == "duration":
                self.times.setdefault(ctx.sent_of[q.start], []).append(q)
        self.known: dict[int, bool] = {}

    def holds(self, n: int) -> bool:
        if n not in self.known:
            self.known[n] = any(_result(self.ctx, q) for q in self.times.get(n, ()))
        return self.known[n]


def _result(ctx: Context, span: ext.Mention) -> bool:
    """Whether the time ``span`` reads as a session's result ("crossed the line in 3:52:30")."""
    return result_cue(ctx.low_text, span.info.start, span.info.end)


def _time_fits(ctx: Context, r: Record, q: Quantity, n: int) -> bool:
    """Whether the time ``q`` in sentence ``n``, which holds no cluster, may be record ``r``'s: its last
    mention at most TIME_REACH sentences before, and no time of its own, or only rough ones that an exact
    ``q`` may tell more precisely ("Finally broke 25 minutes at parkrun! 24:52 this morning")."""
    return ctx.worded_between(r.latest_sent(n), n) <= TIME_REACH and \
        all(c.kind("duration") is None or c.kind("duration").approximate and not q.approximate for c in r.clusters)


COORDINATION = frozenset({"and", ",", "then", "&"})  # what joins a further session left without its verb
ELLIPSIS_DATE_REACH = 3  # the day of a further session starts at most this many tokens after its distance


def _split_ellipses(ctx: Context, real: RealRecords, clusters: list[Cluster], left: list[ext.Mention]) -> set[int]:
    """A distance no cluster took, after a cluster of its sentence that has one, joined to what was told
    last (that distance or a date) by nothing but "and", a comma or "then", with no other activity
    between, and followed by a day of its own ("I ran 8 km on Monday and 10 km on Wednesday"), is
    another session of that cluster's activity and status.  ``left``: the distances no cluster took, in order.
    Gives the ``id`` of each distance made a session so."""
    split: set[int] = set()
    activity_starts = sorted(m.start for m in ctx.mentions[ext.ACTIVITIES])
    with_distance: dict[int, list[Cluster]] = {}  # the clusters with a distance of each sentence, in order
    for c in clusters:
        if c.kind("distance") is not None:
            with_distance.setdefault(c.sent, []).append(c)
    dates = [d for d in ctx.mentions[ext.DATES] if d.info is not None]
    date_at = {d.start: d for d in dates}  # by first token
    date_ends = {d.end for d in dates}
    for span in left:
        q = span.info
        n, lo = ctx.sent_of[span.start], ctx.sents[ctx.sent_of[span.start]][0]
        before = with_distance.get(n, [])
        k = bisect_right(before, span.start - 1, key=lambda x: x.start)  # how many start before it
        if k == 0:
            continue
        c = before[k - 1]
        k = bisect_right(activity_starts, c.end - 1)  # the first activity mention after the cluster
        if not statuses.is_real(c.status_name) or k < len(activity_starts) and activity_starts[k] < span.start:
            continue  # another activity between: not this one's session
        j = span.start  # back over the joining words
        while j > lo and ctx.lows[j - 1] in COORDINATION:
            j -= 1
        if j == span.start or j == lo or not (ctx.tab.end[j - 1] == c.kind("distance").end or j in date_ends):
            continue  # only "and", a comma or "then" between the last thing told and it
        day = next((date_at[i] for i in range(span.end, span.end + ELLIPSIS_DATE_REACH + 1) if i in date_at), None)
        if day is None or c.date is not None and _one_day(c.date, day.info):
            continue
        carrier = Cluster(start=span.start, end=span.end, sent=n, info=c.info, status=c.status, quantities=[q],
                          date=day.info, inferred=True)
        attach_company(ctx, carrier)  # "... and 18 km on Saturday with Jonas"
        real.add_record(Record([carrier]))
        split.add(id(q))
    return split


def _untaken_times(ctx: Context, clusters: list[Cluster]) -> dict[int, ext.Mention]:
    """The times no cluster took, by their first token (for :func:`_with_time_after`)."""
    taken = {id(q) for c in clusters for q in c.quantities}
    return {t.start: t for t in ctx.mentions[ext.QUANTITIES] if t.info.kind == "duration" and id(t.info) not in taken}


def _with_time_after(ctx: Context, span: ext.Mention, times: dict[int, ext.Mention]) -> list[Quantity]:
    """The distance ``span`` and the time of ``times`` (:func:`_untaken_times`) right after it, "in" or a comma
    between, if any ("12 km in 1:05", "8 km easy, 45 min"): the amounts of a session split off on its own."""
    k = span.end + 1 if span.end < ctx.tab.n and ctx.lows[span.end] in ("in", ",") else span.end
    return [span.info] if k not in times else [span.info, times[k].info]


def _split_made_up(ctx: Context, real: RealRecords, clusters: list[Cluster], left: list[ext.Mention]) -> set[int]:
    """A distance no cluster took after a session not done in its sentence, past a word that turns to the one done
    in its place (:func:`~fitpost.components.records.attach.made_up_after`: "Missed my run yesterday, so doubled
    up today: 12 km in 1:05"), is that session, done, of that activity, with the time no cluster took right after
    it and the date of its clause; planned where told ahead ("No run today, so 15 km tomorrow"), none where told
    as only maybe (HEDGES).  ``left``: the distances no cluster took, in order.  Gives the ``id`` of each
    distance made a session so."""
    split: set[int] = set()
    not_done = [c for c in clusters if not statuses.is_real(c.status_name)]
    if not not_done:
        return split
    times = _untaken_times(ctx, clusters)
    for span in left:
        n = ctx.sent_of[span.start]
        c = max((x for x in not_done if x.sent == n and x.end <= span.start), key=lambda x: x.start, default=None)
        if c is None or not made_up_after(ctx, c, span) or not HEDGES.isdisjoint(ctx.lows[c.end:span.start]):
            continue  # "I won't run tomorrow but maybe 5 km on Sunday": only what may be
        carrier = Cluster(start=span.start, end=span.end, sent=n, info=c.info, status=ext.StatusInfo("completed"),
                          quantities=_with_time_after(ctx, span, times), inferred=True)
        day = next((d for d in ctx.dates_in.get(n, ()) if 0 <= d.start - span.end <= MADE_UP_DATE_REACH), None)
        if day is None:
            attach_date(ctx, carrier)
        else:
            carrier.date = day.info
        if _told_ahead(ctx, c.end, span.end) or carrier.date is not None and dated_ahead(ctx, carrier.date):
            carrier.status = ext.StatusInfo("planned")  # "No run today, so 15 km tomorrow": a plan in its place
            if day is not None:
                carrier.date = as_read(ctx, carrier, day)  # "so I'll do 2 km on Friday": the Friday to come
        real.add_record(Record([carrier]))
        split.add(id(span.info))
    return split


DAY_AMOUNTS = frozenset(("distance", "duration", "count"))  # what a day of a challenge told after a colon did


def _split_challenge_days(ctx: Context, real: RealRecords) -> None:
    """The amounts told after a colon in a sentence that names a day or a stage of a challenge of so many days or
    of a named event under way ("Day 14 of my 30 day running streak: 5 km in 27 minutes", "30-day plank
    challenge, day 6: 3 minutes", "Stage 4 of the Larkspur Cycle Tour: 142 km") are that day's session, done, a
    record of its own with the challenge's people and event (and the places told with the amounts); the challenge
    keeps its days."""
    lows = ctx.lows
    for r in list(real.records):
        c = r.primary
        lo, hi = ctx.sents[c.sent]
        if c.kind("repetition") is None and not (c.event and c.status_name == "ongoing") \
                or not statuses.is_real(c.status_name):
            continue  # no challenge of so many days, nor a named event under way
        colon = next((k for k in range(c.end, hi) if lows[k] == ":"), None)
        if colon is None or not any(lows[k] in ctx.lexicon.stage_labels and lows[k + 1].isdigit()
                                    for k in range(lo, colon - 1)):
            continue  # no day of it told before the colon
        after = ctx.tab.idx[colon]
        moved = [q for q in c.quantities if q.kind in DAY_AMOUNTS and q.start > after]
        if not moved:
            continue
        c.quantities = [q for q in c.quantities if not any(q is m for m in moved)]
        told = {p.info.name for p in ctx.places_in.get(c.sent, ()) if p.start > colon}  # "142 km from A to B"
        places = [p for p in c.places if p["name"] in told]
        c.places = [p for p in c.places if p["name"] not in told]
        start = bisect_left(ctx.tab.idx, moved[0].start)
        carrier = Cluster(start=start, end=bisect_left(ctx.tab.idx, moved[-1].end), sent=c.sent, info=c.info,
                          status=ext.StatusInfo("completed"), quantities=moved, people=list(c.people), places=places,
                          event=c.event, inferred=True)
        attach_date(ctx, carrier)
        real.add_record(Record([carrier]))


def _split_beside_no_distance(ctx: Context, real: RealRecords, clusters: list[Cluster],
                              left: list[ext.Mention]) -> set[int]:
    """A distance no cluster took in a sentence whose clusters are all of activities that cover none
    (NO_DISTANCE: "8 km easy, then 20 minutes of yoga") is a session of its own: of the endurance activity
    the text names most, else the commonest in fitness posts (:attr:`Context.main_activity`), with the status
    the text gives the distance (planned on a day ahead), the time no cluster took right after it
    (:func:`_with_time_after`) and its sentence's date.  ``left``: the distances no cluster took, in order.
    Gives the ``id`` of each distance made a session so."""
    split: set[int] = set()
    of_sent: dict[int, list[Cluster]] = {}
    for c in clusters:
        of_sent.setdefault(c.sent, []).append(c)
    times = _untaken_times(ctx, clusters)
    for span in left:
        n = ctx.sent_of[span.start]
        if any(c.info.activity not in NO_DISTANCE for c in of_sent.get(n, [])) or n not in of_sent:
            continue
        info = ext.ActivityInfo(activity=ctx.main_activity or ctx.lexicon.default_activity, form="inferred")
        carrier = Cluster(start=span.start, end=span.end, sent=n, info=info, status=span.status,
                          quantities=_with_time_after(ctx, span, times), inferred=True)
        attach_date(ctx, carrier)
        if span.status is None and carrier.date is not None and dated_ahead(ctx, carrier.date):
            carrier.status = ext.StatusInfo("planned")  # "Tomorrow: 5 km easy, then yoga"
        real.add_record(Record([carrier]))
        split.add(id(span.info))
    return split


MADE_UP_DATE_REACH = 3  # the day of a session made up starts at most this many tokens after its distance
HEDGES = frozenset({"maybe", "perhaps", "if", "hopefully"})  # what makes a session in place of another only maybe


def _told_ahead(ctx: Context, lo: int, hi: int) -> bool:
    """Whether tokens ``lo:hi`` tell of a time ahead ("will", "'ll", "tomorrow")."""
    words = ctx.lows[lo:hi]
    return not (ctx.lexicon.ahead_words.isdisjoint(words) and ctx.lexicon.future_words.isdisjoint(words))


# what may join a day-led session to what is told before it
DAY_LED_JOINS = frozenset({",", "and", "&", ":", ";", "-", "–", "then"})


def _split_day_led(ctx: Context, real: RealRecords, clusters: list[Cluster], taken: set[int]) -> set[int]:
    """A distance no cluster took, right after a day of its own that a comma, "and", a colon or a dash
    joins to what is told before it ("Ran Tuesday 6 km easy and Thursday 10 km tempo", "This week:
    Tuesday 6 km easy, Saturday long run 21 km"), in a sentence with a real cluster of an activity that
    covers a distance, is a session of its own on that day, of the nearest such cluster's activity and
    status (the one before it, else the one after).  An item with no cluster before it, opening its
    sentence or so joined, whose nearest cluster is in a later day's item ("Tuesday 8 km easy, Thursday
    ride 40 km") is of ``default_activity``: the one a log names no activity for.  Not a part of a
    session (:func:`_segment`) nor a pace ("marathon pace").  Gives the ``id`` of each distance made a
    session so; ``taken``: those a cluster took or made one already."""
    made: set[int] = set()
    day_led = ctx.day_led
    if not day_led:
        return made
    by_sent: dict[int, list[Cluster]] = {}
    for c in clusters:
        if statuses.is_real(c.status_name) and c.info.activity not in NOT_ENDURANCE:
            by_sent.setdefault(c.sent, []).append(c)
    for span in ctx.mentions[ext.QUANTITIES]:
        day = day_led.get(span.start)
        n = ctx.sent_of[span.start]
        if day is None or id(span.info) in taken or n not in by_sent or ctx.lows[span.end:span.end + 1] == ["pace"] \
                or _segment(ctx, span):
            continue
        opens = day.start == ctx.sents[n][0]
        if not opens and ctx.lows[day.start - 1] not in DAY_LED_JOINS:
            continue
        before = [c for c in by_sent[n] if c.start < span.start]
        c = before[-1] if before else by_sent[n][0]
        if not before and _days_between(ctx, span.end, c.start):
            # "Mon 6 km, Wed swim 1.5 km": an item that names no activity where a later one names its own is
            # not of that one's activity, but of the one a log names none for
            info = ext.ActivityInfo(activity=ctx.lexicon.default_activity, form="inferred")
        elif opens:
            continue
        else:
            info = c.info
        real.add_record(Record([Cluster(start=span.start, end=span.end, sent=n, info=info, status=c.status,
                                        quantities=[span.info], date=day.info, inferred=True)]))
        made.add(id(span.info))
    return made


def _days_between(ctx: Context, a: int, b: int) -> bool:
    """Whether a date of a day stands between tokens ``a`` and ``b`` of one sentence."""
    return any(a <= d.start < b and d.info is not None and d.info.granularity == "day"
               for d in ctx.dates_in.get(ctx.sent_of[a], ()))


def _split_period_lists(ctx: Context, real: RealRecords, clusters: list[Cluster], split: set[int]) -> None:
    """A sentence over a week or a month ("the rest of the week", "last week") that lists LIST_MIN or more
    distances, each joined to the one before by a comma or "and" with at most LIST_GAP words between
    ("8 km, 6 km, a rest day, 8 km and 15 km on the long day"), one of them a real cluster's: each
    other distance of the list is a session of its own, of that cluster's activity, status and date.  A
    pace named by a distance ("marathon pace") and a part of a session (:func:`_segment`) are no items.
    A sentence whose distances, LIST_MIN or more, each follow a day of their own is such a list too, each
    session on its day ("Tuesday 8 km easy, Thursday 10 km tempo, Sunday 24 km long run":
    :attr:`~.context.Context.day_led`).  A distance :func:`_split_ellipses` made a session already (its ``id`` in
    ``split``) is left as it is."""
    day_of = ctx.day_led
    day_led = Counter(ctx.sent_of[start] for start in day_of)
    over_period = {n for n, found in ctx.dates_in.items()
                   if any(d.info is not None and d.info.granularity in ("week", "month") for d in found)} \
        | {n for n, k in day_led.items() if k >= LIST_MIN}
    if not over_period:
        return
    owner_of = {id(q): c for c in clusters for q in c.quantities}
    activity_tokens: set[int] | None = None
    by_sent: dict[int, list[ext.Mention]] = {}
    for span in ctx.mentions[ext.QUANTITIES]:
        n = ctx.sent_of[span.start]
        if n in over_period and span.info.kind == "distance" and ctx.lows[span.end:span.end + 1] != ["pace"] \
                and not _segment(ctx, span):
            by_sent.setdefault(n, []).append(span)
    for n, spans in by_sent.items():
        if len(spans) < LIST_MIN:
            continue
        if activity_tokens is None:  # read once, where a sentence may hold a list
            activity_tokens = {k for m in ctx.mentions[ext.ACTIVITIES] for k in range(m.start, m.end)}
        items = _distance_list(ctx, spans, activity_tokens)
        owner = next((owner_of[id(s.info)] for s in items if id(s.info) in owner_of), None)
        if len(items) < LIST_MIN or owner is None or not statuses.is_real(owner.status_name):
            continue
        for s in items:
            if id(s.info) not in owner_of and id(s.info) not in split:
                day = day_of[s.start].info if s.start in day_of else owner.date
                real.add_record(Record([Cluster(start=s.start, end=s.end, sent=n, info=owner.info, status=owner.status,
                                                quantities=[s.info], date=day, inferred=True)]))


def _distance_list(ctx: Context, spans: list[ext.Mention], activity_tokens: set[int]) -> list[ext.Mention]:
    """The longest run of ``spans`` (in order) each joined to the one before by a comma or "and" with at
    most LIST_GAP words between and no activity word (``activity_tokens``)."""
    best = (0, 0)  # the start and end of the longest run in ``spans`` so far
    first = 0  # where the current run starts
    for i in range(1, len(spans)):
        between = range(spans[i - 1].end, spans[i].start)
        words = sum(1 for k in between if ctx.lows[k].isalnum())
        joined = any(ctx.lows[k] in (",", "and") for k in between)
        if not joined or words > LIST_GAP or any(k in activity_tokens for k in between):
            first = i
        if i + 1 - first > best[1] - best[0]:
            best = (first, i + 1)
    return spans[best[0]:best[1]] if best[1] else spans[:1]


def _lend_places(ctx: Context, real: RealRecords, with_cluster: set[int]) -> None:
    """What a sentence with no cluster tells of where the record before it was (the real record at most
    LEND_REACH sentences before), for each role that record has no place of: told in the first person,
    the places where it was (role at, not a hometown: "We hit Benton Lake."; not where someone else is
    from); with a verb of starting or ending and a subject pronoun or a person named, the start and end of
    its route ("She set off from Brackenfold on May 1 and finished in Larkspur Bay.")."""
    for n, places in ctx.places_in.items():
        if n in with_cluster:
            continue
        kept = [p.info for p in places if not p.info.hometown]
        lent = [p for p in kept if p.role == "at"] if any(ctx.holds(w, {n}) for w in ("i", "we")) else []
        if any(p.role in ("from", "to") for p in kept) and _tells_route(ctx, n):
            lent += [p for p in kept if p.role in ("from", "to")]
        prev = real.before(n) if lent else None
        if prev is None:
            continue
        told = {p["role"] for c in prev.clusters for p in c.places}
        prev.primary.places.extend({"name": p.name, "role": p.role} for p in lent if p.role not in told)


def _tells_route(ctx: Context, n: int) -> bool:
    """Whether sentence ``n`` tells where someone started or ended: a subject pronoun or a person named,
    and a verb of starting or ending (``start_verbs`` and ``end_verbs`` of places.json: "She set off",
    "Rhodri and Tamsin finished")."""
    lo, hi = ctx.sents[n]
    lows, verbs = ctx.lows, ctx.lexicon.route_verbs
    if SUBJECT_PRONOUNS.isdisjoint(lows[lo:hi]) and not ctx.people_in.get(n):
        return False
    return any(tuple(lows[i:i + len(v)]) == v for i in range(lo, hi) if lows[i] in verbs for v in verbs[lows[i]])


def _tells_start(ctx: Context, n: int) -> bool:
    """Whether sentence ``n`` opens with a subject pronoun and tells where or when it sets off, by a verb of
    starting (``start_verbs`` of places.json) in its first words: "He sets off from Tarnside on 1 May",
    "They will start on Monday"."""
    lo, hi = ctx.sents[n]
    if ctx.lows[lo] not in SUBJECT_PRONOUNS:
        return False
    verbs, lows = ctx.lexicon.start_verbs, ctx.lows
    return any(tuple(lows[i:i + len(v)]) == v for i in range(lo + 1, min(hi, lo + 4)) for v in verbs.get(lows[i], ()))


def _day_s(ctx: Context, span: ext.Mention) -> bool:
    """Whether the amount ``span`` follows a day in the possessive ("after yesterday's 30 km", "Sunday's 18
    miles"): that day's session, whatever word comes before the day."""
    k = span.start - 1
    if k < 1 or ctx.lows[k] not in ("'s", "’s"):
        return False
    return any(d.end in (k, k + 1) for d in ctx.dates_in.get(ctx.sent_of[span.start], ()))


def _segment(ctx: Context, span: ext.Mention) -> bool:
    """A distance or time that is part of a session or a sum of several, not one: "at mile 20",
    "after 6 km", "800m into the race", "Miles to the finish 99", "5 km to go", "my total for June
    610 km" (but "40 km in total" is the session's, and so is what a journey took:
    :func:`~fitpost.components.records.amounts.elapsed_later`, and "32 km to Brackenfold", a place, a route's)."""
    n = ctx.sent_of[span.start]
    lo = ctx.sents[n][0]
    lex, lows = ctx.lexicon, ctx.lows
    if elapsed_later(ctx, span) or _day_s(ctx, span):
        return False
    before = lows[max(lo, span.start - 3):span.start]
    if "," in before:  # "reached the pass by noon, 14 km": a word before the comma marks no part of this
        before = before[len(before) - before[::-1].index(","):]
    after = lows[span.end:span.end + 2]
    if after[:1] == ["to"] and any(p.start in (span.end + 1, span.end + 2) for p in ctx.places_in.get(n, ())):
        after = []  # "32 km to Brackenfold": the route's end
    return not (lex.segment_before.isdisjoint(before) and not (before and before[-1] in lex.marker_before)
                and lex.segment_after.isdisjoint(after)
                and n not in ctx.totalling_sents)




VOLUME_LABEL_WORDS = 4  # a period's volume is labelled by at most this many words right before it
VOLUME_LABEL_ENDS = frozenset({",", ";", "and", "then"})  # what ends a volume's label, going back from it


def _period_volume(ctx: Context, span: ext.Mention) -> bool:
    """Whether distance ``span``, in a sentence with no cluster, is a period's volume, no session: labelled
    by a week or a month right before it (at most VOLUME_LABEL_WORDS words back to a comma or the sentence
    start, with a date of a week or a ``volume_periods`` word not followed by a number), in a sentence that tells no day
    ("This month so far: 164 km", "Last 3 weeks: 42 km, 51 km, 38 km", "Last week 48 km, this week 55 km";
    not "Week 3: 8 km easy", "Earlier this week he set records from 100 m to 5,000 m")."""
    n = ctx.sent_of[span.start]
    lows, lex = ctx.lows, ctx.lexicon
    dates = ctx.dates_in.get(n, ())
    if any(d.info is None or d.info.granularity == "day" for d in dates):
        return False  # a day told: the day's session
    label: list[int] = []  # the words right before it, back to a comma or the sentence start
    k = span.start - 1
    while k >= ctx.sents[n][0] and lows[k] not in VOLUME_LABEL_ENDS and len(label) <= VOLUME_LABEL_WORDS:
        if lows[k].isalnum():
            label.insert(0, k)
        k -= 1
    if not label or len(label) > VOLUME_LABEL_WORDS:
        return False
    return any(d.info.granularity == "week" and label[0] <= d.start for d in dates) or any(
        lows[k] in lex.volume_periods and not lows[k + 1].isdigit() for k in label)



def _sum_of_sessions(ctx: Context, records: list[Record], q: Quantity, n: int) -> bool:
    """Whether distance ``q``, in sentence ``n`` that holds a word of a total ("Total 42 km", "42 km
    altogether"), is the sum of the distances of two or more real records told before it, all of them or
    those of one activity: a log's total ("Tue 8 km. Thu 10 km. Sun 24 km. Total 42 km."), no session.
    A total labelled so right before it ("Total: 52 km") may be more than that sum (warm-ups and runs the
    log left out), never less."""
    lo, hi = ctx.sents[n]
    if q.meters is None or ctx.lexicon.total_words.isdisjoint(ctx.lows[lo:hi]):
        return False
    before = [(r.activity, r.distance()) for r in records
              if r.primary.sent < n and statuses.is_real(r.primary.status_name)]
    before = [(a, d.meters) for a, d in before if d is not None and d.meters]
    groups = [[m for _, m in before]] + [[m for a, m in before if a == act] for act in {a for a, _ in before}]
    if any(len(g) >= 2 and abs(sum(g) - q.meters) <= SUM_TOLERANCE * q.meters for g in groups):
        return True
    label = [w for w in ctx.lows[max(lo, bisect_left(ctx.tab.idx, q.start) - 2):bisect_left(ctx.tab.idx, q.start)]
             if w != ":"]
    return bool(label) and label[-1] in ctx.lexicon.total_words and len(before) >= 2 \
        and q.meters >= (1 - SUM_TOLERANCE) * sum(m for _, m in before)


def _join_set_list(ctx: Context, real: RealRecords, span: ext.Mention) -> bool:
    """Whether distance ``span``, labelled a total (:meth:`Context.total_label`), is the total of one session whose
    parts its block lists before it; if so the records of those parts become one, with the total as its
    distance ("Swim session:" then "400m warm up", "8 x 100m hard", "200m easy", "1400m total").  The parts
    are the real records told right before it in its block (no blank line between), done, of one
    activity, each with a distance less than the total and together no more.  A block that tells a day or
    a time of day after its first line ("Tue 8 km", "3 km in the evening") or a period ("This week:", "June
    log") lists sessions, not parts, and is left to :func:`_sum_of_sessions`.  A total opening a sentence
    right after its parts is one too, where its sentence tells no period ("5 x 1 km at threshold. 11 km
    total with warm up and cool down"; not "15 km total this week")."""
    n, q = ctx.sent_of[span.start], span.info
    if q.meters is None or not ctx.total_label(span.start, span.end):
        return False
    if not ctx.opens_line(n) and (span.start != ctx.sents[n][0] or _tells_period(ctx, n)):
        return False  # a total opening a sentence after its parts is one too ("5 x 1 km hard. 11 km total.")
    parts = _parts_before(ctx, real, n)
    meters = [d.meters for d in (r.distance() for r in parts) if d is not None and d.meters]
    if not meters or max(meters) >= q.meters or sum(meters) > (1 + SUM_TOLERANCE) * q.meters:
        return False
    if any(ctx.dates_in.get(k) for k in range(parts[0].primary.sent + 1, n)):
        return False  # "Ran 5 km this morning. 3 km more in the evening.": a day or a time of day tells sessions
    first_start = ctx.tab.idx[ctx.sents[parts[0].primary.sent][0]]
    blanks = [m.end() for m in ext.BLANK_LINE.finditer(ctx.text, 0, first_start)]
    block = _WORD.findall(ctx.text, blanks[-1] if blanks else 0, span.start_char)
    if not ctx.lexicon.periods.isdisjoint(w.lower() for w in block):
        return False
    into = parts[0]
    for r in parts[1:]:
        real.join(into, r)
    real.add_cluster(into, Cluster(start=span.start, end=span.end, sent=n, info=into.primary.info, quantities=[q],
                                   inferred=True, total=True))
    return True


def _total_of_opening(ctx: Context, real: RealRecords, span: ext.Mention) -> bool:
    """Whether distance ``span``, labelled a total (:meth:`Context.total_label`) in a sentence that tells no period,
    totals the set list opened by the sentence of the last session told before it ("After squash we swam
    this set:", its lines, "1600 yards total"), or by a line after it that opens more of it
    (:func:`_opens_more`: "Bram went home and I did some more:"): that sentence ends in a colon that opens the
    lines after it (:meth:`Context.opens_what_follows`), the session is done and has no distance, and no
    sentence between tells one.  A record that claims no session ("His swimming is getting better") is
    passed over.  If so the total is that session's distance."""
    n, q = ctx.sent_of[span.start], span.info
    if q.meters is None or not ctx.total_label(span.start, span.end) or _tells_period(ctx, n):
        return False
    found = _session_before(ctx, real, n)
    if found is None:
        return False
    r, m = found
    if r.distance() is not None or r.primary.status_name != "completed":
        return False
    if not ctx.opens_what_follows(m) and not any(_opens_more(ctx, k) for k in range(m + 1, n)):
        return False
    real.add_cluster(r, Cluster(start=span.start, end=span.end, sent=n, info=r.primary.info, quantities=[q],
                                inferred=True, total=True))
    return True


def _session_before(ctx: Context, real: RealRecords, n: int) -> tuple[Record, int] | None:
    """The real record told last before sentence ``n`` that claims a session (:func:`claims`), with the
    sentence of its last cluster there (of several records there, the one whose mention comes last); None
    where there is none."""
    while (last := real.last_before(n)) is not None:
        here, n = last
        told = [r for r in here if claims(ctx, r)]
        if told:
            return max(told, key=lambda r: max(c.start for c in r.clusters if c.sent == n)), n
    return None


def _opens_more(ctx: Context, n: int) -> bool:
    """Whether sentence ``n`` opens the lines after it with a word of more (``more_words``: "Bram went
    home and I did some more:"): they list more of the session told before it."""
    lo, hi = ctx.sents[n]
    return ctx.opens_what_follows(n) and not ctx.lexicon.more_words.isdisjoint(ctx.lows[lo:hi])


def _tells_period(ctx: Context, n: int) -> bool:
    """Whether sentence ``n`` holds a word of a period or a date (``periods``: "15 km total this week", "8 km
    in total today"): a total of sessions, not of one session's parts."""
    lo, hi = ctx.sents[n]
    return bool(ctx.dates_in.get(n)) or not ctx.lexicon.periods.isdisjoint(ctx.lows[lo:hi])


def _parts_before(ctx: Context, real: RealRecords, n: int) -> list[Record]:
    """The real records told right before sentence ``n`` in its block, done and of the activity of the
    last of them, in order: back to the first of another activity or status, across a blank line, past a
    day told ("On Sunday:"), or past one whose record after it does not open a line (none when that one
    tells a distance of its own: a line of sessions, no list of parts).  A total set apart on a line of
    its own after a blank line totals the block right before it ("Cool down 200m", a blank line, "1500m
    total")."""
    parts: list[Record] = []
    top = _set_apart(ctx, n)
    for r in reversed([r for r in real.records if r.primary.sent < n]):
        if not statuses.is_real(r.primary.status_name) or r.primary.status_name != "completed" \
                or (parts and r.activity != parts[0].activity) or max(r.sents()) >= n:
            break
        if ext.BLANK_LINE.search(ctx.text, ctx.tab.idx[ctx.sents[max(r.sents())][0]], top):
            break
        if parts and any(ctx.dates_in.get(k) for k in range(max(r.sents()) + 1, parts[0].primary.sent)):
            break  # a day told between opens another session's lines ("Sunday with Rhodri:" then its parts)
        if parts and _shares_line(ctx, r, parts[0]):
            # a part is a line of a list ("8 x 100m hard"); "Ran 5 km. Then 3 km in the evening." tells sessions
            return [] if r.distance() is not None else parts
        parts.insert(0, r)
    return parts


def _set_apart(ctx: Context, n: int) -> int:
    """Where the block of sentence ``n`` starts, for the parts of its total: the start of its line's
    sentence, or, when that line stands alone after a blank line (a blank line after it too, or the
    end of the text), where the blank lines before it start."""
    text = ctx.text
    start = ctx.tab.idx[ctx.sents[n][0]]
    line_end = text.find("\n", start)
    alone = line_end < 0 or ext.BLANK_LINE.match(text, line_end) or _ONLY_BLANKS.match(text, line_end)
    blanks = start
    while blanks and text[blanks - 1].isspace():
        blanks -= 1
    return blanks if alone and ext.BLANK_LINE.search(text, blanks, start) else start


def _log_line(ctx: Context, span: ext.Mention) -> bool:
    """Whether a distance in a sentence without an activity word reports a session of its own: the
    sentence says when ("18 km today", "Tuesday: 5 miles"), is a short log line ("25 km.",
    "Distance: 5 miles"), opens with it as repeats ("5 x 1 km at 4:10 with 90 s recovery.") or comes
    right after a short label ("Track session: 6 x 800 m at 5K pace"), follows "for a" (:func:`_for_an_amount`)
    or has a verb of doing just before it ("got 10 miles in")."""
    n = ctx.sent_of[span.start]
    lo, hi = ctx.sents[n]
    lex = ctx.lexicon
    if any(d.info is not None or ctx.lows[d.start] in lex.day_words for d in ctx.dates_in.get(n, ())):
        return True
    if _short_line(ctx, n):
        return True
    if _opening_repeats(ctx, span) or _for_an_amount(ctx, span, lo):
        return True
    return not lex.log_verbs.isdisjoint(ctx.lows[max(lo, span.start - 3):span.start])


FOR_AN_WORDS = 2  # at most this many words between "for a" and the distance: "for an easy 5 km"


def _for_an_amount(ctx: Context, span: ext.Mention, lo: int) -> bool:
    """Whether "for a" or "for an", then at most FOR_AN_WORDS words of letters, stand right before the
    distance ``span`` in its sentence (from token ``lo``), and it ends its clause or a ``caption_followers``
    word follows it: the session met or gone out for ("Met up with Tamsin at the track for an easy 5 km",
    "out for a quick 10k before the rain"; not "closed for a 2 km stretch")."""
    lows = ctx.lows
    after = span.end
    if after < ctx.tab.n and lows[after].isalpha() and lows[after] not in ctx.lexicon.caption_followers:
        return False
    k = span.start - 1
    while k > lo and span.start - k <= FOR_AN_WORDS and lows[k].isalpha() and lows[k] not in ("a", "an"):
        k -= 1
    return k > lo and lows[k] in ("a", "an") and lows[k - 1] == "for"


def _opening_repeats(ctx: Context, span: ext.Mention) -> bool:
    """Whether the amount ``span`` opens its sentence as a set of repeats ("5 x 1 km at 4:10 with 90 s
    recovery.", "6 x 3 min hard") or comes right after a short label ("Track session: 6 x 800 m at 5K
    pace")."""
    lo = ctx.sents[ctx.sent_of[span.start]][0]
    return span.start == lo and bool(span.info.times) \
        or ctx.lows[span.start - 1] == ":" and span.start - lo <= LABEL_WORDS + 1


REPEAT_MAX_S = 1200  # the longest repeat of a set of timed repeats ("6 x 3 min", "4 x 20 min")


def _timed_repeats(ctx: Context, span: ext.Mention) -> bool:
    """Whether the time ``span`` opens its sentence as a set of repeats of at most REPEAT_MAX_S each ("6 x 3
    min hard, 2 min jog between"): an interval session's (not "2 x 4 hours" of sleep)."""
    q = span.info
    return (q.times or 0) > 1 and bool(q.seconds) and q.seconds / q.times <= REPEAT_MAX_S \
        and span.start == ctx.sents[ctx.sent_of[span.start]][0]


def _short_line(ctx: Context, n: int) -> bool:
    """Whether sentence ``n`` is a short log line: at most ``short_line`` words ("25 km.", "2:51:09")."""
    lo, hi = ctx.sents[n]
    short = ctx.lexicon.short_line
    # a longer sentence has too many tokens to be short: no need to count them
    return hi - lo <= 3 * short and sum(1 for w in ctx.lows[lo:hi] if w.isalnum()) <= short


def _headed_record(ctx: Context, real: RealRecords, n: int) -> Record | None:
    """The record a logged distance in sentence ``n``, with no record before it, heads: the real record
    that starts in the first sentence after it that is no short line (:func:`_short_line`), at most
    BLOCK_REACH on, if it is of the text's activity, done, its first mention bare and it has no distance (a
    result block: "26.2 mi", "3:41:07" then a bare heading such as "Race summary"; "34 miles today."
    then "Great ride.")."""
    k = n + 1
    while k < len(ctx.sents) and k - n <= BLOCK_REACH and not real.at(k) and _short_line(ctx, k):
        k += 1
    if any(_stage_line(ctx, j) for j in range(n + 1, min(k + 1, len(ctx.sents)))):
        return None  # the next stage starts before it: the record is that stage's
    ahead = next((r for r in real.at(k) if r.primary.sent == k), None)
    if ahead is None or ahead.activity != ctx.main_activity or not ahead.primary.bare \
            or ahead.primary.status_name != "completed" or ahead.distance() is not None:
        return None
    return ahead


def _stage_of(ctx: Context, n: int) -> int | None:
    """The stage line (:func:`_stage_line`) a distance in sentence ``n`` is told on: sentence ``n``, or the
    sentence with words right before it where that one tells no distance of its own ("Day 1: Larkspur to Brackenfold."
    then "62 miles, lots of hills, one puncture."); None where neither is one."""
    if _stage_line(ctx, n):
        return n
    before = n - 1
    while before > 0 and ctx.worded_between(before - 1, before) == 0:
        before -= 1  # a line break that some sentence splitters make a sentence of its own
    if before >= 0 and before not in ctx.distance_sents and _stage_line(ctx, before):
        return before
    return None


def _add_stage(ctx: Context, real: RealRecords, span: ext.Mention, prev: Record | None, stage: int) -> None:
    """The distance of a stage (told on the stage line ``stage`` or right after it) goes, with the places of
    that line, to the first real record with no distance told in the lines after it, at most STAGE_REACH
    sentences on and before the next stage ("Day 4 A to B 56 miles" over "Leisurely day, great ride");
    else it is a logged session of its own, with those places."""
    n = ctx.sent_of[span.start]
    own = None
    for m in real.starting_after(n, STAGE_REACH):
        if any(_stage_line(ctx, k) for k in range(n + 1, m + 1)):
            break  # the next stage starts before the record: it is that stage's
        own = next((r for r in real.at(m) if r.primary.sent == m and r.distance() is None), None)
        if own is not None:
            break
    if own is None:
        _add_logged(ctx, real, span, prev, stage=stage)
        return
    carrier = Cluster(start=span.start, end=span.end, sent=n, info=own.primary.info, quantities=[span.info],
                      inferred=True, places=_stage_places(ctx, stage, n))
    real.add_cluster(own, carrier)


def _places_of(ctx: Context, n: int) -> list[dict]:
    """The places of sentence ``n`` (no hometown), as a cluster holds them: a stage's or a log line's
    route ("Day 4 Larkspur to Brackenfold 56 miles") or where it was."""
    return [{"name": p.info.name, "role": p.info.role} for p in ctx.places_in.get(n, ()) if not p.info.hometown]


def _stage_places(ctx: Context, stage: int, n: int) -> list[dict]:
    """The places of a stage told on stage line ``stage`` with its distance in sentence ``n``: those of the
    line, then those of the distance's own sentence not named there ("Day 3 of the walk." then "23 miles from
    Larkspur to Tarnside today": the stage's route)."""
    places = _places_of(ctx, stage)
    if n != stage:
        named = {p["name"] for p in places}
        places += [p for p in _places_of(ctx, n) if p["name"] not in named]
    return places


def _shares_line(ctx: Context, r: Record, later: Record) -> bool:
    """Whether record ``later`` starts on the line of a sentence of record ``r`` before it."""
    n = later.primary.sent
    last = max((k for k in r.sents() if k < n), default=r.primary.sent)
    line_start = ctx.text.rfind("\n", 0, ctx.tab.idx[ctx.sents[n][0]]) + 1
    return line_start < ctx.tab.end[ctx.sents[last][1] - 1]


def _stage_line(ctx: Context, n: int) -> bool:
    """Whether sentence ``n`` opens with a stage label and its number ("Day 4 Larkspur to Brackenfold 56
    miles", "Stage 3: 120 km", "Day 2 took us from Larkspur to Brackenfold, 64 km"): a stage of a longer
    effort, a session of its own."""
    lo, hi = ctx.sents[n]
    return hi - lo > 1 and ctx.lows[lo] in ctx.lexicon.stage_labels and ctx.lows[lo + 1].isdigit()


def _add_logged(ctx: Context, real: RealRecords, span: ext.Mention, prev: Record | None,
                stage: int | None = None) -> None:
    """A logged distance as a record of the activity of ``prev``, the record before it, unless it names
    another day, else of the text's (none where the text names no activity); with no record before it, the
    distance of the record it heads (:func:`_headed_record`); or a further mention of a done record of its
    paragraph with the same distance and no other day ("Distance: 5 miles" and "a 5 mile walk"; not after
    "another").  A
    new record takes the places of its sentence (those of :func:`_stage_places` for a stage, on stage line
    ``stage``);
    told as a plan (:func:`_plan_cue`, or a plan cue fitpost_status read for the distance: "The plan for
    today is an easy 8 km") it is planned, right after a denial
    (:func:`~fitpost.components.records.attach.denied_before`: "Couldn't finish the 20 km") negated."""
    n, q = ctx.sent_of[span.start], span.info
    ahead = _headed_record(ctx, real, n) if prev is None else None
    if ahead is not None:
        real.add_cluster(ahead, Cluster(start=span.start, end=span.end, sent=n, info=ahead.primary.info,
                                        quantities=[q], inferred=True))
        return
    carrier = Cluster(start=span.start, end=span.end, sent=n, info=ext.ActivityInfo(activity="", form="inferred"),
                      quantities=[q], inferred=True)
    attach_date(ctx, carrier)
    # a line of another day than the record before is a log's day of its own: of the activity the log is of
    activity = prev.activity if prev is not None and _no_other_day(carrier, prev) else ctx.main_activity
    if activity is None:
        return
    carrier.info = ext.ActivityInfo(activity=activity, form="inferred")
    further = not ctx.lexicon.further_session.isdisjoint(ctx.lows[ctx.sents[n][0]:span.start])  # "Another 5 miles"
    same = None if further else next(
        (r for r in real.in_paragraph(ctx.para[n]) if r.activity == activity and same_distance(r.distance(), q)
         and statuses.meaning(r.primary.status_name).phase == "done" and _same_day_and_people(carrier, r)), None)
    if same is not None:
        carrier.info = same.primary.info
        real.add_cluster(same, carrier)
    else:
        carrier.places.extend(_places_of(ctx, n) if stage is None else _stage_places(ctx, stage, n))
        attach_company(ctx, carrier)
        cue = _plan_cue(ctx, carrier, span.start_char)
        denial = denied_before(ctx, span.start)
        if cue is not None:
            carrier.status = ext.StatusInfo(status="planned", cue=cue[0], cue_start=cue[1])
        elif denial is not None:  # "Couldn't finish the 20 km today": a failed attempt
            carrier.status = ext.StatusInfo(status="negated", cue=ctx.tab.text[denial], cue_start=ctx.tab.idx[denial])
        elif span.status is not None and span.status.cue is not None and span.status.status == "planned":
            carrier.status = span.status  # "The plan for today is an easy 8 km": a cue of fitpost_status
        logged = Record([carrier])
        real.add_record(logged)
        again = _referring_back(ctx, real, logged)
        if again is not None:
            real.join(logged, again)


def _referring_back(ctx: Context, real: RealRecords, logged: Record) -> Record | None:
    """The record told next after the logged record ``logged``, at most REFER_REACH sentences on, that refers back
    to it: its first mention definite ("Today's target was 60 km. ... The ride took three hours."), of its activity
    and phase, with no other distance and no other day."""
    carrier = logged.primary
    told = real.starting_after(carrier.sent, REFER_REACH)
    nxt = real.at(told[0])[0] if told else None
    if nxt is None or nxt.primary.start < carrier.start or not nxt.primary.definite or nxt.activity != logged.activity:
        return None
    if statuses.meaning(nxt.primary.status_name).phase != statuses.meaning(carrier.status_name).phase:
        return None
    d = nxt.distance()
    if d is not None and not same_distance(d, logged.distance()):
        return None
    return nxt if _same_day_and_people(carrier, nxt) else None


def _plan_cue(ctx: Context, carrier: Cluster, at: int) -> tuple[str, int] | None:
    """What tells that the logged distance at character ``at`` is a plan, and where: a date of a day
    to come ("Tomorrow: 5 km easy"), or a plan word (``plan_labels``) in its line's label ("My plan
    for the week: Monday 5 km") or in the heading line over it in its block ("Next week's schedule:"
    over "Mon 5 km"), unless the label holds a verb of doing or one in the past ("Followed the plan
    today: 12 km"); None for none.  At most LABEL_REACH characters before it are read."""
    date, lex = carrier.date, ctx.lexicon
    if date is not None and dated_ahead(ctx, date):
        return date.text, date.start
    lo = max(0, at - LABEL_REACH)
    window = ctx.text[lo:at]
    blanks = [m.end() for m in ext.BLANK_LINE.finditer(window)]  # the last blank line ends the block a heading rules
    lines = window[blanks[-1] if blanks else 0:].split("\n")
    own = lines[-1].split(":")[:-1]  # the label of its own line: the words before its last colon
    heading = next((line for line in reversed(lines[:-1]) if line.rstrip().endswith(":")), "")
    for label in (":".join(own), heading):
        words = {w.strip(".,;:!?()") for w in label.lower().replace("'s", " ").replace("’s", " ").split()}
        if lex.plan_labels.isdisjoint(words):
            continue
        if any(w in lex.log_verbs or w.endswith("ed") and w not in lex.plan_labels for w in words):
            continue  # "Followed the plan today: 12 km": a label that tells what was done
        return label.strip(), lo + window.rfind(label)
    return None


def _listed_after(ctx: Context, real: RealRecords, n: int) -> Record | None:
    """The real record told first after sentence ``n`` where only the lines of a list stand between (short
    lines, :func:`_short_line`, or lines that open with a number): the session whose list sentence ``n``
    opens ("... and did:", "1000 warm up", "300 - 100 pull, 100 kick, 100 fly", "1400 total"); None where
    there is none."""
    first = real.first_after(n)
    if first is None or not all(_short_line(ctx, k) or ctx.lows[ctx.sents[k][0]].isdigit()
                                for k in range(n + 1, first[1])):
        return None
    return first[0]


def _companion_cues(ctx: Context, with_cluster: set[int]) -> dict[int, tuple[int, int]]:
    """The sentences with no cluster (``with_cluster``: those with one) that hold a companion cue
    (``companion_cues``: "joined by", "along with"), each with the token offsets of its first cue."""
    lows, sents, sent_of, cues = ctx.lows, ctx.sents, ctx.sent_of, ctx.lexicon.companion_cues
    out: dict[int, tuple[int, int]] = {}
    for k in ctx.words_at("companion_cues"):
        n = sent_of[k]
        if n in with_cluster or n in out:
            continue
        end = sents[n][1]
        cue = next((c for c in cues[lows[k]] if k + len(c) <= end and tuple(lows[k:k + len(c)]) == c), None)
        if cue is not None:
            out[n] = (k, k + len(cue))
    return out


class RealRecords:
    """The real records (by their primary cluster's status) by the sentences their clusters are in,
    kept up to date as :func:`lend_orphans` adds clusters and records, so that the record before a
    sentence (:meth:`before`) is found without walking them all.  The index is made on first use:
    most Docs have nothing to lend, and never ask."""

    def __init__(self, ctx: Context, records: list[Record]) -> None:
        self.ctx = ctx
        self.records = records  # the caller's list, in order of primary start
        self._at: dict[int, list[Record]] | None = None  # sentence -> the real records with a cluster there, in order
        self._sents: list[int] = []  # the keys of ``_at``, in order
        self._by_para: dict[int, list[Record]] = {}  # paragraph -> every record whose primary is there, in order

    def _ready(self) -> dict[int, list[Record]]:
        """The index by sentence, made from the records on first use (before any is added)."""
        if self._at is None:
            self._at = {}
            para = self.ctx.para
            for r in self.records:
                self._by_para.setdefault(para[r.primary.sent], []).append(r)
                if statuses.is_real(r.primary.status_name):
                    for c in r.clusters:
                        self._index_real(r, c.sent)
        return self._at

    def at(self, n: int) -> list[Record]:
        """The real records with a cluster in sentence ``n``, in order."""
        return self._ready().get(n, [])

    def _index(self, r: Record, sent: int) -> None:
        if statuses.is_real(r.primary.status_name):
            self._index_real(r, sent)

    def _index_real(self, r: Record, sent: int) -> None:
        """Index real record ``r`` under sentence ``sent``."""
        here = self._at.get(sent)
        if here is None:
            self._at[sent] = [r]
            insort(self._sents, sent)
        elif not any(x is r for x in here):
            here.append(r)

    def add_cluster(self, r: Record, c: Cluster) -> None:
        """Add cluster ``c`` to record ``r``."""
        self._ready()
        r.clusters.append(c)
        self._index(r, c.sent)

    def add_record(self, r: Record) -> None:
        """Add the new record ``r`` to the records, in order of primary start."""
        self._ready()
        self.records.append(r)
        self.records.sort(key=lambda x: x.primary.start)
        insort(self._by_para.setdefault(self.ctx.para[r.primary.sent], []), r, key=lambda x: x.primary.start)
        for c in r.clusters:
            self._index(r, c.sent)

    def join(self, into: Record, other: Record) -> None:
        """Make record ``other`` a part of record ``into``: its clusters go to ``into``, and it is no record
        of its own."""
        self._ready()
        for c in other.clusters:
            self.add_cluster(into, c)
        for group in (self.records, *self._at.values(), *self._by_para.values()):
            group[:] = [r for r in group if r is not other]
        for sent in [s for s in self._sents if not self._at[s]]:
            del self._at[sent]
            self._sents.remove(sent)

    def in_paragraph(self, para: int) -> list[Record]:
        """The records whose primary cluster is in paragraph ``para``, in order."""
        self._ready()
        return self._by_para.get(para, [])

    def starting_after(self, n: int, reach: int) -> list[int]:
        """The sentences after sentence ``n``, at most ``reach`` on, that hold a real record's cluster."""
        self._ready()
        k = bisect_right(self._sents, n)
        return [m for m in self._sents[k:k + reach] if m - n <= reach]

    def after(self, n: int) -> Record | None:
        """The first real record of the first sentence after sentence ``n``, at most LEND_REACH sentences
        with words on, that holds a real record's cluster."""
        at = self._ready()
        k = bisect_right(self._sents, n)
        if k == len(self._sents) or self.ctx.worded_between(n, self._sents[k]) > LEND_REACH:
            return None
        return self._first(at[self._sents[k]])

    def before(self, n: int) -> Record | None:
        """The real record with the latest cluster in sentence ``n`` or at most LEND_REACH sentences with
        words before (a lone "-" of a list is none), the first in order on a tie."""
        at = self._ready()
        k = bisect_right(self._sents, n)
        if not k or self.ctx.worded_between(self._sents[k - 1], n) > LEND_REACH:
            return None  # the latest such sentence is too far back, and every other one is further
        return self._first(at[self._sents[k - 1]])

    def last_before(self, n: int) -> tuple[list[Record], int] | None:
        """The real records with a cluster in the latest sentence before sentence ``n`` that holds one,
        however far back, with that sentence; None where there is none."""
        at = self._ready()
        k = bisect_left(self._sents, n)
        if not k:
            return None
        latest = self._sents[k - 1]
        return at[latest], latest

    def first_after(self, n: int) -> tuple[Record, int] | None:
        """The first real record of the first sentence after sentence ``n`` that holds a real record's
        cluster, however far on, with that sentence; None where there is none."""
        at = self._ready()
        k = bisect_right(self._sents, n)
        if k == len(self._sents):
            return None
        first = self._sents[k]
        return self._first(at[first]), first

    def _first(self, here: list[Record]) -> Record:
        """The first of the records ``here`` in the records' order (by primary start)."""
        if len(here) == 1:
            return here[0]
        order = {id(r): i for i, r in enumerate(self.records)}
        return min(here, key=lambda r: order[id(r)])


def lend_frames(ctx: Context, records: list[Record], clusters: list[Cluster]) -> None:
    """A sentence naming a route (from, to) or an event but no activity frames the real records that
    start 1 to FRAME_REACH sentences after it and have no route or event of their own; an event comes
    with the place in its name ("The Vienna Marathon, at last." then "Ran it in 3:40.")."""
    with_cluster = {c.sent for c in clusters}
    for n in sorted(ctx.places_in.keys() | ctx.events_in.keys()):
        if n in with_cluster:
            continue
        places = ctx.places_in.get(n, ())
        route = [p.info for p in places if p.info.role in ("from", "to") and not p.info.hometown]
        evs = ctx.events_in.get(n, [])
        if not route and not evs:
            continue
        for r in records:
            first = min(c.sent for c in r.clusters)
            if not (0 < first - n <= FRAME_REACH) or not statuses.is_real(r.primary.status_name):
                continue
            ev = next((e for e in evs if e.info.activity in (None, r.activity) or len(evs) == 1), None)
            if ev is not None and not any(c.event for c in r.clusters):
                r.primary.event = ev.info.name
                r.primary.places.extend({"name": p.info.name, "role": p.info.role} for p in places
                                        if event_holding(ctx, p) == ev.info.name)
            if route and not any(p["role"] in ("from", "to") for c in r.clusters for p in c.places):
                r.primary.places.extend({"name": p.name, "role": p.role} for p in route)


def lend_roles(ctx: Context, records: list[Record]) -> None:
    """A person named with a role of taking part as an appositive ("Rhodri, a walker from the club, told
    us", "Ottilie, one of the finishers, told us": ``roles``) joins the first real record of its activity,
    or of the one the text is about."""
    lows, roles = ctx.lows, ctx.lexicon.roles
    if not ctx.words_at("roles"):
        return  # no role noun in the text
    for people in ctx.people_in.values():
        for p in people:
            k = p.end
            if p.info.pronoun or k + 2 >= ctx.tab.n or lows[k] != ",":
                continue
            if lows[k + 1] in ("a", "an"):
                noun = lows[k + 2]
            elif lows[k + 1:k + 4] == ["one", "of", "the"] and k + 4 < ctx.tab.n:
                noun = lows[k + 4]
            else:
                continue
            if noun not in roles:
                continue
            activity = roles[noun] or ctx.main_activity
            target = next((r for r in records if r.activity == activity and statuses.is_real(r.primary.status_name)),
                          None)
            if target is not None:
                target.primary.people.extend(x for x in names_of(ctx, p) if x not in target.primary.people)


def lend_named_race(ctx: Context, records: list[Record]) -> None:
    """A real record with no event that "the" race noun refers to (:func:`_names_the_race`) takes the
    event of its activity named before that noun, where the text names only one ("the Larkspur Great
    Run ... who finished the run two years ago"), and the distance and day of the record that names it,
    where it tells none (:func:`_take_race_day_and_length`)."""
    if not ctx.mentions[ext.EVENTS]:
        return  # no event named
    names: dict[str | None, set[str]] = {}  # an activity (None: any) -> the events named of it
    first: dict[str, int] = {}  # an event's name -> where it is first named
    for e in ctx.mentions[ext.EVENTS]:
        names.setdefault(ctx.event_activity(e), set()).add(e.info.name)
        first[e.info.name] = min(first.get(e.info.name, e.start), e.start)
    for r in records:
        named = names.get(r.activity, set()) | names.get(None, set())
        if len(named) != 1 or any(c.event for c in r.clusters) or not statuses.is_real(r.primary.status_name):
            continue
        [name] = named
        if any(first[name] < c.start and _names_the_race(ctx, c, name) for c in r.clusters):
            r.primary.event = name
            named_in = next((o for o in records if o is not r and any(c.event == name for c in o.clusters)), None)
            _take_race_day_and_length(r, named_in)


def _take_race_day_and_length(r: Record, named: Record | None) -> None:
    """Record ``r``, which refers to the race record ``named`` names (another's session of it: "Tamsin Hale
    finished the Larkspur Marathon on Sunday. Jonas Berg won the race"), takes its distance and day where
    it tells none."""
    if named is None:
        return
    length = named.distance()
    if r.distance() is None and length is not None:
        r.primary.quantities.append(length)
    day = next((c.date for c in named.clusters if c.date is not None), None)
    if day is not None and all(c.date is None for c in r.clusters):
        r.primary.date = day


def _names_the_race(ctx: Context, c: Cluster, name: str) -> bool:
    """Whether cluster ``c`` is "the" (or "that", "this") race noun that may be event ``name``: a word
    of no race of its own ("the run", "the race"), or the race the name ends in ("the marathon" for
    the Larkspur City Marathon; not "the ultramarathon")."""
    if c.info.form not in ("noun", "race") or c.start == 0 or ctx.lows[c.start - 1] not in ("the", "that", "this"):
        return False
    return c.kind("distance") is None or ctx.lows[c.end - 1] == name.casefold().split()[-1]


def settle_plans(ctx: Context, records: list[Record]) -> None:
    """A planned record dated by a calendar date written out ("on 14 September 2025", its
    first date as the record gives it) before the post date was carried out: it is completed ("signed up
    for the Larkspur half ... The race was on 14 September" in a post of the 16th), where the date states
    its year or is at most PLAN_LOOKBACK_DAYS back (one with no year further back is next year's).  A date
    told in words only ("Sunday", "last week") may be the day the plan was made, so it settles nothing.
    A record still planned reads the dates its other mentions brought as a plan's ("running in the 2016
    Larkspur 10-Miler" in a post of October 2016 is from October on: :func:`_read_ahead`).  A plan told
    done right after it is completed too (:func:`_told_done`)."""
    posted = ctx.posted_at
    if posted is None:
        return
    origins: dict[int, dt.date | None] | None = None
    by_char: dict[int, ext.Mention] | None = None
    for r in records:
        lead = r.leading()
        if lead.status_name != "planned":
            continue
        done = _told_done(ctx, r)
        if done is not None:
            lead.status = ext.StatusInfo(status="completed", cue=ctx.tab.text[done], cue_start=ctx.tab.idx[done])
            continue
        date = next((c.date for c in [lead, *r.clusters] if c.date is not None), None)
        if date is not None and date.value is not None and date.granularity == "day" and date.value < posted \
                and any(ch.isdigit() for ch in date.text) \
                and (states_year(date.text, "") or (posted - date.value).days <= PLAN_LOOKBACK_DAYS):
            lead.status = ext.StatusInfo(status="completed", cue=date.text, cue_start=date.start)
        elif date is not None:
            origins = origins if origins is not None else date_origins(ctx)
            by_char = by_char if by_char is not None else {d.start_char: d for d in ctx.mentions[ext.DATES]}
            _read_ahead(r, origins, by_char)


def _told_done(ctx: Context, r: Record) -> int | None:
    """The first token of the sentence right after planned record ``r``'s last mention, in its paragraph,
    where that sentence is only one of the ``plan_done`` phrases ("Today's plan: 10 km easy. Done!"): the
    plan was carried out.  None where there is none."""
    n = max(c.sent for c in r.clusters) + 1
    if n >= len(ctx.sents) or ctx.para[n] != ctx.para[n - 1]:
        return None
    lo, hi = ctx.sents[n]
    words = " ".join(w for w in ctx.lows[lo:hi] if any(ch.isalnum() for ch in w))
    return lo if words in ctx.lexicon.plan_done else None


def _read_ahead(r: Record, origins: dict[int, dt.date | None], by_char: dict[int, ext.Mention]) -> None:
    """Each date of planned record ``r``'s clusters that are not plans themselves, or that a log's line made
    (inferred: dated before its plan label made it one, "Thu 6 km easy" under "My plan:"), read as a plan's
    date (:func:`fitpost.components.dates.for_plan`; ``by_char``: the Doc's date mentions by first character)."""
    for c in r.clusters:
        d = by_char.get(c.date.start) if c.date is not None and c.date.start is not None else None
        if d is not None and (statuses.meaning(c.status_name).phase != "planned" or c.inferred):
            c.date = for_plan(c.date, d.label, origins.get(d.start))


def lend_dates(ctx: Context, records: list[Record], clusters: list[Cluster]) -> None:
    """A record with no date of its own, not a routine (whose days the text around them seldom tells)
    nor a plan (:func:`_frame_plan`: "Signed up for the Night Run! Training starts Monday."), takes, in order:

    * the day (or week) said in a sentence with no activity just before its first mention, in its
      paragraph ("The lake felt warm today. Even so, I swam 80 lengths."), or, for a record
      done, just after its last ("The race was held on Sunday."); for a record done, not a day after
      the post date;
    * the date of the heading of its section (:func:`fitpost.components.dates.is_heading`:
      "Thursday, March 27, 2008" over a log, "Tuesday: 5 miles"), whatever its status ("I could
      barely run then" under "Dec 25, 2013 -");
    * for a record done with a sentence that tells it as later that day ("I swam 1 km in the
      afternoon": ``later_that_day`` of ``models/linking.json``), the day of the record done before it;
      else, for a line of a list, the day said above the list (:func:`_list_day`); else, one whose
      sentences name the event of a dated record done, that record's day (:meth:`RaceDays.day_of`);
    * for a record done in a first-person report (outside quotes) that says "today", "this morning"
      or "just finished" (``same_day_cues`` of ``models/dates.json``), the post date.

    First, a record dated both inside a quote and outside takes the day said outside.
    """
    for r in records:
        _unquote_date(ctx, r)
    undated = {id(r) for r in records if not any(c.date and c.date.value for c in r.clusters)
               and statuses.meaning(r.primary.status_name).phase != "habitual"}
    if not undated:
        return
    lender = DayLender(ctx, records, clusters)
    for r in sorted(records, key=lambda r: r.primary.start):
        phase = statuses.meaning(r.primary.status_name).phase
        if id(r) in undated and phase == "planned":
            _frame_plan(ctx, lender.frames, r, ctx.posted_at)
            _told_again_by_it(ctx, r, {c.sent for c in clusters})
        elif id(r) in undated:
            date = lender.date_of(r, phase == "done")
            if date is not None:
                for c in r.clusters:  # a date read with no post date ("today") has only its text
                    c.date = date
        lender.passed(r, phase == "done")


class DayLender:
    """What :func:`lend_dates` reads a record's day from: the sentences with a date and no activity
    (:func:`_date_frames`), the dated headings, the post's own day as the text says it (:func:`_same_day`),
    the days of races, and the records before it (taken in order of start: :meth:`passed`)."""

    def __init__(self, ctx: Context, records: list[Record], clusters: list[Cluster]) -> None:
        self.ctx = ctx
        self.frames = _date_frames(ctx, {c.sent for c in clusters})
        self.heads = [d for d, (head, _) in zip(ctx.mentions[ext.DATES], ctx.date_sections) if head]
        self.same_day = _same_day(ctx, ctx.posted_at) if ctx.posted_at is not None else None
        self.race_days = RaceDays(ctx, records)
        self.last_done: DateRef | None = None  # the date of the latest record done so far
        self.last_record: Record | None = None  # the record before

    def date_of(self, r: Record, done: bool) -> DateRef | None:
        """The day undated record ``r`` (not a plan) takes, in the order :func:`lend_dates` gives."""
        ctx = self.ctx
        first = min(r.clusters, key=lambda c: c.start)
        date = _framing(ctx, self.frames, first.sent, max(c.sent for c in r.clusters), done, ctx.posted_at)
        if date is not None:
            return date
        head = next((d for d in reversed(self.heads) if d.start < first.start), None)
        date = head.info if head is not None and head.info.value else None
        if head is None and done:
            date = _later_that_day(ctx, r, self.last_done) or _list_day(ctx, r, self.last_record) \
                or self.race_days.day_of(r)
        quote = ctx.quote_at(ctx.tab.idx[first.start])
        if date is None and head is None and done and self.same_day is not None and quote is None:
            date = self.same_day
        if date is None and done and quote is not None:
            date = _quote_date(ctx, quote)
        return date

    def passed(self, r: Record, done: bool) -> None:
        """Record ``r`` was read: the next record's is the one before it."""
        if done:
            self.last_done = next((c.date for c in r.clusters if c.date is not None and c.date.value), self.last_done)
        self.last_record = r


class RaceDays:
    """The days of the dated records done with a named event (found when first asked), and which sentences name
    one of those events (each sentence read once, when first asked)."""

    def __init__(self, ctx: Context, records: list[Record]) -> None:
        self.ctx = ctx
        self.records = records
        self._races: list[tuple[Record, frozenset[str], DateRef]] | None = None
        self._named: dict[int, list[int]] = {}  # sentence -> the indexes of the races it names

    @property
    def races(self) -> list[tuple[Record, frozenset[str], DateRef]]:
        """The dated records done with an event, each with its events' names (lower case) and its day."""
        if self._races is None:
            self._races = []
            for r in self.records:
                names = frozenset(c.event.lower() for c in r.clusters if c.event)
                if not names or statuses.meaning(r.primary.status_name).phase != "done":
                    continue
                date = next((c.date for c in r.clusters if c.date is not None and c.date.value), None)
                if date is not None:
                    self._races.append((r, names, date))
        return self._races

    def named_in(self, n: int) -> list[int]:
        """The indexes in ``races`` of the races sentence ``n`` names."""
        found = self._named.get(n)
        if found is None:
            lo, hi = self.ctx.sents[n]
            start, end = self.ctx.tab.idx[lo], self.ctx.tab.end[hi - 1]
            found = [k for k, (_, names, _) in enumerate(self.races)
                     if any(self._holds(name, start, end) for name in names)]
            self._named[n] = found
        return found

    def _holds(self, name: str, start: int, end: int) -> bool:
        """Whether the text between characters ``start`` and ``end`` holds ``name`` (lower case) as whole words."""
        low = self.ctx.low_text
        at = low.find(name, start, end)
        while at >= 0:
            after = at + len(name)
            if (at == 0 or not low[at - 1].isalnum()) and (after >= len(low) or not low[after].isalnum()):
                return True
            at = low.find(name, at + 1, end)
        return False

    def day_of(self, r: Record) -> DateRef | None:
        """The day of the dated race done, other than ``r``, that a sentence of record ``r`` names ("On
        Saturday at parkrun I set a PB ... I cycled 4 km home from parkrun": the parkrun's
        Saturday); none for a record that tells a day of its own, though one read with no post date ("today")."""
        if not self.races or any(c.date is not None for c in r.clusters):
            return None
        for n in r.sents():
            for k in self.named_in(n):
                other, _, date = self.races[k]
                if other is not r:
                    return date
        return None


def _frame_plan(ctx: Context, frames: dict[int, DateRef], r: Record, posted: dt.date | None) -> None:
    """A plan with no date of its own takes the post date said in a sentence with no activity just before
    its first mention, in its paragraph, where that sentence speaks of the time ahead (``plan_frames``:
    "Tamsin says today will be an easy one. We aim to hike about 18 km.").  Not the post date said of what
    was done, which may be when the plan was made ("Great session this morning. Signed up for the
    Larkspur 10K!"), nor a day ahead, which may be another plan's ("Training starts Monday. Signed up for
    the Larkspur Half!"), nor a day told after the plan."""
    first = min(r.clusters, key=lambda c: c.start)
    date = _framing(ctx, frames, first.sent, first.sent, False, posted)
    if date is not None and posted is not None and date.value == posted \
            and not ctx.lexicon.ahead_words.isdisjoint(ctx.sentence_words(first.sent - 1)):
        for c in r.clusters:
            c.date = date


IT_IS = frozenset(("'s", "’s", "is", "will", "was"))  # after "it" opening a sentence that tells of a race


def _told_again_by_it(ctx: Context, r: Record, with_cluster: set[int]) -> None:
    """A plan still with no date takes the date (read as a plan's) and, with none of its own, the places
    of the sentence right after it, in its paragraph and with no cluster, that tells of it again by
    "it" ("Signed up for my first triathlon! It's in September at Larkspur Lake."), or that tells where and
    when its doer sets off (:func:`_tells_start`: "Jonas will cycle 1,000 miles. He sets off from Tarnside on
    1 May.")."""
    if any(c.date is not None for c in r.clusters):
        return
    last = max(c.sent for c in r.clusters)
    n = last + 1
    if n >= len(ctx.sents) or n in with_cluster or ctx.para[n] != ctx.para[last]:
        return
    lo, hi = ctx.sents[n]
    if hi - lo < 3 or (ctx.lows[lo] != "it" or ctx.lows[lo + 1] not in IT_IS) and not _tells_start(ctx, n):
        return
    d = next((d for d in ctx.dates_in.get(n, ()) if d.info is not None and _told(ctx, d.info)), None)
    if d is None:
        return
    date = as_read(ctx, r.primary, d)
    for c in r.clusters:
        c.date = date
    if not any(c.places for c in r.clusters):
        r.primary.places.extend(p for p in _places_of(ctx, n) if p["role"] == "at")


def _quote_date(ctx: Context, quote: ext.Quote) -> DateRef | None:
    """The date said, outside quotes, where a quote is introduced by a verb of saying or posting: between
    that verb and the quote, or opening the sentence, in the words before the quote in its sentence, else
    in the sentence before it ("As Ottilie tweeted on Tuesday: 'Ran 10 km at dawn'"; "On Sunday she
    wrote:"; not "Tamsin, who moved here in 2019, said:").  A session told in the quote with no date of
    its own was done by then, so that day (or week or month) is its date."""
    first = bisect_right(ctx.tab.idx, quote.start) - 1  # the token the quote starts in
    n = ctx.sent_of[first]
    lo = ctx.sents[n][0]
    for sent, upto in ((n, first), (n - 1, ctx.sents[n - 1][1] if n > 0 else 0)):
        if sent < 0:
            break
        start = ctx.sents[sent][0]
        verb = next((i for i in range(upto - 1, start - 1, -1) if ctx.lows[i] in ctx.lexicon.speech_verbs), None)
        if verb is not None:
            told = [d.info for d in ctx.dates_in.get(sent, ())
                    if (verb < d.start < upto or d.start <= start + 1) and _told(ctx, d.info)]
            return told[0] if told else None
        if sent == n and first > lo:
            return None  # words of another kind before the quote in its sentence: it is introduced there
    return None


def _later_that_day(ctx: Context, r: Record, last_done: DateRef | None) -> DateRef | None:
    """The day of the latest record done and dated before record ``r`` (``last_done``), when one of ``r``'s
    sentences tells its session as later that day ("Ran 10 km on Saturday. I swam 1 km in the afternoon.")."""
    if last_done is None or last_done.granularity != "day" \
            or ctx.later_that_day_sents.isdisjoint(r.sents()):
        return None
    return last_done


def _list_day(ctx: Context, r: Record, before: Record | None) -> DateRef | None:
    """The day of the list record ``r`` is a line of: where ``r`` is told on a line of its own and the record
    ``before`` it is told last on the line right above (no blank line between), done, and dated by a day said
    above that line ("Sunday's session:" over "- 5 km run" and "- 20 min swim"; "Race day on Sunday. Splits:"
    over lines of legs), that day.  A day said on the line above's own line is that line's alone ("Monday: 5 km"
    over "8 km")."""
    if before is None or statuses.meaning(before.primary.status_name).phase != "done":
        return None
    date = next((c.date for c in before.clusters if c.date is not None and c.date.value), None)
    if date is None or date.granularity != "day" or date.start is None:
        return None
    first, text = min(r.clusters, key=lambda c: c.start), ctx.text
    line_start = ctx.tab.idx[ctx.sents[first.sent][0]]
    if not ctx.opens_line(first.sent) or text.rfind("\n", 0, line_start) < 0:
        return None  # not a line of its own, or no line above
    line_start = text.rfind("\n", 0, line_start) + 1
    above = text.rfind("\n", 0, line_start - 1) + 1  # where the line above starts
    if not above <= max(ctx.tab.idx[c.start] for c in before.clusters) < line_start:
        return None  # the record before is not told last on the line above
    return date if date.start < above else None


def _unquote_date(ctx: Context, r: Record) -> None:
    """A day said in the narrator's voice outside quotes wins over a date said inside a quote (a quoted
    caption's "today" is the day of the caption); a year or a month does not ("took up running in
    2020" beside "Ran 12 km this morning")."""
    if not ctx.roster.quotes:
        return  # no date is said inside a quote
    outside = next((c.date for c in r.clusters if _told(ctx, c.date) and c.date.granularity == "day"), None)
    if outside is None:
        return
    for c in r.clusters:
        if c.date is not None and c.date.start is not None and ctx.quote_at(c.date.start) is not None:
            c.date = outside


def _told(ctx: Context, date: DateRef | None) -> bool:
    """Whether ``date`` has a value and is said outside quotes."""
    return date is not None and date.value is not None and date.start is not None \
        and ctx.quote_at(date.start) is None


def _date_frames(ctx: Context, with_cluster: set[int]) -> dict[int, DateRef]:
    """The first resolved date of a day or a week said outside quotes in each sentence with no cluster,
    by sentence."""
    out: dict[int, DateRef] = {}
    for n, found in ctx.dates_in.items():
        if n not in with_cluster:
            ref = next((d.info for d in found if _told(ctx, d.info) and d.info.granularity in ("day", "week")), None)
            if ref is not None:
                out[n] = ref
    return out


def _framing(ctx: Context, frames: dict[int, DateRef], first: int, last: int, done: bool,
             posted: dt.date | None) -> DateRef | None:
    """The date of the sentence of ``frames`` just before sentence ``first`` or, for a record done, the first
    between ``first`` and ``last`` ("... completed a 3,600 km ride in 21 days. She set off on October 1 ...
    She rode about 170 km a day.": its start), else the one just after ``last`` where that one speaks of no time
    ahead (``plan_frames``: not "Might try intervals on Thursday"), in its paragraph; for a record done, not a
    day after the post date."""
    para = ctx.para
    after = last + 1
    sides = [(first - 1, first)]
    if done:
        sides += [(k, first) for k in range(first + 1, last) if k in frames]
    if done and (after not in frames or ctx.lexicon.ahead_words.isdisjoint(ctx.sentence_words(after))):
        sides.append((after, last))
    framing = next((frames[k] for k, n in sides if k in frames and para[k] == para[n]), None)
    if framing is None or (done and posted is not None and framing.value > posted):
        return None
    return framing


def _same_day(ctx: Context, posted: dt.date) -> DateRef | None:
    """The post date, as the first phrase that says it outside quotes ("today", "this morning",
    "just finished"), if the text has a first-person word outside quotes; else None."""
    tab = ctx.tab
    if not any(ctx.quote_at(tab.idx[i]) is None for i in ctx.words_at("first_person")):
        return None
    said = [d for d in ctx.mentions[ext.DATES] if d.label in ("rel_day", "part_of_day") and d.info.value == posted
            and ctx.quote_at(d.start_char) is None]
    cue = _same_day_cue(ctx)
    if said and (cue is None or said[0].start < cue[0]):
        return said[0].info
    if cue is None:
        return None
    start, end = tab.idx[cue[0]], tab.end[cue[1] - 1]
    return DateRef(value=posted, text=ctx.text[start:end], granularity="day", start=start, end=end)


def _same_day_cue(ctx: Context) -> tuple[int, int] | None:
    """The first ``same_day_cues`` phrase outside quotes, as token offsets."""
    cues = same_day_cues()
    lows, tab = ctx.lows, ctx.tab
    for i in tab.where(cues):  # the first word of a cue
        for cue in cues[lows[i]]:
            if tuple(lows[i:i + len(cue)]) == cue and ctx.quote_at(tab.idx[i]) is None:
                return i, i + len(cue)
    return None
