"""The pipeline: components as spaCy factories, saved and loaded, run in parallel."""
from __future__ import annotations

from importlib.metadata import entry_points

import spacy

from fitpost import pipeline

FACTORIES = [c["factory"] for c in pipeline.config()["components"]]


def test_every_component_is_an_entry_point():
    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert {*FACTORIES, "fitpost_sentencizer"} <= names


def test_user_can_add_components_to_own_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for f in FACTORIES:
        nlp.add_pipe(f)  # found through the entry points
    doc = nlp("Cycled 42 km along the coast road with @ria_pedals.")
    assert [s.text for s in doc.spans["fp_activities"]] == ["Cycled"]
    assert doc._.fp_records[0].activity == "cycling"


def test_pipeline_round_trips_through_disk(tmp_path):
    nlp = pipeline.build("blank")
    nlp.to_disk(tmp_path / "p")
    pipeline.register_components()
    again = spacy.load(tmp_path / "p")
    assert again.pipe_names == nlp.pipe_names
    doc = again("Swam 1.5 km before work.")
    assert doc._.fp_records[0].activity == "swimming"


def test_n_process_two_gives_same_records():
    nlp = pipeline.build("blank")
    texts = ["Ran 10 km today.", "Walked to the lake and back.", "Did 20 push-ups."] * 3
    one = [[a.model_dump() for a in d._.fp_records] for d in nlp.pipe(texts, n_process=1)]
    two = [[a.model_dump() for a in d._.fp_records] for d in nlp.pipe(texts, n_process=2)]
    assert one == two
    assert one[0][0]["activity"] == "running"


def test_blank_mode_has_no_statistical_components():
    nlp = pipeline.build("blank")
    assert "parser" not in nlp.pipe_names and "sentencizer" in nlp.pipe_names
    assert nlp.pipe_names[-1] == "fitpost_records"


def test_auto_falls_back_to_blank_with_one_message(monkeypatch, capsys):
    monkeypatch.setattr(pipeline.importlib.util, "find_spec", lambda name: None)
    pipeline.resolve_auto.cache_clear()
    try:
        assert pipeline.resolve_auto() == "blank"
        assert pipeline.resolve_auto() == "blank"
    finally:
        pipeline.resolve_auto.cache_clear()
    err = capsys.readouterr().err
    assert err.count("no statistical English pipeline") == 1


def test_components_run_a_batch_at_a_time_with_the_same_records():
    """nlp.pipe runs each fitpost component over a batch before the next one starts; the records
    are those of one Doc at a time through nlp()."""
    nlp = pipeline.build("blank")
    order: list[tuple[str, str]] = []
    for name in ("fitpost_quantities", "fitpost_records"):
        proc = nlp.get_pipe(name)
        call = type(proc).__call__

        def traced(self, doc, _call=call, _name=name):
            order.append((_name, doc.text))
            return _call(self, doc)
        proc.__class__ = type(type(proc).__name__, (type(proc),), {"__call__": traced})
    texts = ["Ran 10 km today.", "Walked to the lake and back.", "Did 20 push-ups with Asha."]
    piped = [[a.model_dump() for a in d._.fp_records] for d in nlp.pipe(texts, batch_size=3)]
    assert [n for n, _ in order] == ["fitpost_quantities"] * 3 + ["fitpost_records"] * 3
    assert piped == [[a.model_dump() for a in nlp(t)._.fp_records] for t in texts]


def test_a_doc_that_fails_goes_to_the_error_handler_and_the_batch_goes_on():
    nlp = pipeline.build("blank")
    proc = nlp.get_pipe("fitpost_quantities")
    call = type(proc).__call__

    def flaky(self, doc):
        if "boom" in doc.text:
            raise ValueError("cannot read this one")
        return call(self, doc)
    proc.__class__ = type("Flaky", (type(proc),), {"__call__": flaky})
    texts = ["Ran 10 km today.", "boom 5 km", "Swam 1.5 km."]
    try:
        list(nlp.pipe(texts))
    except ValueError as exc:
        assert "cannot read this one" in str(exc)
    else:
        raise AssertionError("the default handler raises")
    failed: list[str] = []
    nlp.set_error_handler(lambda name, proc, docs, e: failed.extend(d.text for d in docs))
    docs = list(nlp.pipe(texts))
    assert failed == ["boom 5 km"]
    assert [d._.fp_records[0].activity for d in docs] == ["running", "swimming"]


def test_a_pipeline_loaded_by_name_leaves_out_what_no_rule_reads(sm_extractor):
    from conftest import sm_name

    from fitpost import Extractor

    assert "lemmatizer" not in sm_extractor.nlp.pipe_names
    # the caller's own pipeline keeps its lemmatizer, with the same records (a state verb in the present
    # is read by its form: "a plan that includes two long runs" is no routine)
    own = Extractor(nlp=spacy.load(sm_name()))
    assert "lemmatizer" in own.nlp.pipe_names
    texts = ["My plan includes two long runs and a swim.", "I guess my legs were tired after the 20 km ride.",
             "It's not just a workout, it's my thinking time.", "She swims 2 km most mornings."]
    for text in texts:
        assert own.extract(text).model_dump() == sm_extractor.extract(text).model_dump()


def test_a_full_stop_after_a_race_distance_in_k_is_a_token_of_its_own(blank_extractor, sm_extractor, tmp_path):
    for extractor in (blank_extractor, sm_extractor):
        doc = extractor.nlp("I ran the Larkspur 10K. It was fun.")
        assert [t.text for t in doc][4:7] == ["10", "K", "."]
        assert [s.text for s in doc.sents] == ["I ran the Larkspur 10K.", "It was fun."]
        post = extractor.extract("I ran the Larkspur 10K. It was fun.")
        assert [a.event.name if a.event else None for a in post.activities] == ["Larkspur 10K"]
    blank_extractor.nlp.to_disk(tmp_path / "pipeline")  # the rule goes with the pipeline
    assert [t.text for t in spacy.load(tmp_path / "pipeline")("a 5K.")] == ["a", "5", "K", "."]
