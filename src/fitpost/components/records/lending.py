"""Step 3, after :mod:`.merge`: sentences with no activity lend to the records around them (:func:`lend_orphans`).

A sentence with no activity lends its distance ("21 km in all") and its company
("Joined by his sister.") to the record just before, and the places where it was
to the record before that has none; a distance on a log line or a stage line goes
to the record it heads or is a session of its own, and a further distance on another
day in a cluster's sentence is a session of its own (the ``_split_*`` helpers).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter

from fitpost import ext, statuses
from fitpost.components.records.amounts import elapsed_later, multisport_total
from fitpost.components.records.attach import (
    as_read,
    attach_date,
    before_the_day_told,
    dated_ahead,
    denied_before,
    made_up_after,
)
from fitpost.components.records.claims import claims
from fitpost.components.records.company import attach_company, coordinated_before, names_of, non_participant
from fitpost.components.records.context import NO_DISTANCE, NOT_ENDURANCE, SUBJECT_PRONOUNS, Context
from fitpost.components.records.merge import (
    OTHERS_POSSESSIVES,
    no_other_day,
    one_day,
    same_day_and_people,
    session_time,
)
from fitpost.components.records.model import SUM_TOLERANCE, Cluster, Record, same_distance
from fitpost.quantity_parser.context import aside, result_cue
from fitpost.schema import Quantity

LEND_REACH = 2  # a sentence with no activity lends to a record at most this many sentences before
TIME_REACH = 2  # a time with no activity is the duration of a record whose last mention is this close
_WORD = re.compile(r"[A-Za-z]+")
_ONLY_BLANKS = re.compile(r"\s*\Z")
LABEL_REACH = 400  # a logged distance's line label and heading are read at most this many characters back
STAGE_REACH = 3  # a stage line's distance goes to a record starting at most this many sentences after it
LABEL_WORDS = 3  # a log line's label before its colon has at most this many words ("Track session:")
LIST_MIN = 3  # a list of at least this many distances over a week or a month is one session each
LIST_GAP = 4  # at most this many words stand between two distances of a list
REFER_REACH = 4  # "the ride" refers back to a logged distance at most this many sentences before
BLOCK_REACH = 6  # a logged distance heads a record at most this many short lines after it


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
    _lend_company_told_after(ctx, real, with_cluster)


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
        if q.kind == "duration" and (not session_time(ctx, span) or results.holds(n)
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
        if q.kind == "distance" and prev is not None and _way_back(ctx, prev, span):
            _add_way_back(ctx, real, prev, span)
            continue
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
    with 4 x 1 mile at threshold"), not a session of their own; or a shorter distance right after a
    ``part_cues`` word in ``prev``'s sentence: a part of it ("Thursday: 10 km with 4 km at tempo")."""
    q, whole = span.info, prev.distance()
    if whole is None or not whole.meters or not q.meters or q.meters >= whole.meters:
        return False
    n = ctx.sent_of[span.start]
    if (q.times or 0) < 2:
        return span.start > 0 and ctx.lows[span.start - 1] in ctx.lexicon.part_cues and n in prev.sents()
    return n in {c.sent for c in prev.clusters} or not ctx.dates_in.get(n)


def _way_back(ctx: Context, prev: Record, span: ext.Mention) -> bool:
    """Whether the distance ``span`` is of the way back of a commute record ``prev`` went: a ``return_words``
    word of linking.json's ``commutes`` before it in its sentence ("On the way back I took the canal path,
    14 km"), and a cluster of ``prev`` told going to a commute place ("Cycled to the office this morning")."""
    lo = ctx.sents[ctx.sent_of[span.start]][0]
    if ctx.lexicon.return_words.isdisjoint(ctx.lows[lo:span.start]):
        return False
    return any(ctx.goes_to_work(c.end) for c in prev.clusters if not c.inferred)


def _add_way_back(ctx: Context, real: RealRecords, prev: Record, span: ext.Mention) -> None:
    """The distance ``span`` (:func:`_way_back`) is a session of its own, the other leg of ``prev``'s commute,
    with the time told right after it and the date and company of its sentence."""
    n = ctx.sent_of[span.start]
    times = _untaken_times(ctx, [c for r in real.records for c in r.clusters])
    leg = Cluster(start=span.start, end=span.end, sent=n, info=prev.primary.info,
                  status=prev.primary.status, quantities=_with_time_after(ctx, span, times), inferred=True)
    attach_date(ctx, leg)
    attach_company(ctx, leg)
    real.add_record(Record([leg]))


def _lent(ctx: Context, prev: Record, span: ext.Mention) -> Cluster | None:
    """The cluster that lends the distance or time ``span`` to record ``prev``, where it fits (a distance:
    ``prev`` has none or the same and names no other day; a time: :func:`_time_fits` and the same day and
    people), with the date
    and, a distance, the company and the places told with it ("First ride on the new bike! 25 km with Jess
    and Mo.", "First swim of the season! 1.2 km at Tarn Lake."); None
    where it does not fit, or where ``prev`` is a routine and the sentence tells a day, or the sentence tells
    another start or end than ``prev``'s (:func:`_own_route`): a session of its own."""
    q, n = span.info, ctx.sent_of[span.start]
    part = _segment_told_after(ctx, prev, q) if q.kind == "distance" else None
    if q.kind == "distance":
        fits = (prev.distance() is None or same_distance(prev.distance(), q) or part is not None) \
            and not _own_route(ctx, prev, n)
    else:
        fits = _time_fits(ctx, prev, q, n)
    if not fits:
        return None
    carrier = Cluster(start=span.start, end=span.end, sent=n, info=prev.primary.info, quantities=[q], inferred=True)
    attach_date(ctx, carrier)
    if carrier.date is not None and _routine(prev):
        return None  # "I ride until I hit my target. Today's target was 60 km.": a day's session, not the routine's
    if q.kind == "duration" and not same_day_and_people(carrier, prev):
        return None  # "My best there was 21:40, a few years ago": another day's time
    if q.kind == "duration" and before_the_day_told(ctx, carrier.date, prev):
        return None  # "Six weeks ago it was 24:10 on this loop" after today's run
    if q.kind == "distance" and not no_other_day(carrier, prev):
        return None  # "Sun 45 min on the bike. Mon 10 km easy.": another day's session
    here = places_of(ctx, n)
    told = {p["role"] for c in prev.clusters for p in c.places} if here else set()
    if q.kind == "distance":
        attach_company(ctx, carrier)
        # "1.2 km at Tarn Lake"; and the ends of a route the record tells none of ("The 5 km route started at the
        # town hall and finished in Tarnby Park")
        carrier.places.extend(p for p in here if p["role"] == "at" or p["role"] in ("from", "to")
                              and not told & {"from", "to"})
    elif not told:
        carrier.places.extend(p for p in here if p["role"] == "at")  # "Parkrun today! 24:31 at Tarnby"
    if part is not None:
        for c in prev.clusters:
            c.quantities = [x for x in c.quantities if x is not part]
    return carrier


def _segment_told_after(ctx: Context, r: Record, q: Quantity) -> Quantity | None:
    """The distance of record ``r`` told after the longer distance ``q`` with the words of a segment before it
    ("the last 10 km": :func:`fitpost.quantity_parser.context.aside`), a part of the session ``q`` is the
    length of ("50 km on the fells in 6:42. My son ran the last 10 km with me"); None where it has none."""
    d = r.distance()
    if d is None or d.meters is None or q.meters is None or d.meters >= q.meters or d.start < q.end:
        return None
    return d if aside(ctx.low_text, d.start, d.end, "distance") == "segment" else None


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




def _form_record(ctx: Context, real: RealRecords, n: int) -> Record | None:
    """The record whose form labelled line ``n`` opens ("Walkers: Tamsin, Rhodri" then "Set off: 8:05",
    "Lunch stop: the harbour", ..., "Distance: 21.6 km": a trip log's form): the first real record in the
    lines of the form after it (:meth:`Context.form_lines_after`)."""
    if not ctx.labelled_line(n):
        return None
    return next((real.at(k)[0] for k in ctx.form_lines_after(n) if real.at(k)), None)


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


def _lend_company_told_after(ctx: Context, real: RealRecords, with_cluster: set[int]) -> None:
    """The people right before a companion cue in a clause of their own after a real record's cluster, in
    its sentence, to that record ("Rhodri came along to the Tarnby parkrun, and Elin and Bram were there
    too": Elin and Bram ran it).  The last of them ends right before the cue, the others are coordinated
    with it (:func:`~fitpost.components.records.company.coordinated_before`), and a clause break
    (``clause_breaks``) stands between the cluster and the first of them."""
    for k in ctx.words_at("companion_cues"):
        n = ctx.sent_of[k]
        if n not in with_cluster:
            continue
        lo, end = ctx.sents[n]
        cue = _companion_cue_at(ctx, k, end)
        last = next((p for p in ctx.people_in.get(n, ()) if p.end == k and not p.info.pronoun), None)
        if cue is None or last is None:
            continue
        people = coordinated_before(ctx, last, lo)[::-1] + [last]
        told = [(c, r) for r in real.at(n) for c in r.clusters if c.sent == n and c.end <= people[0].start]
        if not told:
            continue
        c, r = max(told, key=lambda cr: cr[0].end)
        if not ctx.breaks(c.end, people[0].start):
            continue
        company = Cluster(start=k, end=k + len(cue), sent=n, info=r.primary.info, head=ctx.doc[lo:end].root.i)
        for p in people:
            if not p.info.pronoun and not non_participant(ctx, p):
                company.people.extend(names_of(ctx, p))
        if company.people:
            real.add_cluster(r, company)


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
        if day is None or c.date is not None and one_day(c.date, day.info):
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
        if not before and _days_between(ctx, span.end, c.start) or before and c.info.form != "verb" \
                and ctx.day_before(n, c.start) not in (None, day.start):
            # "Mon 6 km, Wed swim 1.5 km", "Mon 40 min swim, Wed 10 km": an item that names no activity where
            # another names its own by a noun is not of that one's activity, but of the one a log names none
            # for (a verb may be left out after the first item: "Tue swam 2 km, Thu 3 km")
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
        # a part of the distance before it is no item ("Wed 10 km with 5x1 km, Fri 6 km")
        spans = [s for k, s in enumerate(spans) if k == 0 or not _part_of(ctx, spans[k - 1], s)]
        items = _distance_list(ctx, spans, activity_tokens)
        owner = next((owner_of[id(s.info)] for s in items if id(s.info) in owner_of), None)
        if len(items) < LIST_MIN or owner is None or not statuses.is_real(owner.status_name):
            continue
        for s in items:
            if id(s.info) not in owner_of and id(s.info) not in split:
                day = day_of[s.start].info if s.start in day_of else owner.date
                real.add_record(Record([Cluster(start=s.start, end=s.end, sent=n, info=owner.info, status=owner.status,
                                                quantities=[s.info], date=day, inferred=True)]))


def _part_of(ctx: Context, item: ext.Mention, span: ext.Mention) -> bool:
    """Whether the distance ``span`` is a part of the distance before it, ``item``: right after a
    ``part_cues`` word and shorter ("Wed 10 km with 5x1 km, Fri 6 km")."""
    q, whole = span.info, item.info
    return span.start > 0 and ctx.lows[span.start - 1] in ctx.lexicon.part_cues \
        and bool(q.meters and whole.meters) and q.meters < whole.meters


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
    610 km", "600 km so far" where no day is told (but "40 km in total" is the session's, and so is what a journey took:
    :func:`~fitpost.components.records.amounts.elapsed_later`, "32 km to Brackenfold", a place, a route's, and
    "11 km door to door", the whole way)."""
    n = ctx.sent_of[span.start]
    lo = ctx.sents[n][0]
    lex, lows = ctx.lexicon, ctx.lows
    if elapsed_later(ctx, span) or _day_s(ctx, span):
        return False
    before = lows[max(lo, span.start - 3):span.start]
    if "," in before:  # "reached the pass by noon, 14 km": a word before the comma marks no part of this
        before = before[len(before) - before[::-1].index(","):]
    placed = [k for k in range(len(before) - 1) if before[k + 1] in lex.placing_nouns]
    if placed:  # "first woman in 1:19:03": a place in the results; "first" marks no part of the session
        before = before[placed[-1] + 2:]
    after = lows[span.end:span.end + 2]
    if after[:1] == ["to"] and any(p.start in (span.end + 1, span.end + 2) for p in ctx.places_in.get(n, ())):
        after = []  # "32 km to Brackenfold": the route's end
    if after[1:] == ["to"] and lows[span.end + 2:span.end + 3] == after[:1]:
        after = []  # "11 km door to door", "300 km coast to coast": the whole of it, end to end
    if after == ["so", "far"] and not any(d.info is not None and d.info.granularity == "day"
                                          for d in ctx.dates_in.get(n, ())):
        return True  # "That's over 600 km so far!": a running total (but "10 km so far today" is the day's)
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
    if parts[0].primary.sent > 0 and _opens_more(ctx, parts[0].primary.sent - 1):
        return False  # more of the session told before ("so I did some extra:"): :func:`_total_of_opening`
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
    sentence between tells one but lines of the list (:func:`_list_line`: "200 m warm up", "300 m easy"), which
    become parts of it (its distance then shorter than the total).  A record that claims no session ("His
    swimming is getting better") is passed over.  If so the total is that session's distance."""
    n, q = ctx.sent_of[span.start], span.info
    if q.meters is None or not ctx.total_label(span.start, span.end) or _tells_period(ctx, n):
        return False
    found = _session_before(ctx, real, n)
    if found is None:
        return False
    r, m = found
    lines: list[Record] = []  # the records of the list's lines, from the last back
    while _list_line(ctx, r, q.meters) and (before := _session_before(ctx, real, m)) is not None:
        lines.append(r)
        r, m = before
    d = r.distance()
    if r.primary.status_name != "completed" or d is not None and (not lines or not d.meters or d.meters >= q.meters) \
            or any(c.total for c in r.clusters):
        return False  # a session totalled already is closed: "2300 yards total" after "2000 yards total"
    if not ctx.opens_what_follows(m) and not any(_opens_more(ctx, k) for k in range(m + 1, n)):
        return False
    if lines and any(ctx.opens_what_follows(k) and not _opens_more(ctx, k) for k in range(m + 1, n)):
        return False  # the lines are another list's: "After work Elin joined me at the lido for this set:"
    for part in reversed(lines):
        real.join(r, part)
    real.add_cluster(r, Cluster(start=span.start, end=span.end, sent=n, info=r.primary.info, quantities=[q],
                                inferred=True, total=True))
    return True


def _list_line(ctx: Context, r: Record, total: float) -> bool:
    """Whether record ``r`` is a line of a set list: done, told by amounts alone (no activity word) in one
    sentence that opens its line, with a distance shorter than ``total`` meters ("200 m warm up")."""
    d = r.distance()
    return r.primary.status_name == "completed" and all(c.inferred for c in r.clusters) and len(r.sents()) == 1 \
        and ctx.opens_line(r.primary.sent) and d is not None and bool(d.meters) and d.meters < total


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
    right after a short label ("Track session: 6 x 800 m at 5K pace"), follows "for a" (:func:`_for_an_amount`),
    opens it as a caption (:func:`_opening_caption`) or has a verb of doing just before it ("got 10 miles in")."""
    n = ctx.sent_of[span.start]
    lo, hi = ctx.sents[n]
    lex = ctx.lexicon
    if any(d.info is not None or ctx.lows[d.start] in lex.day_words for d in ctx.dates_in.get(n, ())):
        return True
    if _short_line(ctx, n):
        return True
    if _opening_repeats(ctx, span) or _for_an_amount(ctx, span, lo) or _opening_caption(ctx, span, lo):
        return True
    return not lex.log_verbs.isdisjoint(ctx.lows[max(lo, span.start - 3):span.start])


NOT_CAPTION_FOLLOWERS = frozenset({"to", "from", "into", "past"})  # "5 km to go", "5 km into the race"


def _opening_caption(ctx: Context, span: ext.Mention, lo: int) -> bool:
    """Whether the distance ``span`` opens its sentence (from token ``lo``) as a caption does: a
    ``caption_followers`` word right after it, or an adverb in -ly and then one ("5 km round the park with
    the dog", "10 miles very slowly along the canal"); not a distance still to go or into a race
    (NOT_CAPTION_FOLLOWERS)."""
    if span.start != lo:
        return False
    k = span.end
    while k < ctx.tab.n and k - span.end < 2 and (ctx.lows[k].endswith("ly") or ctx.lows[k] == "very"):
        k += 1
    word = ctx.lows[k] if k < ctx.tab.n else ""
    return word in ctx.lexicon.caption_followers and word not in NOT_CAPTION_FOLLOWERS


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
    sentences on and before the next stage ("Day 4 A to B 56 miles" over "Leisurely day, great ride"), of
    the trip's activity (the record before's, else the text's: not "We arrived by 2pm and went for a swim");
    else it is a logged session of its own, with those places."""
    n = ctx.sent_of[span.start]
    trip = prev.activity if prev is not None else ctx.main_activity
    own = None
    for m in real.starting_after(n, STAGE_REACH):
        if any(_stage_line(ctx, k) for k in range(n + 1, m + 1)):
            break  # the next stage starts before the record: it is that stage's
        own = next((r for r in real.at(m) if r.primary.sent == m and r.distance() is None and r.activity == trip),
                   None)
        if own is not None:
            break
    if own is None:
        _add_logged(ctx, real, span, prev, stage=stage)
        return
    carrier = Cluster(start=span.start, end=span.end, sent=n, info=own.primary.info, quantities=[span.info],
                      inferred=True, places=_stage_places(ctx, stage, n))
    real.add_cluster(own, carrier)


def places_of(ctx: Context, n: int) -> list[dict]:
    """The places of sentence ``n`` (no hometown), as a cluster holds them: a stage's or a log line's
    route ("Day 4 Larkspur to Brackenfold 56 miles") or where it was."""
    return [{"name": p.info.name, "role": p.info.role} for p in ctx.places_in.get(n, ()) if not p.info.hometown]


def _stage_places(ctx: Context, stage: int, n: int) -> list[dict]:
    """The places of a stage told on stage line ``stage`` with its distance in sentence ``n``: those of the
    line, then those of the distance's own sentence not named there ("Day 3 of the walk." then "23 miles from
    Larkspur to Tarnside today": the stage's route)."""
    places = places_of(ctx, stage)
    if n != stage:
        named = {p["name"] for p in places}
        places += [p for p in places_of(ctx, n) if p["name"] not in named]
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
    activity = prev.activity if prev is not None and no_other_day(carrier, prev) else ctx.main_activity
    if activity is None:
        return
    carrier.info = ext.ActivityInfo(activity=activity, form="inferred")
    further = not ctx.lexicon.further_session.isdisjoint(ctx.lows[ctx.sents[n][0]:span.start])  # "Another 5 miles"
    same = None if further else next(
        (r for r in real.in_paragraph(ctx.para[n]) if r.activity == activity and same_distance(r.distance(), q)
         and statuses.meaning(r.primary.status_name).phase == "done" and same_day_and_people(carrier, r)), None)
    if same is not None:
        carrier.info = same.primary.info
        real.add_cluster(same, carrier)
    else:
        carrier.places.extend(places_of(ctx, n) if stage is None else _stage_places(ctx, stage, n))
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
    return nxt if same_day_and_people(carrier, nxt) else None


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
    out: dict[int, tuple[int, int]] = {}
    for k in ctx.words_at("companion_cues"):
        n = ctx.sent_of[k]
        if n in with_cluster or n in out:
            continue
        cue = _companion_cue_at(ctx, k, ctx.sents[n][1])
        if cue is not None:
            out[n] = (k, k + len(cue))
    return out


INDEFINITE_ARTICLES = frozenset(("a", "an"))
CUE_PREPOSITIONS = frozenset(("with", "by", "alongside"))  # the last words of cues whose object may be a thing


def _companion_cue_at(ctx: Context, k: int, end: int) -> tuple[str, ...] | None:
    """The companion cue that starts at token ``k`` and ends by token ``end``, if one does, and, ending in a
    preposition, is not followed by a thing: an indefinite article then a word no person starts at ("posted a
    photo, along with a caption": but "along with a friend"; "Jonas would follow an hour behind")."""
    lows = ctx.lows
    cue = next((c for c in ctx.lexicon.companion_cues[lows[k]]
                if k + len(c) <= end and tuple(lows[k:k + len(c)]) == c), None)
    if cue is None:
        return None
    after = k + len(cue)
    if cue[-1] in CUE_PREPOSITIONS and after + 1 < end and lows[after] in INDEFINITE_ARTICLES \
            and not ctx.people_starting(after + 1, after + 2):
        return None
    return cue


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
