"""``links-checked.json``: the last check of every URL of the project, committed with it.

The site (``sbfa-pack site``) reads it to show "last checked" per resource. The format is a
contract: ``{"version": 1, "links": {URL: {"checked", "status", "final_url", "seconds", "result",
"error"}}}``, keys sorted, two-space indent, a final newline; written atomically.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, get_args

from ..diagnostics import Diagnostics
from ..packaging import write_atomic
from .check import Result, Verdict

CACHE_FILE = "links-checked.json"
VERSION = 1


def load(path: Path, shown: str, diags: Diagnostics) -> dict[str, Result]:
    """The cached results; a file that cannot be used is reported (a warning) and counts as empty."""
    if path.is_symlink():  # a project reads only its own files (docs/security.md)
        diags.warning("link.cache", "the link cache is a symbolic link: it is not read, and a file replaces it",
                      shown, 1, 1)
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeError, ValueError) as exc:
        diags.warning("link.cache", f"cannot read the link cache ({type(exc).__name__}); every link is checked "
                      "again and the file rewritten", shown, 1, 1)
        return {}
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("links"), dict):
        diags.warning("link.cache", f"not a version {VERSION} link cache; every link is checked again and the "
                      "file rewritten", shown, 1, 1)
        return {}
    out: dict[str, Result] = {}
    for url, entry in data["links"].items():
        result = _entry(entry)
        if result is not None:
            out[url] = result
    return out


def _entry(entry: Any) -> Result | None:
    if not isinstance(entry, dict) or entry.get("result") not in get_args(Verdict):
        return None
    status, seconds = entry.get("status"), entry.get("seconds")
    checked, final_url, error = entry.get("checked"), entry.get("final_url"), entry.get("error", "")
    if not (isinstance(checked, str) and isinstance(final_url, str) and isinstance(error, str)) \
            or not isinstance(seconds, int | float) \
            or not (status is None or (isinstance(status, int) and not isinstance(status, bool))):
        return None
    return Result(checked, status, final_url, float(seconds), entry["result"], error)


def fresh(result: Result, max_age_days: float, now: datetime) -> bool:
    """True when ``result`` was checked less than ``max_age_days`` before ``now``."""
    if max_age_days <= 0:
        return False
    try:
        when = datetime.strptime(result.checked, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return False
    return now - timedelta(days=max_age_days) < when <= now


def dumps(results: dict[str, Result]) -> str:
    """The file's text: deterministic for the same results."""
    data = {"version": VERSION, "links": {url: r.to_json() for url, r in results.items()}}
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def save(path: Path, results: dict[str, Result]) -> None:
    """Write the cache atomically (a temporary file beside it, then a rename)."""
    write_atomic(path, dumps(results).encode("utf-8"))
