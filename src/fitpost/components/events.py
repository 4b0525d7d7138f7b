"""fitpost_events: named events ("Lakeside Half Marathon", "the Unity Ride") and event hashtags.

A name starts with a capitalised word that is not a person, a stop word, a
weekday, a month or a unit ("Sunday's Vienna Marathon" is the Vienna
Marathon), may hold a few lowercase modifiers ("the Harbour midnight half
marathon") and distances ("the Millbrook 25K Trail Race", "the Lakeside
50-Mile Trail Race"), ends in an event head (marathon, run, ride, triathlon,
cyclothon ...) or a distance ("the Hilltop 10K") and may take a tail ("...
virtual run").  A name must hold a word that names it: a default title
("Morning Run", "Lunch Swim") or a season and a head ("Summer open") is no
event, and a name that opens its sentence needs two capitalised words ("Vienna
Marathon" but not "Easy 8 km" or "New marathon best"), since the capital of
the first word there says nothing.  A head followed by a word of a place or a
group ("the Elmfield Race Course", "the Ridge Hike group") makes no event.
A capitalised head before "for" and a capitalised name is one too ("the Run
for Kindness 10k"), and so is a brand alone ("parkrun", "Ironman 70.3").

A hashtag that ends in a head with an activity, after three or more
characters ("#CityCleanRun", "#lakesidemarathon"), is an event too, unless
those characters only say when or how ("#sundayride", "#longrun").  Lines
written in Title Case (headlines) are skipped: every word is capitalised
there, so capitals say nothing; in such a line a dash, a bar or a colon
parts, a part too short to be a headline by itself keeps its capitals
("Larkspur Marathon 2026 - Race Report" names the race).
"""
from __future__ import annotations

import re
from collections.abc import Collection
from itertools import chain, filterfalse

from spacy.language import Language
from spacy.tokens import Doc

from fitpost import ext, resources, schema
from fitpost.components.base import Component
from fitpost.components.people import named_token_set

_HASHTAG = re.compile(r"#([A-Za-z][A-Za-z0-9_]{2,})")
_WORD = re.compile(r"[A-Za-z]+")  # a word, for the Title Case test: a run of ASCII letters
_LOWER_WORD = re.compile(r"(?<![A-Za-z])[a-z][A-Za-z]*")  # such a word in lower case (its first letter)
_DISTANCE = re.compile(r"^\d+(?:\.\d+)?(?:k|km|mi)$", re.IGNORECASE)  # a distance in one token: "10k", "50K"
# a digit right before a unit's first letter, as every such distance has it: a text without one holds none
# (in any case: the characters whose lower case is "k", "m" or "i" are the ones these match ignoring case)
_DIGIT_UNIT = re.compile(r"\d(?:k|mi)", re.IGNORECASE)
_K = re.compile(r"^\d+(?:\.\d+)?k$", re.IGNORECASE)  # a distance in K, which may end a name: "10k", "50K"
_POSSESSIVE = ("'s", "’s")
# the words that join a name to a head that opens it: "the Race for Kindness", "the Race Across Larkspur",
# "the Tour of the Fells", "the Tour de Larkspur"
_HEAD_LINKS = ("for", "across", "of", "around", "to", "through", "de", "du")
_NUMBER_OPENERS = ("the", *_POSSESSIVE)  # the words after which a number may open a name: "the 12 Lakes Challenge"
_NOT_TITLE = (*_POSSESSIVE, "&", "of")  # lowercase words that may stand between the capitals of a name
# the units a distance that ends a name may end in: a K ("the Hilltop 10 K") or "miler", a race named
# for its distance ("the Harbour 10-Miler"); other units stand only inside a name
_NAME_END_UNITS = ("k", "miler")
GENERAL_ACTIVITIES = ("workout", "other")  # activities whose words name no one sport
_BEING = frozenset(("is", "was", "were", "are", "has", "had", "took", "takes"))  # verbs that may follow a race's name


# the lower-case words a title in Title Case still has: articles, conjunctions and prepositions
_TITLE_SMALL = frozenset(("a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in",
                          "of", "off", "on", "per", "to", "up", "via", "with", "from", "into", "onto", "over", "upon",
                          "than", "vs"))


# the parts of a title line between the marks that part it: " - ", " – ", " | ", ": " (not the colon of a
# time, "1:40:20", nor a hyphen inside a word)
_TITLE_PARTS = re.compile(r"(?:(?!\s[-–—|]\s|:\s).)+")
# the words that end a report's title: what comes before them is the race's name ("Larkspur Half Marathon
# Race Report")
_REPORT_WORDS = ("report", "recap", "review")
# after these a brand may modify the word after it ("an Ironman shirt", "my parkrun tee")
_BRAND_MODIFIED_AFTER = frozenset({"a", "an", "my", "his", "her", "our", "their", "your"})
_REPORT_TAIL = re.compile(r"\s(?:race\s)?(?:" + "|".join(_REPORT_WORDS) + r")\s*$", re.IGNORECASE)
# the same words opening a title, a dash, a bar or a colon after them: what follows is the race's name
# ("Race Report - Larkspur Half Marathon")
_REPORT_HEAD = re.compile(r"^\s*(?:race\s)?(?:" + "|".join(_REPORT_WORDS) + r")\s*[-–—|:]\s", re.IGNORECASE)


RACE_TITLE_WORDS = 4  # a Title Case line of at most this many words, ending in an event's head, is a race's name


def _race_title(line: str, heads: Collection[str]) -> bool:
    """Whether ``line`` is a race's name alone: at most RACE_TITLE_WORDS words, the last an event's head
    ("Brackenfold Half Marathon", "Larkspur Fell Race"; not "Grandmother Swims Across the Lake")."""
    words = line.split()
    return 0 < len(words) <= RACE_TITLE_WORDS and words[-1].lower() in heads


def _title_case(line: str) -> bool:
    """Three or more words in ``line``, over 70% of them capitalised, and none in lower case but the small
    words Title Case leaves so (``_TITLE_SMALL``): "Grandmother Swims Across the Lake", not "Race report:
    Larkspur Valley 50K", whose capitals are a name's."""
    # a word in lower case that is no small word says no: in prose one comes within the first words,
    # so it is looked for first, word by word
    if any(m.group().lower() not in _TITLE_SMALL for m in _LOWER_WORD.finditer(line)):
        return False
    words = _WORD.findall(line)
    if len(words) < 3:
        return False
    lower = _LOWER_WORD.findall(line)
    return (len(words) - len(lower)) / len(words) > 0.7


class EventFinder(Component):
    """Mark named events with ``models/events.json``."""

    def load(self) -> None:
        lexicon = self.config["lexicon"]
        data = resources.load_json(lexicon)
        self.heads = data["heads"]
        self.brands = data["brands"]
        self.brand_after_article = frozenset(data["brand_after_article"])
        schema.check_activity_types([a for a in (*self.heads.values(), *self.brands.values()) if a], lexicon)
        self.inner = set(data["inner"])
        self.tails = [t.split() for t in data["tails"]]
        self.not_start = set(data["not_start"])
        self.units = set(data["units"])
        self.plain = set(data["plain_words"])
        self.not_after = set(data["not_after"])
        self.opening_verbs = set(data["opening_verbs"])
        self.race_numbers = frozenset(data["race_numbers_mi"])
        self.report_words = frozenset(data["report_words"])
        self.verb_cues = set(data["verb_cues"])
        self.session_tags = frozenset(data["session_tags"]["words"])
        self.one_word_heads = {h: a for h, a in self.heads.items() if " " not in h}
        # the words a name may end in: a head, or the K or "miler" of a distance ("the Hilltop 10 K"); a distance in
        # other units stands only inside a name ("the Lakeside 50-Mile Trail Race"), as "to Grasmere 21 miles"
        # is no name
        self.head_words = frozenset(self.one_word_heads) | frozenset(_NAME_END_UNITS)
        # capitalised words that do not name an event by themselves ("Morning Run", "Summer open"):
        # heads (but for brands), inner words and the words of default titles
        self.unnamed = (set(self.one_word_heads) | self.inner | self.plain) - set(self.brands)
        data_acts = resources.load_json("activities.json")
        acts = data_acts["activities"]
        self.verbs = {v for entry in acts.values() for v in entry.get("verbs", [])}
        # the words that tell of running or finishing a race, which a name ending in a bare number needs in its
        # sentence ("finished the Larkspur 100")
        running = acts["running"]
        self.race_cues = frozenset(self.opening_verbs) | {w for w in (*running["verbs"], *running["nouns"])
                                                          if " " not in w}
        # the words a named event never starts with, capitalised or not: stop words, weekdays, months, units, verbs
        self.never_start = frozenset(self.not_start | self.verbs)
        # the months, whole: after a number one is a day's date, no head ("WOD 14 March" is no march)
        self.months = frozenset(resources.load_json("dates.json")["sets"]["MONTH_FULL"])
        # one-word verbs, nouns and exercises of a specific activity, which name it inside a name with a head
        # that does not ("the Hillcrest Cycle Challenge", "the Larkspur Rowing Championships", "the 30 Day
        # Squat Challenge")
        self.activity_words: dict[str, str] = {}
        words = [(activity, w) for activity, entry in acts.items() if activity not in GENERAL_ACTIVITIES
                 for w in (*entry.get("verbs", []), *entry.get("nouns", []))]
        words += [(entry["activity"], w) for entry in data_acts["exercises"].values() for w in entry["forms"]]
        for activity, w in words:
            if " " not in w:
                self.activity_words.setdefault(w, activity)
        self.tag_heads = {h: a for h, a in self.one_word_heads.items() if a}
        self.tag_endings = tuple(self.tag_heads)  # for str.endswith: most hashtags end in no head
        # the kinds of words the rules of ``_named`` are keyed on, each word -> its kinds: a Doc's words are
        # looked up for all of them in one pass (Tokens.where_kinds)
        self.named_kinds = ext.word_kinds({"race_number": self.race_numbers, "head": self.head_words,
                                           "tag_head": self.tag_heads, "brand": self.brands})

    def _tag_head(self, low: str) -> str | None:
        """The longest head with an activity that ends a lower-case hashtag and leaves three letters before it:
        the first of its endings from the fourth letter on that is one."""
        if not low.endswith(self.tag_endings):
            return None
        return next((low[k:] for k in range(3, len(low)) if low[k:] in self.tag_heads), None)

    def __call__(self, doc: Doc) -> Doc:
        text = ext.text(doc)
        tab = ext.tokens(doc)
        found: list[tuple[int, int, str, ext.EventInfo]] = []
        taken: set[int] = set()
        for s, e, activity in self._named(doc, tab, text):
            found.append((s, e, "EVENT", ext.EventInfo(name=text[tab.idx[s]:tab.char_end(s, e)], activity=activity)))
            taken.update(range(s, e))
        for m in _HASHTAG.finditer(text):
            tag = m.group(1)
            low = tag.lower()
            head = self._tag_head(low)
            if head is None or low[:-len(head)] in self.session_tags:
                continue  # "#sundayride", "#morningrun": a kind of session, no event
            bounds = tab.expand(m.start(), m.end(), len(text))
            if bounds is None or any(k in taken for k in range(*bounds)):
                continue
            found.append((*bounds, "EVENT", ext.EventInfo(name=tag, activity=self.one_word_heads[head])))
        found.sort(key=lambda f: f[0])
        ext.add(doc, ext.EVENTS, "fp_event", found)
        return doc

    def _named(self, doc: Doc, tab: ext.Tokens, text: str) -> list[tuple[int, int, str | None]]:
        """Named events as (start, end, activity): a head before "for" and a name, then names read from
        each capitalised word that may start one, then brands alone.  (``text``: the Doc's.)"""
        words, lows = tab.text, tab.lower
        # a named event ends in a head word or a distance ("10 K", "50k") of its own sentence
        # (a distance has digits: the words of letters alone are passed over)
        # the sentences with a head, or with a number after a capitalised word that may end a race's name
        # ("the Larkspur 100"), by first token
        cues = tab.where_kinds(self.named_kinds)
        numbers = [i for i in cues.get("race_number", ()) if i > 0 and words[i - 1][:1].isupper()]
        with_head = {tab.sent_lo[i] for i in chain(cues.get("head", ()), numbers)}
        distances = _DIGIT_UNIT.search(text) is not None  # whether any token may be a distance
        sents = [(lo, hi) for lo, hi in tab.sents if lo in with_head
                 or distances and any(map(_DISTANCE.match, filterfalse(str.isalpha, lows[lo:hi])))]
        if not sents:
            return []
        headline = self._headline_tokens(tab, text, self.one_word_heads) - self._numbered_title(tab, text)
        # a head first ("the Race for Kindness"), looked up by its word (a head: its sentence is one of ``sents``)
        out = [f for i in cues.get("tag_head", ()) if i + 2 < tab.sent_hi[i] and lows[i + 1] in _HEAD_LINKS
               and i not in headline and (f := self._head_first(tab, i, tab.sent_hi[i]))]
        taken = {k for s, e, _ in out for k in range(s, e)}
        # the words that may start a named event: capitalised, and not a word none starts with (``never_start``);
        # or a number after a determiner and before a capitalised word ("the 12 Lakes Challenge"; only a word
        # of digits is asked)
        starts = [i for lo, hi in sents for i in range(lo, hi)
                  if (words[i][:1].isupper() and lows[i] not in self.never_start
                      or words[i][:1].isdigit() and self._number_opens(tab, i, lo, hi))
                  and i not in taken and i not in headline]
        # the named people among an event's words: the word before its start and up to eight from it
        named = named_token_set(doc)
        people = named.intersection(chain.from_iterable(range(i - 1, min(i + 8, tab.sent_hi[i])) for i in starts)) \
            if named else set()
        resume = 0  # no event starts inside the one found before, in its sentence
        for i in starts:
            if i < resume:
                continue
            found = self._event_at(doc, tab, i, tab.sent_hi[i], people)
            if found:
                out.append(found)
                resume = min(found[1], tab.sent_hi[i])
        taken = {k for s, e, _ in out for k in range(s, e)}
        in_sents = {lo for lo, _ in sents}  # the sentences, by their first token
        brands = cues.get("brand", [])
        amounts = {q.start for q in ext.mentions(doc, ext.QUANTITIES, "fp_quantity")} if brands else set()
        out.extend(b for i in brands if tab.sent_lo[i] in in_sents and i not in taken
                   and i not in headline and (b := self._brand_at(tab, i, tab.sent_hi[i], amounts)))
        return sorted(out)

    @staticmethod
    def _number_opens(tab: ext.Tokens, i: int, lo: int, hi: int) -> bool:
        """Whether the number at token ``i`` (of the sentence ``lo:hi``) may open an event's name: of at most three
        digits (a year is the edition, not the name), right after "the" or a possessive and before a capitalised
        word of three letters or more ("the 12 Lakes Challenge", "the club's 24 Hour Relay"; not the K of "the
        10K", read as a distance)."""
        word, after = tab.text[i], tab.text[i + 1] if i + 1 < hi else ""
        return lo < i and word.isdigit() and len(word) <= 3 and after[:1].isupper() and after.isalpha() \
            and len(after) >= 3 and tab.lower[i - 1] in _NUMBER_OPENERS

    def _head_first(self, tab: ext.Tokens, i: int, end: int) -> tuple[int, int, str] | None:
        """"the Race for Kindness 10k", "the Tour of the Fells": a capitalised head with an activity inside a
        sentence (where its capital is the name's), a joining word (_HEAD_LINKS) and "the" or none, and
        capitalised words, with a distance after them or none."""
        words, lows = tab.text, tab.lower
        activity = self.tag_heads.get(lows[i])
        if activity is None or not words[i][:1].isupper() or self._opens(tab, i):
            return None
        j = i + 2
        if j < end and lows[j] == "the":
            j += 1
        k = j
        while k < end and k - j < 4 and words[k][:1].isupper() and words[k].isalpha():
            k += 1
        if k == j:
            return None
        return i, k + self._distance_len(tab, k, end), activity

    def _brand_at(self, tab: ext.Tokens, i: int, end: int, amounts: set[int]) -> tuple[int, int, str] | None:
        """A brand that is an event alone ("at parkrun", "Ironman Kalmar"), with the capitalised words
        and numbers after it up to an amount (``amounts``: where quantities start; "parkrun 6 weeks in a
        row" is parkrun); not after "#", or "to" or "from" (where it is the place: "walked to
        parkrun"), nor after an article or a possessive where a word it modifies follows ("an Ironman
        shirt", "my Ironman medal"; but "an Ironman in Larkspur": ``brand_after_article``)."""
        words, lows = tab.text, tab.lower
        if i > 0 and lows[i - 1] in ("#", "to", "from", "/"):
            return None
        if i > 0 and lows[i - 1] in _BRAND_MODIFIED_AFTER and i + 1 < end and not tab.is_punct(i + 1) \
                and lows[i + 1] not in self.brand_after_article:
            return None
        k = i + 1
        while k < end and k - i < 4 and k not in amounts and (
                self.vocab[words[k]].like_num or words[k][:1].isupper() and words[k].isalpha()
                and lows[k] not in self.not_start):
            k += 1
        return i, k, self.brands[lows[i]]

    def _distance_len(self, tab: ext.Tokens, j: int, end: int) -> int:
        """How many tokens the distance at token ``j`` spans: "10k" 1, "25 K" 2, "50 - Mile" 3, none 0."""
        words, lows = tab.text, tab.lower
        if j >= end:
            return 0
        if _DISTANCE.match(lows[j]):
            return 1
        k = j + 2 if j + 2 < end and words[j + 1] == "-" else j + 1  # the unit: "25 K", "50 - Mile"
        return k - j + 1 if k < end and lows[k] in self.units and self.vocab[words[j]].like_num else 0

    def _event_at(self, doc: Doc, tab: ext.Tokens, i: int, end: int, people: set[int]):
        """The event that starts at token ``i`` (a capitalised word that may start one), in a sentence
        ending at ``end``: capitalised words, inner words, numbers and distances up to a head (and its
        tail), or up to a distance that no head follows."""
        words, lows = tab.text, tab.lower
        if i > 0 and words[i - 1][:1].isupper() and lows[i - 1] not in self.not_start \
                and i - 1 not in people and tab.sent_lo[i - 1] != i - 1:
            return None  # not the start of the capitalised run
        if self._opens(tab, i) and self._verb(doc, tab, i):
            return None  # "Completed Ironman Kalmar": the name starts after the verb
        j = i
        after_distance = None  # the end of the last distance read: "the Hilltop 10K"
        after_number = None  # the end of the last bare number of ``race_numbers`` read: "the Larkspur 100"
        while j < end and j - i < 8:
            low = lows[j]
            n = self._distance_len(tab, j, end) if j > i else 0
            if n:
                j += n
                if lows[j - 1] in _NAME_END_UNITS or _K.match(lows[j - 1]):
                    after_distance = j
                continue
            if after_number == j and (low in self.report_words or self._opens_title(tab, ext.text(doc), i, j)):
                break  # "Larkspur 100 Race Report", "Larkspur 100 Tarnby to Brackenfold": the name ends at its number
            if low in self.months and j > i and self.vocab[words[j - 1]].like_num:
                break  # "WOD 14 March": a day of a month, no head
            if low in self.one_word_heads and j > i:
                e = self._head_end(tab, j, end)
                if lows[i] in self.brands:  # "Ironman 70.3 Lanzarote": a brand's name goes on with its place
                    while e < end and e - j < 3 and words[e][:1].isupper() and words[e].isalpha() \
                            and lows[e] not in self.not_start and lows[e] not in self.unnamed:
                        e += 1
                return self._checked(doc, tab, i, e, people)
            word = words[j]
            if low in _POSSESSIVE and j + 1 < end and words[j + 1][:1].islower():
                return None  # "Tamsin's third Ironman race": the capitals before the 's are an owner's
            if low == "i":
                break  # the pronoun ends a name: "Then I swim 3 km"
            if not (word[:1].isupper() and word.isalpha() or low in self.inner or low in _NOT_TITLE
                    or self.vocab[word].like_num):
                break
            j += 1
            if low in self.race_numbers and j - 1 > i:
                after_number = j
        if after_distance is None:
            if after_number == j and self._numbered_race(tab, i, j, end, ext.text(doc)):
                return self._checked(doc, tab, i, j, people)
            return None
        return self._checked(doc, tab, i, after_distance, people)

    def _numbered_race(self, tab: ext.Tokens, i: int, j: int, end: int, text: str) -> bool:
        """Whether the name at tokens ``i:j`` may end in its bare number (``race_numbers``): it follows
        "the" or opens a line, no word it could be the modifier of follows (a word in lower case but a
        small word of a title, a stop word or a verb of being: "the Larkspur 100 last weekend", "the
        Larkspur 100 was"; not "the Brackenfold 50 road"), and its sentence tells of running or finishing
        a race (``race_cues``: "finished the Larkspur 100"; not "the Top 50 list"); a word of a report on the
        race right after it (``report_words``: "Larkspur 100 race report") does both."""
        lows, lo = tab.lower, tab.sent_lo[i]
        after_the = i > lo and lows[i - 1] == "the"
        opens_line = i == lo or not tab.text[i - 1].strip()
        nxt = lows[j] if j < end else ""
        if nxt in self.report_words:
            return after_the or opens_line
        if opens_line and self._opens_title(tab, text, i, j):
            return True
        free = not nxt.isalpha() or nxt in _TITLE_SMALL or nxt in self.not_start or nxt in _BEING
        return (after_the or opens_line) and free and not self.race_cues.isdisjoint(lows[lo:end])

    def _numbered_title(self, tab: ext.Tokens, text: str) -> set[int]:
        """The tokens of a name of capitalised words and a bare number of ``race_numbers`` that opens the text's
        title (:meth:`_opens_title`), which keeps its capitals in a line in Title Case: "Larkspur 100" of
        "Larkspur 100 Tarnby to Brackenfold October 3-4 2015"."""
        words, lows = tab.text, tab.lower
        i = next((k for k in range(tab.n) if not words[k].isspace()), tab.n)
        j = i
        while j < tab.n and words[j][:1].isupper() and words[j].isalpha() and lows[j] not in self.not_start:
            j += 1
        if j == i or j >= tab.n or lows[j] not in self.race_numbers or not self._opens_title(tab, text, i, j + 1):
            return set()
        return set(range(i, j + 1))

    def _opens_title(self, tab: ext.Tokens, text: str, i: int, j: int) -> bool:
        """Whether the name at tokens ``i:j`` opens the text's first line, a title with the report under it
        (:func:`fitpost.ext.title_end`), whatever follows it there ("Larkspur 100 Tarnby to Brackenfold October 3-4
        2015"), and the text after it tells of running or finishing (``race_cues``)."""
        title = ext.title_end(text)
        if title < 0 or tab.end[j - 1] > title or text[:tab.idx[i]].strip():
            return False
        return not self.race_cues.isdisjoint(tab.lower[j:])

    def _head_end(self, tab: ext.Tokens, j: int, end: int) -> int:
        """The end of the name whose first head word is token ``j``: up to two more heads ("Half
        Marathon", "Trail Race"), a distance in K ("the Larkspur Ultra 50K") and a tail ("virtual run"); not a
        word of a report in lower case after a capitalised head ("the Larkspur Marathon race report", "Larkspur
        Half Marathon race day": the race's name ends at its head)."""
        lows, words = tab.lower, tab.text
        k = j + 1
        while k < end and lows[k] in self.one_word_heads and k - j < 3 \
                and not (lows[k] in self.report_words and words[k].islower() and words[k - 1][:1].isupper()):
            k += 1
        n = self._distance_len(tab, k, end)
        if n and (lows[k + n - 1] == "k" or _K.match(lows[k + n - 1])):
            k += n
        for tail in self.tails:
            if lows[k:k + len(tail)] == tail:
                return k + len(tail)
        return k

    def _verb(self, doc: Doc, tab: ext.Tokens, i: int) -> bool:
        """Whether token ``i`` is a verb: a verb of the lexicon (a model may tag a capitalised "Completed"
        as a name), else the model's tag, or without one a word of six letters or more in "-ed"
        ("Survived")."""
        low = tab.lower[i]
        if low in self.opening_verbs:
            return True
        if ext.has_annotation(doc, "TAG"):
            return doc[i].tag_.startswith("VB")
        return len(low) >= 6 and low.endswith("ed")

    @staticmethod
    def _opens(tab: ext.Tokens, i: int) -> bool:
        """Whether token ``i`` opens its sentence, its line or an item of a list ("- Easy 8 km", "Run: Easy
        8 km"), where its capital says nothing."""
        if i == tab.sent_lo[i] or not tab.text[i - 1].strip():
            return True
        return tab.text[i - 1] in ("-", "–", "•", "*", ":", "|") and (
            i - 1 == tab.sent_lo[i - 1] or not tab.text[i - 2].strip() or tab.text[i - 1] == ":")

    def _checked(self, doc: Doc, tab: ext.Tokens, s: int, e: int, people: set[int]):
        """(s, e, activity) if tokens ``s:e`` make a name; None where no word names it, where a place or
        group word follows it, where a word in it or before it makes its head a verb, or where it opens its
        sentence with one capitalised word."""
        words, lows = tab.text, tab.lower
        if e < tab.n and lows[e] in self.not_after:
            return None  # "the Elmfield Race Course", "the Ridge Hike group"
        activities = ext.mentions(doc, ext.ACTIVITIES, "fp_activity")
        if any(m.start == s and m.end == e for m in activities):
            return None  # "Peloton Ride: 45 min", "Zwift ride": the words of a kind of session name no event
        exercise = {k for m in activities if m.info.form == "exercise" for k in range(m.start, m.end)}
        if not self.verb_cues.isdisjoint(lows[max(0, s - 1):e]):
            return None  # "How Did Kavya Run So Fast?": the head is a verb
        # a person's whole name before a distance in K or a capitalised head names an event ("Harrow Hill
        # 50k", "the Terry Fox Run")
        capital_head = bool(_K.match(lows[e - 1])) or lows[e - 1] == "k" \
            or words[e - 1][:1].isupper() and lows[e - 1] in self.head_words and s - 1 not in people
        naming = [k for k in range(s, e) if words[k][:1].isupper() and words[k].isalpha()
                  and lows[k] not in self.unnamed and (capital_head or k not in people and k not in exercise)]
        # an exercise names no event before a head in lower case ("a Surya Namaskar series"), as a person does
        # not, but before a capitalised one ("100 Day Burpee Challenge")
        if words[s].isdigit():
            # a number opening the name ("the 12 Lakes Challenge"): the word after it is its unit, which names
            # nothing; the number does, before a head that names no activity ("the 800 Metre Swim" only tells a
            # swim's length)
            number_names = e - s > 2 and not self.heads.get(lows[e - 1])
            naming = [k for k in naming if k > s + 1] or ([s] if number_names else [])
        if not naming:
            return None
        if self._opens(tab, s):
            # the bare number that ends an ultra's name before a word of its report, or opening a report's title,
            # counts as a capital ("Larkspur 100 race report", "Larkspur 100 Tarnby to Brackenfold"; not
            # "Larkspur 100 was on the radio")
            capitals = sum(words[k][:1].isupper() and words[k].isalpha() for k in range(s, e)) \
                + (lows[e - 1] in self.race_numbers and (e < tab.n and lows[e] in self.report_words
                                                         or self._opens_title(tab, ext.text(doc), s, e)))
            if capitals < 2 and not (ext.has_annotation(doc, "ENT_IOB") and doc[s].ent_type_):
                return None  # "Easy 8 km.", "New marathon best", where a model sees no name
        s = self._left_count(tab, s)
        activity = self.heads.get(lows[e - 1]) or next(
            (self.heads[x] for x in lows[s:e] if self.heads.get(x)), None) or next(
            (self.activity_words[x] for x in lows[s:e] if x in self.activity_words), None)
        if activity is None and lows[e - 1] not in self.one_word_heads:
            activity = "running"  # a name ending in a distance: "the Hilltop 10K"
        return s, e, activity

    @staticmethod
    def _left_count(tab: ext.Tokens, s: int) -> int:
        """The start of a name with the count before it: "21 Day Lunge Challenge", "the 21-Day ...\"."""
        words, lows = tab.text, tab.lower
        if s >= 2 and lows[s - 1] in ("day", "days", "week", "month") and words[s - 1][:1].isupper():
            k = s - 3 if words[s - 2] == "-" and s >= 3 else s - 2
            if words[k].isdigit():
                return k
        return s

    @staticmethod
    def _headline_tokens(tab: ext.Tokens, text: str, heads: Collection[str]) -> set[int]:
        """Tokens of lines written in Title Case: three or more words (runs of ASCII letters),
        over 70% of them capitalised, and no sentence end at the end of the line; but for a line of at most
        RACE_TITLE_WORDS words that ends in an event's head (of ``heads``), a race's name on a line of its
        own ("Brackenfold Half Marathon" over "Chip time: 1:42:18").  In such a line a dash,
        a bar or a colon parts ("Larkspur Marathon 2026 - Race Report"); a part that is no headline by
        itself (too short), or that the words ending a report's title follow, a dash, a bar or a colon between
        or none ("Larkspur Half Marathon Race Report", "Larkspur Trail 50K – Race Report"), keeps its capitals:
        the name of a race a report is titled with; so does what follows them and a dash, a bar or a colon
        where they open the line ("Race Report - Larkspur Half Marathon")."""
        out: set[int] = set()
        start = 0
        for line in text.split("\n"):
            tail = _REPORT_TAIL.search(line) if line.rstrip().lower().endswith(_REPORT_WORDS) else None
            if tail:  # the race's name, then "Race Report": only the report words are the headline's
                line = line[:tail.start()] + " " * (len(line) - tail.start())
            head = _REPORT_HEAD.match(line)
            if head:  # "Race Report - " then the race's name: the report words are the headline
                bounds = tab.expand(start, start + head.end(), len(text))
                if bounds is not None:
                    out.update(range(*bounds))
                start += len(line) + 1
                continue
            # where the race's name ends: before the report words and a dash, a bar or a colon before them
            # ("Larkspur Trail 50K – Race Report")
            named_end = len(line.rstrip().rstrip("-–—|:").rstrip())
            if not line.rstrip().endswith((".", "!", "?", "\"", "”")) and _title_case(line) \
                    and not _race_title(line, heads):
                for part in _TITLE_PARTS.finditer(line):
                    if _title_case(part.group()) and not (tail and part.end() >= named_end):
                        bounds = tab.expand(start + part.start(), start + part.end(), len(text))
                        if bounds is not None:
                            out.update(range(*bounds))
            start += len(line) + 1
        return out


@Language.factory(
    "fitpost_events",
    default_config={"lexicon": "events.json"},
    assigns=["doc.spans", "span._.fp_event"],
    requires=["span._.fp_person"],  # a person's name does not start an event
)
def make_events(nlp: Language, name: str, lexicon: str) -> EventFinder:
    return EventFinder(nlp, name, lexicon=lexicon)
