"""Test-side pieces for the xAPI and cmi5 browser tests: a content server with an LRS gateway,
a State resource, a cmi5 launcher, and helpers to walk the basic sample course.

The gateway forwards statements to the real LRS (Ralph): statements are never mocked. Only the
State resource is served here, because no LRS installable here implements it (Ralph answers 404,
see ../shared/notes/real-clients.md); it follows xAPI 1.0.3 (Communication §2.3, State Resource):
documents keyed by activityId + agent + registration + stateId, PUT replaces, POST merges JSON,
GET 404 when absent, DELETE removes, ETag on every document, If-Match / If-None-Match honoured
(412) but not required (§3.1: concurrency headers are optional for State).
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile
from pathlib import Path
from typing import Any

from learner_support import begin
from lrs import Ralph

ROOTS = Path(__file__).resolve().parents[1] / "roots"
COURSE = "https://w3id.org/sbfa/courses/first-steps"
QUEUE_EMPTY = """() => Object.keys(localStorage).filter(k => k.startsWith('sbfa:xq:') && !k.endsWith(':rejected'))
    .every(k => JSON.parse(localStorage.getItem(k)).length === 0)"""
LEARNER = {"objectType": "Agent", "name": "Amira Test",
           "account": {"homePage": "https://moodle.sbfa.test", "name": "amira"}}
VERB = "http://adlnet.gov/expapi/verbs/"


class StateStore:
    """xAPI State documents in memory; ``enabled=False`` answers 404 like Ralph."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.docs: dict[tuple[str, ...], tuple[str, bytes]] = {}
        self.lock = threading.Lock()

    @staticmethod
    def key(q: dict[str, str]) -> tuple[str, ...]:
        agent = json.dumps(json.loads(q.get("agent", "null")), sort_keys=True)
        return (q.get("activityId", ""), agent, q.get("registration", ""), q.get("stateId", ""))

    def handle(self, method: str, q: dict[str, str], headers: Any, body: bytes) -> tuple[int, dict[str, str], bytes]:
        if not self.enabled:
            return 404, {}, b""
        if not q.get("activityId") or not q.get("agent") or not q.get("stateId"):
            return 400, {}, b'{"error": "activityId, agent and stateId are required"}'
        k = self.key(q)
        with self.lock:
            current = self.docs.get(k)
            etag = f'"{hashlib.sha1(current[1]).hexdigest()}"' if current else None
            if_match, if_none = headers.get("If-Match"), headers.get("If-None-Match")
            if (if_match and if_match not in ("*", etag)) or (if_none == "*" and current):
                return 412, {}, b""
            if method == "GET":
                if not current:
                    return 404, {}, b""
                return 200, {"Content-Type": current[0], "ETag": etag or ""}, current[1]
            if method == "DELETE":
                self.docs.pop(k, None)
                return 204, {}, b""
            ctype = headers.get("Content-Type", "application/octet-stream").split(";")[0]
            if method == "POST" and current and ctype == "application/json":
                merged = {**json.loads(current[1]), **json.loads(body)}  # JSON procedure: merge top level
                body = json.dumps(merged).encode()
            self.docs[k] = (ctype, body)
            return 204, {}, b""


class Cmi5Launcher:
    """The LMS side of a cmi5 launch: fetch URL (one token, once), LMS.LaunchData, registration."""

    def __init__(self, activity_id: str, launch_mode: str = "Normal", mastery: float | None = None) -> None:
        self.activity_id = activity_id
        self.registration = str(uuid.uuid4())
        self.session = str(uuid.uuid4())
        self.token = uuid.uuid4().hex
        self.fetches = 0
        self.launch_data: dict[str, Any] = {
            "contextTemplate": {
                "contextActivities": {"grouping": [{"objectType": "Activity", "id": "https://w3id.org/sbfa/au"}]},
                "extensions": {"https://w3id.org/xapi/cmi5/context/extensions/sessionid": self.session}},
            "launchMode": launch_mode, "moveOn": "CompletedAndPassed"}
        if mastery is not None:
            self.launch_data["masteryScore"] = mastery

    def fetch(self) -> bytes:
        self.fetches += 1
        if self.fetches > 1:  # CMI5 §8.2.3: a second fetch is an error
            return b'{"error-code": "1", "error-text": "already in use"}'
        return json.dumps({"auth-token": self.token}).encode()


class Server:
    """Serves ``root`` at ``/``; ``/lrs/`` is an xAPI endpoint: State here, statements to Ralph."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.ralph: Ralph | None = None
        self.state = StateStore()
        self.cmi5: Cmi5Launcher | None = None
        self.log: list[tuple[str, str, dict[str, str]]] = []
        handler = functools.partial(_Handler, self)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def xapi_launch(self, folder: str, registration: str, endpoint: str | None = None, auth: str | None = None,
                    actor: dict[str, Any] | None = None) -> str:
        """A Rustici launch URL as mod_tincanlaunch builds it (RFC 3986 encoding)."""
        assert self.ralph is not None
        q = {"endpoint": endpoint or f"{self.url}/lrs/", "auth": auth or self.ralph.auth,
             "actor": json.dumps(actor or LEARNER), "registration": registration}
        return f"{self.url}/{folder}/index.html?" + urllib.parse.urlencode(q, quote_via=urllib.parse.quote)

    def cmi5_launch(self, folder: str, launcher: Cmi5Launcher) -> str:
        self.cmi5 = launcher
        q = {"endpoint": f"{self.url}/lrs/", "fetch": f"{self.url}/cmi5/fetch", "actor": json.dumps(LEARNER),
             "registration": launcher.registration, "activityId": launcher.activity_id}
        return f"{self.url}/{folder}/index.html?" + urllib.parse.urlencode(q, quote_via=urllib.parse.quote)


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, server_: Server, *args: Any, **kwargs: Any) -> None:
        self.app = server_
        super().__init__(*args, directory=str(server_.root), **kwargs)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _reply(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _api(self, method: str) -> bool:
        parts = urllib.parse.urlsplit(self.path)
        body = self._body() if method in ("POST", "PUT") else b""
        self.app.log.append((method, self.path, dict(self.headers.items())))
        launcher = self.app.cmi5
        if parts.path == "/cmi5/fetch" and method == "POST" and launcher:
            self._reply(200, {"Content-Type": "application/json"}, launcher.fetch())
            return True
        if not parts.path.startswith("/lrs/"):
            return False
        resource = parts.path[len("/lrs/"):]
        q = dict(urllib.parse.parse_qsl(parts.query))
        ralph = self.app.ralph
        if ralph is None or ralph.proc is None:
            self._reply(502, {}, b"LRS down")  # the whole LRS is away, State included
            return True
        auth = self.headers.get("Authorization", "")
        if launcher and auth == f"Basic {launcher.token}":
            auth = ralph.auth  # the LMS's LRS accepts the launch token; Ralph knows its own user
        elif auth != ralph.auth:
            self._reply(401, {}, b"")
            return True
        if resource == "activities/state":
            if launcher and q.get("stateId") == "LMS.LaunchData":
                if method != "GET":
                    self._reply(403, {}, b"LMS.LaunchData is read-only")
                    return True
                self._reply(200, {"Content-Type": "application/json"}, json.dumps(launcher.launch_data).encode())
                return True
            self._reply(*self.app.state.handle(method, q, self.headers, body))
            return True
        req = urllib.request.Request(ralph.endpoint + resource + (f"?{parts.query}" if parts.query else ""),
                                     data=body or None, method=method,
                                     headers={"Authorization": auth, "Content-Type": "application/json",
                                              "X-Experience-API-Version": self.headers.get(
                                                  "X-Experience-API-Version", "")})
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                self._reply(resp.status, {"Content-Type": "application/json"}, resp.read())
        except urllib.error.HTTPError as exc:
            self._reply(exc.code, {"Content-Type": "application/json"}, exc.read())
        except OSError:
            self._reply(502, {}, b"LRS down")
        return True

    def do_GET(self) -> None:
        if not self._api("GET"):
            super().do_GET()

    def do_POST(self) -> None:
        if not self._api("POST"):
            self._reply(405, {}, b"")

    def do_PUT(self) -> None:
        if not self._api("PUT"):
            self._reply(405, {}, b"")

    def do_DELETE(self) -> None:
        if not self._api("DELETE"):
            self._reply(405, {}, b"")


def build_and_extract(out: Path, formats: list[str]) -> Path:
    """The basic sample course built in ``formats``, each extracted to ``<site>/<format>/``."""
    from sbfa_pack.build import build

    result = build(ROOTS / "basic", out / "dist", formats=formats, jobs=1)
    assert not result.diagnostics.errors
    site = out / "site"
    for b in result.built:
        if b.id == "first-steps":
            with zipfile.ZipFile(out / "dist" / b.file) as z:
                z.extractall(site / b.format)
    return site


def settled(ralph: Ralph, registration: str, count: int, timeout: float = 15) -> list[dict[str, Any]]:
    """The registration's statements once ``count`` have arrived (keepalive sends finish after pagehide)."""
    deadline = time.monotonic() + timeout
    while True:
        got = ralph.statements(registration=registration)
        if len(got) >= count or time.monotonic() > deadline:
            return got
        time.sleep(0.2)


def summary(statements: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(s["verb"]["id"].rsplit("/", 1)[1], s["object"]["id"].replace(COURSE, "")) for s in statements]


def walk(page: Any) -> None:
    """Every lesson of the basic course, then the final quiz answered right and submitted."""
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    for _ in range(4):
        page.click("#sbfa-next")
    page.check("#c-final-quiz-q1-a")
    page.fill("#i-final-quiz-q2", "15")
    page.click("form.quiz [type=submit]")
