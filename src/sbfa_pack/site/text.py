"""Text of one page language: the site's own strings and the project's, each marked when it is
shown untranslated (``lang`` of the language it is in, and a visible code), never silently."""

from __future__ import annotations

import re
from datetime import timedelta

from babel import Locale, UnknownLocaleError, dates, lists, numbers
from markupsafe import Markup, escape

from .. import markdown
from ..i18n.ui import site_strings

_FIELD = re.compile(r"\{(\w+)\}")
_SLOTS = (markdown.NEW_TAB, markdown.DOWNLOAD, ' target="_blank"')


def marked(html: Markup | str, lang: str, *, block: bool = False) -> Markup:
    """``html`` (already safe) shown in ``lang``, not the page's: with ``lang`` and its visible code."""
    tag = "div" if block else "span"
    return Markup(f'<{tag} class="untr" lang="{escape(lang)}" data-l="{escape(lang)}">{html}</{tag}>')


def md(text: str, heading_offset: int = 2) -> Markup:
    """Markdown as sanitised HTML for a page of the site: links open in place (a site is no SCO);
    its ``#`` is an ``h3`` (below the page's ``h2``), or ``h{1 + heading_offset}``."""
    html = markdown.to_html(text, heading_offset=heading_offset)
    for slot in _SLOTS:
        html = html.replace(slot, "")
    return Markup(html)


class PageText:
    """The strings and formats of one page language, and the marking of project text."""

    def __init__(self, lang: str, source_lang: str, translated: frozenset[str]) -> None:
        self.lang = lang
        self.source_lang = source_lang
        self.translated = translated
        self.strings = site_strings(lang)
        try:
            self.locale: Locale | None = Locale.parse(lang, sep="-")
        except (ValueError, UnknownLocaleError):
            self.locale = None

    def __call__(self, key: str, **values: object) -> Markup:
        """A site string, filled and escaped; marked as English when the catalog lacks it."""
        text, done = self.strings[key]
        out = escape(_FIELD.sub(lambda m: str(values.get(m.group(1), m.group(0))), text))
        return out if done else marked(out, "en")

    def plain(self, key: str, **values: object) -> str:
        """A site string as plain text (an attribute, a script's template)."""
        return _FIELD.sub(lambda m: str(values.get(m.group(1), m.group(0))), self.strings[key][0])

    def untranslated(self, source: str, shown: str) -> bool:
        return self.lang != self.source_lang and shown == source and shown.strip() not in self.translated

    def text(self, source: str, shown: str) -> Markup:
        """One line of project text in this language (``shown``), marked when it is still ``source``."""
        out = escape(shown)
        return marked(out, self.source_lang) if self.untranslated(source, shown) else out

    def md(self, source: str, shown: str, heading_offset: int = 2) -> Markup:
        out = md(shown, heading_offset)
        return marked(out, self.source_lang, block=True) if self.untranslated(source, shown) else out

    def number(self, value: int) -> str:
        return numbers.format_decimal(value, locale=self.locale) if self.locale else str(value)

    def duration(self, minutes: int) -> str:
        """``90 minutes`` in the page language (minutes always: a course plan counts in them)."""
        if self.locale is None:
            return f"{minutes} min"
        return str(dates.format_timedelta(timedelta(minutes=minutes), granularity="minute", threshold=10_000,
                                          locale=self.locale))

    def size(self, size: int) -> str:
        """A file size in kB or MB, the number written the language's way."""
        value, unit = (size / 1_000_000, "MB") if size >= 1_000_000 else (size / 1000, "kB")
        shown = numbers.format_decimal(value, format="#,##0.0", locale=self.locale) if self.locale \
            else f"{value:.1f}"
        return f"{shown}\u00a0{unit}"

    def items(self, items: list[str]) -> str:
        """Items joined the language's way (``a, b and c``; ``a، b و c``)."""
        return lists.format_list(items, locale=self.locale) if self.locale and items else ", ".join(items)

    def language(self, tag: str) -> str:
        """A language's name in the page language (its tag when babel does not know it)."""
        names = self.locale.languages if self.locale else {}
        return str(names.get(tag) or names.get(tag.split("-")[0]) or tag)

    def country(self, code: str) -> str:
        """A country's name in the page language (babel's), or "International"."""
        if code == "international":
            return self.plain("international")
        names = self.locale.territories if self.locale else {}
        return str(names.get(code.upper(), code.upper()))
