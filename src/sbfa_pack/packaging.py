"""Deterministic, atomic zip writing.

The same files give byte-identical zips: entries sorted by name, fixed timestamps (from
``SOURCE_DATE_EPOCH`` when set), fixed permissions, no extra fields. A zip is written to a
temporary file beside its destination and renamed into place, so ``dist/`` never holds a partial
or stale package, even when the build is interrupted.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import time
import zipfile
from collections.abc import Mapping
from pathlib import Path

_DOS_EPOCH = (1980, 1, 1, 0, 0, 0)
_ALREADY_COMPRESSED = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".mp3", ".mp4", ".m4a", ".ogg", ".webm",
                       ".zip", ".pdf", ".woff2")


def zip_timestamp() -> tuple[int, int, int, int, int, int]:
    """The timestamp of every entry: SOURCE_DATE_EPOCH (clamped to the zip range) or 1980-01-01."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw.isdigit():
        return _DOS_EPOCH
    t = time.gmtime(max(int(raw), 315532800))
    return (min(t.tm_year, 2107), t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec - t.tm_sec % 2)


def zip_bytes(files: Mapping[str, bytes], *, level: int = 6) -> bytes:
    """``files`` as a deterministic zip, in memory (a package is small; this saves a read-back)."""
    stamp = zip_timestamp()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.create_system = 3
            stored = name.lower().endswith(_ALREADY_COMPRESSED)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            zf.writestr(info, files[name], compresslevel=None if stored else level)
    return buf.getvalue()


def zip_bytes_to(path: Path, files: Mapping[str, bytes], *, level: int = 6) -> bytes:
    """Write ``files`` as a deterministic zip at ``path`` (atomically); returns the zip's bytes."""
    data = zip_bytes(files, level=level)
    write_atomic(path, data)
    return data


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_MODE = 0o666 & ~_umask()
"""Files get the usual permissions (mkstemp alone would leave them readable by their owner only)."""


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file atomically: a temporary file beside it, then a rename; never a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            os.fchmod(fh.fileno(), _MODE)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
