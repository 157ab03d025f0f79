"""Exact diagnostic text for a broken package, in each output format (STYLE: diagnostics golden-tested)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from validate_helpers import minimal12_files, write_tree, zip_tree

from sbfa_pack.diagnostics import render
from sbfa_pack.validate import validate_package
from sbfa_pack.validate.codes import CODES

EXPECTED_TEXT = """\
pkg.zip: warning[lms.file-name]: 1 file name(s) contain spaces, '#', '?' or '%' (my notes.txt); links to them \
break unless every reference is URL-escaped
pkg.zip!imsmanifest.xml:2:1: warning[scorm12.unlisted-file]: 1 file(s) in the package are not listed by any \
<file> element (my notes.txt); list every file a resource needs, or leave it out of the package
pkg.zip!imsmanifest.xml:10:5: error[scorm12.no-launchable]: no item of the default organization refers to a \
launchable resource; the LMS has nothing to open
pkg.zip!imsmanifest.xml:12:7: error[scorm12.identifierref]: item 'ITEM-1' refers to resource 'RES-9', which \
does not exist; the LMS cannot launch it (Moodle: 'resources were referenced in your manifest but couldn't \
be found')
pkg.zip!imsmanifest.xml:14:9: error[scorm12.masteryscore-range]: masteryscore '150' must be a number from 0 \
to 100; LMSs copy it to cmi.student_data.mastery_score and reject other values"""


@pytest.fixture()
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    files = minimal12_files()
    text = files["imsmanifest.xml"].decode()
    files["imsmanifest.xml"] = text.replace('identifierref="RES-1"', 'identifierref="RES-9"').replace(
        ">80<", ">150<").encode()
    files["my notes.txt"] = b""
    zip_tree(write_tree(tmp_path / "pkg", files), tmp_path / "pkg.zip")
    monkeypatch.chdir(tmp_path)
    return Path("pkg.zip")


def test_text_output(broken: Path) -> None:
    """One diagnostic a line: file!entry:line:col: severity[code]: message."""
    assert render(validate_package(broken).diagnostics, "text") == EXPECTED_TEXT


def test_github_and_json_output(broken: Path) -> None:
    """GitHub annotations escape ':' and ','; JSON carries every field."""
    diags = validate_package(broken).diagnostics
    github = render(diags, "github").splitlines()
    assert github[3].startswith("::error file=pkg.zip!imsmanifest.xml,line=12,col=7,title=scorm12.identifierref::")
    data = json.loads(render(diags, "json"))
    assert data[3] == {"severity": "error", "code": "scorm12.identifierref", "file": "pkg.zip!imsmanifest.xml",
                       "line": 12, "column": 7, "message": diags[3].message}
    junit = render(diags, "junit")
    assert 'failures="3"' in junit


def test_every_documented_code_is_used() -> None:
    """codes.py lists no code the validator never emits (each rule name appears in the sources)."""
    source = "".join(p.read_text() for p in Path(__file__).resolve().parents[2].glob("src/sbfa_pack/validate/*.py")
                     if p.name != "codes.py")
    rules = {c: c.split(".", 1)[1] for c in CODES}
    unused = [c for c, r in rules.items() if f'"{c}"' not in source and f'"{r}"' not in source
              and f'.{r}"' not in source]
    assert unused == []
