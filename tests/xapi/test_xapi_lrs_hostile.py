"""`sbfa-pack lrs check` against hostile or broken servers on 127.0.0.1 (Issue 19 items 3 and 17,
issue 21 item 8): one line each, never a traceback, never a credential, never a hang."""

from __future__ import annotations

import base64
import contextlib
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from click.testing import CliRunner, Result

from sbfa_pack.cli import main

USER, PASSWORD = "partner-key", "s3cr/et+pw\"x"
TOKEN = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
Handler = Callable[[BaseHTTPRequestHandler], None]


def _check(endpoint: str, *more: str) -> Result:
    return CliRunner().invoke(main, ["lrs", "check", "--endpoint", endpoint, "--timeout", "1", *more],
                              env={"SBFA_LRS_USER": USER, "SBFA_LRS_PASSWORD": PASSWORD})


def _one_error_line(result: Result, code: int = 1) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    for secret in (PASSWORD, TOKEN, USER, TOKEN.replace("/", "\\/"), json.dumps(PASSWORD)[1:-1]):
        assert secret not in result.output
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith("sbfa-pack: error: "), result.output
    return errors[0]


class _Lrs:
    """An LRS on 127.0.0.1 whose answers are given per method and path; it records the headers."""

    def __init__(self, routes: dict[str, Handler]) -> None:
        seen: list[dict[str, str]] = []
        self.seen = seen

        class H(BaseHTTPRequestHandler):
            def _any(self) -> None:
                seen.append(dict(self.headers.items()))
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                key = f"{self.command} {self.path.split('?')[0].rsplit('/', 1)[-1]}"
                routes.get(key, _send(404, b"{}"))(self)

            do_GET = do_POST = do_PUT = do_DELETE = _any

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/xapi/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _send(status: int, body: bytes | str, **headers: str) -> Handler:
    def handle(h: BaseHTTPRequestHandler) -> None:
        data = body.encode() if isinstance(body, str) else body
        h.send_response(status)
        for k, v in headers.items():
            h.send_header(k.replace("_", "-"), v)
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)
    return handle


def _echo_auth(status: int) -> Handler:
    def handle(h: BaseHTTPRequestHandler) -> None:
        auth = h.headers.get("Authorization", "")
        body = json.dumps({"error": "bad statement", "headers": {"Authorization": auth},
                           "user": USER, "password": PASSWORD, "plain": f"{auth} {USER}:{PASSWORD}"})
        _send(status, body)(h)
    return handle


@pytest.fixture
def lrs() -> Iterator[Callable[[dict[str, Handler]], _Lrs]]:
    made: list[_Lrs] = []

    def make(routes: dict[str, Handler]) -> _Lrs:
        made.append(_Lrs(routes))
        return made[-1]
    yield make
    for server in made:
        server.close()


ABOUT = _send(200, '{"version": ["1.0.3"]}')


def test_an_error_body_echoing_the_credentials_is_redacted(lrs: Callable[[dict[str, Handler]], _Lrs]) -> None:
    """Issue 19 item 3: an LRS error body that echoes the Authorization header shows no credential."""
    server = lrs({"GET about": ABOUT, "POST statements": _echo_auth(400)})
    line = _one_error_line(_check(server.url))
    assert "writing a statement failed: HTTP 400" in line and "[redacted]" in line


def test_a_redirect_to_another_origin_gets_no_credentials(lrs: Callable[[dict[str, Handler]], _Lrs]) -> None:
    """Issue 19 item 3: a redirect to another host (or port) is not followed with the credentials."""
    other = lrs({"GET about": ABOUT})
    elsewhere = other.url.replace("127.0.0.1", "localhost") + "about"
    server = lrs({"GET about": _send(302, "", Location=elsewhere)})
    line = _one_error_line(_check(server.url))
    assert "redirected" in line and "not followed" in line
    assert not other.seen  # nothing reached the other origin


def test_a_redirect_within_the_origin_is_followed(lrs: Callable[[dict[str, Handler]], _Lrs]) -> None:
    server = lrs({"GET about": _send(301, "", Location="/xapi/about-v2"), "GET about-v2": ABOUT,
                  "POST statements": _echo_auth(500)})
    result = _check(server.url)
    assert "HTTP 500" in _one_error_line(result)
    assert len(server.seen) == 3  # about, about-v2 (same origin: followed), statements


def test_a_redirected_write_is_not_turned_into_a_read(lrs: Callable[[dict[str, Handler]], _Lrs]) -> None:
    """A 302 answer to the statement's POST is not followed as a GET (which would report a write
    that never happened)."""
    server = lrs({"GET about": ABOUT, "POST statements": _send(302, "", Location="/xapi/other"),
                  "GET other": _send(200, "[]")})
    assert "writing a statement failed: HTTP 302" in _one_error_line(_check(server.url))


@pytest.mark.parametrize(("about", "statements", "expected"), [
    ('{"version": [1.0, 1.03]}', '["a", "b"]', "JSON that is not a statement (a list)"),
    ('{"version": "1.0.3"}', '{"statements": ["a"]}', "a different statement or none"),
    ('{"version": {"x": 1}}', "[" * 100_000, "gave no JSON"),
    ("[" * 100_000, '{"statements": [1, 2]}', "a different statement or none"),
    ('{"version": [null, true, "1.0.3\\u001b[31m"]}', "1e99999", "JSON that is not a statement (a float)"),
])
def test_odd_json_is_one_line(lrs: Callable[[dict[str, Handler]], _Lrs], about: str, statements: str,
                              expected: str) -> None:
    """Issue 19 item 17: /about versions as numbers, a statements answer that is a list of
    strings, JSON nested too deep, non-finite numbers: one line each."""
    server = lrs({"GET about": _send(200, about), "POST statements": _send(200, '["x"]'),
                  "GET statements": _send(200, statements)})
    result = _check(server.url)
    assert expected in _one_error_line(result)
    assert "\x1b" not in result.output


def _raw_server(talk: Callable[[socket.socket], None]) -> Iterator[str]:
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(10)

    def serve() -> None:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn, contextlib.suppress(OSError):  # the client went away: what a trickle test wants
            talk(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/xapi/"
    listener.close()
    thread.join(15)


@pytest.fixture
def ssh() -> Iterator[str]:
    def banner(conn: socket.socket) -> None:
        conn.sendall(b"SSH-2.0-OpenSSH_9.6p1 Debian-4\r\n")
        conn.recv(1024)
    yield from _raw_server(banner)


@pytest.fixture
def trickle() -> Iterator[str]:
    def slow(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\n")
        for _ in range(40):  # a header byte every 0.5 s: each read is quick, the answer never ends
            time.sleep(0.5)
            conn.sendall(b"X")
    yield from _raw_server(slow)


@pytest.fixture
def hangup() -> Iterator[str]:
    def close(conn: socket.socket) -> None:
        conn.recv(1024)
    yield from _raw_server(close)


def test_a_server_that_closes_without_an_answer_is_one_line(hangup: str) -> None:
    assert "closed the connection without an answer" in _one_error_line(_check(hangup))


def test_a_server_that_is_not_http_is_one_line(ssh: str) -> None:
    """Issue 19 item 17: an SSH banner instead of HTTP."""
    line = _one_error_line(_check(ssh))
    assert "does not answer as an HTTP server does" in line and "SSH-2.0" in line


def test_a_trickling_server_is_cut_at_the_timeout(trickle: str) -> None:
    """Issue 19 items 3 and 17: the timeout is a deadline for the whole answer, not per read."""
    line = _one_error_line(_check(trickle))
    assert "no complete answer from the LRS within 1 s" in line


@pytest.mark.parametrize("endpoint", ["http://[::1/xapi/", "http://[::1", "http://lrs.example.org:abc/xapi/",
                                      "http://lrs.exa\x1bmple.org/", "http://lrs.example.org/x\x00api/",
                                      "http://lrs.example.org/x api/", "https://u:p@lrs.example.org:x/"])
def test_an_unusable_endpoint_is_a_usage_error(endpoint: str) -> None:
    """Issue 19 item 17: unclosed IPv6 literal, control characters, a port that is no number."""
    line = _one_error_line(_check(endpoint), code=2)
    assert line.startswith("sbfa-pack: error: --endpoint: ")


@pytest.mark.parametrize("timeout", ["nan", "inf", "-inf", "-1", "0", "NaN", "1e999"])
def test_a_timeout_that_is_no_number_of_seconds_is_a_usage_error(timeout: str) -> None:
    """Issue 21 item 8: non-finite, negative or zero timeouts."""
    result = CliRunner().invoke(main, ["lrs", "check", "--endpoint", "http://127.0.0.1:9/", "--user", "u",
                                       "--password", "p", "--timeout", timeout])
    assert "--timeout" in _one_error_line(result, code=2)


def test_short_credentials_are_redacted_where_they_stand_alone() -> None:
    """Issue 19 item 3: a short user or password echoed by a server is redacted too, without
    blanking every word that contains it."""
    from sbfa_pack.lrs_client import Client

    client = Client("http://127.0.0.1:9/xapi", "bob", "pw", 1)
    shown = client.shown(f"user=bob password=pw auth=Basic {base64.b64encode(b'bob:pw').decode()} bobby\x1b[2J")
    assert shown == "user=[redacted] password=[redacted] auth=Basic [redacted] bobby [2J"
