"""Starting a translation: `i18n add LANG`, `translations.in_progress`, built when complete or asked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from sbfa_pack.i18n import localise
from sbfa_pack.i18n.progress import with_language

from .conftest import translate_all


@pytest.fixture
def fresh(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample project before German was started, with a comment a user would not want lost."""
    path = project / "sbfa.yaml"
    path.write_text(path.read_text().replace("languages: [en, de, pl, ar]",
                                             "languages: [en, pl, ar]  # shipped languages"))
    monkeypatch.setenv(localise.ROOT_ENV, str(project))
    return project


def _zips(project: Path) -> list[str]:
    return sorted(p.name for p in (project / "dist").glob("money-basics-*.zip"))


def test_adding_a_language_creates_its_catalogs_and_lists_it_in_progress(fresh: Path,
                                                                         cli: Callable[..., Result]) -> None:
    """Issue 17 item 16: `i18n add de` creates the catalogs and records de under
    translations.in_progress with a minimal edit of sbfa.yaml (comments kept)."""
    before = (fresh / "sbfa.yaml").read_text()
    result = cli("i18n", "add", "de", str(fresh))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (fresh / "locales/de").glob("*.po")) == ["budget.po", "money-basics.po",
                                                                          "resources.po"]
    after = (fresh / "sbfa.yaml").read_text()
    assert after == before.replace("translations:\n", "translations:\n  in_progress: [de]\n")
    assert "# shipped languages" in after
    assert cli("i18n", "add", "de", str(fresh)).exit_code == 0  # again: nothing more to do
    assert (fresh / "sbfa.yaml").read_text() == after
    # `update` now includes the language in progress; one never started is refused with the way out.
    assert "locales/de/budget.po" in cli("i18n", "update", str(fresh)).output
    refused = cli("i18n", "update", str(fresh), "--lang", "fr")
    assert refused.exit_code == 2 and "sbfa-pack i18n add fr" in refused.output


def test_a_language_in_progress_is_checked_and_built_only_when_complete_or_asked(
        fresh: Path, cli: Callable[..., Result]) -> None:
    """Issue 17 item 16: validate checks the catalogs of a language in progress (untranslated strings
    are notes), the build skips it until complete, `build --lang de` builds it anyway."""
    assert cli("i18n", "add", "de", str(fresh)).exit_code == 0
    de = fresh / "locales/de/money-basics.po"
    de.write_text(de.read_text().replace('msgid "Money basics"\nmsgstr ""', 'msgid "Money basics"\nmsgstr "X {n}"'))
    result = cli("validate", str(fresh))
    assert result.exit_code == 1 and "error[i18n.placeholders]" in result.output  # checked like any other
    assert "note[i18n.missing]" in result.output and "de is in progress" in result.output
    assert "i18n.unknown-language" not in result.output
    translate_all(de, "X ")
    assert cli("validate", str(fresh)).exit_code == 0

    assert cli("build", str(fresh), "--format", "web", "-j", "1").exit_code == 0
    assert _zips(fresh) == ["money-basics-1.0.0-ar-web.zip", "money-basics-1.0.0-en-web.zip",
                            "money-basics-1.0.0-pl-web.zip"]
    asked = cli("build", str(fresh), "--format", "web", "-j", "1", "--lang", "de")
    assert asked.exit_code == 0, asked.output
    assert "money-basics-1.0.0-de-web.zip" in _zips(fresh)

    for po in sorted((fresh / "locales/de").glob("*.po")):
        translate_all(po, "X ")
    assert cli("build", str(fresh), "--format", "web", "-j", "1").exit_code == 0
    assert "money-basics-1.0.0-de-web.zip" in _zips(fresh) and "budget-1.0.0-de-web.zip" in {
        p.name for p in (fresh / "dist").glob("*.zip")}


def test_in_progress_may_not_repeat_languages(fresh: Path, cli: Callable[..., Result]) -> None:
    path = fresh / "sbfa.yaml"
    path.write_text(path.read_text().replace("translations:\n", "translations:\n  in_progress: [pl, en]\n"))
    result = cli("validate", str(fresh))
    assert result.exit_code == 1
    assert ("sbfa.yaml:6:17: error[i18n.in-progress]: 'pl' in translations.in_progress is already in 'languages' "
            "(remove it here)") in result.output
    assert "sbfa.yaml:6:21: error[i18n.in-progress]: 'en' in translations.in_progress is the source language" \
        in result.output


@pytest.mark.parametrize(("text", "expected"), [
    ("name: X\n", "name: X\ntranslations:\n  in_progress: [de]\n"),
    ("name: X", "name: X\ntranslations:\n  in_progress: [de]\n"),
    ("name: X\ntranslations:\n    # policy\n    below: fail\n",
     "name: X\ntranslations:\n    # policy\n    in_progress: [de]\n    below: fail\n"),
    ("translations:\n  in_progress: []  # none yet\nname: X\n",
     "translations:\n  in_progress: [de]  # none yet\nname: X\n"),
    ("translations:\n  in_progress: [uk, fa]\n", "translations:\n  in_progress: [uk, fa, de]\n"),
    ("translations:\n  in_progress:\n    - uk   # Olena\n  below: fail\n",
     "translations:\n  in_progress:\n    - uk   # Olena\n    - de\n  below: fail\n"),
    ("translations: {below: fail}\n", None),
    ("translations:\n  in_progress: [uk,\n    fa]\n", None),
])
def test_sbfa_yaml_is_edited_minimally_or_left_to_the_user(text: str, expected: str | None) -> None:
    """Issue 17 item 16: the edit keeps everything else; a layout it cannot edit safely is left alone."""
    assert with_language(text, "de") == expected
