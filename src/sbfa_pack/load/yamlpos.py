"""YAML with positions: parse text into plain data plus a map from data paths to places.

Only the YAML that course sources need is accepted: one document of mappings, sequences and
scalars. Anchors/aliases are refused (they make "billion laughs" bombs and are never needed in a
course), and plain scalars follow the YAML 1.2 core schema, so ``no`` (Norway) stays a string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..diagnostics import Diagnostics

try:  # libyaml's parser is many times faster; the pure-Python one is a fallback.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64
Path = tuple[str | int, ...]

_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$")


@dataclass(frozen=True, slots=True)
class Span:
    """Where a key or value starts (1-based line and column); ``block`` for ``|``/``>`` scalars."""

    line: int
    column: int
    block: bool = False

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


class _Converter:
    def __init__(self, positions: Positions, diags: Diagnostics) -> None:
        self.pos = positions
        self.diags = diags
        self.seen: set[int] = set()
        self.ok = True

    def fail(self, code: str, message: str, mark: yaml.Mark) -> None:
        self.ok = False
        self.diags.error(code, message, self.pos.file, mark.line + 1, mark.column + 1)

    def convert(self, node: yaml.Node, path: Path) -> Any:
        if len(path) > MAX_DEPTH:
            self.fail("yaml.too-deep", f"nesting deeper than {MAX_DEPTH} levels", node.start_mark)
            return None
        block = isinstance(node, yaml.ScalarNode) and node.style in ("|", ">")
        self.pos.values[path] = Span(node.start_mark.line + 1, node.start_mark.column + 1, block)
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        if id(node) in self.seen:  # the composer hands back the anchored node for an alias
            self.fail("yaml.alias", "anchors and aliases (&name / *name) are not supported", node.start_mark)
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail("yaml.key", "a key must be a plain word, not a list or mapping", key_node.start_mark)
                continue
            key = str(key_node.value)
            if key == "<<":
                self.fail("yaml.merge", "merge keys (<<) are not supported", key_node.start_mark)
                continue
            if key in out:
                line = self.pos.keys[(*path, key)].line
                self.fail("yaml.duplicate-key", f"key '{key}' appears twice (first on line {line})",
                          key_node.start_mark)
                continue
            self.pos.keys[(*path, key)] = Span(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = self.convert(value_node, (*path, key))
        return out


def _scalar(node: yaml.ScalarNode) -> Any:
    value: str = node.value
    if node.style is not None or node.tag == "tag:yaml.org,2002:str":
        return value  # quoted or block scalars, or explicitly tagged !!str, are text
    low = value.lower()
    if value in ("", "~") or low == "null":
        return None
    if low in ("true", "false"):
        return low == "true"
    if _INT.match(value):
        return int(value.replace("_", ""))
    if _FLOAT.match(value) and any(c.isdigit() for c in value):
        return float(value.replace("_", ""))
    return value


def parse(text: str, file: str, diags: Diagnostics) -> tuple[Any, Positions] | None:
    """Parse one YAML document; on failure report ``yaml.*`` diagnostics and return None."""
    positions = Positions(file)
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or "invalid YAML").replace("\n", " ")
        context = f" ({exc.context})" if exc.context and exc.context != exc.problem else ""
        diags.error("yaml.syntax", f"{problem}{context}", file,
                    mark.line + 1 if mark else 1, mark.column + 1 if mark else 1)
        return None
    except (yaml.YAMLError, RecursionError) as exc:
        diags.error("yaml.syntax", f"cannot read YAML: {str(exc).splitlines()[0]}", file, 1, 1)
        return None
    if not nodes or nodes[0] is None:
        diags.error("file.empty", "the file is empty", file, 1, 1)
        return None
    if len(nodes) > 1:
        m = nodes[1].start_mark
        diags.error("yaml.multiple-documents", "only one YAML document per file ('---' starts a second one)",
                    file, m.line + 1, m.column + 1)
        return None
    conv = _Converter(positions, diags)
    data = conv.convert(nodes[0], ())
    return (data, positions) if conv.ok else None
