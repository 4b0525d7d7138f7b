"""fitpost_events: named events ("Lakeside Half Marathon", "the Unity Ride") and event hashtags.

A name starts with a capitalised word that is not a person, may hold a few
lowercase modifiers ("the Harbour midnight half marathon"), ends in an event
head (marathon, run, ride, triathlon, cyclothon ...) and may take a tail
("... virtual run").  CamelCase or long hashtags that end in a head
("#CityCleanRun") are events too.  Lines written in Title Case (headlines)
are skipped: every word is capitalised there, so capitals say nothing.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from fitpost import ext, resources
from fitpost.components.base import Component

_HASHTAG = re.compile(r"#([A-Za-z][A-Za-z0-9_]{2,})")
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


class EventFinder(Component):
    """Mark named events with ``models/events.json``."""

    def load(self) -> None:
        data = resources.load_json(self.config.get("lexicon", "events.json"))
        self.heads = data["heads"]
        self.inner = set(data["inner"])
        self.tails = [t.split() for t in data["tails"]]
        self.not_start = set(data["not_start"])
        self.one_word_heads = {h: a for h, a in self.heads.items() if " " not in h}
        acts = resources.load_json("activities.json")["activities"]
        self.verbs = {v for entry in acts.values() for v in entry.get("verbs", [])}

    def __call__(self, doc: Doc) -> Doc:
        people = {i for s in ext.group(doc, ext.PEOPLE) if not s._.fp_person.pronoun for i in range(s.start, s.end)}
        headline = self._headline_tokens(doc)
        group = ext.group(doc, ext.EVENTS)
        taken: set[int] = set()
        for sent in doc.sents:
            i = sent.start
            while i < sent.end:
                found = self._event_at(doc, i, sent.end, people, headline)
                if found:
                    s, e, activity = found
                    span = Span(doc, s, e, label="EVENT")
                    span._.fp_event = ext.EventInfo(name=span.text, activity=activity)
                    group.append(span)
                    taken.update(range(s, e))
                    i = e
                else:
                    i += 1
        for m in _HASHTAG.finditer(ext.text(doc)):
            tag = m.group(1)
            low = tag.lower()
            head = next((h for h in sorted(self.one_word_heads, key=len, reverse=True)
                         if low.endswith(h) and len(low) - len(h) >= 3 and self.one_word_heads[h]), None)
            if head is None:
                continue
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or any(k in taken for k in range(span.start, span.end)):
                continue
            span = Span(doc, span.start, span.end, label="EVENT")
            span._.fp_event = ext.EventInfo(name=tag, activity=self.one_word_heads[head])
            group.append(span)
        return doc

    def _event_at(self, doc: Doc, i: int, end: int, people: set[int], headline: set[int]):
        t = doc[i]
        if i in people or i in headline or not t.text[:1].isupper() or t.lower_ in self.not_start \
                or t.lower_ in self.verbs:
            return None  # "Swim 1.5 km, ...": a caption that starts with a verb
        if i > 0 and doc[i - 1].text[:1].isupper() and doc[i - 1].lower_ not in self.not_start \
                and doc[i - 1].i not in people and not doc[i - 1].is_sent_start:
            return None  # not the start of the capitalised run
        j = i
        capitals = 0
        while j < end and j - i < 7:
            w = doc[j]
            low = w.lower_
            if w.like_num and j > i and capitals and j + 1 < end and doc[j + 1].lower_ in ("k", "km", "miler"):
                return i, j + 2, "running"  # "the Hilltop 10K" (tokenised "10", "K")
            if low in self.one_word_heads and j > i:
                k = j + 1
                while k < end and doc[k].lower_ in self.one_word_heads and k - j < 2:
                    k += 1  # "Half Marathon", "Marathon Run"
                for tail in self.tails:
                    if [x.lower_ for x in doc[k:k + len(tail)]] == tail:
                        k += len(tail)
                        break
                head = doc[k - 1].lower_
                activity = self.heads.get(head) or next(
                    (self.heads[x.lower_] for x in doc[i:k] if self.heads.get(x.lower_)), None)
                if capitals == 0:
                    return None
                return i, k, activity
            if w.text[:1].isupper() and j not in people and w.is_alpha:
                capitals += 1
            elif not (low in self.inner or w.like_num or low in ("'s", "’s", "&", "of")):
                return None
            j += 1
        return None

    @staticmethod
    def _headline_tokens(doc: Doc) -> set[int]:
        """Tokens of lines written in Title Case."""
        out: set[int] = set()
        start = 0
        for line in ext.text(doc).split("\n"):
            words = re.findall(r"[A-Za-z]+", line)
            if len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) > 0.7 \
                    and not line.rstrip().endswith((".", "!", "?", "\"", "”")):
                span = doc.char_span(start, start + len(line), alignment_mode="expand")
                if span is not None:
                    out.update(range(span.start, span.end))
            start += len(line) + 1
        return out


@Language.factory("fitpost_events", default_config={"lexicon": "events.json"})
def make_events(nlp: Language, name: str, lexicon: str) -> EventFinder:
    return EventFinder(nlp, name, lexicon=lexicon)
