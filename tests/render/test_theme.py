"""The brand colour keeps WCAG 2.1 AA contrast (1.4.3) whatever a partner picks."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from render_support import course_unit

from sbfa_pack.render import render_unit
from sbfa_pack.render.theme import DARK_BG, LIGHT_BG, contrast, readable_on, text_on, theme_css


@pytest.mark.parametrize("colour", ["#0b5394", "#ffd400", "#00ff00", "#000000", "#ffffff", "#e11d48"])
def test_brand_colour_is_adjusted_to_aa_in_both_modes(colour: str) -> None:
    assert contrast(readable_on(colour, LIGHT_BG), LIGHT_BG) >= 4.5
    assert contrast(readable_on(colour, DARK_BG), DARK_BG) >= 4.5
    light = readable_on(colour, LIGHT_BG)
    assert contrast(text_on(light), light) >= 4.5


def test_a_dark_enough_colour_is_kept_as_it_is() -> None:
    assert readable_on("#0b5394", LIGHT_BG) == "#0b5394"
    assert "--brand:#0b5394" in theme_css("#0b5394")


def test_contrast_matches_wcag_reference_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_logo_and_template_overrides_come_from_the_project(roots: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(roots / "basic", project)
    (project / "brand" / "templates").mkdir(parents=True)
    (project / "brand" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')
    (project / "brand" / "templates" / "footer.html.j2").write_text(
        '<footer class="bottom"><p>Partner footer</p><p id="sbfa-status" role="status"></p></footer>\n')
    with (project / "sbfa.yaml").open("a") as fh:
        fh.write('theme:\n  primary_colour: "#ffd400"\n  logo: brand/logo.svg\n  templates: brand/templates\n')
    unit = course_unit(project)
    files = render_unit(replace(unit, root=project), "none")
    html = files["index.html"].decode()
    assert files["theme/logo.svg"].startswith(b"<svg")
    assert '<img class="logo" src="theme/logo.svg" alt=""' in html
    assert "Partner footer" in html and 'id="sbfa-next"' not in html
    assert "\n:root{--brand:#ffd400" not in html  # too light on white: darkened


def test_a_broken_template_override_is_one_error_at_its_line(roots: Path, tmp_path: Path) -> None:
    """A mistake in a project's template is bad input like any other: one line with the template's
    file and line, once for all the packages it breaks, exit 1, no traceback, nothing written."""
    from click.testing import CliRunner

    from sbfa_pack.cli import main

    project = tmp_path / "project"
    shutil.copytree(roots / "basic", project)
    (project / "brand").mkdir()
    (project / "brand" / "toc.html.j2").write_text('<nav>\n{% for x in course.modules %}\n<p>{{ x.title }</p>\n')
    with (project / "sbfa.yaml").open("a") as fh:
        fh.write("theme:\n  templates: brand\n")
    result = CliRunner().invoke(main, ["build", str(project), "--format", "web"])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if "error[" in line]
    assert len(errors) == 1 and errors[0].startswith("brand/toc.html.j2:3:1: error[theme.template]: "), errors
    assert "packages (" in errors[0] and "Traceback" not in result.output
    assert not list((project / "dist").glob("*.zip"))
