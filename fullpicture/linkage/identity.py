"""Stable person ids: new clusters take the old id they overlap most; ids are never reused.

Assignment is greedy by overlap (number of a cluster's records that carried the old id), largest
first, so a person who gains or loses a record keeps their id, a merge keeps the id of the larger
side, and a split keeps the id on the larger part. Clusters with no old id get fresh ids from the
``linkage_identity`` register; old ids that are no longer used are retired there with the id most
of their records moved to (``merged_into``), so old links can be redirected.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Assignment:
    """The outcome of assigning ids to clusters."""

    ids: list[str | None]  # per cluster: the kept old id, or None (needs a new id)
    retired: dict[str, str | None]  # old id -> the id that took most of its records


def format_person_id(number: int) -> str:
    """The display form of a person id (``P000123``)."""
    return f"P{number:06d}"


def parse_person_id(person_id: str) -> int | None:
    """The number inside a person id, or None when it is not of our form."""
    digits = person_id[1:]
    return int(digits) if person_id[:1] == "P" and digits.isdigit() else None


def assign_ids(clusters: Sequence[Sequence[int]], previous: dict[int, str]) -> Assignment:
    """Give each cluster the old id it overlaps most, each old id to at most one cluster.

    Args:
        clusters: the new clusters (record ids).
        previous: each record's person id before this run (records without one are absent).

    Returns:
        Which old id each cluster keeps, and which old ids retire.
    """
    candidates: list[tuple[int, str, int]] = []
    for index, members in enumerate(clusters):
        counts = Counter(previous[m] for m in members if m in previous)
        candidates.extend((n, old, index) for old, n in counts.items())
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    ids: list[str | None] = [None] * len(clusters)
    taken: set[str] = set()
    for _n, old, index in candidates:
        if ids[index] is None and old not in taken:
            ids[index] = old
            taken.add(old)
    retired = _retired(clusters, previous, ids, taken)
    return Assignment(ids, retired)


def _retired(
    clusters: Sequence[Sequence[int]],
    previous: dict[int, str],
    ids: list[str | None],
    taken: set[str],
) -> dict[str, str | None]:
    destination: dict[str, Counter[int]] = {}
    for index, members in enumerate(clusters):
        for m in members:
            old = previous.get(m)
            if old is not None and old not in taken:
                destination.setdefault(old, Counter())[index] += 1
    retired: dict[str, str | None] = {}
    for old, counts in destination.items():
        index = counts.most_common(1)[0][0]
        retired[old] = ids[index]  # None when that cluster gets a fresh id; filled in later
    return retired
