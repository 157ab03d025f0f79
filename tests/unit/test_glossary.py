"""The project glossary: model, located diagnostics, term marks, catalog, rendering, inventory.

Issue 12 item 10 (and issue 13 item 4's glossary entries).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest

from sbfa_pack.build import localiser, units
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.i18n.units import GLOSSARY, catalog_ids, catalog_of
from sbfa_pack.inventory import collect
from sbfa_pack.load import load_project
from sbfa_pack.render import render_unit, stylesheet
from sbfa_pack.sources_check import validate_sources
from sbfa_pack.terms import marks, term_id

ROOT = Path(__file__).parents[1] / "roots" / "glossary"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    dest = tmp_path / "p"
    shutil.copytree(ROOT, dest)
    return dest


def _diags(root: Path, code: str | None = None) -> list[str]:
    diags = Diagnostics()
    validate_sources(root, diags)
    return [str(d) for d in diags.sorted() if code is None or d.code == code]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_sample_is_clean_and_loaded() -> None:
    """Issue 12 item 10: glossary/*.yaml is loaded on the LoadedProject, in file order."""
    diags = Diagnostics()
    lp = load_project(ROOT, diags)
    assert lp is not None and not diags.errors and not diags.warnings, [str(d) for d in diags]
    assert list(lp.glossary) == ["registration", "vat", "invoice"]
    assert lp.glossary["registration"].official["gr"] == "Γ.Ε.ΜΗ."
    assert lp.glossary_sources["vat"].shown == "glossary/words.yaml"


def test_duplicate_unknown_country_and_see_are_located(project: Path) -> None:
    """Issue 12 item 10: duplicate id, unknown country and unknown `see` at their file:line:col."""
    (project / "glossary" / "x-more.yaml").write_text(
        "glossary:\n"
        "  - id: vat\n"
        "    term: VAT again\n"
        "    explanation: Twice.\n"
        "  - id: cash-flow\n"
        "    term: cash flow\n"
        "    explanation: Money in and out.\n"
        "    official: {fr: trésorerie, de: Liquidität}\n"
        "    see: [registration, vta]\n", encoding="utf-8")
    assert [d for d in _diags(project) if "[glossary." in d] == [
        "glossary/x-more.yaml:2:9: error[glossary.duplicate-id]: glossary id 'vat' is already used in "
        "glossary/words.yaml",
        "glossary/x-more.yaml:8:16: error[glossary.unknown-country]: 'fr' is not a host country of the programme "
        "(one of de, es, gr, no, pl)",
        "glossary/x-more.yaml:9:25: error[glossary.unknown-see]: glossary entry 'vta' does not exist "
        "(did you mean 'vat'?)",
    ]


def test_schema_error_is_located_and_other_entries_still_load(project: Path) -> None:
    """Issue 12 item 10: an entry without an explanation is reported; the file's valid entries stay."""
    _edit(project / "glossary" / "words.yaml",
          "    explanation: A paper or file that tells a customer what to pay you.\n", "")
    found = [d for d in _diags(project) if "error" in d]
    assert found == ["glossary/words.yaml:25:5: error[schema.missing-key]: missing required key 'explanation'"]
    lp = load_project(project, Diagnostics())
    assert lp is not None and list(lp.glossary) == ["registration", "vat"] and lp.broken.glossary == {"invoice"}


def test_unknown_term_in_markdown_file_and_yaml_at_its_place(project: Path) -> None:
    """Issue 12 item 10: an unknown term id is reported at its file:line:col (glossary.unknown-term)."""
    _edit(project / "courses" / "start" / "first.md", "(term:vat)", "(term:vta)")
    _edit(project / "courses" / "start" / "course.yaml", "(term:invoice)", "(term:bill)")
    assert _diags(project, "glossary.unknown-term") == [
        "courses/start/course.yaml:19:41: error[glossary.unknown-term]: 'bill' is not in the glossary "
        "(glossary/*.yaml)",
        "courses/start/first.md:3:42: error[glossary.unknown-term]: 'vta' is not in the glossary "
        "(glossary/*.yaml) (did you mean 'vat'?)",
    ]
    line = (project / "courses" / "start" / "first.md").read_text(encoding="utf-8").splitlines()[2]
    assert line[41:].startswith("term:vta")


def test_mark_syntax() -> None:
    """Issue 12 item 10: the mark is a CommonMark link with a term: target."""
    assert term_id("term:sole-trader") == "sole-trader" and term_id("https://x.org") is None
    assert marks("[a](term:vat) and [b](term:vat), [c](x.md)") == ["vat", "vat"]


def test_translation_catalog_and_checks(project: Path) -> None:
    """Issue 12 item 10: one catalog 'glossary' holds terms and explanations, never official terms;
    a missing translation and a translation marking another term are reported."""
    lp = load_project(project, Diagnostics())
    assert lp is not None and GLOSSARY in catalog_ids(lp)
    msgs = {m.context: m.msgid for m in catalog_of(lp, GLOSSARY)}
    assert msgs["vat/term"] == "VAT" and "registration/explanation" in msgs
    assert not any("Gewerbeanmeldung" in m for m in msgs.values())
    marked = [m for m in catalog_of(lp, "start") if "](term:" in m.msgid]
    assert marked and all(any("Glossary marks" in c for c in m.comments) for m in marked)
    po_path = project / "locales" / "de" / "glossary.po"
    po = polib.pofile(str(po_path))
    next(e for e in po if e.msgctxt == "vat/term").msgstr = ""
    po.save(str(po_path))
    start = polib.pofile(str(project / "locales" / "de" / "start.po"))
    entry = next(e for e in start if "(term:registration)" in e.msgid)
    entry.msgstr = entry.msgstr.replace("(term:registration)", "(term:vat)")
    start.save()
    found = _diags(project)
    assert any("locales/de/glossary.po" in d and "i18n.missing" in d for d in found), found
    assert any(d.startswith("locales/de/start.po:") and "error[i18n.markdown]: glossary terms differ from the "
               "source: term:registration → term:vat" in d for d in found), found


def _page(lang: str, root: Path = ROOT) -> tuple[str, dict[str, bytes], bytes]:
    lp = load_project(root, Diagnostics())
    assert lp is not None
    unit = localiser()(next(u for u in units(lp) if u.id == "start"), lang)
    files = render_unit(unit, "scorm12")
    return files["index.html"].decode(), files, stylesheet(unit)


def test_rendered_marks_section_and_lang() -> None:
    """Issue 12 item 10: a mark is a link to the page's glossary section (works without JavaScript);
    the section carries the translated term and explanation and the untranslated official terms
    with their lang; glossary.js and its CSS ship with it."""
    html, files, css = _page("de")
    assert '<a href="#gl-registration" class="term" data-term="registration">Ihr Unternehmen anmelden</a>' in html
    section = html[html.index('<section id="sbfa-glossary"'):]
    assert "<dt>Umsatzsteuer</dt>" in section and "Wörter, die Sie kennen sollten" in section
    for lang, word in (("de", "Gewerbeanmeldung"), ("el", "Γ.Ε.ΜΗ."), ("nb", "enkeltpersonforetak"),
                       ("es", "alta de autónomo"), ("pl", "wpis do CEIDG")):
        assert f'<i lang="{lang}" dir="ltr">{word}</i>' in section
    assert "Griechenland: " in section
    assert b"/* glossary.js */" in files["sbfa.js"] and b".gl-pop" in css


def test_packages_carry_only_the_entries_they_use(project: Path) -> None:
    """Issue 12 item 10: only marked entries are in the package; without marks, no glossary part."""
    _edit(project / "courses" / "start" / "course.yaml", "[invoice](term:invoice)", "invoice")
    html, files, _ = _page("en", project)
    assert 'id="gl-invoice"' not in html and 'id="gl-vat"' in html
    for path in (project / "courses" / "start" / "first.md",):
        path.write_text("No marks here.\n", encoding="utf-8")
    html, files, css = _page("en", project)
    assert "sbfa-glossary" not in html and b"glossary.js" not in files["sbfa.js"] and b".gl-pop" not in css


def test_inventory_counts_entries_and_marks() -> None:
    """Issue 12 item 10: inventory counts glossary entries and marks per course."""
    inv = collect(ROOT)
    assert inv["glossary"] == {"entries": 3, "marks": 3, "courses": {"start": {"marks": 3, "terms": 3}}}
    assert re.search(r"Glossary: 3 entries, 3 marks", __import__("sbfa_pack.inventory").inventory.render_text(inv))


def test_runtime_with_the_glossary_stays_within_budget() -> None:
    """Issue 12 item 10 (runtime ≤ 32,768 B gzip): a SCORM (and every other) package that marks terms,
    with every optional part in its runtime (the worst case), stays within the budget."""
    import gzip

    from sbfa_pack.render import runtime_js

    _, files, css = _page("ar")
    assert b"/* glossary.js */" in files["sbfa.js"]
    for adapter in ("none", "scorm12", "scorm2004", "xapi", "cmi5"):
        total = len(gzip.compress(runtime_js(adapter), 9, mtime=0)) + len(gzip.compress(css, 9, mtime=0))
        assert total <= 32_768, (adapter, total)


def test_links_check_collects_the_glossary_sources() -> None:
    """Issue 12 item 10: an entry's source URL is checked by `links check`, at its line."""
    from sbfa_pack.links.collect import collect as urls

    lp = load_project(ROOT, Diagnostics())
    assert lp is not None
    assert [(p.file, p.line, p.column) for p in urls(lp)["https://www.existenzgruendungsportal.de/"]] == [
        ("glossary/words.yaml", 13, 13)]


def test_marks_in_explanations_are_checked(project: Path) -> None:
    """Issue 12 item 10: an explanation may point to another entry; an unknown one is reported at its place."""
    _edit(project / "glossary" / "words.yaml", "pay it to the tax office.",
          "pay it to the [tax office](term:tax-office).")
    assert _diags(project, "glossary.unknown-term") == [
        "glossary/words.yaml:17:99: error[glossary.unknown-term]: 'tax-office' is not in the glossary "
        "(glossary/*.yaml)"]
