"""JSON containers, streamed: JSON Lines, a JSON array of records, or JSON values one after another.

:func:`iter_records` yields ``(origin, value)`` for each record, or a
:class:`~fitpost.io.common.ReadError` for a record that cannot be read, and
never holds more than one record (plus a read buffer) in memory, however long
the array.
"""
from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO

from fitpost.io.common import MALFORMED_JSON, NOT_UTF8, ReadError, error, read_head, salvage_id

_WS = re.compile(r"[ \t\r\n\ufeff]*")
_BAD_BYTES = re.compile("[\udc80-\udcff]")
_DECODER = json.JSONDecoder()
_CHUNK = 1 << 16
_MAX_VALUE = 16 << 20  # a record longer than this is taken as broken, not as unfinished
TOO_DEEP = "the record is nested too deeply"


class _Broken(Exception):
    def __init__(self, msg: str, line: int) -> None:
        super().__init__(msg)
        self.line = line


class _Scanner:
    """A text buffer over a byte stream with line numbers, for reading JSON values one by one."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
        self.buf = ""
        self.pos = 0
        self.line = 1
        self.counted = 0  # buf[:counted] has been counted into self.line
        self.eof = False
        self.bad_bytes = False

    def more(self, size: int = _CHUNK) -> bool:
        """Read more text into the buffer; False at the end of the stream."""
        if self.eof:
            return False
        if self.pos > (1 << 20):  # drop what was consumed
            self.count_lines()
            self.buf = self.buf[self.pos:]
            self.counted -= self.pos
            self.pos = 0
        data = self.stream.read(size)
        text = self.decoder.decode(data, final=not data)
        if not data:
            self.eof = True
        if _BAD_BYTES.search(text):
            self.bad_bytes = True
        self.buf += text
        return bool(data)

    def count_lines(self) -> None:
        if self.pos > self.counted:
            self.line += self.buf.count("\n", self.counted, self.pos)
            self.counted = self.pos

    def peek(self) -> str:
        """The next non-blank character ('' at the end), not consumed."""
        while True:
            self.pos = _WS.match(self.buf, self.pos).end()
            if self.pos < len(self.buf) or not self.more():
                return self.buf[self.pos:self.pos + 1]

    def value(self) -> tuple[Any, int]:
        """The next JSON value and the line it starts on; :class:`_Broken` when it is not JSON."""
        self.peek()
        self.count_lines()
        line = self.line
        size = _CHUNK
        while True:
            try:
                obj, end = _DECODER.raw_decode(self.buf, self.pos)
            except RecursionError:
                raise _Broken(TOO_DEEP, line) from None
            except json.JSONDecodeError as exc:
                # a cut record fails at the end of the buffer (or in a string running to it)
                cut = exc.pos >= len(self.buf) - 8 or exc.msg.startswith("Unterminated string")
                if self.eof or not cut or len(self.buf) - self.pos > _MAX_VALUE:
                    raise _Broken(exc.msg, line) from None
                self.more(size)
                size = min(size * 2, 16 << 20)
                continue
            if end == len(self.buf) and not self.eof and not isinstance(obj, (dict, list, str)):
                self.more()  # a number or literal may go on in the next chunk
                continue
            self.pos = end
            return obj, line

    def resync(self, pattern: re.Pattern) -> bool:
        """Move to the next place ``pattern`` matches (a likely record start); False at the end."""
        start = self.pos + 1
        while True:
            m = pattern.search(self.buf, start)
            if m:
                self.pos = m.end()
                return True
            self.pos = max(self.pos, len(self.buf) - 16)
            if not self.more():
                self.pos = len(self.buf)
                return False
            start = self.pos

    def snippet(self, start: int, end: int | None = None) -> str:
        return self.buf[start:end if end is not None else start + 2000]


def _check_bytes(sc: _Scanner, obj: Any) -> bool:
    """Whether ``obj`` (read while undecodable bytes were seen) is clean UTF-8."""
    if not sc.bad_bytes:
        return True
    return not _BAD_BYTES.search(json.dumps(obj, ensure_ascii=False))


HEAD_SIZE = 1 << 16  # the bytes :func:`json_layout` looks at


def json_layout(head: bytes) -> str:
    """How a JSON file holds its records, from its first :data:`HEAD_SIZE` bytes: array, lines or values."""
    text = head.lstrip(b" \t\r\n").removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    if text.startswith(b"["):
        return "array"
    first_line, _, rest = text.partition(b"\n")
    first_line = first_line.strip()
    # JSON Lines: a whole object on the first line, or a broken first line followed by another object;
    # pretty-printed JSON: "{" and then indented keys
    one_per_line = first_line.endswith(b"}") or rest.lstrip().startswith(b"{")
    if not text or not text.startswith(b"{") or (len(first_line) > 1 and one_per_line):
        return "lines"
    return "values"  # a pretty-printed object (or several, one after another)


def iter_records(stream: BinaryIO, name: str, id_field: str | None = None) -> Iterator[tuple[str, Any] | ReadError]:
    """Each record of a JSON Lines file, a JSON array, or JSON values one after another."""
    head, stream = read_head(stream, HEAD_SIZE)
    layout = json_layout(head)
    if layout == "array":
        yield from _array(stream, name, id_field)
    elif layout == "lines":
        yield from iter_lines(stream, name, id_field)
    else:
        yield from _values(stream, name, id_field)


def iter_lines(lines: Iterable[bytes], name: str, id_field: str | None = None,
               first_line: int = 1) -> Iterator[tuple[str, Any] | ReadError]:
    """Each record of JSON Lines, ``lines`` being the file's lines from line number ``first_line`` on."""
    for lineno, raw in enumerate(lines, first_line):
        if not raw.strip():
            continue
        origin = f"{name}:{lineno}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield error(NOT_UTF8, f"byte {raw[exc.start]:#04x} at column {exc.start + 1} is not UTF-8",
                        origin, salvage_id(raw, id_field))
            continue
        if lineno == 1:
            line = line.lstrip("\ufeff")
        try:
            yield origin, json.loads(line)
        except json.JSONDecodeError as exc:
            yield error(MALFORMED_JSON, f"{exc.msg} (column {exc.colno})", origin, salvage_id(line, id_field))
        except RecursionError:
            yield error(MALFORMED_JSON, TOO_DEEP, origin, salvage_id(line, id_field))


_NEXT_IN_ARRAY = re.compile(r",\s*(?=\{)")
_NEXT_VALUE = re.compile(r"\n(?=\{)")


def _array(stream: BinaryIO, name: str, id_field: str | None) -> Iterator[tuple[str, Any] | ReadError]:
    sc = _Scanner(stream)
    sc.peek()
    sc.pos += 1  # the "["
    while True:
        ch = sc.peek()
        if ch == "]":
            return
        if ch == "":
            sc.count_lines()
            yield error(MALFORMED_JSON, "the JSON array ends early (a cut file?)", f"{name}:{sc.line}")
            return
        try:
            obj, line = sc.value()
        except _Broken as exc:
            yield from _broken(sc, exc, name, id_field, _NEXT_IN_ARRAY)
            if sc.pos >= len(sc.buf) and sc.eof:
                return
            continue
        yield _checked(sc, obj, f"{name}:{line}", id_field)
        ch = sc.peek()
        if ch == ",":
            sc.pos += 1
        elif ch != "]":
            sc.count_lines()
            exc = _Broken("expected ',' or ']' after an array element", sc.line)
            yield from _broken(sc, exc, name, id_field, _NEXT_IN_ARRAY)
            if sc.pos >= len(sc.buf) and sc.eof:
                return


def _values(stream: BinaryIO, name: str, id_field: str | None) -> Iterator[tuple[str, Any] | ReadError]:
    sc = _Scanner(stream)
    while sc.peek():
        try:
            obj, line = sc.value()
        except _Broken as exc:
            yield from _broken(sc, exc, name, id_field, _NEXT_VALUE)
            continue
        yield _checked(sc, obj, f"{name}:{line}", id_field)


def _checked(sc: _Scanner, obj: Any, origin: str, id_field: str | None) -> tuple[str, Any] | ReadError:
    if _check_bytes(sc, obj):
        return origin, obj
    return error(NOT_UTF8, "the record holds bytes that are not UTF-8", origin,
                 salvage_id(json.dumps(obj, ensure_ascii=False), id_field))


def _broken(sc: _Scanner, exc: _Broken, name: str, id_field: str | None,
            pattern: re.Pattern) -> Iterator[ReadError]:
    """One error for a record that is not JSON, then skip to the next likely record."""
    snippet = sc.snippet(sc.pos)
    cut = pattern.search(snippet, 1)
    snippet = snippet[:cut.start()] if cut else snippet
    found = sc.resync(pattern)
    detail = str(exc) if found else f"{exc}; nothing after it could be read"
    yield error(MALFORMED_JSON, detail, f"{name}:{exc.line}", salvage_id(snippet, id_field))


def read_mapped(stream: BinaryIO, name: str, fields: Any,
                map_record: Callable[[Any, str, Any], Iterator[Any]]) -> Iterator[Any]:
    """Every record of a JSON file through ``map_record(record, origin, fields)``; read errors pass through."""
    return _mapped(iter_records(stream, name, fields.id), fields, map_record)


def read_mapped_lines(lines: Iterable[bytes], name: str, fields: Any,
                      map_record: Callable[[Any, str, Any], Iterator[Any]], first_line: int = 1) -> Iterator[Any]:
    """:func:`read_mapped` for a run of JSON Lines starting at line ``first_line`` (a block of a file)."""
    return _mapped(iter_lines(lines, name, fields.id, first_line), fields, map_record)


def _mapped(records: Iterator[tuple[str, Any] | ReadError], fields: Any,
            map_record: Callable[[Any, str, Any], Iterator[Any]]) -> Iterator[Any]:
    for rec in records:
        if isinstance(rec, tuple):
            try:
                yield from map_record(rec[1], rec[0], fields)
            except RecursionError:  # a record that parsed, but too deep to walk
                yield error(MALFORMED_JSON, TOO_DEEP, rec[0])
        else:
            yield rec
