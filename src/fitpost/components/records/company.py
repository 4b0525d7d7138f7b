"""Step 2 (people): who did the activity of a cluster.

With a parse: the subject of the mention's verb (or of the verb it hangs from),
possessives, "with"/"alongside" objects, and the noun a participle describes
("the pair heading out for a ride").  Without: the nearest person at most eight
tokens before the mention, with those coordinated to them (by "and", or by a company
phrase: "she along with Asha rode").  In both: the people
a company cue brings in after the mention, in its clause ("with A, B and C",
"joined by B"), and people coordinated right before an -ing mention ("him and
Asha running").  People who are only mentioned ("photo by A") are left out.
"""
from __future__ import annotations

from fitpost import ext
from fitpost.components.people.finding import SHARED_SUBJECT_PREPOSITIONS, numbered_for, ordinal_before
from fitpost.components.records.context import Context
from fitpost.components.records.model import Cluster
from fitpost.components.sentences import closes_brackets

CLAUSE_STOPS = frozenset({";", ".", "!", "?"})  # where the clause of a mention ends, for the company cues
COMPANY_REACH = 20  # a company cue counts at most this many tokens after the mention
CUE_REACH = 6  # a company cue takes the first person starting at most this many tokens after it
BEFORE_REACH = 8  # without a parse: a person ending at most this many tokens before the mention
AND_BEFORE = ("and", ",", "&")  # what joins coordinated people ("A, B and C")
AND_AFTER = ("and", ",", "&", ", and")
TITLE_REACH = 3  # a person's title before their name has at most this many words ("lord mayor")
AND_JOINS = tuple(j for j in AND_AFTER if j != ",")  # what joins the last item of a list
AGE_OPENERS = {",": ",", "(": ")"}  # what sets off an age after a name and closes it: "Rhodri, 74,", "Rhodri (74)"
SPECTATOR_LIST_REACH = 6  # a spectator verb after a list tells of at most this many people before its last one
GAP_REACH = 3  # a gapped clause's "and" stands at most this many tokens after the mention
GAP_PREPOSITIONS = frozenset({"in", "on", "aboard"})  # right after a gapped clause's subject: "and Bram in the other"
CREDIT_MARKS = (":", "by", "-", "–")  # after a credit word: "Photo: A B"
DETERMINERS = frozenset({"my", "his", "her", "their", "our", "the"})  # may stand between "by" and a relative


COUNTS = frozenset(("two", "three", "four", "five", "six", "2", "3", "4", "5", "6"))  # a small group, counted
RELATIVE_SUBJECTS = frozenset(("who", "that"))  # the subject of a relative clause about a person


def attach_people(ctx: Context, c: Cluster) -> None:
    """The people of cluster ``c``, each name (or handle) once, in the order found."""
    if not ctx.people:
        return  # no one named in the text
    chosen = _by_parse(ctx, c) if ctx.parsed else _before(ctx, c)
    _company_after(ctx, c, chosen)
    _counted_for(ctx, c, chosen)
    _gapped_after(ctx, c, chosen)
    _before_participle(ctx, c, chosen)
    _add_people(ctx, c, chosen)


def attach_company(ctx: Context, c: Cluster) -> None:
    """The people the company cues after cluster ``c`` bring in ("Easy 10k with Tamsin today"), else those
    the cues before it in its sentence bring in ("Met up with Tamsin at the track for an easy 5 km"): all a
    session with no activity word of its own takes, having no verb or subject to read."""
    chosen: list[ext.Mention] = []
    _company_after(ctx, c, chosen)
    if not chosen:
        lasts = ctx.lexicon.company_lasts
        for i in range(ctx.sents[c.sent][0], c.start):
            if ctx.lows[i] in lasts and _cue_ends_at(ctx, i):
                _take_cued(ctx, i, chosen)
    _add_people(ctx, c, chosen)


def _add_people(ctx: Context, c: Cluster, chosen: list[ext.Mention]) -> None:
    """Add to ``c.people`` the names (or handles) of ``chosen`` that took part, each once, in order."""
    seen = set()
    for p in chosen:
        if non_participant(ctx, p):
            continue
        for part in names_of(ctx, p):
            key = part["name"] or part["handle"] or part["relation"]
            if key and key not in seen:
                seen.add(key)
                c.people.append(part)


def _by_parse(ctx: Context, c: Cluster) -> list[ext.Mention]:
    """The people the parse links to the mention."""
    chosen: list[ext.Mention] = []
    at = {p.start: p for p in ctx.people}
    head = ctx.doc[c.head]
    verb = head
    # up to the verb it hangs from; a word with a subject of its own is the verb, whatever the tagger
    # took it for ('"Elin swam 2 km," Jonas said': "swam" read as a noun, Elin swam), and the object of a
    # preposition or a verb is a noun, though tagged a verb ("Elin went for a run": the run is hers; "Rhodri
    # and his son Tam completed the 100 km walk": theirs)
    while (verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("pobj", "dobj")) and verb.dep_ != "ROOT" \
            and verb.head is not verb and not any(ch.dep_ in ("nsubj", "nsubjpass") for ch in verb.children):
        verb = verb.head
    chain = [verb]
    if verb.dep_ == "acl":  # "the pair heading out for a ride", "a video of her running"
        chosen.extend(_mentions_at(verb.head, at, subtree=False))
        for prep in verb.head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    chosen.extend(_mentions_at(obj, at, subtree=False))
    if verb.dep_ in ("conj", "xcomp", "advcl") and not any(ch.dep_.startswith("nsubj") for ch in verb.children):
        chain.append(verb.head)  # "went out and ran": the subject of the verb it hangs from
    elif verb.dep_ == "pcomp" and verb.head.lower_ in SHARED_SUBJECT_PREPOSITIONS:
        chain.append(verb.head.head)  # "have raised £500 by running": the subject of "raised"
    for v in chain:
        if v.dep_ == "relcl" and any(ch.dep_.startswith("nsubj") and ch.lower_ in RELATIVE_SUBJECTS
                                     for ch in v.children):
            # "His wife Tamsin, who ran alongside him", "Bram, who amazed the crowd by running": who did it
            chosen.extend(_named_at(v.head, at))
    chosen.extend(_doers(ctx, chain, at))
    for tok in (head, verb):
        for ch in tok.children:
            if ch.dep_ == "poss":
                chosen.extend(_mentions_at(ch, at, subtree=False))
    # "with"/"alongside" of the mention, of its verb and of a verb it shares the subject of that names no
    # activity itself ("met up with Tamsin at the pool and did 2 km"; but in "ran with Tamsin and swam"
    # the company is the run's); not of another session's noun the parse hangs it from ("Yoga at 7, then a
    # walk with Elin": Elin walked)
    for tok in [head] + [v for v in chain if v is not head and (v.i not in ctx.activity_starts
                                                                or v is verb and v.pos_ in ("VERB", "AUX"))]:
        for ch in tok.children:
            for prep in _company_preps(ch):
                for obj in prep.children:
                    chosen.extend(_mentions_at(obj, at))
    return chosen


def _company_preps(tok) -> list:
    """The preposition of company that token ``tok`` is: "with" or "alongside", or the "with" of "along with" or
    "together with" ("Elin, along with Jonas, swam": the parse hangs "with" from "along")."""
    if tok.dep_ == "prep" and tok.lower_ in ("with", "alongside"):
        return [tok]
    if tok.dep_ in ("prep", "advmod") and tok.lower_ in ("along", "together"):
        return [ch for ch in tok.children if ch.dep_ == "prep" and ch.lower_ == "with"]
    return []


def _doers(ctx: Context, chain: list, at: dict[int, ext.Mention]) -> list[ext.Mention]:
    """The people who did what the verbs of ``chain`` tell, read up to the first with a subject: the subject
    (not of a verb of watching: who "cheered on" the race), and the object of a verb of joining ("I joined
    her for a swim": she swam too)."""
    out: list[ext.Mention] = []
    for v in chain:
        for ch in v.children:
            if ch.dep_ in ("nsubj", "nsubjpass", "agent") and v.lower_ not in ctx.lexicon.spectator_verbs:
                out.extend(_mentions_at(ch, at))
            elif ch.dep_ == "dobj" and v.lower_ in ctx.lexicon.joining:
                out.extend(_mentions_at(ch, at))
        if any(ch.dep_.startswith("nsubj") for ch in v.children):
            break
    return out


def _named_at(tok, at: dict[int, ext.Mention]) -> list[ext.Mention]:
    """The people mentions at ``tok`` or, where there is none, at a name set beside it ("his wife, Tamsin")."""
    return _mentions_at(tok, at, subtree=False) or [p for ch in tok.children if ch.dep_ in ("appos", "compound")
                                                    for p in _mentions_at(ch, at, subtree=False)]


def _mentions_at(tok, at: dict[int, ext.Mention], subtree: bool = True) -> list[ext.Mention]:
    """The people mentions (``at``: by first token) at ``tok`` or, with ``subtree``, anywhere under it
    but in a possessive below it ("my" of "my dad", "Asha's" of "Asha's sister": not who did it)."""
    out = []
    for t in (tok.subtree if subtree else [tok]):
        if subtree and t is not tok and t.dep_ == "poss":
            continue
        if t.i in at:
            out.append(at[t.i])
        else:
            span = next((s for s in at.values() if s.start <= t.i < s.end), None)
            if span is not None and span not in out:
                out.append(span)
    return out


def _before(ctx: Context, c: Cluster) -> list[ext.Mention]:
    """Without a parse: the last person of the sentence ending at most BEFORE_REACH tokens before the
    mention, with the people of the sentence coordinated before them; in text order.  Not people a company
    cue brings to an activity mention before this one ("ran with Asha and swam": Asha is the run's)."""
    last = next(ctx.people_back(c.sent, c.start, c.start - BEFORE_REACH), None)
    if last is None:
        return []
    first = ctx.sents[c.sent][0]
    chosen = coordinated_before(ctx, last, first)[::-1] + [last]
    if _cue_ends_at(ctx, chosen[0].start - 1) and not ctx.activity_starts.isdisjoint(range(first, chosen[0].start)):
        return []
    k = ctx.person_index(chosen[0])
    if k > 0 and _owns(ctx.people[k - 1], chosen[0]):
        k -= 1  # past the possessive of "along with his brother Jonas"
    if k > 0 and ctx.people[k - 1].start >= first \
            and _company_phrase(ctx, ctx.people[k - 1].end, ctx.people[k].start):
        chosen.insert(0, ctx.people[k - 1])  # "she along with Rhodri rode", "Rhodri, along with Jonas, rode"
    return chosen


def _company_phrase(ctx: Context, a: int, b: int) -> bool:
    """Whether tokens ``a:b`` are a companion or company cue and nothing else ("along with", "together
    with", "alongside"), after a comma or not, which joins the people on either side as one subject."""
    words = tuple(ctx.lows[a + 1:b] if b > a and ctx.lows[a] == "," else ctx.lows[a:b])
    return bool(words) and (words in ctx.lexicon.company_cues or words in ctx.lexicon.companion_cues.get(words[0], ()))


def _before_participle(ctx: Context, c: Cluster, chosen: list[ext.Mention]) -> None:
    """"him and Asha running": the person right before an -ing mention, with those coordinated before."""
    if c.start == 0 or not ctx.lows[c.start].endswith("ing"):
        return
    last = next((p for p in ctx.people_back(c.sent, c.start, c.start - 1) if p.end <= c.start), None)
    if last is not None:
        chosen.append(last)
        chosen.extend(coordinated_before(ctx, last, 0))


def coordinated_before(ctx: Context, p: ext.Mention, first: int) -> list[ext.Mention]:
    """The people mentions before ``p`` in the people group, starting at token ``first`` or later, each
    joined to the next (:func:`_joined`), nearest first; a possessive before a relation word is passed
    over, not taken: in "Rhodri and his wife Tamsin" it is Rhodri by the "and"."""
    people, out = ctx.people, []
    k = ctx.person_index(p)
    while k > 0 and people[k - 1].start >= first and _joined(ctx, people[k - 1], people[k]):
        if not _owns(people[k - 1], people[k]):
            out.append(people[k - 1])
        k -= 1
    return out


def _owns(p: ext.Mention, q: ext.Mention) -> bool:
    """Whether mention ``p`` is a possessive right before the relation word ``q`` ("his wife")."""
    return p.end == q.start and p.info.pronoun and q.info.relation is not None


def _joined(ctx: Context, p: ext.Mention, q: ext.Mention) -> bool:
    """Whether people mentions ``p`` and ``q`` (after it) are joined as one subject: by "and", "," or
    "&", alone or before the title of the second ("Jane Cole and teacher Amy Lewis", with what it is the title
    of: "Jane Cole and Larkspur Group CEO Amy Lewis"), past the first one's
    age set off by commas ("Rhodri, 74, and his son Jonas"); or side by side
    as one person's relation word and name ("Rhodri and wife Tamsin") or as a possessive and the
    relation word it owns ("Rhodri and his wife Tamsin")."""
    if p.end == q.start:  # one person's relation word and name, or a possessive and a relation word
        return _relation_and_name(p, q) or _owns(p, q)
    end = q.start
    while end > p.end and ctx.lows[end - 1] in ctx.lexicon.person_words:
        end -= 1  # the second person's title
    if end < q.start:
        while end > p.end and ctx.tab.text[end - 1][:1].isupper() and ctx.tab.text[end - 1].isalpha():
            end -= 1  # the name of what the title is of ("Larkspur Group CEO Elin Moss")
    if end - p.end >= 3 and ctx.lows[p.end] in AGE_OPENERS and ctx.lows[p.end + 1].isdigit() \
            and ctx.lows[p.end + 2] == AGE_OPENERS[ctx.lows[p.end]]:
        # "Rhodri, 74, and his son Jonas", "Rhodri (74) and Jonas (41)": past the first one's age
        return ctx.between(p.end + 2 + (ctx.lows[p.end] == "("), end) in AND_AFTER
    return ctx.between(p.end, end) in AND_BEFORE


def _company_after(ctx: Context, c: Cluster, chosen: list[ext.Mention]) -> None:
    """Add to ``chosen`` the people the company cues (``company_cues``: "with", "alongside", "joined by")
    bring in after cluster ``c``, up to the end of its clause (a ; . ! ? or the sentence end, at most
    COMPANY_REACH tokens on): each cue takes the first person starting at most CUE_REACH tokens after
    its last word (after a possessive, the relative it owns: "with my wife"), with those coordinated
    after that one ("with A, B and C", "with Tom and his brother Benedikt"); not past another activity verb,
    or another activity mention told after a comma, or another item of a list of sessions
    (:attr:`Context.item_starts`), whose company the cues after it are ("ran with Asha and swam with Tom", "25
    min on the turbo, sore from the sportive with Jonas", "Tue 8 miles easy, Sat 18 miles long with Jonas",
    "8 km on Tuesday and 18 km on Saturday with Jonas")."""
    lasts = ctx.lexicon.company_lasts
    reach = ctx.lows[c.end:min(ctx.sents[c.sent][1], c.end + COMPANY_REACH)]
    if lasts.isdisjoint(reach):
        return
    comma = False
    for i, word in enumerate(reach, c.end):
        if word in CLAUSE_STOPS and not closes_brackets(ctx.lows, i, CLAUSE_STOPS) \
                or comma and i in ctx.activity_starts or i in ctx.item_starts or i in ctx.verb_starts:
            break  # the clause ends, but not at the end mark of an aside in brackets ("10 km (new PB!) with Sam")
        comma = comma or word == ","
        if word in lasts and _cue_ends_at(ctx, i):
            _take_cued(ctx, i, chosen)


def _gapped_after(ctx: Context, c: Cluster, chosen: list[ext.Mention]) -> None:
    """Add to ``chosen`` the subject of a clause that leaves out the verb of the mention's clause
    (:func:`gapped_subject`) after an "and" at most GAP_REACH tokens after the mention ("Elin and I
    paddled the double, and Jonas and Bram in the single ones": Jonas and Bram paddled too); only where the
    mention's clause has a subject told before it among ``chosen``."""
    if not any(p.end <= c.start for p in chosen):
        return
    end = ctx.sents[c.sent][1]
    k = next((i for i in range(c.end, min(end, c.end + GAP_REACH + 1)) if ctx.lows[i] == "and"), None)
    if k is not None:
        chosen.extend(p for p in gapped_subject(ctx, k, end) if p not in chosen)


def gapped_subject(ctx: Context, k: int, end: int) -> list[ext.Mention]:
    """The people who are the subject of a clause opened by the "and" at token ``k`` that leaves out
    its verb, sharing the one of the clause before (it ends by token ``end``): people coordinated right
    after the "and", then a preposition (``GAP_PREPOSITIONS``: "and Jonas and Bram in the other"); none
    where a verb follows them ("and Jonas went home")."""
    first = next(iter(ctx.people_starting(k + 1, k + 2)), None)
    if first is None or first.info.pronoun:
        return []
    people, group = ctx.people, [first]
    for k in range(ctx.person_index(first) + 1, len(people)):
        if people[k].start >= end or not _joined(ctx, group[-1], people[k]):
            break
        group.append(people[k])
    return group if group[-1].end < end and ctx.lows[group[-1].end] in GAP_PREPOSITIONS else []


COUNT_REACH = 2  # at most this many words between a session's word and "number" ("rowing outing number 9")


def _counted_for(ctx: Context, c: Cluster, chosen: list[ext.Mention]) -> None:
    """The people right after "for" where cluster ``c`` is told by its count (``counted_for`` of linking.json):
    an ordinal before it (``finding.ordinal_before``) and "for" right after it ("a first open water swim for
    Ottilie"), or a number word and a number at most COUNT_REACH words after it, then "for" ("parkrun number 50
    for Jonas"), with every further number word, number and "for" of its sentence ("outing number 9 for Elin
    and me, and number 4 for Bram").  Not one who owns what follows ("for Ottilie's birthday").  The people
    finder reads the same cue for names (``finding._counted_for``)."""
    lex, lows = ctx.lexicon, ctx.lows
    lo, hi = ctx.sents[c.sent]
    fors = []
    if c.end < hi and lows[c.end] == "for" and ordinal_before(lows, lo, c.start, lex.count_ordinals):
        fors.append(c.end)
    numbered = [k for k in ctx.tab.where(lex.count_number_words)  # a rare word: its tokens, not the sentence's
                if c.end <= k < hi - 2 and numbered_for(lows, k, lex.count_number_words, lex.count_ordinals)]
    if numbered and numbered[0] - c.end <= COUNT_REACH:
        fors.extend(k + 2 for k in numbered)
    for k in fors:
        p = next(iter(ctx.people_starting(k + 1, k + 2)), None)
        if p is not None and not (p.end < ctx.tab.n and lows[p.end] in ("'s", "’s")):
            _take_cued(ctx, k, chosen)


def _take_cued(ctx: Context, i: int, chosen: list[ext.Mention]) -> None:
    """Add to ``chosen`` the first person starting at most CUE_REACH tokens after the company cue ending at
    token ``i`` (the relative a possessive owns: "with my wife"), with those coordinated after that one
    ("with A, B and C"); one taken already is not taken again, nor passed over for a person further on
    ('"Rhodri ran 5 km with Elin," said Ottilie': Elin, read by the parse, not Ottilie)."""
    people = ctx.people
    p = next(iter(ctx.people_starting(i + 1, i + CUE_REACH + 1)), None)
    if p is None:
        return
    j = _to_name(people, _relative_owned(ctx, people, ctx.person_index(p)))
    taken = [people[j]]
    while j + 1 < len(people) and ctx.between(people[j].end, people[j + 1].start) in AND_AFTER:
        j = _to_name(people, _relative_owned(ctx, people, j + 1))
        taken.append(people[j])
    chosen.extend(o for o in taken if not any(o is q for q in chosen))


def _to_name(people: list[ext.Mention], j: int) -> int:
    """The person at ``j`` in ``people``, or, where the name of the relative there follows it right after, that
    name's ("with my sister Elin and her husband Bram": the list goes on after Elin, not after "sister")."""
    while j + 1 < len(people) and people[j + 1].start == people[j].end and _relation_and_name(people[j], people[j + 1]):
        j += 1
    return j


def _relation_and_name(p: ext.Mention, q: ext.Mention) -> bool:
    """Whether people mentions ``p`` and ``q`` are one person's relation word and name ("sister Elin"): ``p`` a
    relation that names the person ``q`` names."""
    return p.info.relation is not None and p.info.name is not None and p.info.name == q.info.name


def _relative_owned(ctx: Context, people: list[ext.Mention], j: int) -> int:
    """The person at ``j`` in ``people``, or, where that is a possessive right before a relative ("with my
    wife", "with Tom and his brother Benedikt") or one word of praise before it ("with her dear son
    Bram"), the relative."""
    p = people[j]
    if not p.info.pronoun or j + 1 >= len(people):
        return j
    gap = people[j + 1].start - p.end
    if gap == 0 or gap == 1 and ctx.lows[p.start] in OWNING and ctx.lows[p.end].isalpha() \
            and ctx.lows[p.end] not in NOT_PRAISE:
        return j + 1
    return j


OWNING = (DETERMINERS - {"the"}) | {"your"}  # the possessives that may own a relative
NOT_PRAISE = frozenset(("and", "or", "nor", "but", "with", "to", "for"))  # "with her and Elin": no relative


def _cue_ends_at(ctx: Context, i: int) -> bool:
    """Whether a company cue ends at token ``i``."""
    lows = ctx.lows
    for cue in ctx.lexicon.company_by_last.get(lows[i], ()):  # the cues ending with the word there
        if i + 1 >= len(cue) and tuple(lows[i + 1 - len(cue):i + 1]) == cue:
            return True
    return False


def names_of(ctx: Context, span: ext.Mention) -> list[dict]:
    """The people mention ``span`` names (a group word or pronoun: its members), as the fields of a
    :class:`~fitpost.schema.Participant` each; when it names no one, its handle alone, else its
    relation alone ("my dad": ``{"relation": "dad"}``)."""
    info: ext.PersonInfo = span.info
    out = []
    names = info.members if info.members else ((info.name,) if info.name else ())
    for name in names:
        p = ctx.roster.person(name)
        out.append({"name": name, "handle": p.handle or (info.handle if len(names) == 1 else None),
                    "relation": p.relation})
    if not names and info.relation and not info.handle and _described_by_age(ctx, span):
        main = ctx.roster.main  # "A 68-year-old grandmother has walked ...": who the story is about, if named
        return [{"name": main, "handle": ctx.roster.person(main).handle, "relation": None}] if main else []
    if not names and info.relation and not info.handle and _counted(ctx, span):
        named = _named_next(ctx, span)  # "Two brothers have rowed ... Rhodri and Benedikt Pell set off"
        if named:
            return named
    if not names and (info.handle or info.relation):
        out.append({"name": None, "handle": info.handle, "relation": None if info.handle else info.relation})
    return out


def _counted(ctx: Context, span: ext.Mention) -> bool:
    """Whether the relation word of mention ``span`` is counted, as news introduces people it names
    next ("Two brothers", "three friends"; not "my two brothers": the author's)."""
    k = span.start - 1
    return k >= 0 and ctx.lows[k] in COUNTS and (k == 0 or ctx.lows[k - 1] not in DETERMINERS)


def _named_next(ctx: Context, span: ext.Mention) -> list[dict]:
    """The people named, each once, in the next sentence after mention ``span``'s that names two or more
    and tells of no session: those a counted group word introduces ("Two friends ... Rhodri and Tamsin
    set off")."""
    n = ctx.sent_of[span.start] + 1
    if n >= len(ctx.sents) or n in ctx.active_sents:
        return []
    out: list[dict] = []
    for p in ctx.people_in.get(n, ()):
        if not non_participant(ctx, p):
            out += [x for x in names_of(ctx, p) if x["name"] and all(x["name"] != o["name"] for o in out)]
    return out if len(out) > 1 else []


def _described_by_age(ctx: Context, span: ext.Mention) -> bool:
    """Whether the relation word of mention ``span`` describes someone by their age after "a" or "an"
    ("a 68-year-old grandmother", "an 80 year old father"), as news does: no relation to the author."""
    lows = ctx.lows
    k = span.start - 1
    if k < 3 or lows[k] != "old":
        return False
    k -= 1
    while k > 0 and lows[k] in ("-", "year", "years"):
        k -= 1
    return lows[k].isdigit() and k > 0 and lows[k - 1] in ("a", "an")


RELATIVE_OPENERS = frozenset((",", "who"))  # what may stand between a person and the verb of a clause about them


def non_participant(ctx: Context, p: ext.Mention) -> bool:
    """Whether person ``p`` is only mentioned: credited ("Photo: A B", a credit word followed by
    ":", "by" or a dash at most eight tokens before), right after a non-participant cue ("photo by"; or
    listed after one who is: "after the deaths of her mother and sister"), right before a spectator verb,
    alone or with those listed after them ("A flagged off the race", "B cheered", "B, who cheered", "C and I
    watching"), or addressed (:func:`addressed`)."""
    if addressed(ctx, p):
        return True
    people, k = ctx.people, ctx.person_index(p)
    if k > 0 and people[k - 1].info.relation and p.info.name and people[k - 1].info.name == p.info.name \
            and _after_cue(ctx, people[k - 1]):
        return True  # "with support from my wife, Elin": the name set beside the relation the cue is before
    while k > 0 and _joined(ctx, people[k - 1], people[k]) and _listed_on(ctx, people, k):
        k -= 1
        if _after_cue(ctx, people[k]):
            return True  # listed after one only mentioned
    lows = ctx.lows
    for k in ctx.credit_words_at:
        if p.start - 8 <= k < p.start - 1 and lows[k + 1] in CREDIT_MARKS:
            return True
    last, j = p, ctx.person_index(p)
    stop = min(len(people), j + 1 + SPECTATOR_LIST_REACH)
    while j + 1 < stop and people[j + 1].start >= p.end and _joined(ctx, last, people[j + 1]):
        j += 1
        last = people[j]  # "Elin and I watching": the verb after the group the person is listed in
    after = last.end
    while after < len(lows) and after < last.end + 2 and lows[after] in RELATIVE_OPENERS:
        after += 1  # "Rhodri, who cheered her on": the relative clause tells what the person did
    if after < len(lows) and lows[after] in ctx.lexicon.spectator_verbs:
        return True
    return _after_cue(ctx, p)


def _listed_on(ctx: Context, people: list[ext.Mention], k: int) -> bool:
    """Whether ``people[k]``, joined to the person before it, is an item of their list: joined by "and"
    ("her mother and sister") or with the list going on after it ("her mother, sister and aunt"); not a subject
    after a phrase that a comma ends ("Filmed by her son, Tamsin swam")."""
    if ctx.between(people[k - 1].end, people[k].start) in AND_JOINS:
        return True
    return k + 1 < len(people) and _joined(ctx, people[k], people[k + 1])


def _after_cue(ctx: Context, p: ext.Mention) -> bool:
    """Whether person ``p`` comes right after a non-participant cue (``non_participant_cues``: "photo by",
    "in memory of"), a title and a determiner between ("filmed by her son", "the death of his wife", "cheered
    on by the mayor David Cole").  A possessive there is not the one the cue tells of ("in memory of her late
    father": the father, not her)."""
    lows, lex = ctx.lows, ctx.lexicon
    start = p.start
    if lows[start] in DETERMINERS and p.end < len(lows) and lows[p.end][:1].isalpha():
        return False  # a possessive before what it owns
    while start > 1 and p.start - start < TITLE_REACH and lows[start - 1] in lex.person_words:
        start -= 1  # "cheered on by mayor David Cole": the person's title
    if start > 1 and lows[start - 1] in DETERMINERS:
        start -= 1  # "filmed by her son", "flagged off by the mayor", "the death of his wife"
    if start == 0 or lows[start - 1] not in lex.non_participant_lasts:
        return False  # a cue right before ``start`` ends with the word there
    return any(tuple(lows[start - n:start]) in lex.non_participant for n in lex.non_participant_lengths if start >= n)


def addressed(ctx: Context, p: ext.Mention) -> bool:
    """Whether person ``p`` is named only to be spoken to: after a comma, at the end of a sentence that
    names no activity ("Don't worry, Milo.", "Thanks for the tips, Priya!"; not "Great run, Sam!"), and
    not the last of a list of people ("Walkers: Ottilie, Rhodri, Tamsin.": a person before the comma)."""
    lows = ctx.lows
    if p.start == 0 or lows[p.start - 1] != "," or p.end >= len(lows) or lows[p.end][:1] not in ".!?":
        return False
    n = ctx.sent_of[p.start]
    listed = any(other.end == p.start - 1 for other in ctx.people_in.get(n, ()))
    return not listed and n not in ctx.active_sents
