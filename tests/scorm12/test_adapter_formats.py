"""The scorm12 adapter's value formats, run in node on many inputs (no browser needed).

RTE-12 score.raw on 0–100; RTE-15 CMITimespan; RTE-26 response formats; RTE-33 the status the
adapter reports equals Moodle's mastery override for every score and pass mark.
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
from sbfa_pack.builders.scorm12_manifest import mastery_text

RUNTIME = Path(state.__file__).parent / "render" / "static" / "runtime"
TIMESPAN = re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$")
DECIMAL = re.compile(r"^-?([0-9]{0,3})(\.[0-9]*)?$")  # Moodle's CMIDecimal


def node(script: str, payload: Any) -> Any:
    exe = shutil.which("node")
    if not exe:
        pytest.fail("node is not installed: run `make test` (it installs Debian's nodejs)", pytrace=False)
    prog = ("globalThis.window = globalThis;\n" + (RUNTIME / "state.js").read_text() + "\n"
            + (RUNTIME / "adapters" / "scorm-common.js").read_text() + "\n"
            + (RUNTIME / "adapters" / "scorm12.js").read_text() + "\nconst F = SBFA.adapters.scorm12.formats;\n"
            + "const INPUT = " + json.dumps(payload) + ";\nprocess.stdout.write(JSON.stringify(" + script + "));\n")
    out = subprocess.run([exe, "-"], input=prog, capture_output=True, text=True, timeout=60, check=True)
    return json.loads(out.stdout)


def test_status_matches_moodles_mastery_override() -> None:
    """RTE-33, CAM-29: for scores k/n (n ≤ 40) and pass marks on and off the 0.01 grid, the course's
    decision (score × 100 ≥ pass mark, as app.js decides) equals Moodle's (raw ≥ masteryscore)
    whenever the pass mark has at most two decimals, which the model's typical values have."""
    scores = sorted({float(Fraction(k, n)) for n in range(1, 41) for k in range(n + 1)})
    marks = [0, 1, 33.33, 50, 50.5, 57, 60, 66.67, 70, 75, 80, 85.25, 99.99, 100]
    raws = node("INPUT.map(s => F.raw(s))", scores)
    for s, r in zip(scores, raws, strict=True):
        assert DECIMAL.match(r) and 0 <= float(r) <= 100
        for pm in marks:
            course = s * 100 >= pm - 1e-9
            moodle = float(r) >= float(mastery_text(pm))
            assert course == moodle, (s, r, pm)


def test_timespans_are_cmitimespan() -> None:
    """RTE-15: 2–4 hour digits, at most 2 decimals, capped at 9999 hours."""
    values = [0, 4, 999, 1000, 59_999, 3_600_000, 86_400_000 * 3, 9999 * 3_600_000 + 3_599_990, 10**13]
    out = node("INPUT.map(ms => F.timespan(ms))", values)
    assert all(TIMESPAN.match(v) for v in out), out
    assert out[:3] == ["00:00:00.00", "00:00:00.00", "00:00:01.00"]
    assert out[-1] == "9999:59:59.99"


def test_responses_in_scorm12_notation() -> None:
    """RTE-26: choice letters by declared order ({} when order does not matter), matching s.t pairs,
    sequencing letters, true-false t/f, numeric CMIDecimal, fill-in text cut at 255."""
    keys = ["rent", "flour", "packaging"]
    cases = [
        ["single-choice", "flour", keys], ["multiple-choice", ["packaging", "rent"], keys],
        ["true-false", False, None], ["true-false", True, None], ["ordering", ["packaging", "rent", "flour"], keys],
        ["matching", {"flour": "rent", "rent": "flour"}, keys], ["numeric", 12.5, None],
        ["fill-in", "x" * 300, None], ["single-choice", "unknown", keys],
    ]
    out = node("INPUT.map(c => F.response(c[0], c[1], c[2], false))", cases)
    assert out == ["b", "{a,c}", "f", "t", "c,a,b", "a.b,b.a", "12.5", "x" * 255, None]
    choice = re.compile(r"^\{?[0-9a-z](,[0-9a-z])*\}?$")
    matching = re.compile(r"^\{?[0-9a-z]\.[0-9a-z](,[0-9a-z]\.[0-9a-z])*\}?$")
    assert choice.match(out[0]) and choice.match(out[1]) and choice.match(out[4]) and matching.match(out[5])
