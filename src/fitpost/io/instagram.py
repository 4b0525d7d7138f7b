"""Instagram dumps: instaloader folders and Apify Instagram scraper datasets."""
from __future__ import annotations

import glob
import json
import lzma
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from fitpost.io.common import (
    MALFORMED_JSON,
    MAX_RECORD_BYTES,
    NOT_UTF8,
    TOO_LARGE,
    UNLISTABLE,
    UNREADABLE,
    Fields,
    Item,
    ReadError,
    as_dict,
    as_list,
    error,
    get_path,
    list_folder,
    make_post,
    post_source,
    walk_error,
)
from fitpost.io.jsonio import iter_records, mapped_record

POST_URL = "https://www.instagram.com/p/{}/"

# ---------------------------------------------------------------- instaloader

# 2023-05-14_07-32-10_UTC.txt, 2023-05-14_07-32-10_UTC.json.xz (or .json with --no-compress-json);
# not the _UTC_comments.json, _UTC_location.txt or the profile's <name>_<id>.json.xz beside them
_POST_FILE = re.compile(r"^(\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}_UTC(?:_\d+)?)(\.txt|\.json\.xz|\.json)$")


def is_instaloader_folder(folder: Path) -> bool:
    """Whether ``folder`` (or a folder in it, one per profile) holds instaloader posts."""
    try:
        subfolders = sorted(p for p in folder.iterdir() if not p.is_symlink() and p.is_dir())
    except OSError:
        return False
    for d in (folder, *subfolders):
        try:
            if any(_POST_FILE.match(p.name) for p in d.iterdir()):
                return True
        except OSError:
            continue
    return False


def instaloader_posts(folder: Path, root: str | None = None,
                      ) -> Iterator[tuple[str, Path | None, Path | None] | ReadError]:
    """``(stem, caption file, metadata file)`` of every post, folder by folder, oldest first.

    The folder is walked as :func:`~fitpost.io.common.list_folder` says (links not followed); a
    folder that cannot be listed, or a post file or folder linked from outside, comes as its error.
    """
    root = root or os.path.realpath(folder)
    try:
        entries = list_folder(folder, root)
    except OSError:
        yield walk_error(folder, UNLISTABLE)
        return
    groups: dict[str, dict[str, Path]] = {}
    subfolders, notes = [], []
    for p, what in entries:
        m = _POST_FILE.match(p.name)
        if what == "folder":
            subfolders.append(p)
        elif what == "file" and m:
            groups.setdefault(m.group(1), {})[m.group(2)] = p
        elif what != "file" and (m or what == UNLISTABLE or os.path.isdir(p)):
            notes.append(walk_error(p, what))
    for stem in sorted(groups):
        files = groups[stem]
        yield stem, files.get(".txt"), files.get(".json.xz") or files.get(".json")
    yield from notes
    for sub in subfolders:
        yield from instaloader_posts(sub, root)


def _profile_owner(folder: Path) -> str | None:
    """The profile a folder was downloaded from, when its ``<profile>_<id>.json.xz`` is there."""
    return folder.name if any(folder.glob(f"{glob.escape(folder.name)}_[0-9]*.json*")) else None


def _read_bounded(path: Path) -> bytes:
    """The bytes of ``path`` (decompressed when .xz); ValueError when over :data:`MAX_RECORD_BYTES`."""
    opener = lzma.open if path.name.endswith(".xz") else open
    with opener(path, "rb") as f:
        data = f.read(MAX_RECORD_BYTES + 1)
    if len(data) > MAX_RECORD_BYTES:
        raise _TooLarge(f"over the limit of {MAX_RECORD_BYTES:,} bytes")
    return data


class _TooLarge(ValueError):
    pass


def read_instaloader(folder: str | Path, fields: Fields) -> Iterator[Item]:
    """Every post of an instaloader folder: caption, date, owner, location and tagged users."""
    owners: dict[Path, str | None] = {}
    for found in instaloader_posts(Path(folder)):
        if isinstance(found, ReadError):
            yield found
            continue
        stem, txt, meta = found
        here = (txt or meta).parent  # type: ignore[union-attr]
        if here not in owners:
            owners[here] = _profile_owner(here)
        origin = f"{txt or meta}:1"
        node: dict[str, Any] = {}
        raw: Any = None
        if meta is not None:
            try:
                raw = json.loads(_read_bounded(meta).decode("utf-8"))
                node = as_dict(raw.get("node", raw) if isinstance(raw, dict) else {})
            except (OSError, lzma.LZMAError, EOFError, ValueError, RecursionError) as exc:
                if txt is None:
                    reason = (TOO_LARGE if isinstance(exc, _TooLarge) else
                              UNREADABLE if isinstance(exc, (OSError, lzma.LZMAError, EOFError)) else MALFORMED_JSON)
                    yield error(reason, f"{meta.name}: {exc}", f"{meta}:1", stem)
                    continue
                node = {}
        caption = get_path(node, "edge_media_to_caption.edges.0.node.text")
        if caption is None and txt is not None:
            try:
                caption = _read_bounded(txt).decode("utf-8").removeprefix("\ufeff").rstrip("\n")
            except UnicodeDecodeError as exc:
                yield error(NOT_UTF8, f"{txt.name}: byte at {exc.start} is not UTF-8", origin,
                            node.get("shortcode") or stem)
                continue
            except (OSError, ValueError) as exc:
                yield error(TOO_LARGE if isinstance(exc, _TooLarge) else UNREADABLE, f"{txt.name}: {exc}", origin,
                            node.get("shortcode") or stem)
                continue
        yield from map_node(node, origin, fields, caption=caption, stem=stem, obj=raw, owner=owners[here])


def map_node(node: dict[str, Any], origin: str, fields: Fields, caption: str | None = None,
             stem: str | None = None, obj: Any = None, owner: str | None = None) -> Iterator[Item]:
    """The post of one instaloader metadata node (``{"node": {...}, "instaloader": {...}}``)."""
    if "node" in node and isinstance(node["node"], dict):
        obj, node = node, node["node"]
    if caption is None:
        caption = get_path(node, "edge_media_to_caption.edges.0.node.text") or ""
    shortcode = node.get("shortcode")
    tagged = [get_path(e, "node.user.username") for e in as_list(get_path(node, "edge_media_to_tagged_user.edges"))]
    tagged = [t for t in tagged if t]
    location = get_path(node, "location.name")
    owner = get_path(node, "owner.username") or owner
    date = node.get("taken_at_timestamp")
    if date is None and stem:
        date = stem[:10]  # the file name is the UTC time of the post
    source = post_source({
        "shortcode": shortcode, "media_id": node.get("id"),
        "url": POST_URL.format(shortcode) if shortcode else None,
        "type": node.get("__typename"), "owner_id": get_path(node, "owner.id"),
        "owner_full_name": get_path(node, "owner.full_name"),
        "likes": get_path(node, "edge_media_preview_like.count") or get_path(node, "edge_liked_by.count"),
        "comments": get_path(node, "edge_media_to_comment.count"),
        "location": location, "tagged": tagged,
    })
    yield make_post(origin, caption, id=shortcode or stem, date=date, author=owner, tagged=tagged,
                    location=location, source=source, text_field="caption", obj=obj or node, fields=fields)


# ---------------------------------------------------------------- Apify Instagram scraper

APIFY_KEYS = {"shortCode", "ownerUsername", "displayUrl", "inputUrl", "latestComments"}


def map_apify(obj: Any, origin: str, fields: Fields) -> Iterator[Item]:
    """The post of one item of an Apify Instagram scraper dataset."""
    if not isinstance(obj, dict):
        yield error(MALFORMED_JSON, f"a JSON {type(obj).__name__}, not an object", origin)
        return
    tagged = []
    for user in as_list(obj.get("taggedUsers")):
        name = user.get("username") if isinstance(user, dict) else user
        if name:
            tagged.append(name)
    shortcode = obj.get("shortCode")
    source = post_source({
        "shortcode": shortcode, "media_id": obj.get("id"),
        "url": obj.get("url") or (POST_URL.format(shortcode) if shortcode else None),
        "type": obj.get("type"), "owner_full_name": obj.get("ownerFullName"), "owner_id": obj.get("ownerId"),
        "hashtags": obj.get("hashtags"), "mentions": obj.get("mentions"),
        "likes": obj.get("likesCount"), "comments": obj.get("commentsCount"),
        "location": obj.get("locationName"), "tagged": tagged,
    })
    # a post without a caption is a post with no text, not a broken one
    caption = obj.get("caption")
    yield make_post(origin, "" if caption is None and "caption" not in obj else caption,
                    id=shortcode or obj.get("id"), date=obj.get("timestamp"),
                    author=obj.get("ownerUsername"), tagged=tagged, location=obj.get("locationName"),
                    source=source, text_field="caption", obj=obj, fields=fields)


def read_apify(stream: BinaryIO, name: str, fields: Fields) -> Iterator[Item]:
    """Every post of an Apify dataset (a JSON array or JSON Lines)."""
    for rec in iter_records(stream, name, fields.id or "shortCode"):
        if isinstance(rec, tuple):
            yield from mapped_record(rec, fields, map_apify)
        else:
            yield rec


def read_instaloader_json(stream: BinaryIO, name: str, fields: Fields) -> Iterator[Item]:
    """Posts of instaloader metadata files read one by one (``*_UTC.json.xz``) or concatenated."""
    m = _POST_FILE.match(Path(name).name)
    stem = m.group(1) if m else None

    def map_record(node: Any, origin: str, fields: Fields) -> Iterator[Item]:
        if not isinstance(node, dict):
            return iter([error(MALFORMED_JSON, f"a JSON {type(node).__name__}, not an object", origin)])
        return map_node(node, origin, fields, stem=stem)

    for rec in iter_records(stream, name, fields.id or "shortcode"):
        if isinstance(rec, tuple):
            yield from mapped_record(rec, fields, map_record)
        else:
            yield rec
