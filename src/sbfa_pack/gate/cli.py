"""The ``sbfa-pack test`` command: parse, resolve the packages, play them, print, exit 0/1/2."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..errors import SbfaError, UsageError
from ..report import error_line

FORMATS = ("scorm12", "scorm2004", "xapi", "cmi5")


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "formats", multiple=True, type=click.Choice(FORMATS), metavar="F",
              help="Only packages of this format (repeatable): " + ", ".join(FORMATS) + ".")
@click.option("--lang", "languages", multiple=True, metavar="L", help="Only packages in this language (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON (docs/testing.md) instead of a table.")
@click.option("--junit", type=click.Path(path_type=Path, dir_okay=False), default=None, metavar="FILE",
              help="Also write the results as JUnit XML to FILE (for CI).")
@click.option("-j", "--jobs", type=click.IntRange(1, 16), default=None, metavar="N",
              help="Packages played at once, each in a Chromium of its own [default: 2 when there are 2 "
                   "cores or more, else 1].")
@click.option("--project", type=click.Path(path_type=Path, file_okay=False, exists=True), default=None,
              help="The project the packages were built from (its course model gives the answers) "
                   "[default: the folder above them holding an sbfa.yaml].")
@click.option("-v", "--verbose", is_flag=True,
              help="Say which checks passed, why packages were skipped, and what was not checked.")
@click.option("--setup", is_flag=True, help="Install scorm-again (npm) into the user cache, then exit.")
def test(paths: tuple[Path, ...], formats: tuple[str, ...], languages: tuple[str, ...], as_json: bool,
         junit: Path | None, jobs: int | None, project: Path | None, verbose: bool, setup: bool) -> None:
    """Play built packages (a project's dist/, a dist folder or zips) headless in Chromium against
    scorm-again (SCORM) or a local LRS (xAPI, cmi5) and check what the LMS would record; exit 1 when
    any package fails."""
    try:
        if setup:
            from .site import setup as install

            ok, line = install()
            (click.echo if ok else error_line)(line)
            sys.exit(0 if ok else 1)
        workers = jobs or (2 if (os.cpu_count() or 1) >= 2 else 1)
        _run(list(paths), list(formats), list(languages), as_json, junit, project, verbose, workers)
    except SbfaError as exc:
        error_line(str(exc))
        sys.exit(exc.exit_code)


def _run(paths: list[Path], formats: list[str], languages: list[str], as_json: bool, junit: Path | None,
         project: Path | None, verbose: bool, jobs: int) -> None:
    from . import report
    from .run import missing, play_all
    from .targets import resolve

    for p in paths:
        if not p.exists():
            raise UsageError(message=f"{p}: no such file or folder")
        if not p.is_dir() and p.suffix.lower() != ".zip":
            raise UsageError(message=f"{p}: not a project, a dist folder or a .zip package")
    need = missing()
    if need:
        raise UsageError(message=need)
    targets = resolve(paths, formats, languages, project)
    if not targets:
        raise UsageError(message="no package to test (build first, or check --format and --lang)")
    need = missing(tuple(t.format for t in targets if not t.problem))
    if need:
        raise UsageError(message=need)

    def progress(o: object) -> None:
        if not as_json and sys.stderr.isatty():
            click.echo(f"\r[{len(done) + 1}/{len(targets)}] {getattr(o, 'package', '')}\033[K", err=True, nl=False)
        done.append(o)

    done: list[object] = []
    outcomes = play_all(targets, progress, jobs=jobs)
    if not as_json and sys.stderr.isatty():
        click.echo("\r\033[K", err=True, nl=False)
    if junit is not None:
        junit.write_text(report.to_junit(outcomes), encoding="utf-8")
    click.echo(report.to_json(outcomes) if as_json else report.to_text(outcomes, verbose), nl=False)
    sys.exit(1 if any(o.failures for o in outcomes) else 0)
