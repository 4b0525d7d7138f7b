"""fitpost_events: named events ("Lakeside Half Marathon", "the Unity Ride") and event hashtags.

A name starts with a capitalised word that is not a person, may hold a few
lowercase modifiers ("the Harbour midnight half marathon"), ends in an event
head (marathon, run, ride, triathlon, cyclothon ...) and may take a tail
("... virtual run").  A hashtag that ends in a head with an activity, after
three or more characters ("#CityCleanRun", "#lakesidemarathon"), is an event
too.  Lines written in Title Case (headlines) are skipped: every word is
capitalised there, so capitals say nothing.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from fitpost import ext, resources, schema
from fitpost.components.base import Component
from fitpost.components.people import named_tokens

_HASHTAG = re.compile(r"#([A-Za-z][A-Za-z0-9_]{2,})")
_WORD = re.compile(r"[A-Za-z]+")  # a word, for the Title Case test: a run of ASCII letters


def _title_case(line: str) -> bool:
    """Three or more words in ``line``, over 70% of them capitalised."""
    words = _WORD.findall(line)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) > 0.7


class EventFinder(Component):
    """Mark named events with ``models/events.json``."""

    def load(self) -> None:
        lexicon = self.config["lexicon"]
        data = resources.load_json(lexicon)
        self.heads = data["heads"]
        schema.check_activity_types([a for a in self.heads.values() if a], lexicon)
        self.inner = set(data["inner"])
        self.tails = [t.split() for t in data["tails"]]
        self.not_start = set(data["not_start"])
        self.one_word_heads = {h: a for h, a in self.heads.items() if " " not in h}
        # the last word of a named event: a head word, or the "K" of "10 K"
        self.head_words = frozenset(self.one_word_heads) | {"k", "km", "miler"}
        acts = resources.load_json("activities.json")["activities"]
        self.verbs = {v for entry in acts.values() for v in entry.get("verbs", [])}
        self.tag_heads = {h: a for h, a in self.one_word_heads.items() if a}

    def _starts_event(self, word: str, low: str) -> bool:
        """Whether a token (its text, lower-cased ``low``) may start a named event: capitalised, not a stop
        word or a verb."""
        return word[:1].isupper() and low not in self.not_start and low not in self.verbs

    def _tag_head(self, low: str) -> str | None:
        """The longest head with an activity that ends a lower-case hashtag and leaves three letters before it."""
        heads = [h for h in self.tag_heads if low.endswith(h) and len(low) - len(h) >= 3]
        return max(heads, key=len, default=None)

    def __call__(self, doc: Doc) -> Doc:
        text = ext.text(doc)
        tab = ext.tokens(doc)
        found: list[tuple[int, int, str, ext.EventInfo]] = []
        taken: set[int] = set()
        for s, e, activity in self._named(doc, tab):
            found.append((s, e, "EVENT", ext.EventInfo(name=text[tab.idx[s]:tab.char_end(s, e)], activity=activity)))
            taken.update(range(s, e))
        for m in _HASHTAG.finditer(text):
            tag = m.group(1)
            low = tag.lower()
            head = self._tag_head(low)
            if head is None:
                continue
            bounds = tab.expand(m.start(), m.end(), len(text))
            if bounds is None or any(k in taken for k in range(*bounds)):
                continue
            found.append((*bounds, "EVENT", ext.EventInfo(name=tag, activity=self.one_word_heads[head])))
        ext.add(doc, ext.EVENTS, "fp_event", found)
        return doc

    def _named(self, doc: Doc, tab: ext.Tokens) -> list[tuple[int, int, str | None]]:
        """Named events as (start, end, activity), read from each capitalised word that may start one."""
        words, lows = tab.text, tab.lower
        # a named event ends in a head word (or "10 K") of its own sentence
        starts = [i for lo, hi in tab.sents if not self.head_words.isdisjoint(lows[lo:hi])
                  for i in range(lo, hi) if self._starts_event(words[i], lows[i])]
        if not starts:
            return []  # "Swim 1.5 km, ...": a caption that starts with a verb
        # an event's words: the word before its start and up to seven from it
        people = named_tokens(doc, {k for i in starts for k in range(i - 1, min(i + 7, tab.sent_hi[i]))})
        headline = self._headline_tokens(tab, ext.text(doc))
        out = []
        resume = 0  # no event starts inside the one found before, in its sentence
        for i in starts:
            if i < resume or i in people or i in headline:
                continue
            found = self._event_at(doc, tab, i, tab.sent_hi[i], people)
            if found:
                out.append(found)
                resume = min(found[1], tab.sent_hi[i])
        return out

    def _event_at(self, doc: Doc, tab: ext.Tokens, i: int, end: int, people: set[int]):
        """The event that starts at token ``i`` (a capitalised word that may start one), in a sentence
        ending at ``end``: capitalised words, inner words and numbers up to a head, and a tail."""
        words, lows = tab.text, tab.lower
        if i > 0 and words[i - 1][:1].isupper() and lows[i - 1] not in self.not_start \
                and i - 1 not in people and tab.sent_lo[i - 1] != i - 1:
            return None  # not the start of the capitalised run
        j = i
        capitals = 0
        while j < end and j - i < 7:
            low = lows[j]
            if j > i and capitals and j + 1 < end and lows[j + 1] in ("k", "km", "miler") \
                    and self.vocab[words[j]].like_num:
                return i, j + 2, "running"  # "the Hilltop 10K" (tokenised "10", "K")
            if low in self.one_word_heads and j > i:
                k = j + 1
                while k < end and lows[k] in self.one_word_heads and k - j < 2:
                    k += 1  # "Half Marathon", "Marathon Run"
                for tail in self.tails:
                    if lows[k:k + len(tail)] == tail:
                        k += len(tail)
                        break
                head = lows[k - 1]
                activity = self.heads.get(head) or next(
                    (self.heads[x] for x in lows[i:k] if self.heads.get(x)), None)
                if capitals == 0:
                    return None
                return i, k, activity
            if words[j][:1].isupper() and j not in people and self.vocab[words[j]].is_alpha:
                capitals += 1
            elif not (low in self.inner or low in ("'s", "’s", "&", "of") or self.vocab[words[j]].like_num):
                return None
            j += 1
        return None

    @staticmethod
    def _headline_tokens(tab: ext.Tokens, text: str) -> set[int]:
        """Tokens of lines written in Title Case: three or more words (runs of ASCII letters),
        over 70% of them capitalised, and no sentence end at the end of the line."""
        out: set[int] = set()
        start = 0
        for line in text.split("\n"):
            if not line.rstrip().endswith((".", "!", "?", "\"", "”")) and _title_case(line):
                bounds = tab.expand(start, start + len(line), len(text))
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
