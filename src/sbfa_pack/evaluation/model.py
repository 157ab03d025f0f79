"""The report model: tables of figures, the same for every output (HTML, CSV, Excel).

A table is a list of rows under typed columns; every table has a column of learners (``n``)
behind its figures. A row whose group has fewer learners than the minimum is *suppressed*: it
keeps its labels, loses every figure, and every output shows "fewer than N" in its place. A
group that is large enough but would let a suppressed one be worked out by subtraction is
hidden too (secondary suppression, :func:`partition`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Cell = str | int | float | None
Kind = Literal["label", "term", "text", "count", "rate", "number", "minutes", "flags"]


@dataclass(frozen=True)
class Column:
    key: str
    """The column's stable id: the CSV header and the key of its translated heading."""
    kind: Kind = "label"
    """label: a name as it is; term: a key the outputs translate; text: free text; count; rate (a
    fraction 0..1, shown as a percentage); number; minutes; flags: keys separated by spaces."""


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    suppressed: bool = False
    keep: int = 0
    """In a suppressed row: how many leading cells (its labels) are kept."""
    reason: str = "fewer_than"
    """In a suppressed row: the key of the text shown instead of its figures."""

    def hidden(self, s: dict[str, str], min_group: int) -> str:
        """What a suppressed row shows instead of its figures ("fewer than 5")."""
        return s[self.reason].format(n=min_group)


@dataclass(frozen=True)
class Chart:
    """A bar chart of one table: one bar per row, the bar's length from ``value`` (a rate 0..1)."""

    label: tuple[str, ...]
    """Columns whose values, joined, name a bar."""
    value: str


@dataclass(frozen=True)
class Table:
    key: str
    """The table's id: its CSV file name, its sheet, and the key of its translated title."""
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    chart: Chart | None = None
    note: str = ""
    """Key of a translated note printed under the table (how a figure is computed)."""

    def index(self, key: str) -> int:
        return [c.key for c in self.columns].index(key)


@dataclass(frozen=True)
class Report:
    title: str
    min_group: int
    records: int
    tables: tuple[Table, ...] = field(default_factory=tuple)
    identify: bool = False


def row(cells: tuple[Cell, ...], n: int, min_group: int, labels: int) -> Row:
    """A row of ``cells`` whose group has ``n`` learners: suppressed (the first ``labels`` cells
    kept, the rest emptied) when ``n`` is below ``min_group``."""
    if n >= min_group:
        return Row(cells)
    return Row(cells[:labels] + (None,) * (len(cells) - labels), suppressed=True, keep=labels)


def partition(sizes: dict[str, int], min_group: int) -> set[str]:
    """The groups of one partition (the languages of a course, say) to hide: those under
    ``min_group``, and then, while the hidden ones together are fewer than ``min_group`` (the
    total minus the shown groups would reveal them), the smallest shown one as well."""
    hidden = {k for k, n in sizes.items() if n < min_group}
    shown = sorted((n, k) for k, n in sizes.items() if k not in hidden)
    while hidden and shown and sum(sizes[k] for k in hidden) < min_group:
        hidden.add(shown.pop(0)[1])
    return hidden
