"""Reading dumps: ``--input-format`` detection and :func:`read_posts`, the one entry point."""
from __future__ import annotations

import json
import lzma
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from fitpost.errors import FitpostError
from fitpost.io import generic, instagram, meta, text, twitter
from fitpost.io.common import (STDIN, UNREADABLE, ByteCounter, Fields, Item, error, open_input, plain_name,
                               read_head, walk_files)
from fitpost.io.jsonio import read_mapped_lines

INPUT_FORMATS = ("auto", "jsonl", "json", "text", "instaloader", "apify", "twarc2", "meta")

Reader = Callable[[BinaryIO, str, Fields], Iterator[Item]]

READERS: dict[str, Reader] = {
    "jsonl": generic.read,
    "json": generic.read,
    "text": text.read,
    "apify": instagram.read_apify,
    "twarc2": twitter.read,
    "meta": meta.read,
    "instaloader": instagram.read_instaloader_json,  # a metadata file given alone
}

_DATA_SUFFIXES = (".json", ".jsonl", ".ndjson", ".jsonlines")


class InputUsageError(FitpostError):
    """An input that cannot be read at all (a missing file, an unknown format): a usage error."""


def sniff(head: bytes) -> str:
    """The format of a file from its first bytes (decompressed): a name of :data:`READERS`."""
    body = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not body[:1] in (b"{", b"["):
        return "text"
    first = _first_record(body.decode("utf-8", "replace"))
    if first is None:
        return "jsonl"
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


def _first_record(body: str) -> Any:
    """The first record of a JSON array, JSON Lines or pretty-printed JSON text, if it can be read."""
    dec = json.JSONDecoder()
    try:
        if body.startswith("["):
            return dec.raw_decode(body, len(body) - len(body[1:].lstrip()))[0]
        first_line = body.split("\n", 1)[0]
        try:
            return json.loads(first_line)
        except json.JSONDecodeError:
            return dec.raw_decode(body)[0]
    except (json.JSONDecodeError, RecursionError):
        return None


def detect(path: str, fmt: str = "auto") -> str:
    """The input format of ``path``: ``fmt`` when given, else detected (folders and files)."""
    if fmt != "auto":
        return fmt
    if path == STDIN:
        return "auto"  # sniffed when read
    p = Path(path)
    if p.is_dir():
        if instagram.is_instaloader_folder(p):
            return "instaloader"
        if meta.is_export_folder(p):
            return "meta"
        return "folder"
    if plain_name(p).endswith(".txt"):
        return "text"
    return "auto"


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
    cannot be read comes out as an :class:`InputError` in its place.
    """
    if fmt not in INPUT_FORMATS:
        raise InputUsageError(f"unknown input format {fmt!r} (one of {', '.join(INPUT_FORMATS)})")
    fields = fields or Fields()
    for path in paths:
        kind = detect(path, fmt)
        if path != STDIN and Path(path).is_dir():
            yield from _read_folder(Path(path), kind, fields, counter)
        else:
            yield from _read_file(path, kind, fields, counter)


def _read_folder(folder: Path, kind: str, fields: Fields, counter: ByteCounter | None) -> Iterator[Item]:
    if kind == "instaloader":
        yield from instagram.read_instaloader(folder, fields)
        return
    for p, file_kind in folder_files(folder, kind):
        yield from _read_file(str(p), file_kind, fields, counter)


def folder_files(folder: Path, kind: str) -> Iterator[tuple[Path, str]]:
    """The files of a folder that hold posts, in reading order, each with the format to read it as.

    ``kind`` is the folder's format from :func:`detect` (not ``instaloader``: that folder is read whole).
    """
    files = meta.export_files(folder) if kind == "meta" else walk_files(folder)
    for p in files:
        name = plain_name(p)
        if kind in ("folder", "auto"):
            if name.endswith(".txt"):
                yield p, "text"
            elif name.endswith(_DATA_SUFFIXES):
                yield p, "auto"
            # other files (pictures, videos) are not posts
        elif kind == "text":
            if name.endswith(".txt"):
                yield p, "text"
        elif name.endswith(_DATA_SUFFIXES):
            yield p, kind


# the formats read as JSON records mapped one by one: a JSON Lines file of them can be read in blocks
LINE_MAPPERS: dict[str, Callable[[Any, str, Fields], Iterator[Item]]] = {
    "jsonl": generic.map_record, "json": generic.map_record, "twarc2": twitter.map_record,
    "meta": meta.map_record,
}


def read_file(path: str, kind: str, fields: Fields | None = None, name: str | None = None) -> Iterator[Item]:
    """Every post of one file read as ``kind`` (a name of :data:`READERS`, or ``auto``).

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


def _read_file(path: str, kind: str, fields: Fields, counter: ByteCounter | None,
               name: str | None = None) -> Iterator[Item]:
    name = name or ("<stdin>" if path == STDIN else path)
    try:
        stream = open_input(path, counter)
    except OSError as exc:
        yield error(UNREADABLE, f"cannot open: {exc.strerror or exc}", f"{name}:0")
        return
    try:
        if kind == "auto":
            head, stream = read_head(stream)
            kind = sniff(head)
        yield from READERS[kind](stream, name, fields)
    except (OSError, EOFError, lzma.LZMAError, zlib.error) as exc:  # a cut or damaged compressed file
        # the posts read so far stay; what follows cannot be read
        yield error(UNREADABLE, f"the file cannot be read on: {type(exc).__name__}: {exc}", f"{name}:0")
    finally:
        stream.close()
