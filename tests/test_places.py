"""fitpost_places: places and their roles, in blank mode and with the model.

Every post here is written for these tests.
"""
from __future__ import annotations

import time

import pytest
import spacy

from fitpost import pipeline


@pytest.fixture(params=["blank", "sm"])
def nlp(request):
    """The fitpost pipeline of a session extractor, blank or on the statistical model."""
    return request.getfixturevalue(f"{request.param}_extractor").nlp


def places(nlp, text: str) -> list[tuple[str, str]]:
    """(name, role) of each place span."""
    doc = nlp(text)  # the spans need their Doc alive
    return [(s._.fp_place.name, s._.fp_place.role) for s in doc.spans["fp_places"]]


@pytest.mark.parametrize("text, expected", [
    ("Cycled from Pune to Lonavla via Khandala with two friends.",
     [("Pune", "from"), ("Lonavla", "to"), ("Khandala", "via")]),
    ("Walked 6 km in Leh with the kids.", [("Leh", "at")]),
    ("Swam 40 lengths at Aundh pool today.", [("Aundh", "at")]),
    ("Hiked past Rohtang and down to Manali.", [("Rohtang", "via"), ("Manali", "to")]),
    ("Took the night bus, then cycled through Coorg for three days.", [("Coorg", "via")]),
])
def test_roles_from_the_word_before(nlp, text, expected):
    assert places(nlp, text) == expected


def test_roles_from_start_and_end_verbs(nlp):
    assert places(nlp, "The ride started in Kochi and finished in Alappuzha.") == [("Kochi", "from"), ("Alappuzha", "to")]


def test_a_route_between_two_names(nlp):
    assert places(nlp, "Rode the Hubli-Dharwad stretch in under two hours.") == [("Hubli", "from"), ("Dharwad", "to")]


def test_a_hashtag_after_to_is_a_destination(blank_extractor):
    assert places(blank_extractor.nlp, "Cycled to the #GatewayOfIndia before dawn.") == [("GatewayOfIndia", "to")]
    assert places(blank_extractor.nlp, "Cycled past the #GatewayOfIndia before dawn.") == []


def test_a_hometown_is_marked_and_left_out_of_the_record(nlp, blank_extractor):
    text = "Meera Iyer, who hails from Nashik, ran 10 km in Pune on Sunday."
    doc = nlp(text)  # the spans need their Doc alive
    found = {s._.fp_place.name: s._.fp_place.hometown for s in doc.spans["fp_places"]}
    assert found == {"Nashik": True, "Pune": False}
    post = blank_extractor.extract(text)
    assert [[p.name for p in a.places] for a in post.activities] == [["Pune"]]


def test_a_person_or_a_possessor_is_no_place(nlp):
    assert places(nlp, "Big thanks to Asha Menon for pacing me. Ran 12 km in Pune.") == [("Pune", "at")]
    assert places(nlp, "Ran 5 km in India's capital.") == []


def test_a_dateline_is_no_place(sm_extractor):
    assert places(sm_extractor.nlp, "Mumbai is where I ran 42 km on Sunday.") == [("Mumbai", "at")]
    assert places(sm_extractor.nlp, "Mumbai, Jan 5 (PTI) A 60-year-old ran 42 km in Thane on Sunday.") == [
        ("Thane", "at")]


def _places_seconds(blank_extractor, newlines: int) -> float:
    """The least CPU time of fitpost_places on a post with a dateline and a run of ``newlines`` newlines."""
    nlp = blank_extractor.nlp
    doc = nlp.make_doc("PUNE, May 3: ran from Pune to Lonavla." + "\n" * newlines + "Walked in Leh.")
    finder = nlp.get_pipe("fitpost_places")
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        for _ in range(10):
            finder(doc)
        best = min(best, time.process_time() - start)
    return best


def test_the_time_grows_in_step_with_a_run_of_newlines(blank_extractor):
    # four times the newlines: about four times the time when linear, sixteen times when quadratic
    small, large = (_places_seconds(blank_extractor, n) for n in (20_000, 80_000))
    assert large / small < 8, (small, large)


def test_the_factory_declares_what_it_assigns_and_reads(blank_extractor):
    meta = blank_extractor.nlp.get_pipe_meta("fitpost_places")
    assert meta.assigns == ["doc.spans", "span._.fp_place"]
    assert meta.requires == ["span._.fp_person"]


def test_the_pipeline_round_trips_through_disk_with_the_same_places(blank_extractor, tmp_path):
    text = "Cycled from Pune to Lonavla via Khandala. Meera, who hails from Nashik, ran in Pune."
    blank_extractor.nlp.to_disk(tmp_path / "pipeline")
    pipeline.register_components()
    again = spacy.load(tmp_path / "pipeline")
    assert again.pipe_names == blank_extractor.nlp.pipe_names
    assert again.get_pipe("fitpost_places").config == {"lexicon": "places.json"}

    def described(nlp):
        doc = nlp(text)  # the spans need their Doc alive
        return [(s.start, s.end, s._.fp_place) for s in doc.spans["fp_places"]]
    assert described(again) == described(blank_extractor.nlp)
    assert [p.name for _, _, p in described(again)] == ["Pune", "Lonavla", "Khandala", "Nashik", "Pune"]
