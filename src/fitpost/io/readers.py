"""Reading dumps: ``--input-format`` detection and :func:`read_posts`, the one entry point."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, BinaryIO

from fitpost.errors import FitpostError
from fitpost.io import generic, instagram, meta, table, text, twitter
from fitpost.io.common import (
    LINK_OUT,
    MAX_RECORD_BYTES,
    STDIN,
    UNKNOWN_FILE,
    UNLISTABLE,
    UNREADABLE,
    ByteCounter,
    Fields,
    Item,
    error,
    open_input,
    plain_name,
    rewind,
    walk_error,
    walk_files,
)
from fitpost.io.jsonio import read_mapped_lines

INPUT_FORMATS = ("auto", "jsonl", "json", "text", "csv", "tsv", "instaloader", "apify", "twarc2", "meta")

Reader = Callable[[BinaryIO, str, Fields], Iterator[Item]]

READERS: dict[str, Reader] = {
    "jsonl": generic.read,
    "json": generic.read,
    "text": text.read,
    "csv": table.read_csv,
    "tsv": table.read_tsv,
    "apify": instagram.read_apify,
    "twarc2": twitter.read,
    "meta": meta.read,
    "instaloader": instagram.read_instaloader_json,  # a metadata file given alone
}

# the kinds of files in a folder, by their name (without .gz, .xz, .bz2)
JSON_SUFFIXES = (".json", ".jsonl", ".ndjson", ".jsonlines")
TEXT_SUFFIXES = (".txt", ".md")
TABLE_SUFFIXES = {".csv": "csv", ".tsv": "tsv"}
# pictures, videos and sound that come with posts (instaloader, Meta exports): not posts themselves
MEDIA_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".heif", ".bmp", ".tif", ".tiff", ".svg",
                  ".mp4", ".mov", ".m4v", ".webm", ".avi", ".mkv", ".mp3", ".m4a", ".wav", ".ogg", ".opus",
                  ".aac", ".flac")
UNKNOWN = "unknown-file"  # the kind folder_files gives a file it does not read: an error line in its place
_JSON_KINDS = ("jsonl", "json", "apify", "twarc2", "meta", "instaloader")


class InputUsageError(FitpostError):
    """An input that cannot be read at all (a missing file, an unknown format): a usage error."""


def kind_by_name(path: str | Path) -> str | None:
    """What a file's name says it holds: ``json``, ``text``, ``csv``, ``tsv``, ``media``; None: unknown."""
    name = plain_name(path)
    if name.endswith(JSON_SUFFIXES):
        return "json"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    for suffix, kind in TABLE_SUFFIXES.items():
        if name.endswith(suffix):
            return kind
    if name.endswith(MEDIA_SUFFIXES):
        return "media"
    return None


# ---------------------------------------------------------------- sniffing

_BOMS_TO_RECODE = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


def sniff(head: bytes, name: str | None = None) -> str:
    """The format of a file from its first bytes (decompressed): a name of :data:`READERS`.

    ``auto`` when the bytes cannot tell yet: the first record goes on past ``head``, ``head`` is
    UTF-16/32 (recoded when the file is read) or only NUL bytes.  ``name``: the file's name; one that says JSON is never
    read as text.  See :func:`sniff_stream`.
    """
    if head.startswith(_BOMS_TO_RECODE) or (head and not head.strip(b"\x00 \t\r\n")):
        return "auto"  # recoded first; nothing but NUL bytes so far: told when read
    return _sniff(head, False, _json_name(name)) or "auto"


def sniff_stream(stream: BinaryIO, name: str | None = None) -> tuple[str, BinaryIO]:
    """The format of the file ``stream`` reads (:func:`sniff`), reading on until its first record is whole
    (up to :data:`MAX_RECORD_BYTES`), and a stream that still starts at the beginning."""
    size = 1 << 20
    head = stream.read(size)
    json_name = _json_name(name)
    while True:
        kind = _sniff(head, len(head) < size, json_name)
        if kind is not None or size >= MAX_RECORD_BYTES:
            return kind or "jsonl", rewind(head, stream)
        head += stream.read(size)
        size *= 2


def _json_name(name: str | None) -> bool:
    return name is not None and name != STDIN and kind_by_name(name) == "json"


def _sniff(head: bytes, at_end: bool, json_name: bool) -> str | None:
    """The format of ``head`` (the whole file when ``at_end``); None: read on, the first record is unfinished.

    JSON when the file starts with an object or an array, or when one of its first whole lines is
    one (a junk or scalar first line is then that line's error); else text, one post, unless the
    name says JSON: then JSON Lines, each line that is not JSON an error.  Nothing but blanks: JSON
    Lines, no posts.
    """
    body = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not body:
        return "jsonl"
    body_text = body.decode("utf-8", "replace")
    first = None
    if body[:1] in (b"{", b"["):
        decided, first = _first_record(body_text, at_end)
        if not decided:
            return None
    if first is None:
        decided, first = _first_json_line(body_text, at_end)
        if not decided:
            return None
        if first is None:
            return "jsonl" if json_name or body[:1] in (b"{", b"[") else "text"
    return _format_of(first)


def _unfinished(exc: json.JSONDecodeError, body: str, at_end: bool) -> bool:
    return not at_end and (exc.pos >= len(body) - 8 or exc.msg.startswith("Unterminated string"))


def _first_record(body: str, at_end: bool) -> tuple[bool, Any]:
    """``(decided, record)``: the first record of a JSON array, JSON Lines or pretty-printed JSON text
    (None: it is broken); not decided when it goes on past ``body``."""
    dec = json.JSONDecoder()
    try:
        if body.startswith("["):
            start = len(body) - len(body[1:].lstrip())
            if body[start:start + 1] == "]":
                return True, None  # an empty array: the next lines may tell
            return True, dec.raw_decode(body, start)[0]
        first_line, newline, _ = body.partition("\n")
        if newline or at_end:
            try:
                return True, json.loads(first_line)
            except ValueError:
                pass
        return True, dec.raw_decode(body)[0]
    except json.JSONDecodeError as exc:
        return not _unfinished(exc, body, at_end), None
    except (ValueError, RecursionError):
        return True, None


def _first_json_line(body: str, at_end: bool) -> tuple[bool, Any]:
    """``(decided, record)``: the first whole line of ``body`` that is a JSON object or array (None: none is)."""
    lines = body.split("\n")
    last = lines.pop() if not at_end else None  # not whole
    for line in lines:
        line = line.strip()
        if line[:1] in ("{", "["):
            try:
                value = json.loads(line)
            except (ValueError, RecursionError):
                continue
            if isinstance(value, (dict, list)):
                return True, value
    if last is not None and last.lstrip()[:1] in ("{", "["):
        return False, None
    return True, None


def _format_of(first: Any) -> str:
    """The format whose records look like ``first`` (an array: its first element)."""
    if isinstance(first, list):
        first = first[0] if first else None
    if meta.is_ig_post(first) or meta.is_fb_post(first):
        return "meta"
    if isinstance(first, dict):
        if len(first) == 1 and isinstance(next(iter(first.values())), list):
            inner = next(iter(first.values()))
            if inner and (meta.is_ig_post(inner[0]) or meta.is_fb_post(inner[0])):
                return "meta"
        if twitter.is_page(first) or twitter.is_tweet(first):
            return "twarc2"
        if instagram.APIFY_KEYS & first.keys():
            return "apify"
        if isinstance(first.get("node"), dict) and "instaloader" in first:
            return "instaloader"
    return "jsonl"


# ---------------------------------------------------------------- inputs, folders

def detect(path: str, fmt: str = "auto", glob: Sequence[str] = ()) -> str:
    """The input format of ``path``: ``fmt`` when given, else detected (folders and files).

    With ``glob``, a folder is read file by file (not as an instaloader folder or a Meta export).
    """
    if fmt != "auto":
        if glob and fmt == "instaloader" and path != STDIN and Path(path).is_dir():
            raise InputUsageError("--glob chooses the files of folders read file by file; "
                                  "an instaloader folder is read whole")
        return fmt
    if path == STDIN:
        return "auto"  # sniffed when read
    p = Path(path)
    if p.is_dir():
        if glob:
            return "folder"
        if instagram.is_instaloader_folder(p):
            return "instaloader"
        if meta.is_export_folder(p):
            return "meta"
        return "folder"
    by_name = kind_by_name(p)
    return by_name if by_name in ("text", "csv", "tsv") else "auto"


def check_inputs(paths: Iterable[str]) -> list[str]:
    """The inputs, checked to exist; :class:`InputUsageError` when one does not."""
    out = []
    for path in paths:
        if path != STDIN and not Path(path).exists():
            raise InputUsageError(f"no such file or folder: {path}")
        out.append(path)
    if not out:
        raise InputUsageError("no input given")
    if out.count(STDIN) > 1:
        raise InputUsageError("stdin ('-') can be read only once")
    return out


def input_size(paths: Iterable[str]) -> int | None:
    """The total size in bytes of the input files, None when unknown (stdin, folders)."""
    total = 0
    for path in paths:
        if path == STDIN or not Path(path).is_file():
            return None
        total += Path(path).stat().st_size
    return total


def read_posts(paths: Iterable[str], fmt: str = "auto", fields: Fields | None = None,
               counter: ByteCounter | None = None) -> Iterator[Item]:
    """Every post of the inputs, in order, as :class:`InputPost` or :class:`InputError`.

    ``paths`` are files, folders or ``-`` (stdin); compressed files (.gz, .xz,
    .bz2) are read as they are.  Nothing is skipped silently: a post that
    cannot be read comes out as an :class:`InputError` in its place, and so
    does a file of a folder that is not read (see :func:`folder_files`).
    """
    if fmt not in INPUT_FORMATS:
        raise InputUsageError(f"unknown input format {fmt!r} (one of {', '.join(INPUT_FORMATS)})")
    fields = fields or Fields()
    for path in paths:
        kind = detect(path, fmt, fields.glob)
        if path != STDIN and Path(path).is_dir():
            yield from _read_folder(Path(path), kind, fields, counter)
        else:
            yield from _read_file(path, kind, fields, counter)


def _read_folder(folder: Path, kind: str, fields: Fields, counter: ByteCounter | None) -> Iterator[Item]:
    if kind == "instaloader":
        yield from instagram.read_instaloader(folder, fields)
        return
    for p, file_kind in folder_files(folder, kind, fields.glob):
        yield from _read_file(str(p), file_kind, fields, counter)


def folder_files(folder: Path, kind: str, glob: Sequence[str] = ()) -> Iterator[tuple[Path, str]]:
    """The files of a folder, in reading order, each with the format to read it as.

    ``kind`` is the folder's format from :func:`detect` (not ``instaloader``: that folder is read whole).
    Files are read by their names: JSON suffixes as ``kind`` (``folder``, ``auto``: sniffed), .txt
    and .md as text, .csv and .tsv as tables; pictures and videos are not posts; any other file has
    the kind :data:`UNKNOWN` (an error line), as has a file whose name does not fit a ``kind`` given.
    With ``glob``, only the files whose path inside the folder matches one of the patterns, each read
    as ``kind`` given, else by its name, else sniffed.  A Meta export gives its post files.  A link
    out of the folder to a file that would be read, or to a folder, and a folder that cannot be
    listed come with their note instead (see :func:`walk_files`).
    """
    for p, note in walk_files(folder):
        if note == UNLISTABLE or (note == LINK_OUT and p.is_dir()):
            yield p, note
            continue
        read_as = _read_as(p, folder, kind, glob)
        if read_as is not None:
            yield p, note or read_as


def _read_as(p: Path, folder: Path, kind: str, glob: Sequence[str]) -> str | None:
    """The kind to read the file ``p`` of a folder read as ``kind`` as (:func:`folder_files`); None: not read."""
    by_name = kind_by_name(p)
    if glob:
        if not any(fnmatchcase(p.relative_to(folder).as_posix(), g) for g in glob):
            return None
        return kind if kind not in ("folder", "auto") else _NAMED.get(by_name, "auto")
    if kind == "meta":
        return kind if meta.POST_FILES.match(p.name) else None
    if kind in ("folder", "auto") and by_name in _NAMED:
        return _NAMED[by_name]
    if _NAMED.get(by_name) == kind or (by_name == "json" and kind in _JSON_KINDS):
        return kind
    return None if by_name == "media" else UNKNOWN


_NAMED = {"json": "auto", "text": "text", "csv": "csv", "tsv": "tsv"}  # what a file's name says to read it as


# the formats read as JSON records mapped one by one: a JSON Lines file of them can be read in blocks
LINE_MAPPERS: dict[str, Callable[[Any, str, Fields], Iterator[Item]]] = {
    "jsonl": generic.map_record, "json": generic.map_record, "twarc2": twitter.map_record,
    "meta": meta.map_record,
}


def read_file(path: str, kind: str, fields: Fields | None = None, name: str | None = None) -> Iterator[Item]:
    """Every post of one file read as ``kind`` (a name of :data:`READERS`, ``auto``, or a kind of
    :func:`folder_files` that is an error line).

    ``name`` is what the origins ("name:line") call the file (default: ``path``).
    """
    return _read_file(path, kind, fields or Fields(), None, name)


def read_lines(lines: Iterable[bytes], name: str, kind: str, fields: Fields | None = None,
               first_line: int = 1) -> Iterator[Item]:
    """Every post of a run of JSON Lines of a file of format ``kind`` (a key of :data:`LINE_MAPPERS`).

    ``lines`` start at line number ``first_line`` of the file ``name``: a block of it read on its own
    gives the same posts and origins as the same lines read with the whole file.
    """
    return read_mapped_lines(lines, name, fields or Fields(), LINE_MAPPERS[kind], first_line)


def _unknown(name: str) -> Item:
    kinds = ", ".join(JSON_SUFFIXES + TEXT_SUFFIXES + tuple(TABLE_SUFFIXES))
    return error(UNKNOWN_FILE, f"not a kind of file fitpost reads in a folder ({kinds}, maybe compressed): "
                               "not read; choose files with --glob, or give it as an input", f"{name}:0")


def _read_file(path: str, kind: str, fields: Fields, counter: ByteCounter | None,
               name: str | None = None) -> Iterator[Item]:
    name = name or ("<stdin>" if path == STDIN else path)
    if kind == UNKNOWN:
        yield _unknown(name)
        return
    if kind in (LINK_OUT, UNLISTABLE):
        yield walk_error(path, kind, name)
        return
    try:
        stream: BinaryIO = open_input(path, counter)
    except OSError as exc:
        yield error(UNREADABLE, f"cannot open: {exc.strerror or exc}", f"{name}:0")
        return
    try:
        head = stream.read(1 << 20)
        stream = rewind(head, stream)
        if b"\x00" in head and not head.strip(b"\x00 \t\r\n") and len(head) < (1 << 20):
            yield error(UNREADABLE, "the file holds only NUL bytes (a file that was never written?)", f"{name}:1")
            return
        if kind == "auto":
            kind, stream = sniff_stream(stream, name)
        yield from READERS[kind](stream, name, fields)
        status = getattr(stream, "status", None)
        if status is not None and status.problem is not None:
            reason, detail = status.problem
            yield error(reason, detail, f"{name}:{status.newlines + 1}")
    except OSError as exc:  # the file went away or failed while being read
        yield error(UNREADABLE, f"the file cannot be read on: {type(exc).__name__}: {exc}", f"{name}:0")
    finally:
        stream.close()
