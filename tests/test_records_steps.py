"""The record linker's steps one at a time (clusters, attach, merge, build), on posts written for the tests.

Each test runs the blank pipeline up to fitpost_records, then the steps of
:mod:`fitpost.components.records` it is about over the component's own word lists.
"""
from __future__ import annotations

import json
import random
import threading
from pathlib import Path

import pytest
from conftest import least_cpu

from fitpost import ext
from fitpost.components.records import Context
from fitpost.components.records.attach import attach_all
from fitpost.components.records.build import to_activity
from fitpost.components.records.clusters import find_clusters
from fitpost.components.records.frames import lend_frames
from fitpost.components.records.lending import lend_orphans
from fitpost.components.records.merge import merge_records
from fitpost.components.records.model import Cluster, Record

RECORDS = "fitpost_records"


@pytest.fixture(scope="module")
def linked(blank_extractor):
    """A function: text -> the Context of its Doc, run through the blank pipeline up to the records."""
    nlp = blank_extractor.nlp
    lexicon = nlp.get_pipe(RECORDS).lexicon

    def context(text: str, author: str | None = None) -> Context:
        doc = nlp.make_doc(text)
        ext.set_doc_value(doc, "fp_author", author)
        with nlp.select_pipes(disable=[RECORDS]):
            doc = nlp(doc)
        return Context(doc, lexicon)
    return context


def span_text(ctx: Context, c: Cluster) -> str:
    return ctx.evidence(c.start, c.end)["text"]


def clusters_of(linked, text: str) -> tuple[Context, list[Cluster]]:
    ctx = linked(text)
    return ctx, find_clusters(ctx)


def attached(linked, text: str) -> tuple[Context, list[Cluster]]:
    ctx, clusters = clusters_of(linked, text)
    attach_all(ctx, clusters)
    return ctx, clusters


def records_of(linked, text: str) -> tuple[Context, list[Record]]:
    ctx, clusters = attached(linked, text)
    records = merge_records(ctx, clusters)
    lend_orphans(ctx, records, clusters)
    lend_frames(ctx, records, clusters)
    return ctx, records


# -- 1. clusters ------------------------------------------------------------------
def test_a_verb_and_its_object_are_one_definite_cluster(linked):
    ctx, (c,) = clusters_of(linked, "Ran the marathon in Porto.")
    assert span_text(ctx, c) == "Ran the marathon"
    assert c.info.activity == "running" and c.definite


def test_a_distance_after_a_movement_verb_is_an_inferred_cluster(linked):
    ctx, clusters = clusters_of(linked, "Went cycling at dawn and covered 24 km.")
    assert [(span_text(ctx, c), c.info.activity, c.inferred) for c in clusters] == [
        ("cycling", "cycling", False), ("covered 24 km", "cycling", True)]


def test_a_distance_after_an_activity_verb_after_a_movement_verb_is_that_activitys(linked):
    ctx, clusters = clusters_of(linked, "Forgot my plan and didn't run another 2 miles.")
    assert [(span_text(ctx, c), c.inferred) for c in clusters] == [("run", False)]


def test_a_symbol_between_a_movement_verb_and_a_distance_parts_them(linked):
    ctx, clusters = clusters_of(linked, "Sunday long run done ✅ 16 miles at 9:30 pace.")
    assert [(span_text(ctx, c), c.inferred) for c in clusters] == [("long run", False)]


def test_a_generic_workout_noun_gives_way_to_a_specific_activity(linked):
    assert [c.info.activity for c in clusters_of(linked, "Morning workout.")[1]] == ["workout"]
    assert [c.info.activity for c in clusters_of(linked, "Morning workout: ran 5 km.")[1]] == ["running"]


# -- 2. attach ---------------------------------------------------------------------
def test_each_activity_takes_its_own_distance_and_both_the_repetition(linked):
    ctx, clusters = attached(linked, "45km cycling and 12km running for 4 consecutive days")
    got = {c.info.activity: (c.kind("distance").meters, c.kind("repetition").times) for c in clusters}
    assert got == {"cycling": (45000, 4), "running": (12000, 4)}


def test_a_later_repetition_of_a_sentence_is_the_sessions_told_after_the_one_before(linked):
    ctx, clusters = attached(linked, "I've run four times and swum twice.")
    assert {c.info.activity: c.kind("repetition").times for c in clusters} == {"running": 4, "swimming": 2}


def test_a_result_after_in_is_the_time_of_the_clause_it_ends(linked):
    """Each leg's time follows what it measures; none goes to the leg told after the comma."""
    ctx, clusters = attached(linked, "Swam the 3.8 km leg in 1:12, biked 180 km in 5:50 and ran the marathon in 3:55.")
    assert {c.info.activity: c.kind("duration").text for c in clusters} == \
        {"swimming": "1:12", "cycling": "5:50", "running": "3:55"}


def test_a_count_goes_to_the_exercise_and_a_distance_to_the_run(linked):
    ctx, clusters = attached(linked, "Did 20 burpees and ran 3 km.")
    got = {span_text(ctx, c): [q.text for q in c.quantities] for c in clusters}
    assert got == {"burpees": ["20 burpees"], "ran": ["3 km"]}


def test_a_cluster_keeps_its_first_distance(linked):
    ctx, (c,) = attached(linked, "Ran 5 km and then 3 km more.")
    assert [q.text for q in c.quantities] == ["5 km"]


def test_a_race_name_implies_its_distance(linked):
    ctx, (c,) = attached(linked, "Ran a marathon.")
    assert c.kind("distance").meters == 42195 and c.race_only


def test_company_cues_bring_in_people_up_to_the_end_of_the_clause(linked):
    ctx, (c,) = attached(linked, "Ran 10 km with Asha Rao and Vikram Joshi.")
    assert [p["name"] for p in c.people] == ["Asha Rao", "Vikram Joshi"]
    ctx, (c,) = attached(linked, "Ran 10 km; lunch with Asha Rao after.")
    assert c.people == []


def test_a_place_attaches_within_reach(linked):
    ctx, (c,) = attached(linked, "Ran 10 km in Porto.")
    assert c.places == [{"name": "Porto", "role": "at"}]


# -- 3. merge ------------------------------------------------------------------------
def test_the_same_distance_and_a_definite_reference_merge(linked):
    for text in ("Ran 21 km today. The 21 km run was tough.", "Ran 10 km. The run felt easy."):
        ctx, (r,) = records_of(linked, text)
        assert [span_text(ctx, c) for c in r.clusters] == ["Ran", "run"], text


def test_planned_and_done_stay_apart(linked):
    ctx, records = records_of(linked, "Training for the city marathon in December. Did an easy 8 km today.")
    assert [r.primary.status_name for r in records] == ["planned", "completed"]


def test_a_distance_in_a_sentence_with_no_activity_goes_to_the_record_before(linked):
    ctx, (r,) = records_of(linked, "Cycled to the lake. 40 km in total.")
    assert r.distance().meters == 40000 and r.clusters[-1].inferred


def test_a_companion_cue_lends_its_people_but_a_bare_with_does_not(linked):
    ctx, (r,) = records_of(linked, "Ran 10 km this morning. Joined by Asha Rao.")
    assert [p["name"] for c in r.clusters for p in c.people] == ["Asha Rao"]
    ctx, (r,) = records_of(linked, "Ran 10 km this morning. With Asha Rao.")
    assert len(r.clusters) == 1


def test_a_route_and_an_event_frame_the_record_after_them(linked):
    ctx, (r,) = records_of(linked, "The Coastal Challenge from Porto to Goa. Rode 80 km on day one.")
    assert r.primary.event == "Coastal Challenge"
    assert r.primary.places == [{"name": "Porto", "role": "from"}, {"name": "Goa", "role": "to"}]


# -- 4. build -------------------------------------------------------------------------
def test_confidence_grows_with_the_evidence(linked):
    """The base, and more for an amount, a date or an event, a mention of doing it, several mentions."""
    def score(text: str) -> float:
        ctx, records = records_of(linked, text)
        return max(to_activity(ctx, r).confidence for r in records)
    weights = linked("").lexicon.confidence
    topic = score("My yoga was quiet.")  # a possessive noun: a record, nothing more
    assert topic == weights["base"]
    assert score("I ran along the river.") == round(topic + weights["doing"], 2)
    assert score("I ran 5 km along the river.") == round(topic + weights["doing"] + weights["amount"], 2)
    every = topic + weights["amount"] + weights["when"] + weights["doing"] + weights["several"]
    assert score("I ran 5 km yesterday. The run was quiet.") == round(min(every, weights["most"]), 2)


def test_an_inferred_record_counts_the_mention_it_joins(linked):
    ctx, (r,) = records_of(linked, "Went cycling at dawn and covered 24 km.")
    a = to_activity(ctx, r)
    assert a.evidence.text == "covered 24 km" and [m.text for m in a.mentions] == ["cycling"]
    w = ctx.lexicon.confidence
    assert a.confidence == round(w["base"] + w["amount"] + w["doing"] + w["several"], 2)


def test_a_first_person_record_with_no_one_named_is_the_authors(linked):
    ctx = linked("I ran 5 km barefoot.", author="nadia.k")
    clusters = find_clusters(ctx)
    attach_all(ctx, clusters)
    (r,) = merge_records(ctx, clusters)
    a = to_activity(ctx, r)
    assert [p.name for p in a.participants] == ["nadia.k"]
    assert a.attributes == ["barefoot"]
    assert ctx.text[a.evidence.start:a.evidence.end] == a.evidence.text == "ran"


# -- the component ------------------------------------------------------------------------
def test_the_factory_says_what_it_assigns_and_requires(blank_extractor):
    meta = blank_extractor.nlp.get_pipe_meta(RECORDS)
    assert meta.assigns == ["doc._.fp_records"]
    assert {"span._.fp_activity", "span._.fp_quantity", "doc._.fp_roster"} <= set(meta.requires)


def test_threads_sharing_one_pipeline_get_the_records_of_one(blank_extractor):
    """The component keeps nothing of a Doc between calls, so threads may share it."""
    posts = [f"Ran {k} km with Asha Rao in Porto. Joined by Vikram Joshi. Did {k + 10} push-ups." for k in range(1, 41)]
    one = [p.model_dump() for p in blank_extractor.pipe(posts)]
    got: dict[int, list] = {}

    def work(k: int) -> None:
        got[k] = [p.model_dump() for p in blank_extractor.pipe(posts[k::4], batch_size=2)]
    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(got[k] == one[k::4] for k in range(4))


def _records_seconds(nlp, text: str) -> float:
    """The least CPU time of three runs of fitpost_records alone over one Doc of ``text``."""
    with nlp.select_pipes(disable=[RECORDS]):
        doc = nlp(text)
    records = nlp.get_pipe(RECORDS)
    best = least_cpu(lambda: records(doc))
    assert ext.doc_value(doc, "fp_records")
    return best


@pytest.mark.parametrize("phrase", ["ran 5 km and ", "ran 5 km in Porto and ", "5 km\n"])
def test_linking_a_long_piece_grows_in_step_with_its_length(blank_extractor, phrase):
    """Issue 18: every quantity was weighed against every activity of its sentence (quadratic).
    Four times the text (one sentence, no piece cut) may take at most eight times as long."""
    nlp = blank_extractor.nlp
    small, large = (_records_seconds(nlp, phrase * (size // len(phrase))) for size in (10_000, 40_000))
    assert large / max(small, 1e-3) < 8, (small, large)


def _clusters_by_sentence(linked, text: str) -> tuple[Context, dict[int, list[Cluster]]]:
    """The Context of ``text`` and its clusters by sentence, in order of start."""
    ctx, clusters = clusters_of(linked, text)
    by_sent: dict[int, list[Cluster]] = {}
    for c in clusters:
        by_sent.setdefault(c.sent, []).append(c)
    return ctx, by_sent


def _written_posts() -> list[str]:
    """The fixture posts, and sentences made at random of activity words, quantities, clause breaks and
    other words: many quantities with several clusters near, at every distance, ties among them."""
    lines = (Path(__file__).parent / "fixtures" / "posts.jsonl").read_text(encoding="utf-8").splitlines()
    words = ["ran", "swam", "rode", "hiked", "burpees", "squats", "5 km", "20 minutes", "40", "3 miles",
             "and", ",", "then", "but", "the", "lake", "with", "friends", "slowly", "after", "lunch"]
    rng = random.Random(18)
    made = [" ".join(rng.choice(words) for _ in range(rng.randint(8, 40))) + "." for _ in range(150)]
    return [json.loads(line)["text"] for line in lines if line.strip()] + made


def test_the_cheapest_cluster_is_the_least_cost_first_in_the_text(linked):
    """:func:`cheapest` tries the clusters nearest first and stops early; its choice is the plain
    definition's: of the clusters near a quantity that cost at most REACH, the one that costs least,
    the first in the text of those that cost the same."""
    from fitpost.components.records.attach import REACH, WINDOW, SentenceClusters, cheapest, cost
    checked = 0
    for text in _written_posts():
        ctx, by_sent = _clusters_by_sentence(linked, text)
        for span in ctx.mentions[ext.QUANTITIES]:
            n = ctx.sent_of[span.start]
            if n not in by_sent:
                continue
            near = SentenceClusters(by_sent[n]).near(span.start, span.end, WINDOW)
            starts = [c.start for c in near]
            costs = [(cost(ctx, span, c, starts), k) for k, c in enumerate(near)]
            least = min((key for key in costs if key[0] <= REACH), default=None)
            assert cheapest(ctx, span, near) is (None if least is None else near[least[1]]), text
            checked += 1
    assert checked > 500


def test_a_dates_owner_is_the_least_cost_first_in_its_sentence(linked):
    """:func:`_date_owner` tries the clusters near a date first and stops early; its choice is the plain
    definition's: of all the clusters of the date's sentence, the one that costs least to reach, the first in
    the text of those that cost the same."""
    from fitpost.components.records.attach import SentenceClusters, _date_cost, _date_owner
    checked = 0
    rng = random.Random(5)
    words = ["ran", "swam", "rode 20 km", "yesterday", "on Sunday", "this morning", "and", ",", "then", "the",
             "lake", "with", "friends", "slowly", "after", "lunch", "but"]
    dated = [" ".join(rng.choice(words) for _ in range(rng.randint(8, 40))) + "." for _ in range(150)]
    for text in _written_posts() + dated:
        ctx, by_sent = _clusters_by_sentence(linked, text)
        for d in ctx.mentions[ext.DATES]:
            n = ctx.sent_of[d.start]
            if n not in by_sent:
                continue
            sentence = SentenceClusters(by_sent[n])
            place = {id(c): k for k, c in enumerate(sentence.clusters)}
            want = min((_date_cost(ctx, d, c), k) for k, c in enumerate(sentence.clusters))
            assert _date_owner(ctx, d, sentence, place) == want, text
            checked += 1
    assert checked > 300


def test_clause_breaks_are_counted_between_any_two_tokens(linked):
    ctx = linked("Ran 5 km, then swam; rode 20 km but walked home and slept.")
    for a in range(len(ctx.lows) + 1):
        for b in range(len(ctx.lows) + 1):
            assert ctx.breaks(a, b) == sum(1 for w in ctx.lows[a:b] if w in ctx.lexicon.breaks), (a, b)
    assert ctx.breaks(0, len(ctx.lows)) >= 4


def test_min_confidence_drops_the_records_with_less_evidence():
    """The component's ``min_confidence`` keeps only records at least that sure (default: all)."""
    from fitpost import pipeline
    text = "My yoga was quiet. I ran 5 km yesterday."
    kept = {}
    for least in (0.0, 0.5):
        nlp = pipeline.blank()
        pipeline.add_components(nlp)
        nlp.get_pipe("fitpost_records").config["min_confidence"] = least
        kept[least] = [a.evidence.text for a in nlp(text)._.fp_records]
    assert kept[0.0] == ["yoga", "ran"]
    assert kept[0.5] == ["ran"]
    nlp = pipeline.blank()  # the factory's config carries the setting
    nlp.add_pipe("fitpost_quantities")
    assert "min_confidence" in nlp.add_pipe("fitpost_records", config={"min_confidence": 0.7}).config


@pytest.mark.parametrize("model", ["blank_extractor", "sm_extractor"])
def test_a_results_block_gives_each_leg_its_own_lines(model, request):
    """A header alone on its line ("Bike") is a title, not advice; the "- Distance" and "- Time" lines
    under it belong to its leg, however the list's dashes split the sentences."""
    extractor = request.getfixturevalue(model)
    text = "Race report\nSwim\n- Distance\n- 400m\n- Time\n- 8:30\nBike\n- Distance\n- 12 km\n- Time\n- 30:00"
    got = [(a.activity, a.status, a.distance.meters, a.duration.seconds) for a in extractor.extract(text).activities]
    assert got == [("swimming", "completed", 400, 510), ("cycling", "completed", 12000, 1800)]


def test_a_records_latest_sentence_up_to_any_sentence_follows_its_clusters():
    from fitpost import ext as fext

    def cluster(sent: int) -> Cluster:
        return Cluster(start=sent, end=sent + 1, sent=sent, info=fext.ActivityInfo(activity="running", form="verb"))

    r = Record([cluster(5), cluster(2)])
    assert [r.latest_sent(n) for n in (1, 2, 4, 5, 9)] == [None, 2, 2, 5, 5]
    r.clusters.append(cluster(8))  # clusters are added as linking goes on
    r.clusters.append(cluster(3))
    for n in range(12):
        assert r.latest_sent(n) == max((c.sent for c in r.clusters if c.sent <= n), default=None), n
