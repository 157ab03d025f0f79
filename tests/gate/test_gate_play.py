"""Issue 16: `sbfa-pack test`, the publishing gate, plays built packages in Debian's Chromium against
scorm-again and checks what the LMS records (RTE-27 opened and closed → incomplete, RTE-16
suspend_data ≤ 4,096, RTE-21/RTE-26 interactions in SCORM 1.2 notation, RTE-6/RTE-7 no failed call).

The programme's English SCORM 1.2 packages of one course and one toolkit exercise pass; packages
broken on purpose (by patching a built package's sbfa.js) each fail with a clear line.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from sbfa_pack.build import build
from sbfa_pack.gate import report
from sbfa_pack.gate.result import Outcome
from sbfa_pack.gate.run import play_all
from sbfa_pack.gate.targets import resolve

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]
REPO = Path(__file__).resolve().parents[2]
SCORM_AGAIN = REPO / "tests" / "e2e" / "node_modules" / "scorm-again" / "dist"
TRACKED = REPO / "tests" / "scorm12" / "roots" / "tracked"
COURSE, EXERCISE = "marketing-first-customers", "readiness"
# Run once the runtime is ready, in the course frame: what each broken package does.
ON_READY = ';(function(){var t=setInterval(function(){if(!document.documentElement.classList.contains("sbfa-ready"))' \
           '{return;}clearInterval(t);%s},20);})();\n'
BROKEN = {
    "completed-on-open": 'parent.API.LMSSetValue("cmi.core.lesson_status","completed");parent.API.LMSCommit("");',
    "suspend-overflow": 'parent.API.LMSSetValue("cmi.suspend_data",new Array(5001).join("x"));',
    "console-error": 'console.error("broken on purpose");',
}


@pytest.fixture(autouse=True)
def _scorm_again(monkeypatch: pytest.MonkeyPatch) -> None:
    if not (SCORM_AGAIN / "scorm12.js").is_file():
        pytest.fail(f"{SCORM_AGAIN} is missing: run `make test` or `cd tests/e2e && npm ci`", pytrace=False)
    monkeypatch.setenv("SBFA_SCORM_AGAIN", str(SCORM_AGAIN))


@pytest.fixture(scope="module")
def programme(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gate") / "dist"
    result = build(REPO, out, formats=["scorm12"], languages=["en"], jobs=1, only={COURSE, EXERCISE})
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics]
    # The exercise in SCORM 2004 too (the course in 2004 is played by benchmarks/test_gate.py).
    result = build(REPO, out, formats=["scorm2004"], languages=["en"], jobs=1, only={EXERCISE})
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics]
    return out


def patched(src: Path, dest: Path, js: str = "", replace: tuple[str, str] | None = None) -> Path:
    """A copy of the package ``src`` whose sbfa.js runs ``js`` once ready, or has ``replace`` done."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "sbfa.js":
                text = data.decode()
                if replace:
                    assert replace[0] in text, "the runtime changed: update this test's patch"
                    text = text.replace(*replace)
                data = (text + (ON_READY % js if js else "")).encode()
            zout.writestr(info, data)
    return dest


def by_name(outcomes: list[Outcome]) -> dict[str, Outcome]:
    return {o.package: o for o in outcomes}


def test_the_programme_passes(programme: Path, browser: Any) -> None:
    """Issue 16 (Must show): the programme's packages (here one course and one toolkit exercise,
    English, SCORM 1.2, and the exercise in SCORM 2004) pass every check: the course opened and
    closed is incomplete; walked with every answer right it is passed with 100 and one interaction
    per question; answered wrong it is failed with the score the model gives; relaunched it resumes
    with its answers; the exercise used once is completed. Issue 16 item 1: the three packages are
    played one after the other in one page of one browser context (a page per package cost a
    renderer process each: as much CPU as the package's launches)."""
    targets = resolve([programme], [], [], project=REPO)
    assert [(t.format, t.plan is not None) for t in targets] == [("scorm12", True), ("scorm12", True),
                                                                 ("scorm2004", True)]
    contexts: list[Any] = []

    class Counting:
        def new_context(self, **kw: Any) -> Any:
            contexts.append(browser.new_context(**kw))
            return contexts[-1]

    outcomes = by_name(play_all(targets, browser=Counting()))
    assert len(contexts) == 1 and sum(len(c.pages) for c in contexts) == 0  # closed at the end
    course = outcomes[f"{COURSE}-1.0.0-en-scorm12.zip"]
    assert course.failures == []
    assert course.checks == ["open-close", "walk-right", "relaunch", "walk-wrong"]
    assert (course.lms_status, course.score) == ("passed", "100")
    questions = next(t.plan.questions for t in targets if t.name == course.package and t.plan)
    # The walk submits the course's surveys too: their answers are (neutral) interactions as well.
    assert questions > 10 and course.interactions >= questions and course.commits > 0
    assert 0 < course.largest_suspend_data <= 4096
    exercise = outcomes[f"{EXERCISE}-1.0.0-en-scorm12.zip"]
    assert exercise.failures == [] and exercise.checks == ["open-close", "use-once"]
    assert exercise.lms_status == "completed"
    exercise = outcomes[f"{EXERCISE}-1.0.0-en-scorm2004.zip"]  # Scorm2004API: completion_status
    assert exercise.failures == [] and exercise.lms_status == "completed"


def test_broken_packages_fail_with_a_clear_line(programme: Path, tmp_path: Path, browser: Any) -> None:
    """Issue 16 (Must show): a package that sets completed on open, one that exceeds 4,096 characters
    of suspend_data, one with a console error (foreign zips: only the checks without a model run),
    and one of ours whose true-false interactions are not in SCORM 1.2 notation each fail, with a
    line naming the package, the check and what happened."""
    exercise = programme / f"{EXERCISE}-1.0.0-en-scorm12.zip"
    zips = [patched(exercise, tmp_path / f"{name}.zip", js) for name, js in BROKEN.items()]
    root = tmp_path / "tracked"
    shutil.copytree(TRACKED, root)
    result = build(root, root / "dist", jobs=1)
    assert not result.diagnostics.errors
    ours = root / "dist" / result.built[0].file
    patched(Path(shutil.move(ours, tmp_path / "original.zip")), ours,
            replace=('==="true"?"t":"f";',  # as minified in sbfa.js (local names shortened)
                     '==="true"?"true":"false";'))
    outcomes = by_name(play_all(resolve([*zips, ours], [], []), browser=browser))
    assert all(o.status == "fail" for o in outcomes.values())
    lines = {name: outcomes[f"{name}.zip"].failures for name in BROKEN}
    assert ("completed-on-open.zip: open-close: opened and closed at once, set status 'completed' "
            "(an LMS must see 'incomplete')") in lines["completed-on-open"]
    assert ("suspend-overflow.zip: open-close: suspend_data of 5,000 characters (SCORM 1.2 keeps at most 4,096)"
            in lines["suspend-overflow"])
    assert "console-error.zip: open-close: console error: broken on purpose" in lines["console-error"]
    wrong = outcomes[ours.name].failures
    assert (f"{ours.name}: walk-right: interaction 'check_vat' (true-false): correct_responses pattern 'false' "
            "is not in SCORM 1.2 notation") in wrong, wrong
    text = report.to_text(list(outcomes.values()))
    assert "0 passed, 4 failed, 0 skipped" in text
    assert all(f"FAIL {line}" in text for o in outcomes.values() for line in o.failures)


def test_the_command_prints_json_and_writes_junit(programme: Path, tmp_path: Path) -> None:
    """Issue 16: `sbfa-pack test ZIP --json --junit FILE` on a package of ours exits 0, prints the
    documented JSON and writes JUnit XML (its own Chromium, as in CI)."""
    zip_ = programme / f"{EXERCISE}-1.0.0-en-scorm12.zip"
    env = {**os.environ, "SBFA_SCORM_AGAIN": str(SCORM_AGAIN), "PYTHONPATH": str(REPO / "src")}
    code = "import sys; from sbfa_pack.cli import main; sys.argv[0] = 'sbfa-pack'; main()"
    done = subprocess.run([sys.executable, "-c", code, "test", str(zip_), "--project", str(REPO),
                           "--json", "--junit", str(tmp_path / "junit.xml")],
                          capture_output=True, text=True, env=env, timeout=240, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    doc = json.loads(done.stdout)
    assert doc["passed"] is True and doc["summary"] == {"passed": 1, "failed": 0, "skipped": 0}
    assert doc["packages"][0]["checks"] == ["open-close", "use-once"]
    suite = etree.parse(str(tmp_path / "junit.xml")).getroot()
    assert (suite.get("tests"), suite.get("failures")) == ("1", "0")


def test_a_package_of_several_scos(tmp_path: Path, browser: Any) -> None:
    """Issue 16: a package of ours with one SCO per module: each SCO is opened and closed (and is
    incomplete); the walks, which need the whole course in one SCO, are not run, and a note says so."""
    root = tmp_path / "tracked"
    shutil.copytree(TRACKED, root)
    with (root / "sbfa.yaml").open("a") as fh:
        fh.write("scorm:\n  packaging: sco-per-module\n")
    result = build(root, root / "dist", formats=["scorm12"], jobs=1, only={"tracked"})
    assert not result.diagnostics.errors
    [out] = play_all(resolve([root], [], []), browser=browser)
    assert out.status == "pass", out.failures
    assert out.checks == ["open-close", "open-close"] and out.lms_status == "incomplete"
    assert out.notes == ["2 SCOs: each opened and closed; the walks need a single-SCO package "
                         "(scorm.packaging: single-sco)"]


def test_a_personal_path_and_surveys_are_walked_as_a_learner_does(tmp_path: Path, browser: Any) -> None:
    """Issue 16 item 3: a course with a module per country (the chooser first, in a package of no
    country of its own) is walked as the path's first country's learner, who picks it in the
    chooser; survey lessons are answered and submitted (they count once submitted). Both pass,
    the country and the survey answers being neutral interactions in SCORM 1.2 notation (RTE-26)."""
    targets = []
    for name in ("path", "survey"):
        root = tmp_path / name
        shutil.copytree(REPO / "tests" / "roots" / name, root)
        result = build(root, root / "dist", formats=["scorm12"], languages=["en"], jobs=1)
        assert not result.diagnostics.errors, [str(d) for d in result.diagnostics]
        targets += [t for t in resolve([root], [], []) if t.plan is not None and t.plan.kind == "course"]
    assert len(targets) == 2
    outcomes = play_all(targets, browser=browser)
    for out in outcomes:
        assert out.failures == [] and out.lms_status in ("passed", "completed"), out
        assert "walk-right" in out.checks and "relaunch" in out.checks
