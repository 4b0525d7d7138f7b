"""Step 4: each record becomes a :class:`~fitpost.schema.Activity`.

The primary cluster is the first one with an amount and an activity word (else
the first); for each field it comes first, then the others in order.  A record
with no one named takes, by default, the speaker of the quote it lies in, else
the author (a first-person sentence, or a text about no one), else the person
the text is about.
"""
from __future__ import annotations

from fitpost.components.records.claims import does
from fitpost.components.records.context import ATTRIBUTES, FIRST_PERSON, Context
from fitpost.components.records.model import Cluster, Record
from fitpost.schema import Activity, DateRef, Quantity


def to_activity(ctx: Context, r: Record) -> Activity:
    """The record as an :class:`Activity`, validated once (nested models go in as plain dicts)."""
    clusters = r.clusters
    primary = clusters[0]
    if len(clusters) > 1:
        primary = next((c for c in clusters if not c.bare and not c.inferred), primary)
    fields = _gather([primary] + [c for c in clusters if c is not primary])
    q = fields["quantities"]
    dist = primary.kind("distance")
    if dist is None or primary.race_only:
        dist = r.distance()
    freq = q["frequency"].frequency if "frequency" in q else None
    if freq is None:
        freq = next((c.status.frequency for c in clusters if c.status and c.status.frequency), None)
    info = primary.info
    sents = r.sents()
    return Activity.model_validate({
        "activity": info.activity,
        "sport_type": info.sport_type or next((c.info.sport_type for c in clusters if c.info.sport_type), None),
        "exercise": next((c.info.exercise for c in clusters if c.info.exercise), None),
        "evidence": ctx.evidence(primary.start, primary.end), "status": primary.status_name,
        "distance": dist, "duration": q.get("duration"), "count": q.get("count"), "repetition": q.get("repetition"),
        "frequency": freq, "pace": q.get("pace"), "elevation": q.get("elevation"),
        "participants": fields["people"] or default_people(ctx, primary), "places": fields["places"],
        "event": {"name": fields["event"]} if fields["event"] else None, "date": fields["date"],
        "attributes": [a for a in ATTRIBUTES if ctx.holds(a, sents)],
        "mentions": [ctx.evidence(c.start, c.end) for c in clusters if c is not primary],
        "confidence": confidence(ctx, r)})


def _gather(ordered: list[Cluster]) -> dict:
    """From clusters in order: the first quantity of each kind, the first event and date, and the
    people (once each by name or handle) and places (once each by name)."""
    q: dict[str, Quantity] = {}
    event: str | None = None
    date: DateRef | None = None
    people: list[dict] = []
    places: list[dict] = []
    for c in ordered:
        for found in c.quantities:
            q.setdefault(found.kind, found)
        if event is None and c.event:
            event = c.event
        if date is None:
            date = c.date
        for p in c.people:
            name, handle = p.get("name"), p["handle"]
            if not any((name and name == o.get("name")) or (handle and handle == o["handle"]) for o in people):
                people.append(p)
        for p in c.places:
            if not any(p["name"] == o["name"] for o in places):
                places.append(p)
    return {"quantities": q, "event": event, "date": date, "people": people, "places": places}


def confidence(ctx: Context, r: Record) -> float:
    """How much evidence the text gives for the record (weights in ``models/linking.json``): the base,
    and more for an amount, a date or an event, a mention of doing it, more than one mention."""
    w = ctx.lexicon.confidence
    score = w["base"]
    if any(not c.bare for c in r.clusters):
        score += w["amount"]
    if any(c.date is not None or c.event for c in r.clusters):
        score += w["when"]
    if any(not c.inferred and does(ctx, c) for c in r.clusters):
        score += w["doing"]
    if len(r.clusters) > 1:
        score += w["several"]
    return round(min(score, w["most"]), 2)


def default_people(ctx: Context, c: Cluster) -> list[dict]:
    """With no one named: the speaker of the quote ``c`` lies in; outside a quote, the author when the
    sentence is in the first person or the text is about no one; else the person the text is about."""
    roster = ctx.roster
    quote = roster.quote_at(ctx.tab.idx[c.start])
    if quote is not None and quote.speaker:
        return [_participant(ctx, quote.speaker)]
    if quote is None and ctx.author and (any(ctx.holds(w, {c.sent}) for w in FIRST_PERSON) or not roster.main):
        return [{"name": ctx.author}]
    return [_participant(ctx, roster.main)] if roster.main else []


def _participant(ctx: Context, name: str) -> dict:
    """The roster's person ``name`` as the fields of a :class:`~fitpost.schema.Participant`."""
    p = ctx.roster.person(name)
    return {"name": name, "handle": p.handle, "relation": p.relation}
