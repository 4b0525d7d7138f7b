"""Posts written for the project, one per kind of mistake on real text (issues 19 and 20).

Each post in ``fixtures/real_kinds.jsonl`` names the kind it shows and the records a reader
expects: the activity at an evidence phrase with the slots given (a slot set to null must be
empty), nothing real beyond them (``optional`` records may or may not be found).  The kinds
not yet handled are listed in ``KNOWN_GAPS`` with the reason; they are strict expected failures,
so a kind that starts to pass must leave the list.
"""
from __future__ import annotations

import datetime as dt
import math

import pytest
from conftest import load_fixture_posts

POSTS = load_fixture_posts("real_kinds.jsonl")
DISMISSED = ("hypothetical", "negated")

KNOWN_GAPS: dict[str, str] = {
}


def _overlaps(activity, text: str, phrase: str) -> bool:
    start = text.find(phrase)
    return activity.evidence.start < start + len(phrase) and start < activity.evidence.end


def problems(post, case: dict) -> list[str]:
    """What differs between the records of ``post`` and the expected ones of ``case``."""
    text, out = case["text"], []
    for exp in case["records"]:
        if exp.get("optional"):
            continue
        hits = [a for a in post.activities if a.activity == exp["activity"] and _overlaps(a, text, exp["evidence"])]
        if not hits:
            out.append(f"no {exp['activity']} record at {exp['evidence']!r}")
            continue
        got = hits[0]
        assert text[got.evidence.start:got.evidence.end] == got.evidence.text
        if "status" in exp and got.status != exp["status"]:
            out.append(f"status {got.status}, expected {exp['status']}")
        for slot, field, attr, scale in (("distance_km", "distance", "meters", 1000),
                                         ("duration_s", "duration", "seconds", 1)):
            if slot not in exp:
                continue
            value = getattr(got, field)
            if exp[slot] is None:
                if value is not None:
                    out.append(f"{field} {value.text!r} should be empty")
            elif value is None or not math.isclose(getattr(value, attr), exp[slot] * scale, rel_tol=0.01):
                out.append(f"{field} {value and value.text!r}, expected {exp[slot]}")
        if "event" in exp and (got.event is None or exp["event"].lower() not in got.event.name.lower()):
            out.append(f"event {got.event}, expected {exp['event']}")
        if exp.get("no_event") and got.event is not None:
            out.append(f"event {got.event.name!r} should be empty")
        if "date" in exp and (got.date is None or got.date.value != dt.date.fromisoformat(exp["date"])):
            out.append(f"date {got.date and got.date.value}, expected {exp['date']}")
        for role, names in exp.get("places", {}).items():
            have = {p.name for p in got.places if p.role == role}
            if not set(names) <= have:
                out.append(f"places {role} {sorted(have)}, expected {names}")
        named = {p.name for p in got.participants if p.name} | {p.handle for p in got.participants if p.handle}
        expected = set(exp.get("participants", []))
        if not expected <= named:
            out.append(f"participants {sorted(named)}, expected {sorted(expected)}")
        extra = {p.name for p in got.participants if p.name} - expected
        if extra:
            out.append(f"participants {sorted(extra)} not expected")
    real = [a for a in post.activities if a.status not in DISMISSED]
    allowed = sum(1 for r in case["records"] if r.get("optional") or r.get("status", "completed") not in DISMISSED)
    if len(real) > allowed:
        out.append(f"more records than expected: {[(a.activity, a.evidence.text, a.status) for a in real]}")
    return out


@pytest.mark.parametrize("case", [
    pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[c["id"]])]
                 if c["id"] in KNOWN_GAPS else [])
    for c in POSTS])
def test_real_kind(sm_extractor, case):
    post = sm_extractor.extract(case["text"], posted_at=case["posted_at"], id=case["id"])
    assert problems(post, case) == [], case["kind"]


def test_every_kind_is_named_and_its_evidence_is_in_its_text():
    for case in POSTS:
        assert case["kind"]
        for record in case["records"]:
            assert record["evidence"] in case["text"], (case["id"], record["evidence"])
