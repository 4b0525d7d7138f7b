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
from bisect import bisect_left, bisect_right
from itertools import compress
from operator import itemgetter

from spacy.language import Language
from spacy.tokens import Doc

from fitpost import ext, resources
from fitpost.components.base import Component

# "@" not after a word character or "@": the "@" comes first so that it is looked for at C speed
# (a leading look-behind is tried at every position of the text)
HANDLE = re.compile(r"@(?<![\w@]@)([A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)")
QUOTE = re.compile(r"“[^“”]{2,}”|\"[^\"]{2,}\"")
_NAME_TOKEN = re.compile(r"^[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?$")
# possessive: no letter given back can let a run go on (the next character is never one), so the
# matches are the same and a failed attempt ends at once
_NAME_WORD = r"[A-Z][a-z]++(?:[-'][A-Z]?[a-z]++)?+"
_NAME_RUN = re.compile(_NAME_WORD + r"(?: ?" + _NAME_WORD + r")+")  # two or more name-like words
_NAME_CUT = re.compile(r"['’]s$|[/|(].*$")
_WORDS = re.compile(r"[a-z]+")
_QUOTE_STOP = re.compile(r"[.!?\n“\"]")
FIRST = {"i", "me", "my", "mine", "myself"}
WE = {"we", "us", "our", "ours", "ourselves"}
MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
THEY = {"they", "them", "their", "theirs"}
_PRONOUNS = FIRST | WE | MALE | FEMALE | THEY
_FIRST_OR_WE = FIRST | WE
_MY_OUR = frozenset(("my", "our"))
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
        # the most tokens a relation starting at each of those can span: n tokens joined by spaces
        # hold n - 1 of them, and each " - " made "-" takes two, so a key with s spaces and h hyphens
        # spans at most s + 2h + 1 tokens (and a key made from tokens starting with w starts with w)
        self.rel_span = {w: min(self.rel_max, max(k.count(" ") + 2 * k.count("-") + 1
                                                  for k in self.relations if k.startswith(w)))
                         for w in self.rel_first}
        self.cue_words = self.rel_first | _PRONOUNS  # the tokens a relation or a pronoun starts at
        # a text holds a group word only if it holds one of these (the rest hold one of them)
        self.group_cues = [g for g in self.groups if not any(o != g and o in g for o in self.groups)]
        # the same test as one search per first word ("the (?:couple|duo|...)"): a literal start is
        # looked for at C speed, and each text is scanned a few times rather than once per cue
        tails: dict[str, list[str]] = {}
        for g in self.group_cues:
            head = g[:g.index(" ") + 1] if " " in g else g
            tails.setdefault(head, []).append(g[len(head):])
        self.group_scans = [re.compile(re.escape(head) + "(?:" + "|".join(map(re.escape, rest)) + ")")
                            for head, rest in tails.items()]
        # the group words longest first, so "the couple" is one hit and not two
        self.group_re = re.compile(r"\b(?:" + "|".join(re.escape(g) for g in self.groups) + r")\b") \
            if self.groups else None

    # -- finding -----------------------------------------------------------
    def _names(self, doc: Doc, tab: ext.Tokens, text: str) -> list[tuple[int, int]]:
        """Character spans of named people (``text``: the Doc's)."""
        if ext.has_annotation(doc, "ENT_IOB"):
            return self._model_names(doc, tab)
        # Runs of two or three capitalised words (tokens matching _NAME_TOKEN, next to each other)
        # inside a sentence.  Two such tokens side by side are also a _NAME_RUN match in the text
        # (whitespace other than one space is a token of its own), so only the tokens of those
        # matches are read; a run is followed from there to its ends token by token.
        words, starts, n = tab.text, tab.idx, tab.n
        is_name = _NAME_TOKEN.match
        found: list[tuple[int, int]] = []
        done = 0  # the tokens before this one are read
        for m in _NAME_RUN.finditer(text):
            k = max(bisect_right(starts, m.start()) - 1, done)  # the token holding the match's first letter
            last = bisect_left(starts, m.end())  # the tokens that start before the match ends
            while k < last:
                if not is_name(words[k]):
                    k += 1
                    continue
                first = k  # the run holding k: none of its tokens is before ``done``
                while first > done and is_name(words[first - 1]):
                    first -= 1
                end = k + 1
                while end < n and is_name(words[end]):
                    end += 1
                self._read_run(text, tab, first, end, found)
                k = done = end
        return found

    def _read_run(self, text: str, tab: ext.Tokens, first: int, end: int, found: list[tuple[int, int]]) -> None:
        """Add the names of the run of capitalised tokens ``first:end``, read three words at a time
        and never across a sentence end."""
        i = first
        while i < end:
            j = min(i + 3, tab.sent_hi[i], end)
            if j - i >= 2 and not (i == tab.sent_lo[i] and tab.lower[i] in self.not_names):
                found.extend(self._clean(text, tab.idx[i], tab.end[j - 1], run=True))
            i = j

    def _model_names(self, doc: Doc, tab: ext.Tokens) -> list[tuple[int, int]]:
        """Character spans of named people on a model's entities and parse."""
        found = []
        moving = {i for g, attr in ((ext.QUANTITIES, "fp_quantity"), (ext.ACTIVITIES, "fp_activity"))
                  for s in ext.mentions(doc, g, attr) for i in range(s.start, s.end)}
        for ent in doc.ents:
            if ent.label_ == "PERSON" and not self._placelike(tab, ent.start, moving):
                found.extend(self._clean(ext.text(doc), ent.start_char, ent.end_char))
        # a capitalised two- or three-word subject of an activity the model did not tag
        acts = {doc[s.start:s.end].root.i for s in ext.mentions(doc, ext.ACTIVITIES, "fp_activity")}
        subjects = sorted((t for a in acts for t in doc[a].children if t.dep_ in ("nsubj", "nsubjpass")),
                          key=lambda t: t.i)
        for t in subjects:
            if _NAME_TOKEN.match(t.text) and t.ent_type_ not in ("PERSON", "GPE", "LOC", "FAC", "DATE", "TIME"):
                first = t
                while first.i > 0 and doc[first.i - 1].dep_ == "compound" and _NAME_TOKEN.match(doc[first.i - 1].text):
                    first = doc[first.i - 1]
                if first.i < t.i:
                    found.extend(self._clean(ext.text(doc), first.idx, t.idx + len(t)))
        return found

    def _placelike(self, tab: ext.Tokens, start: int, moving: set[int]) -> bool:
        """A "person" right after a place preposition is a place the model mistook: "rode to Raipur"."""
        if start == 0:
            return False
        prev = tab.lower[start - 1]
        if prev in self.place_preps:
            return True
        if prev == "to":
            sent_start = tab.sent_lo[start]
            if "from" in tab.lower[max(sent_start, start - 5):start]:
                return True  # "from Jaipur to Udaipur"
            return any(i in moving for i in range(sent_start, start))
        return False

    def _clean(self, whole: str, start: int, end: int, run: bool = False) -> list[tuple[int, int]]:
        """The name in ``whole[start:end]`` without a title before it or "'s" after it, if it is one.
        ``run``: the text is tokens matching ``_NAME_TOKEN`` with at most a space between them, so
        it holds no digit and each of its words starts with a capital."""
        text = whole[start:end]
        while True:  # "Marathoner Asha Rao": the title is not the name
            first, _, rest = text.partition(" ")
            if rest and first.lower().strip(".") in self.titles:
                start += len(first) + 1
                text = rest
            else:
                break
        if run:  # of _NAME_CUT's cuts only a final "'s" can be in it ("’" and "/|(" are not)
            if text.endswith("'s"):
                text = text[:-2]
        else:
            cut = _NAME_CUT.search(text)
            if cut:
                text = text[:cut.start()]
        text = text.rstrip(" ,.")
        end = start + len(text)
        words = text.split()
        if not words or not self.not_names.isdisjoint(text.lower().split()):
            return []
        if run:
            return [(start, end)]
        if any(map(str.isdigit, text)):
            return []
        for w in words:
            if not w[0].isupper():
                return []
        return [(start, end)]

    def _relations(self, tab: ext.Tokens, cues: list[int]) -> list[tuple[int, int, str]]:
        """Token spans of relation words: (start, end, key).  ``cues``: the tokens in ``cue_words``."""
        out = []
        lows = tab.lower
        resume = 0
        for i in [k for k in cues if lows[k] in self.rel_first]:
            if i < resume:
                continue  # inside the relation found before
            for n in range(self.rel_span[lows[i]], 0, -1):
                if i + n > tab.n:  # the text ends sooner: (i, i + n) would run past it
                    continue
                key = " ".join(lows[i:i + n]).replace(" - ", "-")
                if key in self.relations:
                    out.append((i, i + n, key))
                    resume = i + n
                    break
        return out

    # -- resolving ---------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        text = ext.text(doc)
        tab = ext.tokens(doc)
        quotes = [(m.start(), m.end()) for m in QUOTE.finditer(text)] if '"' in text or "“" in text else []
        names = self._names(doc, tab, text)
        # one pass over the tokens for the words relations and pronouns start at
        cues = list(compress(range(tab.n), map(self.cue_words.__contains__, tab.lower)))
        rel_spans = self._relations(tab, cues)
        names = self._appositive_names(tab, rel_spans, names)
        full: list[str] = []
        for s, e in names:
            name = text[s:e]
            if name not in full and not any(name in f.split() for f in full):
                full = [f for f in full if not (f != name and f in name)] + [name]
        # a single word that is part of a fuller name stands for it ("Asha" -> "Asha Rao")
        mentions: list[tuple[int, int, ext.PersonInfo]] = []
        count: dict[str, int] = {}  # mentions per full name, in the order first named
        for s, e in names:
            canon = self._canonical(text[s:e], full, count)
            if canon:
                mentions.append((s, e, ext.PersonInfo(name=canon)))
                count[canon] = count.get(canon, 0) + 1
        # short names the model did not tag: single tokens equal to a part of a known full name
        parts = {}
        for f in full:
            for w in f.split():
                if len(w) > 2:
                    parts.setdefault(w, set()).add(f)
        for i in self._part_tokens(text, tab, parts, mentions) if parts else ():
            canon = self._canonical(tab.text[i], full, count)
            if canon:
                mentions.append((tab.idx[i], tab.end[i], ext.PersonInfo(name=canon)))
                count[canon] = count.get(canon, 0) + 1
        gender: dict[str, str] = {}
        handles: dict[str, str | None] = {}
        for m in HANDLE.finditer(text) if "@" in text else ():
            handle = "@" + m.group(1)
            person = self._handle_owner(handle, full, text, m.start(), m.end())
            handles[handle] = person
            mentions.append((m.start(), m.end(), ext.PersonInfo(name=person, handle=handle)))
            if person:
                count[person] = count.get(person, 0) + 1
        main = max(count.items(), key=itemgetter(1))[0] if count else None  # most_common(1): the first of the most
        # who said each quote as the mentions so far and no genders tell it, for the relations below
        # (worked out on their first need: few texts have a quote and a relation phrase after "my")
        named_before = len(mentions)
        speakers_before: dict | None = None
        spouse: dict[str, str] = {}
        relation_of: dict[str, str] = {}
        # relation phrases: an appositive name names the relative ("his wife, Asha Rao")
        by_start = {s: (s, e, info) for s, e, info in mentions} if rel_spans else {}
        for rs, re_, key in rel_spans:
            g, kind = self.relations[key]
            rel_char_end = tab.end[re_ - 1]
            named = None
            nxt = re_
            while nxt < tab.n and tab.text[nxt] in (",", "-", "–", ":") and nxt - re_ < 2:
                nxt += 1
            if nxt < tab.n and tab.idx[nxt] in by_start and by_start[tab.idx[nxt]][2].name:
                named = by_start[tab.idx[nxt]][2].name
            owner = self._owner(tab, rs, mentions, main, gender)
            if owner is None and self._first_person_before(tab, rs):
                quote = ext.range_at(quotes, tab.idx[rs])
                if quote:
                    if speakers_before is None:
                        speakers_before = self._speakers(doc, quotes, mentions[:named_before], main, {})
                    owner = speakers_before.get(quote)
                else:
                    owner = ext.doc_value(doc, "fp_author")
            if owner is None and named and named != main and not self._first_person_before(tab, rs):
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
            mentions.append((tab.idx[rs], rel_char_end, ext.PersonInfo(
                name=named, relation=key, pronoun=named is None and not owner)))
        # gender from words right before a name ("actress Asha Rao")
        for s, e, info in mentions:
            if info.name and info.name not in gender:
                before = text[max(0, s - 20):s].lower().split()
                if before and before[-1] in self.gender_words:
                    gender[info.name] = self.gender_words[before[-1]]
        speakers = self._speakers(doc, quotes, mentions, main, gender) if quotes else {}
        mentions.extend(self._plural_relations(tab, relation_of))
        mentions.sort(key=itemgetter(0))
        resolved = self._pronouns(doc, tab, text, cues, mentions, quotes, speakers, main, gender, spouse)
        handle_of: dict[str, str] = {}  # each person's first handle
        for h, p in handles.items():
            if p:
                handle_of.setdefault(p, h)
        found = []
        expand, length = tab.expand, len(text)
        q, n_quotes = 0, len(quotes)  # the first quote not ending before the mention (``resolved`` is sorted)
        for s, e, info in resolved:
            bounds = expand(s, e, length)
            if bounds is None:
                continue
            if quotes:
                while q < n_quotes and quotes[q][1] <= s:
                    q += 1
                info.in_quote = q < n_quotes and quotes[q][0] <= s
            name = info.name
            if name:
                if handle_of and not info.handle:
                    info.handle = handle_of.get(name)
                if relation_of and not info.relation:
                    info.relation = relation_of.get(name)
            found.append((*bounds, "PERSON", info))
        ext.add(doc, ext.PEOPLE, "fp_person", found)
        ext.set_doc_value(doc, "fp_roster", ext.Roster(
            main=main,
            persons={n: ext.RosterPerson(gender=gender.get(n), handle=handle_of.get(n), relation=relation_of.get(n))
                     for n in full},
            spouse=spouse, quotes=[ext.Quote(qs, qe, speakers.get((qs, qe))) for qs, qe in quotes]))
        return doc

    @staticmethod
    def _part_tokens(text: str, tab: ext.Tokens, parts: dict, mentions) -> list[int]:
        """The tokens that are one of ``parts`` and not inside one of ``mentions`` (all non-empty), in order.

        The few words are looked for in the text with the mentions blanked out: a part holds no
        space, and a mention starts at a token's start, so a part token outside the mentions is
        found there whole, and one inside them is not found."""
        pieces, at = [], 0
        for s, e in sorted([(s, e) for s, e, _ in mentions]):
            if e > at:
                s = max(s, at)
                pieces += (text[at:s], " " * (e - s))
                at = e
        pieces.append(text[at:])
        blanked = "".join(pieces)
        starts, words = tab.idx, tab.text
        out = []
        for word in parts:
            at = blanked.find(word)
            while at >= 0:
                i = bisect_left(starts, at)
                if i < tab.n and starts[i] == at and words[i] == word:
                    out.append(i)
                at = blanked.find(word, at + 1)
        out.sort()
        return out

    def _canonical(self, name: str, full: list[str], count: dict[str, int]) -> str | None:
        if name in full:
            return name
        owners = [f for f in full if name in f.split()]
        if len(owners) < 2:
            return owners[0] if owners else name
        return max(owners, key=lambda f: (count.get(f, 0), -full.index(f)))

    def _appositive_names(self, tab: ext.Tokens, rel_spans, names):
        """Names written right after a relation word, which a model may miss ("wife Asha Rao")."""
        names = list(names)
        for _, re_, _ in rel_spans:
            j = re_
            while j < tab.n and tab.text[j] in (",", ":") and j - re_ < 1:
                j += 1
            k = j
            while k < tab.n and k - j < 3 and _NAME_TOKEN.match(tab.text[k]) \
                    and tab.lower[k] not in self.not_names:
                k += 1
            if k > j:
                s, e = tab.idx[j], tab.end[k - 1]
                names = [(a, b) for a, b in names if not (a < e and s < b)] + [(s, e)]
        return sorted(names)

    @staticmethod
    def _first_person_before(tab: ext.Tokens, i: int) -> bool:
        """Whether "my" or "our" is among the two words before token ``i`` or the four from it."""
        return not _MY_OUR.isdisjoint(tab.lower[max(0, i - 2):i + 4])

    def _plural_relations(self, tab: ext.Tokens, relation_of: dict[str, str]):
        """ "the mothers", "the sisters": everyone named with that relation."""
        out = []
        if not relation_of:
            return out
        for i, low in enumerate(tab.lower):
            if low.endswith("s") and low[:-1] in self.relations and low not in self.relations:
                members = tuple(n for n, r in relation_of.items() if r.startswith(low[:-1]))
                if members:
                    out.append((tab.idx[i], tab.end[i], ext.PersonInfo(pronoun=True, members=members,
                                                                        relation=low[:-1])))
        return out

    @staticmethod
    def _handle_owner(handle: str, full: list[str], text: str, s: int, e: int) -> str | None:
        """The person a handle names: "Name (@handle)", or a handle built from the name."""
        before, after = text[max(0, s - 40):s], text[e:e + 40]
        # only a bracket next to the handle can tie it to a name: test for one before building patterns
        open_before, open_after = before.rstrip().endswith("("), after.lstrip().startswith("(")
        for f in full if open_before or open_after else ():
            if (open_before and re.search(re.escape(f) + r"\s*\(\s*$", before)) or \
                    (open_after and re.match(r"^\s*\(\s*" + re.escape(f), after)):
                return f
        letters = re.sub(r"[^a-z]", "", handle.lower())
        best = [f for f in full if any(len(w) >= 4 and w.lower() in letters for w in f.split())]
        return best[0] if len(best) == 1 else None

    def _owner(self, tab: ext.Tokens, rel_start: int, mentions, main, gender) -> str | None:
        """Whose relative a relation word names: the possessive before it."""
        for j in range(rel_start - 1, max(-1, rel_start - 3), -1):
            low = tab.lower[j]
            if low in ("his", "her"):
                want, at = ("m" if low == "his" else "f"), tab.idx[j]
                for s, e, info in reversed(mentions):  # the last person named before it, of that gender
                    if info.name and e <= at and gender.get(info.name) in (want, None):
                        return info.name
                return main
            if low.endswith("'s") or low.endswith("’s"):
                return next((info.name for s, e, info in mentions if s <= tab.idx[j] < e + 2 and info.name), None)
            if low in ("my", "our"):
                return None
        return None

    def _speakers(self, doc: Doc, quotes, mentions, main, gender) -> dict:
        """Who each quote is attributed to: a speech verb and a person next to it."""
        text = ext.text(doc)
        out = {}
        for qs, qe in quotes:
            after = text[qe:qe + 80]
            stop = _QUOTE_STOP.search(after)
            after = after[:stop.start()] if stop else after
            before_full = text[max(0, qs - 120):qs]
            cut = max(before_full.rfind(". "), before_full.rfind("\n"), before_full.rfind("”"))
            before = before_full[cut + 1:]
            speaker = None
            for window, base in ((after, qe), (before, qs - len(before))):
                words = _WORDS.findall(window.lower())
                if self.speech.isdisjoint(words):
                    continue
                near = [info for s, e, info in mentions if base <= s < base + len(window) and info.name]
                if near:
                    speaker = near[0].name if window is after else near[-1].name
                else:
                    if "he" in words or "she" in words:
                        want = "m" if "he" in words else "f"
                        prior = [info.name for s, e, info in mentions if info.name and s < qs]
                        speaker = next((n for n in reversed(prior) if gender.get(n) in (want, None)), main)
                if speaker:
                    break
            out[(qs, qe)] = speaker or main
        return out

    def _pronouns(self, doc, tab: ext.Tokens, text: str, cues, mentions, quotes, speakers, main, gender, spouse):
        """Add resolved pronoun and group mentions; return all mentions in text order.
        ``text``: the Doc's; ``cues``: the tokens in ``cue_words``."""
        out = list(mentions)
        # the named mentions, in text order (``mentions`` is sorted)
        named = [(s, info.name) for s, e, info in mentions if info.name and not info.pronoun]
        named_starts = [s for s, _ in named]
        named_names = [n for _, n in named]
        group_hits = []
        low_text = text.lower()
        # most texts hold none of the group words: look for them as plain substrings first
        if self.group_re and any(p.search(low_text) for p in self.group_scans):
            hits = self.group_re.finditer(low_text)
        else:
            hits = ()
        for m in hits:
            group_hits.append((m.start(), m.end(), m.group()))
        couple = (main, spouse[main]) if main in spouse else ()
        for s, e, _ in group_hits:
            out.append((s, e, ext.PersonInfo(pronoun=True, members=couple, relation=None)))
        lows, starts, ends, sent_lo = tab.lower, tab.idx, tab.end, tab.sent_lo
        for i in [k for k in cues if lows[k] in _PRONOUNS]:
            low, start = lows[i], starts[i]
            members: tuple[str, ...] = ()
            if low in _FIRST_OR_WE:
                quote = ext.range_at(quotes, start) if quotes else None
                who = speakers.get(quote) if quote else ext.doc_value(doc, "fp_author")
                if who:
                    members = (who,)
                    if low in WE and who in spouse:
                        members = (who, spouse[who])
            elif low in THEY:
                members = couple
                sent_start = starts[sent_lo[i]]
                plural = [info for s, e, info in out if sent_start <= s < start and info.members and len(info.members) > 1]
                if plural:
                    members = plural[-1].members
            else:
                want = "m" if low in MALE else "f"
                # the last name before the pronoun with its gender, else the last one of no known gender
                cand = unknown = None
                for k in range(bisect_left(named_starts, start) - 1, -1, -1):
                    g = gender.get(named_names[k])
                    if g == want:
                        cand = named_names[k]
                        break
                    if g is None and unknown is None:
                        unknown = named_names[k]
                if cand is None and unknown is not None:
                    cand = unknown
                    gender[cand] = want
                members = (cand,) if cand else ((main,) if main else ())
            name = members[0] if len(members) == 1 else None
            out.append((start, ends[i], ext.PersonInfo(name=name, pronoun=True, members=members)))
        out.sort(key=itemgetter(0))
        return out


def named_tokens(doc: Doc, asked: set[int]) -> set[int]:
    """Those of the tokens ``asked`` about that belong to a named person (not a pronoun or a group word)."""
    return asked.intersection(named_token_set(doc))


def named_token_set(doc: Doc) -> set[int]:
    """The tokens that belong to a named person (not a pronoun or a group word)."""
    out: set[int] = set()
    for span in ext.mentions(doc, ext.PEOPLE, "fp_person"):
        if span.info is not None and not span.info.pronoun:
            out.update(range(span.start, span.end))
    return out


@Language.factory("fitpost_people", default_config={"lexicon": "people.json"})
def make_people(nlp: Language, name: str, lexicon: str) -> PeopleFinder:
    return PeopleFinder(nlp, name, lexicon=lexicon)
