"""The no-op fast path: nothing changed since the last build, so nothing is loaded.

After a build without errors, the build records the size and modification time of every source
file it could have read (the project file, courses/, toolkit/, resources/, locales/, theme files,
shipped schema files), the request (formats, languages, selection, options, tool version and the
environment variables that change output) and what it reported. The next build with the same
request first compares that record with the files on disk (a few milliseconds of ``stat``): when
nothing differs and every package is still in place, it replays the report instead of loading and
checking the whole project. Standard library only, so the check runs before anything heavy is
imported. Any difference, or any doubt, means a normal build.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from . import __version__
from .paths import PROJECT_FILE, walk_inside

RECORD = ".sbfa-inputs.json"
_WATCHED = (PROJECT_FILE, "courses", "toolkit", "resources", "locales")
_JOURNAL = ".sbfa-commit.json"
"""The commit journal (:data:`sbfa_pack.commit.JOURNAL`; named here to keep this module light)."""
_ENV = ("SBFA_SCORM_SCHEMAS", "SBFA_TRANSLATIONS", "SOURCE_DATE_EPOCH")


def request(root: Path, out_dir: Path, formats: list[str] | None, languages: list[str] | None,
            only: set[str] | None, options: dict[str, str] | None) -> dict[str, Any]:
    """Everything besides the source files that decides what a build writes."""
    return {"version": __version__, "root": str(root.resolve()), "out": str(out_dir.resolve()),
            "formats": formats, "languages": languages, "only": sorted(only) if only else None,
            "options": dict(sorted((options or {}).items())), "env": {k: os.environ.get(k) for k in _ENV}}


def snapshot(root: Path, extra: list[str]) -> dict[str, list[int]]:
    """(mtime in ns, size) of every file a build of ``root`` may read, and of their folders."""
    out: dict[str, list[int]] = {}
    for name in (*_WATCHED, *extra):
        top = root / name
        if not top.exists():
            continue
        if top.is_file():
            st = top.stat()
            out[name] = [st.st_mtime_ns, st.st_size]
            continue
        for folder, _dirs, files in walk_inside(top, root):  # never out of the project (a link to /)
            rel = Path(os.path.relpath(folder, root)).as_posix()
            out[rel + "/"] = [Path(folder).stat().st_mtime_ns, len(files)]
            for f in sorted(files):
                try:
                    st = os.stat(os.path.join(folder, f))
                except OSError:  # a broken link or a loop: the load reports it
                    out[f"{rel}/{f}"] = [-1, -1]
                    continue
                out[f"{rel}/{f}"] = [st.st_mtime_ns, st.st_size]
    return out


def encode(req: dict[str, Any], inputs: dict[str, list[int]], extra: list[str], packages: list[dict[str, Any]],
           report: dict[str, Any]) -> bytes:
    """The record of a successful build (``inputs`` taken before it started reading) and its report
    (see :func:`sbfa_pack.report.recorded`); the build commits it with its packages."""
    doc = {"request": req, "extra": extra, "inputs": inputs, "packages": packages, "report": report}
    return json.dumps(doc, sort_keys=True).encode()


def forget(out_dir: Path) -> None:
    """Drop the record (a build with errors, or an interrupted one, must not be replayed)."""
    with contextlib.suppress(OSError):
        (out_dir / RECORD).unlink()


def replay(root: Path, out_dir: Path, req: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, Any]] | None:
    """The packages and report of the last build when nothing changed since; else None."""
    try:
        if os.path.lexists(out_dir / _JOURNAL):  # a commit to complete first: a real build does it
            return None
        doc = json.loads((out_dir / RECORD).read_text())
        if doc["request"] != req:
            return None
        packages: list[dict[str, Any]] = doc["packages"]
        for p in packages:
            if (out_dir / p["file"]).stat().st_size != p["size"]:
                return None
        if snapshot(root, list(doc["extra"])) != doc["inputs"]:
            return None
        report: dict[str, Any] = doc["report"]
        return packages, report
    except (OSError, ValueError, KeyError, TypeError):
        return None
