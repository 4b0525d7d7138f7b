"""What the linking steps pass along: a :class:`Cluster` per activity mention, a :class:`Record` per activity."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from fitpost import ext
from fitpost.schema import DateRef, Quantity

AMOUNTS = frozenset({"distance", "duration", "count"})  # a cluster with none of these is bare
SUM_TOLERANCE = 0.02  # a total matches a sum of distances this close (rounding: "Total 54 km" of 53.8 km)


@dataclass(slots=True)
class Cluster:
    """One mention of an activity (token offsets ``start:end``, sentence ``sent``) and what is attached to it."""

    start: int
    end: int
    sent: int
    info: ext.ActivityInfo
    status: ext.StatusInfo | None = None
    head: int = 0  # the token whose syntax gives subject and objects
    quantities: list[Quantity] = field(default_factory=list)  # at most one of each kind
    people: list[dict] = field(default_factory=list)  # the fields of each Participant, validated with the record
    places: list[dict] = field(default_factory=list)  # the fields of each Place, likewise
    event: str | None = None
    date: DateRef | None = None
    definite: bool = False  # "the run", "her ride": refers back to a record
    inferred: bool = False  # no activity word: a movement verb ("covered 24 km") or a number alone
    race_only: bool = False  # its only distance is implied by a race name ("the marathon")
    total: bool = False  # its distance is the session's total, told after its parts ("4 x 100m ... 1000m total")

    def kind(self, k: str) -> Quantity | None:
        """Its quantity of kind ``k``, if any."""
        for q in self.quantities:
            if q.kind == k:
                return q
        return None

    @property
    def bare(self) -> bool:
        """Whether it has no distance, duration or count."""
        for q in self.quantities:
            if q.kind in AMOUNTS:
                return False
        return True

    @property
    def status_name(self) -> str:
        """Its status (``models/statuses.json``): completed unless fitpost_status said otherwise."""
        return self.status.status if self.status else "completed"


@dataclass(slots=True)
class Record:
    """The clusters that are one activity, the first of them the primary one.  Clusters are only ever
    added to a record (``clusters.append``), never taken out."""

    clusters: list[Cluster]
    # the sentences of its first ``_counted`` clusters: clusters are only ever added, so :meth:`sents` reads
    # only those added since it was last asked
    _sents: set[int] = field(default_factory=set, repr=False, compare=False)
    _counted: int = field(default=0, repr=False, compare=False)

    def latest_sent(self, n: int) -> int | None:
        """The latest sentence at or before sentence ``n`` that holds one of its clusters, if any."""
        return max((c.sent for c in self.clusters if c.sent <= n), default=None)

    @property
    def primary(self) -> Cluster:
        return self.clusters[0]

    @property
    def activity(self) -> str:
        return self.primary.info.activity

    def leading(self) -> Cluster:
        """The cluster whose words are the record's evidence and whose fields come first: the first with
        an activity word and an amount, else the first."""
        for c in self.clusters:
            if not c.inferred and not c.bare:
                return c
        return self.clusters[0]

    def distance(self) -> Quantity | None:
        """The first written distance of its clusters, else the first one a race name implies."""
        implied = None
        for c in self.clusters:
            q = c.kind("distance")
            if q is not None:
                if not c.race_only:
                    return q
                if implied is None:
                    implied = q
        return implied

    def session_distance(self, primary: Cluster | None = None) -> Quantity | None:
        """The distance the record is given: a session's total told after its parts, else that of its leading
        cluster (``primary``, found when not given), else :meth:`distance`."""
        for c in self.clusters:
            if c.total:  # the first told as a total
                total = c.kind("distance")
                if total is not None:
                    return total
                break
        if primary is None:
            primary = self.leading()
        dist = primary.kind("distance")
        if dist is None or primary.race_only:
            dist = self.distance()
        return dist

    def sents(self) -> set[int]:
        """The sentences that hold its clusters (don't change the set)."""
        if self._counted < len(self.clusters):
            self._sents.update(c.sent for c in self.clusters[self._counted:])
            self._counted = len(self.clusters)
        return self._sents


def same_distance(a: Quantity | None, b: Quantity | None) -> bool:
    """Whether two distances are the same within 2 %."""
    if a is None or b is None or not a.meters or not b.meters:
        return False
    return math.isclose(a.meters, b.meters, rel_tol=0.02)
