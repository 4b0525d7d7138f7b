"""fitpost_activities: placeholder until its issue lands (adds nothing to the Doc)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from fitpost.components.base import Component


class ActivityFinder(Component):
    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory("fitpost_activities", default_config={})
def make_activities(nlp: Language, name: str) -> ActivityFinder:
    return ActivityFinder(nlp, name)
