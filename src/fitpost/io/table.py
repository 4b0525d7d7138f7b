"""Tables: CSV and TSV files with a header row, one post per row.

The text is in the column ``--text-field`` names, else the first of text, caption,
full_text, body, content, message (any case); the id, date and author likewise
(``--id-field`` ...).  The other cells that are not empty travel as the post's
source metadata.  Every row is a post or an error: a row with more cells than
the header (a delimiter in an unquoted cell?), bytes that are not UTF-8, or no
text column.  A cell is at most 131,072 characters (Python's csv module).
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from typing import BinaryIO

from fitpost.io.common import (
    MALFORMED_ROW,
    MAX_RECORD_BYTES,
    MISSING_TEXT,
    NOT_UTF8,
    TOO_LARGE,
    Fields,
    Item,
    Oversized,
    bounded_lines,
    ended_early,
    error,
    has_bad_bytes,
    make_post,
    post_source,
)
from fitpost.io.generic import AUTHOR_PATHS, DATE_PATHS, ID_PATHS, LOCATION_PATHS, TEXT_PATHS


def read_csv(stream: BinaryIO, name: str, fields: Fields) -> Iterator[Item]:
    """Every row of a CSV file (comma-separated, with a header row) as a post."""
    return _read(stream, name, fields, ",")


def read_tsv(stream: BinaryIO, name: str, fields: Fields) -> Iterator[Item]:
    """Every row of a TSV file (tab-separated, with a header row) as a post."""
    return _read(stream, name, fields, "\t")


class _LineTooLong(Exception):
    pass


class _Lines:
    """The lines of a stream as text for :func:`csv.reader`, counted, noting whether the last was whole.

    A lone carriage return ends a line too (as in a file opened with ``newline=""``); the count is of
    line feeds, as in the other formats' line numbers.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.lines = bounded_lines(stream)
        self.count = 0
        self.whole = True
        self.pending: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.pending:
            return self.pending.pop(0)
        raw = next(self.lines)
        self.count += 1
        if isinstance(raw, Oversized):
            if not raw.whole and ended_early(self.stream):
                raise StopIteration  # the unfinished last line of a cut file: its error is the file's
            raise _LineTooLong()
        self.whole = raw.endswith(b"\n")
        text = raw.decode("utf-8", "surrogateescape")
        if self.count == 1:
            text = text.removeprefix("\ufeff")
        if "\r" in text.rstrip("\r\n"):
            self.pending = _LONE_CR.split(text)
            return self.pending.pop(0)
        return text

    def next_line(self) -> int:
        """The number of the line the next row starts on."""
        return self.count if self.pending else self.count + 1


_LONE_CR = re.compile(r"(?<=\r)(?!\n)(?=.)", re.S)


def _column(header: list[str], given: str | None, defaults: tuple[str, ...]) -> int | None:
    """The index of the column named ``given`` (else the first of ``defaults``), exactly, else in any case."""
    names = (given,) if given else defaults
    for n in names:
        if n in header:
            return header.index(n)
    folded = [h.strip().casefold() for h in header]
    for n in names:
        if n.casefold() in folded:
            return folded.index(n.casefold())
    return None


def _read(stream: BinaryIO, name: str, fields: Fields, delimiter: str) -> Iterator[Item]:
    lines = _Lines(stream)
    rows = csv.reader(lines, delimiter=delimiter)
    header: list[str] | None = None
    cols: dict[str, int | None] = {}
    index = 0  # the data row's index (from 0, the header and blank lines not counted: pandas' read_csv)
    while True:
        start = lines.next_line()
        try:
            row = next(rows)
        except StopIteration:
            return
        except (csv.Error, _LineTooLong) as exc:  # the row is left out, the reader goes on at the next line
            too_long = isinstance(exc, _LineTooLong) or "field limit" in str(exc)
            what = f"a line over {MAX_RECORD_BYTES:,} bytes" if isinstance(exc, _LineTooLong) else str(exc)
            if header is None:
                yield error(MALFORMED_ROW, f"the header row cannot be read ({what}): the file was not read",
                            f"{name}:{start}")
                return
            err = error(TOO_LARGE if too_long else MALFORMED_ROW, f"the row cannot be read ({what})", f"{name}:{start}")
            err.index, index = index, index + 1
            yield err
            continue
        if not lines.whole and ended_early(stream):
            return  # the unfinished row of a cut file: its error is the file's
        if not any(cell.strip() for cell in row):  # a blank line (or a row of blank cells): no post
            continue
        if header is None:
            header = [h.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for h in row]
            cols = {"text": _column(header, fields.text, TEXT_PATHS), "id": _column(header, fields.id, ID_PATHS),
                    "date": _column(header, fields.date, DATE_PATHS),
                    "author": _column(header, fields.author, AUTHOR_PATHS),
                    "location": _column(header, None, LOCATION_PATHS)}
            continue
        item = _row_post(row, header, cols, fields, f"{name}:{start}")
        item.index, index = index, index + 1
        yield item


def _row_post(row: list[str], header: list[str], cols: dict[str, int | None], fields: Fields, origin: str) -> Item:
    def cell(key: str) -> str | None:
        i = cols[key]
        return row[i] if i is not None and i < len(row) and row[i] != "" else None

    row_id = cell("id")
    if any(has_bad_bytes(c) for c in row):
        return error(NOT_UTF8, "the row holds bytes that are not UTF-8", origin,
                     row_id if row_id and not has_bad_bytes(row_id) else None)
    if len(row) > len(header):
        return error(MALFORMED_ROW, f"the row has {len(row)} cells, the header {len(header)} "
                                    "(a delimiter in a cell without quotes?)", origin, row_id)
    if cols["text"] is None:
        wanted = repr(fields.text) if fields.text else "text, caption, body, ..."
        return error(MISSING_TEXT, f"no column {wanted} (the columns: {', '.join(header)[:300]}); "
                                   "choose one with --text-field", origin, row_id)
    used = {i for i in cols.values() if i is not None}
    source = {header[i]: v for i, v in enumerate(row) if i not in used and v != ""}
    text = row[cols["text"]] if cols["text"] < len(row) else ""  # a short row: its missing cells are empty
    return make_post(origin, text, id=row_id, date=cell("date"), author=cell("author"), location=cell("location"),
                     source=post_source(source), text_field=header[cols["text"]])
