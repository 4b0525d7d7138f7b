"""fitpost_people: find people and resolve them inside the document.

Named people (the model's PERSON entities, else capitalised name sequences),
@handles, relation phrases ("his wife, Asha Rao", "with her husband"), group
words ("the couple", "the duo") and pronouns become spans in
``doc.spans["fp_people"]``, each with an :class:`~fitpost.ext.PersonInfo` in
``span._.fp_person``.  Each is resolved within the document: a short name to
the fullest name given, a handle to the person it names, "he"/"she" to the
person the passage is about, "I"/"we" inside a quote to the person the quote is
attributed to and, outside quotes, to the post's author (``doc._.fp_author``).
``doc._.fp_roster`` (an :class:`~fitpost.ext.Roster`) keeps the result: the
main person, what is known of each person, spouses, quotes and their speakers.

The work is in three parts: :mod:`.finding` (where people are mentioned),
:mod:`.resolving` (who they are, on one :class:`.passage.Passage` per Doc) and
:mod:`.writing` (spans and roster).  The word lists are ``models/people.json``
(:mod:`.lexicon`).

Config:

``lexicon`` (default ``"people.json"``)
    The word lists, a file in ``models/``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from fitpost import ext
from fitpost.components.base import Component
from fitpost.components.people import resolving, writing
from fitpost.components.people.lexicon import Lexicon
from fitpost.components.people.passage import Passage, PersonRef

DEFAULT_CONFIG = {"lexicon": "people.json"}


class PeopleFinder(Component):
    """Mark and resolve person mentions, in the manner of spaCy's ``span_ruler``."""

    def load(self) -> None:
        self.lexicon = Lexicon.read(self.config.get("lexicon", DEFAULT_CONFIG["lexicon"]))

    def __call__(self, doc: Doc) -> Doc:
        people, mentions = self.resolve(doc)
        self.set_annotations(doc, people, mentions)
        return doc

    def resolve(self, doc: Doc) -> tuple[Passage, list[PersonRef]]:
        """The people of ``doc`` (nothing written to it): what is known of them, and every mention in text order."""
        return resolving.resolve(self.lexicon, doc)

    def set_annotations(self, doc: Doc, people: Passage, mentions: list[PersonRef]) -> None:
        """Write the spans and ``doc._.fp_roster``."""
        writing.write(doc, people, mentions)


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


@Language.factory(
    "fitpost_people",
    assigns=["doc.spans", "span._.fp_person", "doc._.fp_roster"],
    default_config=DEFAULT_CONFIG,
)
def make_people(nlp: Language, name: str, lexicon: str) -> PeopleFinder:
    return PeopleFinder(nlp, name, lexicon=lexicon)


__all__ = ["PeopleFinder", "make_people", "named_tokens", "named_token_set", "DEFAULT_CONFIG"]
