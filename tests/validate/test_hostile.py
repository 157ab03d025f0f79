"""Hostile packages: unreadable compression, special files, bombs declared in the central directory,
script launches (Issue 19 items 11, 12, 16; Issue 21 items 5, 6)."""

from __future__ import annotations

import os
import struct
import zipfile
from pathlib import Path

import pytest
from test_formats import CMI5, TINCAN
from validate_helpers import minimal12_files, write_tree, zip_files, zip_tree

from sbfa_pack.validate import container, validate_package


def _codes(path: Path) -> set[str]:
    return {d.code for d in validate_package(path).diagnostics if d.severity == "error"}


def _no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("an entry was inflated")

    monkeypatch.setattr(container.Package, "stream", refuse)


def test_unreadable_lzma_entry_is_an_error_naming_it(tmp_path: Path) -> None:
    """Issue 19 item 11: a (damaged) LZMA entry, even behind a checked duplicate name, is an error naming
    the entry, never an LZMAError traceback; every entry read is the very record that was checked."""
    target = tmp_path / "lz.zip"
    with zipfile.ZipFile(target, "w") as zf:
        for name, data in minimal12_files().items():
            zf.writestr(name, data)
        with pytest.warns(UserWarning):
            zf.writestr("index.html", b"x" * 100_000, compress_type=zipfile.ZIP_LZMA)
    data = bytearray(target.read_bytes())
    start = data.rfind(b"index.html", 0, data.find(b"PK\x01\x02")) + len("index.html") + 20
    data[start:start + 30] = bytes(b ^ 0x5A for b in data[start:start + 30])
    target.write_bytes(bytes(data))
    report = validate_package(target)
    found = [d for d in report.diagnostics if d.code == "zip.compression"]
    assert found and "'index.html'" in found[0].message and "method 14" in found[0].message
    assert {d.code for d in report.diagnostics} == {"zip.compression"}  # the checked stored copy reads fine


@pytest.mark.timeout(20)
def test_fifo_anywhere_in_a_package_folder_is_never_read(tmp_path: Path) -> None:
    """Issue 19 item 12: a FIFO nested in a package folder is an error and is never opened (no hang)."""
    folder = write_tree(tmp_path / "pkg", minimal12_files())
    (folder / "js" / "deep").mkdir()
    os.mkfifo(folder / "js" / "deep" / "pipe.js")
    os.mkfifo(tmp_path / "lone.zip")
    report = validate_package(folder)
    found = [d for d in report.diagnostics if d.code == "package.special-file"]
    assert found and "'js/deep/pipe.js' is a FIFO" in found[0].message
    assert _codes(tmp_path / "lone.zip") == {"package.special-file"}


def _declare_sizes(path: Path, size: int) -> None:
    """Rewrite every central-directory record's uncompressed size (what a bomb's directory declares)."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        data[at + 24: at + 28] = struct.pack("<I", size)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def test_bomb_just_under_4_gb_is_refused_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 21 item 5, Issue 19 item 16: 4,002 entries each declaring just under 1 MiB (3.97 GB from a small
    zip) are refused on the declared total and ratio, before any entry is inflated."""
    target = zip_files(tmp_path / "bomb.zip", [(f"f{i:04}.bin", b"") for i in range(4002)])
    _declare_sizes(target, 1024**2 - 1)
    _no_reading(monkeypatch)
    report = validate_package(target)
    assert [d.code for d in report.diagnostics] == ["zip.bomb"]
    assert "a compression bomb; nothing was inflated" in report.diagnostics[0].message


def test_many_entries_are_refused_from_the_end_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19 item 16: the entry count is read from the end-of-central-directory record before zipfile
    parses the directory."""
    target = zip_files(tmp_path / "many.zip", [(f"f{i}.txt", b"") for i in range(30)])
    monkeypatch.setattr(container, "MAX_ENTRIES", 20)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the central directory was parsed")

    monkeypatch.setattr(zipfile, "ZipFile", refuse)
    assert _codes(target) == {"zip.bomb"}


def test_entry_declaring_more_than_deflate_can_produce_is_refused(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19 item 16: one entry declaring 2 GB from a few bytes is refused before inflating."""
    target = zip_files(tmp_path / "one.zip", [*minimal12_files().items(), ("z.bin", b"\0" * 1000)])
    data = bytearray(target.read_bytes())
    at = data.find(b"PK\x01\x02", data.find(b"z.bin") + 1)
    while data[at + 46: at + 51] != b"z.bin":
        at = data.find(b"PK\x01\x02", at + 4)
    data[at + 24: at + 28] = struct.pack("<I", 300 * 1024**2)
    target.write_bytes(bytes(data))
    _no_reading(monkeypatch)
    found = [d for d in validate_package(target).diagnostics if d.code == "zip.bomb"]
    assert found and "more than deflate can produce" in found[0].message


@pytest.mark.parametrize("href", ["javascript:alert(1)", "JavaScript:void(0)", "file:///etc/passwd",
                                  "data:text/html,<b>x</b>", "vbscript:msgbox"])
def test_launch_with_a_script_or_other_scheme_is_an_error(tmp_path: Path, href: str) -> None:
    """Issue 21 item 6: a launch href that is neither relative nor http(s) is an error in every format."""
    escaped = href.replace("<", "&lt;").replace(">", "&gt;")
    files = minimal12_files()
    text = files["imsmanifest.xml"].decode()
    files["imsmanifest.xml"] = text.replace('href="index.html">', f'href="{escaped}">', 1).encode()
    assert "scorm12.href-scheme" in _codes(zip_tree(write_tree(tmp_path / "s", files), tmp_path / "s.zip"))
    for name, base, old in (("tincan.xml", TINCAN, "<launch lang=\"en-US\">index.html</launch>"),
                            ("cmi5.xml", CMI5, "<url>index.html</url>")):
        new = old.replace("index.html", escaped)
        folder = write_tree(tmp_path / name, {name: base.replace(old, new), "index.html": ""})
        report = validate_package(zip_tree(folder, tmp_path / f"{name}.zip"))
        found = [d for d in report.diagnostics if d.severity == "error" and d.code in ("tincan.launch", "cmi5.url")]
        assert found, (name, report.diagnostics)
        assert "scheme" in found[0].message or "RFC 3986" in found[0].message


def test_http_launches_stay_accepted(tmp_path: Path) -> None:
    """Issue 21 item 6: http(s) launches and relative files are not affected."""
    folder = write_tree(tmp_path / "c", {"cmi5.xml": CMI5.replace("<url>index.html</url>",
                                                                  "<url>https://example.org/au/</url>"),
                                         "index.html": ""})
    assert _codes(zip_tree(folder, tmp_path / "c.zip")) == set()
