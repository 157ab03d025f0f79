"""Hostile or careless translations: blank titles, control characters, absurd max-length flags."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import Result
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sbfa_pack.i18n import catalog, localise, rules

from .conftest import translate_all

DE = "locales/de/money-basics.po"


@pytest.fixture
def translated(project: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> Path:
    assert cli("i18n", "update", str(project), "--lang", "de").exit_code == 0
    for po in sorted(project.glob("locales/de/*.po")):
        translate_all(po, "X ")
    monkeypatch.setenv(localise.ROOT_ENV, str(project))
    return project


def _set(project: Path, msgid: str, msgstr: str, *, flags: list[str] | None = None) -> int:
    """Give ``msgid`` the translation ``msgstr``; return the line of its msgid."""
    po_file = project / DE
    po = polib.pofile(str(po_file))
    entry = po.find(msgid)
    assert entry is not None
    entry.msgstr = msgstr
    if flags is not None:
        entry.flags = flags
    po.save()
    lines = po_file.read_text(encoding="utf-8").splitlines()
    return lines.index(f'msgid "{msgid}"') + 1


def _build(project: Path, cli: Callable[..., Result]) -> Result:
    result = cli("build", str(project), "--lang", "de", "--format", "web", "-j", "1")
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("blank", [" ", "\n", " \n\t", "\u3000"])
def test_a_blank_translation_of_a_title_is_untranslated(translated: Path, cli: Callable[..., Result],
                                                        blank: str) -> None:
    """Issue 19 item 7: a space or line break typed as a title's translation falls back to the source
    (per the policy), in validate and build alike; it used to crash the build with a pydantic traceback."""
    import zipfile

    line = _set(translated, "Money basics", blank)
    result = cli("validate", str(translated))
    assert result.exit_code == 0, result.output
    assert f"{DE}:{line}: warning[i18n.missing]: 1 of " in result.output
    assert _build(translated, cli).exit_code == 0
    with zipfile.ZipFile(translated / "dist/money-basics-1.0.0-de-web.zip") as zf:
        html = zf.read("index.html").decode()
    assert "<title>Money basics" in html or ">Money basics<" in html
    assert "X Fixed costs" in html


@pytest.mark.parametrize("char", ["\x1b", "\x0b", "\x00", "\x7f", "\x85", "\x1f"])
def test_a_control_character_in_a_translation_is_an_error_at_its_line(translated: Path, cli: Callable[..., Result],
                                                                      char: str) -> None:
    """Issue 19 items 5 and 14 (PO part): a control character in a msgstr is `text.control-char` at
    the PO line; the build stops before writing and never localises it (no crash in rules or localise)."""
    line = _set(translated, "Money basics", f"X {char}[31mMoney")
    result = cli("validate", str(translated))
    assert result.exit_code == 1
    assert (f"{DE}:{line}: error[text.control-char]: control character U+{ord(char):04X} in the translation: "
            "remove it") in result.output
    built = _build(translated, cli)
    assert built.exit_code == 1 and "text.control-char" in built.output
    assert not list((translated / "dist").glob("*.zip"))
    table = localise.table(translated, "de", "money-basics")
    assert ("title", "Money basics") not in table and table[("description", "Costs, prices and your first budget.")]


def test_a_control_character_in_a_fuzzy_entry_is_reported_too(translated: Path, cli: Callable[..., Result]) -> None:
    line = _set(translated, "Money basics", "X\x1bMoney", flags=["fuzzy"])
    assert f"{DE}:{line}: error[text.control-char]" in cli("validate", str(translated)).output


def test_a_max_length_flag_of_thousands_of_digits_is_a_located_error(translated: Path,
                                                                     cli: Callable[..., Result]) -> None:
    """Issue 19 item 4 (PO part): `max-length:N` with N past Python's 4,300-digit limit: one located line."""
    line = _set(translated, "Money basics", "X Money basics", flags=["max-length:" + "9" * 5000])
    result = cli("validate", str(translated))
    assert result.exit_code == 1, result.output
    assert (f"{DE}:{line}: error[i18n.flag]: flag 'max-length:999999999…' (5000 characters) needs a whole "
            "number of at most 9 digits") in result.output
    assert "Traceback" not in result.output
    assert _build(translated, cli).exit_code == 1


_PIECES = st.sampled_from([*'ab {}%()sd<>/*_[]!`#|\n\t"\\:-=', "\x00", "\x1b", "\x0b", "\x85", "\u2028", "<b>",
                           "</b>", "<track>", "msgid ", "msgstr ", "msgctxt ", "#~ ", "#, max-length:", "9" * 20])
_TEXT = st.lists(_PIECES, max_size=30).map("".join)


@settings(max_examples=150, deadline=None)
@given(_TEXT, _TEXT)
@example("a", "X\x85Y\u2028Z")  # polib wrote this and could not read it back
def test_any_po_text_or_translation_is_read_or_refused_at_a_line(text: str, translation: str) -> None:
    """Issue 19 item 14 (PO part): PO text is parsed or refused with a line, whatever it holds; the
    translation rules never raise; what polib writes, we read back unchanged."""
    try:
        catalog.parse(text)
    except catalog.PoSyntaxError as exc:
        assert exc.line >= 1
    for rule in (rules.placeholders, rules.markdown, rules.markup, rules.emphasis):
        rule(text, translation)
    rules.control_char(translation)
    rules.bad_limit([text])
    po = polib.POFile()
    po.append(polib.POEntry(msgid=text or "x", msgstr=translation, tcomment=translation))
    assert [(e.msgid, e.msgstr) for e in catalog.parse(str(po))] == [(text or "x", translation)]
