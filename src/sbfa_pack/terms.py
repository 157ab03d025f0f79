"""Glossary marks in Markdown: the one definition of their syntax.

A term is marked as a CommonMark link whose target is ``term:<glossary id>``:
``[register your business](term:registration)``. Any Markdown viewer shows the words as a link
(they stay readable); the renderer (:mod:`.markdown`) turns it into a link to the entry in the
page's glossary section (``#gl-<id>``, class ``term``), which the runtime (``glossary.js``)
upgrades to a button with the explanation in a disclosure. The loader reports a mark naming no
entry (``glossary.unknown-term``); the translation checks compare marks like any link target.
"""

from __future__ import annotations

import re

TERM = "term:"
"""The link scheme of a glossary mark."""
_TERM_TARGET = re.compile(r"^term:([a-z][a-z0-9]*(?:-[a-z0-9]+)*)$")
_TERM_HREF = re.compile(r'<a href="term:([a-z][a-z0-9]*(?:-[a-z0-9]+)*)"')
_TERM_ANCHOR = re.compile(r'<a href="#gl-([a-z][a-z0-9]*(?:-[a-z0-9]+)*)"[^>]*>')
_TERM_ANY = re.compile(r"\]\(\s*<?term:([^)\s>]*)")


def term_id(target: str) -> str | None:
    """The glossary id a link target marks (``term:vat`` → ``vat``), ``""`` for a malformed
    one, None for any other target."""
    t = target.strip()
    if not t.startswith(TERM):
        return None
    m = _TERM_TARGET.match(t)
    return m.group(1) if m else t[len(TERM):]


def marks(text: str) -> list[str]:
    """The glossary id of every mark in a Markdown text, in order (a quick scan, no parse)."""
    if TERM not in text:
        return []
    return [m for m in _TERM_ANY.findall(text) if _TERM_TARGET.match(TERM + m)]


def terms_used(text: str) -> list[str]:
    """The glossary ids marked in a Markdown text, in order, once each."""
    return list(dict.fromkeys(marks(text)))


def before_sanitising(html: str) -> str:
    """Glossary marks before sanitising: their target becomes the page's entry (``#gl-<id>``)."""
    return _TERM_HREF.sub(r'<a href="#gl-\1"', html) if TERM in html else html


def after_sanitising(html: str) -> str:
    """Glossary marks after sanitising: the class and id the runtime finds them by."""
    return _TERM_ANCHOR.sub(r'<a href="#gl-\1" class="term" data-term="\1">', html) if "#gl-" in html else html
