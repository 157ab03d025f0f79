"""What the browser-driven commands and the browser tests share: Debian's Chromium and a loopback server.

One definition of the Chromium command line (never a downloaded browser: ``playwright install`` is
not used anywhere), of where Chromium is (``SBFA_CHROMIUM`` overrides the search, which is also
how a test simulates a machine without it), and of a static HTTP server on 127.0.0.1 at a free port.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
INSTALL_CHROMIUM = "apt-get install chromium"
INSTALL_PLAYWRIGHT = "pip install 'sbfa-pack[test]'"


def chromium_path() -> str | None:
    """Debian's chromium: ``$SBFA_CHROMIUM`` when set (None if that file is missing), else on PATH."""
    forced = os.environ.get("SBFA_CHROMIUM")
    if forced:
        return forced if Path(forced).is_file() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def has_playwright() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # the base class names it "format"
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class StaticServer:
    """Serves a folder on http://127.0.0.1:<free port>/ from a thread, until :meth:`close`."""

    def __init__(self, root: Path) -> None:
        handler = functools.partial(_Quiet, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> StaticServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
