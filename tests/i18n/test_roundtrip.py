"""extract → update → translate → build → the package shows it; a source change becomes fuzzy."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import Result

import sbfa_pack.builders.web  # noqa: F401  (registers 'web' whatever other tests registered first)
from sbfa_pack.build import build
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.i18n.localise import ROOT_ENV
from sbfa_pack.sources_check import validate_sources

GERMAN = {
    "Fixed costs": "Fixkosten",
    "What is a fixed cost?": "Was sind Fixkosten?",
    "A **fixed cost** stays the same every month,\nhowever much you sell.":
        "**Fixkosten** bleiben jeden Monat gleich,\negal wie viel Sie verkaufen.",
    "Insurance, see [the guide](https://example.org/guide)": "Versicherung, siehe [den Leitfaden](https://example.org/guide)",
    "Rent": "Miete",
}


def test_round_trip(project: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli("i18n", "extract", str(project)).exit_code == 0
    assert (project / "locales/templates/money-basics.pot").is_file()
    result = cli("i18n", "update", str(project), "--lang", "de")
    assert result.exit_code == 0, result.output
    assert "locales/de/money-basics.po: 0 translated, 0 fuzzy, 19 missing" in result.output
    po_file = project / "locales/de/money-basics.po"
    po = polib.pofile(str(po_file))
    for e in po:
        e.msgstr = GERMAN.get(e.msgid, "")
    po.save()

    monkeypatch.setenv(ROOT_ENV, str(project))
    res = build(project, project / "dist", formats=["web"], languages=["de"], only={"money-basics"}, jobs=1)
    with zipfile.ZipFile(project / "dist" / res.built[0].file) as z:
        html = z.read("index.html").decode()
    assert "Was sind Fixkosten?</h" in html
    assert "<p><strong>Fixkosten</strong> bleiben jeden Monat gleich,\negal wie viel Sie verkaufen.</p>" in html
    assert '<li>Versicherung, siehe <a href="https://example.org/guide"' in html
    assert "<li>Rent for your shop</li>" in html  # untranslated: the source stays
    assert "rent + insurance = fixed costs" in html  # code is never translated

    course = project / "courses/money-basics/course.yaml"
    course.write_text(course.read_text().replace("title: Fixed costs", "title: Fixed costs each month"))
    assert cli("i18n", "update", str(project), "--lang", "de").exit_code == 0
    po = polib.pofile(str(po_file))
    entry = po.find("Fixed costs each month", msgctxt="costs/fixed-costs/title")
    assert entry is not None and entry.fuzzy
    assert (entry.previous_msgid, entry.msgstr) == ("Fixed costs", "Fixkosten")
    assert po.find("Rent", msgctxt="costs/check/questions/rent/choices/a/text").msgstr == "Miete"

    diags = Diagnostics()
    validate_sources(project, diags)
    line = po_file.read_text().splitlines().index('msgid "Fixed costs each month"') + 1
    fuzzy = [str(d) for d in diags if d.code == "i18n.fuzzy"]
    assert fuzzy == [f"locales/de/money-basics.po:{line}: warning[i18n.fuzzy]: 1 fuzzy string(s) to review (the "
                     "source changed), first: 'Fixed costs each month'; the build uses the source language for them"]


def test_update_never_loses_a_translation(project: Path, cli: Callable[..., Result]) -> None:
    cli("i18n", "update", str(project), "--lang", "pl")
    po_file = project / "locales/pl/budget.po"
    po = polib.pofile(str(po_file))
    po.find("I know my rent").msgstr = "Znam swój czynsz"
    po.save()
    exercise = project / "toolkit/budget.yaml"
    exercise.write_text(exercise.read_text().replace("      - {id: rent, text: I know my rent}\n", ""))
    cli("i18n", "update", str(project), "--lang", "pl")
    text = po_file.read_text()
    assert '#~ msgctxt "groups/before/items/rent/text"\n#~ msgid "I know my rent"\n#~ msgstr "Znam swój czynsz"' \
        in text
    exercise.write_text(exercise.read_text().replace("items:\n", "items:\n      - {id: rent, text: I know my rent}\n"))
    cli("i18n", "update", str(project), "--lang", "pl")
    revived = polib.pofile(str(po_file)).find("I know my rent")
    assert revived is not None and revived.msgstr == "Znam swój czynsz" and not revived.obsolete


def test_policy_fail_stops_the_build(project: Path, cli: Callable[..., Result],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    cli("i18n", "update", str(project), "--lang", "pl")
    monkeypatch.setenv(ROOT_ENV, str(project))
    monkeypatch.setenv("SBFA_TRANSLATIONS", "fail")
    result = cli("build", str(project), "--lang", "pl", "--format", "web", "-j", "1")
    assert result.exit_code == 1
    # The build checks translations before writing anything, so the policy failure is a diagnostic
    # with the PO file and line of the first missing string.
    assert "locales/pl/money-basics.po:" in result.output
    assert "error[i18n.missing]" in result.output and "not translated into pl (0% done)" in result.output
    assert not list((project / "dist").glob("*.zip"))


def test_stats(project: Path, cli: Callable[..., Result]) -> None:
    cli("i18n", "update", str(project))
    po = polib.pofile(str(project / "locales/de/resources.po"))
    po[0].msgstr = "Gründungsleitfaden"
    po.save()
    result = cli("i18n", "stats", str(project), "--json")
    import json

    rows = {(r["catalog"], r["language"]): r for r in json.loads(result.output)}
    assert rows[("resources", "de")] == {"catalog": "resources", "language": "de", "translated": 1, "fuzzy": 0,
                                         "missing": 1, "total": 2, "percent": 50.0, "draft": True,
                                         "in_progress": False}
    assert rows[("budget", "ar")]["missing"] == 8


def test_update_is_deterministic(project: Path, cli: Callable[..., Result]) -> None:
    """Same sources, same bytes: catalogs only change in git when something changed."""
    cli("i18n", "update", str(project))
    first = {p: p.read_bytes() for p in sorted(project.glob("locales/**/*.po*"))}
    cli("i18n", "update", str(project))
    assert {p: p.read_bytes() for p in sorted(project.glob("locales/**/*.po*"))} == first
    assert b"POT-Creation-Date" not in first[project / "locales/templates/budget.pot"]
    header = first[project / "locales/ar/budget.po"].decode()
    assert '"Language: ar\\n"' in header and '"Plural-Forms: nplurals=6; plural=(n == 0 ? 0 : n == 1 ? 1' in header
