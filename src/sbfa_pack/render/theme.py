"""A partner's brand colour turned into CSS custom properties that keep WCAG AA contrast.

Partners choose any primary colour. Text, links and buttons must still reach 4.5:1 against
their background in light and dark mode, so the colour is darkened (light mode) or lightened
(dark mode) just enough, keeping its hue, and the text on a filled button is black or white,
whichever contrasts more.
"""

from __future__ import annotations

LIGHT_BG = "#ffffff"
DARK_BG = "#16181d"
AA = 4.5


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def luminance(hex_colour: str) -> float:
    """Relative luminance as WCAG 2.1 defines it."""
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(c) for c in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """Contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _mix(colour: str, towards: str, t: float) -> str:
    a, b = _rgb(colour), _rgb(towards)
    return _hex((a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t))


def readable_on(colour: str, background: str, target: float = AA) -> str:
    """``colour`` mixed towards black or white (away from ``background``) until it reaches ``target``."""
    towards = "#000000" if luminance(background) > 0.18 else "#ffffff"
    for step in range(0, 101):
        candidate = _mix(colour, towards, step / 100)
        if contrast(candidate, background) >= target:
            return candidate
    return towards


def text_on(fill: str) -> str:
    """Black or white, whichever reads better on a filled area of ``fill``."""
    return "#000000" if contrast(fill, "#000000") >= contrast(fill, "#ffffff") else "#ffffff"


def theme_css(primary: str) -> str:
    """CSS custom properties for the brand colour, appended to sbfa.css (no inline style: CSP)."""
    light = readable_on(primary, LIGHT_BG)
    dark = readable_on(primary, DARK_BG)
    return (
        f":root{{--brand:{light};--on-brand:{text_on(light)}}}\n"
        f"@media (prefers-color-scheme:dark){{:root{{--brand:{dark};--on-brand:{text_on(dark)}}}}}\n"
    )
