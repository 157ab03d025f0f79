"""Translatable units: Markdown split and joined deterministically; contexts from ids, never positions."""

from __future__ import annotations

import pickle
from pathlib import Path

from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.i18n import mdsplit
from sbfa_pack.i18n.localise import TranslationIncomplete
from sbfa_pack.i18n.units import catalogs
from sbfa_pack.load import load_project

BODY = """## Costs

A **fixed** cost,
every month.

- Rent
- Insurance
  1. nested *item*

> Quoted text
> on two lines.

Setext title
------------

| a | b |
|---|---|
| 1 | 2 |

```
code stays
```
"""


def test_split_units_in_reading_order() -> None:
    assert [s.msgid for s in mdsplit.split(BODY)] == [
        "Costs", "A **fixed** cost,\nevery month.", "Rent", "Insurance", "nested *item*",
        "Quoted text\non two lines.", "Setext title", "| a | b |\n|---|---|\n| 1 | 2 |"]


def test_join_keeps_structure_and_untranslated_parts() -> None:
    out = mdsplit.join(BODY, lambda s: s.upper().replace("\n", "\nX ") if "code" not in s else None)
    assert out == """## COSTS

A **FIXED** COST,
X EVERY MONTH.

- RENT
- INSURANCE
  1. NESTED *ITEM*

> QUOTED TEXT
> X ON TWO LINES.

SETEXT TITLE
------------

| A | B |
X |---|---|
X | 1 | 2 |

```
code stays
```
"""


def test_join_with_more_lines_keeps_list_and_quote_prefixes() -> None:
    assert mdsplit.join("- one\n\n> two\n", {"one": "eins\nzwei", "two": "drei\nvier"}.get) == \
        "- eins\n  zwei\n\n> drei\n> vier\n"


def test_join_is_identity_without_translations() -> None:
    assert mdsplit.join(BODY, lambda s: None) == BODY


def test_contexts_come_from_ids_not_positions(tmp_path: Path, roots: Path) -> None:
    """Inserting a paragraph or a lesson changes no other string's context."""
    import shutil

    shutil.copytree(roots / "i18n", tmp_path / "p")
    before = {(m.context, m.msgid) for m in catalogs(_load(tmp_path / "p"))["money-basics"]}
    md = tmp_path / "p/courses/money-basics/fixed-costs.md"
    md.write_text("A new first paragraph.\n\n" + md.read_text())
    course = tmp_path / "p/courses/money-basics/course.yaml"
    course.write_text(course.read_text().replace("    lessons:\n", "    lessons:\n      - {id: intro, kind: page, "
                                                 "title: Intro, body: Hello}\n", 1))
    after = {(m.context, m.msgid) for m in catalogs(_load(tmp_path / "p"))["money-basics"]}
    assert after - before == {("costs/fixed-costs/body", "A new first paragraph."), ("costs/intro/title", "Intro"),
                              ("costs/intro/body", "Hello")}
    assert before <= after


def test_template_carries_references_notes_and_limits(roots: Path) -> None:
    msgs = {m.msgid: m for m in catalogs(_load(roots / "i18n"))["money-basics"]}
    prompt = msgs["Which cost is *fixed*?"]
    assert prompt.context == "costs/check/questions/rent/prompt"
    assert prompt.occurrences == [("courses/money-basics/course.yaml", 22)]
    assert prompt.comments == ["max 40 characters, shown on one line on phones"]
    assert prompt.flags == ["max-length:40"]
    assert msgs["Rent"].flags == []  # the question's note is not its choices' note
    link = msgs["Insurance, see [the guide](https://example.org/guide)"]
    assert link.occurrences == [("courses/money-basics/fixed-costs.md", 7)]
    assert link.comments[0].startswith("Markdown: keep link targets")


def test_build_error_survives_the_worker_process() -> None:
    err = pickle.loads(pickle.dumps(TranslationIncomplete(message="x is 10% translated")))
    assert isinstance(err, TranslationIncomplete) and str(err) == "x is 10% translated"


def _load(root: Path):  # type: ignore[no-untyped-def]
    diags = Diagnostics()
    lp = load_project(root, diags)
    assert lp is not None and not diags.errors, [str(d) for d in diags]
    return lp
