"""JSON Schemas for every source file kind, generated from the model.

Editors use them for completion and checks as the designer types: a source file whose first line
is ``# yaml-language-server: $schema=<path>/course.schema.json`` gets them in VS Code (YAML
extension), IntelliJ and any editor using yaml-language-server. The files in ``schemas/`` are
generated and checked in; ``python -m sbfa_pack.jsonschema schemas`` (``make schemas``) rewrites
them and a test fails when they are stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from .model import Course, Exercise, GlossaryFile, Guide, Project, ResourceBank

BASE_ID = "https://w3id.org/sbfa/schemas/"

KINDS: dict[str, tuple[Any, str, str]] = {
    "project": (Project, "sbfa.yaml", "The project file: name, languages, output formats and LMS options."),
    "course": (Course, "courses/<course-id>/course.yaml", "One course: metadata, modules of lessons, rules."),
    "exercise": (Exercise, "toolkit/<exercise-id>.yaml",
                 "A career-toolkit exercise: self-assessment, worksheet, calculator or checklist."),
    "resources": (ResourceBank, "resources/<name>.yaml", "Entries of the resource bank."),
    "glossary": (GlossaryFile, "glossary/<name>.yaml",
                 "Entries of the project glossary: plain terms, explanations and the official term per country."),
    "guide": (Guide, "guide/guide.yaml", "The trainer's guide: its sections and the group sessions of each course."),
}


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one source file kind."""
    tp, where, what = KINDS[kind]
    generated: dict[str, Any] = TypeAdapter(tp).json_schema(mode="validation")
    doc: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE_ID}{kind}.schema.json",
        "title": f"sbfa-pack {kind} ({where})",
        "description": f"{what} Generated from the sbfa-pack model; do not edit.",
    }
    doc.update({k: v for k, v in generated.items() if k not in ("title", "description")})
    for definition in [doc, *doc.get("$defs", {}).values()]:
        _allow_body_file(definition)
    return doc


def _allow_body_file(definition: dict[str, Any]) -> None:
    """The loader accepts ``body_file: name.md`` instead of ``body``; say so to editors too."""
    props = definition.get("properties", {})
    if "body" not in props or "body" not in definition.get("required", []):
        return
    props["body_file"] = {
        "type": "string",
        "pattern": r"^[^/\\].*\.md$",
        "description": "A Markdown file beside course.yaml holding the body (instead of 'body').",
    }
    definition["required"] = [r for r in definition["required"] if r != "body"]
    definition["oneOf"] = [{"required": ["body"]}, {"required": ["body_file"]}]


def render(kind: str) -> str:
    """One schema file's text (stable: same model, same bytes)."""
    return json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"


def write_all(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = folder / f"{kind}.schema.json"
        path.write_text(render(kind), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    """``python -m sbfa_pack.jsonschema [FOLDER]``: regenerate the schemas (default: ./schemas)."""
    folder = Path(argv[0]) if argv else Path("schemas")
    for path in write_all(folder):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
