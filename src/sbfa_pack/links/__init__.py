"""Link health: every external URL of the project checked, cached in ``links-checked.json``, and
dead, redirected, slow or uncheckable links reported at the places they are written.

The order is fixed: load the project (sources with errors: reported, nothing checked, the cache
untouched); collect the URLs; check those the cache does not hold fresh enough; then, only when
the machine could reach the network, write the cache (atomically) and report. Offline, the
checker raises :class:`Offline` before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..diagnostics import Diagnostics, Location
from .cache import CACHE_FILE
from .check import Checker, Offline, Result, Settings

__all__ = ["CACHE_FILE", "OFFLINE_EXIT", "Checker", "Offline", "Report", "Result", "Settings", "check_links"]

OFFLINE_EXIT = 3
"""The exit code of ``links check`` when the machine is offline (distinct from 1, dead links)."""


@dataclass(frozen=True)
class Report:
    """What a check found: diagnostics, every URL's result, and how many were checked just now."""

    diagnostics: Diagnostics
    results: dict[str, Result]
    checked_now: int = 0

    def summary(self) -> str:
        counts = {v: 0 for v in ("ok", "redirected", "dead", "slow", "error")}
        for r in self.results.values():
            counts[r.result] += 1
        reused = len(self.results) - self.checked_now
        return (f"{len(self.results)} link(s): {counts['ok']} ok, {counts['redirected']} redirected, "
                f"{counts['dead']} dead, {counts['slow']} slow, {counts['error']} could not be checked "
                f"({self.checked_now} checked now, {reused} from {CACHE_FILE})")


def check_links(root: Path, settings: Settings, *, max_age_days: float = 0.0,
                checker: Checker | None = None) -> Report:
    """Check the links of the project in ``root``; raises :class:`Offline` (nothing written)."""
    from ..load import load_project
    from . import cache
    from .collect import collect

    diags = Diagnostics()
    loaded = Diagnostics()
    lp = load_project(root, loaded)
    if lp is None or loaded.errors:  # a source that did not load hides its links: check nothing
        diags.extend(loaded.errors)
        return Report(diags, {})
    places = collect(lp)
    path = root / CACHE_FILE
    old = cache.load(path, CACHE_FILE, diags)
    now = datetime.now(UTC)
    results = {u: old[u] for u in places if u in old and cache.fresh(old[u], max_age_days, now)}
    todo = [u for u in places if u not in results]
    if todo:
        results.update((checker or Checker(settings)).run(todo))
    results = dict(sorted(results.items()))
    text = cache.dumps(results)
    if not path.is_file() or path.read_bytes() != text.encode("utf-8"):
        cache.save(path, results)
    for url, spots in places.items():
        _report(url, results[url], spots, settings, diags)
    return Report(diags, results, len(todo))


def _report(url: str, r: Result, spots: list[Location], settings: Settings, diags: Diagnostics) -> None:
    for at in spots:
        if r.result == "dead":
            diags.warning("link.dead", f"dead link {url} ({r.error})", at)
        elif r.result == "redirected":
            diags.warning("link.redirected", f"{url} has moved permanently to {r.final_url}: write the new "
                          "address", at)
        elif r.result == "slow":
            diags.note("link.slow", f"{url} took {r.seconds:.1f} s to answer (slow: over {settings.slow:g} s)", at)
        elif r.result == "error":
            diags.note("link.unchecked", f"{url} could not be checked: {r.error}", at)
