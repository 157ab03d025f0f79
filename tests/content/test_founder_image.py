"""A case study's portrait (issue 12 item 11): ``founder.image {src, alt}`` is a packaged image,
checked like a Markdown image: a missing file and a missing alt text are located errors."""

from __future__ import annotations

import shutil
from pathlib import Path

from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load import load_project

ROOT = Path(__file__).resolve().parents[1] / "roots" / "learner"
PORTRAIT = "image: {src: amira.svg, alt: A drawing of a woman in a purple headscarf and a green jacket}"


def _load(tmp_path: Path, image: str) -> list[str]:
    root = tmp_path / "p"
    shutil.copytree(ROOT, root)
    course = root / "courses" / "start" / "course.yaml"
    text = course.read_text()
    assert PORTRAIT in text
    course.write_text(text.replace(PORTRAIT, image))
    diags = Diagnostics()
    load_project(root, diags)
    return [str(d) for d in diags.errors]


def test_the_sample_portrait_loads_and_is_packaged(tmp_path: Path) -> None:
    """Issue 12 item 11: a portrait beside the course is accepted."""
    assert _load(tmp_path, PORTRAIT) == []


def test_a_missing_portrait_file_is_a_located_error(tmp_path: Path) -> None:
    """Issue 12 item 11: the file must exist (ref.missing-asset, at the src value)."""
    errors = _load(tmp_path, "image: {src: amria.svg, alt: A drawing}")
    assert len(errors) == 1
    assert "course.yaml:34:" in errors[0] and "error[ref.missing-asset]" in errors[0]
    assert "'amria.svg' not found (did you mean 'amira.svg'?)" in errors[0]


def test_a_portrait_without_alt_text_is_a_located_error(tmp_path: Path) -> None:
    """Issue 12 item 11: alt text is required (a schema error at the image)."""
    errors = _load(tmp_path, "image: {src: amira.svg}")
    assert len(errors) == 1 and "course.yaml:34:" in errors[0] and "alt" in errors[0]
