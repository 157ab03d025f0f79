"""A newcomer's first commands: the Makefile, the package metadata and the README's front door."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _dry_run(target: str, venv: Path) -> str:
    """What ``make TARGET`` would run on a machine without the virtualenv (``make -n``)."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    done = subprocess.run(["make", "-n", "-C", str(REPO), target, f"VENV={venv}"], capture_output=True,
                          text=True, check=True)
    return done.stdout


def test_build_installs_runtime_dependencies_only(tmp_path: Path) -> None:
    """Issue 17 item 3: `make build` installs what building needs, not the test tool chain."""
    commands = _dry_run("build", tmp_path / "venv")
    assert "pip install -q -e ." in commands
    assert "[dev]" not in commands
    assert "setup-e2e" not in commands


def test_test_adds_the_test_tool_chain(tmp_path: Path) -> None:
    """Issue 17 item 3: `make test` adds the development extra and the browser/npm parts."""
    commands = _dry_run("test", tmp_path / "venv")
    assert "-e '.[dev]'" in commands
    assert "setup-e2e" in commands


def test_build_says_how_to_use_the_command(tmp_path: Path) -> None:
    """Issue 17 item 2: after `make build` the user is told how to get `sbfa-pack` on PATH."""
    assert "source " in _dry_run("build", tmp_path / "venv") and "/bin/activate" in _dry_run("build", tmp_path / "venv")


def test_readme_uses_one_way_to_run_the_command() -> None:
    """Issue 17 item 2: the README says once how to put `sbfa-pack` on PATH, before its first use,
    and then uses the plain command everywhere (never `.venv/bin/sbfa-pack`)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    activate = readme.find("source .venv/bin/activate")
    assert activate != -1, "the README must say how to put sbfa-pack on PATH"
    first_use = re.search(r"^sbfa-pack |`sbfa-pack [a-z]", readme, re.MULTILINE)
    assert first_use is not None and activate < first_use.start()
    for page in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        assert ".venv/bin/sbfa-pack" not in page.read_text(encoding="utf-8"), page.name


def test_licence_is_an_spdx_string_and_the_build_backend_is_bounded() -> None:
    """Issue 17 item 5: the licence table form stops working in setuptools after 2027-02-18
    (PEP 639: `license` is an SPDX expression); the build backend has an upper bound."""
    meta = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["license"] == "EUPL-1.2"
    (setuptools,) = [r for r in meta["build-system"]["requires"] if r.startswith("setuptools")]
    assert re.fullmatch(r"setuptools>=77[.\d]*,<\d+", setuptools), setuptools
