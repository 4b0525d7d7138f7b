"""``fitpost review``: one self-contained HTML page to check what the extractor read.

The page (:func:`write_review`) holds a summary with charts (:mod:`fitpost.review.charts`), then
each post's text with the spans of its records highlighted (:mod:`fitpost.review.spans`) beside
its records as a table, and filters by activity, status and confidence.  Everything is inline:
the template, style and script are package data (``page.html``, ``page.css``, ``page.js``), and
the page's Content-Security-Policy lets it load nothing and run only its own script, whose hash
it names.  The posts are untrusted text: every value is escaped where it is written.
"""
from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass, field
from functools import cache
from html import escape
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from fitpost.io.common import Fields
from fitpost.review.charts import colours, summary_charts
from fitpost.review.spans import AMOUNTS, post_spans, rebuild_text
from fitpost.review.texts import input_posts, pair_texts
from fitpost.summary import (
    OutputError,
    Summary,
    default_errors,
    hours,
    km,
    participant_name,
    read_errors,
    read_output,
)


@cache
def asset(name: str) -> str:
    """A file of the page (``page.html``, ``page.css``, ``page.js``), from this package's data."""
    return resources.files("fitpost.review").joinpath(name).read_text(encoding="utf-8")


@dataclass
class Report:
    """What was written: counted for the command's last line."""

    posts: int = 0
    records: int = 0
    shown: int = 0
    with_text: int = 0
    warnings: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.posts} posts, {self.records} records; {self.shown} posts shown, "
                f"{self.with_text} with their text")


def write_review(output: str, html_path: str, inputs: list[str] | None = None, input_format: str = "auto",
                 fields: Fields | None = None, errors: str | None = None, max_posts: int = 2000) -> Report:
    """Write the review page of the batch ``output`` to ``html_path`` (see the module's docstring)."""
    if _same_file(output, html_path) or any(_same_file(i, html_path) for i in inputs or []):
        raise OutputError(f"{html_path} is an input of the review: give the page another name")
    summary, posts = Summary(), []
    for post in read_output(output):
        summary.add(post)
        if len(posts) < max_posts:
            posts.append(post)
    if errors and not Path(errors).is_file():
        raise OutputError(f"no such file: {errors}")
    error_lines = read_errors([Path(errors)] if errors else default_errors(output))
    summary.add_errors(error_lines)
    report = Report(posts=summary.posts, records=summary.records, shown=len(posts))
    if inputs:
        texts = pair_texts(posts, input_posts(inputs, input_format, fields or Fields(), error_lines))
        report.with_text = sum(t is not None for t in texts)
        if report.with_text < len(posts):
            report.warnings.append(f"{len(posts) - report.with_text} of {len(posts)} posts have no text in the "
                                   "input that fits their records (another input, or other options?): "
                                   "they are shown with their records' spans alone")
    else:
        texts = [None] * len(posts)
        report.warnings.append("the output lines do not hold the posts' text: give the batch's input with "
                               "--input to show it (the page shows the records' spans alone)")
    html = render_page(output, summary, posts, texts, report)
    try:
        Path(html_path).write_text(html, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write {html_path}: {exc.strerror or exc}") from None
    return report


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def render_page(output: str, summary: Summary, posts: list[dict[str, Any]], texts: list[str | None],
                report: Report) -> str:
    """The whole page as one string."""
    palette = colours(summary.activities())
    script = asset("page.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    cards, number, span_id = [], 1, 1
    for post, text in zip(posts, texts):
        card, number, span_id = post_card(post, text, number, span_id, palette)
        cards.append(card)
    notes = [escape(w) for w in report.warnings]
    if report.shown < report.posts:
        notes.append(f"The first {report.shown:,} of {report.posts:,} posts are shown (--max-posts); the summary "
                     "counts them all.")
    return Template(asset("page.html")).substitute(
        title=escape(Path(output).name), script_hash=digest, css=asset("page.css"), script=script,
        figures=figures_html(summary), charts=summary_charts(summary, palette), tops=tops_html(summary),
        notes="".join(f"<p class='fp-note'>{n}</p>" for n in notes),
        activity_options=_options(summary.activities()), status_options=_options(summary.statuses()),
        posts="\n".join(cards))


def _options(values: list[str]) -> str:
    return '<option value="">all</option>' + "".join(
        f'<option value="{escape(v)}">{escape(v.replace("_", " "))}</option>' for v in values)


def figures_html(s: Summary) -> str:
    rows = [("posts", f"{s.posts:,}"), ("records", f"{s.records:,}"),
            ("posts without records", f"{s.posts_without_records:,}"), ("errors", f"{s.errors:,}")]
    done = [(a, t) for a, t in ((a, s.by_activity[a]) for a in s.activities()) if t.done]
    out = "".join(f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in rows)
    table = ('<table class="fp-figures"><tr><th>done</th><th>records</th><th>km</th><th>h:mm</th></tr>'
             + "".join(f"<tr><td>{escape(a.replace('_', ' '))}</td><td>{t.done}</td><td>{km(t.meters)}</td>"
                       f"<td>{hours(t.seconds)}</td></tr>" for a, t in done) + "</table>")
    return f'<table class="fp-figures">{out}</table>' + (table if done else "")


def tops_html(s: Summary, top: int = 8) -> str:
    out = []
    if s.errors_by_reason:
        out.append('<table class="fp-figures"><tr><th>errors</th><th>posts</th></tr>'
                   + "".join(f"<tr><td>{escape(r)}</td><td>{c}</td></tr>" for r, c in s.errors_by_reason.most_common())
                   + "</table>")
    for title, counter in (("participants", s.participants), ("places", s.places), ("events", s.events)):
        if counter:
            items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
            out.append(f'<table class="fp-figures"><tr><th>{title}</th><th>posts</th></tr>'
                       + "".join(f"<tr><td>{escape(n)}</td><td>{c}</td></tr>" for n, c in items) + "</table>")
    return "".join(out)


def post_card(post: dict[str, Any], text: str | None, number: int, span_id: int,
              palette: dict[str, str]) -> tuple[str, int, int]:
    """One post's card; returns it with the next record number and span number."""
    from fitpost.review.spans import marked_html
    records = list(enumerate(post.get("activities") or [], number))
    spans = post_spans(records, text)
    if text is None:
        text, spans = rebuild_text(spans, [r for _, r in records])
    head = [f"<b>{escape(str(post.get('id')))}</b>" if post.get("id") is not None else "<b>(no id)</b>"]
    head += [escape(str(post[k])) for k in ("posted_at", "author") if post.get(k)]
    if isinstance(post.get("source"), dict):
        head.append(escape(", ".join(f"{k}: {v}" for k, v in post["source"].items())))
    head += [f'<span class="fp-warning">{escape(str(w))}</span>' for w in post.get("warnings") or []]
    rows = "".join(record_row(n, r, palette) for n, r in records)
    numbers = " ".join(str(n) for n, _ in records)
    body = marked_html(text, spans, span_id, palette) if text else '<i class="fp-none">(no text)</i>'
    card = (f'<article class="fp-post" data-records="{numbers}"><header>{" · ".join(head)}</header>'
            f'<div class="fp-body"><div class="fp-text">{body}</div>'
            + (f'<table class="fp-records"><thead><tr><th>activity</th><th>status</th><th>conf.</th>'
               f'<th>amounts</th><th>when</th><th>who, where</th></tr></thead><tbody>{rows}</tbody></table>'
               if rows else '<p class="fp-none">no records</p>')
            + "</div></article>")
    return card, number + len(records), span_id + len(spans)


def record_row(number: int, r: dict[str, Any], palette: dict[str, str]) -> str:
    amounts = [f"{slot} {q.get('text')}" for slot in AMOUNTS if isinstance(q := r.get(slot), dict)]
    amounts += [f"{k} {r[k]}" for k in ("sets", "reps", "frequency", "exercise") if r.get(k) is not None]
    d = r.get("date") if isinstance(r.get("date"), dict) else {}
    when = f"{d.get('text')} → {d.get('value')}" if d else ""
    who = [f"with {n}" for n in map(participant_name, r.get("participants") or []) if n]
    who += [f"{p.get('role', 'at')} {p.get('name')}" for p in r.get("places") or [] if isinstance(p, dict)]
    if isinstance(r.get("event"), dict):
        who.append(f"event {r['event'].get('name')}")
    conf = r.get("confidence")
    conf = float(conf) if isinstance(conf, int | float) else 0.0
    activity, status = str(r["activity"]), str(r.get("status"))
    swatch = f'<i style="background:{palette[activity]}"></i>' if activity in palette else ""
    return (f'<tr class="fp-record" data-record="{number}" data-activity="{escape(activity)}" '
            f'data-status="{escape(status)}" data-confidence="{conf}">'
            f'<td>{swatch}{escape(activity.replace("_", " "))}</td><td>{escape(status)}</td><td>{conf:.2f}</td>'
            f'<td>{escape("; ".join(amounts))}</td><td>{escape(when)}</td><td>{escape("; ".join(who))}</td></tr>')
