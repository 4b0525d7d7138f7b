"""Merging the clusters of one Doc into records takes time in step with their number, on long lists.

A long list of sessions in one sentence ("a 5 km run with Tamsin Hale, a 5 km run with Tamsin Hale, ...")
makes a record of each item, and each item must pass over the records of the items before it
(:func:`fitpost.components.records.merge._same_session`).  The test merges the clusters of one such
Doc at two sizes, n and 4n characters, and asserts that the larger takes less than 8 times as long
(work linear in the number of items takes about 4 times, quadratic work 16): a ratio of CPU times,
never a bound on the clock.
"""
from __future__ import annotations

import time

import pytest
from conftest import gc_off

from fitpost import ext
from fitpost.components.records import Context
from fitpost.components.records.attach import attach_all
from fitpost.components.records.clusters import find_clusters
from fitpost.components.records.merge import merge_records

RECORDS = "fitpost_records"
RATIO = 8


@pytest.fixture(scope="module")
def merge_time(blank_extractor):
    """A function: text -> the least CPU time of three merges of its clusters (one Doc, blank pipeline)."""
    nlp = blank_extractor.nlp
    lexicon = nlp.get_pipe(RECORDS).lexicon

    def cpu(text: str) -> float:
        doc = nlp.make_doc(text)
        ext.set_doc_value(doc, "fp_author", None)
        with nlp.select_pipes(disable=[RECORDS]):
            doc = nlp(doc)
        best = float("inf")
        for _ in range(3):
            ctx = Context(doc, lexicon)
            clusters = find_clusters(ctx)
            attach_all(ctx, clusters)
            with gc_off():
                t = time.process_time()
                merge_records(ctx, clusters)
                best = min(best, time.process_time() - t)
        return best
    return cpu


@pytest.mark.parametrize("unit", ["a 5 km run with Tamsin Hale, ", "a 5 km run, "])
def test_list_items_merge_in_linear_time(merge_time, unit):
    def text(n: int) -> str:
        return unit * (n // len(unit))
    merge_time(text(2_000))  # warm up: compiled patterns, lexicons
    small, large = merge_time(text(8_000)), merge_time(text(32_000))
    assert large / max(small, 1e-4) < RATIO, unit
