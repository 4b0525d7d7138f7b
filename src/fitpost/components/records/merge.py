"""Step 3: clusters merge into records, and sentences with no activity lend to the records around them.

A cluster with an amount joins an earlier record of the same activity with the
same distance or the same event (both claimed as real, :mod:`fitpost.statuses`).
A bare cluster ("the run", "my swim") joins a record of its activity with its
event or race distance, else the one it refers back to ("the", "her"), else the
nearest one of its phase within its status's reach.  A sentence with no
activity lends its distance ("21 km in all") and its company ("Joined by his
sister.") to the record just before, and its route or event ("The challenge
from A to B.") or its date ("Today will be a short day.") to the records that
follow.  Two clusters dated on different days are never one record.  A record
with no date takes its section's heading date, or the post date in a
first-person report of the day (:func:`lend_dates`).
"""
from __future__ import annotations

import datetime as dt
from itertools import compress

from fitpost import ext, statuses
from fitpost.components import dates
from fitpost.components.records.attach import attach_date, posted_at
from fitpost.components.records.company import names_of, non_participant
from fitpost.components.records.context import FIRST_PERSON, Context
from fitpost.components.records.model import Cluster, Record, same_distance
from fitpost.schema import DateRef

LEND_REACH = 2  # a sentence with no activity lends to a record at most this many sentences before
FRAME_REACH = 3  # a route or event frames the records starting at most this many sentences after it
DATE_FRAME_REACH = 2  # a date in a sentence with no activity dates the records this many sentences after it


def merge_records(ctx: Context, clusters: list[Cluster]) -> list[Record]:
    """The records of ``clusters`` (in order of start), in order of their primary cluster."""
    records: list[Record] = []
    pending: list[Cluster] = []
    for c in clusters:
        if c.bare or (c.race_only and c.definite):
            pending.append(c)
            continue
        target = _same_session(records, c) if statuses.is_real(c.status_name) else None
        if target is not None:
            target.clusters.append(c)
        else:
            records.append(Record([c]))
    for c in pending:
        target = _referred(ctx, records, c)
        if target is not None:
            target.clusters.append(c)
        else:
            records.append(Record([c]))
    records.sort(key=lambda r: r.primary.start)
    return records


def _same_session(records: list[Record], c: Cluster) -> Record | None:
    """The first real record of ``c``'s activity with its distance or one of its clusters' event, and
    no other date ("a January half and a March half" are two races)."""
    d = c.kind("distance")
    for r in records:
        if r.activity != c.info.activity or not statuses.is_real(r.primary.status_name) or _other_day(r, c):
            continue
        if d is not None and same_distance(d, r.distance()):
            return r
        if c.event and any(o.event == c.event for o in r.clusters):
            return r
    return None


def _other_day(r: Record, c: Cluster) -> bool:
    """Whether cluster ``c`` and record ``r`` are dated, at times apart ("yesterday" and "last
    Sunday"; not "last week" and "this year", which holds it)."""
    mine = c.date if c.date and c.date.value else None
    theirs = next((x.date for x in r.clusters if x.date and x.date.value), None)
    if mine is None or theirs is None:
        return False
    return dates.last_day(mine.value, mine.granularity) < theirs.value \
        or dates.last_day(theirs.value, theirs.granularity) < mine.value


def _referred(ctx: Context, records: list[Record], c: Cluster) -> Record | None:
    """The real record of its activity that the bare (or race-only, definite) cluster ``c`` refers to:
    the first with its event, else the first with its race distance, else (definite) the one with the
    latest cluster before it, else the nearest of its phase (:func:`_nearest`)."""
    meaning = statuses.meaning(c.status_name)
    if not meaning.joins:
        return None
    same = [r for r in records if r.activity == c.info.activity and statuses.is_real(r.primary.status_name)
            and not _other_day(r, c)]
    target = None
    if c.event:
        target = next((r for r in same if any(o.event == c.event for o in r.clusters)), None)
    if target is None and c.race_only:
        d = c.kind("distance")
        target = next((r for r in same if same_distance(d, r.distance())), None)
    if target is None and c.definite:
        before = [r for r in same if min(x.start for x in r.clusters) < c.start]
        target = max(before, key=lambda r: max(x.start for x in r.clusters if x.start < c.start), default=None)
    if target is None and meaning.reach is not None:
        target = _nearest(ctx, same, c, meaning.reach)
    return target


def _nearest(ctx: Context, same: list[Record], c: Cluster, reach: int) -> Record | None:
    """The first of the records ``same`` closest to ``c`` by sentences, at most ``reach`` away, in its
    paragraph and (unless ``c`` is hypothetical) of its phase."""
    para, n, status = ctx.para, c.sent, c.status_name
    phase = statuses.meaning(status).phase
    best, best_dist = None, 0
    for r in same:
        sents = r.sents()
        dist = min(abs(s - n) for s in sents)
        if dist <= reach and (best is None or dist < best_dist) \
                and any(para[s] == para[n] for s in sents) \
                and (status == "hypothetical" or phase == statuses.meaning(r.primary.status_name).phase):
            best, best_dist = r, dist
    return best


def lend_orphans(ctx: Context, records: list[Record], clusters: list[Cluster]) -> None:
    """A distance in a sentence with no cluster goes to the real record at most LEND_REACH sentences
    before, if that has none or the same; a sentence with a companion cue lends it its people."""
    with_cluster = {c.sent for c in clusters}
    for span in ctx.mentions[ext.QUANTITIES]:
        n = ctx.sent_of[span.start]
        q = span.info
        if n in with_cluster or q.kind != "distance":
            continue
        prev = _record_before(records, n)
        if prev is not None and (prev.distance() is None or same_distance(prev.distance(), q)):
            carrier = Cluster(start=span.start, end=span.end, sent=n, info=prev.primary.info,
                              quantities=[q], inferred=True)
            attach_date(ctx, carrier)
            prev.clusters.append(carrier)
    for n in sorted(_companion_sentences(ctx) - with_cluster):
        prev = _record_before(records, n)
        if prev is None:
            continue
        start, end = ctx.sents[n]
        company = Cluster(start=start, end=start + 1, sent=n, info=prev.primary.info, head=ctx.doc[start:end].root.i)
        for p in ctx.people_in.get(n, ()):
            if not p.info.pronoun and not non_participant(ctx, p):
                company.people.extend(names_of(ctx, p))
        prev.clusters.append(company)


def _companion_sentences(ctx: Context) -> set[int]:
    """The sentences that hold a companion cue (``companion_cues``: "joined by", "along with")."""
    lows, sents, sent_of, firsts = ctx.lows, ctx.sents, ctx.sent_of, ctx.lexicon.companion_firsts
    out: set[int] = set()
    for k in compress(range(len(lows)), map(firsts.__contains__, lows)):
        end = sents[sent_of[k]][1]
        if any(k + len(cue) <= end and tuple(lows[k:k + len(cue)]) == cue for cue in ctx.lexicon.companion_cues):
            out.add(sent_of[k])
    return out


def _record_before(records: list[Record], n: int) -> Record | None:
    """The real record with the latest cluster in sentence ``n`` or at most LEND_REACH sentences before
    (the first such, on a tie)."""
    best = None
    for r in records:
        s = max((c.sent for c in r.clusters if c.sent <= n), default=None)
        if s is not None and n - s <= LEND_REACH and statuses.is_real(r.primary.status_name):
            if best is None or s > best[0]:
                best = (s, r)
    return best[1] if best else None


def lend_frames(ctx: Context, records: list[Record], clusters: list[Cluster]) -> None:
    """A sentence naming a route (from, to) or an event but no activity frames the real records that
    start 1 to FRAME_REACH sentences after it and have no route or event of their own."""
    with_cluster = {c.sent for c in clusters}
    for n in sorted(ctx.places_in.keys() | ctx.events_in.keys()):
        if n in with_cluster:
            continue
        route = [p.info for p in ctx.places_in.get(n, ()) if p.info.role in ("from", "to") and not p.info.hometown]
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
            if route and not any(p["role"] in ("from", "to") for c in r.clusters for p in c.places):
                r.primary.places.extend({"name": p.name, "role": p.role} for p in route)


def lend_dates(ctx: Context, records: list[Record], clusters: list[Cluster]) -> None:
    """A real record with no date of its own (done or planned, not a routine) takes, in order:

    * the day (or week) of a sentence with no activity at most DATE_FRAME_REACH sentences before its
      first mention, in its paragraph, pointing its way (not after the post date for a record done,
      not before it for a plan): "Today will be a short day. We plan to walk 20 km.";
    * for a record done, the date of the heading of its section (:func:`dates.is_heading`:
      "Thursday, March 27, 2008" over a log, "Tuesday: 5 miles");
    * for a record done in a first-person report (outside quotes) that says "today", "this morning"
      or "just finished" (``same_day_cues`` of ``models/dates.json``), the post date.
    """
    undated = [r for r in records if not any(c.date and c.date.value for c in r.clusters)
               and statuses.meaning(r.primary.status_name).phase in ("done", "planned")]
    if not undated:
        return
    posted = posted_at(ctx)
    mentions = ctx.mentions[ext.DATES]
    heads = [d for d, (head, _) in zip(mentions, dates.sections(ctx.text, mentions)) if head]
    frames = _date_frames(ctx, {c.sent for c in clusters})
    same_day = _same_day(ctx, posted) if posted is not None else None
    for r in undated:
        first = min(r.clusters, key=lambda c: c.start)
        done = statuses.meaning(r.primary.status_name).phase == "done"
        date = _framing(ctx, frames, first.sent, done, posted)
        if date is None and done:
            head = next((d for d in reversed(heads) if d.start < first.start), None)
            date = head.info if head is not None and head.info.value else None
            if head is None and same_day is not None and ctx.roster.quote_at(ctx.tab.idx[first.start]) is None:
                date = same_day
        first.date = date or first.date


def _date_frames(ctx: Context, with_cluster: set[int]) -> dict[int, DateRef]:
    """The first resolved date of a day or a week in each sentence with no cluster, by sentence."""
    out: dict[int, DateRef] = {}
    for n, found in ctx.dates_in.items():
        if n not in with_cluster:
            ref = next((d.info for d in found if d.info.value and d.info.granularity in ("day", "week")), None)
            if ref is not None:
                out[n] = ref
    return out


def _framing(ctx: Context, frames: dict[int, DateRef], n: int, done: bool,
             posted: dt.date | None) -> DateRef | None:
    """The date of the nearest sentence of ``frames`` before sentence ``n``, at most DATE_FRAME_REACH
    before it in its paragraph, if it points the record's way from the post date."""
    para = ctx.para
    for k in range(n - 1, max(-1, n - 1 - DATE_FRAME_REACH), -1):
        if para[k] != para[n]:
            return None
        ref = frames.get(k)
        if ref is not None:
            if posted is None or (ref.value <= posted if done else ref.value >= posted):
                return ref
            return None
    return None


def _same_day(ctx: Context, posted: dt.date) -> DateRef | None:
    """The post date, as the first phrase that says it outside quotes ("today", "this morning",
    "just finished"), if the text has a first-person word outside quotes; else None."""
    tab, roster = ctx.tab, ctx.roster
    if not any(w in FIRST_PERSON and roster.quote_at(tab.idx[i]) is None for i, w in enumerate(ctx.lows)):
        return None
    said = [d for d in ctx.mentions[ext.DATES] if d.label in ("rel_day", "part_of_day") and d.info.value == posted
            and roster.quote_at(d.start_char) is None]
    cue = _same_day_cue(ctx)
    if said and (cue is None or said[0].start < cue[0]):
        return said[0].info
    if cue is None:
        return None
    start, end = tab.idx[cue[0]], tab.end[cue[1] - 1]
    return DateRef(value=posted, text=ctx.text[start:end], granularity="day", start=start, end=end)


def _same_day_cue(ctx: Context) -> tuple[int, int] | None:
    """The first ``same_day_cues`` phrase outside quotes, as token offsets."""
    cues = dates.same_day_cues()
    lows, tab, roster = ctx.lows, ctx.tab, ctx.roster
    for i, w in enumerate(lows):
        for cue in cues.get(w, ()):
            if tuple(lows[i:i + len(cue)]) == cue and roster.quote_at(tab.idx[i]) is None:
                return i, i + len(cue)
    return None
