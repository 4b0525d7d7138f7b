"""End to end: posts written for the project, each with its expected records."""
from __future__ import annotations

import datetime as dt

import pytest
from conftest import load_fixture_posts

POSTS = load_fixture_posts("posts.jsonl")


def overlaps(activity, text: str, phrase: str) -> bool:
    start = text.find(phrase)
    ev = activity.evidence
    return ev.start < start + len(phrase) and start < ev.end


def find(post, text: str, expected: dict):
    hits = [a for a in post.activities
            if a.activity == expected["activity"] and overlaps(a, text, expected["evidence"])]
    return hits[0] if hits else None


def check(post, case: dict) -> None:
    text = case["text"]
    required = [r for r in case["records"] if not r.get("optional")]
    for exp in required:
        got = find(post, text, exp)
        assert got is not None, f"{case['id']}: no {exp['activity']} record at {exp['evidence']!r}: {post.activities}"
        assert text[got.evidence.start:got.evidence.end] == got.evidence.text
        if "status" in exp:
            assert got.status == exp["status"], (case["id"], exp["evidence"], got.status)
        if "distance_km" in exp:
            want = pytest.approx(exp["distance_km"] * 1000, rel=0.01)
            assert got.distance is not None and got.distance.meters == want, \
                (case["id"], exp["evidence"], got.distance)
        if "duration_s" in exp:
            assert got.duration is not None and got.duration.seconds == pytest.approx(exp["duration_s"], rel=0.01), \
                (case["id"], exp["evidence"], got.duration)
        if "count" in exp:
            assert got.count is not None and got.count.value == exp["count"], (case["id"], got.count)
        if "frequency" in exp:
            assert got.frequency == exp["frequency"]
        if "event" in exp:
            assert got.event is not None and exp["event"].lower() in got.event.name.lower()
        if "date" in exp:
            assert got.date is not None and got.date.value == dt.date.fromisoformat(exp["date"]), (case["id"], got.date)
        for role, names in exp.get("places", {}).items():
            have = {p.name for p in got.places if p.role == role}
            assert set(names) <= have, (case["id"], role, got.places)
        for who in exp.get("participants", []):
            assert any(who in (p.name, p.handle) for p in got.participants), (case["id"], who, got.participants)
    # nothing beyond what is expected, and nothing dismissed passed off as done
    allowed = len(case["records"])
    real = [a for a in post.activities if a.status not in ("hypothetical", "negated")]
    expected_real = [r for r in case["records"] if r.get("status", "completed") not in ("hypothetical", "negated")]
    assert len(real) <= len(expected_real) + sum(1 for r in case["records"] if r.get("optional")), \
        (case["id"], [(a.activity, a.evidence.text, a.status) for a in post.activities])
    assert len(post.activities) <= allowed + 1, (case["id"], post.activities)


@pytest.mark.parametrize("case", POSTS, ids=[p["id"] for p in POSTS])
def test_fixture_post_with_model(sm_extractor, case):
    post = sm_extractor.extract(case["text"], posted_at=case["posted_at"], id=case["id"])
    assert post.id == case["id"]
    check(post, case)


def test_fixture_posts_blank_mode_finds_activities(blank_extractor):
    """The fast mode finds most of the same activities, each with a valid span."""
    found = total = 0
    for case in POSTS:
        post = blank_extractor.extract(case["text"], posted_at=case["posted_at"])
        for a in post.activities:
            assert case["text"][a.evidence.start:a.evidence.end] == a.evidence.text
        for exp in case["records"]:
            total += 1
            found += find(post, case["text"], exp) is not None
    assert found / total >= 0.7, (found, total)
