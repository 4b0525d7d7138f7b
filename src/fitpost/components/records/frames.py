"""Step 3, after :mod:`.lending`: a sentence with no activity lends its route or event ("The challenge
from A to B.") to the records that follow (:func:`lend_frames`); a definite "the race" takes the one
race of its activity the text names (:func:`lend_named_race`); a person named with a role of taking
part ("Rhodri, a walker from the club, told us") joins the record of its activity (:func:`lend_roles`).
"""
from __future__ import annotations

from bisect import bisect_left

from fitpost import ext, statuses
from fitpost.components.records.attach import event_holding
from fitpost.components.records.company import names_of
from fitpost.components.records.context import RACE_DEFINITE, Context
from fitpost.components.records.model import Cluster, Record

FRAME_REACH = 3  # a route or event frames the records starting at most this many sentences after it


def lend_frames(ctx: Context, records: list[Record], clusters: list[Cluster]) -> None:
    """A sentence naming a route (from, to) or an event but no activity nor a session frames the real records
    whose primary mention is told 1 to FRAME_REACH sentences after it: they take the ends of its route they tell
    none of ("They set off from A at 6am. ... the riders arrived at B": A is the start), and its event where they
    have none (a bare mention before it that joined one later is no start of it: "has crossed the Tarnby Channel. ...
    She set off from Larkspur Point at 6 am. ... became the first to cross the Tarnby Channel in 14 hours");
    an event comes with the place in its name ("The Vienna Marathon, at last." then "Ran it in 3:40.")."""
    # a sentence of a session, though one lending made ("22 km from A to B in the rain."), frames no other
    with_cluster = {c.sent for c in clusters} | {c.sent for r in records for c in r.clusters}
    for n in sorted(ctx.places_in.keys() | ctx.events_in.keys()):
        if n in with_cluster:
            continue
        places = ctx.places_in.get(n, ())
        route = [p.info for p in places if p.info.role in ("from", "to") and not p.info.hometown]
        evs = ctx.events_in.get(n, [])
        if not route and not evs:
            continue
        for r in records:
            if not (0 < r.primary.sent - n <= FRAME_REACH) or not statuses.is_real(r.primary.status_name):
                continue
            ev = next((e for e in evs if e.info.activity in (None, r.activity) or len(evs) == 1), None)
            if ev is not None and not any(c.event for c in r.clusters):
                r.primary.event = ev.info.name
                r.primary.places.extend({"name": p.info.name, "role": p.info.role} for p in places
                                        if event_holding(ctx, p) == ev.info.name)
            if route:  # the ends it tells none of: "They set off from A. ... 180 miles later they arrived at B"
                told = {p["role"] for c in r.clusters for p in c.places}
                r.primary.places.extend({"name": p.name, "role": p.role} for p in route if p.role not in told)


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
    where it tells none (:func:`_take_race_day_and_length`); not a record told somewhere the name does
    not name (:func:`_elsewhere`)."""
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
        if _elsewhere(r, name):
            continue  # "ran the marathon in Tarnby instead": another race than the Larkspur Marathon
        if any(first[name] < c.start and _names_the_race(ctx, c, name) for c in r.clusters):
            r.primary.event = name
            named_in = next((o for o in records if o is not r and any(c.event == name for c in o.clusters)), None)
            _take_race_day_and_length(r, named_in)


def _elsewhere(r: Record, name: str) -> bool:
    """Whether record ``r`` was at a place the name of event ``name`` does not name: a race of its own (a
    route's ends may lie outside the place a race is named for)."""
    words = name.casefold()
    return any(p["role"] == "at" and p["name"].casefold() not in words for c in r.clusters for p in c.places)


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
    the Larkspur City Marathon; not "the ultramarathon"); or a verb whose distance is that race told so
    ("who ran in the marathon for the 30th time")."""
    last = name.casefold().split()[-1]
    if c.info.form not in ("noun", "race") or c.start == 0 or ctx.lows[c.start - 1] not in RACE_DEFINITE:
        distance = c.kind("distance")
        if c.info.form != "verb" or distance is None or distance.text.casefold() != last:
            return False
        k = bisect_left(ctx.tab.idx, distance.start)  # the distance's first token
        return k > 0 and ctx.lows[k - 1] in RACE_DEFINITE
    return c.kind("distance") is None or ctx.lows[c.end - 1] == last
