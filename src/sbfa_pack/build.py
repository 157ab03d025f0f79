"""The build, top to bottom: check the project, plan the packages, build what changed, commit.

The parent loads the project file, resource bank and toolkit, and plans every package (course ×
language × format) with a key over all of its inputs; a package whose key matches the last build
and that is still in ``dist/`` is kept. The courses are loaded, checked and packaged by the
workers, one task per course (split when there are few), on every core (:mod:`sbfa_pack.work`);
the workers die with the build.

Invariant: ``dist/index.json`` lists exactly the packages of this project in ``dist/``, each
whole, with its size and sha256; and it is either the last good build's or this one's, never a
mix (after a kill, as soon as the next build has taken the lock). What is written when, and
what is never touched:

- Packages are staged as hidden temporary files in ``dist/``. Only when every task is done and
  no source and no package had an error (with ``strict``, a warning) are they committed, with
  ``index.json``, the cache and the no-op record, as one transaction (:mod:`sbfa_pack.commit`):
  a build with errors, a full disk, an interrupted or killed build leave the last good build in
  place, whole, and listed.
- ``dist/index.json`` lists exactly the packages of this project in ``dist/`` (size, sha256): the
  packages of this build and, after a build narrowed by PATH, ``--lang`` or ``--format``, those
  of earlier builds outside it. A package this build replaces under another name (a new
  version) is removed; a full build also removes every package of earlier builds it no longer
  produces (a course, language or format dropped). "Ours" means recorded in the cache or the
  previous index; any other file in ``dist/`` is never touched (:mod:`sbfa_pack.outputs`).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import secrets
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import __version__, builders, commit, noop, outputs, work
from .diagnostics import Diagnostics
from .errors import UsageError
from .load import LoadedProject, load_shared
from .model import COUNTRIES
from .packaging import zip_timestamp
from .paths import inside, walk_inside
from .report import recorded
from .work import MULTILINGUAL, Built, Failure, Job, Outcome, Task, TaskResult, localiser, units

__all__ = ["Built", "Failure", "Result", "build", "localiser", "units"]


@dataclass
class Result:
    """What a build did: the packages of this build (in plan order), how many were unchanged,
    diagnostics, and the packages of earlier builds it removed."""

    built: list[Built]
    skipped: int
    diagnostics: Diagnostics
    removed: list[str] = field(default_factory=list)


def build(root: Path, out_dir: Path, *, formats: list[str] | None = None, languages: list[str] | None = None,
          only: set[str] | None = None, jobs: int | None = None,
          progress: Callable[[int, int, str], None] | None = None,
          options: dict[str, str] | None = None, strict: bool = False) -> Result:
    """Check, then build every package that changed; commit them with dist/index.json (not when
    there was an error, or with ``strict`` a warning)."""
    with commit.exclusive(out_dir) as lock:
        commit.recover(out_dir)  # a build killed while committing: finish its commit first
        commit.sweep(out_dir)  # then the staged files of killed builds go
        return _build_locked(root, out_dir, formats, languages, only, jobs, progress, options, lock, strict)


def _build_locked(root: Path, out_dir: Path, formats: list[str] | None, languages: list[str] | None,
                  only: set[str] | None, jobs: int | None, progress: Callable[[int, int, str], None] | None,
                  options: dict[str, str] | None, lock: int | None, strict: bool) -> Result:
    req = noop.request(root, out_dir, formats, languages, only, options)
    scope = outputs.scope(only, languages, formats)
    noop.forget(out_dir)
    inputs = noop.snapshot(root, [])  # before reading: a change made during the build is seen next time
    diags = Diagnostics()
    loaded = load_shared(root, diags)
    if loaded is None:
        return Result([], 0, diags)
    lp, course_folders = loaded
    folders = {f.name: f for f in course_folders}
    theme = lp.project.theme
    # Not walked when outside the project (load_shared has reported it; `/` would be walked whole).
    extra = [p for p in (theme.templates, theme.logo) if p and inside(root, p)]
    extra += [p for p in ((options or {}).get("schemas"), os.environ.get("SBFA_SCORM_SCHEMAS")) if p]
    inputs.update(noop.snapshot(root, extra))
    formats = formats or list(lp.project.formats)
    # Languages in progress (translations.in_progress) are built when asked, or once complete.
    in_progress = lp.project.translations.in_progress
    ready = work.optional("sbfa_pack.i18n.progress", "ready") if in_progress and not languages else None
    languages = languages or [*lp.project.languages, *(ready(lp, folders) if ready else [])]
    unknown = [lang for lang in languages if lang not in lp.project.languages and lang not in in_progress]
    if unknown:
        raise UsageError(message=f"language(s) {', '.join(unknown)} not in the project's 'languages' "
                                 f"({', '.join(lp.project.languages)}) nor in 'translations.in_progress'")
    for fmt in formats:  # imported here, before the workers start, so they share it
        try:
            builders.get(fmt)
        except KeyError:
            raise UsageError(message=f"unknown format '{fmt}' (known: {', '.join(builders.names())})") from None
    missing = sorted(only - folders.keys() - lp.exercises.keys()) if only else []
    if missing:
        raise UsageError(message=f"no course or exercise named {', '.join(missing)} in {root}")
    country = (options or {}).get("country")
    if country is not None and country not in COUNTRIES:
        raise UsageError(message=f"unknown country '{country}' (known: {', '.join(COUNTRIES)})")
    _check_translations(lp, diags, languages, set(folders))
    options = dict(options or {})
    if "schemas" not in options and os.environ.get("SBFA_SCORM_SCHEMAS"):
        options["schemas"] = os.environ["SBFA_SCORM_SCHEMAS"]  # read by the scorm12 builder; keyed here
    opts = tuple(sorted(options.items()))
    todo = plan(lp, folders, formats, languages, only, opts)
    cache = outputs.read_cache(out_dir)
    fresh = {j.slot: b for j in todo if (b := outputs.cached(cache, j)) and outputs.still_there(b, out_dir)}
    # With errors already, the courses are still loaded and checked (every problem in one pass),
    # but nothing is built.
    stale = [j for j in todo if j.slot not in fresh] if not diags.errors else []
    tasks = _tasks(stale, [f"course:{name}" for name in folders], jobs or os.cpu_count() or 1)
    ctx = work.Context(lp, folders, out_dir, tuple(languages), opts, f"sbfa{secrets.token_hex(4)}.")
    result = _run(ctx, todo, fresh, tasks, diags, jobs, progress, lock)
    if result is None or diags.failed(strict=strict):
        commit.sweep(out_dir, ctx.tag)
        return Result([], 0, diags)
    try:
        built = [result[j.slot][0] for j in todo]
        record = noop.encode(req, inputs, extra, [asdict(b) for b in built], recorded(diags))
        removed = outputs.commit_build(ctx, todo, result, cache, scope, record)
    finally:
        commit.sweep(out_dir, ctx.tag)  # what a failure left of this build's staged files
    return Result(built, len(fresh), diags, removed)


def _run(ctx: work.Context, todo: list[Job], fresh: dict[str, Built], tasks: list[Task], diags: Diagnostics,
         jobs: int | None, progress: Callable[[int, int, str], None] | None,
         lock: int | None) -> dict[str, tuple[Built, str | None]] | None:
    """Run the tasks: every package of the plan, built (with its staged file) or unchanged; None
    when a source or a package had an error (then nothing is left staged)."""
    outcomes: dict[str, Outcome] = {}
    total = sum(len(t.jobs) for t in tasks)
    source_errors = bool(diags.errors)
    try:
        for tr in _run_tasks(ctx, tasks, min(jobs or os.cpu_count() or 1, len(tasks)) or 1, lock):
            diags.extend(tr.diagnostics)
            source_errors |= tr.source_errors
            for done in tr.outcomes:
                outcomes[done.job.slot] = done
                if progress:
                    progress(len(outcomes), total, done.name)
    except BaseException:
        commit.sweep(ctx.out_dir, ctx.tag)
        raise
    failed: dict[Failure, list[str]] = {}
    result: dict[str, tuple[Built, str | None]] = {slot: (b, None) for slot, b in fresh.items()}
    for job in todo:
        o = outcomes.get(job.slot)
        if o is not None and isinstance(o.result, Failure):
            failed.setdefault(o.result, []).append(o.name)
        elif o is not None and isinstance(o.result, Built):
            result[job.slot] = o.result, o.temp
    for f, names in failed.items():  # the same failure of many packages (a broken template) once
        which = names[0] if len(names) == 1 else f"{len(names)} packages ({names[0]}, …)"
        message = f"{which}: {f.message}" if f.file or len(names) > 1 else f.message
        diags.error(f.code, message, f.file or names[0], f.line or 1, 1)
    if source_errors or failed or any(j.slot not in result for j in todo):
        commit.sweep(ctx.out_dir, ctx.tag)
        return None
    return result


def plan(lp: LoadedProject, folders: dict[str, Path], formats: list[str], languages: list[str],
         only: set[str] | None, opts: tuple[tuple[str, str], ...]) -> list[Job]:
    """Every package to build, in order, each with a key that changes when any of its inputs changes.

    A course's key covers every file of its folder (so it is known before the course is loaded),
    the toolkit, and what every package shares; an exercise's covers its file and assets."""
    shared = _shared_digest(lp)
    toolkit = "".join(le.digest for _, le in sorted(lp.exercises.items()))
    bases = {f"course:{name}": _digest(shared, _folder_digest(folder, lp.root), toolkit)
             for name, folder in sorted(folders.items()) if not only or name in only}
    bases.update({f"exercise:{eid}": _digest(shared, "exercise", le.digest)
                  for eid, le in sorted(lp.exercises.items()) if not only or eid in only})
    variants = [] if lp.project.packages == "multilingual" else list(languages)
    if lp.project.packages != "per-language" and len(languages) > 1:
        variants.append(MULTILINGUAL)
    jobs: list[Job] = []
    for unit, base in bases.items():
        for variant in variants:
            langs = "+".join(languages) if variant == MULTILINGUAL else variant
            for fmt in formats:
                jobs.append(Job(unit, variant, fmt, _digest(base, langs, fmt, repr(opts))))
    return jobs


def _digest(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _shared_digest(lp: LoadedProject) -> str:
    """A hash of the inputs every package shares: the tool, the zip timestamp, project file, resource
    bank, glossary, translations, template overrides and logo."""
    h = hashlib.sha256(__version__.encode())
    h.update(repr(zip_timestamp()).encode())  # SOURCE_DATE_EPOCH is in every zip entry
    if lp.source:
        h.update(lp.source.digest.encode())
    for digest in sorted({s.digest for s in [*lp.resource_sources.values(), *lp.glossary_sources.values()]}):
        h.update(digest.encode())
    theme = lp.project.theme
    for name in ("locales", theme.templates, theme.logo):
        if name and inside(lp.root, name):
            h.update(_folder_digest(lp.root / name, lp.root).encode())
    return h.hexdigest()


def _folder_digest(top: Path, root: Path) -> str:
    """A hash of the names and contents of the regular files in ``top`` (or of the file ``top``)."""
    h = hashlib.sha256()
    if top.is_file():
        h.update(top.as_posix().encode() + hashlib.sha256(top.read_bytes()).digest())
        return h.hexdigest()
    for folder, _dirs, files in walk_inside(top, root):  # a link to / or a loop is not walked
        for name in sorted(files):
            path = Path(folder, name)
            h.update(path.as_posix().encode())
            try:
                if inside(root, path.absolute()) and path.is_file():  # never a file outside, a FIFO or a device
                    h.update(hashlib.sha256(path.read_bytes()).digest())
            except OSError:
                h.update(b"?")  # unreadable: the load reports it
    return h.hexdigest()


def _tasks(stale: list[Job], courses: list[str], workers: int) -> list[Task]:
    """The stale jobs grouped by unit, so one worker loads a course once and its caches hit; large
    groups are halved until every worker has several tasks. Every course gets a task, if only to
    be loaded and checked; biggest tasks first."""
    groups: dict[str, list[Job]] = {unit: [] for unit in courses}
    for job in stale:
        groups.setdefault(job.unit, []).append(job)
    parts = [(unit, jobs) for unit, jobs in groups.items() if jobs or unit.startswith("course:")]
    while len(parts) < workers * 4 and parts and max(len(j) for _, j in parts) > 1:
        parts.sort(key=lambda p: len(p[1]))
        unit, jobs = parts.pop()
        parts += [(unit, jobs[: len(jobs) // 2]), (unit, jobs[len(jobs) // 2:])]
    first: set[str] = set()
    tasks = []
    for unit, jobs in sorted(parts, key=lambda p: (p[0], p[1][0].slot if p[1] else "")):
        tasks.append(Task(unit, tuple(jobs), unit not in first))
        first.add(unit)
    return sorted(tasks, key=lambda t: -len(t.jobs))


def _run_tasks(ctx: work.Context, tasks: list[Task], workers: int, lock: int | None) -> Iterator[TaskResult]:
    """Run ``tasks``, in parallel when it pays; yields each result as it comes."""
    if workers <= 1 or len(tasks) <= 1:
        work.init(ctx, threading.Event())
        for task in tasks:
            yield work.run_task(task)
        return
    fork = "fork" in multiprocessing.get_all_start_methods()
    mp = multiprocessing.get_context("fork" if fork else None)
    stop = mp.Event()
    # Forked workers inherit the loaded project; elsewhere it travels pickled, once per worker.
    with ProcessPoolExecutor(max_workers=workers, mp_context=mp, initializer=work.init_worker,
                             initargs=(ctx, stop, os.getpid(), lock if fork else None)) as pool:
        futures = [pool.submit(work.run_task, task) for task in tasks]
        try:
            for future in as_completed(futures):
                yield future.result()
        except BaseException:
            stop.set()
            pool.shutdown(cancel_futures=True)  # a bug or an interrupt: start nothing more
            raise


def _check_translations(lp: LoadedProject, diags: Diagnostics, languages: list[str], later: set[str]) -> None:
    """Translation problems of the languages being built, before anything is written (the
    catalogs of courses are checked by the workers, once each course is loaded)."""
    check = work.optional("sbfa_pack.i18n.checks", "check_translations")
    if check is not None:
        check(lp, diags, languages, later=later)
