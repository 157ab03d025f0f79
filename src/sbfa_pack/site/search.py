"""The resource bank's search: the folding both sides apply, and the index built per language.

The same text folded the same way on both sides: here for the index, in ``static/site.js``
(``fold``) for what the visitor types. Folding lowers the case and drops every combining mark
after canonical decomposition (Latin diacritics, Greek accents and dialytika, Arabic tashkeel,
and the hamza or madda of أ إ آ, which decompose to ا plus a mark); then the Arabic spellings
readers take for the same letter are joined (ة→ه, ى and Persian ی→ي, ک→ك, ٱ→ا) and tatweel goes.
The learner runtime's fill-in marking (``marking.js`` ``normAnswer``) folds the same letters.

The index is one small script per language (``assets/search-<lang>.js``) that assigns to a
global: a ``<script src>`` loads from ``file://`` where ``fetch()`` cannot.
"""

from __future__ import annotations

import json
import unicodedata

_LETTERS = str.maketrans({"\u0629": "\u0647", "\u0649": "\u064a", "\u06cc": "\u064a", "\u06a9": "\u0643",
                          "\u0671": "\u0627", "\u0640": None})


def fold(text: str) -> str:
    """``text`` as the search compares it: lower case, no marks, Arabic variants joined, single spaces."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    bare = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")).translate(_LETTERS)
    return " ".join(bare.split())


def index_script(lang: str, entries: dict[str, str], cards: list[str] | None = None) -> bytes:
    """The search index of one language, assigned to ``SBFA_SEARCH[lang]``: element id → folded
    text; for a bank on several pages, a list in the order shown of [id, folded text, the card's
    HTML] (rendered and escaped at build time), so results can come from any page."""
    if cards is None:
        data: object = {key: fold(text) for key, text in sorted(entries.items())}
    else:
        data = [[key, fold(text), html.strip()] for (key, text), html in zip(entries.items(), cards, strict=True)]
    body = json.dumps(data, separators=(",", ":"), sort_keys=True)
    return (f"window.SBFA_SEARCH=window.SBFA_SEARCH||{{}};window.SBFA_SEARCH[{json.dumps(lang)}]={body};\n"
            ).encode()
