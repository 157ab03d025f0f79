"""XLIFF 2.0 exchange: export from PO, translate in a CAT tool, import back (translate-toolkit)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import Result
from lxml import etree

NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}


@pytest.fixture(autouse=True)
def _toolkit() -> None:
    try:
        import translate.storage.xliff2  # noqa: F401
    except ImportError:
        pytest.fail("translate-toolkit is missing: pip install -e '.[dev]' or pip install 'translate-toolkit>=3.20'",
                    pytrace=False)


def test_export_translate_import(project: Path, cli: Callable[..., Result]) -> None:
    cli("i18n", "update", str(project), "--lang", "de")
    po_file = project / "locales/de/resources.po"
    po = polib.pofile(str(po_file))
    po[1].msgstr, po[1].flags = "Ein Leitfaden", ["fuzzy"]
    po.save()
    result = cli("i18n", "xliff-export", str(project), "--lang", "de")
    assert result.exit_code == 0, result.output
    xlf = project / "dist/xliff/de/resources.xlf"
    doc = etree.parse(str(xlf))
    root = doc.getroot()
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "en", "de")
    units = doc.findall(".//x:unit", NS)
    assert [u.get("name") for u in units] == ["startup-guide/title", "startup-guide/description"]
    seg0, seg1 = (_child(u, "segment") for u in units)
    assert seg1.get("state") == "initial"  # fuzzy in PO

    # the CAT tool translates the first unit and confirms the second
    seg0.append(etree.fromstring(f'<target xmlns="{NS["x"]}">Gründungsleitfaden</target>'))
    seg1.set("state", "translated")
    _child(seg1, "target").text = "Ein Leitfaden in einfachen Worten."
    doc.write(str(xlf), xml_declaration=True, encoding="utf-8")

    result = cli("i18n", "xliff-import", str(xlf), "--project", str(project))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "locales/de/resources.po: 2 updated"
    po = polib.pofile(str(po_file))
    assert [(e.msgstr, e.fuzzy) for e in po] == [("Gründungsleitfaden", False),
                                                 ("Ein Leitfaden in einfachen Worten.", False)]


def test_import_rejects_a_broken_file(project: Path, cli: Callable[..., Result], tmp_path: Path) -> None:
    bad = tmp_path / "resources.xlf"
    bad.write_text("<xliff version='2.0'")
    result = cli("i18n", "xliff-import", str(bad), "--project", str(project))
    assert result.exit_code == 1
    assert result.output.startswith(f"{bad}: error: not an XLIFF 2.0 file (")


def _child(el: etree._Element, name: str) -> etree._Element:
    found = el.find(f"x:{name}", NS)
    assert found is not None, name
    return found
