"""Writing the site: only what changed, each file whole.

Every file is compared with what is already there first: the same bytes are not written again
(a rebuild of an unchanged project writes nothing). A changed file is staged beside its place
(``.<name>.sbfa<8 hex>.<…>.tmp``, :func:`sbfa_pack.packaging.stage`) and renamed onto it, so a
reader or an interrupted build never meets half a file; the staged leftovers of a killed build
are swept by the next one (:func:`sbfa_pack.commit.sweep`). The list of the files of the last
build (``.sbfa-site.json``) says which files are ours: a file the site no longer produces is
removed, any other file in the folder is never touched. Two builds never write one folder at
once (:func:`sbfa_pack.commit.exclusive`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from .. import commit
from ..errors import SbfaError
from ..packaging import stage

MANIFEST = ".sbfa-site.json"


class SiteError(SbfaError):
    """The site cannot be built from what is there (a package that is not what the index says)."""

    code = "site.input"


@dataclass(frozen=True)
class Copy:
    """A file copied into the site as it is (a package zip), known by its size and sha256."""

    source: Path
    size: int
    sha256: str


@dataclass
class Written:
    """What writing the site did."""

    written: list[str]
    unchanged: int
    removed: list[str]


def write(out_dir: Path, files: dict[str, bytes], copies: dict[str, Copy]) -> Written:
    """Make ``out_dir`` hold ``files`` and ``copies`` (site-relative POSIX paths), writing only changes."""
    with commit.exclusive(out_dir):
        tag = f"sbfa{secrets.token_hex(4)}."
        old = _manifest(out_dir)
        names = sorted({*files, *copies})
        for folder in sorted({(out_dir / n).parent for n in [*names, *old]}):
            commit.sweep(folder)
        written: list[str] = []
        for name in names:
            path = out_dir / name
            if name in files:
                data = files[name]
                if _same_bytes(path, data):
                    continue
            else:
                c = copies[name]
                if _same_file(path, c):
                    continue
                data = c.source.read_bytes()
                if hashlib.sha256(data).hexdigest() != c.sha256:
                    raise SiteError(message=f"{c.source}: not the file dist/index.json lists (another sha256); "
                                            "run `sbfa-pack build` again")
            _place(stage(path, data, tag), path)
            written.append(name)
        removed = sorted(set(old) - set(names))
        for name in removed:
            with contextlib.suppress(FileNotFoundError):
                (out_dir / name).unlink()
        doc = (json.dumps({"version": 1, "files": names}, indent=0) + "\n").encode()
        if not _same_bytes(out_dir / MANIFEST, doc):
            _place(stage(out_dir / MANIFEST, doc, tag), out_dir / MANIFEST)
        return Written(written, len(names) - len(written), removed)


def _place(staged: Path, path: Path) -> None:
    """Rename the staged file onto its place; on failure (a full disk, an interrupt) it goes."""
    try:
        os.replace(staged, path)
    except BaseException:
        with contextlib.suppress(OSError):
            staged.unlink()
        raise


def _manifest(out_dir: Path) -> list[str]:
    try:
        doc = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        files = doc["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    # Only plain relative paths inside the folder: a tampered list never removes anything outside.
    return [f for f in files if isinstance(f, str) and f and not f.startswith(("/", "\\")) and ".." not in f.split("/")]


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _same_file(path: Path, c: Copy) -> bool:
    try:
        if path.stat().st_size != c.size:
            return False
        return hashlib.sha256(path.read_bytes()).hexdigest() == c.sha256
    except OSError:
        return False
