"""Watching a project for changes by polling file times and sizes (no dependency, every system).

Watched: the files at the project's top (``sbfa.yaml``), its ``courses/`` (sources, Markdown and
assets), ``toolkit/``, ``resources/`` and ``locales/``, and the theme's template folder and logo
(``extra``). Not the rest of the folder: a project kept beside other things (a Git checkout with
its tools) is not walked whole three times a second. Hidden files and folders are skipped.
"""

from __future__ import annotations

import os
import threading
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path

from ..paths import walk_inside

INTERVAL = 0.3
"""Seconds between two looks at the files."""
FOLDERS = ("courses", "toolkit", "resources", "locales")
_SKIP = {"node_modules", "__pycache__"}

Stamp = dict[Path, tuple[int, int]]


def stamp(root: Path, extra: Iterable[Path] = ()) -> Stamp:
    """Modification time (ns) and size of every watched file."""
    out: Stamp = {}
    with os.scandir(root) as entries:
        for entry in entries:
            if entry.is_file() and not entry.name.startswith("."):
                _add(out, Path(entry.path))
    for top in (*(root / name for name in FOLDERS), *extra):
        if top.is_file():
            _add(out, top)
            continue
        if not top.is_dir():
            continue
        for folder, dirs, files in walk_inside(top, root):
            dirs[:] = [d for d in dirs if d not in _SKIP and not d.startswith(".")]
            for name in files:
                if not name.startswith("."):
                    _add(out, Path(folder, name))
    return out


def _add(out: Stamp, path: Path) -> None:
    try:
        st = os.stat(path)
    except OSError:
        return  # gone between the listing and now: the next look sees it missing
    out[path] = (st.st_mtime_ns, st.st_size)


def changes(before: Stamp, after: Stamp) -> list[Path]:
    """Files added, removed or changed, sorted."""
    return sorted({p for p in before.keys() | after.keys() if before.get(p) != after.get(p)})


class Watcher:
    """A thread that calls ``on_change(paths)`` whenever watched files change."""

    def __init__(self, root: Path, on_change: Callable[[list[Path]], None], extra: Iterable[Path] = ()) -> None:
        self.root, self.extra, self.on_change = root, list(extra), on_change
        self.stop = threading.Event()
        self.last = stamp(root, self.extra)
        self.thread = threading.Thread(target=self._run, name="sbfa-preview-watch", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.wait(INTERVAL):
            now = stamp(self.root, self.extra)
            changed = changes(self.last, now)
            self.last = now
            if changed:
                try:
                    self.on_change(changed)
                except Exception:  # a bug: show it, and keep watching (the next change may work)
                    traceback.print_exc()
