"""Step 1: activity mentions become clusters.

A verb and its object ("ran the marathon") are one cluster; an event that names
an activity no mention near it names is one; a distance right after a movement
verb ("covered 24 km") is one; so is a day's session ("today's session") of the
activity the text names most, and a crossing of open water ("crossed the channel") in a text
about an activity done on water.  Generic mentions ("known for running") are left out.
"""
from __future__ import annotations

from collections import Counter

from fitpost import ext, statuses
from fitpost.components.events import GENERAL_ACTIVITIES
from fitpost.components.records.amounts import DAY
from fitpost.components.records.attach import FUTURE_TENSE, dated_ahead, future_worded
from fitpost.components.records.context import NO_DISTANCE, Context
from fitpost.components.records.model import Cluster

QUOTES = frozenset({"'", "’", '"', "“", "”"})  # punctuation that does not part two mentions
CONJUNCTIONS = frozenset({"and", "or", "but"})  # words that part two mentions
JOINING = 4  # a mention this many tokens or fewer after one of the same activity joins its cluster
MOVEMENT_REACH = 4  # a movement verb at most this many tokens before a distance makes it a cluster
# words that qualify a distance, counted as part of it for MOVEMENT_REACH: "pushed on for just over 1500m"
APPROXIMATORS = frozenset({"just", "over", "under", "about", "around", "nearly", "almost", "roughly", "approximately",
                           "some", "exactly"})


def find_clusters(ctx: Context) -> list[Cluster]:
    """Every cluster of the Doc, in order of start."""
    events = ctx.mentions[ext.EVENTS]
    recoveries = ctx.recoveries
    mentions = [s for s in ctx.mentions[ext.ACTIVITIES] if not s.info.generic and s.info.form != "hashtag"
                and s.start not in recoveries]
    clusters = _mention_clusters(ctx, _specific(ctx, mentions), events)
    of_events = {(c.sent, c.info.activity): c.event for c in _add_event_clusters(ctx, clusters, mentions, events)}
    moved = _movement_clusters(ctx, clusters, events)
    for c in moved:
        # a movement in the sentence of an event's own cluster is of that event ("the Hillcrest Cycle
        # Challenge, covering 80 miles"), so the two merge as one session
        c.event = of_events.get((c.sent, c.info.activity)) or _course_of_event(ctx, c, clusters)
    clusters.extend(moved)
    clusters.extend(_counted_clusters(ctx, clusters))
    clusters.extend(_day_session_clusters(ctx, clusters))
    clusters.extend(_day_amount_clusters(ctx, clusters))
    clusters.extend(_crossing_clusters(ctx, clusters))
    clusters.extend(_plans_in_place(ctx, clusters))
    clusters.sort(key=lambda c: c.start)
    return clusters


def _specific(ctx: Context, mentions: list[ext.Mention]) -> list[ext.Mention]:
    """``mentions`` by sentence, without a generic workout noun ("a workout", "training") in a
    sentence that also names a specific activity."""
    by_sent: dict[int, list[ext.Mention]] = {}
    for s in mentions:
        by_sent.setdefault(ctx.sent_of[s.start], []).append(s)
    kept: list[ext.Mention] = []
    for _, spans in sorted(by_sent.items()):
        if len(spans) > 1:  # a mention alone in its sentence stays
            specific = [s for s in spans if s.info.activity != "workout"
                        or ctx.text_of(s).lower() not in ctx.lexicon.generic_nouns]
            if specific and len(specific) < len(spans):
                spans = specific
        kept.extend(spans)
    return kept


def _mention_clusters(ctx: Context, mentions: list[ext.Mention], events: list[ext.Mention]) -> list[Cluster]:
    """A cluster per mention outside an event name; a mention right after one of the same activity,
    with no clause break between ("ran the marathon", "running the 10k") and as real (:func:`_equally_real`),
    joins its cluster.  A noun right
    after an event name is the name's head word told in lower case, and its cluster starts with the name
    ("the Brackenfold Half Marathon race")."""
    event_at = {i: e for e in events for i in range(e.start, e.end)}
    name_before = {e.end: e.start for e in events}  # the start of the event name ending at each token
    amount_starts = {q.end: q.start for q in ctx.mentions[ext.QUANTITIES] if q.info.kind in ("distance", "duration")}
    clusters: list[Cluster] = []
    current: Cluster | None = None
    for s in mentions:
        info = s.info
        walked = current is not None and 0 <= s.start - current.end <= JOINING and _walked_race(ctx, current, s)
        if s.start in event_at and not walked:
            continue
        if current and (current.info.activity == info.activity or walked) and 0 <= s.start - current.end <= JOINING \
                and not _breaks_between(ctx, current.end, s.start) and _equally_real(current.status, s.status):
            current.end = s.end
            if info.form in ("noun", "race"):
                current.definite = current.definite or _is_definite(ctx, s.start, amount_starts)
            if walked and s.start in event_at:
                current.event = event_at[s.start].info.name  # "walked the Tarnby Marathon"
            continue
        start = name_before.get(s.start, s.start) if info.form in ("noun", "race") else s.start
        status = _journey_status(ctx, s.start, s.status, info.activity)
        current = Cluster(start=start, end=s.end, sent=ctx.sent_of[s.start], info=info, status=status,
                          head=ext.root(ctx.doc, s, ctx.parsed),
                          definite=info.form in ("noun", "race") and _is_definite(ctx, s.start, amount_starts))
        clusters.append(current)
    return clusters


WALKED_RACE_VERBS = frozenset(("walking",))  # the activities of a verb whose object may be a running race


def _walked_race(ctx: Context, current: Cluster, s: ext.Mention) -> bool:
    """Whether mention ``s`` is a running race that the verb of cluster ``current`` walked: "walked a marathon",
    "walked her 100th parkrun", "walked the Larkspur 10k" (a race's distance or a race's name)."""
    return current.info.activity in WALKED_RACE_VERBS and current.info.form == "verb" \
        and s.info.activity == "running" and (s.info.form == "race"
                                              or ctx.lexicon.race_names.search(ctx.text_of(s).lower()) is not None)


def _equally_real(a: ext.StatusInfo | None, b: ext.StatusInfo | None) -> bool:
    """Whether two mentions' statuses both claim a session or both do not: "swapped my ride for a spin class"
    tells two sessions, one not done."""
    return statuses.is_real(a.status if a else "completed") == statuses.is_real(b.status if b else "completed")


def _add_event_clusters(ctx: Context, clusters: list[Cluster], mentions: list[ext.Mention],
                        events: list[ext.Mention]) -> list[Cluster]:
    """Add (and return) a cluster for each named event (not a hashtag) whose activity (:meth:`Context.event_activity`)
    no cluster of its sentence has (with no day named between them: "Sat parkrun, Sun 16 km long run") but one
    of another event's, with no cluster ending just before it, or that is
    named in a list of
    examples (:meth:`Context.listed_example`: "long sportives, including the Tour of the Fells"); it takes
    the status of the first mention inside it (else the event's own), and is a cluster of that event."""
    added: list[Cluster] = []
    if not events:
        return added
    in_sent: dict[int, list[Cluster]] = {}
    for c in clusters:
        in_sent.setdefault(c.sent, []).append(c)
    for e in events:
        if ctx.text_of(e).startswith("#"):
            continue
        n = ctx.sent_of[e.start]
        activity = ctx.event_activity(e)
        same = in_sent.get(n, [])
        if not activity or not ctx.listed_example(e.start) and (
                any(c.info.activity == activity and c.event in (None, e.info.name)
                    and not ctx.day_between(e.start, c.start) for c in same)
                or any(0 <= e.start - c.end <= JOINING or c.start <= e.start < c.end for c in same)):
            continue
        first = next((x for x in mentions if e.start <= x.start < e.end), None)
        info = first.info if first is not None else ext.ActivityInfo(activity=activity, form="event")
        c = Cluster(start=e.start, end=e.end, sent=n, info=info, status=first.status if first is not None else e.status,
                    head=ext.root(ctx.doc, e, ctx.parsed), definite=True, event=e.info.name)
        clusters.append(c)
        added.append(c)
        in_sent.setdefault(n, []).append(c)
    return added


def _breaks_between(ctx: Context, a: int, b: int) -> bool:
    """Whether tokens ``a:b`` hold punctuation other than quotes, a line break (a heading "Cycling" is not
    the "Rode 40 km" of the line after it), or "and", "or", "but"."""
    tab = ctx.tab
    return not CONJUNCTIONS.isdisjoint(ctx.lows[a:b]) \
        or any(tab.is_punct(i) and tab.text[i] not in QUOTES or "\n" in tab.text[i] for i in range(a, b))


MEANS_OPENERS = frozenset(("on", "by"))  # the first word of a mention that tells the means ("on a bike", "by bike")


def _is_definite(ctx: Context, i: int, amount_starts: dict[int, int]) -> bool:
    """Whether a definite word ("the", "her") comes before token ``i`` with only numbers or an amount
    between (``amount_starts``: where the distance or time ending at a token starts), or adjectives and
    nouns within three tokens of ``i`` (:func:`_describes`: "the long run", "her 10 km run", "the 8 minute
    run")."""
    definite, doc = ctx.lexicon.definite, ctx.doc
    if ctx.lows[i] in MEANS_OPENERS:
        return False  # "the star on a bicycle": the words before a means describe no session
    j = i - 1
    while j >= 0:
        if j + 1 in amount_starts:
            j = amount_starts[j + 1] - 1
            continue
        t = doc[j]
        if not (t.like_num or t.is_alpha and t.lower_ not in definite and i - j <= 3 and _describes(ctx, t)):
            break
        j -= 1
    return j >= 0 and ctx.lows[j] in definite


def _describes(ctx: Context, t) -> bool:
    """Whether token ``t`` may describe the noun after it: an adjective or a noun where the Doc is tagged,
    else any word but a stop word ("her early morning ride", not "her and my ride")."""
    if ctx.tagged:
        return t.pos_ in ("ADJ", "NOUN", "PROPN")
    return not t.is_stop


def _movement_clusters(ctx: Context, clusters: list[Cluster], events: list[ext.Mention]) -> list[Cluster]:
    """A distance right after a movement verb ("covered 24 km"), with no punctuation, other verb or
    activity word between and no activity word right after it ("finished a 20 km run": the run is the
    activity) or told as added to a session ("added 40 km to the ride": :func:`_added_to`), is an
    inferred cluster: of the first event of its sentence that names an activity, else of
    the last cluster found so far (the mentions', then the events') that starts before it, else of what the
    text is mostly about."""
    out: list[Cluster] = []
    if not ctx.words_at("movement"):
        return out  # no movement verb in the text
    moved = _after_movement(ctx)
    if not moved:
        return out  # no distance right after one
    taken = {i for c in clusters for i in range(c.start, c.end)}
    activity_tokens = {i for s in ctx.mentions[ext.ACTIVITIES] for i in range(s.start, s.end)}
    tab, lows, movement = ctx.tab, ctx.lows, ctx.lexicon.movement
    for q, at in moved:
        if q.start in taken:
            continue  # in a cluster already
        if any(tab.is_punct(k) or k in activity_tokens or not any(map(str.isalnum, tab.text[k]))
               or ctx.doc[k].pos_ == "VERB" and lows[k] not in movement for k in range(at + 1, q.start)):
            continue  # "didn't run another 2 miles", "long run done ✅ 16 miles" (a symbol parts them as a
            # mark does): the distance is the run's
        if any(i in activity_tokens for i in range(q.end, min(tab.n, q.end + 2))):
            continue
        if _added_to(ctx, q.end, activity_tokens):
            continue  # "the detour added 40 km to the ride": a part of the ride, told by its mention
        n = ctx.sent_of[q.start]
        activity = next((e.info.activity for e in ctx.events_in.get(n, ()) if e.info.activity), None)
        if activity is None:
            prior = next((c for c in reversed(clusters) if c.start < q.start
                          and c.info.activity not in NO_DISTANCE), None)  # not the squats before "covered 5 km"
            activity = prior.info.activity if prior is not None else ctx.main_activity
        if activity is None and _names_no_distance_sport(ctx):
            # yoga, pilates or lifting cover no distance: a distance moved is the commonest activity's ("Got
            # 10 miles in before work ... Then 30 min of yoga")
            activity = ctx.lexicon.default_activity
        if activity is None:
            continue
        out.append(Cluster(start=at, end=q.end, sent=n, inferred=True, head=at,
                           status=_moved_status(ctx, q, activity),
                           info=ext.ActivityInfo(activity=activity, form="inferred")))
    return out


def _moved_status(ctx: Context, q: ext.Mention, activity: str) -> ext.StatusInfo | None:
    """The status of the session a distance moved tells: its verb's (fitpost_status), or that of a journey
    under way (:func:`_journey_status`)."""
    return _journey_status(ctx, q.start, q.status, activity)


def _journey_status(ctx: Context, start: int, status: ext.StatusInfo | None,
                    activity: str) -> ext.StatusInfo | None:
    """The status of a session of ``activity`` told at token ``start`` as ``status``; under way where only
    the future tense makes it a plan (FUTURE_TENSE) of a day or more (a duration of a day or more in its
    sentence) after a session of its activity under way or begun (:func:`_begun`): "Elin is cycling from
    Tarnby to Marlow Vale. She will ride 450 km in five days" tells the whole of the journey under way (its
    cue stays the future's, so that its dates are read ahead: :func:`~.attach.told_ahead`).  A
    sentence that names a time to come tells another one, planned ("I walked 10 km today. Next month I will
    cover 200 km in ten days")."""
    if status is None or status.status != "planned" or (status.cue or "").lower() not in FUTURE_TENSE:
        return status
    n = ctx.sent_of[start]
    days = any(d.info.kind == "duration" and d.info.seconds and d.info.seconds >= DAY
               for d in ctx.mentions[ext.QUANTITIES] if ctx.sent_of[d.start] == n)
    ahead = any(future_worded(ctx, ctx.text_of(d)) for d in ctx.dates_in.get(n, ()))
    begun = any(m.end <= start and m.info.activity == activity and _begun(ctx, m)
                for m in ctx.mentions[ext.ACTIVITIES])
    if not days or not begun or ahead:
        return status
    return ext.StatusInfo("ongoing", cue=status.cue, cue_start=status.cue_start)


def _begun(ctx: Context, m: ext.Mention) -> bool:
    """Whether mention ``m`` tells a session under way, or one begun: done, after a verb of starting in its
    sentence ("set off on his walk", "flagged off the riders on Monday, and then he rode with them"), not
    a session done on its own ("I walked 10 km on Saturday")."""
    if m.status is None or m.status.status not in ("ongoing", "completed"):
        return False
    lo = ctx.sents[ctx.sent_of[m.start]][0]
    return m.status.status == "ongoing" or any(ctx.start_verb_at(k) for k in range(lo, m.start))


def _names_no_distance_sport(ctx: Context) -> bool:
    """Whether the activities the text names are all ones that never cover a distance (NO_DISTANCE)."""
    return all(m.info.activity in NO_DISTANCE for m in ctx.mentions[ext.ACTIVITIES])


def _after_movement(ctx: Context) -> list[tuple[ext.Mention, int]]:
    """The distances (not at the text's start) with a movement verb at most MOVEMENT_REACH tokens before them,
    the words that qualify them (APPROXIMATORS) not counted, each with the token of the nearest such verb."""
    out: list[tuple[ext.Mention, int]] = []
    lows, movement = ctx.lows, ctx.lexicon.movement
    for q in ctx.mentions[ext.QUANTITIES]:
        if q.label != "distance" or q.start == 0:
            continue
        begin = q.start
        while begin > 0 and lows[begin - 1] in APPROXIMATORS and q.start - begin < 2:
            begin -= 1
        before = range(begin - 1, max(0, begin - MOVEMENT_REACH) - 1, -1)  # nearest first
        at = next((j for j in before if lows[j] in movement), None)
        if at is not None:
            out.append((q, at))
    return out


def _course_of_event(ctx: Context, c: Cluster, clusters: list[Cluster]) -> str | None:
    """The event whose course the movement cluster ``c`` covers: its distance told after a definite word and
    before a course noun ("Berg covered the 50 mile course in 6:58:12"; ``course_nouns`` of linking.json) is the
    course of the last event of its activity told before it; None otherwise."""
    lows, lex = ctx.lows, ctx.lexicon
    if c.end >= len(lows) or lows[c.end] not in lex.course_nouns or lows[c.head + 1] not in lex.definite:
        return None
    return next((o.event for o in reversed(clusters) if o.event and o.start < c.start
                 and o.info.activity == c.info.activity), None)


def _added_to(ctx: Context, end: int, activity_tokens: set[int]) -> bool:
    """Whether a distance ending at token ``end`` is told as added to a session: "to", a definite word,
    then an activity word (``activity_tokens``: the tokens of the activity mentions): "the detour added
    40 km to the ride"."""
    lows = ctx.lows
    return end + 2 < len(lows) and lows[end] == "to" and lows[end + 1] in ctx.lexicon.definite \
        and end + 2 in activity_tokens


def _day_session_clusters(ctx: Context, clusters: list[Cluster]) -> list[Cluster]:
    """A day's session ("Today's session was gentle", "Saturday's practice": a day or a time of day,
    's, then a ``day_sessions`` noun) in a sentence with no cluster is an inferred cluster of the activity
    the text names most in words of its own (yoga or lifting too; "workout" only where it names no other)."""
    out: list[Cluster] = []
    lows = ctx.lows
    at = [i for i in ctx.words_at("day_sessions")
          if i >= 2 and lows[i - 1] in ("'s", "’s") and lows[i - 2] in ctx.lexicon.when_words]
    if not at:
        return out
    activity = _most_named(ctx)
    if activity is None:
        return out
    with_cluster = {c.sent for c in clusters}
    for i in at:
        n = ctx.sent_of[i]
        if n not in with_cluster:
            out.append(Cluster(start=i, end=i + 1, sent=n, inferred=True, head=i,
                               info=ext.ActivityInfo(activity=activity, form="inferred")))
            with_cluster.add(n)
    return out


def _day_amount_clusters(ctx: Context, clusters: list[Cluster]) -> list[Cluster]:
    """A day's distance ("Sunday's 30k", "yesterday's 12 km": a day or a time of day, 's, then the distance)
    that no cluster holds or is next to is an inferred cluster of the activity the text names most: a session
    of that day, not the amount of another mention of its sentence ("No run today, legs are wrecked from
    Sunday's 30k")."""
    lows = ctx.lows
    at = [q for q in ctx.mentions[ext.QUANTITIES] if q.label == "distance" and q.start >= 2
          and lows[q.start - 1] in ("'s", "’s") and lows[q.start - 2] in ctx.lexicon.when_words]
    if not at:
        return []
    activity = _most_named(ctx)
    if activity is None:
        return []
    return [Cluster(start=q.start, end=q.end, sent=ctx.sent_of[q.start], inferred=True, head=q.start,
                    info=ext.ActivityInfo(activity=activity, form="inferred"))
            for q in at if not any(c.start <= q.end and q.start <= c.end for c in clusters)]


def _most_named(ctx: Context) -> str | None:
    """The activity the text names most in words of its own, one of GENERAL_ACTIVITIES only where it names
    no other."""
    counts = Counter(m.info.activity for m in ctx.mentions[ext.ACTIVITIES]
                     if not m.info.generic and m.info.form != "hashtag")
    specific = Counter({a: n for a, n in counts.items() if a not in GENERAL_ACTIVITIES})
    most = (specific or counts).most_common(1)
    return most[0][0] if most else None


def _counted_clusters(ctx: Context, clusters: list[Cluster]) -> list[Cluster]:
    """A count of a unit of ``counted_activities`` (``models/linking.json``), as many as it asks at least,
    is an inferred cluster of its activity where its sentence has no cluster of that activity: "Hit
    10,000 steps every day this week" is a walk."""
    out: list[Cluster] = []
    counted = ctx.lexicon.counted
    for q in ctx.mentions[ext.QUANTITIES]:
        rule = counted.get(q.info.unit) if q.label == "count" else None
        if rule is None or q.info.value is None or q.info.value < rule[1]:
            continue
        activity, n = rule[0], ctx.sent_of[q.start]
        if any(c.sent == n and c.info.activity == activity for c in (*clusters, *out)):
            continue
        out.append(Cluster(start=q.start, end=q.end, sent=n, inferred=True, head=q.start,
                           info=ext.ActivityInfo(activity=activity, form="inferred")))
    return out


def _crossing_clusters(ctx: Context, clusters: list[Cluster]) -> list[Cluster]:
    """A crossing of open water (a ``crossing_verbs`` word, then a ``waters`` noun at most ``crossing_reach``
    tokens after it with no punctuation between: "crossed the Larkspur Sea") in a sentence with no cluster is
    an inferred cluster of the text's main activity, where that is one done on water ("crossing_activities":
    a swimmer's crossing is a swim; a runner crossing a river is no session of its own)."""
    out: list[Cluster] = []
    lex, lows, tab = ctx.lexicon, ctx.lows, ctx.tab
    at = ctx.words_at("crossing_verbs")
    if not at or ctx.main_activity not in lex.crossing_activities:
        return out
    with_cluster = {c.sent for c in clusters}
    for i in at:
        n = ctx.sent_of[i]
        end = min(ctx.sents[n][1], i + 1 + lex.crossing_reach)
        water = next((k for k in range(i + 1, end) if lows[k] in lex.waters or tab.is_punct(k)), None)
        if n in with_cluster or water is None or tab.is_punct(water):
            continue
        out.append(Cluster(start=i, end=water + 1, sent=n, inferred=True, head=i,
                           info=ext.ActivityInfo(activity=ctx.main_activity, form="inferred")))
        with_cluster.add(n)
    return out


def _plans_in_place(ctx: Context, clusters: list[Cluster]) -> list[Cluster]:
    """A sentence with no cluster right after one whose last cluster is negated, that holds a word of the
    future, then within two words a verb of ``plans_in_place`` (``models/linking.json``) followed by no
    words but a day to come and its ``after`` words, is a plan of that cluster's activity on that day:
    "Skipped my swim this morning. Will go tomorrow instead." (not "Will go to the shops tomorrow")."""
    out: list[Cluster] = []
    last_of: dict[int, Cluster] = {c.sent: c for c in clusters}  # each sentence's last cluster
    lex, lows = ctx.lexicon, ctx.lows
    for k in ctx.words_at("plan_future"):
        n = ctx.sent_of[k]
        before = last_of.get(n - 1)
        if n in last_of or before is None or before.status_name != "negated":
            continue
        verb = next((i for i in range(k + 1, min(k + 3, ctx.sents[n][1])) if lows[i] in lex.plan_verbs), None)
        ahead = [d for d in ctx.dates_in.get(n, ()) if d.info is not None and dated_ahead(ctx, d.info)]
        if verb is None or not ahead:
            continue
        told = set(range(verb + 1, ctx.sents[n][1])).difference(*(range(d.start, d.end) for d in ahead))
        if any(lows[i] not in lex.plan_after and lows[i][:1].isalnum() for i in told):
            continue  # "Will go to the shops tomorrow": some other errand
        plan = Cluster(start=verb, end=verb + 1, sent=n, inferred=True, head=verb, status=ext.StatusInfo("planned"),
                       info=ext.ActivityInfo(activity=before.info.activity, form="inferred"))
        out.append(plan)
        last_of[n] = plan
    return out
