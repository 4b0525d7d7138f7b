"""Writing records: JSON Lines, CSV and Parquet (one row per activity), JSON-LD (schema.org).

Writing is split in two so that the work runs where it is cheapest:
:func:`renderer` turns one output post (a plain dict) into text in the worker
processes, and a :class:`Sink` in the main process appends that text to the
output, knowing at every moment how many bytes are a valid prefix (for
``--resume``).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fitpost.errors import FitpostError

OUTPUT_FORMATS = ("jsonl", "csv", "parquet", "jsonld")
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl", ".json": "jsonl", ".csv": "csv",
            ".parquet": "parquet", ".pq": "parquet", ".jsonld": "jsonld", ".json-ld": "jsonld"}

# the flat columns of CSV and Parquet, in order
COLUMNS = ("post_id", "author", "posted_at", "activity_index", "activity", "status", "evidence",
           "distance_m", "duration_s", "count", "count_unit", "repetition", "frequency",
           "participants", "places", "event", "date", "source")


class OutputUsageError(FitpostError):
    """An output that cannot be written as asked (an unknown format, pyarrow missing)."""


def output_format(path: str, fmt: str | None = None) -> str:
    """The output format: ``fmt`` when given, else from the suffix of ``path`` (JSON Lines by default)."""
    if fmt:
        if fmt not in OUTPUT_FORMATS:
            raise OutputUsageError(f"unknown output format {fmt!r} (one of {', '.join(OUTPUT_FORMATS)})")
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix in (".gz", ".xz", ".bz2", ".zst"):
        raise OutputUsageError(f"compressed output ({suffix}) is not written; compress the finished file")
    return SUFFIXES.get(suffix, "jsonl")


def require_pyarrow() -> None:
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise OutputUsageError(
            "Parquet output needs pyarrow, which is not installed: pip install 'fitpost[parquet]' "
            "(or write CSV or JSON Lines)") from None


# ---------------------------------------------------------------- flat rows

def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _person(p: dict) -> str:
    name, handle = p.get("name"), p.get("handle")
    if handle and not handle.startswith("@"):
        handle = "@" + handle
    return f"{name} ({handle})" if name and handle else (name or handle or "")


def _place(p: dict) -> str:
    return p["name"] if p.get("role", "at") == "at" else f"{p['name']} ({p['role']})"


def flat_rows(post: dict) -> list[dict[str, Any]]:
    """One row per activity of an output post; a post without any gives one row with no activity.

    ``participants`` and ``places`` are lists ("Kari Nordvik (@kari)", "Bergen (from)").
    """
    base = {"post_id": post.get("id"), "author": post.get("author"), "posted_at": post.get("posted_at")}
    source = post.get("source")
    src = json.dumps(source, ensure_ascii=False, sort_keys=True) if source else None
    rows = []
    for i, a in enumerate(post.get("activities") or []):
        dist, dur, cnt, rep = (a.get(k) or {} for k in ("distance", "duration", "count", "repetition"))
        rows.append({
            **base, "activity_index": i, "activity": a.get("activity"), "status": a.get("status"),
            "evidence": (a.get("evidence") or {}).get("text"),
            "distance_m": _num(dist.get("meters")), "duration_s": _num(dur.get("seconds")),
            "count": _num(cnt.get("value")), "count_unit": cnt.get("unit"),
            "repetition": rep.get("times") if isinstance(rep.get("times"), int) else None,
            "frequency": a.get("frequency"),
            "participants": [_person(p) for p in a.get("participants") or []],
            "places": [_place(p) for p in a.get("places") or [] if p.get("name")],
            "event": (a.get("event") or {}).get("name"),
            "date": (a.get("date") or {}).get("value"), "source": src,
        })
    if not rows:
        rows.append({**dict.fromkeys(COLUMNS), **base, "participants": [], "places": [], "source": src})
    return rows


def _csv_text(rows: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    for r in rows:
        w.writerow(["; ".join(v) if isinstance(v, list) else ("" if v is None else v)
                    for v in (r[c] for c in COLUMNS)])
    return buf.getvalue()


def csv_header() -> str:
    buf = io.StringIO()
    csv.writer(buf).writerow(COLUMNS)
    return buf.getvalue()


# ---------------------------------------------------------------- JSON-LD

ACTION_STATUS = {
    "completed": "CompletedActionStatus", "ongoing": "ActiveActionStatus", "habitual": "ActiveActionStatus",
    "planned": "PotentialActionStatus", "hypothetical": "PotentialActionStatus", "negated": "FailedActionStatus",
}
JSONLD_HEAD = '{"@context": "https://schema.org", "@graph": [\n'
JSONLD_TAIL = "\n]}\n"


def _metres(m: float) -> str:
    return f"{int(m)} m" if float(m).is_integer() else f"{round(m, 2)} m"


def _schema_person(p: dict) -> dict:
    out: dict[str, Any] = {"@type": "Person"}
    if p.get("name"):
        out["name"] = p["name"]
    if p.get("handle"):
        out["alternateName"] = p["handle"] if p["handle"].startswith("@") else "@" + p["handle"]
    return out


def exercise_actions(post: dict) -> list[dict[str, Any]]:
    """Each activity of an output post as a schema.org ExerciseAction."""
    out = []
    source = post.get("source") or {}
    for i, a in enumerate(post.get("activities") or []):
        act: dict[str, Any] = {"@type": "ExerciseAction", "exerciseType": a.get("activity")}
        if post.get("id") is not None:
            act["identifier"] = f"{post['id']}#{i}"
        if (a.get("evidence") or {}).get("text"):
            act["description"] = a["evidence"]["text"]
        if a.get("status") in ACTION_STATUS:
            act["actionStatus"] = "https://schema.org/" + ACTION_STATUS[a["status"]]
        meters = (a.get("distance") or {}).get("meters")
        if isinstance(meters, (int, float)):
            act["distance"] = _metres(meters)
        places = a.get("places") or []
        for role, prop in (("from", "fromLocation"), ("to", "toLocation")):
            found = [{"@type": "Place", "name": p["name"]} for p in places if p.get("role") == role and p.get("name")]
            if found:
                act[prop] = found[0] if len(found) == 1 else found
        at = [{"@type": "Place", "name": p["name"]} for p in places if p.get("role") in ("at", "via") and p.get("name")]
        if at:
            act["location"] = at[0] if len(at) == 1 else at
        if (a.get("event") or {}).get("name"):
            act["sportsEvent"] = {"@type": "SportsEvent", "name": a["event"]["name"]}
        people = [_schema_person(p) for p in a.get("participants") or [] if p.get("name") or p.get("handle")]
        if people:
            act["participant"] = people
        if post.get("author"):
            act["agent"] = {"@type": "Person", "name": post["author"]}
        if (a.get("date") or {}).get("value"):
            act["startTime"] = a["date"]["value"]
        if source.get("url"):
            act["url"] = source["url"]
        out.append(act)
    return out


# ---------------------------------------------------------------- rendering (in the workers)

Rendered = tuple[str, int]  # text to append, and how many items it holds


def _render_jsonl(post: dict) -> Rendered:
    return json.dumps(post, ensure_ascii=False) + "\n", 1


def _render_csv(post: dict) -> Rendered:
    rows = flat_rows(post)
    return _csv_text(rows), len(rows)


def _render_rows(post: dict) -> Rendered:  # Parquet: rows staged as JSON Lines, converted at the end
    rows = flat_rows(post)
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), len(rows)


def _render_jsonld(post: dict) -> Rendered:
    actions = exercise_actions(post)
    return ",\n".join(json.dumps(a, ensure_ascii=False) for a in actions), len(actions)


_RENDERERS = {"jsonl": _render_jsonl, "csv": _render_csv, "parquet": _render_rows, "jsonld": _render_jsonld}


def renderer(fmt: str) -> Callable[[dict], Rendered]:
    """The function that renders one output post for ``fmt`` (runs in the worker processes)."""
    try:
        return _RENDERERS[fmt]
    except KeyError:
        raise OutputUsageError(f"unknown output format {fmt!r}") from None


def join_rendered(fmt: str, pieces: list[Rendered]) -> Rendered:
    """Several rendered posts as one piece."""
    if fmt == "jsonld":
        return ",\n".join(t for t, n in pieces if n), sum(n for _, n in pieces)
    return "".join(t for t, _ in pieces), sum(n for _, n in pieces)


# ---------------------------------------------------------------- the sink (in the main process)

class Sink:
    """Appends rendered text to a partial output file; the file is a valid prefix at every commit.

    ``offset`` and ``items`` after a write are what a resume truncates back to.
    """

    def __init__(self, fmt: str, path: str, offset: int | None = None, items: int = 0) -> None:
        self.fmt, self.path = fmt, path
        if offset is None:  # a fresh start
            self.f = open(path, "wb")
            self.items = 0
            if fmt == "csv":
                self.f.write(csv_header().encode())
            elif fmt == "jsonld":
                self.f.write(JSONLD_HEAD.encode())
        else:  # resume: drop anything written after the last commit
            self.f = open(path, "r+b")
            self.f.truncate(offset)
            self.f.seek(offset)
            self.items = items

    def write(self, text: str, n: int) -> None:
        if not n and self.fmt == "jsonld":
            return
        if self.fmt == "jsonld" and self.items:
            text = ",\n" + text
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate from a JSON escape: keep it as an escape
            data = text.encode("utf-8", "backslashreplace")
        self.f.write(data)
        self.items += n

    def commit(self) -> int:
        """Flush, and return the offset of the valid prefix."""
        self.f.flush()
        return self.f.tell()

    def close_partial(self) -> None:
        """Leave the partial file valid on its own (JSON-LD: close the document); a resume cuts it back."""
        if self.fmt == "jsonld":
            self.f.write(JSONLD_TAIL.encode())
        self.f.close()

    def finish(self, final: str) -> None:
        """Complete the file and move it to ``final``."""
        if self.fmt == "jsonld":
            self.f.write(JSONLD_TAIL.encode())
        self.f.flush()
        os.fsync(self.f.fileno())
        self.f.close()
        if self.fmt == "parquet":
            tmp = final + ".tmp"
            rows_to_parquet(self.path, tmp)
            os.replace(tmp, final)
            os.remove(self.path)
        else:
            os.replace(self.path, final)


def parquet_schema():
    import pyarrow as pa
    text = pa.string()
    return pa.schema([
        ("post_id", text), ("author", text), ("posted_at", pa.date32()), ("activity_index", pa.int32()),
        ("activity", text), ("status", text), ("evidence", text), ("distance_m", pa.float64()),
        ("duration_s", pa.float64()), ("count", pa.float64()), ("count_unit", text), ("repetition", pa.int64()),
        ("frequency", text), ("participants", pa.list_(text)), ("places", pa.list_(text)), ("event", text),
        ("date", pa.date32()), ("source", text),
    ])


def rows_to_parquet(rows_path: str, out_path: str, batch: int = 50_000) -> None:
    """Convert staged JSON Lines rows to a Parquet file, a batch at a time (flat memory)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    dates = ("posted_at", "date")

    def table(rows: list[dict]) -> pa.Table:
        for r in rows:
            for k in dates:
                if r.get(k):
                    try:
                        r[k] = dt.date.fromisoformat(r[k])
                    except ValueError:
                        r[k] = None
        return pa.Table.from_pylist(rows, schema=schema)

    with pq.ParquetWriter(out_path, schema) as writer, open(rows_path, encoding="utf-8") as f:
        rows: list[dict] = []
        for line in f:
            rows.append(json.loads(line))
            if len(rows) >= batch:
                writer.write_table(table(rows))
                rows = []
        if rows:
            writer.write_table(table(rows))
