"""How a build changes ``dist/``: one build at a time, and all of its changes or none.

Invariant: whatever stops a build (an error, a full disk, Ctrl-C, ``kill -9``), ``dist/index.json``
and the packages agree (every package listed is there, whole, with the listed size and sha256)
as soon as the next build has started, and, when the failing process could still act, at once.

- The lock is ``dist/.sbfa-build.lock`` (``flock``): any two builds into one folder exclude each
  other, whatever their temporary folders; the kernel releases it when its holder dies.
- Every file a build writes into ``dist/`` (packages, ``index.json``, the cache, the no-op record)
  is first staged beside its place as ``.<name>.sbfa<8 hex>.<…>.tmp``; staging takes the space.
- Then the journal ``.sbfa-commit.json`` (itself written atomically) lists the moves (staged file
  → place) and the removals (packages the build no longer produces): from then on the commit is
  decided. Each old file is renamed to a backup (``.<name>.sbfa<tag>old.tmp``) and the staged file
  to its place, one by one; no step needs space.
- A failure in that window (the process still running): every rename is undone in reverse order,
  the journal goes, and the last build stands as it was.
- A kill in that window: the next build (:func:`recover`, under the lock) finds the journal and
  completes the moves and removals. At every point each staged file's bytes are at its staged
  name or at its place, so completing is always possible; recovery is itself idempotent.
- Staged files of our own pattern left by a killed build are removed by the next build
  (:func:`sweep`), never any other file.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

from .errors import UsageError
from .packaging import stage

LOCK_FILE = ".sbfa-build.lock"
JOURNAL = ".sbfa-commit.json"
_STAGED = re.compile(r"\..+\.sbfa[0-9a-f]{8}\..*\.tmp")
"""A staged or backup file of some build (a tag is ``sbfa`` + 8 hex digits + ``.``)."""


@contextlib.contextmanager
def exclusive(out_dir: Path) -> Iterator[int | None]:
    """Hold the output folder's lock (yields its file descriptor, for workers to close); refuse
    at once with a usage error when another build holds it. A folder created only for the lock
    is removed again when the build left nothing in it."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        yield None
        return
    existed = out_dir.is_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / LOCK_FILE
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise UsageError(message=f"another sbfa-pack build is writing to {out_dir}; "
                                     "try again when it has finished") from None
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:  # not a lock file that its holder removed while this build waited for it
            break
        os.close(fd)
    try:
        yield fd
    finally:
        if not existed and {p.name for p in out_dir.iterdir()} == {LOCK_FILE}:
            with contextlib.suppress(OSError):
                path.unlink()
                out_dir.rmdir()
        os.close(fd)


def staged(out_dir: Path, name: str, data: bytes, tag: str) -> str:
    """Stage ``data`` for ``dist/<name>``; the staged file's name (in ``out_dir``)."""
    return stage(out_dir / name, data, tag).name


def _backup(name: str, tag: str) -> str:
    return f".{name}.{tag}old.tmp"


def commit(out_dir: Path, tag: str, moves: list[tuple[str, str]], removes: list[str]) -> None:
    """Move the staged files into place and remove ``removes``: all of it, or (on an exception)
    none of it. Names are plain file names in ``out_dir``."""
    journal = out_dir / JOURNAL
    stage_journal = stage(journal, json.dumps({"tag": tag, "moves": moves, "removes": removes}).encode(), tag)
    os.replace(stage_journal, journal)  # the commit is decided; nothing in dist/ has changed yet
    done: list[tuple[Path, Path]] = []
    backups: list[Path] = []
    try:
        for src, dst in [*moves, *((name, None) for name in removes)]:
            place = out_dir / (dst or src)
            if os.path.lexists(place):
                backup = out_dir / _backup(place.name, tag)
                os.replace(place, backup)
                done.append((place, backup))
                backups.append(backup)
            if dst is not None:
                os.replace(out_dir / src, place)
                done.append((out_dir / src, place))
    except BaseException:
        for src_path, dst_path in reversed(done):
            os.replace(dst_path, src_path)  # if this fails, the journal stays: the next build completes
        os.unlink(journal)
        raise
    for backup in backups:
        with contextlib.suppress(OSError):
            backup.unlink()
    with contextlib.suppress(OSError):
        journal.unlink()  # left behind, the next build finds nothing to do but remove it


def recover(out_dir: Path) -> bool:
    """Complete the commit of a build that was killed in the middle of it; whether there was one."""
    path = out_dir / JOURNAL
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return False
    try:
        doc = json.loads(raw)
        moves = [(str(src), str(dst)) for src, dst in doc["moves"]]
        removes = [str(name) for name in doc["removes"]]
    except (ValueError, TypeError, KeyError):  # ours are written whole: this one can guide nothing
        path.unlink()
        return False
    for src, dst in moves:
        if _plain(src) and _plain(dst) and os.path.lexists(out_dir / src):
            os.replace(out_dir / src, out_dir / dst)
    for name in removes:
        if _plain(name):
            with contextlib.suppress(FileNotFoundError):
                (out_dir / name).unlink()
    path.unlink()
    return True


def _plain(name: object) -> bool:
    return isinstance(name, str) and bool(name) and "/" not in name and "\\" not in name and name not in (".", "..")


def sweep(out_dir: Path, tag: str = "") -> None:
    """Remove staged files: of the build ``tag`` (its own leftovers), or with no tag those of any
    build (the leftovers of killed builds; call it under the lock). Never while a commit is
    pending (its journal names staged files), never a file of another pattern."""
    if not out_dir.is_dir() or (out_dir / JOURNAL).exists():
        return
    with os.scandir(out_dir) as entries:
        for entry in entries:
            ours = f".{tag}" in entry.name if tag else _STAGED.fullmatch(entry.name)
            if ours and entry.name.startswith(".") and entry.name.endswith(".tmp") \
                    and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
