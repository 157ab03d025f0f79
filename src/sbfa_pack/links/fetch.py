"""One HTTP request, blocking (run in a worker thread): an answer's status line and headers, or why
there was none. Redirects are not followed here (the checker follows them itself, hop by hop)."""

from __future__ import annotations

import http.client
import socket
import ssl
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from functools import cache
from urllib.parse import quote, urlsplit

from .. import __version__

USER_AGENT = f"sbfa-pack/{__version__} (link checker; +https://w3id.org/sbfa)"
"""Names the tool and the project, so a site's owner can see who checks their pages and why."""

_SAFE = "/%:@!$&'()*+,;=-._~?"
"""What stays as written in a request target; anything else (spaces, letters beyond ASCII) is
percent-encoded, as a browser does."""


@dataclass(frozen=True, slots=True)
class Answer:
    """The server answered: status, ``Location`` (or ""), ``Retry-After`` in seconds (or None)."""

    status: int
    location: str
    retry_after: float | None
    seconds: float
    body: bytes = b""


@dataclass(frozen=True, slots=True)
class Failure:
    """No HTTP answer: a short reason ("timeout", "DNS", "connection refused"...)."""

    reason: str
    transient: bool
    """Worth trying again after a pause (a timeout, a reset connection)."""
    seconds: float = 0.0
    dns: bool = False
    """The host name did not resolve."""


def request(url: str, method: str, *, timeout: float, user_agent: str = USER_AGENT,
            body_limit: int = 0) -> Answer | Failure:
    """Send one ``method`` request for ``url``; read at most ``body_limit`` bytes of the body."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:  # a port that is not a number, an unclosed IPv6 bracket
        return Failure("invalid URL", transient=False)
    if not host or parts.scheme not in ("http", "https"):
        return Failure("invalid URL", transient=False)
    target = quote(parts.path or "/", safe=_SAFE) + (f"?{quote(parts.query, safe=_SAFE)}" if parts.query else "")
    conn: http.client.HTTPConnection
    if parts.scheme == "https":
        conn = http.client.HTTPSConnection(host, port, timeout=timeout, context=_tls())
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
    start = time.monotonic()
    try:
        conn.request(method, target, headers={"User-Agent": user_agent, "Accept": "*/*",
                                              "Accept-Encoding": "identity", "Connection": "close"})
        resp = conn.getresponse()
        body = resp.read(body_limit) if body_limit else b""
        return Answer(resp.status, resp.getheader("Location", "") or "", retry_after(resp.getheader("Retry-After")),
                      time.monotonic() - start, body)
    except TimeoutError:
        return Failure("timeout", transient=True, seconds=time.monotonic() - start)
    except socket.gaierror as exc:
        return Failure("DNS", transient=exc.errno == socket.EAI_AGAIN, dns=True)
    except ssl.SSLCertVerificationError as exc:
        return Failure(f"TLS certificate: {exc.verify_message}", transient=False)
    except ssl.SSLError:
        return Failure("TLS handshake failed", transient=False)
    except ConnectionRefusedError:
        return Failure("connection refused", transient=True)
    except (ConnectionResetError, http.client.RemoteDisconnected):
        return Failure("connection reset", transient=True)
    except (http.client.HTTPException, UnicodeError, ValueError) as exc:
        return Failure(f"bad answer ({type(exc).__name__})", transient=False)
    except OSError as exc:  # network unreachable, no route to host...
        return Failure((exc.strerror or "network error").lower(), transient=True)
    finally:
        conn.close()


@cache
def _tls() -> ssl.SSLContext:
    return ssl.create_default_context()


MAX_RETRY_AFTER = 60.0
"""Longest pause asked by ``Retry-After`` that the checker waits; a longer one is not waited for."""


def retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (a number of seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())
