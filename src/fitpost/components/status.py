"""fitpost_status: was the activity done, under way, planned, a routine, hypothetical or negated?

A ConText-style tagger (Chapman et al.; Harkema et al. 2009) whose rules are
data in ``models/status_rules.json``:

* a rule has a trigger (a ``literal`` phrase, matched on token NORMs, or
  spaCy Matcher ``pattern`` s), a ``category``, a ``direction`` (forward,
  backward, bidirectional) and a ``max_scope`` in tokens;
* a scope also ends at the sentence end, a line break, a quote mark, a
  TERMINATE trigger ("but", "because", ";") and, unless the rule allows it,
  a comma;
* PSEUDO triggers are longer phrases that contain a trigger but mean
  something else ("not only", "no wonder", "can't wait"): overlapping
  matches are resolved longest first, so a pseudo-trigger blocks them;
* date spans from ``fitpost_dates`` act as cues too: a date after the post
  date (or "tomorrow", "next ...") is a planned cue, a past one ("yesterday",
  "two weeks ago", "last Sunday") a completed cue.

Which cue wins for an activity mention (``doc.spans["fp_activities"]``):
the modal categories (negated, then hypothetical) win over any other cue in
whose scope the mention also is; then the time categories by priority
(planned > habitual > ongoing > completed), the closest cue breaking a tie,
except that a verb in the past tense ("ran", "has run") takes no planned or
ongoing cue ("I ran 10k yesterday and will run again tomorrow").  A habitual cue on a simple-past verb
("ran 20 km daily") gives its ``if_past`` category (completed) but keeps its
frequency.  With a dependency parse, a negated or hypothetical cue does not
reach into a relative clause ("would like to thank all who ran").

With no cue the tense decides (``tense_status``): simple past, present
perfect and past progressive are completed; present progressive ongoing;
present simple habitual (completed in a headline); an imperative or a
question (unless in the past) hypothetical; a generic mention ("known for
running") with no finite verb of its own habitual; a noun mention takes the tense of the verb that
governs it; no verb at all ("20km today!") is completed.  Tense comes from
the tagger where the pipeline has one, else from word lists (``past_forms``,
auxiliaries) on blank English.

Writes ``span._.fp_status = StatusInfo(status, cue, cue_start, frequency)``;
``cue_start`` is the character offset of the cue (None for a default).
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from fitpost import ext, resources
from fitpost.components.base import Component

_PAST_DATE_WORDS = {"yesterday", "ago", "last", "past", "previous", "earlier", "back"}
_FUTURE_DATE_WORDS = {"tomorrow", "next", "coming", "upcoming", "later"}
_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
_QUOTES = {'"', "“", "”", "«", "»"}
_BLOCKED_DEPS = {"relcl", "acl"}


def _as_phrases(pattern: list[dict], limit: int = 2000) -> list[list[str]] | None:
    """The word sequences a token pattern matches, when it is only a list of words per token
    ("LOWER" or "ORTH" without letters, as a string or {"IN": [...]}, no operators); else None."""
    choices: list[list[str]] = []
    for token in pattern:
        if len(token) != 1:
            return None
        (attr, value), = token.items()
        if attr not in ("LOWER", "ORTH"):
            return None
        values = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) and \
            len(value) == 1 else None
        if not values or not all(isinstance(v, str) for v in values):
            return None
        if attr == "ORTH" and any(v.lower() != v for v in values):
            return None  # case matters: leave it to the Matcher
        if any(len(v.split()) != 1 for v in values):
            return None
        choices.append([v.lower() for v in values])
    total = 1
    for c in choices:
        total *= len(c)
    if not choices or total > limit:
        return None
    return [list(words) for words in itertools.product(*choices)]


@dataclass
class Rule:
    category: str
    direction: str = "forward"
    max_scope: int = 8
    comma: bool = False
    frequency: str | None = None
    if_past: str | None = None
    target: str | None = None
    overlap: bool = False  # may qualify a mention inside its own trigger ("before cycling")
    requires: frozenset = field(default_factory=frozenset)


@dataclass
class Cue:
    rule: Rule
    start: int  # token offsets of the trigger
    end: int
    text: str
    start_char: int
    lo: int = 0  # the scope, token offsets
    hi: int = 0


class StatusTagger(Component):
    """Give every activity mention a :class:`~fitpost.ext.StatusInfo`."""

    # -- rules ------------------------------------------------------------------------------

    def load(self) -> None:
        data = resources.load_json(self.config.get("rules", "status_rules.json"))
        self.categories: dict[str, dict] = data["categories"]
        defaults = data.get("defaults", {})
        self.default_scope = int(defaults.get("max_scope", 8))
        self.date_scope = int(defaults.get("date_scope", self.default_scope))
        self.tense_status: dict[str, str] = data["tense_status"]
        self.past_forms = set(data["past_forms"])
        self.aux = {k: set(v) for k, v in data["aux"].items()}
        self.pronouns = set(data["subject_pronouns"])
        equivalents = data.get("equivalents", {})
        tokenizer = self.tokenizer
        self.matcher = Matcher(self.vocab)  # token patterns
        self.phrases = PhraseMatcher(self.vocab, attr="NORM")  # literals: fast on hundreds of phrases
        self.lower_phrases = PhraseMatcher(self.vocab, attr="LOWER")  # token patterns that are word lists
        self.rules: dict[str, Rule] = {}
        for i, entry in enumerate(data["rules"]):
            if "category" not in entry:
                continue  # a comment
            if entry["category"] not in self.categories:
                raise ValueError(f"status rule {i}: unknown category {entry['category']!r}")
            rule = Rule(category=entry["category"],
                        direction=entry.get("direction", defaults.get("direction", "forward")),
                        max_scope=int(entry.get("max_scope", self.default_scope)),
                        comma=bool(entry.get("comma", False)), frequency=entry.get("frequency"),
                        if_past=entry.get("if_past"), target=entry.get("target"),
                        overlap=bool(entry.get("overlap", False)),
                        requires=frozenset(w.lower() for w in entry.get("requires", ())))
            key = f"fp_status_{i}"
            self.rules[key] = rule
            token_patterns = []
            for pattern in entry.get("pattern", []):
                words = _as_phrases(pattern)
                if words is None:
                    token_patterns.append(pattern)
                else:  # the Matcher tests every token against every pattern; a phrase table does not
                    self.lower_phrases.add(key, [Doc(self.vocab, words=w) for w in words])
            if token_patterns:
                self.matcher.add(key, token_patterns)
            literals = entry.get("literal", [])
            docs = []
            for literal in [literals] if isinstance(literals, str) else literals:
                norms = [[n] + [e for e in equivalents.get(n, []) if e != n]
                         for n in (t.norm_ for t in tokenizer(literal))]
                for variant in itertools.product(*norms):
                    doc = Doc(self.vocab, words=list(variant))
                    for token, norm in zip(doc, variant):
                        token.norm_ = norm
                    docs.append(doc)
            if docs:
                self.phrases.add(key, docs)

    # -- cues -------------------------------------------------------------------------------

    def cues(self, doc: Doc, regions: list[tuple[int, int]] | None = None) -> tuple[list[Cue], set[int]]:
        """The triggers that survive pseudo-triggers and overlaps, and the tokens of pseudo-triggers.

        ``regions`` (token offsets, default the whole Doc) limits the search:
        a scope never leaves its sentence, so only sentences with a mention matter.
        """
        by_span: dict[tuple[int, int], list[Rule]] = {}
        strings = self.vocab.strings
        for lo, hi in regions if regions is not None else [(0, len(doc))]:
            region = doc[lo:hi]
            for match_id, start, end in self.matcher(region):
                by_span.setdefault((lo + start, lo + end), []).append(self.rules[strings[match_id]])
            for match_id, start, end in [*self.phrases(region), *self.lower_phrases(region)]:  # doc offsets
                by_span.setdefault((start, end), []).append(self.rules[strings[match_id]])
        order = sorted(by_span, key=lambda se: (-(se[1] - se[0]),
                                                 not any(r.category == "PSEUDO" for r in by_span[se]),
                                                 se[0]))
        taken: set[int] = set()
        cues: list[Cue] = []
        stops: set[int] = set()
        pseudo: set[int] = set()
        for start, end in order:
            if any(i in taken for i in range(start, end)):
                continue
            taken.update(range(start, end))
            rules = [r for r in by_span[(start, end)] if r.category != "PSEUDO"]
            if not rules:
                pseudo.update(range(start, end))
                continue  # a pseudo-trigger: blocks the triggers it overlaps
            if any(r.category == "TERMINATE" for r in rules):
                stops.update(range(start, end))
                continue
            span = doc[start:end]
            for rule in rules:
                cues.append(Cue(rule, start, end, span.text, span.start_char))
        for lo, hi in regions if regions is not None else [(0, len(doc))]:
            for token in doc[lo:hi]:
                if (token.is_space and "\n" in token.text) or token.text in _QUOTES:
                    stops.add(token.i)
        cues.extend(self._date_cues(doc))
        for cue in cues:
            cue.lo, cue.hi = self._scope(doc, cue, stops)
        return cues, pseudo

    def _date_cues(self, doc: Doc) -> list[Cue]:
        if ext.DATES not in doc.spans:
            return []
        posted = doc._.fp_posted_at
        out = []
        for span in doc.spans[ext.DATES]:
            words = {t.lower_ for t in span}
            ref = span._.fp_date
            value = getattr(ref, "value", None)
            if words & _FUTURE_DATE_WORDS:
                category = "planned"
            elif words & _PAST_DATE_WORDS or "last night" in span.text.lower():
                category = "completed"
            elif value is None or posted is None or not _YEAR.search(span.text):
                continue  # "on Sunday", "in January": which way it points was itself a guess
            elif value > posted:
                category = "planned"
            elif value < posted:
                category = "completed"
            else:
                continue
            rule = Rule(category=category, direction="bidirectional", max_scope=self.date_scope)
            out.append(Cue(rule, span.start, span.end, span.text, span.start_char))
        return out

    @staticmethod
    def _sent_bounds(doc: Doc, i: int) -> tuple[int, int]:
        if doc.has_annotation("SENT_START"):
            sent = doc[i].sent
            return sent.start, sent.end
        return 0, len(doc)

    def _scope(self, doc: Doc, cue: Cue, stops: set[int]) -> tuple[int, int]:
        s_start, s_end = self._sent_bounds(doc, cue.start)
        rule = cue.rule
        lo, hi = cue.start, cue.end
        if rule.direction in ("forward", "bidirectional"):
            hi = min(s_end, cue.end + rule.max_scope)
            for i in range(cue.end, hi):
                if i in stops or (doc[i].text == "," and not rule.comma):
                    hi = i
                    break
        if rule.direction in ("backward", "bidirectional"):
            lo = max(s_start, cue.start - rule.max_scope)
            for i in range(cue.start - 1, lo - 1, -1):
                if i in stops or (doc[i].text == "," and not rule.comma):
                    lo = i + 1
                    break
        return lo, hi

    # -- tense ------------------------------------------------------------------------------

    def tense(self, doc: Doc, token: Token, depth: int = 0, pseudo: frozenset | set = frozenset()) -> str:
        """The tense of the verb group ``token`` heads (see ``tense_status``).

        A participle, an infinitive or a noun takes the tense of the verb that
        governs it (``depth`` >= 4 stops that: the token's own tense only).
        Auxiliaries inside a pseudo-trigger ("can be seen doing") do not count.
        """
        tagged = doc.has_annotation("TAG")
        low = token.lower_
        auxes = [a for a in self._auxiliaries(doc, token, tagged) if a.i not in pseudo]
        norms = [a.norm_ if a.norm_ not in ("'s", "’s") else a.lower_ for a in auxes]
        lowers = [a.lower_ for a in auxes]
        words = set(norms) | set(lowers)
        if words & self.aux["future"] or ("going" in words and "to" in words):
            return "future"
        if words & self.aux["modal"]:
            return "modal"
        if words & self.aux.get("past_modal", set()):
            return "past_modal"  # "could cover 16 flyovers": a past ability, no cue in reach
        ing = low.endswith("ing")
        if ing:
            if words & self.aux["been"]:
                return "perfect_progressive"
            if words & self.aux["present_be"] or (lowers and lowers[-1] in ("'s", "’s")):
                return "progressive"
            if words & self.aux["past_be"]:
                return "past"
        if words & self.aux["have"]:
            return "perfect"
        if words & self.aux["past_do"]:
            return "past"
        if words & self.aux["present_do"]:
            return "present"
        if words & self.aux["past_be"]:
            return "past"  # passive: "the race was run"
        if words & self.aux["present_be"]:
            return "present"
        if "to" in lowers:
            return self._governing(doc, token, depth, pseudo)
        if low in self.past_forms:
            return "past"
        if tagged:
            tag = token.tag_
            if tag == "VBD":
                return "past"
            if tag in ("VBZ", "VBP"):
                return "present"
            if tag == "VB" and self._imperative(token):
                return "imperative"
            if tag in ("VBG", "VBN", "VB"):
                return self._governing(doc, token, depth, pseudo)
            return self._governing(doc, token, depth, pseudo)
        if low.endswith("ed") and len(low) > 4:
            return "past"
        if ing:
            return self._governing(doc, token, depth, pseudo)
        prev = doc[token.i - 1].lower_ if token.i > 0 else ""
        if prev in self.pronouns and prev != "it":
            return "present"
        return self._governing(doc, token, depth, pseudo)

    def _auxiliaries(self, doc: Doc, token: Token, tagged: bool) -> list[Token]:
        """The auxiliaries of ``token``'s verb group, nearest last."""
        if doc.has_annotation("DEP") and tagged:
            found = [c for c in token.children if c.dep_ in ("aux", "auxpass") and c.i < token.i]
            if found:
                return found
        out: list[Token] = []
        i = token.i - 1
        known = set().union(*(v for k, v in self.aux.items() if k != "skip"))
        while i >= 0 and token.i - i <= 4:
            t = doc[i]
            word = t.lower_
            if word in known or t.norm_ in known or word in ("going", "gon"):
                out.insert(0, t)
            elif word in self.pronouns and i > 0 and (doc[i - 1].lower_ in known or doc[i - 1].norm_ in known):
                pass  # inversion: "did I run", "have you swum"
            elif word not in self.aux["skip"] and t.norm_ not in ("not",):
                break
            i -= 1
        return out

    @staticmethod
    def _imperative(token: Token) -> bool:
        if token.dep_ != "ROOT" or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children):
            return False
        sent = token.sent
        first = next((t for t in sent if not (t.is_punct or t.is_space)), None)
        return first is not None and first.i == token.i

    def _governing(self, doc: Doc, token: Token, depth: int, pseudo: frozenset | set = frozenset()) -> str:
        """The tense of the verb that governs a participle, infinitive or noun."""
        if depth >= 4:
            return "none"
        if doc.has_annotation("DEP"):
            head = token.head
            steps = 0
            while head.i != token.i and steps < 6:
                if head.pos_ in ("VERB", "AUX"):
                    tense = self.tense(doc, head, depth + 1, pseudo)
                    if tense == "present" and head.lemma_ in ("be", "have"):
                        return "none"  # "the run is part of": no routine
                    return tense
                if head.dep_ == "ROOT" or head.head.i == head.i:
                    break
                head, steps = head.head, steps + 1
            return "none"
        # no parse: the nearest verb-like word to the left in the clause
        s_start, _ = self._sent_bounds(doc, token.i)
        for i in range(token.i - 1, max(s_start, token.i - 8) - 1, -1):
            t = doc[i]
            word = t.lower_
            if word in (",", ";", ":") or t.is_space:
                break
            if word in self.past_forms or word in self.aux["past_be"] or word in self.aux["past_do"]:
                return "past"
            if i in pseudo:
                continue
            if word in self.aux["future"] or t.norm_ in self.aux["future"]:
                return "future"
            if word in self.aux["have"] or word in self.aux["been"]:
                return "perfect"
            if word in self.aux["present_be"] or t.norm_ in ("am", "are"):
                nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
                return "progressive" if nxt.endswith("ing") else "none"
            if word.endswith("ed") and len(word) > 4 and t.is_alpha:
                return "past"
        return "none"

    @staticmethod
    def _is_headline(doc: Doc, token: Token) -> bool:
        if doc.has_annotation("SENT_START"):
            sent = token.sent
            words = [t for t in sent if t.is_alpha]
        else:
            words = [t for t in doc if t.is_alpha]
            sent = doc[:]
        last = next((t for t in reversed(sent) if not t.is_space), None)
        if last is None or last.text in (".", "!", "?", "…") or len(words) < 2:
            return False
        return sum(t.is_title or t.is_upper for t in words) >= 0.7 * len(words)

    @staticmethod
    def _is_question(doc: Doc, token: Token) -> bool:
        if not doc.has_annotation("SENT_START"):
            return False
        last = next((t for t in reversed(token.sent) if not t.is_space), None)
        return last is not None and last.text == "?"

    # -- status -----------------------------------------------------------------------------

    def _head_token(self, span: Span) -> Token:
        info = span._.fp_activity
        if info is not None and info.form == "verb":
            return span[0]
        return span.root

    def _is_verb(self, span: Span) -> bool:
        info = span._.fp_activity
        if info is not None:
            return info.form == "verb"
        return span.root.pos_ in ("VERB", "AUX")

    def _syntax_ok(self, doc: Doc, cue: Cue, target: Token) -> bool:
        """With a parse, a negated/hypothetical cue does not reach into a relative clause."""
        if not doc.has_annotation("DEP"):
            return True
        head = doc[cue.start:cue.end].root.head
        t, steps = target, 0
        while t.i != head.i and t.head.i != t.i and steps < 10:
            if t.dep_ in _BLOCKED_DEPS:
                return False
            t, steps = t.head, steps + 1
        return True

    def status_of(self, doc: Doc, span: Span, cues: list[Cue],
                  pseudo: frozenset | set = frozenset()) -> ext.StatusInfo:
        token = self._head_token(span)
        is_verb = self._is_verb(span)
        sent_words = None
        candidates: list[tuple[Cue, int]] = []
        for cue in cues:
            if cue.start < span.end and span.start < cue.end and not cue.rule.overlap:
                continue  # a trigger does not qualify a mention it overlaps
            if not (span.start < cue.hi and cue.lo < span.end):
                continue
            rule = cue.rule
            if rule.target == "noun" and is_verb or rule.target == "verb" and not is_verb:
                continue
            if rule.requires:
                if sent_words is None:
                    s, e = self._sent_bounds(doc, span.start)
                    sent_words = {t.lower_ for t in doc[s:e]}
                if not rule.requires & sent_words:
                    continue
            gap = span.start - cue.end if span.start >= cue.end else cue.start - span.end
            candidates.append((cue, max(0, gap)))
        frequency = next((c.rule.frequency for c, _ in sorted(candidates, key=lambda x: x[1])
                          if c.rule.frequency), None)
        cats = self.categories
        modal = [(c, g) for c, g in candidates if cats[c.rule.category].get("family") == "modal"
                 and self._syntax_ok(doc, c, token)]
        timed = [(c, g) for c, g in candidates if cats[c.rule.category].get("family") == "time"]
        best = None
        if modal:
            best = max(modal, key=lambda cg: (cats[cg[0].rule.category]["priority"], -cg[1]))[0]
        elif timed:
            if is_verb and any(cats[c.rule.category]["priority"] > cats["completed"]["priority"]
                               for c, _ in timed) and self.tense(doc, token, depth=4, pseudo=pseudo) in ("past", "perfect"):
                # a verb in the past was done, whatever planned or under way is near it:
                # "I ran 10k yesterday and will run again tomorrow", "ran 20 km daily"
                timed = [(c, g) for c, g in timed if c.rule.category not in ("planned", "ongoing")] \
                    or [(c, g) for c, g in timed if c.rule.if_past]
            if timed:
                best = max(timed, key=lambda cg: (cats[cg[0].rule.category]["priority"], -cg[1]))[0]
        if best is not None:
            category = best.rule.category
            if best.rule.if_past and self.tense(doc, token, pseudo=pseudo) == "past":
                category = best.rule.if_past
            return ext.StatusInfo(cats[category]["status"], best.text, best.start_char, frequency)
        tense = self.tense(doc, token, pseudo=pseudo)
        info = span._.fp_activity
        if tense == "present" and self._is_headline(doc, token):
            tense = "headline"
        elif tense not in ("past", "past_modal") and self._is_question(doc, token):
            tense = "question"
        elif tense == "none" and info is not None and info.generic:
            tense = "present"  # "known for running barefoot": a way of life, not one session
        return ext.StatusInfo(self.tense_status.get(tense, "completed"), None, None, frequency)

    @staticmethod
    def _regions(doc: Doc) -> list[tuple[int, int]] | None:
        """The sentences that hold an activity mention, merged; None without sentence boundaries."""
        if not doc.has_annotation("SENT_START"):
            return None
        return ext.sentence_regions(doc, doc.spans[ext.ACTIVITIES])

    def __call__(self, doc: Doc) -> Doc:
        if ext.ACTIVITIES not in doc.spans or not len(doc.spans[ext.ACTIVITIES]):
            return doc
        cues, pseudo = self.cues(doc, self._regions(doc))
        for span in doc.spans[ext.ACTIVITIES]:
            span._.fp_status = self.status_of(doc, span, cues, pseudo)
        return doc


@Language.factory("fitpost_status", default_config={"rules": "status_rules.json"})
def make_status(nlp: Language, name: str, rules: str) -> StatusTagger:
    return StatusTagger(nlp, name, rules=rules)
