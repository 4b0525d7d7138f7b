"""fitpost_places: places and their roles (at, from, to, via).

Places come from the model's GPE/LOC/FAC entities and, on any base, from
capitalised words after a place preposition ("from Pune to Lonavla", "in
Ooty, Tamil Nadu"), "the A-B stretch" routes and "to the #hashtag" targets.
A role comes from the word before ("from" is from, "to" is to, "via" is via,
"in"/"at" is at) or from a start/end verb ("wrapped up in X" is to).  A place
that is only someone's hometown ("hails from X") and a dateline ("CITY, May 3
(Agency)") are marked so the linker leaves them out.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from fitpost import ext, resources
from fitpost.components.base import Component

_CAP = re.compile(r"^[A-Z][A-Za-z'’.]*[a-z]$|^[A-Z]{2,5}$")
_DATELINE = re.compile(r"(?:^|\n)\s*([A-Z][A-Za-z .]+),\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b")
_STRETCH = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)\s?[-–]\s?([A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+"
                      r"(?:stretch|route|highway|expressway|road|leg|section|corridor|ride|run|trail)\b")
_CONNECTORS = {"of", "de", "la", "del", "upon"}


class PlaceFinder(Component):
    """Mark places with ``models/places.json``."""

    def load(self) -> None:
        data = resources.load_json(self.config.get("lexicon", "places.json"))
        self.role_before = data["role_before"]
        self.start_verbs = set(data["start_verbs"])
        self.end_verbs = set(data["end_verbs"])
        self.hometown = [c.split() for c in data["hometown_cues"]]
        self.route_nouns = set(data["route_nouns"])
        self.not_places = set(data["not_places"])

    def _capitalised(self, doc: Doc, i: int) -> int:
        """End of a run of capitalised words starting at token i (i when none)."""
        j = i
        while j < len(doc) and j - i < 4:
            t = doc[j]
            if _CAP.match(t.text) and t.lower_ not in self.not_places:
                j += 1
            elif t.lower_ in _CONNECTORS and j > i and j + 1 < len(doc) and _CAP.match(doc[j + 1].text) \
                    and doc[j + 1].lower_ not in self.not_places:
                j += 1
            else:
                break
        return j

    def __call__(self, doc: Doc) -> Doc:
        people = {i for s in ext.group(doc, ext.PEOPLE) if not s._.fp_person.pronoun for i in range(s.start, s.end)}
        datelines = {m.start(1) for m in _DATELINE.finditer(ext.text(doc))}
        found: dict[tuple[int, int], str] = {}
        if doc.has_annotation("ENT_IOB"):
            for ent in doc.ents:
                if ent.label_ in ("GPE", "LOC", "FAC") and ent[0].lower_ not in self.not_places:
                    s, e = ent.start, ent.end
                    if doc[s].lower_ == "the":
                        s += 1
                    if s < e:
                        found[(s, e)] = "ent"
        for t in doc:
            if t.lower_ in self.role_before and t.i + 1 < len(doc):
                i = t.i + 1
                if doc[i].lower_ == "the" and i + 1 < len(doc):
                    i += 1
                j = self._capitalised(doc, i)
                if j > i and not any(k in people for k in range(i, j)):
                    found.setdefault((i, j), "prep")
        for m in _STRETCH.finditer(ext.text(doc)):  # "the Hubli-Dharwad stretch"
            for g in (1, 2):
                span = doc.char_span(m.start(g), m.end(g), alignment_mode="expand")
                if span is not None:
                    found[(span.start, span.end)] = "route"
        for m in re.finditer(r"(?<=\bto the )#(\w+)|(?<=\bto )#(\w+)", ext.text(doc)):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                found.setdefault((span.start, span.end), "hashtag")
        # drop nested duplicates, keep the longer span
        spans = sorted(found, key=lambda se: (se[0], -(se[1] - se[0])))
        kept: list[tuple[int, int]] = []
        for s, e in spans:
            if kept and s < kept[-1][1]:
                continue
            if (any(k in people for k in range(s, e)) and found[(s, e)] != "route") or doc[s].idx in datelines:
                continue
            if e < len(doc) and doc[e].lower_ in ("'s", "’s"):
                continue  # "India's independence": a possessor, not where it happened
            kept.append((s, e))
        group = ext.group(doc, ext.PLACES)
        roles = self._roles(doc, kept)
        for (s, e), role in zip(kept, roles):
            span = Span(doc, s, e, label="PLACE")
            name = span.text.lstrip("#").strip(" ,.")
            span._.fp_place = ext.PlaceInfo(name=name, role=role, hometown=self._is_hometown(doc, s))
            group.append(span)
        return doc

    def _roles(self, doc: Doc, spans: list[tuple[int, int]]) -> list[str]:
        roles: list[str] = []
        for n, (s, e) in enumerate(spans):
            j = s - 1
            if j >= 0 and doc[j].lower_ == "the":
                j -= 1
            prev = doc[j].lower_ if j >= 0 else ""
            role = self.role_before.get(prev, "at")
            before = {t.lower_ for t in doc[max(0, j - 3):max(0, j)]}
            if role == "at" and before & self.end_verbs:
                role = "to"
            elif role == "at" and prev != "in" and before & self.start_verbs:
                role = "from"
            elif role == "at" and prev in ("in", "at") and before & self.start_verbs and "from" not in before:
                role = "from"
            # "in Ooty, Tamil Nadu": a place after a comma continues the one before
            if prev == "," and roles and spans[n - 1][1] == j:
                role = roles[-1]
            # "the Pune-Lonavla stretch"
            if e + 1 < len(doc) and doc[e].text in ("-", "–", "to") and n + 1 < len(spans) \
                    and spans[n + 1][0] == e + 1 and spans[n + 1][1] < len(doc) \
                    and doc[spans[n + 1][1]].lower_ in self.route_nouns:
                role = "from"
            if s >= 2 and doc[s - 1].text in ("-", "–") and n > 0 and spans[n - 1][1] == s - 1 \
                    and e < len(doc) and doc[e].lower_ in self.route_nouns:
                role = "to"
            roles.append(role)
        return roles

    def _is_hometown(self, doc: Doc, s: int) -> bool:
        before = [t.lower_ for t in doc[max(0, s - 5):s]]
        for cue in self.hometown:
            n = len(cue)
            for k in range(len(before) - n + 1):
                if before[k:k + n] == cue and len(before) - (k + n) <= 2:
                    return True
        return False


@Language.factory("fitpost_places", default_config={"lexicon": "places.json"})
def make_places(nlp: Language, name: str, lexicon: str) -> PlaceFinder:
    return PlaceFinder(nlp, name, lexicon=lexicon)
