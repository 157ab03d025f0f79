"""YAML indentation mistakes in plain words, at the line and column that need the fix."""

from __future__ import annotations

import pytest

from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load.yamlpos import parse

# (PyYAML's words for it, text, expected "line:column: code" and a phrase of the message)
CASES = [
    ("mapping values are not allowed", "id: demo\ntitle: X\n  description: Y\nlanguage: en\n",
     "3:3: yaml.indentation", "indented more than the lines around it"),
    ("mapping values, under a list item", "modules:\n  - id: m\n    lessons:\n    - id: a\n       kind: page\n",
     "5:8: yaml.indentation", "indented more"),
    ("did not find expected '-' indicator", "modules:\n  - id: m\n    title: M\n   lessons: []\n",
     "4:4: yaml.indentation", "indented less than the lines around it (line 3 starts at column 5"),
    ("did not find expected key (block mapping)", "theme:\n    logo: a.svg\n  templates: t\nname: x\n",
     "3:3: yaml.indentation", "indented less"),
    ("did not find expected key (list item less)", "lessons:\n  - id: a\n    kind: page\n - id: b\n",
     "4:2: yaml.indentation", "indented less"),
    ("did not find expected '-' indicator (item more)", "lessons:\n  - id: a\n    kind: page\n   - id: b\n",
     "4:4: yaml.indentation", "indented more"),
    ("did not find expected '-' indicator (key at the dash)",
     "modules:\n  - id: m\n    lessons:\n      - id: a\n        kind: page\n      id: b\n",
     "6:7: yaml.indentation", "a key at the indentation of the list's '- '"),
    ("did not find expected key (item among keys)", "a:\n  b: 1\n  - c\n",
     "3:3: yaml.indentation", "a list item ('- ') among keys"),
    ("expected <block end>", "a:\n  b: 1\n c: 2\n", "3:2: yaml.indentation", "indented less"),
    ("could not find expected ':'", "choices:\n  - a\n  b\nx: 1\n", "3:3: yaml.syntax", "start it with '- '"),
    ("expected <document start>", "  id: demo\ntitle: x\n", "1:3: yaml.indentation", "the first line is indented"),
    ("mapping values (a colon in a value)", "title: Costs: fixed\n", "1:8: yaml.syntax", "put the value in quotes"),
    ("cannot start any token", "title: @home\n", "1:8: yaml.syntax", "'@' cannot start a value"),
    ("expected key (text after a quote)", 'title: "abc" def\nx: 1\n', "1:14: yaml.syntax", "follows the closing quote"),
]


@pytest.mark.parametrize(("shape", "text", "where", "words"), CASES, ids=[c[0] for c in CASES])
def test_indentation_mistakes_in_plain_words(shape: str, text: str, where: str, words: str) -> None:
    """Issue 17 item 8: the common PyYAML error shapes are said in plain words ("this line is
    indented more/less than the lines around it") at the line and column to fix, never PyYAML's text."""
    diags = Diagnostics()
    assert parse(text, "f.yaml", diags) is None
    [d] = list(diags)
    assert f"{d.line}:{d.column}: {d.code}" == where, str(d)
    assert words in d.message
    for raw in ("while parsing", "while scanning", "expected '-' indicator", "mapping values", "block end",
                "simple key", "token"):
        assert raw not in d.message
