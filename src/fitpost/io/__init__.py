"""Reading dumps of posts and writing records: the formats of ``fitpost batch``.

>>> from fitpost.io import read_posts
>>> posts = read_posts(["captions.jsonl.gz"])  # doctest: +SKIP
"""
from __future__ import annotations

from fitpost.io.common import Fields, ReadError, ReadPost
from fitpost.io.readers import INPUT_FORMATS, detect, read_posts, sniff

__all__ = ["Fields", "ReadError", "ReadPost", "INPUT_FORMATS", "detect", "read_posts", "sniff"]
