"""YAML with positions: parse text into plain data plus a map from data paths to places.

Only the YAML that course sources need is accepted: one document of mappings, sequences and
scalars. Anchors/aliases are refused (they make "billion laughs" bombs and are never needed in a
course), and plain scalars follow the YAML 1.2 core schema, so ``no`` (Norway) stays a string.

The data is built from the parser's event stream with an explicit stack rather than by
recursion, so a 10,000-deep document is a clean error, never a crash.

What a source may expand to is bounded (see docs/format.md): at most ``MAX_DEPTH``
levels and ``MAX_NODES`` keys and values per file, numbers finite and of at most ``MAX_DIGITS``
digits, and no control characters (``model.text``) in the file or in a quoted scalar's escapes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..diagnostics import Diagnostics
from ..model.text import CODE as CONTROL_CODE
from ..model.text import FORBIDDEN, forbidden
from .files import control_chars
from .yamlerrors import explain

try:  # libyaml's parser is many times faster; the pure-Python one is a fallback.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64
MAX_NODES = 100_000
"""Keys and values in one file (the programme's largest course has about 1,000). Each costs memory
in every later step (positions, the model, each diagnostic): a 1.8 MB flow list of 900,000 numbers
took validate past 1.4 GB; this bounds any 2 MB file's cost."""
MAX_DIGITS = 100
"""Digits of a number written in YAML; a longer one is surely a mistake (and Python refuses
integers past 4,300 digits)."""
Path = tuple[str | int, ...]

_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$")
_STR_TAGS = ("tag:yaml.org,2002:str", "!!str")


@dataclass(frozen=True, slots=True)
class Span:
    """Where a key or value starts (1-based line and column).

    ``block`` is true for ``|`` and ``>`` scalars, whose text starts on the next line;
    ``literal`` for ``|`` scalars, whose lines are the file's lines (``indent`` spaces in);
    ``quoted`` when the text starts one character after the value's place.
    """

    line: int
    column: int
    block: bool = False
    literal: bool = False
    indent: int = 0
    quoted: bool = False

    @property
    def content_line(self) -> int:
        """The line on which a scalar's text starts (a block scalar starts after its indicator)."""
        return self.line + 1 if self.block else self.line


@dataclass(slots=True)
class Positions:
    """Positions of every key and value in one YAML file, by data path."""

    file: str
    keys: dict[Path, Span] = field(default_factory=dict)
    values: dict[Path, Span] = field(default_factory=dict)

    def value(self, path: Path) -> Span:
        """The place of the value at ``path``, or of its nearest ancestor that has one."""
        for i in range(len(path), -1, -1):
            span = self.values.get(path[:i])
            if span:
                return span
        return Span(1, 1)

    def key(self, path: Path) -> Span:
        """The place of the key at ``path`` (the value's place for list items)."""
        return self.keys.get(path) or self.value(path)

    def has(self, path: Path) -> bool:
        return path in self.values


class _Fail(Exception):
    def __init__(self, code: str, message: str, mark: Any) -> None:
        super().__init__(message)
        self.code = code
        self.line = mark.line + 1
        self.column = mark.column + 1


@dataclass
class _Frame:
    path: Path
    value: dict[str, Any] | list[Any]
    key: str | None = None  # a mapping frame waiting for the value of this key
    expect_key: bool = True


def _short(text: str) -> str:
    text = text.replace("\n", "\\n")
    return text if len(text) <= 60 else text[:59] + "…"


def _scalar(event: yaml.ScalarEvent) -> Any:
    value: str = event.value
    if event.style or event.tag in _STR_TAGS:
        return value  # quoted or block scalars, or explicitly tagged !!str, are text
    low = value.lower()
    if value in ("", "~") or low == "null":
        return None
    if low in ("true", "false"):
        return low == "true"
    if low.lstrip("+-") in (".inf", ".nan"):  # YAML 1.2's infinity and not-a-number
        raise _Fail("yaml.number", f"{value} is not a finite number; numbers must be finite "
                    "(quote it if it is text)", event.start_mark)
    if _INT.match(value):
        return int(_digits(value, event))
    if _FLOAT.match(value) and any(c.isdigit() for c in value):
        number = float(_digits(value, event))
        if not math.isfinite(number):
            raise _Fail("yaml.number", f"the number {_short(value)} is too large (not finite); numbers must be "
                        "finite (quote it if it is text)", event.start_mark)
        return number
    return value


def _digits(value: str, event: yaml.ScalarEvent) -> str:
    plain = value.replace("_", "")
    if len(plain) > MAX_DIGITS and sum(c.isdigit() for c in plain) > MAX_DIGITS:
        raise _Fail("yaml.number", f"a number of more than {MAX_DIGITS} digits is not allowed "
                    "(quote it if it is text)", event.start_mark)
    return plain


class _Composer:
    """Turns parser events into plain data, recording the place of every key and value."""

    def __init__(self, text: str, positions: Positions) -> None:
        self.lines = text.split("\n")
        self.pos = positions
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0
        self.nodes = 0

    def _span(self, event: Any) -> Span:
        m = event.start_mark
        style = getattr(event, "style", None)
        indent = 0
        if style == "|" and m.line + 1 < len(self.lines):
            nxt = self.lines[m.line + 1]
            indent = len(nxt) - len(nxt.lstrip(" "))
        return Span(m.line + 1, m.column + 1, style in ("|", ">"), style == "|", indent, style in ("'", '"'))

    def _check_node(self, event: Any) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Fail("yaml.too-large", f"more than {MAX_NODES:,} keys and values in one file; "
                        "split the course (e.g. lessons into body_file Markdown files)", event.start_mark)
        if isinstance(event, yaml.ScalarEvent):
            bad = FORBIDDEN.search(event.value)
            if bad:  # only a double-quoted scalar's escapes ("\e", "\0") get here; raw ones are refused earlier
                raise _Fail(CONTROL_CODE, forbidden(bad.group()), event.start_mark)
        if getattr(event, "anchor", None):
            raise _Fail("yaml.anchor", f"anchors (&{event.anchor}) and aliases are not supported; "
                        "write the value out", event.start_mark)
        tag = getattr(event, "tag", None)
        if tag and tag not in _STR_TAGS and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
            raise _Fail("yaml.tag", f"tags such as '{tag}' are not supported", event.start_mark)

    def _place(self, event: Any, value: Any) -> Path | None:
        """Attach ``value`` to the open collection; the path it got, or None for a key."""
        if not self.stack:
            self.root = value
            return ()
        top = self.stack[-1]
        if isinstance(top.value, list):
            path = (*top.path, len(top.value))
            top.value.append(value)
            return path
        if top.expect_key:
            if not isinstance(value, str) or isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                raise _Fail("yaml.key", "a key must be a plain word, not a list, mapping or number",
                            event.start_mark)
            if value == "<<":
                raise _Fail("yaml.merge", "merge keys (<<) are not supported", event.start_mark)
            path = (*top.path, value)
            if value in top.value:
                first = self.pos.keys[path].line
                raise _Fail("yaml.duplicate-key", f"key '{_short(value)}' appears twice (first on line {first})",
                            event.start_mark)
            self.pos.keys[path] = self._span(event)
            top.key, top.expect_key = value, False
            return None
        assert top.key is not None
        path = (*top.path, top.key)
        assert isinstance(top.value, dict)
        top.value[top.key] = value
        top.expect_key = True
        return path

    def feed(self, event: Any) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _Fail("yaml.multiple-documents",
                            "only one YAML document per file ('---' starts a second one)", event.start_mark)
        elif isinstance(event, yaml.AliasEvent):
            raise _Fail("yaml.alias", f"aliases (*{event.anchor}) and anchors are not supported; "
                        "write the value out", event.start_mark)
        elif isinstance(event, yaml.ScalarEvent):
            self._check_node(event)
            key_expected = bool(self.stack) and isinstance(self.stack[-1].value, dict) and self.stack[-1].expect_key
            value = event.value if key_expected else _scalar(event)
            path = self._place(event, value)
            if path is not None:
                self.pos.values[path] = self._span(event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._check_node(event)
            if len(self.stack) >= MAX_DEPTH:
                raise _Fail("yaml.too-deep", f"nesting deeper than {MAX_DEPTH} levels", event.start_mark)
            container: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
            path = self._place(event, container)
            assert path is not None
            self.pos.values[path] = self._span(event)
            self.stack.append(_Frame(path, container))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()


def _syntax_message(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, str]:
    problem = (exc.problem or "invalid YAML").replace("\n", " ")
    mark = exc.problem_mark
    if "'\\t'" in problem or (mark and _is_tab_at(text, mark.line, mark.column)):
        return "yaml.tab", "a tab character is used for indentation; indent with spaces"
    if exc.context_mark and "end of stream" in problem and exc.context:
        return "yaml.syntax", f"{exc.context.removeprefix('while scanning ')} is never closed"
    context = f" ({exc.context})" if exc.context and exc.context != exc.problem else ""
    return "yaml.syntax", f"{problem}{context}"


def _is_tab_at(text: str, line: int, column: int) -> bool:
    lines = text.split("\n")
    return line < len(lines) and "\t" in lines[line][: column + 1]


def parse(text: str, file: str, diags: Diagnostics) -> tuple[Any, Positions] | None:
    """Parse one YAML document; on failure report one ``yaml.*`` diagnostic (or each control
    character, ``text.control-char``) and return None."""
    if control_chars(text, file, diags):
        return None
    positions = Positions(file)
    composer = _Composer(text, positions)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            composer.feed(event)
    except _Fail as exc:
        diags.error(exc.code, str(exc), file, exc.line, exc.column)
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "end of stream" in (exc.problem or ""):
            mark = exc.context_mark  # an unclosed quote or bracket: show where it was opened
        code, message = _syntax_message(exc, text)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if code == "yaml.syntax" and exc.problem_mark:  # most are indentation slips: say so in plain words
            context = exc.context_mark.line if exc.context_mark else None
            plain = explain(exc.problem or "", exc.context, exc.problem_mark.line, exc.problem_mark.column,
                            context, text)
            code, message, line, column = plain or (code, message, line, column)
        diags.error(code, message, file, line, column)
        return None
    except yaml.YAMLError as exc:
        diags.error("yaml.syntax", f"cannot read YAML: {str(exc).splitlines()[0]}", file, 1, 1)
        return None
    if composer.root is None:
        diags.error("file.empty", "the file holds no data", file, 1, 1)
        return None
    return composer.root, positions
