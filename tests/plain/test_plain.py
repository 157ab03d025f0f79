"""The plain-language check of ``validate`` and the scores of ``inventory`` (issue 13, "A
plain-language check"), on a small project in English with German and Arabic translations."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sbfa_pack.cli import main
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.inventory import collect
from sbfa_pack.plain import measure
from sbfa_pack.sources_check import validate_sources

ROOT = Path(__file__).resolve().parent / "project"  # not in tests/roots: its text is meant to fail the budget
REPO = ROOT.parents[2]


def _found() -> list[tuple[str, int, str, str]]:
    diags = Diagnostics()
    validate_sources(ROOT, diags)
    return sorted((d.file, d.line, d.code, d.message) for d in diags if d.code.startswith("plain."))


def test_long_and_rare_sentences_are_reported_at_their_line_in_every_language() -> None:
    """Issue 13 plain-language check: the worst sentences at file:line, for the source (Markdown
    line) and for translations (the PO entry's line), in en, de and ar."""
    found = {(f, line, code) for f, line, code, _ in _found()}
    assert ("courses/start/hard.md", 3, "plain.long-sentence") in found
    assert ("courses/start/hard.md", 3, "plain.rare-words") in found
    assert ("locales/de/start.po", 62, "plain.long-sentence") in found
    assert ("locales/de/start.po", 62, "plain.rare-words") in found
    assert ("locales/ar/start.po", 60, "plain.long-sentence") in found
    assert ("locales/ar/start.po", 60, "plain.rare-words") in found


def test_plain_text_passes_and_official_terms_are_not_rare() -> None:
    """Issue 13: the plain page is within budget in every language; the host country's official term,
    written in italics or in parentheses as the programme does (*Gewerbeamt*), is never counted rare."""
    found = _found()
    assert not [x for x in found if x[0] == "courses/start/plain.md"]
    assert not [x for x in found if "Gewerbeamt" in x[3]]


def test_the_budget_is_measured_per_file_with_readability_in_english() -> None:
    """Issue 13: a file beyond the budget gets one plain.budget warning with its figures."""
    budget = [m for f, _, code, m in _found() if code == "plain.budget" and f == "courses/start/hard.md"]
    assert len(budget) == 1 and "readability" in budget[0]


def test_arabic_vowel_marks_do_not_split_words() -> None:
    """Issue 13 (ar): a word with shadda or tashkeel is one word, as in the word lists."""
    assert measure.words("يتعيّن على روّاد الأعمال") == ["يتعين", "على", "رواد", "الأعمال"]
    assert measure.is_rare("الأعمال", "ar", 3.0) is False


def test_sentences_join_wrapped_lines_and_split_list_items() -> None:
    text, _ = measure.plain_text("One sentence\nwrapped over two lines.\n\n- an item\n- another item\n\n# A heading")
    assert measure.sentences(text) == ["One sentence wrapped over two lines.", "an item", "another item", "A heading"]


def test_strict_validate_fails_on_the_warnings_and_inventory_shows_scores() -> None:
    """Issue 13 Must show: `validate --strict` rejects text beyond the budget; `inventory` shows each
    course's plain-language scores per language."""
    result = CliRunner().invoke(main, ["validate", "--strict", str(ROOT)])
    assert result.exit_code == 1 and "warning[plain.long-sentence]" in result.stderr
    scores = collect(ROOT)["plain_language"]["courses"]["start"]
    assert set(scores) == {"en", "de", "ar"}
    assert scores["en"]["readability"] is not None and scores["ar"]["readability"] is None
    assert scores["en"]["over_budget"] and not scores["de"]["over_budget"]
    assert scores["de"]["passive_share"] and scores["ar"]["passive_share"] is None  # measured where reliable


def test_without_word_lists_rare_words_are_skipped_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 13: the word lists are an optional extra; without them the check says so once and still
    measures sentence length."""
    monkeypatch.setitem(sys.modules, "wordfreq", None)
    measure._wordfreq.cache_clear()
    measure._frequencies.cache_clear()
    measure._frequency.cache_clear()
    try:
        found = _found()
        assert any(code == "plain.no-word-list" for _, _, code, _ in found)
        assert not any(code == "plain.rare-words" for _, _, code, _ in found)
        assert any(code == "plain.long-sentence" for _, _, code, _ in found)
    finally:
        measure._wordfreq.cache_clear()
        measure._frequencies.cache_clear()
        measure._frequency.cache_clear()


def test_a_project_without_budget_is_not_checked() -> None:
    """Issue 13: the budget is the project's choice (sbfa.yaml `plain_language`)."""
    diags = Diagnostics()
    validate_sources(REPO / "tests" / "roots" / "i18n", diags)
    assert not [d for d in diags if d.code.startswith("plain.")]
