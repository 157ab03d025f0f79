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
import struct
import tempfile
import time
import zipfile
import zlib
from collections import OrderedDict
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
    """``files`` as a deterministic zip, in memory (a package is small; this saves a read-back).

    The bytes are exactly those :mod:`zipfile` writes for the same entries (a test holds them
    equal), with one saving: an entry whose content was compressed recently (the runtime script
    every package of a build carries, an asset shared by a course's languages and formats) reuses
    that compressed form. A package that would need ZIP64 is left to :mod:`zipfile` itself.
    """
    if len(files) >= 0xFFFF or sum(len(d) for d in files.values()) * 1.05 > _ZIP64_LIMIT:
        return zipfile_bytes(files, level)
    dostime, dosdate = _dos_stamp(zip_timestamp())
    body: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name in sorted(files):
        data = files[name]
        stored = name.lower().endswith(_ALREADY_COMPRESSED)
        method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        crc, packed = (zlib.crc32(data), data) if stored else _deflated(data, level)
        try:
            raw, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            raw, flags = name.encode("utf-8"), _UTF8_NAME
        fields = (flags, method, dostime, dosdate, crc, len(packed), len(data), len(raw))
        body += [struct.pack(_LOCAL, b"PK\x03\x04", _VERSION, 0, *fields, 0), raw, packed]
        central += [struct.pack(_CENTRAL, b"PK\x01\x02", _VERSION, _UNIX, _VERSION, 0, *fields, 0, 0, 0, 0,
                                _MODE_644, offset), raw]
        offset += _LOCAL_SIZE + len(raw) + len(packed)
    directory = b"".join(central)
    end = struct.pack(_END, b"PK\x05\x06", 0, 0, len(files), len(files), len(directory), offset, 0)
    return b"".join(body) + directory + end


# The zip records, as zipfile writes them for an in-memory archive: version 2.0 ("deflate"),
# made on Unix, no extra fields, no comments, no data descriptor.
_LOCAL = "<4s2B4HL2L2H"
_CENTRAL = "<4s4B4HL2L5H2L"
_END = "<4s4H2LH"
_LOCAL_SIZE = struct.calcsize(_LOCAL)
_VERSION, _UNIX, _UTF8_NAME, _MODE_644 = 20, 3, 0x800, 0o644 << 16
_ZIP64_LIMIT = (1 << 31) - 1
_CACHE_MAX = 16 << 20
"""Bytes of recently compressed contents kept for reuse (per process)."""
_CACHE: OrderedDict[tuple[int, bytes], tuple[int, bytes]] = OrderedDict()
_cache_size = 0
_SEEN: set[int] = set()


def _dos_stamp(stamp: tuple[int, int, int, int, int, int]) -> tuple[int, int]:
    year, month, day, hour, minute, second = stamp
    return hour << 11 | minute << 5 | second // 2, (year - 1980) << 9 | month << 5 | day


def _deflated(data: bytes, level: int) -> tuple[int, bytes]:
    """(CRC-32, raw deflate stream) of ``data``, from the cache when the same content was seen."""
    global _cache_size
    key = (level, data)
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    entry = zlib.crc32(data), compressor.compress(data) + compressor.flush()
    if len(data) < 4096:  # small entries cost less to compress than to remember
        return entry
    seen = hash(key)
    if seen not in _SEEN:  # remembered from the second time on: most pages are seen only once
        if len(_SEEN) > 100_000:
            _SEEN.clear()
        _SEEN.add(seen)
    else:
        _CACHE[key] = entry
        _cache_size += len(data) + len(entry[1])
        while _cache_size > _CACHE_MAX:
            (_, old), (_, packed) = _CACHE.popitem(last=False)
            _cache_size -= len(old) + len(packed)
    return entry


def zipfile_bytes(files: Mapping[str, bytes], level: int = 6) -> bytes:
    """The same archive as :func:`zip_bytes`, written by :mod:`zipfile` alone: used for packages
    that need ZIP64, as the reference in tests, and as the floor in ``benchmarks/build.py``."""
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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_MODE = 0o666 & ~_umask()
"""Files get the usual permissions (mkstemp alone would leave them readable by their owner only)."""


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file atomically: a temporary file beside it, then a rename; never a partial file."""
    tmp = stage(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def stage(path: Path, data: bytes, tag: str = "") -> Path:
    """Write ``data`` to a new temporary file beside ``path`` (``.<name>.<tag>…tmp``), to be renamed
    onto ``path`` by the caller; the file is whole or absent, never partial."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{tag}", suffix=".tmp", dir=path.parent)
    try:
        try:
            view = memoryview(data)
            while view:  # os.write: one call a fault-injection test can make fail (a full disk)
                view = view[os.write(fd, view):]
            os.fchmod(fd, _MODE)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return Path(tmp)
