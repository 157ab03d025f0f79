"""Zip container safety (CAM-1…CAM-4, MDL-1): hostile archives are refused from the central directory."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest
from validate_helpers import minimal12_files, write_tree, zip_files, zip_tree

from sbfa_pack.validate import container, validate_package


def _codes(path: Path, severity: str = "error") -> set[str]:
    return {d.code for d in validate_package(path).diagnostics if d.severity == severity}


def _minimal_entries() -> list[tuple[str, bytes]]:
    return list(minimal12_files().items())


def test_not_a_zip(tmp_path: Path) -> None:
    """CAM-3: 'You must provide a valid zip file'."""
    bad = tmp_path / "course.zip"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    assert _codes(bad) == {"zip.not-a-zip"}


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/evil.txt", "C:/evil.txt", "a\\..\\evil.txt", "a/../../x"])
def test_path_escape_is_refused_and_nothing_written(tmp_path: Path, name: str) -> None:
    """CAM-4: entries that would land outside the extraction folder; nothing is ever extracted."""
    work = tmp_path / "work"
    work.mkdir()
    target = zip_files(work / "course.zip", [*_minimal_entries(), (name, b"owned")])
    before = sorted(p.name for p in tmp_path.rglob("*"))
    assert "zip.path-escape" in _codes(target)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert not (tmp_path / "evil.txt").exists()


def test_symlink_entry(tmp_path: Path) -> None:
    """CAM-4: a symlink entry could point anywhere once extracted."""
    target = tmp_path / "course.zip"
    with zipfile.ZipFile(target, "w") as zf:
        for name, data in _minimal_entries():
            zf.writestr(name, data)
        info = zipfile.ZipInfo("link.html")
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    assert "zip.symlink" in _codes(target)


def test_symlink_in_folder(tmp_path: Path) -> None:
    """A folder package must not reach outside itself through links."""
    folder = write_tree(tmp_path / "pkg", minimal12_files())
    os.symlink("/etc/passwd", folder / "passwd")
    assert "zip.symlink" in _codes(folder)


def test_duplicate_and_case_collision(tmp_path: Path) -> None:
    """Duplicates are errors; names differing only in case collide on Windows and macOS."""
    target = zip_files(tmp_path / "c.zip", [*_minimal_entries(), ("index.html", b"again"), ("INDEX.html", b"")])
    assert "zip.duplicate" in _codes(target)
    assert "zip.case-collision" in _codes(target, "warning")


def test_encrypted_entry(tmp_path: Path) -> None:
    """An encrypted entry cannot be served by an LMS."""
    target = zip_files(tmp_path / "c.zip", _minimal_entries())
    data = bytearray(target.read_bytes())
    # Set bit 0 (encrypted) of the general-purpose flags in every local and central header.
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = data.find(sig)
        while pos != -1:
            data[pos + offset] |= 0x01
            pos = data.find(sig, pos + 4)
    target.write_bytes(bytes(data))
    assert "zip.encrypted" in _codes(target)


def test_unusual_compression_method(tmp_path: Path) -> None:
    """CAM-3: only stored and deflated are safe."""
    target = tmp_path / "c.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_BZIP2) as zf:
        for name, data in _minimal_entries():
            zf.writestr(name, data)
    assert "zip.compression" in _codes(target)


def test_name_without_utf8_flag(tmp_path: Path) -> None:
    """Non-ASCII names without the UTF-8 flag are read differently by different tools."""
    target = zip_files(tmp_path / "c.zip", [*_minimal_entries(), ("cafX.html", b"")])
    data = target.read_bytes().replace(b"cafX.html", b"caf\x82.html")  # cp437 e-acute, flag unset
    target.write_bytes(data)
    assert "zip.name-encoding" in _codes(target, "warning")


def test_ratio_bomb_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 32 MB entry of zeros compresses about 1000:1: above the free expansion (lowered here to keep the
    test small) such a ratio is refused from the central directory alone."""
    target = zip_files(tmp_path / "c.zip", [*_minimal_entries(), ("zeros.bin", b"\0" * (32 * 1024**2))])
    monkeypatch.setattr(container, "MAX_FREE_EXPANSION", 1024**2)
    read: list[str] = []
    original = container.Package.stream

    def spy(self: container.Package, name: str):  # type: ignore[no-untyped-def]
        read.append(name)
        return original(self, name)

    monkeypatch.setattr(container.Package, "stream", spy)
    assert "zip.bomb" in _codes(target)
    assert read == []


def test_total_size_and_entry_count_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Limits on total uncompressed size and entry count (lowered here to keep the test small)."""
    target = zip_files(tmp_path / "c.zip", [*_minimal_entries(), ("a.bin", os.urandom(4096))])
    monkeypatch.setattr(container, "MAX_TOTAL_UNCOMPRESSED", 1000)
    assert "zip.bomb" in _codes(target)
    monkeypatch.setattr(container, "MAX_TOTAL_UNCOMPRESSED", 10**9)
    monkeypatch.setattr(container, "MAX_ENTRIES", 2)
    assert "zip.bomb" in _codes(target)


def test_corrupt_entry(tmp_path: Path) -> None:
    """CAM-3: a damaged entry (bad CRC) is what makes an LMS say the zip is invalid."""
    target = tmp_path / "c.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as zf:
        for name, data in _minimal_entries():
            zf.writestr(name, data)
    data = target.read_bytes().replace(b"stand-in for", b"STAND-IN FOR")
    target.write_bytes(data)
    assert "zip.corrupt" in _codes(target)


def test_manifest_in_subfolder_is_explained_and_still_checked(tmp_path: Path) -> None:
    """CAM-1/CAM-2: Moodle's 'not in the root of your zip file'; the nested manifest is still validated."""
    entries = [(f"course/{n}", d) for n, d in _minimal_entries()]
    entries.append(("course/broken.txt", b""))
    report = validate_package(zip_files(tmp_path / "c.zip", entries))
    codes = {d.code for d in report.diagnostics}
    assert "zip.manifest-in-subfolder" in codes
    first = next(d for d in report.diagnostics if d.code == "zip.manifest-in-subfolder")
    assert "course/imsmanifest.xml" in first.message and "Zip the contents of 'course/'" in first.message
    assert "scorm12.unlisted-file" in codes
    assert report.summary["standard"] == "SCORM 1.2"


def test_no_manifest(tmp_path: Path) -> None:
    """MDL-1 'nomanifest'."""
    assert _codes(zip_files(tmp_path / "c.zip", [("index.html", b"")])) == {"zip.no-manifest"}


def test_stored_zip_is_streamed(tmp_path: Path) -> None:
    """Stored and deflated zips validate the same way."""
    folder = write_tree(tmp_path / "pkg", minimal12_files())
    assert _codes(zip_tree(folder, tmp_path / "s.zip", method=zipfile.ZIP_STORED), "warning") == set()


def test_case_collision_in_folder(tmp_path: Path) -> None:
    """A folder built on a case-sensitive disk may hold names that collide once zipped elsewhere."""
    folder = write_tree(tmp_path / "pkg", {**minimal12_files(), "Index.html": b""})
    assert "zip.case-collision" in _codes(folder, "warning")
