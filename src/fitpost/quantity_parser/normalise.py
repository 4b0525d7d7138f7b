"""Join neighbouring quantities and turn items into :class:`fitpost.schema.Quantity`.

* ranges written with a unit on both ends: "5km-10km", "20 km to 40 km";
* compounds of one dimension with distinct units: "21 km and 97 metres",
  "3 hours, 12 minutes, 40 seconds", "2 yd 7'", "1m and 1ft" (an "m" among
  imperial units is a mile); not a metric term of one unit or more before it
  ("112 km, 1,450 m") nor the same length again ("13.1 miles 21.1 km");
* a bare number after hours or minutes: "1 hour thirty", "2 hours and 10".
"""
from __future__ import annotations

import re
from bisect import bisect_right

from fitpost.quantity_parser.grammar import trailing_number_re
from fitpost.quantity_parser.lexicon import lexicon
from fitpost.quantity_parser.numbers import parse_number
from fitpost.quantity_parser.scanner import IMPERIAL, Item
from fitpost.schema import Quantity

_GAP = re.compile(r"\s*(?:(?:,|&|and|plus)\s*|,\s*and\s+)?", re.IGNORECASE)
_RANGE_GAP = re.compile(r"\s*(?:[-‐‑–—]|to)\s*", re.IGNORECASE)
# the optional fields this version of the schema has
_EXTRA_FIELDS = tuple(name for name in ("sets", "reps", "part") if name in Quantity.model_fields)
_validate = Quantity.__pydantic_validator__.validate_python  # what Quantity.model_validate calls
_INCHES = re.compile(r"(?:\s*,\s*|\s+and\s+|\s+)(?P<n>\d{1,2}(?:\.\d+)?)\s*(?:in|inch|inches)(?!\w)", re.IGNORECASE)


def add_inches(text: str, items: list[Item]) -> list[Item]:
    """'12 ft 2 in more or less': inches after feet, where 'in' alone would be a preposition."""
    out: list[Item] = []
    for k, it in enumerate(items):
        out.append(it)
        if it.kind != "distance" or it.unit != "ft" or not it.simple:
            continue
        m = _INCHES.match(text, it.end)
        if not m or (k + 1 < len(items) and items[k + 1].start < m.end()):
            continue
        v = float(m.group("n"))
        out.append(Item("distance", m.start("n"), m.end(), value=v, unit="in", base=v * lexicon().factors["in"],
                        surface="in", units=("in",), simple=True))
    return out


def _mile(item: Item) -> None:
    """An 'm' next to feet or yards is a mile (1m and 1ft)."""
    item.unit = "mi"
    item.base = item.value * lexicon().factors["mi"]
    item.units = ("mi",)


def _feet(item: Item) -> None:
    """A prime after yards or feet is feet, not minutes (2 yd 7')."""
    f = lexicon().factors["ft"]
    item.kind, item.unit, item.base, item.units = "distance", "ft", item.value * f, ("ft",)


def join_ranges(text: str, items: list[Item]) -> list[Item]:
    out: list[Item] = []
    for it in items:
        prev = out[-1] if out else None
        if (prev is not None and prev.simple and it.simple and prev.kind == it.kind
                and prev.kind in ("distance", "duration") and prev.end <= it.start
                and _RANGE_GAP.fullmatch(text, prev.end, it.start) and prev.base < it.base):
            out[-1] = Item(it.kind, prev.start, it.end, value=it.value, unit=it.unit, base=it.base,
                           min=prev.base, max=it.base, approximate=True, surface=it.surface, units=it.units)
            continue
        out.append(it)
    return out


RESTATED = 0.02  # a term within this fraction of the terms before it tells their length again


def _told_again(chain: list[Item], nx: Item) -> bool:
    """Whether term ``nx`` is as long as the terms of ``chain`` together, within RESTATED: the same amount
    in another unit ("13.1 miles 21.1 km"), not a term of the compound."""
    total = sum(c.base for c in chain)
    return abs(nx.base - total) <= RESTATED * total


def join_compounds(text: str, items: list[Item], keep_parts: bool = True) -> list[Item]:
    lex = lexicon()
    out: list[Item] = []
    i = 0
    n = len(items)
    while i < n:
        it = items[i]
        if not (it.simple and it.kind in ("distance", "duration")):
            out.append(it)
            i += 1
            continue
        chain = [it]
        j = i + 1
        while j < n:
            nx = items[j]
            if nx.twin or (nx.start == chain[-1].start and nx.kind != it.kind):
                j += 1  # the repetition reading of the term before
                continue
            if nx.start < chain[-1].end or not _GAP.fullmatch(text, chain[-1].end, nx.start):
                break
            if (it.kind == "distance" and nx.kind == "duration" and nx.surface in ("'", "′")
                    and chain[-1].unit in IMPERIAL):
                _feet(nx)
            if nx.kind != it.kind or not nx.simple:
                break
            seen = {u for c in chain for u in c.units}
            if seen & set(nx.units):
                break
            if "," in text[chain[-1].end:nx.start] and lex.factors[nx.unit] >= lex.factors[chain[-1].unit]:
                # a compound's terms after a comma go to smaller units ("1 mile, 200 yards"): "750 m, 20 km" is a list
                break
            if _told_again(chain, nx) or it.kind == "distance" and chain[-1].unit not in IMPERIAL \
                    and nx.unit not in IMPERIAL and nx.base >= lex.factors[chain[-1].unit]:
                # a metric term holds less than one of the unit before it ("21 km and 97 metres": "112 km, 1,450 m"
                # tells the climbing), and a term as long as the terms before it tells them again in another unit
                # ("13.1 miles 21.1 km"): no sums
                break
            chain.append(nx)
            j += 1
        if len(chain) == 1:
            out.append(it)
            i += 1
            continue
        if it.kind == "distance" and any(c.unit in IMPERIAL for c in chain):
            for c in chain:
                if c.surface == "m":
                    _mile(c)
        base = sum(c.base for c in chain)
        factor = lex.factors[it.unit]
        whole = Item(it.kind, it.start, chain[-1].end, value=base / factor, unit=it.unit, base=base,
                     approximate=any(c.approximate for c in chain), units=tuple(u for c in chain for u in c.units))
        out.append(whole)
        for c in chain:
            c.part = True
            if keep_parts:
                out.append(c)
        # the repetition readings of terms inside the compound go
        out.extend(x for x in items[i + 1:j] if x not in chain and not (x.twin and x.start < whole.end))
        i = j
    return out


def join_trailing(text: str, items: list[Item]) -> list[Item]:
    """'1 hour thirty' is 90 minutes; '2 minutes 30' is 150 seconds."""
    starts = sorted(x.start for x in items)
    for it in items:
        if it.kind != "duration" or it.part or it.min is not None or not it.units:
            continue
        last = it.units[-1]
        if last not in ("h", "min") or it.surface in ("compact", ":"):
            continue
        m = trailing_number_re().match(text, it.end)
        if not m:
            continue
        k = bisect_right(starts, it.end)  # the first quantity starting after this one ends
        if k < len(starts) and starts[k] < m.end():
            continue  # the number starts another quantity
        n = parse_number(m.group("n"))
        if n is None or n.value >= 60 or n.value != int(n.value):
            continue
        it.base += n.value * (60 if last == "h" else 1)
        it.value = it.base / lexicon().factors[it.unit]
        it.end = m.end()
        it.units = it.units + ("min" if last == "h" else "s",)
    return items


def to_quantity(text: str, it: Item) -> Quantity:
    """The public record of ``it``."""
    base = None if it.base is None else float(it.base)
    kw = {
        "kind": it.kind, "text": text[it.start:it.end], "start": it.start, "end": it.end,
        "value": None if it.value is None else float(it.value), "unit": it.unit,
        "meters": base if it.kind in ("distance", "elevation") else None,
        "seconds": base if it.kind in ("duration", "pace") else None,
        "min": None if it.min is None else float(it.min), "max": None if it.max is None else float(it.max),
        "times": None if it.times is None else int(it.times), "per": it.per, "frequency": it.frequency,
        "approximate": bool(it.approximate),
    }
    for name in _EXTRA_FIELDS:
        kw[name] = getattr(it, name)
    return _validate(kw)
