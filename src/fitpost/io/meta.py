r"""Meta "Download your information" exports: Instagram ``posts_1.json`` and Facebook posts.

Meta writes each UTF-8 byte of the text as its own ``\u00XX`` escape, so
``"Troms\u00c3\u00b8"`` reads as "TromsÃ¸": every string is repaired to "Tromsø".
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from fitpost.io.common import (
    MALFORMED_JSON,
    Fields,
    Item,
    as_list,
    error,
    fix_mojibake,
    get_path,
    make_post,
    post_source,
    walk_files,
)
from fitpost.io.jsonio import read_mapped

# "Kari Nordvik updated her status." / "Kari Nordvik shared a memory." -> Kari Nordvik
_FB_TITLE = re.compile(r"^(.+?) (?:updated|shared|posted|wrote|added|was|is|checked|feeling|created)\b")

# files of an export folder that hold posts
POST_FILES = re.compile(r"^(posts_\d+|your_posts(?:_[a-z_]+)?_\d+|your_posts_\d+)\.json$")


def is_ig_post(obj: Any) -> bool:
    return isinstance(obj, dict) and isinstance(obj.get("media"), list) and (
        "creation_timestamp" in obj or any(isinstance(m, dict) and "creation_timestamp" in m for m in obj["media"]))


def is_fb_post(obj: Any) -> bool:
    return isinstance(obj, dict) and isinstance(obj.get("timestamp"), int) and (
        "data" in obj or "attachments" in obj or "title" in obj)


def is_export_folder(folder: Path) -> bool:
    try:
        names = {p.name for p in folder.iterdir()}
    except OSError:
        return False
    return bool(names & {"your_instagram_activity", "your_facebook_activity", "personal_information",
                         "content", "posts", "your_activity_across_facebook"}) and any(export_files(folder))


def export_files(folder: Path) -> Iterator[Path]:
    """The post files of an unpacked export, in a stable order (walked as :func:`walk_files` says)."""
    for p, note in walk_files(folder):
        if note is None and POST_FILES.match(p.name):
            yield p


def map_record(obj: Any, origin: str, fields: Fields) -> Iterator[Item]:
    """The post of one Instagram or Facebook export entry, its text repaired."""
    obj = fix_mojibake(obj)
    if is_ig_post(obj):
        media = [m for m in obj["media"] if isinstance(m, dict)]
        first = media[0] if media else {}
        # one photo: the caption is the photo's title; several: the post's
        text = obj.get("title") or first.get("title") or ""
        uri = first.get("uri")
        source = post_source({"export": "instagram", "uri": uri, "media_count": len(media) or None})
        post_id = Path(uri).stem if isinstance(uri, str) and uri else obj.get("creation_timestamp")
        yield make_post(origin, text, id=post_id,
                        date=obj.get("creation_timestamp") or first.get("creation_timestamp"),
                        source=source, text_field="title", obj=obj, fields=fields)
    elif is_fb_post(obj):
        texts = [d["post"] for d in as_list(obj.get("data")) if isinstance(d, dict) and isinstance(d.get("post"), str)]
        place, url, uri = None, None, None
        for att in as_list(obj.get("attachments")):
            for d in as_list(att.get("data")) if isinstance(att, dict) else []:
                if not isinstance(d, dict):
                    continue
                place = place or get_path(d, "place.name")
                url = url or get_path(d, "external_context.url")
                uri = uri or get_path(d, "media.uri")
                if not texts and isinstance(get_path(d, "media.description"), str) and get_path(d, "media.description"):
                    texts.append(get_path(d, "media.description"))
        title = obj.get("title") if isinstance(obj.get("title"), str) else ""
        m = _FB_TITLE.match(title)
        tagged = [t.get("name") if isinstance(t, dict) else t for t in as_list(obj.get("tags"))]
        tagged = [t for t in tagged if isinstance(t, str) and t]
        source = post_source({"export": "facebook", "title": title, "url": url, "uri": uri,
                              "location": place, "tagged": tagged})
        yield make_post(origin, "\n\n".join(texts), id=obj.get("timestamp"), date=obj.get("timestamp"),
                        author=m.group(1) if m else None, tagged=tagged, location=place, source=source,
                        text_field="data[].post", obj=obj, fields=fields)
    elif isinstance(obj, dict) and len(obj) == 1 and isinstance(next(iter(obj.values())), list):
        # a wrapped list ({"ig_..._media": [...]}, {"status_updates_v2": [...]})
        for item in next(iter(obj.values())):
            yield from map_record(item, origin, fields)
    else:
        yield error(MALFORMED_JSON, "not an Instagram or Facebook post of a Meta export", origin)


def read(stream: BinaryIO, name: str, fields: Fields) -> Iterator[Item]:
    """Every post of a Meta export file (``posts_1.json``, ``your_posts_1.json``)."""
    return read_mapped(stream, name, fields, map_record)
