"""What ``sbfa-pack test`` plays: the packages named by the command line, with their plans when ours.

A PATH is a project (every package its ``dist/index.json`` lists), a dist folder (its index.json),
or zips from any tool. A zip listed in the index beside it is ours: its course model gives the
answers. Any other zip is foreign: its manifest (read by the validator's reader) gives the
standard and the launch file, and only the checks that need no model run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostics
from ..errors import UsageError
from ..outputs import INDEX_FILE
from ..paths import PROJECT_FILE, find_root
from .plan import Plan, plan_for

STANDARDS = {"SCORM 1.2": "scorm12", "SCORM 2004": "scorm2004", "Tin Can (xAPI)": "xapi", "cmi5": "cmi5"}


@dataclass(frozen=True)
class Target:
    """One package to play."""

    zip: Path
    format: str  # scorm12, scorm2004, xapi, cmi5, or "" when unknown
    launch: str
    language: str = ""
    plan: Plan | None = None
    mastery: str | None = None
    problem: str | None = None  # why it cannot be played (unreadable, no manifest)
    scos: tuple[str, ...] = ()  # the launch files of every SCO, when the package has several

    @property
    def name(self) -> str:
        return self.zip.name


def resolve(paths: list[Path], formats: list[str], languages: list[str], project: Path | None = None) -> list[Target]:
    """The packages the PATHs name, filtered by format and language, in a stable order; the
    project they were built from is ``project``, else the nearest folder above with an sbfa.yaml."""
    found: list[Target] = []
    for path in paths or [Path(".")]:
        if path.is_file() and path.suffix.lower() == ".zip":
            index = path.parent / INDEX_FILE
            entry = _entry(index, path.name) if index.is_file() else None
            found.append(_target(path, entry, (project or find_root(path.parent)) if entry else None))
        elif path.is_dir():
            index = path / INDEX_FILE if (path / INDEX_FILE).is_file() else path / "dist" / INDEX_FILE
            if not index.is_file():
                hint = "run `sbfa-pack build` first" if (path / PROJECT_FILE).exists() else "give zips or a dist folder"
                raise UsageError(message=f"{path}: no {INDEX_FILE} there or in its dist/ folder ({hint})")
            root = project or find_root(index.parent)
            found += [_target(index.parent / e["file"], e, root) for e in _entries(index)]
        else:
            raise UsageError(message=f"{path}: not a project, a dist folder or a .zip package")
    keep = [t for t in found if (not formats or t.format in formats)
            and (not languages or not t.language or t.language in languages)]
    return _with_plans(sorted(keep, key=lambda t: str(t.zip)))


def _entries(index: Path) -> list[dict[str, Any]]:
    try:
        doc = json.loads(index.read_text(encoding="utf-8"))
        return [p for p in doc["packages"] if isinstance(p, dict) and isinstance(p.get("file"), str)]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(message=f"{index}: not a readable index of packages ({exc})") from exc


def _entry(index: Path, name: str) -> dict[str, Any] | None:
    try:
        return next((e for e in _entries(index) if e["file"] == name), None)
    except UsageError:
        return None


def _target(path: Path, entry: dict[str, Any] | None, root: Path | None) -> Target:
    from ..validate.check import check_manifests
    from ..validate.container import open_package

    if not path.is_file():
        return Target(path, entry["format"] if entry else "", "", problem=f"{path.name}: listed in "
                      f"{INDEX_FILE} but not there (build again)")
    diags = Diagnostics()
    pkg = open_package(path, diags)
    if pkg is None:
        return Target(path, entry["format"] if entry else "", "", problem=f"{path.name}: the package cannot be read")
    try:
        facts, _ = check_manifests(pkg, diags, None)
    finally:
        pkg.close()
    if not facts or not facts[0].launch:
        return Target(path, entry["format"] if entry else "", "",
                      problem=f"{path.name}: no manifest with a launch file was found")
    fmt = entry["format"] if entry else STANDARDS.get(facts[0].standard, "")
    lang = str(entry.get("language", "")) if entry else ""
    unit_key = (str(root), entry["kind"], entry["id"], lang) if entry and root else None
    scos = tuple(u.launch for u in facts[0].units if u.kind == "sco" and u.launch)
    return Target(path, fmt, facts[0].launch, lang, mastery=facts[0].mastery, scos=scos if len(scos) > 1 else (),
                  plan=None if unit_key is None else _Pending(*unit_key))  # type: ignore[arg-type]


@dataclass(frozen=True)
class _Pending:
    """A plan still to make (projects are loaded once for all their packages)."""

    root: str
    kind: str
    id: str
    language: str


def _with_plans(targets: list[Target]) -> list[Target]:
    loaded: dict[str, dict[tuple[str, str], Any]] = {}
    out = []
    for t in targets:
        p = t.plan
        if not isinstance(p, _Pending):
            out.append(t)
            continue
        if p.root not in loaded:
            loaded[p.root] = _units(Path(p.root))
        unit = loaded[p.root].get((p.kind, p.id))
        out.append(replace(t, plan=None if unit is None else _localised_plan(unit, p.language)))
    return out


def _units(root: Path) -> dict[tuple[str, str], Any]:
    from ..load import load_project
    from ..work import units

    diags = Diagnostics()
    lp = load_project(root, diags)
    if lp is None or diags.errors:
        return {}
    return {(u.kind, u.id): u for u in units(lp)}


def _localised_plan(unit: Any, language: str) -> Plan:
    from ..work import localiser

    if language and language not in ("mul", unit.language):
        unit = localiser()(replace(unit, language=language), language)
    return plan_for(unit)
