"""What each record status means: one table, ``models/statuses.json``, read by status and records.

A status is *real* when the text claims the session happened, is under way, is
planned or is a routine; a hypothetical or negated mention is *dismissed*.
Mentions of one activity merge into one record only within a *phase*; a bare
mention ("the run") joins the nearest record of its phase at most *reach*
sentences away (None: never by nearness), and only if its status *joins* at all.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from fitpost import resources

_KEYS = {"real", "phase", "reach", "joins"}


@dataclass(frozen=True)
class StatusMeaning:
    name: str
    real: bool
    phase: str
    reach: int | None
    joins: bool


@cache
def table() -> dict[str, StatusMeaning]:
    """Every status by name, validated: each entry has exactly the keys of :class:`StatusMeaning`."""
    data = resources.load_json("statuses.json")["statuses"]
    out = {}
    for name, entry in data.items():
        if set(entry) != _KEYS:
            raise ValueError(f"models/statuses.json: status {name!r} needs the keys {sorted(_KEYS)}, "
                             f"has {sorted(entry)}")
        reach = entry["reach"]
        if not isinstance(entry["real"], bool) or not isinstance(entry["joins"], bool) \
                or not isinstance(entry["phase"], str) or not (reach is None or isinstance(reach, int)):
            raise ValueError(f"models/statuses.json: status {name!r}: real and joins are true or false, "
                             f"phase a word, reach a whole number or null")
        out[name] = StatusMeaning(name=name, **entry)
    return out


def meaning(status: str) -> StatusMeaning:
    """What ``status`` means (a KeyError names an unknown status)."""
    return table()[status]


def is_real(status: str) -> bool:
    """Whether ``status`` claims a session (not hypothetical or negated)."""
    return meaning(status).real


def names() -> tuple[str, ...]:
    """The statuses, in the table's order."""
    return tuple(table())
