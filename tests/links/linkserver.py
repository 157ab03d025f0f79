"""A threaded HTTP server on 127.0.0.1 that answers every case the link checker must classify,
and counts the requests it has in flight (each server, and all servers sharing one ``Gauge``)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

ROBOTS = b"User-agent: *\nDisallow: /private/\n"
CRAWL_DELAY = 3
"""robots.txt's Crawl-delay at /paced/ servers (``servers(robots=ROBOTS_PACED)``)."""
ROBOTS_PACED = b"User-agent: sbfa-pack\nCrawl-delay: 3\nDisallow: /private/\n"
HANG = 1.0
"""How long /hang waits before answering: beyond the tests' 0.3 s timeout."""
BUSY_WAIT = "7"
"""The Retry-After of /busy's first answer (the tests' sleep only records it)."""


class Gauge:
    """Requests in flight now, and the most there ever were."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now = 0
        self.most = 0

    def up(self) -> None:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)

    def down(self) -> None:
        with self.lock:
            self.now -= 1


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_HEAD(self) -> None:
        self._answer()

    def do_GET(self) -> None:
        self._answer()

    def _answer(self) -> None:
        srv = self.server
        gauges = self._gauges = [srv.here, srv.total]
        for g in gauges:
            g.up()
        try:
            with srv.lock:
                srv.log.append((self.command, self.path, self.headers.get("User-Agent", "")))
                srv.hits[self.path] = srv.hits.get(self.path, 0) + 1
                hits = srv.hits[self.path]
            self._route(hits)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            self._release()

    def _release(self) -> None:
        """The request stops counting as in flight just before its answer's last bytes go out: the
        client can only start its next request after reading them, so a handler thread still
        closing never makes two requests look simultaneous."""
        while self._gauges:
            self._gauges.pop().down()

    def _route(self, hits: int) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/robots.txt":
            if self.server.robots.startswith(b"http"):  # a robots.txt that redirects there
                return self._send(302, location=self.server.robots.decode())
            return self._send(200, self.server.robots)
        if path == "/to-private":
            return self._send(302, location="http://10.1.2.3/page")
        if path in ("/ok", "/final") or path.startswith("/private/"):
            return self._send(200)
        if path == "/moved":
            return self._send(301, location="/ok")
        if path == "/chain":
            return self._send(302, location="/chain-2")
        if path == "/chain-2":
            return self._send(307, location=f"http://127.0.0.1:{self.server.server_port}/final")
        if path == "/loop-a":
            return self._send(301, location="/loop-b")
        if path == "/loop-b":
            return self._send(302, location="/loop-a")
        if path == "/gone":
            return self._send(404)
        if path == "/broken":
            return self._send(500)
        if path == "/busy":
            return self._send(429, retry_after=BUSY_WAIT) if hits == 1 else self._send(200)
        if path == "/no-head":
            return self._send(405 if self.command == "HEAD" else 200)
        if path == "/hang":
            time.sleep(HANG)
            return self._send(200)
        if path.startswith("/slow/"):
            time.sleep(0.15)
            return self._send(200)
        return self._send(404)

    def _send(self, status: int, body: bytes = b"", location: str = "", retry_after: str = "") -> None:
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        if retry_after:
            self.send_header("Retry-After", retry_after)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        if self.command == "HEAD" or not body:
            self._release()
        self.end_headers()
        if self.command != "HEAD" and body:
            self._release()
            self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, total: Gauge, robots: bytes) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.robots = robots
        self.here = Gauge()
        self.total = total
        self.lock = threading.Lock()
        self.log: list[tuple[str, str, str]] = []
        self.hits: dict[str, int] = {}

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_port}{path}"


@contextmanager
def servers(n: int = 1, robots: bytes = ROBOTS) -> Iterator[tuple[list[_Server], Gauge]]:
    """``n`` servers on 127.0.0.1 (each its own host for the checker: host and port), and their
    shared gauge; ``robots`` is the text of their robots.txt, or a URL it redirects to."""
    total = Gauge()
    running = [_Server(total, robots) for _ in range(n)]
    threads = [threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
               for s in running]
    for t in threads:
        t.start()
    try:
        yield running, total
    finally:
        for s in running:
            s.shutdown()
            s.server_close()
