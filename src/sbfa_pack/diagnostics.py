"""Diagnostics: one problem found in an input, with its place, and the reporters that print them.

Every check in sbfa-pack (source loading, translations, package validation) reports problems as
:class:`Diagnostic` values collected in a :class:`Diagnostics` list, never by raising or printing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from typing import Literal

Severity = Literal["error", "warning", "note"]
_SEVERITY_ORDER = {"error": 0, "warning": 1, "note": 2}


@dataclass(frozen=True, slots=True)
class Location:
    """A place in an input: file (as shown to the user), 1-based line and column (0 = unknown)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line and self.column:
            return f"{self.file}:{self.line}:{self.column}"
        if self.line:
            return f"{self.file}:{self.line}"
        return self.file


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem: ``file:line:col: severity[code]: message``."""

    severity: Severity
    code: str
    message: str
    file: str
    line: int = 0
    column: int = 0

    @property
    def location(self) -> Location:
        return Location(self.file, self.line, self.column)

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}[{self.code}]: {self.message}"

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        return (self.file, self.line, self.column, _SEVERITY_ORDER[self.severity], self.code, self.message)


class Diagnostics:
    """An ordered collection of diagnostics that checks append to."""

    def __init__(self, items: Iterable[Diagnostic] = ()) -> None:
        self._items: list[Diagnostic] = list(items)

    def add(
        self,
        severity: Severity,
        code: str,
        message: str,
        loc: Location | str,
        line: int = 0,
        column: int = 0,
    ) -> Diagnostic:
        """Record a problem at ``loc`` (a Location, or a file name with line and column)."""
        if isinstance(loc, str):
            loc = Location(loc, line, column)
        d = Diagnostic(severity, code, message, loc.file, loc.line, loc.column)
        self._items.append(d)
        return d

    def error(self, code: str, message: str, loc: Location | str, line: int = 0, column: int = 0) -> Diagnostic:
        return self.add("error", code, message, loc, line, column)

    def warning(self, code: str, message: str, loc: Location | str, line: int = 0, column: int = 0) -> Diagnostic:
        return self.add("warning", code, message, loc, line, column)

    def note(self, code: str, message: str, loc: Location | str, line: int = 0, column: int = 0) -> Diagnostic:
        return self.add("note", code, message, loc, line, column)

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self._items.extend(other)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def sorted(self) -> list[Diagnostic]:
        """Unique diagnostics in file, line, column order."""
        return sorted(set(self._items), key=Diagnostic.sort_key)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self._items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self._items if d.severity == "warning"]

    def failed(self, *, strict: bool = False) -> bool:
        """True when the input must be rejected: any error, or any warning under ``--strict``."""
        return bool(self.errors) or (strict and bool(self.warnings))


# --- reporters -----------------------------------------------------------------------------

OutputFormat = Literal["text", "json", "junit", "github"]


def render(diags: Iterable[Diagnostic], fmt: OutputFormat = "text") -> str:
    """Render diagnostics for humans (text), tools (json), CI (junit, github annotations).

    Text from sources reaches messages and file names; every format gets it through
    :func:`printable`, so no terminal escape, NUL or undecodable file name is ever printed raw.
    """
    items = [_printable(d) for d in sorted(set(diags), key=Diagnostic.sort_key)]
    if fmt == "json":
        return json.dumps([asdict(d) for d in items], ensure_ascii=False, indent=2)
    if fmt == "github":
        lines = []
        for d in items:
            kind = {"error": "error", "warning": "warning", "note": "notice"}[d.severity]
            props = [f"file={_gh_prop(d.file)}"]
            if d.line:
                props.append(f"line={d.line}")
            if d.column:
                props.append(f"col={d.column}")
            props.append(f"title={_gh_prop(d.code)}")
            lines.append(f"::{kind} {','.join(props)}::{_gh_data(d.message)}")
        return "\n".join(lines)
    if fmt == "junit":
        return _junit(items)
    return "\n".join(str(d) for d in items)


# C0 and C1 controls and DEL, line and paragraph separators, bidirectional overrides (they reorder
# what a terminal shows), surrogates (an undecodable byte of a file name, which no UTF-8 output can
# carry) and the two non-characters XML refuses.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def _escape_char(m: re.Match[str]) -> str:
    code = ord(m.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with control characters, bidi overrides and undecodable bytes written as ``\\xNN`` escapes."""
    return _UNPRINTABLE.sub(_escape_char, text) if _UNPRINTABLE.search(text) else text


def _printable(d: Diagnostic) -> Diagnostic:
    return replace(d, file=printable(d.file), code=printable(d.code), message=printable(d.message))


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def _junit(items: list[Diagnostic]) -> str:
    # Imported here: xml.sax pulls in urllib and http, a quarter of the start-up of a no-op build.
    from xml.sax.saxutils import escape, quoteattr

    failures = [d for d in items if d.severity == "error"]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuite name="sbfa-pack" tests="{max(len(items), 1)}" failures="{len(failures)}">',
    ]
    if not items:
        out.append('  <testcase classname="sbfa-pack" name="no problems"/>')
    for d in items:
        name = quoteattr(f"{d.location} {d.code}")
        out.append(f"  <testcase classname={quoteattr(d.file)} name={name}>")
        if d.severity == "error":
            out.append(f"    <failure message={quoteattr(d.message)}>{escape(str(d))}</failure>")
        else:
            out.append(f"    <system-out>{escape(str(d))}</system-out>")
        out.append("  </testcase>")
    out.append("</testsuite>")
    return "\n".join(out)
