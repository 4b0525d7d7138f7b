"""fitpost_people: find people and resolve them inside the document.

Named people (the model's PERSON entities, else capitalised name sequences),
@handles, relation phrases ("his wife, Asha Rao", "with her husband"), group
words ("the couple", "the duo") and pronouns become spans in
``doc.spans["fp_people"]``.  Each is resolved within the document: a short
name to the fullest name given, a handle to the person it names, "he"/"she"
to the person the passage is about, "I"/"we" inside a quote to the person the
quote is attributed to and, outside quotes, to the post's author.
``doc._.fp_roster`` keeps the result (main person, handles, spouses, quotes).
"""
from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span

from fitpost import ext, resources
from fitpost.components.base import Component

HANDLE = re.compile(r"(?<![\w@])@([A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)")
QUOTE = re.compile(r"“[^“”]{2,}”|\"[^\"]{2,}\"")
_NAME_TOKEN = re.compile(r"^[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?$")
FIRST = {"i", "me", "my", "mine", "myself"}
WE = {"we", "us", "our", "ours", "ourselves"}
MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
THEY = {"they", "them", "their", "theirs"}
_PRONOUNS = FIRST | WE | MALE | FEMALE | THEY
POSSESSIVE = {"his": "m", "her": "f", "my": "1", "our": "1", "their": "p"}


class PeopleFinder(Component):
    """Mark and resolve person mentions with ``models/people.json``."""

    def load(self) -> None:
        data = resources.load_json(self.config.get("lexicon", "people.json"))
        self.relations = {k: tuple(v) for k, v in data["relations"].items()}
        self.gender_words = {w: g for g, ws in data["gender_words"].items() for w in ws}
        self.groups = sorted(data["groups"], key=len, reverse=True)
        self.speech = set(data["speech_verbs"])
        self.not_names = set(data["not_names"])
        self.titles = set(data["titles"])
        self.place_preps = set(data["place_prepositions"])
        self.rel_max = max(len(k.split()) for k in self.relations)
        self.rel_first = {k.split()[0] for k in self.relations} | \
            {k.replace("-", " - ").split()[0] for k in self.relations}
        # the group words longest first, so "the couple" is one hit and not two
        self.group_re = re.compile(r"\b(?:" + "|".join(re.escape(g) for g in self.groups) + r")\b") \
            if self.groups else None

    # -- finding -----------------------------------------------------------
    def _names(self, doc: Doc) -> list[tuple[int, int]]:
        """Character spans of named people."""
        found = []
        if doc.has_annotation("ENT_IOB"):
            moving = {i for g in (ext.QUANTITIES, ext.ACTIVITIES) for s in ext.group(doc, g) for i in range(s.start, s.end)}
            for ent in doc.ents:
                if ent.label_ == "PERSON" and not self._placelike(doc, ent, moving):
                    found.extend(self._clean(doc, ent.start_char, ent.end_char))
            # a capitalised two- or three-word subject of an activity the model did not tag
            acts = {s.root.i for s in ext.group(doc, ext.ACTIVITIES)}
            for t in doc:
                if t.dep_ in ("nsubj", "nsubjpass") and t.head.i in acts and _NAME_TOKEN.match(t.text) \
                        and t.ent_type_ not in ("PERSON", "GPE", "LOC", "FAC", "DATE", "TIME"):
                    first = t
                    while first.i > 0 and doc[first.i - 1].dep_ == "compound" and _NAME_TOKEN.match(doc[first.i - 1].text):
                        first = doc[first.i - 1]
                    if first.i < t.i:
                        found.extend(self._clean(doc, first.idx, t.idx + len(t)))
        else:
            for sent in doc.sents:
                i = sent.start
                while i < sent.end:
                    j = i
                    while j < sent.end and _NAME_TOKEN.match(doc[j].text) and j - i < 3:
                        j += 1
                    if j - i >= 2 and not (i == sent.start and doc[i].lower_ in self.not_names):
                        found.extend(self._clean(doc, doc[i].idx, doc[j - 1].idx + len(doc[j - 1])))
                    i = max(j, i + 1)
        return found

    def _placelike(self, doc: Doc, ent: Span, moving: set[int]) -> bool:
        """A "person" right after a place preposition is a place the model mistook: "rode to Raipur"."""
        if ent.start == 0:
            return False
        prev = doc[ent.start - 1].lower_
        if prev in self.place_preps:
            return True
        if prev == "to":
            sent_start = ent.sent.start if doc.has_annotation("SENT_START") else 0
            if any(t.lower_ == "from" for t in doc[max(sent_start, ent.start - 5):ent.start]):
                return True  # "from Jaipur to Udaipur"
            return any(i in moving for i in range(sent_start, ent.start))
        return False

    def _clean(self, doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
        text = ext.text(doc)[start:end]
        while True:  # "Marathoner Asha Rao": the title is not the name
            first, _, rest = text.partition(" ")
            if rest and first.lower().strip(".") in self.titles:
                start += len(first) + 1
                text = rest
            else:
                break
        cut = re.search(r"['’]s$|[/|(].*$", text)
        if cut:
            end = start + cut.start()
            text = text[:cut.start()]
        text = text.rstrip(" ,.")
        end = start + len(text)
        words = text.split()
        if not words or any(w.lower() in self.not_names for w in words) or any(c.isdigit() for c in text):
            return []
        if not all(w[0].isupper() for w in words):
            return []
        return [(start, end)]

    def _relations(self, doc: Doc) -> list[tuple[int, int, str]]:
        """Token spans of relation words: (start, end, key)."""
        out = []
        lows = [t.lower_ for t in doc]
        i = 0
        while i < len(doc):
            if lows[i] not in self.rel_first:
                i += 1
                continue
            for n in range(self.rel_max, 0, -1):
                words = lows[i:i + n]
                if len(words) < n:  # the text ends sooner: (i, i + n) would run past it
                    continue
                key = " ".join(words).replace(" - ", "-")
                if key in self.relations:
                    out.append((i, i + n, key))
                    i += n - 1
                    break
            i += 1
        return out

    # -- resolving ---------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        text = ext.text(doc)
        quotes = [(m.start(), m.end()) for m in QUOTE.finditer(text)]
        names = self._names(doc)
        rel_spans = self._relations(doc)
        names = self._appositive_names(doc, rel_spans, names)
        full: list[str] = []
        for s, e in names:
            name = text[s:e]
            if not any(name != f and name in f.split() for f in full) and name not in full:
                full = [f for f in full if not (f != name and f in name)] + [name]
        # a single word that is part of a fuller name stands for it ("Asha" -> "Asha Rao")
        mentions: list[tuple[int, int, ext.PersonInfo]] = []
        count: Counter[str] = Counter()
        for s, e in names:
            canon = self._canonical(text[s:e], full, count)
            if canon:
                mentions.append((s, e, ext.PersonInfo(name=canon)))
                count[canon] += 1
        # short names the model did not tag: single tokens equal to a part of a known full name
        tagged_starts = {s for s, _, _ in mentions}
        parts = {}
        for f in full:
            for w in f.split():
                if len(w) > 2:
                    parts.setdefault(w, set()).add(f)
        for t in doc:
            if t.idx not in tagged_starts and t.text in parts and not any(s <= t.idx < e for s, e, _ in mentions):
                canon = self._canonical(t.text, full, count)
                if canon:
                    mentions.append((t.idx, t.idx + len(t), ext.PersonInfo(name=canon)))
                    count[canon] += 1
        gender: dict[str, str] = {}
        handles: dict[str, str | None] = {}
        for m in HANDLE.finditer(text):
            handle = "@" + m.group(1)
            person = self._handle_owner(handle, full, text, m.start(), m.end())
            handles[handle] = person
            mentions.append((m.start(), m.end(), ext.PersonInfo(name=person, handle=handle)))
            if person:
                count[person] += 1
        main = count.most_common(1)[0][0] if count else None
        gender_pre: dict[str, str] = {}
        speakers = self._speakers(doc, quotes, mentions, main, gender_pre)
        spouse: dict[str, str] = {}
        relation_of: dict[str, str] = {}
        # relation phrases: an appositive name names the relative ("his wife, Asha Rao")
        by_start = {s: (s, e, info) for s, e, info in mentions}
        for rs, re_, key in rel_spans:
            g, kind = self.relations[key]
            rel_char_end = doc[re_ - 1].idx + len(doc[re_ - 1])
            named = None
            nxt = re_
            while nxt < len(doc) and doc[nxt].text in (",", "-", "–", ":") and nxt - re_ < 2:
                nxt += 1
            if nxt < len(doc) and doc[nxt].idx in by_start and by_start[doc[nxt].idx][2].name:
                named = by_start[doc[nxt].idx][2].name
            owner = self._owner(doc, rs, mentions, main, gender)
            if owner is None and self._first_person_before(doc, rs):
                quote = next(((qs, qe) for qs, qe in quotes if qs <= doc[rs].idx < qe), None)
                owner = speakers.get(quote) if quote else doc._.fp_author
            if owner is None and named and named != main and not self._first_person_before(doc, rs):
                owner = main  # "wife Asha Rao joined him": the relative of the person the text is about
            if named and g:
                gender.setdefault(named, g)
            if named:
                relation_of.setdefault(named, key)
            if kind == "spouse" or kind == "partner":
                if named and owner and owner != named:
                    spouse[owner], spouse[named] = named, owner
                    if g and owner not in gender:
                        gender[owner] = "m" if g == "f" else "f"
                elif owner and owner in spouse:
                    named = spouse[owner]
            mentions.append((doc[rs].idx, rel_char_end, ext.PersonInfo(
                name=named, relation=key, pronoun=named is None and not owner)))
        # gender from words right before a name ("actress Asha Rao")
        for s, e, info in mentions:
            if info.name and info.name not in gender:
                before = text[max(0, s - 20):s].lower().split()
                if before and before[-1] in self.gender_words:
                    gender[info.name] = self.gender_words[before[-1]]
        speakers = self._speakers(doc, quotes, mentions, main, gender)
        mentions.extend(self._plural_relations(doc, relation_of))
        mentions.sort(key=lambda m: m[0])
        resolved = self._pronouns(doc, mentions, quotes, speakers, main, gender, spouse)
        group = ext.group(doc, ext.PEOPLE)
        for s, e, info in resolved:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            info.in_quote = any(qs <= s < qe for qs, qe in quotes)
            if info.name and not info.handle:
                info.handle = next((h for h, p in handles.items() if p == info.name), None)
            if info.name and not info.relation:
                info.relation = relation_of.get(info.name)
            span = Span(doc, span.start, span.end, label="PERSON")
            span._.fp_person = info
            group.append(span)
        doc._.fp_roster = {
            "main": main, "persons": {n: {"gender": gender.get(n), "handle": next(
                (h for h, p in handles.items() if p == n), None), "relation": relation_of.get(n)} for n in full},
            "spouse": spouse, "quotes": [(qs, qe, speakers.get((qs, qe))) for qs, qe in quotes],
        }
        return doc

    def _canonical(self, name: str, full: list[str], count: Counter) -> str | None:
        if name in full:
            return name
        owners = [f for f in full if name in f.split()]
        if not owners:
            return name
        return max(owners, key=lambda f: (count[f], -full.index(f)))

    def _appositive_names(self, doc: Doc, rel_spans, names):
        """Names written right after a relation word, which a model may miss ("wife Asha Rao")."""
        names = list(names)
        for _, re_, _ in rel_spans:
            j = re_
            while j < len(doc) and doc[j].text in (",", ":") and j - re_ < 1:
                j += 1
            k = j
            while k < len(doc) and k - j < 3 and _NAME_TOKEN.match(doc[k].text) \
                    and doc[k].lower_ not in self.not_names:
                k += 1
            if k > j:
                s, e = doc[j].idx, doc[k - 1].idx + len(doc[k - 1])
                names = [(a, b) for a, b in names if not (a < e and s < b)] + [(s, e)]
        return sorted(names)

    @staticmethod
    def _first_person_before(doc: Doc, i: int) -> bool:
        return any(t.lower_ in ("my", "our") for t in doc[max(0, i - 2):i]) or \
            any(t.lower_ in ("my", "our") for t in doc[i:i + 4] if t.i < len(doc))

    def _plural_relations(self, doc: Doc, relation_of: dict[str, str]):
        """ "the mothers", "the sisters": everyone named with that relation."""
        out = []
        if not relation_of:
            return out
        for t in doc:
            low = t.lower_
            if low.endswith("s") and low[:-1] in self.relations and low not in self.relations:
                members = tuple(n for n, r in relation_of.items() if r.startswith(low[:-1]))
                if members:
                    out.append((t.idx, t.idx + len(t), ext.PersonInfo(pronoun=True, members=members,
                                                                        relation=low[:-1])))
        return out

    @staticmethod
    def _handle_owner(handle: str, full: list[str], text: str, s: int, e: int) -> str | None:
        """The person a handle names: "Name (@handle)", or a handle built from the name."""
        for f in full:
            if re.search(re.escape(f) + r"\s*\(\s*$", text[max(0, s - 40):s]) or \
                    re.match(r"^\s*\(\s*" + re.escape(f), text[e:e + 40]):
                return f
        letters = re.sub(r"[^a-z]", "", handle.lower())
        best = [f for f in full if any(len(w) >= 4 and w.lower() in letters for w in f.split())]
        return best[0] if len(best) == 1 else None

    def _owner(self, doc: Doc, rel_start: int, mentions, main, gender) -> str | None:
        """Whose relative a relation word names: the possessive before it."""
        for j in range(rel_start - 1, max(-1, rel_start - 3), -1):
            low = doc[j].lower_
            if low in ("his", "her"):
                want = "m" if low == "his" else "f"
                before = [info.name for s, e, info in mentions if info.name and e <= doc[j].idx]
                for name in reversed(before):
                    if gender.get(name) in (want, None):
                        return name
                return main
            if low.endswith("'s") or low.endswith("’s"):
                return next((info.name for s, e, info in mentions if s <= doc[j].idx < e + 2 and info.name), None)
            if low in ("my", "our"):
                return None
        return None

    def _speakers(self, doc: Doc, quotes, mentions, main, gender) -> dict:
        """Who each quote is attributed to: a speech verb and a person next to it."""
        text = ext.text(doc)
        out = {}
        for qs, qe in quotes:
            after = text[qe:qe + 80]
            stop = re.search(r"[.!?\n“\"]", after)
            after = after[:stop.start()] if stop else after
            before_full = text[max(0, qs - 120):qs]
            cut = max(before_full.rfind(". "), before_full.rfind("\n"), before_full.rfind("”"))
            before = before_full[cut + 1:]
            speaker = None
            for window, base in ((after, qe), (before, qs - len(before))):
                if not any(w in self.speech for w in re.findall(r"[a-z]+", window.lower())):
                    continue
                near = [info for s, e, info in mentions if base <= s < base + len(window) and info.name]
                if near:
                    speaker = near[0].name if window is after else near[-1].name
                else:
                    words = re.findall(r"[a-z]+", window.lower())
                    if "he" in words or "she" in words:
                        want = "m" if "he" in words else "f"
                        prior = [info.name for s, e, info in mentions if info.name and s < qs]
                        speaker = next((n for n in reversed(prior) if gender.get(n) in (want, None)), main)
                if speaker:
                    break
            out[(qs, qe)] = speaker or main
        return out

    def _pronouns(self, doc, mentions, quotes, speakers, main, gender, spouse):
        """Add resolved pronoun and group mentions; return all mentions in text order."""
        text = ext.text(doc)
        out = list(mentions)
        named_before = [(s, info.name) for s, e, info in mentions if info.name and not info.pronoun]
        author = doc._.fp_author
        lows = [t.lower_ for t in doc]
        group_hits = []
        low_text = text.lower()
        for m in self.group_re.finditer(low_text) if self.group_re else ():
            group_hits.append((m.start(), m.end(), m.group()))
        couple = (main, spouse[main]) if main in spouse else ()
        for s, e, _ in group_hits:
            out.append((s, e, ext.PersonInfo(pronoun=True, members=couple, relation=None)))
        for i, low in enumerate(lows):
            if low not in _PRONOUNS:
                continue
            t = doc[i]
            quote = next(((qs, qe) for qs, qe in quotes if qs <= t.idx < qe), None)
            members: tuple[str, ...] = ()
            if low in FIRST | WE:
                who = speakers.get(quote) if quote else author
                if who:
                    members = (who,)
                    if low in WE and who in spouse:
                        members = (who, spouse[who])
            elif low in THEY:
                members = couple
                sent_start = t.sent.start_char if doc.has_annotation("SENT_START") else 0
                plural = [info for s, e, info in out if sent_start <= s < t.idx and info.members and len(info.members) > 1]
                if plural:
                    members = plural[-1].members
            else:
                want = "m" if low in MALE else "f"
                prior = [n for s, n in named_before if s < t.idx]
                cand = next((n for n in reversed(prior) if gender.get(n) == want), None)
                if cand is None:
                    cand = next((n for n in reversed(prior) if gender.get(n) is None), None)
                    if cand is not None:
                        gender[cand] = want
                members = (cand,) if cand else ((main,) if main else ())
            name = members[0] if len(members) == 1 else None
            out.append((t.idx, t.idx + len(t), ext.PersonInfo(name=name, pronoun=True, members=members)))
        out.sort(key=lambda m: m[0])
        return out


@Language.factory("fitpost_people", default_config={"lexicon": "people.json"})
def make_people(nlp: Language, name: str, lexicon: str) -> PeopleFinder:
    return PeopleFinder(nlp, name, lexicon=lexicon)
