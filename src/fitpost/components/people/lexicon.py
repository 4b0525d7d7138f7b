"""The word lists of ``fitpost_people`` (``models/people.json``) as lookup tables."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from fitpost import ext, resources

# the personal pronouns, by person
FIRST = frozenset(("i", "me", "my", "mine", "myself"))
WE = frozenset(("we", "us", "our", "ours", "ourselves"))
MALE = frozenset(("he", "him", "his", "himself"))
FEMALE = frozenset(("she", "her", "hers", "herself"))
THEY = frozenset(("they", "them", "their", "theirs"))
PRONOUNS = FIRST | WE | MALE | FEMALE | THEY


def _phrases(items: list[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(item.split()) for item in items)


def _one_words(items) -> frozenset[str]:
    """The items of one word."""
    return frozenset(w for w in items if " " not in w)


@dataclass(frozen=True)
class Lexicon:
    """What ``fitpost_people`` knows by heart: relation words, group words, speech verbs, titles."""

    relations: dict[str, tuple[str, str]]  # "wife" -> ("f", "spouse"): the relative's gender ("" unknown), kind
    gender_words: dict[str, str]  # "actress" -> "f": a word before a name that tells the person's gender
    groups: tuple[str, ...]  # "the couple", "the duo" ...: words for two or more people, longest first
    speech: frozenset[str]  # "said", "wrote" ...: words that attribute a quote
    doing: frozenset[str]  # "went", "completed" ...: a name before one, an activity word after, does it
    not_names: frozenset[str]  # capitalised words that are never part of a person's name
    titles: frozenset[str]  # "marathoner", "dr" ...: a word before a name that is not part of it
    ranks: frozenset[tuple[str, ...]]  # "group captain" ...: titles of more than one word, as words
    rivals_before: frozenset[tuple[str, ...]]  # "ahead of" ...: a name right after one is a rival's
    interview_cues: frozenset[tuple[str, ...]]  # "spoke to" ...: a name after one is who a text interviews
    place_preps: frozenset[str]  # a model's "person" right after one of these is a place
    # the most tokens a relation is read over: the most words of a relation ("love of my life"),
    # so "mother-in-law", which the tokenizer splits into five tokens, is read as "mother"
    rel_max: int
    # any group word, not inside a longer word; the longest first, so "the couple's" is one hit
    group_re: re.Pattern | None
    # words that are never a one-word name: the common words of people.json, relation words, titles,
    # stop words, the never-names, and the activity words of activities.json ("Lunch", "Husband", "Running")
    not_alone: frozenset[str]
    stop: frozenset[str]  # spaCy's English stop words: never a word of a name ("With Asha")
    # words that make a name a place, an organisation, a thing or an event: people.json's place, org and
    # thing words and the one-word event heads of events.json ("Alder River", "Hill Runners Club", "Race Results")
    not_in_name: frozenset[str]
    place_openers: frozenset[str]  # a name of two words or more opening with one of these is a place ("South Downs")
    people_nouns: frozenset[str]  # a name right before one of these names no one ("Larkspur man")
    place_before: frozenset[tuple[str, ...]]  # a name right after one of these is a place ("summit of")
    place_before_lengths: frozenset[int]  # how many words the place_before cues have
    # a group a company cue names before a bracket of its people's names ("with the Tuesday crew (Ali and Bea)")
    company_groups: frozenset[str]
    company_before: frozenset[tuple[str, ...]]  # a name right after one of these is a companion ("with")
    company_after: frozenset[tuple[str, ...]]  # a name right before one of these is a companion ("and I")
    # company cues that join a subject to the people after them: the name before one is a person ("Rhodri, along
    # with Jonas, rode")
    company_joining: frozenset[tuple[str, ...]]
    company_firsts: frozenset[str]  # the first words of the company cues, before and after
    company_lengths: dict[str, tuple[int, ...]]  # the first word of a company cue -> how many words its cues have
    activity_nouns: frozenset[str]  # the one-word activity nouns of activities.json ("run", "ride")
    # each kind of word a rule of finding is keyed on -> its words: "company" (a first word of a company
    # cue), "speech", "doing", "relation" (a word a relation starts with), "pronoun", "title"; a Doc's tokens are
    # looked up by these words once (``finding.cue_tokens``)
    cues: dict[str, frozenset[str]]
    count_ordinals: frozenset[str]  # "a first swim for Ottilie": counted_for of linking.json, as records read it
    count_number_words: frozenset[str]  # "parkrun number 50 for Jonas"
    cue_kinds: dict[str, tuple[str, ...]]  # each word of ``cues`` -> the kinds it is a cue of, in the order of ``cues``

    @classmethod
    def read(cls, name: str) -> Lexicon:
        """The lexicon in ``models/<name>``."""
        data = resources.load_json(name)
        relations = {k: tuple(v) for k, v in data["relations"].items()}
        groups = tuple(sorted(data["groups"], key=len, reverse=True))
        acts = resources.load_json("activities.json")["activities"].values()
        activity_nouns = {w for a in acts for w in a["nouns"]}
        activity_words = activity_nouns | {w for a in acts for w in a["verbs"]}
        # and a part of a place before "of" ("the streets of X"), of places.json
        place_parts = resources.load_json("places.json")["place_parts"]
        counted = resources.load_json("linking.json")["counted_for"]  # who a session counted for
        titles = frozenset(data["titles"]) | frozenset(data["nationalities"])  # a nationality is read as a title
        place_before = _phrases(data["place_before"]) | {(part, "of") for part in place_parts}
        company_before, company_after = _phrases(data["company_before"]), _phrases(data["company_after"])
        company_lengths: dict[str, set[int]] = {}
        for cue in company_before | company_after:
            company_lengths.setdefault(cue[0], set()).add(len(cue))
        # the tokens a relation starts with: its first word, and for a hyphenated one the word before the hyphen
        rel_first = frozenset(k.split()[0] for k in relations) | \
            frozenset(k.replace("-", " - ").split()[0] for k in relations)
        cues = {"company": frozenset(company_lengths), "speech": frozenset(data["speech_verbs"]),
                "doing": frozenset(data["doing_verbs"]), "relation": rel_first, "pronoun": PRONOUNS,
                "title": titles}
        return cls(
            relations=relations,
            gender_words={w: g for g, ws in data["gender_words"].items() for w in ws},
            groups=groups,
            speech=frozenset(data["speech_verbs"]),
            doing=frozenset(data["doing_verbs"]),
            not_names=frozenset(data["not_names"]),
            titles=titles,
            ranks=_phrases(data["ranks"]),
            rivals_before=_phrases(data["rivals_before"]["phrases"]),
            interview_cues=_phrases(data["interview_cues"]["phrases"]),
            place_preps=frozenset(data["place_prepositions"]),
            rel_max=max(len(k.split()) for k in relations),
            group_re=re.compile(r"\b(?:" + "|".join(re.escape(g) for g in groups) + r")\b") if groups else None,
            not_alone=frozenset(data["common_words"]) | _one_words(relations) | titles
            | frozenset(STOP_WORDS) | frozenset(data["not_names"]) | _one_words(activity_words),
            not_in_name=frozenset(data["place_words"]) | frozenset(data["org_words"]) | frozenset(data["thing_words"])
            | _one_words(resources.load_json("events.json")["heads"]),
            stop=frozenset(STOP_WORDS),
            place_openers=frozenset(data["place_openers"]),
            people_nouns=frozenset(data["people_nouns"]),
            place_before=place_before, place_before_lengths=frozenset(map(len, place_before)),
            company_groups=frozenset(data["company_groups"]["words"]) | frozenset(data["people_nouns"])
            | _one_words(relations) | frozenset(k + "s" for k in _one_words(relations)),
            company_before=company_before, company_after=company_after,
            company_joining=_phrases(data["company_joining"]["cues"]),
            company_firsts=frozenset(c.split()[0] for c in data["company_before"] + data["company_after"]),
            company_lengths={w: tuple(sorted(ns)) for w, ns in company_lengths.items()},
            activity_nouns=_one_words(activity_nouns),
            cues=cues,
            count_ordinals=frozenset(counted["ordinals"]), count_number_words=frozenset(counted["number_words"]),
            cue_kinds=ext.word_kinds(cues),
        )

    def title_length(self, words: list[str]) -> int:
        """How many of ``words`` (lower case, in order) a title opening them takes: a rank's words ("group
        captain", "air vice marshal"), else one title word ("dr", "marathoner"), else none (0)."""
        for size in (3, 2):
            if tuple(words[:size]) in self.ranks:
                return size
        return 1 if words and self.is_title(words[0]) else 0

    def is_title(self, word: str) -> bool:
        """Whether ``word`` (lower case) is a title: a title word ("marathoner"), one after a prefix and a
        hyphen ("ultra-runner"), or any word after "ex-" ("ex-footballer": what someone was)."""
        if word in self.titles:
            return True
        prefix, hyphen, rest = word.rpartition("-")
        return bool(hyphen) and rest.isalpha() and (rest in self.titles or prefix == "ex")
