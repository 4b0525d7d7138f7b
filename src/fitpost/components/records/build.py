"""Step 4: each record becomes a :class:`~fitpost.schema.Activity`.

The primary cluster is the first one with an amount and an activity word (else
the first); for each field it comes first, then the others in order.  A record
with no one named takes, by default, the speaker of the quote it lies in; else,
in the first person (or in a text about no one), the author with the companions
of that session; else no one when an unnamed subject did it ("the 80-year-old
ran"); else the person the text is about (the person most named is not every
first-person record's companion).
"""
from __future__ import annotations

from fitpost import statuses
from fitpost.components.records.attach import taken_up
from fitpost.components.records.claims import does
from fitpost.components.records.company import BEFORE_REACH, gapped_subject, names_of, non_participant
from fitpost.components.records.context import ROUTE_ROLES, SUBJECT_PRONOUNS, THIRD_PERSON_WORDS, Context
from fitpost.components.records.model import Cluster, Record
from fitpost.schema import Activity, DateRef, Quantity

WE = ("we", "our")  # of FIRST_PERSON: the author and others
REFINED = 0.1  # an exact time within this share of a rough one tells it more precisely
THIRD_PERSON_SUBJECTS = SUBJECT_PRONOUNS & THIRD_PERSON_WORDS  # "he", "she": a session told of one is someone else's


def to_activity(ctx: Context, r: Record) -> Activity:
    """The record as an :class:`Activity`, validated once (nested models go in as plain dicts)."""
    clusters = r.clusters
    primary = r.leading()
    fields = _gather(ctx, [primary] + [c for c in clusters if c is not primary])
    q = fields["quantities"]
    dist = r.session_distance(primary)
    freq = q["frequency"].frequency if "frequency" in q else None
    if freq is None:
        freq = next((c.status.frequency for c in clusters if c.status and c.status.frequency
                     and _as_real(c, primary)), None)
    repetition = _daily_over_weeks(q.get("repetition"), freq) or _one_a_day(ctx, q)
    if repetition is not None and freq is None and "repetition" not in q:
        freq = "daily"  # "7 marathons in 7 days": one a day
    info = primary.info
    sents = r.sents()
    return Activity.model_validate({
        "activity": info.activity,
        "sport_type": info.sport_type or next((c.info.sport_type for c in clusters if c.info.sport_type), None),
        "exercise": next((c.info.exercise for c in clusters if c.info.exercise), None),
        "evidence": ctx.evidence(primary.start, primary.end), "status": primary.status_name,
        "distance": dist, "duration": q.get("duration"), "count": q.get("count"),
        "repetition": repetition,
        "frequency": freq, "pace": q.get("pace"), "elevation": q.get("elevation"),
        "participants": people_of(ctx, r, fields["people"]), "places": fields["places"],
        "event": {"name": fields["event"]} if fields["event"] else None, "date": fields["date"],
        "attributes": [a for a in ctx.attributes_named if ctx.holds(a, sents)],
        "mentions": [ctx.evidence(c.start, c.end) for c in clusters if c is not primary],
        "confidence": confidence(ctx, r)})


def _gather(ctx: Context, ordered: list[Cluster]) -> dict:
    """From clusters in order: the first quantity of each kind (but an exact time for a rough one it
    refines, :func:`_refines`), the first event and date (not that of a later mention telling when the
    activity was taken up: :func:`~fitpost.components.records.attach.taken_up`), and the people (once
    each by name or handle) and places (once each by name)."""
    q: dict[str, Quantity] = {}
    event: str | None = None
    date: DateRef | None = None
    people: list[dict] = []
    places: list[dict] = []
    for c in ordered:
        for found in c.quantities:
            if found.kind == "frequency" and not _as_real(c, ordered[0]):
                continue
            if found.kind == "duration" and _refines(found, q.get("duration")):
                q["duration"] = found
            q.setdefault(found.kind, found)
        if event is None and c.event:
            event = c.event
        if date is None and c.date is not None and (c is ordered[0] or not taken_up(ctx, c)):
            date = c.date
        for p in c.people:
            if not any(same_person(p, o) for o in people):
                people.append(p)
        for p in c.places:
            _add_place(places, p)
    return {"quantities": q, "event": event, "date": date, "people": people, "places": places}


def _add_place(places: list[dict], p: dict) -> None:
    """Add the place ``p`` to ``places`` once by name. A place told where the session was ("at")
    and again as an end or stop of its route takes the route's role: "from Tarnby to the Larkspur
    Memorial ... with a wreath laid at the Larkspur Memorial" ends at the Memorial."""
    told = next((o for o in places if o["name"] == p["name"]), None)
    if told is None:
        places.append(p)
    elif told["role"] == "at" and p["role"] in ROUTE_ROLES:
        places[places.index(told)] = p


DAYS_IN = {"week": 7, "fortnight": 14}  # the days of a period a repetition may be told in


def _daily_over_weeks(rep: Quantity | None, freq: str | None) -> Quantity | None:
    """The repetition ``rep`` of a record done daily (``freq``) counted in days where it is told in weeks
    ("walked 15 miles a day for ten weeks" is 70 days of it), else as told."""
    if rep is None or freq != "daily" or rep.unit not in DAYS_IN or not rep.times:
        return rep
    return rep.model_copy(update={"times": rep.times * DAYS_IN[rep.unit]})


def _one_a_day(ctx: Context, q: dict[str, Quantity]) -> Quantity | None:
    """The days of a count of races told with as many days as races, one a day ("ran 7 marathons in 7 days",
    "10 marathons in 10 days"), as a repetition; None where the record's quantities ``q`` tell none."""
    count, days = q.get("count"), q.get("duration")
    if count is None or days is None or days.unit != "day" or not days.value or count.value != days.value \
            or (count.unit or "") not in ctx.lexicon.races:
        return None
    return days.model_copy(update={"kind": "repetition", "times": int(days.value), "seconds": None})


def _as_real(c: Cluster, lead: Cluster) -> bool:
    """Whether cluster ``c`` claims a session as the record's leading cluster ``lead`` does, or claims none
    as it does."""
    return statuses.is_real(c.status_name) == statuses.is_real(lead.status_name)


def _refines(found: Quantity, rough: Quantity | None) -> bool:
    """Whether exact time ``found`` tells more precisely the rough one (a bound or an estimate) a record
    has: within REFINED of it ("a 10K in less than 45 minutes ... stopped my watch at 43:05")."""
    return rough is not None and rough.approximate and not found.approximate \
        and bool(found.seconds and rough.seconds) and abs(found.seconds - rough.seconds) <= REFINED * rough.seconds


def confidence(ctx: Context, r: Record) -> float:
    """How much evidence the text gives for the record (weights in ``models/linking.json``): the base,
    and more for an amount, a date or an event, a mention of doing it, more than one mention."""
    amount = when = doing = False
    for c in r.clusters:  # one pass, each kind of evidence read until a cluster gives it
        if not amount and not c.bare:
            amount = True
        if not when and (c.date is not None or c.event):
            when = True
        if not doing and not c.inferred and does(ctx, c):
            doing = True
    w = ctx.lexicon.confidence
    score = w["base"]
    if amount:
        score += w["amount"]
    if when:
        score += w["when"]
    if doing:
        score += w["doing"]
    if len(r.clusters) > 1:
        score += w["several"]
    return round(min(score, w["most"]), 2)


def same_person(a: dict, b: dict) -> bool:
    """Whether two participants are one: the same name or handle, or the same relation with neither."""
    if (a["name"] and a["name"] == b["name"]) or (a["handle"] and a["handle"] == b["handle"]):
        return True
    return not (a["name"] or a["handle"] or b["name"] or b["handle"]) and a["relation"] == b["relation"]


def people_of(ctx: Context, r: Record, linked: list[dict]) -> list[dict]:
    """The record's participants: those linked to its mentions (``linked``), with the author first
    when the record is the author's too; with no one linked, :func:`default_people`; never those its
    sentences tell did not take part after all (:func:`absent`)."""
    away = absent(ctx, r)
    if away:  # none to leave out where the text tells no one's absence
        linked = [p for p in linked if p["name"] not in away]
    if not linked:
        people = default_people(ctx, r)
        return [p for p in people if p["name"] not in away] if away else people
    if ctx.author and not any(p["name"] == ctx.author for p in linked) and _authors(ctx, r):
        return [{"name": ctx.author, "handle": None, "relation": None}] + linked
    speaker = _quoted_speaker(ctx, r)
    if speaker and not any(p["name"] == speaker for p in linked):
        return [_participant(ctx, speaker)] + linked
    return linked


def absent(ctx: Context, r: Record) -> set[str]:
    """The names of the people who come before an ``absence`` phrase of ``models/linking.json`` ("After
    a late shift she was unable to join", the pronoun standing for its person) in one of record
    ``r``'s sentences or in a sentence that tells of no session done (its activity mentions, if any, are
    negated or hypothetical: "Ottilie couldn't make it to the run"): they did not take part."""
    if not ctx.absences:
        return set()
    mine = r.sents()
    return {x["name"] for n, at in ctx.absences.items() if n in mine or n not in ctx.real_sents
            for p in ctx.people_in.get(n, ()) if p.end <= at for x in names_of(ctx, p) if x["name"]}


def _authors(ctx: Context, r: Record) -> bool:
    """Whether the author took part in record ``r``: outside quotes, its sentences say "I", "we" or
    "me", or no one is mentioned before its primary mention in its sentence ("Went for a run with my
    dad", not "My dad ran with Asha")."""
    c = r.primary
    if ctx.quote_at(ctx.tab.idx[c.start]) is not None:
        return False
    sents = r.sents()
    return ctx.holds("i", sents) or ctx.holds("we", sents) or ctx.holds("me", sents) or \
        next(ctx.people_back(c.sent, c.start, 0), None) is None


def _quoted_speaker(ctx: Context, r: Record) -> str | None:
    """The speaker of the quote record ``r``'s primary mention lies in, where the quote tells the session in the
    first person: its sentences say "I", "we" or "me", or the mention opens the quote with no subject
    ('"Swam 2 km at the lido with Elin," Jonas said': Jonas swam too); else None."""
    c = r.primary
    at = ctx.tab.idx[c.start]
    quote = ctx.quote_at(at)
    if quote is None or not quote.speaker:
        return None
    sents = r.sents()
    if ctx.holds("i", sents) or ctx.holds("we", sents) or ctx.holds("me", sents) \
            or not any(ch.isalnum() for ch in ctx.text[quote.start:at]):
        return quote.speaker
    return None


def default_people(ctx: Context, r: Record) -> list[dict]:
    """With no one named: the speaker of the quote the record's primary mention lies in; outside
    quotes, in a post told in the first person, the author (if known) with the companions of the
    session: those named in company in its sentences and the sentences around them with no other
    activity; with none there and "we" or "our" in the post, those of the whole post, else the
    person the text is about.  In another post, the author in a first-person sentence or a text
    about no one; else the person the text is about, unless the parse gives the activity a subject that is no one
    named ("the 80-year-old ran") or that person is named in its sentences only as a spectator."""
    roster, c = ctx.roster, r.primary
    quote = ctx.quote_at(ctx.tab.idx[c.start])
    if quote is not None and quote.speaker:
        return [_participant(ctx, quote.speaker)]
    author = [{"name": ctx.author, "handle": None, "relation": None}] if ctx.author else []
    if quote is None and _told_of_another(ctx, c):
        return []  # "he left Tarnby alone": someone not named here, neither the author nor the main person
    if quote is None and ctx.first_person:
        sents = r.sents()
        company = companions(ctx, _around(ctx, sents))
        if not company and any(ctx.holds(w, sents) for w in WE):
            company = _group(ctx, _around(ctx, sents))  # "We finished 4th: Elin took leg 1, Jonas leg 2"
        if not company and any(w in ctx.marked for w in WE):  # "we": the company the post tells of
            company = companions(ctx, range(len(ctx.sents)))
            if not company and roster.main and _may_have_done(ctx, r) \
                    and any(_opens_clause(ctx, p.start) for p in ctx.main_mentions):
                company = [_participant(ctx, roster.main)]  # the author and the person they write about
        return author + company
    if quote is None and author and (not roster.main or c.sent in ctx.first_person_sents):
        return author
    if roster.main and not unnamed_subject(ctx, c) and _may_have_done(ctx, r):
        return [_participant(ctx, roster.main)]
    return []


def _told_of_another(ctx: Context, c: Cluster) -> bool:
    """Whether the subject of mention ``c`` is "he" or "she" standing for no one named: the nearest person
    ending at most BEFORE_REACH tokens before it in its sentence ("Vance crossed the country in 1964 ... he left
    Tarnby alone and reached Larkspur 80 days later"): someone else's session, neither the author's with their
    company nor that of a person the pronoun cannot be ("my wife, Elin")."""
    last = next(ctx.people_back(c.sent, c.start, c.start - BEFORE_REACH), None)
    return last is not None and last.info.pronoun and not last.info.members \
        and ctx.lows[last.start] in THIRD_PERSON_SUBJECTS


def _may_have_done(ctx: Context, r: Record) -> bool:
    """Whether the person the text is about may be who did record ``r`` by default: not named in its
    sentences only as a spectator ("A flagged off the run"), nor, where its sentences do not name
    them, only as a spectator in the whole text (the official who flagged off a team's ride); a pronoun
    that stands for them counts as a mention ("A flagged off the ride, then she rode it").  Named only with
    the title of an office (``office_titles``: "Organiser Rhodri Vance said"), they are not."""
    sents = r.sents()
    named = ctx.main_mentions
    if named and all(p.start > 0 and ctx.lows[p.start - 1] in ctx.lexicon.office_titles for p in named
                     if not p.info.pronoun):
        return False
    here = [p for p in named if ctx.sent_of[p.start] in sents] or named
    return not (here and all(non_participant(ctx, p) for p in here))


def _around(ctx: Context, sents: set[int]) -> list[int]:
    """The sentences ``sents`` and those right before and after them in their paragraph that hold no
    activity mention and no cluster (a sentence with one is another session's: "Did 60 km today with
    Jonas"), nor, right after them, a sentence opening the lines after it ("Later I met Elin and did:"),
    in order."""
    para, n_sents = ctx.para, len(ctx.sents)
    near = {n + d for n in sents for d in (-1, 1) if 0 <= n + d < n_sents and para[n + d] == para[n]}
    near -= {n + 1 for n in sents if n + 1 < n_sents and ctx.opens_what_follows(n + 1)}
    return sorted(sents | (near - ctx.active_sents - ctx.cluster_sents))


def companions(ctx: Context, sents) -> list[dict]:
    """The people named in company ("with Asha", "Asha and I"), outside quotes, in the sentences
    ``sents`` (in order), with the subject of a clause after them in their sentence that shares the verb of
    theirs (:func:`~fitpost.components.records.company.gapped_subject`); each once."""
    out: list[dict] = []
    for n in sents:
        told = [p for p in ctx.people_in.get(n, ()) if p.info.companion and not p.info.in_quote]
        if told:  # "Elin and I took the double canoe, and Jonas and Bram in the singles": all four
            end = ctx.sents[n][1]
            told += [p for k in range(told[0].end, end) if ctx.lows[k] == "and"
                     for p in gapped_subject(ctx, k, end) if p not in told]
        for p in told:
            if not non_participant(ctx, p):
                out += [x for x in names_of(ctx, p) if not any(same_person(x, o) for o in out)]
    return out


def _group(ctx: Context, sents) -> list[dict]:
    """The people named, outside quotes, in the sentences ``sents`` (in order) of a session told with "we",
    each opening a clause (:func:`_opens_clause`: "Elin took leg 1, Jonas leg 2"; not "we rang Tamsin"): who
    "we" are, but those named only as watching or helping (:func:`non_participant`); each once."""
    out: list[dict] = []
    for n in sents:
        for p in ctx.people_in.get(n, ()):
            if not p.info.pronoun and not p.info.in_quote and _opens_clause(ctx, p.start) \
                    and not non_participant(ctx, p):
                out += [x for x in names_of(ctx, p) if x["name"] and not any(same_person(x, o) for o in out)]
    return out


CLAUSE_OPENERS = frozenset((",", ":", ";", "and", "but", "while", "then", "-", "–", "(", "\n"))  # before a subject


def _opens_clause(ctx: Context, k: int) -> bool:
    """Whether token ``k`` opens its sentence or a clause: a subject's place, not an object's."""
    return k == ctx.sents[ctx.sent_of[k]][0] or ctx.lows[k - 1] in CLAUSE_OPENERS or ctx.tab.text[k - 1].isspace()


def unnamed_subject(ctx: Context, c: Cluster) -> bool:
    """Whether the parse gives the mention's verb a subject that is a noun (or an adjective or number
    standing for one) naming no one, neither a person mention nor a title or gendered word, nor
    holding the mention itself ("the 80-year-old ran", not "the actor ran" or "the ride was long").  A crowd
    (``crowds``, in the subject: "hundreds of swimmers") is no one person: the person the text is about may be one
    of it ("240 riders took part ... Jonas Berg was first home")."""
    if not ctx.parsed:
        return False
    verb = ctx.doc[c.head]
    while verb.pos_ not in ("VERB", "AUX") and verb.dep_ != "ROOT" and verb.head is not verb:
        verb = verb.head
    people = {k for p in ctx.people for k in range(p.start, p.end)}
    for t in verb.children:
        if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "ADJ", "NUM") \
                and t.lower_ not in ctx.lexicon.person_words:
            return not any(k.i in people or c.start <= k.i < c.end or k.lower_ in ctx.lexicon.crowds
                           for k in t.subtree)
    return False


def _participant(ctx: Context, name: str) -> dict:
    """The roster's person ``name`` as the fields of a :class:`~fitpost.schema.Participant`."""
    p = ctx.roster.person(name)
    return {"name": name, "handle": p.handle, "relation": p.relation}
