"""How ``sbfa-pack build`` reports: diagnostics, a summary (one line per package with ``-v``).

Standard library only at import: a no-op build prints the report the last build recorded
(:func:`recorded`) exactly as that build printed it, without importing the diagnostics machinery.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .diagnostics import Diagnostic, Diagnostics


def error_line(text: str) -> None:
    """One ``sbfa-pack: error:`` line on stderr; text that comes from sources (a path, a name) has
    its control characters escaped, as in every diagnostic (issue 19 item 9)."""
    from .diagnostics import printable

    print(f"sbfa-pack: error: {printable(text)}", file=sys.stderr)


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


def report_build(out_dir: Path, packages: list[dict[str, Any]], skipped: int, removed: list[str],
                 report: dict[str, Any], as_json: bool, verbose: bool = False, summary: bool = True) -> None:
    """Print a build's report: diagnostics (from :func:`recorded`), with ``verbose`` each package
    and each package removed, then one summary line (unless ``summary`` is false)."""
    if as_json:
        print(report["json"])
        return
    if report["text"]:
        print(report["text"], file=sys.stderr)
    if not summary:
        return
    if verbose:
        for b in packages:
            extra = "".join(f", {k} {v}" for k, v in b["report"].items())
            print(f"{out_dir / b['file']}  ({b['size']:,} bytes{extra})")
        for name in removed:
            print(f"removed {out_dir / name} (no longer built)")
    gone = f", {len(removed)} removed (no longer built)" if removed else ""
    size = sum(int(b["size"]) for b in packages)
    print(f"{len(packages) - skipped} built, {skipped} unchanged{gone}: {len(packages)} package(s), "
          f"{_size(size)}; index: {out_dir / 'index.json'}", file=sys.stderr)


def nothing_written(out_dir: Path, why: str) -> str:
    """The last line of a build that failed: it changed nothing in the output folder."""
    return f"{why}: nothing was written to {out_dir} (the last build there is unchanged)"


def _size(n: int) -> str:
    if n < 1000:
        return f"{n} bytes"
    return f"{n / 1000:.1f} KB" if n < 1_000_000 else f"{n / 1_000_000:.1f} MB"
