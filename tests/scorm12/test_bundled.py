"""The repository's own courses and toolkit as SCORM 1.2: every package valid, every state within 4,096.

CAM-15, CAM-41: valid against the official schemas (shipped in the package, as ADL's test suite
wants them); sbfa-pack validate finds nothing; RTE-16: each worst-case state fits suspend_data.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from refdata import scorm12_schema_dir
from sbfa_pack import state
from sbfa_pack.build import build
from sbfa_pack.validate import validate_package

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.timeout(300)
def test_bundled_packages_validate_and_fit(tmp_path: Path, scorm_schemas_dir: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    if not (REPO / "sbfa.yaml").is_file():
        pytest.fail(f"{REPO / 'sbfa.yaml'} is missing: the repository's own project is part of the checkout",
                    pytrace=False)
    monkeypatch.setenv("SBFA_SCORM_SCHEMAS", str(scorm12_schema_dir()))
    result = build(REPO, tmp_path / "dist", formats=["scorm12"], jobs=min(2, os.cpu_count() or 1))
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics.errors]
    assert result.built
    for b in result.built:
        worst = b.report["worst_case_state"]
        assert isinstance(worst, int) and worst <= state.SCORM12_LIMIT, b.file
        report = validate_package(tmp_path / "dist" / b.file, schemas=scorm_schemas_dir)
        assert report.diagnostics == [], (b.file, [str(d) for d in report.diagnostics])
