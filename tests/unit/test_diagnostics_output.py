"""The diagnostics output layer: every format is printable, valid and one line per problem."""

from __future__ import annotations

import json
import os
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from sbfa_pack.cli import main
from sbfa_pack.diagnostics import Diagnostic, render

FORMATS = ("text", "json", "junit", "github")
_HOSTILE = "title \x1b[2J\x1b]0;pwned\x07 with NUL\x00, DEL\x7f, C1\x9b, bidi\u202e and a\nnew line"
_UNDECODABLE = os.fsdecode(b"caf\xe9-\xff")  # a Latin-1 file name on a UTF-8 system


def _is_clean(text: str) -> bool:
    return not any((ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F or 0xD800 <= ord(c) <= 0xDFFF
                   or c == "\u202e" for c in text)


@pytest.mark.parametrize("fmt", FORMATS)
def test_control_characters_are_escaped_in_every_format(fmt: str) -> None:
    """Issue 19 item 9: text from sources never reaches the terminal or CI raw (ESC, NUL, BEL, C1,
    bidi overrides); junit stays XML, json stays JSON, a message stays one line."""
    d = Diagnostic("error", "schema.value", f"unknown key '{_HOSTILE}'", f"courses/{_HOSTILE}/course.yaml", 3, 4)
    out = render([d], fmt)  # type: ignore[arg-type]
    out.encode("utf-8")
    assert _is_clean(out)
    assert "\\x1b[2J" in out.replace("\\\\", "\\") and "\\x00" in out.replace("\\\\", "\\")
    if fmt == "junit":
        ElementTree.fromstring(out.split("\n", 1)[1])
    elif fmt == "json":
        item = json.loads(out)[0]
        assert _is_clean(item["message"]) and _is_clean(item["file"])
    else:
        assert len(out.splitlines()) == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_undecodable_file_names_are_printed(fmt: str) -> None:
    """Issue 19 item 8: a file name that is not UTF-8 (surrogate-escaped) is printed as \\xNN."""
    d = Diagnostic("error", "file.missing", f"'{_UNDECODABLE}.png' not found", f"courses/{_UNDECODABLE}/a.yaml", 1, 1)
    out = render([d], fmt)  # type: ignore[arg-type]
    assert "caf\\xe9-\\xff" in out.replace("\\\\", "\\")
    out.encode("utf-8")  # strict: no lone surrogate left


@pytest.mark.skipif(os.name == "nt", reason="POSIX file names are bytes")
@pytest.mark.parametrize("fmt", FORMATS)
def test_validate_a_project_with_a_non_utf8_folder(tmp_path: Path, fmt: str) -> None:
    """Issue 19 item 8: `validate --format json|junit|github` of a project with a course folder whose
    name is not UTF-8 prints its diagnostics instead of crashing with UnicodeEncodeError."""
    (tmp_path / "sbfa.yaml").write_text("name: x\nformats: [web]\n", encoding="utf-8")
    folder = os.path.join(os.fsencode(tmp_path), b"courses", b"caf\xe9")
    os.makedirs(folder)
    with open(os.path.join(folder, b"course.yaml"), "wb") as fh:
        fh.write(b"id: cafe\n")
    result = CliRunner().invoke(main, ["validate", "--format", fmt, str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "courses/caf\\xe9/course.yaml" in result.output.replace("\\\\", "\\")


def test_usage_error_lines_escape_control_characters(tmp_path: Path) -> None:
    """Issue 19 item 9: a one-line usage error naming a path from the command line or the sources
    escapes its control characters too (an ESC sequence never reaches the terminal)."""
    folder = tmp_path / "evil\x1b[2Jname"
    folder.mkdir()
    result = CliRunner().invoke(main, ["build", str(folder)])
    assert result.exit_code == 2
    assert "\x1b" not in result.output and "\\x1b[2Jname" in result.output, result.output
