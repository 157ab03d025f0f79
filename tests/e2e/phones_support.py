"""Shared by the phone-layout browser tests (issue 12 item 7): what overflows the viewport."""

from __future__ import annotations

from typing import Any

# Elements of the visible lesson wider than the viewport, or reaching past either edge, unless a
# scroll region (overflow-x auto/scroll, itself inside the viewport) holds them; and the page's width.
OVERFLOW_JS = """() => {
  const vw = document.documentElement.clientWidth, out = [];
  const scroller = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll') return true;
    }
    return false;
  };
  for (const el of document.querySelectorAll('body *')) {
    if (!el.getClientRects().length || el.closest('[hidden], .sr, .sbfa-sr, .skip, .sbfa-print-doc')) continue;
    const r = el.getBoundingClientRect();
    if ((r.right > vw + 0.5 || r.left < -0.5) && !scroller(el)) {
      out.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '')
               + (el.id ? '#' + el.id : '') + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
    }
  }
  return {scroll: document.documentElement.scrollWidth, client: vw, wide: out.slice(0, 6)};
}"""


def overflow(page: Any) -> dict[str, Any]:
    """``{"scroll", "client", "wide"}``: the page's widths and up to six elements past its edges."""
    result: dict[str, Any] = page.evaluate(OVERFLOW_JS)
    return result


def no_overflow(page: Any, where: str) -> None:
    o = overflow(page)
    assert o["scroll"] <= o["client"] and not o["wide"], f"{where}: {o}"
