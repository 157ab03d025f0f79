"""The widgets' Python side: exercise data for the browser, canvas blocks, strings, and the JS formula evaluator.

The evaluator tests run widgets.js under Node (no browser): the browser must compute what
``sbfa_pack.expr`` defines, since the CSP forbids handing formulas to ``eval``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from sbfa_pack import expr
from sbfa_pack.build import build
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load import load_project
from sbfa_pack.render.widgets import CANVAS_SLOTS, canvas_slots, widget_data
from sbfa_pack.ui_text import UI_STRINGS, WIDGET_STRINGS

WIDGETS_JS = Path(__file__).resolve().parents[2] / "src/sbfa_pack/render/static/runtime/widgets.js"


@pytest.fixture(scope="module")
def exercises(roots: Path) -> dict[str, Any]:
    diags = Diagnostics()
    lp = load_project(roots / "toolkit-all", diags)
    assert lp is not None and not diags.errors, [str(d) for d in diags]
    return {k: v.exercise for k, v in lp.exercises.items()}


def test_markdown_becomes_sanitised_html_and_unused_fields_are_dropped(exercises: dict[str, Any]) -> None:
    data = widget_data(exercises["readiness"])
    assert data["html"] == 1
    assert data["bands"][0]["advice"] == (
        "<p>Start by <strong>talking to five possible customers</strong> this week.</p>\n")
    assert data["instructions"].endswith("how much it is <strong>true for you</strong>.</p>\n")
    assert not {"keywords", "licence", "version", "duration_minutes"} & data.keys()
    pitch = widget_data(exercises["pitch"])
    assert pitch["fields"][1]["help"].startswith("<p>One or two sentences.")
    assert "translator_note" not in pitch["fields"][0]
    checklist = widget_data(exercises["registration"])
    assert "<strong>sole trader</strong>" in checklist["groups"][0]["items"][1]["help"]
    json.dumps([data, pitch, checklist])


def test_calculator_formulas_arrive_as_trees(exercises: dict[str, Any]) -> None:
    data = widget_data(exercises["break-even"])
    sales = data["outputs"][1]
    assert "formula" not in sales
    assert sales["tree"] == ["call", "ceil", [["/", ["var", "fixed"], ["var", "margin"]]]]
    assert sales["explanation"].startswith("<p>Fixed costs divided")


def test_canvas_blocks_found_by_id_whatever_the_order(exercises: dict[str, Any]) -> None:
    areas = widget_data(exercises["canvas"])["areas"]
    assert {a["id"]: a["slot"] for a in areas} == {
        "customers": "cs", "value": "vp", "channels": "ch", "relationships": "cr", "revenue": "rv",
        "resources": "kr", "activities": "ka", "partners": "kp", "costs": "co"}
    # ids that say nothing take the free blocks in canvas order; a canvas that is not nine blocks has none
    assert canvas_slots(["b1", "b2", "b3", "customer-segments", "b5", "b6", "b7", "b8", "b9"]) == [
        "kp", "ka", "kr", "cs", "vp", "cr", "ch", "co", "rv"]
    assert canvas_slots(["a", "b"]) == [None, None]
    assert "slot" not in widget_data(exercises["swot"])["areas"][0]


def test_every_string_the_widgets_use_has_an_english_default() -> None:
    js = WIDGETS_JS.read_text()
    used = set(re.findall(r"\bt\(\"([a-z_]+)\"", js)) | set(re.findall(r"\"(calc_[a-z0-9_]+)\"", js))
    table = UI_STRINGS | WIDGET_STRINGS
    missing = {k for k in used if k not in table and f"{k}_other" not in table}
    assert not missing, f"add these keys to WIDGET_STRINGS: {sorted(missing)}"
    assert not set(UI_STRINGS) & set(WIDGET_STRINGS), "a widget key would shadow a core string"
    unused = {k for k in WIDGET_STRINGS if re.sub(r"_(one|other)$", "", k) not in used}
    assert not unused, f"strings no widget uses: {sorted(unused)}"


def test_no_eval_or_inline_style_in_the_widgets() -> None:
    """The package CSP forbids eval, Function and inline style attributes; CSSOM properties are allowed."""
    js = WIDGETS_JS.read_text()
    assert not re.search(r"\beval\s*\(|new Function|Function\(|setAttribute\(\"style\"|style=", js)


_CASES = [
    "1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-2 ^ 2", "10 / 4", "7 - -3", "min(3, 1, 2)", "max(1, 5) - abs(-2)",
    "ceil(a / b)", "floor(a / b)", "round(a / b, 2)", "a * (1 - b / 100)", "a / (b - b)", "0 / 0", ".5 + 1.25",
]


def _node_eval(trees: list[Any], env: dict[str, float]) -> list[Any]:
    node = shutil.which("node")
    if not node:
        pytest.fail("Node.js is needed to run widgets.js outside the browser: `apt-get install nodejs`",
                    pytrace=False)
    script = (
        "global.window = {addEventListener() {}}; global.document = {addEventListener() {}};"
        f"require({json.dumps(str(WIDGETS_JS))});"
        "const ev = window.SBFA.widgets._num.evaluate, env = JSON.parse(process.argv[2]);"
        "const out = JSON.parse(process.argv[1]).map(t => { try { const v = ev(t, env);"
        " return isFinite(v) ? v : null; } catch (e) { return e.kind || String(e); } });"
        "console.log(JSON.stringify(out));"
    )
    res = subprocess.run([node, "-e", script, json.dumps(trees), json.dumps(env)], capture_output=True, text=True,
                         timeout=30, check=True)
    return list(json.loads(res.stdout))


def test_browser_evaluator_agrees_with_expr() -> None:
    env = {"a": 17.0, "b": 3.0}
    trees = [expr.parse(c) for c in _CASES]
    got = _node_eval(trees, env)
    for case, tree, value in zip(_CASES, trees, got, strict=True):
        want = expr.evaluate(tree, env)
        if want is None:  # undefined in Python: the browser names why (here always a division by zero)
            assert value == "div0", case
        else:
            assert value == pytest.approx(want), case
    assert _node_eval([expr.parse("a + c")], env) == ["missing"]


def test_browser_parses_numbers_as_learners_type_them() -> None:
    node = shutil.which("node")
    assert node, "Node.js is needed: `apt-get install nodejs`"
    texts = ["1250.5", "1,250.5", " 12 ", "-3", "١٢٫٥", "1e5", "12abc", "", "1.2.3", "1.250", "1,250", "12,5"]
    script = (
        "global.window = {addEventListener() {}};"
        "global.document = {addEventListener() {}, documentElement: {lang: process.argv[1]}};"
        f"require({json.dumps(str(WIDGETS_JS.with_name('marking.js')))});"  # the one number parser
        f"require({json.dumps(str(WIDGETS_JS))});"
        "const p = window.SBFA.widgets._num.parse;"
        "const out = JSON.parse(process.argv[2]).map(t => { const v = p(t); return isNaN(v) ? null : v; });"
        "console.log(JSON.stringify(out));"
    )
    def run(lang: str) -> list[Any]:
        res = subprocess.run([node, "-e", script, lang, json.dumps(texts)], capture_output=True, text=True,
                             timeout=30, check=True)
        return list(json.loads(res.stdout))
    assert run("en") == [1250.5, 1250.5, 12, -3, 12.5, None, None, None, None, 1.25, 1250, 12.5]
    # German groups thousands with "." and writes decimals with ","; a lone "." before one digit is a decimal
    assert run("de") == [1250.5, 1250.5, 12, -3, 12.5, None, None, None, None, 1250, 1.25, 12.5]



def test_every_exercise_of_the_programme_is_ready_for_the_browser() -> None:
    """The repository's own toolkit: data for every exercise, the canvas grid, and every calculator
    giving a number for each output from its default inputs (as the learner first sees it)."""
    repo = WIDGETS_JS.parents[5]
    diags = Diagnostics()
    lp = load_project(repo, diags)
    assert lp is not None and not diags.errors, [str(d) for d in diags][:5]
    calcs = {}
    for eid, le in sorted(lp.exercises.items()):
        data = json.loads(json.dumps(widget_data(le.exercise)))
        if data["kind"] == "worksheet" and data["layout"] == "canvas":
            assert sorted(a["slot"] for a in data["areas"]) == sorted(s for s, _ in CANVAS_SLOTS), eid
        if data["kind"] == "calculator":
            calcs[eid] = {"env": {i["id"]: i.get("default", 1.0) for i in data["inputs"]},
                          "outputs": [[o["id"], o["tree"]] for o in data["outputs"]]}
    assert calcs, "the programme has calculators"
    script = (
        "global.window = {addEventListener() {}}; global.document = {addEventListener() {}};"
        f"require({json.dumps(str(WIDGETS_JS))});"
        "const ev = window.SBFA.widgets._num.evaluate, out = {};"
        "for (const [id, c] of Object.entries(JSON.parse(process.argv[1]))) { const why = {};"
        "  out[id] = c.outputs.map(([name, tree]) => { try { const v = ev(tree, c.env, why); c.env[name] = v;"
        "    return Number.isFinite(v) ? 'ok' : 'not finite'; }"
        "  catch (e) { why[name] = e.kind; return e.kind || String(e); } }); }"
        "console.log(JSON.stringify(out));"
    )
    node = shutil.which("node")
    assert node, "Node.js is needed: `apt-get install nodejs`"
    res = subprocess.run([node, "-e", script, json.dumps(calcs)], capture_output=True, text=True, timeout=30,
                         check=True)
    # division by zero is fine (an empty calculator says so in words); anything else is a broken formula
    bad = {eid: v for eid, v in json.loads(res.stdout).items() if set(v) - {"ok", "div0"}}
    assert not bad, bad


def test_without_script_the_page_still_says_what_to_do(roots: Path, tmp_path: Path) -> None:
    """Before the widget mounts (or with script off) the exercise's text is in the page, in its language."""
    result = build(roots / "toolkit-all", tmp_path, formats=["web"], only={"tour"})
    assert not result.diagnostics.errors
    with zipfile.ZipFile(tmp_path / "tour-1.0.0-en-web.zip") as zf:
        html = zf.read("index.html").decode()
    box = html[html.index('data-exercise="break-even"'):]
    box = box[:box.index("</section>")]
    assert "<p>Enter your monthly costs and your price.</p>" in box
    assert '<details class="sbfa-x-ex">' in box and "Rent 800, price 25" in box
    assert "<noscript>" in box
