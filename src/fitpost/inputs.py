"""What a reader yields: one post to extract, or the reason one could not be read."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class InputPost:
    """One post to extract, with the metadata that travels with it."""

    text: str
    id: str | None = None
    posted_at: dt.date | None = None
    author: str | None = None
    tagged: list[str] = field(default_factory=list)  # handles tagged in the post's metadata
    location: str | None = None  # a location name from the metadata
    source: dict[str, Any] | None = None  # metadata copied to the output line
    origin: str | None = None  # where it came from: "file.jsonl:12"
    index: int | None = None  # its element of a JSON array, or its data row of a CSV/TSV table (from 0)
    item: int | None = None  # its place among the posts of one record that holds several (a twarc2 page)


@dataclass
class InputError:
    """A post that could not be read; it goes to the error file, never silently away."""

    reason: str
    id: str | None = None
    origin: str | None = None
    index: int | None = None  # as for InputPost
    item: int | None = None
