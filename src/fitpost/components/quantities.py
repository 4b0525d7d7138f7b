"""fitpost_quantities: placeholder until its issue lands (adds nothing to the Doc)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from fitpost.components.base import Component


class QuantityFinder(Component):
    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory("fitpost_quantities", default_config={})
def make_quantities(nlp: Language, name: str) -> QuantityFinder:
    return QuantityFinder(nlp, name)
