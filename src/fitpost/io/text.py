"""Plain text: one post per file (a file, a folder of them, or stdin)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from fitpost.io.common import NOT_UTF8, Fields, Item, error, make_post, plain_name

_DATE_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")


def read(stream: BinaryIO, name: str, fields: Fields) -> Iterator[Item]:
    """The one post of a text file: its id is the file name, its date a date the name starts with."""
    origin = f"{name}:1"
    stem = plain_name(name).removesuffix(".txt") if name != "<stdin>" else None
    data = stream.read()
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        yield error(NOT_UTF8, f"byte {data[exc.start]:#04x} on line {line} is not UTF-8", origin, stem)
        return
    m = _DATE_NAME.match(Path(stem).name) if stem else None
    yield make_post(origin, text.rstrip("\n"), id=Path(stem).name if stem else None,
                    date=m.group(1) if m else None, source={"file": name})
