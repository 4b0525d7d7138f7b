"""Resolving: who each mention found in a Doc is.

A short name stands for the fullest name given, a handle for the person it
names, a relation phrase for the relative it names and whose relative that is,
"I"/"we" for whoever said the quote they are in (outside quotes, the post's
author), "he"/"she" for the last person of that gender named before them, and
"they" for the people of a plural mention before it in its sentence, or,
opening a sentence, those named in the sentence before, and a group word for
the people the passage is about.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from operator import attrgetter, itemgetter

from spacy.tokens import Doc

from fitpost import ext
from fitpost.components.people import finding
from fitpost.components.people.lexicon import FIRST, MALE, THEY, WE, Lexicon
from fitpost.components.people.passage import Passage, PersonRef

_WORDS = re.compile(r"[a-z]+")
_QUOTE_STOP = re.compile(r"[.!?\n“\"]")  # where the words after a quote that may attribute it end
_MY_OUR = frozenset(("my", "our"))
POSSESSIVES = frozenset(("his", "her"))  # before a relation word, they tell whose relative it is


def resolve(lex: Lexicon, doc: Doc) -> tuple[Passage, list[PersonRef]]:
    """Find and resolve the people of ``doc``: what is known of them, and every mention in text order."""
    text = ext.text(doc)
    tab = ext.tokens(doc)
    p = Passage(text=text, tab=tab, quotes=finding.quotes(text), author=ext.doc_value(doc, "fp_author"),
                cues=finding.cue_tokens(lex, tab))
    rel_spans = finding.relation_spans(lex, tab, p.cues["relation"])
    found, companions = finding.names(lex, doc, tab, text, p.cues)
    add_names(p, finding.appositive_names(lex, p.tab, rel_spans, found), companions)
    add_short_names(p)
    add_handles(p)
    # the person named most often (by name or handle); of several, the first counted; one named only in
    # company ("hiking with Nadia next weekend") is not who the text is about
    about = {m.info.name for m in p.mentions if m.info.name and not m.info.companion}
    counts = [(name, n) for name, n in p.count.items() if name in about]
    p.main = max(counts, key=itemgetter(1))[0] if counts else None
    if p.author is None:
        p.author = interviewee(lex, p)
    add_relations(lex, p, rel_spans)
    genders_from_words(lex, p)
    p.speakers = speakers(lex, p, p.mentions, p.gender)
    mentions = sorted(p.mentions + plural_relations(lex, p), key=attrgetter("start"))
    return p, add_pronouns(lex, p, mentions)


# -- names and handles -------------------------------------------------------
INTERVIEWEE_REACH = 4  # the name of who a text interviews starts at most this many tokens after the cue
FIRST_PERSON_SUBJECTS = frozenset(("i", "we"))  # "I spoke to Jonas": the writer's own interview, told as such


def interviewee(lex: Lexicon, p: Passage) -> str | None:
    """Who a text without an author interviews: the first person named at most INTERVIEWEE_REACH tokens after
    an ``interview_cues`` phrase ("spoke to the actress Tamsin Hale", "in an interview with Jonas Berg") whose
    clause is not in the first person; "I" in the answers is them.  None where no cue names anyone."""
    tab, lows = p.tab, p.tab.lower
    lengths = sorted({len(c) for c in lex.interview_cues})
    starts = sorted((m.start, m.info.name) for m in p.mentions if m.info.name and not m.info.pronoun)
    if not starts:
        return None
    for k in tab.where({c[0] for c in lex.interview_cues}):
        cue = next((n for n in lengths if tuple(lows[k:k + n]) in lex.interview_cues), None)
        if cue is None or not FIRST_PERSON_SUBJECTS.isdisjoint(lows[tab.sent_lo[k]:k]):
            continue
        end = k + cue
        hi = tab.idx[min(end + INTERVIEWEE_REACH, tab.sent_hi[k] - 1)]
        j = bisect_left(starts, (tab.idx[min(end, tab.n - 1)],))
        if j < len(starts) and starts[j][0] <= hi:
            return starts[j][1]
    return None


def add_names(p: Passage, names: list[tuple[int, int]], companions: set[tuple[int, int]]) -> None:
    """Each name (character spans, in text order) as a mention of its full name, a companion's when
    its span is in ``companions``.

    The full names are the names in the order given, but for one that is a word of a full name
    known before it ("Asha" after "Asha Rao"), and one held in a later name ("Asha" before "Asha
    Rao"), which the later one replaces.
    """
    for s, e in names:
        name = p.text[s:e]
        if name not in p.full and not any(name in f.split() for f in p.full):
            p.full = [f for f in p.full if not (f != name and f in name)] + [name]
    for s, e in names:
        p.add_person(s, e, canonical(p, p.text[s:e]), companion=(s, e) in companions)


def canonical(p: Passage, name: str) -> str:
    """The full name ``name`` stands for: itself if it is one, else the full name it is a word of
    (of several, the one named most so far, then the first named), else itself."""
    if name in p.full:
        return name
    owners = [f for f in p.full if name in f.split()]
    if len(owners) < 2:
        return owners[0] if owners else name
    return max(owners, key=lambda f: (p.count.get(f, 0), -p.full.index(f)))


def add_short_names(p: Passage) -> None:
    """A token that is a word (three letters or more) of a full name and does not start inside a
    name found is a short name for it ("Asha" for "Asha Rao"), which a model may not tag."""
    parts = {w for f in p.full for w in f.split() if len(w) > 2}
    if not parts:
        return
    tab = p.tab
    inside = {k for m in p.mentions for k in range(bisect_left(tab.idx, m.start), bisect_left(tab.idx, m.end))}
    for i in tab.where_cased(parts):
        if i not in inside:
            p.add_person(tab.idx[i], tab.end[i], canonical(p, tab.text[i]))


def add_handles(p: Passage) -> None:
    """Each @handle as a mention of the person it names (if any)."""
    for s, e, handle in finding.handles(p.text):
        person = handle_owner(p, handle, s, e)
        p.handles[handle] = person
        p.add_person(s, e, person, handle=handle)


def handle_owner(p: Passage, handle: str, s: int, e: int) -> str | None:
    """The person the handle at ``s:e`` names: the full name right before its opening bracket
    ("Asha Rao (@asha_runs)") or right after an opening bracket that follows it ("@asha_runs
    (Asha Rao)"); else the one full name with a word of four letters or more spelt out in the
    handle's letters."""
    before, after = p.text[max(0, s - 40):s], p.text[e:e + 40]
    bracket = before.rstrip().endswith("(") or after.lstrip().startswith("(")  # a name ties to it across one
    for f in p.full if bracket else ():
        if re.search(re.escape(f) + r"\s*\(\s*$", before) or re.match(r"^\s*\(\s*" + re.escape(f), after):
            return f
    letters = re.sub(r"[^a-z]", "", handle.lower())
    best = [f for f in p.full if any(len(w) >= 4 and w.lower() in letters for w in f.split())]
    return best[0] if len(best) == 1 else None


# -- relations -------------------------------------------------------------
def add_relations(lex: Lexicon, p: Passage, rel_spans: list[tuple[int, int, str]]) -> None:
    """Each relation phrase as a mention of the relative, who is named when a name follows it
    ("his wife, Asha Rao"); spouses and genders are learnt on the way."""
    if not rel_spans:
        return
    by_start = {m.start: m for m in p.mentions}  # the names and handles, by where they start
    names_and_handles = p.mentions[:]
    for rs, rel_end, key in rel_spans:
        add_relation(lex, p, rs, rel_end, key, by_start, names_and_handles)


def add_relation(lex: Lexicon, p: Passage, rs: int, rel_end: int, key: str,
                 by_start: dict[int, PersonRef], names_and_handles: list[PersonRef]) -> None:
    """The relation phrase at tokens ``rs:rel_end``: who it names, whose relative that is, and so
    who is whose spouse (a spouse or partner without a name is the owner's known spouse).  "My wife"
    in a quote is the relative of whoever said it as the names and handles alone tell it, no gender
    known (``names_and_handles``)."""
    gender, kind = lex.relations[key]
    tab = p.tab
    named = appositive(p, rel_end, by_start)
    owner = relation_owner(p, rs)
    mine = not _MY_OUR.isdisjoint(tab.lower[max(0, rs - 2):rs + 4])  # "my"/"our" near it
    if owner is None and mine:  # "my wife": in a quote, the speaker's; outside, the author's
        quote = ext.range_at(p.quotes, tab.idx[rs])
        owner = (quote_speaker(lex, p, quote, names_and_handles, {}) or p.main) if quote else p.author
    if owner is None and named and named != p.main and not mine:
        owner = p.main  # "wife Asha Rao joined him": the relative of the person the text is about
    if named:
        if gender:
            p.gender.setdefault(named, gender)
        p.relation_of.setdefault(named, key)
    if kind in ("spouse", "partner"):
        if named and owner and owner != named:
            p.spouse[owner], p.spouse[named] = named, owner
            if gender and owner not in p.gender:
                p.gender[owner] = "m" if gender == "f" else "f"
        elif owner and owner in p.spouse:
            named = p.spouse[owner]
    p.add(tab.idx[rs], tab.end[rel_end - 1],
          ext.PersonInfo(name=named, relation=key, pronoun=named is None and not owner))


def appositive(p: Passage, rel_end: int, by_start: dict[int, PersonRef]) -> str | None:
    """The person named right after a relation phrase ending at token ``rel_end`` ("my wife Sarah"), or
    after at most two commas, dashes or colons where the name closes there ("his wife, Asha Rao, joined",
    "with his wife, Asha Rao."), not where it opens a clause ("Filmed by her son, Rekha danced")."""
    tab = p.tab
    nxt = rel_end
    while nxt < tab.n and tab.text[nxt] in (",", "-", "–", ":") and nxt - rel_end < 2:
        nxt += 1
    m = by_start.get(tab.idx[nxt]) if nxt < tab.n else None
    if m is None:
        return None
    if nxt > rel_end and not _closes(p.text, m.end):
        return None
    return m.info.name


_CLOSING_WORDS = ("and", "who", "whose", "whom")


def _closes(text: str, end: int) -> bool:
    """Whether the text right after character ``end`` closes an appositive name: punctuation, the end,
    or "and", "who", "whose", "whom"."""
    rest = text[end:end + 8].lstrip(" \t")
    if not rest or not rest[0].isalnum():
        return True
    word = rest.split(maxsplit=1)[0].lower()
    return word in _CLOSING_WORDS


def relation_owner(p: Passage, rel_start: int) -> str | None:
    """Whose relative the relation at token ``rel_start`` names, from the possessive among the two
    words before it: after "his"/"her" the last named mention before it (in the order found) of
    that gender or of none known, else the main person; after "Name's" that person; after
    "my"/"our", or with no possessive, nobody yet."""
    tab = p.tab
    for j in range(rel_start - 1, max(-1, rel_start - 3), -1):
        low = tab.lower[j]
        if low in POSSESSIVES:
            want, at = ("m" if low == "his" else "f"), tab.idx[j]
            for m in reversed(p.mentions):
                if m.info.name and m.end <= at and p.gender.get(m.info.name) in (want, None):
                    return m.info.name
            return p.main
        if low.endswith("'s") or low.endswith("’s"):
            return next((m.info.name for m in p.mentions if m.start <= tab.idx[j] < m.end + 2 and m.info.name), None)
        if low in _MY_OUR:
            return None
    return None


def plural_relations(lex: Lexicon, p: Passage) -> list[PersonRef]:
    """ "the mothers", "the sisters": everyone named with that relation."""
    if not p.relation_of:
        return []
    found = []
    for i, relation in finding.plural_relation_tokens(lex, p.tab):
        members = tuple(n for n, r in p.relation_of.items() if r.startswith(relation))
        if members:
            found.append(PersonRef(p.tab.idx[i], p.tab.end[i],
                                   ext.PersonInfo(pronoun=True, members=members, relation=relation)))
    return found


def genders_from_words(lex: Lexicon, p: Passage) -> None:
    """A person's gender from the word right before a mention of them ("actress Asha Rao"), where
    not known yet, else from the relation the text gives them ("my wife, Elin"); the possessive before a
    relation word is the owner's ("his teammate Elin": Elin is no man by it)."""
    for s, _, info in p.mentions:
        if info.name and info.name not in p.gender:
            before = p.text[max(0, s - 20):s].lower().split()
            if before and before[-1] in lex.gender_words and not (info.relation and before[-1] in POSSESSIVES):
                p.gender[info.name] = lex.gender_words[before[-1]]
    for name, relation in p.relation_of.items():
        if relation in lex.gender_words:
            p.gender.setdefault(name, lex.gender_words[relation])


# -- quotes ------------------------------------------------------------------
def speakers(lex: Lexicon, p: Passage, mentions: list[PersonRef], gender: dict[str, str]) -> dict:
    """Who each quote is attributed to, on ``mentions`` and ``gender``; the main person when nothing says."""
    return {q: quote_speaker(lex, p, q, mentions, gender) or p.main for q in p.quotes}


def quote_speaker(lex: Lexicon, p: Passage, quote: tuple[int, int], mentions: list[PersonRef],
                  gender: dict[str, str]) -> str | None:
    """The person a speech verb next to ``quote`` attributes it to: in the words after it (to the
    end of the sentence) the first person named, else in the words before it (from the start of
    the sentence) the last one; with "he"/"she" and no name there, the last person of that gender
    (or none known) named before the quote, else the main person."""
    qs, qe = quote
    after = p.text[qe:qe + 80]
    stop = _QUOTE_STOP.search(after)
    after = after[:stop.start()] if stop else after
    before = p.text[max(0, qs - 120):qs]
    before = before[max(before.rfind(". "), before.rfind("\n"), before.rfind("”")) + 1:]
    for window, base, last in ((after, qe, False), (before, qs - len(before), True)):
        words = _WORDS.findall(window.lower())
        if lex.speech.isdisjoint(words):
            continue
        near = [info.name for s, _, info in mentions if base <= s < base + len(window) and info.name]
        speaker = None
        if near:
            speaker = near[-1] if last else near[0]
        elif "he" in words or "she" in words:
            want = "m" if "he" in words else "f"
            prior = [info.name for s, _, info in mentions if info.name and s < qs]
            speaker = next((n for n in reversed(prior) if gender.get(n) in (want, None)), p.main)
        if speaker:
            return speaker
    return None


# -- pronouns and group words ----------------------------------------------------
def add_pronouns(lex: Lexicon, p: Passage, mentions: list[PersonRef]) -> list[PersonRef]:
    """``mentions`` (in text order) with the group words and pronouns, each resolved; in text order."""
    tab = p.tab
    out = list(mentions)
    named = [(m.start, m.info.name) for m in mentions if m.info.name and not m.info.pronoun]
    couple = (p.main, p.spouse[p.main]) if p.main in p.spouse else ()  # the main person and spouse
    for s, e in finding.group_words(lex, p.text):
        out.append(PersonRef(s, e, ext.PersonInfo(pronoun=True, members=couple)))
    # those of ``out`` that are two or more people, by the sentence they are in (the first token's), in order
    plural: dict[int, list[PersonRef]] = {}
    for m in out:
        if len(m.info.members) > 1:
            plural.setdefault(tab.sent_lo[bisect_right(tab.idx, m.start) - 1], []).append(m)
    last: dict[str, None] = {}  # each person named before the pronoun at hand, the last named last
    read = 0  # how many of ``named`` come before it (the pronouns come in text order)
    for i in p.cues["pronoun"]:
        start, low = tab.idx[i], tab.lower[i]
        while read < len(named) and named[read][0] < start:
            last.pop(named[read][1], None)
            last[named[read][1]] = None
            read += 1
        if low in FIRST or low in WE:
            members = first_person(p, i, low)
        elif low in THEY:
            members = they(p, i, plural) or named_before(p, i, named) or couple
        else:
            members = he_or_she(p, low, last)
        mention = PersonRef(start, tab.end[i], ext.PersonInfo(
            name=members[0] if len(members) == 1 else None, pronoun=True, members=members))
        out.append(mention)
        if len(members) > 1:
            plural.setdefault(tab.sent_lo[i], []).append(mention)
    out.sort(key=attrgetter("start"))
    return out


def first_person(p: Passage, i: int, low: str) -> tuple[str, ...]:
    """ "I", "we" at token ``i``: in a quote whoever said it, else the post's author; "we" is them
    and their spouse, when known."""
    quote = ext.range_at(p.quotes, p.tab.idx[i])
    who = p.speakers.get(quote) if quote else p.author
    if not who:
        return ()
    return (who, p.spouse[who]) if low in WE and who in p.spouse else (who,)


def they(p: Passage, i: int, plural: dict[int, list[PersonRef]]) -> tuple[str, ...]:
    """ "they" at token ``i``: the people of the last mention of two or more people before it in its
    sentence, last in the order ``plural`` holds them (by sentence: named mentions and plural relations in
    text order, then group words, then pronouns); () when there is none."""
    start = p.tab.idx[i]
    return next((m.info.members for m in reversed(plural.get(p.tab.sent_lo[i], ())) if m.start < start), ())


def named_before(p: Passage, i: int, named: list[tuple[int, str]]) -> tuple[str, ...]:
    """ "They" opening the sentence at token ``i``: the people named in the sentence before it, where that
    names two or more ("The riders include Jonas Berg, Elin Moss and Bram Kettle. They will cycle 600 km");
    () otherwise.  (``named``: the start and name of each person named, in text order.)"""
    tab = p.tab
    if i == 0 or tab.sent_lo[i] != i:
        return ()
    lo, hi = tab.idx[tab.sent_lo[i - 1]], tab.idx[i]
    first = bisect_left(named, (lo,))  # ``named`` is in text order: the sentence's names are read alone
    last = bisect_left(named, (hi,), lo=first)
    people = tuple(dict.fromkeys(name for _, name in named[first:last]))
    return people if len(people) > 1 else ()


def he_or_she(p: Passage, low: str, last: dict[str, None]) -> tuple[str, ...]:
    """ "he", "she" (``low``): the last person named before it (``last``: each person named before it,
    the last named last) who has its gender, else the last of no known gender, who gets it; else the
    main person, unless known to be of the other gender ("he" is no one the text calls "my wife")."""
    want = "m" if low in MALE else "f"
    gender = p.gender
    for person in reversed(last):
        if gender.get(person) == want:
            return (person,)
    for person in reversed(last):
        if gender.get(person) is None:
            gender[person] = want
            return (person,)
    return (p.main,) if p.main and gender.get(p.main, want) == want else ()
