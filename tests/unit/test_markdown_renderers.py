"""The fast renderer (cmark-gfm) and the parser used for checks and translation units
(markdown-it-py) must agree on every text we ship, or a check would pass on HTML that differs
from what learners get."""

from __future__ import annotations

from pathlib import Path

import polib
from pydantic import BaseModel

from sbfa_pack import markdown
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load import load_project

REPO = Path(__file__).resolve().parents[2]
TRICKY = [
    "# Title\n\nA **fixed cost** stays\nthe same.\n\n- one\n- two\n\n1. first\n2) second\n",
    "| a | b |\n|---|:-:|\n| 1 | 2 |\n",
    "Text with <bdi>SWOT</bdi> and <span lang=\"ar\">نص</span>, `code`, ~~not GFM~~, www.example.org",
    "<details><summary>Transcript</summary>\n\nHello.\n</details>\n\n<video controls src=\"a.mp4\"></video>",
    "> quote\n> more\n\n    code block\n\n***\n\n![alt](img.png \"title\") [link](a.md#x)",
    "Line with two spaces  \nbreak, and a backslash\\\nbreak. Auto <https://example.org> link.",
]


def _texts() -> set[str]:
    texts: set[str] = set(TRICKY)

    def walk(obj: object) -> None:
        if isinstance(obj, BaseModel):
            for name in type(obj).model_fields:
                walk(getattr(obj, name))
        elif isinstance(obj, list):
            for item in obj:
                walk(item)
        elif isinstance(obj, str) and obj:
            texts.add(obj)

    for root in [REPO, *sorted((REPO / "tests/roots").iterdir())]:
        if not (root / "sbfa.yaml").exists():
            continue
        lp = load_project(root, Diagnostics())
        assert lp is not None
        for lc in lp.courses.values():
            walk(lc.course)
        for le in lp.exercises.values():
            walk(le.exercise)
        for res in lp.resources.values():
            walk(res)
    for po in sorted(REPO.glob("locales/*/*.po")):
        texts.update(e.msgstr for e in polib.pofile(str(po)) if e.msgstr)
    return texts


def test_both_renderers_give_the_same_html_for_every_shipped_text() -> None:
    texts = _texts()
    assert len(texts) > 1000  # the programme, its translations and the samples
    # Compared as shipped, after the sanitiser (which drops e.g. table alignment, written as
    # align="" by one renderer and style="" by the other).
    differ = [t for t in texts
              if markdown.clean(markdown.render_block(t)) != markdown.clean(markdown.render_block_reference(t))]
    assert not differ, f"{len(differ)} texts render differently, e.g. {differ[0][:200]!r}"
