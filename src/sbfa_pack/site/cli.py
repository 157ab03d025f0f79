"""The ``sbfa-pack site`` command: parse, call :func:`sbfa_pack.site.build_site`, report."""

from __future__ import annotations

import re
import signal
import sys
from pathlib import Path

import click

from ..cli import _clean_errors, _interrupt
from ..errors import UsageError
from ..report import print_diagnostics

_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")


@click.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of the site [default: site/ in the project].")
@click.option("--dist", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of the built packages to offer for download [default: dist/ in the project].")
@click.option("--base-url", default=None, metavar="URL",
              help="Where the site is published (canonical URLs, sitemap) [default: site.base_url of sbfa.yaml].")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1, nothing written).")
@_clean_errors
def site(path: Path | None, out: Path | None, dist: Path | None, base_url: str | None, strict: bool) -> None:
    """Build the static website (resource bank, courses, downloads, toolkit, stories, trainer's guide) into site/."""
    from ..paths import project_root
    from . import build_site

    signal.signal(signal.SIGTERM, _interrupt)
    if base_url is not None and not _URL.match(base_url):
        raise UsageError(message=f"--base-url: '{base_url}' is not an http(s) URL")
    root = project_root(path or Path.cwd())
    dist_dir = dist or root / "dist"
    result = build_site(root, out or root / "site", dist_dir, base_url=base_url, strict=strict)
    diags = result.diagnostics
    print_diagnostics(diags.sorted(), "text")
    if diags.failed(strict=strict):
        click.echo(f"sbfa-pack: the site was not written: {len(diags.errors)} error(s), "
                   f"{len(diags.warnings)} warning(s)", err=True)
        sys.exit(1)
    if result.no_dist:
        click.echo(f"note: no packages in {dist_dir}: run `sbfa-pack build` first to offer downloads", err=True)
    click.echo(f"{out or root / 'site'}: {result.pages} pages; {len(result.written)} written, "
               f"{result.unchanged} unchanged, {len(result.removed)} removed")
