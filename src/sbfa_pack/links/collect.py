"""Every external URL of a loaded project, with the places (file:line:col) where it is written.

URLs come from the loaded model, never from re-reading files: ``url`` fields (resource-bank
entries, inline resources, checklist steps, authors), glossary entries' ``source``, and links in
any text (Markdown links, autolinks and raw ``<a href>``), placed with the loader's positions as
its own checks place them.
"""

from __future__ import annotations

from typing import Any

from ..diagnostics import Location
from ..load import LoadedProject, Source
from ..load.checks import place_in_file, walk
from ..markdown import as_written, references

_WEB = ("http://", "https://")


def collect(lp: LoadedProject) -> dict[str, list[Location]]:
    """URL (as written) → its places in the project, in file, line and column order."""
    found: dict[str, set[Location]] = {}
    if lp.source is not None:
        _scan(lp.project, (), lp.source, {}, found)
    seen: dict[str, int] = {}
    for rid, res in lp.resources.items():  # entries in file order, as the i18n catalogs count them
        src = lp.resource_sources[rid]
        index = seen[src.shown] = seen.get(src.shown, -1) + 1
        _scan(res, ("resources", index), src, {}, found)
    seen = {}
    for gid, entry in lp.glossary.items():  # a glossary entry's source: an official page
        src = lp.glossary_sources[gid]
        index = seen[src.shown] = seen.get(src.shown, -1) + 1
        _scan(entry, ("glossary", index), src, {}, found)
    for le in lp.exercises.values():
        _scan(le.exercise, (), le.source, {}, found)
    for lc in lp.courses.values():
        _scan(lc.course, (), lc.source, lc.body_files, found)
    return {url: sorted(places, key=_order) for url, places in sorted(found.items())}


def _order(loc: Location) -> tuple[str, int, int]:
    return loc.file, loc.line, loc.column


def _scan(obj: Any, prefix: tuple[str | int, ...], src: Source, body_files: dict[tuple[str | int, ...], str],
          found: dict[str, set[Location]]) -> None:
    for path, value in walk(obj, prefix):
        if not isinstance(value, str) or not path:
            continue
        if path[-1] == "url" or (path[-1] == "source" and path[0] == "glossary"):
            url = value.strip()
            if url.startswith(_WEB):
                span = src.positions.value(path)
                found.setdefault(url, set()).add(Location(src.shown, span.line, span.column + span.quoted))
            continue
        if "http" not in value:  # no web address in this text: skip the parse (most text)
            continue
        shown = body_files.get(path)
        span = src.positions.value(path)
        for ref in references(value):
            target = ref.target.strip()
            if ref.kind == "link" and target.startswith(_WEB):
                written = as_written(target)  # the key is the address as written, when it is there
                line, column = place_in_file(ref, span, from_file=bool(shown))
                url = written if written != target and written in value else target
                found.setdefault(url, set()).add(Location(shown or src.shown, line, column))
