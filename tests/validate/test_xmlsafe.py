"""Safe XML parsing (CAM-9): no XXE, no entity expansion, no network; BOM accepted with a note."""

from __future__ import annotations

import time
from pathlib import Path

from validate_helpers import minimal12_files, write_tree, zip_tree

from sbfa_pack.validate import validate_package


def _manifest_with(tmp_path: Path, text: bytes) -> Path:
    files = minimal12_files()
    files["imsmanifest.xml"] = text
    return zip_tree(write_tree(tmp_path / "pkg", files), tmp_path / "pkg.zip")


def test_external_entity_is_not_read(tmp_path: Path) -> None:
    """XXE: an external entity naming a local file is neither loaded nor expanded."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    text = minimal12_files()["imsmanifest.xml"].decode()
    text = text.replace('<?xml version="1.0" encoding="UTF-8"?>',
                        f'<?xml version="1.0"?>\n<!DOCTYPE manifest [<!ENTITY x SYSTEM "file://{secret}">]>')
    text = text.replace("<title>Minimal course</title>", "<title>&x;</title>")
    report = validate_package(_manifest_with(tmp_path, text.encode()))
    assert "TOP-SECRET-VALUE" not in str(report.diagnostics) + str(report.summary)
    assert "xml.entity" in {d.code for d in report.diagnostics}


def test_billion_laughs_is_not_expanded(tmp_path: Path) -> None:
    """Nested internal entities stay unexpanded; validation stays fast and small."""
    ents = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    text = minimal12_files()["imsmanifest.xml"].decode()
    text = text.replace('<?xml version="1.0" encoding="UTF-8"?>',
                        f"<?xml version=\"1.0\"?><!DOCTYPE manifest [{ents}]>")
    text = text.replace("<title>Minimal course</title>", "<title>&a9;</title>")
    start = time.perf_counter()
    report = validate_package(_manifest_with(tmp_path, text.encode()))
    assert time.perf_counter() - start < 2
    # libxml2 refuses the document outright ("Maximum entity amplification factor exceeded").
    assert {d.code for d in report.diagnostics} & {"xml.entity", "xml.not-well-formed"}
    assert len(str(report.summary)) < 10_000


def test_bom_is_accepted_with_a_note(tmp_path: Path) -> None:
    """CAM-9: a UTF-8 BOM (Storyline, Ludiscape, Rustici files) is accepted, with a note only."""
    report = validate_package(_manifest_with(tmp_path, b"\xef\xbb\xbf" + minimal12_files()["imsmanifest.xml"]))
    assert [(d.severity, d.code) for d in report.diagnostics] == [("note", "xml.bom")]


def test_not_well_formed_has_line_and_column(tmp_path: Path) -> None:
    """CAM-9: Moodle dies with 'XML error ... at line N'; we say where."""
    text = minimal12_files()["imsmanifest.xml"].replace(b"</organization>", b"</organisation>")
    found = [d for d in validate_package(_manifest_with(tmp_path, text)).diagnostics
             if d.code == "xml.not-well-formed"]
    assert found and found[0].line == 16 and found[0].column > 0


def test_non_utf8_encoding_is_a_warning(tmp_path: Path) -> None:
    """CAM-9: Moodle reads manifests as UTF-8; a Latin-1 manifest parses but garbles titles there."""
    text = minimal12_files()["imsmanifest.xml"].decode().replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    text = text.replace("Minimal course", "Cours \u00e9l\u00e9mentaire")
    report = validate_package(_manifest_with(tmp_path, text.encode("latin-1")))
    assert [d.code for d in report.diagnostics if d.severity != "note"] == ["xml.encoding"]
    assert report.summary["title"] == "Cours \u00e9l\u00e9mentaire"


def test_empty_manifest(tmp_path: Path) -> None:
    """An empty file is not XML."""
    assert "xml.not-well-formed" in {d.code for d in validate_package(_manifest_with(tmp_path, b"")).diagnostics}
