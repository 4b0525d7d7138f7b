"""The Python API."""
from __future__ import annotations

import datetime as dt

import pytest

from fitpost import Extractor, parse_quantities
from fitpost.errors import ModelNotFound
from fitpost.extractor import chunks, parse_date
from fitpost.schema import Post


def test_extract_returns_a_post(blank_extractor):
    post = blank_extractor.extract("Rode 35 km to the old fort and back", posted_at="2025-02-01", id="p1")
    assert isinstance(post, Post)
    assert post.id == "p1" and post.posted_at == dt.date(2025, 2, 1)
    assert [a.activity for a in post.activities] == ["cycling"]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t"])
def test_empty_text_gives_no_activities(blank_extractor, text):
    assert blank_extractor.extract(text).activities == []


def test_pipe_streams_in_order(blank_extractor):
    items = [{"id": str(i), "text": f"Ran {i + 1} km"} for i in range(10)]
    out = list(blank_extractor.pipe(iter(items), batch_size=3))
    assert [p.id for p in out] == [str(i) for i in range(10)]


def test_text_longer_than_max_length_is_processed_in_pieces(blank_extractor):
    nlp = blank_extractor.nlp
    old = nlp.max_length
    nlp.max_length = 200
    try:
        text = ("Nothing about sport here. " * 12) + "Cycled 30 km today. " + ("More filler text here. " * 12)
        post = blank_extractor.extract(text)
    finally:
        nlp.max_length = old
    assert [a.activity for a in post.activities] == ["cycling"]
    ev = post.activities[0].evidence
    assert text[ev.start:ev.end] == ev.text == "Cycled"
    assert any("pieces" in w for w in post.warnings)


def test_spacy_gets_batches_bounded_in_docs_and_in_characters(blank_extractor, monkeypatch):
    """A batch holds at most ``batch_size`` docs and ``max_batch_chars`` characters, a longer doc alone;
    how the posts are batched does not change what comes out."""
    ex = blank_extractor
    docs = [ex.nlp.make_doc("x" * n) for n in (30, 30, 50, 120, 10, 10, 10, 10)]
    monkeypatch.setattr(ex, "max_batch_chars", 100)
    sizes = [[len(d.text) for d in batch] for batch in ex._batches(docs, batch_size=3)]
    assert sizes == [[30, 30], [50], [120], [10, 10, 10], [10]]
    posts = [f"Rode {k} km with Asha. " * 40 + "Then swam 1 km." for k in range(1, 6)]
    small = [p.model_dump() for p in ex.pipe(posts, batch_size=2)]
    monkeypatch.setattr(ex, "max_batch_chars", 10**9)
    assert [p.model_dump() for p in ex.pipe(posts, batch_size=128)] == small


def test_shifting_a_record_moves_every_offset_in_it_and_nothing_else(blank_extractor):
    from fitpost.extractor import _shift
    text = ("Tomorrow: 5 km easy. Yesterday I ran 12 km with @asha_runs from Hillcrest to Riverside "
            "in 1:02:10, then did 40 push-ups.")
    activities = blank_extractor.extract(text, posted_at="2025-05-07").activities
    assert len(activities) >= 2

    def moved(node, offset):  # the definition: every start, end and cue_start anywhere in the record
        if isinstance(node, dict):
            return {k: v + offset if k in ("start", "end", "cue_start") and isinstance(v, int) else moved(v, offset)
                    for k, v in node.items()}
        if isinstance(node, list):
            return [moved(v, offset) for v in node]
        return node

    for a in activities:
        assert _shift(a, 0) is a
        assert _shift(a, 1234).model_dump() == moved(a.model_dump(), 1234)


def test_every_part_of_a_record_with_offsets_is_shifted():
    # a field added to Activity that holds a span (start and end) must be in _SPANNED, or _shift misses it
    import typing

    from fitpost.extractor import _SPANNED
    from fitpost.schema import Activity

    def spanned(annotation) -> bool:
        return any(isinstance(t, type) and "start" in getattr(t, "model_fields", {})
                   for t in (annotation, *typing.get_args(annotation)))

    assert {name for name, f in Activity.model_fields.items() if spanned(f.annotation)} == set(_SPANNED) | {"mentions"}


def test_chunks_cover_the_text():
    text = "One. Two two. Three three three. " * 50
    parts = chunks(text, 100)
    assert "".join(p for _, p in parts) == text
    assert all(len(p) <= 100 for _, p in parts)
    assert all(text[o:o + len(p)] == p for o, p in parts)


def test_parse_date_accepts_dates_and_timestamps():
    assert parse_date("2025-07-12") == dt.date(2025, 7, 12)
    assert parse_date("2025-07-12T08:30:00Z") == dt.date(2025, 7, 12)
    assert parse_date(None) is None
    with pytest.raises(ValueError):
        parse_date("12th of never")


def test_unknown_model_is_a_clear_error():
    with pytest.raises(ModelNotFound, match="no spaCy pipeline named"):
        Extractor(model="no_such_pipeline_xyz")


def test_parse_quantities_is_public():
    qs = parse_quantities("a 10 km run")
    assert any(q.kind == "distance" and q.meters == 10000 for q in qs)


def _fixture_posts() -> list[dict]:
    import json
    from pathlib import Path

    lines = (Path(__file__).parent / "fixtures" / "posts.jsonl").read_text(encoding="utf-8").splitlines()
    return [{k: v for k, v in json.loads(line).items() if k in ("id", "text", "posted_at")} for line in lines if line]


def test_lean_docs_give_the_records_a_doc_with_spans_gives(blank_extractor):
    from fitpost import pipeline

    posts = _fixture_posts()
    assert blank_extractor.lean  # its own pipeline: no span groups made
    with_spans = Extractor(nlp=pipeline.build("blank"))
    assert not with_spans.lean  # a pipeline handed in may have readers of the spans
    lean = [p.model_dump() for p in blank_extractor.pipe(posts)]
    assert lean == [p.model_dump() for p in with_spans.pipe(posts)]
    assert sum(len(p["activities"]) for p in lean) > len(posts)


def test_a_lean_doc_has_no_span_groups_a_handed_in_pipeline_keeps_them(blank_extractor):
    from fitpost import ext, pipeline

    text = "Cycled 42 km with @hill_rider to the dam on Sunday."
    lean_doc = blank_extractor.nlp(blank_extractor._doc(blank_extractor._input(text), text))
    assert not lean_doc.spans and lean_doc._.fp_records
    nlp = pipeline.build("blank")
    doc = nlp(text)
    assert [s.text for s in doc.spans[ext.QUANTITIES]] == ["42 km"]
    assert doc.spans[ext.ACTIVITIES][0]._.fp_status.status == "completed"


def test_settle_moves_what_is_loaded_out_of_the_collectors_sweeps(blank_extractor):
    import gc

    from fitpost.extractor import SETTLED_GC_THRESHOLD, settle

    before = gc.get_threshold()
    gc.unfreeze()
    try:
        settle()
        assert gc.get_freeze_count() > 1000  # the pipeline's objects, at the least
        assert gc.get_threshold() == (SETTLED_GC_THRESHOLD, *before[1:])
        assert blank_extractor.extract("Ran 5 km").activities  # extraction goes on as before
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
