"""The README's Python snippets run as written: every ```python block, each in a namespace of its
own, and each ``print(...)  # -> TEXT`` prints TEXT.

The pipelines they build are the session's (``Extractor(model=...)`` gets the statistical pipeline
when it is installed, blank English otherwise), so no model is loaded here.  A block that must not
run (one that reads files the reader makes first) is marked by a line ``<!-- snippet: skip -->``
right before it.
"""
from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"(<!-- snippet: skip -->\n)?```python\n(.*?)```", re.S)
EXPECTED = re.compile(r"^\s*print\(.*\)\s+# -> (.+)$", re.M)


def snippets() -> list[str]:
    return [m.group(2) for m in BLOCK.finditer(README.read_text(encoding="utf-8")) if not m.group(1)]


def test_the_readme_has_python_snippets():
    assert len(snippets()) >= 3
    assert any("fitpost.extract(" in s for s in snippets()) and any("texts = " in s for s in snippets())


@pytest.fixture
def session_pipelines(request, monkeypatch, blank_extractor):
    """``pipeline.build`` gives the session's pipelines: the statistical one for any model but blank
    when it is installed (else blank English), so the snippets load no model of their own."""
    from fitpost import extractor, pipeline
    try:
        default = request.getfixturevalue("sm_extractor").nlp
    except pytest.skip.Exception:
        default = blank_extractor.nlp
    monkeypatch.setattr(pipeline, "build", lambda model="auto": blank_extractor.nlp if model == "blank" else default)
    extractor.default_extractor.cache_clear()  # fitpost.extract's Extractor is made on these pipelines ...
    yield
    extractor.default_extractor.cache_clear()  # ... and forgotten after


@pytest.mark.parametrize("index", range(len(snippets())))
def test_a_readme_snippet_runs_as_written(index, session_pipelines):
    code = snippets()[index]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, f"README.md python block {index + 1}", "exec"), {"__name__": "__readme__"})
    printed = out.getvalue().splitlines()
    for expected in EXPECTED.findall(code):
        assert expected.strip() in printed, (expected, printed)
