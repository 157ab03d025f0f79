"""How ``sbfa-pack build`` reports: diagnostics, then one line per package and a summary.

Standard library only at import: the no-op fast lane (:mod:`sbfa_pack.quick`) prints the report a
build recorded (:func:`recorded`) exactly as that build printed it, without importing click or
the diagnostics machinery.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .diagnostics import Diagnostic, Diagnostics


def print_diagnostics(diags: list[Diagnostic], fmt: str) -> None:
    """Text goes to stderr (it is for people); json and junit to stdout (for tools)."""
    from .diagnostics import render

    if diags or fmt in ("json", "junit"):
        print(render(diags, fmt), file=sys.stderr if fmt == "text" else sys.stdout)  # type: ignore[arg-type]


def recorded(diags: Diagnostics) -> dict[str, Any]:
    """A build's diagnostics as its report prints them (text and JSON), and whether they fail it."""
    from .diagnostics import render

    items = diags.sorted()
    return {"text": render(items, "text") if items else "", "json": render(items, "json"),
            "failed": diags.failed(), "failed_strict": diags.failed(strict=True)}


def failed(report: dict[str, Any], strict: bool) -> bool:
    """Whether a recorded report (:func:`recorded`) fails the command (warnings too with ``--strict``)."""
    return bool(report["failed_strict" if strict else "failed"])


def report_build(out_dir: Path, packages: list[dict[str, Any]], skipped: int, report: dict[str, Any],
                 as_json: bool) -> None:
    """Print a build's report: diagnostics (from :func:`recorded`), the packages, a summary."""
    if as_json:
        print(report["json"])
        return
    if report["text"]:
        print(report["text"], file=sys.stderr)
    for b in packages:
        extra = "".join(f", {k} {v}" for k, v in b["report"].items())
        print(f"{out_dir / b['file']}  ({b['size']:,} bytes{extra})")
    if packages:
        print(f"{len(packages) - skipped} built, {skipped} unchanged; index: {out_dir / 'index.json'}", file=sys.stderr)
