"""Markdown tables scroll in their own focusable, named box (issue 12 item 7; axe scrollable-region-focusable)."""

from __future__ import annotations

from sbfa_pack.render import _md


def test_a_table_is_wrapped_in_a_focusable_named_region() -> None:
    """Issue 12 item 7: a table wider than a 320 px phone scrolls inside its box, not the page;
    the box is reachable by keyboard (tabindex 0) and named by the table's header row."""
    html = str(_md('| Країна | Fee "min" & max |\n|---|---|\n| Norge | 0 NOK |\n'))
    assert html.startswith('<div class="table-box" role="region" tabindex="0" '
                           'aria-label="Країна, Fee &#34;min&#34; &amp; max"><table>')
    assert html.rstrip().endswith("</table></div>")


def test_text_without_a_table_is_unchanged() -> None:
    assert "table-box" not in str(_md("A *paragraph* with | a pipe."))
