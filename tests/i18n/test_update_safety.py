"""`i18n stats` and `i18n update` on broken, duplicated, half-written and disk-full catalogs."""

from __future__ import annotations

import builtins
import errno
import io
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polib
import pytest
from click.testing import Result

from .conftest import translate_all

DE = "locales/de/money-basics.po"


@pytest.fixture
def translated(project: Path, cli: Callable[..., Result]) -> Path:
    assert cli("i18n", "update", str(project), "--lang", "de").exit_code == 0
    for po in sorted(project.glob("locales/de/*.po")):
        translate_all(po, "X ")
    return project


def _line_of(project: Path, text: str) -> int:
    return (project / DE).read_text(encoding="utf-8", errors="replace").splitlines().index(text) + 1


BROKEN = {
    "bad quoting": (lambda t: t.replace('msgstr "X Money basics"', 'msgstr "X Money "basics"'),
                    'msgstr "X Money "basics"', 0, "malformed string (quotes or escapes)"),
    "msgid without msgstr": (lambda t: t.replace('msgstr "X Money basics"\n', ""),
                             'msgid "Money basics"', 0, "msgid without msgstr"),
    "duplicate entry": (lambda t: t + '\nmsgctxt "title"\nmsgid "Money basics"\nmsgstr "again"\n',
                        None, 0, "duplicate entry (first at line"),
    "not UTF-8": (None, 'msgid "Money basics"', 1, "not valid UTF-8"),
}


def _break(project: Path, kind: str) -> tuple[int, str]:
    change, anchor, offset, message = BROKEN[kind]
    path = project / DE
    if change is None:
        path.write_bytes(path.read_bytes().replace(b"X Money", b"X \xff"))
    else:
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    if anchor is None:
        line = len(path.read_text(encoding="utf-8").splitlines()) - 1
    else:
        line = _line_of(project, anchor) + offset
    return line, message


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_stats_and_update_refuse_a_broken_catalog_at_its_line(translated: Path, cli: Callable[..., Result],
                                                              kind: str) -> None:
    """Issue 22 item 2: exit 1 with file:line on each kind of broken PO file; update leaves it byte for byte."""
    line, message = _break(translated, kind)
    before = (translated / DE).read_bytes()
    for command in (["stats"], ["update", "--lang", "de"]):
        result = cli("i18n", *command, str(translated))
        assert result.exit_code == 1, (command, result.output)
        assert f"{DE}:{line}: error[i18n.po-syntax]: invalid PO file: {message}" in result.output
        assert "Traceback" not in result.output
        assert (translated / DE).read_bytes() == before
    # The other catalogs are still updated and counted.
    rows = json.loads(cli("i18n", "stats", str(translated), "--json").stdout)
    assert {(r["catalog"], r["language"]) for r in rows} >= {("budget", "de"), ("resources", "de")}


def test_live_and_obsolete_copies_of_one_message_keep_the_live_translation(translated: Path,
                                                                          cli: Callable[..., Result]) -> None:
    """Issue 21 item 4: a message both live and obsolete (#~) keeps its live translation on update."""
    path = translated / DE
    text = path.read_text(encoding="utf-8")
    path.write_text(text + '\n#~ msgctxt "title"\n#~ msgid "Money basics"\n#~ msgstr "OLD"\n', encoding="utf-8")
    assert cli("i18n", "update", str(translated), "--lang", "de").exit_code == 0
    po = polib.pofile(str(path))
    live = [e for e in po if e.msgid == "Money basics" and e.msgctxt == "title"]
    assert [(e.msgstr, bool(e.obsolete)) for e in live] == [("X Money basics", False)]


def test_a_killed_update_leaves_no_temporary_files(translated: Path, cli: Callable[..., Result]) -> None:
    """Issue 21 item 4: the stale temporary files of a killed update are swept by the next one
    (names of our own pattern only)."""
    stale = [translated / "locales/de/.money-basics.po.k3x_9q0a.tmp",
             translated / "locales/templates/.budget.pot.a1b2c3d4.tmp"]
    mine = [translated / "locales/de/notes.tmp", translated / "locales/de/.money-basics.po.bak"]  # not ours
    for f in stale + mine:
        f.write_text("half")
    assert cli("i18n", "update", str(translated), "--lang", "de").exit_code == 0
    assert [f.exists() for f in stale + mine] == [False, False, True, True]


class _Faults:
    """ENOSPC at the ``at``-th write call (0: count only)."""

    def __init__(self, at: int) -> None:
        self.at, self.calls = at, 0

    def hit(self) -> None:
        self.calls += 1
        if self.calls == self.at:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class _File:
    def __init__(self, real: Any, faults: _Faults) -> None:
        self._real, self._faults = real, faults

    def write(self, data: Any) -> int:
        self._faults.hit()
        return int(self._real.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def __enter__(self) -> _File:
        return self

    def __exit__(self, *exc: object) -> None:
        self._real.__exit__(*exc)


def _inject(monkeypatch: pytest.MonkeyPatch, faults: _Faults) -> None:
    """Every way of writing a file goes through ``faults``: file objects, os.write and the renames."""
    real_open, real_fdopen, real_write, real_replace = builtins.open, os.fdopen, os.write, os.replace

    def open_(file: Any, mode: str = "r", *args: Any, **kw: Any) -> Any:
        f = real_open(file, mode, *args, **kw)
        return _File(f, faults) if any(c in mode for c in "wax+") else f

    def fdopen(fd: int, mode: str = "r", *args: Any, **kw: Any) -> Any:
        f = real_fdopen(fd, mode, *args, **kw)
        return _File(f, faults) if any(c in mode for c in "wax+") else f

    def write(fd: int, data: bytes) -> int:
        faults.hit()
        return real_write(fd, data)

    def replace(src: Any, dst: Any, **kw: Any) -> None:
        faults.hit()
        real_replace(src, dst, **kw)

    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(io, "open", open_)
    monkeypatch.setattr(os, "fdopen", fdopen)
    monkeypatch.setattr(os, "write", write)
    monkeypatch.setattr(os, "replace", replace)


def _translations(project: Path) -> dict[Path, dict[tuple[str, str], str]]:
    return {p: {(e.msgctxt or "", e.msgid): e.msgstr for e in polib.pofile(str(p)) if e.msgstr}
            for p in sorted(project.glob("locales/de/*.po"))}


def test_disk_full_at_each_write_of_an_update_loses_nothing(translated: Path, cli: Callable[..., Result],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 20 item 4: ENOSPC injected at each write call of `i18n update` in turn: every catalog is
    the old file or the new one, every msgstr before is there after, and no temporary file stays."""
    course = translated / "courses/money-basics/course.yaml"
    course.write_text(course.read_text().replace("title: Fixed costs", "title: Fixed costs each month"))
    files = sorted(translated.glob("locales/**/*.po*"))
    old = {p: p.read_bytes() for p in files}
    before = _translations(translated)
    with monkeypatch.context() as m:
        counter = _Faults(0)
        _inject(m, counter)
        assert cli("i18n", "update", str(translated), "--lang", "de").exit_code == 0
    new = {p: p.read_bytes() for p in files}
    assert new != old and counter.calls >= 2 * len(files)
    for at in range(1, counter.calls + 1):
        for p, data in old.items():
            p.write_bytes(data)
        with monkeypatch.context() as m:
            _inject(m, _Faults(at))
            result = cli("i18n", "update", str(translated), "--lang", "de")
        assert result.exit_code == 1, (at, result.output)
        assert "error: cannot write: No space left on device" in result.output and "Traceback" not in result.output
        assert re.search(r"^locales/\S+\.pot?: error: cannot write", result.output, re.MULTILINE), result.output
        for p in files:
            assert p.read_bytes() in (old[p], new[p]), (at, p)
        after = _translations(translated)
        for p, entries in before.items():
            kept = set(after[p].values())
            assert all(text in kept for text in entries.values()), (at, p)
        assert not list(translated.glob("locales/**/.*.tmp")), at
