"""fitpost_events: named events ("Lakeside Half Marathon", "the Unity Ride") and event hashtags.

A name starts with a capitalised word that is not a person, may hold a few
lowercase modifiers ("the Harbour midnight half marathon"), ends in an event
head (marathon, run, ride, triathlon, cyclothon ...) and may take a tail
("... virtual run").  CamelCase or long hashtags that end in a head
("#CityCleanRun") are events too.  Lines written in Title Case (headlines)
are skipped: every word is capitalised there, so capitals say nothing.
"""
from __future__ import annotations

import itertools
import re

from spacy.language import Language
from spacy.tokens import Doc

from fitpost import ext, resources
from fitpost.components.base import Component
from fitpost.components.people import named_tokens

_HASHTAG = re.compile(r"#([A-Za-z][A-Za-z0-9_]{2,})")
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
# bytes of an ASCII-encoded line: capitals to "U", small letters to "l", anything else to " ", so each
# run of ASCII letters starts after a " " with the kind of its first letter
_LETTER_KINDS = bytes(ord("U") if 65 <= c <= 90 else ord("l") if 97 <= c <= 122 else ord(" ") for c in range(256))


def _title_case(line: str) -> bool:
    """Three or more runs of ASCII letters in ``line``, over 70% of them starting with a capital
    (the runs counted as matches of ``(?<![A-Za-z])[A-Za-z]`` would be, a few times faster)."""
    kinds = b" " + line.encode("ascii", "replace").translate(_LETTER_KINDS)
    capitalised = kinds.count(b" U")
    words = capitalised + kinds.count(b" l")
    return words >= 3 and capitalised / words > 0.7


class EventFinder(Component):
    """Mark named events with ``models/events.json``."""

    def load(self) -> None:
        data = resources.load_json(self.config.get("lexicon", "events.json"))
        self.heads = data["heads"]
        self.inner = set(data["inner"])
        self.tails = [t.split() for t in data["tails"]]
        self.not_start = set(data["not_start"])
        self.one_word_heads = {h: a for h, a in self.heads.items() if " " not in h}
        # the last word of a named event: a head word, or the "K" of "10 K"
        self.head_words = frozenset(self.one_word_heads) | {"k", "km", "miler"}
        acts = resources.load_json("activities.json")["activities"]
        self.verbs = {v for entry in acts.values() for v in entry.get("verbs", [])}
        # a hashtag's head: its longest suffix that is a head with an activity; the suffix lengths to try
        self.tag_heads = {h: a for h, a in self.one_word_heads.items() if a}
        self.tag_head_lengths = sorted({len(h) for h in self.tag_heads}, reverse=True)
        self._may_start: dict[str, bool] = {}  # token text -> whether a named event may start with it
        self._lexemes: dict[str, tuple[bool, bool]] = {}  # token text -> (is_alpha, like_num)

    def _starts_event(self, word: str) -> bool:
        """Whether a token with this text may start a named event (capitalised, not a stop word or verb)."""
        ok = self._may_start.get(word)
        if ok is None:
            low = word.lower()
            ok = word[:1].isupper() and low not in self.not_start and low not in self.verbs
            if len(self._may_start) > 100_000:  # a bound: texts repeat, the table stays small
                self._may_start.clear()
            self._may_start[word] = ok
        return ok

    def _flags(self, word: str) -> tuple[bool, bool]:
        """``(is_alpha, like_num)`` of a token with this text: Lexeme attributes, as ``doc[j]`` has them."""
        flags = self._lexemes.get(word)
        if flags is None:
            lex = self.vocab[word]
            flags = (lex.is_alpha, lex.like_num)
            if len(self._lexemes) > 100_000:
                self._lexemes.clear()
            self._lexemes[word] = flags
        return flags

    def _tag_head(self, low: str) -> str | None:
        """The longest head with an activity that ends a lower-case hashtag and leaves three letters before it."""
        for size in self.tag_head_lengths:
            if len(low) - size < 3:
                continue
            head = low[-size:]
            if head in self.tag_heads:
                return head
        return None

    def __call__(self, doc: Doc) -> Doc:
        text = ext.text(doc)
        tab = ext.tokens(doc)
        found: list[tuple[int, int, str, ext.EventInfo]] = []
        taken: set[int] = set()
        for s, e, activity in self._named(doc, tab):
            found.append((s, e, "EVENT", ext.EventInfo(name=text[tab.idx[s]:tab.char_end(s, e)], activity=activity)))
            taken.update(range(s, e))
        for m in _HASHTAG.finditer(text) if "#" in text else ():
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
        sents = [(lo, hi) for lo, hi in tab.sents if not self.head_words.isdisjoint(lows[lo:hi])]
        if not sents:
            return []
        starts = []
        known = self._may_start.get
        for lo, hi in sents:
            flags = list(map(known, words[lo:hi]))
            if None in flags:
                flags = [self._starts_event(words[lo + k]) if f is None else f for k, f in enumerate(flags)]
            starts.extend(itertools.compress(range(lo, hi), flags))
        if not starts:
            return []  # "Swim 1.5 km, ...": a caption that starts with a verb
        # an event's words: the word before its start and up to seven from it
        people = named_tokens(doc, {k for i in starts for k in range(i - 1, min(i + 7, tab.sent_hi[i]))})
        headline = None  # built when first needed
        out = []
        resume = 0  # no event starts inside the one found before, in its sentence
        for i in starts:
            if i < resume or i in people:
                continue
            if headline is None:
                headline = self._headline_tokens(tab, ext.text(doc))
            if i in headline:
                continue
            found = self._event_at(doc, tab, i, tab.sent_hi[i], people)
            if found:
                out.append(found)
                resume = min(found[1], tab.sent_hi[i])
        return out

    def _event_at(self, doc: Doc, tab: ext.Tokens, i: int, end: int, people: set[int]):
        """The event that starts at token ``i`` (a capitalised word that may start one), in a sentence ending at ``end``."""
        words, lows = tab.text, tab.lower
        if i > 0 and words[i - 1][:1].isupper() and lows[i - 1] not in self.not_start \
                and i - 1 not in people and tab.sent_lo[i - 1] != i - 1:
            return None  # not the start of the capitalised run
        j = i
        capitals = 0
        while j < end and j - i < 7:
            low = lows[j]
            if j > i and capitals and j + 1 < end and lows[j + 1] in ("k", "km", "miler") and self._flags(words[j])[1]:
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
            if words[j][:1].isupper() and j not in people and self._flags(words[j])[0]:
                capitals += 1
            elif not (low in self.inner or low in ("'s", "’s", "&", "of") or self._flags(words[j])[1]):
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


@Language.factory("fitpost_events", default_config={"lexicon": "events.json"})
def make_events(nlp: Language, name: str, lexicon: str) -> EventFinder:
    return EventFinder(nlp, name, lexicon=lexicon)
