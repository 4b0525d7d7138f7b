"""fitpost_places: places and their roles (at, from, to, via).

Places come from the model's GPE/LOC/FAC entities and, on any base, from
capitalised words after a place preposition ("from Pune to Lonavla", "in
Ooty, Tamil Nadu"), "the A-B stretch" routes and "to the #hashtag" targets.
A role comes from the word before ("from" is from, "to" is to, "via" is via,
"in"/"at" is at) or from a start/end verb ("wrapped up in X" is to).  A place
that is only someone's hometown ("hails from X") is marked so the linker
leaves it out; a person ("a shout-out to Asha", except as a route's end), a
dateline ("CITY, May 3 (Agency)") and a possessor ("India's") are no places.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from fitpost import ext, resources
from fitpost.components.base import Component
from fitpost.components.people import named_token_set

_CAP = re.compile(r"^[A-Z][A-Za-z'’.]*[a-z]$|^[A-Z]{2,5}$")
# a dateline: a capitalised name at the start of a line, a comma, a month and a day ("PUNE, May 3").
# The spaces before the name are those of its own line (not \s, which would run on over every blank
# line below and make the search quadratic in a run of newlines).
_DATELINE = re.compile(r"^[^\S\n]*([A-Z][A-Za-z .]+),\s+"
                       r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b",
                       re.MULTILINE)
_NAME = r"[A-Z][a-z]+(?: [A-Z][a-z]+)?"
_ROUTE = r"(?:stretch|route|highway|expressway|road|leg|section|corridor|ride|run|trail)\b"
# "the Hubli-Dharwad stretch": two names joined by a dash before a route noun
_STRETCH = re.compile(rf"\b({_NAME})\s?[-–]\s?({_NAME})\s+{_ROUTE}")
_CONNECTORS = {"of", "de", "la", "del", "upon"}
# a hashtag right after "to" or "to the" ("rode to the #GatewayOfIndia"): a "#" with either before it
_TO_HASHTAG = re.compile(r"#(?<=\bto #)\w+|#(?<=\bto the #)\w+")


class PlaceFinder(Component):
    """Mark places with ``models/places.json``."""

    def load(self) -> None:
        data = resources.load_json(self.config["lexicon"])
        self.role_before = data["role_before"]
        self.start_verbs = set(data["start_verbs"])
        self.end_verbs = set(data["end_verbs"])
        self.hometown = {tuple(c.split()) for c in data["hometown_cues"]}
        self.hometown_lengths = sorted({len(c) for c in self.hometown})
        self.route_nouns = set(data["route_nouns"])
        self.not_places = set(data["not_places"])

    def _capitalised(self, tab: ext.Tokens, i: int) -> int:
        """End of a run of capitalised words starting at token i (i when none)."""
        words, lows, n = tab.text, tab.lower, tab.n
        j = i
        while j < n and j - i < 4:
            if _CAP.match(words[j]) and lows[j] not in self.not_places:
                j += 1
            elif lows[j] in _CONNECTORS and j > i and j + 1 < n and _CAP.match(words[j + 1]) \
                    and lows[j + 1] not in self.not_places:
                j += 1
            else:
                break
        return j

    def __call__(self, doc: Doc) -> Doc:
        text = ext.text(doc)
        tab = ext.tokens(doc)
        found = self._candidates(doc, tab, text)
        if not found:
            ext.add(doc, ext.PLACES, "fp_place", ())
            return doc
        people = named_token_set(doc)
        datelines = {m.start(1) for m in _DATELINE.finditer(text)}
        kept = self._outermost(tab, found, people, datelines)
        places = []
        for (s, e), role in zip(kept, self._roles(tab, kept)):
            name = text[tab.idx[s]:tab.char_end(s, e)].lstrip("#").strip(" ,.")
            places.append((s, e, "PLACE", ext.PlaceInfo(name=name, role=role, hometown=self._is_hometown(tab, s))))
        ext.add(doc, ext.PLACES, "fp_place", places)
        return doc

    def _candidates(self, doc: Doc, tab: ext.Tokens, text: str) -> dict[tuple[int, int], str]:
        """Token spans that may be places, each with how it was found: a model entity ("ent"), capitalised
        words after a place preposition ("prep"), a name of an A-B route ("route") or "to #tag" ("hashtag");
        the first way found is kept, except that a route wins."""
        found: dict[tuple[int, int], str] = {}
        if ext.has_annotation(doc, "ENT_IOB"):
            found.update(dict.fromkeys(self._entities(doc, tab), "ent"))
        for bounds in self._after_prepositions(tab):
            found.setdefault(bounds, "prep")
        for m in _STRETCH.finditer(text):
            for g in (1, 2):
                if (bounds := tab.expand(m.start(g), m.end(g), len(text))) is not None:
                    found[bounds] = "route"
        for m in _TO_HASHTAG.finditer(text):
            if (bounds := tab.expand(m.start(), m.end(), len(text))) is not None:
                found.setdefault(bounds, "hashtag")
        return found

    def _entities(self, doc: Doc, tab: ext.Tokens) -> list[tuple[int, int]]:
        """The model's place entities, without a leading "the"."""
        out = []
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC", "FAC") and tab.lower[ent.start] not in self.not_places:
                s, e = ent.start, ent.end
                if tab.lower[s] == "the":
                    s += 1
                if s < e:
                    out.append((s, e))
        return out

    def _after_prepositions(self, tab: ext.Tokens) -> list[tuple[int, int]]:
        """Runs of capitalised words after a place preposition ("from Pune", "in the Nilgiris")."""
        out = []
        for k, low in enumerate(tab.lower):
            if low in self.role_before and k + 1 < tab.n:
                i = k + 1
                if tab.lower[i] == "the" and i + 1 < tab.n:
                    i += 1
                j = self._capitalised(tab, i)
                if j > i:
                    out.append((i, j))
        return out

    @staticmethod
    def _outermost(tab: ext.Tokens, found: dict[tuple[int, int], str], people: set[int],
                   datelines: set[int]) -> list[tuple[int, int]]:
        """The found spans in text order, nested duplicates dropped (the longer kept), and no
        person, dateline or possessor ("India's independence")."""
        spans = sorted(found, key=lambda se: (se[0], -(se[1] - se[0])))
        kept: list[tuple[int, int]] = []
        for s, e in spans:
            if kept and s < kept[-1][1]:
                continue
            if (not people.isdisjoint(range(s, e)) and found[(s, e)] != "route") or tab.idx[s] in datelines:
                continue
            if e < tab.n and tab.lower[e] in ("'s", "’s"):
                continue  # "India's independence": a possessor, not where it happened
            kept.append((s, e))
        return kept

    def _roles(self, tab: ext.Tokens, spans: list[tuple[int, int]]) -> list[str]:
        lows, words, n_tokens = tab.lower, tab.text, tab.n
        roles: list[str] = []
        for n, (s, e) in enumerate(spans):
            j = s - 1
            if j >= 0 and lows[j] == "the":
                j -= 1
            prev = lows[j] if j >= 0 else ""
            role = self.role_before.get(prev, "at")
            before = set(lows[max(0, j - 3):max(0, j)])
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
            if e + 1 < n_tokens and words[e] in ("-", "–", "to") and n + 1 < len(spans) \
                    and spans[n + 1][0] == e + 1 and spans[n + 1][1] < n_tokens \
                    and lows[spans[n + 1][1]] in self.route_nouns:
                role = "from"
            if s >= 2 and words[s - 1] in ("-", "–") and n > 0 and spans[n - 1][1] == s - 1 \
                    and e < n_tokens and lows[e] in self.route_nouns:
                role = "to"
            roles.append(role)
        return roles

    def _is_hometown(self, tab: ext.Tokens, s: int) -> bool:
        """Whether a hometown cue ("hails from", "native of") ends at most two words before token ``s``
        and starts at most five before it."""
        first = max(0, s - 5)
        return any(tuple(tab.lower[end - n:end]) in self.hometown
                   for end in range(max(0, s - 2), s + 1) for n in self.hometown_lengths if end - n >= first)


@Language.factory(
    "fitpost_places",
    default_config={"lexicon": "places.json"},
    assigns=["doc.spans", "span._.fp_place"],
    requires=["span._.fp_person"],  # a person's name is not a place
)
def make_places(nlp: Language, name: str, lexicon: str) -> PlaceFinder:
    return PlaceFinder(nlp, name, lexicon=lexicon)
