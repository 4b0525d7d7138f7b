"""fitpost_people: placeholder until its issue lands (adds nothing to the Doc)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from fitpost.components.base import Component


class PeopleFinder(Component):
    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory("fitpost_people", default_config={})
def make_people(nlp: Language, name: str) -> PeopleFinder:
    return PeopleFinder(nlp, name)
