"""Shared by the render tests: units of the sample projects, built through the loader as the build does."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sbfa_pack.build import units
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load import load_project
from sbfa_pack.unit import Unit


def course_unit(root: Path, lang: str | None = None) -> Unit:
    """The first course of the project at ``root`` (optionally relabelled to ``lang``)."""
    diags = Diagnostics()
    lp = load_project(root, diags)
    assert lp is not None and not diags.errors, [str(d) for d in diags]
    unit = next(u for u in units(lp) if u.kind == "course")
    return replace(unit, language=lang) if lang else unit
