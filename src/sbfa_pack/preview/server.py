"""The preview server: the shell page (a simulated LMS), the package files from memory, the local
xAPI endpoint, and Server-Sent Events telling the shell when a rebuild is ready.

Standard library only (:class:`http.server.ThreadingHTTPServer`): one author, one browser, on
loopback. The package is served exactly as built; only the shell page, which hosts it in an
iframe, carries the reload client.
"""

from __future__ import annotations

import http.server
import json
import mimetypes
import sys
import threading
from collections.abc import Callable
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from ..diagnostics import render
from .lrs import VERSION, Store
from .session import Choice, Session, Snapshot

SHELL_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
             "frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
_STATIC = {"/": ("shell.html", "text/html; charset=utf-8"),
           "/preview/shell.css": ("shell.css", "text/css; charset=utf-8"),
           "/preview/shell.js": ("shell.js", "text/javascript; charset=utf-8"),
           "/preview/panel.js": ("panel.js", "text/javascript; charset=utf-8"),
           "/preview/scorm12api.js": ("scorm12api.js", "text/javascript; charset=utf-8")}
_KEEPALIVE = 15.0


def status(snap: Snapshot) -> dict[str, Any]:
    """What the shell needs to know about a build (also the data of each ``build`` event)."""
    return {"generation": snap.generation, "ok": snap.ok, "digest": snap.digest, "seconds": round(snap.seconds, 3),
            "title": snap.title, "unit": snap.choice.unit, "language": snap.choice.language,
            "format": snap.choice.format, "units": [list(u) for u in snap.units], "languages": list(snap.languages),
            "diagnostics": render(snap.diagnostics, "text"),
            "errors": sum(d.severity == "error" for d in snap.diagnostics),
            "warnings": sum(d.severity == "warning" for d in snap.diagnostics)}


class Hub:
    """The events every open shell receives: the last build, and a count of xAPI statements."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.events: list[tuple[int, str, str]] = []  # (sequence, event name, JSON data)
        self.seq = 0
        self.closed = False

    def publish(self, name: str, data: dict[str, Any]) -> None:
        with self.cond:
            self.seq += 1
            self.events = [*self.events[-20:], (self.seq, name, json.dumps(data, ensure_ascii=False))]
            self.cond.notify_all()

    def wait(self, after: int, timeout: float) -> list[tuple[int, str, str]]:
        with self.cond:
            self.cond.wait_for(lambda: self.closed or self.seq > after, timeout)
            return [e for e in self.events if e[0] > after]

    def close(self) -> None:
        with self.cond:
            self.closed = True
            self.cond.notify_all()


class Preview(http.server.ThreadingHTTPServer):
    """The server, holding the session (the build on show), the hub and the xAPI store."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], session: Session, allowed_hosts: set[str] | None,
                 on_select: Callable[[Choice], None]) -> None:
        self.session, self.hub, self.store = session, Hub(), Store()
        self.allowed_hosts = allowed_hosts
        self.on_select = on_select
        super().__init__(address, Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return  # a browser closing a connection it no longer needs: not worth a traceback
        super().handle_error(request, client_address)

    def server_close(self) -> None:
        self.hub.close()
        super().server_close()


class Handler(http.server.BaseHTTPRequestHandler):
    server: Preview
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # the base class names it "format"
        pass  # the terminal shows rebuilds, not every request

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")

    def do_PUT(self) -> None:
        self._route("PUT")

    def do_DELETE(self) -> None:
        self._route("DELETE")

    def _route(self, method: str) -> None:
        url = urlsplit(self.path)
        path = unquote(url.path)
        if not self._host_ok():
            return self._send(421, b"unexpected Host header", "text/plain")
        body = self._body()
        if path.startswith("/xapi/"):
            query = dict(parse_qsl(url.query, keep_blank_values=True))
            code, headers, data = self.server.store.handle(method, path[6:], query, body,
                                                           self.headers.get("Content-Type", ""))
            if method in ("POST", "PUT") and path == "/xapi/statements" and code < 300:
                self.server.hub.publish("xapi", {"count": len(self.server.store.statements)})
            return self._send(code, data, headers.get("Content-Type", ""), {"X-Experience-API-Version": VERSION})
        if method == "GET" and path in _STATIC:
            name, ctype = _STATIC[path]
            csp = {"Content-Security-Policy": SHELL_CSP} if name.endswith(".html") else {}
            return self._send(200, resources.files(__package__).joinpath("static", name).read_bytes(), ctype, csp)
        if method == "GET" and path.startswith("/pkg/"):
            return self._package(path[5:])
        if method == "GET" and path == "/preview/events":
            return self._events()
        if method == "GET" and path == "/preview/status":
            return self._json(status(self._current()))
        if method == "GET" and path == "/preview/statements":
            return self._json(self.server.store.log())
        if method == "POST" and path in ("/preview/select", "/preview/reset"):
            return self._post(path, body) if self._same_origin() else self._send(403, b"another origin", "text/plain")
        return self._send(404, b"not found", "text/plain")

    def _post(self, path: str, body: bytes) -> None:
        if path == "/preview/reset":
            self.server.store.reset()
            self.server.hub.publish("xapi", {"count": 0})
            return self._json({"ok": True})
        try:
            asked = json.loads(body or b"{}")
            now = self.server.session.choice
            choice = Choice(str(asked.get("unit") or now.unit), str(asked.get("language") or now.language),
                            now.format)
        except (ValueError, AttributeError):
            return self._send(400, b"bad request", "text/plain")
        self.server.on_select(choice)
        return self._json(status(self._current()))

    def _current(self) -> Snapshot:
        snap = self.server.session.current
        assert snap is not None, "the server starts after the first build"
        return snap

    def _package(self, name: str) -> None:
        snap = self.server.session.good or self._current()
        data = snap.files.get(name or "index.html")
        if data is None:
            return self._send(404, b"not in the package", "text/plain")
        ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        self._send(200, data, ctype)

    def _events(self) -> None:
        """Server-Sent Events: the current build at once, then every new event, until the server stops."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        hub = self.server.hub
        seen = hub.seq
        try:
            self._event("build", json.dumps(status(self._current())))
            while not hub.closed:
                events = hub.wait(seen, _KEEPALIVE)
                if not events:
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
                for seq, name, data in events:
                    seen = seq
                    self._event(name, data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the shell was closed or reloaded

    def _event(self, name: str, data: str) -> None:
        self.wfile.write(f"event: {name}\ndata: {data}\n\n".encode())
        self.wfile.flush()

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(min(length, 16 * 1024 * 1024)) if length > 0 else b""

    def _host_ok(self) -> bool:
        """Only the names this server was opened under: a page elsewhere cannot reach it through
        a name of its own that resolves to 127.0.0.1 (DNS rebinding)."""
        allowed = self.server.allowed_hosts
        return allowed is None or (self.headers.get("Host") or "") in allowed

    def _same_origin(self) -> bool:
        origin = self.headers.get("Origin")
        return origin is None or origin.split("://", 1)[-1] == (self.headers.get("Host") or "")

    def _json(self, data: Any) -> None:
        self._send(200, json.dumps(data, ensure_ascii=False).encode(), "application/json")

    def _send(self, code: int, data: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
