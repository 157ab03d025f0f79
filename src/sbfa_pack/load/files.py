"""Reading source files safely: size, type, encoding and path problems become diagnostics."""

from __future__ import annotations

import os
import stat
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
