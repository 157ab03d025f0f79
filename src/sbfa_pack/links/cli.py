"""``sbfa-pack links check``: thin: parse options, call :func:`check_links`, print, choose the exit code.

Exit codes: 0 no dead or moved link (slow and uncheckable ones are notes); 1 sources with errors,
or with ``--strict`` a dead or permanently redirected link; 2 usage error; 3 the machine is offline
(nothing was judged and ``links-checked.json`` is unchanged).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import SbfaError
from ..report import error_line, print_diagnostics


@click.group()
def links() -> None:
    """Check the project's links to the web (resource bank, Markdown, checklists)."""


@links.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--concurrency", type=click.IntRange(1, 64), default=8, show_default=True,
              help="Requests in flight at once, in total.")
@click.option("--per-host", type=click.IntRange(1, 16), default=2, show_default=True,
              help="Requests in flight at once to one host.")
@click.option("--timeout", type=click.FloatRange(0.05, 300), default=10.0, show_default=True,
              help="Seconds to wait for a connection or an answer.")
@click.option("--retries", type=click.IntRange(0, 10), default=2, show_default=True,
              help="Tries again after a timeout, 5xx or 429, with a growing pause (Retry-After honoured).")
@click.option("--slow", type=click.FloatRange(0), default=5.0, show_default=True,
              help="An answer slower than this many seconds is reported as slow.")
@click.option("--host-delay", type=click.FloatRange(0, 60), default=0.5, show_default=True, metavar="S",
              help="Least seconds between two requests to one host (robots.txt's Crawl-delay when longer).")
@click.option("--max-age", type=click.FloatRange(0), default=0.0, show_default=True, metavar="DAYS",
              help="Skip links checked fewer than DAYS days ago (their cached result is reported); 0 checks all.")
@click.option("--allow-private", is_flag=True,
              help="Also check hosts on loopback, private or link-local addresses (an intranet).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit", "github"]), default="text",
              help="Output format for diagnostics.")
@click.option("--strict", is_flag=True, help="Dead and permanently redirected links fail the check (exit 1).")
def check(path: Path | None, concurrency: int, per_host: int, timeout: float, retries: int, slow: float,
          host_delay: float, max_age: float, allow_private: bool, fmt: str, strict: bool) -> None:
    """Check every external URL of the project and cache the results in links-checked.json."""
    from ..paths import project_root
    from . import CACHE_FILE, OFFLINE_EXIT, Offline, Settings, check_links

    settings = Settings(concurrency=concurrency, per_host=per_host, timeout=timeout, retries=retries, slow=slow,
                        host_delay=host_delay, allow_private=allow_private)
    try:
        root = project_root(path or Path.cwd())
        report = check_links(root, settings, max_age_days=max_age)
    except Offline as exc:
        click.echo(f"sbfa-pack: cannot check links: this machine seems offline ({exc}); "
                   f"{CACHE_FILE} is unchanged", err=True)
        sys.exit(OFFLINE_EXIT)
    except SbfaError as exc:
        error_line(str(exc))
        sys.exit(exc.exit_code)
    except OSError as exc:  # the cache could not be written: a read-only checkout, a full disk
        error_line(f"{exc.filename + ': ' if exc.filename else ''}{exc.strerror or exc}")
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo(f"sbfa-pack: interrupted; {CACHE_FILE} is unchanged", err=True)
        sys.exit(130)
    diags = report.diagnostics
    print_diagnostics(diags.sorted(), fmt)
    if fmt == "text" and not diags.errors:
        click.echo(report.summary(), err=True)
    if diags.failed(strict=strict):
        sys.exit(1)
