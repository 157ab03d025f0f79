"""A real LRS for ``sbfa-pack test`` and the tests: Ralph (PyPI ``ralph-malph`` 5.1.0, the ``test``
extra) on 127.0.0.1, file-system backend.

``Ralph(folder)`` writes the credentials file, starts ``python -m sbfa_pack.gate.lrs PORT`` (the
``__main__`` block below) in ``folder`` and waits for ``/__heartbeat__``; ``stop()`` / ``start()`` again keep the
same port and data, which is how the outage tests take the LRS away and bring it back.

Two defects of Ralph 5.1.0's file-system backend are corrected in the server process, here and
not in the installed package (see docs/testing.md):

1. its writes use the "create/index" operation, which refuses an existing file, so every write
   after the first answers HTTP 500: we make APPEND the default operation;
2. its verb and activity query filters compare a string with a pydantic IRI object and never
   match: we compare ``str()`` of the value.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

USER, PASSWORD = "sbfa-test", "not-a-real-secret"
VERSION = "1.0.3"
INSTALL_RALPH = "Ralph (the local LRS) is missing: pip install 'sbfa-pack[test]'"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Ralph:
    """One Ralph LRS process; ``endpoint`` ends with ``/xAPI/``."""

    def __init__(self, folder: Path, cors_origins: list[str] | None = None, port: int | None = None,
                 slots: int = 0) -> None:
        try:
            import bcrypt
            import ralph  # noqa: F401  (fail early with instructions)
        except ImportError as exc:
            raise RuntimeError(INSTALL_RALPH) from exc
        self.folder = folder
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.endpoint = f"{self.url}/xAPI/"
        self.cors = cors_origins or []
        self.proc: subprocess.Popen[bytes] | None = None
        # One request at a time: the file-system backend reads and appends one file and a history
        # file without locking, and concurrent writes were seen to fail (HTTP 500).
        self.lock = threading.RLock()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "data").mkdir(exist_ok=True)
        (folder / ".env").write_text("")  # Ralph reads ./.env: keep it empty and ours
        # Slots 1..slots: a user each whose statements Ralph keeps in a file of their own (its user
        # "target"). Its file-system backend reads the whole file at every request (the duplicate
        # check of a POST, every GET), so one file for a whole run makes each request slower than
        # the last; ``sbfa-pack test`` gives each package a slot.
        hashed = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(4)).decode()
        agent = {"account": {"homePage": "https://lrs.sbfa.test", "name": "tests"}}
        users = [{"username": self.user(i), "hash": hashed, "scopes": ["all"], "agent": agent,
                  **({"target": f"slot-{i}"} if i else {})} for i in range(slots + 1)]
        for i in range(1, slots + 1):
            (folder / "data" / f"slot-{i}").mkdir(exist_ok=True)
        (folder / "auth.json").write_text(json.dumps(users))

    @staticmethod
    def user(slot: int = 0) -> str:
        return f"{USER}-{slot}" if slot else USER

    @property
    def auth(self) -> str:
        return self.auth_for(0)

    def auth_for(self, slot: int) -> str:
        """The Authorization header of ``slot``'s user (0: the main user, all data in one file)."""
        import base64

        return "Basic " + base64.b64encode(f"{self.user(slot)}:{PASSWORD}".encode()).decode()

    def start(self, timeout: float = 60) -> Ralph:
        env = {**os.environ,
               "RALPH_RUNSERVER_BACKEND": "fs",
               "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.folder / "data"),
               "RALPH_AUTH_FILE": str(self.folder / "auth.json"),
               "RALPH_RUNSERVER_AUTH_BACKENDS": "Basic",
               "RALPH_RUNSERVER_CORS_ALLOW_ORIGINS": json.dumps(self.cors)}
        log = (self.folder / "ralph.log").open("ab")
        # The package's own folder first on the child's path: it runs this very module.
        src = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join([src, *filter(None, [os.environ.get("PYTHONPATH")])])
        self.proc = subprocess.Popen([sys.executable, "-m", "sbfa_pack.gate.lrs", str(self.port)], cwd=self.folder,
                                     env=env,
                                     stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        import requests

        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"Ralph exited at start; see {self.folder / 'ralph.log'}")
            try:
                if requests.get(f"{self.url}/__heartbeat__", timeout=1).ok:
                    return self
            except requests.RequestException:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"Ralph did not answer within {timeout} s; see {self.folder / 'ralph.log'}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def statements(self, slot: int = 0, **params: str) -> list[dict[str, Any]]:
        """Every statement of ``slot`` matching ``params`` (xAPI query) in the order Ralph stored them,
        following ``more``.

        Ralph 5.1.0's file-system backend returns its file order (arrival order) and *reverses* it
        when ``ascending=true``, the opposite of xAPI; so we ask without ``ascending``."""
        import requests

        headers = {"Authorization": self.auth_for(slot), "X-Experience-API-Version": VERSION}
        out: list[dict[str, Any]] = []
        url: str | None = f"{self.endpoint}statements"
        query: dict[str, str] | None = {"limit": "500", **params}
        while url:
            for attempt in range(3):  # Ralph 5.1.0 answers a rare 500 on a loaded machine: GET is safe to repeat
                with self.lock:
                    r = requests.get(url, params=query, headers=headers, timeout=10)
                if r.status_code < 500:
                    break
                time.sleep(0.5 * (attempt + 1))
            r.raise_for_status()
            body = r.json()
            out.extend(body["statements"])
            more = body.get("more")
            # "more" is an IRL relative to the LRS's host (Ralph: /xAPI/statements?...).
            url, query = (self.url + more if more else None), None
        return out


def _serve(port: int) -> None:
    """The server process: correct the two file-system-backend defects, then run Ralph's app."""
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend

    # Defect 1: the default "create" refuses to write to the existing statements file (HTTP 500).
    FSLRSBackend.default_operation_type = BaseOperationType.APPEND

    # Defect 2: the filters compare str with a pydantic IRI object; give them plain strings.
    by_verb, by_activity = FSLRSBackend._add_filter_by_verb, FSLRSBackend._add_filter_by_activity

    def verb_filter(filters: list[Any], verb_id: Any) -> None:
        by_verb(filters, str(verb_id) if verb_id else None)

    def activity_filter(filters: list[Any], object_id: Any, related: Any) -> None:
        by_activity(filters, str(object_id) if object_id else None, related)

    FSLRSBackend._add_filter_by_verb = staticmethod(verb_filter)
    FSLRSBackend._add_filter_by_activity = staticmethod(activity_filter)

    import uvicorn
    from ralph.api import app

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    _serve(int(sys.argv[1]))


def has_ralph() -> bool:
    try:
        import bcrypt  # noqa: F401
        import ralph  # noqa: F401
        import requests  # noqa: F401
    except ImportError:
        return False
    return True
