"""Step 4: only the records that claim a session stay.

A record is a claim that someone did, is doing, will do or habitually does a
session.  A record with an amount, an event, a date (or a time ahead: "Race day
in 10 days"), a repetition, a frequency or a route claims one; so does one with
a mention that refers to a session by
itself: a verb of doing it ("swam", "went hiking"), a definite or possessive
noun ("my run", "the race", "the day's hike"), a noun after a word of doing
("went for a swim", "did a hike", "another run") or one told at a time on the clock ("Spin class at
6am").  A bare topical mention
("running songs", "swimming is great", "able to walk") claims none, nor a race the
author only watched or helped at, nor a yardstick ("equal to about 6 marathons"), nor what a kind of race
is ("the 10K, which is 6.2 miles"), nor the start of a habit ("took up running in 2016").  The cue words
are in ``models/linking.json`` (``claim_cues``, ``spectating``, ``comparison``, ``definitions``, ``taking_up``).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import deque

from fitpost import ext, statuses
from fitpost.components.records.attach import taken_up
from fitpost.components.records.context import Context
from fitpost.components.records.model import SUM_TOLERANCE, Cluster, Record

POSSESSIVE = ("'s", "’s")  # "the day's hike"
_CLOCK = re.compile(r"\d{1,2}(?:[:.]\d\d)?(?:am|pm|a\.m\.|p\.m\.)?")  # "6", "7:30", "5.30am"
_CLOCK_MARK = re.compile(r"[:.]\d\d|am|pm")  # what makes a number a time on the clock by itself
_DAY_HALVES = frozenset({"am", "pm", "a.m.", "p.m."})  # "6 am", "7.30 pm"
SESSION_WORDS = frozenset({"training", "practice", "session", "class", "match", "game"})  # "Football training 7pm"
AFTER_HOUR = frozenset({"then", "and", "today", "tonight", "tomorrow", "this", "sharp", "o'clock", "o’clock"})
SPENDING = frozenset({"spent", "spend", "spending"})
MEANS = frozenset({"on", "by"})  # the first word of a form that tells the means: "on skis", "by bike"
FEAT_REACH = 7  # how far before "to" a feat word may stand: "the first [woman from the valley] to swim it"
SUBJECTS = frozenset({"i", "we", "you", "he", "she", "they"})  # a clause's subject: "the first time I tried to"
# what makes a spell of time one that was spent: "a great day", "the morning", "two evenings", "all afternoon"
SPELL_DETERMINERS = frozenset({"a", "an", "the", "my", "our", "this", "that", "all", "whole", "entire", "one",
                               "two", "three", "four", "five", "six", "seven", "several", "few", "many"})


def keep_claims(ctx: Context, records: list[Record]) -> list[Record]:
    """The records of ``records`` (in order of their first mention) that claim a session, in order: not a log's
    total (:func:`_log_totals`)."""
    totals = _log_totals(ctx, records)
    return [r for r in records if claims(ctx, r) and id(r) not in totals]


def _log_totals(ctx: Context, records: list[Record]) -> set[int]:
    """The records (by id) that are one mention with a distance labelled a total (:meth:`Context.total_label`) that
    is the sum of the distances of two or more real records told in sentences before it, all of them or those
    of its activity (within SUM_TOLERANCE), or told after two or more of them on a line of its own
    (:func:`_total_line`): a log's total ("Tue: 8 km. Wed: 10 km. Sat: 24 km. Total: 42 km running."), no
    session."""
    out: set[int] = set()
    sums: dict[str | None, list[float]] = {}  # None (all) or an activity -> [records, meters] told so far
    pending: deque[Record] = deque()  # the records of the current sentence, counted once it is passed
    for r in records:
        n = r.primary.sent
        while pending and pending[0].primary.sent < n:
            done = pending.popleft()
            d = done.session_distance()
            if d is not None and d.meters and statuses.is_real(done.primary.status_name):
                for key in (None, done.activity):
                    got = sums.setdefault(key, [0, 0.0])
                    got[0] += 1
                    got[1] += d.meters
        pending.append(r)
        d = r.distance()
        if len(r.clusters) != 1 or d is None or not d.meters \
                or not ctx.total_label(bisect_left(ctx.tab.idx, d.start), bisect_left(ctx.tab.idx, d.end)):
            continue
        if any(got[0] >= 2 and (abs(got[1] - d.meters) <= SUM_TOLERANCE * d.meters or _total_line(ctx, n))
               for got in (sums.get(None), sums.get(r.activity)) if got):
            out.add(id(r))
    return out


TOTAL_LINE_WORDS = 2  # "Total: 36 km", "Weekly total: 52 km": a total word at most this many words into its line


def _total_line(ctx: Context, n: int) -> bool:
    """Whether sentence ``n`` opens with a total word, within its first TOTAL_LINE_WORDS words, and a colon
    right after it: a log's line of its total ("Total: 36 km running", "Week total: 52 km"), whatever its
    sessions told above add up to (warm-ups and walks left out of them)."""
    lo, hi = ctx.sents[n]
    lows = ctx.lows
    return any(lows[k] in ctx.lexicon.total_words and k + 1 < hi and lows[k + 1] == ":"
               for k in range(lo, min(hi, lo + TOTAL_LINE_WORDS)))


def claims(ctx: Context, r: Record) -> bool:
    """Whether record ``r`` claims a session (see the module's rule)."""
    for c in r.clusters:
        if not (_spectated(ctx, c) or _compared(ctx, c) or _defined(ctx, c) or _learnt(ctx, c)
                or c.bare and taken_up(ctx, c)):
            break
    else:
        return False  # each cluster is a session only watched, a yardstick, a kind of race defined, a skill or
        # a habit begun ("took up running in 2016": when, not a session)
    for c in r.clusters:
        if not c.bare or c.event or c.date or c.end in ctx.ahead_at or c.kind("repetition") or c.kind("frequency") \
                or c.status is not None and c.status.frequency or any(p["role"] != "at" for p in c.places):
            return True
    return any(names_session(ctx, c) for c in r.clusters)


LEARNT_REACH = 3  # a learning word at most this many tokens before "to": "taught herself to swim"


def _learnt(ctx: Context, c: Cluster) -> bool:
    """Whether verb cluster ``c`` is an infinitive after a word of learning (``learning_words``, at most
    LEARNT_REACH tokens before "to"): a skill learnt ("a year after learning to swim", "taught himself to ride at
    40"), no session."""
    k = c.start - 1
    if c.info.form != "verb" or k < 1 or ctx.lows[k] != "to":
        return False
    return not ctx.lexicon.learning_words.isdisjoint(ctx.lows[max(ctx.sents[c.sent][0], k - LEARNT_REACH):k])


def _spectated(ctx: Context, c: Cluster) -> bool:
    """Whether cluster ``c`` is someone else's session the author only watched or helped at: a noun (a
    race, an event) after a word of ``spectating`` in its clause ("Volunteered at the water station of
    the city half marathon"; not "Watched the marathon, then went for a run")."""
    if c.info.form in ("verb", "exercise", "inferred"):
        return False
    at = ctx.spectating_at
    k = bisect_left(at, c.start) - 1  # the last word of spectating before the mention
    return k >= 0 and at[k] >= ctx.sents[c.sent][0] and ctx.breaks(at[k], c.start) == 0


def _compared(ctx: Context, c: Cluster) -> bool:
    """Whether cluster ``c`` is a yardstick, not a session: it starts at most ``comparison_reach`` words
    after a ``comparison`` phrase of its clause ("equal to about 6 marathons")."""
    lows, lex, first = ctx.lows, ctx.lexicon, ctx.sents[c.sent][0]
    lo = max(first, c.start - lex.comparison_reach)  # a phrase ending in tokens lo..c.start
    at = ctx.comparison_lasts_at
    for k in at[bisect_left(at, lo - 1):bisect_left(at, c.start)]:  # each word there that may end a phrase
        end = k + 1
        if lo <= end <= c.start and end > first \
                and any(end - len(p) >= first and tuple(lows[end - len(p):end]) == p for p in lex.comparison) \
                and ctx.breaks(end, c.start) == 0:
            return True
    return False


def _defined(ctx: Context, c: Cluster) -> bool:
    """Whether cluster ``c`` only tells what a kind of race is: a noun with nothing but a distance (no
    date, event, time or word of doing), followed in its clause by a ``definitions`` phrase and a
    distance ("the 10K, which is 6.2 miles"; not "I did the 10K, which is 6.2 miles")."""
    if c.date or c.event or c.info.form not in ("noun", "race") or does(ctx, c) \
            or any(q.kind != "distance" for q in c.quantities):
        return False
    lex, lows = ctx.lexicon, ctx.lows
    end = ctx.sents[c.sent][1]
    i = c.end
    while i < end and not any(ch.isalnum() for ch in lows[i]):
        i += 1  # closing quotes, a comma
    phrase = next((p for p in lex.definitions if tuple(lows[i:i + len(p)]) == p), None)
    if phrase is None:
        return False
    i += len(phrase)
    while i < end and lows[i] in lex.definition_hedges:
        i += 1
    return any(q.start == i and q.info.kind == "distance" for q in ctx.mentions[ext.QUANTITIES])


def _caption(ctx: Context, c: Cluster) -> bool:
    """Whether an -ing form opens a sentence that has no verb of its own after it: a caption
    ("Jogging along the river", "Running with my dad this morning"), not a subject ("Riding a bike is
    fun", "Swimming helps my back")."""
    lo, hi = ctx.sents[c.sent]
    if c.start != lo:
        return False
    return ctx.lexicon.subject_verbs.isdisjoint(ctx.lows[c.end:hi])


def _noun_caption(ctx: Context, c: Cluster) -> bool:
    """Whether a noun opens a sentence behind ``caption_adjectives`` and a time of day only (or alone, a sport
    before a word of a session: "Rugby training in the rain again"), ends it or has a ``caption_followers`` word or a
    punctuation mark after it (or its session word), and no verb of a statement follows it: a caption
    ("Lovely ride with my sister along the canal", "Hard swim in the lake."), not a statement ("Hard runs are
    the key", "Rugby training is good for kids") nor a noun that names a thing ("Lovely swimming costumes on
    sale")."""
    lo, hi = ctx.sents[c.sent]
    lex, lows = ctx.lexicon, ctx.lows
    end = c.end + 1 if c.end < hi and lows[c.end] in SESSION_WORDS else c.end
    if c.info.form != "noun" or c.start == lo and end == c.end:
        return False
    after = lows[end] if end < hi else "."
    opening = [k for k in range(lo, c.start) if lows[k] not in lex.caption_adjectives]
    return (not opening or _time_of_day(lows, opening)) \
        and (after in lex.caption_followers or not any(ch.isalnum() for ch in after)) \
        and lex.subject_verbs.isdisjoint(lows[end:hi])


REPORT_WORDS = frozenset({"report", "recap", "review"})  # "Brevet report:", "Parkrun recap": the session reported


def _report_title(ctx: Context, c: Cluster) -> bool:
    """Whether noun ``c`` opens its sentence, at the start of a line, right before a word of REPORT_WORDS (a
    "race" between): the title of a report of the session ("Brevet report: the Larkspur 300", "Marathon race
    recap")."""
    k = c.end + 1 if c.end < ctx.tab.n and ctx.lows[c.end] == "race" else c.end
    return c.info.form != "verb" and c.start == ctx.sents[c.sent][0] and k < ctx.tab.n \
        and ctx.lows[k] in REPORT_WORDS and ctx.opens_line(c.sent)


CHALLENGE_WORDS = frozenset(("challenge", "streak"))  # after an activity word, a run of daily sessions


def _challenge_under_way(ctx: Context, c: Cluster) -> bool:
    """Whether noun ``c`` names a challenge under way: a challenge word right after it, told under way ("Yoga
    challenge day 12 done": the day told of it)."""
    return c.info.form != "verb" and c.end < ctx.tab.n and ctx.lows[c.end] in CHALLENGE_WORDS \
        and c.status is not None and c.status.status == "ongoing"


def names_session(ctx: Context, c: Cluster) -> bool:
    """Whether a bare mention refers to a session by itself: it tells of doing it (:func:`does`), is a
    programme's session ("W4 R2 this morning"), is told at a time on the clock ("Spin class at 6am"), is
    a caption (:func:`_noun_caption`), names a report's subject in its title (:func:`_report_title`) or a challenge
    under way (:func:`_challenge_under_way`), is a crossing of open water ("crossed the Tarnby Channel": the
    crossing is the session), or is a
    definite or possessive noun ("the race", "my run"; not a gerund, :func:`_gerund`: "my running"), or is told
    done (:func:`_caption_done`)."""
    if does(ctx, c) or c.info.form == "programme" or _at_clock(ctx, c) or _noun_caption(ctx, c) \
            or _report_title(ctx, c) or _challenge_under_way(ctx, c) or _caption_done(ctx, c):
        return True
    if crossing(ctx, c):
        return True
    before = ctx.lows[max(0, c.start - 3):c.start]
    return c.info.form not in ("verb", "exercise") and not _gerund(ctx, c) \
        and (c.definite or any(w in POSSESSIVE for w in before))


def crossing(ctx: Context, c: Cluster) -> bool:
    """Whether cluster ``c`` is a crossing of open water inferred from its verb ("crossed the Tarnby Channel":
    :func:`~fitpost.components.records.clusters._crossing_clusters`)."""
    return c.inferred and ctx.lows[c.head] in ctx.lexicon.crossing_verbs


def _caption_done(ctx: Context, c: Cluster) -> bool:
    """Whether noun ``c`` opens its sentence behind ``caption_adjectives`` and possessives only and a word of
    DONE_WORDS follows right after it (or after a word of a session): a session told done ("Long run done, legs
    are jelly", "My swim session complete"; not "get your session done", a bidding)."""
    lows, k = ctx.lows, c.end
    lo, hi = ctx.sents[c.sent]
    if k < hi and lows[k] in SESSION_WORDS:
        k += 1
    return c.info.form == "noun" and k < hi and lows[k] in DONE_WORDS \
        and all(w in ctx.lexicon.caption_adjectives or w in OWNERS for w in lows[lo:c.start])


OWNERS = frozenset(("my", "his", "her", "their", "our", "your", "'s", "’s"))  # a possessive right before a noun


def _gerund(ctx: Context, c: Cluster) -> bool:
    """Whether cluster ``c`` is a noun of one word in -ing ("swimming", "running") right after a possessive:
    the activity in general, so "his swimming is getting better" or "my running has improved" tells of no
    one session (but "my run" does)."""
    return c.info.form == "noun" and c.end - c.start == 1 and ctx.lows[c.start].endswith("ing") \
        and c.start > 0 and ctx.lows[c.start - 1] in OWNERS


def _at_clock(ctx: Context, c: Cluster) -> bool:
    """Whether "at" and a time on the clock follow the mention ("Spin class at 6am", "yoga at 18:00",
    "swim at 7.30 pm", "Yoga at 7, then a walk"): a session held then.  A bare hour is one where the
    clause ends after it or a day word follows (``AFTER_HOUR``), as no unit does.  Without "at", a time
    marked as one (am, pm, a colon) or a span of hours ending in one, right after the mention or after a
    word of a session, is one too ("Football training 7-9pm", "Swim 6.30am")."""
    lows, k = ctx.lows, c.end
    if k < len(lows) and lows[k] in SESSION_WORDS:
        k += 1
    if _clock_time(lows, k):
        return True
    if k + 1 >= len(lows) or lows[k] != "at":
        return False
    word, after = lows[k + 1], lows[k + 2] if k + 2 < len(lows) else ""
    if not _CLOCK.fullmatch(word):
        return False
    if _CLOCK_MARK.search(word) or after in _DAY_HALVES:
        return True
    return word.isdigit() and int(word) <= 24 and (not after or ctx.tab.is_punct(k + 2) or after in AFTER_HOUR)


def _time_of_day(lows: list[str], tokens: list[int]) -> bool:
    """Whether ``tokens`` are a time on the clock and nothing else (:func:`_clock_time`), as a caption may
    open with one ("5am spin class", "6:30 am swim"; not "2 runs", "10 swim lessons")."""
    return _clock_time(lows, tokens[0]) and all(
        _CLOCK.fullmatch(lows[k]) or lows[k] in _DAY_HALVES or lows[k] in ("-", "–", "to") for k in tokens)


def _clock_time(lows: list[str], k: int) -> bool:
    """Whether token ``k`` starts a time marked as one on the clock ("6pm", "6.30am", "18:00", "7 pm"),
    or a span of hours ending in one ("7-9pm")."""
    if k + 2 < len(lows) and lows[k].isdigit() and lows[k + 1] in ("-", "–", "to"):
        k += 2  # "7-9pm": the span's end says it is on the clock
    if k >= len(lows) or not _CLOCK.fullmatch(lows[k]):
        return False
    after = lows[k + 1] if k + 1 < len(lows) else ""
    return bool(_CLOCK_MARK.search(lows[k])) and not lows[k].replace(".", "").isdigit() or after in _DAY_HALVES


def _spell_spent(lows: list[str], i: int) -> bool:
    """Whether the spell word at token ``i`` ("day", "morning", "spent") is a stretch of time spent:
    "spent" itself, or a spell after a determiner, a number or "spent" at most two words before ("a great
    day", "the afternoon", "two evenings a week", "spent hours"); not a spell that only says when ("early
    morning cycling")."""
    if lows[i] in SPENDING:
        return True
    return any(w in SPELL_DETERMINERS or w in SPENDING or w.isdigit() for w in lows[max(0, i - 2):i])


def _feat(ctx: Context, to: int) -> bool:
    """Whether the "to" at token ``to`` follows a feat: a ``feat_words`` word at most ``FEAT_REACH``
    words before it in its clause, with only the rest of a noun phrase between ("the youngest to climb
    it", "the first woman from the valley to swim it"; not "the first time I tried to swim", where a
    subject or a verb comes between)."""
    lex, lows = ctx.lexicon, ctx.lows
    for k in range(to - 1, max(ctx.sents[ctx.sent_of[to]][0], to - FEAT_REACH) - 1, -1):
        if lows[k] in lex.subject_verbs or lows[k] in SUBJECTS:
            return False
        if lows[k] in lex.feat_words:
            return ctx.breaks(k, to) == 0
    return False


STATEMENT_BE = frozenset({"is", "are"})  # after an exercise opening its sentence: a statement about it
DONE_WORDS = frozenset({"done", "finished", "complete", "completed", "over"})  # "Squats are done": a session


def _exercise_talked_of(ctx: Context, c: Cluster) -> bool:
    """Whether an exercise opening its sentence is the subject of a statement about it, with "is" or "are"
    right after it ("Burpees are the worst exercise", "Squats are great for your knees"; not "Squats are
    done")."""
    lo, hi = ctx.sents[c.sent]
    lows = ctx.lows
    return c.start == lo and c.end + 1 < hi and lows[c.end] in STATEMENT_BE and lows[c.end + 1] not in DONE_WORDS


def does(ctx: Context, c: Cluster) -> bool:
    """Whether a mention tells of doing the activity: a verb (not an infinitive or a gerund with
    nothing making it one: "able to run", "cycling to work is cheap"; a caption opening with one is; a
    feat told as an infinitive is: "the first woman to swim it"), or a
    noun after a word of doing ("went for a swim", "did a hike", "another run"); a gerund after a spell of
    time ("a day skiing"), or a form of the means after one ("the afternoon on our skis"); or a form of going
    back or out to it that opens its sentence ("Back on the bike after a month off", "Out on my bike"; not "she
    is back on the bike", which tells a state).  An exercise a statement is about tells of doing nothing
    (:func:`_exercise_talked_of`)."""
    lex, lows = ctx.lexicon, ctx.lows
    before = lows[max(0, c.start - 3):c.start]
    if c.info.form == "exercise" and _exercise_talked_of(ctx, c):
        return False
    if c.info.form in ("verb", "exercise"):
        if before and before[-1] == "to" and not (len(before) > 1 and before[-2] in lex.infinitive_ok) \
                and not _feat(ctx, c.start - 1):
            return False  # "able to run", but "the youngest to climb it" tells a feat done
        if not lows[c.start].endswith("ing") or not lex.gerund_ok.isdisjoint(before):
            return True
        if before and before[-1] in lex.spells and _spell_spent(lows, c.start - 1):
            return True  # "a great day skiing", "spent the morning hiking": the gerund fills the spell
        return _caption(ctx, c)
    if lows[c.start] in MEANS and before and before[-1] in lex.spells and _spell_spent(lows, c.start - 1):
        return True  # "spent the afternoon on our skis", "a great day on the bike": the means fills the spell
    if lows[c.start] in ("back", "out") and c.end - c.start > 2 and c.start == ctx.sents[c.sent][0]:
        return True  # "Back on the bike", "Out on my bike": a caption that says it was done
    return not lex.doing.isdisjoint(before)
