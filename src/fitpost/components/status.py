"""fitpost_status: was the activity done, under way, planned, a routine, hypothetical or negated?

A ConText-style tagger (Chapman et al.; Harkema et al. 2009) whose rules are
data in ``models/status_rules.json``, checked when loaded (:func:`check_rules`):

* a rule has a trigger (``literal`` phrases, matched on token NORMs, and/or
  spaCy Matcher token ``pattern`` s; both go to the one rule engine,
  :class:`fitpost.patterns.TokenPatterns`), a ``category``, a ``direction``
  (forward, backward, bidirectional) and a ``max_scope`` in words (a name of a
  person, a place or an event is one word);
* a scope also ends at the sentence end, a line break, a quote mark, a
  TERMINATE trigger ("but", "because", ";") and, unless the rule allows it,
  a comma (a rule that says ``participles`` reaches past a comma right
  before an -ing word, which goes on with the clause: "swims every morning,
  covering 2 km");
* PSEUDO triggers are longer phrases that contain a trigger but mean
  something else ("not only", "no wonder", "can't wait"): overlapping
  matches are resolved longest first, so a pseudo-trigger blocks them; the
  rules matching one span give their cues in the order of the rule file;
* date spans from ``fitpost_dates`` act as cues too: a date holding one of
  the ``future_words`` of ``models/dates.json`` ("tomorrow", "next ...") or
  after the post date is a planned cue, one holding one of its
  ``past_words`` ("yesterday", "two weeks ago", "last Sunday") or before
  the post date a completed cue.

Which cue wins for an activity mention (``doc.spans["fp_activities"]``): a
category whose status is not real (``fitpost.statuses``: negated, then
hypothetical) wins over any other cue in whose scope the mention also is;
then the real categories by priority (planned > habitual > ongoing >
completed), the closest cue breaking a tie, except that a verb in the past
tense ("ran", "has run") takes no planned or ongoing cue ("I ran 10k
yesterday and will run again tomorrow").  A habitual cue on a simple-past
verb ("ran 20 km daily") gives its ``if_past`` category (completed) but keeps
its frequency, unless the mention is a plural noun ("did three runs a week":
sessions counted per period, a routine); one with an ``if_told_past`` category gives it to a mention after
it, not of what it is a part of ("Stage 4 of the Tour"), that no verb governs, where its sentence or the next
one holds a verb in the past ("Day 2 on the Tarnside Coast Path: a 12 mile walk in heavy rain. We reached
Marlow Vale by four.": a day of the trip told done).  With a dependency parse, a negated or hypothetical cue
does not reach into a relative clause ("would like to thank all who ran").

With no cue the tense decides (``tense_status``): simple past, present
perfect and past progressive are completed; present progressive ongoing (planned with a named
event right after it, an arrangement: "I'm running the Larkspur Marathon", where ``fitpost_events``
ran before);
present simple habitual (completed in a headline); "would" after a verb in
the past in its sentence (no "if", "wish", no "would have": ``_narrative_would``)
habitual, a past habit ("we formed a club and would cycle 30 km"), or
completed in a clause about a thing ahead ("a route that we would ride over
two days"), and its "would" cue is dropped; "could have done" hypothetical; an imperative or a
question (unless in the past) hypothetical; a generic mention ("known for
running") with no finite verb of its own habitual; a noun mention takes the tense of the verb that
governs it; no verb at all ("20km today!") is completed.  Tense comes from
the tagger where the pipeline has one, else from word lists (``past_forms``,
auxiliaries) on blank English.

Writes ``span._.fp_status = StatusInfo(status, cue, cue_start, frequency)``;
``cue_start`` is the character offset of the cue (None for a default).
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
import operator
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Token

from fitpost import ext, resources, statuses
from fitpost.components.base import Component
from fitpost.components.dates import direction_words, states_year
from fitpost.patterns import RuleError, TokenPatterns

_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
_QUOTES = {'"', "“", "”", "«", "»"}
FRAGMENT_TOKENS = 12  # a sentence with no verb right after a plan goes on with it if it has at most these tokens
ROUGHLY = frozenset(("about", "around", "roughly", "approx", "approximately", "nearly", "almost", "some", "over"))
_OPENING_QUOTES = {"“", "«"}
_CLOSING_QUOTES = {"”", "»"}
_BLOCKED_DEPS = {"relcl", "acl"}
_WOULD = {"would", "'d", "’d"}
_PREPOSITIONS = {"after", "before", "during", "in", "on", "at", "by", "from", "with", "for", "of", "to"}
_DAY_HALVES = {"am", "pm"}
_RACE_FORMS = frozenset(("event", "race"))  # a race named or by its distance: "doing the Tarnby Half", "doing a 10k"
LIST_ITEM_MARKS = {",", ";", ":"}  # the marks before an item of a list written on one line
LIST_JOINERS = frozenset({",", "and", "&", "/"})  # what joins the words of a list (records reads it too)
ITEM_JOINERS = LIST_JOINERS | {"or"}  # what joins the activity words of one list ("walk, run or ride")


def _clock_mark(lower: list[str], j: int) -> bool:
    """Whether token ``j`` is "am" or "pm" after a number: a time on the clock ("a 5 am run"), not the
    verb "am"."""
    return lower[j] in _DAY_HALVES and j > 0 and lower[j - 1][:1].isdigit()


# verbs in the present that tell what a thing is or holds, or what one thinks, not a routine:
# "a list that includes two marathons", "after the ride, I guess my legs were used to it";
# their present forms, as written (no lemmatizer runs)
_STATE_VERBS = {"am", "is", "are", "'m", "'s", "'re", "’m", "’s", "’re", "has", "have", "'ve", "’ve",
                "include", "includes", "feature", "features", "comprise", "comprises", "contain", "contains",
                "guess", "guesses", "think", "thinks", "reckon", "reckons", "suppose", "supposes",
                "believe", "believes", "know", "knows", "remember", "remembers"}
# words that make a "would" conditional or wished for, whatever the tense around it
_UNREAL = {"if", "unless", "wish", "wished", "imagine", "imagined", "suppose", "supposing"}
_CATEGORY = operator.attrgetter("category")

# -- the rule file -----------------------------------------------------------------------------

_RULE_KEYS = {"_", "literal", "pattern", "category", "direction", "max_scope", "comma", "labels", "frequency",
              "if_past", "if_progressive", "if_told_past", "target", "overlap", "requires", "ends_labels",
              "participles"}
_FLAG_KEYS = ("comma", "labels", "overlap", "ends_labels", "participles")  # rule keys that are true or false
_DEFAULT_KEYS = {"max_scope", "direction", "date_scope", "date_label_scope"}
_CATEGORY_KEYS = {"status", "priority"}
_DIRECTIONS = ("forward", "backward", "bidirectional")
_TARGETS = ("verb", "noun")
_SPECIAL = ("PSEUDO", "TERMINATE")  # categories with no status: they block or end other cues
_NAMED = ("planned", "ongoing", "completed")  # categories the tagger itself gives or compares (dates, past verbs)


def _first_trigger(entry: dict) -> str:
    """A rule's first trigger, as it is written in the file (for error messages)."""
    literal = entry.get("literal")
    if isinstance(literal, list) and literal:
        literal = literal[0]
    if isinstance(literal, str) and literal.strip():
        return json.dumps(literal, ensure_ascii=False)
    pattern = entry.get("pattern")
    if isinstance(pattern, list) and pattern:
        text = json.dumps(pattern[0], ensure_ascii=False)
        return text if len(text) <= 60 else text[:57] + "..."
    return "no trigger"


def _check_categories(categories: object, source: str) -> None:
    """Each category has a status of ``fitpost.statuses`` and a whole-number priority; PSEUDO and
    TERMINATE have none; the categories the tagger names exist."""
    if not isinstance(categories, dict):
        raise RuleError(f"{source}: 'categories' must be an object of category names")
    known = statuses.names()
    for name, entry in categories.items():
        if not isinstance(entry, dict) or set(entry) - _CATEGORY_KEYS:
            raise RuleError(f"{source}: category {name!r}: the keys are {sorted(_CATEGORY_KEYS)}")
        status = entry.get("status")
        if name in _SPECIAL:
            if status is not None:
                raise RuleError(f"{source}: category {name!r} has no status (null)")
            continue
        if status not in known:
            raise RuleError(f"{source}: category {name!r}: status {status!r} is not one of {list(known)}")
        if not isinstance(entry.get("priority"), int) or isinstance(entry.get("priority"), bool):
            raise RuleError(f"{source}: category {name!r} needs a whole-number priority")
    missing = [name for name in (*_SPECIAL, *_NAMED) if name not in categories]
    if missing:
        raise RuleError(f"{source}: the categories {missing} are missing")


def _rule_problem(entry: dict, categories: dict) -> str | None:
    """What is wrong with one rule entry of the file (None: nothing)."""
    unknown = sorted(set(entry) - _RULE_KEYS)
    if unknown:
        return f"unknown key {unknown[0]!r} (known: {', '.join(sorted(_RULE_KEYS))})"
    if entry.get("category") not in categories:
        return f"unknown category {entry.get('category')!r} (known: {', '.join(categories)})"
    if entry.get("direction", "forward") not in _DIRECTIONS:
        return f"bad direction {entry['direction']!r} (one of {', '.join(_DIRECTIONS)})"
    literal, pattern = entry.get("literal", []), entry.get("pattern", [])
    literals = [literal] if isinstance(literal, str) else literal
    if not isinstance(literals, list) or not all(isinstance(w, str) and w.strip() for w in literals):
        return "empty trigger: 'literal' is a phrase or a list of phrases, none of them blank"
    if not isinstance(pattern, list) or not all(isinstance(p, list) and p and all(isinstance(t, dict) for t in p)
                                                for p in pattern):
        return "empty trigger: 'pattern' is a list of token patterns, each a non-empty list of token objects"
    if not literals and not pattern:
        return "empty trigger: the rule has no 'literal' and no 'pattern'"
    scope = entry.get("max_scope", 1)
    if not isinstance(scope, int) or isinstance(scope, bool) or scope < 1:
        return f"bad max_scope {scope!r} (a whole number of tokens, at least 1)"
    if any(not isinstance(entry.get(k, False), bool) for k in _FLAG_KEYS):
        *others, last = (f"'{k}'" for k in _FLAG_KEYS)
        return f"{', '.join(others)} and {last} are true or false"
    for key in ("if_past", "if_progressive", "if_told_past"):
        if entry.get(key, "completed") not in categories:
            return f"unknown {key} category {entry[key]!r}"
    if entry.get("target", "verb") not in _TARGETS:
        return f"bad target {entry['target']!r} (verb or noun)"
    if not isinstance(entry.get("frequency", ""), str):
        return "'frequency' is a word (daily, weekly ...)"
    requires = entry.get("requires", [])
    if not isinstance(requires, list) or not all(isinstance(w, str) and w for w in requires):
        return "'requires' is a list of words"
    return None


def check_rules(data: dict, source: str) -> list[tuple[int, dict]]:
    """The rules of a status rule file as (index, entry), comments (entries with only "_") left out.

    Raises :class:`~fitpost.patterns.RuleError` naming ``source``, the rule's index and its first
    trigger for an unknown key, an unknown category, a bad direction, an empty trigger or a bad
    value; and for malformed categories or defaults.
    """
    categories = data.get("categories")
    _check_categories(categories, source)
    defaults = data.get("defaults", {})
    if not isinstance(defaults, dict) or set(defaults) - _DEFAULT_KEYS:
        raise RuleError(f"{source}: 'defaults' has the keys {sorted(_DEFAULT_KEYS)}")
    if defaults.get("direction", "forward") not in _DIRECTIONS:
        raise RuleError(f"{source}: defaults: bad direction {defaults['direction']!r} "
                        f"(one of {', '.join(_DIRECTIONS)})")
    bad_tense = {t: s for t, s in data.get("tense_status", {}).items() if s not in statuses.names()}
    if bad_tense:
        raise RuleError(f"{source}: tense_status: {bad_tense} are not statuses")
    rules = data.get("rules")
    if not isinstance(rules, list):
        raise RuleError(f"{source}: 'rules' must be a list")
    out = []
    for i, entry in enumerate(rules):
        if not isinstance(entry, dict):
            raise RuleError(f"{source}: rule {i}: a rule is an object")
        if set(entry) == {"_"}:
            continue  # a comment
        problem = _rule_problem(entry, categories)
        if problem is not None:
            raise RuleError(f"{source}: rule {i} ({_first_trigger(entry)}): {problem}")
        out.append((i, entry))
    return out


def _longest_first(by_span: dict[tuple[int, int], list[Rule]]) -> list[tuple[int, int]]:
    """The trigger spans in the order overlaps are settled: longest first, a pseudo-trigger before
    others of its length, then by start."""
    order = sorted((start - end, "PSEUDO" not in map(_CATEGORY, rules), start, end)
                   for (start, end), rules in by_span.items())
    return [(start, end) for _, _, start, end in order]


@dataclass(slots=True)
class Rule:
    category: str
    direction: str = "forward"
    max_scope: int = 8
    comma: bool = False
    labels: bool = False  # a label before a colon: reaches over its list, past commas and "then", to the line's end
    frequency: str | None = None
    if_past: str | None = None
    if_progressive: str | None = None
    if_told_past: str | None = None  # of a mention no verb governs, in a sentence told in the past or before one
    target: str | None = None
    overlap: bool = False  # may qualify a mention inside its own trigger ("before cycling")
    ends_labels: bool = False  # a TERMINATE that ends only the scopes of labels (the writer's own clause after one)
    participles: bool = False  # reaches past a comma right before an -ing word ("swims every morning, covering 2 km")
    requires: frozenset = field(default_factory=frozenset)


@dataclass(slots=True)
class Cue:
    rule: Rule
    start: int  # token offsets of the trigger
    end: int
    text: str
    start_char: int
    lo: int = 0  # the scope, token offsets
    hi: int = 0


# a Doc with at most this many cues tries each for every mention: finding them by where they lie costs
# more than it saves there
SCAN_ALL = 32


THING_DETERMINERS = frozenset(("the", "this", "that"))
COPULA_AFTER = frozenset(("is", "was", "has", "had", "'s", "’s"))


def thing_told_of(tab: ext.Tokens, start: int, end: int, info: ext.ActivityInfo | None) -> bool:
    """Whether the noun mention at tokens ``start:end`` is a thing its sentence tells of: "the", "this" or "that"
    right before it and "is", "was", "has" or "had" right after it ("This race has been on my mind every day",
    "The race is held every year"): how often is said of what its predicate tells, not of sessions of it."""
    lows = tab.lower
    return info is not None and info.form in ("noun", "race") and start > 0 \
        and lows[start - 1] in THING_DETERMINERS and end < tab.n and lows[end] in COPULA_AFTER


class _Scopes:
    """A Doc's cues by where their scopes lie: the cues that may reach a mention are found without trying
    every cue of the Doc (a long text has thousands)."""

    __slots__ = ("cues", "order", "los", "widest")

    def __init__(self, cues: list[Cue]) -> None:
        self.cues = cues
        if len(cues) <= SCAN_ALL:
            return
        self.order = sorted(range(len(cues)), key=lambda k: cues[k].lo)  # the cues by where their scopes start
        self.los = [cues[k].lo for k in self.order]
        self.widest = max(c.hi - c.lo for c in cues)

    def near(self, start: int, end: int) -> list[Cue]:
        """The cues whose scopes may reach tokens ``start:end``, in their order in ``cues`` (the order
        ties are settled in): those whose scopes start before ``end`` and after ``start`` less the widest
        scope (one starting earlier ends before ``start``); all of them, in a Doc of few."""
        if len(self.cues) <= SCAN_ALL:
            return self.cues
        first = bisect_right(self.los, start - self.widest)
        last = bisect_left(self.los, end)
        return [self.cues[k] for k in sorted(self.order[first:last])]


_BEFORE_EVENT = frozenset(("the", "in", "at", "on"))  # words between a verb and the event it names


class _DocView:
    """A Doc as the tagger reads it: the shared token table, the token NORMs (string ids)
    and which annotations it has."""

    __slots__ = ("doc", "tab", "norms", "tagged", "parsed", "sentences", "event_starts", "amount_ends",
                 "exercise_tokens", "amount_tokens", "dates", "no_subject_at", "past_of_sentence", "first_pronoun",
                 "_titled", "_title_end", "plan_end", "item_of", "period_starts", "distance_ends", "date_starts",
                 "word_numbers", "often_sents")

    def __init__(self, doc: Doc, activities: list[ext.Mention] | None = None,
                 events: list[ext.Mention] | None = None) -> None:
        """``activities``, ``events``: the Doc's activity mentions and named events, where read already."""
        self.doc = doc
        self.tab = ext.tokens(doc)
        if activities is None:
            activities = ext.mentions(doc, ext.ACTIVITIES, "fp_activity")
        if events is None:
            events = ext.mentions(doc, ext.EVENTS, "fp_event")
        self.norms: list[int] = self.tab.norm_ids()
        self.tagged = ext.has_annotation(doc, "TAG")
        self.parsed = ext.has_annotation(doc, "DEP")
        self.sentences = ext.has_annotation(doc, "SENT_START")
        # the first tokens of the named events fitpost_events found, where it ran before
        self.event_starts = {e.start for e in events}
        self.dates = ext.mentions(doc, ext.DATES, "fp_date")  # the dates fitpost_dates found, where it ran before
        self.date_starts = [d.start for d in self.dates]  # in order
        # each token's number as a word, where a name (a person, a place, an event) is one word: how far a cue
        # or a date reaches is told in words ("riding from Tarnby Castle to Larkspur Abbey next week")
        names = ext.mentions(doc, ext.PEOPLE, "fp_person") + ext.mentions(doc, ext.PLACES, "fp_place") + events
        self.word_numbers = _word_numbers(self.tab.n, names)
        # where a verb has no subject: right after a date opening its sentence, its line or an item of a list
        # ("Thu swim 2 km", "Week recap: Tue 8 km easy, Thu swim 2 km"), and in a list of activity words
        # opening its sentence ("Swim, bike, run: 750 m, 20 km, 5 km")
        self.no_subject_at = {d.end for d in self.dates if d.start == self.tab.sent_lo[d.start]
                              or self.tab.lower[d.start - 1] in LIST_ITEM_MARKS}
        self.no_subject_at |= self._opening_list(ext.mentions(doc, ext.ACTIVITIES, "fp_activity"))
        # where each distance or time fitpost_quantities found ends, and the words a count holds after its
        # number ("3x10 lunges"): a word right after an amount is a noun
        found = ext.mentions(doc, ext.QUANTITIES, "fp_quantity")
        self.amount_ends = {q.end for q in found if q.label in ("distance", "duration")} | \
            {k for q in found if q.label == "count" for k in range(q.start + 1, q.end)}
        # a word right after a comma that follows an amount is an item of a list of sessions, with no subject
        # ("Swim 1500 m, bike 40 km, run 10 km")
        self.no_subject_at |= {k + 1 for k in self.amount_ends if k + 1 < self.tab.n and self.tab.text[k] == ","}
        # where each time of days, weeks or months starts ("in 3 weeks": a race that far ahead)
        self.period_starts = {q.start for q in found if q.label == "duration" and q.info.unit in PERIOD_UNITS}
        self.distance_ends = {q.end for q in found if q.label == "distance"}  # "a 10k", "marathon": races by distance
        # the words of every amount: no verb, though a tagger may read a unit as one ("412 m elev.")
        self.amount_tokens = {k for q in found for k in range(q.start, q.end)}
        # the words of the exercises named ("squats", "calf raises"): nouns, though a tagger may read
        # "deadlifts" or "raises" as the verb of a log line
        self.exercise_tokens = {k for m in activities if m.info.form == "exercise" for k in range(m.start, m.end)}
        # of StatusTagger._past_of_sentence, by the sentence's first token
        self.past_of_sentence: dict[int, tuple[bool, int]] = {}
        # the sentences a cue of how often is in ("a day", "every morning"), by their first token (filled by
        # StatusTagger.cues)
        self.often_sents: set[int] = set()
        # the first subject pronoun of a sentence (its end where it has none), by its first token
        self.first_pronoun: dict[int, int] = {}
        self._titled: dict[int, bool | None] = {}  # of :meth:`titled`, by the sentence's first token
        self._title_end: int | None = None  # of :meth:`title_end`, once read
        self.plan_end = -1  # where the sentence of the latest planned mention tagged ends (its token after)
        # the status of the activity word an item of a list follows ("walk, run or ride"), by the item's start
        self.item_of: dict[int, ext.StatusInfo] = {}

    def words_on(self, start: int, words: int) -> int:
        """The token after the first ``words`` words from token ``start`` on (a name is one word)."""
        if start >= self.tab.n:
            return self.tab.n
        return bisect_left(self.word_numbers, self.word_numbers[start] + words, lo=start)

    def words_back(self, start: int, words: int) -> int:
        """The first token of the ``words`` words before token ``start`` (a name is one word)."""
        return bisect_left(self.word_numbers, self.word_numbers[start] - words, hi=start)

    def _opening_list(self, activities: list[ext.Mention]) -> set[int]:
        """Where the activity words after the first of a list opening its sentence start (``activities``: the
        activity mentions, in order), each joined to the one before by list joiners alone."""
        out: set[int] = set()
        lows, sent_lo = self.tab.lower, self.tab.sent_lo
        for before, m in zip(activities, activities[1:]):
            opens = before.start == sent_lo[before.start] or before.start in out or before.start in self.no_subject_at
            if opens and before.end < m.start and all(w in LIST_JOINERS for w in lows[before.end:m.start]):
                out.add(m.start)
        return out

    def titled(self, i: int) -> bool | None:
        """Whether token ``i``'s sentence (the whole Doc without sentence bounds) has its words capitalised
        (at least 0.7 of them); None where it cannot be a title at all: it ends with closing punctuation
        or has fewer than two words.  Worked out once per sentence: each mention of a long sentence asks."""
        lo = self.tab.sent_lo[i]
        if lo not in self._titled:
            sent = self.tab.text[lo:self.tab.sent_hi[i]]
            words = [w for w in sent if w.isalpha()]
            last = next((w for w in reversed(sent) if not w.isspace()), None)
            if last is None or last in (".", "!", "?", "…") or len(words) < 2:
                self._titled[lo] = None
            else:
                self._titled[lo] = sum(w.istitle() or w.isupper() for w in words) >= 0.7 * len(words)
        return self._titled[lo]

    def title_end(self) -> int:
        """Where the text's title ends (:func:`fitpost.ext.title_end`), -1 when it has none; read once."""
        if self._title_end is None:
            self._title_end = ext.title_end(ext.text(self.doc))
        return self._title_end

    def names_event_after(self, span: ext.Mention) -> bool:
        """Whether a named event follows the mention, at most a preposition and "the" between ("running
        the Larkspur Marathon", "racing in the Larkspur 10k")."""
        k = span.end
        while k < self.tab.n and k - span.end < 2 and self.tab.lower[k] in _BEFORE_EVENT:
            k += 1
        return k in self.event_starts

    def norm(self, i: int) -> str:
        """The NORM of token ``i``."""
        return self.doc.vocab.strings[self.norms[i]]


class StatusTagger(Component):
    """Give every activity mention a :class:`~fitpost.ext.StatusInfo`."""

    # -- rules ------------------------------------------------------------------------------

    def load(self) -> None:
        name = self.config.get("rules", "status_rules.json")
        data = resources.load_json(name)
        rules = check_rules(data, f"models/{name}")
        categories = {k: v for k, v in data["categories"].items() if v.get("status") is not None}
        self.category_status: dict[str, str] = {k: v["status"] for k, v in categories.items()}
        self.priority: dict[str, int] = {k: v["priority"] for k, v in categories.items()}
        self.real: dict[str, bool] = {k: statuses.is_real(v["status"]) for k, v in categories.items()}
        defaults = data.get("defaults", {})
        self.default_scope = int(defaults.get("max_scope", 8))
        self.default_direction = defaults.get("direction", "forward")
        self.date_scope = int(defaults.get("date_scope", self.default_scope))
        self.date_rules = {category: Rule(category=category, direction="bidirectional", max_scope=self.date_scope)
                           for category in ("planned", "completed")}  # the cues dates give
        # a date labelling what follows its colon ("Tomorrow: 3x1km, then an easy 5k") reaches over that list
        label_scope = int(defaults.get("date_label_scope", self.date_scope))
        self.date_label_rules = {category: Rule(category=category, max_scope=label_scope, comma=True, labels=True)
                                 for category in ("planned", "completed")}
        self.past_date_words, self.future_date_words = direction_words(self.config.get("dates", "dates.json"))
        self.tense_status: dict[str, str] = data["tense_status"]
        self.past_forms = set(data["past_forms"])
        self.aux = {k: set(v) for k, v in data["aux"].items()}
        self.known_aux = set().union(*(v for k, v in self.aux.items() if k != "skip"))
        self.pronouns = set(data["subject_pronouns"])
        arranged = data["arranged"]
        self.arranged_reach = int(arranged["reach"])
        self.today_words = frozenset(arranged["today_words"])
        self.saying_words = frozenset(data["sayings"]["words"])
        self.saying_reach = int(data["sayings"]["reach"])
        self._load_triggers(rules, data.get("equivalents", {}))
        # NORMs as string ids, compared with the token table's ids without looking their strings up
        ids = self.vocab.strings.add
        self.known_aux_ids = {ids(w) for w in self.known_aux}
        self.future_ids = {ids(w) for w in self.aux["future"]}
        self.am_are_ids = {ids("am"), ids("are")}
        self.not_id = ids("not")

    def _load_triggers(self, rules: list[tuple[int, dict]], equivalents: dict[str, list[str]]) -> None:
        """Each checked rule as a :class:`Rule` under the key ``fp_status_<index>``, its triggers in the engine:
        token patterns as they are, literals as phrases of NORMs, split as the pipeline splits text, each
        word also as its ``equivalents`` (did/do, is/'s ...)."""
        self.matcher = TokenPatterns(self.vocab)
        self.rules: dict[str, Rule] = {}
        for i, entry in rules:
            key = f"fp_status_{i}"
            self.rules[key] = Rule(category=entry["category"], direction=entry.get("direction", self.default_direction),
                                   max_scope=int(entry.get("max_scope", self.default_scope)),
                                   comma=entry.get("comma", False), labels=entry.get("labels", False),
                                   frequency=entry.get("frequency"),
                                   if_past=entry.get("if_past"), if_progressive=entry.get("if_progressive"),
                                   if_told_past=entry.get("if_told_past"),
                                   target=entry.get("target"),
                                   overlap=entry.get("overlap", False), ends_labels=entry.get("ends_labels", False),
                                   participles=entry.get("participles", False),
                                   requires=frozenset(w.lower() for w in entry.get("requires", ())))
            if entry.get("pattern"):
                self.matcher.add(key, entry["pattern"])
            literals = entry.get("literal", [])
            phrases = []
            for literal in [literals] if isinstance(literals, str) else literals:
                norms = [[n] + [e for e in equivalents.get(n, []) if e != n]
                         for n in (t.norm_ for t in self.tokenizer(literal))]
                phrases.extend(itertools.product(*norms))
            if phrases:
                self.matcher.add_phrases(key, phrases, attr="NORM")

    # -- cues -------------------------------------------------------------------------------

    def cues(self, doc: Doc, regions: list[tuple[int, int]] | None = None,
             view: _DocView | None = None) -> tuple[list[Cue], set[int]]:
        """The triggers that survive pseudo-triggers and overlaps, and the tokens of pseudo-triggers.

        ``regions`` (token offsets, default the whole Doc) limits the search:
        a scope never leaves its sentence, so only sentences with a mention matter.  ``view``: the
        tagger's view of ``doc``, if made already.
        """
        view = view if view is not None else _DocView(doc)
        tab, text = view.tab, ext.text(doc)
        regions = regions if regions is not None else [(0, len(doc))]
        by_span = self._triggers(doc, regions)
        taken: set[int] = set()
        cues: list[Cue] = []
        stops: set[int] = set()
        label_stops: set[int] = set()  # of the TERMINATE matches that end a label's scope too
        pseudo: set[int] = set()
        for start, end in _longest_first(by_span):
            if not taken.isdisjoint(range(start, end)):
                continue
            taken.update(range(start, end))
            rules = [r for r in by_span[(start, end)] if r.category != "PSEUDO"]
            if not rules:
                pseudo.update(range(start, end))
                continue  # a pseudo-trigger: blocks the triggers it overlaps
            if "TERMINATE" in map(_CATEGORY, rules):
                ends = [r.ends_labels for r in rules if r.category == "TERMINATE"]
                if not all(ends):
                    stops.update(range(start, end))
                if any(ends):
                    label_stops.update(range(start, end))
                continue
            words = text[tab.idx[start]:tab.end[end - 1]]
            for rule in rules:
                cues.append(Cue(rule, start, end, words, tab.idx[start]))
        breaks = sorted(self._breaks(tab, text))
        stops.update(breaks)
        view.often_sents = {tab.sent_lo[c.start] for c in cues if c.rule.frequency}
        cues = [c for c in cues if not (c.end - c.start == 1 and self._narrative_would(view, c.start))]
        cues.extend(self._date_cues(doc, tab, text, regions, view.dates))
        sorted_stops = sorted(stops)
        label_scope_stops = sorted(label_stops.union(breaks)) if label_stops else breaks
        for cue in cues:
            cue.lo, cue.hi = self._scope(view, cue, label_scope_stops if cue.rule.labels else sorted_stops)
        return cues, pseudo

    def _narrative_would(self, view: _DocView, i: int) -> bool:
        """Token ``i`` is a "would" that tells a past habit or the past's future, not a wish or a
        condition: a verb in the past before it in its sentence ("we moved to the coast and would
        swim each morning", "planned a loop that they would hike in a weekend"), or, where its sentence
        tells how often (``_DocView.often_sents``), a verb in the past anywhere in it or in the sentence before ("During
        the crossing they would paddle for ten hours a day", after a sentence told in the past) and no "but"
        after it; no "if", "wish" ... in its sentence, and no "have" after it ("would have run" is what did
        not happen)."""
        tab = view.tab
        lower = tab.lower
        if lower[i] not in _WOULD or i + 1 < tab.n and lower[i + 1] in self.aux["have"]:
            return False
        lo = tab.sent_lo[i]
        unreal, first_past = self._past_of_sentence(view, lo)
        if unreal or first_past < i:
            return not unreal
        if lo not in view.often_sents or "but" in lower[i:tab.sent_hi[lo]]:
            return False  # "I would run every day but my knees hurt": a wish, what stops it told after
        if first_past < tab.sent_hi[lo]:
            return True
        if lo == 0:
            return False
        before = tab.sent_lo[lo - 1]
        return self._past_of_sentence(view, before)[1] < tab.sent_hi[before]

    def _past_of_sentence(self, view: _DocView, lo: int) -> tuple[bool, int]:
        """Of the sentence starting at token ``lo``: whether it holds an unreal word ("if", "wish" ...),
        and its first verb in the past (its end where it has none): the tagger's VBD, or on blank English a
        listed past form, "was", "had" or "we rented".  Read once per sentence (``view`` keeps it): every
        "would" of a long sentence asks."""
        known = view.past_of_sentence.get(lo)
        if known is not None:
            return known
        tab, doc = view.tab, view.doc
        lower, hi = tab.lower, tab.sent_hi[lo]
        first = hi
        for j in range(lo, hi):
            if view.tagged:
                if doc[j].tag_ == "VBD":
                    first = j
                    break
            elif lower[j] in self.past_forms or lower[j] in self.aux["past_be"] or lower[j] == "had" \
                    or (lower[j].endswith("ed") and len(lower[j]) > 4 and j > lo and lower[j - 1] in self.pronouns):
                first = j
                break
        known = view.past_of_sentence[lo] = (not _UNREAL.isdisjoint(lower[lo:hi]), first)
        return known

    def _triggers(self, doc: Doc, regions: list[tuple[int, int]]) -> dict[tuple[int, int], list[Rule]]:
        """Every trigger match inside ``regions``: (start, end) -> its rules, in the order of the rule file."""
        by_span: dict[tuple[int, int], list[Rule]] = {}
        for key, start, end in self.matcher(doc, regions):
            by_span.setdefault((start, end), []).append(self.rules[key])
        return by_span

    @staticmethod
    def _breaks(tab: ext.Tokens, text: str) -> list[int]:
        """The tokens no scope crosses: a quote mark and a line break (a space token holding one), found
        from the text's few line breaks rather than by testing every token.  (Those outside the sentences
        read are harmless: a scope stays in its sentence.)"""
        out = list(tab.where(_QUOTES))
        at = text.find("\n")
        while at >= 0:
            i = bisect_right(tab.idx, at) - 1  # the token holding the line break
            if "\n" in tab.text[i] and tab.text[i].isspace():
                out.append(i)
            at = text.find("\n", max(at + 1, tab.end[i]))
        return out

    def _date_cues(self, doc: Doc, tab: ext.Tokens, text: str, regions: list[tuple[int, int]],
                   dates: list[ext.Mention]) -> list[Cue]:
        """The cues the date spans (``dates``: the Doc's, empty too when fitpost_dates did not run) starting
        inside ``regions`` give: a scope stays in the sentence its cue starts in, so a date elsewhere reaches
        no mention."""
        if not dates:
            return []
        posted = None  # the post date, read at the first date with a year (a Doc extension is slow to read)
        out = []
        for span in dates:
            start, end = span.start, span.end
            if ext.range_at(regions, start) is None:
                continue
            words = set(tab.lower[start:end])
            start_char = tab.idx[start] if start < tab.n else len(text)
            span_text = text[start_char:tab.char_end(start, end)]
            if not words.isdisjoint(self.future_date_words):
                category = "planned"
            elif not words.isdisjoint(self.past_date_words):
                category = "completed"
            elif not _YEAR.search(span_text):
                continue  # "on Sunday", "in January": which way it points was itself a guess
            else:
                posted = posted or ext.doc_value(doc, "fp_posted_at")
                value = getattr(span.info, "value", None)
                if posted is None or value is None or value == posted:
                    continue
                category = "planned" if value > posted else "completed"
            labels = end < tab.n and tab.text[end] == ":"
            out.append(Cue((self.date_label_rules if labels else self.date_rules)[category], start, end, span_text,
                           start_char))
        return out

    @staticmethod
    def _scope(view: _DocView, cue: Cue, stops: list[int]) -> tuple[int, int]:
        """The tokens a cue's rule reaches (``lo:hi``): ``max_scope`` words its way (a name is one word), in its
        sentence, up to the nearest of ``stops`` (sorted: a label's are only line breaks and quote marks) and,
        unless the rule allows commas, the nearest comma."""
        tab = view.tab
        s_start, s_end = tab.sent_lo[cue.start], tab.sent_hi[cue.start]
        rule = cue.rule
        lo, hi = cue.start, cue.end
        if rule.direction in ("forward", "bidirectional"):
            hi = min(s_end, view.words_on(cue.end, rule.max_scope))
            words = tab.text[cue.end:hi]
            if not rule.comma and "," in words:
                hi = _first_comma(tab, cue.end, hi, rule.participles)
            k = bisect_left(stops, cue.end)  # the first stop after the cue
            if k < len(stops) and stops[k] < hi:
                hi = stops[k]
        if rule.direction in ("backward", "bidirectional"):
            lo = max(s_start, view.words_back(cue.start, rule.max_scope))
            words = tab.text[lo:cue.start]
            if not rule.comma and "," in words:
                lo = cue.start - words[::-1].index(",")
            k = bisect_left(stops, cue.start) - 1  # the last stop before the cue
            if k >= 0 and stops[k] >= lo:
                lo = stops[k] + 1
        return lo, hi

    # -- tense ------------------------------------------------------------------------------

    def _tense(self, view: _DocView, i: int, depth: int = 0, pseudo: frozenset | set = frozenset()) -> str:
        """The tense of the verb group token ``i`` heads (see ``tense_status``).

        A participle, an infinitive or a noun takes the tense of the verb that
        governs it (``depth`` >= 4 stops that: the token's own tense only).
        Auxiliaries inside a pseudo-trigger ("can be seen doing") do not count.
        """
        lower = view.tab.lower
        low = lower[i]
        auxes = self._auxiliaries(view, i)
        if auxes and pseudo:
            auxes = [a for a in auxes if a not in pseudo]
        lowers = [lower[a] for a in auxes]
        would = next((a for a in auxes if self._narrative_would(view, a)), None)
        if would is not None:
            if self._object_clause(view, would):
                return "past_modal"  # "mapped out a route that we would ride over two days": then done
            return "past_habit"  # "would cycle" in a past story: what was done then, again and again
        if auxes:
            norms = [norm if (norm := view.norm(a)) not in ("'s", "’s") else lower[a] for a in auxes]
            tense = self._aux_tense(set(norms) | set(lowers), lowers, low.endswith("ing"))
            if tense is not None:
                return tense
        if "to" in lowers:
            return self._governing(view, i, depth, pseudo)
        if low in self.past_forms:
            return "past"
        ing = low.endswith("ing")
        if view.tagged:
            token = view.doc[i]
            tag = token.tag_
            if tag == "VBD" or tag == "VBN" and i == view.tab.sent_lo[i]:
                # a participle opening its sentence, no auxiliary before it, is a diary's past with the subject
                # left out ("Kayaked from Tarnby harbour to the lighthouse", where a tagger reads "harbour" as the verb)
                return "past"
            if tag in ("VBZ", "VBP") and i != view.tab.sent_lo[i] and i not in view.no_subject_at:
                # not a word opening its sentence or line, nor one right after a date opening it, with no
                # subject: "Run 15 min - 3 km", "Thu swim 2 km"
                return "present"
            if tag == "VB" and self._imperative(view, token) and not self._dated_done(view, i):
                return "imperative"
            return self._governing(view, i, depth, pseudo)
        if low.endswith("ed") and len(low) > 4:
            return "past"
        if ing:
            return self._governing(view, i, depth, pseudo)
        subject = i - 1  # the word before the verb, past adverbs such as "just" or "still" ("I just swim")
        while subject >= max(0, i - 3) and lower[subject] in self.aux["skip"]:
            subject -= 1
        prev = lower[subject] if subject >= 0 else ""
        if prev in self.pronouns and prev != "it":
            return "present"
        if prev == "and":
            coordinated = self._first_conjunct_tense(view, subject)
            if coordinated is not None:
                return coordinated
        return self._governing(view, i, depth, pseudo)

    def _first_conjunct_tense(self, view: _DocView, k: int) -> str | None:
        """On blank English, the tense a bare verb after "and" (token ``k``) shares with the verb before it
        in its clause: "past" where a past form comes first, "present" where a subject pronoun stands
        right before a word that is no auxiliary nor past ("After class I hop on my bike and ride");
        None where the clause tells neither."""
        lower, lo = view.tab.lower, view.tab.sent_lo[k]
        for j in range(k - 1, max(lo, k - 10) - 1, -1):
            word = lower[j]
            if word in (",", ";", ":"):
                return None
            if word in self.past_forms or word.endswith("ed") and len(word) > 4:
                return "past"
            if word in self.pronouns and word != "it" and j + 1 < k:
                after = lower[j + 1]
                if after in self.known_aux or after in self.past_forms or after.endswith("ed"):
                    return None
                return "present"
        return None

    def _mention_tense(self, view: _DocView, span: ext.Mention, token: int, is_verb: bool,
                       pseudo: frozenset | set) -> str:
        """The tense of a mention read from ``token``, its first word for a verb (see ``_tense``).

        A verb of two words whose first only says how ("top roped", "power walked") is inflected in its
        last: ending in -ed with no auxiliary before it, it is past ("I top roped the route"), though a
        tagger reads the first word as a present verb.
        """
        last = span.end - 1
        if is_verb and last > span.start and view.tab.lower[last].endswith("ed") \
                and not self._auxiliaries(view, span.start):
            return "past"
        if view.tagged and view.doc[token].tag_ in ("VB", "VBP", "VBZ") \
                and (not is_verb or span.start in view.amount_ends):
            # a noun the tagger reads as a present verb ("a muddy 12 mile walk across the moor": a word right
            # after a distance or a time is a noun): the verb that governs it decides, as for any noun
            tense = self._governing(view, token, 0, pseudo)
        else:
            tense = self._tense(view, token, pseudo=pseudo)
        if tense == "present" and span.start in view.amount_ends and not self._subject_before(view, span.start):
            return "none"  # a list of amounts and sessions with no one doing them ("750m swim, 20k bike, 5k run")
        return tense

    def _subject_before(self, view: _DocView, i: int) -> bool:
        """Whether a subject pronoun ("I", "we", "she") stands before token ``i`` in its sentence (its
        sentence's first one is found once: every mention of a long sentence asks)."""
        tab = view.tab
        lo = tab.sent_lo[i]
        first = view.first_pronoun.get(lo)
        if first is None:
            lower, hi = tab.lower, tab.sent_hi[lo]
            first = view.first_pronoun[lo] = next((k for k in range(lo, hi) if lower[k] in self.pronouns), hi)
        return first < i

    def _object_clause(self, view: _DocView, aux: int) -> bool:
        """Auxiliary ``aux`` opens a relative clause about a thing ahead: "a route that we would ride";
        not "after which he would row", a time clause of a routine."""
        lower = view.tab.lower
        return aux >= 2 and lower[aux - 1] in self.pronouns and lower[aux - 2] in ("that", "which") \
            and (aux < 3 or lower[aux - 3] not in _PREPOSITIONS)

    def _aux_tense(self, words: set[str], lowers: list[str], ing: bool) -> str | None:
        """The tense the auxiliaries (their NORMs and lower-case ``words``) give a verb, if any."""
        aux = self.aux
        if not words.isdisjoint(aux["future"]) or ("going" in words and "to" in words):
            return "future"
        if not words.isdisjoint(aux["modal"]):
            return "modal"
        if not words.isdisjoint(aux.get("past_modal", ())):
            if not words.isdisjoint(aux["have"]):
                return "modal"  # "could have swum more": what was not done
            return "past_modal"  # "could cover 16 flyovers": a past ability, no cue in reach
        if ing:
            if not words.isdisjoint(aux["been"]):
                return "perfect_progressive"
            if not words.isdisjoint(aux["present_be"]) or (lowers and lowers[-1] in ("'s", "’s")):
                return "progressive"
            if not words.isdisjoint(aux["past_be"]):
                return "past"
        if "being" in words and not words.isdisjoint(aux["present_be"]):
            return "progressive"  # the passive under way: "the expedition is being led by ..."
        if not words.isdisjoint(aux["have"]):
            return "perfect"
        if not words.isdisjoint(aux["past_do"]):
            return "past"
        if not words.isdisjoint(aux["present_do"]):
            return "present"
        if not words.isdisjoint(aux["past_be"]):
            return "past"  # passive: "the race was run"
        if not words.isdisjoint(aux["present_be"]):
            return "present"
        return None

    def _auxiliaries(self, view: _DocView, i: int) -> list[int]:
        """The auxiliaries of token ``i``'s verb group, nearest last."""
        lower, norms, known, known_ids = view.tab.lower, view.norms, self.known_aux, self.known_aux_ids
        if view.parsed and view.tagged:
            found = [c.i for c in view.doc[i].children if c.dep_ in ("aux", "auxpass") and c.i < i
                     and not _clock_mark(lower, c.i)]
            if found:
                return found
        out: list[int] = []
        for j in range(i - 1, max(-1, i - 5), -1):  # up to 4 tokens back
            word = lower[j]
            if _clock_mark(lower, j):
                break
            if word in known or word in ("going", "gon") or norms[j] in known_ids:
                out.append(j)
            elif word in self.pronouns and j > 0 and (lower[j - 1] in known or norms[j - 1] in known_ids):
                pass  # inversion: "did I run", "have you swum"
            elif word not in self.aux["skip"] and norms[j] != self.not_id:
                break
        out.reverse()
        return out

    def _dated_done(self, view: _DocView, i: int) -> bool:
        """Whether the sentence of token ``i`` names today or a day gone by ("today", "yesterday", "last
        Sunday"): a verb opening it with no subject is a log's caption of what was done ("Swim across Tarnby Bay
        today: 3.8 km in 1:22"), not a bidding."""
        lo, hi = view.tab.sent_lo[i], view.tab.sent_hi[i]
        k = bisect_left(view.date_starts, lo)  # the sentence's first date
        while k < len(view.dates) and view.dates[k].start < hi:
            words = set(view.tab.lower[view.dates[k].start:view.dates[k].end])
            if not words.isdisjoint(self.today_words) or not words.isdisjoint(self.past_date_words):
                return True
            k += 1
        return False

    @staticmethod
    def _imperative(view: _DocView, token: Token) -> bool:
        if token.dep_ != "ROOT" or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children):
            return False
        tab = view.tab
        after = [j for j in range(token.i + 1, tab.sent_hi[token.i]) if not tab.text[j].isspace()]
        if not after or view.doc[after[0]].like_num:
            return False  # a title ("Bike") or a log line ("Run 30 min - 6 km") tells what was done
        first = next((j for j in range(tab.sent_lo[token.i], tab.sent_hi[token.i])
                      if not (tab.text[j].isspace() or view.doc[j].is_punct)), None)
        return first == token.i

    def _governing(self, view: _DocView, i: int, depth: int, pseudo: frozenset | set = frozenset()) -> str:
        """The tense of the verb that governs a participle, infinitive or noun (token ``i``)."""
        if depth >= 4:
            return "none"
        if view.parsed:
            head = view.doc[i].head
            steps = 0
            while head.i != i and steps < 6:
                if head.pos_ in ("VERB", "AUX") and head.i not in view.exercise_tokens \
                        and head.i not in view.amount_tokens and head.i not in view.amount_ends:
                    # (a word right after an amount is a noun, though a tagger may read it as the verb: "a 5k jog")
                    tense = self._tense(view, head.i, depth + 1, pseudo)
                    if tense == "present" and head.lower_ in _STATE_VERBS and "Fin" in head.morph.get("VerbForm"):
                        # "the run is part of", "a list that includes two marathons": no routine; a
                        # participle ("swims most weeks, including a few long swims") keeps its clause's
                        return "none"
                    return tense
                if head.dep_ == "ROOT" or head.head.i == head.i:
                    break
                head, steps = head.head, steps + 1
            return "none"
        # no parse: the nearest verb-like word to the left in the clause
        tab, norms, lower, aux = view.tab, view.norms, view.tab.lower, self.aux
        for j in range(i - 1, max(tab.sent_lo[i], i - 8) - 1, -1):
            word = lower[j]
            if word in (",", ";", ":") or tab.text[j].isspace():
                break  # the clause ends
            if word in self.past_forms or word in aux["past_be"] or word in aux["past_do"]:
                return "past"
            if j in pseudo:
                continue
            if word in aux["future"] or norms[j] in self.future_ids:
                return "future"
            if word in aux["have"] or word in aux["been"]:
                modals = aux["modal"] | aux.get("past_modal", set())
                if any(w in modals for w in lower[max(tab.sent_lo[i], j - 3):j]):
                    return "modal"  # "could have been", "should have done": what was not done
                return "perfect"
            if word in aux["present_be"] or norms[j] in self.am_are_ids:
                nxt = lower[j + 1] if j + 1 < tab.n else ""
                return "progressive" if nxt.endswith("ing") else "none"
            if word.endswith("ed") and len(word) > 4 and tab.text[j].isalpha():
                return "past"
        return "none"

    @staticmethod
    def _is_headline(view: _DocView, i: int) -> bool:
        """Token ``i``'s sentence (the whole Doc without sentence bounds) reads as a title: no closing
        punctuation, and its words capitalised, or it is the text's first line, standing alone
        ("Grandmother swims across the lake" over the report of the swim)."""
        titled = view.titled(i)
        if titled is None:
            return False
        return titled or view.tab.idx[i] < view.title_end()

    @staticmethod
    def _is_question(view: _DocView, i: int) -> bool:
        if not view.sentences:
            return False
        tab = view.tab
        texts = tab.text
        for j in range(tab.sent_hi[i] - 1, tab.sent_lo[i] - 1, -1):  # the sentence's last word
            if not texts[j].isspace():
                return texts[j] == "?"
        return False

    # -- status -----------------------------------------------------------------------------

    @staticmethod
    def _head_token(view: _DocView, span: ext.Mention, info: ext.ActivityInfo | None) -> int:
        """The token a mention's tense is read from: a verb's first token, else the span's root."""
        if info is not None and info.form == "verb":
            return span.start
        return ext.root(view.doc, span, view.parsed)

    @staticmethod
    def _is_verb(view: _DocView, span: ext.Mention, info: ext.ActivityInfo | None) -> bool:
        if info is not None:
            return info.form == "verb"
        return view.doc[span.start:span.end].root.pos_ in ("VERB", "AUX")

    @staticmethod
    def _plural_noun(view: _DocView, token: int, is_verb: bool) -> bool:
        """The mention is a plural noun ("three runs a week"): sessions counted per period, a routine."""
        if is_verb:
            return False
        if view.tagged:
            return view.doc[token].tag_ in ("NNS", "NNPS")
        word = view.tab.lower[token]
        return len(word) > 3 and word.endswith("s") and not word.endswith("ss")

    @staticmethod
    def _syntax_ok(view: _DocView, cue: Cue, target: int) -> bool:
        """With a parse, a negated/hypothetical cue does not reach into a relative clause, unless the cue
        holds what the clause is about ("all who finished")."""
        if not view.parsed:
            return True
        doc = view.doc
        head = doc[cue.start:cue.end].root.head
        t, steps = doc[target], 0
        while t.i != head.i and t.head.i != t.i and steps < 10:
            if t.dep_ in _BLOCKED_DEPS and not cue.start <= t.head.i < cue.end:
                return False
            t, steps = t.head, steps + 1
        return True

    def _candidates(self, view: _DocView, span: ext.Mention, is_verb: bool, cues: _Scopes) -> list[tuple[Cue, int]]:
        """The cues whose scope reaches ``span`` and whose rule applies to it, with their distance in tokens."""
        sent_words = None
        candidates: list[tuple[Cue, int]] = []
        start, end = span.start, span.end
        for cue in cues.near(start, end):
            if not (start < cue.hi and cue.lo < end):
                continue  # out of its scope
            if cue.start < end and start < cue.end and not cue.rule.overlap:
                continue  # a trigger does not qualify a mention it overlaps
            rule = cue.rule
            if rule.target == "noun" and is_verb or rule.target == "verb" and not is_verb:
                continue
            if rule.requires:
                if sent_words is None:
                    tab = view.tab
                    sent_words = set(tab.lower[tab.sent_lo[span.start]:tab.sent_hi[span.start]])
                if not rule.requires & sent_words:
                    continue
            gap = span.start - cue.end if span.start >= cue.end else cue.start - span.end
            candidates.append((cue, max(0, gap)))
        return candidates

    def _best_cue(self, view: _DocView, token: int, is_verb: bool, candidates: list[tuple[Cue, int]],
                  pseudo: frozenset | set) -> Cue | None:
        """The cue that decides: a cue whose status is not real (negated, hypothetical) that reaches the
        mention's head, else the real cue of the highest priority; the closest breaks a tie."""
        priority = self.priority

        def rank(cg: tuple[Cue, int]) -> tuple[int, int]:
            return priority[cg[0].rule.category], -cg[1]

        dismissing = [(c, g) for c, g in candidates if not self.real[c.rule.category]
                      and self._syntax_ok(view, c, token)]
        if dismissing:
            return max(dismissing, key=rank)[0]
        real = [(c, g) for c, g in candidates if self.real[c.rule.category]]
        if is_verb and any(priority[c.rule.category] > priority["completed"] for c, _ in real) \
                and self._tense(view, token, depth=4, pseudo=pseudo) in ("past", "perfect"):
            # a verb in the past was done, whatever planned or under way is near it:
            # "I ran 10k yesterday and will run again tomorrow", "ran 20 km daily"
            real = [(c, g) for c, g in real if c.rule.category not in ("planned", "ongoing")] \
                or [(c, g) for c, g in real if c.rule.if_past]
        return max(real, key=rank)[0] if real else None

    def _status_of(self, view: _DocView, span: ext.Mention, cues: _Scopes,
                   pseudo: frozenset | set = frozenset()) -> ext.StatusInfo:
        info = span.info
        token = self._head_token(view, span, info)
        is_verb = self._is_verb(view, span, info)
        candidates = self._candidates(view, span, is_verb, cues)
        if candidates and thing_told_of(view.tab, span.start, span.end, info):
            # "This race has been on my mind every day": how often is said of the thought, not of the race
            candidates = [x for x in candidates if not (x[0].rule.frequency and x[0].start >= span.end)]
        if not candidates:
            return self._tense_status(view, span, token, is_verb, pseudo, None)
        # the frequency of the closest cue that has one, whichever cue decides
        often = min((x for x in candidates if x[0].rule.frequency), key=lambda x: x[1], default=None)
        frequency = often[0].rule.frequency if often is not None else None
        best = self._best_cue(view, token, is_verb, candidates, pseudo)
        if best is not None:
            category = best.rule.category
            tense = self._mention_tense(view, span, token, is_verb, pseudo) \
                if best.rule.if_past or best.rule.if_progressive or best.rule.if_told_past else None
            counted = info is not None and info.form == "exercise"  # "100 push-ups": plural as its reps are
            if best.rule.if_past and tense == "past" and (counted or not self._plural_noun(view, token, is_verb)):
                category = best.rule.if_past  # "ran 20 km daily": done; "did three runs a week": a routine
            elif best.rule.if_progressive and tense == "progressive" and is_verb:
                if self._dated_ahead(view, span):  # "I'm swimming 1 km every day from 1 June", said in February
                    return ext.StatusInfo(self.tense_status["future"], best.text, best.start_char, frequency)
                category = best.rule.if_progressive  # "I'm rowing 10 km a day this month": a streak under way
            elif best.rule.if_told_past and tense == "none" and _after_label(view, best, span) \
                    and self._told_in_past(view, span.start):
                category = best.rule.if_told_past  # "Day 2 ...: a 12 mile walk. We reached Marlow Vale": done
            return ext.StatusInfo(self.category_status[category], best.text, best.start_char, frequency)
        return self._tense_status(view, span, token, is_verb, pseudo, frequency)

    def _told_in_past(self, view: _DocView, i: int) -> bool:
        """Whether the sentence of token ``i`` or the one after it holds a verb in the past and no unreal word
        (:meth:`_past_of_sentence`)."""
        tab = view.tab
        for lo in (tab.sent_lo[i], tab.sent_hi[i]):
            if lo >= tab.n:
                break
            unreal, first = self._past_of_sentence(view, lo)
            if unreal:
                return False
            if first < tab.sent_hi[lo]:
                return True
        return False

    def _sayings(self, view: _DocView) -> list[tuple[int, int, int]]:
        """The quotations that a word of ``sayings`` introduces (before the opening mark, in its sentence, at most
        ``reach`` tokens before it): each as
        the tokens inside it and the token of that word.  Curly marks open and close as written; straight ones
        alternate."""
        tab = view.tab
        found: list[tuple[int, int, int]] = []
        opening = None
        for i in tab.where(_QUOTES):
            mark = tab.text[i]
            if opening is None or mark in _OPENING_QUOTES:
                opening = i if mark not in _CLOSING_QUOTES else None
                continue
            lo = max(tab.sent_lo[opening], opening - self.saying_reach)
            word = next((k for k in range(opening - 1, lo - 1, -1) if tab.lower[k] in self.saying_words), None)
            if word is not None:
                found.append((opening + 1, i, word))
            opening = None
        return found

    @staticmethod
    def _saying_status(view: _DocView, span: ext.Mention, sayings: list[tuple[int, int, int]]) -> ext.StatusInfo | None:
        """Hypothetical, where ``span`` is inside one of the ``sayings`` (:meth:`_sayings`): a saying tells no
        session."""
        for lo, hi, word in sayings:
            if lo <= span.start and span.end <= hi:
                return ext.StatusInfo("hypothetical", view.tab.text[word], view.tab.idx[word], None)
        return None

    def _tense_status(self, view: _DocView, span: ext.Mention, token: int, is_verb: bool, pseudo: frozenset | set,
                      frequency: str | None) -> ext.StatusInfo:
        """The status of a mention no cue decides: its tense's (``tense_status``)."""
        info = span.info
        tense = self._mention_tense(view, span, token, is_verb, pseudo)
        if tense == "present" and self._is_headline(view, token):
            tense = "headline"
        elif self._is_question(view, token) \
                and (tense not in ("past", "past_modal", "past_habit") or _asks_reader(view, token)):
            tense = "question"  # "Should I swim tomorrow?"; "How long did it take you to run your first marathon?"
        elif tense == "none" and info is not None and info.generic:
            tense = "present"  # "known for running barefoot": a way of life, not one session
        elif tense == "none" and view.plan_end == view.tab.sent_lo[span.start] \
                and (_amount_fragment(view, span) or _event_fragment(view, span) or _first_fragment(view, span)):
            tense = "future"  # "Planning a hike on Saturday. About 18 km and 900 m of climbing.": the plan goes on
        elif tense == "progressive" and (is_verb or info is not None and info.form in _RACE_FORMS) \
                and (view.names_event_after(span) or self._day_after(view, span) or self._dated_ahead(view, span)):
            # "I'm running the Larkspur Marathon", "... on Sunday", "... in May", "I'm doing the Tarnby Half in
            # March": an arrangement
            tense = "future"
        elif tense == "none" and (k := _race_in_period(view, span)) is not None:
            # "Marathon in 3 weeks!!", "The Tarnby 10K is in ten days": the race is that far ahead; the cue is the
            # "in" before the time, which is no session's (fitpost_records)
            return ext.StatusInfo(self.tense_status["future"], view.tab.text[k], view.tab.idx[k], frequency)
        elif tense == "none" and span.start in view.item_of:
            return view.item_of[span.start]  # "is challenging people to walk, run or ride": the list's first item's
        return ext.StatusInfo(self.tense_status.get(tense, "completed"), None, None, frequency)

    def _day_after(self, view: _DocView, span: ext.Mention) -> bool:
        """Whether a day follows the mention in its sentence, at most ``arranged.reach`` words on, that is
        not today ("this morning") and does not point back ("last Sunday"); a longer period ("this month")
        is one the session may be under way in."""
        tab = view.tab
        hi = min(tab.sent_hi[span.start], view.words_on(span.end, self.arranged_reach))
        for d in view.dates:
            if span.end <= d.start < hi and getattr(d.info, "granularity", None) == "day":
                words = set(tab.lower[d.start:d.end])
                return words.isdisjoint(self.today_words) and words.isdisjoint(self.past_date_words)
        return False

    def _dated_ahead(self, view: _DocView, span: ext.Mention) -> bool:
        """Whether the first date after the mention in its sentence, at most ``arranged.reach`` words on, is a day
        named without its year and without a word pointing back that falls later in the year than the post date, or
        such a month other than the post's: read as gone by, it is the one ahead ("I'm swimming 1 km every day from
        1 June", "We are walking the Larkspur Way in May", said in February; "I'm doing the Tarnby Half in March",
        said in November; not "in November", a month under way)."""
        posted = ext.doc_value(view.doc, "fp_posted_at")
        if posted is None or not view.dates:
            return False
        if isinstance(posted, dt.datetime):
            posted = posted.date()
        tab = view.tab
        hi = min(tab.sent_hi[span.start], view.words_on(span.end, self.arranged_reach))
        d = next((d for d in view.dates if span.end <= d.start < hi), None)
        if d is None or d.info is None or d.info.value is None or d.info.value >= posted \
                or states_year(d.info.text, d.label) or not self.past_date_words.isdisjoint(tab.lower[d.start:d.end]):
            return False
        day = d.info.value
        if d.info.granularity == "month":
            return day.month != posted.month
        return d.info.granularity == "day" and (day.month, day.day) > (posted.month, posted.day)

    def __call__(self, doc: Doc) -> Doc:
        mentions = ext.mentions(doc, ext.ACTIVITIES, "fp_activity")
        named_events = ext.mentions(doc, ext.EVENTS, "fp_event")
        events = _events_alone(mentions, named_events)
        moved = _distances_moved(doc, mentions, named_events)
        if not mentions and not events and not moved:
            return doc
        view = _DocView(doc, mentions, named_events)
        # with sentence boundaries, only the sentences that hold an activity mention, an event or a distance
        # moved are read
        regions = ext.sentence_regions(doc, mentions + [as_mention for _, as_mention in events + moved])
        found, pseudo = self.cues(doc, regions if view.sentences else None, view)
        cues = _Scopes(found)
        sayings = self._sayings(view)
        before: ext.Mention | None = None
        for span in mentions:
            if before is not None and before.end < span.start \
                    and all(w in ITEM_JOINERS for w in view.tab.lower[before.end:span.start]):
                view.item_of[span.start] = before.status
            status = self._saying_status(view, span, sayings) or self._status_of(view, span, cues, pseudo)
            ext.set_status(doc, span, status)
            before = span
            if status.status == "planned":
                view.plan_end = view.tab.sent_hi[span.start]
        for event, as_mention in events:
            ext.set_status(doc, event, self._status_of(view, as_mention, cues, pseudo))
        for distance, as_mention in moved:
            ext.set_status(doc, distance, self._status_of(view, as_mention, cues, pseudo))
        return doc


READER = frozenset(("you", "your", "u", "ya"))  # the reader a question asks about


WRITER = frozenset(("i", "we"))  # the writer as the subject of a session a question tells ("Can you believe I ran")


def _asks_reader(view: _DocView, i: int) -> bool:
    """Whether the words of token ``i``'s sentence before it name the reader, with no "I" or "we" after
    them ("did it take you to run"; not "can you believe I ran"): a question of the reader's session, not
    the writer's, whatever its tense."""
    tab = view.tab
    readers = tab.where(READER)
    k = bisect_left(readers, i) - 1  # the last word naming the reader before the mention
    if k < 0 or readers[k] < tab.sent_lo[i]:
        return False
    writers = tab.where(WRITER)
    j = bisect_left(writers, readers[k])  # the first "I" or "we" after it
    return j == len(writers) or writers[j] >= i


PERIOD_UNITS = frozenset(("day", "week", "month"))  # "a race in 3 weeks" is that far ahead


def _after_label(view: _DocView, cue: Cue, span: ext.Mention) -> bool:
    """Whether mention ``span`` comes after cue ``cue`` and not as what it is a part of ("Stage 4 of the Tarnby
    Tour", "Yoga challenge day 12": the whole effort, under way)."""
    return span.start >= cue.end and not (cue.end < view.tab.n and view.tab.lower[cue.end] == "of")


def _first_comma(tab: ext.Tokens, lo: int, hi: int, participles: bool) -> int:
    """The first comma in tokens ``lo:hi`` that ends a scope; with ``participles``, not one right before an -ing
    word, a participle going on with the clause ("rides every morning, clocking 30 km": the riding is the
    routine's); ``hi`` where there is none."""
    for k in range(lo, hi):
        if tab.text[k] == "," and not (participles and k + 1 < hi and _participle_at(tab, k + 1)):
            return k
    return hi


def _word_numbers(n: int, names: list[ext.Mention]) -> list[int]:
    """The number of each of ``n`` tokens as a word, counted from 1, where the tokens of a name (a mention
    of ``names``) are one word."""
    step = [1] * n
    for m in names:
        step[m.start + 1:m.end] = [0] * (m.end - m.start - 1)
    return list(itertools.accumulate(step))


AHEAD_COPULAS = frozenset({"is", "'s", "’s"})  # "The Tarnby 10K is in ten days": the race told that far ahead


def _race_in_period(view: _DocView, span: ext.Mention) -> int | None:
    """Where the "in" is that follows race ``span`` (a named race, or one named by its distance: "a 10k", "the
    marathon"), with a number of days, weeks or months after it ("Marathon in 3 weeks!!", "The Tarnby 10K in ten
    days"), or one of AHEAD_COPULAS between ("The Tarnby 10K is in ten days"): told with no other verb, how far
    ahead it is, not how long it took; None where no such "in" follows.  A number with its unit ("42 km"; not
    "10 K") names no race.  The word "race" names one too, with "day" after it or "the" before it ("Race day in
    10 days", "The race is in two weeks"; not "my first race in two years", the first since)."""
    k = span.end
    lows = view.tab.lower
    if lows[span.start:span.end] == ["race"]:
        if k < view.tab.n and lows[k] == "day":
            k += 1
        elif span.start == 0 or lows[span.start - 1] != "the":
            return None
    elif span.end not in view.distance_ends and span.start not in view.event_starts:
        return None
    before_unit = view.tab.text[span.end - 2] if span.end - 2 >= span.start else ""
    if span.start not in view.event_starts and before_unit.replace(".", "").replace(",", "").isdigit() \
            and view.tab.lower[span.end - 1] != "k":
        return None  # "covering 42 km in four days": a number and its unit tell how far, not a race's name
    if k < view.tab.n and view.tab.lower[k] in AHEAD_COPULAS:
        k += 1
    return k if k + 1 < view.tab.n and view.tab.lower[k] == "in" and k + 1 in view.period_starts else None


def _amount_fragment(view: _DocView, span: ext.Mention) -> bool:
    """Whether ``span``'s sentence is a short fragment that opens with an amount, which tells more of the session
    told before it ("About 18 km and 900 m of climbing.", "3 hours of hiking."; not a caption of its own such as
    "Morning swim, then straight to the office."): at most FRAGMENT_TOKENS tokens, its first word (past one of
    ``ROUGHLY``) a number."""
    tab = view.tab
    lo, hi = tab.sent_lo[span.start], tab.sent_hi[span.start]
    if hi - lo > FRAGMENT_TOKENS:
        return False
    k = lo + 1 if tab.lower[lo] in ROUGHLY else lo
    return k < hi and tab.text[k][:1].isdigit()


def _distances_moved(doc: Doc, mentions: list[ext.Mention],
                     events: list[ext.Mention]) -> list[tuple[ext.Mention, ext.Mention]]:
    """The distances right after a word, in sentences with no activity mention nor event ("The team will
    cover 600 km in five days", "Got 10 miles in before work") or after a participle that follows a comma
    ("She swims every morning, covering 2 km"), each with a verb mention over that word and the distance,
    whose status the distance takes as a mention's: fitpost_records may read a session in it, of an activity
    the text names elsewhere, or a part of the one its clause tells."""
    tab = ext.tokens(doc)
    told = {tab.sent_lo[m.start] for m in mentions} | {tab.sent_lo[e.start] for e in events}
    return [(q, ext.Mention(q.start - 1, q.end, "ACTIVITY", ext.ActivityInfo(activity="", form="verb"),
                            tab.idx[q.start - 1], q.end_char))
            for q in ext.mentions(doc, ext.QUANTITIES, "fp_quantity")
            if q.label == "distance" and q.start > tab.sent_lo[q.start] and tab.text[q.start - 1].isalpha()
            and (tab.sent_lo[q.start] not in told or _after_participle(tab, q.start))]


def _after_participle(tab: ext.Tokens, k: int) -> bool:
    """Whether token ``k`` follows an -ing word right after a comma ("every morning, covering 2 km")."""
    return k >= 2 and tab.text[k - 2] == "," and _participle_at(tab, k - 1)


def _participle_at(tab: ext.Tokens, k: int) -> bool:
    """Whether token ``k`` is a word in -ing, a participle where a comma stands before it ("covering")."""
    return tab.lower[k].endswith("ing") and tab.lower[k].isalpha()


def _event_fragment(view: _DocView, span: ext.Mention) -> bool:
    """Whether ``span`` is a named event that opens a short fragment, which names the race of the plan told
    before it ("Registered for a spring half marathon! The Tarnby Half on 12 April."): at most FRAGMENT_TOKENS
    tokens, the event at most two words in (past "the")."""
    tab = view.tab
    lo, hi = tab.sent_lo[span.start], tab.sent_hi[span.start]
    return hi - lo <= FRAGMENT_TOKENS and span.start - lo <= 2 \
        and any(s <= span.start for s in view.event_starts if s >= lo)


FIRST_REACH = 3  # "First proper race since 2019!": "first" at most this many words before the mention


def _first_fragment(view: _DocView, span: ext.Mention) -> bool:
    """Whether ``span`` is told as a first one in a short fragment, "first" opening it at most FIRST_REACH words
    before the mention, which tells more of the plan before it ("Signed up for the Tarnby Half in October. First
    proper race since 2019!"): at most FRAGMENT_TOKENS tokens."""
    tab = view.tab
    lo, hi = tab.sent_lo[span.start], tab.sent_hi[span.start]
    return hi - lo <= FRAGMENT_TOKENS and span.start - lo <= FIRST_REACH and "first" in tab.lower[lo:span.start]


def _events_alone(mentions: list[ext.Mention], events: list[ext.Mention]) -> list[tuple[ext.Mention, ext.Mention]]:
    """The named events (``events``) of an activity with no activity mention (``mentions``) inside them ("will
    do the Tour of the Fells"), each with a mention of that activity over it, whose status the event takes as
    a mention's."""
    if not events:
        return []  # most texts name no event
    inside = {k for m in mentions for k in range(m.start, m.end)}
    return [(e, ext.Mention(e.start, e.end, "ACTIVITY", ext.ActivityInfo(activity=e.info.activity, form="event"),
                            e.start_char, e.end_char))
            for e in events
            if e.info.activity and inside.isdisjoint(range(e.start, e.end))]


@Language.factory("fitpost_status", default_config={"rules": "status_rules.json", "dates": "dates.json"},
                  assigns=["span._.fp_status"], requires=["span._.fp_activity"])
def make_status(nlp: Language, name: str, rules: str, dates: str = "dates.json") -> StatusTagger:
    """``rules``: the status rule file in ``models/``; ``dates``: the date rule file whose past and
    future words make a date a cue (``fitpost_dates``'s ``data``).  Reads ``span._.fp_date`` too
    when ``fitpost_dates`` ran before it, and the spans of ``fitpost_events`` when that did."""
    return StatusTagger(nlp, name, rules=rules, dates=dates)
