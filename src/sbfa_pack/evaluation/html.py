"""``report.html``: one self-contained, accessible file (inline CSS, charts as inline SVG with
the numbers in a table beside each, no request of any kind, A4 print, ``lang``/``dir`` set).

Figures are written the language's way (babel); a suppressed row keeps its labels and says
"fewer than N" across its figures, in the table and in the chart.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from babel import numbers

from .. import __version__
from ..i18n.ui import direction
from .model import Column, Report, Row, Table
from .strings import strings

MAX_BARS = 40
"""A chart for tables of at most this many rows (a longer one is read in its table)."""
_BAR = 330


def cell_text(value: object, column: Column, lang: str, s: dict[str, str]) -> str:
    """A cell as the reader sees it in ``lang``."""
    if value is None:
        return ""
    if isinstance(value, int | float) and column.kind in ("rate", "number", "minutes", "count"):
        return _number(value, column.kind, lang)
    if column.kind in ("term", "flags"):
        return ", ".join(s.get(f"term_{v}", v) for v in str(value).split())
    return str(value)


@lru_cache(maxsize=8192)
def _number(value: float, kind: str, lang: str) -> str:
    """A figure written the language's way (cached: babel takes ~50 µs a number, tables repeat them)."""
    loc = lang.replace("-", "_")
    if kind == "rate":
        return str(numbers.format_percent(round(float(value), 3), locale=loc, decimal_quantization=False))
    if kind == "number":
        return str(numbers.format_decimal(value, format="0.00", locale=loc))
    if kind == "minutes":
        return str(numbers.format_decimal(value, format="#,##0.0", locale=loc))
    return str(numbers.format_decimal(value, locale=loc))


def _row(r: Row, table: Table, lang: str, s: dict[str, str], min_group: int) -> list[dict[str, Any]]:
    cells = [{"text": cell_text(v, c, lang, s), "cls": "num" if c.kind in ("count", "rate", "number", "minutes")
              else "", "span": 1} for v, c in zip(r.cells, table.columns, strict=True)]
    if not r.suppressed:
        return cells
    return [*cells[:r.keep], {"text": r.hidden(s, min_group), "cls": "small", "span": len(cells) - r.keep}]


def _chart(table: Table, lang: str, s: dict[str, str], min_group: int, title: str) -> dict[str, Any] | None:
    if table.chart is None or not 0 < len(table.rows) <= MAX_BARS:
        return None
    at = [table.index(k) for k in table.chart.label]
    vi = table.index(table.chart.value)
    bars = []
    for i, r in enumerate(table.rows):
        name = " · ".join(cell_text(r.cells[j], table.columns[j], lang, s) for j in at if r.cells[j] not in (None, ""))
        value = r.cells[vi]
        width = None
        if not r.suppressed and isinstance(value, int | float):
            width = round(_BAR * max(0.0, min(1.0, value)), 1)
        bars.append({"y": 4 + 20 * i, "label": name if len(name) <= 40 else name[:39] + "…", "width": width,
                     "value": r.hidden(s, min_group) if r.suppressed else cell_text(value, table.columns[vi], lang, s)})
    return {"height": 8 + 20 * len(bars), "bars": bars, "label": s["chart_of"].format(title=title)}


def render(report: Report, lang: str) -> bytes:
    """The HTML report in ``lang`` (English for a language without a catalog)."""
    from ..render import environment

    s = strings(lang)
    tables = []
    for t in report.tables:
        title = s.get(f"table_{t.key}", t.key)
        tables.append({"id": f"t-{t.key}", "title": title, "note": s.get(t.note, "") if t.note else "",
                       "headers": [s.get(f"col_{c.key}", c.key) for c in t.columns],
                       "rows": [_row(r, t, lang, s, report.min_group) for r in t.rows],
                       "chart": _chart(t, lang, s, report.min_group, title)})
    title = s["report_title"] + (f": {report.title}" if report.title else "")
    template = resources.files("sbfa_pack.evaluation").joinpath("templates", "report.html.j2").read_text("utf-8")
    html = environment().from_string(template).render(
        lang=lang, dir=direction(lang), title=title, s=s, tables=tables, identified=report.identify,
        summary=s["summary"].format(records=numbers.format_decimal(report.records, locale=lang.replace("-", "_")),
                                    n=report.min_group),
        made_by=s["made_by"].format(version=__version__))
    return html.encode("utf-8")
