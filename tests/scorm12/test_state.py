"""The learner-state encoding and its worst case (RTE-16: cmi.suspend_data holds 4,096 characters).

Python's :mod:`sbfa_pack.state` and the runtime's ``state.js`` must write the same text for the
same state, so the build-time worst case is the length the browser will really save.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scorm12_helpers import SAMPLES, loaded

from sbfa_pack import state
from sbfa_pack.build import units

STATE_JS = Path(state.__file__).parent / "render" / "static" / "runtime" / "state.js"
SAFE = set(state.DIGITS) | {" "}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8) | st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), children,
                      max_size=4),
    max_leaves=12,
)


def node_run(script: str, payload: Any) -> Any:
    """Run ``script`` in node with state.js loaded and ``INPUT`` bound to ``payload``; JSON result."""
    node = shutil.which("node")
    if not node:
        pytest.fail("node is not installed: run `make test` (it installs Debian's nodejs)", pytrace=False)
    prog = ("globalThis.window = globalThis;\n" + STATE_JS.read_text() + "\nconst INPUT = "
            + json.dumps(payload) + ";\nprocess.stdout.write(JSON.stringify(" + script + "));\n")
    out = subprocess.run([node, "-"], input=prog, capture_output=True, text=True, timeout=60, check=True)
    return json.loads(out.stdout)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), json_values, max_size=5))
def test_round_trip_and_alphabet(value: dict[str, Any]) -> None:
    """decode(encode(s)) == s, and the text holds printable ASCII only, never " ' \\ < > & (RTE-16)."""
    value = {**value, "v": 1}
    text = state.encode(value)
    assert set(text) <= SAFE
    assert state.decode(text) == value


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=50))
def test_text_costs_at_most_three_per_utf16_unit(text: str) -> None:
    """The bound the worst case relies on: 3 characters per UTF-16 unit plus the two quotes."""
    units16 = len(text.encode("utf-16-le", "surrogatepass")) // 2
    assert len(state.encode_text(text)) <= 3 * units16 + 2


def test_worst_characters_cost_three() -> None:
    """Greek, Arabic, emoji halves and the unsafe ASCII characters all take exactly three."""
    for ch in ("\u03a9", state.WORST_CHAR, "\"", "'", "\\", "<", ">", "&", "*", "\U0001f600"):
        units16 = len(ch.encode("utf-16-le", "surrogatepass")) // 2
        assert len(state.encode_text(ch)) == 2 + 3 * units16


@pytest.mark.parametrize("bad", ["", "2(v:1)", "1(v:1", "1(v:2)", "1[1,2]", "1(v:1,x:*ab)", "1(v:1)x",
                                 "{\"v\":1}", "1(v:1,q:(a:#))", "1(:1)"])
def test_decode_refuses_what_does_not_parse(bad: str) -> None:
    """A state that does not parse or has another version is None: the runtime starts fresh (RTE-35)."""
    assert state.decode(bad) is None


def crafted_states() -> list[dict[str, Any]]:
    lp = loaded(SAMPLES / "tracked")
    worst = [state.worst_case_state(u, overflow) for u in units(lp) for overflow in (False, True)]
    return [
        *worst,
        {"v": 1, "loc": "welcome", "seen": [], "q": {"fixed": {"r": "rent", "n": 1, "ok": 1}},
         "x": {"pitch": {"product": "Ψωμί & «γλυκά» \"Anna's\" <b>\\", "price": 12.5, "n": -0.000001}}},
        {"v": 1, "x": {"e": {"a": 1e21, "b": 1.5e-7, "c": 0.30000000000000004, "d": 123456789012345680000.0,
                             "e": 5e-324, "f": -2.2250738585072014e-308, "g": "\U0001f600 ب ü"}}},
        {"v": 1, "weird key": {"x:y": [True, False, None, [], {}]}, "lang": "sr-Latn"},
    ]


def test_python_and_javascript_agree() -> None:
    """state.js encode gives the same text as state.py on crafted states, worst cases included, and
    its decode reads Python's text back; so the build-time worst case is what the browser saves."""
    states = crafted_states()
    js = node_run("INPUT.map(s => [SBFA.state.encode(s), SBFA.state.decode(SBFA.state.encode(s))])", states)
    for st_, (js_text, js_back) in zip(states, js, strict=True):
        assert js_text == state.encode(st_)
        assert state.encode(js_back) == js_text and state.decode(js_text) is not None
    sizes = node_run("INPUT.map(s => SBFA.state.encode(s).length)", states[:4])
    lp = loaded(SAMPLES / "tracked")
    expected = [state.worst_case_size(u, o) for u in units(lp) for o in (False, True)]
    assert sizes == expected


def test_javascript_decode_refuses_garbage() -> None:
    """decode never throws; it answers null (RTE-35: resume only when the saved data parses)."""
    bad = ["", "2(v:1)", "1(v:1", "1(v:2)", "1[1]", "1(v:1,x:*ab)", "{\"v\":1}", "1(v:1,q:(a:#))"]
    assert node_run("INPUT.map(s => SBFA.state.decode(s))", bad) == [None] * len(bad)


def test_worst_case_counts_every_answer_at_its_limit() -> None:
    """Every lesson seen, every question answered, every field full of three-character letters."""
    lp = loaded(SAMPLES / "tracked")
    course = next(u for u in units(lp) if u.kind == "course")
    worst = state.worst_case_state(course)
    assert worst["seen"] == [les.id for _, les in course.course.lessons()]
    assert set(worst["q"]) == {"fixed", "variable", "vat", "word", "pairs", "steps", "margin"}
    assert worst["q"]["word"]["r"] == state.WORST_CHAR * 30
    assert worst["x"]["pitch"]["customers"] == state.WORST_CHAR * 300
    assert worst["x"]["pitch"]["price"] == state.WORST_CHAR * state.NUMBER_CHARS
    assert len(state.js_number(state.WORST_NUMBER)) == 24
    assert state.worst_case_size(course) == len(state.encode(worst))
    # Overflow mode leaves long text out and keeps its length only.
    light = state.worst_case_state(course, overflow=True)
    assert "customers" not in light["x"]["pitch"] and light["xl"] == {"pitch": {"customers": 300}}
    assert state.worst_case_size(course, True) < state.worst_case_size(course) - 800
