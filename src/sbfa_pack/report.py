"""How ``sbfa-pack build`` reports: diagnostics, then one line per package and a summary.

Standard library only: the no-op fast lane (:mod:`sbfa_pack.quick`) prints the same report as a
real build without importing click.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Diagnostics, render


def print_diagnostics(diags: list[Diagnostic], fmt: str) -> None:
    """Text goes to stderr (it is for people); json and junit to stdout (for tools)."""
    if diags or fmt in ("json", "junit"):
        print(render(diags, fmt), file=sys.stderr if fmt == "text" else sys.stdout)  # type: ignore[arg-type]


def report_build(out_dir: Path, packages: list[dict[str, Any]], skipped: int, diags: Diagnostics,
                 as_json: bool) -> None:
    if as_json:
        print_diagnostics(diags.sorted(), "json")
        return
    print_diagnostics(diags.sorted(), "text")
    for b in packages:
        extra = "".join(f", {k} {v}" for k, v in b["report"].items())
        print(f"{out_dir / b['file']}  ({b['size']:,} bytes{extra})")
    if packages:
        print(f"{len(packages) - skipped} built, {skipped} unchanged; index: {out_dir / 'index.json'}", file=sys.stderr)
