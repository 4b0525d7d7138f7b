"""fitpost_activities: find the words that state an activity.

Verbs ("ran", "swimmin'"), nouns ("a ride", "the swim"), race names ("a half
marathon"), exercises ("40 push-ups", "Surya Namaskar") and bare race
distances ("their 10k") become spans in ``doc.spans["fp_activities"]`` with an
:class:`~fitpost.ext.ActivityInfo`.  Idioms ("go the extra mile", "in the long
run") and compound modifiers ("running shoes", "workout partner") are not
activities.  Works on blank English (word lists) and uses tags where a model
gives them.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import replace

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from fitpost import ext, resources, schema
from fitpost.components.base import Component
from fitpost.components.dates import day_words

# a race told by its distance alone: "a 10k", and the track's races in metres right after a determiner ("the
# 5000m", "my 1500 m"; "swam 1500 m" is a distance)
_BARE_K = re.compile(r"^\d{1,3}(?:\.\d)?\s?[kK]$")
_TRACK_RACE = re.compile(r"^(?:100|200|400|800|1500|3000|5000|10,?000)\s?[mM]$")
_BARE_RACE = re.compile(f"{_BARE_K.pattern}|{_TRACK_RACE.pattern}")  # either
_POSSESSIVE_WORDS = frozenset(("my", "our", "your", "his", "her", "their", "its"))
_ARTICLES_AND_POSSESSIVES = frozenset(("a", "an", "the", "one")) | _POSSESSIVE_WORDS
# "one" marks a thing ("in one kayak") but no race: "so proud of this one. Easy 16k jog"
_DETERMINERS = _ARTICLES_AND_POSSESSIVES - {"one"} | {"that", "this", "first", "another"}
_POSSESSIVES = ("'s", "’s")  # the ending a possessive is split into: "tonight's run"
_BEFORE_A_THING = _DETERMINERS | {"one"}  # a verb form the tagger takes for a noun after these is the thing
_PAST_BE = frozenset(("was", "were"))  # a gerund subject of these tells one session ("Cycling up the hill was brutal")
_SUBJECTS = frozenset(("nsubj", "csubj"))  # the parse's subjects: a gerund alone, or with its clause
_BE = {"is", "was", "were", "are", "am", "be", "been", "being", "'s", "’s", "'m", "’m", "'re", "’re"}
_BEING = {"is", "was", "were", "are"}  # after a form both verb and noun, these make it a noun
_GO = {"go", "goes", "went", "going", "gone"}
_QUOTE_MARKS = {'"', "'", "“", "”", "‘", "’"}
_POSE_WORDS = {"pose", "poses", "asana", "asanas"}  # after an exercise's name: a yoga pose named for it
_MONTH_VERBS = {"march"}  # a verb that is also a month's name
_SEGMENT = {"last", "first", "final", "middle", "second", "opening", "closing"}  # "the last 2k": part of a race
_PREFIXES = {"pre", "post", "mid", "non", "anti"}  # "pre-race", "post-run": about the activity, not one
_CLOCK_TIME = re.compile(r"\d{1,2}:\d\d(?::\d\d)?")  # "a 1:52 half": the time it was run in
_HALF_BEFORE = {"a", "my", "another", "his", "her", "their", "our", "the"}
_HALF_AFTER = {"in", "this", "today", "yesterday", "last", "on", "at", "with", "and", "but", "so", "race", "pb", "pr"}
_HOW_OFTEN = {"every", "each", "per"}  # before a spell of time: how often, no spell spent ("every day")
_PARTNER = {"other", "better"}  # "my other half", "my better half": a partner, no race
# a programme's session by week and day or run ("w5d2"; "w9" "r3")
_WEEK_DAY = re.compile(r"wk?\d{1,2}[dr]\d")
_WEEK = re.compile(r"wk?\d{1,2}")
_DAY = re.compile(r"[dr]\d")
_WEEK_IN_TEXT = re.compile(r"wk?\d")  # a week's number written so ("w5d2", "w9"), in lower-cased text


def _before_being(tab: ext.Tokens, start: int, end: int) -> bool:
    """Whether the form at ``start:end``, not an -ing form, comes right before a word of being: the
    subject of a statement ("Gentle hikes are the best"), as a verb never is."""
    return end < tab.n and tab.lower[end] in _BEING and not tab.lower[end - 1].endswith("ing")


GROUP_NOUNS = frozenset({"club", "group", "crew", "squad"})  # "Running club tonight": a group's session, a caption
GROUP_WHEN = frozenset({"tonight", "today", "this", "yesterday", "last"})  # the word of when after the group noun


NOUN_PHRASE_WORDS = 2  # at most this many words in lower case between a determiner and the noun it goes with


def _after_noun_phrase(tab: ext.Tokens, start: int) -> bool:
    """Whether the word at ``start`` ends a noun phrase: a determiner at most NOUN_PHRASE_WORDS words in
    lower case before it ("the long valley run", "some red runs")."""
    lows = tab.lower
    for k in range(start - 1, max(tab.sent_lo[start], start - 2 - NOUN_PHRASE_WORDS), -1):
        if lows[k] in _DETERMINERS:
            return True
        if not (tab.text[k].isalpha() and tab.text[k].islower()):
            return False
    return False


CLIMB_NOUNS = frozenset(("climb", "climbs"))  # a verb form that is also the noun of a climb of a hill
CLIMB_OF = frozenset(("of", "up"))  # between a climb and the hill it went up


def _after_distance(start: int, quantities: list[ext.Mention]) -> bool:
    """Whether a distance of ``quantities`` ends right before token ``start``."""
    return any(q.end == start and q.label == "distance" for q in quantities)


def _more_than_an_amount(tab: ext.Tokens, end: int) -> bool:
    """Whether the idiom ending at token ``end`` ends in "over" and a number follows it: "over" is "more than"
    ("run over 30 miles"), no "run over" of a car."""
    return tab.lower[end - 1] == "over" and end < tab.n and tab.text[end][:1].isdigit()


def _climb_of_a_name(tab: ext.Tokens, start: int, end: int) -> bool:
    """Whether the word at ``start`` is "climb" after a possessive, then "of" or "up" and a capitalised word: the
    climb of a hill named ("my climb of Ben Larkspur", "our climb up Brackenfold Pike"), a session."""
    lows = tab.lower
    return end - start == 1 and lows[start] in CLIMB_NOUNS and start > 0 and lows[start - 1] in _POSSESSIVE_WORDS \
        and end + 1 < tab.n and lows[end] in CLIMB_OF and tab.text[end + 1][:1].isupper()


def _part_of_race(tab: ext.Tokens, lo: int, hi: int) -> bool:
    """Whether a word of _SEGMENT in tokens ``lo:hi``, before a race distance, makes it a part of a race: after
    "the" ("the first 5k", "the last 2k"), or opening a sentence after the text's first ("Did the Larkspur 10k.
    First 5k in 24:10"); not after a possessive ("my first 10k", "her last 5k": races of their own), nor
    opening the text ("First 10K in years today")."""
    for k in range(lo, hi):
        if tab.lower[k] not in _SEGMENT:
            continue
        prev = tab.lower[k - 1] if k > tab.sent_lo[k] else ""
        if prev == "the" or prev not in _ARTICLES_AND_POSSESSIVES and tab.sent_lo[k] > 0:
            return True
    return False

class ActivityFinder(Component):
    """Mark activity mentions using the lexicon in ``models/activities.json``."""

    def load(self) -> None:
        lexicon = self.config["lexicon"]
        self.lexicon = resources.load_json(lexicon)
        self._matcher: PhraseMatcher | None = None
        self._vocab = None
        # every form, as (form, activity, sport type, exercise); a word both verb and noun is "both"
        self.kinds: dict[str, tuple] = {}
        acts = self.lexicon["activities"]
        exercises = self.lexicon["exercises"]
        schema.check_activity_types([*acts, *(e["activity"] for e in exercises.values())], lexicon)
        for activity, entry in acts.items():
            for form in entry.get("verbs", []):
                self.kinds.setdefault(form, ("verb", activity, entry["sport_type"], None))
            for form in entry.get("nouns", []):
                if form in self.kinds and self.kinds[form][0] == "verb":
                    self.kinds[form] = ("both", activity, entry["sport_type"], None)
                else:
                    self.kinds.setdefault(form, ("noun", activity, entry["sport_type"], None))
        # nouns that are a session only beside its amount, as a sport emoji is ("20 min on the bike")
        self.amount_nouns = {form for entry in acts.values() for form in entry.get("amount_nouns", [])}
        self.amount_modifiers = frozenset(self.lexicon["amount_modifiers"])  # "45 min recovery spin"
        for activity, entry in acts.items():
            for form in entry.get("amount_nouns", []):
                self.kinds.setdefault(form, ("noun", activity, entry["sport_type"], None))
        for exercise, entry in exercises.items():
            sport = acts[entry["activity"]]["sport_type"]
            for form in entry["forms"]:
                self.kinds[form] = ("exercise", entry["activity"], sport, exercise)
        self._load_blocking_words()
        self.spells = frozenset(self.lexicon["spells"])  # a spell of time, then the gerund that fills it
        timed = self.lexicon["timed_training"]  # "two hours of training": a session that long
        self.timed_nouns, self.timed_verbs = frozenset(timed["nouns"]), frozenset(timed["verbs"])
        self.timed_kind = ("noun", timed["activity"], acts[timed["activity"]]["sport_type"], None)
        self.timed_under_s = float(timed["under_s"])
        trails = self.lexicon["trails"]  # "Finished the Larkspur Way": a trail's name after a verb of finishing
        self.trail_heads, self.trail_verbs = frozenset(trails["heads"]), frozenset(trails["verbs"])
        self.trail_kind = ("noun", trails["activity"], acts[trails["activity"]]["sport_type"], None)
        self.trail_context = frozenset(trails["context"])  # the activities a trail may take from the text
        self.trail_titles = dict(trails["titles"])  # "Ultrarunner Jonas Berg completed the Larkspur Way": a run
        agents = self.lexicon["agents"]  # "The charity walkers set off from Tarnby": people named by what they do
        self.agents = {noun: ("verb", activity, acts[activity]["sport_type"], None)
                       for noun, activity in agents["nouns"].items()}
        self.agent_verbs = tuple(tuple(v.split()) for v in agents["verbs"])
        self.programmes = {activity: re.compile(pattern) for activity, pattern in self.lexicon["programmes"].items()
                           if activity != "_"}
        context = self.lexicon.get("context_forms", {})
        self.endurance = set(context.get("activities", ()))  # the activities a race or a distance can be
        self.text_context = set(context.get("text", ()))  # forms taking the activity the text is about
        self.only_context = {form: set(acts) for form, acts in context.get("only", {}).items()}
        self.sentence_context = {form: set(acts) for form, acts in context.get("sentence", {}).items()}
        self.yield_context = {form: set(acts) for form, acts in context.get("yield", {}).items()}
        self.most_context = {form: set(acts) for form, acts in context.get("most", {}).items()}
        self.course_parts = frozenset(context.get("course_parts", ()))  # "the long climb": part of a course
        breaks = context.get("walk_breaks", {})
        self.walk_breaks = (frozenset(breaks.get("forms", ())), frozenset(breaks.get("objects", ())),
                            int(breaks.get("reach", 0)))  # "walked the drinks station": a break in a run
        self.sports = {activity: entry["sport_type"] for activity, entry in acts.items()}
        self.single = {f: k for f, k in self.kinds.items() if " " not in f and "-" not in f}
        self.lookup = self._single_lookup()

    def _load_blocking_words(self) -> None:
        """The words around a form that make it no session: a compound's head ("running shoes"), a leg's word,
        a distance before a course ("the 34 km circuit"), a vehicle ridden, a business run, what a race is
        trained for."""
        self.blockers = set(self.lexicon["compound_blockers"])
        self.legs = frozenset(self.lexicon["triathlon_legs"]["words"])
        vehicles = self.lexicon["vehicles"]
        self.ride_forms, self.vehicles = frozenset(vehicles["ride_forms"]), frozenset(vehicles["nouns"])
        self.courses = frozenset(self.lexicon["courses"]["forms"])
        ventures = self.lexicon["ventures"]
        self.run_forms, self.ventures = frozenset(ventures["run_forms"]), frozenset(ventures["nouns"])
        training = self.lexicon["race_training"]
        self.race_training_after = frozenset(training["after"])
        self.trained_races = frozenset(training["races"]) | frozenset(
            n.lower() for r in resources.load_json("quantities/races.json")["races"] for n in r["names"])

    def _matcher_for(self, doc: Doc) -> PhraseMatcher:
        # phrase patterns are tokenized by the pipeline's own tokenizer, once per vocab
        if self._matcher is None or self._vocab is not doc.vocab:
            tok = self.tokenizer
            m = PhraseMatcher(doc.vocab, attr="LOWER")
            multi = [f for f in self.kinds if f not in self.single]
            m.add("ACT", [tok(f) for f in multi])
            m.add("IDIOM", [tok(f) for f in self.lexicon["idioms"]])
            self._matcher, self._vocab = m, doc.vocab
        return self._matcher

    def _single_lookup(self) -> dict[str, tuple]:
        """One-word forms, and their dropped-g spellings ("swimmin'", "runnin'") where no form is spelt so."""
        table = dict(self.single)
        for form, kind in self.single.items():
            if form.endswith("ing") and form[:-1] not in self.single:
                table[form[:-1]] = kind
        return table

    def __call__(self, doc: Doc) -> Doc:
        tab = ext.tokens(doc)
        tagged = ext.has_annotation(doc, "TAG")
        quantities = ext.mentions(doc, ext.QUANTITIES, "fp_quantity")
        candidates, idiom_tokens = self._candidates(doc, tab, quantities)
        found: list[tuple[int, int, str, ext.ActivityInfo]] = []
        amount_ends: set[int] | None = None  # where a distance or a time ends, read at the first need
        often: set[int] | None = None  # the tokens of how often ("twice a week"), read at the first need
        triathlon = any(kind is not None and kind[1] == "triathlon" for _, _, kind in candidates)
        amounts = [q.start for q in quantities
                   if q.label in ("distance", "duration")] if triathlon else []
        # the sentences that tell a distance or a time ("200 km with the Tarnside audax group": _group_session)
        amount_sents = frozenset(tab.sent_lo[q.start] for q in quantities if q.label in ("distance", "duration"))
        for start, end, kind in candidates:
            if kind is None or not idiom_tokens.isdisjoint(range(start, end)):
                continue
            form, activity, sport, exercise = kind
            if start > 0 and tab.text[start - 1] == "#" and end - start == 1:
                # "#running": a topic tag, no session of its own; records read it as what the text is about
                found.append((start, end, activity, ext.ActivityInfo(activity=activity, sport_type=sport,
                                                                     exercise=exercise, form="hashtag")))
                continue
            if tab.lower[start] in self.courses and _after_distance(start, quantities):
                continue  # "the 34 km circuit": the course of the session told, no circuit training
            root = doc[start:end].root if tagged else None
            if triathlon and self._leg(tab, start, end, amounts):
                form = "noun"
            elif not self._is_activity(doc, tab, start, end, root, kind, amount_sents):
                continue
            if form == "both":
                if amount_ends is None and not tagged:
                    amount_ends = {q.end for q in quantities if q.label in ("distance", "duration")}
                form = "noun" if self._both_a_noun(tab, start, end, root, amount_ends) else "verb"
            if unicodedata.category(tab.text[start][0]) == "So" or " ".join(tab.lower[start:end]) in self.amount_nouns:
                # an emoji or an amount noun: a session only beside its amount ("🚴 62 km loop", "20 min on the
                # bike") or right after a spell of time it fills ("a great day on the bike"), else decoration or
                # a thing ("left my keys on the bike")
                generic = not (_amount_beside(doc, tab, start, end, self.amount_modifiers)
                               or self._after_spell(tab, start))
            else:
                if often is None:
                    often = {k for q in quantities if q.label == "frequency" for k in range(q.start, q.end)}
                generic = self._generic(doc, tab, start, end, root, form, often)
            found.append((start, end, activity, ext.ActivityInfo(
                activity=activity, sport_type=sport, exercise=exercise, form=form, generic=generic)))
        kept = _without_told_means(tab, _filter_spans(found))
        ext.add(doc, ext.ACTIVITIES, "fp_activity", self._in_context(tab, kept, ext.title_end(ext.text(doc))))
        return doc

    def _both_a_noun(self, tab: ext.Tokens, start: int, end: int, root: Token | None,
                     amount_ends: set[int] | None) -> bool:
        """Whether a word both verb and noun at ``start:end`` is a noun: right after a word of a session's kind
        ("long ride"), where the tagger says so (``root``, its root token, None with no tagger) or, with no
        tagger, right after a determiner, an amount (``amount_ends``: where the distances and times end; or
        an amount and "of") or a number ("our kayaking trip", "my run", "these 5 mile runs", "12 km of runs",
        "25 runs") or, but for an -ing form, right before a word of being, as no verb is ("hikes are fun")."""
        if start > 0 and tab.lower[start - 1] in self.amount_modifiers:
            return True  # "long ride", "easy run": a session's word after its kind, whatever the tagger says
        if root is not None:
            return root.pos_ in ("NOUN", "PROPN")
        before = tab.lower[start - 1] if start > 0 else ""
        return start > 0 and (before in _DETERMINERS or start in amount_ends or before.isdigit()
                              or before == "of" and start - 1 in amount_ends) or _before_being(tab, start, end)

    def _in_context(self, tab: ext.Tokens, found: list[tuple], title_end: int) -> list[tuple]:
        """Give a context form the activity around it: for a 'text' form or a bare race distance, the
        nearest endurance activity its sentence names, else the one the text names most (the first of
        the most named); for an 'only' form, the text's when it is one the form allows; for a
        'sentence' form, the nearest its sentence names of those it allows (it counts as named
        itself), else, where the text names its own nowhere but in such forms, the one the text names
        most in words of its own when the form allows it; for a 'yield' form written in lower case,
        the one the rest of the text names most when the form allows it and the rest never names the
        form's own; for a 'most' form, the one the text names most, the form counted as its own, when
        the form allows it and it is named more often than the form's own, else the one the text's title
        names (``title_end``: where it ends, -1 for none) when the form allows it.  "the race" in a swimming
        post is a swim, a 5k in a post about squats is still a run, "a steep run" in a skiing post is
        a ski run, "riding 300 km" on a skateboard skating, "my half marathon" in a rowing diary is a
        row, "we walked for 12 hours" in a trekking diary, or under the title "Trekking: Tarnby to Larkspur",
        is the trek."""
        kinds = [self._context_kind(tab, start, end, info) for start, end, _, info in found]
        if not any(kinds):
            return found
        named = [(start, info.activity, kind) for (start, _, _, info), kind in zip(found, kinds)
                 if kind in (None, "sentence", "yield", "most") and info.activity in self.endurance and not info.generic
                 and info.form != "hashtag"]
        if not named:
            return found
        counts = Counter(activity for _, activity, _ in named)
        most = _most(counts)
        # the activity the text's title names in a word of its own (its first line, over the report's lines)
        titled = next((activity for at, activity, kind in named if kind is None and tab.idx[at] < title_end), None)
        rest_named = [activity for _, activity, kind in named if kind != "yield"]
        rest = _most(Counter(rest_named))
        # the activities the text names in words of their own, in general talk too ("the fun of biking")
        plain_named = [info.activity for (_, _, _, info), kind in zip(found, kinds)
                       if kind is None and info.activity in self.endurance and info.form != "hashtag"]
        plain_counts = Counter(plain_named)
        plain = _most(plain_counts)
        out = []
        for (start, end, label, info), kind in zip(found, kinds):
            activity, form = None, " ".join(tab.lower[start:end])
            if kind == "text":
                activity = self._text_activity(tab, start, form, named, most)
            elif kind == "only" and most in self.only_context[form]:
                activity = most
            elif kind == "sentence":
                activity = self._sentence_activity(tab, start, form, info.activity, named, plain, plain_counts)
            elif kind == "yield" and rest in self.yield_context[form] and info.activity not in rest_named:
                activity = rest
            elif kind == "most" and most in self.most_context[form] \
                    and counts[most] > counts[info.activity]:
                activity = most  # named more often than the form's own: a tie keeps it
            elif kind == "most" and titled in self.most_context[form]:
                activity = titled  # "Trekking: Tarnby to Larkspur - Day 3" over "We walked 19 km": the trek
            if most == "running" and not info.generic and self._walk_break(tab, form, end):
                info = replace(info, generic=True)
            if activity is not None and activity != info.activity:
                info = replace(info, activity=activity, sport_type=self.sports[activity],
                               generic=info.generic or self._course_part(tab, start, form))
                label = activity
            out.append((start, end, label, info))
        return out

    def _text_activity(self, tab: ext.Tokens, start: int, form: str, named: list[tuple],
                       most: str | None) -> str | None:
        """The activity of the 'text' form ``form`` at ``start``: the nearest its sentence names (``named``: where
        each named activity is), else the one the text names most (``most``); for a trail's name only one of
        ``trails.context`` ("Day 3 of the Tarnside Coast Path ... went for a swim": the trail is walked)."""
        lo, hi = tab.sent_lo[start], tab.sent_hi[start]
        near = sorted((abs(at - start), a) for at, a, _ in named if lo <= at < hi)
        activity = near[0][1] if near else most
        return None if form in self.trail_heads and activity not in self.trail_context else activity

    def _sentence_activity(self, tab: ext.Tokens, start: int, form: str, own: str, named: list[tuple],
                           plain: str | None, plain_counts: Counter) -> str | None:
        """The activity of the 'sentence' form ``form`` at ``start`` (its own: ``own``): the nearest its sentence
        names (``named``: where each named activity is), of those the form allows, else, where the text names
        its own nowhere but in such forms, the one the text names most in words of its own (``plain``, of
        ``plain_counts``) when the form allows it ("rode 296 km" in a story of a skateboard that names no bike)."""
        allowed = self.sentence_context[form]
        lo, hi = tab.sent_lo[start], tab.sent_hi[start]
        near = sorted((abs(at - start), a) for at, a, _ in named if lo <= at < hi and a in allowed)
        if near:
            return near[0][1]
        return plain if plain in allowed and own not in plain_counts else None

    def _walk_break(self, tab: ext.Tokens, form: str, end: int) -> bool:
        """Whether the walk form ``form`` ending at ``end`` is a walk break in a run: a part of the course
        (``walk_breaks`` objects) at most its reach after it in its sentence ("walked the drinks station")."""
        forms, objects, reach = self.walk_breaks
        if form not in forms:
            return False
        return any(w in objects for w in tab.lower[end:min(tab.sent_hi[end - 1], end + reach)])

    def _course_part(self, tab: ext.Tokens, start: int, form: str) -> bool:
        """Whether the 'text' form ``form`` at token ``start`` is a noun of a part of the course (``course_parts``
        in lower case after a determiner and at most two words in lower case: "the long climb up to the ridge",
        "a final sprint"; not a race's name, "the Larkspur Hill Climb")."""
        if form not in self.course_parts or not tab.text[start].islower():
            return False
        lows = tab.lower
        for k in range(start - 1, max(tab.sent_lo[start], start - 3) - 1, -1):
            if lows[k] in _DETERMINERS:
                return True
            if not (tab.text[k].isalpha() and tab.text[k].islower()):
                return False
        return False

    def _context_kind(self, tab: ext.Tokens, start: int, end: int, info: ext.ActivityInfo) -> str | None:
        """Whether a mention takes the activity around it: "text", "only", "sentence", "yield", "most" or
        None (see ``_in_context``)."""
        form = " ".join(tab.lower[start:end])
        if form in self.text_context or info.form == "race" and _BARE_RACE.match(form) \
                and not self._named_race(tab, start):
            return "text"
        if form in self.trail_heads:
            # a trail's name (_trails): a ski run's in a skiing text, a hike's by default; one that a person's title
            # gave its activity keeps it
            return "text" if info.activity == self.trail_kind[1] else None
        if form in self.only_context and (info.form == "noun" or _after_noun_phrase(tab, start)):
            return "only"
        if form in self.sentence_context:
            return "sentence"
        if form in self.yield_context and info.form == "noun" and tab.text[start].islower():
            return "yield"  # "my half marathon", not "the City Half Marathon": a named race is one on foot
        if form in self.most_context:
            return "most"
        return None

    def _after_spell(self, tab: ext.Tokens, start: int) -> bool:
        """Whether a spell of time the session at ``start`` fills stands right before it ("a great day on the
        slopes", "spent the afternoon on the bike"; not "every day on the bike", which says how often)."""
        return start > 0 and tab.lower[start - 1] in self.spells \
            and (start < 2 or tab.lower[start - 2] not in _HOW_OFTEN)

    @staticmethod
    def _named_race(tab: ext.Tokens, start: int) -> bool:
        """Whether the bare race distance at ``start`` ends a race's name: a capitalised word before it, not
        the first of its sentence ("the Larkspur 10K" is run, whatever else the text names)."""
        prev = start - 1
        return prev > tab.sent_lo[start] and tab.text[prev][:1].isupper() and tab.text[prev].isalpha()

    def _candidates(self, doc: Doc, tab: ext.Tokens,
                    quantities: list[ext.Mention]) -> tuple[list[tuple[int, int, tuple | None]], set[int]]:
        """The lexicon's phrases, words and bare races in ``doc`` as (start, end, kind), kind None for a
        phrase matched with other spacing; and the tokens of idioms, which hold no activity.  (``quantities``:
        the Doc's, of fitpost_quantities.)"""
        text = ext.text(doc)
        idiom_tokens: set[int] = set()
        candidates: list[tuple[int, int, tuple | None]] = []
        for match_id, start, end in self._matcher_for(doc)(doc):
            if doc.vocab.strings[match_id] == "IDIOM":
                if not _more_than_an_amount(tab, end):
                    idiom_tokens.update(range(start, end))
            else:
                candidates.append((start, end, self._phrase_kind(text[tab.idx[start]:tab.end[end - 1]].lower())))
        lows, lookup = tab.lower, self.lookup
        candidates += [(i, i + 1, lookup[lows[i]]) for i in tab.where(lookup)]
        candidates += [c for c in self._bare_races(text, tab, quantities)
                       if c[1] >= tab.n or tab.lower[c[1]] not in self.race_training_after]  # "my 10k plan"
        candidates += self._halves(tab, quantities)
        candidates += self._programme_days(text, tab)
        candidates += self._trails(tab)
        candidates += self._agents_setting_out(tab)
        candidates += self._timed_training(tab, quantities, candidates)
        return candidates, idiom_tokens

    def _timed_training(self, tab: ext.Tokens, quantities: list[ext.Mention],
                        candidates: list[tuple[int, int, tuple | None]]) -> list[tuple[int, int, tuple]]:
        """A word of training (``timed_training``) that a time under a day fills: a noun right after it ("two
        hours of training", "90 minutes of hard training") or a verb with "for" and the time right after it
        ("trains for three hours a day"), a session of ``timed_training.activity``; not where its sentence
        names another activity ("90 minutes of training on the turbo" is the ride), nor a spell of weeks
        before a race ("12 weeks of training")."""
        nouns, verbs, kind = self.timed_nouns, self.timed_verbs, self.timed_kind
        lows = tab.lower
        told = {tab.sent_lo[start] for start, _, k in candidates if k is not None}
        out = []
        for q in quantities:
            seconds = q.info.seconds if q.label == "duration" else None
            if seconds is None or seconds >= self.timed_under_s or tab.sent_lo[q.start] in told:
                continue
            k = q.end  # a noun after the time, past "of" and modifiers ("of hard training")
            if k < tab.n and lows[k] == "of":
                k += 1
            while k < tab.n and lows[k] in self.amount_modifiers:
                k += 1
            if k < tab.n and lows[k] in nouns and tab.sent_lo[k] == tab.sent_lo[q.start]:
                out.append((k, k + 1, kind))
            elif q.start >= 2 and lows[q.start - 1] == "for" and lows[q.start - 2] in verbs:
                out.append((q.start - 2, q.start - 1, ("verb", *kind[1:])))  # "trains for three hours"
        return out

    def _agents_setting_out(self, tab: ext.Tokens) -> list[tuple[int, int, tuple]]:
        """The verb of setting out, arriving or finishing (``agents.verbs``) right after people named by what they
        do (``agents.nouns``): a session of their activity ("The charity walkers set off from Tarnby on Monday",
        "the rowers arrived in Larkspur")."""
        out = []
        for i in tab.where(self.agents):
            k = i + 1
            verb = next((v for v in self.agent_verbs if tuple(tab.lower[k:k + len(v)]) == v), None)
            if verb is not None:
                out.append((k, k + len(verb), self.agents[tab.lower[i]]))
        return out

    def _trails(self, tab: ext.Tokens) -> list[tuple[int, int, tuple]]:
        """The last word of a trail's name (``trails``): one of its heads written with a capital, after
        capitalised words, "the" and a verb of finishing or a day's label and "of", and ending the name
        ("Finished the Larkspur Way", "completed the Tarnside Coast Path", "Day 3 of the Tarnside Coast Path";
        not "the Tarnby Trail 50K", a race); of the activity of a person's title at most TITLE_REACH tokens
        before it in its sentence (``trails.titles``: "Ultrarunner Jonas Berg completed the Larkspur Way"), else
        a hike."""
        out = []
        for i in tab.where(self.trail_heads):
            k = i - 1
            while k > tab.sent_lo[i] and k > i - 5 and tab.text[k][:1].isupper():
                k -= 1
            ends = i + 1 == tab.n or not tab.text[i + 1][:1].isalnum() or tab.text[i + 1].islower()
            if ends and tab.text[i][:1].isupper() and k < i - 1 and tab.lower[k] == "the" and k > 0 \
                    and (tab.lower[k - 1] in self.trail_verbs or _day_of(tab, k - 1)):
                lo = max(tab.sent_lo[i], k - TITLE_REACH)  # "Ultrarunner Jonas Berg completed the Larkspur Way"
                titled = next((self.trail_titles[w] for w in tab.lower[lo:k] if w in self.trail_titles), None)
                kind = self.trail_kind if titled is None else ("noun", titled, self.sports[titled], None)
                out.append((i, i + 1, kind))
        return out

    def _programme_days(self, text: str, tab: ext.Tokens) -> list[tuple[int, int, tuple]]:
        """In a text naming a training programme (``programmes``), its sessions written by week and day
        or run: "W4 R2", "W6D1", "week 3 day 1" ("W4 R2 this morning")."""
        low = text.lower()
        weeks = tab.where(("week", "wk"))
        if not _WEEK_IN_TEXT.search(low) and not any(i + 1 < tab.n and tab.lower[i + 1].isdigit() for i in weeks):
            return []  # every session has a week's number: "w4", "wk3", "week 3"
        activity = next((a for a, named in self.programmes.items() if named.search(low)), None)
        if activity is None:
            return []
        kind = ("programme", activity, self.sports[activity], None)
        lows, n, out = tab.lower, tab.n, []
        for i, word in enumerate(lows):
            if _WEEK_DAY.fullmatch(word):
                out.append((i, i + 1, kind))  # "w6d1"
            elif _WEEK.fullmatch(word) and i + 1 < n and _DAY.fullmatch(lows[i + 1]):
                out.append((i, i + 2, kind))  # "w4 r2"
            elif word in ("week", "wk") and i + 3 < n and lows[i + 1].isdigit() and lows[i + 2] in ("day", "run") \
                    and lows[i + 3].isdigit():
                out.append((i, i + 4, kind))  # "week 3 day 1"
        return out

    @staticmethod
    def _bare_races(text: str, tab: ext.Tokens, quantities: list[ext.Mention]) -> list[tuple[int, int, tuple]]:
        """Bare race distances (of ``quantities``) after a determiner: "their 10k", "my first 10k", "First 10K in
        years today"; not a part of a race told by a word of _SEGMENT (:func:`_part_of_race`)."""
        out = []
        for q in quantities:
            written = text[q.start_char:q.end_char]
            if q.label != "distance" or q.start == 0:
                continue
            lo = q.start - 3 if _BARE_K.match(written) else q.start - 1 if _TRACK_RACE.match(written) else None
            if lo is None:
                continue
            lo = max(0, lo)
            before = tab.lower[lo:q.start]
            if any(w in _DETERMINERS for w in before) and not _part_of_race(tab, lo, q.start):
                out.append((q.start, q.end, ("race", "running", "Run", None)))
        return out

    @staticmethod
    def _halves(tab: ext.Tokens, quantities: list[ext.Mention]) -> list[tuple[int, int, tuple]]:
        """"a half", "my half", "the city half" standing alone for a half marathon ("ran a half this
        morning"): a determiner right before it, or a determiner and one word that is no segment
        ("first", "second") or a time ("a 1:52 half"); then the end, a punctuation mark (no hyphen:
        "half-way") or a word of _HALF_AFTER; not inside a duration ("an hour and a half").  Not "half an
        hour", "the second half of the course", "half way", "my other half" (a partner).  "the full"
        (a marathon, beside the half) is one only with the determiner right before it and the same
        ending ("finished the full in 4:10"; not "the full distance", "the full team")."""
        out = []
        found = [i for i in tab.where(("half", "full")) if i > 0]
        if not found:
            return out
        timed = {k for q in quantities if q.label == "duration"
                 for k in range(q.start, q.end)}  # the tokens inside durations
        for i in found:
            word = tab.lower[i]
            if i in timed:
                continue
            before = tab.lower[max(0, i - 2):i]
            owned = before[-1] in _HALF_BEFORE or word == "half" and len(before) == 2 and before[0] in _HALF_BEFORE \
                and (before[1].isalpha() and before[1] not in _SEGMENT and before[1] not in _PARTNER
                     or _CLOCK_TIME.fullmatch(before[1]) is not None)
            ends = i + 1 == tab.n or tab.lower[i + 1] in _HALF_AFTER or tab.is_punct(i + 1) and tab.text[i + 1] != "-"
            if owned and ends:
                out.append((i, i + 1, ("race", "running", "Run", None)))
        return out

    def _phrase_kind(self, phrase: str) -> tuple | None:
        """The kind of a phrase as written: "push - up" and "push up" are "push-up" where that is a form."""
        text = re.sub(r"\s*-\s*", "-", phrase)
        return self.kinds.get(text) or self.kinds.get(text.replace("-", " "))

    def _is_activity(self, doc: Doc, tab: ext.Tokens, start: int, end: int, root: Token | None,
                     kind: tuple, amount_sents: frozenset[int]) -> bool:
        """Whether a candidate is an activity; ``root`` is its root token where the doc is tagged."""
        form = kind[0]
        if end < tab.n and tab.lower[end] in self.blockers and not _group_session(tab, start, end, amount_sents):
            return False  # "running shoes", "workout partner", "cycling event", "bike shorts"
        if end < tab.n and tab.lower[end] in self.race_training_after \
                and " ".join(tab.lower[start:end]).replace(" - ", "-") in self.trained_races:
            return False  # "marathon training", "Ironman prep": what one trains for
        if start > 0 and tab.text[start - 1] in ("#", "@"):
            return False  # part of a hashtag or handle: the events component reads those
        if start > 1 and tab.text[start - 1] == "-" and tab.lower[start - 2] in _PREFIXES:
            return False  # "pre-race announcements", "post-run stretch"
        if _added_to_amount(tab, start):
            return False  # "750 m (+ run to T1)", "(+ the long run to T1)": a part added to the amount before
        word = tab.text[start]
        if word[:1].isupper() and word.lower() in _MONTH_VERBS and end - start == 1 \
                and (start != tab.sent_lo[start] or end < tab.n and tab.text[end][:1].isdigit()):
            return False  # "in March", "March 27": the month
        if form == "verb" and self._names_a_distance(tab, end):
            return False  # "a sprint distance race", "an Olympic-distance tri": the race's class, no sprint
        if form == "exercise" and end < tab.n and tab.lower[end] in _POSE_WORDS:
            return False  # "Squat Pose", "Lunge Pose": a yoga pose named for the exercise, no set of it
        if tab.lower[start] in self.ride_forms and self._vehicle_after(tab, end):
            return False  # "rode the bus to work", "riding an auto": a trip in it, no ride
        if tab.lower[start] in self.run_forms and self._venture_after(tab, end):
            return False  # "her parents ran a small bakery": a business kept, no run
        if kind[3] == "skipping" and end < tab.n and (tab.lower[end] in _DETERMINERS or tab.lower[end] in self.kinds
                                                      or end + 1 < tab.n and tab.lower[end + 1] in _POSSESSIVES):
            # "skipping my run", "skipping the gym", "skipping tonight's run": a missed session, not rope skipping
            return False
        if form == "verb" and _climb_of_a_name(tab, start, end):
            return True  # "my climb of Ben Larkspur": the climb of a hill named, a session as "my hike" is
        if root is None:
            # with no tagger, a verb form right after an article or a possessive is the thing ("my bike",
            # "a kayak", "in the sprint"), as the tagger's noun is below
            return not (form == "verb" and start > 0 and tab.lower[start - 1] in _ARTICLES_AND_POSSESSIVES)
        if form == "verb" and root.pos_ in ("NOUN", "PROPN") and root.dep_ == "compound" \
                and not ext.is_past_form(tab.lower[end - 1]) and not _amount_at(doc, end) \
                and root.head.lower_ not in self.spells:
            return False  # "the Run Club", but not a past tense the tagger took for a name's first word
                          # at the start of a sentence ("Hiked Mount Larkspur with Rhodri", "Ran Kelby parkrun"),
                          # nor a leg before its amount ("Swim 1.5k, bike 40k, run 10k"), nor the activity
                          # of a spell ("Ski day number 12": a day of skiing)
        if form == "verb" and root.pos_ == "NOUN" and start > 0 and tab.lower[start - 1] in _BEFORE_A_THING:
            return False  # "my bike", "a cycle": the machine, not the ride
        if root.dep_ in ("compound", "amod") and root.head.lower_ in self.blockers \
                and not _group_session(tab, start, end, amount_sents):
            return False  # "running shoes", "a ski pass" (the tagger may read "ski" there as an adjective)
        if form == "noun" and root.pos_ == "VERB" and kind[1] == "workout":
            return False  # "exercise" as a verb is listed under verbs when meant
        return True

    def _leg(self, tab: ext.Tokens, start: int, end: int, amounts: list[int]) -> bool:
        """Whether the word at ``start:end``, in a text that names a triathlon, is one of its legs
        (``triathlon_legs`` after "the" and before a distance or a time in its sentence: "On the bike (20 km)
        I averaged 31 km/h"), not the machine ("layers for the cold on the bike", "the bike route").
        ``amounts``: where the text's distances and times start, in order."""
        if end - start != 1 or start == 0 or tab.lower[start - 1] != "the" or tab.lower[start] not in self.legs \
                or end < tab.n and tab.lower[end] in self.blockers:
            return False
        k = bisect_right(amounts, start)
        return k < len(amounts) and amounts[k] < tab.sent_hi[start]

    def _vehicle_after(self, tab: ext.Tokens, end: int) -> bool:
        """Whether a vehicle of the lexicon's ``vehicles`` comes right after token ``end - 1``, or after
        one determiner there ("the bus", "an auto")."""
        j = end + 1 if end < tab.n and tab.lower[end] in _DETERMINERS else end
        return j < tab.n and tab.lower[j] in self.vehicles

    def _venture_after(self, tab: ext.Tokens, end: int) -> bool:
        """Whether a business of the lexicon's ``ventures`` comes after token ``end - 1``, a determiner or a
        possessive and at most one more word ("a bakery", "the family farm", "his own cafe")."""
        if end >= tab.n or tab.lower[end] not in _DETERMINERS:
            return False
        return any(j < tab.n and tab.lower[j] in self.ventures for j in (end + 1, end + 2))

    @staticmethod
    def _names_a_distance(tab: ext.Tokens, end: int) -> bool:
        """The word after a mention (a quote mark skipped) is "distance": the mention names a race class."""
        j = end
        while j < tab.n and tab.text[j] in _QUOTE_MARKS:
            j += 1
        return j < tab.n and tab.lower[j] == "distance"

    def _generic(self, doc: Doc, tab: ext.Tokens, start: int, end: int, root: Token | None, form: str,
                 often: set[int]) -> bool:
        """A gerund about the activity in general: "known for running", "running is fun"; not one the parse
        gives an amount or how often ("Walking 5 miles a day and swimming twice a week": ``often``, the tokens
        of how often)."""
        word = tab.lower[start]
        dropped_g = word.endswith("in") and word + "g" in self.single  # "runnin'", not "mountain climbing"
        if not (word.endswith("ing") or dropped_g) or form == "exercise":
            return False
        prev = tab.lower[max(0, start - 3):start]
        if any(p in _BE or p in _GO for p in prev[-2:]):
            return False  # "was running", "went cycling"
        if prev and prev[-1] in self.spells:
            return False  # "a great day skiing", "spent the morning hiking": a session
        if any(prev[k] in self.spells and prev[k + 1] == "of" for k in range(len(prev) - 1)):
            return False  # "an hour of riding", "two hours of hard cycling": a session that long
        if len(prev) > 1 and prev[-1] == "of" and any(ch.isdigit() for w in prev[:-1] for ch in w):
            return False  # "40 km of skiing", "10 miles of running": an amount of it
        if any(ch.isdigit() for w in prev for ch in w) and _amount_before(doc, start):
            return False  # "30 min running", "12 km cycling": that much of it
        if prev and prev[-1] in _DETERMINERS:
            return False  # "the running", "their cycling"
        if root is not None:
            if root.i > start:
                return False  # "Climbing session at the wall, two hours": the gerund tells what the session was
            if root.dep_ in ("ROOT", "conj", "advcl", "xcomp", "ccomp", "acl", "relcl", "pcomp") \
                    and any(c.dep_ in ("dobj", "npadvmod", "nummod", "prep") and c.like_num is False
                            and any(t.like_num for t in c.subtree) for c in root.children):
                return False  # "running 20 km"
            if root.dep_ in _SUBJECTS and root.head.lower_ in _PAST_BE:
                return False  # "Swimming in Lake Tarn with Elin was lovely": one session, told in the past
            # "Swimming is great", "Swimming outdoors in November is not for everyone" (a clause as subject)
            if root.dep_ in ("nsubj", "csubj", "pobj", "dobj", "conj", "attr") and root.pos_ in ("NOUN", "VERB"):
                return not any(t.like_num or t.i in often for t in root.subtree)
            if root.dep_ == "pcomp" and root.head.lower_ in ("for", "about", "of", "to"):
                return True
            return False
        if not (prev and prev[-1] in ("for", "of", "about")):
            return False
        return not any(t.like_num for t in doc[end:end + 3])


ADDED_REACH = 3  # "(+ the long run to T1)": at most this many words between "(+" and the activity word


def _added_to_amount(tab: ext.Tokens, start: int) -> bool:
    """Whether the word at ``start`` is inside a bracket opened by "(+", at most ADDED_REACH words after it
    ("750 m (+ run to T1)", "13 miles (+ the long run to transition)"): a part added to the amount before, no
    session of its own."""
    for k in range(start - 1, max(0, start - ADDED_REACH - 1), -1):
        if tab.text[k] == "+":
            return k > 0 and tab.text[k - 1] == "("
        if not tab.text[k].isalpha():
            return False
    return False


def _most(counts: Counter[str]) -> str | None:
    """The activity named most (``counts``: how often each is named, in the order first named), the
    first named of those named most; None for none."""
    return max(counts, key=counts.get) if counts else None


_MEANS = ("on", "by")  # the first word of a form that tells the means: "on the treadmill", "by bike", "on skis"
INSTEAD = ("instead",)  # a word right after a means that makes it a session done in place of the one told before
INSTEAD_REACH = 3  # how many tokens after the means that word may come ("on the turbo instead", "by bike instead")


def _without_told_means(tab: ext.Tokens, found: list[tuple]) -> list[tuple]:
    """``found`` (in order) without the forms that tell the means ("on the treadmill", "by bike") where
    their sentence names the same activity before them (a bare race names none: in "Spin class at 6am then
    a 5k on the treadmill" the means tells what the 5k was): "I ran 10 km on the treadmill" is one session,
    the means only says how.  Not where "instead" follows it: "Couldn't get out for my ride, so I did 40
    minutes on the turbo instead" tells a session done in place of the one before."""
    named: set[tuple[int, str]] = set()  # (sentence start, activity) of the forms kept
    kept = []
    for item in found:
        start, end, activity = item[0], item[1], item[2]
        told = (tab.sent_lo[start], activity) in named
        if not (told and end - start > 1 and tab.lower[start] in _MEANS and not _instead_after(tab, end)):
            kept.append(item)
        if item[3].form != "race":  # a bare race ("a 5k") takes its activity from the words around it
            named.add((tab.sent_lo[start], activity))
    return kept


def _instead_after(tab: ext.Tokens, end: int) -> bool:
    """Whether "instead" comes at most INSTEAD_REACH tokens after token ``end`` in its sentence."""
    hi = min(tab.sent_hi[end - 1], end + INSTEAD_REACH)
    return any(tab.lower[k] in INSTEAD for k in range(end, hi))


EMOJI_REACH = 4  # an amount starting at most this many tokens after an emoji (its modifiers included) is its


GROUP_DETERMINERS = frozenset({"the", "my", "our"})  # "with the audax group", "with my running club"


def _group_session(tab: ext.Tokens, start: int, end: int, amount_sents: frozenset[int]) -> bool:
    """Whether the word at ``start:end`` comes before a group noun and is the group's session: opening its
    sentence (past a day's name), a word of when or a colon after the noun ("Running club tonight, 8 km",
    "Walking group this morning", "Sunday swim crew: Ottilie, Rhodri and me": a caption), or after "with", a
    determiner and capitalised words in a sentence that tells a distance or a time (``amount_sents``: where
    those sentences start; "200 km from Brackenfold with the Tarnside audax group": the ride done with them)."""
    if end >= tab.n or tab.lower[end] not in GROUP_NOUNS:
        return False
    lo = tab.sent_lo[start]
    opens = start == lo or start == lo + 1 and tab.lower[lo] in day_words()  # "Sunday swim crew: Elin and me"
    if opens and end + 1 < tab.n and (tab.lower[end + 1] in GROUP_WHEN or tab.text[end + 1] == ":"):
        return True
    k = start - 1
    while k > lo and tab.text[k][:1].isupper():
        k -= 1
    if k <= lo or tab.lower[k] not in GROUP_DETERMINERS or tab.lower[k - 1] != "with":
        return False
    return lo in amount_sents


TITLE_REACH = 8  # a person's title at most this many tokens before a trail's "the" tells how it was done


TRAIL_DAY_LABELS = frozenset({"day", "stage", "leg"})  # "Day 3 of the Tarnside Coast Path": a day on the trail


def _day_of(tab: ext.Tokens, k: int) -> bool:
    """Whether token ``k`` is "of" after a day's label and its number ("Day 3 of", "Stage 12 of")."""
    return k >= 2 and tab.lower[k] == "of" and tab.lower[k - 1].isdigit() and tab.lower[k - 2] in TRAIL_DAY_LABELS


def _amounts(doc: Doc) -> list[ext.Mention]:
    """The distances and times fitpost_quantities found."""
    return [q for q in ext.mentions(doc, ext.QUANTITIES, "fp_quantity") if q.label in ("distance", "duration")]


def _amount_beside(doc: Doc, tab: ext.Tokens, start: int, end: int, modifiers: frozenset[str]) -> bool:
    """Whether a distance or a time of the emoji's (or amount noun's) sentence ends right before the emoji
    at ``start:end``, or but for words of ``modifiers`` and an "of" between ("45 min recovery spin", "45
    minutes of weights"), or starts at most EMOJI_REACH tokens after it ("🚴‍♀️ 62 km loop", "5 km 🏃")."""
    hi = min(tab.sent_hi[start], end + EMOJI_REACH)
    lo = tab.sent_lo[start]
    before = start
    while before > lo and tab.lower[before - 1] in modifiers:
        before -= 1
    if before > lo and tab.lower[before - 1] == "of":
        before -= 1
    return any(start >= q.end >= before or end <= q.start < hi for q in _amounts(doc))


def _amount_at(doc: Doc, start: int) -> bool:
    """Whether a distance or a time starts at token ``start``."""
    return any(q.start == start for q in _amounts(doc))


def _amount_before(doc: Doc, start: int) -> bool:
    """Whether a distance or a time ends right before token ``start``."""
    return any(q.end == start for q in _amounts(doc))


def _filter_spans(spans: list[tuple]) -> list[tuple]:
    """:func:`spacy.util.filter_spans` on tuples that start with (start, end): the first longest wins an overlap."""
    result = []
    seen: set[int] = set()
    for span in sorted(spans, key=lambda sp: (sp[1] - sp[0], -sp[0]), reverse=True):
        if span[0] not in seen and span[1] - 1 not in seen:
            result.append(span)
            seen.update(range(span[0], span[1]))
    return sorted(result, key=lambda sp: sp[0])


@Language.factory(
    "fitpost_activities",
    default_config={"lexicon": "activities.json"},
    assigns=["doc.spans", "span._.fp_activity"],
    requires=["span._.fp_quantity"],  # "their 10k": a bare race is a distance quantity
)
def make_activities(nlp: Language, name: str, lexicon: str) -> ActivityFinder:
    return ActivityFinder(nlp, name, lexicon=lexicon)
