"""`sbfa-pack lrs check` against a real LRS (Ralph on 127.0.0.1)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
from lrs import PASSWORD, USER, Ralph

from sbfa_pack.cli import main

pytestmark = pytest.mark.lrs


@pytest.fixture(scope="module")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ralph]:
    lrs = Ralph(tmp_path_factory.mktemp("ralph")).start()
    yield lrs
    lrs.stop()


def test_check_writes_reads_and_reports_version(ralph: Ralph) -> None:
    """XP-13: the check sends the version header; reports the missing /about and State API of Ralph."""
    result = CliRunner().invoke(main, ["lrs", "check", "--endpoint", ralph.endpoint.rstrip("/")],
                                env={"SBFA_LRS_USER": USER, "SBFA_LRS_PASSWORD": PASSWORD})
    assert result.exit_code == 0, result.output
    assert "write: OK" in result.output and "read back: OK" in result.output
    assert "xAPI version: not reported (/about answered HTTP 404" in result.output
    assert "State API: not available" in result.output
    assert PASSWORD not in result.output
    written = ralph.statements(agent='{"account":{"homePage":"https://w3id.org/sbfa","name":"sbfa-pack-lrs-check"}}')
    assert written and written[-1]["verb"]["id"] == "http://adlnet.gov/expapi/verbs/experienced"


def test_wrong_password_is_one_line_without_secret(ralph: Ralph) -> None:
    result = CliRunner().invoke(main, ["lrs", "check", "--endpoint", ralph.endpoint, "--user", USER,
                                       "--password", "wrong-secret"])
    assert result.exit_code == 1
    err = result.stderr.strip()
    assert err.count("\n") == 0 and "HTTP 401 (the user or password is wrong)" in err
    assert "wrong-secret" not in result.output


def test_unreachable_and_bad_endpoint() -> None:
    runner = CliRunner()
    down = runner.invoke(main, ["lrs", "check", "--endpoint", "http://127.0.0.1:9/x", "--user", "u",
                                "--password", "p", "--timeout", "2"])
    assert down.exit_code == 1 and "cannot reach the LRS" in down.stderr and "Traceback" not in down.output
    bad = runner.invoke(main, ["lrs", "check", "--endpoint", "https://u:p@lrs.example.org/", "--user", "u",
                               "--password", "p"])
    assert bad.exit_code == 2 and "must not contain credentials" in bad.output


def test_check_prints_the_version_from_about(tmp_path: Path) -> None:
    """Learning Locker's statements service serves /about: the check prints its version."""
    from lrs import LearningLocker

    lrs = LearningLocker(tmp_path / "ll").start()
    try:
        result = CliRunner().invoke(main, ["lrs", "check", "--endpoint", lrs.endpoint, "--user", USER,
                                           "--password", PASSWORD])
    finally:
        lrs.stop()
    assert result.exit_code == 0, result.output
    assert "xAPI version: 1.0.3 (from /about)" in result.output
    assert "read back: OK\n" in result.output  # a single statement, as xAPI says
