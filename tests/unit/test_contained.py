"""Every path a project names stays inside the project, after links (Issue 19 item 2)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from sbfa_pack.builders.scorm12_manifest import SCHEMA_FILES
from sbfa_pack.cli import main
from sbfa_pack.paths import inside


def test_inside_refuses_climbing_absolute_links_and_nul(tmp_path: Path) -> None:
    """Issue 19 item 2: the one helper every named path goes through."""
    (tmp_path / "p" / "a").mkdir(parents=True)
    (tmp_path / "p" / "a" / "ok.svg").write_text("x")
    (tmp_path / "secret.svg").write_text("x")
    (tmp_path / "p" / "link.svg").symlink_to(tmp_path / "secret.svg")
    (tmp_path / "p" / "dir").symlink_to(tmp_path)
    base = tmp_path / "p"
    assert inside(base, "a/ok.svg") == (base / "a" / "ok.svg").resolve()
    assert inside(base, "a/../a/ok.svg") is not None
    for name in ("../secret.svg", str(tmp_path / "secret.svg"), "link.svg", "dir/secret.svg", "a\0b"):
        assert inside(base, name) is None, name


@pytest.fixture
def project(roots: Path, tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(roots / "basic", project)
    (tmp_path / "secret.md").write_text("# SECRET\n\nroot:x:0:0\n")
    (tmp_path / "secret.png").write_bytes(b"\x89PNG SECRET")
    return project


def _errors(project: Path) -> list[str]:
    for command in (["validate", str(project)], ["build", str(project), "--format", "web"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output and "SECRET" not in result.output
    assert not list((project / "dist").glob("*.zip"))
    return [line for line in result.output.splitlines() if "error[" in line]


def _course(project: Path) -> Path:
    return project / "courses" / "first-steps"


@pytest.mark.parametrize("how", ["climb", "absolute", "link"])
def test_a_body_file_outside_the_project_is_an_error(project: Path, how: str) -> None:
    """Issue 19 item 2: body_file."""
    secret = project.parent / "secret.md"
    ref = {"climb": "../../../secret.md", "absolute": str(secret), "link": "linked.md"}[how]
    (_course(project) / "linked.md").symlink_to(secret)
    yaml = _course(project) / "course.yaml"
    yaml.write_text(yaml.read_text().replace("body_file: welcome.md", f"body_file: {ref}"))
    errors = _errors(project)
    assert any(e.startswith("courses/first-steps/course.yaml:") and "error[ref.outside]" in e for e in errors), errors


@pytest.mark.parametrize("tag", ["![A shop](IMG)", "[a link](IMG)",
                                 '<video controls src="IMG"><track kind="captions" src="IMG" srclang="en"></video>'])
@pytest.mark.parametrize("how", ["climb", "absolute", "link"])
def test_an_image_link_or_media_outside_the_project_is_an_error(project: Path, tag: str, how: str) -> None:
    """Issue 19 item 2: Markdown images, links, media and track src."""
    secret = project.parent / "secret.png"
    ref = {"climb": "../../../secret.png", "absolute": str(secret), "link": "linked.png"}[how]
    (_course(project) / "linked.png").symlink_to(secret)
    with (_course(project) / "welcome.md").open("a") as fh:
        fh.write("\n\n" + tag.replace("IMG", ref) + "\n")
    errors = _errors(project)
    assert any("error[ref.outside]" in e for e in errors), errors


def test_a_course_folder_or_toolkit_file_linked_from_outside_is_an_error(project: Path, tmp_path: Path) -> None:
    """Issue 19 item 2: a course folder (or a YAML source) that is a link out of the project is
    not read, so neither are the files it names."""
    outside = tmp_path / "elsewhere"
    shutil.copytree(_course(project), outside / "other")
    (outside / "other" / "course.yaml").write_text(
        (outside / "other" / "course.yaml").read_text().replace("id: first-steps", "id: other"))
    (project / "courses" / "other").symlink_to(outside / "other")
    (project / "toolkit" / "leak.yaml").symlink_to(tmp_path / "secret.md")
    errors = _errors(project)
    assert any(e.startswith("courses/other:") and "error[ref.outside]" in e for e in errors), errors
    assert any(e.startswith("toolkit/leak.yaml:") and "error[ref.outside]" in e for e in errors), errors


def test_schemas_outside_the_project_or_linked_out_of_their_folder(project: Path, tmp_path: Path) -> None:
    """Issue 19 item 2: scorm.schemas is a folder of the project, and each XSD a file of it
    (for --schemas too: a file of the named folder)."""
    official = tmp_path / "xsd"
    official.mkdir()
    for name in SCHEMA_FILES:
        (official / name).write_text("<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'/>")
    with (project / "sbfa.yaml").open("a") as fh:
        fh.write(f"scorm:\n  schemas: {official}\n")
    errors = _errors(project)
    assert any(e.startswith("sbfa.yaml:") and "scorm.schemas" in e and "ref.outside" in e for e in errors), errors
    xsd = project / "xsd"
    shutil.copytree(official, xsd)
    (xsd / "ims_xml.xsd").unlink()
    (xsd / "ims_xml.xsd").symlink_to(project.parent / "secret.md")
    for args in (["--schemas", str(xsd)], []):
        text = (project / "sbfa.yaml").read_text().split("scorm:")[0]
        scorm = "scorm:\n  state_overflow: browser\n" + ("" if args else "  schemas: xsd\n")
        (project / "sbfa.yaml").write_text(text + scorm)
        result = CliRunner().invoke(main, ["build", str(project), "--format", "scorm12", *args])
        assert result.exit_code == 1, result.output
        assert "ims_xml.xsd leads outside that folder" in result.output, result.output
        assert not list((project / "dist").glob("*.zip"))


def test_a_catalog_that_is_a_fifo_is_not_read(roots: Path, tmp_path: Path) -> None:
    """Issue 19 item 2: a FIFO among the catalogs is an error, never read (the read would hang)."""
    project = tmp_path / "project"
    shutil.copytree(roots / "i18n", project)
    (project / "locales" / "de").mkdir(parents=True)
    os.mkfifo(project / "locales" / "de" / "money-basics.po")
    exe = Path(sys.executable).with_name("sbfa-pack")  # a real process: a hang ends at the timeout
    proc = subprocess.run([str(exe), "validate", str(project)], capture_output=True, text=True, timeout=60,
                          check=False)
    assert proc.returncode == 1 and "not a regular file" in proc.stderr, proc.stderr


def test_a_catalog_linked_from_outside_is_not_read(roots: Path, tmp_path: Path) -> None:
    """Issue 19 item 2: a PO file of locales/ that is a link out of the project is not read, so no
    line of the file it points to reaches the diagnostics (a CI log) or a package."""
    project = tmp_path / "project"
    shutil.copytree(roots / "i18n", project)
    secret = tmp_path / "secret.po"
    secret.write_text('msgid ""\nmsgstr ""\n\nmsgid "Money basics"\nmsgstr "SECRET title"\nroot:x:0:0:SECRET\n')
    (project / "locales" / "de").mkdir(parents=True)
    (project / "locales" / "de" / "money-basics.po").symlink_to(secret)
    result = CliRunner().invoke(main, ["validate", str(project)])
    assert result.exit_code == 1 and "SECRET" not in result.output, result.output
    assert "leads outside the project folder" in result.output
    built = CliRunner().invoke(main, ["build", str(project), "--lang", "de"])
    assert "SECRET" not in built.output
    for package in (project / "dist").glob("*.zip"):
        with zipfile.ZipFile(package) as zf:
            assert not any(b"SECRET" in zf.read(name) for name in zf.namelist())


def test_walks_stay_in_the_project_and_see_each_folder_once(project: Path, tmp_path: Path) -> None:
    """Issue 19 item 2: the build's record of its inputs (noop) and its digests follow links only
    inside the project, once each: a course folder linked to / is reported (not walked whole),
    and links that loop inside a course do not stop the build."""
    from sbfa_pack.paths import walk_inside

    (_course(project) / "loop").symlink_to(".")
    (_course(project) / "up").symlink_to("..")
    (_course(project) / "out").symlink_to(tmp_path)
    walked = [Path(f).relative_to(project).as_posix() for f, _, _ in walk_inside(project / "courses", project)]
    assert walked == ["courses", "courses/first-steps"]
    result = CliRunner().invoke(main, ["build", str(project), "--format", "web"])
    assert result.exit_code == 0, result.output
    shutil.rmtree(project / "dist")
    (project / "courses" / "everything").symlink_to("/")
    errors = _errors(project)
    assert any(e.startswith("courses/everything:") and "ref.outside" in e for e in errors), errors


def test_validate_schemas_linked_out_of_their_folder_are_not_read(tmp_path: Path) -> None:
    """Issue 19 item 2: `validate --schemas DIR` reads the official XSDs only as files of DIR."""
    from sbfa_pack.validate.xsd import REQUIRED, find_schemas

    folder = tmp_path / "xsd"
    (folder / "scorm12").mkdir(parents=True)
    for name in REQUIRED["scorm12"]:
        (folder / name).write_text("<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'/>")
    assert find_schemas("scorm12", None, folder) is not None
    (tmp_path / "secret.xsd").write_text("SECRET")
    (folder / REQUIRED["scorm12"][0]).unlink()
    (folder / REQUIRED["scorm12"][0]).symlink_to(tmp_path / "secret.xsd")
    assert find_schemas("scorm12", None, folder) is None


def test_links_out_are_found_from_a_relative_project_path(project: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19 item 2: a project given by a relative path is checked the same way (a folder without
    sbfa.yaml is a usage error since issue 17 item 10, so the project keeps its file)."""
    (project / "toolkit" / "leak.yaml").symlink_to(tmp_path / "secret.md")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "project"])
    assert result.exit_code == 1 and "toolkit/leak.yaml:1:1: error[ref.outside]" in result.output, result.output
