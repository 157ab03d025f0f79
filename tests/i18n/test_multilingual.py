"""A multilingual package: one zip per course and format carrying every language (issue 5)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import polib
from click.testing import Result

import sbfa_pack.builders.web  # noqa: F401  (registers 'web' whatever other tests registered first)
from sbfa_pack.build import build
from sbfa_pack.validate import validate_package


def test_packages_both_adds_a_multilingual_package(project: Path, cli: Callable[..., Result]) -> None:
    """`packages: both` builds the per-language packages and one `-mul` package whose extra pages
    (index.<lang>.html) the runtime swaps in place, so switching keeps progress (keyed by ids)."""
    assert cli("i18n", "update", str(project), "--lang", "de").exit_code == 0
    po_file = project / "locales/de/money-basics.po"
    po = polib.pofile(str(po_file))
    po.find("Rent", msgctxt="costs/check/questions/rent/choices/a/text").msgstr = "Miete"
    po.save()
    config = project / "sbfa.yaml"
    config.write_text(config.read_text().replace("formats:", "packages: both\nformats:", 1))

    res = build(project, project / "dist", formats=["web", "scorm12"], only={"money-basics"}, jobs=1)

    assert not res.diagnostics.errors, [str(d) for d in res.diagnostics]
    mul = {b.format: b for b in res.built if b.language == "mul"}
    assert sorted(mul) == ["scorm12", "web"]
    assert mul["web"].file == "money-basics-1.0.0-mul-web.zip"
    singles = sorted(b.language for b in res.built if b.format == "web" and b.language != "mul")
    assert singles == ["ar", "de", "en", "pl"]
    assert mul["web"].report["languages"] == ["en", "de", "pl", "ar"]
    with zipfile.ZipFile(project / "dist" / mul["web"].file) as z:
        names = set(z.namelist())
        german = z.read("index.de.html").decode()
    assert {"index.html", "index.de.html", "index.pl.html", "index.ar.html"} <= names
    assert 'lang="de"' in german and "Miete" in german
    report = validate_package(project / "dist" / mul["scorm12"].file)
    assert not [d for d in report.diagnostics if d.severity != "note"], report.diagnostics
