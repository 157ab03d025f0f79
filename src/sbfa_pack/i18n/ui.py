"""The runtime's interface strings per language, from the PO catalogs in ``sbfa_pack/i18n/ui/``.

Keys and English defaults are :mod:`sbfa_pack.ui_text`'s (``UI_STRINGS``, plus the widgets'
``WIDGET_STRINGS`` and the surveys' ``SURVEY_STRINGS``); nothing here imports the renderer. In a
catalog each key is the ``msgctxt`` of its entry and the English text its ``msgid``; a pair
``key_one``/``key_other`` is one gettext plural entry (``msgctxt "key"``), so translators see the
language's own plural forms (Polish 3, Arabic 6). :func:`ui_strings` turns those forms back into
CLDR-named keys (``key_few``...), which the runtime picks with ``Intl.PluralRules``. Also here:
locale facts from babel (language names, text direction) and number, percent, currency and date
formatting for templates.
"""

from __future__ import annotations

import gettext
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

import polib
from babel import Locale, UnknownLocaleError, dates, numbers
from babel.messages.plurals import get_plural

from ..ui_text import SITE_STRINGS, SURVEY_STRINGS, UI_STRINGS, WIDGET_STRINGS
from . import catalog

UI_LANGUAGES = ("en", "el", "es", "de", "pl", "nb", "ar", "uk", "fa")
"""Languages whose interface catalogs ship with sbfa-pack (and must stay complete)."""

DOMAINS = ("ui", "site")
"""The catalogs of sbfa-pack's own strings: ``ui`` (the learner runtime, ``i18n/ui/<lang>.po``) and
``site`` (the static site of ``sbfa-pack site``, ``i18n/site/<lang>.po``; drafts may lag behind)."""

_PLURAL_SUFFIXES = ("_one", "_other")
_SAMPLES = (*range(0, 1001), 1_000_000)


def defaults(domain: str = "ui") -> dict[str, str]:
    """Every interface key with its English text (runtime shell, exercise widgets and surveys; or the site's)."""
    return dict(SITE_STRINGS) if domain == "site" else {**UI_STRINGS, **WIDGET_STRINGS, **SURVEY_STRINGS}


def catalog_path(lang: str, domain: str = "ui") -> Path:
    """Where the interface catalog of ``lang`` lives (package data)."""
    return Path(str(resources.files("sbfa_pack.i18n").joinpath(domain, f"{lang}.po")))


def template(domain: str = "ui") -> polib.POFile:
    """The interface template built from :func:`defaults` (plural pairs become plural entries)."""
    pot = catalog.new_catalog(None, "sbfa-pack interface")
    strings = defaults(domain)
    for key, text in strings.items():
        if key.endswith("_other") and key[:-6] + "_one" in strings:
            continue
        if key.endswith("_one") and key[:-4] + "_other" in strings:
            base = key[:-4]
            pot.append(polib.POEntry(msgctxt=base, msgid=text, msgid_plural=strings[base + "_other"],
                                     msgstr_plural={0: "", 1: ""}, flags=["python-brace-format"]))
        else:
            flags = ["python-brace-format"] if "{" in text else []
            pot.append(polib.POEntry(msgctxt=key, msgid=text, msgstr="", flags=flags))
    return pot


def update_catalogs(langs: tuple[str, ...] = UI_LANGUAGES, domain: str = "ui") -> dict[str, catalog.Stats]:
    """Merge the template into every interface catalog (translations kept; changes become fuzzy)."""
    pot = template(domain)
    keys = [(e.msgctxt or "", e.msgid) for e in pot]
    out = {}
    for lang in langs:
        path = catalog_path(lang, domain)
        merged = catalog.update(pot, catalog.read(path) if path.exists() else None, lang)
        merged.metadata["Project-Id-Version"] = "sbfa-pack interface"
        catalog.save(merged, path)
        out[lang] = catalog.stats(keys, merged)
    return out


def plural_categories(lang: str) -> list[list[str]]:
    """For each gettext plural index of ``lang``, the CLDR categories (one, few, many...) it serves."""
    expr = gettext.c2py(get_plural(lang.replace("-", "_")).plural_expr)
    rule = Locale.parse(lang, sep="-").plural_form
    out: list[list[str]] = [[] for _ in range(get_plural(lang.replace("-", "_")).num_plurals)]
    for n in _SAMPLES:
        cat = rule(n)
        index = expr(n)
        if cat not in out[index] and not any(cat in cats for cats in out):
            out[index].append(cat)
    if not any("other" in cats for cats in out):
        out[-1].append("other")  # 'other' covers fractions in some languages: use the last form
    return out


@cache
def _catalog(lang: str, domain: str = "ui") -> dict[str, str]:
    path = catalog_path(lang, domain)
    if not path.is_file():
        return {}
    po = catalog.read(path)
    cats = plural_categories(lang) if po.metadata.get("Plural-Forms") else []
    table: dict[str, str] = {}
    for e in po:
        if e.obsolete or e.fuzzy or not e.msgctxt:
            continue
        if e.msgid_plural:
            forms = [e.msgstr_plural.get(i, "") for i in range(len(cats))]
            if all(forms):
                table.update({f"{e.msgctxt}_{cat}": form for form, names in zip(forms, cats, strict=True)
                              for cat in names})
        elif e.msgstr:
            table[e.msgctxt] = e.msgstr
    return table


def ui_strings(lang: str) -> dict[str, str]:
    """Every interface string in ``lang`` (``pt-BR`` falls back to ``pt``), English for anything missing."""
    strings = defaults()
    for tag in (lang, lang.split("-")[0]):
        table = _catalog(tag)
        if table:
            return {**strings, **table}
    return strings


def site_strings(lang: str) -> dict[str, tuple[str, bool]]:
    """Every string of the site in ``lang``: (text, translated); English (False) where a draft
    catalog has no translation yet, so the page can mark it."""
    for tag in (lang, lang.split("-")[0]):
        table = _catalog(tag, "site")
        if table:
            break
    english = lang.split("-")[0] == "en"
    return {key: (table[key], True) if key in table else (text, english)
            for key, text in defaults("site").items()}


def language_name(lang: str) -> str:
    """The language's name in itself (``Deutsch``, ``العربية``), for the language switch."""
    try:
        name = Locale.parse(lang, sep="-").get_display_name(Locale.parse(lang, sep="-"))
    except (ValueError, UnknownLocaleError):
        return lang
    return (name[:1].upper() + name[1:]) if name else lang


def direction(lang: str) -> str:
    """``rtl`` or ``ltr`` for the ``dir`` attribute, from babel's locale data."""
    try:
        return "rtl" if Locale.parse(lang, sep="-").character_order == "right-to-left" else "ltr"
    except (ValueError, UnknownLocaleError):
        return "ltr"


def format_number(value: float, lang: str) -> str:
    return numbers.format_decimal(value, locale=_babel(lang))


def format_percent(value: float, lang: str) -> str:
    """``value`` is a fraction (0.85 → 85 %, written the language's way)."""
    return numbers.format_percent(value, locale=_babel(lang))


def format_currency(value: float, currency: str, lang: str) -> str:
    return numbers.format_currency(value, currency, locale=_babel(lang))


@cache
def currency_of(country: str) -> str:
    """The currency in use in ``country`` (ISO 3166-1 alpha-2, any case) today, from CLDR:
    ``no`` → NOK, ``pl`` → PLN, ``de`` → EUR."""
    return numbers.get_territory_currencies(country.upper(), tender=True)[0]


def country_name(country: str, lang: str) -> str:
    """The country's name in ``lang`` (CLDR): ``de`` in Arabic is ``ألمانيا``."""
    try:
        return str(Locale.parse(_babel(lang)).territories.get(country.upper(), country))
    except (ValueError, UnknownLocaleError):
        return country


LANGUAGE_COUNTRY = {"nb": "no", "nn": "no", "no": "no", "el": "gr", "es": "es", "de": "de", "pl": "pl"}
"""The country a package's language pre-selects on a personal path (others: none)."""


def format_date(value: date, lang: str) -> str:
    return dates.format_date(value, format="long", locale=_babel(lang))


def _babel(lang: str) -> str:
    return lang.replace("-", "_")
