"""Step 3: clusters merge into records (:func:`merge_records`).

A cluster with an amount joins an earlier record of the same activity with the
same distance or the same event (both claimed as real, :mod:`fitpost.statuses`).
A bare cluster ("the run", "my swim") joins a record of its activity with its
event or race distance, else the one it refers back to ("the", "her"), else the
nearest one of its phase within its status's reach; but a named event told
before any record of its activity is a session of its own.  No cluster joins a record
whose route goes from or to elsewhere (another stage).  Then sentences with no
activity lend to the records around them (:mod:`.lending`, :mod:`.frames`) and a
record with no date takes one (:mod:`.dating`), with some of the helpers here
(:func:`same_day_and_people`, :func:`one_day`, :func:`_told`).
"""
from __future__ import annotations

import math
from bisect import bisect_left, bisect_right

from fitpost import ext, statuses
from fitpost.components.records.amounts import DAY, LENGTH_UNITS, elapsed_later, fitting
from fitpost.components.records.attach import (
    before_the_day_told,
    past_form,
    taken_up,
    told_ahead,
    told_as_cause,
    told_as_earlier,
    within,
)
from fitpost.components.records.claims import crossing, does
from fitpost.components.records.context import RACE_DEFINITE, SUBJECT_PRONOUNS, Context
from fitpost.components.records.model import Cluster, Record, same_distance
from fitpost.schema import DateRef, Quantity

RESTATED_DISTANCE = 0.05  # a definite mention restates a record whose distance and time are this close
FILL_REACH = 1  # a mention with an amount fills in a record whose last mention is at most this many sentences before
ROUTINE_REACH = 1  # a routine restated in the present simple joins one told at most this many sentences before
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
        if latest is not None and (_part_of_told(ctx, c) or _told_again_by_pronoun(ctx, latest, c)
                                   or _at_a_point_of(ctx, latest, c)):
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
        target = _part_at_a_point(ctx, records, c) or _referred(ctx, records, c, routes, dates, real_of, mixed)
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


POINT_PREPOSITIONS = frozenset({"at", "around", "from", "after", "by", "until", "till", "near"})
POINT_REACH = 8  # a point of the course stands at most this many tokens after the verb, in its clause
POINT_SENTS = 4  # a verb told at a point of the course is at most this many sentences after the session's mention


def _at_a_point_of(ctx: Context, latest: Record, c: Cluster) -> bool:
    """Whether verb ``c``, done and with no distance of its own, is told at a point of the course of the
    session done just before it (``latest``, its last mention at most POINT_SENTS sentences back): a
    preposition, a marker of the course (``marker_before``: "mile", "km", "lap") and a number after it in
    its clause ("Ran the Larkspur Marathon ... I walked most of the big hill at mile 18"): a part of that
    session, whatever its activity."""
    return _told_at_a_point(ctx, c) and statuses.meaning(latest.primary.status_name).phase == "done" \
        and _goes_on(ctx, latest, c, POINT_SENTS)


def _told_at_a_point(ctx: Context, c: Cluster) -> bool:
    """Whether verb ``c``, done and with no distance of its own, has a point of the course after it in its
    clause (a preposition, a ``marker_before`` word and a number: "at mile 18", "from km 95")."""
    if c.info.form != "verb" or c.kind("distance") is not None or statuses.meaning(c.status_name).phase != "done":
        return False
    lows, end = ctx.lows, min(ctx.sents[c.sent][1], c.end + POINT_REACH)
    markers = ctx.lexicon.marker_before
    return any(lows[k] in POINT_PREPOSITIONS and lows[k + 1] in markers and lows[k + 2].isdigit()
               for k in range(c.end, end - 2))


def _part_at_a_point(ctx: Context, records: list[Record], c: Cluster) -> Record | None:
    """The record told last before the bare cluster ``c`` where ``c`` is told at a point of its course
    (:func:`_at_a_point_of`: "Rode the Tarnby Sportive ... I walked the last climb from km 95")."""
    if not _told_at_a_point(ctx, c):
        return None
    before = _told_last_before(records, c)
    return before if before is not None and _at_a_point_of(ctx, before, c) else None


def _told_last_before(records: list[Record], c: Cluster) -> Record | None:
    """The record of ``records`` with the latest mention before cluster ``c``, if any (read for the few
    clusters told at a point of the course: it walks every record)."""
    before = [(max(x.start for x in r.clusters if x.start < c.start), k) for k, r in enumerate(records)
              if any(x.start < c.start for x in r.clusters)]
    return records[max(before)[1]] if before else None


def _told_again_by_pronoun(ctx: Context, latest: Record, c: Cluster) -> bool:
    """Whether verb ``c``, no event's name, takes "it" right after it ("My daughter's first parkrun this morning!
    She ran it in 34:12") and tells again the session of ``latest``, the record told just before it: of
    its activity and phase, its last mention at most FILL_REACH sentences before, with no word of a further
    session between nor "again" after ("ran it again next year" is another), nor a day before the one the
    text tells (:func:`before_the_day_told`: "Three weeks ago I did it in 52:10")."""
    if c.info.form != "verb" or c.event is not None or c.end >= ctx.tab.n or ctx.lows[c.end] != "it" \
            or ctx.lows[c.end + 1:c.end + 2] in (["'s"], ["’s"], ["is"], ["was"]):
        return False
    if latest.activity != c.info.activity or not _goes_on(ctx, latest, c, FILL_REACH) \
            or statuses.meaning(c.status_name).phase != statuses.meaning(latest.primary.status_name).phase:
        return False
    return "again" not in ctx.lows[c.end:ctx.sents[c.sent][1]] and not before_the_day_told(ctx, c.date, latest)


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
    """Whether cluster ``c`` tells a journey under way with no amount, ongoing: an activity word before a
    journey noun ("is on a charity walking pilgrimage", "has begun a rowing expedition"), or a verb from one
    place to another ("is walking from Larkspur to Marlow Vale").  It is a record at once, that the parts
    told after it join (:func:`_journey`)."""
    if not c.bare or c.status_name != "ongoing" or c.definite:
        return False
    if c.info.form == "verb" and {"from", "to"} <= {p["role"] for p in c.places}:
        return True
    return not ctx.lexicon.journey_nouns.isdisjoint(ctx.lows[c.end:c.end + 2])


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


COMPANIONS_REACH = 3  # a companion's part told again comes at most this many sentences after the session's mention


def _companions_again(ctx: Context, c: Cluster, r: Record) -> bool:
    """Whether cluster ``c``, with no amount and no event, of the phase of record ``r`` and at most
    COMPANIONS_REACH sentences after its last mention, is done by some of the two or more people named as
    ``r``'s participants: their part in that session told again ("Parkrun today with Jonas, Elin and Bram. New
    PB for me! Elin also got a PB. Bram ran another solid run": Bram's run is the parkrun; not the run of the one
    person a text tells of on another occasion, nor when one took the activity up)."""
    if not c.bare or c.event or statuses.meaning(c.status_name).phase != statuses.meaning(r.primary.status_name).phase:
        return False
    if not 0 <= c.sent - r.clusters[-1].sent <= COMPANIONS_REACH or taken_up(ctx, c):
        return False
    names = {p.get("name") for p in c.people if p.get("name")}
    theirs = {p.get("name") for x in r.clusters for p in x.people if p.get("name")}
    return bool(names) and len(theirs) > 1 and names < theirs


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
            and (day is None or theirs is not None and one_day(day, theirs)):
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


def _other_result(c: Cluster, r: Record) -> bool:
    """Whether cluster ``c`` tells a time at an event other than record ``r``'s (:func:`_other_event`):
    another race's result ("completed the Larkspur Marathon on Sunday ... 'My previous best was 3:52 at the
    Tarnby Marathon'"), where a name with no time of its own may only describe the race told ("ran the
    Larkspur Marathon ... The County Championship Marathon doubled as the trial")."""
    return c.kind("duration") is not None and _other_event(c, r)


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
    (:func:`same_day_and_people`, :func:`_other_when`, :func:`before_the_day_told`), and no word of a
    further session ("another", "also", "then") before ``c`` in its sentence.  A named event or a race
    name ("the Lakeside 10K", "a marathon"), before or after, is a session of its own: it merges only by
    its event or distance (:func:`_same_session`)."""
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
    if _other_when(ctx, c, last) or before_the_day_told(ctx, c.date, last):
        return None
    if not _same_day_and_company(ctx, c, last):
        return None
    if c.status_name != last.primary.status_name:
        c.status = last.primary.status  # what is covered so far of a session under way is of that session
    return last


def _same_day_and_company(ctx: Context, c: Cluster, r: Record) -> bool:
    """Whether cluster ``c`` names no other day than record ``r`` and no people ``r`` does not name, but those a
    participle right after it brings along (:func:`_participle_after`)."""
    return same_day_and_people(c, r) or _participle_after(ctx, c, r) and no_other_day(c, r)


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
    return last if same_day_and_people(c, last) else None


def _race_result(ctx: Context, last: Record | None, c: Cluster, routes: Routes) -> Record | None:
    """The named race told just before verb ``c`` (``last``, the record of the latest cluster placed, done, with
    an event and no time; its last mention at most FILL_REACH sentences before, no word of a further session
    between) whose time ``c`` tells with no distance of its own: "Did the Tarnby 10K this morning. Ran 44:10,
    a new PB!" is one race.  The time must be plausible for the race's distance, on no other day and of no
    other people (:func:`same_day_and_people`) but those a participle right after the race brings along
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
    verb of the journey's activity, or that journey told again (:func:`_under_way`: "is riding from Tarnby to
    Larkspur on a cycling expedition"), not a named race, with no other route or day, no people the
    journey does not name, and going on from it (:func:`_goes_on`).  A place reached on the way is no
    other route: only another start is; and the rest of the journey told in the future tense
    (:func:`~fitpost.components.records.attach.told_ahead`) ends on a day of its own.  A part that claims a
    session is under way with the journey."""
    if c.race_only or _named(ctx, c) or c.info.form not in ("verb", "inferred") and not _under_way(ctx, c):
        return None
    if last is None or last.activity != c.info.activity or not _journey_under_way(ctx, last.primary, c) \
            or routes.other(c, last, ("from",)):
        return None
    ahead = told_ahead(c)  # the rest of it told in the future ends on a day of its own ("finishing on Friday")
    if not ahead and dates.other_day(c, last) or not _goes_on(ctx, last, c, JOURNEY_REACH):
        return None
    if not (_same_people(c, last) if ahead else same_day_and_people(c, last)):
        return None
    if statuses.is_real(c.status_name):
        c.status = last.primary.status  # what is done so far, or each day, of a journey under way is of it
    return last


def _journey_under_way(ctx: Context, first: Cluster, c: Cluster) -> bool:
    """Whether cluster ``first`` tells a journey under way that ``c`` may tell a part of: one with no amount
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
        that span; a quoted caption's "today" is the caption's day
        (:func:`fitpost.components.records.dating._unquote_date`), so it decides nothing."""
        theirs = self.first.get(id(r))
        if theirs is None or not _told(self.ctx, c.date):
            return False
        return not (within(c.date, theirs.value) or within(theirs, c.date.value))


def _told(ctx: Context, date: DateRef | None) -> bool:
    """Whether ``date`` has a value and is said outside quotes."""
    return date is not None and date.value is not None and date.start is not None \
        and ctx.quote_at(date.start) is None


def one_day(a: DateRef, b: DateRef) -> bool:
    """Whether two dates name the same day: by value where both have one, else by their words."""
    if a.value is not None and b.value is not None:
        return a.value == b.value
    return a.text.lower() == b.text.lower()


def session_time(ctx: Context, span: ext.Mention) -> bool:
    """Whether a time in a sentence with no activity can be a session's: one under a day, or a day or more
    told as what it took ("completed in 12 days", "took us nine days": ``long_times`` of
    ``models/linking.json``; "finished in Larkspur Bay 12 days later": "later" after a verb of ending,
    ``end_verbs`` of places.json), not time spent otherwise ("was at work the whole day", "stayed in for
    two weeks", "two days later we met")."""
    seconds = span.info.seconds
    if seconds is None or seconds < DAY or elapsed_later(ctx, span):
        return True
    return not ctx.lexicon.long_time_words.isdisjoint(ctx.lows[max(0, span.start - 2):span.start])


def same_day_and_people(c: Cluster, r: Record) -> bool:
    """Whether cluster ``c`` names no other day than record ``r`` (by value, else by its words) and no
    people ``r`` does not name ("I ran for 30 minutes. My wife ran 10 km." are two)."""
    return no_other_day(c, r) and _same_people(c, r)


def _same_people(c: Cluster, r: Record) -> bool:
    """Whether cluster ``c`` names no people record ``r`` does not name."""
    return {_who(p) for p in c.people} <= {_who(p) for x in r.clusters for p in x.people}


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
    those with no other route (:meth:`Routes.other`), no other race result (:func:`_other_result`) and,
    where ``c`` names an event or a race ("ran his first marathon in 1989"), no other day
    (:meth:`FirstDates.other_day`): the first with its event, else the first of its challenge
    (:func:`_same_challenge`), else the first with its race distance, else (definite) the one with the
    latest cluster before it (of its phase where it names an event; the name of one race may be written in
    many ways), else the nearest of its phase (:func:`_nearest`), else one whose participants do it again
    (:func:`_companions_again`).  A bare mention on another day ("took up
    running in 2018") is no session of its own, so it still joins, unless it is told done in the past
    (:func:`_done_in_past`: "Last year I did a swim to the pier. We swam it again on Saturday" are two) or
    dated to a day (:func:`_dated_to_day`: "my ride this morning" is no ride of last summer); a
    verb told as a further session ("he also swam the bay") or a noun as an earlier one ("stronger than on
    the last sportive": :func:`~fitpost.components.records.attach.told_as_earlier`) joins none, nor one
    that a session of another activity parts from a record (``mixed``: :func:`_other_session_between`)."""
    meaning = statuses.meaning(c.status_name)
    if not meaning.joins or _told_as_further(ctx, c) or told_as_cause(ctx, c) or told_as_earlier(ctx, c):
        return None
    own_day = bool(c.event or c.race_only) or _done_in_past(ctx, c) or _dated_to_day(c)
    same = [r for r in _fitting(ctx, records, real_of.get(c.info.activity, []), c)
            if not routes.other(c, r) and not (own_day and dates.other_day(c, r))
            and not _day_of_streak(c, r) and not _others_named(ctx, c, r) and not _other_result(c, r)
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
        if ctx.lows[c.start - 1] not in RACE_DEFINITE:
            # "my first marathon" names a race of its own: "the marathon" may be any told before
            same = [r for r in same if r.distance() is None or same_distance(d, r.distance())]
        else:  # nor, on another day, a race another race name gave its distance: "ran the half last spring.
            # This year he completed the full" (but the Marathon may be a half marathon's, on its day)
            same = [r for r in same if not (_other_race(d, r) and dates.other_day(c, r))]
    if target is None and c.definite:
        before = [r for r in same if min(x.start for x in r.clusters) < c.start]
        if c.event:  # a race named for another phase is another session: "25 km today. The X Marathon is a month away"
            phase = statuses.meaning(c.status_name).phase
            before = [r for r in before
                      if statuses.meaning(r.primary.status_name).phase == phase or _registered_for(ctx, r, c)]
        target = max(before, key=lambda r: max(x.start for x in r.clusters if x.start < c.start), default=None)
    return target if target is not None else _near_or_shared(ctx, same, c, meaning.reach)


def _near_or_shared(ctx: Context, same: list[Record], c: Cluster, reach: int | None) -> Record | None:
    """Of ``same``, the record that bare cluster ``c`` refers to when no event, challenge or race names it
    (:func:`_referred`): the nearest of its phase within its status's ``reach`` (:func:`_nearest`; a routine
    restated within ROUTINE_REACH, a ranked one however far), else the sole session (:func:`_sole_session`),
    the same crossing (:func:`_same_crossing`) or one whose participants do it again
    (:func:`_companions_again`)."""
    if _restated_routine(c):
        reach = ROUTINE_REACH
    if _ranked(ctx, c):
        reach = len(ctx.sents)  # "one of the easiest rides so far": the session the text tells, however far
    target = _nearest(ctx, same, c, reach) if reach is not None else None
    if target is None:
        target = _sole_session(ctx, same, c)
    if target is None:
        target = _same_crossing(ctx, same, c)
    if target is None:
        target = next((r for r in same if _companions_again(ctx, c, r)), None)
    return target


def _same_crossing(ctx: Context, same: list[Record], c: Cluster) -> Record | None:
    """The first record of ``same`` with a crossing of the water the crossing ``c`` names, however far from it, in
    its phase: one crossing told twice ("has crossed the Tarnby Channel ... the first relay to cross the Tarnby
    Channel")."""
    if not crossing(ctx, c):
        return None
    waters = {p["name"] for p in c.places}
    phase = statuses.meaning(c.status_name).phase
    return next((r for r in same if statuses.meaning(r.primary.status_name).phase == phase
                 and any(crossing(ctx, x) and waters & {p["name"] for p in x.places} for x in r.clusters)), None)


PART_REACH = 4  # an exercise at most this many sentences from a workout's mention, in its block of lines, is its part


def _parts_of_workouts(ctx: Context, records: list[Record]) -> list[Record]:
    """``records`` with each record of exercises alone, done, joined to the workout done that it is a part of
    (:func:`_workout_of`): a workout is made of exercises, which are no sessions of their own ("Crossfit
    tonight with Jonas. The WOD was brutal: 5 rounds of 10 burpees, 15 kettlebell swings"), and whose counts
    are none of the workout's.  So is a session listed with its exercises (:func:`_listed_with_exercises`: "10
    burpees, 15 kettlebell swings and a 200 m run"), whose distance is none of the workout's and whose other
    amounts (a time told after the list) are the workout's own."""
    # the workouts' mentions, in order of start, each with its record
    mentions = sorted(((x, w) for w in records if w.activity == "workout" and _done(w) for x in w.clusters),
                      key=lambda m: m[0].start)
    if not mentions:
        return records
    starts = [x.start for x, _ in mentions]
    # where each exercise of a workout done ends (its token after), with that workout
    ends = {x.end: w for x, w in mentions if x.info.exercise}
    out = []
    for r in records:
        if all(c.info.exercise for c in r.clusters) and _done(r):
            whole = _workout_of(ctx, r, mentions, starts)
            if whole is not None:
                for c in r.clusters:  # how many of an exercise counts no session: the workout has no count of its own
                    c.quantities = [q for q in c.quantities if q.kind != "count"]
                    ends[c.end] = whole
        else:
            whole = _listed_with_exercises(ctx, r, ends)
            if whole is not None:
                (part,) = r.clusters
                whole.primary.quantities += [q for q in part.quantities if q.kind not in ("count", "distance")
                                             and whole.primary.kind(q.kind) is None]
                part.quantities = []
        if whole is None:
            out.append(r)
        else:
            whole.clusters.extend(r.clusters)
    return out


LIST_LINKS = frozenset({",", "and", "a", "an", "+", "&"})  # what joins the items of a list of exercises


def _listed_with_exercises(ctx: Context, r: Record, ends: dict[int, Record]) -> Record | None:
    """The workout done whose exercise record ``r``'s one session is listed right after, its amount first ("5
    rounds of 10 burpees, 15 kettlebell swings and a 200 m run": the run is a part of the rounds, no session
    of its own); None where there is none.  (``ends``: the token after each exercise of a workout done, with
    that workout.)"""
    if len(r.clusters) != 1:
        return None
    c = r.clusters[0]
    k = min([c.start] + [bisect_left(ctx.tab.idx, q.start) for q in c.quantities])  # its first token
    lo = ctx.sents[c.sent][0]
    while k > lo and ctx.lows[k - 1] in LIST_LINKS:
        k -= 1
    whole = ends.get(k) if k > lo else None
    return whole if whole is not r else None


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


RACE_PRONOUNS = frozenset(("it", "this", "that"))  # opening a sentence, they may stand for a race told before


def _registered_for(ctx: Context, r: Record, c: Cluster) -> bool:
    """Whether the race ``c`` names, told done ("The Tarnby 10K was on 14 May"), is the one record ``r``
    planned by registering for it (``registrations`` of linking.json: "Signed up for the Tarnby 10K"),
    carried out: ``r`` names no other event, and its distance is ``c``'s, or either has none, or ``c``'s
    sentence opens with a pronoun for the race registered for, whatever its name implies ("Registered for a
    half at last. It was held on 14 May at the Tarnby Trail Marathon": a marathon's day holds a half too)."""
    plan = r.primary.status
    if statuses.meaning(c.status_name).phase != "done" or plan is None or plan.status != "planned" \
            or (plan.cue or "").lower() not in ctx.lexicon.registrations \
            or any(x.event not in (None, c.event) for x in r.clusters):
        return False
    theirs, mine = r.distance(), c.kind("distance")
    return theirs is None or mine is None or same_distance(theirs, mine) \
        or ctx.lows[ctx.sents[c.sent][0]] in RACE_PRONOUNS


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


PAST_REACH = 3  # a verb in the past at most this many tokens before a noun tells it done: "did a long swim"


def _done_in_past(ctx: Context, c: Cluster) -> bool:
    """Whether cluster ``c`` is told done by a verb in the past: its own ("swam") or one of the PAST_REACH
    words before its noun ("did a rough swim", "went for a run"), not a word of the present ("Sunday is a long
    ride")."""
    if statuses.meaning(c.status_name).phase != "done":
        return False
    if c.info.form == "verb":
        return past_form(ctx, ctx.lows[c.start])
    lo = max(ctx.sents[c.sent][0], c.start - PAST_REACH)
    return any(past_form(ctx, w) for w in ctx.lows[lo:c.start])


def _dated_to_day(c: Cluster) -> bool:
    """Whether cluster ``c`` is dated to a day ("my ride this morning"): a session of that day, no other."""
    return c.date is not None and c.date.granularity == "day"


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
    if len(done) != 1 or not no_other_day(c, done[0]):
        return None
    when = ctx.lexicon.when_words
    theirs = {w for n in done[0].sents() for w in ctx.sentence_words(n) if w in when}
    return done[0] if theirs <= ctx.sentence_words(c.sent) else None


def no_other_day(c: Cluster, r: Record) -> bool:
    """Whether cluster ``c`` names no other day than record ``r`` (by value, else by its words)."""
    if c.date is None:
        return True
    theirs = next((x.date for x in r.clusters if x.date is not None), None)
    return theirs is None or one_day(c.date, theirs)


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
