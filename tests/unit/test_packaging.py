"""The zip writer: the same bytes as Python's zipfile, deterministic, and sound to every reader."""

from __future__ import annotations

import random
import zipfile
from io import BytesIO

import pytest

from sbfa_pack import packaging
from sbfa_pack.packaging import zip_bytes, zipfile_bytes

_RNG = random.Random(7)
CASES = {
    "empty archive": {},
    "empty file": {"a.txt": b""},
    "a package": {
        "index.html": b"<section><p>Rent is a fixed cost.</p></section>\n" * 3000,
        "sbfa.js": bytes(_RNG.randrange(32, 127) for _ in range(20_000)),
        "img/photo.png": _RNG.randbytes(9_000),  # stored: already compressed
        "media/talk.MP3": _RNG.randbytes(5_000),
    },
    "names outside ASCII": {"مرحبا.html": "مرحبا بكم".encode() * 900, "Übung/ü.md": b"x" * 10},
}


@pytest.mark.parametrize("epoch", [None, "1767225600", "0", "99999999999"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_same_bytes_as_zipfile(case: str, epoch: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Byte for byte what zipfile writes for the same entries, timestamps (SOURCE_DATE_EPOCH,
    clamped to the zip range) and compression, and the same again when entries come from the
    cache of compressed contents. CAM-3: a standard reader opens it, STORED or DEFLATED only."""
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    files = CASES[case]
    expected = zipfile_bytes(files)
    assert zip_bytes(files) == expected
    assert zip_bytes(dict(reversed(list(files.items())))) == expected  # cached, and order-independent
    with zipfile.ZipFile(BytesIO(expected)) as zf:
        assert zf.testzip() is None
        assert {i.compress_type for i in zf.infolist()} <= {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
        assert {i.filename: zf.read(i) for i in zf.infolist()} == files


def test_the_cache_keeps_recurring_contents_only_within_a_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """A content is remembered from its second time (a page is usually seen once, the runtime
    script in every package), up to a byte budget; a different compression level is another
    entry; small entries are never kept."""
    monkeypatch.setattr(packaging, "_CACHE", type(packaging._CACHE)())
    monkeypatch.setattr(packaging, "_SEEN", set())
    monkeypatch.setattr(packaging, "_cache_size", 0)
    monkeypatch.setattr(packaging, "_CACHE_MAX", 100_000)
    for _ in range(2):
        zip_bytes({"a.js": b"x" * 100})
    assert not packaging._CACHE
    for i in range(20):
        zip_bytes({"page.html": bytes([65 + i]) * 10_000})
    assert not packaging._CACHE  # each seen once
    for _ in range(2):
        for i in range(20):
            zip_bytes({"a.js": bytes([65 + i]) * 10_000})
    assert 0 < packaging._cache_size <= 100_000 and len(packaging._CACHE) < 20
    shared = {"sbfa.js": b"var a = 1;\n" * 1000}
    for _ in range(2):
        assert zip_bytes(shared) == zipfile_bytes(shared)
        assert zip_bytes(shared, level=9) == zipfile_bytes(shared, level=9)
    assert len([k for k in packaging._CACHE if k[1] == shared["sbfa.js"]]) == 2


def test_a_package_too_large_for_plain_zip_is_left_to_zipfile(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the sizes where zipfile switches to ZIP64 records, the writer hands over to zipfile."""
    monkeypatch.setattr(packaging, "_ZIP64_LIMIT", 1000)
    files = {"big.bin": b"\0" * 2000}
    assert zip_bytes(files) == zipfile_bytes(files)
