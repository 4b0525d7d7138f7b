"""fitpost_dates: placeholder until its issue lands (adds nothing to the Doc)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from fitpost.components.base import Component


class DateFinder(Component):
    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory("fitpost_dates", default_config={})
def make_dates(nlp: Language, name: str) -> DateFinder:
    return DateFinder(nlp, name)
