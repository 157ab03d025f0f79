"""The one-line fast path of the translation checks' Markdown comparison gives the full parse's answer."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sbfa_pack.i18n import rules

EDGES = ["*a*", "* a", "**b** c", "- ", "-", "1)", "1.5 kg", "1. x", "* * *", "_a_", "___", "- - -", "   *a*",
         "\t*a*", "  - a", "#tag", "# h", "+1", "+ a", "> q", "    code", "<div>*a*</div>", "| a | b |", "---",
         "~~~", "```", "[x](y.pdf) and ![i](j.png) `c`", "<https://x.org>", "a<br>b", "\\*no\\*", "[a]: /b"]


def _full(text: str) -> object:
    saved = rules._ONE_PARAGRAPH_LINE
    try:
        rules._ONE_PARAGRAPH_LINE = rules.re.compile(r"(?!)")  # never the fast path
        rules._shape.cache_clear()
        return rules._shape(text)
    finally:
        rules._ONE_PARAGRAPH_LINE = saved
        rules._shape.cache_clear()


def _fast(text: str) -> object:
    rules._shape.cache_clear()
    return rules._shape(text)


def test_edge_cases() -> None:
    """Issue 17 item 13: validate parses one-line strings inline only (half the cost); every block
    construct a line can start falls back to the full parse, so the answers are the same."""
    for text in EDGES:
        assert _fast(text) == _full(text), text
    assert rules._ONE_PARAGRAPH_LINE.match("Read **this** and [that](x.md)")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t*_-+#>|<`~[]()!.:1a\\=", max_size=24))
def test_same_answer_as_the_full_parse(text: str) -> None:
    """Issue 17 item 13: for any one line of Markdown, the fast path equals the full parse."""
    assert _fast(text) == _full(text)
