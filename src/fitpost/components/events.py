"""fitpost_events: placeholder until its issue lands (adds nothing to the Doc)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from fitpost.components.base import Component


class EventFinder(Component):
    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory("fitpost_events", default_config={})
def make_events(nlp: Language, name: str) -> EventFinder:
    return EventFinder(nlp, name)
