"""Issue 13 item 7: the trainer's guide (``guide/``), checked against the courses and built as the
site's "For trainers" pages: session plans whose facts come from the course model, located errors
for unknown ids, its own PO catalog, an A4 print stylesheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_support import ROOT

from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.i18n.units import GUIDE, catalog_ids, catalog_of
from sbfa_pack.load import load_project
from sbfa_pack.site import build_site

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "guide-unknown-ids"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("guide") / "site"
    result = build_site(ROOT, out, out.parent / "no-dist")
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics]
    return out


def test_unknown_ids_and_wrong_sums_are_located_errors() -> None:
    """Issue 13 item 7: a plan naming an unknown course, module, lesson or exercise, steps whose
    minutes do not add up, a reserved section id: each an error at its line and column."""
    diags = Diagnostics()
    load_project(GOLDEN, diags)
    got = sorted(f"{d.file}:{d.line}:{d.column}: {d.code}" for d in diags)
    assert got == [
        "guide/guide.yaml:11:16: guide.duration",
        "guide/guide.yaml:13:24: guide.unknown-module",
        "guide/guide.yaml:19:30: guide.unknown-lesson",
        "guide/guide.yaml:24:29: guide.unknown-exercise",
        "guide/guide.yaml:25:3: guide.unknown-course",
        "guide/guide.yaml:4:9: guide.reserved-id",
    ]


def test_the_plan_takes_its_facts_from_the_course_model(site: Path) -> None:
    """Issue 13 item 7: the plan page shows the course's module, the lesson and case study (linked
    to its story and reflection prompts) and the toolkit exercise by their titles, and the steps'
    times add up from 0:00 to the session's end."""
    page = (site / "en/trainers/sessions/first-steps.html").read_text()
    assert "<li>Introduction</li>" in page  # the module, from the course
    assert '<a href="../../stories/first-steps/amira.html">Amira&#39;s bakery</a>' in page
    assert '<a href="../../toolkit/swot.html">SWOT analysis</a>' in page  # the exercise's own title
    assert [t for t in ("0:00–0:30", "0:30–1:15", "1:15–2:00") if t in page] == ["0:00–0:30", "0:30–1:15",
                                                                                   "1:15–2:00"]
    assert "120 minutes" in page
    index = (site / "en/trainers/index.html").read_text()
    assert 'href="preparing.html"' in index and 'href="sessions/first-steps.html"' in index
    assert '<a href="trainers/index.html">For trainers</a>' in (site / "en/index.html").read_text()


def test_a_section_comes_from_its_markdown_file_translated(site: Path) -> None:
    """Issue 13 item 7: a section's ``body_file`` is a translatable part of the ``guide`` catalog,
    each paragraph at its line of the Markdown file; the German page shows the translation and the
    Arabic page is right to left."""
    diags = Diagnostics()
    lp = load_project(ROOT, diags)
    assert lp is not None and GUIDE in catalog_ids(lp)
    found = {m.msgid: m.occurrences for m in catalog_of(lp, GUIDE)}
    assert found["Most learners use a phone. Ask them to bring it charged."] == [("guide/preparing.md", 5)]
    assert found["A first meeting"] == [("guide/guide.yaml", 12)]
    de = (site / "de/trainers/preparing.html").read_text()
    assert "<h2>Geräte</h2>" in de and "Eine Gruppe vorbereiten" in de
    ar = (site / "ar/trainers/sessions/first-steps.html").read_text()
    assert '<html lang="ar" dir="rtl">' in ar and "لقاء أول" in ar


def test_the_print_stylesheet_is_a4_and_mirrors_for_rtl(site: Path) -> None:
    """Issue 13 item 7: A4 pages, each session on a new page, steps kept whole; the step marks use
    logical sides (inline-start), so the Arabic print is mirrored."""
    css = (site / "assets/site.css").read_text()
    assert "@page { size: A4;" in css
    print_part = css[css.index("@media print"):]
    assert ".session + .session { break-before: page; }" in print_part
    assert ".steps > li { break-inside: avoid; }" in print_part
    steps = [line for line in css.splitlines() if line.startswith(".steps")]
    assert steps and not any("left" in line or "right" in line for line in steps)


def test_a_project_without_a_guide_has_no_trainers_pages(tmp_path: Path) -> None:
    """Issue 13 item 7: the "For trainers" link appears only with a guide."""
    import shutil

    root = tmp_path / "root"
    shutil.copytree(ROOT, root)
    shutil.rmtree(root / "guide")
    result = build_site(root, tmp_path / "site", tmp_path / "no-dist")
    assert not result.diagnostics.errors
    assert not (tmp_path / "site/en/trainers").exists()
    assert "trainers/" not in (tmp_path / "site/en/index.html").read_text()


def test_a_broken_guide_is_one_located_error_and_its_catalogs_stay_known(tmp_path: Path) -> None:
    """Issue 13 item 7: a guide that fails validation or names a file outside ``guide/`` gives its
    own error at its line, nothing else (its ``guide.po`` files are not "unknown catalogs")."""
    import shutil

    from sbfa_pack.sources_check import validate_sources

    root = tmp_path / "root"
    shutil.copytree(ROOT, root)
    guide = root / "guide" / "guide.yaml"
    text = guide.read_text()
    cases = [(text.replace("      minutes: 120", "      minutes: lots"), "guide/guide.yaml:13:16: schema.type"),
             (text.replace("body_file: preparing.md", "body_file: ../sbfa.yaml"), "guide/guide.yaml:8:16: ref.outside")]
    for broken, expected in cases:
        guide.write_text(broken)
        diags = Diagnostics()
        validate_sources(root, diags)
        assert [f"{d.file}:{d.line}:{d.column}: {d.code}" for d in diags if d.severity != "note"] == [expected]
