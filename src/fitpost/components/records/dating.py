"""Step 3's dates, once the claims are kept (step 4): a plan dated before the post date was carried
out (:func:`settle_plans`), and a sentence with no activity lends its date ("Today will be a short
day.") to the records that follow.  A record with no date takes its section's heading date, or the
post date in a first-person report of the day (:func:`lend_dates`).
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_right

from fitpost import ext, statuses
from fitpost.components.dates import for_plan, states_year
from fitpost.components.records.amounts import DAY
from fitpost.components.records.attach import MULTISPORT, as_read, date_origins, told_as_earlier
from fitpost.components.records.context import SUBJECT_PRONOUNS, Context
from fitpost.components.records.lending import places_of
from fitpost.components.records.merge import _told
from fitpost.components.records.model import Cluster, Record
from fitpost.components.status import PERIOD_UNITS
from fitpost.schema import DateRef

# a plan's day written with no year ("on 12 April") at most this many days before the post date was carried
# out; one further back is next year's ("signed up for the Tarnby Half on 12 April" in November)
PLAN_LOOKBACK_DAYS = 60
LEG_ACTIVITIES = frozenset(("swimming", "cycling", "running"))  # the legs of a race of legs (MULTISPORT)
LEG_REACH = 2  # a leg is told at most this many sentences after its race or the leg before it


def settle_plans(ctx: Context, records: list[Record]) -> None:
    """A planned record dated by a calendar date written out ("on 14 September 2025", its
    first date as the record gives it) before the post date was carried out: it is completed ("signed up
    for the Larkspur half ... The race was on 14 September" in a post of the 16th), where the date states
    its year or is at most PLAN_LOOKBACK_DAYS back (one with no year further back is next year's).  A date
    told in words only ("Sunday", "last week") may be the day the plan was made, so it settles nothing.
    A record still planned reads the dates its other mentions brought as a plan's ("running in the 2016
    Larkspur 10-Miler" in a post of October 2016 is from October on: :func:`_read_ahead`).  A plan told
    done right after it (:func:`_told_done`), or told done again in a later sentence ("ahead of her evening swim
    ... she had finished the swim"), is completed too; a plan of days or more whose other mention tells it
    begun (:func:`_begun_journey`) is under way."""
    posted = ctx.posted_at
    origins: dict[int, dt.date | None] | None = None
    by_char: dict[int, ext.Mention] | None = None
    for r in records:
        lead = r.leading()
        if lead.status_name != "planned":
            continue
        done = _told_done(ctx, r)
        if done is None:
            done = _done_later(ctx, r, lead)
        if done is not None:
            lead.status = ext.StatusInfo(status="completed", cue=ctx.tab.text[done], cue_start=ctx.tab.idx[done])
            continue
        begun = _begun_journey(ctx, r, lead)
        if begun is not None:
            lead.status = ext.StatusInfo(status="ongoing", cue=ctx.tab.text[begun], cue_start=ctx.tab.idx[begun])
            continue
        if posted is None:
            continue
        date = next((c.date for c in [lead, *r.clusters] if c.date is not None), None)
        if date is not None and date.value is not None and date.granularity == "day" and date.value < posted \
                and any(ch.isdigit() for ch in date.text) \
                and (states_year(date.text, "") or (posted - date.value).days <= PLAN_LOOKBACK_DAYS):
            lead.status = ext.StatusInfo(status="completed", cue=date.text, cue_start=date.start)
        elif date is not None:
            origins = origins if origins is not None else date_origins(ctx)
            by_char = by_char if by_char is not None else {d.start_char: d for d in ctx.mentions[ext.DATES]}
            _read_ahead(r, origins, by_char)


DONE_REACH = 3  # a verb in the past at most this many tokens before a plan's later mention tells it done
START_REACH = 3  # a verb of starting at most this many tokens before a mention tells the session begun


def _begun_journey(ctx: Context, r: Record, lead: Cluster) -> int | None:
    """The first token of a verb of starting (``start_verbs`` of places.json) at most START_REACH tokens before
    a mention of planned record ``r`` other than its leading one (``lead``), in a record that takes days or more
    (a time of days, weeks or months): the journey planned has begun, the rest of it is ahead ("He started the
    walk from Tarnby on 10 May. He aims to reach Marlow Vale within three months"); None otherwise."""
    if not any(q.kind == "duration" and q.unit in PERIOD_UNITS for c in r.clusters for q in c.quantities):
        return None
    for c in r.clusters:
        if c is lead or c.inferred:
            continue
        for i in range(max(ctx.sents[c.sent][0], c.start - START_REACH), c.start):
            if ctx.start_verb_at(i):
                return i
    return None


def _done_later(ctx: Context, r: Record, lead: Cluster) -> int | None:
    """The first token of a mention of planned record ``r`` in a sentence after its leading one (``lead``), told
    done: completed, with no date of its own, and a verb in the past itself or after one at most DONE_REACH
    tokens before it in its sentence ("ahead of her evening swim ... she had finished the swim"; not "The race
    is a flat course", nor "She won the race two years ago", an earlier edition).  None where there is none."""
    lows = ctx.lows
    for c in r.clusters:
        if c.sent <= lead.sent or c.status_name != "completed" or c.date is not None:
            continue
        lo = ctx.sents[c.sent][0]
        told = lows[c.start:c.start + 1] if c.info.form == "verb" else lows[max(lo, c.start - DONE_REACH):c.start]
        if any(ext.is_past_form(w) for w in told):
            return c.start
    return None


def _told_done(ctx: Context, r: Record) -> int | None:
    """The first token of the sentence right after planned record ``r``'s last mention, in its paragraph,
    where that sentence is only one of the ``plan_done`` phrases ("Today's plan: 10 km easy. Done!"): the
    plan was carried out.  None where there is none."""
    n = max(c.sent for c in r.clusters) + 1
    if n >= len(ctx.sents) or ctx.para[n] != ctx.para[n - 1]:
        return None
    lo, hi = ctx.sents[n]
    words = " ".join(w for w in ctx.lows[lo:hi] if any(ch.isalnum() for ch in w))
    return lo if words in ctx.lexicon.plan_done else None


def _read_ahead(r: Record, origins: dict[int, dt.date | None], by_char: dict[int, ext.Mention]) -> None:
    """Each date of planned record ``r``'s clusters that are not plans themselves, or that a log's line made
    (inferred: dated before its plan label made it one, "Thu 6 km easy" under "My plan:"), read as a plan's
    date (:func:`fitpost.components.dates.for_plan`; ``by_char``: the Doc's date mentions by first character)."""
    for c in r.clusters:
        d = by_char.get(c.date.start) if c.date is not None and c.date.start is not None else None
        if d is not None and (statuses.meaning(c.status_name).phase != "planned" or c.inferred):
            c.date = for_plan(c.date, d.label, origins.get(d.start))


def lend_dates(ctx: Context, records: list[Record], clusters: list[Cluster]) -> None:
    """A record with no date of its own, not a routine (whose days the text around them seldom tells)
    nor a plan (:func:`_frame_plan`: "Signed up for the Night Run! Training starts Monday."), takes, in order:

    * the day (or week) said in a sentence with no activity just before its first mention, in its
      paragraph ("The lake felt warm today. Even so, I swam 80 lengths."), or, for a record
      done, just after its last ("The race was held on Sunday."); for a record done, not a day after
      the post date;
    * the date of the heading of its section (:func:`fitpost.components.dates.is_heading`:
      "Thursday, March 27, 2008" over a log, "Tuesday: 5 miles"), whatever its status ("I could
      barely run then" under "Dec 25, 2013 -");
    * for a record done with a sentence that tells it as later that day ("I swam 1 km in the
      afternoon": ``later_that_day`` of ``models/linking.json``), the day of the record done before it;
      else, for a line of a list, the day said above the list (:func:`_list_day`); else, one whose
      sentences name the event of a dated record done, that record's day (:meth:`RaceDays.day_of`); else,
      for a leg of a race of legs told right after it, the race's day (:meth:`DayLender._leg_day`);
    * for a record done in a first-person report (outside quotes) that says "today", "this morning"
      or "just finished" (``same_day_cues`` of ``models/dates.json``), the post date.

    A record told as one before the session the text tells ("the last sportive":
    :func:`~fitpost.components.records.attach.told_as_earlier`) takes none of these.  First, a record
    dated both inside a quote and outside takes the day said outside.
    """
    for r in records:
        _unquote_date(ctx, r)
    undated = {id(r) for r in records if not any(c.date and c.date.value for c in r.clusters)
               and statuses.meaning(r.primary.status_name).phase != "habitual" and not told_as_earlier(ctx, r.primary)}
    if not undated:
        return
    lender = DayLender(ctx, records, clusters)
    for r in sorted(records, key=lambda r: r.primary.start):
        phase = statuses.meaning(r.primary.status_name).phase
        if id(r) in undated and phase == "planned":
            if not _time_ahead(ctx, r):  # "Next up is the Tarnby 10K in three weeks" is dated by that
                _frame_plan(ctx, lender.frames, r, ctx.posted_at)
                _told_again_by_it(ctx, r, {c.sent for c in clusters})
        elif id(r) in undated:
            date = lender.date_of(r, phase == "done")
            if date is not None:
                for c in r.clusters:  # a date read with no post date ("today") has only its text
                    c.date = date
        lender.passed(r, phase == "done")


def _how_often(r: Record) -> bool:
    """Whether record ``r`` is told with how often it is done ("the group runs every Saturday")."""
    return any(c.status is not None and c.status.frequency or c.kind("frequency") is not None for c in r.clusters)


class DayLender:
    """What :func:`lend_dates` reads a record's day from: the sentences with a date and no activity
    (:func:`_date_frames`), the dated headings, the post's own day as the text says it (:attr:`Context.post_day_told`),
    the days of races, and the records before it (taken in order of start: :meth:`passed`)."""

    def __init__(self, ctx: Context, records: list[Record], clusters: list[Cluster]) -> None:
        self.ctx = ctx
        self.frames = _date_frames(ctx, {c.sent for c in clusters})
        self.heads = [d for d, (head, _) in zip(ctx.mentions[ext.DATES], ctx.date_sections) if head]
        self.same_day = ctx.post_day_told
        self.race_days = RaceDays(ctx, records)
        self.last_done: DateRef | None = None  # the date of the latest record done so far
        self.last_record: Record | None = None  # the record before
        self.last_race: Record | None = None  # the race of legs done just before, with the legs after it
        self.last_leg_sent = -1  # the last sentence of that race or of a leg told after it

    def date_of(self, r: Record, done: bool) -> DateRef | None:
        """The day undated record ``r`` (not a plan) takes, in the order :func:`lend_dates` gives."""
        ctx = self.ctx
        first = min(r.clusters, key=lambda c: c.start)
        date = _framing(ctx, self.frames, first.sent, max(c.sent for c in r.clusters), done, ctx.posted_at)
        if date is not None:
            return date
        head = next((d for d in reversed(self.heads) if d.start < first.start), None)
        date = head.info if head is not None and head.info.value else None
        if head is None and done:
            date = _later_that_day(ctx, r, self.last_done) or _list_day(ctx, r, self.last_record) \
                or self.race_days.day_of(r) or self._leg_day(r)
        quote = ctx.quote_at(ctx.tab.idx[first.start])
        if date is None and head is None and done and self.same_day is not None and quote is None:
            date = self.same_day
        if date is None and done and quote is not None:
            date = _quote_date(ctx, quote)
        return date

    def _leg_day(self, r: Record) -> DateRef | None:
        """The day of the race of legs done right before record ``r``, where ``r`` is of a leg's activity
        (LEG_ACTIVITIES), told by no verb in the past ("swim", not "swam") nor as done how often, at most
        LEG_REACH sentences after the race or after a leg told after it (on the lines after it too), no other
        record between: "Did my first half ironman last month! 1.9 km swim, 90 km bike, 21.1 km run" swam, rode
        and ran last month."""
        race = self.last_race
        if race is None or r.activity not in LEG_ACTIVITIES or ext.is_past_form(self.ctx.lows[r.primary.start]) \
                or min(r.sents()) > self.last_leg_sent + LEG_REACH or _how_often(r):
            return None
        return next((c.date for c in race.clusters if c.date is not None and c.date.value), None)

    def passed(self, r: Record, done: bool) -> None:
        """Record ``r`` was read: the next record's is the one before it."""
        if done:
            self.last_done = next((c.date for c in r.clusters if c.date is not None and c.date.value), self.last_done)
        self.last_record = r
        if done and r.activity == MULTISPORT:
            self.last_race = r
        elif r.activity not in LEG_ACTIVITIES:
            self.last_race = None  # another session: what follows is no leg of the race
        if self.last_race is not None:
            self.last_leg_sent = max(self.last_leg_sent, *r.sents())


class RaceDays:
    """The days of the dated records done with a named event (found when first asked), and which sentences name
    one of those events (each sentence read once, when first asked)."""

    def __init__(self, ctx: Context, records: list[Record]) -> None:
        self.ctx = ctx
        self.records = records
        self._races: list[tuple[Record, frozenset[str], DateRef]] | None = None
        self._named: dict[int, list[int]] = {}  # sentence -> the indexes of the races it names

    @property
    def races(self) -> list[tuple[Record, frozenset[str], DateRef]]:
        """The dated records done with an event, each with its events' names (lower case) and its day."""
        if self._races is None:
            self._races = []
            for r in self.records:
                names = frozenset(c.event.lower() for c in r.clusters if c.event)
                if not names or statuses.meaning(r.primary.status_name).phase != "done":
                    continue
                date = next((c.date for c in r.clusters if c.date is not None and c.date.value), None)
                if date is not None:
                    self._races.append((r, names, date))
        return self._races

    def named_in(self, n: int) -> list[int]:
        """The indexes in ``races`` of the races sentence ``n`` names."""
        found = self._named.get(n)
        if found is None:
            lo, hi = self.ctx.sents[n]
            start, end = self.ctx.tab.idx[lo], self.ctx.tab.end[hi - 1]
            found = [k for k, (_, names, _) in enumerate(self.races)
                     if any(self._holds(name, start, end) for name in names)]
            self._named[n] = found
        return found

    def _holds(self, name: str, start: int, end: int) -> bool:
        """Whether the text between characters ``start`` and ``end`` holds ``name`` (lower case) as whole words."""
        low = self.ctx.low_text
        at = low.find(name, start, end)
        while at >= 0:
            after = at + len(name)
            if (at == 0 or not low[at - 1].isalnum()) and (after >= len(low) or not low[after].isalnum()):
                return True
            at = low.find(name, at + 1, end)
        return False

    def day_of(self, r: Record) -> DateRef | None:
        """The day of the dated race done, other than ``r``, that a sentence of record ``r`` names ("On
        Saturday at parkrun I set a PB ... I cycled 4 km home from parkrun": the parkrun's
        Saturday); none for a record that tells a day of its own, though one read with no post date ("today")."""
        if not self.races or any(c.date is not None for c in r.clusters):
            return None
        for n in r.sents():
            for k in self.named_in(n):
                other, _, date = self.races[k]
                if other is not r:
                    return date
        return None


def _time_ahead(ctx: Context, r: Record) -> bool:
    """Date the plan ``r`` by how far ahead of the post date a mention of it is told to be, "in" and a time of
    days, weeks or months right after it ("Next up is the Tarnby 10K in three weeks": three weeks after the
    post date, :func:`~fitpost.components.records.amounts._time_until`); whether it was dated so."""
    for c in r.clusters:
        span = ctx.ahead_at.get(c.end)
        if span is not None and span.info.seconds and ctx.posted_at is not None:
            q = span.info
            date = DateRef(value=ctx.posted_at + dt.timedelta(days=round(q.seconds / DAY)), text="in " + q.text,
                           granularity="day", start=ctx.tab.idx[c.end], end=q.end)
            for x in r.clusters:
                x.date = date
            return True
    return False


def _frame_plan(ctx: Context, frames: dict[int, DateRef], r: Record, posted: dt.date | None) -> None:
    """A plan with no date of its own takes the post date said in a sentence with no activity just before
    its first mention, in its paragraph, where that sentence speaks of the time ahead (``plan_frames``:
    "Tamsin says today will be an easy one. We aim to hike about 18 km.").  Not the post date said of what
    was done, which may be when the plan was made ("Great session this morning. Signed up for the
    Larkspur 10K!"), nor a day ahead, which may be another plan's ("Training starts Monday. Signed up for
    the Larkspur Half!"), nor a day told after the plan."""
    first = min(r.clusters, key=lambda c: c.start)
    date = _framing(ctx, frames, first.sent, first.sent, False, posted)
    if date is not None and posted is not None and date.value == posted \
            and not ctx.lexicon.ahead_words.isdisjoint(ctx.sentence_words(first.sent - 1)):
        for c in r.clusters:
            c.date = date


IT_IS = frozenset(("'s", "’s", "is", "will", "was"))  # after "it" opening a sentence that tells of a race


def _told_again_by_it(ctx: Context, r: Record, with_cluster: set[int]) -> None:
    """A plan still with no date takes the date (read as a plan's) and, with none of its own, the places
    of the sentence right after it, in its paragraph and with no cluster, that tells of it again by
    "it" ("Signed up for my first triathlon! It's in September at Larkspur Lake."), or that tells where and
    when its doer sets off (:func:`_tells_start`: "Jonas will cycle 1,000 miles. He sets off from Tarnside on
    1 May.")."""
    if any(c.date is not None for c in r.clusters):
        return
    last = max(c.sent for c in r.clusters)
    n = last + 1
    if n >= len(ctx.sents) or n in with_cluster or ctx.para[n] != ctx.para[last]:
        return
    lo, hi = ctx.sents[n]
    if hi - lo < 3 or (ctx.lows[lo] != "it" or ctx.lows[lo + 1] not in IT_IS) and not _tells_start(ctx, n):
        return
    d = next((d for d in ctx.dates_in.get(n, ()) if d.info is not None and _told(ctx, d.info)), None)
    if d is None:
        return
    date = as_read(ctx, r.primary, d)
    for c in r.clusters:
        c.date = date
    if not any(c.places for c in r.clusters):
        r.primary.places.extend(p for p in places_of(ctx, n) if p["role"] == "at")


def _tells_start(ctx: Context, n: int) -> bool:
    """Whether sentence ``n`` opens with a subject pronoun and tells where or when it sets off, by a verb of
    starting (``start_verbs`` of places.json) in its first words: "He sets off from Tarnside on 1 May",
    "They will start on Monday"."""
    lo, hi = ctx.sents[n]
    if ctx.lows[lo] not in SUBJECT_PRONOUNS:
        return False
    return any(ctx.start_verb_at(i) for i in range(lo + 1, min(hi, lo + 4)))


def _quote_date(ctx: Context, quote: ext.Quote) -> DateRef | None:
    """The date said, outside quotes, where a quote is introduced by a verb of saying or posting: between
    that verb and the quote, or opening the sentence, in the words before the quote in its sentence, else
    in the sentence before it ("As Ottilie tweeted on Tuesday: 'Ran 10 km at dawn'"; "On Sunday she
    wrote:"; not "Tamsin, who moved here in 2019, said:").  A session told in the quote with no date of
    its own was done by then, so that day (or week or month) is its date."""
    first = bisect_right(ctx.tab.idx, quote.start) - 1  # the token the quote starts in
    n = ctx.sent_of[first]
    lo = ctx.sents[n][0]
    for sent, upto in ((n, first), (n - 1, ctx.sents[n - 1][1] if n > 0 else 0)):
        if sent < 0:
            break
        start = ctx.sents[sent][0]
        verb = next((i for i in range(upto - 1, start - 1, -1) if ctx.lows[i] in ctx.lexicon.speech_verbs), None)
        if verb is not None:
            told = [d.info for d in ctx.dates_in.get(sent, ())
                    if (verb < d.start < upto or d.start <= start + 1) and _told(ctx, d.info)]
            return told[0] if told else None
        if sent == n and first > lo:
            return None  # words of another kind before the quote in its sentence: it is introduced there
    return None


def _later_that_day(ctx: Context, r: Record, last_done: DateRef | None) -> DateRef | None:
    """The day of the latest record done and dated before record ``r`` (``last_done``), when one of ``r``'s
    sentences tells its session as later that day ("Ran 10 km on Saturday. I swam 1 km in the afternoon.")."""
    if last_done is None or last_done.granularity != "day" \
            or ctx.later_that_day_sents.isdisjoint(r.sents()):
        return None
    return last_done


def _list_day(ctx: Context, r: Record, before: Record | None) -> DateRef | None:
    """The day of the list record ``r`` is a line of: where ``r`` is told on a line of its own and the record
    ``before`` it is told last on the line right above (no blank line between), done, and dated by a day said
    above that line ("Sunday's session:" over "- 5 km run" and "- 20 min swim"; "Race day on Sunday. Splits:"
    over lines of legs), that day.  A day said on the line above's own line is that line's alone ("Monday: 5 km"
    over "8 km")."""
    if before is None or statuses.meaning(before.primary.status_name).phase != "done":
        return None
    date = next((c.date for c in before.clusters if c.date is not None and c.date.value), None)
    if date is None or date.granularity != "day" or date.start is None:
        return None
    first, text = min(r.clusters, key=lambda c: c.start), ctx.text
    line_start = ctx.tab.idx[ctx.sents[first.sent][0]]
    if not ctx.opens_line(first.sent) or text.rfind("\n", 0, line_start) < 0:
        return None  # not a line of its own, or no line above
    line_start = text.rfind("\n", 0, line_start) + 1
    above = text.rfind("\n", 0, line_start - 1) + 1  # where the line above starts
    if not above <= max(ctx.tab.idx[c.start] for c in before.clusters) < line_start:
        return None  # the record before is not told last on the line above
    return date if date.start < above else None


def _unquote_date(ctx: Context, r: Record) -> None:
    """A day said in the narrator's voice outside quotes wins over a date said inside a quote (a quoted
    caption's "today" is the day of the caption); a year or a month does not ("took up running in
    2020" beside "Ran 12 km this morning")."""
    if not ctx.roster.quotes:
        return  # no date is said inside a quote
    outside = next((c.date for c in r.clusters if _told(ctx, c.date) and c.date.granularity == "day"), None)
    if outside is None:
        return
    for c in r.clusters:
        if c.date is not None and c.date.start is not None and ctx.quote_at(c.date.start) is not None:
            c.date = outside


def _date_frames(ctx: Context, with_cluster: set[int]) -> dict[int, DateRef]:
    """The first resolved date of a day or a week said outside quotes in each sentence with no cluster,
    by sentence."""
    out: dict[int, DateRef] = {}
    for n, found in ctx.dates_in.items():
        if n not in with_cluster:
            ref = next((d.info for d in found if _told(ctx, d.info) and d.info.granularity in ("day", "week")), None)
            if ref is not None:
                out[n] = ref
    return out


def _framing(ctx: Context, frames: dict[int, DateRef], first: int, last: int, done: bool,
             posted: dt.date | None) -> DateRef | None:
    """The date of the sentence of ``frames`` just before sentence ``first`` or, for a record done, the first
    between ``first`` and ``last`` ("... completed a 3,600 km ride in 21 days. She set off on October 1 ...
    She rode about 170 km a day.": its start), else the one just after ``last`` where that one speaks of no time
    ahead (``plan_frames``: not "Might try intervals on Thursday"), in its paragraph; for a record done, not a
    day after the post date."""
    para = ctx.para
    after = last + 1
    sides = [(first - 1, first)]
    if done:
        sides += [(k, first) for k in range(first + 1, last) if k in frames]
    if done and (after not in frames or ctx.lexicon.ahead_words.isdisjoint(ctx.sentence_words(after))):
        sides.append((after, last))
    framing = next((frames[k] for k, n in sides if k in frames and para[k] == para[n]), None)
    if framing is None or (done and posted is not None and framing.value > posted):
        return None
    return framing
