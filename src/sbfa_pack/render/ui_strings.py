"""The learner-facing interface strings of one language, for the runtime and the templates.

The keys and English defaults are :data:`sbfa_pack.ui_text.UI_STRINGS`; the
translations come from the interface catalogs through :func:`sbfa_pack.i18n.ui.ui_strings`.
"""

from __future__ import annotations

from ..i18n.ui import ui_strings
from ..ui_text import UI_STRINGS

__all__ = ["strings_for"]


def strings_for(lang: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Every UI string for ``lang`` (plus ``extra`` defaults, e.g. the widgets'): translated where a
    translation exists, English otherwise."""
    translated = ui_strings(lang)
    return {**UI_STRINGS, **(extra or {}), **{k: v for k, v in translated.items() if v}}
