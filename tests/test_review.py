"""`fitpost review` through click's CliRunner, on the real output of `fitpost batch` over posts written here:
the page is self-contained and escapes the posts, texts pair with their records, spans nest, and bad
files are clear errors.  What a browser shows is tests/test_review_browser.py."""
from __future__ import annotations

import base64
import fnmatch
import hashlib
import json
import re
import tomllib
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from fitpost.cli import cli
from fitpost.engine import EXIT_USAGE, PIPELINES
from fitpost.review.spans import Span, marked_html
from fitpost.review.texts import pair_texts

ROOT = Path(__file__).resolve().parents[1]

# written for this test: records with amounts, dates, people, places and an event; a post that is
# markup; one without records; a broken line (an error line); one without an id
POSTS = [
    {"id": "r1", "text": "Ran 10 km from Kothrud to Baner with @mila_runs this morning.", "posted_at": "2025-04-06"},
    {"id": "r2", "text": "Swam 1.5 km at the pool yesterday, then cycled 25 km home.", "posted_at": "2025-04-08"},
    {"id": "r3", "text": "Planning to run 15 km on Sunday.", "posted_at": "2025-04-09"},
    {"id": "r4", "text": "<script>document.title='owned'</script> Walked 3 km & felt <b>great</b> \"ok\"",
     "posted_at": "2025-04-10"},
    {"id": "r5", "text": "Coffee and a good book today.", "posted_at": "2025-04-11"},
    None,  # a line that is not JSON
    {"text": "Rode 40 km with @dan_rides in 1 hour 30 minutes.", "posted_at": "2025-04-13"},
    {"id": "r8", "text": "Ran the Harbour Half Marathon with @mila_runs in 1:52:10 on Sunday.",
     "posted_at": "2025-04-14"},
]


def write_posts(path: Path) -> None:
    path.write_text("".join((json.dumps(p) if p else '{"id": "r6", "text": ') + "\n" for p in POSTS),
                    encoding="utf-8")


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory, blank_extractor) -> tuple[Path, Path]:
    """(posts.jsonl, out.jsonl) of `fitpost batch` over POSTS; out.errors.jsonl beside it."""
    PIPELINES.put("blank", blank_extractor)
    folder = tmp_path_factory.mktemp("review")
    write_posts(folder / "posts.jsonl")
    result = CliRunner().invoke(cli, ["batch", str(folder / "posts.jsonl"), "-o", str(folder / "out.jsonl"),
                                      "--model", "blank", "--workers", "1", "--quiet"])
    assert result.exit_code == 1, result.output  # the broken line went to the error file
    return folder / "posts.jsonl", folder / "out.jsonl"


def review(*args):
    return CliRunner().invoke(cli, ["review", *map(str, args)])


@pytest.fixture(scope="module")
def page(batch_run, tmp_path_factory) -> str:
    posts, out = batch_run
    html = tmp_path_factory.mktemp("page") / "review.html"
    result = review(out, "--input", posts, "-o", html)
    assert result.exit_code == 0, result.output
    assert "7 posts, 7 records; 7 posts shown, 7 with their text" in result.output
    return html.read_text(encoding="utf-8")


class Elements(HTMLParser):
    """The start tags of a page (name, attributes) and its text, checking that every element is closed."""

    VOID = {"meta", "input", "br", "img", "link", "hr", "line", "rect"}

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.open: list[str] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        assert self.open and self.open[-1] == tag, (self.open[-3:], tag)
        self.open.pop()

    def handle_data(self, data):
        self.text.append(data)


def test_the_page_is_well_formed_and_loads_nothing(page):
    doc = Elements(page)
    assert doc.open == []
    assert not re.search(r"\b(src|href)\s*=|url\(|@import", page)
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg\")", page)  # the SVG namespace only
    csp = next(a["content"] for t, a in doc.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp
    script = page.split("<script>", 1)[1].split("</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp  # only the page's own script may run


def test_the_posts_are_text_not_markup(page):
    assert page.count("<script") == 1  # the page's own
    assert "&lt;script&gt;document.title=&#x27;owned&#x27;&lt;/script&gt; " in page
    assert "&lt;b&gt;great&lt;/b&gt; &quot;ok&quot;" in page
    assert "".join(Elements(page).text).count("<script>document.title='owned'</script>") == 1


def test_every_record_has_its_row_and_its_evidence_highlighted(page, batch_run):
    records = [a for line in batch_run[1].read_text().splitlines() for a in json.loads(line)["activities"]]
    doc = Elements(page)
    rows = [a for t, a in doc.tags if t == "tr" and "fp-record" in a.get("class", "")]
    assert [r["data-activity"] for r in rows] == [a["activity"] for a in records]
    evidence = {a["data-span"] for t, a in doc.tags if t == "mark" and "fp-evidence" in a["class"]}
    assert len(evidence) == len(records)  # no two records of these posts share their evidence
    kinds = {a["class"].split()[1] for t, a in doc.tags if t == "mark"}
    assert kinds >= {"fp-evidence", "fp-distance", "fp-duration", "fp-date", "fp-with", "fp-place", "fp-event"}


def test_the_summary_and_the_filters_choices(page):
    assert "<svg" in page and page.count('class="fp-chart"') == 3
    doc = Elements(page)
    options = {a.get("value") for t, a in doc.tags if t == "option"}
    assert {"", "running", "cycling", "swimming", "walking", "completed", "planned"} <= options


def test_without_the_input_the_spans_are_shown_alone(batch_run, tmp_path):
    html = tmp_path / "review.html"
    result = review(batch_run[1], "-o", html)
    assert result.exit_code == 0
    assert "give the batch's input with --input" in result.output
    page = html.read_text(encoding="utf-8")
    texts = [re.sub(r'<span class="fp-label">.*?</span>|<[^>]+>', "", t)
             for t in re.findall(r'<div class="fp-text">(.*?)</div>', page)]
    assert texts[:2] == ["Ran … 10 km … this morning", "Swam … 1.5 km … yesterday … cycled … 25 km"]
    assert texts[4] == "(no text)"
    assert page.count('class="fp-span fp-evidence"') == 7


def test_texts_pair_by_id_and_by_position_and_must_fit():
    from fitpost.inputs import InputPost
    out = [{"id": "a", "activities": [{"activity": "running", "evidence": {"text": "Ran", "start": 0, "end": 3}}]},
           {"id": None, "activities": [{"activity": "swimming", "evidence": {"text": "Swam", "start": 0, "end": 4}}]},
           {"id": None, "activities": [{"activity": "hiking", "evidence": {"text": "Hiked", "start": 0, "end": 5}}]}]
    inputs = [InputPost("Swam 1 km"), InputPost("Ran 5 km", id="a"), InputPost("Rode 9 km")]
    assert pair_texts(out, inputs) == ["Ran 5 km", None, None]  # by id; by position only where the spans fit
    assert pair_texts(out[1:], [InputPost("Swam 1 km"), InputPost("Hiked up")]) == ["Swam 1 km", "Hiked up"]
    # by the file and line of the output's source, where it names them
    out[2]["source"] = {"file": "posts.jsonl", "line": 9}
    inputs = [InputPost("Swam 1 km", origin="posts.jsonl:4"), InputPost("Rode 9 km", origin="posts.jsonl:5"),
              InputPost("Hiked 2 km", origin="posts.jsonl:9")]
    assert pair_texts(out[1:], inputs) == ["Swam 1 km", "Hiked 2 km"]
    del out[2]["source"]
    assert pair_texts(out[1:], inputs) == ["Swam 1 km", None]


def test_crossing_spans_are_cut_into_pieces_that_nest():
    text = "Lakeside Half Marathon"
    spans = [Span(0, 22, "evidence", "running", [1]), Span(0, 8, "place", "at", [1]),
             Span(4, 13, "distance", "distance", [1])]  # "side Half" crosses "Lakeside"
    html = marked_html(text, spans, 10, {"running": "#0072B2"})
    doc = Elements(html)
    assert doc.open == []
    assert [a["data-span"] for t, a in doc.tags if t == "mark"] == ["10", "11", "12", "12"]
    assert re.sub(r"<[^>]+>", "", html.replace('<span class="fp-label">', "|").replace("</span>", "|")) == \
        "Lakeside|at| Half|distance| Marathon|running|"  # each label once, after its span's last piece


def test_the_page_files_are_package_data():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert "fitpost.review" in data["packages"]
    globs = data["package-data"]["fitpost.review"]
    folder = resources.files("fitpost.review")
    files = [f.name for f in folder.iterdir() if f.is_file() and not f.name.endswith((".py", ".pyc"))]
    assert {"page.html", "page.css", "page.js"} <= set(files)
    assert all(any(fnmatch.fnmatch(f, g) for g in globs) for f in files)


@pytest.mark.parametrize("case, message", [
    ("missing output", "no such file: "),
    ("bad output", ":1: not a JSON line"),
    ("missing input", "no such file or folder: "),
    ("page over the output", "is an input of the review"),
    ("page in a missing folder", "cannot write "),
])
def test_bad_files_are_clear_errors(batch_run, tmp_path, case, message):
    posts, out = batch_run
    html = tmp_path / "review.html"
    args = {"missing output": [tmp_path / "none.jsonl", "-o", html],
            "bad output": [posts.with_name("posts.csv"), "-o", html],
            "missing input": [out, "--input", tmp_path / "none.jsonl", "-o", html],
            "page over the output": [out, "-o", out],
            "page in a missing folder": [out, "-o", tmp_path / "no" / "review.html"]}[case]
    if case == "bad output":
        args[0].write_text("id,text\nr1,Ran 5 km\n", encoding="utf-8")
    result = review(*args)
    assert result.exit_code == EXIT_USAGE, result.output
    assert message in result.output and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert out.read_text(encoding="utf-8").startswith("{")  # the output is never written over


def test_an_input_that_does_not_fit_is_said_and_its_posts_shown_without_text(batch_run, tmp_path):
    other = tmp_path / "other.jsonl"
    other.write_text('{"id": "r1", "text": "Rowed 10 km."}\n', encoding="utf-8")
    html = tmp_path / "review.html"
    result = review(batch_run[1], "--input", other, "-o", html)
    assert result.exit_code == 0
    assert "7 of 7 posts have no text in the input that fits their records" in result.output
    assert "7 posts shown, 0 with their text" in result.output
    assert "Rowed" not in html.read_text(encoding="utf-8")


def test_the_errors_and_a_posts_warnings_are_on_the_page(page, tmp_path):
    assert "<tr><th>errors</th><th>posts</th></tr><tr><td>malformed_json</td><td>1</td></tr>" in page
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps({"id": "w1", "activities": [], "warnings": ["posted_at <b>?</b> is not a date"]}) + "\n",
                   encoding="utf-8")
    assert review(out, "-o", tmp_path / "w.html").exit_code == 0
    assert '<span class="fp-warning">posted_at &lt;b&gt;?&lt;/b&gt; is not a date</span>' in \
        (tmp_path / "w.html").read_text(encoding="utf-8")
