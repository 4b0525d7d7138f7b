"""fitpost_quantities: distances, durations, counts, repetitions, frequencies, paces, elevations.

Runs :func:`fitpost.quantity_parser.parse_quantities` on ``doc.text`` (pure
Python, no tagger needed, so it works the same on ``spacy.blank("en")`` and on
a statistical pipeline) and puts one span per quantity in
``doc.spans["fp_quantities"]``, labelled with the quantity's kind, with the
:class:`~fitpost.schema.Quantity` in ``span._.fp_quantity``.  Character
offsets are widened to token boundaries (``alignment_mode="expand"``): "20km"
glued to a word the tokenizer did not split still gets a span.

Config:

``include_parts`` (default ``false``)
    Also add the terms of a compound ("3 hours" and "12 minutes" in "3 hours,
    12 minutes") as spans; by default only the whole compound is a span.

``spans_key`` (default ``"fp_quantities"``)
    The span group to fill (the other fitpost components read ``fp_quantities``).

A Doc is serialised with msgpack (``Doc.to_bytes``, and so ``nlp.pipe(...,
n_process=2)`` and ``DocBin``), which cannot pack a pydantic model by itself:
the component registers fitpost's msgpack encoder
(:mod:`fitpost.components.serial`), so ``span._.fp_quantity`` survives the trip.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from fitpost import ext
from fitpost.components.base import Component
from fitpost.quantity_parser import parse_quantities


class QuantityFinder(Component):
    """Mark quantities as spans, in the manner of spaCy's ``span_ruler``."""

    def load(self) -> None:
        self.include_parts = bool(self.config["include_parts"])
        self.spans_key = self.config["spans_key"]

    def __call__(self, doc: Doc) -> Doc:
        found = []
        text = ext.text(doc)
        tab = ext.tokens(doc)
        for q in parse_quantities(text, parts=self.include_parts):
            bounds = tab.expand(q.start, q.end, len(text))
            if bounds is None or bounds[0] == bounds[1]:
                continue
            found.append((*bounds, q.kind, q))
        ext.add(doc, self.spans_key, "fp_quantity", found)
        return doc


@Language.factory(
    "fitpost_quantities",
    default_config={"include_parts": False, "spans_key": ext.QUANTITIES},
    assigns=["doc.spans", "span._.fp_quantity"],
)
def make_quantities(nlp: Language, name: str, include_parts: bool, spans_key: str) -> QuantityFinder:
    return QuantityFinder(nlp, name, include_parts=include_parts, spans_key=spans_key)
