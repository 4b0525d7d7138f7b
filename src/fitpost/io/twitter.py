"""X/Twitter API v2 as twarc2 writes it: raw response pages and flattened tweets (``twarc2 flatten``)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from fitpost.io.common import (
    MALFORMED_JSON,
    Fields,
    Item,
    as_dict,
    as_key,
    as_list,
    error,
    get_path,
    make_post,
    post_source,
)
from fitpost.io.jsonio import read_mapped

TWEET_URL = "https://x.com/{}/status/{}"


def is_page(obj: Any) -> bool:
    """A raw API response: ``data`` (a list of tweets, or one) with ``includes``/``meta``."""
    return isinstance(obj, dict) and isinstance(obj.get("data"), (list, dict)) and (
        "includes" in obj or "meta" in obj or "__twarc" in obj)


def is_tweet(obj: Any) -> bool:
    return isinstance(obj, dict) and "text" in obj and (
        "author_id" in obj or "edit_history_tweet_ids" in obj or "conversation_id" in obj)


def map_record(obj: Any, origin: str, fields: Fields) -> Iterator[Item]:
    """The posts of one line: every tweet of a raw page, or the one flattened tweet."""
    if is_page(obj):
        data = obj["data"] if isinstance(obj["data"], list) else [obj["data"]]
        includes = as_dict(obj.get("includes"))
        users = {as_key(u.get("id")): u for u in as_list(includes.get("users")) if isinstance(u, dict)}
        places = {as_key(p.get("id")): p for p in as_list(includes.get("places")) if isinstance(p, dict)}
        for tweet in data:
            yield from _tweet(tweet, origin, fields, users, places)
    elif isinstance(obj, dict):
        yield from _tweet(obj, origin, fields, {}, {})
    else:
        yield error(MALFORMED_JSON, f"a JSON {type(obj).__name__}, not an object", origin)


def _tweet(tweet: Any, origin: str, fields: Fields, users: dict, places: dict) -> Iterator[Item]:
    if not isinstance(tweet, dict):
        yield error(MALFORMED_JSON, f"a JSON {type(tweet).__name__}, not a tweet", origin)
        return
    # flattened tweets carry their expansions inline; raw pages have them in "includes"
    author = tweet.get("author") if isinstance(tweet.get("author"), dict) \
        else users.get(as_key(tweet.get("author_id")), {})
    geo = as_dict(tweet.get("geo"))
    place = geo if "full_name" in geo or "name" in geo else places.get(as_key(geo.get("place_id")), {})
    location = place.get("full_name") or place.get("name")
    mentions = [m.get("username") for m in as_list(get_path(tweet, "entities.mentions")) if isinstance(m, dict)]
    mentions = [m for m in mentions if m]
    username = author.get("username")
    text = get_path(tweet, "note_tweet.text") or tweet.get("text")  # the full text of a long post
    tid = tweet.get("id")
    source = post_source({
        "tweet_id": tid, "url": TWEET_URL.format(username or "i/web", tid) if tid else None,
        "author_id": tweet.get("author_id"), "author_name": author.get("name"),
        "conversation_id": tweet.get("conversation_id"), "lang": tweet.get("lang"),
        "referenced_tweets": [{"type": r.get("type"), "id": r.get("id")}
                              for r in as_list(tweet.get("referenced_tweets")) if isinstance(r, dict)],
        "hashtags": [h.get("tag") for h in as_list(get_path(tweet, "entities.hashtags")) if isinstance(h, dict)],
        "location": location, "tagged": mentions,
    })
    yield make_post(origin, text, id=tid, date=tweet.get("created_at"), author=username, tagged=mentions,
                    location=location, source=source, obj=tweet, fields=fields)


def read(stream: BinaryIO, name: str, fields: Fields) -> Iterator[Item]:
    """Every tweet of a twarc2 file (raw pages and flattened lines may be mixed)."""
    return read_mapped(stream, name, fields, map_record)
