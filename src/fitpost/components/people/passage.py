"""What ``fitpost_people`` knows of one Doc while it reads it: one object per Doc, never kept on the component."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from fitpost import ext


class PersonRef(NamedTuple):
    """A mention of a person: its character offsets and what it says."""

    start: int
    end: int
    info: ext.PersonInfo


@dataclass
class Passage:
    """One Doc's people, filled in as they are found and resolved."""

    text: str  # the Doc's text
    tab: ext.Tokens  # the Doc's token table
    quotes: list[tuple[int, int]]  # quotations as character offsets, in order
    author: str | None = None  # who "I" and "we" are outside quotes (``doc._.fp_author``)
    cues: dict[str, list[int]] = field(default_factory=dict)  # the tokens of each kind of cue word (finding.cue_tokens)
    full: list[str] = field(default_factory=list)  # the fullest form of each name, in the order first named
    # the mentions in the order they are found: names, short names, handles, relation phrases
    mentions: list[PersonRef] = field(default_factory=list)
    count: dict[str, int] = field(default_factory=dict)  # mentions per name, in the order first counted
    handles: dict[str, str | None] = field(default_factory=dict)  # each handle -> the person it names
    main: str | None = None  # the person named most often
    gender: dict[str, str] = field(default_factory=dict)  # a name -> "m" or "f"
    spouse: dict[str, str] = field(default_factory=dict)  # both ways: a person -> their spouse or partner
    relation_of: dict[str, str] = field(default_factory=dict)  # a name -> how the text relates them ("wife")
    speakers: dict[tuple[int, int], str | None] = field(default_factory=dict)  # each quote -> who said it

    def add(self, start: int, end: int, info: ext.PersonInfo) -> None:
        """Add a mention."""
        self.mentions.append(PersonRef(start, end, info))

    def add_person(self, start: int, end: int, name: str | None, handle: str | None = None,
                   companion: bool = False) -> None:
        """Add a mention of a person by name or handle; it counts for the person it names."""
        self.mentions.append(PersonRef(start, end, ext.PersonInfo(name=name, handle=handle, companion=companion)))
        if name:
            self.count[name] = self.count.get(name, 0) + 1
