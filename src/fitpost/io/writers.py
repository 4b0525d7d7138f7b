"""Writing records: JSON Lines, CSV and Parquet (one row per activity), JSON-LD (schema.org).

Writing is split in two so that the work runs where it is cheapest:
:func:`renderer` turns one output post (a plain dict) into text in the worker
processes, and a :class:`Sink` in the main process appends that text to the
output, knowing at every moment how many bytes are a valid prefix (for
``--resume``).

The files themselves are made here too, the same way for both engines: a new
file is created exclusively (never through a symbolic link, never over a file
that is there), temporary files live beside their target and end in
``.partial``, and a finished file is renamed into place (:func:`publish`).
:func:`own_outputs` knows every name fitpost gives its files, for the folder
walks of the readers.
"""
from __future__ import annotations

import csv
import datetime as dt
import errno
import functools
import io
import json
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from fitpost.errors import FitpostError


@dataclass(frozen=True)
class Column:
    """A column of the CSV and Parquet tables: its name, its type, and the field of the record it shows
    (a post's field, or an activity's)."""

    name: str
    kind: str  # text, int, float, date, json; texts (a list), people, places, spans (lists of structs)
    field: str


# the columns of CSV and Parquet, in order: one row per activity, the post's fields repeated on each
TABLE = (
    Column("post_id", "text", "id"), Column("author", "text", "author"), Column("posted_at", "date", "posted_at"),
    Column("source_file", "text", "source"), Column("source_line", "int", "source"),
    Column("source_index", "int", "source"), Column("source_item", "int", "source"),
    Column("activity_index", "int", "activities"), Column("activity", "text", "activity"),
    Column("status", "text", "status"), Column("sport_type", "text", "sport_type"),
    Column("exercise", "text", "exercise"), Column("confidence", "float", "confidence"),
    Column("evidence", "text", "evidence"), Column("evidence_start", "int", "evidence"),
    Column("evidence_end", "int", "evidence"),
    Column("distance_m", "float", "distance"), Column("distance_text", "text", "distance"),
    Column("duration_s", "float", "duration"), Column("duration_text", "text", "duration"),
    Column("pace_s_per_km", "float", "pace"), Column("pace_text", "text", "pace"),
    Column("elevation_m", "float", "elevation"), Column("elevation_text", "text", "elevation"),
    Column("count", "float", "count"), Column("count_unit", "text", "count"), Column("count_text", "text", "count"),
    Column("sets", "int", "sets"), Column("reps", "int", "reps"),
    Column("repetition", "int", "repetition"), Column("repetition_text", "text", "repetition"),
    Column("frequency", "text", "frequency"),
    Column("participants", "people", "participants"), Column("places", "places", "places"),
    Column("event", "text", "event"),
    Column("date", "date", "date"), Column("date_text", "text", "date"), Column("date_granularity", "text", "date"),
    Column("attributes", "texts", "attributes"), Column("mentions", "spans", "mentions"),
    Column("warnings", "texts", "warnings"), Column("source", "json", "source"),
)
COLUMNS = tuple(c.name for c in TABLE)


class OutputUsageError(FitpostError):
    """An output that cannot be written as asked (an unknown format, pyarrow missing)."""


# ---------------------------------------------------------------- flat rows

def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


_PER = re.compile(r"(\d+(?:\.\d+)?)?([a-z]+)")


def per_km(seconds: Any, per: Any) -> float | None:
    """A pace of ``seconds`` per ``per`` ("km", "mi", "100m") in seconds per kilometre."""
    from fitpost.quantity_parser.lexicon import lexicon

    m = _PER.fullmatch(per) if isinstance(per, str) else None
    metres = float(m.group(1) or 1) * lexicon().factors.get(m.group(2), 0) if m else 0
    if _num(seconds) is None or not metres:
        return None
    return seconds * 1000.0 / metres


def _activity_cells(a: dict) -> dict[str, Any]:
    dist, dur, pace, elev, cnt, rep = (a.get(k) or {} for k in
                                       ("distance", "duration", "pace", "elevation", "count", "repetition"))
    evidence, date = a.get("evidence") or {}, a.get("date") or {}
    return {
        "activity": a.get("activity"), "status": a.get("status"), "sport_type": a.get("sport_type"),
        "exercise": a.get("exercise"), "confidence": _num(a.get("confidence")),
        "evidence": evidence.get("text"), "evidence_start": _int(evidence.get("start")),
        "evidence_end": _int(evidence.get("end")),
        "distance_m": _num(dist.get("meters")), "distance_text": dist.get("text"),
        "duration_s": _num(dur.get("seconds")), "duration_text": dur.get("text"),
        "pace_s_per_km": per_km(pace.get("seconds"), pace.get("per")), "pace_text": pace.get("text"),
        "elevation_m": _num(elev.get("meters")), "elevation_text": elev.get("text"),
        "count": _num(cnt.get("value")), "count_unit": cnt.get("unit"), "count_text": cnt.get("text"),
        # the record's sets and reps, else its count's ("3x20 squats")
        "sets": _int(a.get("sets")) if a.get("sets") is not None else _int(cnt.get("sets")),
        "reps": _int(a.get("reps")) if a.get("reps") is not None else _int(cnt.get("reps")),
        "repetition": _int(rep.get("times")), "repetition_text": rep.get("text"),
        "frequency": a.get("frequency"),
        "participants": [{k: p.get(k) for k in ("name", "handle", "relation")} for p in a.get("participants") or []],
        "places": [{"name": p["name"], "role": p.get("role", "at")} for p in a.get("places") or [] if p.get("name")],
        "event": (a.get("event") or {}).get("name"),
        "date": date.get("value"), "date_text": date.get("text"), "date_granularity": date.get("granularity"),
        "attributes": list(a.get("attributes") or []),
        "mentions": [{k: m.get(k) for k in ("text", "start", "end")} for m in a.get("mentions") or []],
    }


def flat_rows(post: dict) -> list[dict[str, Any]]:
    """One row per activity of an output post (the columns of :data:`TABLE`); a post without any gives
    one row with no activity.

    ``participants``, ``places`` and ``mentions`` are lists of dicts, ``attributes`` and ``warnings``
    lists of texts: Parquet keeps them so, CSV writes them as text (:func:`csv_text`).
    """
    source = post.get("source") or {}
    base = {"post_id": post.get("id"), "author": post.get("author"), "posted_at": post.get("posted_at"),
            "source_file": source.get("file"), "source_line": _int(source.get("line")),
            "source_index": _int(source.get("index")), "source_item": _int(source.get("item")),
            "warnings": list(post.get("warnings") or []),
            "source": json.dumps(source, ensure_ascii=False, sort_keys=True) if source else None}
    rows = [{**dict.fromkeys(COLUMNS), **base, "activity_index": i, **_activity_cells(a)}
            for i, a in enumerate(post.get("activities") or [])]
    if not rows:
        rows.append({**dict.fromkeys(COLUMNS), **base, "participants": [], "places": [], "attributes": [],
                     "mentions": []})
    return rows


def _person(p: dict) -> str:
    """A participant as text: "Kari Nordvik (@kari, sister)", "@gus", "Leo (brother)", "(brother)"."""
    name, handle, relation = p.get("name"), p.get("handle"), p.get("relation")
    if handle and not handle.startswith("@"):
        handle = "@" + handle
    first = name or handle or ""
    said = ", ".join(x for x in (handle if name else None, relation) if x)
    return f"{first} ({said})".strip() if said else first


def _place(p: dict) -> str:
    return p["name"] if p.get("role", "at") == "at" else f"{p['name']} ({p['role']})"


def _span(m: dict) -> str:
    return f"{m.get('text')} [{m.get('start')}:{m.get('end')}]"


# how CSV writes the items of a list column as text ("; " between them)
_AS_TEXT = {"people": _person, "places": _place, "spans": _span, "texts": str}
_LISTS = {c.name: _AS_TEXT[c.kind] for c in TABLE if c.kind in _AS_TEXT}


# a spreadsheet reads a cell that starts with one of these as a formula (CSV injection): such a text
# cell gets a leading single quote, as OWASP advises, which spreadsheets show as text
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: lists joined with "; ", None empty, a text that a spreadsheet would run
    as a formula prefixed with ``'``; numbers as they are."""
    if isinstance(value, list):
        value = "; ".join(value)
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_text(rows: list[dict]) -> str:
    """Rows as CSV: the list columns as readable text ("Kari Nordvik (@kari, sister); Leo (brother)",
    "Pune (from); Lonikand (to)", "race [158:162]"), every cell through :func:`csv_cell`."""
    buf = io.StringIO()
    w = csv.writer(buf)
    for r in rows:
        w.writerow([csv_cell([_LISTS[c](v) for v in r[c]] if c in _LISTS else r[c]) for c in COLUMNS])
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

# how a JSON Lines record is written: compact, as `fitpost extract` prints it (the default); with
# --pretty, for people: "spaced" (a space after , and :) still one record a line, for a file;
# "indented" over several lines, for a terminal (-o -; then no longer JSON Lines)
JSON_STYLES: dict[str, dict[str, Any]] = {"compact": {"separators": (",", ":")}, "spaced": {},
                                          "indented": {"indent": 2}}


def _render_jsonl(post: dict, style: str = "compact") -> Rendered:
    return json.dumps(post, ensure_ascii=False, **JSON_STYLES[style]) + "\n", 1


def _render_csv(post: dict) -> Rendered:
    rows = flat_rows(post)
    return csv_text(rows), len(rows)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _utf8(value: Any) -> Any:
    """A text (or a list of texts) that UTF-8 can hold: a lone surrogate (half an emoji from a JSON
    escape) becomes its escape ``\\udXXX``, as in a CSV cell."""
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, list):
        return [_utf8(v) for v in value]
    if isinstance(value, dict):
        return {k: _utf8(v) for k, v in value.items()}
    return value


def _render_rows(post: dict) -> Rendered:  # Parquet: rows staged as JSON Lines, converted at the end
    rows = flat_rows(post)
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if _LONE_SURROGATE.search(text):  # Parquet strings are UTF-8
        text = "".join(json.dumps({k: _utf8(v) for k, v in r.items()}, ensure_ascii=False) + "\n" for r in rows)
    return text, len(rows)


def _render_jsonld(post: dict) -> Rendered:
    actions = exercise_actions(post)
    return ",\n".join(json.dumps(a, ensure_ascii=False) for a in actions), len(actions)


@dataclass(frozen=True)
class OutputFormat:
    """An output format of ``fitpost batch``: the registry :data:`FORMATS` holds them all."""

    name: str
    suffixes: tuple[str, ...]  # the suffixes of -o that choose it; the first names the Dask engine's part files
    render: Callable[[dict], Rendered]
    help: str
    streams: bool = True  # can be written as it goes to stdout or a pipe (Parquet is written whole)


FORMATS: dict[str, OutputFormat] = {f.name: f for f in (
    OutputFormat("jsonl", (".jsonl", ".ndjson", ".jsonlines", ".json"), _render_jsonl, "one JSON line per post"),
    OutputFormat("csv", (".csv",), _render_csv,
                 "one row per activity (a post without any gives one row with no activity)"),
    OutputFormat("parquet", (".parquet", ".pq"), _render_rows, "the rows of csv, typed", streams=False),
    OutputFormat("jsonld", (".jsonld", ".json-ld"), _render_jsonld, "schema.org ExerciseActions, one document"),
)}
OUTPUT_FORMATS = tuple(FORMATS)
SUFFIXES = {suffix: f.name for f in FORMATS.values() for suffix in f.suffixes}


def output_format(path: str, fmt: str | None = None) -> str:
    """The output format: ``fmt`` when given, else from the suffix of ``path`` (JSON Lines by default)."""
    if fmt:
        if fmt not in FORMATS:
            raise OutputUsageError(f"unknown output format {fmt!r} (one of {', '.join(FORMATS)})")
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


def renderer(fmt: str, json_style: str = "compact") -> Callable[[dict], Rendered]:
    """The function that renders one output post for ``fmt`` (runs in the worker processes); a JSON
    Lines record in ``json_style`` (:data:`JSON_STYLES`; the other formats have one style)."""
    if fmt not in FORMATS:
        raise OutputUsageError(f"unknown output format {fmt!r}")
    if fmt == "jsonl" and json_style != "compact":
        return functools.partial(_render_jsonl, style=json_style)
    return FORMATS[fmt].render


def join_rendered(fmt: str, pieces: list[Rendered]) -> Rendered:
    """Several rendered posts as one piece."""
    if fmt == "jsonld":
        return ",\n".join(t for t, n in pieces if n), sum(n for _, n in pieces)
    return "".join(t for t, _ in pieces), sum(n for _, n in pieces)


# ---------------------------------------------------------------- the names of fitpost's own files

PARTIAL = ".partial"  # OUT.partial, ERRORS.partial, and every temporary file: a file not finished
STATE = ".resume.json"  # OUT.resume.json: how far a run got, for --resume
ERRORS = ".errors.jsonl"  # the default error file beside the output: OUT-without-suffix.errors.jsonl
SUCCESS = "_SUCCESS"  # the last file of a Dask output folder: the counts

# (OUT.resume.json.tmp: the state's temporary name in earlier releases, which an interrupted one may leave)
_OWN = re.compile(r".+\.partial|.+\.resume\.json(\.tmp)?|.+\.errors\.jsonl|_SUCCESS")
# a Dask output folder's files, and their partial and temporary files (.part-00000.parquet.1f2e3d4c.partial)
_PART = re.compile(r"\.?(part-\d{5}\.(jsonl|csv|parquet|jsonld)|errors-\d{5}\.jsonl|_SUCCESS)(\.[0-9a-f]+\.partial)?")


def part_name(index: int, fmt: str) -> str:
    """The Dask engine's part file ``index``: ``part-00012.jsonl``."""
    return f"part-{index:05d}{FORMATS[fmt].suffixes[0]}"


def errors_part_name(index: int) -> str:
    """The Dask engine's error file of partition ``index``: ``errors-00012.jsonl``."""
    return f"errors-{index:05d}.jsonl"


def is_part_file(name: str) -> bool:
    """Whether ``name`` is one the Dask engine gives the files of an output folder (parts, their error
    files, their ``.partial`` files, ``_SUCCESS``): what a rerun replaces there, and only that."""
    return _PART.fullmatch(name) is not None


def own_outputs(names: Iterable[str]) -> set[str]:
    """The names among ``names`` (the entries of one folder) that are fitpost's own files.

    Those are the temporary files (``*.partial``), the resume state (``*.resume.json``), the
    default error files (``*.errors.jsonl``), and in a Dask output folder (one with ``_SUCCESS``
    or a part being written) the part files ``part-NNNNN.<format>`` and ``errors-NNNNN.jsonl``.
    The output a user names with ``-o`` is not known by its name: fitpost refuses to write it
    inside a folder it reads.
    """
    names = list(names)
    own = {n for n in names if _OWN.fullmatch(n)}
    if SUCCESS in own or any(n.endswith(PARTIAL) and _PART.fullmatch(n) for n in names):
        own.update(n for n in names if _PART.fullmatch(n))
    return own


def is_own_output(path: str | Path) -> bool:
    """Whether the file at ``path`` is one of fitpost's own (see :func:`own_outputs`)."""
    p = Path(path)
    if _OWN.fullmatch(p.name):
        return True
    if not _PART.fullmatch(p.name):
        return False
    try:
        return p.name in own_outputs(os.listdir(p.parent or "."))
    except OSError:
        return False


# ---------------------------------------------------------------- making files

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def create_file(path: str) -> BinaryIO:
    """A new file at ``path``, created exclusively: never through a symbolic link planted there,
    never over a file that is there (FileExistsError)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o666)
    return os.fdopen(fd, "wb")


def replace_file(path: str) -> BinaryIO:
    """:func:`create_file`, after removing what is at ``path`` (a file, or a link: never its target)."""
    if os.path.lexists(path):
        os.unlink(path)
    return create_file(path)


def reopen_file(path: str, offset: int) -> BinaryIO:
    """A partial file of an earlier run, cut back to ``offset`` bytes, to write on at its end.

    A symbolic link is not followed and anything but a regular file is refused (OSError).
    """
    fd = os.open(path, os.O_RDWR | _NOFOLLOW | _CLOEXEC)
    f = os.fdopen(fd, "r+b")
    if not stat.S_ISREG(os.fstat(fd).st_mode) or os.fstat(fd).st_size < offset:
        f.close()
        raise OSError(errno.EINVAL, "not the partial file this run left", path)
    f.truncate(offset)
    f.seek(offset)
    return f


def temp_file(beside: str) -> tuple[BinaryIO, str]:
    """A new temporary file in the folder of ``beside`` (``.NAME.XXXXXXXX.partial``), made exclusively
    (:func:`create_file`: with the permissions a new file gets, as the file it will become)."""
    folder, name = os.path.split(os.path.abspath(beside))
    for _ in range(100):
        path = os.path.join(folder, f".{name}.{secrets.token_hex(4)}{PARTIAL}")
        try:
            return create_file(path), path
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file", folder)


def finish_file(f: BinaryIO) -> None:
    """Flush ``f`` to the disk and close it."""
    f.flush()
    os.fsync(f.fileno())
    f.close()


def publish(fmt: str, partial: str, final: str) -> None:
    """Move a finished partial file to its final name (Parquet: converted from its staged rows first).

    The final file appears whole or not at all; a Parquet conversion killed half way leaves the
    staged rows, so doing it again gives the same file.
    """
    if fmt == "parquet":
        f, tmp = temp_file(final)
        try:
            rows_to_parquet(partial, f)
            finish_file(f)
            os.replace(tmp, final)
        except BaseException:
            f.close()
            os.unlink(tmp)
            raise
        os.remove(partial)
    else:
        os.replace(partial, final)
    sync_folder(final)


def sync_folder(path: str) -> None:
    """Make the renames in the folder of ``path`` durable (where the system allows it)."""
    try:
        fd = os.open(os.path.dirname(os.path.abspath(path)), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# ---------------------------------------------------------------- the sink (in the main process)

class Sink:
    """Appends rendered posts to an output file ``f`` in format ``fmt``; the file is a valid prefix
    at every :meth:`commit`.

    ``items`` counts what was written (the JSON-LD actions need a comma between them); a sink that
    goes on from an earlier run's partial file gets the count that run had, and ``fresh=False``.
    """

    def __init__(self, fmt: str, f: BinaryIO, items: int = 0, fresh: bool = True) -> None:
        self.fmt, self.f, self.items = fmt, f, items
        if fresh:
            if fmt == "csv":
                self.f.write(csv_header().encode())
            elif fmt == "jsonld":
                self.f.write(JSONLD_HEAD.encode())

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

    def commit(self) -> int | None:
        """Flush, and return the offset of the valid prefix (None on a stream)."""
        self.f.flush()
        return self.f.tell() if self.f.seekable() else None

    def end(self) -> None:
        """Make what is written a whole document (JSON-LD: close it); a resume cuts it back."""
        if self.fmt == "jsonld":
            self.f.write(JSONLD_TAIL.encode())
        self.f.flush()


def parquet_schema():
    """The Arrow schema of the Parquet table: the columns of :data:`TABLE`, typed; participants, places
    and mentions as lists of structs, which DuckDB and pandas read as they are."""
    import pyarrow as pa
    text = pa.string()
    types = {
        "text": text, "json": text, "int": pa.int64(), "float": pa.float64(), "date": pa.date32(),
        "texts": pa.list_(text),
        "people": pa.list_(pa.struct([("name", text), ("handle", text), ("relation", text)])),
        "places": pa.list_(pa.struct([("name", text), ("role", text)])),
        "spans": pa.list_(pa.struct([("text", text), ("start", pa.int64()), ("end", pa.int64())])),
    }
    return pa.schema([(c.name, types[c.kind]) for c in TABLE])


def rows_to_parquet(rows_path: str, out: str | BinaryIO, batch: int = 50_000) -> None:
    """Convert staged JSON Lines rows to a Parquet file (a path or a binary file), a batch at a time
    (flat memory)."""
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

    with pq.ParquetWriter(out, schema) as writer, open(rows_path, encoding="utf-8") as f:
        rows: list[dict] = []
        for line in f:
            rows.append(json.loads(line))
            if len(rows) >= batch:
                writer.write_table(table(rows))
                rows = []
        if rows:
            writer.write_table(table(rows))
