"""The build engine: deterministic, atomic, incremental, with an index of exactly what was built.

A small probe format (registered here, through the same door as plug-ins) keeps these tests
independent of the real renderers, which other parts own.
"""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path
from typing import ClassVar

import pytest

from sbfa_pack import build as engine
from sbfa_pack import builders, commit, noop
from sbfa_pack.builders import Builder
from sbfa_pack.errors import SbfaError, UsageError
from sbfa_pack.unit import Unit

ROOTS = Path(__file__).parents[1] / "roots"


class Probe(Builder):
    name = "probe"
    title = "Test probe: the unit as JSON plus its assets"
    fail: ClassVar[set[str]] = set()
    crash: ClassVar[set[str]] = set()

    def files(self, unit: Unit) -> dict[str, bytes]:
        if unit.id in self.fail:
            raise SbfaError(message=f"{unit.id}: refused by the probe")
        if unit.id in self.crash:
            raise RuntimeError("a bug in a builder")
        files = {"unit.json": unit.course.model_dump_json().encode(), "lang.txt": unit.language.encode()}
        files.update({f"assets/{k}": v.read_bytes() for k, v in unit.assets.items()})
        return files


builders.names()  # load the built-in formats first, then add the probe
builders.register(Probe)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOTS / "all-kinds", root)
    return root


def sources_env(**extra: str) -> dict[str, str]:
    """The environment for a subprocess running these sources (whatever its working folder)."""
    import sbfa_pack

    return {**os.environ, "PYTHONPATH": str(Path(sbfa_pack.__file__).parents[1]), **extra}


def _build(root: Path, **kw: object) -> engine.Result:
    return engine.build(root, root / "dist", formats=["probe"], jobs=2, **kw)  # type: ignore[arg-type]


def test_builds_every_course_and_exercise_in_every_language(project: Path) -> None:
    result = _build(project)
    assert not result.diagnostics.errors
    names = sorted(b.file for b in result.built)
    assert len(names) == 10  # (1 course + 4 exercises) x (en, de)
    assert "money-1.2.0-de-probe.zip" in names and "ready-1.0.0-en-probe.zip" in names
    index = json.loads((project / "dist" / "index.json").read_text())
    assert [p["file"] for p in index["packages"]] == names
    entry = index["packages"][names.index("money-1.2.0-de-probe.zip")]
    data = (project / "dist" / entry["file"]).read_bytes()
    assert entry["size"] == len(data)
    assert {"id": "money", "version": "1.2.0", "language": "de", "format": "probe", "kind": "course",
            "title": "Money for your business"}.items() <= entry.items()
    with zipfile.ZipFile(project / "dist" / entry["file"]) as zf:
        assert "assets/shop.png" in zf.namelist() and "assets/budget.pdf" in zf.namelist()


def test_deterministic_bytes_and_source_date_epoch(project: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    first = {b.file: b.sha256 for b in _build(project).built}
    other = tmp_path / "copy"
    shutil.copytree(project, other, ignore=shutil.ignore_patterns("dist"))
    os.utime(other / "courses" / "money" / "shop.png", (1, 1))  # file times never reach the zip
    assert {b.file: b.sha256 for b in engine.build(other, other / "dist", formats=["probe"], jobs=1).built} == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    again = engine.build(other, other / "dist", formats=["probe"], jobs=1)
    assert again.skipped == 0  # the timestamp is in every entry: nothing is unchanged
    dated = again.built
    with zipfile.ZipFile(other / "dist" / dated[0].file) as zf:
        infos = zf.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(2026, 1, 1, 0, 0, 0)}


def test_noop_rebuild_skips_and_a_change_rebuilds_only_what_it_touches(project: Path) -> None:
    _build(project)
    again = _build(project)
    assert again.skipped == 10
    course = project / "courses" / "money" / "costs.md"
    course.write_text(course.read_text() + "\nOne more line.\n")
    changed = _build(project)
    assert changed.skipped == 8  # only money-en and money-de were rebuilt
    (project / "courses" / "money" / "shop.png").write_bytes(b"\x89PNG changed")
    assert _build(project).skipped == 8  # an asset is an input too


def _index_matches_dist(dist: Path, foreign: tuple[str, ...] = ()) -> list[str]:
    """index.json lists exactly the zips in dist/ (but ``foreign`` ones), each with its size and
    sha256; their names."""
    import hashlib

    index = json.loads((dist / "index.json").read_text())
    listed = {p["file"]: (p["size"], p["sha256"]) for p in index["packages"]}
    present = {p.name: (p.stat().st_size, hashlib.sha256(p.read_bytes()).hexdigest()) for p in dist.glob("*.zip")
               if p.name not in foreign}
    assert listed == present
    return sorted(listed)


def test_a_narrowed_build_keeps_and_lists_the_other_packages(project: Path) -> None:
    """Issue 17 item 15 / issue 20: index.json lists exactly the packages of the project in dist/,
    also after a build narrowed to one exercise and language; files not ours stay."""
    _build(project)
    (project / "dist" / "notes.txt").write_text("mine")
    result = _build(project, only={"ready"}, languages=["en"])
    assert [b.file for b in result.built] == ["ready-1.0.0-en-probe.zip"] and not result.removed
    assert len(_index_matches_dist(project / "dist")) == 10
    assert (project / "dist" / "notes.txt").read_text() == "mine"


def test_packages_no_longer_built_are_removed_and_only_ours(project: Path) -> None:
    """Issue 17 item 15: after a version change, a dropped language or exercise, the packages the
    build no longer produces go (and the result says which); a zip the user put there stays,
    even one named like ours, because "ours" is what the last build recorded."""
    _build(project)
    dist = project / "dist"
    (dist / "ready-0.9.0-en-probe.zip").write_bytes(b"a partner's own file")
    (project / "toolkit" / "ready.yaml").unlink()
    course = project / "courses" / "money" / "course.yaml"
    course.write_text(course.read_text().replace("version: 1.2.0", "version: 1.3.0", 1))
    result = _build(project)
    assert result.removed == ["money-1.2.0-de-probe.zip", "money-1.2.0-en-probe.zip", "ready-1.0.0-de-probe.zip",
                              "ready-1.0.0-en-probe.zip"]
    names = _index_matches_dist(dist, foreign=("ready-0.9.0-en-probe.zip",))
    assert "money-1.3.0-en-probe.zip" in names and not [n for n in names if n.startswith("ready-1.0.0")]
    assert (dist / "ready-0.9.0-en-probe.zip").read_bytes() == b"a partner's own file"
    (dist / "ready-0.9.0-en-probe.zip").unlink()
    narrowed = _build(project, languages=["en"])  # a narrowed build removes nothing outside itself
    assert not narrowed.removed and (dist / "money-1.3.0-de-probe.zip").exists()


def test_a_failed_package_leaves_the_last_build_whole(project: Path) -> None:
    """Issue 20 item 1, issue 17 item 11: a package that fails commits nothing; the last good
    build stays in place, whole and listed."""
    _build(project)
    before = {p.name: p.read_bytes() for p in (project / "dist").glob("*.zip")}
    (project / "courses" / "money" / "costs.md").write_text("# Changed\n")
    Probe.fail = {"money"}
    try:
        result = _build(project)
    finally:
        Probe.fail = set()
    # One failure of two packages: one diagnostic that says so
    assert [d.code for d in result.diagnostics.errors] == ["build.failed"]
    assert result.diagnostics.errors[0].message == \
        "2 packages (money-1.2.0-en-probe.zip, …): money: refused by the probe"
    dist = project / "dist"
    assert not result.built
    assert not [p for p in dist.iterdir() if p.name.endswith(".tmp")]
    assert {p.name: p.read_bytes() for p in dist.glob("*.zip")} == before
    _index_matches_dist(dist)


def test_a_crashing_builder_shows_its_bug_and_leaves_nothing_stale(project: Path) -> None:
    _build(project)
    ready = project / "toolkit" / "ready.yaml"
    ready.write_text(ready.read_text() + "keywords: [x]\n")
    Probe.crash = {"ready"}
    try:
        with pytest.raises(RuntimeError, match="a bug in a builder"):
            engine.build(project, project / "dist", formats=["probe"], jobs=1)
    finally:
        Probe.crash = set()
    assert len(_index_matches_dist(project / "dist")) == 10  # the last good build, as it was


def test_nothing_is_written_when_sources_have_errors(project: Path) -> None:
    (project / "courses" / "money" / "course.yaml").write_text("id: money\n")
    result = _build(project)
    assert result.diagnostics.errors and not result.built
    assert not (project / "dist").exists()


def test_usage_errors(project: Path) -> None:
    with pytest.raises(UsageError, match="unknown format 'pdf'"):
        engine.build(project, project / "dist", formats=["pdf"])
    with pytest.raises(UsageError, match="not in the project's 'languages'"):
        engine.build(project, project / "dist", formats=["probe"], languages=["fr"])
    with pytest.raises(UsageError, match="no course or exercise named nope"):
        engine.build(project, project / "dist", formats=["probe"], only={"nope"})


def test_interrupted_build_leaves_only_whole_packages(project: Path) -> None:
    """SIGTERM (a cancelled CI job) in the middle: exit 130, no temporary or partial file in dist/."""
    import signal
    import subprocess
    import sys
    import time

    exe = Path(sys.executable).with_name("sbfa-pack")
    proc = subprocess.Popen([str(exe), "build", str(project), "--format", "web"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True, env=sources_env())
    dist = project / "dist"
    deadline = time.monotonic() + 60
    while proc.poll() is None and not (dist.is_dir() and any(dist.iterdir())) and time.monotonic() < deadline:
        time.sleep(0.01)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (0, 130), err
    assert "Traceback" not in err
    assert not dist.exists() or not [p.name for p in dist.iterdir() if p.name.endswith(".tmp")]
    for package in dist.glob("*.zip"):
        with zipfile.ZipFile(package) as zf:
            assert zf.testzip() is None


def test_a_package_changed_or_removed_in_dist_is_rebuilt(project: Path) -> None:
    _build(project)
    (project / "dist" / "ready-1.0.0-en-probe.zip").write_bytes(b"truncated")
    (project / "dist" / "ready-1.0.0-de-probe.zip").unlink()
    again = _build(project)
    assert again.skipped == 8
    with zipfile.ZipFile(project / "dist" / "ready-1.0.0-en-probe.zip") as zf:
        assert zf.testzip() is None


def test_translations_and_template_overrides_are_inputs(project: Path) -> None:
    (project / "sbfa.yaml").write_text((project / "sbfa.yaml").read_text() + "theme:\n  templates: overrides\n")
    (project / "overrides").mkdir()
    (project / "overrides" / "footer.html.j2").write_text("<footer>1</footer>")
    _build(project)
    assert _build(project).skipped == 10
    (project / "overrides" / "footer.html.j2").write_text("<footer>2</footer>")
    assert _build(project).skipped == 0
    (project / "locales" / "de").mkdir(parents=True)
    (project / "locales" / "de" / "notes.po").write_text('msgid ""\nmsgstr ""\n')
    assert _build(project).skipped == 0


def _second_course(project: Path, name: str = "pricing") -> Path:
    folder = project / "courses" / name
    shutil.copytree(project / "courses" / "money", folder)
    course = folder / "course.yaml"
    course.write_text(course.read_text().replace("id: money\n", f"id: {name}\n", 1))
    return course


def test_every_course_is_checked_in_one_pass_and_nothing_is_written(project: Path) -> None:
    """Courses are loaded by the workers, yet a build with errors still reports every problem of
    every course and of the toolkit (not just the first course's), and writes nothing."""
    second = _second_course(project)
    second.write_text(second.read_text().replace("title: Money for your business", "titel: Money", 1))
    (project / "courses" / "money" / "course.yaml").write_text("id: money\n")
    ready = project / "toolkit" / "ready.yaml"
    ready.write_text(ready.read_text().replace("title:", "titlee:", 1))
    result = _build(project)
    files = {d.file for d in result.diagnostics.errors}
    assert {"courses/money/course.yaml", "courses/pricing/course.yaml", "toolkit/ready.yaml"} <= files
    assert not result.built and not (project / "dist").exists()


def test_errors_in_one_course_leave_an_earlier_build_as_it_was(project: Path) -> None:
    """A build that finds errors commits nothing, even packages of good courses it had already
    made in its temporary files; the previous packages, cache and index stay."""
    _second_course(project)
    _build(project)
    kept = lambda: {p.name: p.read_bytes() for p in (project / "dist").iterdir() if p.name != noop.RECORD}  # noqa: E731
    before = kept()
    (project / "courses" / "money" / "costs.md").write_text("# Changed\n")
    broken = project / "courses" / "pricing" / "course.yaml"
    broken.write_text(broken.read_text() + "surprise: 1\n")
    assert _build(project).diagnostics.errors
    assert kept() == before
    assert not (project / "dist" / noop.RECORD).exists()  # the next build must not replay this one


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_bug_in_a_worker_leaves_no_temporary_file(project: Path, jobs: int) -> None:
    """A crash in any task stops the build: every temporary file of that build is swept away."""
    _second_course(project)
    Probe.crash = {"pricing"}
    try:
        with pytest.raises(RuntimeError, match="a bug in a builder"):
            engine.build(project, project / "dist", formats=["probe"], jobs=jobs)
    finally:
        Probe.crash = set()
    assert not (project / "dist").exists()  # nothing was committed: not even the folder stays


def test_tasks_split_the_work_without_losing_or_repeating_a_package() -> None:
    """Every stale package is in exactly one task; every course has exactly one task that reports
    its diagnostics, even a course with nothing to rebuild (it is still checked)."""
    from sbfa_pack.work import Job

    stale = [Job(unit, lang, fmt, "k") for unit in ("course:a", "exercise:x")
             for lang in ("en", "de", "el") for fmt in ("scorm12", "xapi")]
    tasks = engine._tasks(stale, ["course:a", "course:b"], workers=2)
    assert sorted(j.slot for t in tasks for j in t.jobs) == sorted(j.slot for j in stale)
    assert len(tasks) >= 8  # split so that two workers stay busy
    assert sorted(t.unit for t in tasks if t.report) == ["course:a", "course:b", "exercise:x"]
    assert [t.jobs for t in tasks if t.unit == "course:b"] == [()]


def test_a_second_build_into_the_same_folder_is_refused_while_one_runs(project: Path) -> None:
    """Two builds writing one dist/ would race on its cache and index: the second stops at once
    with a usage error (exit 2) and touches nothing."""
    with commit.exclusive(project / "dist"), pytest.raises(UsageError, match="another sbfa-pack build is"):
        _build(project)
    assert not (project / "dist").exists()
    assert not _build(project).diagnostics.errors  # free again
