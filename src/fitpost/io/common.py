"""Shared pieces of the readers: opening (compressed) inputs, dotted paths, dates, error records."""
from __future__ import annotations

import bz2
import datetime as dt
import gzip
import io
import lzma
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from fitpost.inputs import InputError, InputPost

# reasons an input post goes to the error file (the ``reason`` field of an error line)
MALFORMED_JSON = "malformed_json"
MISSING_TEXT = "missing_text"
NOT_UTF8 = "not_utf8"
UNREADABLE = "unreadable_file"
PIPELINE_FAILED = "pipeline_failed"
WORKER_DIED = "worker_died"

STDIN = "-"
COMPRESSED_SUFFIXES = (".gz", ".xz", ".bz2")


@dataclass
class ReadPost(InputPost):
    """An :class:`InputPost` plus what the reader noticed (an unreadable date ...)."""

    warnings: list[str] = field(default_factory=list)


@dataclass
class ReadError(InputError):
    """An :class:`InputError` whose ``reason`` is one of the codes above, with a human ``detail``."""

    detail: str = ""


@dataclass
class Fields:
    """Dotted paths (``user.name``, ``entities.0.text``) of the fields of a JSON post; None: defaults."""

    text: str | None = None
    id: str | None = None
    date: str | None = None
    author: str | None = None

    def given(self) -> bool:
        return any((self.text, self.id, self.date, self.author))


Item = InputPost | InputError


# ---------------------------------------------------------------- paths and values

_MISSING = object()


def get_path(obj: Any, path: str, default: Any = None) -> Any:
    """The value at dotted ``path`` in nested dicts and lists (``a.b.0.c``), else ``default``."""
    node = obj
    for part in path.split("."):
        if isinstance(node, dict):
            node = node.get(part, _MISSING)
        elif isinstance(node, list) and part.lstrip("-").isdigit():
            try:
                node = node[int(part)]
            except IndexError:
                node = _MISSING
        else:
            node = _MISSING
        if node is _MISSING:
            return default
    return node


def first_path(obj: Any, paths: tuple[str, ...] | list[str]) -> tuple[str | None, Any]:
    """The first of ``paths`` present (not None) in ``obj``, and its value."""
    for p in paths:
        value = get_path(obj, p)
        if value is not None:
            return p, value
    return None, None


def as_dict(value: Any) -> dict:
    """``value`` when it is a JSON object, else an empty one (a field of the wrong type is left out)."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list:
    """``value`` when it is a JSON array, else an empty one (a field of the wrong type is left out)."""
    return value if isinstance(value, list) else []


def as_key(value: Any) -> str | int | None:
    """An id usable as a dict key (a list or an object is not one)."""
    return value if isinstance(value, (str, int)) else None


def as_str(value: Any) -> str | None:
    """An id or a name as a string (numbers too); None for None and empty values."""
    if value is None or value == "" or isinstance(value, (dict, list, bool)):
        return None
    return str(value)


_SURROGATE = re.compile("[\ud800-\udfff]")
_TWITTER_V1 = "%a %b %d %H:%M:%S %z %Y"


def to_date(value: Any) -> dt.date | None:
    """A post date from an ISO string, a Unix time (seconds or milliseconds) or a Twitter v1 time.

    Timestamps are read in UTC.  Raises ValueError for anything else.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, (int, float)) or (isinstance(value, str) and re.fullmatch(r"\d{9,13}(\.\d+)?", value.strip())):
        seconds = float(value)
        if seconds > 1e11:  # milliseconds
            seconds /= 1000
        return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).date()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.date() if isinstance(value, dt.datetime) else value
    text = str(value).strip()
    if re.match(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text[:10])
    try:
        return dt.datetime.strptime(text, _TWITTER_V1).astimezone(dt.timezone.utc).date()
    except ValueError:
        raise ValueError(f"not a date: {value!r}") from None


def read_date(value: Any, warnings: list[str]) -> dt.date | None:
    """:func:`to_date`, noting an unreadable date in ``warnings`` instead of failing the post."""
    try:
        return to_date(value)
    except (ValueError, OverflowError, OSError):
        warnings.append(f"unreadable post date {str(value)[:40]!r}")
        return None


def has_bad_bytes(text: str) -> bool:
    """Whether ``text`` holds bytes that were not UTF-8 (decoded with ``surrogateescape``).

    A lone surrogate from a JSON escape (half an emoji) counts too: it cannot be written as UTF-8.
    """
    return _SURROGATE.search(text) is not None


def fix_mojibake(value: Any) -> Any:
    r"""Repair text whose UTF-8 bytes were written as one ``\u00XX`` escape each (Meta exports).

    ``"Troms\u00c3\u00b8"`` becomes ``"Tromsø"``; text that is not such mojibake is
    left alone.  Works through dicts and lists.
    """
    if isinstance(value, str):
        if not value.isascii() and max(value) <= "\xff":
            try:
                return value.encode("latin-1").decode("utf-8")
            except UnicodeDecodeError:
                return value
        return value
    if isinstance(value, list):
        return [fix_mojibake(v) for v in value]
    if isinstance(value, dict):
        return {k: fix_mojibake(v) for k, v in value.items()}
    return value


_ID_KEYS = ("id", "id_str", "shortCode", "shortcode", "post_id")


def salvage_id(raw: str | bytes, id_field: str | None = None) -> str | None:
    """The id of a post whose JSON is broken, found by pattern (for the error file); else None."""
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", "replace")
    keys = (id_field.split(".")[-1],) if id_field else _ID_KEYS
    for key in keys:
        m = re.search(r'"%s"\s*:\s*"?([^",}\s]+)' % re.escape(key), raw)
        if m:
            return m.group(1)
    return None


def error(reason: str, detail: str, origin: str, id: Any = None) -> ReadError:
    return ReadError(reason=reason, id=as_str(id), origin=origin, detail=detail)


def split_origin(origin: str | None) -> tuple[str | None, int | None]:
    """``"dir/posts.jsonl:12"`` -> ``("dir/posts.jsonl", 12)``."""
    if not origin:
        return None, None
    name, sep, line = origin.rpartition(":")
    if sep and line.isdigit():
        return name, int(line)
    return origin, None


def post_source(values: dict[str, Any]) -> dict[str, Any] | None:
    """Source metadata without the empty values; None when nothing is left."""
    out = {k: v for k, v in values.items() if v not in (None, "", [], {})}
    return out or None


# ---------------------------------------------------------------- opening inputs

class ByteCounter:
    """Bytes read from the input files so far, and their total when known (for the progress bar)."""

    def __init__(self) -> None:
        self.done = 0
        self.total: int | None = 0

    def add_total(self, n: int | None) -> None:
        self.total = None if n is None or self.total is None else self.total + n


class _Counting(io.RawIOBase):
    """A raw stream that counts the bytes read through it."""

    def __init__(self, f: BinaryIO, counter: ByteCounter | None) -> None:
        self.f, self.counter = f, counter

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        data = self.f.read(len(b))
        n = len(data)
        b[:n] = data
        if self.counter is not None:
            self.counter.done += n
        return n

    def close(self) -> None:
        if self.f is not sys.stdin.buffer:
            self.f.close()
        super().close()


class _Prefixed(io.RawIOBase):
    """``head`` bytes already read, then the rest of ``f``."""

    def __init__(self, head: bytes, f: BinaryIO) -> None:
        self.head, self.f = head, f

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        if self.head:
            n = min(len(b), len(self.head))
            b[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.f.read(len(b))
        b[:len(data)] = data
        return len(data)

    def close(self) -> None:
        self.f.close()
        super().close()


def _decompressed(f: BinaryIO) -> BinaryIO:
    """``f`` decompressed when its first bytes say gzip, xz or bzip2; else ``f`` itself."""
    magic = f.peek(6)[:6] if hasattr(f, "peek") else b""
    if magic[:2] == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=f, mode="rb")  # type: ignore[return-value]
    if magic[:6] == b"\xfd7zXZ\x00":
        return lzma.LZMAFile(f)  # type: ignore[return-value]
    if magic[:3] == b"BZh":
        return bz2.BZ2File(f)  # type: ignore[return-value]
    return f


def open_input(path: str, counter: ByteCounter | None = None) -> BinaryIO:
    """A buffered binary stream of ``path`` (``-``: stdin), decompressed when compressed."""
    raw: BinaryIO = sys.stdin.buffer if path == STDIN else open(path, "rb")
    buffered = io.BufferedReader(_Counting(raw, counter), buffer_size=1 << 16)
    return io.BufferedReader(_decompressed(buffered), buffer_size=1 << 16)  # type: ignore[arg-type]


def read_head(stream: BinaryIO, size: int = 1 << 20) -> tuple[bytes, BinaryIO]:
    """The first ``size`` bytes of ``stream`` and a stream that still starts at the beginning."""
    head = stream.read(size)
    return head, io.BufferedReader(_Prefixed(head, stream), buffer_size=1 << 16)  # type: ignore[arg-type]


def plain_name(path: str | Path) -> str:
    """The file name without a compression suffix: ``posts.jsonl.gz`` -> ``posts.jsonl``."""
    name = Path(path).name.lower()
    for suffix in COMPRESSED_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def walk_files(folder: str | Path) -> Iterator[Path]:
    """Every file under ``folder``, in a stable (sorted) order, hidden files and folders left out."""
    folder = Path(folder)
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from walk_files(entry)
        elif entry.is_file():
            yield entry


# ---------------------------------------------------------------- building posts

def make_post(origin: str, text: Any, *, id: Any = None, date: Any = None, author: Any = None,
              tagged: list[str] | None = None, location: Any = None, source: dict[str, Any] | None = None,
              text_field: str = "text", obj: Any = None, fields: Fields | None = None) -> Item:
    """A post, or the error that keeps it from being one (no text, bytes that are not UTF-8).

    ``fields`` given by the user win over the reader's own choice of each value in ``obj``.
    """
    if fields is not None and obj is not None:
        if fields.text:
            text, text_field = get_path(obj, fields.text), fields.text
        if fields.id:
            id = get_path(obj, fields.id)
        if fields.date:
            date = get_path(obj, fields.date)
        if fields.author:
            author = get_path(obj, fields.author)
    if isinstance(author, dict):  # a user object
        author = first_path(author, ("username", "screen_name", "handle", "name"))[1]
    if not isinstance(text, str):
        detail = f"no {text_field!r} field" if text is None else f"the {text_field!r} field is not text"
        return error(MISSING_TEXT, detail, origin, id)
    if has_bad_bytes(text):
        return error(NOT_UTF8, f"the {text_field!r} field holds bytes that are not UTF-8", origin, id)
    warnings: list[str] = []
    posted_at = read_date(date, warnings)
    location = location.get("name") if isinstance(location, dict) else location
    return ReadPost(text=text, id=as_str(id), posted_at=posted_at, author=as_str(author),
                    tagged=[t for t in (tagged or []) if isinstance(t, str) and t], location=as_str(location),
                    source=source, origin=origin, warnings=warnings)
