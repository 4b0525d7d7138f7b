"""Finding: where a Doc names a person or stands for one.

Named people, @handles, relation phrases, group words and pronouns, as
offsets; nothing here decides who they are (see ``resolving``).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from fitpost import ext
from fitpost.components.people.lexicon import Lexicon

# an @handle: "@" not after a word character or another "@", then letters, digits, "_" and inner dots
# (the look-behind stands after the "@" and reads it with the character before, so a search for the
# pattern goes from "@" to "@")
HANDLE = re.compile(r"@(?<![\w@]@)([A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)")
# a quotation of two characters or more, in curly or straight double quotes; or one opened with a curly
# quote and left open to the end of its line (news copy leaves a paragraph's quote open when the next
# paragraph goes on with it, or leaves the last one open).  A quotation holds words: one with no letter
# in it is the space between two marks of inches (5" 6"), not somebody's words.  (The look-ahead reads
# at most to the next quotation mark, so every stretch of text is read at most twice.)
QUOTE = re.compile(r"“(?=[^“”]*[^\W\d_])[^“”]{2,}”"
                   r"|\"(?=[^\"]*[^\W\d_])[^\"]{2,}\""
                   r"|“(?=[^“”\n]*[^\W\d_])[^“”\n]{2,}(?=\n|\Z)")
# a token that can be part of a name: a capital, lower-case letters, maybe a hyphen or apostrophe part
NAME_TOKEN = re.compile(r"^[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?$")
# the same word in running text; two or more of them with at most a space between them.  Linear:
# a word's lower-case letters run to the first character that is not one, and what may follow a
# word starts with "-", "'", " " or a capital, so no letter given back can make a match
_NAME_WORD = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"
NAME_RUN = re.compile(_NAME_WORD + r"(?: ?" + _NAME_WORD + r")+")
# initials, which stand in a name after a title ("Captain RK Okafor", "Dr R.S. Okafor"): two or three
# capitals, or one to three capitals each with a dot
CLIMB_WORDS = ("up", "down")  # after an activity or an amount, the hill climbed: "a hike up Ben Ardan"
# a part of a name after a hyphen ("mei" of "Hsin-mei"), but not a word that makes the whole a description
# ("Nairobi-born", "London-based", "Oxford-educated", "Olympic-style")
HYPHEN_PART = re.compile(r"^(?!(?:born|based|bred|raised|native|style|like|area|wide|bound|made|owned|run|time|"
                         r"year|old|winning|class|level|themed|[a-z]+ed)$)[A-Za-z][a-z]+$")
INITIALS = re.compile(r"^(?:[A-Z]{2,3}|(?:[A-Z]\.){1,3})$")
# what ends a name: a final "'s", or a bracket, slash or bar and all after it; only a name with one of
# the characters it starts with can be cut
_NAME_CUT = re.compile(r"['’]s$|[/|(].*$")
_NAME_CUT_CHARS = frozenset("'’/|(")

_MODEL_NOT_PERSON = ("PERSON", "GPE", "LOC", "FAC", "DATE", "TIME")  # entity types a subject name is not in
# the entity types a companion's name may not have; a model often takes a first name for an
# organisation or a product ("with Nell, Arjun", "Dave and Priya")
_NOT_COMPANION_TYPES = frozenset(("GPE", "LOC", "FAC", "NORP", "EVENT", "DATE", "TIME", "MONEY", "QUANTITY",
                                  "PERCENT", "CARDINAL", "ORDINAL", "LANGUAGE"))
# ... though a model also takes an unfamiliar first name for a place ("with Tamsin" as a GPE)
_PLACE_TYPES = frozenset(("GPE", "LOC", "FAC"))
_ARTICLES = frozenset(("the", "a", "an"))  # a name right after one is a thing ("the Alder River")
_AND = frozenset((",", "and", "&"))  # what joins the names of a list


def cue_tokens(lex: Lexicon, tab: ext.Tokens) -> dict[str, list[int]]:
    """The tokens of each kind of cue word (``lex.cues``: "company", "speech", "doing", "relation",
    "pronoun", "title"), in order: the rules keyed on these words look them up once, and the words of all kinds
    are looked up together (``lex.cue_kinds``)."""
    found = tab.where_kinds(lex.cue_kinds)
    return {kind: found.get(kind, []) for kind in lex.cues}


def quotes(text: str) -> list[tuple[int, int]]:
    """The quotations of ``text`` as character offsets, in order."""
    if '"' not in text and "“" not in text:
        return []  # every quotation opens with one of these
    return [m.span() for m in QUOTE.finditer(text)]


def handles(text: str) -> Iterator[tuple[int, int, str]]:
    """Each @handle of ``text``: its character offsets and the handle, "@" and all."""
    if "@" in text:
        for m in HANDLE.finditer(text):
            yield m.start(), m.end(), "@" + m.group(1)


def group_words(lex: Lexicon, text: str) -> list[tuple[int, int]]:
    """The group words ("the couple", "the duo") of ``text``, as character offsets of its lower-cased form."""
    low = text.lower()
    if lex.group_re is None or not any(map(low.__contains__, lex.groups)):
        return []
    return [m.span() for m in lex.group_re.finditer(low)]


def plural_relation_tokens(lex: Lexicon, tab: ext.Tokens) -> list[tuple[int, str]]:
    """The tokens that are a relation word with an "s" added ("sisters"), and that relation."""
    relations = lex.relations
    return [(i, low[:-1]) for i, low in enumerate(tab.lower)
            if low.endswith("s") and low[:-1] in relations and low not in relations]


# -- names ------------------------------------------------------------------
def names(lex: Lexicon, doc: Doc, tab: ext.Tokens, text: str,
          cues: dict[str, list[int]]) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
    """Character spans of named people, in order: on a model's entities and parse when the Doc has
    them, else the runs of capitalised name words (``text``: the Doc's), those that can be a person's
    (:func:`personlike`), and the one-word names company cues and activity verbs mark
    (:func:`companion_names`), and in a post that writes "i" in lower case, the lower-case names listed
    before "and i" (:func:`lower_case_companions`).  With them, those of the names that a company cue
    makes companions.  (``cues``: the Doc's cue words, of :func:`cue_tokens`.)"""
    typed = ext.has_annotation(doc, "ENT_IOB")
    if typed:
        found = model_names(lex, doc, tab, text)
    else:
        found = run_names(lex, doc, tab, text, cues["title"])
    found = [n for n in found if personlike(lex, tab, *n)]
    if found:  # else there is no name to hold inside an activity mention
        spans = sorted((m.start_char, m.end_char) for m in ext.mentions(doc, ext.ACTIVITIES, "fp_activity"))
        found = [n for n in found if not _inside(spans, *n)]
    found = sorted(found + listed_between(lex, tab, found) + aged(lex, tab, found))
    more, companions = companion_names(lex, doc, tab, text, typed, found, cues)
    lower = lower_case_companions(lex, tab, found + more, cues["pronoun"])
    return sorted(found + more + lower), companions | set(lower)


def listed_between(lex: Lexicon, tab: ext.Tokens, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans of the names of two or three capitalised words listed between two names found
    ("Jonas Berg, Lukas Feld and Pia Holm"), which a model may have taken for something else: a full name
    in a list of people is a person's too.  (One-word names in a list are :func:`companion_names`'.)"""
    words, lows, n = tab.text, tab.lower, tab.n
    firsts = {bisect_right(tab.idx, s) - 1 for s, _ in found}
    out = []
    for _, e in found:
        k = _listed(lows, bisect_left(tab.idx, e), 1)
        if k is None or k in firsts:
            continue
        j = k
        while j < n and j - k < 3 and NAME_TOKEN.match(words[j]):
            j += 1
        if j - k >= 2 and _listed(lows, j, 1) in firsts and personlike(lex, tab, tab.idx[k], tab.end[j - 1]):
            out.append((tab.idx[k], tab.end[j - 1]))
    return out


AGE_MAX = 110  # the oldest age told between commas after a name


def aged(lex: Lexicon, tab: ext.Tokens, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans of the names of two or three capitalised words right before an age between commas
    ("Tamsin Hale, 52, set off on May 1"), which a model may have taken for an organisation: a name told with
    an age is a person's.  Those ``found`` already hold are left out."""
    words, out = tab.text, []
    taken = {k for s, e in found for k in range(bisect_right(tab.idx, s) - 1, bisect_left(tab.idx, e))}
    for i in tab.where((",",)):
        if not (i + 2 < tab.n and words[i + 1].isdigit() and int(words[i + 1]) <= AGE_MAX and words[i + 2] == ","):
            continue
        k = i
        while k > tab.sent_lo[i] and i - k < 3 and NAME_TOKEN.match(words[k - 1]) and k - 1 not in taken:
            k -= 1
        if i - k >= 2 and personlike(lex, tab, tab.idx[k], tab.end[i - 1]):
            out.append((tab.idx[k], tab.end[i - 1]))
    return out


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether the characters ``start:end`` lie inside one of ``spans`` (sorted character spans of the
    activity mentions), which holds more than them: a brand in a session's name ("a Peloton class",
    "a Zwift ride") that a model took for a person."""
    k = bisect_right(spans, (start, float("inf"))) - 1
    return k >= 0 and spans[k][1] >= end and spans[k] != (start, end)


def run_names(lex: Lexicon, doc: Doc, tab: ext.Tokens, text: str, titles: list[int]) -> list[tuple[int, int]]:
    """Without a model, the names in the runs of capitalised name words (:func:`read_run`; a run after a
    title with initials, :func:`titled_initials`, in place of the run it holds), but for the
    runs that name a place: one where :func:`placelike` says so ("cycled from Kuala Lumpur"; not one
    owning something, "at Tamsin's house"), and the same words anywhere else in the text ("a nurse
    from Larkspur Vale" makes "the people of Larkspur Vale" no person).  (``titles``: the title tokens.)"""
    found, places = [], set()
    titled = list(titled_initials(tab, titles))
    covered = {k for first, end in titled for k in range(first, end)}
    runs = [r for r in name_runs(text, tab) if r[0] not in covered or r[1] - 1 not in covered] + titled
    for first, end in runs:
        owner = end < tab.n and tab.lower[end] in ("'s", "’s")
        if not owner and placelike(lex, doc, tab, first):
            places.add(text[tab.idx[first]:tab.end[end - 1]])
        else:
            found += read_run(lex, text, tab, first, end)
    return [(s, e) for s, e in found if text[s:e] not in places]


def titled_initials(tab: ext.Tokens, titles: list[int]) -> Iterator[tuple[int, int]]:
    """The runs of a title (``titles``: the title tokens), initials and one or more name tokens ("Dr AP
    Smith", "Captain RK Okafor"), as token spans: the initials make the name's first word, which no run
    of name tokens holds."""
    words = tab.text
    for k in titles:
        if k + 2 < tab.n and INITIALS.match(words[k + 1]) and NAME_TOKEN.match(words[k + 2]):
            end = k + 3
            while end < tab.n and NAME_TOKEN.match(words[end]):
                end += 1
            yield k, end


def name_runs(text: str, tab: ext.Tokens) -> Iterator[tuple[int, int]]:
    """The runs of two or more name tokens (tokens matching ``NAME_TOKEN``, one right after the
    other), as token spans in order.

    Two name tokens side by side are, in the text, two name words with at most one space between
    them (other white space is a token of its own): a ``NAME_RUN`` match.  So runs are looked for
    among the tokens under those matches, each followed from there to both its ends.
    """
    is_name, words, starts = NAME_TOKEN.match, tab.text, tab.idx
    done = 0  # the tokens before this one are read
    for m in NAME_RUN.finditer(text):
        start, end_char = m.span()
        k = max(bisect_right(starts, start) - 1, done)  # the token holding the match's first letter
        while k < tab.n and starts[k] < end_char:
            if not is_name(words[k]):
                k += 1
                continue
            first, end = k, word_end(tab, k)
            while first > done and is_name(words[first - 1]):
                first -= 1
            while end < tab.n and is_name(words[end]):
                end = word_end(tab, end)
            if word_end(tab, first) < end:  # two words or more
                yield first, end
            k = done = end


def word_end(tab: ext.Tokens, k: int) -> int:
    """The end of the name word whose first token is ``k``: the parts a hyphen joins to it with no space
    between are of it ("Hsin-mei", "Jean-Luc": the tokenizer parts them)."""
    end = k + 1
    while end + 1 < tab.n and tab.text[end] == "-" and tab.idx[end] == tab.end[end - 1] \
            and tab.idx[end + 1] == tab.end[end] and HYPHEN_PART.match(tab.text[end + 1]):
        end += 2
    return end


def read_run(lex: Lexicon, text: str, tab: ext.Tokens, first: int, end: int) -> list[tuple[int, int]]:
    """The names in the run of name tokens ``first:end``: its words three at a time from its start,
    never across a sentence end.  Two or three words make a name.  A title is left out ("Prime
    Minister Asha Rao"), and so is a first word of a sentence that is never a name alone or a company
    cue, or that ends in "ed" ("Monday Morning", "Joined Asha Rao").  A run holding a word that makes a
    name a place, an organisation or a thing is one such name, read whole: no person in it ("Larkspur
    Mutual Insurance Group", where "Larkspur Mutual" alone would pass)."""
    lows = tab.lower
    titled = _title_words(lex, tab, first, end)
    office = max((k for k in titled if k > first and k - 1 not in titled), default=None)
    if office is not None and (office == first + 1 or lows[office - 1] in lex.not_in_name) \
            and any(k not in titled for k in range(office, end)):
        first = office  # "Fire Chief Rhodri Vance", "Tarnby Rowing Club Captain Elin Moss": one word, or words
        # of a place or a body, before a title name the office, and the name follows it (not "Orla French")
    if not lex.not_in_name.isdisjoint(lows[k].rstrip(".") for k in range(first, end) if k not in titled):
        return []
    found = []
    i = first
    while i < end:
        low = lows[i]
        if i in titled or (i == tab.sent_lo[i] and (low in lex.not_alone or low in lex.company_firsts
                                                    or low.endswith("ed"))):
            i = min(word_end(tab, i), end)
            continue
        j, words = i, 0  # the words of the name: up to three, in the sentence of its first
        while j < end and words < 3 and (words == 0 or min(word_end(tab, j), end) <= tab.sent_hi[i]):
            j, words = min(word_end(tab, j), end), words + 1
        if words >= 2:
            name = clean(lex, text, tab.idx[i], tab.end[j - 1])
            if name:
                found.append(name)
        i = j
    return found


def _title_words(lex: Lexicon, tab: ext.Tokens, first: int, end: int) -> set[int]:
    """The tokens of ``first:end`` that are words of a title (:meth:`Lexicon.title_length`: "Group Captain",
    "Dr"), a word a hyphen joins read whole ("Ultra-runner", "Ex-footballer"); a rank's words are no place or
    organisation words ("group")."""
    lows = tab.lower
    out: set[int] = set()
    k = first
    while k < end:
        joined = min(word_end(tab, k), end)
        if joined > k + 1 and lex.is_title("".join(lows[k:joined])):
            out.update(range(k, joined))
            k = joined
            continue
        size = lex.title_length(lows[k:min(k + 3, end)])
        out.update(range(k, k + size))
        k += size or 1
    return out


def moving_mentions(doc: Doc) -> list[ext.Mention]:
    """The Doc's quantities and activity mentions (see :func:`placelike`)."""
    return ext.mentions(doc, ext.QUANTITIES, "fp_quantity") + ext.mentions(doc, ext.ACTIVITIES, "fp_activity")


def model_names(lex: Lexicon, doc: Doc, tab: ext.Tokens, text: str) -> list[tuple[int, int]]:
    """Character spans of named people on a model's entities and parse: its PERSON entities that
    are not places it mistook nor the name of a race right before its noun ("Kelby parkrun", "the Tarnby
    marathon"), then the names it did not tag that do an activity; none that holds a named exercise or
    activity (:func:`_named_activities`)."""
    past = ext.past_activity_verbs(doc)
    nouns = {m.start for m in ext.mentions(doc, ext.ACTIVITIES, "fp_activity") if m.info.form in ("noun", "race")}
    found = []
    person_ends = {e.end for e in doc.ents if e.label_ == "PERSON" and not placelike(lex, doc, tab, e.start)}
    listed = _listed_with_people(lex, doc, text, tab, person_ends)
    for ent in doc.ents:
        if (ent.label_ == "PERSON" or (ent.start, ent.end) in listed or _ranked(lex, tab, ent)
                or _cued_organisation(lex, tab, ent) or _titled_organisation(lex, tab, ent)) \
                and not placelike(lex, doc, tab, ent.start) and ent.end not in nouns:
            first = ent.start + 1 if ent.start in past and ent.end - ent.start > 1 else \
                _first_name_before(lex, doc, ent.start)
            # "Hiked Ben Larkspur with Rhodri": a past verb opening the sentence is no part of the name
            name = clean(lex, text, tab.idx[first], ent.end_char)
            if name:
                found.append(name)
    for start, end in sorted(listed):
        if not doc[start].ent_type_ and not placelike(lex, doc, tab, start):  # a name the model did not tag
            name = clean(lex, text, tab.idx[start], tab.end[end - 1])
            if name:
                found.append(name)
    found += _titled_untagged(lex, doc, text, tab, listed) + subject_names(lex, doc, text)
    named = _named_activities(doc)
    return [(a, b) for a, b in found if not any(a < end and start < b for start, end in named)]


def _cued_organisation(lex: Lexicon, tab: ext.Tokens, ent) -> bool:
    """Whether a model's organisation ``ent`` stands right after a company cue before a name that ends in "by"
    (``company_before``: "led by", "joined by", "accompanied by"; not "with", after which a club is named as
    often) and can be a person's name (:func:`personlike`: no organisation word in it): "The team, led by
    Rhodri Vance, will trek", which a model may tag as an organisation."""
    if ent.label_ != "ORG" or ent.start < 2 or tab.lower[ent.start - 1] != "by":
        return False
    lows = tab.lower
    cued = any(c[-1] == "by" and tuple(lows[max(0, ent.start - len(c)):ent.start]) == c for c in lex.company_before)
    return cued and personlike(lex, tab, tab.idx[ent.start], tab.end[ent.end - 1])


TITLED_NAME_WORDS = 2  # a titled organisation is a person's name only with at least this many words after the title


def _titled_organisation(lex: Lexicon, tab: ext.Tokens, ent) -> bool:
    """Whether a model's organisation ``ent`` is a person with a title (``titles``) opening it or right
    before it and at least TITLED_NAME_WORDS words after the title that can be a person's name
    (:func:`personlike`): "Swimmer Tamsin Hale crossed the strait", "British swimmer Tamsin Hale", which a
    model may tag as an organisation."""
    if ent.label_ != "ORG":
        return False
    lows = tab.lower
    if lows[ent.start] in lex.titles:
        start = ent.start + 1
    elif ent.start > 0 and lows[ent.start - 1] in lex.titles:
        start = ent.start
    else:
        return False
    return ent.end - start >= TITLED_NAME_WORDS and personlike(lex, tab, tab.idx[start], tab.end[ent.end - 1])


def _named_activities(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the named exercises and activities ("108 Surya Namaskars"): no one's name, though a
    model may take their capitals for one."""
    return [(m.start_char, m.end_char) for m in ext.mentions(doc, ext.ACTIVITIES, "fp_activity")
            if m.info.form in ("exercise", "noun", "race")]


def _titled_untagged(lex: Lexicon, doc: Doc, text: str, tab: ext.Tokens,
                     listed: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans of the names in the runs of capitalised words that hold a title and that the model
    tagged nowhere ("The team is led by Chief Officer Rhodri Vance"), read as blank mode reads a run
    (:func:`read_run`: the title left out); not the runs ``listed`` with people already."""
    found = []
    for start, end in name_runs(text, tab):
        if (start, end) in listed or any(doc[k].ent_type_ for k in range(start, end)) \
                or not _title_words(lex, tab, start, end) or placelike(lex, doc, tab, start):
            continue
        found.extend(read_run(lex, text, tab, start, end))
    return found


def _listed_with_people(lex: Lexicon, doc: Doc, text: str, tab: ext.Tokens,
                        person_ends: set[int]) -> set[tuple[int, int]]:
    """The names of two or three name words ("Tamsin Hale") listed right after a PERSON entity
    (``person_ends``: where those that are no place end), or after such a name listed so, that the model
    tagged as another type than a place's or did not tag ("The crew: Elin Moss, Ottilie Brandt, Rhodri
    Vance and Tamsin Hale"), or right after a rival cue, whatever the model tagged them (:func:`_after_rival_cue`:
    "two minutes ahead of Rhodri Vance"): the model mistook or missed these people.  As token spans."""
    items = [(e.start, e.end) for e in doc.ents if e.label_ != "PERSON" and e.label_ not in _PLACE_TYPES]
    items += [(s, e) for s, e in name_runs(text, tab) if not any(doc[k].ent_type_ for k in range(s, e))]
    items += [(e.start, e.end) for e in doc.ents if e.label_ in _PLACE_TYPES and _after_rival_cue(lex, tab, e.start)]
    items = sorted(item for item in items if _name_item(lex, tab, *item))
    ends = set(person_ends)
    listed: set[tuple[int, int]] = set()
    for start, end in items:
        before = _listed(tab.lower, start - 1, -1)  # the last word of the item listed before it
        if before is not None and before + 1 in ends or _after_rival_cue(lex, tab, start):
            listed.add((start, end))
            ends.add(end)
    # then back from the people: a name listed right before one ("comprising Rhodri Vance, Bram Kettle and ...")
    starts = {e.start for e in doc.ents if e.label_ == "PERSON" and e.end in person_ends} | {s for s, _ in listed}
    for start, end in reversed(items):
        if _listed(tab.lower, end, 1) in starts:
            listed.add((start, end))
            starts.add(start)
    return listed


def _ranked(lex: Lexicon, tab: ext.Tokens, ent) -> bool:
    """Whether entity ``ent``, of a type not a place's, is a rank (``ranks``) and one to three words after it
    ("Group Captain RB Kettle"), which a model may tag as an organisation: a person's name with its rank
    (which :func:`clean` takes off, and which must then look like a person's, :func:`personlike`)."""
    if ent.label_ in _PLACE_TYPES:
        return False
    size = next((n for n in (3, 2) if tuple(tab.lower[ent.start:ent.start + n]) in lex.ranks), 0)
    return bool(size) and 1 <= ent.end - ent.start - size <= 3


def _name_item(lex: Lexicon, tab: ext.Tokens, start: int, end: int) -> bool:
    """Whether tokens ``start:end`` can be a person's name in a list: two or three name words, none a word
    that is no name alone nor in a name."""
    return 2 <= end - start <= 3 and all(NAME_TOKEN.match(tab.text[k]) is not None and tab.lower[k] not in lex.not_alone
                                         and tab.lower[k] not in lex.not_in_name for k in range(start, end))


def _after_rival_cue(lex: Lexicon, tab: ext.Tokens, start: int) -> bool:
    """Whether a rival cue (``rivals_before``: "ahead of", "beating") ends right before token ``start``."""
    return any(tuple(tab.lower[start - n:start]) in lex.rivals_before for n in (1, 2) if start >= n)


def _first_name_before(lex: Lexicon, doc: Doc, start: int) -> int:
    """Where a model's PERSON entity at token ``start`` begins, taking in an untagged first name the
    model left out ("Rhodri Pell", tagged "Pell" alone): the proper noun right before it, compound to
    it, no entity of its own, a name word that is never a word alone (``not_alone``) nor a title."""
    if start > 0 and doc[start - 1].dep_ == "compound" and not doc[start - 1].ent_type_ \
            and _first_name_word(lex, doc, start - 1):
        return start - 1
    return start


def _first_name_word(lex: Lexicon, doc: Doc, j: int) -> bool:
    """Whether token ``j``, which a tagger reads as a proper noun, can be a person's first name: a name
    word (``NAME_TOKEN``) that is never a word alone (``not_alone``) nor a title."""
    t = doc[j]
    return t.tag_ == "NNP" and NAME_TOKEN.match(t.text) is not None and t.lower_ not in lex.not_alone \
        and t.lower_ not in lex.titles and not _ends_rank(lex, doc, j)


def _ends_rank(lex: Lexicon, doc: Doc, j: int) -> bool:
    """Whether token ``j`` is the last word of a rank (``ranks``: "Squadron Leader")."""
    return any(tuple(t.lower_ for t in doc[j - size + 1:j + 1]) in lex.ranks for size in (2, 3) if j + 1 >= size)


def subject_names(lex: Lexicon, doc: Doc, text: str) -> list[tuple[int, int]]:
    """A capitalised subject of an activity that the model did not tag, or of the verb a noun of one
    hangs from, or a distance (a race told by its length: "won the 10,000m"), or the agent of such a verb
    of doing told in the passive ("the race was won by Tamsin Hale"), or the name a relative clause
    of one hangs from ("Tamsin Hale, who rode 296 km"), with the capitalised compound words before it: two
    words or more make a name ("Tamsin Hale ran", "Tamsin Hale crossed the finish line of the city
    marathon", "Tamsin Hale won the 10,000m")."""
    distances = [q for q in ext.mentions(doc, ext.QUANTITIES, "fp_quantity") if q.label == "distance"]
    acts = {_governing_verb(doc[s.start:s.end].root)
            for s in ext.mentions(doc, ext.ACTIVITIES, "fp_activity") + distances}
    subjects = [t for a in acts for t in a.children if t.dep_ in ("nsubj", "nsubjpass")]
    # "The race was won by Tamsin Hale": the agent of a verb of doing told in the passive
    subjects += [o for a in acts if a.lower_ in lex.doing
                 for t in a.children if t.dep_ == "agent" for o in t.children if o.dep_ == "pobj"]
    # "Tamsin Hale, who rode 296 km": the name a relative clause of an activity hangs from, by its "who"
    subjects = sorted([t.head.head for t in subjects if t.lower_ == "who" and t.head.dep_ == "relcl"]
                      + [t for t in subjects if t.lower_ != "who"], key=lambda t: t.i)
    found = []
    for t in subjects:
        if NAME_TOKEN.match(t.text) and t.ent_type_ not in _MODEL_NOT_PERSON:
            first = t
            while first.i > 0 and doc[first.i - 1].dep_ == "compound" and _in_name(lex, doc, first.i - 1):
                first = doc[first.i - 1]
            name = clean(lex, text, first.idx, t.idx + len(t)) if first.i < t.i else None
            if name:
                found.append(name)
    return found


def _in_name(lex: Lexicon, doc: Doc, j: int) -> bool:
    """Whether token ``j`` can be a word of a name: a name word, or initials after a title ("Dr VK")."""
    return NAME_TOKEN.match(doc[j].text) is not None \
        or INITIALS.match(doc[j].text) is not None and j > 0 and doc[j - 1].lower_ in lex.titles


GOVERNING_REACH = 4  # how many heads up from a noun its verb may be: "crossed [the line of the] marathon"


SHARED_SUBJECT = ("advcl", "conj", "xcomp")  # a verb hanging so from another shares its subject
# a word in one of these roles is a noun, whatever part of speech a tagger gives it ("completed a 21 km run")
NOUN_DEPS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "attr", "compound", "appos"})
# a gerund after one of these, the means, shares the subject of the verb it hangs from ("raised £500 by running")
SHARED_SUBJECT_PREPOSITIONS = frozenset({"by"})


def _governing_verb(token: Token) -> Token:
    """``token`` if it is a verb (not in a noun's role: NOUN_DEPS), else the verb it hangs from at most
    GOVERNING_REACH heads up, else
    itself; a verb with no subject of its own that hangs from another as a participle, a second verb
    or a complement ("having walked 480 km", "set off and walked") gives way to that one, and so do an
    infinitive told of the complement of a copula ("became the first woman to swim across": "became") and a
    gerund after a preposition of SHARED_SUBJECT_PREPOSITIONS ("raised £500 by running": "raised")."""
    t = token
    for _ in range(GOVERNING_REACH):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in NOUN_DEPS or t.head is t:
            break
        t = t.head
    if t.pos_ not in ("VERB", "AUX") or t.dep_ in NOUN_DEPS:
        return token
    for _ in range(GOVERNING_REACH):
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            break
        if _infinitive_of_complement(t) or t.dep_ == "pcomp" and t.head.lower_ in SHARED_SUBJECT_PREPOSITIONS:
            t = t.head.head  # "became the first woman to swim it", "raised £500 by running the canal"
        elif t.dep_ in SHARED_SUBJECT and t.head is not t:
            t = t.head
        else:
            break
    return t


def _infinitive_of_complement(t: Token) -> bool:
    """Whether verb ``t`` is an infinitive ("to" before it) told of the complement of a copula ("Tamsin Hale
    became the oldest woman to complete the race", "is the youngest person to row across"): its doer is the
    copula's subject."""
    return t.dep_ in ("relcl", "acl") and t.head.dep_ == "attr" \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)


def placelike(lex: Lexicon, doc: Doc, tab: ext.Tokens, start: int) -> bool:
    """Whether a "person" at token ``start`` (a model's, or a run of capitalised words) is a place: right after a place
    preposition ("rode to Raipur"), or after "to" with "from" up to five words before it ("from
    Jaipur to Udaipur") or a quantity or activity (:func:`moving_mentions`, read for these cases only) earlier in
    the sentence), or right after "up" or "down" after one ("a hike up Ben Ardan": the hill climbed)."""
    if start == 0:
        return False
    prev = tab.lower[start - 1]
    if prev in lex.place_preps:
        return True
    if prev in CLIMB_WORDS:
        return any(m.end == start - 1 for m in moving_mentions(doc))
    if prev == "to":
        sent_start = tab.sent_lo[start]
        if "from" in tab.lower[max(sent_start, start - 5):start]:
            return True
        # a token of one in the sentence before it
        return any(max(m.start, sent_start) < min(m.end, start) for m in moving_mentions(doc))
    return False


def clean(lex: Lexicon, text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name in ``text[start:end]`` as character offsets: without the titles before it
    ("Marathoner Asha Rao"), a final "'s", a bracket, slash or bar and what follows, a line break and
    what follows, a final "I", or a final space, comma or dot.  None when nothing is left, or a word
    is never part of a name, or a word does not start with a capital, or there is a digit, or it ends
    in a title followed by "of" (an office: "Westbury Commissioner of Police")."""
    name = text[start:end]
    while True:
        words = name.split(" ")
        size = lex.title_length([w.lower().strip(".") for w in words[:3]])
        if not size or size >= len(words):
            break
        cut = len(" ".join(words[:size])) + 1
        start += cut
        name = name[cut:]
    cut = None if _NAME_CUT_CHARS.isdisjoint(name) else _NAME_CUT.search(name)
    if cut:
        name = name[:cut.start()]
    name = name.split("\n", 1)[0].rstrip(" ,.\t\r")
    if name.endswith(" I"):  # "Asha Rao I": the pronoun after a name that ends its sentence
        name = name[:-2].rstrip(" ,.")
    words = name.split()
    if not words or not lex.not_names.isdisjoint(name.lower().split()) or any(map(str.isdigit, name)):
        return None
    if not all(w[0].isupper() for w in words):
        return None
    if len(words) > 1 and words[-1].lower() in lex.titles and text.startswith(" of ", start + len(name)):
        return None  # an office before the name ("Westbury Commissioner of Police D. Fischer")
    return start, start + len(name)


def personlike(lex: Lexicon, tab: ext.Tokens, start: int, end: int) -> bool:
    """Whether the name at characters ``start:end`` can be a person's: none of its words is a stop
    word ("With Asha") or makes it a place, an organisation or an event ("Alder River", "Hill Runners
    Club", "Race Result"); one word
    alone is not a common word ("Lunch", "Husband", "Running"), a word ending in "ing" that opens its
    sentence ("Hiking"), or a word before a number ("Mile 13"); a name of more words does not open with a
    word of a place's name ("South Downs", "New Brackenfold"), nor follow one in lower case ("north Larkspur");
    it does not stand before a lower-case word
    for people that it tells the origin of ("Larkspur man"); it does not follow an article ("the
    Garmin estimate") or a place cue ("the summit of Mount Corrin"), nor name a place ("Tom Dale's Grotto")."""
    first, last = bisect_right(tab.idx, start) - 1, bisect_left(tab.idx, end)
    words = [w.rstrip(".") for w in tab.lower[first:last]]
    if not lex.not_in_name.isdisjoint(words) or not lex.stop.isdisjoint(words):
        return False
    if len(words) > 1 and words[0] in lex.place_openers:
        return False
    if last < tab.n and tab.lower[last] in lex.people_nouns and tab.text[last].islower():
        return False  # where someone is from: "Brackenfold grandmother, 76, swims ..."
    if len(words) == 1:
        word = words[0]
        if word in lex.not_alone or (word.endswith("ing") and first == tab.sent_lo[first]):
            return False
        if last < tab.n and tab.text[last][:1].isdigit():
            return False
    if first > 0 and tab.lower[first - 1] in _ARTICLES:
        return False
    if first > 0 and tab.text[first - 1] in lex.place_openers:
        return False  # after one of them in lower case, a part of a place ("through north Larkspur")
    if last + 1 < tab.n and tab.lower[last] in ("'s", "’s") and tab.lower[last + 1] in lex.not_in_name:
        return False  # a place named for them ("Tom Dale's Grotto")
    lows = tab.lower
    return not any(tuple(lows[first - n:first]) in lex.place_before for n in lex.place_before_lengths if first >= n)


def _cued(lex: Lexicon, tab: ext.Tokens, firsts: list[int]) -> list[tuple[int, bool]]:
    """The tokens a company cue points at, each with True: the one right after a cue before it
    (``company_before``: "with Asha") and the one right before a cue after it (``company_after``:
    "Asha and I", past a bracketed aside: "Asha (my sister) and I"); ``firsts``: the tokens a cue may
    start at."""
    lows = tab.lower
    seeds = []
    for i in firsts:
        for n in lex.company_lengths[lows[i]]:  # shortest first
            if i + n > tab.n:
                break
            cue = tuple(lows[i:i + n])
            if cue in lex.company_before and not (i + n + 1 < tab.n and lows[i + n + 1] in ("'s", "’s")):
                seeds.append((i + n, True))  # not an owner: "with Tamsin's coach" names the coach
                named = _bracketed_after_group(lex, tab, i + n)
                if named is not None:
                    seeds.append((named, True))
            if cue in lex.company_after:
                seeds.append((_before_aside(tab, i - 1), True))
    return seeds


ASIDE_REACH = 6  # how many tokens a bracketed aside after a name may hold: "Rhodri (my brother) and I"
GROUP_WORDS = 3  # a group named after a company cue, before the bracket that names its people, has at most these


def _bracketed_after_group(lex: Lexicon, tab: ext.Tokens, k: int) -> int | None:
    """The first token inside the bracket that names the people of a group right after a company cue ("with the
    Tuesday crew (Ali, Bea and Cormac)": "Ali"): a determiner, at most GROUP_WORDS words ending in a word of
    ``company_groups`` ("crew", "mates", "cousins"; not "the dog (Biscuit)"), then the bracket; else None."""
    lows = tab.lower
    if k >= tab.n or lows[k] not in ("the", "my", "our"):
        return None
    for j in range(k + 1, min(tab.n - 1, k + 2 + GROUP_WORDS)):
        if lows[j] == "(":
            return j + 1 if j > k + 1 and lows[j - 1] in lex.company_groups else None
        if not lows[j].isalpha():
            return None
    return None


def _before_aside(tab: ext.Tokens, k: int) -> int:
    """The token before the bracketed aside that ends at token ``k`` ("Rhodri (my brother)": "Rhodri"),
    else ``k`` itself."""
    if k < 2 or tab.text[k] != ")":
        return k
    opening = next((j for j in range(k - 1, max(0, k - ASIDE_REACH) - 1, -1) if tab.text[j] == "("), None)
    return opening - 1 if opening else k


DOING_REACH = 6  # an activity word at most this many tokens after a verb of doing: "went for an early morning ride"


def _seeds(lex: Lexicon, doc: Doc, tab: ext.Tokens,
           cues: dict[str, list[int]]) -> tuple[list[tuple[int, bool]], set[int]]:
    """Where a one-word name may stand, each with whether a company cue points at it (:func:`_cued`): also
    right before an activity verb that is no noun ("Asha ran", "Asha, 9, ran", "Asha who ran"; these tokens
    returned too) or a cue
    joining company to a subject ("Asha, along with Tarun, ran": :func:`_joined_subjects`), next to a speech
    verb, a quote's speaker ("Larkspur said:", "said Rhodri"), and before a verb of doing with an activity word
    at most DOING_REACH tokens after it in its sentence ("Asha went for a run", "Asha went for an early morning
    ride"; not "Rain did not stop us. Yoga at sunrise"), past an age or an aside between commas as before an
    activity verb ("Asha, 11, became the youngest to climb it").  In no order; a token may come more than once."""
    seeds = _cued(lex, tab, cues["company"])
    subjects, starts = set(), set()
    activities = ext.mentions(doc, ext.ACTIVITIES, "fp_activity")
    seeds += [(k, True) for k in _counted_for(lex, tab, activities)]
    for s in activities:
        starts.add(s.start)
        if s.info.form == "verb" and tab.lower[s.start] not in lex.activity_nouns:
            before = _past_auxiliaries(tab, s.start - 1)
            subjects.add(_before_age(tab, _before_relative(tab, before)))
            chained = _chain_subject(lex, tab, before)
            if chained is not None:
                subjects.add(chained)
    # before a verb of doing an activity ("Tamsin went for a long run"): a subject too, though a model may
    # take it for a place, as it may one before an activity verb; not a word after "of" ("the tour of Larkspur
    # starts Monday, five days of riding": the word is the tour's, the subject the tour)
    doers = (_before_age(tab, _past_auxiliaries(tab, k - 1)) for k in cues["doing"]
             if k > 0 and not starts.isdisjoint(range(k + 1, min(k + 1 + DOING_REACH, tab.sent_hi[k]))))
    subjects.update(j for j in doers if j < 1 or tab.lower[j - 1] != "of")
    subjects.update(_joined_subjects(lex, tab, cues["company"]))
    seeds += [(k, False) for k in subjects]
    seeds += [(k + side, False) for k in cues["speech"] for side in (-1, 1)]
    return seeds, subjects


ORDINAL_NUMBER = re.compile(r"\d+(?:st|nd|rd|th)")  # "50th"
ORDINAL_REACH = 3  # at most this many words between an ordinal and the session's word ("first open water swim")


def ordinal_before(lows: list[str], lo: int, start: int, ordinals: frozenset[str]) -> bool:
    """Whether an ordinal (one of ``ordinals``, or a number ending in st, nd, rd or th) stands at most
    ORDINAL_REACH words before token ``start``, from token ``lo`` on ("a first open water swim")."""
    return any(w in ordinals or ORDINAL_NUMBER.fullmatch(w) for w in lows[max(lo, start - ORDINAL_REACH):start])


def numbered_for(lows: list[str], k: int, number_words: frozenset[str], ordinals: frozenset[str]) -> bool:
    """Whether a number word (one of ``number_words``), a number and "for" start at token ``k`` ("number 50
    for")."""
    return k + 2 < len(lows) and lows[k] in number_words \
        and (lows[k + 1].isdigit() or lows[k + 1] in ordinals) and lows[k + 2] == "for"


def _counted_for(lex: Lexicon, tab: ext.Tokens, activities: list[ext.Mention]) -> list[int]:
    """The tokens right after "for" where it follows a session told by its count (``counted_for`` of
    linking.json): a number word and a number ("parkrun number 50 for Jonas", "and number 4 for Bram"), or an
    activity word (of ``activities``) with an ordinal before it (:func:`ordinal_before`: "a first open water
    swim for Ottilie").  The records' linker reads the same cue (``company._counted_for``)."""
    lows = tab.lower
    ends = {a.end: a.start for a in activities}
    return [k + 1 for k in tab.where(("for",))
            if k >= 2 and numbered_for(lows, k - 2, lex.count_number_words, lex.count_ordinals)
            or k in ends and ordinal_before(lows, tab.sent_lo[k], ends[k], lex.count_ordinals)]


CHAIN_REACH = 12  # "Elin woke at five, had coffee and swam": at most this many tokens from the first verb to "and"
CHAIN_SUBJECT_WORDS = 8  # the subject of such a chain, names and what joins them, has at most this many tokens
# words after a capitalised word opening a sentence that make it a verb, its subject left out ("Went by the
# calculator and ran", "Headed out and rode", "Woke early and swam"): a name is followed by its verb
AFTER_OPENING_VERB = frozenset({"up", "out", "off", "down", "back", "home", "over", "by", "to", "in", "on", "at", "for",
                                "with", "into", "from", "the", "a", "an", "my", "our", "early", "late", "and", "then"})


def _chain_subject(lex: Lexicon, tab: ext.Tokens, k: int) -> int | None:
    """The subject of a chain of verbs that ends in the activity verb after the "and" at token ``k``: the token
    before the sentence's first lower-case word, where only capitalised words (and "and" or a comma between
    two of them) come before that word and it is at most CHAIN_REACH tokens before ``k`` ("Tamsin got up early
    and ran", "Elin woke at five, had coffee and swam", "Rhodri and Elin set off at 7am and walked": "Elin",
    whom "Rhodri" is listed with); None where ``k`` is no "and", the sentence opens otherwise, or the word
    before that first word is a verb (a past form, a verb of doing, or one before a word of AFTER_OPENING_VERB:
    "Went by the calculator and ran") or a word for people (``people_nouns``: "Runners")."""
    if k < 2 or tab.lower[k] != "and":
        return None
    words, lows, lo = tab.text, tab.lower, tab.sent_lo[k]
    i, hi = lo, min(k, lo + CHAIN_SUBJECT_WORDS)
    while i < hi and (words[i][:1].isupper() and words[i].isalpha()
                      or words[i] in ("and", ",") and i > lo and words[i + 1][:1].isupper()):
        i += 1
    if i == lo or i >= k or k - i > CHAIN_REACH or not (words[i].isalpha() and words[i].islower()):
        return None
    if lows[i] in AFTER_OPENING_VERB or ext.is_past_form(lows[i - 1]) or lows[i - 1] in lex.doing:
        return None
    if lows[i - 1] in lex.people_nouns:
        return None  # "Runners set off at nine and ran": people, no one named
    return i - 1


def _joined_subjects(lex: Lexicon, tab: ext.Tokens, firsts: list[int]) -> list[int]:
    """The tokens right before a cue that joins a subject to the people after it (``company_joining``), past a
    comma: "Rhodri, along with his brother Jonas, rode" (``firsts``: the tokens a company cue may start at)."""
    lows, out = tab.lower, []
    for i in firsts:
        if any(tuple(lows[i:i + n]) in lex.company_joining for n in lex.company_lengths[lows[i]]):
            k = i - 2 if i >= 2 and lows[i - 1] == "," else i - 1
            if k >= 0:
                out.append(k)
    return out


# words that may stand between a subject and its verb ("Jonas has cycled", "Asha will also run")
VERB_AUXILIARIES = frozenset({"has", "have", "had", "is", "was", "will", "would", "also", "just", "been", "'s", "’s",
                              "finally", "eventually", "even", "still", "then", "always", "usually", "often"})
AUXILIARY_REACH = 2  # at most this many of them


def _past_auxiliaries(tab: ext.Tokens, k: int) -> int:
    """The token before token ``k`` (the word before a verb) past at most AUXILIARY_REACH auxiliaries or
    adverbs of VERB_AUXILIARIES in its sentence ("Jonas has cycled": "Jonas"), else ``k``."""
    j, lo = k, tab.sent_lo[k] if k >= 0 else 0
    while j > lo and k - j < AUXILIARY_REACH and tab.lower[j] in VERB_AUXILIARIES:
        j -= 1
    return j if j < k and tab.lower[j] not in VERB_AUXILIARIES else k


def _before_relative(tab: ext.Tokens, k: int) -> int:
    """The token before the relative "who" at token ``k``, past a comma ("Ottilie who rode the last 20 miles",
    "Bram, who ran the last leg": the one who did it), else ``k``."""
    if k < 1 or tab.lower[k] != "who" or k - 1 <= tab.sent_lo[k]:
        return k
    return k - 2 if tab.lower[k - 1] == "," else k - 1


APPOSITION_REACH = 8  # an aside between commas after a subject has at most this many tokens
APPOSITION_OPENERS = frozenset(("a", "an", "the", "our", "my", "his", "her", "their"))  # "Mara, a nurse at ..., ran"


def _before_age(tab: ext.Tokens, k: int) -> int:
    """The subject token before token ``k`` past an aside between commas, an age or a noun phrase in
    apposition ("Ottilie, 9, walked", "Mara, a nurse at the clinic, ran": the token before the first comma),
    else ``k`` itself."""
    lows = tab.lower
    if k >= 3 and lows[k] == "," and lows[k - 2] == "," and lows[k - 1].isdigit() and len(lows[k - 1]) <= 3:
        return k - 3
    if k >= 3 and lows[k] == ",":
        for j in range(k - 2, max(0, k - APPOSITION_REACH) - 1, -1):
            if lows[j] in (",", ".", ";", ":"):
                return j - 1 if lows[j] == "," and j > 0 and lows[j + 1] in APPOSITION_OPENERS else k
    return k


def companion_names(lex: Lexicon, doc: Doc, tab: ext.Tokens, text: str, typed: bool, found: list[tuple[int, int]],
                    cues: dict[str, list[int]]) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
    """Character spans of the one-word names that company cues mark as people, which a model may not
    tag (or tags as an organisation) and blank mode does not read: a capitalised word right after a
    cue before it (``company_before``: "with Asha") or right before a cue after it (``company_after``:
    "Asha and I") or an activity verb that is no noun ("Asha ran", not "the Unity Run") or next to a speech
    verb ("Asha said"), and the
    capitalised words in a list with it or with a name found ("with Asha, Tarun and Mohan", "Tarun Sethi
    and Mohan"); each a word alone, not one of a capitalised run ("with Pulse Weekly"), and none of them
    in ``found``.  With them, the spans of the names (these and those found) that are companions: in
    a list a company cue starts.  (``text``: the Doc's; ``typed``: whether it has a model's entities.)"""
    lows = tab.lower
    seeds, subjects = _seeds(lex, doc, tab, cues)
    unit: dict[int, tuple[int, int]] = {}  # each token of a name found -> the name's first and end token
    spans: dict[int, tuple[int, int]] = {}  # the first token of each name -> its character span
    for s, e in found:
        bounds = (bisect_right(tab.idx, s) - 1, bisect_left(tab.idx, e))
        unit.update(dict.fromkeys(range(*bounds), bounds))
        spans[bounds[0]] = (s, e)
        seeds.append((bounds[0], False))
    for s, e, _ in handles(text):
        # a handle is a person in a list too ("with @a_friend and Ottilie"), though no name of its own
        bounds = (bisect_right(tab.idx, s) - 1, bisect_left(tab.idx, e))
        unit.update(dict.fromkeys(range(*bounds), bounds))
        spans[bounds[0]] = (s, e)
    n, words, is_name = tab.n, tab.text, NAME_TOKEN.match

    def companion(k: int, in_company: bool) -> bool:
        """Whether token ``k`` is a capitalised word alone that can be a companion's name; one in company
        (a cue reaches it, "with Tamsin", or it is listed with a person, "Ottilie and Tamsin raced") or
        right before an activity verb ("Rhodri ran") may be one the model took for a place."""
        if not (0 <= k < n) or k in unit or not is_name(words[k]):
            return False
        if (k + 1 < n and is_name(words[k + 1])) or (k > tab.sent_lo[k] + 1 and is_name(words[k - 1])):
            return False  # a word of a longer capitalised run that is no name ("Pulse Weekly")
        if typed and doc[k].ent_type_ in _NOT_COMPANION_TYPES \
                and not (in_company and doc[k].ent_type_ in _PLACE_TYPES):
            return False
        if k > 0 and lows[k - 1] in lex.place_preps:
            return False  # a place listed before a name ("a climber from Utrecht, Lucy Ward")
        return personlike(lex, tab, tab.idx[k], tab.end[k])

    reached: dict[int, bool] = {}  # the first token of each name reached -> whether a company cue reached it
    todo = [(unit.get(k, (k,))[0], cued) for k, cued in seeds
            if k in unit or companion(k, cued or k in subjects)]
    while todo:
        k, cued = todo.pop()
        if k in reached and (reached[k] or not cued):
            continue
        reached[k] = cued
        first, end = unit.get(k, (k, k + 1))
        for nxt in (_listed(lows, end, 1), _listed(lows, first - 1, -1)):
            if nxt is not None and (nxt in unit or companion(nxt, True)):
                todo.append((unit.get(nxt, (nxt,))[0], cued))
    spans.update((k, (tab.idx[_opening(lex, doc, tab, k)], tab.end[k])) for k in reached if k not in unit)
    return [spans[k] for k in sorted(reached) if k not in unit], {spans[k] for k, cued in reached.items() if cued}


def _opening(lex: Lexicon, doc: Doc, tab: ext.Tokens, k: int) -> int:
    """The first token of the name whose last word is token ``k``, a word a cue marks: the word before
    it when that opens the sentence and a tagger reads it as a proper noun that can be a first name
    ("Tamsin Hale said", which a model may tag as an organisation); else ``k``.  (A capitalised first
    word of a sentence is no name word by its capital alone, so without a tagger it is left out.)"""
    j = k - 1
    if j >= 0 and j == tab.sent_lo[k] and ext.has_annotation(doc, "TAG") and _first_name_word(lex, doc, j):
        return j
    return k


def lower_case_companions(lex: Lexicon, tab: ext.Tokens, found: list[tuple[int, int]],
                          pronouns: list[int]) -> list[tuple[int, int]]:
    """In a post that writes the pronoun "i" in lower case, the lower-case names listed right before
    "and i" or "and me" ("lena and joss and i climbed the ridge"), as character spans: words of three
    letters or more that are not common words, stop words, relation or activity words, place or
    thing words, and do not end in "s" (a plural: "dogs and i"), "ed" or "ing"; none in ``found``.
    (``pronouns``: the pronoun tokens.)"""
    words = tab.text
    if "i" not in words:  # a token written "i" is one of ``pronouns``
        return []
    taken = {s for s, _ in found}
    out = []
    for k in [k for k in pronouns if words[k] in ("i", "me")]:
        j = k - 1
        while j >= 1 and tab.lower[j] in _AND and _lower_name(lex, tab.text[j - 1]):
            if tab.idx[j - 1] not in taken:
                out.append((tab.idx[j - 1], tab.end[j - 1]))
            j -= 2
    return sorted(set(out))


def _lower_name(lex: Lexicon, word: str) -> bool:
    """Whether a lower-case word can be a name written in lower case (:func:`lower_case_companions`)."""
    return word.isalpha() and word.islower() and len(word) >= 3 and not word.endswith(("s", "ed", "ing")) \
        and word not in lex.not_alone and word not in lex.not_in_name and word not in lex.speech


def _listed(lows: list[str], k: int, step: int) -> int | None:
    """The token after (``step`` 1) or before (-1) the joining words (",", "and", "&": one or two)
    that start at token ``k`` going that way: the next item of a list; None when no joining word is
    there.  An aside in brackets after an item joins it to the next, going on ("Bram (bigwheel) Kettle") or
    back ("Elin Moss (34), Jonas Berg (41) and ...": back from Jonas, Elin's last word)."""
    j = k
    if step == 1 and j < len(lows) and lows[j] == "(" and ")" in lows[j:j + 5]:
        j = lows.index(")", j) + 1
    start = j
    while 0 <= j < len(lows) and lows[j] in _AND and abs(j - start) < 2:
        j += step
    if step == -1 and j != start and j >= 0 and lows[j] == ")" and "(" in lows[max(0, j - 4):j]:
        j = max(i for i in range(max(0, j - 4), j) if lows[i] == "(") - 1
    return j if j != k and 0 <= j < len(lows) else None


# -- relations --------------------------------------------------------------
def relation_spans(lex: Lexicon, tab: ext.Tokens, firsts: list[int]) -> list[tuple[int, int, str]]:
    """Relation phrases as token spans ``(start, end, relation)``, in order, none inside another:
    at each token a relation can start with (``firsts``), the longest relation over at most
    ``lex.rel_max`` tokens (a hyphen token joins the words around it: "co - worker")."""
    found = []
    lows = tab.lower
    resume = 0  # the tokens before this one are in the relation found last
    for i in firsts:
        if i < resume:
            continue
        for n in range(min(lex.rel_max, tab.n - i), 0, -1):
            key = " ".join(lows[i:i + n]).replace(" - ", "-")
            if key in lex.relations:
                found.append((i, i + n, key))
                resume = i + n
                break
    return found


def appositive_names(lex: Lexicon, tab: ext.Tokens, rel_spans: list[tuple[int, int, str]],
                     names: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``names`` with the names written right after a relation word, which a model may miss ("wife
    Asha Rao", "wife: Asha Rao"): up to three name tokens that are not never-names, after at most
    one comma or colon.  Such a name replaces the names it overlaps.  In text order."""
    names = list(names)
    for _, rel_end, _ in rel_spans:
        j = rel_end + 1 if rel_end < tab.n and tab.text[rel_end] in (",", ":") else rel_end
        k = j
        while k < tab.n and k - j < 3 and NAME_TOKEN.match(tab.text[k]) and tab.lower[k] not in lex.not_names:
            k += 1
        if k > j:
            s, e = tab.idx[j], tab.end[k - 1]
            names = [(a, b) for a, b in names if not (a < e and s < b)] + [(s, e)]
    return sorted(names)
