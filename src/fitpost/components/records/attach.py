"""Step 2: quantities, people, places, the event and the date attach to the clusters of their sentence.

A repetition or a frequency applies to every cluster of its sentence ("90 km
cycling and 20 km running for 3 days"), but a repetition right before an activity word is its own ("my
30-day yoga challenge"); any other quantity goes to the cluster
it lies in, else to the cheapest one within reach (:func:`cost`).  An event
goes to the nearest cluster of its activity; a place in an event's name ("the
Vienna Marathon") to the clusters of that event, any other place to the nearest
cluster within 14 tokens; a date to the cluster of its clause (:func:`attach_dates`).  People:
:mod:`~fitpost.components.records.company`.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from itertools import accumulate

from fitpost import ext, statuses
from fitpost.components import dates
from fitpost.components.records.company import attach_people
from fitpost.components.records.context import (
    METERS_PER_MILE,
    NO_DISTANCE,
    NOT_ENDURANCE,
    PERSON_RELATIVES,
    SUBJECT_PRONOUNS,
    Context,
)
from fitpost.components.records.model import Cluster, Record
from fitpost.components.status import LIST_JOINERS, thing_told_of
from fitpost.schema import DateRef, Quantity

# the cost of attaching a quantity to a cluster: the tokens between them, and
REACH = 30  # a quantity attaches to no cluster that costs more than this
BREAK, BREAK_ACROSS = 2, 6  # each clause break between them; when another cluster starts between them
TAKEN = 50  # the cluster holds a quantity of that kind already
RESULT_AHEAD = 6  # a time after "in" and a cluster past a clause break after it: a result of the clause before
EXERCISE_COUNT = -3  # a count next to an exercise ("40 burpees")
BARE_COUNT = 20  # a count with no unit next to anything but an exercise
NO_DISTANCE_OF_ITS_OWN = 2  # a distance next to a workout or yoga is another activity's about as near to it
# every term but the tokens between is a break (more), TAKEN (more) or a count's term (EXERCISE_COUNT
# at the least): a cost is at least the tokens between plus LEAST_TERM, so a cluster further than
# WINDOW tokens from a quantity costs more than REACH
LEAST_TERM = min(0, EXERCISE_COUNT, BARE_COUNT)
WINDOW = REACH - LEAST_TERM
NEAR_FIRST = 8  # the clusters this close to a quantity are tried first (its cluster is nearly always one of them)
PLACE_REACH = 14  # a place attaches to a cluster at most this many tokens away
ROUTE_ROLES = frozenset({"from", "to"})  # the roles of a route's start and end
ROUTE_PREPOSITIONS = frozenset({"from", "to", "in", "at"})  # between a verb of starting or ending and its place
DATE_NEAR = 8  # the clusters this close to a date are tried first (:func:`_date_owner`)
LIST_HEAD_UNITS = frozenset({"round", "set", "circuit"})  # the units of a count that may head a circuit's list
LIST_OPENERS = frozenset({":", "-", "–", "—"})  # what comes between a list of activities and their amounts

# the activity of a race name's last word: a bare race name ("a marathon") goes to a cluster of its activity
RACE_ACTIVITY = {"marathon": "running", "mara": "running", "parkrun": "running", "run": "running",
                 "ultramarathon": "running", "ironman": "triathlon", "triathlon": "triathlon",
                 "70.3": "triathlon", "distance": "triathlon", "man": "triathlon"}


# the words between "for" and the activity word its amount is told for: "16 km for the long run"
PURPOSE_DETERMINERS = frozenset({"my", "the", "his", "her", "our", "their", "a", "an", "this"})


def attach_all(ctx: Context, clusters: list[Cluster]) -> None:
    """Attach everything the clusters (in order of start) take from their sentences; an inferred cluster
    (no activity word) dated by a day to come is planned, one right after a denial negated
    (:func:`denied_before`); a cluster no cue and no past verb made done is planned too when dated by a
    day to come (:func:`_done_by_tense_alone`)."""
    if not clusters:
        return  # nothing to attach to
    in_sent: dict[int, list[Cluster]] = {}
    for c in clusters:
        in_sent.setdefault(c.sent, []).append(c)
    sentences = {n: SentenceClusters(cs) for n, cs in in_sent.items()}
    attach_quantities(ctx, clusters, sentences)
    for c in clusters:
        _streak_days(ctx, c)
        attach_event(ctx, c, sentences[c.sent])
        if c.event is not None and c.kind("distance") is None:
            _event_race_distance(ctx, c)
    attach_places(ctx, sentences)
    for c in clusters:
        attach_people(ctx, c)
    attach_dates(ctx, sentences)
    for c in clusters:
        if c.inferred and c.status is None and c.date is not None and dated_ahead(ctx, c.date):
            # no activity word for the status tagger to read: "I want to cover 20 km tomorrow"
            c.status = ext.StatusInfo(status="planned", cue=c.date.text, cue_start=c.date.start)
        elif c.date is not None and _done_by_tense_alone(ctx, c) and dated_ahead(ctx, c.date):
            # no cue said it was done, and a day to come is no day gone: "Planning a long ride on Sunday"
            c.status = ext.StatusInfo(status="planned", cue=c.date.text, cue_start=c.date.start)
        elif c.inferred and c.status is None:
            cue = denied_before(ctx, c.start)
            if cue is not None:  # "Couldn't finish the 20 km today": a failed attempt
                c.status = ext.StatusInfo(status="negated", cue=ctx.tab.text[cue], cue_start=ctx.tab.idx[cue])

        elif c.status is not None and c.status.status == "completed" and c.status.cue is None \
                and _on_a_journey(ctx, c):
            # "firefighters on a cycling expedition from A to B reached C on Tuesday": still under way
            on = c.start - 2
            c.status = ext.StatusInfo(status="ongoing", cue=ctx.tab.text[on], cue_start=ctx.tab.idx[on])
        elif c.status is not None and c.status.status == "ongoing" and _day_event_over(ctx, c):
            # "flagged off a 10-km walkathon on Sunday": walked that day, over by the post
            c.status = ext.StatusInfo(status="completed", cue=c.status.cue, cue_start=c.status.cue_start)
        elif c.status is not None and c.status.status == "habitual" and _streak_so_far(ctx, c):
            # "I have cycled every day for 30 days": a streak under way, not a routine
            c.status = ext.StatusInfo(status="ongoing", cue=c.status.cue, cue_start=c.status.cue_start,
                                      frequency=c.status.frequency)


# words before "on a ... expedition" that make it a journey gone on ("went on a cycling tour"), not one under way
JOURNEY_VERBS = frozenset({"went", "go", "goes", "going", "gone", "set", "embarked", "embark", "came", "back", "off",
                           "out", "been", "headed", "returned", "completed", "finished"})


def _on_a_journey(ctx: Context, c: Cluster) -> bool:
    """Whether noun cluster ``c`` names a journey someone is on: "on a" (or "an") right before it or opening it
    ("on a bicycle"), a journey noun (``journeys`` of linking.json) right after it, and no verb of going or
    ending right before "on" ("A team on a cycling expedition from A to B reached C": under way; not "went on
    a cycling tour")."""
    lows, k = ctx.lows, c.start
    if c.info.form == "noun" and c.end - k > 2 and lows[k] == "on" and lows[k + 1] in ("a", "an"):
        k += 2  # a form of the means that holds its "on a": "on a bicycle expedition"
    if c.info.form != "noun" or k < 2 or lows[k - 1] not in ("a", "an") or lows[k - 2] != "on":
        return False
    if c.end >= len(lows) or lows[c.end] not in ctx.lexicon.journey_nouns:
        return False
    before = lows[k - 3] if k >= 3 else ""
    return before not in JOURNEY_VERBS and not before.endswith("ed") and before not in ctx.lexicon.past_forms


PERFECT = frozenset({"have", "has", "'ve", "’ve"})  # the auxiliary of the present perfect
STREAK_REACH = 3  # the auxiliary comes at most this many tokens before the verb ("I've now been running")


STREAK_NOUNS = frozenset({"streak"})  # "my running streak": sessions on days in a row


def _streak_days(ctx: Context, c: Cluster) -> None:
    """Days told of a streak (an activity word right before a word of STREAK_NOUNS: "My running streak is now 21
    days") are that many days of sessions, daily, not the time of one session; so is the day of the streak it
    has reached ("Day 214 of my run streak", "Run streak day 100")."""
    if c.end >= ctx.tab.n or ctx.lows[c.end] not in STREAK_NOUNS:
        return
    for k, q in enumerate(c.quantities):
        if q.kind == "duration" and q.unit == "day" and q.value and q.value == int(q.value):
            c.quantities[k] = Quantity(kind="repetition", text=q.text, start=q.start, end=q.end, value=q.value,
                                       unit="day", times=int(q.value))
    if c.kind("repetition") is None:
        reached = _streak_day_reached(ctx, c)
        if reached is not None:
            c.quantities.append(reached)
    if c.status is not None and c.kind("repetition") is not None and c.status.frequency is None:
        c.status = ext.StatusInfo(status=c.status.status, cue=c.status.cue, cue_start=c.status.cue_start,
                                  frequency="daily")


STREAK_OWNERS = frozenset({"my", "our", "his", "her", "their", "the"})  # "Day 214 of my run streak"


def _streak_day_reached(ctx: Context, c: Cluster) -> Quantity | None:
    """The day a streak has reached, as that many days of sessions: "Day 214 of my" right before the
    activity word of a streak, or "day 100" right after its streak noun ("Run streak day 100")."""
    lows, k = ctx.lows, c.start
    if k >= 4 and lows[k - 4] == "day" and lows[k - 3].isdigit() and lows[k - 2] == "of" \
            and lows[k - 1] in STREAK_OWNERS:
        first, number = k - 4, k - 3
    elif c.end + 2 < ctx.tab.n and lows[c.end + 1] == "day" and lows[c.end + 2].isdigit():
        first, number = c.end + 1, c.end + 2
    else:
        return None
    days = int(lows[number])
    if days < 2:
        return None
    tab = ctx.tab
    start, end = tab.idx[first], tab.end[number]
    return Quantity(kind="repetition", text=ctx.text[start:end], start=start, end=end, value=days, unit="day",
                    times=days)


def _day_event_over(ctx: Context, c: Cluster) -> bool:
    """Whether cluster ``c``, under way by a cue of ``day_events`` ("flagged off"), is dated to a day before the
    post and has a distance one day covers (``day_events`` km of its activity): a day's event, over by now."""
    lex = ctx.lexicon
    d = c.kind("distance")
    if c.status is None or (c.status.cue or "").lower() not in lex.day_event_cues or d is None or not d.meters:
        return False
    if c.date is None or c.date.value is None or ctx.posted_at is None or c.date.value >= ctx.posted_at:
        return False
    return d.meters <= 1000 * lex.day_event_km.get(c.info.activity, lex.day_event_km["default"])


def _streak_so_far(ctx: Context, c: Cluster) -> bool:
    """Whether cluster ``c`` tells a streak of days so far: its verb in the present perfect with a repetition of
    at least two days ("I have now cycled every day for 30 days", "I've been running daily for 100 days"), or
    done daily since a day ("She has run every day since January 1st")."""
    if c.info.form != "verb" or PERFECT.isdisjoint(ctx.lows[max(0, c.start - STREAK_REACH):c.start]):
        return False
    rep = c.kind("repetition")
    if rep is not None and rep.unit == "day" and rep.times and rep.times >= 2:
        return True
    if c.status is None or c.status.frequency != "daily" or c.date is None or c.date.start is None:
        return False
    k = bisect_left(ctx.tab.idx, c.date.start)  # the date's first token
    return k > 0 and ctx.lows[k - 1] == "since"


def past_form(ctx: Context, word: str) -> bool:
    """Whether ``word`` (lower case) is a verb in the past: a form of ``past_forms`` or a word of more than four
    letters ending in -ed."""
    return word in ctx.lexicon.past_forms or word.endswith("ed") and len(word) > 4


def _past_verb(ctx: Context, c: Cluster) -> bool:
    """Whether cluster ``c`` is done and told by a verb of its own in the past ("ran", "cycled")."""
    return c.status_name == "completed" and c.info.form == "verb" and past_form(ctx, ctx.lows[c.start])


def _done_by_tense_alone(ctx: Context, c: Cluster) -> bool:
    """Whether cluster ``c`` is done by no cue and no verb of its own in the past: a noun or an -ing
    form ("Planning a long ride on Sunday"), not "ran" (a day to come there is misread)."""
    if c.status is None or c.status.status != "completed" or c.status.cue is not None:
        return False
    return c.info.form != "verb" or ctx.lows[c.start].endswith("ing")


NEGATIONS = frozenset(("not", "n't", "n’t", "never", "failed", "unable"))  # words that deny what follows them
DENIAL_REACH = 4  # a denial counts at most this many tokens before an amount with no activity word


def denied_before(ctx: Context, start: int) -> int | None:
    """The token of a denial at most DENIAL_REACH tokens before token ``start`` in its clause (no comma,
    colon or semicolon between): "couldn't finish the 20 km", "never made 10 miles"; None if none."""
    lo = max(ctx.sents[ctx.sent_of[start]][0], start - DENIAL_REACH)
    for k in range(start - 1, lo - 1, -1):
        if ctx.lows[k] in (",", ";", ":"):
            return None
        if ctx.lows[k] in NEGATIONS:
            return k
    return None


def _event_race_distance(ctx: Context, c: Cluster) -> None:
    """A running cluster's event whose name ends in a word that is a race only there ("the Larkspur Trail
    Half": ``mention_races``) or in a bare number of ``race_numbers`` ("the Larkspur 100": 100 miles) gives
    the cluster that race's length, as a race named in the mention does."""
    if c.info.activity != "running":
        return
    e = next((e for e in ctx.events_in.get(c.sent, ()) if e.info.name == c.event), None)
    q = _mention_race(ctx, e.end - 1) or _numbered_race(ctx, e.end - 1) if e is not None else None
    if q is not None:
        c.quantities.append(q)
        c.race_only = True


def future_worded(ctx: Context, text: str) -> bool:
    """Whether the words of a date hold a future word ("tomorrow", "next month")."""
    return not ctx.lexicon.future_words.isdisjoint(text.lower().split())


def dated_ahead(ctx: Context, date: DateRef) -> bool:
    """Whether ``date`` points to a day to come: it holds a future word (:func:`future_worded`) or falls
    after the post date."""
    if future_worded(ctx, date.text):
        return True
    posted = ctx.posted_at
    return posted is not None and date.value is not None and date.value > posted


class SentenceClusters:
    """The clusters of one sentence (in order of start), found by where they lie."""

    def __init__(self, clusters: list[Cluster]) -> None:
        self.clusters = clusters
        self.starts = [c.start for c in clusters]
        self.latest_end = list(accumulate([c.end for c in clusters], max))  # the latest end up to each cluster
        self._starts_of: dict[str, list[int]] = {}  # an activity -> where its clusters start, in order

    def starts_of(self, activity: str) -> list[int]:
        """Where the clusters of ``activity`` start, in order (made once per activity)."""
        starts = self._starts_of.get(activity)
        if starts is None:
            starts = self._starts_of[activity] = [c.start for c in self.clusters if c.info.activity == activity]
        return starts

    def near(self, start: int, end: int, reach: int) -> list[Cluster]:
        """In order, the clusters that start in tokens ``start:end`` or at most ``reach`` tokens after
        ``start``, or start before it and end at most ``reach`` tokens before it, or later."""
        k = first = bisect_left(self.starts, start)
        while first > 0 and self.latest_end[first - 1] >= start - reach:
            first -= 1
        after = self.clusters[k:bisect_right(self.starts, max(start + reach, end - 1))]
        if first == k:
            return after  # none that starts before it reaches it
        return [c for c in self.clusters[first:k] if c.end >= start - reach] + after


def attach_quantities(ctx: Context, clusters: list[Cluster], sentences: dict[int, SentenceClusters]) -> None:
    """Each quantity to the clusters of its sentence (a cluster keeps the first of each kind), a distance
    or time right before an activity word to its cluster though a sentence ends between them; then a
    cluster with no distance takes the one a race name in it implies ("a marathon")."""
    spread: dict[tuple[int, str], list[int]] = {}  # where the repetitions (and frequencies) of a sentence end
    respective = respective_amounts(ctx, sentences)
    race_times = _legs_totals(ctx, sentences, clusters)
    by_start = {c.start: c for c in clusters}
    activity_words = {k for c in clusters for k in range(c.start, c.end)}  # the tokens of the clusters
    for span in _modifiers_first(ctx, ctx.mentions[ext.QUANTITIES], clusters, activity_words):
        q: Quantity = span.info
        n = ctx.sent_of[span.start]
        modified = by_start.get(span.end) if q.kind in ("distance", "duration") else None
        if modified is not None and modified.sent != n:
            # a model may end a sentence inside "400 Meter Run": the amount is still the run's
            if modified.kind(q.kind) is None:
                modified.quantities.append(q)
            continue
        if n not in sentences or q.kind == "duration" and span.start in ctx.others_name_ends:
            continue  # no cluster to take it, or someone else's result ("Results: 1. Jonas Berg 31:02")
        if q.kind == "count" and _heads_a_list(ctx, span):
            continue  # "3 rounds: 20 swings, 15 push-ups": the circuit's rounds, no exercise's count
        if q.kind in ("repetition", "frequency"):
            _attach_how_often(ctx, span, sentences[n].clusters, activity_words, spread.setdefault((n, q.kind), []))
            continue
        if q.kind == "duration" and span.start > 0 and ctx.lows[span.start - 1] == "for" \
                and _of_other_verb(ctx, span, activity_words):
            continue  # "After the marathon I rested for three days": the rest's time (but "spent 19 days cycling")
        whole = race_times.get(span.start)
        if whole is not None:  # "400 m swim, 20 km bike and 5 km run in 1:24:30": the triathlon's time
            if whole.kind(q.kind) is None:
                whole.quantities.append(q)
            continue
        listed = respective.get(span.start)
        if listed is not None:
            if listed.kind(q.kind) is None:
                listed.quantities.append(q)
            continue
        race_name = q.kind == "distance" and not any(map(str.isdigit, q.text))  # "a marathon", no number
        race = RACE_ACTIVITY.get(q.text.lower().replace("-", " ").split()[-1]) if race_name else None
        best = cluster_for(ctx, span, sentences[n], race)
        if best is None:
            continue
        if best.kind(q.kind) is None:
            best.quantities.append(q)
            if race_name:
                best.race_only = True
    for c in clusters:
        if c.kind("distance") is None:
            q = race_distance(ctx, c)
            if q is not None:
                c.quantities.append(q)
                c.race_only = True


MULTISPORT = "triathlon"  # a race of legs: a result told after them is the whole race's
FINISHED_WORDS = ("finished", "finishing", "done")  # "..., 5 km run, finished in 1:24:30": the whole race's time


def _legs_totals(ctx: Context, sentences: dict[int, SentenceClusters], clusters: list[Cluster]) -> dict[int, Cluster]:
    """A time right after the last of the legs of two or more activities that a sentence lists, each
    with its distance before it ("400 m swim, 20 km bike and 5 km run in 1:24:30", "..., 5 km run,
    1:24:30 overall"), where a race of legs (MULTISPORT) is told before them: the whole race's time, by its
    first token, to that race's latest cluster before them.  Where the legs before the last have a time
    each ("750 m swim in 16:02, 20 km bike in 41:30 and 5 km run in 24:48"), the last time is the last
    leg's own."""
    races = [c for c in clusters if c.info.activity == MULTISPORT]
    if not races:
        return {}
    found = ctx.mentions[ext.QUANTITIES]
    distance_ends = {q.end for q in found if q.info.kind == "distance"}
    durations = {q.start: q for q in found if q.info.kind == "duration"}

    def time_after(leg: Cluster) -> int:
        """Where a time right after ``leg`` would start: "in" or a comma between, or a verb of finishing and
        "in" after a comma or "and" ("..., 21.1 km run, finished in 5:48:12")."""
        k, lows = leg.end, ctx.lows
        if k < ctx.tab.n and lows[k] in ("in", ",", "and"):
            k += 1
        if lows[k - 1] != "in" and lows[k:k + 2] in ([w, "in"] for w in FINISHED_WORDS):
            k += 2
        return k

    out: dict[int, Cluster] = {}
    for sentence in sentences.values():
        legs = [c for c in sentence.clusters if c.info.activity != MULTISPORT and c.start in distance_ends]
        if len({c.info.activity for c in legs}) < 2 or any(time_after(c) in durations for c in legs[:-1]):
            continue
        k = time_after(legs[-1])
        race = max((c for c in races if c.start < legs[0].start), key=lambda c: c.start, default=None)
        if k in durations and race is not None:
            out[k] = race
    return out


def respective_amounts(ctx: Context, sentences: dict[int, SentenceClusters]) -> dict[int, Cluster]:
    """A list of activity words before a colon or a dash (a date between: "Ran and swam today: 8 km and
    1.5 km") and a list of as many distances or times right after it go together in order ("Swim, bike,
    run: 750 m, 20 km, 5 km", "Run / bike: 5 km / 20 km"): each amount, by its first token, to its cluster."""
    amounts = {s.start: s for s in ctx.mentions[ext.QUANTITIES] if s.info.kind in ("distance", "duration")}
    date_ends = {d.start: d.end for d in ctx.mentions[ext.DATES]}
    out: dict[int, Cluster] = {}
    for sentence in sentences.values():
        clusters, k = sentence.clusters, 0
        while k < len(clusters):
            listed = [clusters[k]]  # the clusters joined to it, one after another
            while k + len(listed) < len(clusters) \
                    and _listed_between(ctx, listed[-1].end, clusters[k + len(listed)].start):
                listed.append(clusters[k + len(listed)])
            k += len(listed)
            end = date_ends.get(listed[-1].end, listed[-1].end)
            if len(listed) < 2 or end >= ctx.tab.n or ctx.lows[end] not in LIST_OPENERS:
                continue
            told = _amounts_listed(ctx, amounts, end + 1)
            if len(told) == len(listed):
                out.update((span.start, c) for span, c in zip(told, listed))
    return out


def _listed_between(ctx: Context, a: int, b: int) -> bool:
    """Whether tokens ``a:b`` are one or more list joiners and nothing else (", ", " and ", " / ")."""
    return a < b and all(w in LIST_JOINERS for w in ctx.lows[a:b])


def _amounts_listed(ctx: Context, amounts: dict[int, ext.Mention], at: int) -> list[ext.Mention]:
    """The distances and times (``amounts``, by first token) listed from token ``at`` on, each joined to the
    one before by list joiners alone."""
    told: list[ext.Mention] = []
    while at in amounts:
        told.append(amounts[at])
        k = amounts[at].end
        at = k
        while at < ctx.tab.n and ctx.lows[at] in LIST_JOINERS:
            at += 1
        if at == k:
            break  # nothing joins the next amount, if any: the list ends
    return told


def _heads_a_list(ctx: Context, span: ext.Mention) -> bool:
    """Whether the count ``span`` is of rounds or sets (``LIST_HEAD_UNITS``) and a colon follows it (after
    "of", if any): "3 rounds: 20 swings, 15 push-ups", "5 rounds of: 10 burpees, 20 squats" head a circuit."""
    if span.info.unit not in LIST_HEAD_UNITS:
        return False
    after = ctx.lows[span.end:span.end + 2]
    return after[:1] == [":"] or after == ["of", ":"]


# a time told by its ordinal ("the first time", "the 13th time"; every English ordinal ends so)
ORDINAL_TIME = re.compile(r"\bthe\s+\w+(?:st|nd|rd|th)\s+time\b", re.IGNORECASE)
# which year running this is ("won it for the fifth straight year", "for the third year running"): the edition
# of a yearly event that this is for them, no days of one effort
ORDINAL_YEAR = re.compile(r"\bthe\s+\w+(?:st|nd|rd|th)\s+(?:\w+\s+)?year\b", re.IGNORECASE)


def _of_other_verb(ctx: Context, span: ext.Mention, activity_words: set[int]) -> bool:
    """Whether the repetition or time ``span`` comes right after a verb in the past that tells no activity, or
    after one and "for", or after a verb of resting in any tense and "for" (``resting_verbs`` of linking.json):
    "scored twice", "stopped three times to tie my laces", "After the marathon I rested for three days", "I will
    rest for a week": it counts or lasts that verb, not the session; not a verb of doing it (``doing`` of the
    claim cues: "Football tonight, played for an hour").  (``activity_words``: the tokens of the Doc's
    clusters.)"""
    k = span.start - 1
    if k > 0 and ctx.lows[k] == "for":
        k -= 1
        if ctx.lows[k] in ctx.lexicon.resting_verbs and not (k > 0 and ctx.lows[k - 1] in ("-", "–")):
            return True  # "After the marathon I will rest for a week": the rest's time (not "non-stop for")
    word = ctx.lows[k] if k >= 0 else ""
    if word in ctx.lexicon.doing:
        return False  # "Football tonight, played for an hour": the verb of doing the session itself
    return k not in activity_words and past_form(ctx, word)


def _attach_how_often(ctx: Context, span: ext.Mention, clusters: list[Cluster], activity_words: set[int],
                      ends: list[int]) -> None:
    """A repetition or a frequency to the clusters of its sentence (``clusters``): to the activity word right
    after a repetition alone ("my 30-day yoga challenge"), else spread (:func:`_spread`; ``ends``: where those of
    its kind before it in the sentence end) over those of the phase of the nearest one before it ("After the
    marathon I could barely walk for two days": the walk's); none for how often something else happened
    ("scored twice"), which time or which year running this is ("for the first time", "for the fifth straight
    year") or how often a thing told of is thought of
    (:func:`thing_told_of`).
    (``activity_words``: the tokens of the Doc's clusters.)"""
    q: Quantity = span.info
    if q.kind == "repetition" and (_of_other_verb(ctx, span, activity_words) or ORDINAL_TIME.search(q.text)
                                   or ORDINAL_YEAR.search(q.text)):
        return
    own = next((c for c in clusters if c.start == span.end), None)
    if q.kind == "repetition" and own is not None:  # "my 30-day yoga challenge: 45 min of vinyasa"
        if own.kind(q.kind) is None:
            own.quantities.append(q)  # the challenge's days, not the session's told with it
        return
    if q.kind == "frequency":  # "This race has been on my mind every day": not how often the race was run
        clusters = [c for c in clusters if not thing_told_of(ctx.tab, c.start, c.end, c.info)]
    elif q.unit == "time" and any(c.start < span.start for c in clusters) \
            and any(c.start >= span.end for c in clusters):
        # told between sessions, a count of times is of those of its clause: "I ran the Tarnby 10K three times and
        # then swam 2 km", "Jonas, who won the marathon three times, will walk 500 miles" (but after them all or
        # before them all it is of each, and a span of days is the whole effort's: "trekked for 21 days, covering
        # 280 km and climbing 12,000 m")
        clause = ctx.clause_start(span.start)
        clusters = [c for c in clusters if ctx.clause_start(c.start) == clause]
    nearest = max((c for c in clusters if c.end <= span.start), key=lambda c: c.end, default=None)
    if nearest is not None:  # "After the marathon I could barely walk for two days": the walk's days alone
        phase = statuses.meaning(nearest.status_name).phase
        clusters = [c for c in clusters if statuses.meaning(c.status_name).phase == phase]
    _spread(clusters, span, ends)


def _spread(clusters: list[Cluster], span: ext.Mention, ends: list[int]) -> None:
    """The first repetition or frequency of a sentence goes to every cluster of it ("45 km cycling and 12 km
    running for 4 consecutive days"); a later one of its kind to the clusters told after the one before it
    and before it, in place of that one ("I've run four times and swum twice": the swims twice).
    (``ends``: where the earlier ones of the sentence end; this one's end is added.)"""
    q: Quantity = span.info
    if not ends:
        told = clusters
    else:
        told = [c for c in clusters if ends[-1] <= c.start < span.start]
        for c in told:
            c.quantities = [x for x in c.quantities if x.kind != q.kind]
    for c in told:
        if c.kind(q.kind) is None:
            c.quantities.append(q)
    ends.append(span.end)


def _modifiers_first(ctx: Context, spans: list[ext.Mention], clusters: list[Cluster],
                     inside: set[int]) -> list[ext.Mention]:
    """The quantities, those that modify an activity word right after them first ("a 60-minute run,
    skipping and ...": the run's own duration, taken before a nearer cluster or an earlier quantity
    can fill its slot), are its amount, told before "for", a determiner and at most one more word
    ("8 km, 5 km and 16 km for the long run"), or follow it right after it ("45 miles total, long
    run 18 miles": the run's, not the total before it), or are the activity word itself ("an easy 5k": the
    5k's distance, not another told before it), else in order.  (``inside``: the tokens of the clusters.)"""
    starts = {c.start for c in clusters}
    ends = {c.end for c in clusters}
    lows = ctx.lows
    first: list[ext.Mention] = []
    rest: list[ext.Mention] = []
    for s in spans:
        e = s.end
        modifies = s.info.kind in ("distance", "duration") and (
            e in starts or s.start in ends or (e + 2 in starts or e + 3 in starts) and lows[e] == "for"
            and lows[e + 1] in PURPOSE_DETERMINERS or s.start in inside and e - 1 in inside)
        (first if modifies else rest).append(s)
    return first + rest


def cluster_for(ctx: Context, span: ext.Mention, sentence: SentenceClusters, race: str | None) -> Cluster | None:
    """The cluster of ``sentence`` the quantity ``span`` goes to: the first it lies in (or that starts in
    it), else :func:`cheapest` of those near it (those of ``race``'s activity, for a race named alone:
    "a marathon"), if any.

    A cost is at least the tokens between plus the least term of the quantity's kind (:func:`least_term`),
    so a cluster more than WINDOW tokens away costs more than REACH; and where the best of the clusters
    within NEAR_FIRST tokens costs at most NEAR_FIRST plus that term, any further one costs more.  So
    those are tried first, then, if need be, those within WINDOW.  (Any cluster the quantity lies in is
    among the first.)
    """
    first = _may_take(ctx, span, sentence.near(span.start, span.end, NEAR_FIRST))
    for c in first:
        if c.start <= span.start < c.end or span.start <= c.start < span.end:
            return c  # the first it lies in or that starts in it
    best, best_cost = _least_cost(ctx, span, _of_race(first, race))
    if best_cost > NEAR_FIRST + least_term(span):  # a cluster further away may cost less
        further = _may_take(ctx, span, sentence.near(span.start, span.end, WINDOW))
        best, _ = _least_cost(ctx, span, _of_race(further, race))
    if best is not None and (made_up_after(ctx, best, span) or _before_clause_not_done(ctx, best, span)):
        return None  # "Missed my run yesterday, so doubled up today: 12 km": the session made up, not the one missed
    return best


def _may_take(ctx: Context, span: ext.Mention, near: list[Cluster]) -> list[Cluster]:
    """The clusters of ``near`` that may hold the quantity ``span``: for a distance, none of an activity that
    never covers one (NO_DISTANCE: "8 km easy, then 20 minutes of yoga" is no yoga of 8 km), nor one told
    after another day than the distance (:meth:`~.context.Context.day_before`): that is another item of a
    log ("Tue 8 km easy, Thu 45 min swim", "Thu swim, Sat 16 km": no swim of 8 or 16 km)."""
    if span.info.kind != "distance":
        return near
    sent = ctx.sent_of[span.start]
    day = ctx.day_before(sent, span.start)
    return [c for c in near if c.info.activity not in NO_DISTANCE
            and (day is None or ctx.day_before(sent, c.start) in (None, day))]


def _before_clause_not_done(ctx: Context, c: Cluster, span: ext.Mention) -> bool:
    """Whether the amount ``span`` comes before cluster ``c``, a session not done, with a subject between them:
    it ends the clause before ("Spin class tonight. 45 minutes and I could barely walk afterwards")."""
    return span.end <= c.start and not statuses.is_real(c.status_name) \
        and not SUBJECT_PRONOUNS.isdisjoint(ctx.lows[span.end:c.start])


MAKING_UP = frozenset({"so", "but", "instead"})  # after a session not done, what turns to the one done in its place


def made_up_after(ctx: Context, c: Cluster, span: ext.Mention) -> bool:
    """Whether the amount ``span`` comes after cluster ``c``, a session not done (negated or hypothetical), with
    one of MAKING_UP between them: the amount is another session's, the one done in its place."""
    return span.start >= c.end and not statuses.is_real(c.status_name) \
        and not MAKING_UP.isdisjoint(ctx.lows[c.end:span.start])


def _of_race(near: list[Cluster], race: str | None) -> list[Cluster]:
    """The clusters ``near`` of activity ``race`` (all of them for None)."""
    return near if race is None else [c for c in near if c.info.activity == race]


def least_term(span: ext.Mention) -> int:
    """The least a cost of the quantity ``span`` may add to the tokens between: a count's term
    (LEAST_TERM at the least); no term of another kind lowers it."""
    return LEAST_TERM if span.info.kind == "count" else 0


def cheapest(ctx: Context, span: ext.Mention, near: list[Cluster]) -> Cluster | None:
    """The first of the clusters ``near`` that cost least to attach the quantity ``span`` to,
    if that is at most :data:`REACH` (:func:`_least_cost`)."""
    return _least_cost(ctx, span, near)[0]


def _least_cost(ctx: Context, span: ext.Mention, near: list[Cluster]) -> tuple[Cluster | None, int]:
    """The first of the clusters ``near`` that cost least to attach the quantity ``span`` to, if that is at
    most :data:`REACH`, with that cost; else None, with more than REACH.

    ``near`` holds, in order, every cluster of the sentence that holds the quantity or lies within
    some reach of it (:meth:`SentenceClusters.near`).  A cluster that starts between the quantity and
    one of ``near`` lies nearer, so it is in ``near`` too: each cost is the one against the whole
    sentence.

    The clusters are tried nearest first: once one costs ``d``, a cluster whose tokens between alone
    come to more than ``d`` less the least term (:func:`least_term`) cannot cost less, nor the ones
    after it.  Of two that cost the same, the one first in the text wins.
    """
    least = least_term(span)
    starts = [c.start for c in near]
    best, best_key = None, (REACH, len(near))  # (cost, place in ``near``) of the best so far
    for tokens_between, k in sorted([(gap(span, c), k) for k, c in enumerate(near)]):
        if tokens_between + least > best_key[0]:
            break
        c = near[k]
        key = (cost(ctx, span, c, starts), k)
        if key <= best_key:
            best, best_key = c, key
    return best, best_key[0] if best is not None else REACH + 1


def gap(span: ext.Mention, c: Cluster) -> int:
    """The tokens from the quantity ``span`` to the nearest end of cluster ``c``."""
    at = span.start
    return c.start - at if at < c.start else abs(at - (c.end - 1))


def cost(ctx: Context, span: ext.Mention, c: Cluster, starts: list[int]) -> int:
    """What attaching the quantity ``span`` to cluster ``c`` costs: the tokens from the quantity to the
    cluster's nearest end, each clause break between them (more when another cluster starts between
    them: ``starts``, in order, are where the clusters near it start, ``c``'s among them), more when ``c``
    has a quantity of that kind or is of an activity that covers no distance of its own (NOT_ENDURANCE) and
    the quantity a distance, and for a count, less next to an exercise and more, without a unit,
    next to anything else; a result after "in" costs more with a cluster past a clause break after it ("Swam
    the 3.8 km leg in 1:12, biked 180 km": the swim's time, told after what it measures)."""
    q: Quantity = span.info
    at = span.start
    pos = c.start if at < c.start else c.end - 1
    lo, hi = min(pos, at), max(pos, at)
    d = gap(span, c)
    breaks = ctx.breaks(lo, hi)
    if breaks:
        starting_between = bisect_left(starts, hi) - bisect_right(starts, lo)
        across = starting_between > (1 if lo < c.start < hi else 0)  # one other than ``c``
        d += breaks * (BREAK_ACROSS if across else BREAK)
        if at < c.start and q.kind == "duration" and at > 0 and ctx.lows[at - 1] == "in":
            d += RESULT_AHEAD
    if c.kind(q.kind) is not None:
        d += TAKEN
    if q.kind == "distance" and c.info.activity in NOT_ENDURANCE:
        d += NO_DISTANCE_OF_ITS_OWN  # "45 min HIIT + 3 km cooldown jog": the jog's, as near as the HIIT
    if q.kind == "count":
        if c.info.form == "exercise":
            d += EXERCISE_COUNT
        elif not q.unit:
            d += BARE_COUNT
    return d


def attach_places(ctx: Context, sentences: dict[int, SentenceClusters]) -> None:
    """Each place of a sentence (not a hometown) to the clusters of the sentence nearest to it, if at
    most PLACE_REACH tokens away (from the end of a cluster before it, else from the start), each
    name once a cluster; a place in an event's name only to the clusters of that event (the race was
    there, not the run beside it)."""
    for n, places in ctx.places_in.items():
        if n not in sentences:
            continue
        given: set[tuple[str, str]] = set()  # (event, place) names of the sentence given to the event's clusters
        for p in places:
            if p.info.hometown:
                continue
            event = event_holding(ctx, p)
            if event is not None:
                if (event, p.info.name) in given:
                    continue  # each cluster of the event holds the name already (their events are set)
                given.add((event, p.info.name))
                near = [(0, c) for c in sentences[n].clusters if c.event == event]
            else:
                near = [(abs(p.start - (c.end if p.start >= c.end else c.start)), c)
                        for c in sentences[n].near(p.start, p.start + 1, PLACE_REACH)]
                if not near:
                    near = [(0, c) for c in _route_of_distance(ctx, places, p, sentences[n])]
                if not near and len(sentences[n].clusters) == 1 and _route_by_verb(ctx, p):
                    # "Their ride will begin from the square at 6am on Saturday and finish in Tarnby": a route's
                    # start or end told with its verb is the route of the sentence's one session, however far
                    near = [(0, sentences[n].clusters[0])]
                aside = person_aside(ctx, p.start)
                if aside is not None:  # "The veteran, who served in Tarnside, will row ...": not the row's place
                    near = [(d, c) for d, c in near if aside[0] <= c.start < aside[1]]
            lowest = min((d for d, _ in near), default=PLACE_REACH + 1)
            for d, c in near:
                if d == lowest <= PLACE_REACH and not any(x["name"] == p.info.name for x in c.places):
                    c.places.append({"name": p.info.name, "role": p.info.role})


ASIDE_REACH = 12  # an aside about a person is read at most this many tokens before and after a word in it


def _route_by_verb(ctx: Context, p: ext.Mention) -> bool:
    """Whether the place ``p`` is a route's start or end told with a verb of starting or ending right before
    it, or before its preposition ("finish in Tarnby", "set off from the old mill in Tarnby", "reached
    Larkspur"; ``start_verbs`` and ``end_verbs`` of places.json)."""
    if p.info.role not in ROUTE_ROLES:
        return False
    lows = ctx.lows
    k = p.start - 1
    if k >= 0 and lows[k] == "the":
        k -= 1
    if k >= 0 and lows[k] in ROUTE_PREPOSITIONS:
        k -= 1
    return any(tuple(lows[k - len(v) + 1:k + 1]) == v for verbs in ctx.lexicon.route_verbs.values() for v in verbs
               if k - len(v) + 1 >= 0)


def person_aside(ctx: Context, k: int) -> tuple[int, int] | None:
    """The tokens of the aside about a person that token ``k`` lies in: from a comma and a relative word of
    ``PERSON_RELATIVES`` before it in its sentence to the next comma or the sentence's end, each at most
    ASIDE_REACH tokens from ``k`` ("The veteran, who lost a leg in Tarnside, will row ..."); None where ``k``
    lies in none."""
    if not ctx.words_at("person_relatives"):
        return None  # the text says no "who": it holds no such aside
    lows = ctx.lows
    lo, hi = max(ctx.tab.sent_lo[k], k - ASIDE_REACH), min(ctx.tab.sent_hi[k], k + ASIDE_REACH)
    comma = next((j for j in range(k - 1, lo - 1, -1) if lows[j] == ","), None)
    if comma is None or comma + 1 >= k or lows[comma + 1] not in PERSON_RELATIVES:
        return None
    return comma + 1, next((i for i in range(k + 1, hi) if lows[i] == ","), ctx.tab.sent_hi[k])


ROUTE_WORDS = frozenset({"from", "to", "via"})
ROUTE_STOPS = 4  # a route told with a distance names at most this many places ("from A via B and C to D")


def _route_of_distance(ctx: Context, places: list[ext.Mention], p: ext.Mention,
                       sentence: SentenceClusters) -> list[Cluster]:
    """The cluster whose distance the route that place ``p`` is part of is told right after ("..., 84 miles
    from Brackenfold to Tarnside": the route of the 84 miles, however far its activity word is), as a list
    of one, or none.  (``places``: the places of ``p``'s sentence, in order.)"""
    lows, idx = ctx.lows, ctx.tab.idx
    ends = {q.end: q for q in places}
    first = p
    # back along the route, at most ROUTE_STOPS places: "to Tarnside" after "from Brackenfold" starts where
    # "from" does
    for _ in range(ROUTE_STOPS):
        if first.start < 2 or lows[first.start - 1] not in ROUTE_WORDS or first.start - 1 not in ends:
            break
        first = ends[first.start - 1]
    word = first.start - 1
    if word < 1 or lows[word] not in ROUTE_WORDS:
        return []
    for c in sentence.clusters:
        for q in c.quantities:
            if q.kind == "distance" and q.end <= idx[word] and not ctx.text[q.end:idx[word]].strip():
                return [c]
    return []


def event_holding(ctx: Context, p: ext.Mention) -> str | None:
    """The name of the event whose name holds the place ``p`` ("Vienna" in "the Vienna Marathon"), if any."""
    e = ctx.event_holding(p.start, p.end)
    return e.info.name if e is not None else None


def attach_event(ctx: Context, c: Cluster, sentence: SentenceClusters) -> None:
    """The event of the sentence (of ``c``'s activity or of none) nearest to ``c`` (the first on a tie),
    unless another cluster of that activity (of ``sentence``) is nearer to it or a day is named between them;
    a cluster made of an event keeps it.  An event told as missed or only wished for goes to no real cluster
    ("Couldn't make parkrun, so I did a 5k loop instead")."""
    if c.event is not None or c.sent not in ctx.events_in:
        return
    best = ctx.nearest_event(c.sent, c.start, c.info.activity, real=statuses.is_real(c.status_name),
                             done=c.status_name == "completed")
    if best is None or ctx.day_between(best.start, c.start):
        return  # "Sat parkrun, Sun 16 km long run": the parkrun is Saturday's session
    dist = abs(best.start - c.start)
    # another cluster of the activity nearer to the event starts less than ``dist`` tokens from it (``c`` is
    # ``dist`` away: not among them)
    starts = sentence.starts_of(c.info.activity)
    if bisect_left(starts, best.start + dist) > bisect_right(starts, best.start - dist):
        return
    c.event = best.info.name


def attach_date(ctx: Context, c: Cluster) -> None:
    """The day right before the distance the cluster starts with ("Tue 6 km easy, Thu 10 km tempo":
    Thursday for the 10 km), else the day right after the cluster ("20 km Saturday, 25 km Sunday": Sunday
    for the 25 km), else the first resolved date of the sentence."""
    day = ctx.day_led.get(c.start)
    if day is not None:
        c.date = day.info
        return
    found = [d for d in ctx.dates_in.get(c.sent, ()) if d.info is not None]
    after = next((d for d in found if d.start == c.end and d.info.granularity == "day"), None)
    c.date = after.info if after is not None else found[0].info if found else c.date


def before_the_day_told(ctx: Context, date: DateRef | None, r: Record) -> bool:
    """Whether ``date`` is before the post's day, which the text tells as the day of its sessions ("today",
    "this morning": :attr:`Context.post_day_told`), where record ``r``, done, names no day of its own: a time
    or a session told on that date is another day's ("Club night today. A solid run for me. Six weeks ago it
    was 24:10 on this loop"; "Ran the Tarnby 10k course. Three weeks ago I did it in 52:10")."""
    if date is None or date.value is None or ctx.posted_at is None or date.value >= ctx.posted_at:
        return False
    if any(x.date is not None for x in r.clusters) or statuses.meaning(r.primary.status_name).phase != "done":
        return False
    return ctx.post_day_told is not None


def attach_dates(ctx: Context, sentences: dict[int, SentenceClusters]) -> None:
    """Each date of a sentence to the cluster of its clause: the one it costs least to reach (the
    tokens between, and BREAK for each clause break between), the first on a tie; a cluster given
    several keeps the cheapest, or a day in its clause within it (:func:`_finest`).  A cluster with no
    date of its own takes that of the cluster before it in the sentence ("On Sunday I ran and swam"),
    else the first date of the sentence ("I ran and swam yesterday"), but never the date of a mention
    telling when the activity was taken up (:func:`taken_up`: "who took up swimming three years ago") or
    told in a relative clause (:func:`_in_relative_clause`: "the record of Hale, who rode 296 km in 2007"),
    and such a mention, or one told as a cause (:func:`told_as_cause`), takes no date but its own.
    A planned cluster reads its date as a plan's
    (:func:`fitpost.components.dates.for_plan`: "March" is the next March), but for one told back
    (:func:`_told_back`: "signed up back in January"); one told with a verb in the past reads it as a
    day gone by (:func:`fitpost.components.dates.for_done`: "Ahead of the marathon, I ran 20 km on
    Sunday" is the Sunday before)."""
    origins: dict[int, dt.date | None] = {}
    for n, sc in sentences.items():
        if n not in ctx.dates_in:
            continue  # no date in the sentence
        # with no post date, "yesterday" has none; a date a session was the first since is no session's, nor
        # one told in a relative clause no cluster is in ("The couple, who met at a club in 2009, ran ...")
        found = [d for d in ctx.dates_in[n] if d.info is not None and not _first_since(ctx, d, ctx.dates_in[n])
                 and not _relative_clause_date(ctx, d, sc.clusters)]
        if not found:
            continue
        given: dict[int, list[tuple[int, ext.Mention]]] = {}  # the dates given each cluster, with their costs
        place = {id(c): k for k, c in enumerate(sc.clusters)}
        for d in found:
            cost_, owner = _date_owner(ctx, d, sc, place)
            given.setdefault(owner, []).append((cost_, d))
        owned = {k: _finest(ctx, sc.clusters[k], dates_given) for k, dates_given in given.items()}
        # the date of a mention telling when the activity was taken up is its own alone; a day told as its
        # owner's is not lent back to the clusters before it ("legs sore from Sunday's sportive": not the
        # session told first), only passed on to those after ("Sunday's long run, then a swim")
        private = {owned[k].start for k, c in enumerate(sc.clusters)
                   if k in owned and (taken_up(ctx, c) or _in_relative_clause(ctx, c))}
        owners = {owned[k].start for k in owned if _possessive(ctx, owned[k])}
        shared = [d for d in found if d.start not in private and d.start not in owners]
        before = None
        for k, c in enumerate(sc.clusters):
            # an earlier session told as a cause, or one told in a relative clause ("Jonas Berg, who has run 40
            # marathons, will ride 500 miles this summer"): its own date alone
            alone = told_as_cause(ctx, c) or _in_relative_clause(ctx, c)
            d = owned.get(k) if alone else owned[k] if k in owned else before or (shared[0] if shared else None)
            if d is None:
                continue
            if d.start not in private and not alone:
                before = d
            c.date = _as_read(ctx, c, d, origins)


SINCE_REACH = 6  # "since" stands at most this many tokens before the date it tells the start of
FIRST_SINCE = 3  # "first" stands at most this many tokens before "since" ("her first marathon since")


def _first_since(ctx: Context, d: ext.Mention, told: list[ext.Mention]) -> bool:
    """Whether date ``d`` is the first of its sentence's dates (``told``) after "since", with no month named between, in
    its clause, right after a first time ("her first marathon since giving birth last year", "my first swim
    since the operation in May"; not "today" of "first run since March today"): when what the session was the
    first since happened, no session's date."""
    lows = ctx.lows
    lo = ctx.sents[ctx.sent_of[d.start]][0]
    for k in range(d.start - 1, max(lo, d.start - SINCE_REACH) - 1, -1):
        if lows[k] == "since":
            return ctx.breaks(k, d.start) == 0 and "first" in lows[max(lo, k - FIRST_SINCE):k] \
                and not any(k < other.start < d.start for other in told) \
                and dates.month_words().isdisjoint(lows[k + 1:d.start])
    return False


RELATIVE_WORDS = frozenset(("who", "which", "whom"))  # what opens a relative clause ("Hale, who rode 296 km")
RELATIVE_REACH = 3  # a relative word opening a clause at most this many tokens before a mention opens its clause


def _in_relative_clause(ctx: Context, c: Cluster) -> bool:
    """Whether cluster ``c`` is told in a relative clause ("beating the record of Tamsin Hale, who rode 296 km
    in May 2007"): a session of the one it tells of, whose date is its own alone."""
    start = ctx.clause_start(c.start)
    return ctx.lows[start] in RELATIVE_WORDS and c.start - start <= RELATIVE_REACH


def _relative_clause_date(ctx: Context, d: ext.Mention, clusters: list[Cluster]) -> bool:
    """Whether date ``d`` is told in a relative clause (one opened by a RELATIVE_WORDS word) that none of
    ``clusters`` (those of its sentence) is in: the date of what that clause tells of its person; not one
    opened by "which" right after a session's word, past a comma (:func:`_of_session`: "on the walk, which set
    off from Tarnby on 3 May": the clause tells of the walk)."""
    start = ctx.clause_start(d.start)
    return ctx.lows[start] in RELATIVE_WORDS and all(ctx.clause_start(c.start) != start for c in clusters) \
        and not _of_session(ctx, start, clusters)


def _of_session(ctx: Context, which: int, clusters: list[Cluster]) -> bool:
    """Whether the "which" at token ``which`` follows the last word of the activity mention of one of ``clusters``,
    past a comma ("the walk, which set off ...")."""
    if ctx.lows[which] != "which":
        return False
    k = which - 2 if which >= 2 and ctx.lows[which - 1] == "," else which - 1
    return any(c.end == k + 1 for c in clusters)


EARLIER_WORDS = frozenset(("last", "previous"))  # "my last race": the one before, another session
EARLIER_DETERMINERS = frozenset(("the", "my", "our", "his", "her", "their"))
# before "the last ...": an earlier session told as a point in time or a comparison, not a verb's object or a
# copula's complement ("was the last race of the season" may be the session told)
EARLIER_PREPOSITIONS = frozenset(("of", "at", "in", "since", "than", "after", "before", "from", "during", "on"))


def told_as_earlier(ctx: Context, c: Cluster) -> bool:
    """Whether noun ``c`` is told as a session before the one the text tells: "last" or "previous" and a
    determiner, after a preposition, right before it ("stronger than on the last sportive, when I cramped",
    "happier than at my last race")."""
    k, lows = c.start, ctx.lows
    return c.info.form == "noun" and k >= 3 and lows[k - 1] in EARLIER_WORDS \
        and lows[k - 2] in EARLIER_DETERMINERS and lows[k - 3] in EARLIER_PREPOSITIONS


def told_as_cause(ctx: Context, c: Cluster) -> bool:
    """Whether cluster ``c`` is told as the cause of how one feels, an earlier session: "from" at most
    ``recovery_reach`` tokens before it in its sentence, right after a ``recovery_from`` word or two words
    on ("legs sore from the 90 km sportive", "still recovering from Sunday's half marathon")."""
    lex, lows = ctx.lexicon, ctx.lows
    first = ctx.sents[c.sent][0]
    froms = ctx.words_at("from")
    k = bisect_left(froms, c.start) - 1  # the last "from" before the mention
    if k < 0 or froms[k] < max(first, c.start - lex.recovery_reach):
        return False
    at = froms[k]
    return not lex.recovery_words.isdisjoint(lows[max(first, at - 3):at])


def _possessive(ctx: Context, d: ext.Mention) -> bool:
    """Whether date ``d`` is told with "'s" after it, as the owner of what follows ("Sunday's ride")."""
    return d.end < ctx.tab.n and ctx.lows[d.end] in ("'s", "’s")


def _date_owner(ctx: Context, d: ext.Mention, sentence: SentenceClusters, place: dict[int, int]) -> tuple[int, int]:
    """What attaching date ``d`` to the cluster of ``sentence`` it costs least to reach costs, and that cluster's
    place in the sentence (``place``: by ``id``), the first on a tie (:func:`_date_cost`); of those in the date's
    relative clause where it is told in one that holds any.

    A cost is at least the tokens between, so where the best of the clusters within DATE_NEAR tokens of
    the date costs at most DATE_NEAR, any further one costs more: those are tried first, then, if need
    be, all the clusters of the sentence.
    """
    start = ctx.clause_start(d.start)
    if ctx.lows[start] in RELATIVE_WORDS:
        # a date told in a relative clause with a session in it is that session's ("Tamsin, who ran the 10K
        # on 3 May, will ride 100 km on Sunday")
        inside = [c for c in sentence.clusters if ctx.clause_start(c.start) == start]
        if inside:
            return _least_date_cost(ctx, d, inside, place)
    near = sentence.near(d.start, d.end, DATE_NEAR + d.end - d.start)  # from its start: within DATE_NEAR of its end
    if near:
        best = _least_date_cost(ctx, d, near, place)
        if best[0] <= DATE_NEAR:
            return best
    return _least_date_cost(ctx, d, sentence.clusters, place)


def _least_date_cost(ctx: Context, d: ext.Mention, clusters: list[Cluster], place: dict[int, int]) -> tuple[int, int]:
    """The least (cost, place) of attaching date ``d`` to one of ``clusters`` (:func:`_date_owner`).  They are
    tried nearest first: a cost is at least the tokens between, so once one costs ``x``, a cluster more
    than ``x`` tokens away cannot cost as little, nor any after it."""
    best = None
    for between, k in sorted([(max(0, c.start - d.end, d.start - c.end), k) for k, c in enumerate(clusters)]):
        if best is not None and between > best[0]:
            break
        c = clusters[k]
        key = (_date_cost(ctx, d, c), place[id(c)])
        if best is None or key < best:
            best = key
    return best


def _as_read(ctx: Context, c: Cluster, d: ext.Mention, origins: dict[int, dt.date | None]) -> DateRef:
    """Date ``d`` as cluster ``c`` reads it: a plan's date ahead (a session that may come, and one under way
    told in the future tense, are read so too: :func:`_may_come`, :func:`told_ahead`), a date of a verb in
    the past gone by, else as found (``origins``: :func:`date_origins`, filled on first need)."""
    planned = (statuses.meaning(c.status_name).phase == "planned" or _may_come(ctx, c) or told_ahead(c)) \
        and not _told_back(ctx, d)
    if not planned and not _past_verb(ctx, c):
        return d.info
    if not origins:
        origins.update(date_origins(ctx))
    read = dates.for_plan if planned else dates.for_done
    return read(d.info, d.label, origins[d.start])


def as_read(ctx: Context, c: Cluster, d: ext.Mention) -> DateRef:
    """Date ``d`` as cluster ``c`` reads it (:func:`_as_read`), for a date told outside its sentence."""
    return _as_read(ctx, c, d, {})


FUTURE_TENSE = frozenset({"", "will", "'ll", "’ll", "shall"})  # a plan told by tense alone (no cue, or the future's)


def told_ahead(c: Cluster) -> bool:
    """Whether cluster ``c`` is under way and told in the future tense, its status cued by it ("Elin is
    cycling to Marlow Vale. She will ride 450 km in five days, finishing on Friday": the Friday to come)."""
    return c.status is not None and c.status.status == "ongoing" and c.status.cue is not None \
        and c.status.cue.lower() in FUTURE_TENSE


MODALS = frozenset({"might", "may", "could", "would", "will", "'ll", "’ll", "should", "shall"})
MODAL_REACH = 6  # a modal this many tokens or fewer before a mention ("might try a 30 km ride"): it may come


def _may_come(ctx: Context, c: Cluster) -> bool:
    """Whether hypothetical cluster ``c`` is a session that may come: a modal at most MODAL_REACH tokens before
    it in its clause, with no "have" after the modal ("If the weather holds I might try a 30 km ride on Sunday":
    the Sunday to come; not "I could have ridden on Sunday")."""
    if c.status_name != "hypothetical":
        return False
    lows = ctx.lows
    for k in range(c.start - 1, max(ctx.tab.sent_lo[c.start], c.start - MODAL_REACH) - 1, -1):
        if lows[k] in MODALS:
            return {"have", "'ve", "’ve"}.isdisjoint(lows[k + 1:c.start])
        if lows[k] in (",", ";", ":") or lows[k] in ctx.lexicon.breaks:
            return False
    return False


def taken_up(ctx: Context, c: Cluster) -> bool:
    """Whether cluster ``c``'s mention comes right after a ``taking_up`` phrase ("who took up swimming
    three years ago"): its date is when the habit began, not a session's."""
    lows, lex = ctx.lows, ctx.lexicon
    if c.start == 0 or lows[c.start - 1] not in lex.taking_up_lasts:
        return False  # a phrase right before the mention ends with the word there
    return any(tuple(lows[c.start - len(p):c.start]) == p for p in lex.taking_up)


def _finest(ctx: Context, c: Cluster, given: list[tuple[int, ext.Mention]]) -> ext.Mention:
    """Of the dates given cluster ``c`` (each with its cost), the cheapest; but where that is a week, a
    month or a year, the cheapest day within it with no clause break between it and ``c`` or right before
    the cluster's distance: "This week I ran 8 km on Tuesday", "Running this week: Tuesday 8 km easy" are
    Tuesday's run."""
    best = min(given, key=lambda x: x[0])[1]
    span = best.info
    if span.granularity == "day" or span.value is None:
        return best
    days = [(cost_, d) for cost_, d in given if d.info.granularity == "day" and d.info.value is not None
            and within(span, d.info.value) and (_same_clause(ctx, d, c) or _leads_distance(ctx, d, c))]
    return min(days, key=lambda x: x[0])[1] if days else best


def _leads_distance(ctx: Context, d: ext.Mention, c: Cluster) -> bool:
    """Whether date ``d`` stands right before cluster ``c``'s distance, nothing but a colon or a dash
    between ("Tuesday 8 km", "Sat: 12 km")."""
    q = c.kind("distance")
    if q is None:
        return False
    k = d.end
    while k < ctx.tab.n and ctx.lows[k] in (":", "-", "–"):
        k += 1
    return k < ctx.tab.n and ctx.tab.idx[k] == q.start


def _same_clause(ctx: Context, d: ext.Mention, c: Cluster) -> bool:
    """Whether no clause break stands between date ``d`` and cluster ``c``: what attaching it costs is
    the tokens between them alone (:func:`_date_cost`)."""
    return _date_cost(ctx, d, c) == max(0, c.start - d.end, d.start - c.end)


def within(span: DateRef, day: dt.date) -> bool:
    """Whether ``day`` falls in the span that date ``span`` names (its day, week, month, season or year)."""
    start = span.value
    if span.granularity == "year":
        return day.year == start.year
    if span.granularity == "month":
        return (day.year, day.month) == (start.year, start.month)
    if span.granularity == "season":
        return 0 <= (day.year - start.year) * 12 + day.month - start.month < 3
    if span.granularity == "week":
        return 0 <= (day - start).days < 7
    return day == start


def _told_back(ctx: Context, d: ext.Mention) -> bool:
    """Whether date ``d`` follows "back" ("signed up back in January", "booked it back on Monday"): a day
    gone by, when the plan was made, not one ahead."""
    return "back" in ctx.lows[max(0, d.start - 2):d.start]


def _date_cost(ctx: Context, d: ext.Mention, c: Cluster) -> int:
    """What attaching date ``d`` to cluster ``c`` of its sentence costs: the tokens between them and
    BREAK for each clause break between."""
    lo, hi = (d.end, c.start) if d.end <= c.start else (c.end, d.start) if c.end <= d.start else (0, 0)
    return max(0, hi - lo) + BREAK * ctx.breaks(lo, hi)


def date_origins(ctx: Context) -> dict[int, dt.date | None]:
    """The day each date mention (by its first token) was read against: its section's heading day
    (:func:`fitpost.components.dates.sections`), else the post date."""
    posted = ctx.posted_at
    mentions = ctx.mentions[ext.DATES]
    return {d.start: base or posted for d, (_, base) in zip(mentions, ctx.date_sections)}


def _mention_race(ctx: Context, k: int) -> Quantity | None:
    """The length token ``k`` names when it is a word that is a race only at the end of a running mention
    or name (``mention_races``: "a half", "the Larkspur Trail Half"), as a distance; None otherwise."""
    meters = ctx.lexicon.mention_races.get(ctx.lows[k])
    if meters is None:
        return None
    start, end = ctx.tab.idx[k], ctx.tab.end[k]
    return Quantity(kind="distance", text=ctx.text[start:end], start=start, end=end,
                    value=meters / 1000, unit="km", meters=meters)


def _numbered_race(ctx: Context, k: int) -> Quantity | None:
    """The length in miles the bare number at token ``k``, ending a race's name, gives it (``race_numbers``:
    "the Larkspur 100"), as a distance; None for another word."""
    meters = ctx.lexicon.race_numbers.get(ctx.lows[k])
    if meters is None:
        return None
    start, end = ctx.tab.idx[k], ctx.tab.end[k]
    return Quantity(kind="distance", text=ctx.text[start:end], start=start, end=end,
                    value=meters / METERS_PER_MILE, unit="mi", meters=meters)


def race_distance(ctx: Context, c: Cluster) -> Quantity | None:
    """The length the longest race name in the mention, as whole words, implies ("a marathon", "an
    Ironman", not the marathon in "an ultramarathon"; "a half" at the end of a running mention)."""
    tab = ctx.tab
    first = tab.idx[c.start]
    if c.info.activity == "running":
        q = _mention_race(ctx, c.end - 1)  # "ran a half"
        if q is not None:
            return q
    low = ctx.text[first:tab.end[c.end - 1]].lower().replace("-", " ")
    name = max((m.group(1) for m in ctx.lexicon.race_names.finditer(low)), key=len, default=None)
    if name is None:
        return None
    meters = ctx.lexicon.races[name]
    start = first + low.find(name)
    text = ctx.text[start:start + len(name)]
    return Quantity(kind="distance", text=text, start=start, end=start + len(text),
                    value=meters / 1000, unit="km", meters=meters)
