"""Which characters course text may hold: the one definition the loader, the model and the
translations share.

Control characters never belong in course text: XML 1.0 forbids most of them (the manifests could
not be written), ESC and the C1 controls drive terminals, and a NUL or a lone surrogate breaks
JSON, XML and HTML alike. Multi-line text (Markdown, descriptions) may hold tabs and line breaks;
a single-line value (a title, a name, a keyword) may hold neither: in sources (validated with the
context ``SOURCES``) that is an error at its place; elsewhere (a translation, which the PO checks
report at their own line) its whitespace is joined into single spaces, so no build ever crashes on it.
"""

from __future__ import annotations

import re
import unicodedata

from pydantic import ValidationInfo
from pydantic_core import PydanticCustomError

SOURCES = {"sources": True}
"""The validation context of course sources: single-line text with a tab or line break is an error."""

CODE = "text.control-char"
"""The diagnostic code of a forbidden character, in any source (YAML, Markdown, PO)."""

_BAD = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
FORBIDDEN = re.compile(f"[{_BAD}]")
"""Characters no course text may hold: C0 controls but tab and line feed, DEL, C1 controls,
lone surrogates and the non-characters U+FFFE and U+FFFF."""
FORBIDDEN_IN_LINE = re.compile(f"[\t\n{_BAD}]")
"""The same, plus tab and line feed: for single-line values."""

_NAMES = {0x00: "NUL", 0x09: "tab", 0x0A: "line break", 0x0B: "vertical tab", 0x0C: "form feed",
          0x0D: "carriage return", 0x1B: "escape", 0x7F: "delete", 0x85: "next line"}


def describe(char: str) -> str:
    """A character as a diagnostic names it: ``U+001B (escape)``."""
    code = ord(char)
    name = _NAMES.get(code)
    if name is None:
        if 0xD800 <= code <= 0xDFFF:
            name = "lone surrogate"
        elif code in (0xFFFE, 0xFFFF):
            name = "non-character"
        else:
            name = unicodedata.name(char, "control character").lower()
    return f"U+{code:04X} ({name})"


def forbidden(char: str) -> str:
    """The message for a character no course text may hold."""
    kind = "control character" if ord(char) < 0xD800 else "character"
    return f"the {kind} {describe(char)} is not allowed in course text"


def problem(text: str, *, single_line: bool = False) -> str | None:
    """Why ``text`` cannot be course text, or None when it can."""
    found = (FORBIDDEN_IN_LINE if single_line else FORBIDDEN).search(text)
    if found is None:
        return None
    char = found.group()
    if char in "\t\n":
        return f"a {describe(char)} is not allowed here: this text is a single line"
    return forbidden(char)


def check_text(text: str) -> str:
    """Pydantic validator of multi-line text (tabs and line breaks allowed)."""
    return _raise(text, single_line=False)


def check_line(text: str, info: ValidationInfo) -> str:
    """Pydantic validator of single-line text (titles, names, keywords)."""
    if not (info.context or {}).get("sources") and problem(text) is None:
        return " ".join(text.split())
    return _raise(text, single_line=True)


def _raise(text: str, *, single_line: bool) -> str:
    why = problem(text, single_line=single_line)
    if why is not None:
        raise PydanticCustomError(CODE, why.replace("{", "{{").replace("}", "}}"))
    return text
