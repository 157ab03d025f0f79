"""Moodle's exports as rows of text, whatever their format (issue 14 §2, ``report import``).

- ``.txt`` / ``.csv``: Moodle's "text format" (tab-separated UTF-8), the gradebook's CSV
  (comma), the completion report's "Excel-compatible" CSV (tab-separated UTF-16 with a BOM):
  the encoding comes from the BOM, the separator from the header line.
- ``.xlsx``: openpyxl, read-only (streams rows); an entity bomb trips expat's own amplification
  limit (expat >= 2.4, in every Python the project supports) and the file is refused.
- ``.ods``: ``content.xml`` parsed with lxml, which the project already depends on: odfpy would
  add a dependency (and is several times slower) for what is forty lines here. Entities and
  network access are off; repeated empty cells and rows are not expanded.

Numbers become the text a person reads in the file: ``100``, ``88.88``, ``3600`` (a float
with an integral value is written without ``.0``), so the three formats of one report give the
same rows.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

MAX_CELL_REPEAT = 1024
"""Non-empty repeated cells or rows expanded at most this many times (a spreadsheet can declare
a million; Moodle's exports repeat nothing)."""

_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_X = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


class SheetError(ValueError):
    """The file cannot be read as a spreadsheet of this kind (the message says why); ``row`` is
    the 1-based row at fault (the header is row 1), 0 for the whole file."""

    def __init__(self, message: str, row: int = 0) -> None:
        super().__init__(message)
        self.row = row


def text(value: Any) -> str:
    """A cell's value as the text a reader sees."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value).strip()


def rows(path: Path) -> list[list[str]]:
    """Every row of the file's first sheet, trailing empty cells and rows dropped."""
    suffix = path.suffix.lower()
    if path.is_dir():
        raise SheetError("is a folder, not a Moodle export")
    if suffix == ".xlsx":
        got = list(_xlsx(path))
    elif suffix == ".ods":
        got = list(_ods(path))
    elif suffix in (".txt", ".csv", ".tsv"):
        got = list(_delimited(path))
    else:
        raise SheetError(f"'{suffix}' files are not Moodle exports (expected .txt, .csv, .ods or .xlsx)")
    out = [_trim(r) for r in got]
    while out and not any(out[-1]):
        out.pop()
    return out


def _trim(row: list[str]) -> list[str]:
    while row and not row[-1]:
        row.pop()
    return row


def _delimited(path: Path) -> Iterator[list[str]]:
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        content = data.decode("utf-16")
    else:
        try:
            content = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SheetError(f"not UTF-8 text (byte {exc.start}); export the report again as Moodle writes it"
                             ) from None
    first = content.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first else ";" if first.count(";") > first.count(",") else ","
    for row in csv.reader(io.StringIO(content, newline=""), delimiter=delimiter):
        yield [c.strip() for c in row]


def _xlsx(path: Path) -> list[list[str]]:
    import openpyxl  # only when an .xlsx is read

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0] if book.worksheets else None
            return [[text(v) for v in row] for row in sheet.iter_rows(values_only=True)] if sheet else []
        finally:
            book.close()
    except Exception as exc:  # whatever a hostile workbook makes openpyxl raise (a ParseError
        # when expat's entity-amplification limit trips, KeyError for a missing part...): not readable
        raise SheetError(f"not a readable .xlsx workbook ({type(exc).__name__})") from None


def _ods(path: Path) -> Iterator[list[str]]:
    try:
        with zipfile.ZipFile(path) as z:
            data = z.read("content.xml")
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise SheetError(f"not a readable .ods spreadsheet ({type(exc).__name__})") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise SheetError(f"its content.xml is not well-formed XML ({exc})") from None
    table = next(root.iter(f"{_T}table"), None)
    if table is None:
        return
    pending = 0  # empty rows seen and not yet written: only written when a row with content follows
    for row in table.iter(f"{_T}table-row"):
        cells = _ods_cells(row)
        repeat = _repeat(row, "number-rows-repeated")
        if not any(cells):
            pending += repeat
            continue
        yield from ([] for _ in range(min(pending, MAX_CELL_REPEAT)))
        pending = 0
        for _ in range(min(repeat, MAX_CELL_REPEAT)):
            yield list(cells)


def _repeat(el: Any, attr: str) -> int:
    try:
        return max(1, int(el.get(f"{_T}{attr}", "1")))
    except ValueError:
        return 1


def _ods_cells(row: Any) -> list[str]:
    out: list[str] = []
    pending = 0
    for cell in row:
        if cell.tag not in (f"{_T}table-cell", f"{_T}covered-table-cell"):
            continue
        value = _ods_value(cell)
        repeat = _repeat(cell, "number-columns-repeated")
        if not value:
            pending += repeat
            continue
        out.extend([""] * min(pending, MAX_CELL_REPEAT))
        pending = 0
        out.extend([value] * min(repeat, MAX_CELL_REPEAT))
    return out


def _ods_value(cell: Any) -> str:
    if cell.get(f"{_O}value-type") in ("float", "percentage", "currency") and cell.get(f"{_O}value") is not None:
        try:
            return text(float(cell.get(f"{_O}value")))
        except ValueError:
            pass
    return "\n".join(_para(p) for p in cell.iter(f"{_X}p")).strip()


def _para(p: Any) -> str:
    parts = [p.text or ""]
    for child in p:
        if child.tag == f"{_X}s":
            parts.append(" " * _int(child.get(f"{_X}c", "1")))
        elif child.tag == f"{_X}tab":
            parts.append("\t")
        elif child.tag == f"{_X}line-break":
            parts.append("\n")
        else:
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def _int(value: str) -> int:
    try:
        return min(max(1, int(value)), 1000)
    except ValueError:
        return 1
