"""What a batch output holds, in figures: ``fitpost summary`` and the top of ``fitpost review``.

:func:`read_output` reads fitpost's JSON Lines output (a file, ``-`` for stdin, or a Dask output
folder of ``part-NNNNN.jsonl`` files) a post at a time; :class:`Summary` adds the posts up:

- records by activity and by status;
- distance and time per activity, and per week and activity, of the records whose status says the
  session was done (completed or ongoing: the ``done`` phase of ``models/statuses.json``): a plan,
  a routine, a hypothetical or a negated session adds no kilometres.  Each record's distance and
  duration count once as written ("5 km a day for 3 days" adds 5 km);
- the week of a record: its date when the text names a day or a week, else the post's date
  (``posted_at``); a record with neither has no week;
- the participants, places and events named most often, counted once per post that names them.

Errors are the lines of the error file (``OUT.errors.jsonl`` beside the output, or one given).
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fitpost import statuses
from fitpost.errors import FitpostError

STDIN = "-"
DONE_PHASE = "done"


class OutputError(FitpostError):
    """An output file that cannot be read, or a line that is not one of fitpost's output lines."""


# ---------------------------------------------------------------- reading an output


def output_files(path: str) -> list[Path]:
    """The JSON Lines files of an output: the file itself, or a Dask output folder's parts in order."""
    p = Path(path)
    if p.is_dir():
        parts = sorted(p.glob("part-*.jsonl"))
        if not parts:
            raise OutputError(f"{path}: a folder without part-NNNNN.jsonl files (the JSON Lines output "
                              "of fitpost batch --engine dask)")
        return parts
    if not p.exists():
        raise OutputError(f"no such file: {path}")
    return [p]


def default_errors(path: str) -> list[Path]:
    """The error files beside an output: ``OUT.errors.jsonl``, or a Dask folder's ``errors-NNNNN.jsonl``."""
    from fitpost.engine import default_errors_path
    if path == STDIN:
        return []
    p = Path(path)
    if p.is_dir():
        return sorted(p.glob("errors-*.jsonl"))
    e = Path(default_errors_path(path))
    return [e] if e.is_file() else []


def _lines(path: str) -> Iterator[tuple[str, int, str]]:
    """(name, line number, line) of every non-blank line of an output, as text."""
    if path == STDIN:
        sources = [("stdin", sys.stdin.buffer)]
    else:
        sources = [(str(f), None) for f in output_files(path)]
    for name, stream in sources:
        try:
            f = stream if stream is not None else open(name, "rb")  # a file opened here is closed below
        except OSError as exc:
            raise OutputError(f"cannot read {name}: {exc.strerror or exc}") from None
        try:
            for number, raw in enumerate(f, 1):
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError:
                    raise OutputError(f"{name}:{number}: not UTF-8 text") from None
                if line.strip():
                    yield name, number, line
        except OSError as exc:
            raise OutputError(f"cannot read {name}: {exc.strerror or exc}") from None
        finally:
            if stream is None:
                f.close()


def read_output(path: str) -> Iterator[dict[str, Any]]:
    """Every output line of ``path`` as a dict, checked to be one of fitpost's: an object with a list
    of ``activities``, each an object with an ``activity`` and an ``evidence`` span."""
    for name, number, line in _lines(path):
        try:
            post = json.loads(line)
        except json.JSONDecodeError as exc:
            raise OutputError(f"{name}:{number}: not a JSON line ({exc.msg}): fitpost review and summary read "
                              "the JSON Lines output of fitpost batch (-o OUT.jsonl)") from None
        problem = _shape_problem(post)
        if problem:
            raise OutputError(f"{name}:{number}: not an output line of fitpost batch: {problem}")
        yield post


def _shape_problem(post: Any) -> str | None:
    if not isinstance(post, dict):
        return "not a JSON object"
    acts = post.get("activities")
    if not isinstance(acts, list):
        return 'no "activities" list'
    for a in acts:
        if not isinstance(a, dict) or not isinstance(a.get("activity"), str):
            return 'an activity without an "activity" name'
        ev = a.get("evidence")
        if not (isinstance(ev, dict) and isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int)
                and isinstance(ev.get("text"), str)):
            return f'a {a["activity"]} record without an "evidence" span (text, start, end)'
    return None


def read_errors(paths: list[Path]) -> list[dict[str, Any]]:
    """The lines of the error files (a line that is not a JSON object counts, with reason ``unreadable``)."""
    out = []
    for p in paths:
        try:
            text = p.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise OutputError(f"cannot read {p}: {exc.strerror or exc}") from None
        for line in text.splitlines():
            if not line.strip():
                continue
            try:
                err = json.loads(line)
            except json.JSONDecodeError:
                err = None
            out.append(err if isinstance(err, dict) else {"reason": "unreadable", "detail": line[:200]})
    return out


# ---------------------------------------------------------------- the figures


def amount(record: dict[str, Any], slot: str, unit: str) -> float | None:
    """A record's distance in metres (``slot="distance", unit="meters"``) or duration in seconds."""
    q = record.get(slot)
    value = q.get(unit) if isinstance(q, dict) else None
    return float(value) if isinstance(value, int | float) and value >= 0 else None


def is_done(status: Any) -> bool:
    """Whether a record's status says the session was done or is under way."""
    try:
        return statuses.meaning(status).phase == DONE_PHASE
    except (KeyError, TypeError):
        return False


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def record_week(record: dict[str, Any], post: dict[str, Any]) -> dt.date | None:
    """The Monday of a record's week: its date when the text names a day or a week, else the post's."""
    d = record.get("date")
    day = None
    if isinstance(d, dict) and d.get("granularity", "day") in ("day", "week"):
        day = _date(d.get("value"))
    day = day or _date(post.get("posted_at"))
    return day - dt.timedelta(days=day.weekday()) if day else None


def participant_name(p: Any) -> str | None:
    """How a participant is shown: the handle, else the name, else the relation ("brother")."""
    if not isinstance(p, dict):
        return None
    for key in ("handle", "name", "relation"):
        if isinstance(p.get(key), str) and p[key].strip():
            return p[key]
    return None


@dataclass
class Totals:
    records: int = 0
    done: int = 0
    meters: float = 0.0
    seconds: float = 0.0

    def add(self, record: dict[str, Any]) -> None:
        self.records += 1
        if is_done(record.get("status")):
            self.done += 1
            self.meters += amount(record, "distance", "meters") or 0.0
            self.seconds += amount(record, "duration", "seconds") or 0.0


@dataclass
class Summary:
    """The figures of an output, added up a post at a time (:meth:`add`)."""

    posts: int = 0
    records: int = 0
    posts_without_records: int = 0
    errors: int = 0
    errors_by_reason: Counter = field(default_factory=Counter)
    by_activity: dict[str, Totals] = field(default_factory=dict)
    by_status: Counter = field(default_factory=Counter)
    by_activity_status: Counter = field(default_factory=Counter)  # (activity, status) -> records
    weekly: dict[tuple[dt.date, str], Totals] = field(default_factory=dict)  # (Monday, activity)
    without_week: int = 0
    participants: Counter = field(default_factory=Counter)
    places: Counter = field(default_factory=Counter)
    events: Counter = field(default_factory=Counter)

    def add(self, post: dict[str, Any]) -> None:
        acts = post.get("activities") or []
        self.posts += 1
        self.records += len(acts)
        self.posts_without_records += not acts
        people, places, events = set(), set(), set()
        for a in acts:
            activity, status = a["activity"], str(a.get("status"))
            self.by_activity.setdefault(activity, Totals()).add(a)
            self.by_status[status] += 1
            self.by_activity_status[activity, status] += 1
            week = record_week(a, post)
            if week is None:
                self.without_week += 1
            else:
                self.weekly.setdefault((week, activity), Totals()).add(a)
            people.update(filter(None, map(participant_name, a.get("participants") or [])))
            places.update(p["name"] for p in a.get("places") or [] if isinstance(p, dict)
                          and isinstance(p.get("name"), str))
            ev = a.get("event")
            if isinstance(ev, dict) and isinstance(ev.get("name"), str):
                events.add(ev["name"])
        self.participants.update(people)
        self.places.update(places)
        self.events.update(events)

    def add_errors(self, errors: list[dict[str, Any]]) -> None:
        self.errors += len(errors)
        self.errors_by_reason.update(str(e.get("reason")) for e in errors)

    def activities(self) -> list[str]:
        """The activities, most records first (then by name)."""
        return sorted(self.by_activity, key=lambda a: (-self.by_activity[a].records, a))

    def statuses(self) -> list[str]:
        """The statuses that occur, in the order of ``models/statuses.json`` (unknown ones last)."""
        known = [s for s in statuses.names() if s in self.by_status]
        return known + sorted(s for s in self.by_status if s not in known)

    def to_json(self, top: int = 10) -> dict[str, Any]:
        """The figures as plain JSON (``fitpost summary --json``)."""
        return {
            "posts": self.posts, "records": self.records, "posts_without_records": self.posts_without_records,
            "errors": self.errors, "errors_by_reason": dict(self.errors_by_reason.most_common()),
            "records_by_activity": {a: self.by_activity[a].records for a in self.activities()},
            "records_by_status": {s: self.by_status[s] for s in self.statuses()},
            "records_by_activity_and_status": {
                a: {s: self.by_activity_status[a, s] for s in self.statuses() if self.by_activity_status[a, s]}
                for a in self.activities()},
            "done": {a: {"records": t.done, "distance_m": round(t.meters, 3), "duration_s": round(t.seconds, 3)}
                     for a, t in ((a, self.by_activity[a]) for a in self.activities())},
            "weekly": [{"week": w.isoformat(), "activity": a, "records": t.records, "done": t.done,
                        "distance_m": round(t.meters, 3), "duration_s": round(t.seconds, 3)}
                       for (w, a), t in sorted(self.weekly.items())],
            "records_without_week": self.without_week,
            "participants": _top(self.participants, top),
            "places": _top(self.places, top),
            "events": _top(self.events, top),
        }


def _top(counter: Counter, n: int) -> list[dict[str, Any]]:
    """The ``n`` names in most posts (then by name), as ``{"name", "posts"}``."""
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return [{"name": name, "posts": count} for name, count in ranked]


def summarise(path: str, errors: str | None = None) -> Summary:
    """The :class:`Summary` of the output at ``path`` and its error file (``errors``, else the one beside it)."""
    summary = Summary()
    for post in read_output(path):
        summary.add(post)
    error_paths = [Path(errors)] if errors else default_errors(path)
    if errors and not Path(errors).is_file():
        raise OutputError(f"no such file: {errors}")
    summary.add_errors(read_errors(error_paths))
    return summary


# ---------------------------------------------------------------- as text


def km(meters: float) -> str:
    return f"{meters / 1000:,.1f}"


def hours(seconds: float) -> str:
    """``5400`` -> ``1:30`` (hours and minutes)."""
    minutes = round(seconds / 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


def table(header: list[str], rows: list[list[Any]]) -> list[str]:
    """Aligned columns: the first left-aligned, the others right-aligned; two spaces between."""
    cells = [[str(c) for c in row] for row in [header, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    return ["  " + "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip()
            for r in cells]


def format_text(s: Summary, top: int = 10) -> str:
    """The summary as aligned plain-text tables (``fitpost summary``)."""
    out = table(["", ""], [["posts", s.posts], ["records", s.records],
                           ["posts without records", s.posts_without_records], ["errors", s.errors]])[1:]
    out = [line[2:] for line in out]
    if s.errors_by_reason:
        out += ["", "errors by reason"]
        out += table(["reason", "posts"], [list(kv) for kv in s.errors_by_reason.most_common()])
    if s.records:
        sts = s.statuses()
        out += ["", "records by activity and status"]
        out += table(["activity", "records", *sts],
                     [[a, s.by_activity[a].records, *(s.by_activity_status[a, st] or "" for st in sts)]
                      for a in s.activities()]
                     + [["all", s.records, *(s.by_status[st] for st in sts)]])
    done = [(a, s.by_activity[a]) for a in s.activities() if s.by_activity[a].done]
    if done:
        out += ["", "distance and time done per activity (completed and ongoing records)"]
        out += table(["activity", "records", "km", "h:mm"],
                     [[a, t.done, km(t.meters), hours(t.seconds)] for a, t in done]
                     + [["all", sum(t.done for _, t in done), km(sum(t.meters for _, t in done)),
                         hours(sum(t.seconds for _, t in done))]])
    for title, counter in (("participants", s.participants), ("places", s.places), ("events", s.events)):
        if counter:
            out += ["", f"most frequent {title} (posts naming them)"]
            out += table([title[:-1], "posts"], [[d["name"], d["posts"]] for d in _top(counter, top)])
    return "\n".join(out) + "\n"
