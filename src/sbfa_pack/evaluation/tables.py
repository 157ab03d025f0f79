"""The report's tables as CSV files (one per table) and one Excel workbook (a sheet per table).

CSV headers are the columns' stable ids (``learners``, ``completion_rate``...), whatever the
report's language, so partners' own scripts keep working; rates are fractions (0..1), times in
minutes; flags and terms are ids. The workbook has the translated headings and titles. A
suppressed row keeps its labels and says "fewer than N" in its first figure cell.
Both are deterministic: the workbook's zip is rewritten with fixed timestamps and dates.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import datetime
from typing import cast

from ..packaging import zip_bytes
from .model import Report, Row, Table
from .strings import strings

_EPOCH = datetime(2000, 1, 1)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _cells(r: Row, hidden: str, t: Table | None = None, s: dict[str, str] | None = None) -> list[object]:
    """A row's cells; with ``t`` and ``s``, terms and flags translated (the workbook's)."""
    cells: list[object] = ["" if v is None else v for v in r.cells]
    if t is not None and s is not None:
        cells = [", ".join(s.get(f"term_{w}", w) for w in str(v).split()) if c.kind in ("term", "flags") else v
                 for v, c in zip(cells, t.columns, strict=True)]
    if r.suppressed:
        cells = [*cells[:r.keep], hidden, *[""] * (len(cells) - r.keep - 1)]
    return cells


def csv_files(report: Report, lang: str) -> dict[str, bytes]:
    """``<table>.csv`` for every table: UTF-8 with a BOM (Excel opens it in the right encoding)."""
    s = strings(lang)
    out = {}
    for t in report.tables:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow([c.key for c in t.columns])
        w.writerows(_cells(r, r.hidden(s, report.min_group)) for r in t.rows)
        out[f"{t.key}.csv"] = ("\ufeff" + buf.getvalue()).encode("utf-8")
    return out


def _sheet_title(t: Table, s: dict[str, str]) -> str:
    title = s.get(f"table_{t.key}", t.key)
    for ch in "[]:*?/\\":
        title = title.replace(ch, " ")
    return title[:31]


def workbook(report: Report, lang: str) -> bytes:
    """``report.xlsx``: one sheet per table, translated headings, numbers as numbers."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    s = strings(lang)
    wb = Workbook(write_only=True)  # streamed: a long free-text list costs no more than its rows
    bold = Font(bold=True)
    seen: set[str] = set()
    for t in report.tables:
        title = _sheet_title(t, s)
        while title in seen:
            title = title[:29] + f"~{len(seen)}"
        seen.add(title)
        ws = wb.create_sheet(title)
        head = []
        for c in t.columns:
            cell = WriteOnlyCell(ws, value=s.get(f"col_{c.key}", c.key))
            cell.font = bold
            head.append(cell)
        ws.append(head)
        rates = {i for i, c in enumerate(t.columns) if c.kind == "rate"}
        for r in t.rows:
            values = _cells(r, r.hidden(s, report.min_group), t, s)
            if rates and not r.suppressed:
                for i in rates:
                    cell = WriteOnlyCell(ws, value=cast(float, values[i]))
                    cell.number_format = "0.0%"
                    values[i] = cell
            ws.append(values)
    wb.properties.creator = "sbfa-pack"
    wb.properties.created = wb.properties.modified = _EPOCH
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        files = {n: z.read(n) for n in z.namelist()}
    # openpyxl stamps the save time into docProps/core.xml whatever we set: put the fixed date back.
    files["docProps/core.xml"] = _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", files["docProps/core.xml"])
    return zip_bytes(files)
