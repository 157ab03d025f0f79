"""Malformed input of every kind gives one clean diagnostic line and exit 1 or 2: no traceback, no hang."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from sbfa_pack.cli import main

GOOD = (Path(__file__).parents[1] / "golden" / "unknown-key" / "courses" / "demo" / "course.yaml").read_text()
GOOD = GOOD.replace("titel:", "title:")
LINE = re.compile(r"^\S+?:\d+:\d+: error\[[a-z0-9.-]+\]: .+$")


def _project(tmp: Path) -> Path:
    (tmp / "sbfa.yaml").write_text("name: Malformed\nformats: [web]\n")
    (tmp / "courses" / "demo").mkdir(parents=True)
    return tmp / "courses" / "demo"


def _write(name: str, data: bytes) -> Callable[[Path], None]:
    def make(course: Path) -> None:
        (course / name).write_bytes(data)
    return make


def _dir_as_file(course: Path) -> None:
    (course / "course.yaml").mkdir()


def _self_loop(course: Path) -> None:
    (course / "course.yaml").symlink_to(course / "course.yaml")


def _folder_loop(course: Path) -> None:
    (course / "course.yaml").write_text(GOOD)
    (course.parent / "loop").symlink_to(course.parent / "loop")


def _dangling(course: Path) -> None:
    (course / "course.yaml").symlink_to(course / "nowhere.yaml")


def _huge_body(course: Path) -> None:
    (course / "course.yaml").write_text(GOOD.replace("body: Hello.", "body_file: huge.md"))
    (course / "huge.md").write_bytes(b"Lorem ipsum dolor sit amet.\n" * 380_000)  # 10.6 MB


def _fifo_body(course: Path) -> None:
    (course / "course.yaml").write_text(GOOD.replace("body: Hello.", "body_file: pipe.md"))
    os.mkfifo(course / "pipe.md")


def _body_loop(course: Path) -> None:
    (course / "course.yaml").write_text(GOOD.replace("body: Hello.", "body_file: loop.md"))
    (course / "loop.md").symlink_to(course / "loop.md")


BOMB = b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + b"".join(
    b"%c: &%c [%s]\n" % (98 + i, 98 + i, b",".join([b"*%c" % (97 + i)] * 9)) for i in range(8))

CASES: dict[str, Callable[[Path], None]] = {
    "binary": _write("course.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
    "empty": _write("course.yaml", b""),
    "whitespace-only": _write("course.yaml", b"\n   \n"),
    "comment-only": _write("course.yaml", b"# nothing here\n"),
    "nul-bytes": _write("course.yaml", GOOD.encode().replace(b"Demo", b"De\x00mo")),
    "utf-16": _write("course.yaml", GOOD.encode("utf-16")),
    "latin-1": _write("course.yaml", GOOD.replace("Demo", "Démo").encode("latin-1")),
    "yaml-bomb": _write("course.yaml", BOMB),
    "deep-flow-nesting": _write("course.yaml", b"a: " + b"[" * 10_000 + b"]" * 10_000 + b"\n"),
    "deep-block-nesting": _write("course.yaml", b"- " * 10_000 + b"x\n"),
    "deep-mapping-nesting": _write("course.yaml", b"a: " + b"{a: " * 10_000 + b"1" + b"}" * 10_000 + b"\n"),
    "scalar-document": _write("course.yaml", b"just some words\n"),
    "list-document": _write("course.yaml", b"- a\n- b\n"),
    "python-tag": _write("course.yaml", b"id: !!python/object/apply:os.system ['true']\n"),
    "directory-as-course-yaml": _dir_as_file,
    "symlink-loop-course-yaml": _self_loop,
    "symlink-loop-courses-entry": _folder_loop,
    "dangling-symlink": _dangling,
    "ten-mb-body-file": _huge_body,
    "fifo-body-file": _fifo_body,
    "symlink-loop-body-file": _body_loop,
}


@pytest.mark.timeout(30)
@pytest.mark.parametrize("name", sorted(CASES))
def test_clean_error(name: str, tmp_path: Path) -> None:
    CASES[name](_project(tmp_path))
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if "error[" in line]
    assert errors, result.output
    for line in errors:
        assert LINE.match(line), line
    assert "Traceback" not in result.output


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["validate", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    (tmp_path / "sbfa.yaml").write_text("name: X\n")
    bad_format = runner.invoke(main, ["build", str(tmp_path), "--format", "pdf", "--out", str(tmp_path / "d")])
    assert bad_format.exit_code == 2 and "unknown format 'pdf'" in bad_format.stderr
    bad_option = runner.invoke(main, ["build", "--no-such-option"])
    assert bad_option.exit_code == 2


def test_project_file_is_a_directory(tmp_path: Path) -> None:
    (tmp_path / "sbfa.yaml").mkdir()
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert "sbfa.yaml:1:1: error[file.is-directory]" in result.stderr


def test_real_process_has_no_traceback(tmp_path: Path) -> None:
    """One run in a real process (as a user would), on a YAML bomb beside a binary file."""
    course = _project(tmp_path)
    (course / "course.yaml").write_bytes(BOMB)
    (tmp_path / "toolkit").mkdir()
    (tmp_path / "toolkit" / "x.yaml").write_bytes(bytes(range(256)))
    exe = Path(sys.executable).with_name("sbfa-pack")
    proc = subprocess.run([str(exe), "validate", str(tmp_path)], capture_output=True, text=True, timeout=60,
                          check=False)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "courses/demo/course.yaml:1:4: error[yaml.anchor]" in proc.stderr
    assert "toolkit/x.yaml:1:1: error[file.binary]" in proc.stderr
