"""The build, top to bottom: load and check everything, plan the packages, write what changed.

All reading and checking finishes before anything is written. Packages are independent jobs
(course × language × format) run on every core; a job whose inputs have not changed since the
last build is skipped (its key is kept in ``dist/.sbfa-build.json``). ``dist/index.json`` lists
exactly the packages this build produced (built or unchanged); files the user put in ``dist/``
are never touched.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib
import json
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, cast

from . import __version__, builders, noop
from .diagnostics import Diagnostics
from .errors import SbfaError, UsageError
from .load import LoadedProject, load_project
from .model import ExerciseRef
from .packaging import write_atomic, zip_bytes_to
from .unit import Unit, exercise_course

CACHE_FILE = ".sbfa-build.json"
INDEX_FILE = "index.json"
_INDEX_KEYS = ("kind", "id", "title", "version", "language", "format", "file", "size", "sha256", "report")


@dataclass(frozen=True)
class Job:
    """One package to build: a unit in one language, one format, its input key and output file."""

    unit: Unit
    format: str
    key: str
    out: Path
    options: tuple[tuple[str, str], ...] = ()
    """Builder options from the command line (e.g. ``schemas``); part of the key."""

    @property
    def name(self) -> str:
        return self.out.name


@dataclass(frozen=True)
class Built:
    """One package as built: a line of dist/index.json."""

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


@dataclass
class Result:
    """What a build did: the packages of this build (in plan order), how many were unchanged, diagnostics."""

    built: list[Built]
    skipped: int
    diagnostics: Diagnostics


Localiser = Callable[[Unit, str], Unit]


def _identity(unit: Unit, lang: str) -> Unit:
    return unit


def localiser() -> Localiser:
    """The translation step (i18n) when it is installed: unit in source language → unit in ``lang``."""
    try:
        module = importlib.import_module("sbfa_pack.i18n.localise")
    except ModuleNotFoundError as exc:
        if exc.name and "sbfa_pack.i18n.localise".startswith(exc.name):
            return _identity
        raise
    return cast(Localiser, module.localise)


def units(lp: LoadedProject, only: set[str] | None = None) -> list[Unit]:
    """Source-language units: every course, and every toolkit exercise packaged on its own."""
    project, lang = lp.project, lp.project.source_language
    out: list[Unit] = []
    for cid, lc in sorted(lp.courses.items()):
        if only and cid not in only:
            continue
        refs = {les.exercise for _, les in lc.course.lessons() if isinstance(les, ExerciseRef)}
        used = sorted(refs & lp.exercises.keys())
        assets = dict(lc.assets)
        for ex_id in used:
            assets.update(lp.exercises[ex_id].assets)
        out.append(Unit("course", lc.course, lang, project, {e: lp.exercises[e].exercise for e in used},
                        dict(lp.resources), assets, lang, root=lp.root))
    for eid, le in sorted(lp.exercises.items()):
        if only and eid not in only:
            continue
        out.append(Unit("exercise", exercise_course(le.exercise), lang, project, {eid: le.exercise}, {},
                        dict(le.assets), lang, root=lp.root))
    return out


def _shared_digest(lp: LoadedProject) -> str:
    """A hash of the inputs every package shares: the tool, project file, resource bank, translations,
    template overrides and logo."""
    h = hashlib.sha256(__version__.encode())
    if lp.source:
        h.update(lp.source.digest.encode())
    for digest in sorted({s.digest for s in lp.resource_sources.values()}):
        h.update(digest.encode())
    theme = lp.project.theme
    for name in ("locales", theme.templates, theme.logo):
        folder = lp.root / name if name else None
        files = [] if folder is None else [folder] if folder.is_file() else sorted(folder.rglob("*"))
        for path in (p for p in files if p.is_file()):
            h.update(path.as_posix().encode() + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _unit_digest(lp: LoadedProject, unit: Unit, shared: str) -> str:
    h = hashlib.sha256(shared.encode())
    h.update(lp.courses[unit.id].digest.encode() if unit.kind == "course" else b"exercise")
    for eid in unit.exercises:
        h.update(lp.exercises[eid].digest.encode())
    return h.hexdigest()


def plan(lp: LoadedProject, out_dir: Path, formats: Iterable[str], languages: Iterable[str],
         only: set[str] | None = None, options: dict[str, str] | None = None) -> list[Job]:
    """Every package to build, each with a key that changes when any of its inputs changes."""
    formats, languages = list(formats), list(languages)
    known = builders.names()
    for fmt in formats:
        if fmt not in known:
            raise UsageError(message=f"unknown format '{fmt}' (known: {', '.join(known)})")
    shared = _shared_digest(lp)
    opts = tuple(sorted((options or {}).items()))
    jobs: list[Job] = []
    for unit in units(lp, only):
        base = _unit_digest(lp, unit, shared)
        per_language = [] if lp.project.packages == "multilingual" else languages
        multilingual = lp.project.packages != "per-language" and len(languages) > 1
        variants = [dataclasses.replace(unit, language=lang) for lang in per_language]
        if multilingual:  # one package carrying every language, opening in the source language
            variants.append(dataclasses.replace(unit, ui_languages=tuple(languages)))
        for localised in variants:
            lang = "+".join(localised.ui_languages) or localised.language
            for fmt in formats:
                name = builders.get(fmt)().package_name(localised)
                key = hashlib.sha256(f"{base}|{lang}|{fmt}|{opts}".encode()).hexdigest()
                jobs.append(Job(localised, fmt, key, out_dir / name, opts))
    return jobs


# The last localised unit: the formats of one unit × language are planned one after the other,
# so they share one translation pass. Keeping only the last bounds memory to one unit; holding
# the source unit itself (not its id()) makes a match certain.
_LAST_LOCALISED: list[tuple[Unit, Unit]] = []


def _localised(unit: Unit) -> Unit:
    if _LAST_LOCALISED and _LAST_LOCALISED[0][0] == unit:
        return _LAST_LOCALISED[0][1]
    done = localiser()(unit, unit.language)
    _LAST_LOCALISED[:] = [(unit, done)]
    return done


def run_job(job: Job) -> Built:
    """Build one package: localise, render, zip atomically."""
    unit = _localised(job.unit)
    if job.unit.ui_languages:  # a multilingual package: the course in each of its languages
        others = [dataclasses.replace(job.unit, language=lang, ui_languages=()) for lang in job.unit.ui_languages
                  if lang != job.unit.language]
        unit = dataclasses.replace(unit, variants=tuple(localiser()(u, u.language) for u in others))
    builder = builders.get(job.format)(dict(job.options))
    data = zip_bytes_to(job.out, builder.files(unit))
    c = unit.course
    report = builder.report(unit)
    if job.unit.ui_languages:
        report = {**report, "languages": list(job.unit.ui_languages)}
    language = "mul" if job.unit.ui_languages else unit.language  # ISO 639 "multiple languages"
    return Built(unit.kind, c.id, c.title, c.version, language, job.format, job.out.name, len(data),
                 hashlib.sha256(data).hexdigest(), report)


# Jobs for forked workers: they inherit this list, so only indices cross the process boundary
# (pickling a whole course per job cost more than building it).
_PENDING: list[Job] = []


@dataclass(frozen=True)
class Failure:
    """An expected failure of one job, reported as a diagnostic on the source it is about."""

    code: str
    message: str
    file: str
    line: int

    @classmethod
    def of(cls, exc: SbfaError) -> Failure:
        return cls(exc.code, exc.message, exc.file, exc.line)


def _run_indices(indices: list[int]) -> list[tuple[int, Built | Failure]]:
    out: list[tuple[int, Built | Failure]] = []
    for i in indices:
        try:
            out.append((i, run_job(_PENDING[i])))
        except SbfaError as exc:
            out.append((i, Failure.of(exc)))
    return out


def _run_jobs(jobs: list[tuple[int, Job]]) -> list[tuple[int, Built | Failure]]:
    global _PENDING
    _PENDING = [job for _, job in jobs]
    return [(i, result) for (i, _), (_, result) in zip(jobs, _run_indices(list(range(len(jobs)))), strict=True)]


def _batches(stale: list[Job], workers: int) -> list[list[int]]:
    """Jobs grouped by unit, so one worker renders a unit's languages and formats and its caches
    hit; large groups are halved until every worker has several batches to balance the load."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, job in enumerate(stale):
        groups.setdefault((job.unit.kind, job.unit.id), []).append(i)
    batches = list(groups.values())
    while len(batches) < workers * 4 and max(len(b) for b in batches) > 1:
        batches.sort(key=len)
        big = batches.pop()
        batches += [big[: len(big) // 2], big[len(big) // 2:]]
    return sorted(batches)


def _run_all(stale: list[Job], workers: int) -> Iterator[tuple[Job, Built | Failure]]:
    """Build ``stale`` jobs, in parallel when it pays; yields each job with its result or error."""
    if workers <= 1 or len(stale) <= 1:
        for job in stale:
            try:
                yield job, run_job(job)
            except SbfaError as exc:
                yield job, Failure.of(exc)
        return
    global _PENDING
    _PENDING = stale
    fork = "fork" in multiprocessing.get_all_start_methods()
    try:
        ctx = multiprocessing.get_context("fork" if fork else None)
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            futures = [pool.submit(_run_indices, batch) if fork else  # elsewhere the jobs travel pickled
                       pool.submit(_run_jobs, [(i, stale[i]) for i in batch]) for batch in _batches(stale, workers)]
            try:
                for future in as_completed(futures):
                    for i, result in future.result():
                        yield stale[i], result
            except BaseException:
                pool.shutdown(cancel_futures=True)  # a bug or an interrupt: start nothing more
                raise
    finally:
        _PENDING = []


def build(root: Path, out_dir: Path, *, formats: list[str] | None = None, languages: list[str] | None = None,
          only: set[str] | None = None, jobs: int | None = None,
          progress: Callable[[int, int, str], None] | None = None,
          options: dict[str, str] | None = None) -> Result:
    """Load, check, then build every package that changed; write dist/index.json."""
    req = noop.request(root, out_dir, formats, languages, only, options)
    noop.forget(out_dir)
    inputs = noop.snapshot(root, [])  # before reading: a change made during the build is seen next time
    diags = Diagnostics()
    lp = load_project(root, diags)
    if lp is None or diags.errors:
        return Result([], 0, diags)
    theme = lp.project.theme
    extra = [p for p in (theme.templates, theme.logo, (options or {}).get("schemas"),
                         os.environ.get("SBFA_SCORM_SCHEMAS")) if p]
    inputs.update(noop.snapshot(root, extra))
    formats = formats or list(lp.project.formats)
    languages = languages or list(lp.project.languages)
    unknown = [lang for lang in languages if lang not in lp.project.languages]
    if unknown:
        raise UsageError(message=f"language(s) {', '.join(unknown)} not in the project's 'languages' "
                                 f"({', '.join(lp.project.languages)})")
    _check_translations(lp, diags, languages)
    if diags.errors:
        return Result([], 0, diags)
    missing = sorted(only - lp.courses.keys() - lp.exercises.keys()) if only else []
    if missing:
        raise UsageError(message=f"no course or exercise named {', '.join(missing)} in {root}")
    options = dict(options or {})
    if "schemas" not in options and os.environ.get("SBFA_SCORM_SCHEMAS"):
        options["schemas"] = os.environ["SBFA_SCORM_SCHEMAS"]  # read by the scorm12 builder; keyed here
    todo = plan(lp, out_dir, formats, languages, only, options)
    cache_path = out_dir / CACHE_FILE
    cache = _read_cache(cache_path)
    fresh = [j for j in todo if _still_there(_cached(cache, j), j.out)]
    results: dict[str, Built] = {j.name: cast(Built, _cached(cache, j)) for j in fresh}
    stale = [j for j in todo if j.name not in results]
    workers = min(jobs or os.cpu_count() or 1, len(stale)) or 1
    try:
        for done, (job, outcome) in enumerate(_run_all(stale, workers), 1):
            if isinstance(outcome, Failure):
                where = outcome.file or job.name
                diags.error(outcome.code, f"{job.name}: {outcome.message}" if outcome.file else outcome.message,
                            where, outcome.line or 1, 1)
            else:
                results[job.name] = outcome
                cache[job.name] = {"key": job.key, "built": asdict(outcome)}
            if progress:
                progress(done, len(stale), job.name)
    finally:
        # Also when interrupted or failing: a package whose sources changed and that was not
        # rebuilt is stale, so it goes; the cache and index then say what dist/ really holds.
        for job in stale:
            if job.name not in results:
                _forget(out_dir, cache, job)
        write_atomic(cache_path, json.dumps(cache, sort_keys=True, indent=1).encode())
        _write_index(out_dir, [results[j.name] for j in todo if j.name in results])
    built = [results[j.name] for j in todo if j.name in results]
    if not diags.errors:
        noop.save(out_dir, req, inputs, extra, [asdict(b) for b in built], [asdict(d) for d in diags.sorted()])
    return Result(built, len(fresh), diags)


def _check_translations(lp: LoadedProject, diags: Diagnostics, languages: list[str]) -> None:
    """Translation problems of the languages being built, before anything is written."""
    try:
        module = importlib.import_module("sbfa_pack.i18n.checks")
    except ModuleNotFoundError as exc:
        if exc.name and "sbfa_pack.i18n.checks".startswith(exc.name):
            return
        raise
    module.check_translations(lp, diags, languages)


def _cached(cache: dict[str, Any], job: Job) -> Built | None:
    entry = cache.get(job.name)
    if not isinstance(entry, dict) or entry.get("key") != job.key:
        return None
    try:
        return Built(**entry["built"])
    except (TypeError, KeyError):
        return None


def _still_there(built: Built | None, path: Path) -> bool:
    """The package of an unchanged job is still in dist/ as it was written (a cheap size check)."""
    try:
        return built is not None and path.stat().st_size == built.size
    except OSError:
        return False


def _forget(out_dir: Path, cache: dict[str, Any], job: Job) -> None:
    """Remove an earlier build's package that is now stale (only ever one this tool wrote)."""
    if cache.pop(job.name, None) is not None:
        with contextlib.suppress(OSError):
            (out_dir / job.name).unlink()


def _read_cache(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_index(out_dir: Path, built: list[Built]) -> None:
    """index.json lists the packages of this build, sorted by file name."""
    entries = [{k: asdict(b)[k] for k in _INDEX_KEYS} for b in sorted(built, key=lambda b: b.file)]
    doc = {"generator": f"sbfa-pack {__version__}", "packages": entries}
    write_atomic(out_dir / INDEX_FILE, (json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode())
