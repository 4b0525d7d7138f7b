"""--min-confidence (CLI) and ``Extractor(min_confidence=...)``: records less sure than the floor are
left out, whatever runs them; by default every record is kept."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from fitpost import Extractor
from fitpost.cli import cli

TEXT = "My yoga was quiet. I ran 5 km yesterday."  # a bare mention, and a run with an amount and a date


def _evidence(post: dict) -> list[str]:
    return [a["evidence"]["text"] for a in post["activities"]]


def test_the_extractor_keeps_every_record_by_default_and_drops_those_below_its_floor(blank_extractor):
    every = blank_extractor.extract(TEXT)
    assert [a.evidence.text for a in every.activities] == ["yoga", "ran"]
    floor = min(a.confidence for a in every.activities) + 0.01
    sure = Extractor(model="blank", min_confidence=floor).extract(TEXT)
    assert [a.evidence.text for a in sure.activities] == ["ran"]


def test_extract_takes_min_confidence():
    runner = CliRunner()
    out = runner.invoke(cli, ["extract", TEXT, "--model", "blank", "--min-confidence", "0.5"])
    assert out.exit_code == 0, out.output
    assert _evidence(json.loads(out.output)) == ["ran"]
    bad = runner.invoke(cli, ["extract", TEXT, "--model", "blank", "--min-confidence", "2"])
    assert bad.exit_code == 2 and "min-confidence" in bad.output


@pytest.mark.parametrize("workers", ["1", "2"])
def test_batch_takes_min_confidence_in_every_worker(tmp_path, workers):
    posts = tmp_path / "posts.jsonl"
    posts.write_text("".join(json.dumps({"id": str(i), "text": TEXT}) + "\n" for i in range(5)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = CliRunner().invoke(cli, ["batch", str(posts), "-o", str(out), "--model", "blank", "--workers", workers,
                                    "--chunk-size", "2", "--min-confidence", "0.5", "-q"])
    assert done.exit_code == 0, done.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 5 and all(_evidence(post) == ["ran"] for post in lines)
