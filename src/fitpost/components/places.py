"""fitpost_places: placeholder until its issue lands (adds nothing to the Doc)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from fitpost.components.base import Component


class PlaceFinder(Component):
    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory("fitpost_places", default_config={})
def make_places(nlp: Language, name: str) -> PlaceFinder:
    return PlaceFinder(nlp, name)
