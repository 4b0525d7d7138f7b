"""fitpost_records: link what the other components found into activity records.

1. Activity mentions become *clusters* (a verb and its object, "ran the
   marathon", are one); a bare distance after a movement verb ("covered 24 km")
   is a mention too.  Generic mentions ("known for running") are left out.
2. Quantities attach to the nearest cluster of their sentence that does not
   lie across a clause break; repetition and frequency apply to every cluster of
   the sentence ("90 km cycling and 20 km running for 3 days").
3. People, places, the event and the date of each cluster come from its
   clause (the parse, where there is one) or its sentence.
4. Clusters merge into records: same activity and same distance, the same
   event, a definite reference ("the run", "her ride") to an earlier record, or
   a mention with no numbers next to a record of the same activity.  A sentence
   that only adds company ("joined by his sister") or a route or event frame
   ("the challenge from A to B") lends them to the records around it.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain, compress, product

from spacy.language import Language
from spacy.tokens import Doc

from fitpost import ext, resources, statuses
from fitpost.components.base import Component
from fitpost.schema import Activity, DateRef, Quantity

_FIRST_PERSON = ("i", "we", "my", "me", "our")
_ATTRIBUTES = ("barefoot", "virtual", "solo", "indoor", "treadmill")
_MARKERS = frozenset(_FIRST_PERSON + _ATTRIBUTES)
_KINDS = ("distance", "duration", "count", "repetition", "frequency", "pace", "elevation")
_WITH_WORDS = frozenset({"with", "alongside", "by"})  # the words of the company cues after a mention
_STOPS = frozenset({";", ".", "!", "?"})  # where the clause of a mention ends, for those cues
_QUOTES = frozenset({"'", "’", '"', "“", "”"})
_AMOUNTS = frozenset({"distance", "duration", "count"})  # a cluster with none of these is bare
_GROUPS = ((ext.QUANTITIES, "fp_quantity"), (ext.ACTIVITIES, "fp_activity"), (ext.PEOPLE, "fp_person"),
           (ext.PLACES, "fp_place"), (ext.EVENTS, "fp_event"), (ext.DATES, "fp_date"))


def _score(amount: bool, verb: bool, several: bool, inferred: bool) -> float:
    """A record's confidence: whether its primary mention has an amount, is a verb, race or exercise,
    whether the record has more than one mention, whether the primary one is inferred."""
    score = 0.5
    if amount:
        score += 0.2
    if verb:
        score += 0.1
    if several:
        score += 0.1
    if inferred:
        score -= 0.2
    return round(min(score, 0.95), 2)


_CONFIDENCE = {k: _score(*k) for k in product((False, True), repeat=4)}  # every case, worked out once


def _offsets(at: dict[str, list[int]], words: Iterable[str]) -> list[int]:
    """The token offsets of any of ``words``, in order, from ``at`` (the offsets of each word)."""
    found = [at[w] for w in at.keys() & words]
    if len(found) == 1:
        return list(found[0])
    return sorted(chain.from_iterable(found))


@dataclass(slots=True)
class Cluster:
    """One mention of an activity: its tokens and everything attached to it."""

    start: int
    end: int
    sent: int
    info: ext.ActivityInfo
    status: ext.StatusInfo | None = None
    head: int = 0  # the token whose syntax gives subject and objects
    quantities: list[Quantity] = field(default_factory=list)
    people: list[dict] = field(default_factory=list)  # the fields of each Participant, validated with the record
    places: list[dict] = field(default_factory=list)  # the fields of each Place, likewise
    event: str | None = None
    date: DateRef | None = None
    definite: bool = False
    inferred: bool = False
    race_only: bool = False  # its only distance is implied by a race name ("the marathon")

    def kind(self, k: str) -> Quantity | None:
        for q in self.quantities:
            if q.kind == k:
                return q
        return None

    @property
    def bare(self) -> bool:
        for q in self.quantities:
            if q.kind in _AMOUNTS:
                return False
        return True


@dataclass(slots=True)
class Record:
    clusters: list[Cluster]

    @property
    def primary(self) -> Cluster:
        return self.clusters[0]

    @property
    def activity(self) -> str:
        return self.primary.info.activity

    def distance(self) -> Quantity | None:
        for c in self.clusters:
            q = c.kind("distance")
            if q is not None and not c.race_only:
                return q
        return next((c.kind("distance") for c in self.clusters if c.kind("distance")), None)

    def sents(self) -> set[int]:
        return {c.sent for c in self.clusters}


def same_distance(a: Quantity | None, b: Quantity | None) -> bool:
    if a is None or b is None or not a.meters or not b.meters:
        return False
    return math.isclose(a.meters, b.meters, rel_tol=0.02)


class RecordBuilder(Component):
    """Build :class:`~fitpost.schema.Activity` records from the Doc's spans."""

    def load(self) -> None:
        data = resources.load_json(self.config.get("lexicon", "linking.json"))
        self.movement = set(data["movement_verbs"])
        self._cues_at: dict[str, list[list[str]]] = {}  # the cues that count for a sentence, by first word
        for cue in (c.split() for c in data["companion_cues"][:-1]):  # the last, a bare "with", does not
            self._cues_at.setdefault(cue[0], []).append(cue)
        self.breaks = set(data["clause_breaks"])
        self.definite = set(data["definite"])
        self.non_participant = [c.split() for c in data["non_participant_cues"]]
        self._non_participant_by_len: dict[int, set[tuple[str, ...]]] = {}
        for cue in self.non_participant:
            self._non_participant_by_len.setdefault(len(cue), set()).add(tuple(cue))
        self.credit_words = set(data["credit_words"])
        self._watched = frozenset(self.breaks | _WITH_WORDS | _STOPS | _MARKERS | self._cues_at.keys())
        self.generic_nouns = set(resources.load_json("activities.json")["generic_nouns"])
        races = resources.load_json("quantities/races.json")["races"]
        unit = {"km": 1000.0, "mi": 1609.344, "m": 1.0}
        self.races = {n.lower().replace("-", " "): r["value"] * unit.get(r.get("unit", "km"), 1000.0)
                      for r in races for n in r["names"]}
        # any race name at all, as a substring: most mentions hold none, and then no name is tried
        self._any_race = re.compile("|".join(re.escape(n) for n in sorted(self.races, key=len, reverse=True)))
        self.race_activity = {"marathon": "running", "mara": "running", "parkrun": "running", "run": "running",
                              "ultramarathon": "running", "ironman": "triathlon", "triathlon": "triathlon",
                              "70.3": "triathlon", "distance": "triathlon", "man": "triathlon"}

    # ------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        tab = ext.tokens(doc)
        self.doc, self.tab, self.lows = doc, tab, tab.lower
        self.text = ext.text(doc)
        self.sents = tab.sents  # (start, end) token offsets: a Span costs more to make and read
        self.sent_of = sent_of = [0] * len(doc)  # the sentence number of each token
        for n, (start, end) in enumerate(self.sents):
            sent_of[start:end] = [n] * (end - start)
        self.para = self._paragraphs()
        self.parsed = ext.has_annotation(doc, "DEP")
        lows = self.lows
        # the places of every word the steps below look for, by word: one pass over the tokens
        at: dict[str, list[int]] = {}
        for i in compress(range(len(lows)), map(self._watched.__contains__, lows)):
            at.setdefault(lows[i], []).append(i)
        self.break_at = _offsets(at, self.breaks)  # _gap counts those between two tokens by bisection
        # where the company cues after a mention ("with", "alongside", "joined by") and the clause stops are
        self._with_at = [i for i in _offsets(at, _WITH_WORDS) if lows[i] != "by" or (i > 0 and lows[i - 1] == "joined")]
        self._stop_at = _offsets(at, _STOPS) if self._with_at else []
        self.roster: ext.Roster = ext.doc_value(doc, "fp_roster") or ext.Roster()
        self.author = ext.doc_value(doc, "fp_author")
        # every span of a group as a Mention: no Span objects, no extension reads per cluster
        self.spans = {g: ext.mentions(doc, g, attr) for g, attr in _GROUPS}
        people = self.spans[ext.PEOPLE]
        # list.index: the place of the first equal mention (Mentions are equal by bounds and label)
        self._people_index = {(p.start, p.end, p.label): k for k, p in reversed(list(enumerate(people)))}
        # each group's mentions by the sentence they start in, so a cluster looks at its own sentence's only
        self._people_in, self._places_in, self._events_in, self._dates_in = (
            self._by_sentence(self.spans[g]) for g in (ext.PEOPLE, ext.PLACES, ext.EVENTS, ext.DATES))
        # the sentences each marker word occurs in (first person, attributes)
        self._marked: dict[str, set[int]] = {w: {sent_of[i] for i in at[w]} for w in _MARKERS.intersection(at)}
        self._any_attribute = not self._marked.keys().isdisjoint(_ATTRIBUTES)
        self._companion_sents = self._companion_sentences(_offsets(at, self._cues_at.keys()))
        events = self.spans[ext.EVENTS]
        clusters = self._clusters(doc, events)
        self._clusters_in = self._by_sentence_clusters(clusters)
        self._attach_quantities(doc, clusters)
        for c in clusters:
            self._attach_people(doc, c)
            self._attach_places(c)
            self._attach_event(c)
            self._attach_date(c)
        records = self._merge(clusters)
        self._orphans(doc, records, clusters)
        self._frames(records, clusters)
        ext.set_doc_value(doc, "fp_records", [self._record(r) for r in records])
        ext.release(doc)  # the last fitpost component: the shared token table is done with
        return doc

    def _paragraphs(self) -> list[int]:
        """The paragraph number of each sentence: a new one after a line break."""
        tab, text = self.tab, self.text
        if "\n" not in text:
            return [0] * len(self.sents)
        para: list[int] = []
        n_para = 0
        prev_start = prev_end = 0
        for k, (lo, hi) in enumerate(self.sents):
            start_char = tab.idx[lo]
            if k and ("\n" in text[prev_end:start_char + 1] or "\n" in text[prev_start:prev_end].rstrip()):
                n_para += 1
            para.append(n_para)
            prev_start, prev_end = start_char, tab.end[hi - 1]
        return para

    def _by_sentence(self, found: list[ext.Mention]) -> dict[int, list[ext.Mention]]:
        """``found`` by the sentence each mention starts in, in their order."""
        out: dict[int, list[ext.Mention]] = {}
        sent_of = self.sent_of
        for m in found:
            out.setdefault(sent_of[m.start], []).append(m)
        return out

    @staticmethod
    def _by_sentence_clusters(clusters: list[Cluster]) -> dict[int, list[Cluster]]:
        """``clusters`` by sentence, in their order."""
        out: dict[int, list[Cluster]] = {}
        for c in clusters:
            out.setdefault(c.sent, []).append(c)
        return out

    # -- 1. clusters ------------------------------------------------------
    def _clusters(self, doc: Doc, events: list[ext.Mention]) -> list[Cluster]:
        event_tokens = {i for e in events for i in range(e.start, e.end)}
        mentions = [s for s in self.spans[ext.ACTIVITIES] if not s.info.generic]
        by_sent: dict[int, list[ext.Mention]] = {}
        for s in mentions:
            by_sent.setdefault(self.sent_of[s.start], []).append(s)
        kept: list[ext.Mention] = []
        for n, spans in sorted(by_sent.items()):
            specific = [s for s in spans if s.info.activity != "workout"
                        or self._text(s).lower() not in self.generic_nouns]
            kept.extend(specific if specific and len(specific) < len(spans) else spans)
        clusters: list[Cluster] = []
        current: Cluster | None = None
        for s in kept:
            if s.start in event_tokens:
                continue
            info = s.info
            if current and current.info.activity == info.activity and 0 <= s.start - current.end <= 4 \
                    and not self._breaks_between(current.end, s.start):
                current.end = s.end  # "ran the marathon", "running the 10k"
                if info.form in ("noun", "race"):
                    current.definite = current.definite or self._is_definite(doc, s.start)
                continue
            current = Cluster(start=s.start, end=s.end, sent=self.sent_of[s.start], info=info, status=s.status,
                              head=ext.root(doc, s, self.parsed), definite=info.form in ("noun", "race") and self._is_definite(doc, s.start))
            clusters.append(current)
        for e in events:
            if self._text(e).startswith("#"):
                continue
            n = self.sent_of[e.start]
            activity = e.info.activity
            acts = {c.info.activity for c in clusters if c.sent == n}
            near = [c for c in clusters if c.sent == n and 0 <= e.start - c.end <= 4]
            if activity and activity not in acts and not near:
                first = next((x for x in mentions if e.start <= x.start < e.end), None)
                info = first.info if first is not None else ext.ActivityInfo(activity=activity, form="event")
                clusters.append(Cluster(start=e.start, end=e.end, sent=n, info=info,
                                        status=first.status if first is not None else None,
                                        head=ext.root(doc, e, self.parsed), definite=True))
        clusters.extend(self._movement_clusters(doc, clusters, events))
        clusters.sort(key=lambda c: c.start)
        return clusters

    def _text(self, m: ext.Mention) -> str:
        return self.text[m.start_char:m.end_char]

    def _breaks_between(self, a: int, b: int) -> bool:
        """Whether tokens ``a:b`` hold punctuation other than quotes, or "and", "or", "but"."""
        tab, lows = self.tab, self.lows
        return any(tab.is_punct(i) and tab.text[i] not in _QUOTES or lows[i] in ("and", "or", "but")
                   for i in range(a, b))

    def _is_definite(self, doc: Doc, i: int) -> bool:
        definite = self.definite
        j = i - 1
        while j >= 0:
            t = doc[j]  # one Token for the tests of each word
            if not (t.like_num or t.is_alpha and t.lower_ not in definite and t.pos_ in ("ADJ", "NOUN", "PROPN")
                    and i - j <= 3):
                break
            j -= 1
        return j >= 0 and self.lows[j] in definite

    def _movement_clusters(self, doc: Doc, clusters: list[Cluster], events: list[ext.Mention]) -> list[Cluster]:
        """A distance right after a movement verb is an activity ("covered 24 km")."""
        out: list[Cluster] = []
        if self.movement.isdisjoint(self.lows):
            return out
        taken = {i for c in clusters for i in range(c.start, c.end)}
        activity_tokens = {i for s in self.spans[ext.ACTIVITIES] for i in range(s.start, s.end)}
        tab, lows = self.tab, self.lows
        for q in self.spans[ext.QUANTITIES]:
            if q.label != "distance" or q.start == 0 or q.start in taken:
                continue
            at = next((j for j in range(q.start - 1, max(0, q.start - 4) - 1, -1) if lows[j] in self.movement), None)
            if at is None:
                continue
            if any(tab.is_punct(k) or doc[k].pos_ == "VERB" and lows[k] not in self.movement
                   for k in range(at + 1, q.start)):
                continue
            if any(i in activity_tokens for i in range(q.end, min(len(doc), q.end + 2))):
                continue  # "finished a 20 km run": the run is the activity
            n = self.sent_of[q.start]
            activity = next((e.info.activity for e in events if self.sent_of[e.start] == n
                             and e.info.activity), None)
            if activity is None:
                prior = [c for c in clusters if c.start < q.start]
                activity = prior[-1].info.activity if prior else None
            if activity is None:
                continue
            out.append(Cluster(start=at, end=q.end, sent=n, inferred=True, head=at,
                               info=ext.ActivityInfo(activity=activity, form="inferred")))
        return out

    # -- 2. quantities ------------------------------------------------------
    def _gap(self, doc: Doc, a: int, b: int, other_between: bool) -> float:
        lo, hi = (a, b) if a <= b else (b, a)
        breaks = bisect_left(self.break_at, hi) - bisect_left(self.break_at, lo) if self.break_at else 0
        return (hi - lo) + breaks * (6 if other_between else 2)

    def _race_distance(self, doc: Doc, c: Cluster) -> Quantity | None:
        """The fixed length a race name in the mention implies ("a marathon", "an Ironman")."""
        tab = self.tab
        low = self.text[tab.idx[c.start]:tab.end[c.end - 1]].lower().replace("-", " ")
        if not self._any_race.search(low):
            return None
        best = None
        for name, meters in self.races.items():
            k = low.find(name)
            if k >= 0 and (best is None or len(name) > len(best[0])):
                best = (name, meters, k)
        if best is None:
            return None
        start = tab.idx[c.start] + best[2]
        text = self.text[start:start + len(best[0])]
        return Quantity(kind="distance", text=text, start=start, end=start + len(text),
                        value=best[1] / 1000, unit="km", meters=best[1])

    def _attach_quantities(self, doc: Doc, clusters: list[Cluster]) -> None:
        by_sent = self._clusters_in
        for span in self.spans[ext.QUANTITIES]:
            q: Quantity = span.info
            n = self.sent_of[span.start]
            cands = by_sent.get(n)
            if not cands:
                continue
            if q.kind in ("repetition", "frequency"):
                for c in cands:
                    if c.kind(q.kind) is None:
                        c.quantities.append(q)
                continue
            inside = [c for c in cands if c.start <= span.start < c.end or span.start <= c.start < span.end]
            race_name = q.kind == "distance" and not any(map(str.isdigit, q.text))  # "a marathon", no number
            if race_name:
                race = self.race_activity.get(q.text.lower().replace("-", " ").split()[-1])
                if not inside:
                    cands = [c for c in cands if race in (None, c.info.activity)]
                    if not cands:
                        continue
            if inside:
                best = inside[0]
            else:
                starts = [o.start for o in cands]  # in order: the clusters are sorted by start

                def cost(c: Cluster) -> float:
                    pos = c.start if span.start < c.start else c.end - 1
                    lo, hi = min(pos, span.start), max(pos, span.start)
                    # another cluster starts between them (counted by bisection: a sentence may hold hundreds)
                    between = bisect_left(starts, hi) - bisect_right(starts, lo) - (lo < c.start < hi) > 0
                    d = self._gap(doc, pos, span.start, between)
                    if c.kind(q.kind) is not None:
                        d += 50
                    if q.kind == "count" and c.info.form == "exercise":
                        d -= 3
                    if q.kind == "count" and c.info.form != "exercise" and not q.unit:
                        d += 20
                    return d
                costs = [cost(c) for c in cands]
                lowest = min(costs)
                if lowest > 30:
                    continue
                best = cands[costs.index(lowest)]  # the first of the cheapest, as min(cands, key=cost)
            if best.kind(q.kind) is None:
                best.quantities.append(q)
                if race_name:
                    best.race_only = True
        for c in clusters:
            if c.kind("distance") is None:
                q = self._race_distance(doc, c)
                if q is not None:
                    c.quantities.append(q)
                    c.race_only = True

    # -- 3. people, places, events, dates ------------------------------------
    def _person_spans(self, doc: Doc) -> list[ext.Mention]:
        return self.spans[ext.PEOPLE]

    def _names_of(self, span: ext.Mention) -> list[dict]:
        """The people mention ``span`` names, as the fields of a :class:`Participant` each."""
        info: ext.PersonInfo = span.info
        out = []
        names = info.members if info.members else ((info.name,) if info.name else ())
        for name in names:
            p = self.roster.person(name)
            out.append({"name": name, "handle": p.handle or (info.handle if len(names) == 1 else None),
                        "relation": p.relation})
        if not names and info.handle:
            out.append({"handle": info.handle})
        return out

    def _attach_people(self, doc: Doc, c: Cluster) -> None:
        people = self._person_spans(doc)
        in_sent = self._people_in.get(c.sent, ())
        sent_start, sent_end = self.sents[c.sent]
        pos = self._people_pos
        chosen: list[ext.Mention] = []
        if self.parsed:
            at = {p.start: p for p in people}
            head = doc[c.head]
            verb = head
            while verb.pos_ not in ("VERB", "AUX") and verb.dep_ not in ("ROOT",) and verb.head is not verb:
                verb = verb.head
            chain = [verb]
            if verb.dep_ == "acl":  # "the couple going for a run", "a video of her running"
                chosen.extend(self._mention_tokens(verb.head, at, subtree=False))
                for prep in verb.head.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        for obj in prep.children:
                            chosen.extend(self._mention_tokens(obj, at, subtree=False))
            if verb.dep_ in ("conj", "xcomp", "advcl") and not any(ch.dep_.startswith("nsubj") for ch in verb.children):
                chain.append(verb.head)
            for v in chain:
                for ch in v.children:
                    if ch.dep_ in ("nsubj", "nsubjpass", "agent"):
                        chosen.extend(self._mention_tokens(ch, at))
                if any(ch.dep_.startswith("nsubj") for ch in v.children):
                    break
            for tok in (head, verb):
                for ch in tok.children:
                    if ch.dep_ == "poss":
                        chosen.extend(self._mention_tokens(ch, at, subtree=False))
                    if ch.dep_ == "prep" and ch.lower_ in ("with", "alongside"):
                        for obj in ch.children:
                            chosen.extend(self._mention_tokens(obj, at))
        else:
            left = [p for p in in_sent if p.start < c.start and c.start - p.end <= 8]
            if left:
                chosen.append(left[-1])
                k = pos(left[-1])
                while k > 0 and people[k - 1].start >= sent_start and \
                        self._between(people[k - 1].end, people[k].start) in ("and", ",", "&"):
                    chosen.append(people[k - 1])
                    k -= 1
        # "with X" anywhere after the mention in its clause (both modes)
        if self._with_at:
            self._people_with(c, sent_end, chosen)
        # "him and Asha running": people coordinated right before an -ing mention
        if self.lows[c.start].endswith("ing") and c.start > 0:
            left = [p for p in in_sent if p.end <= c.start and c.start - p.end <= 1]
            if left:
                k = pos(left[-1])
                chosen.append(left[-1])
                while k > 0 and self._between(people[k - 1].end, people[k].start) in ("and", ",", "&"):
                    chosen.append(people[k - 1])
                    k -= 1
        seen = set()
        for p in chosen:
            if self._non_participant(doc, p):
                continue
            for part in self._names_of(p):
                key = part.get("name") or part["handle"]
                if key and key not in seen:
                    seen.add(key)
                    c.people.append(part)

    def _people_pos(self, p: ext.Mention) -> int:
        """``people.index(p)``: the place of the first mention equal to ``p`` in the people group."""
        return self._people_index[p.start, p.end, p.label]

    def _people_with(self, c: Cluster, sent_end: int, chosen: list[ext.Mention]) -> None:
        """Add to ``chosen`` the people a "with", "alongside" or "joined by" brings in after cluster ``c``,
        up to the end of its clause (at most 14 tokens on): each cue takes the first person within six
        tokens after it, with those coordinated to that one ("with A, B and C")."""
        people = self._person_spans(self.doc)
        with_at, stop_at = self._with_at, self._stop_at
        hi = min(sent_end, c.end + 14)
        k = bisect_left(stop_at, c.end)
        if k < len(stop_at) and stop_at[k] < hi:
            hi = stop_at[k]  # the clause ends at the first stop
        for i in with_at[bisect_left(with_at, c.end):bisect_left(with_at, hi)]:
            for p in people:
                if i < p.start <= i + 6 and not any(p is q for q in chosen):
                    chosen.append(p)
                    j = self._people_pos(p)
                    while j + 1 < len(people) and \
                            self._between(people[j].end, people[j + 1].start) in ("and", ",", "&", ", and"):
                        chosen.append(people[j + 1])
                        j += 1
                    break

    def _between(self, a: int, b: int) -> str:
        """The text of tokens ``a:b``, stripped (``doc[a:b].text.strip()`` without the Span)."""
        tab = self.tab
        return self.text[tab.idx[a]:tab.end[b - 1]].strip() if b > a else ""

    def _mention_tokens(self, tok, at: dict[int, ext.Mention], subtree: bool = True) -> list[ext.Mention]:
        out = []
        toks = list(tok.subtree) if subtree else [tok]
        for t in toks:
            if t.i in at:
                out.append(at[t.i])
            else:
                span = next((s for s in at.values() if s.start <= t.i < s.end), None)
                if span is not None and span not in out:
                    out.append(span)
        return out

    def _non_participant(self, doc: Doc, p: ext.Mention) -> bool:
        lows, lo = self.lows, max(0, p.start - 8)
        if not self.credit_words.isdisjoint(lows[lo:p.start - 1]):
            for k in range(lo, p.start - 1):
                if lows[k] in self.credit_words and lows[k + 1] in (":", "by", "-", "–"):
                    return True  # "Photo: A B, C D / Instagram"
        before = lows[max(0, p.start - 3):p.start]
        for n, cues in self._non_participant_by_len.items():
            if tuple(before[-n:]) in cues:
                return True
        return False

    def _attach_places(self, c: Cluster) -> None:
        others = [o for o in self._clusters_in[c.sent] if o is not c]
        for p in self._places_in.get(c.sent, ()):
            if p.info.hometown:
                continue
            pos = c.end if p.start >= c.end else c.start
            dist = abs(p.start - pos)
            if dist > 14:
                continue
            if any(abs(p.start - (o.end if p.start >= o.end else o.start)) < dist for o in others):
                continue
            info = p.info
            if not any(x["name"] == info.name for x in c.places):
                c.places.append({"name": info.name, "role": info.role})

    def _attach_event(self, c: Cluster) -> None:
        fitting = [e for e in self._events_in.get(c.sent, ()) if e.info.activity in (None, c.info.activity)]
        if not fitting:
            return
        others = [o for o in self._clusters_in[c.sent] if o is not c and o.info.activity == c.info.activity]
        best = min(fitting, key=lambda e: abs(e.start - c.start))
        if any(abs(best.start - o.start) < abs(best.start - c.start) for o in others):
            return
        c.event = best.info.name

    def _attach_date(self, c: Cluster) -> None:
        for d in self._dates_in.get(c.sent, ()):
            if d.info is not None:
                c.date = d.info
                return

    # -- 4. merging ----------------------------------------------------------
    def _status(self, c: Cluster) -> str:
        return c.status.status if c.status else "completed"

    def _merge(self, clusters: list[Cluster]) -> list[Record]:
        records: list[Record] = []
        pending: list[Cluster] = []
        for c in clusters:
            if c.bare or (c.race_only and c.definite):
                pending.append(c)
                continue
            target = None
            if statuses.is_real(self._status(c)):
                d = c.kind("distance")
                for r in records:
                    if r.activity != c.info.activity or not statuses.is_real(self._status(r.primary)):
                        continue
                    if (d is not None and same_distance(d, r.distance())) or (c.event and any(o.event == c.event for o in r.clusters)):
                        target = r
                        break
            if target:
                target.clusters.append(c)
            else:
                records.append(Record([c]))
        for c in pending:
            target = None
            st = self._status(c)
            meaning = statuses.meaning(st)
            if meaning.joins:
                same = [r for r in records if r.activity == c.info.activity and statuses.is_real(self._status(r.primary))]
                if c.event:
                    target = next((r for r in same if any(o.event == c.event for o in r.clusters)), None)
                if target is None and c.race_only:
                    d = c.kind("distance")
                    target = next((r for r in same if same_distance(d, r.distance())), None)
                if target is None and c.definite:
                    before = [r for r in same if min(x.start for x in r.clusters) < c.start]
                    target = max(before, key=lambda r: max(x.start for x in r.clusters if x.start < c.start), default=None)
                if target is None and meaning.reach is not None:
                    target = self._nearest(same, c, st, meaning.reach)
            if target is not None:
                target.clusters.append(c)
            else:
                records.append(Record([c]))
        records.sort(key=lambda r: r.primary.start)
        return records

    def _nearest(self, same: list[Record], c: Cluster, st: str, reach: int) -> Record | None:
        """The first of the records ``same`` closest to ``c`` by sentences, at most ``reach`` away, in its
        paragraph and (unless ``c`` is hypothetical) of its phase."""
        para, n, phase = self.para, c.sent, statuses.meaning(st).phase
        best, best_dist = None, 0
        for r in same:
            sents = r.sents()
            dist = min(abs(s - n) for s in sents)
            if dist <= reach and (best is None or dist < best_dist) \
                    and any(para[s] == para[n] for s in sents) \
                    and (st == "hypothetical" or phase == statuses.meaning(self._status(r.primary)).phase):
                best, best_dist = r, dist
        return best

    def _orphans(self, doc: Doc, records: list[Record], clusters: list[Cluster]) -> None:
        """Numbers and company in sentences with no activity word go to the record just before."""
        with_cluster = {c.sent for c in clusters}
        for span in self.spans[ext.QUANTITIES]:
            n = self.sent_of[span.start]
            q: Quantity = span.info
            if n in with_cluster or q.kind not in ("distance", "duration"):
                continue
            prev = self._record_before(records, n)
            if prev is None:
                continue
            if q.kind == "distance" and (prev.distance() is None or same_distance(prev.distance(), q)):
                carrier = Cluster(start=span.start, end=span.end, sent=n, info=prev.primary.info,
                                  quantities=[q], inferred=True)
                self._attach_date(carrier)
                prev.clusters.append(carrier)
        for n in sorted(self._companion_sents - with_cluster):
            start, end = self.sents[n]
            prev = self._record_before(records, n, reach=2)
            if prev is None:
                continue
            fake = Cluster(start=start, end=start + 1, sent=n, info=prev.primary.info, head=doc[start:end].root.i)
            for p in self._people_in.get(n, ()):
                if not p.info.pronoun and not self._non_participant(doc, p):
                    fake.people.extend(self._names_of(p))
            prev.clusters.append(fake)

    def _companion_sentences(self, firsts: list[int]) -> set[int]:
        """The sentences that hold a companion cue ("joined by", "along with"; not a bare "with")
        within their bounds, from the places ``firsts`` of the cues' first words."""
        lows, sent_of, sents, cues_at = self.lows, self.sent_of, self.sents, self._cues_at
        out: set[int] = set()
        for k in firsts:
            n = sent_of[k]
            if n in out:
                continue
            end = sents[n][1]
            for cue in cues_at[lows[k]]:
                if lows[k:k + len(cue)] == cue and k + len(cue) <= end:
                    out.add(n)
                    break
        return out

    def _record_before(self, records: list[Record], n: int, reach: int = 2) -> Record | None:
        best = None
        for r in records:
            s = max((c.sent for c in r.clusters if c.sent <= n), default=None)
            if s is not None and n - s <= reach and statuses.is_real(self._status(r.primary)):
                if best is None or s > best[0]:
                    best = (s, r)
        return best[1] if best else None

    def _frames(self, records: list[Record], clusters: list[Cluster]) -> None:
        """A sentence naming a route or an event but no activity frames the records that follow it."""
        with_cluster = {c.sent for c in clusters}
        for n in sorted(self._places_in.keys() | self._events_in.keys()):  # the sentences with either
            if n in with_cluster:
                continue
            route = [p.info for p in self._places_in.get(n, ())
                     if p.info.role in ("from", "to") and not p.info.hometown]
            evs = self._events_in.get(n, [])
            if not route and not evs:
                continue
            for r in records:
                first = min(c.sent for c in r.clusters)
                if not (0 < first - n <= 3) or not statuses.is_real(self._status(r.primary)):
                    continue
                ev = next((e for e in evs if e.info.activity in (None, r.activity)
                           or len(evs) == 1), None)
                if ev is not None and not any(c.event for c in r.clusters):
                    r.primary.event = ev.info.name
                has_route = any(p["role"] in ("from", "to") for c in r.clusters for p in c.places)
                if route and not has_route:
                    r.primary.places.extend({"name": p.name, "role": p.role} for p in route)

    # -- 5. output -------------------------------------------------------------
    def _record(self, r: Record) -> Activity:
        """The record as an :class:`Activity`, validated once: nested models that are not made yet
        (evidence, mentions, event, participants, places) go in as plain dicts, which is cheaper than
        validating each on its own and gives the same model."""
        clusters = r.clusters
        primary = clusters[0]
        if len(clusters) > 1:
            primary = next((c for c in clusters if not c.bare and not c.inferred), primary)
        ordered = clusters if primary is clusters[0] else [primary] + [x for x in clusters if x is not primary]
        # in one pass, primary first: the first quantity of each kind, event and date, the people and places
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
        dist = primary.kind("distance")
        if dist is None or primary.race_only:
            dist = r.distance()
        if not people:
            people = self._default_people(primary)
        freq = q["frequency"].frequency if "frequency" in q else None
        if freq is None:
            freq = next((c.status.frequency for c in clusters if c.status and c.status.frequency), None)
        info = primary.info
        return Activity.model_validate({
            "activity": info.activity, "sport_type": info.sport_type or self._sport(r),
            "exercise": next((c.info.exercise for c in clusters if c.info.exercise), None),
            "evidence": self._evidence(primary), "status": self._status(primary),
            "distance": dist, "duration": q.get("duration"), "count": q.get("count"), "repetition": q.get("repetition"),
            "frequency": freq, "pace": q.get("pace"), "elevation": q.get("elevation"),
            "participants": people, "places": places, "event": {"name": event} if event else None,
            "date": date, "attributes": self._attributes(r),
            "mentions": [self._evidence(c) for c in clusters if c is not primary],
            "confidence": self._confidence(r, primary)})

    def _evidence(self, c: Cluster) -> dict:
        """The text of cluster ``c`` as the fields of an :class:`Evidence`."""
        start, end = self.tab.idx[c.start], self.tab.end[c.end - 1]
        return {"text": self.text[start:end], "start": start, "end": end}

    def _default_people(self, c: Cluster) -> list[dict]:
        """With no one named, the person a quote is attributed to, else the person the text is about
        (as the fields of a :class:`Participant`)."""
        at = self.tab.idx[c.start]
        quote = self.roster.quote_at(at)
        if quote is not None and quote.speaker:
            return [self._participant(quote.speaker)]
        if quote is None and self.author and (self._has(_FIRST_PERSON, {c.sent}) or not self.roster.main):
            return [{"name": self.author}]
        main = self.roster.main
        return [self._participant(main)] if main else []

    def _has(self, words: tuple[str, ...], sents: set[int]) -> bool:
        """Whether any of the sentences ``sents`` holds any of ``words`` (from ``_MARKERS``)."""
        for w in words:
            found = self._marked.get(w)
            if found and not found.isdisjoint(sents):
                return True
        return False

    def _participant(self, name: str) -> dict:
        """The roster's person ``name`` as the fields of a :class:`Participant`."""
        p = self.roster.person(name)
        return {"name": name, "handle": p.handle, "relation": p.relation}

    @staticmethod
    def _sport(r: Record) -> str | None:
        return next((c.info.sport_type for c in r.clusters if c.info.sport_type), None)

    def _attributes(self, r: Record) -> list[str]:
        if not self._any_attribute:
            return []
        sents = {c.sent for c in r.clusters}
        return [a for a in _ATTRIBUTES if self._has((a,), sents)]

    @staticmethod
    def _confidence(r: Record, primary: Cluster) -> float:
        return _CONFIDENCE[not primary.bare, primary.info.form in ("verb", "race", "exercise"),
                           len(r.clusters) > 1, primary.inferred]


@Language.factory("fitpost_records", default_config={"lexicon": "linking.json"})
def make_records(nlp: Language, name: str, lexicon: str) -> RecordBuilder:
    return RecordBuilder(nlp, name, lexicon=lexicon)
