"""The LRSs of the tests: Ralph is the product's own launcher (``sbfa_pack.gate.lrs``, one
definition shared with ``sbfa-pack test``); Learning Locker's statements service is test-only.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from sbfa_pack.gate.lrs import PASSWORD, USER, VERSION, Ralph, free_port

__all__ = ["PASSWORD", "USER", "VERSION", "LearningLocker", "Ralph", "free_port"]

# Forces every server of the Node process onto 127.0.0.1: the service listens on all interfaces.
_BIND_LOCAL = """const http = require("http"), listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (...args) {
  if (typeof args[0] === "number") {
    return listen.call(this, args[0], "127.0.0.1", args.find((a) => typeof a === "function"));
  }
  if (args[0] && typeof args[0] === "object") { args[0] = Object.assign({}, args[0], { host: "127.0.0.1" }); }
  return listen.apply(this, args);
};
"""


class LearningLocker(Ralph):
    """Learning Locker's statements service (npm ``@learninglocker/xapi-statements``) in memory.

    Stricter than Ralph about the protocol (400 without ``X-Experience-API-Version``) and with a
    correct ``ascending``; in its test mode it accepts any credentials. Same interface as Ralph."""

    def __init__(self, folder: Path, port: int | None = None) -> None:
        self.folder = folder
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.endpoint = f"{self.url}/xAPI/"
        self.proc = None
        self.lock = threading.RLock()
        self.server_js = Path(__file__).resolve().parent / "node_modules/@learninglocker/xapi-statements/dist/server.js"
        if not self.server_js.is_file():
            raise RuntimeError(f"{self.server_js} is missing: run `cd tests/e2e && npm ci`")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "bind-local.js").write_text(_BIND_LOCAL)

    def start(self, timeout: float = 30) -> LearningLocker:
        import requests

        env = {**os.environ, "EXPRESS_PORT": str(self.port), "MODELS_REPO": "memory", "STORAGE_REPO": "memory",
               "AUTH_REPO": "test", "EVENTS_REPO": "test", "SERVICE_AWAIT_UPDATES": "true"}
        log = (self.folder / "learninglocker.log").open("ab")
        self.proc = subprocess.Popen(["node", "-r", str(self.folder / "bind-local.js"), str(self.server_js)],
                                     cwd=self.folder, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"Learning Locker exited at start; see {self.folder / 'learninglocker.log'}")
            try:
                if requests.get(f"{self.endpoint}about", timeout=1).ok:
                    return self
            except requests.RequestException:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"Learning Locker did not answer within {timeout} s")

    def statements(self, **params: str) -> list[dict[str, Any]]:
        # xAPI order is newest first unless ascending; this one gets it right.
        return super().statements(ascending="true", **params)
