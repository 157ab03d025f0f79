"""Issue 16 (CI recipes): the GitHub Actions workflow and the GitLab CI file call the documented
commands, and the pre-commit hook refuses a commit of a broken course with the file:line message.

The `pre-commit` tool is not installed here: the test runs the command .pre-commit-hooks.yaml
declares (its `entry`) in the broken project, and the plain git hook (docs/ci/pre-commit) through
a real `git commit`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
CI = REPO / "docs" / "ci"
BASIC = REPO / "tests" / "roots" / "basic"


def commands(lines: list[str]) -> str:
    return "\n".join(lines)


def test_github_workflow_calls_the_documented_commands() -> None:
    """Issue 16: validate --format github, build, test on the built packages, packages as artifacts."""
    doc = yaml.safe_load((CI / "github-actions.yml").read_text(encoding="utf-8"))
    steps = doc["jobs"]["course"]["steps"]
    run = commands([s.get("run", "") for s in steps])
    for cmd in ("pip install \"$SBFA_PACK\"", "sbfa-pack test --setup", "sbfa-pack validate --format github",
                "sbfa-pack build", "sbfa-pack test dist --junit test-results.xml", "apt-get install"):
        assert cmd in run, cmd
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact"))
    assert "dist/*.zip" in upload["with"]["path"] and upload["if"] == "always()"
    assert doc["jobs"]["course"]["container"].startswith("debian:")


def test_gitlab_ci_calls_the_documented_commands() -> None:
    """Issue 16: the same for GitLab CI, with the test results as a JUnit report."""
    job = yaml.safe_load((CI / "gitlab-ci.yml").read_text(encoding="utf-8"))["course"]
    run = commands(job["before_script"] + job["script"])
    for cmd in ("sbfa-pack test --setup", "sbfa-pack validate", "sbfa-pack build",
                "sbfa-pack test dist --junit test-results.xml"):
        assert cmd in run, cmd
    assert "dist/*.zip" in job["artifacts"]["paths"] and job["artifacts"]["reports"]["junit"] == "test-results.xml"
    guide = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    assert "docs/ci/github-actions.yml" in guide and "docs/ci/gitlab-ci.yml" in guide


@pytest.fixture()
def broken(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A git repository holding a course whose pass mark is out of range (line 11 of course.yaml)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "project"
    shutil.copytree(BASIC, root)
    course = root / "courses" / "first-steps" / "course.yaml"
    text = course.read_text(encoding="utf-8")
    assert "  pass_mark: 70\n" in text
    course.write_text(text.replace("  pass_mark: 70\n", "  pass_mark: 170\n"), encoding="utf-8")
    bindir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bindir + os.pathsep + os.environ.get("PATH", ""), "PYTHONPATH": str(REPO / "src"),
           "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "init", "-q"], cwd=root, check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    return root, env


def test_pre_commit_hook_refuses_a_broken_course(broken: tuple[Path, dict[str, str]]) -> None:
    """Issue 16: the hook's command exits non-zero with the file:line message; installed as a git
    hook, it refuses the commit."""
    root, env = broken
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    entry = next(h for h in hooks if h["id"] == "sbfa-pack-validate")["entry"]
    done = subprocess.run(entry.split(), cwd=root, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "courses/first-steps/course.yaml:11:" in done.stdout + done.stderr
    hook = root / ".git" / "hooks" / "pre-commit"
    shutil.copy(CI / "pre-commit", hook)
    hook.chmod(0o755)
    done = subprocess.run(["git", "commit", "-qm", "broken"], cwd=root, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode != 0
    assert "courses/first-steps/course.yaml:11:" in done.stdout + done.stderr
    assert subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, env=env, capture_output=True).returncode != 0
