"""Validating parsed YAML against the model, turning pydantic errors into positioned diagnostics."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..diagnostics import Diagnostics
from .yamlpos import Path, Positions

T = TypeVar("T")


def validate(adapter: TypeAdapter[T], data: Any, pos: Positions, diags: Diagnostics) -> T | None:
    """Validate ``data``; report every problem with the place of the offending key or value."""
    try:
        return adapter.validate_python(data)
    except ValidationError as exc:
        seen: set[tuple[Path, str]] = set()
        for err in exc.errors(include_url=False):
            path = _data_path(data, err["loc"])
            kind = str(err["type"])
            if (path, kind) in seen:
                continue
            seen.add((path, kind))
            _report(err, path, data, pos, diags)
        return None


def _data_path(data: Any, loc: tuple[int | str, ...]) -> Path:
    """Follow pydantic's error location through the data, skipping union tags it inserts."""
    path: list[str | int] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            node = node[part]
            path.append(part)
    return tuple(path)


def _at(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]  # type: ignore[index]
    return data


def _report(err: Any, path: Path, data: Any, pos: Positions, diags: Diagnostics) -> None:
    kind: str = err["type"]
    ctx = err.get("ctx") or {}
    loc = err["loc"]
    name = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        span = pos.key(path)
        known = _known_keys(err, path, data)
        hint = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        tip = f" (did you mean '{hint[0]}'?)" if hint else ""
        diags.error("schema.unknown-key", f"unknown key '{name}'{tip}", pos.file, span.line, span.column)
        return
    span = pos.value(path)
    if kind == "missing":
        where = f" in '{path[-1]}'" if path and isinstance(path[-1], str) else ""
        diags.error("schema.missing-key", f"missing required key '{name}'{where}", pos.file, span.line, span.column)
    elif kind in ("union_tag_invalid", "union_tag_not_found"):
        disc = ctx.get("discriminator", "").strip("'")
        expected = ctx.get("expected_tags", "")
        if kind == "union_tag_not_found":
            diags.error("schema.missing-key", f"missing required key {disc} (one of: {expected})",
                        pos.file, span.line, span.column)
            return
        tag = str(ctx.get("tag", ""))
        span = pos.value((*path, disc))
        options = [t.strip().strip("'") for t in str(expected).split(",")]
        hint = difflib.get_close_matches(tag, options, n=1, cutoff=0.6)
        tip = f"; did you mean '{hint[0]}'?" if hint else ""
        diags.error("schema.unknown-kind", f"unknown {disc} '{tag}' (expected one of: {expected}{tip})",
                    pos.file, span.line, span.column)
    elif kind == "literal_error":
        value = _at(data, path) if path else None
        diags.error("schema.value", f"'{value}' is not allowed here; expected {ctx.get('expected')}",
                    pos.file, span.line, span.column)
    elif kind == "string_pattern_mismatch":
        value = _at(data, path)
        diags.error("schema.format", f"'{value}' is not a valid {_pattern_name(path)}",
                    pos.file, span.line, span.column)
    elif kind.endswith("_type") or kind in ("model_type", "model_attributes_type"):
        diags.error("schema.type", f"{_type_message(kind, path)}", pos.file, span.line, span.column)
    elif kind == "value_error":
        msg = str(err["msg"]).removeprefix("Value error, ")
        diags.error("schema.rule", msg, pos.file, span.line, span.column)
    else:
        diags.error("schema.value", f"{_label(path)}: {err['msg']}", pos.file, span.line, span.column)


def _label(path: Path) -> str:
    names = [p for p in path if isinstance(p, str)]
    return f"'{names[-1]}'" if names else "value"


def _pattern_name(path: Path) -> str:
    last = next((p for p in reversed(path) if isinstance(p, str)), "")
    return {
        "id": "id (lower-case letters, digits and hyphens, starting with a letter, e.g. 'break-even')",
        "version": "version (semantic version such as 1.0.0)",
        "language": "language tag (BCP 47, e.g. en, pt-BR, sr-Latn)",
        "source_language": "language tag (BCP 47, e.g. en, pt-BR, sr-Latn)",
        "url": "web address (starting with http:// or https://)",
    }.get(str(last), f"value for '{last}'")


def _type_message(kind: str, path: Path) -> str:
    expected = {
        "string_type": "text", "int_type": "a whole number", "float_type": "a number",
        "bool_type": "true or false", "list_type": "a list (items starting with '- ')",
        "dict_type": "a mapping (key: value lines)", "model_type": "a mapping (key: value lines)",
        "model_attributes_type": "a mapping (key: value lines)",
    }.get(kind, kind.removesuffix("_type"))
    return f"{_label(path)} must be {expected}"


def _known_keys(err: Any, path: Path, data: Any) -> list[str]:
    """Field names the model accepts where the unknown key was found (for 'did you mean')."""
    return _ALL_FIELDS


def _collect_fields() -> list[str]:
    from .. import model

    names: set[str] = set()
    for obj in vars(model).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel):
            names.update(obj.model_fields)
    return sorted(names)


_ALL_FIELDS = _collect_fields()
