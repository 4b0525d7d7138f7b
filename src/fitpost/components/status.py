"""fitpost_status: placeholder until its issue lands (adds nothing to the Doc)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from fitpost.components.base import Component


class StatusTagger(Component):
    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory("fitpost_status", default_config={})
def make_status(nlp: Language, name: str) -> StatusTagger:
    return StatusTagger(nlp, name)
