"""PyYAML's syntax errors said in plain words, at the line and column that need the fix.

Most YAML mistakes in course sources are indentation slips: a key or a list item a space or
two off from its neighbours. PyYAML notices them later, at a colon or a block's end, and names
them in parser terms ("did not find expected '-' indicator while parsing a block collection").
:func:`explain` looks at the lines around the place PyYAML stopped and says which line is
indented more or less than the lines around it, or what else is missing.
"""

from __future__ import annotations

import re

_KEY = re.compile(r"""^(?:-[ ]+)*(?:[^\s#'"\-?:,\[\]{}][^#]*?|"[^"]*"|'[^']*'):(?:[ ]|$)""")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(line: str) -> int:
    """The column (0-based) where a line's key or value starts, after any list dashes."""
    i = _indent(line)
    while line[i:i + 2] == "- " or line[i:].rstrip() == "-":
        i += 1
        while i < len(line) and line[i] == " ":
            i += 1
    return i


def _is_item(line: str) -> bool:
    stripped = line.lstrip(" ")
    return stripped.startswith("- ") or stripped.rstrip() == "-"


def _is_key(line: str) -> bool:
    return bool(_KEY.match(line.lstrip(" ")))


def _meaningful(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _previous(lines: list[str], n: int) -> int | None:
    """The nearest line before ``n`` that holds YAML (not blank, not only a comment)."""
    for q in range(min(n, len(lines)) - 1, -1, -1):
        if _meaningful(lines[q]):
            return q
    return None


def _opens_block(line: str) -> bool:
    """A line after which a more indented line is expected: ``key:``, ``- key:``, ``-``, ``|``, ``>``."""
    text = line.split(" #", 1)[0].rstrip()
    return text.endswith((":", "|", ">", "|-", ">-", "|+", ">+")) or (text.endswith("-") and _is_item(text))


def _shift(p: int, q: int, more: bool, ref: int) -> str:
    how = "more" if more else "less"
    return (f"this line is indented {how} than the lines around it (line {q + 1} starts at column {ref + 1}, "
            f"this one at column {p + 1}); indent it like the key or list item it belongs with")


def explain(problem: str, context: str | None, line: int, column: int, context_line: int | None,
            text: str) -> tuple[str, str, int, int] | None:
    """(code, message, 1-based line, column) for a PyYAML error at ``line``/``column`` (0-based),
    or None when the error has none of the known shapes."""
    lines = text.split("\n")
    if line >= len(lines):
        return None
    first = next((n for n, s in enumerate(lines) if _meaningful(s)), None)
    if first is not None and first <= line and _indent(lines[first]) > 0 and not _is_item(lines[first]):
        return ("yaml.indentation", "the first line is indented; top-level keys start at column 1",
                first + 1, _indent(lines[first]) + 1)
    here = lines[line]
    q = _previous(lines, line)
    if "could not find expected ':'" in problem and context_line is not None and context_line < len(lines):
        bare = lines[context_line]
        before = _previous(lines, context_line)
        tip = "start it with '- ' like the list items above it" if before is not None and _is_item(lines[before]) \
            else "add the ':' after the key"
        return ("yaml.syntax", f"this line is neither 'key: value' nor a list item; {tip}",
                context_line + 1, _indent(bare) + 1)
    if "mapping values are not allowed" in problem:
        if q is not None and _indent(here) > _content(lines[q]) and not _opens_block(lines[q]):
            return "yaml.indentation", _shift(_indent(here), q, True, _content(lines[q])), line + 1, _indent(here) + 1
        start = _content(here)
        if _is_key(here[start:]) and ": " in here[start:]:
            value = here.index(": ", start) + 2
            while value < len(here) and here[value] == " ":
                value += 1
            return ("yaml.syntax", "this value holds ': ', which YAML reads as a second key; put the value in "
                    "quotes (title: \"Costs: fixed and variable\")", line + 1, value + 1)
        return None
    if "cannot start any token" in problem and column < len(here):
        return ("yaml.syntax", f"'{here[column]}' cannot start a value written without quotes; put the value in "
                "quotes", line + 1, column + 1)
    if "expected key" in problem and column > _indent(here) and here[:column].rstrip().endswith(('"', "'")):
        return ("yaml.syntax", "text follows the closing quote; put the whole value inside the quotes",
                line + 1, column + 1)
    blockish = ("did not find expected key" in problem or "did not find expected '-' indicator" in problem
                or problem.startswith("expected <block end>"))
    if not blockish or q is None or not _meaningful(here):
        return None
    p_indent = _indent(here)
    if _is_item(here):
        items = [n for n in range(line - 1, -1, -1) if _meaningful(lines[n]) and _is_item(lines[n])
                 and _indent(lines[n]) <= _content(lines[q])]
        if items and _indent(lines[items[0]]) != p_indent:
            ref = _indent(lines[items[0]])
            return "yaml.indentation", _shift(p_indent, items[0], p_indent > ref, ref), line + 1, p_indent + 1
        if "expected key" in problem:
            return ("yaml.indentation", "a list item ('- ') among keys; indent the list under the key it "
                    "belongs to, or write this line as 'key: value'", line + 1, p_indent + 1)
        return None
    ref = _content(lines[q])
    at_dash = p_indent == _indent(lines[q]) or (context_line is not None and p_indent == _indent(lines[context_line]))
    if at_dash and ((p_indent == _indent(lines[q]) and _is_item(lines[q])) or "'-' indicator" in problem) \
            and p_indent <= ref:
        return ("yaml.indentation", f"a key at the indentation of the list's '- '; indent it like the keys "
                    f"of the item above (column {ref + 1}), or start a new item with '- '", line + 1, p_indent + 1)
    if p_indent != ref:
        return "yaml.indentation", _shift(p_indent, q, p_indent > ref, ref), line + 1, p_indent + 1
    return None
