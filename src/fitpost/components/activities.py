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

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from fitpost import ext, resources
from fitpost.components.base import Component

_BARE_RACE = re.compile(r"^\d{1,3}(?:\.\d)?\s?[kK]$")
_DETERMINERS = {"a", "an", "the", "their", "his", "her", "my", "our", "your", "that", "this", "its", "first", "another"}
_BE = {"is", "was", "were", "are", "am", "be", "been", "being", "'s", "’s", "'m", "’m", "'re", "’re"}
_GO = {"go", "goes", "went", "going", "gone"}


class ActivityFinder(Component):
    """Mark activity mentions using the lexicon in ``models/activities.json``."""

    def load(self) -> None:
        self.lexicon = resources.load_json(self.config.get("lexicon", "activities.json"))
        self._matcher: PhraseMatcher | None = None
        self._vocab = None
        self.kinds: dict[str, tuple] = {}
        acts = self.lexicon["activities"]
        for activity, entry in acts.items():
            for form in entry.get("verbs", []):
                self.kinds.setdefault(form, ("verb", activity, entry["sport_type"], None))
            for form in entry.get("nouns", []):
                if form in self.kinds and self.kinds[form][0] == "verb":
                    self.kinds[form] = ("both", activity, entry["sport_type"], None)
                else:
                    self.kinds.setdefault(form, ("noun", activity, entry["sport_type"], None))
        for exercise, entry in self.lexicon["exercises"].items():
            sport = acts[entry["activity"]]["sport_type"]
            for form in entry["forms"]:
                self.kinds[form] = ("exercise", entry["activity"], sport, exercise)
        self.blockers = set(self.lexicon["compound_blockers"])
        self.generic_nouns = set(self.lexicon["generic_nouns"])
        self.single = {f: k for f, k in self.kinds.items() if " " not in f and "-" not in f}

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

    def _lookup(self, token) -> tuple | None:
        low = token.lower_
        if low in self.single:
            return self.single[low]
        if low.endswith("in") and low + "g" in self.single:  # swimmin', runnin'
            return self.single[low + "g"]
        return None

    def __call__(self, doc: Doc) -> Doc:
        tagged = doc.has_annotation("TAG")
        idiom_tokens: set[int] = set()
        candidates: list[tuple[Span, tuple]] = []
        for match_id, start, end in self._matcher_for(doc)(doc):
            label = doc.vocab.strings[match_id]
            if label == "IDIOM":
                idiom_tokens.update(range(start, end))
            else:
                span = doc[start:end]
                candidates.append((span, self.kinds[span.text.lower().replace(" - ", "-")]
                                   if span.text.lower() in self.kinds else self._phrase_kind(span)))
        for token in doc:
            kind = self._lookup(token)
            if kind is not None:
                candidates.append((doc[token.i:token.i + 1], kind))
        for q in ext.group(doc, ext.QUANTITIES):
            if q.label_ == "distance" and _BARE_RACE.match(q.text) and q.start > 0 \
                    and any(t.lower_ in _DETERMINERS for t in doc[max(0, q.start - 3):q.start]):
                candidates.append((q, ("race", "running", "Run", None)))
        spans = []
        for span, kind in candidates:
            if kind is None or any(i in idiom_tokens for i in range(span.start, span.end)):
                continue
            if not self._is_activity(doc, span, kind, tagged):
                continue
            form, activity, sport, exercise = kind
            if form == "both":
                form = "noun" if tagged and span.root.pos_ in ("NOUN", "PROPN") else "verb"
            new = Span(doc, span.start, span.end, label=activity)
            spans.append((new, ext.ActivityInfo(activity=activity, sport_type=sport, exercise=exercise,
                                                form=form, generic=self._generic(doc, new, form, tagged))))
        kept = filter_spans([s for s, _ in spans])
        info = {(s.start, s.end): i for s, i in spans}
        group = ext.group(doc, ext.ACTIVITIES)
        for span in kept:
            span._.fp_activity = info[(span.start, span.end)]
            group.append(span)
        return doc

    def _phrase_kind(self, span: Span) -> tuple | None:
        text = re.sub(r"\s*-\s*", "-", span.text.lower())
        return self.kinds.get(text) or self.kinds.get(text.replace("-", " "))

    def _is_activity(self, doc: Doc, span: Span, kind: tuple, tagged: bool) -> bool:
        form = kind[0]
        nxt = doc[span.end] if span.end < len(doc) else None
        if form in ("noun", "both") and nxt is not None and nxt.lower_ in self.blockers:
            return False  # "running shoes", "workout partner", "cycling event"
        root = span.root
        if tagged and form == "verb" and root.pos_ in ("NOUN", "PROPN") and root.dep_ == "compound":
            return False
        if tagged and form == "verb" and root.pos_ == "NOUN" and span.start > 0 \
                and doc[span.start - 1].lower_ in _DETERMINERS:
            return False  # "my bike", "a cycle": the machine, not the ride
        if tagged and root.dep_ == "compound" and root.head.lower_ in self.blockers:
            return False
        if span.start > 0 and doc[span.start - 1].text in ("#", "@"):
            return False  # part of a hashtag or handle: the events component reads those
        if tagged and form == "noun" and root.pos_ == "VERB" and kind[1] == "workout":
            return False  # "exercise" as a verb is listed under verbs when meant
        return True

    def _generic(self, doc: Doc, span: Span, form: str, tagged: bool) -> bool:
        """A gerund about the activity in general: "known for running", "running is fun"."""
        word = span[0].lower_
        if not (word.endswith("ing") or word.endswith("in")) or form == "exercise":
            return False
        prev = [t.lower_ for t in doc[max(0, span.start - 3):span.start]]
        if any(p in _BE or p in _GO for p in prev[-2:]):
            return False  # "was running", "went cycling"
        if prev and prev[-1] in _DETERMINERS:
            return False  # "the running", "their cycling"
        if tagged:
            root = span.root
            if root.dep_ in ("ROOT", "conj", "advcl", "xcomp", "ccomp", "acl", "relcl", "pcomp") \
                    and any(c.dep_ in ("dobj", "npadvmod", "nummod", "prep") and c.like_num is False
                            and any(t.like_num for t in c.subtree) for c in root.children):
                return False  # "running 20 km"
            if root.dep_ in ("nsubj", "pobj", "dobj", "conj", "attr") and root.pos_ in ("NOUN", "VERB"):
                return not any(t.like_num for t in root.subtree)
            if root.dep_ == "pcomp" and root.head.lower_ in ("for", "about", "of", "to"):
                return True
            return False
        following = [t for t in doc[span.end:span.end + 3]]
        return not any(t.like_num for t in following) and bool(prev) and prev[-1] in ("for", "of", "about")


@Language.factory("fitpost_activities", default_config={"lexicon": "activities.json"})
def make_activities(nlp: Language, name: str, lexicon: str) -> ActivityFinder:
    return ActivityFinder(nlp, name, lexicon=lexicon)
