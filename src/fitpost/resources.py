"""Find and read the data files in ``models/`` (installed as ``fitpost.models``)."""
from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def path(name: str):
    """A Traversable for ``models/NAME``, from an editable install or a wheel."""
    return resources.files("fitpost.models").joinpath(name)


@cache
def load_json(name: str) -> Any:
    """Parse ``models/NAME`` as JSON (cached: the data files never change at run time)."""
    return json.loads(path(name).read_text(encoding="utf-8"))
