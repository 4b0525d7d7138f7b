"""Plain text: one post per file (a file, a folder of them, or stdin)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from fitpost.io.common import (
    MAX_RECORD_BYTES,
    NOT_UTF8,
    TOO_LARGE,
    Fields,
    Item,
    ended_early,
    error,
    make_post,
    plain_name,
)

_DATE_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")
_TEXT_SUFFIX = re.compile(r"\.(txt|md)$")


def read(stream: BinaryIO, name: str, fields: Fields) -> Iterator[Item]:
    """The one post of a text file: its id is the file name, its date a date the name starts with.

    An empty or blank file holds no post; a file longer than :data:`MAX_RECORD_BYTES` is an error,
    read no further; a cut compressed file is the error the file gets for the cut.
    """
    origin = f"{name}:1"
    stem = _TEXT_SUFFIX.sub("", plain_name(name)) if name != "<stdin>" else None
    data = stream.read(MAX_RECORD_BYTES + 1)
    if len(data) > MAX_RECORD_BYTES:
        yield error(TOO_LARGE, f"the text is over the limit of {MAX_RECORD_BYTES:,} bytes", origin,
                    Path(stem).name if stem else None)
        return
    if ended_early(stream):
        return
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        yield error(NOT_UTF8, f"byte {data[exc.start]:#04x} on line {line} is not UTF-8", origin, stem)
        return
    if not text.strip():
        return
    m = _DATE_NAME.match(Path(stem).name) if stem else None
    yield make_post(origin, text.rstrip("\n"), id=Path(stem).name if stem else None,
                    date=m.group(1) if m else None)
