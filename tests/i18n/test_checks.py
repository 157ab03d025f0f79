"""Each translation check of `sbfa-pack validate`, with a broken PO file and its exact diagnostic."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.sources_check import validate_sources

from .conftest import translate_all

DE = "locales/de/money-basics.po"


@pytest.fixture
def translated(project: Path, cli: Callable[..., Result]) -> Path:
    """The sample project with complete (marked) de, pl and ar catalogs: no diagnostics at all."""
    assert cli("i18n", "update", str(project)).exit_code == 0
    for po in sorted(project.glob("locales/*/*.po")):
        translate_all(po, "X ")
    return project


def check(project: Path, code: str | None = None) -> list[str]:
    diags = Diagnostics()
    validate_sources(project, diags)
    return [str(d) for d in diags.sorted() if code is None or d.code == code]


def edit(project: Path, rel: str, old: str, new: str) -> int:
    """Replace the last ``old`` by ``new`` in a file; return the line where ``new`` starts."""
    path = project / rel
    text = path.read_text(encoding="utf-8")
    at = text.rfind(old)
    assert at >= 0, f"{old!r} not in {rel}"
    text = text[:at] + new + text[at + len(old):]
    path.write_text(text, encoding="utf-8")
    return text[:at].count("\n") + 1


def entry_line(project: Path, rel: str, line: int) -> int:
    """The line of the ``msgid`` of the entry holding ``line`` (where diagnostics point)."""
    lines = (project / rel).read_text(encoding="utf-8").splitlines()
    while not lines[line - 1].startswith("msgid "):
        line -= 1
    return line


def test_complete_catalogs_have_no_diagnostics(translated: Path) -> None:
    assert check(translated) == []


def test_missing_is_one_warning_per_file_with_the_first_line(translated: Path) -> None:
    edit(translated, DE, 'msgstr "X Money basics"', 'msgstr ""')
    edit(translated, DE, 'msgstr "X Costs, prices and your first budget."', 'msgstr ""')
    line = (translated / DE).read_text().splitlines().index('msgid "Money basics"') + 1
    assert check(translated) == [
        f"{DE}:{line}: warning[i18n.missing]: 2 of 19 strings not translated into de (89.5% done), first: "
        "'Money basics'; the build uses the source language for them"]


def test_missing_is_an_error_when_the_policy_fails_the_build(translated: Path) -> None:
    edit(translated, "sbfa.yaml", "min_complete: 50\n  below: fallback", "min_complete: 100\n  below: fail")
    edit(translated, DE, 'msgstr "X Money basics"', 'msgstr ""')
    line = (translated / DE).read_text().splitlines().index('msgid "Money basics"') + 1
    assert check(translated) == [
        f"{DE}:{line}: error[i18n.missing]: 1 of 19 strings not translated into de (94.7% done), first: "
        "'Money basics'; the build fails"]


def test_fuzzy(translated: Path) -> None:
    line = edit(translated, DE, 'msgctxt "costs/fixed-costs/title"', '#, fuzzy\nmsgctxt "costs/fixed-costs/title"') + 2
    assert check(translated) == [
        f"{DE}:{line}: warning[i18n.fuzzy]: 1 fuzzy string(s) to review (the source changed), first: "
        "'Fixed costs'; the build uses the source language for them"]


def test_placeholders(translated: Path) -> None:
    line = edit(translated, "locales/pl/budget.po", 'msgstr "X I put {percent} of',
                'msgstr "X I put {procent} of') - 1
    assert check(translated) == [
        f"locales/pl/budget.po:{line}: error[i18n.placeholders]: placeholders differ from the source: "
        "missing {percent}; unknown {procent}"]


def test_markdown_link_target(translated: Path) -> None:
    line = edit(translated, DE, 'msgstr "X Insurance, see [the guide](https://example.org/guide)"',
                'msgstr "X Insurance, see [the guide](https://example.org/guid)"') - 1
    assert check(translated) == [
        f"{DE}:{line}: error[i18n.markdown]: link targets differ from the source: https://example.org/guide → "
        "https://example.org/guid"]


def test_emphasis_is_a_warning(translated: Path) -> None:
    line = entry_line(translated, DE, edit(translated, DE, '"X A **fixed cost** stays', '"X A fixed cost stays'))
    assert check(translated) == [
        f"{DE}:{line}: warning[i18n.emphasis]: emphasis differs from the source: 1 bold spans in the "
        "source, 0 here"]


def test_markdown_image_and_code() -> None:
    from sbfa_pack.i18n import rules

    assert rules.markdown("![Shop](shop.png) and `rent`", "![Laden](laden.png) und `rent`") == \
        "images differ from the source: shop.png → laden.png"
    assert rules.markdown("Type `rent`", "Tippen Sie `Miete`") == "inline code differs from the source: rent → Miete"
    assert rules.markdown("- a\n- b", "- a") == \
        "Markdown structure differs from the source: 2 list items in the source, 1 here"


def test_markup_imbalance(translated: Path) -> None:
    line = entry_line(translated, DE, edit(translated, DE, '>VAT</abbr>."', '>VAT."'))
    assert check(translated) == [f"{DE}:{line}: error[i18n.markup]: unbalanced markup: <abbr> is not closed"]


def test_length_limit(translated: Path) -> None:
    line = edit(translated, DE, 'msgstr "X Which cost is *fixed*?"',
                'msgstr "X Welche dieser Kosten sind *fixe* Kosten im Monat?"') - 1
    assert check(translated) == [
        f"{DE}:{line}: error[i18n.too-long]: translation is 51 characters long; the limit is 40"]


def test_plural_forms_missing_for_polish(translated: Path) -> None:
    po = translated / "locales/pl/budget.po"
    po.write_text(po.read_text() + '\nmsgctxt "days"\nmsgid "{n} day"\nmsgid_plural "{n} days"\n'
                  'msgstr[0] "{n} dzień"\nmsgstr[1] "{n} dni"\n')
    line = po.read_text().splitlines().index('msgid "{n} day"') + 1
    assert check(translated, "i18n.plurals") == [
        f"locales/pl/budget.po:{line}: error[i18n.plurals]: pl needs 3 plural forms; msgstr[2] is missing or empty"]
    assert check(translated, "i18n.stale") == [
        f"locales/pl/budget.po:{line}: warning[i18n.stale]: this string is no longer in the sources; "
        "run `sbfa-pack i18n update`"]


def test_plural_forms_header(translated: Path) -> None:
    line = edit(translated, "locales/ar/budget.po", '"Plural-Forms: nplurals=6;', '"Plural-Forms: nplurals=2;')
    assert check(translated, "i18n.plural-forms") == [
        f"locales/ar/budget.po:{line}: error[i18n.plural-forms]: Plural-Forms says 'nplurals=2; plural=(n == 0 ? 0 : "
        "n == 1 ? 1 : n == 2 ? 2 : n % 100 >= 3 && n % 100 <= 10 ? 3 : n % 100 >= 11 && n % 100 <= 99 ? 4 : 5);' "
        "but ar has 6 forms: use 'nplurals=6; plural=(n == 0 ? 0 : n == 1 ? 1 : n == 2 ? 2 : n % 100 >= 3 && "
        "n % 100 <= 10 ? 3 : n % 100 >= 11 && n % 100 <= 99 ? 4 : 5);'"]


def test_language_header_disagrees_with_path(translated: Path) -> None:
    line = edit(translated, DE, '"Language: de\\n"', '"Language: pl\\n"')
    assert check(translated) == [
        f"{DE}:{line}: error[i18n.language-header]: Language header is 'pl' but the file is in the 'de' folder"]


@pytest.mark.parametrize("folder", ["deutsch", "en_GB", "xx"])
def test_language_tag_not_bcp47(translated: Path, folder: str) -> None:
    (translated / "locales" / "de").rename(translated / "locales" / folder)
    assert check(translated, "i18n.language-tag") == [
        f"locales/{folder}: error[i18n.language-tag]: '{folder}' is not a valid BCP 47 language tag "
        "(e.g. 'uk', 'pt-BR')"]


@pytest.mark.parametrize(("old", "new", "offset", "message"), [
    ('msgstr "X Money basics"', 'msgstr "X Money "basics"', 0, "malformed string (quotes or escapes)"),
    ('msgstr "X Money basics"', "", -1, "msgid without msgstr"),
    ('msgstr "X Money basics"', 'msgstr "X Money basics"\nmsgstr "again"', 1, "a second msgstr for the same msgid"),
    ('msgstr "X Money basics"', 'msgstr "X Money basics"\nmsgtxt "a"', 1, 'unexpected text: msgtxt "a"'),
])
def test_invalid_po_syntax_is_a_diagnostic_with_its_line(translated: Path, old: str, new: str, offset: int,
                                                          message: str) -> None:
    line = edit(translated, DE, old, new or "\n") + offset
    if not new:
        line = (translated / DE).read_text().splitlines().index('msgid "Money basics"') + 1
    assert check(translated) == [f"{DE}:{line}: error[i18n.po-syntax]: invalid PO file: {message}"]


def test_not_utf8(translated: Path) -> None:
    (translated / DE).write_bytes((translated / DE).read_bytes().replace(b"X Money", b"X \xff"))
    line = (translated / DE).read_text(errors="replace").splitlines().index('msgid "Money basics"') + 2
    assert check(translated) == [f"{DE}:{line}: error[i18n.po-syntax]: invalid PO file: not valid UTF-8"]


def test_a_language_without_catalogs(translated: Path) -> None:
    (translated / "locales/de/budget.po").unlink()
    assert check(translated) == [
        "locales/de: warning[i18n.missing]: no de catalog for budget; run `sbfa-pack i18n update --lang de` "
        "(the build uses the source language)"]


def test_a_language_not_started_is_a_note_or_an_error_by_policy(translated: Path) -> None:
    import shutil

    shutil.rmtree(translated / "locales/pl")
    expected = ("locales/pl: {}[i18n.missing]: no pl catalog for budget, money-basics, resources; "
                "run `sbfa-pack i18n update --lang pl`")
    assert check(translated) == [expected.format("note") + " (the build uses the source language)"]
    edit(translated, "sbfa.yaml", "below: fallback", "below: fail")
    assert check(translated) == [expected.format("error")]


def test_unknown_catalog(translated: Path) -> None:
    (translated / "locales/de/old-course.po").write_text((translated / DE).read_text())
    assert check(translated, "i18n.unknown-catalog") == [
        "locales/de/old-course.po:1: warning[i18n.unknown-catalog]: no course, toolkit exercise or resource bank "
        "has the id 'old-course'"]


def test_validate_exits_1_on_translation_errors(translated: Path, cli: Callable[..., Result]) -> None:
    edit(translated, DE, '"Language: de\\n"', '"Language: pl\\n"')
    result = cli("validate", str(translated))
    assert result.exit_code == 1
    assert "error[i18n.language-header]" in result.output


def test_a_build_checks_only_its_languages(translated: Path) -> None:
    """What the build calls before writing: the languages it builds, nothing else."""
    from sbfa_pack.i18n.checks import check_translations
    from sbfa_pack.load import load_project

    edit(translated, DE, '"Language: de\\n"', '"Language: pl\\n"')
    diags = Diagnostics()
    lp = load_project(translated, diags)
    assert lp is not None
    check_translations(lp, diags, ["pl", "ar"])
    assert [str(d) for d in diags] == []
    check_translations(lp, diags, ["de"])
    assert [d.code for d in diags] == ["i18n.language-header"]
