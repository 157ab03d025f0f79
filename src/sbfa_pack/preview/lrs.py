"""The preview's local xAPI endpoint: statements and the State API the runtime uses, in memory.

Enough for a package to run against (``POST``/``PUT``/``GET statements``, ``GET``/``PUT``/``POST``/
``DELETE activities/state``, ``about``), and for the side panel to show every statement sent. It is
not an LRS: no query filters beyond ``statementId``, no voiding, no persistence.
"""

from __future__ import annotations

import json
import threading
import uuid
from typing import Any

VERSION = "1.0.3"

Answer = tuple[int, dict[str, str], bytes]


def _json(status: int, data: Any) -> Answer:
    return status, {"Content-Type": "application/json"}, json.dumps(data, ensure_ascii=False).encode()


def _empty(status: int) -> Answer:
    return status, {}, b""


class Store:
    """Statements in arrival order and state documents, for one previewing author."""

    def __init__(self) -> None:
        self.statements: list[dict[str, Any]] = []
        self.documents: dict[tuple[str, str, str, str], tuple[str, bytes]] = {}
        self.lock = threading.Lock()

    def reset(self) -> None:
        with self.lock:
            self.statements.clear()
            self.documents.clear()

    def handle(self, method: str, path: str, query: dict[str, str], body: bytes, content_type: str) -> Answer:
        """One request under ``/xapi/``: ``path`` is the rest (``statements``, ``activities/state``…)."""
        if path == "about":
            return _json(200, {"version": [VERSION]})
        if path == "statements":
            return self._statements(method, query, body)
        if path == "activities/state":
            return self._state(method, query, body, content_type)
        return _json(404, {"error": f"the preview has no xAPI resource '{path}'"})

    def _statements(self, method: str, query: dict[str, str], body: bytes) -> Answer:
        if method == "GET":
            with self.lock:
                if "statementId" in query:
                    found = [s for s in self.statements if s.get("id") == query["statementId"]]
                    return _json(200, found[0]) if found else _json(404, {"error": "no such statement"})
                return _json(200, {"statements": list(self.statements), "more": ""})
        if method not in ("POST", "PUT"):
            return _json(405, {"error": f"{method} is not allowed on statements"})
        try:
            data = json.loads(body or b"null")
        except ValueError:
            return _json(400, {"error": "the body is not JSON"})
        items = data if isinstance(data, list) else [data]
        if not items or not all(isinstance(s, dict) and "actor" in s and "verb" in s and "object" in s
                                for s in items):
            return _json(400, {"error": "a statement needs actor, verb and object"})
        with self.lock:
            known = {s.get("id") for s in self.statements}
            if method == "PUT":
                sid = query.get("statementId", "")
                if not sid or len(items) != 1:
                    return _json(400, {"error": "PUT needs one statement and ?statementId="})
                if sid in known:
                    return _empty(409)
                self.statements.append({**items[0], "id": sid})
                return _empty(204)
            ids = []
            for s in items:
                s = {**s, "id": s.get("id") or str(uuid.uuid4())}
                if s["id"] in known:
                    continue  # the same statement sent again (a lost answer): already stored
                known.add(s["id"])
                self.statements.append(s)
                ids.append(s["id"])
        return _json(200, ids)

    def _state(self, method: str, query: dict[str, str], body: bytes, content_type: str) -> Answer:
        missing = [k for k in ("activityId", "agent") if k not in query]
        if missing:
            return _json(400, {"error": f"missing {', '.join(missing)}"})
        base = (query["activityId"], query["agent"], query.get("registration", ""))
        with self.lock:
            if method == "GET":
                if "stateId" not in query:
                    ids = sorted(k[3] for k in self.documents if k[:3] == base)
                    return _json(200, ids)
                doc = self.documents.get((*base, query["stateId"]))
                return (200, {"Content-Type": doc[0]}, doc[1]) if doc else _json(404, {"error": "no such state"})
            if method == "DELETE":
                for key in [k for k in self.documents if k[:3] == base and k[3] == query.get("stateId", k[3])]:
                    del self.documents[key]
                return _empty(204)
            if method not in ("PUT", "POST") or "stateId" not in query:
                return _json(400, {"error": "PUT or POST with ?stateId="})
            self.documents[(*base, query["stateId"])] = (content_type or "application/octet-stream", body)
        return _empty(204)

    def log(self) -> list[dict[str, Any]]:
        """Every statement received, oldest first (for the side panel)."""
        with self.lock:
            return list(self.statements)
