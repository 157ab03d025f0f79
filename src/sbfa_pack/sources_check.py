"""``validate`` for course sources: the loader's checks plus those other parts add (translations)."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from types import ModuleType
from typing import Any

from .diagnostics import Diagnostic, Diagnostics
from .load import LoadedProject, load_project
from .paths import project_root, real, selection

__all__ = ["project_root", "selection", "validate_sources"]

PARALLEL_FROM = 24
"""PO files from which the translation checks are split by language over the cores, as the build
splits its courses: a forked worker costs a few hundredths of a second, and the bundled
programme's 140 catalogs take over a second on one core."""


def validate_sources(path: Path, diags: Diagnostics) -> LoadedProject | None:
    """Load and check the project holding ``path``, including translations when present.

    The whole project is loaded (references cross files), but when ``path`` is a course folder or
    a file, only the problems in it, and in the project file, are reported.
    """
    root = project_root(path)
    found = Diagnostics()
    lp = load_project(root, found)
    checks = _optional("sbfa_pack.i18n.checks")  # the translation checks plug in here when installed
    if lp is not None and checks is not None:
        _check_translations(checks, lp, found)
    if lp is not None and lp.project.plain_language is not None:
        from .plain.check import check_plain  # only for a project that sets a budget

        check_plain(lp, found)
    try:
        scope = real(path).relative_to(real(root)).as_posix()
    except ValueError:
        scope = "."
    for d in found:
        if scope == "." or d.file in (scope, "sbfa.yaml") or d.file.startswith(f"{scope}/"):
            diags.extend([d])
    return lp


def _optional(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if not (exc.name and name.startswith(exc.name)):
            raise
        return None


def _check_translations(checks: ModuleType, lp: LoadedProject, found: Diagnostics) -> None:
    """All translation checks: on one core, or split by language over forked workers."""
    groups = _language_groups(lp)
    if len(groups) < 2:
        checks.check_translations(lp, found)
        return
    import multiprocessing  # only here: a small project's validate does without them
    from concurrent.futures import ProcessPoolExecutor

    global _PROJECT
    _PROJECT = lp  # forked workers inherit it: nothing is pickled but their diagnostics
    try:
        with ProcessPoolExecutor(max_workers=len(groups), mp_context=multiprocessing.get_context("fork")) as pool:
            for items in pool.map(_check_languages, groups):
                found.extend(items)
    finally:
        _PROJECT = None


_PROJECT: LoadedProject | None = None


def _check_languages(languages: list[str]) -> list[Diagnostic]:
    """In a worker: the translation checks of ``languages`` (language folders and project languages)."""
    checks: Any = importlib.import_module("sbfa_pack.i18n.checks")
    assert _PROJECT is not None
    diags = Diagnostics()
    checks.check_translations(_PROJECT, diags, languages)
    return list(diags)


def _language_groups(lp: LoadedProject) -> list[list[str]]:
    """Languages (every folder of ``locales/`` and every project language) in one group per worker,
    balanced by PO files; a single group when splitting would not pay."""
    catalog = _optional("sbfa_pack.i18n.catalog")
    affinity = getattr(os, "sched_getaffinity", None)
    cores = len(affinity(0)) if affinity else (os.cpu_count() or 1)
    base = catalog.locales_dir(lp.root) if catalog else None
    if cores < 2 or base is None or not base.is_dir():
        return []
    files = {p.name: len(list(p.glob("*.po"))) for p in base.iterdir() if p.is_dir()}
    if sum(files.values()) < PARALLEL_FROM:
        return []
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return []
    languages = sorted({*files, *lp.project.languages}, key=lambda lang: (-files.get(lang, 0), lang))
    groups: list[list[str]] = [[] for _ in range(min(cores, 4, len(languages)))]
    for i, lang in enumerate(languages):
        groups[i % len(groups)].append(lang)
    return groups
