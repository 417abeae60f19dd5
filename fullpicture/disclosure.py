"""Statistical disclosure control for published counts (security requirement 39).

Primary suppression hides every count from 1 to ``threshold - 1`` (zero is published: it says no
child is in the cell). Secondary suppression then makes sure no line of the table (a row, a
column, or a one-dimensional list whose total can be worked out) has exactly one hidden cell,
because that cell would equal the line's total minus the shown cells: the smallest shown cell
of such a line is hidden too, repeatedly, until no line has a lone hidden cell. Choices are
deterministic (smallest value, then the cell's key), so the same data always publishes the same
table. Rounding is explicit: ``round_half_up`` (25 -> 30 to the nearest 10).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
R = TypeVar("R", bound=Hashable)
C = TypeVar("C", bound=Hashable)

DEFAULT_THRESHOLD = 5


def round_half_up(count: int, base: int) -> int:
    """Round a non-negative count to the nearest multiple of ``base``, halves going up."""
    if count < 0 or base < 1:
        raise ValueError("counts are non-negative and the base is at least 1")
    return ((count + base // 2) // base) * base


def _lone_hidden(line: list[K], hidden: set[K]) -> bool:
    return sum(1 for key in line if key in hidden) == 1


def _cover(line: list[K], values: Mapping[K, int], hidden: set[K]) -> K | None:
    """The shown cell of ``line`` to hide next: the smallest, ties broken by key order."""
    shown = [key for key in line if key not in hidden]
    if not shown:
        return None
    return min(shown, key=lambda key: (values[key], repr(key)))


def suppress(
    values: Mapping[K, int], lines: Iterable[list[K]], threshold: int = DEFAULT_THRESHOLD
) -> dict[K, int | None]:
    """Return ``values`` with hidden cells as None, primary and secondary suppression applied.

    Args:
        values: every cell's count.
        lines: groups of cells whose total is published or can be derived (rows, columns, a
            whole list); each must have at least two cells to be protected.
        threshold: the smallest count published as it is.
    """
    hidden = {key for key, count in values.items() if 0 < count < threshold}
    all_lines = [list(line) for line in lines]
    changed = True
    while changed:
        changed = False
        for line in all_lines:
            if _lone_hidden(line, hidden):
                extra = _cover(line, values, hidden)
                if extra is not None:
                    hidden.add(extra)
                    changed = True
    return {key: None if key in hidden else count for key, count in values.items()}


def suppress_table(
    table: Mapping[tuple[R, C], int], threshold: int = DEFAULT_THRESHOLD
) -> dict[tuple[R, C], int | None]:
    """Suppress a two-way table of counts (rows and columns both protected)."""
    rows: dict[R, list[tuple[R, C]]] = {}
    columns: dict[C, list[tuple[R, C]]] = {}
    for key in table:
        rows.setdefault(key[0], []).append(key)
        columns.setdefault(key[1], []).append(key)
    return suppress(table, [*rows.values(), *columns.values()], threshold)
