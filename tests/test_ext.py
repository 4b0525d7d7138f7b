"""The shared per-Doc tables: what ext.add writes is what spaCy's span._ reads, and ext.mentions
reads the span groups anew when the Doc went through bytes or a group changed behind fitpost."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from fitpost import ext
from fitpost.components import serial


def _doc(nlp, text: str) -> Doc:
    doc = nlp(text)
    ext.add(doc, ext.QUANTITIES, "fp_quantity", [(1, 3, "distance", "q1"), (7, 9, "duration", "q2")])
    ext.add(doc, ext.ACTIVITIES, "fp_activity", [(0, 1, "running", "a1")])
    return doc


def test_add_writes_the_group_and_the_extension_spacy_reads(blank_nlp):
    doc = _doc(blank_nlp, "Ran 12 km along the river in 58 minutes.")
    spans = list(doc.spans[ext.QUANTITIES])
    assert [(s.start, s.end, s.label_, s.text) for s in spans] == [(1, 3, "distance", "12 km"),
                                                                   (7, 9, "duration", "58 minutes")]
    assert [s._.fp_quantity for s in spans] == ["q1", "q2"]
    assert Span(doc, 0, 1)._.fp_activity == "a1"  # keyed by characters, as spaCy keys it


def test_mentions_are_the_group_with_values(blank_nlp):
    doc = _doc(blank_nlp, "Ran 12 km along the river in 58 minutes.")
    found = ext.mentions(doc, ext.QUANTITIES, "fp_quantity")
    assert [(m.start, m.end, m.label, m.info, m.start_char, m.end_char) for m in found] == [
        (1, 3, "distance", "q1", 4, 9), (7, 9, "duration", "q2", 29, 39)]
    assert ext.mentions(doc, ext.PLACES, "fp_place") == []
    assert ext.PLACES not in doc.spans  # reading does not make a group


def test_set_status_is_span_fp_status(blank_nlp):
    doc = _doc(blank_nlp, "Ran 12 km along the river in 58 minutes.")
    (mention,) = ext.mentions(doc, ext.ACTIVITIES, "fp_activity")
    ext.set_status(doc, mention, "done")
    assert doc.spans[ext.ACTIVITIES][0]._.fp_status == "done"
    assert mention.status == "done"


def test_mentions_survive_bytes_and_outside_changes(blank_nlp):
    serial.register()  # as every fitpost component does: the token table goes into bytes as nothing
    doc = _doc(blank_nlp, "Ran 12 km along the river in 58 minutes.")
    ext.set_status(doc, ext.mentions(doc, ext.ACTIVITIES, "fp_activity")[0], "done")
    back = Doc(blank_nlp.vocab).from_bytes(doc.to_bytes())
    (m,) = ext.mentions(back, ext.ACTIVITIES, "fp_activity")
    assert (m.start, m.end, m.label, m.info, m.status) == (0, 1, "running", "a1", "done")
    # a user's own span in the group, not made through ext.add: read again, value and all
    extra = Span(back, 4, 6, label="distance")
    extra._.fp_quantity = "mine"
    back.spans[ext.QUANTITIES].append(extra)
    assert [q.info for q in ext.mentions(back, ext.QUANTITIES, "fp_quantity")] == ["q1", "q2", "mine"]
    # and adding after such a change keeps the group and the list in step
    ext.add(back, ext.QUANTITIES, "fp_quantity", [(2, 3, "distance", "q3")])
    assert [q.info for q in ext.mentions(back, ext.QUANTITIES, "fp_quantity")] == ["q1", "q2", "mine", "q3"]


def test_token_table_matches_spacy():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for text in ["", "x", "Hi. There  we\ngo!\n\nAgain, 5k?", "İstanbul ΟΔΟΣ run"]:
        doc = nlp(text)
        tab = ext.tokens(doc)
        assert tab.text == [t.text for t in doc]
        assert tab.lower == [t.lower_ for t in doc]
        assert tab.idx == [t.idx for t in doc]
        assert tab.sents == [(s.start, s.end) for s in doc.sents] if len(doc) else tab.sents == []
        assert tab.sent_lo == [t.sent.start for t in doc]
        assert tab.sent_hi == [t.sent.end for t in doc]
        assert tab.norm_ids() == [t.norm for t in doc]


def test_words_of_several_kinds_are_found_under_each_kind(blank_nlp):
    kinds = ext.word_kinds({"verb": {"ran", "swam"}, "preposition": {"with", "to"}, "cue": {"with"}})
    assert kinds["with"] == ("preposition", "cue")
    tab = ext.tokens(blank_nlp("Ran to the lake WITH Tamsin and swam with her."))
    assert tab.where_kinds(kinds) == {"verb": [0, 7], "preposition": [1, 4, 8], "cue": [4, 8]}
    assert ext.tokens(blank_nlp("Rest day.")).where_kinds(kinds) == {}


def test_doc_values_are_where_spacy_keeps_them(blank_nlp):
    doc = blank_nlp("Ran 5k.")
    assert ext.doc_value(doc, "fp_author") is None  # the extension's default
    doc._.fp_author = "asha"
    assert ext.doc_value(doc, "fp_author") == "asha"
    ext.set_doc_value(doc, "fp_roster", ext.Roster(main="Asha"))
    assert doc._.fp_roster == ext.Roster(main="Asha")


def test_has_annotation_is_spacys_answer(blank_nlp, sm_nlp):
    for nlp in (spacy.blank("en"), blank_nlp, sm_nlp):
        for text in ["", "Hi", "Ran 5 km.", "Asha ran 5 km. Then she swam."]:
            doc = nlp(text)
            for attr in ("TAG", "DEP", "ENT_IOB", "SENT_START"):
                assert ext.has_annotation(doc, attr) == doc.has_annotation(attr), (nlp.pipe_names, text, attr)
                assert ext.has_annotation(doc, attr) == doc.has_annotation(attr)  # and again, from the table


def test_range_at_finds_the_range_holding_a_point():
    ranges = [(0, 3), (5, 9), (9, 12)]
    assert [ext.range_at(ranges, at) for at in (0, 2, 3, 4, 5, 9, 11, 12)] == [
        (0, 3), (0, 3), None, None, (5, 9), (9, 12), (9, 12), None]
    assert ext.range_at([], 4) is None


@pytest.mark.parametrize("text, end", [
    ("Grandmother swims across the lake\n\nOttilie swam 12 km.", 33),
    ("\n\n  Grandmother swims across the lake\nOttilie swam 12 km.", 37),  # blank lines before the title
    ("Ottilie swam 12 km.\nWhat a day.", -1),  # a sentence, no title
    ("Today's session:\n5 km easy", -1),  # a label
    ("One line only", -1),
])
def test_the_title_is_a_first_line_with_no_closing_punctuation(text, end):
    assert ext.title_end(text) == end
