"""Reading a package safely: a zip (streamed, never extracted), a folder, or a bare manifest file.

Every check here uses the zip's central directory only, before any entry is decompressed, so a
hostile archive (path escapes, symlinks, bombs) is refused without writing or inflating anything.
"""

from __future__ import annotations

import lzma
import os
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostics

# Limits checked against the central directory's declared figures before anything is inflated.
# They are far above what an e-learning package needs (the largest corpus package,
# lectora-shirin-site, lists 1,635 files) and low enough that a bomb cannot exhaust a CI machine.
# Entries are streamed (memory stays bounded), so what a bomb costs is inflation time: below
# MAX_FREE_EXPANSION any ratio deflate can produce is admitted, because sbfa-pack's own packages
# legitimately hold megabytes of highly compressible HTML/JSON (a 1.5 MB text compresses ~1000:1);
# above it, the whole archive may expand at most MAX_TOTAL_RATIO times its own size.
MAX_ENTRIES = 50_000
MAX_TOTAL_UNCOMPRESSED = 4 * 1024**3
MAX_FREE_EXPANSION = 512 * 1024**2
MAX_TOTAL_RATIO = 20
MAX_DEFLATE_RATIO = 1100  # deflate cannot exceed ~1032:1: a higher declared ratio is a lie
MAX_MANIFEST_BYTES = 16 * 1024**2
_CHUNK = 1024**2
_ALLOWED_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


# What reading a damaged archive can raise (zipfile, zlib and the OS); anything else is a bug.
READ_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, lzma.LZMAError, OSError, EOFError,
               NotImplementedError, RuntimeError, ValueError, UnicodeDecodeError)


class EntryTooLarge(Exception):
    """An entry is larger than the caller allows; raised instead of reading it."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One file of a package, as listed (never its content)."""

    name: str
    size: int
    compressed: int = 0
    # The very central-directory record that was checked: reads open it, never a name (with duplicate
    # names zipfile's lookup by name returns the last record, which may be an unchecked one).
    info: zipfile.ZipInfo | None = field(default=None, compare=False, repr=False)


@dataclass
class Package:
    """A package's file list and a way to stream its entries; ``prefix`` selects a subfolder."""

    path: Path
    kind: str  # "zip", "folder" or "file"
    entries: dict[str, Entry] = field(default_factory=dict)
    prefix: str = ""
    _zip: zipfile.ZipFile | None = None
    _names: set[str] | None = field(default=None, repr=False)
    _names_count: int = field(default=-1, repr=False)

    def display(self, name: str) -> str:
        """How an entry is named in diagnostics: ``course.zip!imsmanifest.xml``, ``dir/imsmanifest.xml``."""
        if self.kind == "zip":
            return f"{self.path}!{self.prefix}{name}"
        if self.kind == "folder":
            return f"{self.path}/{self.prefix}{name}"
        return str(self.path)

    @property
    def label(self) -> str:
        """The package as named in diagnostics about it as a whole."""
        return str(self.path)

    def names(self) -> set[str]:
        """Entry names relative to the package root (the prefix removed); computed once, do not modify."""
        if self._names is None or self._names_count != len(self.entries):
            n = len(self.prefix)
            self._names = {k[n:] for k in self.entries if k.startswith(self.prefix)}
            self._names_count = len(self.entries)
        return self._names

    def has_files(self) -> bool:
        """False for a bare manifest file, whose neighbours are not part of what was given."""
        return self.kind != "file"

    def total_size(self) -> int:
        """Uncompressed bytes of all entries (below the prefix)."""
        return sum(e.size for k, e in self.entries.items() if k.startswith(self.prefix))

    def sub(self, prefix: str) -> Package:
        """The same package seen from a subfolder (used to explain a manifest in the wrong place)."""
        return Package(self.path, self.kind, self.entries, prefix, self._zip)

    def read(self, name: str, limit: int = MAX_MANIFEST_BYTES) -> bytes:
        """Return an entry's bytes, refusing (EntryTooLarge) anything above ``limit``."""
        full = self.prefix + name
        if self.kind == "file":
            if self.path.stat().st_size > limit:
                raise EntryTooLarge(full)
            return self.path.read_bytes()
        entry = self.entries[full]
        if entry.size > limit:
            raise EntryTooLarge(full)
        chunks = list(self.stream(name))
        data = b"".join(chunks)
        if len(data) > limit:
            raise EntryTooLarge(full)
        return data

    def stream(self, name: str) -> Iterator[bytes]:
        """Yield an entry in chunks; memory stays bounded whatever its size."""
        full = self.prefix + name
        if self._zip is not None:
            # ZipExtFile stops at the size the central directory declares and checks the CRC,
            # so an entry that lies about its size cannot inflate beyond what was checked.
            with self._zip.open(self.entries[full].info or full) as fh:
                while chunk := fh.read(_CHUNK):
                    yield chunk
        else:
            with open(self.path / full, "rb") as fh:
                while chunk := fh.read(_CHUNK):
                    yield chunk

    def close(self) -> None:
        """Release the zip file handle."""
        if self._zip is not None:
            self._zip.close()


def open_package(path: Path, diags: Diagnostics) -> Package | None:
    """Open ``path`` as a zip, folder or single file, reporting container problems; None if unusable."""
    if path.is_dir():
        return _open_folder(path, diags)
    if path.suffix.lower() == ".zip" or _has_zip_magic(path):
        return _open_zip(path, diags)
    return Package(path, "file")


def _has_zip_magic(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def _declared_entries(path: Path) -> int | None:
    """The entry count the end-of-central-directory record declares (zip64 too), read from the file's
    tail alone; None when there is no such record (zipfile then says why)."""
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - 65_557))
            tail = fh.read()
            at = tail.rfind(b"PK\x05\x06")
            if at < 0 or len(tail) - at < 22:
                return None
            count = int(struct.unpack("<H", tail[at + 10: at + 12])[0])
            locator = tail[at - 20: at] if at >= 20 else b""
            if count == 0xFFFF and locator[:4] == b"PK\x06\x07":
                fh.seek(int(struct.unpack("<Q", locator[8:16])[0]))
                record = fh.read(56)
                if record[:4] == b"PK\x06\x06" and len(record) == 56:
                    count = int(struct.unpack("<Q", record[32:40])[0])
            return count
    except (OSError, struct.error):
        return None


def _open_zip(path: Path, diags: Diagnostics) -> Package | None:
    label = str(path)
    declared = _declared_entries(path)
    if declared is not None and declared > MAX_ENTRIES:
        # Refused before zipfile parses (and keeps in memory) a central directory of that size.
        diags.error("zip.bomb", f"the zip declares {declared} entries (limit {MAX_ENTRIES}); not read", label)
        return None
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except READ_ERRORS as exc:
        diags.error("zip.not-a-zip", f"this is not a readable zip file ({exc}); an LMS will refuse it", label)
        return None
    if len(infos) > MAX_ENTRIES:
        diags.error("zip.bomb", f"the zip lists {len(infos)} entries (limit {MAX_ENTRIES}); not read further", label)
        zf.close()
        return None
    pkg = Package(path, "zip", _zip=zf)
    if not _check_declared_sizes(path, infos, diags) or not _check_zip_entries(pkg, infos, diags):
        zf.close()
        return None
    _check_crc(pkg, diags)
    return pkg


def _check_declared_sizes(path: Path, infos: list[zipfile.ZipInfo], diags: Diagnostics) -> bool:
    """Total declared size and expansion of the whole archive (Issue 21 item 5); False for a bomb."""
    total = sum(i.file_size for i in infos)
    archive = max(path.stat().st_size, 1)
    if total > MAX_TOTAL_UNCOMPRESSED:
        problem = f"entries add up to {total} bytes uncompressed (limit {MAX_TOTAL_UNCOMPRESSED})"
    elif total > MAX_FREE_EXPANSION and total > MAX_TOTAL_RATIO * archive:
        problem = (f"entries add up to {total} bytes uncompressed from a {archive}-byte zip, "
                   f"{total // archive}:1 (limit {MAX_TOTAL_RATIO}:1 above {MAX_FREE_EXPANSION // 1024**2} MB)")
    else:
        return True
    diags.error("zip.bomb", f"{problem}: a compression bomb; nothing was inflated", str(path))
    return False


def _check_zip_entries(pkg: Package, infos: list[zipfile.ZipInfo], diags: Diagnostics) -> bool:
    """Central-directory checks; False when the archive must not be read at all."""
    label = str(pkg.path)
    usable = True
    folded: dict[str, str] = {}
    for info in infos:
        name = info.filename
        where = f"{label}!{name}"
        if _CONTROL.search(name):
            diags.error("zip.path-escape", f"entry name {name!r} contains control characters", label)
            usable = False
            continue
        if "\\" in name or name.startswith("/") or _DRIVE.match(name) or ".." in name.split("/"):
            diags.error(
                "zip.path-escape",
                f"entry {name!r} would be written outside the package folder on extraction "
                "(absolute path, drive letter, backslash or '..'); LMSs reject or mis-extract it",
                label,
            )
            usable = False
            continue
        if info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16):
            diags.error("zip.symlink", f"entry {name!r} is a symbolic link; packages must hold real files", where)
            continue
        if info.flag_bits & 0x1:
            diags.error("zip.encrypted", f"entry {name!r} is encrypted; an LMS cannot read it", where)
            continue
        if info.compress_type not in _ALLOWED_METHODS:
            diags.error(
                "zip.compression",
                f"entry {name!r} uses compression method {info.compress_type}; use stored or deflated "
                "(Moodle: 'You must provide a valid zip file')",
                where,
            )
            continue
        if not info.flag_bits & 0x800 and not name.isascii():
            diags.warning(
                "zip.name-encoding",
                f"entry {name!r} has a non-ASCII name without the UTF-8 flag; unzip tools will "
                "disagree on its spelling",
                where,
            )
        if info.file_size > MAX_DEFLATE_RATIO * max(info.compress_size, 1):
            diags.error(
                "zip.bomb",
                f"entry {name!r} declares {info.file_size // max(info.compress_size, 1)}:1 expansion, more "
                f"than deflate can produce ({MAX_DEFLATE_RATIO}:1): a compression bomb; not read",
                where,
            )
            usable = False
            continue
        if name.endswith("/"):
            continue
        if name in pkg.entries:
            diags.error("zip.duplicate", f"entry {name!r} appears twice; which copy is used is undefined", where)
            continue
        other = folded.setdefault(name.casefold(), name)
        if other != name:
            diags.warning(
                "zip.case-collision",
                f"entries {other!r} and {name!r} differ only in case; on Windows and macOS one overwrites "
                "the other when extracted",
                where,
            )
        pkg.entries[name] = Entry(name, info.file_size, info.compress_size, info)
    return usable


def _check_crc(pkg: Package, diags: Diagnostics) -> None:
    """Stream every entry once to verify its CRC, as an LMS does when it extracts the zip."""
    for name in sorted(pkg.entries):
        try:
            for _ in pkg.stream(name):
                pass
        except READ_ERRORS as exc:
            diags.error("zip.corrupt", f"entry {name!r} cannot be read back ({exc}); the zip is damaged",
                        pkg.display(name))
            del pkg.entries[name]


def _open_folder(path: Path, diags: Diagnostics) -> Package:
    pkg = Package(path, "folder")
    count = 0
    folded: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
        base = Path(dirpath)
        for d in list(dirnames):
            if (base / d).is_symlink():
                rel = (base / d).relative_to(path).as_posix()
                diags.error("zip.symlink", f"{rel!r} is a symbolic link; packages must hold real files",
                            pkg.display(rel))
                dirnames.remove(d)
        for f in filenames:
            full = base / f
            rel = full.relative_to(path).as_posix()
            count += 1
            if count > MAX_ENTRIES:
                diags.error("zip.bomb", f"the folder holds more than {MAX_ENTRIES} files; not read further",
                            str(path))
                return pkg
            try:
                info = full.lstat()
            except OSError:
                continue
            if stat.S_ISLNK(info.st_mode):
                diags.error("zip.symlink", f"{rel!r} is a symbolic link; packages must hold real files",
                            pkg.display(rel))
                continue
            if not stat.S_ISREG(info.st_mode):
                # Reading a FIFO blocks for ever; a device may never end: such files are never opened.
                diags.error("package.special-file", f"{rel!r} is {special_kind(info.st_mode)}, not a file; a "
                            "package holds only files (it was not read)", pkg.display(rel))
                continue
            pkg.entries[rel] = Entry(rel, info.st_size, info.st_size)
            other = folded.setdefault(rel.casefold(), rel)
            if other != rel:
                diags.warning("zip.case-collision", f"files {other!r} and {rel!r} differ only in case; zipped and "
                              "extracted on Windows or macOS, one overwrites the other", pkg.display(rel))
    return pkg


def special_kind(mode: int) -> str:
    """'a FIFO', 'a socket', 'a device' for a file mode that is not a regular file or a folder."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file"
