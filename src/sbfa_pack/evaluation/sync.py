"""``sbfa-pack report sync``: an xAPI 1.0.3 LRS's statements about our activities into the local store.

- **Filtered**: one query per course and toolkit exercise of the project (``activity=<IRI>`` with
  ``related_activities=true``: every statement on it or within it), or per ``--activity``.
- **Paged, bounded memory**: ``limit`` statements a page, following ``more`` (relative or
  absolute, on the endpoint's origin only); each page is mapped and written to the store, with
  the watermark, in one transaction, before the next is asked for.
- **Incremental**: the watermark of a query is the greatest ``stored`` seen; the next sync asks
  ``since`` it less ``--overlap`` (default 7 days), and ids already stored are skipped, so the
  overlap costs only the reading. It is there because Ralph (every backend) filters ``since`` on
  the statements' ``timestamp``, not on ``stored`` as xAPI says: a statement a phone kept offline
  for days arrives with an old timestamp, and only the overlap brings it in.
- **Safe to interrupt**: a page is in the store whole or not at all. The watermark advances page by
  page only while the LRS's pages come oldest first (``ascending=true``); if they do not, it
  advances only when the whole query has been read. Either way a re-run loses and duplicates
  nothing.
"""

from __future__ import annotations

import sys
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import click

from ..errors import SbfaError, UsageError
from ..lrs import _check_options
from ..lrs_client import Answer, Client, LrsError
from .statements import iso_utc, record, seconds
from .store import DEFAULT_STORE, Store

"""The store's place in a project (the same as ``sbfa-pack report``'s), unless ``--store`` says otherwise."""
PAGE = 500
OVERLAP = 7 * 86400.0
"""Seconds before the watermark the next sync starts from (see the module doc)."""
MAX_PAGE_BYTES = 256 * 1024 * 1024
"""The largest page read (a statement is 1–3 KB: 500 a page is well under 2 MB)."""


@dataclass
class Summary:
    read: int = 0
    new: int = 0
    other: int = 0
    """Statements the LRS returned that are none of ours (no course IRI or no usable actor)."""
    pages: int = 0


def activities(root: Path) -> list[str]:
    """The course and toolkit exercise IRIs of the project at ``root`` (loaded with the loader)."""
    from ..diagnostics import Diagnostics
    from ..load import load_project
    from ..paths import find_root, project_root

    diags = Diagnostics()
    if find_root(root) is None:
        raise UsageError(message=f"no sbfa.yaml in {root} or its parents: give --project DIR (the courses "
                         "whose statements to read) or --activity IRI")
    lp = load_project(project_root(root), diags)
    if lp is None:
        raise UsageError(message=f"{root}: the project file cannot be read; check it with `sbfa-pack validate`")
    base = str(lp.project.xapi.base_iri).rstrip("/")
    return [f"{base}/courses/{cid}" for cid in sorted(lp.courses)] + \
           [f"{base}/toolkit/{eid}" for eid in sorted(lp.exercises)]


def inherited(store: Path | None, project: Path | None) -> tuple[Path | None, Path | None]:
    """``--store``/``--project`` given to the ``report`` group before the subcommand
    (``report --store F sync …``) count as the subcommand's own."""
    ctx = click.get_current_context(silent=True)
    parent = ctx.parent.params if ctx is not None and ctx.parent is not None else {}
    return store or parent.get("store"), project or parent.get("project")


def store_file(store: Path | None, project: Path | None) -> Path:
    """``--store``, else ``reports/records.sqlite`` in the project (given or around the current folder)."""
    from ..paths import find_root

    if store is not None:
        return store
    root = find_root(project or Path.cwd())
    if root is None:
        raise UsageError(message="no project here: give --store FILE (or --project DIR)")
    return root / DEFAULT_STORE


def _when(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    when = iso_utc(value)
    if not when:
        raise UsageError(message=f"{option}: '{value}' is not an ISO 8601 time (such as 2026-12-01T00:00:00Z)")
    return when


def _later(a: str | None, b: str | None) -> str | None:
    """The later of two ISO times (None counts as earliest)."""
    if a is None or b is None:
        return a or b
    return a if datetime.fromisoformat(a) >= datetime.fromisoformat(b) else b


def _minus(when: str, secs: float) -> str:
    moved = datetime.fromisoformat(when) - timedelta(seconds=secs)
    return moved.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _page(client: Client, answer: Answer, what: str) -> tuple[list[Any], str | None]:
    if answer.status != 200:
        hint = {401: " (the user or password is wrong)", 403: " (the credentials may not read statements)",
                404: " (is the endpoint the LRS's xAPI URL?)"}.get(answer.status, "")
        raise LrsError(message=f"reading statements ({what}) failed: HTTP {answer.status}{hint}")
    body = answer.json()
    if not isinstance(body, dict) or not isinstance(body.get("statements"), list):
        raise LrsError(message=f"reading statements ({what}): the answer is not an xAPI statement result; "
                       "is the endpoint the LRS's xAPI URL?")
    more = body.get("more")
    return body["statements"], more if isinstance(more, str) and more.strip() else None


def sync_activity(client: Client, store: Store, activity: str, *, since: str | None = None,
                  until: str | None = None, limit: int = PAGE, overlap: float = OVERLAP,
                  summary: Summary | None = None,
                  each_page: Callable[[int], None] | None = None) -> Summary:
    """Read every statement about ``activity`` into ``store``, page by page (see the module doc)."""
    summary = summary or Summary()
    key = f"sync:{client.endpoint}|{activity}"
    watermark = store.meta(key)
    lower = since or (_minus(watermark, overlap) if watermark else None)
    # A --since later than the watermark leaves a gap before it: the watermark then stays put.
    advance = since is None or (watermark is not None and _later(since, watermark) == watermark)
    params = {"activity": activity, "related_activities": "true", "ascending": "true", "limit": str(limit)}
    if lower:
        params["since"] = lower
    if until:
        params["until"] = until
    url: str | None = f"{client.endpoint}statements?{urllib.parse.urlencode(params)}"
    source = f"lrs:{client.endpoint}"
    newest: str | None = None  # the greatest stored of this run
    ordered = True
    while url:
        statements, more = _page(client, client.call_url("GET", url), activity)
        names: dict[str, tuple[str, str]] = {}
        records = [r for st in statements if (r := record(st, store, source, names)) is not None]
        stored = sorted({w for st in statements if isinstance(st, dict) and (w := iso_utc(str(st.get("stored", ""))))},
                        key=datetime.fromisoformat)
        if stored:
            if newest is not None and _later(newest, stored[0]) != stored[0]:
                ordered = False  # this page starts before the last one ended: the pages are not oldest first
            newest = _later(newest, stored[-1])
        summary.pages += 1
        # From the second page on, the order is known: oldest first lets the watermark follow each page.
        meta = {key: seen} if advance and ordered and summary.pages > 1 and (seen := _later(watermark, newest)) else {}
        summary.new += store.add(records, meta, names)
        summary.read += len(statements)
        summary.other += len(statements) - len(records)
        if each_page:
            each_page(summary.pages)
        following = urllib.parse.urljoin(client.endpoint, more) if more and statements else None
        if following == url:
            raise LrsError(message=f"reading statements ({activity}): the LRS's 'more' link points to the same page")
        url = following
    if advance and (seen := _later(watermark, newest)):
        store.add([], {key: seen})
    return summary


@click.command("sync")
@click.option("--endpoint", envvar="SBFA_LRS_ENDPOINT", required=True, metavar="URL",
              help="The LRS xAPI endpoint, e.g. https://lrs.example.org/xAPI/ [env SBFA_LRS_ENDPOINT].")
@click.option("--user", envvar="SBFA_LRS_USER", required=True, help="Key or user name [env SBFA_LRS_USER].")
@click.option("--password", envvar="SBFA_LRS_PASSWORD", required=True, show_default=False,
              help="Secret or password [env SBFA_LRS_PASSWORD; prefer the variable: options show in `ps`].")
@click.option("--store", "store_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=f"The local store (SQLite; created if missing) [default: {DEFAULT_STORE} in the project].")
@click.option("--project", type=click.Path(exists=True, path_type=Path), default=None,
              help="The project whose courses and toolkit exercises to read (default: the current folder's).")
@click.option("--activity", "extra", multiple=True, metavar="IRI",
              help="Read statements about this activity IRI instead of the project's (repeatable).")
@click.option("--since", default=None, metavar="ISO", help="Only statements stored after this time.")
@click.option("--until", default=None, metavar="ISO", help="Only statements stored at or before this time.")
@click.option("--limit", type=click.IntRange(1, 10000), default=PAGE, show_default=True,
              help="Statements asked for per page (the LRS may send fewer).")
@click.option("--overlap", default="P7D", show_default=True, metavar="DURATION",
              help="ISO 8601 duration: how far before the last sync's newest statement to ask from again.")
@click.option("--timeout", type=float, default=30.0, show_default=True,
              help="Seconds (0.5 to 120) within which each page must be complete.")
def sync(endpoint: str, user: str, password: str, store_path: Path | None, project: Path | None, extra: tuple[str, ...],
         since: str | None, until: str | None, limit: int, overlap: str, timeout: float) -> None:
    """Copy an LRS's statements about the project's courses into the local store (incremental)."""
    try:
        _check_options(endpoint, timeout)
        lower, upper = _when(since, "--since"), _when(until, "--until")
        back = seconds(overlap)
        if back is None:
            raise UsageError(message=f"--overlap: '{overlap}' is not an ISO 8601 duration (such as P7D or PT1H)")
        store_path, project = inherited(store_path, project)
        iris = list(extra) or activities(project or Path.cwd())
        store_path = store_file(store_path, project)
        client = Client(endpoint, user, password, timeout)
        client.max_body = MAX_PAGE_BYTES
        summary = Summary()
        with Store(store_path) as store:
            for iri in iris:
                sync_activity(client, store, iri, since=lower, until=upper, limit=limit, overlap=back,
                              summary=summary)
    except SbfaError as exc:
        click.echo(f"sbfa-pack: error: {exc}", err=True)
        raise SystemExit(exc.exit_code) from None
    except KeyboardInterrupt:
        click.echo("sbfa-pack: interrupted; the store keeps every page read whole; run sync again to go on",
                   err=True)
        sys.exit(130)
    other = f"; {summary.other} not about our courses (skipped)" if summary.other else ""
    click.echo(f"report sync: {summary.read} statements read in {summary.pages} pages, "
               f"{summary.new} new in {store_path}{other}")
