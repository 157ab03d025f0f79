"""Survey answers in each standard's response format, in the runtime itself (node; RTE-26, XP-20)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sbfa_pack import state

RUNTIME = Path(state.__file__).parent / "render" / "static" / "runtime"


def test_survey_responses_in_scorm12_scorm2004_and_xapi_formats() -> None:
    """Issue 14 item 1: SCORM 1.2 likert is one character (points 10 and 11 are a and b), choices are
    option letters in declared order; SCORM 2004 and xAPI write the point and the option ids."""
    node = shutil.which("node")
    if not node:
        pytest.fail("node is not installed: run `make test` (it installs Debian's nodejs)", pytrace=False)
    names = ["state.js", "tracking.js", "adapters/scorm-common.js", "adapters/scorm12.js", "adapters/scorm2004.js",
             "adapters/xapi-common.js"]
    prog = "globalThis.window = globalThis;\n" + "".join((RUNTIME / n).read_text() for n in names) + """
const A = window.SBFA.adapters, X = window.SBFA.xapi, keys = ["friend", "office", "web"];
const r12 = (t, v) => A.scorm12.formats.response(t, v, keys, false);
const r04 = (t, v) => A.scorm2004.formats.response(t, v, null, false);
process.stdout.write(JSON.stringify({
  s12: [r12("likert", 1), r12("likert", 9), r12("likert", 10), r12("likert", 11), r12("single-choice", "web"),
        r12("multiple-choice", ["web", "friend"]), r12("numeric", 0), r12("fill-in", "x".repeat(300)).length],
  s04: [r04("likert", 11), r04("single-choice", "web"), r04("multiple-choice", ["web", "friend"]), r04("numeric", 10)],
  x: [X.response("likert", 3), X.response("single-choice", "web"), X.response("multiple-choice", ["web", "friend"]),
      X.response("fill-in", "Café"), X.response("numeric", 0)]}));
"""
    out = json.loads(subprocess.run([node, "-"], input=prog, capture_output=True, text=True, timeout=60,
                                    check=True).stdout)
    assert out["s12"] == ["1", "9", "a", "b", "c", "{a,c}", "0", 255]
    assert out["s04"] == ["11", "web", "friend[,]web", "10"]
    assert out["x"] == ["3", "web", "web[,]friend", "Café", "0"]
