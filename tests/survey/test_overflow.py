"""A survey's long text and SCORM 1.2's 4,096 characters (issue 14 item 1; RTE-16).

Without ``scorm.state_overflow: browser`` a long-text item counts at max_length × 3 characters in
the worst case; with it, long-text answers stay in the browser (their lengths kept in ``svl``), as
worksheets' long-text fields do (``xl``), and come back from the browser's copy on resume.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sbfa_pack import state
from sbfa_pack.build import build, units
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load import load_project

ROOT = Path(__file__).parents[1] / "roots" / "survey"
RUNTIME = Path(state.__file__).parent / "render" / "static" / "runtime"
STORY = "          - {id: story, type: long-text, prompt: Tell us more., max_length: 2000}\n"


def _project(tmp: Path, overflow: bool) -> Path:
    root = tmp / "p"
    shutil.copytree(ROOT, root)
    course = root / "courses" / "feedback" / "course.yaml"
    text = course.read_text()
    anchor = ("          - {id: recommend, type: rating, prompt: How likely are you to recommend this course to a "
              "friend?}\n")
    course.write_text(text.replace(anchor, anchor + STORY))
    cfg = (root / "sbfa.yaml").read_text().replace("formats: [web, scorm12, xapi]", "formats: [scorm12]")
    (root / "sbfa.yaml").write_text(cfg + ("scorm:\n  state_overflow: browser\n" if overflow else ""))
    return root


def test_long_text_counts_in_full_or_stays_in_the_browser(tmp_path: Path) -> None:
    """Issue 14 item 1 (RTE-16): 2,000 characters of long text break the 4,096 budget (the error names
    the survey and its item); with state_overflow: browser the package builds and keeps its length only."""
    root = _project(tmp_path, overflow=False)
    diags = Diagnostics()
    lp = load_project(root, diags)
    assert lp is not None
    unit = next(u for u in units(lp) if u.kind == "course")
    assert state.worst_case_state(unit)["sv"]["confidence-after"]["story"] == state.WORST_CHAR * 2000
    light = state.worst_case_state(unit, overflow=True)
    assert "story" not in light["sv"]["confidence-after"] and light["svl"] == {"confidence-after": {"story": 2000}}
    assert state.worst_case_size(unit, True) <= state.SCORM12_LIMIT < state.worst_case_size(unit)
    failed = build(root, root / "dist", jobs=1)
    assert {d.code for d in failed.diagnostics.errors} == {"scorm12.state-too-large"}  # en and ar
    assert "survey 'confidence-after' (text items story 2000, name-idea 80)" in failed.diagnostics.errors[0].message
    ok_root = _project(tmp_path / "b", overflow=True)
    ok = build(ok_root, ok_root / "dist", jobs=1)
    assert not ok.diagnostics.errors and len(ok.built) == 2


def test_runtime_keeps_survey_long_text_in_the_browser_and_brings_it_back() -> None:
    """Issue 14 item 1: scorm-common.js fit() moves a survey's long text out of suspend_data (svl keeps its
    length); refill() puts it back from the browser's own copy on resume."""
    node = shutil.which("node")
    if not node:
        pytest.fail("node is not installed: run `make test` (it installs Debian's nodejs)", pytrace=False)
    parts = "".join((RUNTIME / name).read_text() for name in ("state.js", "tracking.js", "adapters/scorm-common.js"))
    prog = """globalThis.window = globalThis;
const mem = {}; globalThis.localStorage = {getItem: k => mem[k] ?? null, setItem: (k, v) => { mem[k] = v; }};
""" + parts + """
const S = window.SBFA, data = {id: "feedback", version: "1.0.0"};
const conf = {maxState: 4096, overflow: "browser", surveyOnly: {"confidence-after": ["story"]}};
const full = {v: 1, sv: {"confidence-after": {plan: 5, story: "\\u0628".repeat(1500)}}, sd: ["confidence-after"]};
const enc = S.state.encode(full);
S.local.write(data, enc, false);
const fitted = S.scorm.fit(conf, enc);
const back = S.scorm.refill(conf, data, fitted);
process.stdout.write(JSON.stringify({enc: enc.length, fitted: S.state.decode(fitted), back: S.state.decode(back)}));
"""
    out = json.loads(subprocess.run([node, "-"], input=prog, capture_output=True, text=True, timeout=60,
                                    check=True).stdout)
    assert out["enc"] > 4096
    assert out["fitted"]["sv"] == {"confidence-after": {"plan": 5}} and out["fitted"]["svl"] == {
        "confidence-after": {"story": 1500}}
    assert out["back"]["sv"]["confidence-after"]["story"] == "\u0628" * 1500 and "svl" not in out["back"]


def test_a_module_with_a_survey_is_complete_once_the_survey_is_sent() -> None:
    """Issue 14 item 1: one SCO per module (and SCORM 2004's module objectives): a module's survey
    counts once submitted, as in the course's own completion rule."""
    from sbfa_pack.builders.scorm12 import module_rules

    diags = Diagnostics()
    lp = load_project(ROOT, diags)
    assert lp is not None
    rules = module_rules(next(u for u in units(lp) if u.kind == "course"))
    assert rules["start"] == {"lessons": ["confidence-before", "welcome"], "quizzes": {},
                              "surveys": ["confidence-before"]}
    node = shutil.which("node")
    if not node:
        pytest.fail("node is not installed: run `make test` (it installs Debian's nodejs)", pytrace=False)
    prog = ("globalThis.window = globalThis;\n" + (RUNTIME / "adapters" / "scorm-common.js").read_text()
            + "\nconst r = " + json.dumps(rules["start"]) + ";\n"
            "const seen = {seen: ['confidence-before', 'welcome']};\n"
            "process.stdout.write(JSON.stringify([window.SBFA.scorm.module(seen, r, null).completed,\n"
            "  window.SBFA.scorm.module({...seen, sd: ['confidence-before']}, r, null).completed]));\n")
    out = subprocess.run([node, "-"], input=prog, capture_output=True, text=True, timeout=60, check=True).stdout
    assert json.loads(out) == [False, True]
