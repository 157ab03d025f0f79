"""The command line, tested thinly: version, help everywhere, exit codes, new → validate → build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from sbfa_pack import __version__
from sbfa_pack.cli import main

ROOTS = Path(__file__).parent / "roots"


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = [prefix]
    for name, cmd in sorted(group.commands.items()):
        if isinstance(cmd, click.Group):
            out += _commands(cmd, (*prefix, name))
        else:
            out.append((*prefix, name))
    return out


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize("args", _commands(main), ids=lambda a: " ".join(a) or "main")
def test_help_on_every_command(args: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*args, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


def test_core_commands_are_there() -> None:
    assert {"build", "validate", "new"} <= set(main.commands)


def test_new_then_validate_then_build(tmp_path: Path) -> None:
    """What `new` writes passes `validate` as generated, starts with the schema line, and builds."""
    runner = CliRunner()
    args = ["--project", str(tmp_path)]
    assert runner.invoke(main, ["new", "course", "money-basics", *args]).exit_code == 0
    for kind in ("self-assessment", "worksheet", "calculator", "checklist"):
        assert runner.invoke(main, ["new", "exercise", kind, f"my-{kind}", *args]).exit_code == 0
    course = tmp_path / "courses" / "money-basics" / "course.yaml"
    first = course.read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/course.schema.json"
    assert (course.parent / first.split("=", 1)[1]).is_file()
    result = runner.invoke(main, ["validate", "--strict", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.stderr
    built = runner.invoke(main, ["build", str(tmp_path), "--format", "web"])
    assert built.exit_code == 0, built.output
    index = json.loads((tmp_path / "dist" / "index.json").read_text())
    assert sorted(p["id"] for p in index["packages"]) == ["money-basics", "my-calculator", "my-checklist",
                                                          "my-self-assessment", "my-worksheet"]


def test_new_refuses_bad_ids_and_overwrites(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["new", "course", "Money", "--project", str(tmp_path)]).exit_code == 2
    assert runner.invoke(main, ["new", "course", "money", "--project", str(tmp_path)]).exit_code == 0
    again = runner.invoke(main, ["new", "course", "money", "--project", str(tmp_path)])
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert runner.invoke(main, ["new", "exercise", "quiz", "x", "--project", str(tmp_path)]).exit_code == 2


def test_validate_json_strict_and_exit_codes(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(ROOTS / "basic", root)
    runner = CliRunner()
    assert runner.invoke(main, ["validate", str(root)]).exit_code == 0
    course = root / "courses" / "first-steps" / "course.yaml"
    course.write_text(course.read_text().replace("language: en", "language: de"))  # a warning only
    warned = runner.invoke(main, ["validate", "--json", str(root)])
    assert warned.exit_code == 0
    items = json.loads(warned.stdout)
    assert [(d["severity"], d["code"]) for d in items] == [("warning", "i18n.source-language")]
    assert set(items[0]) == {"severity", "code", "message", "file", "line", "column"}
    assert runner.invoke(main, ["validate", "--strict", str(root)]).exit_code == 1
    strict = runner.invoke(main, ["build", "--strict", "--format", "web", str(root)])
    assert strict.exit_code == 1  # Issue 17 item 11: with --strict a warning fails the build: nothing written
    assert strict.stderr.splitlines()[-1].startswith("the build failed with 1 warning(s) and --strict: nothing was")
    assert not (root / "dist").exists()


def test_build_paths_select_courses(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(ROOTS / "basic", root)
    runner = CliRunner()
    result = runner.invoke(main, ["build", "--json", "--format", "web", str(root / "courses" / "first-steps")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []
    index = json.loads((root / "dist" / "index.json").read_text())
    assert [p["file"] for p in index["packages"]] == ["first-steps-1.0.0-en-web.zip"]
    outside = runner.invoke(main, ["build", str(root), str(tmp_path)])
    assert outside.exit_code == 2


def test_sample_projects_are_valid() -> None:
    """The sample projects under tests/roots are clean (they are what the other tests build)."""
    runner = CliRunner()
    for root in sorted(p for p in ROOTS.iterdir() if (p / "sbfa.yaml").is_file()):
        result = runner.invoke(main, ["validate", "--strict", str(root)])
        assert result.exit_code == 0, (root.name, result.output)
        assert yaml.safe_load((root / "sbfa.yaml").read_text())["name"]


def test_validate_a_course_folder_reports_only_its_problems(tmp_path: Path) -> None:
    golden = Path(__file__).parent / "golden"
    shutil.copytree(golden / "missing-exercise", tmp_path, dirs_exist_ok=True)
    shutil.copytree(golden / "formula-syntax" / "toolkit", tmp_path / "toolkit")
    runner = CliRunner()
    whole = runner.invoke(main, ["validate", "--json", str(tmp_path)])
    assert sorted(d["file"] for d in json.loads(whole.stdout)) == ["courses/demo/course.yaml", "toolkit/costs.yaml"]
    course = runner.invoke(main, ["validate", "--json", str(tmp_path / "courses" / "demo")])
    assert [d["code"] for d in json.loads(course.stdout)] == ["ref.missing-exercise"]
    exercise = runner.invoke(main, ["validate", "--json", str(tmp_path / "toolkit" / "costs.yaml")])
    assert [d["code"] for d in json.loads(exercise.stdout)] == ["expr.syntax"]


def test_build_prints_a_summary_and_the_packages_with_verbose(tmp_path: Path) -> None:
    """Issue 17 item 4: a summary by default (built / unchanged / removed, size, where the index
    is); one line per package, and per package removed, with -v."""
    root = tmp_path / "p"
    shutil.copytree(ROOTS / "basic", root)
    runner = CliRunner()
    first = runner.invoke(main, ["build", "--format", "web", str(root)])
    assert first.exit_code == 0 and first.stdout == ""
    assert first.stderr.splitlines()[-1].startswith("2 built, 0 unchanged: 2 package(s), ")
    assert first.stderr.splitlines()[-1].endswith(f" KB; index: {root / 'dist' / 'index.json'}")
    course = root / "courses" / "first-steps" / "course.yaml"
    course.write_text(course.read_text().replace("version: 1.0.0", "version: 1.1.0", 1))
    again = runner.invoke(main, ["build", "-v", "--format", "web", str(root)])
    assert again.exit_code == 0, again.output
    assert sorted(line.split("  ")[0] for line in again.stdout.splitlines()) == sorted([
        f"removed {root / 'dist' / 'first-steps-1.0.0-en-web.zip'} (no longer built)",
        str(root / "dist" / "first-steps-1.1.0-en-web.zip"), str(root / "dist" / "swot-1.0.0-en-web.zip")])
    assert again.stderr.splitlines()[-1].startswith("1 built, 1 unchanged, 1 removed (no longer built): ")


def test_a_failed_build_ends_with_one_line_saying_nothing_was_written(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 17 item 11 (and issue 20 item 1 for a full disk): the last line says that nothing was
    written to the output folder, and nothing was."""
    import errno
    import os

    root = tmp_path / "p"
    shutil.copytree(ROOTS / "basic", root)
    runner = CliRunner()
    assert runner.invoke(main, ["build", "--format", "web", str(root)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in (root / "dist").iterdir() if not p.name.startswith(".")}
    course = root / "courses" / "first-steps" / "course.yaml"
    course.write_text(course.read_text().replace("title: First steps", "titel: First steps"))
    failed = runner.invoke(main, ["build", "--format", "web", str(root)])
    assert failed.exit_code == 1
    assert failed.stderr.splitlines()[-1] == (f"the build failed with 1 error(s): nothing was written to "
                                              f"{root / 'dist'} (the last build there is unchanged)")
    course.write_text(course.read_text().replace("titel: First steps", "title: Second steps"))

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    stopped = runner.invoke(main, ["build", "--format", "web", "-j", "1", str(root)])
    monkeypatch.undo()
    assert stopped.exit_code == 1 and "Traceback" not in stopped.output
    assert stopped.stderr.splitlines() == ["sbfa-pack: error: No space left on device",
                                           f"the build stopped: nothing was written to {root / 'dist'} "
                                           "(the last build there is unchanged)"]
    assert {p.name: p.read_bytes() for p in (root / "dist").iterdir() if not p.name.startswith(".")} == before


def test_a_folder_without_a_project_file_is_a_usage_error(tmp_path: Path) -> None:
    """Issue 17 item 10: build and validate in a folder without sbfa.yaml (there or above) stop
    with exit 2 and say how to start, never a silent success with an empty index; validate of a
    package there still works."""
    empty = tmp_path / "nothing-here"
    empty.mkdir()
    runner = CliRunner()
    built = runner.invoke(main, ["build", str(empty)])
    assert built.exit_code == 2, built.output
    assert built.stderr.strip() == (f"sbfa-pack: error: no sbfa.yaml in {empty} or its parents; "
                                    "run `sbfa-pack new course ID` to start")
    checked = runner.invoke(main, ["validate", str(empty)])  # (the validator may say more: not a package)
    assert checked.exit_code == 2 and "no sbfa.yaml in" in checked.stderr and "or its parents" in checked.stderr
    assert list(empty.iterdir()) == []
    root = tmp_path / "p"
    shutil.copytree(ROOTS / "basic", root)
    assert runner.invoke(main, ["build", "--format", "xapi", str(root)]).exit_code == 0
    package = next((root / "dist").glob("*.zip"))
    shutil.copy(package, empty / package.name)
    package_checked = runner.invoke(main, ["validate", str(empty / package.name)])
    assert package_checked.exit_code == 0 and "no sbfa.yaml" not in package_checked.output
