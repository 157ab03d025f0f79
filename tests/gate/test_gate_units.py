"""Issue 16: the parts of `sbfa-pack test` that need no browser: answer plans and the expected
score from the course model, SCORM 1.2 notation (RTE-21, RTE-26), the JSON and JUnit shapes, the
one-line message when the browser parts are missing, usage errors."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from sbfa_pack.cli import main
from sbfa_pack.gate import report
from sbfa_pack.gate.notation import problems
from sbfa_pack.gate.plan import _quiz_plan
from sbfa_pack.gate.result import Outcome
from sbfa_pack.model.content import Quiz

QUIZ = Quiz.model_validate({"kind": "quiz", "id": "q", "title": "Q", "questions": [
    {"type": "true-false", "id": "a", "prompt": "A", "answer": True, "weight": 3},
    {"type": "numeric", "id": "b", "prompt": "B", "answer": 12.5, "tolerance": 0.5},
    {"type": "matching", "id": "c", "prompt": "C", "pairs": [{"id": "x", "source": "X", "target": "1"},
                                                            {"id": "y", "source": "Y", "target": "2"}]},
    {"type": "multiple-choice", "id": "d", "prompt": "D", "choices": [{"id": "m", "text": "M", "correct": True},
                                                                     {"id": "n", "text": "N", "correct": True}]},
    {"type": "ordering", "id": "e", "prompt": "E", "items": [{"id": "i", "text": "I"}, {"id": "j", "text": "J"}]},
]})


def test_answer_plans_and_the_expected_wrong_score() -> None:
    """Issue 16: right answers come from the model; the wrong walk answers the first question right
    and the others wrong, and its score is the first question's share of the weights (3 of 7)."""
    plan = _quiz_plan(QUIZ)
    assert [p["value"] for p in plan.right] == ["true", "12.5", {"x": "x", "y": "y"}, ["m", "n"], ["i", "j"]]
    assert [p["value"] for p in plan.wrong] == ["true", "25.5", {"x": "y", "y": "x"}, ["m"], "keep"]
    assert plan.wrong_share == pytest.approx(3 / 7)


@pytest.mark.parametrize(("row", "bad"), [
    ({"id": "t", "type": "true-false", "student_response": "t", "correct_responses": {"0": {"pattern": "f"}},
      "result": "wrong"}, []),
    ({"id": "m", "type": "matching", "student_response": "a.b,b.a", "correct_responses": {"0": {"pattern": "a.a,b.b"}},
      "result": "correct"}, []),
    ({"id": "c", "type": "choice", "student_response": "{a,c}", "correct_responses": {}, "result": "correct"}, []),
    ({"id": "t", "type": "true-false", "student_response": "true", "correct_responses": {}, "result": "correct"},
     ["interaction 't' (true-false): student_response 'true' is not in SCORM 1.2 notation"]),
    ({"id": "c", "type": "choice", "student_response": "rent", "correct_responses": {"0": {"pattern": "a[,]b"}}},
     ["interaction 'c' (choice): correct_responses pattern 'a[,]b' is not in SCORM 1.2 notation",
      "interaction 'c' (choice): student_response 'rent' is not in SCORM 1.2 notation"]),
    ({"id": "l", "type": "long-fill-in"}, ["interaction 'l': type 'long-fill-in' is not a SCORM 1.2 interaction type"]),
])
def test_scorm12_notation(row: dict[str, object], bad: list[str]) -> None:
    """Issue 16, RTE-21/RTE-26: interactions in SCORM 1.2 notation pass, others are named."""
    assert problems(row) == bad


def outcomes() -> list[Outcome]:
    ok = Outcome("a.zip", "scorm12", ours=True, lms_status="passed", score="100", interactions=3, commits=5,
                 largest_suspend_data=300, seconds=1.5, checks=["open-close", "walk-right"])
    bad = Outcome("b.zip", "scorm12", lms_status="completed", checks=["open-close"])
    bad.fail("open-close", "opened and closed at once, set lesson_status 'completed'")
    return [ok, bad, Outcome("c.zip", "web", skipped="a web package reports to no LMS")]


def test_json_shape() -> None:
    """Issue 16: --json is the documented document (docs/testing.md)."""
    doc = json.loads(report.to_json(outcomes()))
    assert doc["passed"] is False and doc["summary"] == {"passed": 1, "failed": 1, "skipped": 1}
    first = doc["packages"][0]
    assert set(first) == {"package", "format", "ours", "result", "skipped", "lms_status", "score", "interactions",
                          "commits", "largest_suspend_data", "statements", "largest_state", "seconds",
                          "checks", "notes", "failures"}
    assert [p["result"] for p in doc["packages"]] == ["pass", "fail", "skip"]
    assert doc["packages"][1]["failures"] == ["b.zip: open-close: opened and closed at once, set lesson_status "
                                              "'completed'"]


def test_junit_shape() -> None:
    """Issue 16: --junit FILE: one testcase per package, a failure with every line, skipped ones marked."""
    root = etree.fromstring(report.to_junit(outcomes()).encode())
    assert root.tag == "testsuite" and (root.get("tests"), root.get("failures"), root.get("skipped")) == ("3", "1", "1")
    cases = root.findall("testcase")
    assert [c.get("name") for c in cases] == ["a.zip", "b.zip", "c.zip"]
    assert cases[1].find("failure").get("message").startswith("b.zip: open-close:")
    assert cases[2].find("skipped") is not None and cases[0].find("failure") is None


def test_missing_browser_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 16: without Chromium (simulated: SBFA_CHROMIUM names a missing file) or scorm-again the
    command says in one line exactly what to install, and exits 2."""
    monkeypatch.setenv("SBFA_CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.setenv("SBFA_SCORM_AGAIN", str(tmp_path / "no-scorm-again"))
    got = CliRunner().invoke(main, ["test", str(tmp_path)])
    assert got.exit_code == 2
    lines = got.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sbfa-pack: error: sbfa-pack test needs: ")
    assert "`apt-get install chromium`" in lines[0] and "`sbfa-pack test --setup`" in lines[0]
    assert "Traceback" not in got.output
    monkeypatch.setattr("sbfa_pack.gate.run.has_playwright", lambda: False)  # as without the `test` extra
    got = CliRunner().invoke(main, ["test", str(tmp_path)])
    assert got.exit_code == 2 and len(got.stderr.strip().splitlines()) == 1
    assert got.stderr.startswith("sbfa-pack: error: sbfa-pack test needs: `pip install 'sbfa-pack[test]'`; "
                                 "`apt-get install chromium`")


def test_usage_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 16: a path that names no package is a usage error (exit 2), one line."""
    monkeypatch.setenv("SBFA_SCORM_AGAIN", str(Path(__file__).resolve().parents[1] / "e2e" / "node_modules" /
                                               "scorm-again" / "dist"))
    got = CliRunner().invoke(main, ["test", str(tmp_path / "missing.zip")])
    assert got.exit_code == 2 and "no such file or folder" in got.stderr
    got = CliRunner().invoke(main, ["test", str(tmp_path)])
    assert got.exit_code == 2 and "no index.json there or in its dist/ folder" in got.stderr
    assert len(got.stderr.strip().splitlines()) == 1


def test_setup_installs_scorm_again_with_npm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 16: `sbfa-pack test --setup` runs `npm install --prefix <cache> scorm-again@3.4.3` (here a
    stand-in npm on PATH that records its arguments), after which the gate finds scorm-again there."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    npm = bin_ / "npm"
    npm.write_text('#!/bin/sh\necho "$@" > "$ARGS_FILE"\nwhile [ "$1" != "--prefix" ]; do shift; done\n'
                   'd="$2/node_modules/scorm-again/dist"; mkdir -p "$d" && touch "$d/scorm12.js"\n')
    npm.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("ARGS_FILE", str(tmp_path / "args"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SBFA_SCORM_AGAIN", raising=False)
    got = CliRunner().invoke(main, ["test", "--setup"])
    assert got.exit_code == 0, got.output
    cache = tmp_path / "cache" / "sbfa-pack" / "scorm-again"
    assert got.stdout.strip() == f"scorm-again 3.4.3 installed in {cache}"
    assert (tmp_path / "args").read_text().split() == ["install", "--no-audit", "--no-fund", "--prefix", str(cache),
                                                       "scorm-again@3.4.3"]
    from sbfa_pack.gate.site import scorm_again_dist

    assert scorm_again_dist() == cache / "node_modules" / "scorm-again" / "dist"


def test_results_keep_the_order_of_the_packages_whatever_the_jobs(tmp_path: Path) -> None:
    """Issue 16: with -j N the packages are shared among N threads; the results come back in the
    order of the packages (here skipped and unreadable ones, which need no browser)."""
    from sbfa_pack.gate.run import play_all
    from sbfa_pack.gate.targets import Target

    targets = [Target(tmp_path / f"p{i}.zip", "web" if i % 2 else "", "", problem=None if i % 2 else f"p{i}.zip: bad")
               for i in range(7)]
    got = play_all(targets, jobs=3)
    assert [o.package for o in got] == [f"p{i}.zip" for i in range(7)]
    assert [o.status for o in got] == ["fail", "skip"] * 3 + ["fail"]
    assert got[0].failures == ["p0.zip: open: bad"]


def test_missing_ralph_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 16 item 1: Ralph (the `test` extra) is asked for, in one line, only when an xAPI or
    cmi5 package is to be played."""
    from sbfa_pack.gate import lrs, run

    monkeypatch.setattr(lrs, "has_ralph", lambda: False)
    monkeypatch.setenv("SBFA_SCORM_AGAIN", str(Path(__file__).resolve().parents[1] / "e2e" / "node_modules"
                                               / "scorm-again" / "dist"))
    assert run.missing(("scorm12",)) is None
    line = run.missing(("scorm12", "cmi5"))
    assert line == ("sbfa-pack test needs: pip install 'sbfa-pack[test]' (Ralph, the local LRS of the xAPI and "
                    "cmi5 checks)")


def test_plans_follow_a_personal_path_and_submit_surveys() -> None:
    """Issue 16 item 3: a course with a module per country is walked as one country's learner (the
    lessons and quizzes for everyone and that country's); a survey lesson is named so the walk
    submits it (a survey counts for completion once submitted)."""
    from sbfa_pack.gate.plan import plan_for
    from sbfa_pack.gate.targets import _units

    roots = Path(__file__).resolve().parents[1] / "roots"
    path = next(plan_for(u) for (kind, _), u in _units(roots / "path").items() if kind == "course")
    assert path.countries == ["no", "de", "pl", "gr"]
    norway = path.for_country("no")
    assert set(norway.lessons) < set(path.lessons)
    assert all(path.lesson_country.get(les, "no") == "no" for les in norway.lessons)
    assert any(les in path.lesson_country for les in norway.lessons)
    assert norway.questions == sum(len(q.right) for q in norway.quizzes) and norway.lesson_country == {}
    survey = next(plan_for(u) for (kind, _), u in _units(roots / "survey").items() if kind == "course")
    assert survey.surveys[:2] == ["confidence-before", "confidence-after"] and survey.countries == []
    assert survey.for_country(None) is survey


def test_the_benchmark_prints_per_package_per_format_the_target_and_the_load() -> None:
    """Issue 16 item 2 (Must show): benchmarks/test_gate.py prints seconds per package, wall and
    CPU, per format and in total, the 5-minute target with pass or fail, and the load average at
    start and end with a word on why it matters; --formats and -j are its options."""
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "test_gate.py"
    spec = importlib.util.spec_from_file_location("bench_test_gate", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # its dataclasses look their module up
    spec.loader.exec_module(bench)
    args = bench.parse(["--formats", "scorm12,cmi5", "-j", "1"])
    assert (args.formats, args.jobs) == (["scorm12", "cmi5"], 1)
    with pytest.raises(SystemExit):
        bench.parse(["--formats", "web"])
    course = Outcome("c.zip", "scorm12", ours=True, seconds=12.0, checks=["open-close", "walk-right"],
                     timings={"open-close": 2.0, "walk-right": 10.0})
    broken = Outcome("x.zip", "cmi5", seconds=3.0, checks=["open-close"], failures=["x.zip: open-close: no"])
    runs = [bench.Run("scorm12", [course], wall=12.0, cpu=6.0), bench.Run("cmi5", [broken], wall=400.0, cpu=4.0)]
    lines = bench.summary(runs, 2, 2, 0.4, 1.6)
    assert "scorm12: 1 packages, wall 12.0 s (12.0 s per package), CPU 6.0 s (6.0 s per package)" in lines
    assert "  course: 1, mean 12.0 s, max 12.0 s wall" in lines
    assert "  per check (mean s wall): open-close 2.0, walk-right 10.0" in lines
    assert ("total: 2 packages (1 failed), wall 412.0 s (206.0 s per package), CPU 10.0 s (5.0 s per package), "
            "2 at once") in lines
    assert "target: the whole programme's English packages in under 300 s: FAIL (412 s wall)" in lines
    load = next(line for line in lines if line.startswith("load average"))
    assert load.startswith("load average: 0.4 at start, 1.6 at end, on 2 cores; the wall clock is only honest")
    assert load.endswith("(here 10 s / 2 = 5 s: PASS)")
    assert lines[-1] == "FAIL x.zip: open-close: no"
