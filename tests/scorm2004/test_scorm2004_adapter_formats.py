"""The scorm2004 adapter's value formats, checked in node against scorm-again's Scorm2004API itself.

S4-8: interactions in the SCORM 2004 formats, ISO 8601 durations, score.scaled; S4-6: the status the
adapter reports equals the LMS's "scaled >= minNormalizedMeasure" for every score and pass mark.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from sbfa_pack import state
from sbfa_pack.builders.scorm2004_manifest import measure_text

RUNTIME = Path(state.__file__).parent / "render" / "static" / "runtime"
SCORM_AGAIN = Path(__file__).resolve().parents[1] / "e2e" / "node_modules" / "scorm-again" / "dist" / "scorm2004.js"
DURATION = re.compile(r"^PT(\d+H)?(\d+M)?\d+(\.\d{1,2})?S$")
LONG = "ب" * 600


def node(script: str, payload: Any) -> Any:
    exe = shutil.which("node")
    if not exe:
        pytest.fail("node is not installed: run `make test` (it installs Debian's nodejs)", pytrace=False)
    if not SCORM_AGAIN.exists():
        pytest.fail(f"{SCORM_AGAIN} is missing: run `make test` or `cd tests/e2e && npm ci`", pytrace=False)
    prog = ("globalThis.window = globalThis;\n"
            + "(function () { eval(require('fs').readFileSync(" + json.dumps(str(SCORM_AGAIN))
            + ", 'utf8')); }).call(globalThis);\n"
            + "".join((RUNTIME / name).read_text() + "\n" for name in (
                "state.js", "adapters/scorm-common.js", "adapters/scorm2004.js"))
            + "const F = SBFA.adapters.scorm2004.formats;\nconst INPUT = " + json.dumps(payload) + ";\n"
            + "Promise.resolve(" + script + ").then(v => process.stdout.write(JSON.stringify(v)));\n")
    out = subprocess.run([exe, "-"], input=prog, capture_output=True, text=True, timeout=60, check=True)
    return json.loads(out.stdout)


RECORDS = [
    {"type": "single-choice", "response": "rent", "correct": "rent"},
    {"type": "multiple-choice", "response": ["packaging", "flour"], "correct": ["flour", "packaging"]},
    {"type": "true-false", "response": False, "correct": True},
    {"type": "fill-in", "response": "Gewinn", "correct": "profit", "q": {"cs": True}},
    {"type": "fill-in", "response": "{not a language} الربح", "correct": "profit"},
    {"type": "fill-in", "response": LONG, "correct": "profit"},
    {"type": "matching", "response": {"rent": "flour", "flour": "rent"}, "correct": {"rent": "rent", "flour": "flour"}},
    {"type": "ordering", "response": ["plan", "idea", "register"], "correct": ["idea", "plan", "register"]},
    {"type": "numeric", "response": -12.5, "correct": 40, "q": {"tol": 0.5}},
    {"type": "likert", "response": "agree", "correct": None},
]

SET_ALL = """(() => {
  const api = new Scorm2004API({autocommit: false, lmsCommitUrl: false, logLevel: 5});
  api.Initialize("");
  return INPUT.map((rec, n) => {
    const p = "cmi.interactions." + n + ".", type = F.type(rec);
    const calls = [[p + "id", "quiz_q" + n], [p + "type", type],
      [p + "timestamp", F.timestamp(new Date(Date.UTC(2026, 11, 3, 14, 5, 9, 120)))],
      [p + "weighting", "2"], [p + "latency", F.duration(83456)], [p + "result", "incorrect"],
      [p + "description", "{lang=en}Which is a fixed cost?"]];
    const pattern = F.response(rec.type, rec.correct, rec.q || null, true);
    if (pattern !== null) { calls.push([p + "correct_responses.0.pattern", pattern]); }
    calls.push([p + "learner_response", F.response(rec.type, rec.response, rec.q || null, false)]);
    return { type: type, calls: calls.map(c => [c[0], c[1], api.SetValue(c[0], c[1]), api.GetLastError()]) };
  });
})()"""


def test_every_interaction_type_is_accepted_by_scorm_again() -> None:
    """Issue 18 must-show (S4-8): choice, true-false, fill-in, long-fill-in, matching, sequencing,
    numeric and likert: learner_response, correct pattern, result, weighting, latency, timestamp
    and description all accepted by scorm-again's Scorm2004API (SetValue "true", error 0)."""
    out = node(SET_ALL, RECORDS)
    assert sorted({r["type"] for r in out}) == ["choice", "fill-in", "likert", "long-fill-in", "matching",
                                                 "numeric", "sequencing", "true-false"]
    for rec in out:
        for el, value, ok, err in rec["calls"]:
            assert (ok, err) == ("true", "0"), (el, value, err)
    responses = {c[0].split(".")[2]: c[1] for r in out for c in r["calls"] if c[0].endswith("learner_response")}
    assert responses["1"] == "flour[,]packaging" and responses["6"] == "flour[.]rent[,]rent[.]flour"
    assert responses["7"] == "plan[,]idea[,]register" and responses["8"] == "-12.5"
    assert responses["4"] == " {not a language} الربح" and len(responses["5"]) == len(LONG)
    patterns = {c[0].split(".")[2]: c[1] for r in out for c in r["calls"] if c[0].endswith("pattern")}
    assert patterns["3"] == "{case_matters=true}profit" and patterns["8"] == "39.5[:]40.5"


def test_durations_are_iso_8601() -> None:
    """S4-8: cmi.session_time and latency are ISO 8601 durations with at most two decimals."""
    values = [0, 4, 999, 1000, 59_999, 3_600_000, 86_400_000 * 3 + 1234]
    out = node("INPUT.map(ms => F.duration(ms))", values)
    assert all(DURATION.match(v) for v in out), out
    assert out[:4] == ["PT0S", "PT0S", "PT1S", "PT1S"] and out[5] == "PT1H0S"
    assert out[-1] == "PT72H0M1.23S" or out[-1] == "PT72H1.23S"


def test_status_matches_the_lms_measure_decision() -> None:
    """S4-6: for scores k/n (n ≤ 40) and pass marks on and off the grid, the course's decision
    (score × 100 ≥ pass mark) equals the LMS's (score.scaled ≥ minNormalizedMeasure) whenever the pass
    mark has at most two decimals; raw is the same value on 0..100."""
    scores = sorted({float(Fraction(k, n)) for n in range(1, 41) for k in range(n + 1)})
    marks = [0, 1, 33.33, 50, 50.5, 57, 60, 66.67, 70, 75, 80, 85.25, 99.99, 100]
    out = node("INPUT.map(s => [F.scaled(s), F.raw(s)])", scores)
    for s, (scaled, raw) in zip(scores, out, strict=True):
        assert 0 <= float(scaled) <= 1 and abs(float(raw) - float(scaled) * 100) < 1e-9
        for pm in marks:
            assert (s * 100 >= pm - 1e-9) == (float(scaled) >= float(measure_text(pm))), (s, scaled, pm)


START = """(() => {
  globalThis.addEventListener = () => {};
  const lms = new Scorm2004API({autocommit: false, lmsCommitUrl: false, logLevel: 5});
  lms.loadFromFlattenedJSON(INPUT);
  globalThis.API_1484_11 = lms;
  const A = SBFA.adapters.scorm2004({data: {id: "c", version: "1", lessons: [{id: "a"}, {id: "b"}],
    scorm: {maxState: 64000}}, notify: () => {}});
  return A.start().then(info => {
    A.save(SBFA.state.encode({v: 1, loc: "b", seen: ["a"]}), "b");
    A.finish();
    return {info: info, cmi: lms.renderCMIToJSONObject()};
  });
})()"""


def test_start_reads_the_learner_and_finish_suspends() -> None:
    """Issue 18 item 2: cmi.learner_preference.language reaches the core as the learner's language
    (as SCORM 1.2's student_preference.language does); a first launch sets completion 'incomplete',
    progress_measure the share of lessons seen (below 1), location, exit 'suspend' and an ISO 8601
    session_time at finish."""
    got = node(START, {
        "cmi.learner_id": "l-1", "cmi.learner_name": "Amira", "cmi.learner_preference.language": "ar"})
    assert got["info"]["learner"] == {"id": "l-1", "name": "Amira", "language": "ar"}
    cmi = got["cmi"]["cmi"]
    assert (cmi["completion_status"], cmi["progress_measure"], cmi["location"], cmi["exit"]) == (
        "incomplete", "0.5", "b", "suspend")
    assert DURATION.match(cmi["session_time"])
