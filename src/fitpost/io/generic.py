"""Generic JSON posts (JSON Lines or a JSON array of objects), with user-chosen dotted field paths."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from fitpost.io.common import MALFORMED_JSON, Fields, Item, error, first_path, get_path, make_post, post_source
from fitpost.io.jsonio import read_mapped

TEXT_PATHS = ("text", "caption", "full_text", "body", "content", "message")
ID_PATHS = ("id", "id_str", "post_id", "pk", "shortcode", "shortCode", "uuid")
DATE_PATHS = ("posted_at", "date", "created_at", "timestamp", "taken_at", "published_at", "time")
AUTHOR_PATHS = ("author", "username", "user", "owner", "screen_name")
TAGGED_PATHS = ("tagged", "tagged_users", "taggedUsers")
LOCATION_PATHS = ("location", "location_name", "locationName", "place")


def map_record(obj: Any, origin: str, fields: Fields) -> Iterator[Item]:
    """The post of one generic JSON object."""
    if not isinstance(obj, dict):
        yield error(MALFORMED_JSON, f"a JSON {type(obj).__name__}, not an object", origin)
        return
    text_path, text = (fields.text, get_path(obj, fields.text)) if fields.text else first_path(obj, TEXT_PATHS)
    id_path, id_ = (fields.id, get_path(obj, fields.id)) if fields.id else first_path(obj, ID_PATHS)
    date_path, date = (fields.date, get_path(obj, fields.date)) if fields.date else first_path(obj, DATE_PATHS)
    author_path, author = (fields.author, get_path(obj, fields.author)) if fields.author \
        else first_path(obj, AUTHOR_PATHS)
    if isinstance(text, dict) and isinstance(text.get("text"), str):  # {"caption": {"text": ...}}
        text_path, text = f"{text_path}.text", text["text"]
    tagged_path, tagged = first_path(obj, TAGGED_PATHS)
    location_path, location = first_path(obj, LOCATION_PATHS)
    tagged = [_handle(t) for t in tagged] if isinstance(tagged, list) else []
    used = {p.split(".")[0] for p in (text_path, id_path, date_path, author_path, tagged_path, location_path) if p}
    # the rest of the record's plain values travel to the output as its source metadata
    source = {k: v for k, v in obj.items() if k not in used and _plain(v)}
    if tagged:
        source["tagged"] = tagged
    if isinstance(location, (str, dict)):
        source["location"] = location.get("name") if isinstance(location, dict) else location
    yield make_post(origin, text, id=id_, date=date, author=author, tagged=tagged, location=location,
                    source=post_source(source), text_field=text_path or "text")


def _handle(value: Any) -> str | None:
    if isinstance(value, dict):
        return first_path(value, ("username", "handle", "screen_name", "name"))[1]
    return value if isinstance(value, str) else None


def _plain(value: Any) -> bool:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return True
    return isinstance(value, list) and len(value) <= 50 and all(isinstance(v, (str, int, float)) for v in value)


def read(stream: BinaryIO, name: str, fields: Fields) -> Iterator[Item]:
    """Every post of a generic JSON Lines file or JSON array."""
    return read_mapped(stream, name, fields, map_record)
