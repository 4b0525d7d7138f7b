"""The charts of the review page, as inline SVG: stacked bars, one colour a series.

:func:`bars` draws one bar a category (an activity, a week), stacked by series (statuses,
activities), with an axis, a legend, and each piece's figure as its tooltip (``<title>``).
Every text is escaped.
"""
from __future__ import annotations

import datetime as dt
import math
from html import escape

from fitpost.summary import Summary

# colours people tell apart (Okabe & Ito's palette, then Tableau 10's)
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999",
           "#4E79A7", "#F28E2B", "#59A14F", "#B07AA1", "#76B7B2", "#EDC948", "#FF9DA7", "#9C755F")
STATUS_COLOURS = {"completed": "#009E73", "ongoing": "#56B4E9", "planned": "#E69F00", "habitual": "#CC79A7",
                  "hypothetical": "#999999", "negated": "#D55E00"}
MAX_WEEKS = 160  # a longer stretch shows only the weeks that have records


def colours(names: list[str]) -> dict[str, str]:
    """A colour for each name, in order."""
    return {n: PALETTE[i % len(PALETTE)] for i, n in enumerate(names)}


def _nice(top: float) -> float:
    """The axis end: 1, 2 or 5 times a power of ten, at least ``top``."""
    if top <= 0:
        return 1.0
    p = 10 ** math.floor(math.log10(top))
    return next(m * p for m in (1, 2, 5, 10) if m * p >= top)


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 or value == int(value) else f"{value:,.1f}"


def bars(title: str, categories: list[str], series: dict[str, list[float]], palette: dict[str, str],
         unit: str = "", width: int = 380) -> str:
    """Vertical stacked bars: ``series[name][i]`` is the piece of ``name`` in ``categories[i]``."""
    height, left, top, bottom = 200, 44, 28, 56
    plot_w, plot_h = width - left - 10, height - top - bottom
    totals = [sum(v[i] for v in series.values()) for i in range(len(categories))]
    end = _nice(max(totals, default=0))
    step = plot_w / max(len(categories), 1)
    out = [f'<svg class="fp-chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
           f'<text x="{left}" y="16" class="fp-chart-title">{escape(title)}</text>']
    for frac in (0, 0.5, 1):
        y = top + plot_h * (1 - frac)
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" class="fp-grid"/>'
                   f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" class="fp-tick">'
                   f'{escape(_fmt(end * frac))}</text>')
    label_every = max(1, math.ceil(len(categories) / 12))
    for i, cat in enumerate(categories):
        x, y = left + i * step + step * 0.12, top + plot_h
        for name, values in series.items():
            if values[i] <= 0:
                continue
            h = plot_h * values[i] / end
            y -= h
            out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.76:.1f}" height="{h:.1f}" '
                       f'fill="{palette[name]}"><title>{escape(f"{cat}: {name} {_fmt(values[i])} {unit}")}'
                       f'</title></rect>')
        if i % label_every == 0:
            cx = left + (i + 0.5) * step
            out.append(f'<text x="{cx:.1f}" y="{top + plot_h + 14}" text-anchor="end" class="fp-tick" '
                       f'transform="rotate(-35 {cx:.1f} {top + plot_h + 14})">{escape(cat)}</text>')
    if unit:
        out.append(f'<text x="4" y="{top - 6}" class="fp-tick">{escape(unit)}</text>')
    out.append("</svg>")
    return "".join(out)


def legend(palette: dict[str, str]) -> str:
    return '<div class="fp-legend">' + "".join(
        f'<span><i style="background:{c}"></i>{escape(n.replace("_", " "))}</span>' for n, c in palette.items()
    ) + "</div>"


def weeks(summary: Summary) -> list[dt.date]:
    """The Mondays from the first week with a record to the last (only those with records past MAX_WEEKS)."""
    have = sorted({w for w, _ in summary.weekly})
    if not have:
        return []
    span = (have[-1] - have[0]).days // 7 + 1
    if span > MAX_WEEKS:
        return have
    return [have[0] + dt.timedelta(weeks=i) for i in range(span)]


def summary_charts(summary: Summary, activity_colours: dict[str, str]) -> str:
    """The three charts of the page's summary, each with its legend."""
    acts = summary.activities()
    sts = summary.statuses()
    status_palette = {s: STATUS_COLOURS.get(s, PALETTE[i % len(PALETTE)]) for i, s in enumerate(sts)}
    by_status = {s: [float(summary.by_activity_status[a, s]) for a in acts] for s in sts}
    parts = ['<figure>' + bars("Records by activity and status", [a.replace("_", " ") for a in acts], by_status,
                              status_palette, "records") + legend(status_palette) + "</figure>"]
    mondays = weeks(summary)
    labels = [m.isoformat() for m in mondays]
    done_acts = [a for a in acts if any(t.done for (_, b), t in summary.weekly.items() if b == a)]
    palette = {a: activity_colours[a] for a in done_acts}  # an activity keeps its colour of the posts
    for title, unit, get in (("Distance done per week (km)", "km", lambda t: t.meters / 1000),
                             ("Time done per week (hours)", "h", lambda t: t.seconds / 3600)):
        series = {a: [get(summary.weekly[m, a]) if (m, a) in summary.weekly else 0.0 for m in mondays]
                  for a in done_acts}
        series = {a: values for a, values in series.items() if any(values)}  # only what has some
        shown = {a: palette[a] for a in series}
        parts.append("<figure>" + bars(title, labels, series, shown, unit) + legend(shown) + "</figure>")
    return "".join(parts)
