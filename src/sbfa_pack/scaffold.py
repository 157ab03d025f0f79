"""``sbfa-pack new``: correct, commented starting points for a course or a toolkit exercise.

What it writes passes ``sbfa-pack validate`` as generated. Each file starts with a
``# yaml-language-server: $schema=`` line pointing at the project's ``schemas/`` folder, which is
written (or refreshed) too, so an editor offers completion and checks straight away.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import click

from . import jsonschema
from .errors import UsageError
from .load import PROJECT_FILE, find_root
from .model import EXERCISE_KINDS, is_id
from .report import error_line

WELCOME = """\
# Welcome

Write the lesson here, in Markdown: **bold**, *italic*, lists, links and images.

Every image needs alt text that says what it shows, for learners who cannot see it:
`![A woman opening her bakery in the morning](bakery.jpg)` (put the image beside this file).
"""


def _template(name: str) -> str:
    return resources.files("sbfa_pack").joinpath("scaffold_templates", name).read_text(encoding="utf-8")


def _fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    return text


def _title(ident: str) -> str:
    return ident.replace("-", " ").capitalize()


def _project(start: Path) -> tuple[Path, str]:
    """The project root holding ``start`` and its source language; a new project file if there is none."""
    root = find_root(start)
    if root is None:
        root = start
        values = {"schemas": "schemas", "project": json.dumps(start.resolve().name or "My project"), "language": "en"}
        _write(root / PROJECT_FILE, _fill(_template("sbfa.yaml"), values))
        return root, "en"
    language = "en"
    for line in (root / PROJECT_FILE).read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("source_language:"):
            language = line.split(":", 1)[1].split("#", 1)[0].strip().strip("'\"") or "en"
    return root, language


def _schemas(root: Path, target: Path) -> str:
    """Write the JSON Schemas into ``<project>/schemas``; the path from ``target``'s folder to them."""
    folder = root / "schemas"
    folder.mkdir(exist_ok=True)
    for kind in jsonschema.KINDS:
        path = folder / f"{kind}.schema.json"
        text = jsonschema.render(kind)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return Path(os.path.relpath(folder, target.parent)).as_posix()


def _write(path: Path, text: str) -> None:
    if path.exists():
        raise UsageError(message=f"{path} already exists; choose another id or remove it first")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    click.echo(f"created {path}")


def _check_id(ident: str) -> None:
    if not is_id(ident):
        raise UsageError(message=f"'{ident}' is not a valid id: use lower-case letters, digits and single "
                                 "hyphens, starting with a letter (e.g. money-basics)")


@click.group()
def new() -> None:
    """Create a commented starting point for a course or a toolkit exercise."""


@new.command("course")
@click.argument("ident", metavar="ID")
@click.option("--project", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Project folder [default: the one holding the current folder].")
def new_course(ident: str, project: Path | None) -> None:
    """Create courses/ID/course.yaml and a first lesson in Markdown."""
    _guard(lambda: _new_course(ident, project or Path.cwd()))


def _new_course(ident: str, start: Path) -> None:
    _check_id(ident)
    root, language = _project(start)
    target = root / "courses" / ident / "course.yaml"
    if target.parent.exists():
        raise UsageError(message=f"{target.parent} already exists; choose another id")
    schemas = _schemas(root, target)
    _write(target, _fill(_template("course.yaml"), {"id": ident, "title": _title(ident), "language": language,
                                                    "schemas": schemas}))
    _write(target.parent / "welcome.md", WELCOME)
    click.echo(f"next: edit it, then run `sbfa-pack validate {target.parent}`")


@new.command("exercise")
@click.argument("kind", type=click.Choice(EXERCISE_KINDS), metavar="KIND")
@click.argument("ident", metavar="ID")
@click.option("--project", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Project folder [default: the one holding the current folder].")
def new_exercise(kind: str, ident: str, project: Path | None) -> None:
    """Create toolkit/ID.yaml, a KIND exercise (self-assessment, worksheet, calculator, checklist)."""
    _guard(lambda: _new_exercise(kind, ident, project or Path.cwd()))


def _new_exercise(kind: str, ident: str, start: Path) -> None:
    _check_id(ident)
    root, language = _project(start)
    target = root / "toolkit" / f"{ident}.yaml"
    schemas = _schemas(root, target)
    _write(target, _fill(_template(f"{kind}.yaml"), {"id": ident, "title": _title(ident), "language": language,
                                                     "schemas": schemas}))
    click.echo(f"next: edit it, then run `sbfa-pack validate {target}`")


def _guard(action: Callable[[], None]) -> None:
    """Expected failures print one line and exit 2 (a usage error); the rest is a bug."""
    try:
        action()
    except UsageError as exc:
        error_line(str(exc))
        sys.exit(exc.exit_code)
    except OSError as exc:
        error_line(f"{exc.filename or ''}: {exc.strerror or exc}")
        sys.exit(1)
