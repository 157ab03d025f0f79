"""A failing build never destroys the last good one (issue 20): a full disk at any write call of a
rebuild leaves dist/ exactly as the last good build left it, its index true to its packages.

The disk is filled by injection, portable and exact: the n-th write call of the build (a data
write, a rename or replace) fails with ENOSPC, and from then on every data write fails too (the
disk stays full; renames still work, as they do on a full disk). The build runs serially
(``jobs=1``), so the calls come in one order and every one of them is tried in turn.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_build import _index_matches_dist

from sbfa_pack import build as engine
from sbfa_pack import commit

ROOTS = Path(__file__).parents[1] / "roots"


class FullDisk:
    """Counts a build's write calls; the ``fail_at``-th fails with ENOSPC (0: none fails), and so
    does every data write after it. ``kinds`` says what each call wrote (by file name)."""

    def __init__(self, fail_at: int, renames_fail_too: bool = False) -> None:
        self.fail_at, self.renames_fail_too = fail_at, renames_fail_too
        self.calls = 0
        self.full = False
        self.kinds: list[str] = []
        self.failed = ""

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        real_write, real_replace, real_rename = os.write, os.replace, os.rename

        def count(what: str) -> None:
            self.calls += 1
            self.kinds.append(what)
            if self.calls == self.fail_at:
                self.full, self.failed = True, what
                raise OSError(errno.ENOSPC, "No space left on device")

        def write(fd: int, data: Any) -> int:
            if self.full:
                raise OSError(errno.ENOSPC, "No space left on device")
            count("write " + os.path.basename(os.readlink(f"/proc/self/fd/{fd}")))
            return real_write(fd, data)

        def renamer(real: Callable[..., None]) -> Callable[..., None]:
            def rename(src: Any, dst: Any, **kw: Any) -> None:
                if self.full and self.renames_fail_too:
                    raise OSError(errno.EIO, "Input/output error")
                count(f"rename {os.path.basename(src)} -> {os.path.basename(dst)}")
                real(src, dst, **kw)
            return rename

        monkeypatch.setattr(os, "write", write)
        monkeypatch.setattr(os, "replace", renamer(real_replace))
        monkeypatch.setattr(os, "rename", renamer(real_rename))


def _state(dist: Path) -> dict[str, bytes]:
    """What a partner sees in dist/: the packages and index.json, byte for byte."""
    return {p.name: p.read_bytes() for p in sorted(dist.iterdir()) if not p.name.startswith(".")}


def _check_whole(dist: Path) -> None:
    for package in dist.glob("*.zip"):
        with zipfile.ZipFile(package) as zf:
            assert zf.testzip() is None, package.name
    _index_matches_dist(dist)
    assert not [p.name for p in dist.iterdir() if p.name.endswith(".tmp") or p.name == commit.JOURNAL]


@pytest.fixture()
def rebuild(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A project built once (the last good build: its dist/ state), then changed so that the next
    build stages, replaces a package under its name, adds one under a new name and removes one."""
    root = tmp_path / "good"
    shutil.copytree(ROOTS / "basic", root)
    assert not engine.build(root, root / "dist", formats=["web"], jobs=1).diagnostics.errors
    good = _state(root / "dist")
    welcome = root / "courses" / "first-steps" / "welcome.md"
    welcome.write_text(welcome.read_text() + "\nOne more line.\n")
    swot = root / "toolkit" / "swot.yaml"
    swot.write_text(swot.read_text().replace("version: 1.0.0", "version: 1.1.0", 1))
    return root, good


def test_a_full_disk_at_any_write_leaves_the_last_good_build(rebuild: tuple[Path, dict[str, bytes]],
                                                               tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 20 items 1, 2 and the no-op record of 4: ENOSPC at each write call in turn (staging the
    packages, the index, cache and no-op record, the journal, moving into place) fails the build;
    afterwards every zip is whole, index.json lists exactly the zips present (size and sha256),
    and the last good build is there, complete and byte for byte."""
    template, good = rebuild
    kinds: set[str] = set()
    n = 0
    while True:
        n += 1
        root = tmp_path / f"try{n}"
        shutil.copytree(template, root)
        disk = FullDisk(n)
        with monkeypatch.context() as m:
            disk.install(m)
            try:
                result = engine.build(root, root / "dist", formats=["web"], jobs=1)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
            else:
                assert disk.calls < n and not result.diagnostics.errors  # every call was tried
                break
        kinds.add(disk.failed.split(" ")[0] + " " + _what(disk.failed))
        dist = root / "dist"
        _check_whole(dist)
        assert _state(dist) == good, disk.failed
        shutil.rmtree(root)
    assert kinds == {"write package", "write cache", "write record", "write index", "write journal", "rename journal",
                     "rename package", "rename cache", "rename record", "rename index"}
    # With room enough for every call, the same build commits: the new set, whole and listed.
    assert result.removed == ["swot-1.0.0-en-web.zip"] and result.skipped == 0
    _check_whole(root / "dist")
    assert _state(root / "dist") != good


def _what(call: str) -> str:
    name = call.split(" -> ")[-1] if "->" in call else call.split(" ", 1)[1]
    name = name.lstrip(".")
    for kind, mark in (("journal", "sbfa-commit"), ("index", "index.json"), ("record", "sbfa-inputs"),
                       ("cache", "sbfa-build.json"), ("package", ".zip")):
        if mark in name:
            return kind
    return name


def test_a_commit_that_cannot_be_undone_is_completed_by_the_next_build(
        rebuild: tuple[Path, dict[str, bytes]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 20 item 2, issue 21 item 2: when even the undoing fails (the disk fails outright in
    the middle of the commit), the journal stays, and the next build completes the commit before
    anything else: its index then matches every zip, and no staged file is left."""
    root, _ = rebuild
    probe, copy = FullDisk(0), tmp_path / "copy"
    shutil.copytree(root, copy)
    with monkeypatch.context() as m:
        probe.install(m)
        engine.build(copy, copy / "dist", formats=["web"], jobs=1)  # count the calls
    first_move = next(i for i, k in enumerate(probe.kinds, 1) if k.startswith("rename") and ".zip" in k
                      and "sbfa-commit" not in k)
    disk = FullDisk(first_move + 2, renames_fail_too=True)
    with monkeypatch.context() as m, pytest.raises(OSError):
        disk.install(m)
        engine.build(root, root / "dist", formats=["web"], jobs=1)
    assert (root / "dist" / commit.JOURNAL).exists()
    after = engine.build(root, root / "dist", formats=["web"], jobs=1)
    assert not after.diagnostics.errors
    _check_whole(root / "dist")
    index = json.loads((root / "dist" / "index.json").read_text())
    assert {p["sha256"] for p in index["packages"]} == {hashlib.sha256(p.read_bytes()).hexdigest()
                                                        for p in (root / "dist").glob("*.zip")}
