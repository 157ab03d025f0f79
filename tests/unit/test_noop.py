"""The no-op fast path (issue 2: a no-op rebuild under 5% of a full build): when no source file
changed since the last build with the same request, the report is replayed without loading."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import sbfa_pack.builders.web  # noqa: F401  (registers 'web' whatever other tests registered first)
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


def test_a_build_with_errors_is_never_replayed(project: Path) -> None:
    course = project / "courses/first-steps/course.yaml"
    course.write_text(course.read_text().replace("title: First steps", "titel: First steps"))
    assert _run(project)[0] == 1
    assert not (project / "dist" / ".sbfa-inputs.json").exists()
