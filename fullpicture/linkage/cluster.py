"""Clustering accepted pairs into people, under constraints.

Greedy, highest match weight first, union of records into clusters, where a union is refused if
it would put together records that cannot be one person:

* a "not the same person" decision between any record of one cluster and any of the other
  (decisions therefore hold transitively: no chain of links can join the two);
* dates of birth that are not compatible (not equal, not a day/month swap, not within two typed
  digits): this keeps a parent and a child with the same name apart;
* the same date of birth but given names that cannot be variants of each other: twins;
* two valid NHS numbers that differ by more than a typing slip (more than two digits) on
  records whose dates of birth differ.

"Same person" decisions are applied first and always join. In incremental runs the existing
people are the starting clusters and two existing people are never merged automatically (that
needs a full run or a person's decision).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from fullpicture.linkage.names import edit_distance, given_names_compatible


@dataclass(frozen=True)
class Signature:
    """The parts of a record the constraints look at."""

    dob: str | None
    dob_swapped: str | None
    given: str | None
    variants: frozenset[str]
    nhs: str | None = None


def dates_compatible(a: Signature, b: Signature) -> bool:
    """Whether two recorded dates of birth could be the same person's."""
    if a.dob is None or b.dob is None or a.dob == b.dob:
        return True
    # Up to two typed digits apart, either side possibly with day and month swapped (clusters
    # hold several records, each possibly mistyped).
    options = [(a.dob, b.dob), (a.dob_swapped, b.dob), (a.dob, b.dob_swapped)]
    return any(x is not None and y is not None and _digits_apart(x, y) <= 2 for x, y in options)


def _digits_apart(x: str, y: str) -> int:
    # Dates are all YYYY-MM-DD: count differing positions (a transposition counts two).
    if len(x) == len(y):
        return sum(1 for p, q in zip(x, y, strict=True) if p != q)
    return edit_distance(x, y, limit=3)


def signatures_compatible(a: Signature, b: Signature) -> bool:
    """Whether two records may be one person (dates, and names on the same date: twins)."""
    if not dates_compatible(a, b):
        return False
    if a.nhs is not None and b.nhs is not None:
        if a.nhs == b.nhs:
            return True  # twins never share an NHS number
        same_day = a.dob is not None and (a.dob == b.dob or a.dob == b.dob_swapped)
        if not same_day and edit_distance(a.nhs, b.nhs, limit=3) > 2:
            # Two different valid NHS numbers (not a typing slip) and not even the same date
            # of birth: two people. With the same date of birth the model may outvote it.
            return False
    if a.dob is not None and a.dob == b.dob and a.given and b.given:
        if a.variants & b.variants:
            return True
        return any(
            given_names_compatible(x, y)
            for x in a.variants | {a.given}
            for y in b.variants | {b.given}
        )
    return True


@dataclass
class _Cluster:
    members: list[int]
    signatures: set[Signature]
    existing: bool


@dataclass
class Clusterer:
    """Union-find with constraint checks; build it, add edges, read :meth:`clusters`."""

    signatures: dict[int, Signature]
    not_same: dict[int, set[int]] = field(default_factory=dict)
    parent: dict[int, int] = field(default_factory=dict)
    state: dict[int, _Cluster] = field(default_factory=dict)
    refused: int = 0

    def find(self, uid: int) -> int:
        """The root of ``uid``'s cluster (with path halving); records start on their own."""
        parent = self.parent
        if uid not in parent:  # first touch: a cluster of one (created lazily for speed)
            parent[uid] = uid
            self.state[uid] = _Cluster([uid], {self.signatures[uid]}, existing=False)
            return uid
        while parent[uid] != uid:
            parent[uid] = parent[parent[uid]]
            uid = parent[uid]
        return uid

    def mark_existing(self, uids: Iterable[int]) -> None:
        """Mark records as already belonging to a person (incremental runs)."""
        for uid in uids:
            self.state[self.find(uid)].existing = True

    def add_not_same(self, a: int, b: int) -> None:
        """Record that ``a`` and ``b`` must never be in one cluster."""
        self.not_same.setdefault(a, set()).add(b)
        self.not_same.setdefault(b, set()).add(a)

    def _forbidden(self, small: _Cluster, other_root: int) -> bool:
        for uid in small.members:
            for banned in self.not_same.get(uid, ()):
                if self.find(banned) == other_root:
                    return True
        return False

    def _compatible(self, ra: int, rb: int) -> bool:
        a, b = self.state[ra], self.state[rb]
        if a.existing and b.existing:
            return False
        small, other = (a, rb) if len(a.members) <= len(b.members) else (b, ra)
        if self.not_same and self._forbidden(small, other):
            return False
        return all(signatures_compatible(x, y) for x in a.signatures for y in b.signatures)

    def _union(self, ra: int, rb: int) -> None:
        a, b = self.state[ra], self.state[rb]
        if len(a.members) < len(b.members):
            ra, rb, a, b = rb, ra, b, a
        self.parent[rb] = ra
        a.members.extend(b.members)
        a.signatures |= b.signatures
        a.existing = a.existing or b.existing
        del self.state[rb]

    def force(self, a: int, b: int) -> None:
        """Join ``a`` and ``b`` regardless of constraints (a person's decision)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            existing = self.state[ra].existing or self.state[rb].existing
            self._union(ra, rb)
            self.state[self.find(a)].existing = existing

    def link(self, a: int, b: int) -> bool:
        """Join the clusters of ``a`` and ``b`` if the constraints allow; return whether joined."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not self._compatible(ra, rb):
            self.refused += 1
            return False
        self._union(ra, rb)
        return True

    def clusters(self) -> list[list[int]]:
        """Every cluster's member ids (sorted), singletons included."""
        for uid in self.signatures:
            self.find(uid)
        return [sorted(c.members) for c in self.state.values()]


def cluster_records(
    signatures: dict[int, Signature],
    edges: Sequence[tuple[int, int]],
    *,
    same: Sequence[tuple[int, int]] = (),
    not_same: Sequence[tuple[int, int]] = (),
    existing_groups: Sequence[Sequence[int]] = (),
) -> tuple[list[list[int]], int]:
    """Cluster records under the constraints.

    Args:
        signatures: every record's :class:`Signature`, by ``unique_id``.
        edges: accepted pairs, strongest first.
        same: pairs a person decided are the same (always joined).
        not_same: pairs a person decided are not the same (never in one cluster).
        existing_groups: records already assigned to one person (incremental runs).

    Returns:
        The clusters and the number of links refused by the constraints.
    """
    clusterer = Clusterer(signatures)
    for a, b in not_same:
        if a in signatures and b in signatures:
            clusterer.add_not_same(a, b)
    for group in existing_groups:
        for uid in group[1:]:
            clusterer.force(group[0], uid)
        clusterer.mark_existing(group[:1])
    for a, b in same:
        if a in signatures and b in signatures:
            clusterer.force(a, b)
    for a, b in edges:
        clusterer.link(a, b)
    return clusterer.clusters(), clusterer.refused
