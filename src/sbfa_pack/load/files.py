"""Reading source files safely: size, type, encoding and path problems become diagnostics."""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from ..diagnostics import Diagnostics
from ..model.text import CODE as CONTROL_CODE
from ..model.text import FORBIDDEN, forbidden
from ..paths import real

MAX_SOURCE_BYTES = 2 * 1024 * 1024
"""A course file or lesson above 2 MB is a mistake (and would be far too heavy for a phone)."""
MAX_REPORTED = 10
"""Control characters reported per file; the last report says when there are more."""


def display(path: Path, root: Path) -> str:
    """The path as shown in diagnostics: relative to the project root when inside it."""
    try:
        return real(path).relative_to(real(root)).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()


def read_text(path: Path, shown: str, diags: Diagnostics, *, limit: int = MAX_SOURCE_BYTES) -> str | None:
    """The text of a UTF-8 source file, or None with a diagnostic saying why it cannot be used."""
    try:  # the usual case in one stat: a regular file of a sensible size
        st = os.stat(path)
        if stat.S_ISREG(st.st_mode) and st.st_size <= limit:
            with open(path, "rb") as fh:
                return decode(fh.read(limit + 1), shown, diags)
    except (OSError, RuntimeError):
        pass  # said precisely below
    try:
        if path.is_symlink():
            path.resolve(strict=True)  # raises on loops and dangling links
        if path.is_dir():
            diags.error("file.is-directory", "expected a file but found a folder", shown, 1, 1)
            return None
        if not path.exists():
            diags.error("file.missing", "file not found", shown, 1, 1)
            return None
        if not path.is_file():
            diags.error("file.not-regular", "not a regular file", shown, 1, 1)
            return None
        size = path.stat().st_size
        if size > limit:
            diags.error("file.too-large",
                        f"the file is {size / 1e6:.1f} MB; source files may be at most {limit / 1e6:.0f} MB",
                        shown, 1, 1)
            return None
        with open(path, "rb") as fh:
            raw = fh.read(limit + 1)
    except RuntimeError:
        diags.error("file.symlink-loop", "symbolic link loop", shown, 1, 1)
        return None
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        code = "file.symlink-loop" if exc.errno == 40 else "file.unreadable"
        diags.error(code, f"cannot read the file: {reason}", shown, 1, 1)
        return None
    return decode(raw, shown, diags)


def decode(raw: bytes, shown: str, diags: Diagnostics) -> str | None:
    """Decode UTF-8 (a byte-order mark is dropped); binary data and other encodings are errors."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw[:8192] or raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        diags.error("file.binary", "this is a binary file (or UTF-16), not UTF-8 text", shown, 1, 1)
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        diags.error("file.encoding",
                    f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8", shown, line, col)
        return None
    if not text.strip():
        diags.error("file.empty", "the file is empty", shown, 1, 1)
        return None
    return text.replace("\r\n", "\n")


class Listing:
    """Names in folders exactly as the file system stores them, each folder read once.

    A link to ``Shop.PNG`` opens ``shop.png`` on a laptop (macOS and Windows ignore case) and
    fails on the LMS's server, which does not: so names are compared with the listing, not by
    opening the file.
    """

    def __init__(self) -> None:
        self._names: dict[Path, list[str]] = {}

    def names(self, folder: Path) -> list[str]:
        if folder not in self._names:
            try:
                self._names[folder] = sorted(os.listdir(folder))
            except OSError:
                self._names[folder] = []
        return self._names[folder]

    def actual(self, folder: Path, relative: str) -> str | None:
        """``relative`` (a ``/`` path below ``folder``) spelt as on disk when it differs only in
        case, else None (also when there is no such file at all, or for ``..``)."""
        parts = [p for p in relative.split("/") if p not in ("", ".")]
        if ".." in parts:
            return None
        here, spelt, differs = folder, [], False
        for part in parts:
            names = self.names(here)
            if part not in names:
                same = [n for n in names if n.casefold() == part.casefold()]
                if not same:
                    return None
                part, differs = same[0], True
            spelt.append(part)
            here = here / part
        return "/".join(spelt) if differs else None

    def close(self, folder: Path, relative: str) -> str | None:
        """A file name in the same folder close to the one in ``relative`` (a typo), or None."""
        head, _, name = relative.rpartition("/")
        if ".." in head.split("/"):
            return None
        stem, dot, ext = name.rpartition(".")
        if not dot:
            stem, ext = name, ""
        # Stems of files with the same extension: '.png' in common makes no two names alike.
        files = {n.rpartition(".")[0] if ext else n: n for n in self.names(folder / head)
                 if not n.startswith(".") and (n.lower().endswith(f".{ext.lower()}") if ext else "." not in n)}
        found = close_match(stem, files)
        return None if found is None else f"{head}/{files[found]}" if head else files[found]


def close_match(word: str, options: Iterable[str]) -> str | None:
    """The option most like ``word`` when one is close enough to be a slip of the finger."""
    found = difflib.get_close_matches(word, sorted(set(options)), n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for a close option, else an empty string."""
    found = close_match(word, options)
    return f" (did you mean '{found}'?)" if found else ""


def control_chars(text: str, shown: str, diags: Diagnostics) -> bool:
    """Report the control characters of a source's text (``model.text``), each at its place; True if any."""
    found = 0
    for m in FORBIDDEN.finditer(text):
        found += 1
        if found > MAX_REPORTED:
            break
        line = text.count("\n", 0, m.start()) + 1
        column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        more = " (and more after it)" if found == MAX_REPORTED and FORBIDDEN.search(text, m.end()) else ""
        diags.error(CONTROL_CODE, forbidden(m.group()) + more, shown, line, column)
    return found > 0
