"""Every problem in one run: a source that fails validation does not hide the others' problems
nor add false ones about itself."""

from __future__ import annotations

import shutil
from pathlib import Path

from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.sources_check import validate_sources

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
PO = """msgid ""
msgstr ""
"Language: de\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Demo"
msgstr "Demo"
"""


def _codes(project: Path) -> list[str]:
    diags = Diagnostics()
    validate_sources(project, diags)
    return [f"{d.file}: {d.code}" for d in diags.sorted()]


def test_a_course_that_fails_to_load_adds_no_cascade(tmp_path: Path) -> None:
    """Issue 17 item 7: the PO files of a course (and a toolkit exercise) that failed to load are not
    `i18n.unknown-catalog`; the course's own problems are all reported."""
    project = tmp_path / "p"
    shutil.copytree(GOLDEN / "all-at-once", project)
    (project / "sbfa.yaml").write_text("name: x\nformats: [web]\nlanguages: [en, de]\n", encoding="utf-8")
    (project / "locales" / "de").mkdir(parents=True)
    (project / "locales" / "de" / "demo.po").write_text(PO, encoding="utf-8")
    (project / "locales" / "de" / "pricing.po").write_text(PO, encoding="utf-8")
    codes = _codes(project)
    assert not [c for c in codes if "unknown-catalog" in c], codes
    course = "courses/demo/course.yaml"
    assert {f"{course}: ref.missing-quiz", f"{course}: schema.unknown-key", f"{course}: ref.missing-asset",
            f"{course}: ref.missing-exercise"} <= set(codes)
    assert "courses/demo/course.yaml: ref.missing-exercise" in codes  # break-even; not pricing (broken)
    assert sum("missing-exercise" in c for c in codes) == 1


def test_a_broken_project_file_does_not_hide_the_courses(tmp_path: Path) -> None:
    """Issue 17 item 7: a schema error in sbfa.yaml still lets the courses be checked (without
    comparing them with the unusable project)."""
    project = tmp_path / "p"
    shutil.copytree(GOLDEN / "all-at-once", project)
    (project / "sbfa.yaml").write_text("name: x\nformats: [web]\nlanguges: [en]\n", encoding="utf-8")
    codes = _codes(project)
    assert "sbfa.yaml: schema.unknown-key" in codes
    assert "courses/demo/course.yaml: ref.missing-asset" in codes
    assert not [c for c in codes if c.split(": ")[1].startswith("i18n.")]


def test_a_resource_bank_with_one_bad_entry_keeps_the_others(tmp_path: Path) -> None:
    """Issue 17 item 7: one invalid resource does not make every resource of its bank "missing"
    in the courses, nor itself (its own error is reported)."""
    project = tmp_path / "p"
    shutil.copytree(GOLDEN / "missing-resource", project)
    (project / "resources" / "bank.yaml").write_text(
        "resources:\n"
        "  - {id: tax-office, title: Tax, url: 'https://example.org/', description: Taxes, countries: [eu],"
        " topics: [money], languages: [en]}\n"
        "  - {id: bank, title: Bank, url: 'not a url', description: Loans, countries: [eu], topics: [money],"
        " languages: [en]}\n", encoding="utf-8")
    course = project / "courses" / "demo" / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace("[tax-office]", "[tax-office, bank, nowhere]"),
                      encoding="utf-8")
    codes = _codes(project)
    assert codes.count("courses/demo/course.yaml: ref.missing-resource") == 1, codes  # only 'nowhere'
    assert "resources/bank.yaml: schema.format" in codes


def test_an_exercise_that_fails_validation_still_has_its_images_checked(tmp_path: Path) -> None:
    """Issue 17 item 7: asset and link checks of Markdown still run in an exercise with a schema error."""
    project = tmp_path / "p"
    shutil.copytree(GOLDEN / "all-at-once", project)
    (project / "toolkit" / "pricing.yaml").write_text(
        "id: pricing\nkind: calculator\ntitle: Pricing\ndescription: '![A till](till.png)'\n", encoding="utf-8")
    assert "toolkit/pricing.yaml: ref.missing-asset" in _codes(project)
