"""The repository's own courses and toolkit as SCORM 2004: every package valid, every state within 64,000.

Issue 18 must-show: every package of the programme validates against the official SCORM 2004 4th
Edition XSDs and with sbfa-pack's validator in strict mode (0 errors, 0 warnings: S4-1…S4-9 and the
Moodle notes); S4-8: each worst-case state fits cmi.suspend_data's 64,000 characters.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sbfa_pack import state
from sbfa_pack.build import build
from sbfa_pack.validate import validate_package

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.timeout(300)
def test_bundled_packages_validate_and_fit(tmp_path: Path, scorm_schemas_dir: Path) -> None:
    if not (REPO / "sbfa.yaml").is_file():
        pytest.fail(f"{REPO / 'sbfa.yaml'} is missing: the repository's own project is part of the checkout",
                    pytrace=False)
    result = build(REPO, tmp_path / "dist", formats=["scorm2004"], jobs=min(2, os.cpu_count() or 1))
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics.errors]
    assert result.built
    for b in result.built:
        worst = b.report["worst_case_state"]
        assert isinstance(worst, int) and worst <= state.SCORM2004_LIMIT, b.file
        report = validate_package(tmp_path / "dist" / b.file, schemas=scorm_schemas_dir)
        assert report.diagnostics == [], (b.file, [str(d) for d in report.diagnostics])
        assert "XML Schema check" in report.summary_text() and report.summary_text().count("0 problem(s)")
