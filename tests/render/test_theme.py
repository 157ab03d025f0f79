"""The brand colour keeps WCAG 2.1 AA contrast (1.4.3) whatever a partner picks."""

from __future__ import annotations

import pytest

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
