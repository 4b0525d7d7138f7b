"""fitpost_places: places and their roles (at, from, to, via).

Places come from the model's GPE/LOC/FAC entities and, on any base, from
capitalised words after a place preposition ("from Pune to Lonavla", "in
Ooty, Tamil Nadu"), names made with a place word ("Marina Beach", "the Hollins
River", "Mt. Elbert", "Tamil Nadu"), "the A-B stretch" routes, route lines and
titles ("Day 3 Keswick to Grasmere 21 miles", "Day 2: Ambleside / Grasmere") and "to
the #hashtag" targets.  A role comes from the word before ("from" is from,
"to" is to, "via" is via, "in"/"at" is at) or from a start/end verb ("wrapped
up in X" is to); a place that opens an event's name ("until the Vienna
Marathon") is where the event was (at).  A place that is only someone's
hometown ("hails from X", "a couple from X") is marked so the linker leaves it
out; a person ("a shout-out to Asha", except as a route's end or a name made
with a place word), a dateline ("CITY, May 3 (Agency)"), a possessor
("India's") and a team ("Team Norway") are no places.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from fitpost import ext, resources
from fitpost.components.base import Component
from fitpost.components.people import named_token_set
from fitpost.components.people.finding import CLIMB_WORDS

PHRASE_WORDS = 4  # "from the old market cross in Tarnby": the words between a route's "from" and "in", at most
BACK_AGAIN = ["and", "back"]  # "Tarnby to Larkspur and back": a route's line goes on with the way back
OPENING_VERB_LETTERS = 5  # a word opening a sentence with "-ed" is a verb from this length ("Visited"; not "Red")
_CAP = re.compile(r"^[A-Z][A-Za-z'’.]*[a-z]$|^[A-Z]{2,5}$")
_NAME_WORD = re.compile(r"^(?:o['’])?(?:[A-Z][A-Za-z'’.]*[a-z]|[A-Z]{2,5})$")  # a _CAP word, "o'Shields" too
_MOUNT_ABBREVIATIONS = frozenset(("mt", "mt."))  # "mt. olympus": a mountain, though written in lower case
_YEAR = re.compile(r"^(19|20)[0-9]{2}$")
# a dateline: a capitalised name at the start of a line, a comma, a month and a day ("PUNE, May 3").
# The spaces before the name are those of its own line (not \s, which would run on over every blank
# line below and make the search quadratic in a run of newlines).
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
_DATELINE = re.compile(r"^[^\S\n]*([A-Z][A-Za-z .]+),\s+" + _MONTH + r"[a-z]*\.?\s+\d{1,2}\b", re.MULTILINE)
_COMMA_MONTH = re.compile(r",\s+" + _MONTH)  # in every dateline: a text without one has none
_NAME = r"[A-Z][a-z]+(?: [A-Z][a-z]+)?"
_ROUTE = r"(?:stretch|route|highway|expressway|road|leg|section|corridor|ride|run|trail)\b"
# "the Hubli-Dharwad stretch": two names joined by a dash before a route noun
_STRETCH = re.compile(rf"\b({_NAME})\s?[-–]\s?({_NAME})\s+{_ROUTE}")
_DASH_NAME = re.compile(r"[-–]\s?[A-Z]")  # a dash before a name: where a stretch's second name starts
# a stage title on a line of its own: "A / B", after "Day 2:" or the like ("Day 1: Ambleside / Grasmere");
# a name is capitalised words, joined by spaces or dashes, with lowercase connectors ("Stratford upon Avon")
_TITLE_NAME = r"[A-Z][\w'’.]*(?:[ -](?:[A-Z][\w'’.]*|de|del|la|le|du|sur|upon|on|of))*"
_SLASH_TITLE = re.compile(rf"^[^\S\n]*(?:(?:Day|Stage|Leg)\s+\d+\s*[:.–-]\s*)?"
                          rf"({_TITLE_NAME})[^\S\n]+/[^\S\n]+({_TITLE_NAME})[^\S\n]*$", re.MULTILINE)
_CONNECTORS = {"of", "de", "la", "del", "upon"}
# a hashtag right after "to" or "to the" ("rode to the #GatewayOfIndia"): a "#" with either before it
_TO_HASHTAG = re.compile(r"#(?<=\bto #)\w+|#(?<=\bto the #)\w+")
_POSSESSIVE = ("'s", "’s")
LATER = "later"  # "arrived two days later in Tarnby": a verb of ending reaches past the amount before it
_APOSTROPHES = ("'", "’")
_DASHES = ("-", "–")
_RACE_BY_K = re.compile(r"\d{1,3}(?:\.\d)?k")  # a race named by its length in km: "Tarnside 10K"
# words before "to" that make the name after it someone thanked or praised, no destination ("thanks to Tamsin")
_THANKING = frozenset(("thanks", "thank", "thankyou", "grateful", "credit", "kudos", "congrats", "congratulations",
                       "props", "cheers"))


def _thanked(tab: ext.Tokens, to: int) -> bool:
    """Whether the "to" at token ``to`` follows a word of thanks or praise, or one and "you" ("thanks to",
    "kudos to", "thank you to", "shout out to"): the name after it is a person's."""
    lows = tab.lower
    return to > 0 and (lows[to - 1] in _THANKING or to > 1 and lows[to - 2:to] in (["shout", "out"], ["thank", "you"]))


def _before_race_length(tab: ext.Tokens, s: int, e: int) -> int:
    """Where the name at ``s:e`` ends without the race length in km that ends it, in one token or two ("Tarnside
    10K", "Tarnside 10 K": the place is Tarnside); ``e`` where none does."""
    for k in (e - 1, e - 2):
        if k > s and _RACE_BY_K.fullmatch("".join(tab.lower[k:e])):
            return k
    return e


def _shortened_names(doc: Doc) -> set[str]:
    """The full names of the people the Doc also calls by a shorter name ("Pike" for "Aaron Pike"): such a
    name is a person's, though it ends in a place word."""
    return {p.info.name for p in ext.mentions(doc, ext.PEOPLE, "fp_person")
            if p.info.name and not p.info.pronoun and p.end_char - p.start_char < len(p.info.name)}


class PlaceFinder(Component):
    """Mark places with ``models/places.json``."""

    def load(self) -> None:
        data = resources.load_json(self.config["lexicon"])
        self.role_before = data["role_before"]
        self.start_verbs = set(data["start_verbs"])
        self.end_verbs = set(data["end_verbs"])
        self.ends_after_start = set(data["ends_after_start"]["words"])
        self.hometown = {tuple(c.split()) for c in data["hometown_cues"]}
        self.hometown_firsts = frozenset(cue[0] for cue in self.hometown)  # a text without these has no cue
        # a cue's last word -> the lengths of the cues ending in it: a cue is looked for where its last word is
        self.hometown_lengths: dict[str, list[int]] = {}
        for cue in self.hometown:
            self.hometown_lengths[cue[-1]] = sorted({*self.hometown_lengths.get(cue[-1], ()), len(cue)})
        # a word for people, a relation among them ("a grandmother from Larkspur", "my sister from Leeds")
        people = resources.load_json("people.json")
        relations = people["relations"]
        # "the Hindu temple", "the Scottish border village": a word of a faith or a nationality qualifying a noun
        self.qualifiers = frozenset(data["faiths"]["words"]) | frozenset(people["nationalities"])
        self.origin_words = set(data["origin_words"]) | {r for r in relations if " " not in r}
        self.route_nouns = set(data["route_nouns"])
        self.place_parts = frozenset(data["place_parts"])
        self.slope_grades = frozenset(data["slope_grades"]["words"])
        self.sources_before_to = frozenset(data["sources_before_to"]["words"])
        self.summit_verbs = frozenset(data["summit_verbs"]["verbs"])
        self.between_after = frozenset(data["route_between"]["after"])
        self.not_between_after = frozenset(data["route_between"]["not_after"])
        self.not_places = set(data["not_places"])
        self.place_heads = set(data["place_heads"])
        self.place_prefixes = set(data["place_prefixes"])
        self.lowercase_prefixes = frozenset(data["lowercase_prefixes"]["words"])
        self.compass_words = frozenset(data["compass_words"]["words"])
        self.not_opening_verbs = frozenset(data["opening_verbs"]["not"])
        self.not_in_names = set(data["not_in_names"])
        self.organisation_words = frozenset(data["organisation_words"])
        self.event_heads = set(data["event_heads"])
        self.city_event_heads = set(data["city_event_heads"])
        self.event_inner = set(data["event_inner"])
        self.city_prefixes = set(data["city_prefixes"])
        self.opening_adjectives = frozenset(data["opening_adjectives"]["words"])
        self.brands = set(data["brands"])
        # the words a name made with a place word, or a place in a race's name, is read from
        self.place_words = self.place_heads | self.place_prefixes
        self.race_place_words = self.city_event_heads | self.brands
        acts = resources.load_json("activities.json")["activities"]
        self.verbs = {v for entry in acts.values() for v in entry.get("verbs", [])}
        # each kind of word a rule is keyed on -> its words; a Doc's tokens are looked up by them in one pass
        # (``_cue_tokens``): "role" (a place preposition), "event_head", "place_word", "race_place" (a city
        # race's head or a brand), "summit" (a verb of climbing a hill), "hometown" (a hometown cue's first word)
        # and "part" (a part of a place before "of")
        self.cues = {"role": frozenset(self.role_before), "event_head": frozenset(self.event_heads),
                     "place_word": frozenset(self.place_words), "race_place": frozenset(self.race_place_words),
                     "summit": self.summit_verbs, "hometown": self.hometown_firsts, "part": self.place_parts}
        self.cue_kinds = ext.word_kinds(self.cues)  # each word of ``cues`` -> the kinds it is a cue of

    def _cue_tokens(self, tab: ext.Tokens) -> dict[str, list[int]]:
        """The tokens of each kind of cue word (``cues``), in order: the words of all kinds are looked up together."""
        found = tab.where_kinds(self.cue_kinds)
        return {kind: found.get(kind, []) for kind in self.cues}

    def _capitalised(self, tab: ext.Tokens, i: int) -> int:
        """End of a run of capitalised words starting at token i (i when none); words joined by dashes
        with no space are one ("Stratford-upon-Avon"), and "o'" joins too ("Bay o'Shields", "Brig o' Larkspur")."""
        words, lows, n = tab.text, tab.lower, tab.n
        j = i
        count = 0  # the words read, up to four; a dash and the word after it count as none
        while j < n and count < 4:
            if _NAME_WORD.match(words[j]) and lows[j] not in self.not_places:
                j += 1
            elif lows[j] in _CONNECTORS and j > i and j + 1 < n and _CAP.match(words[j + 1]) \
                    and lows[j + 1] not in self.not_places:
                j += 1
            elif lows[j] == "of" and j > i and j + 2 < n and lows[j + 1] == "the" and _CAP.match(words[j + 2]) \
                    and lows[j + 2] not in self.not_places:
                j += 2  # "the Tower of the Winds", "the Isle of the Dead"
            elif lows[j] in _POSSESSIVE and j > i and j + 1 < n and _CAP.match(words[j + 1]) \
                    and lows[j + 1] not in self.not_places:
                j += 1  # "Robin Hood's Bay", "Benton's Landing"
            elif lows[j] == "o" and j > i and j + 2 < n and words[j + 1] in _APOSTROPHES and _CAP.match(words[j + 2]) \
                    and tab.end[j] == tab.idx[j + 1]:
                j += 2  # "Brig o' Larkspur", written with a space after the apostrophe
            elif words[j] in _DASHES and j > i and j + 1 < n and tab.end[j - 1] == tab.idx[j] \
                    and tab.end[j] == tab.idx[j + 1] and (_NAME_WORD.match(words[j + 1]) or lows[j + 1] in _CONNECTORS):
                j += 2
                continue
            else:
                break
            count += 1
        if j == i + 1 and lows[i] in self.city_prefixes:
            return i  # a city's first word alone ("New" of "New Year's Day", cut at "Year") names no place
        return j

    def __call__(self, doc: Doc) -> Doc:
        text = ext.text(doc)
        tab = ext.tokens(doc)
        cues = self._cue_tokens(tab)
        found, forced = self._candidates(doc, tab, text, cues)
        if not found:
            ext.add(doc, ext.PLACES, "fp_place", ())
            return doc
        people = named_token_set(doc)
        datelines = {m.start(1) for m in _DATELINE.finditer(text)} if _COMMA_MONTH.search(text) else set()
        kept = self._outermost(tab, found, people, datelines)
        done = ext.past_activity_verbs(doc)
        activity_words = {k for m in ext.mentions(doc, ext.ACTIVITIES, "fp_activity") for k in range(m.start, m.end)}
        shortened = _shortened_names(doc) if people else set()
        places = []
        cued = bool(cues["hometown"])  # whether any hometown cue may be in the text
        for (s, e), role in zip(kept, self._roles(tab, kept)):
            if s in done or self._opening_verb(tab, s, e):
                s += 1  # "Paddled Brackenfold Lake this morning": the verb opening the sentence is no part of it
                if s == e:
                    continue
            if e - s == 1 and tab.lower[s] in self.slope_grades:
                continue  # a ski run's grade ("on Green terrain")
            to = s - 2 if s >= 2 and tab.lower[s - 1] == "the" else s - 1
            if to >= 1 and tab.lower[to] == "to" and tab.lower[to - 1] in self.sources_before_to:
                continue  # "according to the Tarnby Gazette": a source, no place
            if activity_words.issuperset(range(s, e)):
                continue  # an activity's name ("going to Pilates", "at Crossfit"), no place
            name = text[tab.idx[s]:tab.char_end(s, e)].lstrip("#").strip(" ,.")
            if name in shortened:
                continue  # "Aaron Pike ... Pike, 41, set off": a person the text also calls by a short name
            role = forced.get((s, e), role)
            hometown = cued and self._is_hometown(tab, s) or self._is_origin(tab, s, people) or self._based(tab, e) \
                or _subject_origin(tab, s, e) or _aside_origin(tab, s, e, people)
            if places and places[-1][1] == s - 1 and tab.lower[s - 1] == "," and places[-1][3].hometown:
                hometown = True  # "Rhodri Vance, from Tarnby, Larkspurshire,": the rest of where he is from
            places.append((s, e, "PLACE", ext.PlaceInfo(name=name, role=role, hometown=hometown)))
        ext.add(doc, ext.PLACES, "fp_place", places)
        return doc

    def _opening_verb(self, tab: ext.Tokens, s: int, e: int) -> bool:
        """Whether the first word of the name at tokens ``s`` to ``e`` is a verb opening its sentence (of
        ``opening_verbs``): "-ed", five letters or more, not one of its ``not`` words, and more than a place
        word after it ("Explored Tarnby Woods today", but "Alfred Park")."""
        low = tab.lower[s]
        return s == tab.sent_lo[s] and e - s > 1 and len(low) >= OPENING_VERB_LETTERS and low.endswith("ed") \
            and low not in self.not_opening_verbs and not all(tab.lower[k] in self.place_words for k in range(s + 1, e))

    def _candidates(self, doc: Doc, tab: ext.Tokens, text: str, cues: dict[str, list[int]]):
        """Token spans that may be places, each with how it was found: a model entity ("ent"), capitalised
        words after a place preposition ("prep"), a name made with a place word or the hill a verb of
        climbing names ("named"), a name of a route ("route") or "to #tag" ("hashtag"); the first way found
        is kept, except that a route or a name made with a place word wins.  Also the roles that a route
        gives its ends, by span.  (``cues``: the Doc's cue words, of :meth:`_cue_tokens`.)"""
        found: dict[tuple[int, int], str] = {}
        forced: dict[tuple[int, int], str] = {}
        if ext.has_annotation(doc, "ENT_IOB"):
            found.update(dict.fromkeys(self._entities(doc, tab, cues["event_head"]), "ent"))
        for bounds in self._after_prepositions(tab, cues):
            found.setdefault(bounds, "prep")
        # "from A to B": both ends of a route, where blank mode's people may take one for a person
        starts = {e: s for (s, e), how in found.items() if how == "prep" and s > 0 and tab.lower[s - 1] == "from"}
        for (s, e), how in list(found.items()):
            if how == "prep" and s > 1 and tab.lower[s - 1] == "to" and s - 1 in starts:
                found[(s, e)] = found[(starts[s - 1], s - 1)] = "route"
        for bounds in self._named(tab, cues["place_word"]):
            found[bounds] = "named"
        for bounds in self._event_places(tab, cues["race_place"]):
            found[bounds] = "named"
            forced[bounds] = "at"
        # where no other way found a place there ("summited Larkspur Peak of Mt X")
        for s, e in self._summits(tab, cues["summit"] + self._climbs(doc, tab)):
            if not any(s < e2 and s2 < e for s2, e2 in found):
                found[(s, e)] = "named"
                forced[(s, e)] = "at"
        # a stretch needs a dash before a name (the dash looked for first, in a plain search)
        dashed = any(dash in text for dash in _DASHES) and _DASH_NAME.search(text)
        stretches = _STRETCH.finditer(text) if dashed else ()
        for m in stretches:
            for g in (1, 2):
                if (bounds := tab.expand(m.start(g), m.end(g), len(text))) is not None:
                    found[bounds] = "route"
        # a name that holds a route's end is no place of its own ("in the Pune-Lonavla stretch"), and one
        # that overlaps a name made with a place word without holding it gives way to it ("at
        # Thornbury's Elmfield Race Course": the Elmfield Race Course)
        routes = [b for b, how in found.items() if how == "route"]
        named = [b for b, how in found.items() if how == "named"]
        for b in [b for b, how in found.items() if how not in ("route", "named")]:
            if any(b[0] <= s and e <= b[1] and (s, e) != b for s, e in routes) \
                    or any(s < b[1] and b[0] < e and not (b[0] <= s and e <= b[1]) for s, e in named):
                del found[b]
        titles = _SLASH_TITLE.finditer(text) if "/" in text else ()  # a stage title has a slash
        for m in titles:
            for g, role in ((1, "from"), (2, "to")):
                if (bounds := tab.expand(m.start(g), m.end(g), len(text))) is not None:
                    found[bounds] = "route"
                    forced[bounds] = role
        for start, end in [*self._route_lines(tab, found), *self._between(doc, tab, found)]:
            found[start] = found[end] = "route"
            forced[start], forced[end] = "from", "to"
        for m in _TO_HASHTAG.finditer(text):
            if (bounds := tab.expand(m.start(), m.end(), len(text))) is not None:
                found.setdefault(bounds, "hashtag")
        return found, forced

    def _summits(self, tab: ext.Tokens, verbs: list[int]) -> list[tuple[int, int]]:
        """Capitalised words right after a verb whose object is a hill or a mountain, or after it and "the"
        (``verbs``: the tokens of ``summit_verbs``: "Hiked Ben Larkspur", "Climbed Tryfan", "hiked the Larkspur
        Horseshoe")."""
        out = []
        for k in verbs:
            j = k + 2 if k + 2 < tab.n and tab.lower[k + 1] == "the" else k + 1
            if j < tab.n and _NAME_WORD.match(tab.text[j]):
                end = self._capitalised(tab, j)
                if end > j:
                    out.append((j, end))
        return out

    @staticmethod
    def _climbs(doc: Doc, tab: ext.Tokens) -> list[int]:
        """The tokens "up" and "down" right after an activity mention, whose object is the hill climbed ("a hike
        up Ben Ardan", "cycled up Alpe d'Huez"), as a verb of climbing's is."""
        return [m.end for m in ext.mentions(doc, ext.ACTIVITIES, "fp_activity")
                if m.end < tab.n and tab.lower[m.end] in CLIMB_WORDS]

    def _entities(self, doc: Doc, tab: ext.Tokens, event_heads: list[int]) -> list[tuple[int, int]]:
        """The model's place entities, without a leading "the" or point of the compass in lower case ("west
        Tarnby"), and without what trails the name's last
        word with letters (a mark: "Larkspur Lake:"; a dash and what follows it with no capital: "Brackenfold
        Lake - 750" of "Brackenfold Lake - 750m", "Tarnside Lake - only"; a preposition in lower case:
        "Tarnside Pass to"),
        and without a city race's head or a race's distance in km at its end ("Tarnside Marathon", "Tarnside 10K":
        Tarnside), but for an event's name
        taken for a place ("the Pedal Sportive": a capitalised event head in it) and one with no word of
        letters alone (a time taken for a place: "in 04:47:40"; a programme's
        week and run: "W9 R3").  (``event_heads``: the tokens of ``event_heads``.)"""
        out = []
        heads = self._event_heads(tab, event_heads)
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC", "FAC") and tab.lower[ent.start] not in self.not_places \
                    and any(tab.text[k].isalpha() for k in range(ent.start, ent.end)):
                s, e = ent.start, ent.end
                if tab.lower[s] == "the":
                    s += 1
                if tab.text[s] in self.compass_words and s + 1 < e:
                    s += 1  # "west Tarnby": the place named after the point of the compass in lower case
                while e - 1 > s and not any(ch.isalnum() for ch in tab.text[e - 1]):
                    e -= 1  # "Larkspur Lake:" of "at Larkspur Lake: 1.5 km": a mark after the name
                dash = next((k for k in range(s + 1, e) if tab.text[k] in _DASHES), None)
                if dash is not None and not any(tab.text[k][:1].isupper() for k in range(dash + 1, e)):
                    e = dash  # " - 750", " - only": a dash and what follows it with no capital
                while e - 1 > s and tab.lower[e - 1] in self.role_before and tab.text[e - 1].islower():
                    e -= 1  # "Tarnside Pass to" of "from Tarnside Pass to Larkspur": the preposition after it
                while e - 1 > s and tab.lower[e - 1] in self.city_event_heads:
                    e -= 1  # "Tarnside Marathon": the place is the city the race is named after
                e = _before_race_length(tab, s, e)  # "Tarnside 10K" too
                if s < e and heads.isdisjoint(range(s, e)):
                    out.append((s, e))
        return out

    @staticmethod
    def _prepositions(tab: ext.Tokens, cues: dict[str, list[int]]) -> list[int]:
        """The tokens of place prepositions, in order: the ``role_before`` words, and "of" right after a word of
        ``place_parts`` ("through the streets of Larkspur", "the summit of Brackenfold Pike")."""
        of = [k + 1 for k in cues["part"] if k + 1 < tab.n and tab.lower[k + 1] == "of"]
        return sorted(cues["role"] + of) if of else cues["role"]

    def _after_prepositions(self, tab: ext.Tokens, cues: dict[str, list[int]]) -> list[tuple[int, int]]:
        """Runs of capitalised words after a place preposition (:meth:`_prepositions`: "from Pune", "in the
        Nilgiris", "the streets of Larkspur"), but not
        those that open the name of an event other than a city's race ("in the Pedal Sportive series",
        but "at the Vienna Marathon"; a model's entity may): with an event head of :meth:`_event_heads` in
        it or right after it; nor the word a "to" repeats after no preposition ("our Coast to Coast walk":
        the name of a way, end to end); nor a word of a faith or a nationality alone between "the" and a common
        noun (``qualifiers``: "from the Hindu temple").  (``cues``: the Doc's cue words, of :meth:`_cue_tokens`.)"""
        out = []
        heads: set[int] | None = None  # the event heads, read when a name is read
        words, lows, n = tab.text, tab.lower, tab.n
        prepositions = self._prepositions(tab, cues)
        is_preposition = set(prepositions)
        for k in prepositions:
            if k + 1 == n:
                continue  # no word follows
            i = k + 1
            if lows[i] == "the" and i + 1 < n:
                i += 1
            if lows[i] in self.compass_words and words[i].islower() and i + 1 < n:
                i += 1  # "through north Larkspur", "in west Tarnby": the part of the place named after it
            if not _NAME_WORD.match(words[i]):
                continue  # most prepositions are followed by no name: the run is not read
            if lows[k] == "to" and _thanked(tab, k):
                continue  # "thanks to Tamsin": a person thanked
            if lows[k] == "to" and k > 1 and lows[k - 1] == lows[i] and k - 2 not in is_preposition:
                continue  # "our Coast to Coast walk": the name of a way, end to end (not "from Tarnby to Tarnby")
            j = self._capitalised(tab, i)
            if j == i + 1 and lows[i] in self.qualifiers and lows[i - 1] == "the" and j < n and words[j].islower():
                continue  # "from the Hindu temple": the temple's faith, no place
            if heads is None:
                heads = self._event_heads(tab, cues["event_head"])
            if j > i and heads.isdisjoint(range(i, min(j + 1, n))):
                # a name written with its article ("round the edge of The Meadows", "in The Hague") starts at it
                out.append((i - 1 if words[i - 1] == "The" and i - 1 > k else i, j))
        return out

    def _event_heads(self, tab: ext.Tokens, heads: list[int]) -> set[int]:
        """The tokens that make a name an event's: a capitalised event head (``heads``: the tokens of
        ``event_heads``), but for the head of a city's race ("in the Race for Life", "at the Pedal
        Sportive", but "at the Vienna Marathon")."""
        return {k for k in heads
                if tab.text[k][:1].isupper() and tab.lower[k] not in self.city_event_heads}

    def _named(self, tab: ext.Tokens, place_words: list[int]) -> list[tuple[int, int]]:
        """Names made with a place word: capitalised words before a capitalised place word ("Marina
        Beach", "Benton's Landing", "Cobble Point State Park") or after a prefix ("Mt. Elbert", "Loch
        Ness", "Lake Tahoe").  (``place_words``: the tokens of ``place_words``.)"""
        words, lows, n = tab.text, tab.lower, tab.n
        out = []
        for k in place_words:  # a place prefix or head
            if lows[k] in _MOUNT_ABBREVIATIONS:
                j = k + 2 if k + 1 < n and words[k + 1] == "." else k + 1  # "mt", "." and the name
                if j < n and words[j].isalpha() and words[j].islower() and lows[j] not in self.not_in_names:
                    out.append((k, j + 1))  # "tackled mt. kellan": an abbreviation is no verb, in a post in lower case
                    continue
            if not words[k][:1].isupper() and not (lows[k] in self.lowercase_prefixes and k + 1 < n
                                                    and _CAP.match(words[k + 1])):
                continue  # "Lake Tarn", or "the river Tarn" (``lowercase_prefixes``)
            # a word both prefix and head ("Lake") opens the name a capitalised word follows ("Paddled Lake
            # Tarnby"), but for an event's head ("the Oakhollow Lake Swim": the lake is Oakhollow Lake)
            prefixed = False
            if lows[k] in self.place_prefixes:
                j = k + 1
                # the name ends before an event's head and the event's inner words before it: "the Loch Ness
                # Marathon" was run at Loch Ness, "the Lake Venholt Night Run" at Lake Venholt
                while j < n and j - k <= 3 and _CAP.match(words[j]) and lows[j] not in self.not_in_names \
                        and (j == k + 1 or lows[j] not in self.event_heads):
                    j += 1
                if j < n and lows[j] in self.event_heads and _CAP.match(words[j]):
                    while j > k + 2 and lows[j - 1] in self.event_inner:
                        j -= 1
                if j > k + 1:
                    out.append((k, j))
                    prefixed = lows[k + 1] not in self.event_heads
            if lows[k] in self.place_heads and k > 0 and not prefixed:
                s = k
                while s > 0 and k - s < 4 and (_NAME_WORD.match(words[s - 1])
                                              or lows[s - 1] in _POSSESSIVE and s >= 2 and _CAP.match(words[s - 2])):
                    s -= 1
                # no name starts with a possessive ("at Thornbury's Elmfield Moss Race Course": four words back)
                # or a word that makes it generic ("the Car Park", but "Cobble Point State Park")
                while s < k and (lows[s] in _POSSESSIVE or lows[s] in self.not_in_names):
                    s += 1
                end = k + 1 + self._more_heads(tab, k + 1)
                if s < k and not (end < n and words[end][:1].isupper() and lows[end] in self.organisation_words):
                    out.append((s, end))  # "the Larkspur Park Police" is an organisation
        return out

    def _event_places(self, tab: ext.Tokens, race_words: list[int]) -> list[tuple[int, int]]:
        """The place in the name of a race named after it: the capitalised word before a city race's head
        and the inner words of its name ("the Vienna Marathon", "the Acme Vienna Half Marathon", "the
        Kelso parkrun"), with a city's first word ("the New Orleans Marathon"), and the capitalised words after a brand
        ("Ironman Lanzarote", "Ironman 70.3 Lanzarote"); not where the race is virtual or has no name.
        (``race_words``: the tokens of ``race_place_words``.)"""
        words, lows, n = tab.text, tab.lower, tab.n
        out = []
        for k in race_words:  # a city race's head or a brand
            if lows[k] in self.city_event_heads:
                j = k
                while j > 0 and lows[j - 1] in self.event_inner and words[j - 1][:1].isupper():
                    j -= 1
                if j > 0 and _CAP.match(words[j - 1]) and lows[j - 1] not in self.not_in_names \
                        and lows[j - 1] not in self.not_places and not self._opening_adjective(tab, j - 1) \
                        and self._real_race(tab, j - 1, k) \
                        and (words[k][:1].isupper() or lows[k] == "parkrun" or self._after_the(tab, j - 1)):
                    s = j - 1
                    if s > 0 and lows[s - 1] in self.city_prefixes and words[s - 1][:1].isupper():
                        s -= 1
                    out.append((s, j))
            elif lows[k] in self.brands and words[k][:1].isupper():
                j = k + 2 if k + 1 < n and self.vocab[words[k + 1]].like_num else k + 1
                e = j
                while e < n and e - j < 2 and _CAP.match(words[e]) and lows[e] not in self.not_places:
                    e += 1
                if e > j:
                    out.append((j, e))
        return out

    def _opening_adjective(self, tab: ext.Tokens, s: int) -> bool:
        """Whether the word at token ``s`` opens its sentence and is one of ``opening_adjectives``, capitalised
        for that alone: "Great parkrun this morning" names no place Great."""
        return s == tab.sent_lo[s] and tab.lower[s] in self.opening_adjectives

    @staticmethod
    def _after_the(tab: ext.Tokens, s: int) -> bool:
        """Whether the name at token ``s`` follows "the", with a year between or none: "the Boston
        marathon", "the 2003 Boston marathon" name their race with a head in lowercase."""
        lows = tab.lower
        k = s - 2 if s >= 2 and _YEAR.match(lows[s - 1]) else s - 1
        return k >= 0 and lows[k] == "the"

    @staticmethod
    def _real_race(tab: ext.Tokens, s: int, head: int) -> bool:
        """Whether the race named from token ``s`` to its head took place where it is named: not "a Seaside
        Marathon" (no name) nor a virtual one ("the Vienna Marathon virtual run")."""
        lows = tab.lower
        return (s == 0 or lows[s - 1] not in ("a", "an")) and "virtual" not in lows[max(0, s - 2):head + 3]

    def _more_heads(self, tab: ext.Tokens, j: int) -> int:
        """How many capitalised place words follow token ``j - 1`` ("Cobble Point State Park")."""
        k = j
        while k < tab.n and k - j < 2 and tab.lower[k] in self.place_heads and tab.text[k][:1].isupper():
            k += 1
        return k - j

    def _route_lines(self, tab: ext.Tokens, found: dict[tuple[int, int], str]):
        """The (start, end) spans of each route line or title: capitalised words right before "to" and a
        place, that open their line or follow a number, a colon or dash, or a verb of moving, where the
        place after "to" ends its line or clause or comes before a number, a date, a preposition or "and back"
        ("Day 3 Keswick to Grasmere 21 miles", "Trekking: Alston to Nenthead - Day 2", "Cycled Otley to Ilkley on
        Sunday", "Rode Tarnby to Larkspur and back"; not "Thanks to Kavya for pacing me", "According to Kavya,
        ...")."""
        words, lows = tab.text, tab.lower
        ends = {s: e for s, e in found}
        out = []
        for k in tab.where(("to",)):
            if k + 1 not in ends or k == 0 or lows[k - 1] in self.sources_before_to:
                continue  # "According to Tamsin, ...": a source, no route
            s = k
            while s > 0 and k - s < 4 and _NAME_WORD.match(words[s - 1]) and lows[s - 1] not in self.not_places \
                    and lows[s - 1] not in self.verbs:
                s -= 1
            if s == k or (s - 1, k) in found:
                continue
            if s >= 2 and words[s - 1] in _DASHES and tab.end[s - 2] == tab.idx[s - 1] == tab.end[s - 1] - 1 \
                    and tab.end[s - 1] == tab.idx[s]:
                continue  # the end of a dashed name ("Stratford-upon-Avon to ..."), not a line's start
            before = words[s - 1] if s > 0 else "\n"
            after = ends[k + 1]
            after = words[after] if after < tab.n else "\n"
            if (not before.strip() or before in (":", "-", "–", "|") or self.vocab[before].like_num
                    or lows[s - 1] in self.verbs) \
                    and (not after.strip() or after in (".", ",", "-", "–", "(", ":", "|")
                         or self.vocab[after].like_num or lows[ends[k + 1]] in self.not_places
                         or lows[ends[k + 1]] in self.role_before or lows[ends[k + 1]:ends[k + 1] + 2] == BACK_AGAIN):
                out.append(((s, k), (k + 1, ends[k + 1])))
        return out

    def _between(self, doc: Doc, tab: ext.Tokens,
                 found: dict[tuple[int, int], str]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        """The (start, end) spans of the two ends of each route told as "between A and B" right after an
        activity mention or a word of ``route_between`` ("cycled between Larkspur and Brackenfold", "a
        walking tour between the Larkspur Hills and Brackenfold"), but for a race between two sides.  Each
        end is a run of capitalised words or a name found already, "the" before it left out."""
        lows = tab.lower
        betweens = tab.where(("between",))
        if not betweens:
            return []
        activity_ends = {m.end for m in ext.mentions(doc, ext.ACTIVITIES, "fp_activity")}
        found_ends = {s: e for s, e in found}
        out = []
        for k in betweens:
            if k == 0 or lows[k - 1] in self.not_between_after \
                    or not (lows[k - 1] in self.between_after or k in activity_ends):
                continue
            first = self._name_at(tab, k + 1, found_ends)
            if first is None or first[1] >= tab.n or lows[first[1]] != "and":
                continue
            second = self._name_at(tab, first[1] + 1, found_ends)
            if second is not None:
                out.append((first, second))
        return out

    def _name_at(self, tab: ext.Tokens, i: int, found_ends: dict[int, int]) -> tuple[int, int] | None:
        """The name starting at token ``i`` (after "the"): a name found already, else a run of capitalised words."""
        if i + 1 < tab.n and tab.lower[i] == "the":
            i += 1
        if i >= tab.n:
            return None
        end = max(found_ends.get(i, i), self._capitalised(tab, i))
        return (i, end) if end > i else None

    @staticmethod
    def _outermost(tab: ext.Tokens, found: dict[tuple[int, int], str], people: set[int],
                   datelines: set[int]) -> list[tuple[int, int]]:
        """The found spans in text order, nested duplicates dropped (the longer kept), and no
        person (but a route's end or a name made with a place word), dateline or possessor ("India's
        independence")."""
        spans = sorted(found, key=lambda se: (se[0], -(se[1] - se[0])))
        kept: list[tuple[int, int]] = []
        for s, e in spans:
            if kept and s < kept[-1][1]:
                continue
            if (not people.isdisjoint(range(s, e)) and found[(s, e)] not in ("route", "named")) \
                    or tab.idx[s] in datelines:
                continue
            if e < tab.n and tab.lower[e] in _POSSESSIVE:
                continue  # "India's independence": a possessor, not where it happened
            kept.append((s, e))
        return kept

    def _roles(self, tab: ext.Tokens, spans: list[tuple[int, int]]) -> list[str]:
        lows, words, n_tokens = tab.lower, tab.text, tab.n
        roles: list[str] = []
        for n, (s, e) in enumerate(spans):
            j = s - 1
            if j >= 0 and lows[j] in self.compass_words and words[j].islower():
                j -= 1  # "from south Brackenfold": the word before the point of the compass
            if j >= 0 and lows[j] == "the":
                j -= 1
            prev = lows[j] if j >= 0 else ""
            role = self.role_before.get(prev, "at")
            if prev == "to" and j >= 1 and lows[j - 1] in TAKE_FORMS:
                role = "at"  # "took to Lake Tarnby": went into it, no route's end
            reach = j - 3
            if j >= 1 and lows[j - 1] == LATER:  # "finished 3,200 miles later in Tarnby": past the amount
                reach -= 3
            before = set(lows[max(0, reach):max(0, j)])
            if role == "at" and before & self.end_verbs:
                role = "to"
            elif role == "at" and before & self.ends_after_start and self._start_told(tab, spans[:n], roles, s):
                role = "to"
            elif role == "at" and prev != "in" and before & self.start_verbs:
                role = "from"
            elif role == "at" and prev in ("in", "at") and before & self.start_verbs and "from" not in before:
                role = "from"
            if role == "at" and prev in ("in", "at"):
                role = self._phrase_role(tab, j, spans[:n], roles, s) or role
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
            # "until the Vienna Marathon": the place of an event is where it was
            if e < n_tokens and lows[e] in self.event_heads and words[e][:1].isupper():
                role = "at"
            roles.append(role)
        return roles

    def _phrase_role(self, tab: ext.Tokens, j: int, before: list[tuple[int, int]], roles: list[str],
                     s: int) -> str | None:
        """The route role of the lower-case noun phrase that the "in" or "at" at token ``j`` ends, where a
        route's "from" (or a "to" after a start told in the sentence) opens it, at most PHRASE_WORDS words
        before: the place after it is where that phrase is ("set off from the old mill in Tarnby": from
        Tarnby; "from Larkspur to the village hall in Tarnby": to Tarnby).  None where no such word opens it.
        (``before``, ``roles``: the places before the one at ``s`` in the Doc, and their roles.)"""
        lows, words = tab.lower, tab.text
        lo = max(tab.sent_lo[j], j - PHRASE_WORDS - 1)
        for k in range(j - 1, lo - 1, -1):
            role = self.role_before.get(lows[k])
            if role == "from" or role == "to" and self._start_told(tab, before, roles, s):
                return role if k + 1 < j else None
            if role is not None or not words[k].islower() or not words[k].isalpha():
                return None
        return None

    @staticmethod
    def _start_told(tab: ext.Tokens, before: list[tuple[int, int]], roles: list[str], s: int) -> bool:
        """Whether a place of the spans ``before`` (with their ``roles``) in the sentence of token ``s``
        is a route's start ("from Tarnby ... and completed it at Larkspur")."""
        return any(role == "from" and start >= tab.sent_lo[s] for (start, _), role in zip(before, roles))

    def _is_hometown(self, tab: ext.Tokens, s: int) -> bool:
        """Whether a hometown cue ("hails from", "native of") ends at most two words before token ``s``
        and starts at most five before it."""
        lows, first = tab.lower, max(0, s - 5)
        return any(tuple(lows[end - n:end]) in self.hometown
                   for end in range(max(1, s - 2), s + 1) for n in self.hometown_lengths.get(lows[end - 1], ())
                   if end - n >= first)

    @staticmethod
    def _based(tab: ext.Tokens, e: int) -> bool:
        """Whether "based", "born" or "bred" follows the place ending at token ``e``, a hyphen between or
        none ("a Larkspur-based climber", "Tarnby-born Hale"): where someone lives, works or comes from,
        not where they went."""
        lows = tab.lower
        k = e + 1 if e < tab.n and lows[e] in ("-", "–") else e
        return k < tab.n and lows[k] in _HOME_PARTICIPLES

    def _is_origin(self, tab: ext.Tokens, s: int, people: set[int]) -> bool:
        """"a couple from Oslo", "Tomas Berg from Oslo", "two were from Oslo": "from" after a word for people,
        a person's name or a form of "be" tells where they come from, not where a route starts.  So does
        "from" after an age ("the 71-year-old from Oslo") or after a name and its age set off by commas, as
        news writes it ("Tomas Berg, 71, from Oslo", "Tomas Berg, from Oslo")."""
        lows = tab.lower
        k = s - 2 if s >= 2 and lows[s - 1] == "the" else s - 1
        if k < 1 or lows[k] != "from":
            return False
        j = _before_apposition(lows, k - 1)
        if not (lows[j] in self.origin_words or j in people or lows[j] == "old" and lows[j - 1:j] == ["-"]):
            return False
        if lows[j] == "am" and j >= 1 and lows[j - 1][:1].isdigit():
            return False  # "set off at 6.30 am from Tarnby": a time of day, no "I am from"
        # "the ride is from A in B to C" is a route; "a nurse from A plans to row" is no route's "to"
        return not any(lows[i] == "to" and i + 1 < tab.n and (tab.text[i + 1][:1].isupper() or lows[i + 1] == "the")
                       for i in range(s, min(tab.n, s + 6)))


# the words that may follow the subject of a clause: after "someone from X", they tell X is where the subject
# comes from ("an engineer from Kelton has cycled 3,800 km")
_AFTER_SUBJECT = frozenset(("has", "have", "had", "is", "are", "was", "were", "will", "would", "who"))


def _subject_origin(tab: ext.Tokens, s: int, e: int) -> bool:
    """Whether the place ``s:e`` follows "from" and ends the subject of its clause, an auxiliary or "who" right
    after it: where the subject comes from, not where a route starts ("a 24-year-old engineer from Kelton has
    cycled from A to B")."""
    lows = tab.lower
    k = s - 2 if s >= 2 and lows[s - 1] == "the" else s - 1
    return k >= 1 and lows[k] == "from" and e < tab.n and lows[e] in _AFTER_SUBJECT


_HOME_PARTICIPLES = frozenset(("based", "born", "bred"))  # "Tarnby-born": after a place, where someone is from
TAKE_FORMS = frozenset(("take", "takes", "took", "taking", "taken"))  # "took to the lake": went into it

ASIDE_REACH = 9  # how many tokens an aside about a person ("a 30-year-old GP from Larkspur") may have before "from"


def _aside_origin(tab: ext.Tokens, s: int, e: int, people: set[int]) -> bool:
    """Whether the place ``s:e`` ends, after "from", an aside set off by commas after a person's name that
    opens with an article ("Dr Jonas Berg, a GP from Larkspur, swam ..."): where the person comes from."""
    lows = tab.lower
    k = s - 2 if s >= 2 and lows[s - 1] == "the" else s - 1
    if k < 3 or lows[k] != "from" or e >= tab.n or lows[e] != ",":
        return False
    for j in range(k - 1, max(0, k - ASIDE_REACH) - 1, -1):
        if lows[j] == ",":
            return j + 1 < k and lows[j + 1] in ("a", "an", "the") and j - 1 in people
    return False


def _before_apposition(lows: list[str], j: int) -> int:
    """The token a phrase set off by commas after token ``j`` goes with: past a comma and an age
    before it ("Tomas Berg, 71, from Oslo": the name's last word), else ``j``."""
    if j >= 1 and lows[j] == ",":
        k = j - 1
        if k >= 1 and lows[k].isdigit() and lows[k - 1] == ",":
            k -= 2  # ", 71 ,"
        return k
    return j


@Language.factory(
    "fitpost_places",
    default_config={"lexicon": "places.json"},
    assigns=["doc.spans", "span._.fp_place"],
    requires=["span._.fp_person", "span._.fp_activity"],  # a person's name is not a place, nor a verb opening it
)
def make_places(nlp: Language, name: str, lexicon: str) -> PlaceFinder:
    return PlaceFinder(nlp, name, lexicon=lexicon)
