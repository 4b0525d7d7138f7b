"""fitpost: turn fitness posts into structured activity records.

>>> import fitpost
>>> [q.meters for q in fitpost.parse_quantities("a 10 km run")]
[10000.0]
>>> fitpost.extract("Ran 5k today", posted_at="2025-03-02", model="blank").activities[0].activity
'running'
"""
from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Extractor", "extract", "parse_quantities", "__version__"]

if TYPE_CHECKING:
    from fitpost.extractor import Extractor, extract
    from fitpost.quantity_parser import parse_quantities


def __getattr__(name: str):
    # lazy, so that "fitpost --help" and parse_quantities need not import spaCy
    if name in ("Extractor", "extract"):
        from fitpost import extractor
        return getattr(extractor, name)
    if name == "parse_quantities":
        from fitpost.quantity_parser import parse_quantities
        return parse_quantities
    raise AttributeError(f"module 'fitpost' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(__all__) | {name for name in globals() if name.startswith("__")})
