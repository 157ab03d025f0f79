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
