"""What ``sbfa-pack links check`` last found for each link: a reader of its cache file.

The cache is ``links-checked.json`` at the project root, written by ``links check`` (issue 15):
``{"version": 1, "links": {"<url as written>": {"checked": "2026-12-03T17:00:00Z", "status": 200,
"final_url": "…", "seconds": 0.41, "result": "ok", "error": ""}}}``. The site only reads it: a
missing, unreadable or foreign file, or an entry without a usable date and result, reads as
"not checked yet", never as an error.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

CACHE_FILE = "links-checked.json"
RESULTS = ("ok", "redirected", "dead", "slow", "error")
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True)
class LinkState:
    """The last check of one URL: its day (``YYYY-MM-DD``) and result (one of :data:`RESULTS`)."""

    checked: str
    result: str


def read(root: Path) -> dict[str, LinkState]:
    """Every usable entry of the project's link-check cache, by URL as written in the sources."""
    try:
        doc = json.loads((root / CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    links = doc.get("links") if isinstance(doc, dict) and doc.get("version") == 1 else None
    if not isinstance(links, dict):
        return {}
    out: dict[str, LinkState] = {}
    for url, entry in links.items():
        if not isinstance(entry, dict):
            continue
        checked, result = entry.get("checked"), entry.get("result")
        day = _DATE.match(checked) if isinstance(checked, str) else None
        if day and result in RESULTS:
            out[str(url)] = LinkState(day.group(1), str(result))
    return out
