"""Golden diagnostics: each broken sample project gives exactly its expected lines.

Regenerate after an intended message change with ``python -m tests.golden.regen`` and review the
diff (see tests/golden/README.md).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sbfa_pack.cli import main

_spec = importlib.util.spec_from_file_location("golden_regen", Path(__file__).with_name("regen.py"))
assert _spec and _spec.loader
regen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regen)

CASES = regen.cases()


def _expected(case: Path) -> list[str]:
    path = case / "expected.txt"
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `python -m tests.golden.regen` and review it", pytrace=False)
    return path.read_text(encoding="utf-8").splitlines()


def test_enough_distinct_mistakes() -> None:
    """The issue asks for at least 25 distinct mistakes, each with its exact line."""
    assert len(CASES) >= 25
    codes = {line.split("[", 1)[1].split("]", 1)[0] for case in CASES for line in _expected(case)}
    assert len(codes) >= 20, sorted(codes)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_library(case: Path) -> None:
    expected = _expected(case)
    assert expected, f"{case.name}: a golden case must produce at least one diagnostic"
    assert regen.diagnose(case) == expected


def test_cli_prints_the_same_lines_and_fails() -> None:
    """Through the command line: the same lines on stderr, exit 1, and valid JSON with --json."""
    runner = CliRunner()
    for case in CASES:
        result = runner.invoke(main, ["validate", str(case)])
        assert result.exit_code == 1, (case.name, result.output)
        lines = [line for line in result.stderr.splitlines() if "[" in line]
        assert lines == _expected(case), case.name
        assert "Traceback" not in result.output
    case = CASES[0]
    as_json = runner.invoke(main, ["validate", "--json", str(case)])
    assert as_json.exit_code == 1
    items = json.loads(as_json.stdout)
    assert [f"{d['file']}:{d['line']}:{d['column']}: {d['severity']}[{d['code']}]: {d['message']}"
            for d in items] == _expected(case)
