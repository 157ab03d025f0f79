"""'Did you mean' suggestions come from the keys the loader really accepts."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load import load_project
from sbfa_pack.load.schema import FILE_KEYS, _hint, _tag_of, _unwrap, accepted_keys
from sbfa_pack.model import Course, Exercise, Project, ResourceBank

ROOTS: tuple[Any, ...] = (Project, Course, Exercise, ResourceBank)


Loc = tuple[str | int, ...]


def _reachable(tp: Any, loc: Loc = ()) -> Iterator[tuple[Any, Loc, type[BaseModel]]]:
    """(root type, pydantic error location, model) for every model reachable from ``tp``."""
    seen: set[type[BaseModel]] = set()
    todo: list[tuple[Any, Loc]] = [(tp, loc)]
    while todo:
        t, here = todo.pop()
        models = [m for m in _unwrap(t) if isinstance(m, type) and issubclass(m, BaseModel)]
        lists = [a for a in _unwrap(t) if typing.get_origin(a) is list]
        for inner in lists:
            todo.append((typing.get_args(inner)[0], (*here, 0)))
        for m in models:
            if m in seen:
                continue
            seen.add(m)
            at = (*here, tag) if len(models) > 1 and (tag := _tag_of(m)) else here
            yield tp, at, m
            for name, field in m.model_fields.items():
                todo.append((field.annotation, (*at, name)))


def _typos(key: str) -> list[str]:
    doubled = key + key[-1]
    swapped = key[:-3] + key[-2] + key[-3] + key[-1] if len(key) >= 5 else doubled
    return [doubled, swapped]


@pytest.mark.parametrize("root", ROOTS, ids=["project", "course", "exercise", "resources"])
def test_every_accepted_key_is_suggested(root: Any) -> None:
    """Issue 17 item 6: every key the loader accepts, for every model, is in the suggestion set and
    is what a one-letter slip of it suggests (the set is derived from the model, so it cannot drift)."""
    wrong = []
    checked = 0
    for _, loc, model in _reachable(root):
        keys = accepted_keys(model)
        assert {f.alias or name for name, f in model.model_fields.items()} <= keys
        for key in sorted(keys):
            for typo in _typos(key):
                if typo not in keys:
                    checked += 1
                    hint = _hint(root, (*loc, typo))
                    if hint != key:
                        wrong.append(f"{model.__name__}: {typo} -> {hint} (expected {key})")
    assert checked > 10
    assert not wrong


def test_body_file_is_accepted_wherever_body_is() -> None:
    """Issue 17 item 6: `body_file` stands for `body`: a model with a body accepts it."""
    with_body = [m for r in ROOTS for _, _, m in _reachable(r) if "body" in m.model_fields]
    assert with_body
    for m in with_body:
        assert set(FILE_KEYS) <= accepted_keys(m)


def test_body_flie_suggests_body_file(tmp_path: Path) -> None:
    """Issue 17 item 6: `body_flie:` says "did you mean 'body_file'?", not 'body' (following that
    hint shipped a page whose whole text was the file name), and no extra "missing 'body'"."""
    (tmp_path / "sbfa.yaml").write_text("name: x\nformats: [web]\n", encoding="utf-8")
    course = tmp_path / "courses" / "demo"
    course.mkdir(parents=True)
    (course / "storage.md").write_text("# Storage\n", encoding="utf-8")
    (course / "course.yaml").write_text(
        "id: demo\nversion: 1.0.0\ntitle: Demo\ndescription: D\nlanguage: en\nduration_minutes: 5\n"
        "modules:\n  - id: m\n    title: M\n    lessons:\n"
        "      - {id: p, kind: page, title: P, body_flie: storage.md}\n", encoding="utf-8")
    diags = Diagnostics()
    load_project(tmp_path, diags)
    assert [str(d) for d in diags] == ["courses/demo/course.yaml:11:39: error[schema.unknown-key]: "
                                       "unknown key 'body_flie' (did you mean 'body_file'?)"]
