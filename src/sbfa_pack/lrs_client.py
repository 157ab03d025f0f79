"""The HTTP side of ``sbfa-pack lrs check``: a minimal xAPI client that treats the server as
untrusted.

- Credentials go only to the endpoint's origin: a redirect within it is followed (three at most),
  one to another origin is an error and is never sent the Authorization header.
- Each answer, headers and body, must be complete within the timeout (a deadline, not a
  per-read timeout: a server trickling a byte at a time cannot hold the check); bodies are read
  up to 1 MB.
- Nothing derived from the credentials is ever shown: text from the server goes through
  :meth:`Client.shown`, which removes the user, the password and the Basic token (in the forms a
  server may echo them), control characters, and keeps it short.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import json
import re
import socket
import ssl
import threading
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any

from .errors import SbfaError
from .xapi import XAPI_VERSION

MAX_BODY = 1024 * 1024
"""The longest answer read (an LRS's answers to the check are a few kilobytes)."""
MAX_REDIRECTS = 3
_REDIRECTS = (301, 302, 303, 307, 308)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+")
_BASIC = re.compile(r"(?i)\bbasic\s+[a-z0-9+/=_-]{4,}")


class LrsError(SbfaError):
    """The LRS cannot be used as configured (unreachable, credentials refused, wrong answers)."""


@dataclass
class Answer:
    """One HTTP answer of the LRS (headers with lower-case names)."""

    status: int
    body: bytes
    headers: dict[str, str]

    def json(self) -> Any:
        """The body as JSON, or None when it is not JSON (an LRS may answer with an HTML page)."""
        try:
            return json.loads(self.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError, RecursionError):
            return None


def origin(url: str) -> tuple[str, str, int]:
    """Scheme, host and port of ``url`` (raises ValueError for a URL that has none)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"'{url}' is not an http(s) URL")
    return parts.scheme, parts.hostname.lower(), parts.port or (443 if parts.scheme == "https" else 80)


class Client:
    """A minimal xAPI client (stdlib only) that always sends the version header (XAPI-C §3.3)."""

    def __init__(self, endpoint: str, user: str, password: str, timeout: float) -> None:
        self.endpoint = endpoint if endpoint.endswith("/") else endpoint + "/"  # checklist XP-8
        self.origin = origin(self.endpoint)
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        self.headers = {"Authorization": f"Basic {token}", "X-Experience-API-Version": XAPI_VERSION}
        self.timeout = timeout
        self.max_body = MAX_BODY
        """The longest answer read; a longer one raises :class:`LrsError` (``report sync`` raises it)."""
        self._secrets = sorted(_forms(user, password, token), key=len, reverse=True)

    def shown(self, text: str, limit: int = 200) -> str:
        """Server text fit to print: on one line, short, without anything of the credentials."""
        text = _BASIC.sub("Basic [redacted]", text)
        for secret in self._secrets:
            if len(secret) >= 4:
                text = text.replace(secret, "[redacted]")
            else:  # a short one only where it stands alone (else every such letter would go)
                text = re.sub(rf"(?<![0-9A-Za-z]){re.escape(secret)}(?![0-9A-Za-z])", "[redacted]", text)
        text = _CONTROL.sub(" ", text).strip()
        return text if len(text) <= limit else text[: limit - 1] + "…"

    def call(self, method: str, path: str, params: dict[str, str] | None = None, body: Any = None) -> Answer:
        """One request to ``<endpoint><path>``; an unreachable or non-HTTP server raises :class:`LrsError`."""
        url = self.endpoint + path + ("?" + urllib.parse.urlencode(params) if params else "")
        return self.call_url(method, url, body)

    def call_url(self, method: str, url: str, body: Any = None) -> Answer:
        """One request to an absolute ``url`` (a statements ``more`` link, resolved by the caller),
        which must be on the endpoint's origin: the credentials go nowhere else."""
        try:
            same = origin(url) == self.origin
        except ValueError:
            same = False
        if not same:
            raise LrsError(message=f"the LRS pointed to another address, {self.shown(url, 120)}: not followed, "
                           "the credentials go only to the endpoint's own host")
        path = urllib.parse.urlsplit(url[len(self.endpoint):] if url.startswith(self.endpoint) else url).path
        data = json.dumps(body).encode() if body is not None else None
        for _ in range(MAX_REDIRECTS + 1):
            answer = self._within_deadline(method, url, data)
            location = answer.headers.get("location")
            if answer.status not in _REDIRECTS or not location:
                return answer
            if data is not None and answer.status not in (307, 308):
                return answer  # following would drop the statement (a GET): reported as the HTTP status
            target = urllib.parse.urljoin(url, location)
            try:
                same = origin(target) == self.origin
            except ValueError:
                same = False
            if not same:
                raise LrsError(message=f"the LRS redirected {method} {path} (HTTP {answer.status}) to another "
                               f"address, {self.shown(target, 120)}: not followed, the credentials go only to "
                               "the endpoint's own host; give the final URL as --endpoint if you trust it")
            url = target
        raise LrsError(message=f"the LRS redirected {method} {path} more than {MAX_REDIRECTS} times")

    def _within_deadline(self, method: str, url: str, data: bytes | None) -> Answer:
        """The answer, complete within the timeout; the request runs in a thread so that neither a
        slow name lookup nor a trickling server can hold the check past its deadline."""
        result: list[Answer | BaseException] = []
        conn = self._connection(url)

        def run() -> None:
            try:
                result.append(self._request(conn, method, url, data))
            except BaseException as exc:  # handed to the caller
                result.append(exc)

        worker = threading.Thread(target=run, daemon=True)
        started = time.monotonic()
        worker.start()
        worker.join(self.timeout)
        if not result:
            with contextlib.suppress(OSError):  # wakes the worker's read; it ends there
                if conn.sock is not None:
                    conn.sock.shutdown(socket.SHUT_RDWR)
            conn.close()
            raise LrsError(message=f"no complete answer from the LRS within {self.timeout:g} s "
                           f"({method} {self.shown(url, 120)}, {time.monotonic() - started:.1f} s)")
        outcome = result[0]
        if isinstance(outcome, Answer):
            return outcome
        raise self._failure(outcome, url) from None

    def _connection(self, url: str) -> http.client.HTTPConnection:
        scheme, host, port = origin(url)
        if scheme == "https":
            return http.client.HTTPSConnection(host, port, timeout=self.timeout,
                                               context=ssl.create_default_context())
        return http.client.HTTPConnection(host, port, timeout=self.timeout)

    def _request(self, conn: http.client.HTTPConnection, method: str, url: str, data: bytes | None) -> Answer:
        parts = urllib.parse.urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = dict(self.headers, **({"Content-Type": "application/json"} if data is not None else {}))
        try:
            conn.request(method, target, body=data, headers=headers)
            resp = conn.getresponse()
            body = resp.read(self.max_body + 1)
            if len(body) > self.max_body:
                raise LrsError(message=f"the LRS's answer to {method} {self.shown(target, 120)} is larger than "
                               f"{self.max_body // 1024 // 1024} MB")
            return Answer(resp.status, body, {k.lower(): v for k, v in resp.getheaders()})
        finally:
            conn.close()

    def _failure(self, exc: BaseException, url: str) -> LrsError:
        """One line for whatever went wrong on the wire."""
        if isinstance(exc, LrsError):
            return exc
        if isinstance(exc, http.client.RemoteDisconnected):
            return LrsError(message=f"the server at {self.shown(url, 120)} closed the connection without an answer")
        if isinstance(exc, http.client.HTTPException):
            first = exc.args[0] if exc.args and isinstance(exc.args[0], str) else ""
            said = f" (it answered '{self.shown(first, 60)}')" if first.strip() else ""
            return LrsError(message=f"the server at {self.shown(url, 120)} does not answer as an HTTP server "
                            f"does{said}: is the endpoint the LRS's xAPI URL?")
        if isinstance(exc, ssl.SSLError | ssl.CertificateError):
            return LrsError(message=f"cannot reach the LRS at {self.shown(url, 120)}: TLS failed "
                            f"({self.shown(str(getattr(exc, 'reason', None) or exc), 80)})")
        if isinstance(exc, OSError | ValueError | UnicodeError):
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            return LrsError(message=f"cannot reach the LRS at {self.shown(url, 120)}: {self.shown(reason, 120)}")
        if isinstance(exc, Exception):
            return LrsError(message=f"the LRS's answer could not be read ({type(exc).__name__})")
        raise exc  # KeyboardInterrupt and the like


def _forms(user: str, password: str, token: str) -> set[str]:
    """The credentials as a server may echo them: as given, JSON-escaped, URL-encoded, and the
    Basic token (also with '/' escaped)."""
    out = {token, token.replace("/", "\\/"), token.rstrip("=")}
    for secret in (password, user):
        if secret:
            out |= {secret, json.dumps(secret)[1:-1], urllib.parse.quote(secret, safe=""),
                    urllib.parse.quote_plus(secret)}
    return {s for s in out if s}
