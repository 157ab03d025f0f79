"""What ``sbfa-pack links check`` last found for each link: a reader of its cache file.

The cache is ``links-checked.json`` at the project root, written by ``links check`` (issue 15):
``{"version": 1, "links": {"<url as written>": {"checked": "2026-12-03T17:00:00Z", "status": 200,
"final_url": "…", "seconds": 0.41, "result": "ok", "error": ""}}}``. The site only reads it, through
``links.cache.load``: a missing, unreadable or foreign file, or an entry without a usable date and
result, reads as "not checked yet", never as an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostics
from ..links.cache import CACHE_FILE, load

_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")

__all__ = ["CACHE_FILE", "LinkState", "read"]


@dataclass(frozen=True)
class LinkState:
    """The last check of one URL: its day (``YYYY-MM-DD``) and result (``ok``, ``redirected``, ``dead``,
    ``slow`` or ``error``)."""

    checked: str
    result: str


def read(root: Path) -> dict[str, LinkState]:
    """Every usable entry of the project's link-check cache, by URL as written in the sources. The
    file is read by the one reader ``links check`` uses; what it cannot use reads as "not checked
    yet" here (``links check`` reports it)."""
    results = load(root / CACHE_FILE, CACHE_FILE, Diagnostics())
    out: dict[str, LinkState] = {}
    for url, r in results.items():
        day = _DATE.match(r.checked)
        if day:
            out[url] = LinkState(day.group(1), r.result)
    return out
