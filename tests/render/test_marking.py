"""The runtime's marking functions (static/runtime/marking.js), run in Node: every question type,
case rules, tolerance, numbers written the way the learner's language writes them."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

import pytest

from sbfa_pack.render import static_file

CASES: list[tuple[dict[str, Any], Any, bool]] = [
    ({"type": "single-choice", "a": "b"}, "b", True),
    ({"type": "single-choice", "a": "b"}, "a", False),
    ({"type": "single-choice", "a": "b"}, None, False),
    ({"type": "multiple-choice", "a": ["a", "c"]}, ["c", "a"], True),
    ({"type": "multiple-choice", "a": ["a", "c"]}, ["a"], False),
    ({"type": "multiple-choice", "a": ["a", "c"]}, ["a", "b", "c"], False),
    ({"type": "true-false", "a": False}, False, True),
    ({"type": "true-false", "a": False}, "false", False),
    ({"type": "fill-in", "a": ["Revenue", "turnover"], "cs": False}, "  REVENUE ", True),
    ({"type": "fill-in", "a": ["Revenue"], "cs": False}, "rev enue", False),
    ({"type": "fill-in", "a": ["Oslo"], "cs": True}, "oslo", False),
    ({"type": "fill-in", "a": ["Oslo"], "cs": True}, "Oslo", True),
    ({"type": "fill-in", "a": ["café"], "cs": False}, "cafe\u0301", True),  # the same word in another Unicode form
    ({"type": "matching", "a": ["x", "y"]}, {"x": "x", "y": "y"}, True),
    ({"type": "matching", "a": ["x", "y"]}, {"x": "y", "y": "x"}, False),
    ({"type": "matching", "a": ["x", "y"]}, {"x": "x"}, False),
    ({"type": "ordering", "a": ["1", "2", "3"]}, ["1", "2", "3"], True),
    ({"type": "ordering", "a": ["1", "2", "3"]}, ["2", "1", "3"], False),
    ({"type": "numeric", "a": 12.5, "tol": 0}, 12.5, True),
    ({"type": "numeric", "a": 12.5, "tol": 0.5}, 12.0, True),
    ({"type": "numeric", "a": 12.5, "tol": 0.5}, 11.9, False),
    ({"type": "numeric", "a": 0.3, "tol": 0}, 0.1 + 0.2, True),  # float noise is not a wrong answer
]

NUMBERS = [("12.5", "en", 12.5), ("12,5", "de", 12.5), ("1,250", "en", 1250), ("1.250", "de", 1250),
           ("1 250,75", "fr", 1250.75), ("-3", "en", -3), ("−3", "en", -3), ("12a", "en", None), ("", "en", None)]


def _node(script: str) -> Any:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: `make test` sets it up (apt-get install nodejs)", pytrace=False)
    js = "global.window = global;\n" + static_file("runtime/marking.js").decode() + "\n" + script
    done = subprocess.run([node, "-e", js], capture_output=True, text=True, check=True, timeout=30)
    return json.loads(done.stdout)


def test_every_question_type_is_marked_by_its_key() -> None:
    got = _node(f"console.log(JSON.stringify({json.dumps([[k, r] for k, r, _ in CASES])}"
                ".map(([k, r]) => SBFA.marking.grade(k, r, 'en'))));")
    assert got == [want for *_, want in CASES]


def test_numbers_are_read_the_way_the_language_writes_them() -> None:
    got = _node(f"console.log(JSON.stringify({json.dumps([[s, lang] for s, lang, _ in NUMBERS])}"
                ".map(([s, l]) => { const v = SBFA.marking.parseNumber(s, l);"
                " return Number.isNaN(v) ? null : v; })));")
    assert got == [want for *_, want in NUMBERS]


def test_shuffles_are_repeatable_per_seed_and_differ_between_attempts() -> None:
    got = _node("const M = SBFA.marking, l = [...'abcdefgh'];"
                "console.log(JSON.stringify([M.shuffled(l, M.rng('q:0')), M.shuffled(l, M.rng('q:0')),"
                " M.shuffled(l, M.rng('q:1'))]));")
    assert got[0] == got[1] and got[0] != got[2] and sorted(got[2]) == list("abcdefgh")


FORGIVING_NUMBERS = [("٥٠", "ar", 50), ("۵۰", "fa", 50), ("١٢٫٥", "ar", 12.5), ("١٬٢٥٠", "ar", 1250),
                     ("12,5", "ar", 12.5), ("1,250", "ar", 1250), ("۱۲٫۵", "fa", 12.5), ("1.2.3", "en", None),
                     ("١٢a", "ar", None)]
FORGIVING_FILL_IN: list[tuple[dict[str, Any], str, str, bool]] = [
    ({"type": "fill-in", "a": ["Revenue"], "cs": False}, "  revenue. ", "en", True),
    ({"type": "fill-in", "a": ["Revenue"], "cs": False}, "Revenue!?", "en", True),
    ({"type": "fill-in", "a": ["Oslo"], "cs": True}, " Oslo. ", "en", True),  # spaces and punctuation even so
    ({"type": "fill-in", "a": ["Oslo"], "cs": True}, "oslo", "en", False),
    ({"type": "fill-in", "a": ["."], "cs": False}, ".", "en", False),  # nothing left is never right
    ({"type": "fill-in", "a": ["عرض تقديمي"], "cs": False}, "عرض تقديمى", "ar", True),  # ى for ي
    ({"type": "fill-in", "a": ["عرض تقديمي"], "cs": False}, "عرضٌ تقديميّ", "ar", True),  # tashkeel
    ({"type": "fill-in", "a": ["عرض تقديمي"], "cs": False}, "عرض تقديمي؟", "ar", True),
    ({"type": "fill-in", "a": ["فاتورة"], "cs": False}, "فاتوره", "ar", True),  # ة/ه
    ({"type": "fill-in", "a": ["إيجار"], "cs": False}, "ايجار", "ar", True),  # أ/إ/آ/ا
    ({"type": "fill-in", "a": ["آجل"], "cs": False}, "اجـل", "ar", True),  # tatweel too
    ({"type": "fill-in", "a": ["فاتورة"], "cs": False}, "فاتوره", "en", False),  # folded in ar/fa only
    ({"type": "fill-in", "a": ["Επιχείρηση"], "cs": False}, "επιχειρηση", "el", True),  # tonos
    ({"type": "fill-in", "a": ["Προϊόν"], "cs": False}, "ΠΡΟΙΟΝ", "el", True),  # dialytika with tonos
    ({"type": "fill-in", "a": ["café"], "cs": False}, "cafe", "en", False),  # accents matter outside Greek
    ({"type": "fill-in", "a": ["١٢"], "cs": False}, "12", "ar", True),
]


def test_numbers_in_any_digits_and_local_separators() -> None:
    """Issue 12 item 8: Arabic-Indic and Persian digits, the Arabic decimal and thousands signs."""
    got = _node(f"console.log(JSON.stringify({json.dumps([[s, lang] for s, lang, _ in FORGIVING_NUMBERS])}"
                ".map(([s, l]) => { const v = SBFA.marking.parseNumber(s, l);"
                " return Number.isNaN(v) ? null : v; })));")
    assert got == [want for *_, want in FORGIVING_NUMBERS]


def test_fill_in_answers_are_forgiving_per_language() -> None:
    """Issue 12 item 8: case, spaces, trailing punctuation; Arabic letter variants and tashkeel;
    Greek accents (docs/runtime.md, "Marking")."""
    got = _node(f"console.log(JSON.stringify({json.dumps([[k, r, lang] for k, r, lang, _ in FORGIVING_FILL_IN])}"
                ".map(([k, r, l]) => SBFA.marking.grade(k, r, l))));")
    assert got == [want for *_, want in FORGIVING_FILL_IN]
