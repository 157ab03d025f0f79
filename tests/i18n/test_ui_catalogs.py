"""The runtime's interface catalogs: complete for the nine languages, every key present, plurals right."""

from __future__ import annotations

import pytest

from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.i18n import catalog, ui
from sbfa_pack.i18n.checks import _check_entry

NINE = ("en", "el", "es", "de", "pl", "nb", "ar", "uk", "fa")


def test_the_nine_languages_are_shipped() -> None:
    assert set(ui.UI_LANGUAGES) == set(NINE)


@pytest.mark.parametrize("lang", NINE)
def test_catalog_is_complete_and_current(lang: str) -> None:
    """Every key of UI_STRINGS/WIDGET_STRINGS is in the catalog, with today's English, translated, not fuzzy."""
    path = ui.catalog_path(lang)
    assert path.is_file(), f"{path} missing: run `sbfa-pack i18n ui-update` and translate it"
    po = catalog.read(path)
    template = ui.template()
    entries = {(e.msgctxt, e.msgid, e.msgid_plural): e for e in po if not e.obsolete}
    stale = [e.msgctxt for e in template if (e.msgctxt, e.msgid, e.msgid_plural) not in entries]
    assert not stale, f"{lang}: keys new or changed in English since the catalog was made: {stale}; " \
                      "run `sbfa-pack i18n ui-update` and translate the fuzzy entries"
    untranslated = [e.msgctxt for e in po if not e.obsolete and (e.fuzzy or not e.translated())]
    assert not untranslated, f"{lang}: not translated: {untranslated}"
    assert po.metadata["Language"] == lang
    assert po.metadata["Plural-Forms"] == catalog.plural_forms(lang)


@pytest.mark.parametrize("lang", NINE)
def test_translations_keep_placeholders_and_markup(lang: str) -> None:
    po = catalog.read(ui.catalog_path(lang))
    diags = Diagnostics()
    for e in po:
        for text in e.msgstr_plural.values() if e.msgid_plural else [e.msgstr]:
            _check_entry(e, text, lang, e.linenum, diags)
    assert [str(d) for d in diags] == []


@pytest.mark.parametrize("lang", NINE)
def test_ui_strings_cover_every_key_and_cldr_plural_category(lang: str) -> None:
    strings = ui.ui_strings(lang)
    defaults = ui.defaults()
    assert set(defaults) <= set(strings)
    if lang != "en":
        untranslated = [k for k in defaults if strings[k] == defaults[k] and not k.startswith(("position",))]
        assert len(untranslated) <= 3, untranslated  # a few words are the same (e.g. "Modul", "Position {n}")
    categories = {c for cats in ui.plural_categories(lang) for c in cats}
    for base in ("minutes", "attempts_left", "quiz_questions"):
        assert {f"{base}_{c}" for c in categories} <= set(strings), (lang, base)


def test_plural_categories_follow_cldr() -> None:
    """Polish has 3 gettext forms (one, few, many; fractions use the last), Arabic 6."""
    assert ui.plural_categories("pl") == [["one"], ["few"], ["many", "other"]]
    assert ui.plural_categories("ar") == [["zero"], ["one"], ["two"], ["few"], ["many"], ["other"]]
    assert ui.ui_strings("pl")["minutes_few"] == "{n} minuty"
    assert ui.ui_strings("ar")["minutes_two"] == "دقيقتان"


def test_locale_facts_come_from_babel() -> None:
    assert [ui.language_name(x) for x in ("de", "ar", "uk", "nb")] == ["Deutsch", "العربية", "Українська",
                                                                        "Norsk bokmål"]
    assert [ui.direction(x) for x in ("ar", "fa", "en", "uk")] == ["rtl", "rtl", "ltr", "ltr"]
    assert ui.format_percent(0.85, "de") == "85\xa0%"
    assert ui.format_currency(1234.5, "EUR", "pl") == "1\xa0234,50\xa0€"
    assert ui.ui_strings("pt-BR")["next"] == "Next"  # no catalog: English
    assert ui.ui_strings("de-AT")["next"] == "Weiter"  # regional tag: the language's catalog
