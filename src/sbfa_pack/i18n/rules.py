"""Per-entry translation rules: what a translation must keep from its source string.

Each function compares a source string with its translation and returns a one-line problem
description, or None. They know nothing of files; :mod:`.checks` adds places and codes.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

# Positional %-placeholders take no space flag: "30 % de" (French, Spanish, Norwegian... put a
# space before %) is text, not "% d".
_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}"
                          r"|%\([A-Za-z_]\w*\)[-#0 +]*\d*(?:\.\d+)?[sdifrx]|%[-#0+]*\d*(?:\.\d+)?[sdif]")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*?)?\s*(/?)>")  # not autolinks <https://…>


@cache
def void_elements() -> frozenset[str]:
    """The HTML elements without a closing tag, as Python's own HTML writer knows them (the same set
    as lxml's ``lxml.html.defs.empty_tags``, at a seventh of the import time; nh3's parser keeps its
    list inside Rust): WHATWG's area base br col embed hr img input link meta source track wbr, and
    the obsolete basefont frame isindex param. Imported on first use: most strings have no tags."""
    from xml.etree.ElementTree import HTML_EMPTY

    return frozenset(HTML_EMPTY)


_MAX_LENGTH = re.compile(r"^max-length:(\S*)$")
_LIMIT_DIGITS = 9
# C0 controls but tab and line feed, DEL and C1 controls: text never needs them, terminals act on
# them, and XML 1.0 forbids most of them (a package manifest could not be written).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_md = MarkdownIt("commonmark", {"html": True}).enable("table")


def placeholders(source: str, translation: str, *, plural_form: bool = False) -> str | None:
    """Placeholders (``{name}``, ``%(x)s``, ``%s``) must be the same set in both.

    A plural form may leave one out (Arabic says "two minutes" in one word), never add one.
    """
    a = Counter(_PLACEHOLDER.findall(source.replace("%%", "")))
    b = Counter(_PLACEHOLDER.findall(translation.replace("%%", "")))
    if a == b:
        return None
    lost, extra = sorted((a - b).elements()), sorted((b - a).elements())
    if plural_form and not extra:
        return None
    parts = ([f"missing {', '.join(lost)}"] if lost else []) + ([f"unknown {', '.join(extra)}"] if extra else [])
    return f"placeholders differ from the source: {'; '.join(parts)}"


# Without any of these a text has no Markdown structure worth parsing (most short strings).
_MAYBE_MARKDOWN = re.compile(r"[*_\[\]!`#>|<~]|^\s*(?:[-+]|\d{1,9}[.)])\s|^\s{4}|^=+\s*$", re.MULTILINE)
_PLAIN: tuple[Counter[str], list[str], list[str], list[str]] = (Counter(), [], [], [])
# One line that no block construct can start (heading, quote, list, rule, fence, code, HTML, table).
_ONE_PARAGRAPH_LINE = re.compile(r"(?! {0,3}(?:[#>|<~`]|[*+-](?:\s|$)|\d{1,9}[.)](?:\s|$)|(?:[*_-]\s*){3,}$))"
                                 r"(?!\s{4}|\s*\t)[^\n\r]*\Z")


@lru_cache(maxsize=4096)
def _shape(text: str) -> tuple[Counter[str], list[str], list[str], list[str]]:
    """What Markdown structure ``text`` has (cached: sources are compared once per language)."""
    if not _MAYBE_MARKDOWN.search(text):
        return _PLAIN
    kinds: Counter[str] = Counter()
    links: list[str] = []
    images: list[str] = []
    code: list[str] = []

    def visit(tokens: list[Token]) -> None:
        for t in tokens:
            if t.type in ("em_open", "strong_open", "list_item_open", "heading_open", "blockquote_open",
                          "bullet_list_open", "ordered_list_open", "fence", "code_block", "table_open", "hr"):
                kinds[t.type.removesuffix("_open") + (t.tag if t.type == "heading_open" else "")] += 1
            elif t.type == "link_open":
                links.append(str(t.attrs.get("href", "")))
            elif t.type == "image":
                images.append(str(t.attrs.get("src", "")))
            elif t.type == "code_inline":
                code.append(t.content)
            visit(t.children or [])

    # Most strings are one line of a paragraph: its inline parse alone gives the same tokens, at
    # half the cost (validate parses a few thousand translations).
    visit(_md.parseInline(text) if _ONE_PARAGRAPH_LINE.match(text) else _md.parse(text))
    return kinds, sorted(links), sorted(images), sorted(code)


_NAMES = {"em": "italic spans", "strong": "bold spans", "list_item": "list items", "bullet_list": "lists",
          "ordered_list": "numbered lists", "blockquote": "quotes", "fence": "code blocks",
          "code_block": "code blocks", "table": "tables", "hr": "rules"}


_EMPHASIS = frozenset({"em", "strong"})


def markdown(source: str, translation: str) -> str | None:
    """Links and their targets, images, inline code, list items, headings, quotes and code blocks must match."""
    ka, la, ia, ca = _shape(source)
    kb, lb, ib, cb = _shape(translation)
    if la != lb:
        ta, tb = [t for t in la if t.startswith("term:")], [t for t in lb if t.startswith("term:")]
        if ta != tb:  # a glossary mark (terms.py): the same entries, marked once each as in the source
            return f"glossary terms differ from the source: {', '.join(ta) or 'none'} → {', '.join(tb) or 'none'}"
        return f"link targets differ from the source: {', '.join(la) or 'none'} → {', '.join(lb) or 'none'}"
    if ia != ib:
        return f"images differ from the source: {', '.join(ia) or 'none'} → {', '.join(ib) or 'none'}"
    if ca != cb:
        return f"inline code differs from the source: {', '.join(ca) or 'none'} → {', '.join(cb) or 'none'}"
    for kind in sorted((set(ka) | set(kb)) - _EMPHASIS):
        if ka[kind] != kb[kind]:
            name = _NAMES.get(kind, "headings" if kind.startswith("heading") else kind)
            return f"Markdown structure differs from the source: {ka[kind]} {name} in the source, {kb[kind]} here"
    return None


def emphasis(source: str, translation: str) -> str | None:
    """Emphasis should match too, but a translator may rightly drop some (italics for a foreign word)."""
    ka, kb = _shape(source)[0], _shape(translation)[0]
    for kind in sorted(_EMPHASIS):
        if ka[kind] != kb[kind]:
            return f"emphasis differs from the source: {ka[kind]} {_NAMES[kind]} in the source, {kb[kind]} here"
    return None


def _tags(text: str) -> tuple[list[str], str | None]:
    """The tags of ``text`` and the first imbalance (an unclosed or stray tag), if any."""
    stack: list[str] = []
    seen: list[str] = []
    for m in _TAG.finditer(text):
        closing, name, selfclosing = m.group(1), m.group(2).lower(), m.group(3)
        seen.append(f"{closing}{name}")
        if selfclosing or name in void_elements():
            continue
        if not closing:
            stack.append(name)
        elif stack and stack[-1] == name:
            stack.pop()
        else:
            return seen, f"</{name}> closes nothing" if name not in stack else f"<{stack[-1]}> is not closed"
    return seen, (f"<{stack[-1]}> is not closed" if stack else None)


def markup(source: str, translation: str) -> str | None:
    """HTML in a translation must be balanced and use the same tags as the source."""
    tags_a, _ = _tags(source)
    tags_b, problem = _tags(translation)
    if problem:
        return f"unbalanced markup: {problem}"
    if sorted(tags_a) != sorted(tags_b):
        return f"markup differs from the source: <{'> <'.join(sorted(tags_a)) or 'none'}> → " \
               f"<{'> <'.join(sorted(tags_b)) or 'none'}>"
    return None


def length_limit(flags: list[str], comment: str, translation: str) -> str | None:
    """A translator-declared limit (flag ``max-length:N``, Weblate's) must be kept."""
    for flag in flags:
        most = limit(flag)
        if most is not None and len(translation) > most:
            return f"translation is {len(translation)} characters long; the limit is {most}"
    return None


def limit(flag: str) -> int | None:
    """The number of a ``max-length:N`` flag, None when it is not a plain number of at most nine digits
    (:func:`bad_limit` says so; a longer one would be a pointless limit, and Python refuses to read
    more than 4,300 digits)."""
    m = _MAX_LENGTH.match(flag.strip())
    digits = m.group(1) if m else ""
    return int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= _LIMIT_DIGITS else None


def bad_limit(flags: list[str]) -> str | None:
    """A ``max-length`` flag that is not a usable number."""
    for flag in flags:
        if _MAX_LENGTH.match(flag.strip()) and limit(flag) is None:
            value = flag.strip().removeprefix("max-length:")
            shown = (f"'max-length:{value}'" if len(value) <= 12
                     else f"'max-length:{value[:9]}…' ({len(value)} characters)")
            return f"flag {shown} needs a whole number of at most {_LIMIT_DIGITS} digits"
    return None


def control_char(text: str) -> str | None:
    """A control character (other than tab and line break) in a translation."""
    m = CONTROL.search(text)
    if m is None:
        return None
    line = text.count("\n", 0, m.start()) + 1
    where = f" on its line {line}" if "\n" in text else ""
    return f"control character U+{ord(m.group()):04X} in the translation{where}: remove it"
