"""The Python API as a user meets it: the names of the package, the one-call fitpost.extract,
an Extractor on a pipeline of the user's, parse_quantities' wholes and parts."""
from __future__ import annotations

import spacy

import fitpost
from fitpost import pipeline
from fitpost.extractor import default_extractor


def test_the_package_lists_its_api():
    names = dir(fitpost)
    assert {"Extractor", "extract", "parse_quantities", "__version__"} <= set(names)
    assert set(fitpost.__all__) == {"Extractor", "extract", "parse_quantities", "__version__"}
    assert "TYPE_CHECKING" not in names
    from fitpost import Extractor, extract, parse_quantities  # noqa: F401 - they import as listed


def test_extract_in_one_call_keeps_its_extractor(blank_extractor):
    post = fitpost.extract("Ran 5k with @a_friend yesterday", posted_at="2025-03-09", model="blank")
    (run,) = post.activities
    assert (run.activity, run.distance.meters, str(run.date.value)) == ("running", 5000.0, "2025-03-08")
    assert default_extractor("blank") is default_extractor("blank")  # made once, then kept
    same = blank_extractor.extract("Ran 5k with @a_friend yesterday", posted_at="2025-03-09")
    assert post == same


def _records(extractor, text: str) -> list[dict]:
    return [a.model_dump() for a in extractor.extract(text, posted_at="2025-03-02").activities]


POST = "Swam 2 km this morning.\nThen cycled 40 km with my brother to the lake"


def test_an_extractor_on_a_plain_pipeline_adds_the_components(blank_extractor):
    from fitpost import Extractor
    ex = Extractor(nlp=spacy.blank("en"))
    wanted = [spec["factory"] for spec in pipeline.config()["components"]]
    assert [n for n in ex.nlp.pipe_names if n.startswith("fitpost_")] == wanted  # pipeline.json's order
    assert ex.nlp.pipe_names[0] == "sentencizer"  # nothing set sentence starts: one is added first
    assert _records(ex, POST) == _records(blank_extractor, POST)
    assert [a["activity"] for a in _records(ex, POST)] == ["swimming", "cycling"]


def test_an_extractor_on_a_pipeline_with_the_components_keeps_it(blank_extractor):
    from fitpost import Extractor
    names = list(blank_extractor.nlp.pipe_names)
    ex = Extractor(nlp=blank_extractor.nlp)
    assert ex.nlp is blank_extractor.nlp and ex.nlp.pipe_names == names
    assert _records(ex, POST) == _records(blank_extractor, POST)


def test_an_extractor_on_a_pipeline_with_some_components_says_which_are_missing():
    import pytest

    from fitpost import Extractor
    nlp = spacy.blank("en")
    pipeline.register_components()
    nlp.add_pipe("fitpost_quantities")
    with pytest.raises(ValueError, match="not fitpost_activities, .*fitpost_records"):
        Extractor(nlp=nlp)


def test_parse_quantities_gives_a_compound_whole_then_its_parts():
    text = "3 hours, 12 minutes and 40 seconds"
    wholes = fitpost.parse_quantities(text, parts=False)
    assert [(q.kind, q.seconds, q.part, q.text) for q in wholes] == [("duration", 11560.0, False, text)]
    every = fitpost.parse_quantities(text)
    assert [(q.seconds, q.part) for q in every] == [(11560.0, False), (10800.0, True), (720.0, True), (40.0, True)]
    assert fitpost.parse_quantities("ran 10 km", parts=False) == fitpost.parse_quantities("ran 10 km")


def test_a_record_holds_the_whole_of_a_compound(blank_extractor):
    (a,) = blank_extractor.extract("Ran for 1 hour and 20 minutes").activities
    assert a.duration.seconds == 4800.0 and not a.duration.part
