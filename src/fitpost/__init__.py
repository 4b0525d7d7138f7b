"""fitpost: turn fitness posts into structured activity records.

>>> from fitpost import Extractor, parse_quantities
>>> [q.meters for q in parse_quantities("a 10 km run")]
[10000.0]
"""
from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Extractor", "parse_quantities", "__version__"]

if TYPE_CHECKING:
    from fitpost.extractor import Extractor
    from fitpost.quantity_parser import parse_quantities


def __getattr__(name: str):
    # lazy, so that "fitpost --help" and parse_quantities need not import spaCy
    if name == "Extractor":
        from fitpost.extractor import Extractor
        return Extractor
    if name == "parse_quantities":
        from fitpost.quantity_parser import parse_quantities
        return parse_quantities
    raise AttributeError(f"module 'fitpost' has no attribute {name!r}")
