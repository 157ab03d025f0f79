"""The ``web`` format: the rendered course as a plain zip of HTML, no LMS tracking."""

from __future__ import annotations

from ..render import render_unit
from ..unit import Unit
from . import Builder, register


@register
class WebBuilder(Builder):
    name = "web"
    title = "Static web pages (no tracking)"

    def files(self, unit: Unit) -> dict[str, bytes]:
        return render_unit(unit, adapter="none")
