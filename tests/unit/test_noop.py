"""The no-op fast path (issue 2: a no-op rebuild under 5% of a full build): when no source file
changed since the last build with the same request, the report is replayed without loading."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import sbfa_pack
import sbfa_pack.builders.web  # (registers 'web' whatever other tests registered first)
from sbfa_pack import build as engine
from sbfa_pack.cli import main

ROOTS = Path(__file__).parents[1] / "roots"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOTS / "basic", root)
    return root


def _run(project: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", str(project), "--format", "web", *args])
    return result.exit_code, result.output


def _loading_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the project was loaded")

    monkeypatch.setattr(engine, "load_shared", refuse)


def test_unchanged_sources_replay_without_loading(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, first = _run(project)
    assert code == 0 and "2 built, 0 unchanged" in first
    _loading_fails(monkeypatch)
    code, again = _run(project)
    assert code == 0, again
    assert "0 built, 2 unchanged" in again
    assert sorted(line for line in again.splitlines() if line.endswith(")")) == \
        sorted(line for line in first.splitlines() if line.endswith(")"))


@pytest.mark.parametrize("change", ["edit", "new-file", "package-removed", "other-format", "env"])
def test_any_change_means_a_real_build(project: Path, monkeypatch: pytest.MonkeyPatch, change: str) -> None:
    assert _run(project)[0] == 0
    args: list[str] = []
    if change == "edit":
        md = project / "courses/first-steps/welcome.md"
        md.write_text(md.read_text() + "\nOne more line.\n")
    elif change == "new-file":
        (project / "courses/first-steps/notes.md").write_text("# Notes\n")
    elif change == "package-removed":
        next((project / "dist").glob("swot-*.zip")).unlink()
    elif change == "other-format":
        args = ["--lang", "en"]
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    _loading_fails(monkeypatch)
    result = CliRunner().invoke(main, ["build", str(project), "--format", "web", *args])
    assert isinstance(result.exception, AssertionError) and "the project was loaded" in str(result.exception)


def test_warnings_are_replayed_and_strict_still_fails(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    course = project / "courses/first-steps/course.yaml"
    course.write_text(course.read_text().replace("language: en", "language: de"))  # a warning, not an error
    code, first = _run(project)
    assert code == 0 and "warning[i18n.source-language]" in first
    _loading_fails(monkeypatch)
    code, again = _run(project, "--strict")
    assert code == 1 and "warning[i18n.source-language]" in again
    assert again.splitlines()[-1].startswith("the build failed with warning(s) and --strict: nothing was written")


def test_a_build_with_errors_is_never_replayed(project: Path) -> None:
    course = project / "courses/first-steps/course.yaml"
    course.write_text(course.read_text().replace("title: First steps", "titel: First steps"))
    assert _run(project)[0] == 1
    assert not (project / "dist" / ".sbfa-inputs.json").exists()


def _command(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("sbfa-pack")
    src = str(Path(sbfa_pack.__file__).parents[1])  # these sources, whatever the working folder
    return subprocess.run([str(exe), *args], cwd=project, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPROFILEIMPORTTIME": "1", "PYTHONPATH": src})


@pytest.mark.parametrize("args", [
    ["build", ".", "--format", "web"],
    ["build", "--format=web", "--json", "-j2"],
    ["build", "courses/first-steps", "--format", "web", "--lang", "en", "--strict", "--jobs", "1", "-v"],
])
def test_the_command_replays_an_unchanged_build_without_loading(project: Path, args: list[str]) -> None:
    """The one click CLI answers a no-op build from the record alone, without importing the build
    or the loader; what it prints and its exit code are the real build's."""
    first = _command(project, *args)
    assert first.returncode == 0, first.stderr
    again = _command(project, *args)
    imported = {line.split("|")[-1].strip() for line in again.stderr.splitlines() if line.startswith("import time:")}
    assert "sbfa_pack.build" not in imported and "sbfa_pack.load" not in imported and "sbfa_pack.cli" in imported
    assert again.stdout == first.stdout  # the packages (-v) or the --json diagnostics, as the real build printed
    assert again.returncode == first.returncode
    summary = [line for line in again.stderr.splitlines() if not line.startswith("import time:")]
    assert ("--json" in args) or (summary and summary[-1].startswith("0 built, "))


def test_one_command_line_definition() -> None:
    """Issue 17 item 22: quick.py and its second parser of the build command line are gone; the
    console script is the click CLI, and nothing of sbfa_pack imports the old module."""
    import tomllib

    src = Path(sbfa_pack.__file__).parent
    pyproject = tomllib.loads((src.parents[1] / "pyproject.toml").read_text())
    assert pyproject["project"]["scripts"]["sbfa-pack"] == "sbfa_pack.cli:main"
    assert not (src / "quick.py").exists()
    importers = [p.name for p in src.rglob("*.py") if "from .quick" in (t := p.read_text()) or "sbfa_pack.quick" in t]
    assert not importers
