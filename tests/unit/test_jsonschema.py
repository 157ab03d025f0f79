"""The JSON Schemas in schemas/ are generated from the model, up to date, and accept real sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from sbfa_pack import jsonschema as schemas
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load import load_project
from sbfa_pack.load.yamlpos import parse

REPO = Path(__file__).parents[2]
ALL_KINDS = REPO / "tests" / "roots" / "all-kinds"


def test_checked_in_schemas_are_current() -> None:
    for kind in schemas.KINDS:
        path = REPO / "schemas" / f"{kind}.schema.json"
        assert path.is_file() and path.read_text(encoding="utf-8") == schemas.render(kind), (
            f"{path.relative_to(REPO)} is stale: run `make schemas` (python -m sbfa_pack.jsonschema schemas) "
            "and commit the result")


def _validator(kind: str) -> object:
    try:
        import jsonschema
    except ModuleNotFoundError:
        pytest.fail("the 'jsonschema' package is needed: `.venv/bin/pip install -e '.[dev]'`", pytrace=False)
    return jsonschema.Draft202012Validator(schemas.schema(kind))


PATTERNS = [("project", "sbfa.yaml"), ("course", "courses/*/course.yaml"), ("exercise", "toolkit/*.yaml"),
            ("resources", "resources/*.yaml"), ("glossary", "glossary/*.yaml"), ("guide", "guide/guide.yaml")]


def _yaml12(path: Path) -> object:
    """Data as the loader (and yaml-language-server) read it: YAML 1.2, so `no` stays Norway."""
    diags = Diagnostics()
    parsed = parse(path.read_text(encoding="utf-8"), path.name, diags)
    assert parsed is not None, [str(d) for d in diags]
    return parsed[0]


@pytest.mark.parametrize(("kind", "pattern"), PATTERNS)
def test_schemas_accept_what_the_loader_accepts(kind: str, pattern: str) -> None:
    """What the loader accepts, an editor must not underline (body_file included): the sample
    project, and the programme's own sources when they load cleanly."""
    validator = _validator(kind)
    files = sorted(ALL_KINDS.glob(pattern)) or sorted((REPO / "tests" / "roots" / "glossary").glob(pattern)) \
        or sorted((REPO / "tests" / "roots" / "site").glob(pattern))  # the guide: issue 13 item 7
    assert files
    diags = Diagnostics()
    if load_project(REPO, diags) is not None and not diags.errors:
        files += sorted(REPO.glob(pattern))
    for path in files:
        errors = [e.message for e in validator.iter_errors(_yaml12(path))]  # type: ignore[attr-defined]
        assert errors == [], path


def test_schema_rejects_what_the_loader_rejects() -> None:
    validator = _validator("course")
    data = yaml.safe_load((ALL_KINDS / "courses" / "money" / "course.yaml").read_text())
    data["titel"] = data.pop("title")
    data["modules"][0]["lessons"][0]["body"] = "both body and body_file"
    messages = [e.message for e in validator.iter_errors(data)]  # type: ignore[attr-defined]
    assert any("'titel'" in m for m in messages) and any("'title' is a required property" in m for m in messages)
    assert len(messages) == 3, messages


def test_schema_files_are_stable_json() -> None:
    text = schemas.render("course")
    assert text == schemas.render("course") and json.loads(text)["$schema"].endswith("2020-12/schema")
