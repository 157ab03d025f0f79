"""The build, top to bottom: load and check everything, plan the packages, write what changed.

All reading and checking finishes before anything is written. Packages are independent jobs
(course × language × format) run on every core; a job whose inputs have not changed since the
last build is skipped (its key is kept in ``dist/.sbfa-build.json``).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from . import __version__, builders
from .diagnostics import Diagnostics
from .errors import UsageError
from .load import LoadedProject, load_project
from .packaging import write_atomic, zip_bytes_to
from .unit import Unit, exercise_course

CACHE_FILE = ".sbfa-build.json"


@dataclass(frozen=True)
class Job:
    unit: Unit
    format: str
    key: str
    out: Path

    @property
    def name(self) -> str:
        return self.out.name


@dataclass(frozen=True)
class Built:
    """One line of dist/index.json."""

    kind: str
    id: str
    title: str
    version: str
    language: str
    format: str
    file: str
    size: int
    sha256: str
    report: dict[str, object]


Localiser = Callable[[Unit, str], Unit]


def _identity(unit: Unit, lang: str) -> Unit:
    return unit


def localiser() -> Localiser:
    """The translation step (i18n) when it is available: unit in source language → unit in ``lang``."""
    try:
        from .i18n.localise import localise
    except ModuleNotFoundError:
        return _identity
    return localise  # type: ignore[no-any-return]


def units(lp: LoadedProject, only: set[str] | None = None) -> list[Unit]:
    """Source-language units: every course, and every toolkit exercise packaged on its own."""
    project = lp.project
    out: list[Unit] = []
    for cid, lc in sorted(lp.courses.items()):
        if only and cid not in only:
            continue
        used = {les.exercise for _, les in lc.course.lessons() if les.kind == "exercise"}  # type: ignore[union-attr]
        assets = dict(lc.assets)
        for ex_id in sorted(used & lp.exercises.keys()):
            assets.update(lp.exercises[ex_id].assets)
        out.append(Unit("course", lc.course, project.source_language, project,
                        {e: lp.exercises[e].exercise for e in sorted(used & lp.exercises.keys())},
                        dict(lp.resources), assets, project.source_language))
    for eid, le in sorted(lp.exercises.items()):
        if only and eid not in only:
            continue
        out.append(Unit("exercise", exercise_course(le.exercise), project.source_language, project,
                        {eid: le.exercise}, {}, dict(le.assets), project.source_language))
    return out


def _digest(lp: LoadedProject, unit: Unit) -> str:
    """A hash of every input of a unit, for skipping unchanged packages."""
    h = hashlib.sha256(__version__.encode())
    if lp.source:
        h.update(lp.source.digest.encode())
    if unit.kind == "course":
        h.update(lp.courses[unit.id].digest.encode())
    for eid in unit.exercises:
        h.update(lp.exercises[eid].digest.encode())
    for src in sorted({s.digest for s in lp.resource_sources.values()}):
        h.update(src.encode())
    for po in sorted((lp.root / "locales").rglob("*.po")) if (lp.root / "locales").is_dir() else []:
        h.update(po.as_posix().encode() + po.read_bytes())
    return h.hexdigest()


def plan(lp: LoadedProject, out_dir: Path, formats: Iterable[str], languages: Iterable[str],
         only: set[str] | None = None) -> list[Job]:
    jobs: list[Job] = []
    formats = list(formats)
    for fmt in formats:
        if fmt not in builders.names():
            raise UsageError(message=f"unknown format '{fmt}' (known: {', '.join(builders.names())})")
    for unit in units(lp, only):
        base = _digest(lp, unit)
        for lang in languages:
            for fmt in formats:
                localised = Unit(**{**unit.__dict__, "language": lang})
                name = builders.get(fmt)().package_name(localised)
                key = hashlib.sha256(f"{base}|{lang}|{fmt}".encode()).hexdigest()
                jobs.append(Job(localised, fmt, key, out_dir / name))
    return jobs


def run_job(job: Job) -> Built:
    """Build one package (in a worker process): localise, render, zip atomically."""
    unit = localiser()(job.unit, job.unit.language)
    builder = builders.get(job.format)()
    files = builder.files(unit)
    zip_bytes_to(job.out, files)
    data = job.out.read_bytes()
    c = unit.course
    return Built(unit.kind, c.id, c.title, c.version, unit.language, job.format, job.out.name, len(data),
                 hashlib.sha256(data).hexdigest(), builder.report(unit))


@dataclass
class Result:
    built: list[Built]
    skipped: int
    diagnostics: Diagnostics


def build(root: Path, out_dir: Path, *, formats: list[str] | None = None, languages: list[str] | None = None,
          only: set[str] | None = None, jobs: int | None = None,
          progress: Callable[[int, int, str], None] | None = None) -> Result:
    """Load, check, then build every package that changed; write dist/index.json."""
    diags = Diagnostics()
    lp = load_project(root, diags)
    if lp is None or diags.errors:
        return Result([], 0, diags)
    formats = formats or list(lp.project.formats)
    languages = languages or list(lp.project.languages)
    unknown = [lang for lang in languages if lang not in lp.project.languages]
    if unknown:
        raise UsageError(message=f"language(s) {', '.join(unknown)} not in the project's 'languages'")
    todo = plan(lp, out_dir, formats, languages, only)
    cache_path = out_dir / CACHE_FILE
    cache = _read_cache(cache_path)
    fresh = [j for j in todo if cache.get(j.name, {}).get("key") == j.key and j.out.exists()]
    stale = [j for j in todo if j not in fresh]
    results: dict[str, Built] = {j.name: Built(**cache[j.name]["built"]) for j in fresh}
    workers = jobs or min(len(stale), os.cpu_count() or 1) or 1
    done = 0
    if workers > 1 and len(stale) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for built in pool.map(run_job, stale, chunksize=1):
                results[built.file] = built
                done += 1
                if progress:
                    progress(done, len(stale), built.file)
    else:
        for job in stale:
            built = run_job(job)
            results[built.file] = built
            done += 1
            if progress:
                progress(done, len(stale), built.file)
    new_cache = dict(cache)
    for job in todo:
        new_cache[job.name] = {"key": job.key, "built": asdict(results[job.name])}
    write_atomic(cache_path, json.dumps(new_cache, sort_keys=True, indent=1).encode())
    _write_index(out_dir, new_cache)
    return Result([results[j.name] for j in todo], len(fresh), diags)


def _read_cache(path: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_index(out_dir: Path, cache: dict[str, dict[str, object]]) -> None:
    """index.json lists every package present in dist/ that this project built."""
    entries = []
    for name, item in sorted(cache.items()):
        if (out_dir / name).exists():
            built = item["built"]
            assert isinstance(built, dict)
            entries.append({k: built[k] for k in ("kind", "id", "title", "version", "language", "format", "file",
                                                   "size", "sha256")} | {"report": built.get("report", {})})
    doc = {"generator": f"sbfa-pack {__version__}", "packages": entries}
    write_atomic(out_dir / "index.json", json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True).encode())
