"""What the linking steps read: the word lists (:class:`Lexicon`, one per component) and one Doc's
text, sentences and mentions (:class:`Context`, one per Doc, made by the component for each call)."""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import accumulate
from typing import Any

from spacy.tokens import Doc

from fitpost import ext, resources, statuses
from fitpost.components.dates import day_words, direction_words, same_day_cues, sections
from fitpost.quantity_parser.scanner import lower
from fitpost.schema import DateRef

# the span group of each kind of mention linked into records, with the extension that holds its value
GROUPS = ((ext.QUANTITIES, "fp_quantity"), (ext.ACTIVITIES, "fp_activity"), (ext.PEOPLE, "fp_person"),
          (ext.PLACES, "fp_place"), (ext.EVENTS, "fp_event"), (ext.DATES, "fp_date"))
FIRST_PERSON = ("i", "we", "my", "me", "our")  # a sentence with one of these is the author's, in a caption
ROUTE_ROLES = ("from", "to", "via")  # a place in one of these roles is a route's end or stop: no person
ATTRIBUTES = ("barefoot", "virtual", "solo", "indoor", "treadmill")  # a record's attributes, when in its sentences
MARKERS = frozenset(FIRST_PERSON + ATTRIBUTES)
FIRST_PERSON_WORDS = frozenset(("i", "me", "my", "we", "us", "our"))  # a post told in the first person says these
THIRD_PERSON_WORDS = frozenset(("he", "she", "him", "his", "her"))  # a post about someone else says these
METERS_PER_MILE = 1609.344
NOT_ENDURANCE = frozenset(("workout", "other", "strength_training", "yoga", "pilates"))  # no distance of theirs
DISTANCE_UNKNOWN = frozenset(("workout", "other"))  # of those, the ones that may hold a session covering a distance
FORM_REACH = 12  # a form's lines are read on at most this many sentences
FORM_LABEL_WORDS = 3  # a form's label ("Moving time:", "Distance:") has at most this many words
OPENING_WORDS = 4  # a sentence ending in a colon with more words than this opens the lines after it; fewer: a label
COMMUTE_VERB_REACH = 3  # at most this many words between an activity word and its commute's "to" ("rode my bike to")
NO_DISTANCE = NOT_ENDURANCE - DISTANCE_UNKNOWN  # the activities that never cover a distance
CLAUSE_JOINS = frozenset(("and", "then", "or", "but", ","))  # what opens a clause of another activity verb
LIST_JOINS = frozenset(("and", ","))  # what joins the items of a list
RECOVERY_WAYS = frozenset(("down", "up", "easy"))  # "jog down recovery" ("back" is a recovery's word: "jog back")
RECOVERY_WAY_WORDS = 2  # at most this many of those between a recovery's activity and its word
DAY_LABEL_WORDS = 2  # words that label a session between its day and its distance ("Fri easy 5 km")
LIST_ITEM_OPENERS = frozenset({"a", "an", "another"})  # words that open a further item of a list
PERSON_RELATIVES = frozenset({"who", "whose", "whom"})  # after a comma, they open an aside about a person
SUBJECT_PRONOUNS = frozenset(("i", "we", "he", "she", "they", "you"))  # a clause's subject
RACE_DEFINITE = frozenset(("the", "that", "this"))  # "the race", "that marathon": a race noun that refers back


def _whole_words(names: Iterable[str]) -> re.Pattern[str]:
    """A pattern finding any of ``names`` (lower case) as whole words, or their plurals ("marathons"),
    the longer first; the name alone is the match."""
    alternatives = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    return re.compile(rf"(?<![a-z0-9])({alternatives})(?=(?:e?s)?(?![a-z0-9]))")


_ALNUM = re.compile(r"[^\W_]")  # a letter or a digit


def _phrases(items: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(item.split()) for item in items)


def _as_tokens(phrase: str) -> list[str]:
    """A phrase as the tokenizer splits it: "couldn't join" is "could n't join" (and "could n’t join")."""
    if "n't" not in phrase:
        return [phrase]
    split = phrase.replace("n't", " n't")
    return [split, split.replace("n't", "n’t")]


def _by_first(phrases: tuple[tuple[str, ...], ...], at: int = 0) -> dict[str, tuple[tuple[str, ...], ...]]:
    """``phrases`` by their first word (``at=-1``: their last), in order: the phrases a word may start (end)."""
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for phrase in phrases:
        out[phrase[at]] = out.get(phrase[at], ()) + (phrase,)
    return out


class once:
    """A :class:`Context` attribute worked out on first read and then kept in the instance, as
    ``functools.cached_property`` does, without its lock (a Context is read by one thread: the one
    that made it for its Doc)."""

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func, self.__doc__ = func, func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, ctx: Any, owner: type | None = None) -> Any:
        if ctx is None:
            return self
        value = ctx.__dict__[self.name] = self.func(ctx)
        return value


@dataclass(frozen=True)
class Lexicon:
    """The word lists of the linking rules: ``models/linking.json`` (described there), the generic
    activity nouns of ``activities.json``, the race names of ``quantities/races.json``, the titles
    and gendered words of ``people.json`` and the verbs of starting and ending of ``places.json``."""

    movement: frozenset[str]
    companion_cues: dict[str, tuple[tuple[str, ...], ...]]  # the companion cues by their first word
    company_cues: tuple[tuple[str, ...], ...]
    company_lasts: frozenset[str]  # the last words of the company cues
    company_by_last: dict[str, tuple[tuple[str, ...], ...]]  # the company cues by their last word, in order
    breaks: frozenset[str]
    definite: frozenset[str]
    non_participant: frozenset[tuple[str, ...]]
    non_participant_lengths: frozenset[int]  # how many words the non-participant cues have
    non_participant_lasts: frozenset[str]  # the last words of the non-participant cues
    credit_words: frozenset[str]
    spectator_verbs: frozenset[str]
    office_titles: frozenset[str]  # "Organiser Rhodri Vance said": see office_titles
    person_words: frozenset[str]  # titles and gendered words of people.json: "the actor" is a person named before
    generic_nouns: frozenset[str]
    races: dict[str, float]  # a race name, lower case with spaces for hyphens -> its length in meters
    race_names: re.Pattern[str]  # any of the race names as whole words ("marathon", not in "ultramarathon")
    mention_races: dict[str, float]  # a word that is a race only ending a running mention ("ran a half")
    race_numbers: dict[str, float]  # a bare number ending a race's name, in meters ("the Larkspur 100"; events.json)
    doing: frozenset[str]  # claim cues: see models/linking.json
    gerund_ok: frozenset[str]
    infinitive_ok: frozenset[str]
    feat_words: frozenset[str]
    learning_words: frozenset[str]  # "learning to swim": a skill learnt, no session
    caption_adjectives: frozenset[str]
    past_forms: frozenset[str]  # irregular past forms of status_rules.json ("ran", "swam")
    resting_verbs: frozenset[str]  # verbs of resting, in any tense ("rest", "recovering"): see _of_other_verb
    caption_followers: frozenset[str]
    subject_verbs: frozenset[str]
    segment_before: frozenset[str]  # log lines: see models/linking.json
    segment_after: frozenset[str]
    marker_before: frozenset[str]
    part_cues: frozenset[str]  # "10 km with 4 km at tempo": a part of the session told before
    placing_nouns: frozenset[str]  # "first woman in 1:19:03": a place in the results, no part of a session
    default_activity: str
    slower_guesses: dict[str, str]  # of a text naming no activity, the guess where the default is too fast
    activity_cues: dict[str, str]  # a word that tells what a text is about -> that activity
    confidence: dict[str, float]  # the weights of a record's confidence
    total_words: frozenset[str]
    periods: frozenset[str]
    volume_periods: frozenset[str]
    more_words: frozenset[str]  # a line opening a list with one of these lists more of the session before
    crowds: frozenset[str]  # plural nouns of those who take part: a crowd as a subject, no one person
    day_words: frozenset[str]
    log_verbs: frozenset[str]
    short_line: int
    report_labels: frozenset[str]  # "Weekly recap": a frequency word before one of these labels a log
    stage_labels: frozenset[str]  # a line opening with one and a number is a stage of its own ("Day 4 ...")
    plan_labels: frozenset[str]  # a line's label or heading holding one makes its logged distances planned
    further_session: frozenset[str]  # words that make a mention with an amount a session of its own
    leg_words: frozenset[str]  # a leg of a session done with the author: see legs in linking.json
    author_words: frozenset[str]
    day_sessions: frozenset[str]  # nouns of a day's session after a day and 's ("today's session")
    recovery_words: frozenset[str]  # "sore from the sportive": see recovery_from in linking.json
    recovery_reach: int
    repeat_recoveries: frozenset[str]  # "200 m jog recoveries": see repeat_recoveries in linking.json
    best_words: tuple[tuple[str, ...], ...]  # "a new 5k PB": see best_words in linking.json
    crossing_verbs: frozenset[str]  # a crossing of open water: see crossings in linking.json
    waters: frozenset[str]
    crossing_reach: int
    crossing_activities: frozenset[str]
    later_that_day: dict[str, tuple[tuple[str, ...], ...]]  # phrases of a session later on the day told before
    # ("that evening"), by their first word
    long_time_words: frozenset[str]  # words before a time of a day or more that make it what a session took
    efforts: frozenset[str]  # a time "of" one of these is the session's: "five hours of graft"
    taking_up: tuple[tuple[str, ...], ...]  # a mention after one of these tells when someone took it up
    taking_up_lasts: frozenset[str]  # the last words of the taking_up phrases
    speech_verbs: frozenset[str]  # verbs of saying or posting, which introduce a quote (people.json)
    definitions: tuple[tuple[str, ...], ...]  # phrases after a race noun that tell its distance ("which is")
    absence: dict[str, tuple[tuple[str, ...], ...]]  # phrases after a person who did not take part ("was unable
    # to join"), by their first word
    definition_hedges: frozenset[str]  # words that may stand between such a phrase and the distance
    journey_nouns: frozenset[str]  # nouns of a journey of many days after an activity word ("a rowing expedition")
    day_event_cues: frozenset[str]  # "flagged off": a session begun, over by now if one day covers it
    trail_heads: frozenset[str]  # the last word of a long-distance trail's name ("the Tarnside Way": activities.json)
    trail_activity: str  # the activity of a trail walked
    commute_places: frozenset[str]  # where a commute goes ("to the office"): see commutes in linking.json
    return_words: frozenset[str]  # after a commute's activity word, its way back ("the ride home")
    commute_reach: int  # at most this many words between "to" and the place of a commute
    day_event_km: dict[str, float]  # the longest distance one day covers, by activity ("default" for the rest)
    example_cues: dict[str, tuple[tuple[str, ...], ...]]  # phrases opening a list of examples ("including", "such
    # as"), by their first word
    roles: dict[str, str | None]  # a noun of someone taking part -> its activity ("walker"; None: any)
    when_words: frozenset[str]  # days and times of day, which part one session from another (with dates.json's days)
    future_words: frozenset[str]  # words that make a date point ahead of the post ("tomorrow": dates.json)
    spells: frozenset[str]  # a spell of time, after which a gerund is a session (activities.json)
    counted: dict[str, tuple[str, float]]  # a count's unit -> the activity it is a session of, and the least count
    spectating: frozenset[str]  # words of watching or helping at someone else's session
    joining: frozenset[str]  # verbs whose object joins the subject in a session ("joined her for a swim")
    count_ordinals: frozenset[str]  # "a first swim for Ottilie": see counted_for in linking.json
    count_number_words: frozenset[str]  # "parkrun number 50 for Jonas"
    plan_future: frozenset[str]  # words of the future before a plan in place of a session not done ("will")
    plan_verbs: frozenset[str]  # verbs of such a plan ("Will go tomorrow instead")
    plan_after: frozenset[str]  # the words besides a day to come that may follow such a verb ("again", "instead")
    race_ahead: tuple[tuple[str, ...], ...]  # phrases before a race's name that tell it is to come ("weeks out from")
    race_ahead_lasts: frozenset[str]  # the last words of the race_ahead phrases
    comparison: tuple[tuple[str, ...], ...]  # phrases that make the session after them a yardstick
    comparison_lasts: frozenset[str]  # the last words of the comparison phrases
    comparison_reach: int  # how many words after a comparison phrase its yardstick may start
    ranking: tuple[tuple[str, ...], ...]  # phrases that rank the session after them among others ("one of")
    ranking_lasts: frozenset[str]  # the last words of the ranking phrases
    programme_names: re.Pattern  # the names of training programmes, in lower case ("couch to 5k": activities.json)
    ahead_words: frozenset[str]  # words of a sentence about the time ahead ("will"), which may date a plan
    plan_done: frozenset[str]  # a sentence of one of these after a plan ("Done!") tells it was carried out
    registrations: frozenset[str]  # the cues of a plan that tell a race registered for ("signed up for")
    trained_for: frozenset[str]  # words after a race that make it what one trains for ("marathon training")
    ranking_reach: int  # how many words may stand between a ranking phrase's definite word and the mention
    at_most: tuple[tuple[str, ...], ...]  # phrases before a time that make it a bound: see time_bounds
    at_least: tuple[tuple[str, ...], ...]
    generic_refers_to: frozenset[str]  # what "the workout" may refer back to: see generic_reference
    parts_of_told: frozenset[tuple[str, ...]]  # "a lot of" (then "it") after a verb: a part of a session told before
    told_pronouns: frozenset[str]  # the pronouns after such a part: "it", "that"
    course_nouns: frozenset[str]  # "covered the 50 mile course": the course of the event told before
    # verbs of starting or ending a route (places.json start_verbs, end_verbs), by their first word
    route_verbs: dict[str, tuple[tuple[str, ...], ...]]
    start_verbs: dict[str, tuple[tuple[str, ...], ...]]  # those of starting one alone (places.json start_verbs)
    end_verbs: frozenset[str]  # verbs of ending one (places.json end_verbs)
    ends_after_start: frozenset[str]  # verbs that end one told after its start (places.json ends_after_start)
    # each word of the kinds a Doc's tokens are looked up by (:meth:`keyed_kinds`) -> its kinds, for one pass over
    # them (:meth:`Context.words_at`)
    keyed: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def keyed_kinds(self) -> dict[str, Collection[str]]:
        """The kinds of words that rules are keyed on, each with its words (of a phrase list by its first word,
        those first words): where in a Doc one of its words is, a rule of that kind may apply."""
        return {"markers": MARKERS, "from": ("from",),  # "from": before the cause of how one feels (told_as_cause)
                "first_person": FIRST_PERSON, "list_joins": LIST_JOINS, "person_relatives": PERSON_RELATIVES,
                "list_openers": LIST_ITEM_OPENERS, "breaks": self.breaks, "credit_words": self.credit_words,
                "spectating": self.spectating, "comparison_lasts": self.comparison_lasts,
                "total_words": self.total_words, "periods": self.periods, "absence": self.absence,
                "later_that_day": self.later_that_day, "example_cues": self.example_cues,
                "activity_cues": self.activity_cues, "movement": self.movement, "day_sessions": self.day_sessions,
                "crossing_verbs": self.crossing_verbs, "ranking_lasts": self.ranking_lasts,
                "companion_cues": self.companion_cues, "roles": self.roles, "plan_future": self.plan_future}

    @classmethod
    def load(cls, name: str) -> Lexicon:
        lexicon = cls._load(name)
        return replace(lexicon, keyed=ext.word_kinds(lexicon.keyed_kinds()))

    @classmethod
    def _load(cls, name: str) -> Lexicon:
        data = resources.load_json(name)
        unit = {"km": 1000.0, "mi": METERS_PER_MILE, "m": 1.0}
        races = {n.lower().replace("-", " "): r["value"] * unit.get(r.get("unit", "km"), 1000.0)
                 for r in resources.load_json("quantities/races.json")["races"] for n in r["names"]}
        companion, company = _phrases(data["companion_cues"]), _phrases(data["company_cues"])
        non_participant = _phrases(data["non_participant_cues"])
        comparison = _phrases(data["comparison"]["phrases"])
        people = resources.load_json("people.json")
        activities = resources.load_json("activities.json")
        return cls(movement=frozenset(data["movement_verbs"]),
                   companion_cues=_by_first(companion), company_by_last=_by_first(company, at=-1),
                   company_cues=company, company_lasts=frozenset(cue[-1] for cue in company),
                   breaks=frozenset(data["clause_breaks"]), resting_verbs=frozenset(data["resting_verbs"]["words"]),
                   definite=frozenset(data["definite"]),
                   non_participant=frozenset(non_participant),
                   non_participant_lengths=frozenset(len(cue) for cue in non_participant),
                   non_participant_lasts=frozenset(cue[-1] for cue in non_participant),
                   credit_words=frozenset(data["credit_words"]),
                   spectator_verbs=frozenset(data["spectator_verbs"]),
                   person_words=frozenset(people["titles"]) | frozenset(people["nationalities"])
                   | frozenset(w for ws in people["gender_words"].values() for w in ws),
                   generic_nouns=frozenset(activities["generic_nouns"]), spells=frozenset(activities["spells"]),
                   races=races, race_names=_whole_words(races),
                   mention_races={n: km * 1000.0 for n, km in data["mention_races_km"].items()},
                   **_claim_cues(data["claim_cues"]),
                   past_forms=frozenset(resources.load_json("status_rules.json")["past_forms"]),
                   default_activity=data["default_activity"],
                   activity_cues={w: a for a, words in data["activity_cues"].items() if a != "_" for w in words},
                   confidence={k: float(v) for k, v in data["confidence"].items() if k != "_"},
                   **_log_line_words(data["log_lines"]), crowds=frozenset(data["crowds"]["nouns"]),
                   further_session=frozenset(data["further_session"]["words"]),
                   leg_words=frozenset(data["legs"]["words_before"]),
                   author_words=frozenset(data["legs"]["author_words"]),
                   day_sessions=frozenset(data["day_sessions"]["nouns"]),
                   later_that_day=_by_first(_phrases(data["later_that_day"]["phrases"])),
                   long_time_words=frozenset(data["long_times"]["words_before"]),
                   speech_verbs=frozenset(people["speech_verbs"]),
                   definitions=_phrases(data["definitions"]["phrases"]),
                   absence=_by_first(_phrases([form for phrase in data["absence"]["phrases"]
                                                        for form in _as_tokens(phrase)])),
                   definition_hedges=frozenset(data["definitions"]["hedges"]),
                   journey_nouns=frozenset(data["journeys"]["nouns"]),
                   day_event_cues=frozenset(data["day_events"]["cues"]),
                   day_event_km={k: float(v) for k, v in data["day_events"]["km"].items()},
                   trail_heads=frozenset(activities["trails"]["heads"]),
                   trail_activity=activities["trails"]["activity"],
                   commute_places=frozenset(data["commutes"]["places"]),
                   return_words=frozenset(data["commutes"]["return_words"]),
                   commute_reach=int(data["commutes"]["reach"]),
                   example_cues=_by_first(_phrases(data["examples"]["cues"])),
                   roles=dict(data["roles"]["nouns"]),
                   when_words=frozenset(data["further_session"]["when"]) | day_words(),
                   future_words=direction_words()[1],
                   counted={unit: (rule["activity"], float(rule["at_least"]))
                            for unit, rule in data["counted_activities"].items() if unit != "_"},
                   **_watching_and_joining(data),
                   comparison=comparison, comparison_lasts=frozenset(p[-1] for p in comparison),
                   comparison_reach=int(data["comparison"]["reach"]), **_plan_and_rank_words(data, activities),
                   **_reference_and_route_words(data), **_session_words(data), **_crossing_and_recovery_words(data))


def _log_line_words(log: dict) -> dict:
    """The :class:`Lexicon` fields of the ``log_lines`` of linking.json."""
    words = {field: frozenset(log[key]) for field, key in (
        ("segment_before", "segment_before"), ("segment_after", "segment_after"), ("marker_before", "marker_before"),
        ("part_cues", "part_cues"),
        ("placing_nouns", "placing_nouns"), ("total_words", "total"), ("periods", "periods"),
        ("volume_periods", "volume_periods"), ("more_words", "more_words"),
        ("day_words", "day_words"), ("log_verbs", "verbs"), ("report_labels", "report_labels"),
        ("stage_labels", "stage_labels"), ("plan_labels", "plan_labels"))}
    return {**words, "short_line": int(log["short_line"])}


def _claim_cues(cues: dict) -> dict:
    """The :class:`Lexicon` fields of the ``claim_cues`` of linking.json: each a word set."""
    names = ("doing", "gerund_ok", "infinitive_ok", "feat_words", "learning_words", "caption_adjectives",
             "caption_followers", "subject_verbs")
    return {name: frozenset(cues[name]) for name in names}


def _watching_and_joining(data: dict) -> dict:
    """The :class:`Lexicon` fields of the words that tell who only watched a session or held an office and who
    joined one or had it counted for them (``spectating``, ``office_titles``, ``joining`` and ``counted_for`` of
    linking.json)."""
    counted = data["counted_for"]
    return {"spectating": frozenset(data["spectating"]["words"]), "joining": frozenset(data["joining"]["words"]),
            "office_titles": frozenset(data["office_titles"]["words"]),
            "count_ordinals": frozenset(counted["ordinals"]), "count_number_words": frozenset(counted["number_words"])}


def _plan_and_rank_words(data: dict, activities: dict) -> dict:
    """The :class:`Lexicon` fields of sessions ranked, planned and trained for, of races to come and of
    times told as bounds: ``ranking``, ``race_ahead``, ``plan_frames``, ``plan_done``, ``registrations``,
    ``time_bounds`` and ``plans_in_place``
    (``plan_future``, ``plan_verbs``, ``plan_after``) of linking.json,
    the programmes and the words after a race trained for of activities.json."""
    programmes = "|".join(f"(?:{rx})" for a, rx in activities["programmes"].items() if a != "_")
    ranking = _phrases(data["ranking"]["phrases"])
    race_ahead = _phrases(data["race_ahead"]["phrases"])
    return {"ranking": ranking, "ranking_lasts": frozenset(p[-1] for p in ranking),
            "ranking_reach": int(data["ranking"]["reach"]), "race_ahead": race_ahead,
            "race_ahead_lasts": frozenset(p[-1] for p in race_ahead),
            "programme_names": re.compile(programmes), "ahead_words": frozenset(data["plan_frames"]["ahead"]),
            "plan_done": frozenset(data["plan_done"]["phrases"]),
            "registrations": frozenset(data["registrations"]["cues"]),
            "trained_for": frozenset(activities["race_training"]["after"]),
            "at_most": _phrases(data["time_bounds"]["at_most"]), "at_least": _phrases(data["time_bounds"]["at_least"]),
            **{f"plan_{key}": frozenset(data["plans_in_place"][key]) for key in ("future", "verbs", "after")}}


def _reference_and_route_words(data: dict) -> dict:
    """The :class:`Lexicon` fields of what a generic mention, a course or a part of a session refers back to
    (``generic_reference``, ``course_nouns`` and ``parts_of_told`` of linking.json) and of the verbs of
    starting and ending a route (places.json)."""
    places = resources.load_json("places.json")
    parts = data["parts_of_told"]
    return {"generic_refers_to": frozenset(data["generic_reference"]["activities"]),
            "course_nouns": frozenset(data["course_nouns"]["nouns"]),
            "parts_of_told": frozenset(_phrases(parts["parts"])), "told_pronouns": frozenset(parts["pronouns"]),
            "route_verbs": _by_first(_phrases(places["start_verbs"] + places["end_verbs"])),
            "start_verbs": _by_first(_phrases(places["start_verbs"])),
            "end_verbs": frozenset(places["end_verbs"]),
            "ends_after_start": frozenset(places["ends_after_start"]["words"])}


def _session_words(data: dict) -> dict:
    """The :class:`Lexicon` fields of the words that tell a session's amounts and dates: the length a bare
    number ending a race's name gives (events.json ``race_numbers_mi``), the words of effort a time may be
    spent on (``time_of_effort``), the phrases of taking an activity up (``taking_up``) and the activities guessed
    for a session too slow for the default one (``slower_guesses``)."""
    numbers = resources.load_json("events.json")["race_numbers_mi"]
    taking_up = _phrases(data["taking_up"]["phrases"])
    return {"race_numbers": {n: mi * METERS_PER_MILE for n, mi in numbers.items()},
            "efforts": frozenset(data["time_of_effort"]["words"]),
            "taking_up": taking_up, "taking_up_lasts": frozenset(p[-1] for p in taking_up),
            "slower_guesses": {k: v for k, v in data["slower_guesses"].items() if k != "_"}}


def _crossing_and_recovery_words(data: dict) -> dict:
    """The :class:`Lexicon` fields of the crossings of open water (``crossings`` of linking.json), of the
    sessions told as the cause of how one feels (``recovery_from``), of the recovery between repeats
    (``repeat_recoveries``) and of the words of a best time after its race's distance (``best_words``)."""
    crossings, recovery = data["crossings"], data["recovery_from"]
    return {"crossing_verbs": frozenset(crossings["verbs"]), "waters": frozenset(crossings["waters"]),
            "crossing_reach": int(crossings["reach"]), "crossing_activities": frozenset(crossings["activities"]),
            "recovery_words": frozenset(recovery["words"]), "recovery_reach": int(recovery["reach"]),
            "repeat_recoveries": frozenset(data["repeat_recoveries"]["words"]),
            "best_words": _phrases(data["best_words"]["phrases"])}


def _no_quote(at: int) -> None:
    return None


def _unresolved(p: ext.Mention) -> ext.Mention:
    """Pronoun ``p`` standing for no one: the name it was resolved to was a place's or an event's."""
    return ext.Mention(p.start, p.end, p.label, replace(p.info, name=None, members=()), p.start_char, p.end_char,
                       p.status)


def _bounds_index(found: list[ext.Mention]) -> tuple[list[int], list[int]]:
    """Where the mentions ``found`` (in text order) start, and the latest end up to each: a mention that holds or
    reaches a token is found by bisecting the starts and walking back while the latest end still reaches it."""
    return [m.start for m in found], list(accumulate([m.end for m in found], max))


class Context:
    """One Doc as the linking steps read it: its text and token table, its sentences and paragraphs,
    the mentions the earlier components found (each group by sentence too), the roster, the author and the post date.

    Sentences are numbered in order; token offsets are the Doc's.
    """

    def __init__(self, doc: Doc, lexicon: Lexicon) -> None:
        tab = ext.tokens(doc)
        self.doc, self.lexicon, self.tab = doc, lexicon, tab
        self.text = ext.text(doc)
        self.lows: list[str] = tab.lower
        self.sents: list[tuple[int, int]] = tab.sents  # (start, end) of each sentence
        self.sent_of: list[int] = [0] * tab.n  # the sentence of each token
        for n, (start, end) in enumerate(self.sents):
            self.sent_of[start:end] = [n] * (end - start)
        self.parsed = ext.has_annotation(doc, "DEP")
        self.tagged = ext.has_annotation(doc, "TAG")
        # the Doc's extension values, read where they live (:func:`fitpost.ext.doc_value`)
        self.roster: ext.Roster = ext.doc_value(doc, "fp_roster") or ext.Roster()
        # the quote holding a character offset, if any (none to look for in a text with no quotes)
        self.quote_at: Callable[[int], ext.Quote | None] = self.roster.quote_at if self.roster.quotes else _no_quote
        self.author: str | None = ext.doc_value(doc, "fp_author")
        posted = ext.doc_value(doc, "fp_posted_at")
        self.posted_at: dt.date | None = posted.date() if isinstance(posted, dt.datetime) else posted  # a day
        self.mentions: dict[str, list[ext.Mention]] = {g: ext.mentions(doc, g, attr) for g, attr in GROUPS}
        # the sentences that hold a cluster of their own, an inferred one too ("Did 60 km today"): step 1 fills it
        self.cluster_sents: set[int] = set()
        # how far ahead a plan is ("the Tarnby 10K in three weeks"), by the token of its "in": step 0 fills it
        self.ahead_at: dict[int, ext.Mention] = {}
        if (self.mentions[ext.EVENTS] or self.mentions[ext.PLACES]) and self.mentions[ext.PEOPLE]:
            self._leave_out_name_words()
        self.people = self.mentions[ext.PEOPLE]
        self.people_in, self.places_in, self.events_in, self.dates_in = [
            self._by_sentence(self.mentions[g]) for g in (ext.PEOPLE, ext.PLACES, ext.EVENTS, ext.DATES)]
        self._sentence_words: dict[int, frozenset[str]] = {}
        # of :meth:`people_back`, by sentence: where its people start, and the latest end up to each
        self._people_index: dict[int, tuple[list[int], list[int]]] = {}
        self._event_index: dict[int, tuple[list[int], list[int]]] = {}  # likewise of :meth:`event_holding`
        # of :meth:`nearest_event`, by sentence and activity: the events that fit, and where they start
        self._fitting_events: dict[tuple[int, str, bool, bool], tuple[list[ext.Mention], list[int]]] = {}
        self.marked: dict[str, set[int]] = {}  # the sentences each marker word is in
        for i in self.words_at("markers"):
            self.marked.setdefault(self.lows[i], set()).add(self.sent_of[i])

    def _leave_out_name_words(self) -> None:
        """Leave out the people mentions inside an event's name or a longer place's name, or that are a
        route's end, which a model may tag as a person ("Brackenfold" in "Brackenfold Half today",
        "Larkspur" in "Brig o' Larkspur", "Day 1: Larkspur to Brackenfold"); and the person the text is
        about, when those were all their mentions."""
        in_events = {k for e in self.mentions[ext.EVENTS] for k in range(e.start, e.end)}
        place_at = {k: q for q in self.mentions[ext.PLACES] for k in range(q.start, q.end)}
        people = []
        for p in self.mentions[ext.PEOPLE]:
            if in_events and not in_events.isdisjoint(range(p.start, p.end)):
                continue  # in an event's name
            q = place_at.get(p.start)
            if q is not None and p.end <= q.end and (q.end - q.start > p.end - p.start or q.info.role in ROUTE_ROLES):
                continue  # in a longer place's name, or a route's end
            people.append(p)
        if len(people) == len(self.mentions[ext.PEOPLE]):
            return
        left_out = {p.info.name for p in self.mentions[ext.PEOPLE] if not p.info.pronoun} \
            - {p.info.name for p in people if not p.info.pronoun}
        self.mentions[ext.PEOPLE] = [_unresolved(p) if p.info.pronoun and p.info.name in left_out else p
                                     for p in people]
        people = self.mentions[ext.PEOPLE]
        main = self.roster.main
        if main and not any(p.info.name == main or main in p.info.members for p in people):
            self.roster = replace(self.roster, main=None)

    def start_verb_at(self, i: int) -> bool:
        """Whether a verb of starting (``start_verbs`` of places.json: "started", "set off") begins at token
        ``i``."""
        lows = self.lows
        return any(tuple(lows[i:i + len(v)]) == v for v in self.lexicon.start_verbs.get(lows[i], ()))

    def words_at(self, kind: str) -> list[int]:
        """The tokens that are words of ``kind`` (of :meth:`Lexicon.keyed_kinds`), in order (don't change the
        list)."""
        return self._words_at.get(kind, [])

    @once
    def _words_at(self) -> dict[str, list[int]]:
        """The tokens of each kind of :meth:`Lexicon.keyed_kinds`, in order: the Doc's words looked up once for
        all kinds, not once for each."""
        return self.tab.where_kinds(self.lexicon.keyed)

    @once
    def post_day_told(self) -> DateRef | None:
        """The post date, as the first phrase that says it outside quotes ("today", "this morning",
        "just finished": ``same_day_cues`` of ``models/dates.json``), if the text has a first-person word
        outside quotes; else None."""
        if self.posted_at is None:
            return None
        tab, posted = self.tab, self.posted_at
        if not any(self.quote_at(tab.idx[i]) is None for i in self.words_at("first_person")):
            return None
        said = [d for d in self.mentions[ext.DATES] if d.label in ("rel_day", "part_of_day")
                and d.info.value == posted and self.quote_at(d.start_char) is None]
        cue = self._same_day_cue()
        if said and (cue is None or said[0].start < cue[0]):
            return said[0].info
        if cue is None:
            return None
        start, end = tab.idx[cue[0]], tab.end[cue[1] - 1]
        return DateRef(value=posted, text=self.text[start:end], granularity="day", start=start, end=end)

    def _same_day_cue(self) -> tuple[int, int] | None:
        """The first ``same_day_cues`` phrase outside quotes, as token offsets."""
        cues = same_day_cues()
        lows, tab = self.lows, self.tab
        for i in tab.where(cues):  # the first word of a cue
            for cue in cues[lows[i]]:
                if tuple(lows[i:i + len(cue)]) == cue and self.quote_at(tab.idx[i]) is None:
                    return i, i + len(cue)
        return None

    @once
    def low_text(self) -> str:
        """The text in lower case, character for character (:func:`fitpost.quantity_parser.scanner.lower`),
        as the quantity parser's context rules read it."""
        return lower(self.text)

    @once
    def named_activities(self) -> list[tuple[str, int]]:
        """Each activity the text names, with the sentence naming it, in order (see :attr:`main_activity`)."""
        cues = self.lexicon.activity_cues
        mentions = self.mentions[ext.ACTIVITIES]
        in_mention = {i for m in mentions for i in range(m.start, m.end)}
        sent_of = self.sent_of
        heads, trail_activity = self.lexicon.trail_heads, self.lexicon.trail_activity
        return [(m.info.activity, sent_of[m.start]) for m in mentions if m.start not in self.recoveries] + \
            [(e.info.activity, sent_of[e.start]) for e in self.mentions[ext.EVENTS] if e.info.activity] + \
            [(cues[self.lows[i]], sent_of[i]) for i in self.words_at("activity_cues") if i not in in_mention] + \
            [(trail_activity, sent_of[p.start]) for p in self.mentions[ext.PLACES]
             if p.end - p.start > 1 and self.lows[p.end - 1] in heads and self.tab.text[p.end - 1][:1].isupper()]

    @once
    def main_activity(self) -> str | None:
        """The endurance activity the text names most, its hashtags, events, ``activity_cues`` ("peloton",
        "hikers") and the long-distance trails it names as places (``trails`` of activities.json: "Day 3 of the
        Tarnside Way") included: a distance with no activity word in a running diary is a run.
        Of several named most, ``default_activity`` (the commonest) where it is one of them, else the
        first named ("Tue: 8 km easy ... Thu: swim 1500m ... Sat: long run 24 km" is a run).  A text that
        names none: ``default_activity``, unless it names a workout or another sport.  The recovery between
        repeats (:attr:`recoveries`: "200 m walk recovery") names none.  An activity counts once for each sentence
        that names it, and a cue word inside an activity's mention is that mention ("Sun 45 min easy spin on
        the bike" names cycling once: one session, however many of its words name it)."""
        counts: dict[str, int] = {}
        named = self.named_activities
        for activity, _ in dict.fromkeys(named):
            if activity not in NOT_ENDURANCE:
                counts[activity] = counts.get(activity, 0) + 1
        if counts:
            most = max(counts.values())
            if counts.get(self.lexicon.default_activity) == most:
                return self.lexicon.default_activity
            return max(counts, key=counts.get)
        return None if named else self.lexicon.default_activity

    @once
    def planned_ends(self) -> frozenset[int]:
        """Where the activity mentions fitpost_status read as planned end (their token after)."""
        return frozenset(m.end for m in self.mentions[ext.ACTIVITIES]
                         if m.status is not None and m.status.status == "planned")

    @once
    def sents_with_sets(self) -> frozenset[int]:
        """The sentences that tell a set of repeats ("8 x 400 m")."""
        return frozenset(self.sent_of[q.start] for q in self.mentions[ext.QUANTITIES] if (q.info.times or 0) > 1)

    @once
    def recoveries(self) -> frozenset[int]:
        """Where the activity mentions start that are the recovery between repeats, no session of their own:
        right before a ``repeat_recoveries`` word, "in" or up to RECOVERY_WAY_WORDS words of RECOVERY_WAYS
        between ("8 x 400 m with 200 m jog recoveries", "6 x 400 m with a 200 m jog between each", "3 x 5 minutes
        with 3 minutes walking in between", "8 x 90 s up the hill, jog down recovery") or right after one ("with
        90 s recovery jog"), in a sentence with a set of repeats."""
        words, lows, n, with_sets = self.lexicon.repeat_recoveries, self.lows, self.tab.n, self.sents_with_sets
        if not with_sets:
            return frozenset()

        def before_word(k: int) -> bool:
            lo = k
            while k < n and k - lo < RECOVERY_WAY_WORDS and lows[k] in RECOVERY_WAYS:
                k += 1  # "8 x 90 s up the hill, jog down recovery"
            return k < n and (lows[k] in words or lows[k] == "in" and k + 1 < n and lows[k + 1] in words)

        return frozenset(m.start for m in self.mentions[ext.ACTIVITIES] if self.sent_of[m.start] in with_sets
                         and (before_word(m.end) or m.start > 0 and lows[m.start - 1] in words))

    @once
    def activity_starts(self) -> frozenset[int]:
        """The tokens where an activity mention starts."""
        return frozenset(m.start for m in self.mentions[ext.ACTIVITIES])

    @once
    def activity_ends(self) -> frozenset[int]:
        """The tokens where an activity mention ends (the token after its last)."""
        return frozenset(m.end for m in self.mentions[ext.ACTIVITIES])

    def event_denied(self, e: ext.Mention) -> bool:
        """Whether event ``e`` is told as missed or only wished for ("Couldn't make parkrun"): its status, or
        that of an activity mention in it, is no real session's."""
        if e.status is not None:
            return not statuses.is_real(e.status.status)
        return not self.denied_starts.isdisjoint(range(e.start, e.end))

    def event_ahead(self, e: ext.Mention) -> bool:
        """Whether event ``e`` is told as still to come (``race_ahead``, right before its name or its article:
        "3 weeks out from the Larkspur Marathon")."""
        end = e.start - 1 if e.start > 0 and self.lows[e.start - 1] in ("the", "a", "an", "my", "our") else e.start
        if end == 0 or self.lows[end - 1] not in self.lexicon.race_ahead_lasts:
            return False  # a phrase right before it ends with the word there
        lo = self.sents[self.sent_of[e.start]][0]
        return any(end - len(p) >= lo and tuple(self.lows[end - len(p):end]) == p for p in self.lexicon.race_ahead)

    @once
    def distance_sents(self) -> frozenset[int]:
        """The sentences that tell a distance of the quantities linked (read once :func:`set_aside` is done)."""
        return frozenset(self.sent_of[q.start] for q in self.mentions[ext.QUANTITIES] if q.label == "distance")

    @once
    def denied_starts(self) -> frozenset[int]:
        """The tokens where an activity mention that is no real session (negated, hypothetical) starts."""
        return frozenset(m.start for m in self.mentions[ext.ACTIVITIES]
                         if m.status is not None and not statuses.is_real(m.status.status))

    @once
    def verb_starts(self) -> frozenset[int]:
        """The tokens where an activity verb starts a clause of its own, right after "and", "then", "or", "but"
        or a comma ("swam" in "ran with Asha and swam with Tom"; not "Swim" of "the Lake Swim")."""
        return frozenset(m.start for m in self.mentions[ext.ACTIVITIES]
                         if m.info.form == "verb" and m.start > 0 and self.lows[m.start - 1] in CLAUSE_JOINS)

    @once
    def first_person(self) -> bool:
        """Whether the text outside quotes is told in the first person: it says "I", "me", "my", "we",
        "us" or "our" at least once, and at least as often as "he", "she", "him", "his" or "her"."""
        first = third = 0
        for p in self.people:
            if p.info.pronoun and not p.info.in_quote:
                low = self.lows[p.start]
                first += low in FIRST_PERSON_WORDS
                third += low in THIRD_PERSON_WORDS
        return first > 0 and first >= third

    @once
    def main_mentions(self) -> list[ext.Mention]:
        """The people mentions of the person the text is about (``roster.main``), a pronoun or group
        word that stands for them among them, in order."""
        main = self.roster.main
        if not main:
            return []
        return [p for p in self.people if p.info.name == main or main in p.info.members]

    @once
    def active_sents(self) -> set[int]:
        """The sentences that hold an activity mention."""
        return {self.sent_of[m.start] for m in self.mentions[ext.ACTIVITIES]}

    @once
    def real_sents(self) -> set[int]:
        """The sentences that hold an activity mention that is not negated or hypothetical."""
        return {self.sent_of[m.start] for m in self.mentions[ext.ACTIVITIES]
                if m.status is None or statuses.is_real(m.status.status)}

    @once
    def absences(self) -> dict[int, int]:
        """The sentences holding an ``absence`` phrase ("was unable to join"), each with where the first
        such phrase starts (a token offset)."""
        out: dict[int, int] = {}
        lows, phrases = self.lows, self.lexicon.absence
        for k in self.words_at("absence"):  # where a phrase's first word is
            n = self.sent_of[k]
            if n not in out and any(tuple(lows[k:k + len(p)]) == p for p in phrases[lows[k]]):
                out[n] = k
        return out

    @once
    def date_sections(self) -> list[tuple[bool, dt.date | None]]:
        """For each date mention, whether it heads a section and the day it was read against
        (:func:`fitpost.components.dates.sections`)."""
        return sections(self.text, self.mentions[ext.DATES])

    @once
    def para(self) -> list[int]:
        """The paragraph number of each sentence: a new one after a line break."""
        tab, text = self.tab, self.text
        if "\n" not in text:
            return [0] * len(self.sents)
        para: list[int] = []
        n_para = 0
        prev_start = prev_end = 0
        for k, (lo, hi) in enumerate(self.sents):
            start_char = tab.idx[lo]
            if k and ("\n" in text[prev_end:start_char + 1] or "\n" in text[prev_start:prev_end].rstrip()):
                n_para += 1
            para.append(n_para)
            prev_start, prev_end = start_char, tab.end[hi - 1]
        return para

    @once
    def title_end(self) -> int:
        """Where the text's title ends (:func:`fitpost.ext.title_end`), -1 when it has none."""
        return ext.title_end(self.text)

    @once
    def later_that_day_sents(self) -> set[int]:
        """The sentences that hold a ``later_that_day`` phrase ("that evening")."""
        out: set[int] = set()
        lows, phrases = self.lows, self.lexicon.later_that_day
        for k in self.words_at("later_that_day"):  # where a phrase's first word is
            end = self.sents[self.sent_of[k]][1]
            if any(k + len(p) <= end and tuple(lows[k:k + len(p)]) == p for p in phrases[lows[k]]):
                out.add(self.sent_of[k])
        return out

    def people_back(self, n: int, i: int, lo: int) -> Iterator[ext.Mention]:
        """The people mentions of sentence ``n`` that start before token ``i`` and end at token ``lo`` or
        later, the last first (the people group is in text order): found by where they start and end,
        without walking the other people of the sentence (a long one may name thousands)."""
        found = self.people_in.get(n)
        if found is None:
            return  # the sentence names no one
        index = self._people_index.get(n)
        if index is None:
            index = self._people_index[n] = _bounds_index(found)
        starts, latest_end = index
        k = bisect_left(starts, i)
        while k > 0 and latest_end[k - 1] >= lo:  # an earlier one may still end at ``lo`` or later
            k -= 1
            if found[k].end >= lo:
                yield found[k]

    def people_starting(self, a: int, b: int) -> list[ext.Mention]:
        """The people mentions that start in tokens ``a:b``, in order (the people group is in text order:
        found by where they start, without walking the others, which a long text may have thousands of)."""
        starts = self._people_starts
        return self.people[bisect_left(starts, a):bisect_left(starts, b)]

    @once
    def _people_starts(self) -> list[int]:
        """Where each people mention starts, in the order of the people group (text order)."""
        return [p.start for p in self.people]

    def event_holding(self, start: int, end: int) -> ext.Mention | None:
        """The first event mention (in order) of the sentence of token ``start`` whose tokens hold tokens
        ``start:end``, if any: found by where the events start and end (the events group is in text order),
        without walking the others of the sentence (a long one may name thousands)."""
        n = self.sent_of[start]
        found = self.events_in.get(n)
        if found is None:
            return None  # the sentence names no event
        index = self._event_index.get(n)
        if index is None:
            index = self._event_index[n] = _bounds_index(found)
        starts, latest_end = index
        k = bisect_right(starts, start)
        holding = None
        while k > 0 and latest_end[k - 1] >= end:  # an earlier one may still end at ``end`` or later
            k -= 1
            if found[k].end >= end:
                holding = found[k]
        return holding

    def nearest_event(self, n: int, i: int, activity: str, real: bool = False,
                      done: bool = False) -> ext.Mention | None:
        """Of the events of sentence ``n`` of ``activity`` or of none (:meth:`event_activity`), and, for a real
        cluster (``real``), none told as missed or only wished for (:meth:`event_denied`), and, for a cluster
        done (``done``), none told as still to come (:meth:`event_ahead`), the one that starts nearest token
        ``i``, the first on a tie; None if none.  The events group is in text order: the nearest are the first
        starting at or after ``i`` and the first of those starting last before it."""
        key = (n, activity, real, done)
        if key not in self._fitting_events:
            fitting = [e for e in self.events_in.get(n, ()) if self.event_activity(e) in (None, activity)
                       and not (real and self.event_denied(e)) and not (done and self.event_ahead(e))]
            self._fitting_events[key] = (fitting, [e.start for e in fitting])
        fitting, starts = self._fitting_events[key]
        k = bisect_left(starts, i)
        after = fitting[k] if k < len(fitting) else None
        before = fitting[bisect_left(starts, starts[k - 1])] if k > 0 else None
        if before is None or after is not None and after.start - i < i - before.start:
            return after
        return before

    def day_between(self, a: int, b: int) -> bool:
        """Whether a day that leads a distance (:attr:`day_led`) is named between tokens ``a`` and ``b``, either
        way round ("Sat parkrun, Sun 16 km long run": Sunday parts the parkrun from the long run)."""
        lo, hi = min(a, b), max(a, b)
        return any(lo < d.start < hi for d in self.day_led.values())

    def day_before(self, n: int, k: int) -> int | None:
        """Where the last date of a day before token ``k`` in sentence ``n`` starts, if there is one: the day
        of the item of a log that token ``k`` is in ("Tue 8 km easy, Thu 45 min swim": Thu's for the swim)."""
        return max((d.start for d in self.dates_in.get(n, ())
                    if d.start < k and d.info is not None and d.info.granularity == "day"), default=None)

    def sentence_words(self, n: int) -> frozenset[str]:
        """The lower-case words of sentence ``n`` (made once per sentence)."""
        words = self._sentence_words.get(n)
        if words is None:
            lo, hi = self.sents[n]
            words = self._sentence_words[n] = frozenset(self.lows[lo:hi])
        return words

    @once
    def worded(self) -> list[int]:
        """For each sentence, how many sentences up to it (itself included) hold a word or a number (a
        letter or a digit)."""
        out, count = [], 0
        text, idx, end = self.text, self.tab.idx, self.tab.end
        for lo, hi in self.sents:
            count += hi > lo and _ALNUM.search(text, idx[lo], end[hi - 1]) is not None
            out.append(count)
        return out

    def worded_between(self, a: int, b: int) -> int:
        """How many sentences after ``a`` up to ``b`` hold a word or a number (``a <= b``)."""
        return self.worded[b] - self.worded[a]

    def _by_sentence(self, found: list[ext.Mention]) -> dict[int, list[ext.Mention]]:
        """``found`` by the sentence each mention starts in, in their order."""
        out: dict[int, list[ext.Mention]] = {}
        sent_of = self.sent_of
        for m in found:
            n = sent_of[m.start]
            if n in out:
                out[n].append(m)
            else:
                out[n] = [m]
        return out

    def event_activity(self, e: ext.Mention) -> str | None:
        """The activity of event ``e``: that of the first activity word in its name, as the text around
        it reads it ("the Race for Life, a 5k walk" is a walk), else the event's own."""
        return self._event_activities.get((e.start, e.end), e.info.activity)

    @once
    def _event_activities(self) -> dict[tuple[int, int], str]:
        """The activity of the first (not generic) activity word inside each event, by the event's bounds."""
        words = sorted((m for m in self.mentions[ext.ACTIVITIES] if not m.info.generic), key=lambda m: m.start)
        starts = [m.start for m in words]
        out: dict[tuple[int, int], str] = {}
        for e in self.mentions[ext.EVENTS]:
            k = bisect_left(starts, e.start)
            if k < len(words) and words[k].start < e.end:
                out[e.start, e.end] = words[k].info.activity
        return out

    def listed_example(self, i: int) -> bool:
        """Whether token ``i`` comes after a phrase opening a list of examples in its sentence
        ("including", "such as")."""
        first = self._first_example_cue.get(self.sent_of[i])
        return first is not None and first < i

    @once
    def day_led(self) -> dict[int, ext.Mention]:
        """The distances right after a day in their sentence, by their first token, with that day's mention:
        nothing between but a colon or a dash ("Tuesday 8 km", "Sat: 12 km") and up to DAY_LABEL_WORDS words
        in lower case that label the session ("Fri easy 5 km", "Wed intervals 6x800m"; not "and")."""
        out: dict[int, ext.Mention] = {}
        ends = {d.end: d for found in self.dates_in.values() for d in found
                if d.info is not None and d.info.granularity == "day"}
        if not ends:
            return out
        text = self.tab.text
        for span in self.mentions[ext.QUANTITIES]:
            if span.info.kind != "distance":
                continue
            k = span.start
            while k > 0 and self.lows[k - 1] in (":", "-", "–"):
                k -= 1
            label = k
            while k not in ends and label - k < DAY_LABEL_WORDS and k > 0 and text[k - 1].isalpha() \
                    and text[k - 1].islower() and self.lows[k - 1] not in CLAUSE_JOINS:
                k -= 1
            if k in ends:
                out[span.start] = ends[k]
        return out

    @once
    def item_starts(self) -> frozenset[int]:
        """Where a further item of a list of sessions may start: a day that leads a distance (:attr:`day_led`:
        "Sat 18 miles long"), or a distance right after a word of LIST_JOINS with another distance before it in its
        sentence ("8 km on Tuesday and 18 km on Saturday"; not the first: "along the old railway line, 14 miles,
        with Jonas" tells one session)."""
        distances = [q for q in self.mentions[ext.QUANTITIES] if q.label == "distance"]
        return frozenset(d.start for d in self.day_led.values()) | frozenset(
            q.start for k, q in enumerate(distances)
            if q.start > 0 and self.lows[q.start - 1] in LIST_JOINS
            and k > 0 and self.sent_of[distances[k - 1].start] == self.sent_of[q.start])

    @once
    def _first_example_cue(self) -> dict[int, int]:
        """The start of the first phrase opening a list of examples, by sentence."""
        out: dict[int, int] = {}
        cues = self.lexicon.example_cues
        for k in self.words_at("example_cues"):  # where a cue's first word is
            n = self.sent_of[k]
            if n not in out and any(tuple(self.lows[k:k + len(cue)]) == cue for cue in cues[self.lows[k]]):
                out[n] = k
        return out

    def text_of(self, m: ext.Mention) -> str:
        return self.text[m.start_char:m.end_char]

    def between(self, a: int, b: int) -> str:
        """The text of tokens ``a:b``, stripped (empty when ``b <= a``)."""
        tab = self.tab
        return self.text[tab.idx[a]:tab.end[b - 1]].strip() if b > a else ""

    def breaks(self, a: int, b: int) -> int:
        """How many clause breaks (``clause_breaks``) tokens ``a:b`` hold."""
        if b <= a:
            return 0
        at = self._break_at
        return bisect_left(at, b) - bisect_left(at, a)

    def total_label(self, start: int, end: int) -> bool:
        """Whether the distance over tokens ``start:end`` is labelled a total right before or after it, in its
        sentence ("Total: 1000m", "1000m total", "1000m in total")."""
        total_words, lows = self.lexicon.total_words, self.lows
        lo, hi = self.sents[self.sent_of[start]]
        before = [w for w in lows[max(lo, start - 2):start] if w != ":"]
        after = lows[end:min(hi, end + 2)]
        return bool(before) and before[-1] in total_words or bool(after) and after[0] in total_words \
            or after == ["in", "total"]

    def blank_line_between(self, a: int, b: int) -> bool:
        """Whether a blank line stands between tokens ``a`` and ``b`` (``a <= b``)."""
        return ext.BLANK_LINE.search(self.text, self.tab.idx[a], self.tab.idx[b]) is not None

    def goes_to_work(self, end: int) -> bool:
        """Whether the activity word ending at ``end`` is told going to a commute place: "to" at most
        COMMUTE_VERB_REACH words after it, then one of the places of ``commutes`` (linking.json) at most its
        reach words on, in its sentence ("Cycled to work", "Rode my bike to the office")."""
        lows, lex = self.lows, self.lexicon
        hi = self.tab.sent_hi[end - 1]
        to = next((k for k in range(end, min(hi, end + COMMUTE_VERB_REACH + 1)) if lows[k] == "to"), None)
        return to is not None and any(w in lex.commute_places for w in lows[to + 1:min(hi, to + 1 + lex.commute_reach)])

    def opens_line(self, n: int) -> bool:
        """Whether sentence ``n`` opens a line: only blanks before it on its line."""
        start = self.tab.idx[self.sents[n][0]]
        return not self.text[self.text.rfind("\n", 0, start) + 1:start].strip()

    def labelled_line(self, n: int) -> bool:
        """Whether sentence ``n`` opens a line with a label: at most FORM_LABEL_WORDS words and a colon ("Moving
        time:")."""
        if not self.opens_line(n):
            return False
        start = self.tab.idx[self.sents[n][0]]
        end = self.text.find("\n", start)
        label, colon, _ = self.text[start:end if end >= 0 else len(self.text)].partition(":")
        words = label.split()
        return bool(colon) and 0 < len(words) <= FORM_LABEL_WORDS and all(w.isalpha() for w in words)

    def form_lines_after(self, n: int) -> Iterator[int]:
        """The sentences after sentence ``n`` in the unbroken run of labelled lines of its form ("Walkers:
        Tamsin, Rhodri", "Set off: 8:05", ..., "Distance: 21.6 km"), at most FORM_REACH on, up to and with
        the first line with no label: a sentence that opens no line, or has no words, is part of the line
        before."""
        for k in range(n + 1, min(len(self.sents), n + 1 + FORM_REACH)):
            yield k
            if self.worded_between(k - 1, k) and self.opens_line(k) and not self.labelled_line(k):
                return

    def opens_what_follows(self, n: int) -> bool:
        """Whether sentence ``n`` ends in a colon that ends its line, after more than a label's words
        (OPENING_WORDS): it opens the lines after it ("Later I met Elin at the lido and did:"), and is of the
        session they tell; not a colon before a time the sentence splitter cut off ("8 x 25 on :45")."""
        lo, hi = self.sents[n]
        words = [k for k in range(lo, hi) if not self.tab.text[k].isspace()]
        if len(words) <= OPENING_WORDS or self.tab.text[words[-1]] != ":":
            return False
        after = self.tab.end[words[-1]]
        line_end = self.text.find("\n", after)
        return not self.text[after:line_end if line_end >= 0 else len(self.text)].strip()

    def clause_start(self, k: int) -> int:
        """The first token of the clause that holds token ``k``: right after the last clause break before it
        in its sentence, else the sentence's first."""
        lo = self.sents[self.sent_of[k]][0]
        at = self._break_at
        j = bisect_left(at, k) - 1
        return at[j] + 1 if j >= 0 and at[j] >= lo else lo

    @once
    def _break_at(self) -> list[int]:
        """The tokens that are clause breaks, in order; a hyphen inside a word ("five-a-side") is none."""
        return [k for k in self.words_at("breaks") if self.lows[k] != "-" or not self.inner_hyphen(k)]

    def inner_hyphen(self, k: int) -> bool:
        """Whether token ``k`` is a hyphen inside a word, with no space on either side ("five-a-side")."""
        tab = self.tab
        return tab.text[k] == "-" and 0 < k < tab.n - 1 \
            and tab.end[k - 1] == tab.idx[k] and tab.end[k] == tab.idx[k + 1]

    def words_on(self, k: int, n: int) -> int:
        """The token after the first ``n`` words from token ``k`` on, a hyphenated word ("five-a-side") one."""
        j, tab = k, self.tab
        for _ in range(n):
            if j >= tab.n:
                break
            j += 1
            while j + 1 < tab.n and self.inner_hyphen(j):
                j += 2
        return j

    def person_index(self, p: ext.Mention) -> int:
        """The place of ``p`` (one of the people mentions) in the people group: that of the first mention equal
        to it in bounds and label, found among those that start where it does (the group is in text order)."""
        people = self.people
        k = bisect_left(self._people_starts, p.start)
        while people[k].end != p.end or people[k].label != p.label:
            k += 1
        return k

    def sentences_with(self, words: Iterable[str]) -> set[int]:
        """The sentences that hold any of the marker words ``words`` (of :data:`MARKERS`)."""
        return set().union(*(self.marked.get(w, ()) for w in words))

    @once
    def first_person_sents(self) -> set[int]:
        """The sentences that hold a first-person marker word (:data:`FIRST_PERSON`)."""
        return self.sentences_with(FIRST_PERSON)

    @once
    def others_name_ends(self) -> frozenset[int]:
        """In a text told in the first person, where the names of people other than the author end: a time
        right after one is that person's result ("Results: 1. Jonas Berg 31:02 2. ..."), not the author's
        session's (in a text about others, the person named may be whose session it is)."""
        if not self.first_person:
            return frozenset()
        return frozenset(p.end for p in self.people if not p.info.pronoun and p.info.name != self.author)

    @once
    def credit_words_at(self) -> list[int]:
        """The tokens that are credit words (``credit_words``: "photo", "video"), in order."""
        return self.words_at("credit_words")

    @once
    def attributes_named(self) -> list[str]:
        """The :data:`ATTRIBUTES` the text holds ("barefoot", "virtual"), in their order."""
        return [a for a in ATTRIBUTES if a in self.marked]

    @once
    def list_joins_at(self) -> list[int]:
        """The tokens that join the items of a list (:data:`LIST_JOINS`), in order."""
        return self.words_at("list_joins")

    @once
    def list_openers_at(self) -> list[int]:
        """The tokens that open a further item of a list (:data:`LIST_ITEM_OPENERS`), in order."""
        return self.words_at("list_openers")

    @once
    def spectating_at(self) -> list[int]:
        """The tokens that are words of watching or helping at someone else's session (``spectating``), in
        order."""
        return self.words_at("spectating")

    @once
    def comparison_lasts_at(self) -> list[int]:
        """The tokens that are the last word of a ``comparison`` phrase, in order."""
        return self.words_at("comparison_lasts")

    @once
    def totalling_sents(self) -> set[int]:
        """The sentences that hold both a word of a total (``total``) and a period (``periods``): "my
        total for June"."""
        def holding(kind: str) -> set[int]:
            return {self.sent_of[i] for i in self.words_at(kind)}
        return holding("total_words") & holding("periods")

    def holds(self, word: str, sents: set[int]) -> bool:
        """Whether any of the sentences ``sents`` holds the marker word ``word`` (of :data:`MARKERS`)."""
        return word in self.marked and not self.marked[word].isdisjoint(sents)

    def evidence(self, start: int, end: int) -> dict:
        """Tokens ``start:end`` as the fields of an :class:`~fitpost.schema.Evidence`."""
        first, last = self.tab.idx[start], self.tab.end[end - 1]
        return {"text": self.text[first:last], "start": first, "end": last}
