"""Learner-facing strings in templates: ``T("key", n=3)`` fills values and picks plural forms."""

from __future__ import annotations

import hashlib
import re
from typing import Any

import babel

_FIELD = re.compile(r"\{(\w+)\}")


class Texts:
    """The UI strings of one language, callable from templates (values are filled, never executed)."""

    def __init__(self, strings: dict[str, str], lang: str) -> None:
        self.strings = strings
        self._memo: dict[tuple[Any, ...], str] = {}
        try:
            self.locale: babel.Locale | None = babel.Locale.parse(lang.replace("-", "_"))
        except (ValueError, babel.UnknownLocaleError):
            self.locale = None

    def __call__(self, key: str, **values: Any) -> str:
        # A page asks for the same few strings again and again ("Check", "Question 3 of 5").
        try:
            memo = (key, *sorted(values.items()))
            return self._memo[memo]
        except TypeError:  # a value that cannot be a key: fill in every time
            return self._fill(key, values)
        except KeyError:
            text = self._memo[memo] = self._fill(key, values)
            return text

    def _fill(self, key: str, values: dict[str, Any]) -> str:
        n = values.get("n")
        if isinstance(n, int) and f"{key}_other" in self.strings:
            form = self.locale.plural_form(n) if self.locale else ("one" if n == 1 else "other")
            text = self.strings.get(f"{key}_{form}") or self.strings[f"{key}_other"]
        else:
            text = self.strings[key]
        return _FIELD.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)

    def percent(self, value: float) -> str:
        """``70 %`` / ``70%`` / ``%70`` as the language writes a percentage."""
        if self.locale is None:
            return f"{value:g}%"
        from babel.numbers import format_percent
        return format_percent(value / 100, locale=self.locale)


def scrambled(qid: str, ids: list[str]) -> list[str]:
    """A fixed order that is never the given one, so ordering questions do not show their answer
    before the runtime shuffles them (or when it cannot run)."""
    order = sorted(ids, key=lambda i: hashlib.sha256(f"{qid}/{i}".encode()).hexdigest())
    return order if order != ids else order[1:] + order[:1]
