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

# the flat columns of CSV and Parquet, in order
COLUMNS = ("post_id", "author", "posted_at", "activity_index", "activity", "status", "evidence",
           "distance_m", "duration_s", "count", "count_unit", "repetition", "frequency",
           "participants", "places", "event", "date", "source")


class OutputUsageError(FitpostError):
    """An output that cannot be written as asked (an unknown format, pyarrow missing)."""


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


def _csv_text(rows: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    for r in rows:
        w.writerow([csv_cell(r[c]) for c in COLUMNS])
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
    return _csv_text(rows), len(rows)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _utf8(value: Any) -> Any:
    """A text (or a list of texts) that UTF-8 can hold: a lone surrogate (half an emoji from a JSON
    escape) becomes its escape ``\\udXXX``, as in a CSV cell."""
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, list):
        return [_utf8(v) for v in value]
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
    import pyarrow as pa
    text = pa.string()
    return pa.schema([
        ("post_id", text), ("author", text), ("posted_at", pa.date32()), ("activity_index", pa.int32()),
        ("activity", text), ("status", text), ("evidence", text), ("distance_m", pa.float64()),
        ("duration_s", pa.float64()), ("count", pa.float64()), ("count_unit", text), ("repetition", pa.int64()),
        ("frequency", text), ("participants", pa.list_(text)), ("places", pa.list_(text)), ("event", text),
        ("date", pa.date32()), ("source", text),
    ])


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
