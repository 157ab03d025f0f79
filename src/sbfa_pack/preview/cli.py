"""``sbfa-pack preview``: build one course in memory, play it in a simulated LMS, rebuild on change."""

from __future__ import annotations

import ipaddress
import signal
import socket
import sys
import webbrowser
from pathlib import Path

import click

from ..cli import _clean_errors, _interrupt
from ..diagnostics import render
from ..errors import SbfaError
from ..paths import project_root, selection
from .server import Preview, status
from .session import FORMATS, Choice, Session, Snapshot, start
from .watch import Watcher


@click.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--lang", "language", metavar="L", default=None, help="Language to show [default: the source language].")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="scorm12", show_default=True,
              help="The LMS to simulate: a SCORM 1.2 API, or a local xAPI endpoint.")
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port [default: a free one].")
@click.option("--host", default=None, metavar="H",
              help="Address to listen on [default: 127.0.0.1; one beyond loopback shows the preview to your network].")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the default browser.")
@_clean_errors
def preview(path: Path | None, language: str | None, fmt: str, port: int, host: str | None,
            open_browser: bool) -> None:
    """Preview a course (or the exercise in PATH) in a simulated LMS; rebuilds when a source changes."""
    root = project_root(path or Path.cwd())
    only = selection(root, (path,)) if path else None
    unit, lang, extra = start(root, only, language)
    session = Session(root, Choice(unit, lang, fmt))
    _report(session.rebuild(), first=True)
    address = host or "127.0.0.1"
    warning = exposure(address)
    if warning:
        click.echo(warning, err=True)
    try:
        server, watcher = open_preview(session, address, port, extra)
    except OSError as exc:
        raise SbfaError(message=f"cannot listen on {address} port {port}: {exc.strerror or exc}"
                                + ("; choose another with --port" if port else "")) from None
    real_port = server.server_address[1]
    url = f"http://{f'[{address}]' if ':' in address else address}:{real_port}/"
    click.echo(f"Preview: {url}  (Ctrl-C stops)")
    if open_browser:
        webbrowser.open(url)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        watcher.stop.set()
        server.server_close()
        click.echo("sbfa-pack: preview stopped", err=True)
        sys.exit(130)


def exposure(address: str) -> str | None:
    """The warning line for an address other computers may reach (None for loopback)."""
    try:
        loopback = address == "localhost" or ipaddress.ip_address(address).is_loopback
    except ValueError:
        loopback = False  # a host name: it may resolve to anything
    if loopback:
        return None
    return (f"sbfa-pack: warning: listening on {address}: anyone who can reach this computer there can open "
            "the preview and its xAPI endpoint")


def open_preview(session: Session, address: str = "127.0.0.1", port: int = 0,
                 extra: list[Path] | None = None) -> tuple[Preview, Watcher]:
    """The server for ``session`` (built once already) and its started watcher; serve with
    ``server.serve_forever()``. On loopback only the loopback names are answered (DNS rebinding)."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    cls = type("Preview6", (Preview,), {"address_family": family}) if family == socket.AF_INET6 else Preview
    server: Preview = cls((address, port), session, None, lambda choice: _select(server, choice))
    if exposure(address) is None:
        real_port = server.server_address[1]
        server.allowed_hosts = {f"{name}:{real_port}" for name in ("127.0.0.1", "localhost", "[::1]")}
    watcher = Watcher(session.root, lambda changed: _changed(server, changed), extra or [])
    watcher.start()
    return server, watcher


def _select(server: Preview, choice: Choice) -> None:
    """The shell picked another unit or language: build it and tell every open shell."""
    snap = server.session.rebuild(choice)
    _report(snap)
    server.hub.publish("build", status(snap))


def _changed(server: Preview, changed: list[Path]) -> None:
    """Sources changed: rebuild the unit on show when they can affect it, and tell the shells."""
    if not server.session.affected_by(changed):
        return
    snap = server.session.rebuild()
    _report(snap)
    server.hub.publish("build", status(snap))


def _report(snap: Snapshot, first: bool = False) -> None:
    c = snap.choice
    what = f"{c.unit.split(':', 1)[1]} ({c.language}, {c.format})"
    if snap.ok:
        if snap.diagnostics:  # warnings and notes: the build works, but the author should know
            click.echo(render(snap.diagnostics, "text"), err=True)
        click.echo(f"{'Built' if first else 'Rebuilt'} {what} in {snap.seconds:.2f} s")
    else:
        click.echo(render(snap.diagnostics, "text"), err=True)
        click.echo(f"Build of {what} failed: the preview shows the errors until they are fixed", err=True)
