"""The LMS side of an xAPI or cmi5 launch for ``sbfa-pack test`` and the tests: a content server whose
``/lrs/`` path is an xAPI endpoint (statements forwarded to a real LRS, Ralph; never mocked), a
State resource, and a cmi5 launcher (fetch URL, ``LMS.LaunchData``, registration).

Only the State resource is served here, because no LRS installable here implements it (Ralph answers
404); it follows xAPI 1.0.3 (Communication §2.3, State Resource): documents keyed by activityId +
agent + registration + stateId, PUT replaces, POST merges JSON, GET 404 when absent, DELETE removes,
ETag on every document, If-Match / If-None-Match honoured (412) but not required (§3.1).
Every LRS call answered 4xx/5xx (but a GET of an absent State document) is kept in ``refused``.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path
from typing import Any

from .lrs import Ralph

LEARNER = {"objectType": "Agent", "name": "Amira Test",
           "account": {"homePage": "https://moodle.sbfa.test", "name": "amira"}}


DOCUMENTS = ("/lrs/activities/state", "/lrs/agents/profile", "/lrs/activities/profile")


def absent_document(method: str, url: str, status: int) -> bool:
    """A GET of a document nobody stored yet answers 404 (xAPI Communication §2.3): not a failure
    (the first launch's State, cmi5's learner preferences agent profile, §11)."""
    path = urllib.parse.urlsplit(url).path
    return method == "GET" and status == 404 and path.startswith(DOCUMENTS)


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

    def __init__(self, activity_id: str, launch_mode: str = "Normal", mastery: float | None = None,
                 registration: str | None = None) -> None:
        self.activity_id = activity_id
        self.registration = registration or str(uuid.uuid4())
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
        self.slot = 0  # the Ralph user (and statements file) the statements go to (Ralph slots)
        self.state = StateStore()
        self.cmi5: Cmi5Launcher | None = None
        self.log: list[tuple[str, str, dict[str, str]]] = []
        self.refused: list[str] = []  # "<METHOD> <path>: <status> <body>" of every LRS call answered 4xx/5xx
        self.verbs: list[str] = []  # the verb ids of the statements the LRS accepted, in order
        self.accepted = threading.Condition()
        handler = functools.partial(_Handler, self)
        self.httpd = _Quiet(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stored(self, body: bytes) -> None:
        """The LRS accepted the statement(s) of ``body``: note their verbs and wake :meth:`wait_for_verb`."""
        try:
            doc = json.loads(body)
        except ValueError:
            return
        with self.accepted:
            self.verbs += [str(st.get("verb", {}).get("id", "")) for st in (doc if isinstance(doc, list) else [doc])
                           if isinstance(st, dict)]
            self.accepted.notify_all()

    def wait_for_verb(self, suffix: str, since: int, timeout: float) -> bool:
        """True once a statement whose verb id ends with ``suffix`` was accepted after the first ``since``."""
        with self.accepted:
            return self.accepted.wait_for(lambda: any(v.endswith(suffix) for v in self.verbs[since:]), timeout)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def xapi_launch(self, folder: str, registration: str, endpoint: str | None = None, auth: str | None = None,
                    actor: dict[str, Any] | None = None, launch: str = "index.html") -> str:
        """A Rustici launch URL as mod_tincanlaunch builds it (RFC 3986 encoding)."""
        assert self.ralph is not None
        q = {"endpoint": endpoint or f"{self.url}/lrs/", "auth": auth or self.ralph.auth,
             "actor": json.dumps(actor or LEARNER), "registration": registration}
        return f"{self.url}/{folder}/{launch}?" + urllib.parse.urlencode(q, quote_via=urllib.parse.quote)

    def cmi5_launch(self, folder: str, launcher: Cmi5Launcher, launch: str = "index.html") -> str:
        self.cmi5 = launcher
        q = {"endpoint": f"{self.url}/lrs/", "fetch": f"{self.url}/cmi5/fetch", "actor": json.dumps(LEARNER),
             "registration": launcher.registration, "activityId": launcher.activity_id}
        return f"{self.url}/{folder}/{launch}?" + urllib.parse.urlencode(q, quote_via=urllib.parse.quote)


class _Quiet(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that leaves a page (the gate's about:blank) drops its open requests: a broken
        pipe or a reset connection is no error to print; anything else is."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


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
        if status >= 400 and self.path.startswith("/lrs/") and not absent_document(self.command, self.path, status):
            self.app.refused.append(f"{self.command} {self.path.split('?')[0]}: {status} "
                                    + body.decode("utf-8", "replace")[:200].strip())
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
                                     headers={"Authorization": ralph.auth_for(self.app.slot),
                                              "Content-Type": "application/json",
                                              "X-Experience-API-Version": self.headers.get(
                                                  "X-Experience-API-Version", "")})
        try:
            with ralph.lock, urllib.request.urlopen(req, timeout=10) as resp:
                status, answer = resp.status, resp.read()
            if resource == "statements" and method in ("POST", "PUT"):
                self.app.stored(body)
        except urllib.error.HTTPError as exc:
            status, answer = exc.code, exc.read()
        except OSError:
            status, answer = 502, b"LRS down"
        # Only Ralph's failures are the LRS's: a page gone before the answer (a broken pipe) is not.
        self._reply(status, {"Content-Type": "application/json"} if status != 502 else {}, answer)
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
