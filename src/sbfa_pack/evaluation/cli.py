"""``sbfa-pack report``: the evaluation report from the local store; ``report forget``.

The sources that fill the store are subcommands of the same group, imported only when used
(:data:`SOURCES`).
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..cli import _clean_errors, _LazyGroup
from ..errors import SbfaError, UsageError
from .analysis import LOWEST_MIN_GROUP, MIN_GROUP
from .store import DEFAULT_STORE

if TYPE_CHECKING:
    from .store import Store

"""The store's place in a project, unless ``--store`` says otherwise."""
DEFAULT_OUT = Path("reports") / "report"

# ---- The sources of the store (issue 14): written by the report-sources work, wired at merge. ----
SOURCES = {"sync": "sbfa_pack.evaluation.sync:sync", "import": "sbfa_pack.evaluation.moodle:import_"}
# ----------------------------------------------------------------------------------------------------


class _ReportGroup(_LazyGroup):
    lazy = SOURCES


def _root(project: Path | None) -> Path | None:
    from ..paths import find_root

    if project is not None:
        root = find_root(project)
        if root is None:
            raise UsageError(message=f"{project}: no sbfa.yaml here or above: not a project folder")
        return root
    return find_root(Path.cwd())


def _store_path(store: Path | None, root: Path | None) -> Path:
    if store is not None:
        return store
    if root is None:
        raise UsageError(message="no project here: give --store FILE (or --project DIR)")
    return root / DEFAULT_STORE


def _open(path: Path) -> Store:
    from .store import Store

    if not path.is_file():
        raise SbfaError(message=f"{path}: no record store here; fill it with 'sbfa-pack report sync' "
                                "or 'sbfa-pack report import' first")
    return Store(path)


def _language(lang: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(lang, sep="-")
    except (ValueError, UnknownLocaleError):
        raise UsageError(message=f"--lang {lang}: not a language tag sbfa-pack knows") from None
    return lang


@click.group(cls=_ReportGroup, invoke_without_command=True)
@click.option("--store", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help=f"The record store [default: {DEFAULT_STORE} in the project].")
@click.option("--project", type=click.Path(path_type=Path, exists=True), default=None,
              help="The project (lesson order, option texts, surveys) [default: the one here, if any].")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help=f"Output folder [default: {DEFAULT_OUT} in the project].")
@click.option("--min-group", type=click.IntRange(min=LOWEST_MIN_GROUP), default=MIN_GROUP, show_default=True,
              help=f"Smallest group of learners shown; smaller ones are suppressed (never below {LOWEST_MIN_GROUP}).")
@click.option("--identify", is_flag=True, help="Add a table naming each learner (names, e-mails): confidential.")
@click.option("--lang", default="en", show_default=True, metavar="L",
              help="Language of the report (en, el, es, de, pl, nb).")
@click.pass_context
@_clean_errors
def report(ctx: click.Context, store: Path | None, project: Path | None, out: Path | None, min_group: int,
           identify: bool, lang: str) -> None:
    """Write the evaluation report (HTML, CSV, Excel) from the learning records in the store."""
    if ctx.invoked_subcommand is not None:
        return
    from . import analysis, output
    from .coursemap import project_info

    lang = _language(lang)
    root = _root(project)
    path = _store_path(store, root)
    out_dir = out or (root / DEFAULT_OUT if root else Path("report"))
    try:
        info = project_info(root) if root else None
    except ValueError as exc:
        raise SbfaError(message=f"{root}: {exc}") from None
    try:
        with _open(path) as db:
            files = output.render(analysis.build(db, info, min_group, identify), lang)
    except sqlite3.DatabaseError as exc:
        raise SbfaError(message=f"{path}: not a readable record store ({exc})") from None
    output.write(files, out_dir)
    click.echo(f"{out_dir}: report.html, report.xlsx and {len(files) - 2} CSV files"
               + (" (names included: --identify)" if identify else ""))


@report.command()
@click.option("--learner", required=True, metavar="ID",
              help="The learner's pseudonym, or an identity such as mailto:ana@example.org.")
@click.option("--store", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help=f"The record store [default: {DEFAULT_STORE} in the project].")
@click.option("--project", type=click.Path(path_type=Path, exists=True), default=None, help="The project.")
@click.pass_context
@_clean_errors
def forget(ctx: click.Context, learner: str, store: Path | None, project: Path | None) -> None:
    """Delete every record (and the name) of one learner from the local store."""
    parent = ctx.parent.params if ctx.parent else {}  # `report --store F forget` means the same store
    store, project = store or parent.get("store"), project or parent.get("project")
    path = _store_path(store, _root(project) if store is None else None)
    try:
        _forget(path, learner)
    except sqlite3.DatabaseError as exc:
        raise SbfaError(message=f"{path}: not a readable record store ({exc})") from None


def _forget(path: Path, learner: str) -> None:
    with _open(path) as db:
        candidates = [learner] if re.fullmatch(r"[0-9a-f]{16}", learner) else []
        candidates.append(db.pseudonym(learner))
        if "@" in learner and ":" not in learner:
            candidates.append(db.pseudonym(f"mailto:{learner}"))
        for pseudonym in candidates:
            n = db.forget(pseudonym)
            if n:
                click.echo(f"{path}: {n} records of learner {pseudonym} deleted")
                return
    raise SbfaError(message=f"{path}: no records of that learner")
