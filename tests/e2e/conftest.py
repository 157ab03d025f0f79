"""Browser fixtures: Debian's chromium driven by Playwright, and a static server on 127.0.0.1.

Nothing here downloads a browser. A missing piece fails with how to get it (``make test``
installs everything through scripts/setup-e2e.sh).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sbfa_pack.browser import StaticServer  # the loopback server `sbfa-pack test` uses too

E2E = Path(__file__).resolve().parent
NODE_MODULES = E2E / "node_modules"
ARTIFACTS = E2E.parent.parent / "test-artifacts"


def node_module(name: str) -> Path:
    """A file of the npm packages in tests/e2e/node_modules, e.g. ``scorm-again/dist/scorm12.js``."""
    path = NODE_MODULES / name
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make test` or `cd tests/e2e && npm ci`", pytrace=False)
    return path


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    context = browser.new_context()  # type: ignore[attr-defined]
    context.set_default_timeout(15_000)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture()
def serve() -> Iterator[object]:
    """``serve(folder)`` → base URL; every server is stopped after the test."""
    servers: list[StaticServer] = []

    def start(root: Path) -> str:
        s = StaticServer(root)
        servers.append(s)
        return s.url

    yield start
    for s in servers:
        s.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Folder for screenshots and other test artefacts (kept after the run)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
