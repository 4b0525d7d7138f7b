"""The fitpost_quantities spaCy component: spans, disk round trip, multiprocessing, statistical model."""
from __future__ import annotations

import pytest
import spacy

import fitpost.components.quantities  # noqa: F401  (registers the factory)
from fitpost import ext
from fitpost.schema import Quantity

CAPTION = "Sunday long run: 18 miles at 8:45/mi, then 3x10 squats. Took 2h30 in total, 3 times a week 💪"


@pytest.fixture(scope="session")
def quantities_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("fitpost_quantities")
    return nlp


def spans(doc):
    return [(s.text, s.label_) for s in doc.spans[ext.QUANTITIES]]


def test_spans_and_extension_on_blank_english(quantities_nlp):
    doc = quantities_nlp(CAPTION)
    assert spans(doc) == [("18 miles", "distance"), ("8:45/mi", "pace"), ("3x10 squats", "count"),
                          ("2h30", "duration"), ("3 times a week", "frequency")]
    for span in doc.spans[ext.QUANTITIES]:
        q = span._.fp_quantity
        assert isinstance(q, Quantity) and q.kind == span.label_ and q.text == span.text
    assert doc.spans[ext.QUANTITIES][0]._.fp_quantity.meters == pytest.approx(18 * 1609.344)


def test_glued_units_expand_to_token_boundaries(quantities_nlp):
    doc = quantities_nlp("done:20km!")
    (span,) = doc.spans[ext.QUANTITIES]
    assert span._.fp_quantity.text == "20km" and "20km" in span.text


@pytest.fixture(scope="session")
def parts_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("fitpost_quantities", config={"include_parts": True})
    return nlp


def test_compound_parts_are_not_spans_unless_asked(quantities_nlp, parts_nlp):
    text = "3 hours, 12 minutes on the bike"
    assert spans(quantities_nlp(text)) == [("3 hours, 12 minutes", "duration")]
    doc = parts_nlp(text)
    assert [s.text for s in doc.spans[ext.QUANTITIES]] == ["3 hours, 12 minutes", "3 hours", "12 minutes"]
    assert [s._.fp_quantity.part for s in doc.spans[ext.QUANTITIES]] == [False, True, True]


def test_empty_doc_has_an_empty_group(quantities_nlp):
    assert len(quantities_nlp("").spans[ext.QUANTITIES]) == 0


def test_disk_round_trip(quantities_nlp, parts_nlp, tmp_path_factory):
    path = tmp_path_factory.mktemp("quantities_nlp")
    parts_nlp.to_disk(path)
    loaded = spacy.load(path)
    assert loaded.pipe_names == ["fitpost_quantities"]
    assert loaded.get_pipe("fitpost_quantities").include_parts is True
    assert spans(loaded(CAPTION)) == spans(quantities_nlp(CAPTION))
    assert (path / "fitpost_quantities" / "config.json").exists()


def test_doc_bytes_keep_the_quantity(quantities_nlp):
    from spacy.tokens import Doc
    doc = quantities_nlp(CAPTION)
    again = Doc(quantities_nlp.vocab).from_bytes(doc.to_bytes())
    read_back = [s._.fp_quantity for s in again.spans[ext.QUANTITIES]]
    assert read_back == [s._.fp_quantity for s in doc.spans[ext.QUANTITIES]]


def test_pipe_with_two_processes_keeps_span_extensions(quantities_nlp):
    texts = [CAPTION, "Rest day.", "half marathon in 1:52:30", "40 push-ups daily"] * 3
    single = [[(s.text, s._.fp_quantity) for s in d.spans[ext.QUANTITIES]] for d in quantities_nlp.pipe(texts)]
    multi = [[(s.text, s._.fp_quantity) for s in d.spans[ext.QUANTITIES]]
             for d in quantities_nlp.pipe(texts, n_process=2, batch_size=3)]
    assert multi == single
    assert isinstance(multi[2][1][1], Quantity) and multi[2][1][1].seconds == 6750


@pytest.fixture(scope="session")
def quantities_sm_nlp():
    from conftest import sm_name
    name = sm_name()
    if name is None:
        pytest.skip("no statistical English pipeline installed")
    from fitpost.pipeline import load_base
    nlp = load_base(name)
    nlp.add_pipe("fitpost_quantities")
    return nlp


@pytest.mark.model
def test_statistical_model(quantities_sm_nlp):
    doc = quantities_sm_nlp(CAPTION)
    assert spans(doc)[:3] == [("18 miles", "distance"), ("8:45/mi", "pace"), ("3x10 squats", "count")]
    assert doc.has_annotation("TAG")
