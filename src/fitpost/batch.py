"""Batch extraction: JSON Lines in, one result line per input line out (to be deepened)."""
from __future__ import annotations

import json
import os

from fitpost.errors import FitpostError


def run_batch(input_path: str, output_path: str, model: str = "auto") -> int:
    """Extract every line of ``input_path`` into ``output_path``; 0 when all posts were processed."""
    from fitpost.extractor import Extractor

    try:
        lines = open(input_path, encoding="utf-8").read().splitlines()
    except OSError as exc:
        raise FitpostError(f"cannot read {input_path}: {exc.strerror}") from None
    items = [json.loads(l) for l in lines if l.strip()]
    ex = Extractor(model=model)
    tmp = output_path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as out:
        for post in ex.pipe(items):
            out.write(post.model_dump_json() + "\n")
    os.replace(tmp, output_path)
    return 0
