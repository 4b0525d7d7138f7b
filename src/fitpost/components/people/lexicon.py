"""The word lists of ``fitpost_people`` (``models/people.json``) as lookup tables."""
from __future__ import annotations

import re
from dataclasses import dataclass

from fitpost import resources


@dataclass(frozen=True)
class Lexicon:
    """What ``fitpost_people`` knows by heart: relation words, group words, speech verbs, titles."""

    relations: dict[str, tuple[str, str]]  # "wife" -> ("f", "spouse"): the relative's gender ("" unknown), kind
    gender_words: dict[str, str]  # "actress" -> "f": a word before a name that tells the person's gender
    groups: tuple[str, ...]  # "the couple", "the duo" ...: words for two or more people, longest first
    speech: frozenset[str]  # "said", "wrote" ...: words that attribute a quote
    not_names: frozenset[str]  # capitalised words that are never part of a person's name
    titles: frozenset[str]  # "marathoner", "dr" ...: a word before a name that is not part of it
    place_preps: frozenset[str]  # a model's "person" right after one of these is a place
    # the most tokens a relation is read over: the most words of a relation ("love of my life"),
    # so "mother-in-law", which the tokenizer splits into five tokens, is read as "mother"
    rel_max: int
    # the tokens a relation starts with: its first word, and for a hyphenated one the word before the hyphen
    rel_first: frozenset[str]
    # any group word, not inside a longer word; the longest first, so "the couple's" is one hit
    group_re: re.Pattern | None

    @classmethod
    def read(cls, name: str) -> Lexicon:
        """The lexicon in ``models/<name>``."""
        data = resources.load_json(name)
        relations = {k: tuple(v) for k, v in data["relations"].items()}
        groups = tuple(sorted(data["groups"], key=len, reverse=True))
        return cls(
            relations=relations,
            gender_words={w: g for g, ws in data["gender_words"].items() for w in ws},
            groups=groups,
            speech=frozenset(data["speech_verbs"]),
            not_names=frozenset(data["not_names"]),
            titles=frozenset(data["titles"]),
            place_preps=frozenset(data["place_prepositions"]),
            rel_max=max(len(k.split()) for k in relations),
            rel_first=frozenset(k.split()[0] for k in relations) |
            frozenset(k.replace("-", " - ").split()[0] for k in relations),
            group_re=re.compile(r"\b(?:" + "|".join(re.escape(g) for g in groups) + r")\b") if groups else None,
        )
