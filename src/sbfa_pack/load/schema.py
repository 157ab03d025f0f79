"""Validating parsed YAML against the model, turning pydantic errors into positioned diagnostics."""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..diagnostics import Diagnostics
from ..model.text import CODE as TEXT_CODE
from ..model.text import SOURCES
from .files import close_match
from .yamlpos import Path, Positions

T = TypeVar("T")

FILE_KEYS = {"body_file": "body"}
"""Keys the loader accepts besides the model's own: ``body_file: intro.md`` gives ``body`` the
file's text, wherever the model has a ``body``."""


def validate(adapter: TypeAdapter[T], data: Any, pos: Positions, diags: Diagnostics) -> T | None:
    """Validate ``data``; report every problem with the place of the offending key or value."""
    try:
        return adapter.validate_python(data, context=SOURCES)
    except ValidationError as exc:
        root: Any = getattr(adapter, "_type", None)
        errors = exc.errors(include_url=False)
        # "unknown key 'titel' (did you mean 'title'?)" already says 'title' is missing.
        hinted: set[tuple[Path, str]] = set()
        for err in errors:
            if err["type"] == "extra_forbidden":
                hint = _hint(root, err["loc"])
                if hint:
                    hinted.add((_data_path(data, err["loc"][:-1]), FILE_KEYS.get(hint, hint)))
        seen: set[tuple[Path, str, str]] = set()
        for err in errors:
            path = _data_path(data, err["loc"])
            name = str(err["loc"][-1]) if err["loc"] else ""
            if err["type"] == "missing" and (path, name) in hinted:
                continue
            if (path, err["type"], name) in seen:
                continue
            seen.add((path, err["type"], name))
            _report(err, path, data, pos, diags, root)
        return None


def shown(value: object, limit: int = 60) -> str:
    """A value as quoted in a one-line diagnostic: line breaks escaped, long text shortened."""
    text = str(value).replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
        data = data[part]
    return data


def _report(err: Any, path: Path, data: Any, pos: Positions, diags: Diagnostics, root: Any) -> None:
    kind: str = err["type"]
    ctx = err.get("ctx") or {}
    loc = err["loc"]
    name = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        span = pos.key(path)
        hint = _hint(root, loc)
        tip = f" (did you mean '{hint}'?)" if hint else ""
        diags.error("schema.unknown-key", f"unknown key '{shown(name)}'{tip}", pos.file, span.line, span.column)
        return
    span = pos.value(path)
    if kind == "missing":
        where = f" in '{path[-1]}'" if path and isinstance(path[-1], str) else ""
        diags.error("schema.missing-key", f"missing required key '{name}'{where}", pos.file, span.line, span.column)
    elif kind in ("union_tag_invalid", "union_tag_not_found"):
        disc = ctx.get("discriminator", "").strip("'")
        expected = ctx.get("expected_tags", "")
        if kind == "union_tag_not_found":
            diags.error("schema.missing-key", f"missing required key '{disc}' (one of: {expected})",
                        pos.file, span.line, span.column)
            return
        tag = str(ctx.get("tag", ""))
        span = pos.value((*path, disc))
        options = [t.strip().strip("'") for t in str(expected).split(",")]
        close = close_match(tag, options)
        tip = f"; did you mean '{close}'?" if close else ""
        diags.error("schema.unknown-kind", f"unknown {disc} '{shown(tag)}' (expected one of: {expected}{tip})",
                    pos.file, span.line, span.column)
    elif kind == "literal_error":
        value = _at(data, path) if path else None
        diags.error("schema.value", f"'{shown(value)}' is not allowed here; expected {ctx.get('expected')}",
                    pos.file, span.line, span.column)
    elif kind == "string_pattern_mismatch":
        value = _at(data, path)
        diags.error("schema.format", f"'{shown(value)}' is not a valid {_pattern_name(path)}",
                    pos.file, span.line, span.column)
    elif kind == "string_type" and isinstance(_at(data, path), (int, float)) and _has_pattern(path):
        # YAML read `version: 1.0` as a number; say what the text should look like.
        diags.error("schema.format", f"'{shown(_at(data, path))}' is not a valid {_pattern_name(path)}",
                    pos.file, span.line, span.column)
    elif kind == "bool_type" and isinstance(_at(data, path), str):
        diags.error("schema.type", _bool_message(path, _at(data, path)), pos.file, span.line, span.column)
    elif kind.endswith(("_type", "_parsing")) or kind in ("int_from_float", "finite_number"):
        diags.error("schema.type", f"{_type_message(kind, path)}", pos.file, span.line, span.column)
    elif kind == TEXT_CODE:
        diags.error(TEXT_CODE, str(err["msg"]), pos.file, span.line, span.column)
    elif kind == "value_error":
        msg = str(err["msg"]).removeprefix("Value error, ")
        diags.error("schema.rule", msg, pos.file, span.line, span.column)
    elif kind == "rule":
        # A model rule that names the field it is about (see model.base.rule_error).
        field = ctx.get("field")
        if field and pos.has((*path, field)):
            span = pos.key((*path, field))
        diags.error("schema.rule", str(err["msg"]), pos.file, span.line, span.column)
    elif kind in ("too_short", "too_long") and isinstance(_at(data, path), (list, dict)):
        size = "at least" if kind == "too_short" else "at most"
        limit = ctx.get("min_length" if kind == "too_short" else "max_length")
        diags.error("schema.value", f"{_label(path)} must have {size} {limit} item(s)",
                    pos.file, span.line, span.column)
    else:
        diags.error("schema.value", f"{_label(path)}: {err['msg']}", pos.file, span.line, span.column)


def _label(path: Path) -> str:
    names = [p for p in path if isinstance(p, str)]
    return f"'{names[-1]}'" if names else "value"


def _pattern_name(path: Path) -> str:
    last = next((p for p in reversed(path) if isinstance(p, str)), "")
    languages = ("languages", "language", "source_language", "draft")
    if last in languages:
        return "language tag (BCP 47, e.g. en, pt-BR, sr-Latn)"
    if last == "id" or last in ("items", "exercise", "quiz", "quizzes", "lessons", "topics", "dimension", "area"):
        return "id (lower-case letters, digits and hyphens, starting with a letter, e.g. 'break-even')"
    return {
        "version": "version (semantic version such as 1.0.0)",
        "url": "web address (starting with http:// or https://)",
    }.get(str(last), f"value for '{last}'")


def _has_pattern(path: Path) -> bool:
    return not _pattern_name(path).startswith("value for")


_YES = ("yes", "y", "on", "true")
_NO = ("no", "n", "off", "false")


def _bool_message(path: Path, text: str) -> str:
    """Text where true or false belongs: YAML 1.2 reads ``no``, ``yes``, ``on``, ``off`` as words."""
    word = text.strip().lower()
    meant = "true" if word in _YES else "false" if word in _NO else None
    tip = f"; write {meant}" if meant else ""
    return (f"{_label(path)} must be true or false, not the text '{shown(text)}' "
            f"(YAML 1.2: only true and false, unquoted, are yes/no values){tip}")


def _type_message(kind: str, path: Path) -> str:
    kind = kind.replace("_parsing", "_type")
    expected = {
        "string_type": "text", "int_type": "a whole number", "int_from_float": "a whole number",
        "float_type": "a number", "finite_number": "a finite number (not inf or nan)", "bool_type": "true or false",
        "list_type": "a list (items starting with '- ')",
        "dict_type": "a mapping (key: value lines)", "model_type": "a mapping (key: value lines)",
        "model_attributes_type": "a mapping (key: value lines)",
    }.get(kind, kind.removesuffix("_type"))
    return f"{_label(path)} must be {expected}"


# --- "did you mean": the keys the model accepts where an unknown key was written ----------

def _hint(root: Any, loc: tuple[int | str, ...]) -> str | None:
    known = {k for m in _models_at(root, loc[:-1]) for k in accepted_keys(m)} if root is not None else set()
    return close_match(str(loc[-1]), known)


def _unwrap(tp: Any) -> list[Any]:
    """The concrete types behind Annotated[...], unions and Optional."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin is typing.Union or origin is types.UnionType:
        return [t for arg in typing.get_args(tp) for t in _unwrap(arg)]
    return [tp]


def accepted_keys(model: type[BaseModel]) -> set[str]:
    """Every key a source may give for ``model``: its fields (by alias where one is set) and the
    loader's :data:`FILE_KEYS` for the fields they stand for. Suggestions come from here only."""
    keys = {f.alias or name for name, f in model.model_fields.items()}
    return keys | {key for key, field in FILE_KEYS.items() if field in keys}


def _models_at(tp: Any, loc: tuple[int | str, ...]) -> list[type[BaseModel]]:
    """The model(s) found by following ``loc`` from the type ``tp``."""
    current = _unwrap(tp)
    for part in loc:
        nxt: list[Any] = []
        models = [t for t in current if isinstance(t, type) and issubclass(t, BaseModel)]
        tagged = [m for m in models if _tag_of(m) == part]
        if tagged:  # pydantic puts the discriminator's value into the location
            current = tagged
            continue
        for t in current:
            if isinstance(t, type) and issubclass(t, BaseModel) and isinstance(part, str) and part in t.model_fields:
                nxt += _unwrap(t.model_fields[part].annotation)
            elif typing.get_origin(t) is list and isinstance(part, int):
                nxt += _unwrap(typing.get_args(t)[0])
        if nxt:
            current = nxt
    return [t for t in current if isinstance(t, type) and issubclass(t, BaseModel)]


def _tag_of(model: type[BaseModel]) -> str | None:
    for name in ("kind", "type"):
        field = model.model_fields.get(name)
        if field is not None and typing.get_origin(field.annotation) is typing.Literal:
            args = typing.get_args(field.annotation)
            if len(args) == 1:
                return str(args[0])
    return None
