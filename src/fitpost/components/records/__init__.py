"""fitpost_records: link what the other components found into activity records (``doc._.fp_records``).

The steps, each a module of this package, run in order over one
:class:`~fitpost.components.records.context.Context` (what the Doc holds):

0. :mod:`.amounts`: distances and durations that are not a session's own (a goal time, a
   split, shoe mileage ...) are set aside.
1. :mod:`.clusters`: activity mentions become clusters ("ran the marathon" is
   one; "covered 24 km" is one too).
2. :mod:`.attach` (and :mod:`.company` for people): quantities, people, places,
   the event and the date attach to the clusters of their sentence.
3. :mod:`.merge`: clusters merge into records; sentences with no activity lend
   their distance, company or route (:mod:`.lending`), their route or event
   (:mod:`.frames`) or their date (:mod:`.dating`) to the records around them, a
   definite "the race" takes the one race of its activity the text names
   (:mod:`.frames`); a record with no date takes its section's heading date or,
   in a first-person report of the day, the post date (:mod:`.dating`, once the
   claims of step 4 are kept).
4. :mod:`.claims`: only the records that claim a session stay (a bare
   topical mention, "swimming is great for you", claims none).  Then
   (:mod:`.amounts`) a result in a sentence with no activity ("I did it in
   1:02:50") goes to a record before it, and each record keeps the duration that
   is plausible for its activity and distance (``models/speeds.json``).
5. :mod:`.build`: each record becomes a :class:`~fitpost.schema.Activity`.

The component keeps only its word lists (:class:`.context.Lexicon`): nothing of
a Doc stays on it between calls.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from fitpost import ext
from fitpost.components.base import Component
from fitpost.components.records.amounts import set_aside, settle_amounts
from fitpost.components.records.attach import attach_all
from fitpost.components.records.build import to_activity
from fitpost.components.records.claims import keep_claims
from fitpost.components.records.clusters import find_clusters
from fitpost.components.records.context import Context, Lexicon
from fitpost.components.records.dating import lend_dates, settle_plans
from fitpost.components.records.frames import lend_frames, lend_named_race, lend_roles
from fitpost.components.records.lending import lend_orphans
from fitpost.components.records.merge import merge_records
from fitpost.components.records.model import Cluster, Record

# the file in models/ with the linking cues; the least confidence a record must have to be kept
DEFAULT_CONFIG = {"lexicon": "linking.json", "min_confidence": 0.0}


class RecordBuilder(Component):
    """Build :class:`~fitpost.schema.Activity` records from the Doc's mentions."""

    def load(self) -> None:
        self.lexicon = Lexicon.load(self.config.get("lexicon", DEFAULT_CONFIG["lexicon"]))

    def __call__(self, doc: Doc) -> Doc:
        ctx = Context(doc, self.lexicon)
        set_aside(ctx)
        clusters = find_clusters(ctx)
        ctx.cluster_sents = {c.sent for c in clusters}
        attach_all(ctx, clusters)
        records = merge_records(ctx, clusters)
        lend_orphans(ctx, records, clusters)
        lend_frames(ctx, records, clusters)
        lend_named_race(ctx, records)
        lend_roles(ctx, records)
        records = keep_claims(ctx, records)
        settle_amounts(ctx, records, clusters)
        settle_plans(ctx, records)
        lend_dates(ctx, records, clusters)  # a date lent is no claim of a session
        ctx.cluster_sents |= {c.sent for r in records for c in r.clusters}  # with what was lent too
        least = float(self.config.get("min_confidence", DEFAULT_CONFIG["min_confidence"]))
        activities = [to_activity(ctx, r) for r in records]
        ext.set_doc_value(doc, "fp_records", [a for a in activities if a.confidence >= least])
        return doc


@Language.factory(
    "fitpost_records",
    assigns=["doc._.fp_records"],
    requires=["doc.sents", "doc.spans", "doc._.fp_roster", "span._.fp_quantity", "span._.fp_activity",
              "span._.fp_status", "span._.fp_person", "span._.fp_place", "span._.fp_event", "span._.fp_date"],
    default_config=DEFAULT_CONFIG,
)
def make_records(nlp: Language, name: str, lexicon: str, min_confidence: float) -> RecordBuilder:
    return RecordBuilder(nlp, name, lexicon=lexicon, min_confidence=min_confidence)


__all__ = ["RecordBuilder", "make_records", "Cluster", "Record", "Context", "Lexicon"]
