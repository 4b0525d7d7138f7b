"""fitpost_records: turn the Doc's activity mentions into pydantic records (placeholder linking)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from fitpost import ext
from fitpost.components.base import Component
from fitpost.schema import Activity, Evidence


class RecordBuilder(Component):
    def __call__(self, doc: Doc) -> Doc:
        records = []
        for span in ext.group(doc, ext.ACTIVITIES):
            info = span._.fp_activity
            st = span._.fp_status
            records.append(Activity(
                activity=info.activity, sport_type=info.sport_type, exercise=info.exercise,
                evidence=Evidence(text=span.text, start=span.start_char, end=span.end_char),
                status=st.status if st else "completed"))
        doc._.fp_records = records
        return doc


@Language.factory("fitpost_records", default_config={})
def make_records(nlp: Language, name: str) -> RecordBuilder:
    return RecordBuilder(nlp, name)
