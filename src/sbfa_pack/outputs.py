"""What ``dist/`` holds besides the packages, and how a build's packages are committed there.

The cache (``.sbfa-build.json``) records, for every package of the project in ``dist/``, the key
of its inputs and its line of ``index.json``: it says which packages are unchanged and which
files are ours. A build commits its staged packages with a new cache, index and no-op record
as one transaction (:mod:`sbfa_pack.commit`), removing the packages of earlier builds that it
no longer produces within its scope; a file that no build recorded is never touched.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from . import __version__, commit, noop
from .work import MULTILINGUAL, Built, Context, Job

CACHE_FILE = ".sbfa-build.json"
INDEX_FILE = "index.json"
_CACHE_VERSION = 2
_INDEX_KEYS = ("kind", "id", "title", "version", "language", "format", "file", "size", "sha256", "report")


def scope(only: set[str] | None, languages: list[str] | None,
           formats: list[str] | None) -> Callable[[str], bool] | None:
    """Whether a package (by its slot) is within what this build was asked for; None: everything."""
    if only is None and languages is None and formats is None:
        return None

    def within(slot: str) -> bool:
        unit, variant, fmt = [*slot.split("|"), "", ""][:3]
        return ((only is None or unit.partition(":")[2] in only)
                and (languages is None or variant in languages or variant == MULTILINGUAL)
                and (formats is None or fmt in formats))

    return within


def commit_build(ctx: Context, todo: list[Job], result: dict[str, tuple[Built, str | None]],
            cache: dict[str, Any], scope: Callable[[str], bool] | None, record: bytes) -> list[str]:
    """Stage the index, cache and no-op record beside the staged packages, then commit them all
    at once; the names of the packages of earlier builds removed: those within this build's
    scope that it no longer produces (under that name)."""
    out_dir, tag = ctx.out_dir, ctx.tag
    new: dict[str, Any] = {}
    ours: set[str] = set() if scope else _indexed(out_dir / INDEX_FILE)
    for slot, entry in cache.items():
        b = _built_of(entry)
        if b is None:
            continue
        if scope is None or scope(slot):
            ours.add(b.file)
        elif still_there(b, out_dir):  # outside a narrowed build: kept, and listed
            new[slot] = entry
    new.update({j.slot: {"key": j.key, "built": asdict(result[j.slot][0])} for j in todo})
    files = {entry["built"]["file"] for entry in new.values()}
    removed = sorted(name for name in ours - files if _package_name(name) and (out_dir / name).is_file())
    moves = [(temp, b.file) for b, temp in result.values() if temp]
    index = [Built(**e["built"]) for e in new.values()]
    cache_doc = {"version": _CACHE_VERSION, "packages": new}
    for name, data in ((CACHE_FILE, json.dumps(cache_doc, sort_keys=True, indent=1).encode()),
                       (noop.RECORD, record), (INDEX_FILE, _index(index))):
        moves.append((commit.staged(out_dir, name, data, tag), name))  # the index last
    commit.commit(out_dir, tag, moves, removed)
    return removed


def _package_name(name: str) -> bool:
    return name.endswith(".zip") and "/" not in name and "\\" not in name and not name.startswith(".")


def _indexed(path: Path) -> set[str]:
    """The files the previous index.json listed (ours, even when the cache is gone)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        return {p["file"] for p in doc["packages"] if isinstance(p.get("file"), str)}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return set()


def cached(cache: dict[str, Any], job: Job) -> Built | None:
    entry = cache.get(job.slot)
    if not isinstance(entry, dict) or entry.get("key") != job.key:
        return None
    return _built_of(entry)


def _built_of(entry: object) -> Built | None:
    try:
        return Built(**entry["built"]) if isinstance(entry, dict) else None
    except (TypeError, KeyError):
        return None


def still_there(built: Built, out_dir: Path) -> bool:
    """The package is still in dist/ as it was written (a cheap size check)."""
    try:
        return (out_dir / built.file).stat().st_size == built.size
    except OSError:
        return False


def read_cache(out_dir: Path) -> dict[str, Any]:
    """The cache of the builds into ``out_dir`` (empty when missing, unreadable or of another version)."""
    path = out_dir / CACHE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != _CACHE_VERSION or not isinstance(data.get("packages"),
                                                                                            dict):
        return {}
    packages: dict[str, Any] = data["packages"]
    return packages


def _index(built: list[Built]) -> bytes:
    """index.json: the packages, sorted by file name."""
    entries = [{k: asdict(b)[k] for k in _INDEX_KEYS} for b in sorted(built, key=lambda b: b.file)]
    doc = {"generator": f"sbfa-pack {__version__}", "packages": entries}
    return (json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
