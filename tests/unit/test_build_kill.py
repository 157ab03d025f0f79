"""Killed builds (issue 21 items 1-3): ``kill -9`` of the build's main process, at random points,
among its workers and inside the commit window. Afterwards no process of the build survives,
the next build runs (exit 0), index.json matches every zip (size and sha256) and no staged file
is left. The deterministic points are set by a small runner that wraps the real command."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_build import _index_matches_dist, sources_env

from sbfa_pack import build as engine
from sbfa_pack import commit
from sbfa_pack.cli import main

ROOTS = Path(__file__).parents[1] / "roots"

pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux /proc")

# Runs `sbfa-pack ARGS`, killing itself (SIGKILL) at KILL_AT: "tasks" (the first task is done, the
# workers are alive), "commit:N" (before the N-th rename of the commit window), "pause" (waits
# while it builds, printing "building"), "" (never).
_RUNNER = """
import os, signal, sys, time
from sbfa_pack import build, commit
point = os.environ.get("KILL_AT", "")
if point == "pause":  # hold the lock, in the middle of a real build, until killed
    real_tasks = build._run_tasks
    def run_tasks(*args):
        print("building", flush=True)
        time.sleep(120)
        yield from real_tasks(*args)
    build._run_tasks = run_tasks
elif point == "tasks":
    real_tasks = build._run_tasks
    def run_tasks(*args):
        for result in real_tasks(*args):
            os.kill(os.getpid(), signal.SIGKILL)
            yield result
    build._run_tasks = run_tasks
elif point.startswith("commit:"):
    at, seen, real_replace = int(point[7:]), [], os.replace
    def replace(src, dst, **kw):
        if os.path.exists(os.path.join(os.path.dirname(str(dst)), commit.JOURNAL)):
            seen.append(dst)
            if len(seen) == at:
                os.kill(os.getpid(), signal.SIGKILL)
        real_replace(src, dst, **kw)
    os.replace = replace
from sbfa_pack.cli import main
sys.argv[0] = "sbfa-pack"
main()
"""


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A project built once, then changed: the next build replaces, adds and removes packages."""
    root = tmp_path / "project"
    shutil.copytree(ROOTS / "basic", root)
    assert not engine.build(root, root / "dist", formats=["web"], jobs=1).diagnostics.errors
    course = root / "courses" / "first-steps" / "course.yaml"
    course.write_text(course.read_text().replace("version: 1.0.0", "version: 1.1.0", 1))
    welcome = root / "courses" / "first-steps" / "welcome.md"
    welcome.write_text(welcome.read_text() + "\nOne more line.\n")
    swot = root / "toolkit" / "swot.yaml"
    swot.write_text(swot.read_text() + "keywords: [x]\n")
    return root


def _start(root: Path, kill_at: str, **env: str) -> tuple[subprocess.Popen[str], str]:
    mark = uuid.uuid4().hex
    proc = subprocess.Popen([sys.executable, "-c", _RUNNER, "build", str(root), "--format", "web", "-j", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=sources_env(KILL_AT=kill_at, SBFA_KILL_TEST=mark, **env))
    return proc, mark


def _survivors(mark: str) -> list[int]:
    """Processes still running with the test's mark in their environment (the build's workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if f"SBFA_KILL_TEST={mark}".encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def _after_the_kill(root: Path, mark: str) -> None:
    deadline = time.monotonic() + 15
    while _survivors(mark) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = _survivors(mark)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, "workers outlived the build"
    result = CliRunner().invoke(main, ["build", str(root), "--format", "web", "-j", "2"])
    assert result.exit_code == 0, result.output
    dist = root / "dist"
    assert _index_matches_dist(dist) == ["first-steps-1.1.0-en-web.zip", "swot-1.0.0-en-web.zip"]
    assert not [p.name for p in dist.iterdir() if p.name.endswith(".tmp") or p.name == commit.JOURNAL]


def test_workers_die_with_the_killed_build_and_free_its_lock(project: Path) -> None:
    """Issue 21 item 1: the main process is killed while its workers are alive; they end with it,
    and the lock does not block the next build."""
    proc, mark = _start(project, "tasks")
    proc.wait(timeout=120)
    assert proc.returncode == -signal.SIGKILL
    _after_the_kill(project, mark)


@pytest.mark.parametrize("at", [1, 4])
def test_a_kill_inside_the_commit_window_is_completed_by_the_next_build(project: Path, at: int) -> None:
    """Issue 21 items 2 and 3: killed between renames of its commit, the build leaves its journal;
    the next build completes the commit first (the index then matches every zip) and removes
    every staged file."""
    proc, mark = _start(project, f"commit:{at}")
    proc.wait(timeout=120)
    assert proc.returncode == -signal.SIGKILL
    assert (project / "dist" / commit.JOURNAL).exists()
    _after_the_kill(project, mark)


@pytest.mark.parametrize("run", [1, 2])
def test_a_kill_at_a_random_point(project: Path, run: int) -> None:
    """Issue 21: SIGKILL of the main process at a random point of a real build."""
    proc, mark = _start(project, "")
    delay = random.Random().uniform(0.2, 2.5)
    time.sleep(delay)
    proc.kill()
    proc.wait(timeout=60)
    try:
        _after_the_kill(project, mark)
    except AssertionError as exc:
        raise AssertionError(f"killed after {delay:.2f} s: {exc}") from exc


def test_stale_staged_files_are_swept_and_nothing_else(project: Path) -> None:
    """Issue 21 item 3: staged files of killed builds (our own pattern) go at the next build;
    files of any other name stay, even hidden .tmp ones."""
    dist = project / "dist"
    stale = [".swot-1.0.0-en-web.zip.sbfa0123abcd.x1y2z3.tmp", ".index.json.sbfadeadbeef.old.tmp"]
    mine = [".notes.tmp", ".swot-1.0.0-en-web.zip.sbfaXYZ.tmp", "draft.sbfa01234567.x.tmp"]
    for name in stale + mine:
        (dist / name).write_bytes(b"x")
    (dist / commit.JOURNAL).write_text("[1, 2")  # not a journal a build wrote: it guides nothing
    assert not engine.build(project, dist, formats=["web"], jobs=1).diagnostics.errors
    assert not [n for n in stale if (dist / n).exists()]
    assert all((dist / n).read_bytes() == b"x" for n in mine)
    assert not (dist / commit.JOURNAL).exists()


def test_builds_with_different_temporary_folders_exclude_each_other(project: Path, tmp_path: Path) -> None:
    """Issue 20 item 3: the lock lives with the output folder (dist/.sbfa-build.lock), so a build
    started while another writes to the same folder under another TMPDIR refuses (exit 2); once
    the first is killed, the lock does not block."""
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first, mark = _start(project, "pause", TMPDIR=str(tmp_path / "one"))
    try:
        assert first.stdout is not None and first.stdout.readline() == "building\n"
        second = subprocess.run([sys.executable, "-c", _RUNNER, "build", str(project), "--format", "web"],
                                capture_output=True, text=True, check=False,
                                env=sources_env(TMPDIR=str(tmp_path / "two")))
        assert second.returncode == 2, second.stderr
        assert "another sbfa-pack build is writing to" in second.stderr
    finally:
        first.kill()
        first.wait()
    _after_the_kill(project, mark)
