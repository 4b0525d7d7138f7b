"""The review page in a real browser: headless Chromium loads it, runs its script, and the test reads
what a person would see (elements not hidden, highlights not switched off) from the DOM it dumps.
The filters are set from the page's address (#activity=...&status=...&min=...).

Skipped, saying why, where no Chromium is installed (Debian: ``apt-get install chromium``; `.ci/run`
installs it when it can); FITPOST_BROWSER names another Chromium-like browser."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_review import POSTS, write_posts

from fitpost.cli import cli
from fitpost.engine import PIPELINES

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def find_browser() -> str | None:
    named = os.environ.get("FITPOST_BROWSER")
    if named:
        return shutil.which(named) or (named if Path(named).is_file() else None)
    return next((path for path in map(shutil.which, BROWSERS) if path), None)


def dump_dom(browser: str, url: str, profile: Path) -> subprocess.CompletedProcess:
    """The DOM of ``url`` once loaded and its scripts run, as Chromium serializes it."""
    return subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                           "--disable-extensions", f"--user-data-dir={profile}", "--dump-dom", url],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> str:
    path = find_browser()
    if path is None:
        pytest.skip("no headless browser to test the review page in: install Debian's chromium "
                    "(apt-get install chromium), or set FITPOST_BROWSER")
    probe = dump_dom(path, "data:text/html,<p>ok</p>", tmp_path_factory.mktemp("profile"))
    if "<p>ok</p>" not in probe.stdout:
        pytest.skip(f"{path} does not run headless here: {probe.stderr.strip()[-300:]}")
    return path


@pytest.fixture(scope="module")
def made(tmp_path_factory, blank_extractor) -> tuple[Path, list[dict]]:
    """The review page of `fitpost batch` over test_review's POSTS, and the output lines."""
    PIPELINES.put("blank", blank_extractor)
    folder = tmp_path_factory.mktemp("review-browser")
    write_posts(folder / "posts.jsonl")
    run = CliRunner().invoke(cli, ["batch", str(folder / "posts.jsonl"), "-o", str(folder / "out.jsonl"),
                                   "--model", "blank", "--workers", "1", "--quiet"])
    assert run.exit_code == 1, run.output
    page = folder / "review.html"
    result = CliRunner().invoke(cli, ["review", str(folder / "out.jsonl"), "--input", str(folder / "posts.jsonl"),
                                      "-o", str(page)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in (folder / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    return page, lines


class Seen(HTMLParser):
    """What a person sees of a dumped DOM: the elements not hidden (nor inside a hidden one)."""

    def __init__(self, dom: str) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool, dict]] = []
        self.marks: list[dict] = []  # highlighted spans: visible and not switched off
        self.rows: list[dict] = []  # records' rows shown
        self.posts: list[str] = []  # the text of each post shown
        self.scripts = 0
        self.title = ""
        self.count = ""
        self.feed(dom)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        visible = (not self.stack or self.stack[-1][1]) and "hidden" not in attrs
        classes = (attrs.get("class") or "").split()
        if visible and tag == "mark" and "fp-off" not in classes:
            self.marks.append(attrs)
        if visible and tag == "tr" and "fp-record" in classes:
            self.rows.append(attrs)
        if visible and tag == "div" and "fp-text" in classes:
            self.posts.append("")
        self.scripts += tag == "script"
        if tag not in VOID:
            self.stack.append((tag, visible, attrs))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if not self.stack or not self.stack[-1][1]:
            return
        inside = [t for t, _, _ in self.stack]
        if inside[-2:] == ["head", "title"]:
            self.title += data
        if self.stack[-1][2].get("id") == "fp-count":
            self.count += data
        in_text = any("fp-text" in (a.get("class") or "").split() for _, _, a in self.stack)
        in_label = any("fp-label" in (a.get("class") or "").split() for _, _, a in self.stack)
        if in_text and not in_label:
            self.posts[-1] += data


def view(browser: str, page: Path, tmp_path: Path, address: str = "") -> Seen:
    proc = dump_dom(browser, page.as_uri() + address, tmp_path / "profile")
    assert proc.returncode == 0 and "</html>" in proc.stdout, proc.stderr[-1000:]
    return Seen(proc.stdout)


def evidence_spans(lines: list[dict], keep=lambda record: True) -> set[tuple[int, int, int]]:
    """(post, start, end) of the evidence of the records ``keep`` keeps."""
    return {(i, a["evidence"]["start"], a["evidence"]["end"])
            for i, line in enumerate(lines) for a in line["activities"] if keep(a)}


def highlighted_evidence(seen: Seen) -> set[str]:
    return {m["data-span"] for m in seen.marks if "fp-evidence" in m["class"].split()}


def test_every_records_evidence_is_highlighted(browser, made, tmp_path):
    page, lines = made
    seen = view(browser, page, tmp_path)
    records = [a for line in lines for a in line["activities"]]
    assert len(highlighted_evidence(seen)) == len(evidence_spans(lines)) == len(records) == 7
    assert len(seen.rows) == 7 and len(seen.posts) == len(lines)
    assert seen.count == "7 of 7 records, 7 of 7 posts shown"


@pytest.mark.parametrize("address, keep", [
    ("#activity=running", lambda a: a["activity"] == "running"),
    ("#status=planned", lambda a: a["status"] == "planned"),
    ("#activity=cycling&status=completed&min=0.75", lambda a: a["activity"] == "cycling"
                                                              and a["status"] == "completed"
                                                              and a["confidence"] >= 0.75),
])
def test_a_filter_changes_what_is_shown(browser, made, tmp_path, address, keep):
    page, lines = made
    seen = view(browser, page, tmp_path, address)
    kept = [a for line in lines for a in line["activities"] if keep(a)]
    assert 0 < len(kept) < 7, "the filter must keep some records and not all"
    assert [r["data-activity"] for r in seen.rows] == [a["activity"] for a in kept]
    assert len(highlighted_evidence(seen)) == len(evidence_spans(lines, keep))
    assert len(seen.posts) == sum(any(keep(a) for a in line["activities"]) for line in lines)
    assert seen.count.startswith(f"{len(kept)} of 7 records")


def test_a_post_that_is_markup_shows_as_text(browser, made, tmp_path):
    page, _ = made
    seen = view(browser, page, tmp_path, "#activity=walking")
    markup = next(p["text"] for p in POSTS if p and p.get("id") == "r4")
    assert seen.posts == [markup]  # every character, as text
    assert seen.scripts == 1 and seen.title == "fitpost review: out.jsonl"  # the post's script did not run
