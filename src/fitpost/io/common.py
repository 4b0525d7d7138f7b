"""Shared pieces of the readers: opening (compressed) inputs, walking folders, dotted paths, dates, errors."""
from __future__ import annotations

import bz2
import codecs
import datetime as dt
import gzip
import io
import lzma
import os
import re
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from fitpost.inputs import InputError, InputPost
from fitpost.io.writers import own_outputs  # the names fitpost gives its own files

# reasons an input post goes to the error file (the ``reason`` field of an error line)
MALFORMED_JSON = "malformed_json"
MISSING_TEXT = "missing_text"
NOT_UTF8 = "not_utf8"
UNREADABLE = "unreadable_file"
TOO_LARGE = "too_large"
UNKNOWN_FILE = "unknown_file"
MALFORMED_ROW = "malformed_row"
PIPELINE_FAILED = "pipeline_failed"
WORKER_DIED = "worker_died"
# the reasons a reader gives (pipeline_failed and worker_died come from the batch engines)
READ_REASONS = (MALFORMED_JSON, MISSING_TEXT, NOT_UTF8, UNREADABLE, TOO_LARGE, UNKNOWN_FILE, MALFORMED_ROW)

# Memory stays bounded whatever the input: a record (a line, a JSON value, a text file, a table
# row) longer than MAX_RECORD_BYTES is an error, skipped without being held; a compressed file that
# expands more than MAX_EXPANSION-fold, once past EXPANSION_FLOOR bytes, is read no further (a
# decompression bomb: gzip reaches 1000-fold; the dumps measured expand 2 to 17-fold, a generated
# one of templated posts 72-fold with xz).  Decompressed by hand, it is read whole.
MAX_RECORD_BYTES = 16 << 20
MAX_EXPANSION = 200
EXPANSION_FLOOR = 64 << 20

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
    """What to read of the inputs: where a post's fields are, and which files of a folder hold posts.

    ``text`` ... ``author`` are dotted paths (``user.name``, ``entities.0.text``) in a JSON post, or
    column names in a CSV or TSV table; None: the defaults.  ``glob``: patterns (fnmatch, ``*`` also
    crosses ``/``) of the paths inside an input folder of the files to read; empty: every file fitpost
    reads by its name.
    """

    text: str | None = None
    id: str | None = None
    date: str | None = None
    author: str | None = None
    glob: list[str] = field(default_factory=list)

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
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.date() if isinstance(value, dt.datetime) else value
    text = str(value).strip()
    if re.match(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text[:10])
    try:
        return dt.datetime.strptime(text, _TWITTER_V1).astimezone(dt.UTC).date()
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
        m = re.search('"' + re.escape(key) + r'"\s*:\s*"?([^",}\s]+)', raw)
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


# the keys of an output line's ``source`` that say where the post was read (see :func:`output_source`)
POSITION_KEYS = ("file", "line", "index", "item")


def output_source(item: InputPost | InputError) -> dict[str, Any] | None:
    """The ``source`` of an output line: where the post was read, then the metadata its reader kept.

    Where: ``file`` and ``line`` (from the origin, ``"dir/posts.jsonl:12"``), and ``index`` and
    ``item`` when the post has them (its element of a JSON array or row of a table; its place among
    the posts of one record).  A metadata key that is one of these names (an input's own ``line``
    column) is kept as ``input.KEY``, so the position is never overwritten and nothing is lost.
    """
    file, line = split_origin(item.origin)
    where = {k: v for k, v in zip(POSITION_KEYS, (file, line, item.index, item.item)) if v is not None}
    meta = {(f"input.{k}" if k in POSITION_KEYS else k): v for k, v in (getattr(item, "source", None) or {}).items()}
    return {**where, **meta} or None


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
    """A raw stream that counts the bytes read through it (``n``, and into ``counter``)."""

    def __init__(self, f: BinaryIO, counter: ByteCounter | None) -> None:
        self.f, self.counter = f, counter
        self.n = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        data = self.f.read(len(b))
        n = len(data)
        b[:n] = data
        self.n += n
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


@dataclass
class StreamStatus:
    """How the bytes of an input ended: ``problem`` (a reason and a detail) when they ended early.

    A cut or damaged compressed file, a decompression bomb or broken UTF-16 ends the bytes at the
    damage; the readers give every record before it and leave the unfinished one to the single
    error the file gets for the damage (on line ``newlines + 1``).
    """

    problem: tuple[str, str] | None = None
    newlines: int = 0  # line ends in the bytes given out


class InputStream(io.BufferedReader):
    """A buffered input, decompressed and in UTF-8, with its :class:`StreamStatus`."""

    def __init__(self, raw: io.RawIOBase, status: StreamStatus) -> None:
        super().__init__(raw, buffer_size=1 << 16)
        self.status = status


def ended_early(stream: Any) -> bool:
    """Whether ``stream`` (an :class:`InputStream`, or any stream) ended at a damage, not at its end."""
    status = getattr(stream, "status", None)
    return status is not None and status.problem is not None


_DAMAGE = (OSError, EOFError, lzma.LZMAError, zlib.error)  # what a cut or damaged compressed file raises
# byte order marks of the encodings read besides UTF-8 (UTF-32 first: its LE mark starts like UTF-16's)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class _Decoded(io.RawIOBase):
    """The bytes of an input as the readers want them: decompressed, UTF-16/32 with a BOM recoded to
    UTF-8, ending early (see :class:`StreamStatus`) at a damage or past the expansion limit.

    Lone surrogates of UTF-16 become bytes that are not UTF-8, so their record is a ``not_utf8`` error.
    """

    def __init__(self, source: BinaryIO, under: BinaryIO, packed: _Counting | None, status: StreamStatus) -> None:
        self.source = source  # what is read: the decompressed file object, or the file itself
        self.under = under  # the buffered file under a decompressor (closed with it)
        self.packed = packed  # the compressed bytes read so far; None when not compressed
        self.status = status
        self.out = 0  # bytes read from source
        self.decoder: codecs.IncrementalDecoder | None = None
        self.pending = memoryview(b"")
        self.started = self.done = False

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while not self.pending and not self.done:
            self.pending = memoryview(self._next(max(len(b), 4)))
        n = min(len(b), len(self.pending))
        b[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        return n

    def _stop(self, reason: str, detail: str) -> None:
        if self.status.problem is None:  # the first damage is the one to tell
            self.status.problem = (reason, detail)
        self.done = True

    def _read(self, size: int) -> bytes:
        # read1: one read below at most, so bytes decompressed before a damage are not dropped with it
        try:
            return self.source.read1(size)  # type: ignore[attr-defined]
        except _DAMAGE as exc:
            self._stop(UNREADABLE, f"the file is cut or damaged after {self.out:,} bytes "
                                   f"({type(exc).__name__}: {exc}); what follows cannot be read")
            return b""

    def _next(self, size: int) -> bytes:
        data = self._read(size)
        if not self.started:  # the first bytes: enough of them to see a byte order mark
            self.started = True
            while 0 < len(data) < 4 and not self.done:
                more = self._read(4 - len(data))
                if not more:
                    break
                data += more
            for bom, encoding in _BOMS:
                if data.startswith(bom):
                    self.decoder = codecs.getincrementaldecoder(encoding)("surrogatepass")
                    break
        self.out += len(data)
        if self.packed is not None and self.out > EXPANSION_FLOOR and self.out > MAX_EXPANSION * self.packed.n:
            self._stop(TOO_LARGE, f"the file expands more than {MAX_EXPANSION}-fold ({self.packed.n:,} bytes "
                                  f"to over {self.out:,}): not read on, as with a decompression bomb; "
                                  "decompress it yourself to read it whole")
            data = b""
        if not data:
            self.done = True
        if self.decoder is not None:
            data = self._recode(data)
        self.status.newlines += data.count(b"\n")
        return data

    def _recode(self, data: bytes) -> bytes:
        try:
            text = self.decoder.decode(data, final=not data)  # type: ignore[union-attr]
        except UnicodeDecodeError as exc:
            self._stop(UNREADABLE, f"not valid {exc.encoding.upper()} after {self.out:,} bytes ({exc.reason})")
            return b""
        return text.encode("utf-8", "surrogatepass")

    def close(self) -> None:
        if not self.closed:
            try:
                self.source.close()
            finally:
                self.under.close()
        super().close()


def _decompressor(f: io.BufferedReader) -> BinaryIO | None:
    """A decompressing reader of ``f`` when its first bytes say gzip, xz or bzip2; else None."""
    magic = f.peek(6)[:6]
    if magic[:2] == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=f, mode="rb")  # type: ignore[return-value]
    if magic[:6] == b"\xfd7zXZ\x00":
        return lzma.LZMAFile(f)  # type: ignore[return-value]
    if magic[:3] == b"BZh":
        return bz2.BZ2File(f)  # type: ignore[return-value]
    return None


def open_input(path: str, counter: ByteCounter | None = None) -> InputStream:
    """A buffered binary stream of ``path`` (``-``: stdin), decompressed, in UTF-8 (see :class:`_Decoded`)."""
    raw: BinaryIO = sys.stdin.buffer if path == STDIN else open(path, "rb")
    counting = _Counting(raw, counter)
    buffered = io.BufferedReader(counting, buffer_size=1 << 16)
    try:
        unpacked = _decompressor(buffered)
    except OSError:
        buffered.close()
        raise
    status = StreamStatus()
    decoded = _Decoded(unpacked or buffered, buffered, counting if unpacked else None, status)
    return InputStream(decoded, status)


def rewind(head: bytes, stream: BinaryIO) -> InputStream:
    """``stream`` (its status kept) as if ``head``, read from it, had not been read."""
    return InputStream(_Prefixed(head, stream), getattr(stream, "status", None) or StreamStatus())


def read_head(stream: BinaryIO, size: int = 1 << 20) -> tuple[bytes, InputStream]:
    """The first ``size`` bytes of ``stream`` and a stream that still starts at the beginning."""
    head = stream.read(size)
    return head, rewind(head, stream)


@dataclass
class Oversized:
    """A line longer than the limit of :func:`bounded_lines`: its first bytes, its length, whether it ended."""

    head: bytes
    size: int
    whole: bool = True  # False: the stream ended inside it


def bounded_lines(stream: BinaryIO, limit: int = MAX_RECORD_BYTES) -> Iterator[bytes | Oversized]:
    """The lines of ``stream`` with their line ends; one longer than ``limit`` is an :class:`Oversized`,
    read past without being held."""
    while True:
        line = stream.readline(limit + 1)
        if len(line) <= limit or line.endswith(b"\n"):
            if not line:
                return
            yield line
            continue
        size, head = len(line), line[:2000]
        while not line.endswith(b"\n"):
            line = stream.readline(1 << 20)
            if not line:
                yield Oversized(head, size, whole=False)
                return
            size += len(line)
        yield Oversized(head, size)


def plain_name(path: str | Path) -> str:
    """The file name without a compression suffix: ``posts.jsonl.gz`` -> ``posts.jsonl``."""
    name = Path(path).name.lower()
    for suffix in COMPRESSED_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


# ---------------------------------------------------------------- walking folders

# what a folder walk finds besides files to read; each is an error line in its place
LINK_OUT = "link-out"  # a symbolic link to a file or folder outside the input folder: not followed
UNLISTABLE = "unlistable-folder"  # a folder whose files cannot be listed

def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def list_folder(folder: Path, root: str) -> list[tuple[Path, str]]:
    """The entries of ``folder`` by name, each ``file``, ``folder`` or :data:`LINK_OUT`; OSError when it
    cannot be listed.

    Hidden names and fitpost's own outputs are left out.  A symbolic link is not followed: one to a
    file or folder inside ``root`` (the real path of the input folder) is read at its own place (so a
    link is never read twice, nor a loop walked), a dangling one holds nothing, and one out of
    ``root`` is :data:`LINK_OUT`.  Sockets, pipes and devices are not files.
    """
    with os.scandir(folder) as it:
        entries = sorted(it, key=lambda e: e.name)
    own = own_outputs(e.name for e in entries)
    out = []
    for e in entries:
        if e.name.startswith(".") or e.name in own:
            continue
        path = folder / e.name
        try:
            if e.is_symlink():
                target = os.path.realpath(e.path)
                if os.path.exists(target) and not _inside(target, root):
                    out.append((path, LINK_OUT))
            elif e.is_dir(follow_symlinks=False):
                out.append((path, "folder"))
            elif e.is_file(follow_symlinks=False):
                out.append((path, "file"))
        except OSError:
            out.append((path, UNLISTABLE))
    return out


def walk_files(folder: str | Path) -> Iterator[tuple[Path, str | None]]:
    """Every file under ``folder`` in a stable order (by name, subfolders in their place), as ``(path, None)``;
    what cannot be read comes as ``(path, LINK_OUT or UNLISTABLE)``.  See :func:`list_folder`."""
    folder = Path(folder)
    yield from _walk(folder, os.path.realpath(folder), set())


def walk_error(path: str | Path, note: str, name: str | None = None) -> ReadError:
    """The error line of what a folder walk found and could not read (:data:`LINK_OUT`, :data:`UNLISTABLE`)."""
    origin = f"{name or path}:0"
    if note == LINK_OUT:
        return error(UNREADABLE, f"a symbolic link out of the input folder (to {os.path.realpath(path)}): "
                                 "not followed; give its target as an input to read it", origin)
    try:
        with os.scandir(path):
            why = "it went away or changed while being read"
    except OSError as exc:
        why = exc.strerror or str(exc)
    return error(UNREADABLE, f"the folder cannot be listed ({why}): its files were not read", origin)


def _walk(folder: Path, root: str, seen: set[tuple[int, int]]) -> Iterator[tuple[Path, str | None]]:
    try:
        st = os.stat(folder)
        if (st.st_dev, st.st_ino) in seen:  # a folder met twice (a bind mount): a loop
            return
        seen.add((st.st_dev, st.st_ino))
        entries = list_folder(folder, root)
    except OSError:
        yield folder, UNLISTABLE
        return
    for path, what in entries:
        if what == "folder":
            yield from _walk(path, root, seen)
        else:
            yield path, None if what == "file" else what


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
