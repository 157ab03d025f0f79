"""Loading the project glossary (``glossary/*.yaml``) with located diagnostics.

Every entry's id is unique across the files (``glossary.duplicate-id``), its official terms are
for known host countries (``glossary.unknown-country``) and its ``see`` names existing entries
(``glossary.unknown-see``). A file with schema errors (reported) still gives the entries that
are valid on their own, so a single typo does not hide every term of the file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..diagnostics import Diagnostics
from ..model import COUNTRY_LANGUAGES, GlossaryEntry, GlossaryFile
from .checks import check_markdown
from .files import did_you_mean
from .schema import validate
from .sources import Source

Reader = Callable[[Path], "tuple[Any, Source] | None"]



@cache  # built on first use, as the loader's other validators
def _adapter(tp: Any) -> TypeAdapter[Any]:
    return TypeAdapter(tp)


def load_glossary(folder: Path, read: Reader, diags: Diagnostics,
                  broken: set[str]) -> tuple[dict[str, GlossaryEntry], dict[str, Source]]:
    """The entries of every ``*.yaml`` file of ``folder`` (file order), and the file of each;
    ids of entries that failed to load go to ``broken``."""
    entries: dict[str, GlossaryEntry] = {}
    sources: dict[str, Source] = {}
    index: dict[str, int] = {}
    files: list[tuple[GlossaryFile, Source]] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        got = read(path)
        if got is None:
            continue
        data, source = got
        loaded = validate(_adapter(GlossaryFile), data, source.positions, diags)
        if loaded:
            files.append((loaded, source))
        found = list(enumerate(loaded.glossary)) if loaded else _valid_entries(data, broken)
        for i, entry in found:
            if entry.id in entries:
                span = source.positions.value(("glossary", i, "id"))
                diags.error("glossary.duplicate-id",
                            f"glossary id '{entry.id}' is already used in {sources[entry.id].shown}",
                            source.shown, span.line, span.column)
                continue
            entries[entry.id] = entry
            sources[entry.id] = source
            index[entry.id] = i
    for gid, entry in entries.items():
        _check_entry(entry, sources[gid], index[gid], entries, broken, diags)
    for loaded, source in files:  # links and term marks in the explanations
        check_markdown(loaded, source, folder, diags, {}, {}, hashlib.sha256(), terms=entries.keys() | broken)
    return entries, sources


def _check_entry(entry: GlossaryEntry, source: Source, i: int, entries: dict[str, GlossaryEntry],
                 broken: set[str], diags: Diagnostics) -> None:
    for country in entry.official:
        if country not in COUNTRY_LANGUAGES:
            span = source.positions.key(("glossary", i, "official", country))
            diags.error("glossary.unknown-country",
                        f"'{country}' is not a host country of the programme (one of "
                        f"{', '.join(sorted(COUNTRY_LANGUAGES))}){did_you_mean(country, COUNTRY_LANGUAGES)}",
                        source.shown, span.line, span.column)
    for k, other in enumerate(entry.see):
        if other not in entries and other not in broken:
            span = source.positions.value(("glossary", i, "see", k))
            diags.error("glossary.unknown-see",
                        f"glossary entry '{other}' does not exist{did_you_mean(other, entries)}",
                        source.shown, span.line, span.column)


def _valid_entries(data: Any, broken: set[str]) -> list[tuple[int, GlossaryEntry]]:
    raw = data.get("glossary") if isinstance(data, dict) else None
    valid: list[tuple[int, GlossaryEntry]] = []
    for i, entry in enumerate(raw if isinstance(raw, list) else []):
        try:
            valid.append((i, _adapter(GlossaryEntry).validate_python(entry)))
        except ValidationError:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                broken.add(entry["id"])
    return valid
