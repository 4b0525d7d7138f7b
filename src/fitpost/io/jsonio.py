"""JSON containers, streamed: JSON Lines, JSON arrays, or JSON values one after another.

:func:`iter_records` yields ``(origin, value, index)`` for each record (``index``: its element
of a JSON array, else None), or a
:class:`~fitpost.io.common.ReadError` for a record that cannot be read, and
never holds more than one record (plus a read buffer) in memory, however long
the array.  A top-level array gives its elements as records, and reading goes
on after it: an array followed by more arrays or by JSON Lines gives them all.
"""
from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO

from fitpost.io.common import (
    MALFORMED_JSON,
    MAX_RECORD_BYTES,
    NOT_UTF8,
    TOO_LARGE,
    Oversized,
    ReadError,
    StreamStatus,
    bounded_lines,
    ended_early,
    error,
    rewind,
    salvage_id,
)

_WS = re.compile(r"[ \t\r\n\ufeff]*")
_BAD_BYTES = re.compile("[\udc80-\udcff]")
_DECODER = json.JSONDecoder()
_CHUNK = 1 << 16
TOO_DEEP = "the record is nested too deeply"
Record = tuple[str, Any, "int | None"]  # a record read: its origin ("name:line"), its value, its index in an array


class _Broken(Exception):
    """A value that is not JSON; ``at_end``: it runs to the end of the input (unfinished)."""

    def __init__(self, msg: str, line: int, at_end: bool = False) -> None:
        super().__init__(msg)
        self.line = line
        self.at_end = at_end


class _TooLarge(Exception):
    """A value over :data:`MAX_RECORD_BYTES`; ``skipped``: the position is already after it."""

    def __init__(self, line: int, head: str, skipped: bool = False) -> None:
        super().__init__(line)
        self.line = line
        self.head = head  # its first characters
        self.skipped = skipped


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

    def cut_short(self) -> bool:
        """Whether the input ended at a damage (a cut compressed file): its unfinished record is that damage."""
        return self.eof and ended_early(self.stream)

    def peek(self) -> str:
        """The next non-blank character ('' at the end), not consumed."""
        while True:
            self.pos = _WS.match(self.buf, self.pos).end()
            if self.pos < len(self.buf) or not self.more():
                return self.buf[self.pos:self.pos + 1]

    def value(self) -> tuple[Any, int]:
        """The next JSON value and the line it starts on; :class:`_Broken` when it is not JSON,
        :class:`_TooLarge` when it goes on past :data:`MAX_RECORD_BYTES`."""
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
                # a record still being read fails at the end of the buffer (or in a string running to it)
                cut = exc.pos >= len(self.buf) - 8 or exc.msg.startswith("Unterminated string")
                if not cut:
                    raise _Broken(exc.msg, line) from None
                if self.eof:
                    raise _Broken(exc.msg, line, at_end=True) from None
                if len(self.buf) - self.pos > MAX_RECORD_BYTES:
                    raise _TooLarge(line, self.snippet(self.pos)) from None
                self.more(size)
                size = min(size * 2, 16 << 20)
                continue
            except ValueError as exc:  # a number too long to convert
                raise _Broken(str(exc).split(":")[0], line) from None
            if end - self.pos > MAX_RECORD_BYTES:  # read whole (the buffer grew past the limit at once)
                head, self.pos = self.snippet(self.pos), end
                raise _TooLarge(line, head, skipped=True)
            if end == len(self.buf) and not self.eof and not isinstance(obj, (dict, list, str)):
                self.more()  # a number or literal may go on in the next chunk
                continue
            self.pos = end
            return obj, line

    _IN_STRING = re.compile(r'["\\]')
    _OUTSIDE = re.compile(r'["{}\[\]]')

    def skip_value(self) -> bool:
        """Move past the object, array or string that starts here, reading on without keeping it.

        False when the input ends first (or the value is none of those: then the position is unchanged).
        """
        if self.buf[self.pos:self.pos + 1] not in ('{', '[', '"'):
            return False
        depth, in_string, i = 0, False, self.pos
        while True:
            m = (self._IN_STRING if in_string else self._OUTSIDE).search(self.buf, i)
            if m is None or (m.group() == "\\" and m.end() >= len(self.buf)):  # (an escape needs the next one)
                self.pos = m.start() if m else len(self.buf)
                if not self.more():
                    self.pos = len(self.buf)
                    return False
                i = self.pos
                continue
            ch, i = m.group(), m.end()
            if ch == "\\":
                i += 1
            elif ch == '"':
                in_string = not in_string
            elif ch in "{[":
                depth += 1
            else:
                depth -= 1
            if depth == 0 and not in_string:
                self.pos = i
                return True

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


HEAD_SIZE = 1 << 16  # the bytes :func:`json_layout` looks at (more when the first line is longer)


def json_layout(head: bytes) -> str:
    """How a JSON file holds its records, from its first bytes: ``lines`` (JSON Lines, read line by line),
    or ``array`` or ``values`` (streamed: arrays and values one after another, pretty-printed or not).

    ``head`` should hold the whole first line (:func:`head_through_first_line`); the first
    :data:`HEAD_SIZE` bytes decide the same way when the first line fits in them.
    """
    text = head.lstrip(b" \t\r\n").removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    first_line, _, rest = text.partition(b"\n")
    first_line = first_line.strip()
    if text.startswith(b"["):
        # JSON Lines whose first line is a broken array: the next line is an object on its own
        return "lines" if len(first_line) > 1 and not _json(first_line) and _is_object(rest) else "array"
    # JSON Lines: a whole object on the first line, or a broken first line followed by another object;
    # pretty-printed JSON: "{" and then indented keys
    one_per_line = first_line.endswith(b"}") or rest.lstrip().startswith(b"{")
    if not text or not text.startswith(b"{") or (len(first_line) > 1 and one_per_line):
        return "lines"
    return "values"  # a pretty-printed object (or several, one after another)


def _json(line: bytes) -> bool:
    try:
        json.loads(line)
        return True
    except (ValueError, RecursionError):
        return False


def _is_object(text: bytes) -> bool:
    """Whether the first non-blank line of ``text`` is a JSON object on its own."""
    line = text.lstrip().partition(b"\n")[0].strip()
    return line.startswith(b"{") and _json(line)


def head_through_first_line(stream: BinaryIO, size: int = HEAD_SIZE) -> tuple[bytes, BinaryIO]:
    """The first bytes of ``stream``, at least ``size`` and through its first non-blank line (up to
    :data:`MAX_RECORD_BYTES`), and a stream that still starts at the beginning."""
    head = stream.read(size)
    while len(head) == size and b"\n" not in head.lstrip() and size < MAX_RECORD_BYTES:
        head += stream.read(size)
        size *= 2
    return head, rewind(head, stream)


def iter_records(stream: BinaryIO, name: str, id_field: str | None = None) -> Iterator[Record | ReadError]:
    """Each record of JSON Lines, JSON arrays, or JSON values one after another."""
    head, stream = head_through_first_line(stream)
    if json_layout(head) == "lines":
        yield from iter_lines(bounded_lines(stream), name, id_field, status=getattr(stream, "status", None))
    else:
        yield from _values(stream, name, id_field)


def iter_lines(lines: Iterable[bytes | Oversized], name: str, id_field: str | None = None,
               first_line: int = 1, status: StreamStatus | None = None) -> Iterator[Record | ReadError]:
    """Each record of JSON Lines, ``lines`` being the file's lines from line number ``first_line`` on.

    A line is one record (a line holding an array too).  ``status``: the stream's; when it ended
    early, its unfinished last line is left to the error for that.
    """
    for lineno, raw in enumerate(lines, first_line):
        if isinstance(raw, Oversized):
            if not raw.whole and _ended_early(status):
                return
            yield error(TOO_LARGE, f"the line is {raw.size:,} bytes long, over the limit of {MAX_RECORD_BYTES:,}",
                        f"{name}:{lineno}", salvage_id(raw.head, id_field))
            continue
        if not raw.strip():
            continue
        if not raw.endswith(b"\n") and _ended_early(status):
            return  # the unfinished last line of a stream that ended early: its error is the stream's
        origin = f"{name}:{lineno}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield error(NOT_UTF8, f"byte {raw[exc.start]:#04x} at column {exc.start + 1} is not UTF-8",
                        origin, salvage_id(raw, id_field))
            continue
        if lineno == 1:
            line = line.lstrip("\ufeff")
            if not line.strip():
                continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            detail = (f"{exc.msg} (column {exc.colno})" if line.strip("\x00 \t\r\n")
                      else "the line holds only NUL bytes (a file that was never written?)")
            yield error(MALFORMED_JSON, detail, origin, salvage_id(line, id_field))
            continue
        except ValueError as exc:  # a number too long to convert
            yield error(MALFORMED_JSON, str(exc).split(":")[0], origin, salvage_id(line, id_field))
            continue
        except RecursionError:
            yield error(MALFORMED_JSON, TOO_DEEP, origin, salvage_id(line, id_field))
            continue
        yield origin, value, None


def _ended_early(status: StreamStatus | None) -> bool:
    return status is not None and status.problem is not None


_NEXT_IN_ARRAY = re.compile(r",\s*(?=\{)")
_NEXT_VALUE = re.compile(r"\n(?=[{\[])")


def _values(stream: BinaryIO, name: str, id_field: str | None) -> Iterator[Record | ReadError]:
    """Top-level JSON values one after another; an array gives its elements."""
    sc = _Scanner(stream)
    while True:
        ch = sc.peek()
        if not ch:
            return
        if ch == "[":
            sc.pos += 1
            yield from _elements(sc, name, id_field)
            continue
        try:
            obj, line = sc.value()
        except (_Broken, _TooLarge) as exc:
            yield from _broken(sc, exc, name, id_field, _NEXT_VALUE)
            continue
        yield _checked(sc, obj, f"{name}:{line}", id_field, None)


def _elements(sc: _Scanner, name: str, id_field: str | None) -> Iterator[Record | ReadError]:
    """The elements of the array whose "[" was just read, through its "]".

    Each comes with its index in the array; after a broken element reading goes on at the next
    likely start of one, which may skip some, so the elements after it come without an index.
    """
    index: int | None = 0
    while True:
        ch = sc.peek()
        if ch == "]":
            sc.pos += 1
            return
        if ch == "":
            sc.count_lines()
            if not sc.cut_short():
                yield error(MALFORMED_JSON, "the JSON array ends early (a cut file?)", f"{name}:{sc.line}")
            return
        try:
            obj, line = sc.value()
        except (_Broken, _TooLarge) as exc:
            yield from _indexed(_broken(sc, exc, name, id_field, _NEXT_IN_ARRAY), index)
            if sc.pos >= len(sc.buf) and sc.eof:
                return
            index = None
            if isinstance(exc, _TooLarge) and sc.peek() == ",":  # skipped whole: on to the next element
                sc.pos += 1
            continue
        yield _checked(sc, obj, f"{name}:{line}", id_field, index)
        index = None if index is None else index + 1
        ch = sc.peek()
        if ch == ",":
            sc.pos += 1
        elif ch != "]":
            sc.count_lines()
            exc = _Broken("expected ',' or ']' after an array element", sc.line, at_end=not ch)
            yield from _broken(sc, exc, name, id_field, _NEXT_IN_ARRAY)
            index = None
            if sc.pos >= len(sc.buf) and sc.eof:
                return


def _indexed(errors: Iterator[ReadError], index: int | None) -> Iterator[ReadError]:
    for err in errors:
        err.index = index
        yield err


def _checked(sc: _Scanner, obj: Any, origin: str, id_field: str | None, index: int | None) -> Record | ReadError:
    if _check_bytes(sc, obj):
        return origin, obj, index
    err = error(NOT_UTF8, "the record holds bytes that are not UTF-8", origin,
                salvage_id(json.dumps(obj, ensure_ascii=False), id_field))
    err.index = index
    return err


def _broken(sc: _Scanner, exc: _Broken | _TooLarge, name: str, id_field: str | None,
            pattern: re.Pattern) -> Iterator[ReadError]:
    """One error for a record that cannot be read, then go on at the next record (likely, for a broken one)."""
    snippet = exc.head if isinstance(exc, _TooLarge) else sc.snippet(sc.pos)
    origin = f"{name}:{exc.line}"
    if isinstance(exc, _TooLarge):
        skipped = exc.skipped or sc.skip_value()
        if not skipped and sc.cut_short():  # the unfinished record of a cut file: its error is the file's
            return
        if not skipped:
            sc.resync(pattern)
        yield error(TOO_LARGE, f"the record is over the limit of {MAX_RECORD_BYTES:,} bytes", origin,
                    salvage_id(snippet, id_field))
        return
    if exc.at_end and sc.cut_short():  # the unfinished record of a cut file: its error is the file's
        sc.pos = len(sc.buf)
        return
    cut = pattern.search(snippet, 1)
    snippet = snippet[:cut.start()] if cut else snippet
    found = sc.resync(pattern)
    detail = str(exc) if found else f"{exc}; nothing after it could be read"
    yield error(MALFORMED_JSON, detail, origin, salvage_id(snippet, id_field))


def read_mapped(stream: BinaryIO, name: str, fields: Any,
                map_record: Callable[[Any, str, Any], Iterator[Any]]) -> Iterator[Any]:
    """Every record of a JSON file through ``map_record(record, origin, fields)``; read errors pass through."""
    return _mapped(iter_records(stream, name, fields.id), fields, map_record)


def read_mapped_lines(lines: Iterable[bytes], name: str, fields: Any,
                      map_record: Callable[[Any, str, Any], Iterator[Any]], first_line: int = 1) -> Iterator[Any]:
    """:func:`read_mapped` for a run of JSON Lines starting at line ``first_line`` (a block of a file)."""
    return _mapped(iter_lines(lines, name, fields.id, first_line), fields, map_record)


def _mapped(records: Iterator[Record | ReadError], fields: Any,
            map_record: Callable[[Any, str, Any], Iterator[Any]]) -> Iterator[Any]:
    for rec in records:
        if isinstance(rec, tuple):
            yield from mapped_record(rec, fields, map_record)
        else:
            yield rec


def mapped_record(rec: Record, fields: Any, map_record: Callable[[Any, str, Any], Iterator[Any]]) -> list[Any]:
    """The posts (and errors) of one record, each with the record's ``index``, and its own ``item``
    when the record holds several (a twarc2 page of tweets)."""
    origin, value, index = rec
    items = []
    try:
        for item in map_record(value, origin, fields):
            items.append(item)
    except RecursionError:  # a record that parsed, but too deep to walk
        items.append(error(MALFORMED_JSON, TOO_DEEP, origin))
    for n, item in enumerate(items):
        item.index = index
        if len(items) > 1:
            item.item = n
    return items
