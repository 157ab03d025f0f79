"""Mutation fuzzing: 10,000+ damaged manifests and hostile zips; no crash, no hang, always diagnostics.

Seeds are every corpus manifest (when ../shared is there) plus the hand-written reference package.
Mutations: truncation, byte flips, junk insertion, element deletion and duplication, hostile attribute values, and
damaged zips (central directory and data). Deterministic (fixed seed), so a failure reproduces.
"""

from __future__ import annotations

import copy
import random
import re
import resource
import time
import tracemalloc
import zipfile
from pathlib import Path

from lxml import etree
from validate_helpers import minimal12_files, write_tree, zip_tree

from refdata import shared_or_none
from sbfa_pack.diagnostics import Diagnostic
from sbfa_pack.validate import validate_package
from sbfa_pack.validate.xmlsafe import safe_parser

N_INPUTS = 10_000
PER_INPUT_SECONDS = 5.0  # typical inputs take milliseconds; this bound only catches hangs
PEAK_BYTES = 64 * 1024**2
RSS_GROWTH_BYTES = 256 * 1024**2
_CODE = re.compile(r"^[a-z0-9]+\.[a-z0-9-]+$")
_HOSTILE_VALUES = ["", " ", "../../etc/passwd", "/abs/index.html", "C:\\x", "1bad id", "http://", "-1", "150",
                   "1e9", "NaN", "SCO", "x" * 5000, "\u00e9\u4e2d\U0001f600", "a?b#c", "%00", "&amp;", "true"]


def _seeds() -> list[tuple[str, bytes]]:
    """The corpus manifests when ../shared is there; the hand-written package always."""
    shared = shared_or_none()
    names = {"scorm12": "imsmanifest.xml", "scorm2004": "imsmanifest.xml", "cmi5": "cmi5.xml",
             "tincan": "tincan.xml"}
    corpus = sorted((shared / "corpus").glob("*/*/*")) if shared is not None else []
    seeds = [(names[p.parent.parent.name], p.read_bytes()) for p in corpus]
    seeds.append(("imsmanifest.xml", minimal12_files()["imsmanifest.xml"]))
    return seeds


def _mutate_tree(data: bytes, rng: random.Random) -> bytes:
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError:
        return data[: rng.randrange(len(data) + 1)]
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    el = rng.choice(elements)
    parent = el.getparent()
    op = rng.randrange(3)
    if op == 0 and parent is not None:
        parent.remove(el)
    elif op == 1 and parent is not None:
        parent.insert(parent.index(el), copy.deepcopy(el))
    else:
        attrs = list(el.attrib) or ["identifier"]
        el.set(rng.choice(attrs), rng.choice(_HOSTILE_VALUES))
        if rng.random() < 0.3:
            el.text = rng.choice(_HOSTILE_VALUES)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    op = rng.randrange(4)
    if op == 0 and buf:
        return bytes(buf[: rng.randrange(len(buf))])
    if op == 1 and buf:
        for _ in range(rng.randint(1, 8)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        return bytes(buf)
    if op == 2:
        pos = rng.randrange(len(buf) + 1)
        return bytes(buf[:pos] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 32))) + buf[pos:])
    if len(buf) > 4:
        a, b = sorted(rng.sample(range(len(buf)), 2))
        return bytes(buf[:a] + buf[b:] + buf[a:b])
    return bytes(buf)


def _check(report_diags: list[Diagnostic], summary_text: str, standard: object) -> None:
    for d in report_diags:
        assert isinstance(d, Diagnostic)
        assert d.severity in ("error", "warning", "note")
        assert _CODE.match(d.code), d.code
        assert d.message
    assert summary_text
    if standard == "unknown":
        assert any(d.severity == "error" for d in report_diags), report_diags


def test_fuzz_manifests_and_zips(tmp_path: Path) -> None:
    """No crash, no hang, bounded memory; every verdict is a list of diagnostics (CAM-3, CAM-9)."""
    rng = random.Random(20261127)
    seeds = _seeds()
    base_zip = zip_tree(write_tree(tmp_path / "pkg", minimal12_files()), tmp_path / "base.zip").read_bytes()
    workdir = tmp_path / "fuzz"
    workdir.mkdir()
    slowest = 0.0
    peak = 0
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for i in range(N_INPUTS):
        if i % 10 == 9:
            target = workdir / "case.zip"
            data = _mutate_bytes(base_zip, rng) if rng.random() < 0.7 else _zip_of_mutant(seeds, rng)
        else:
            name, seed = rng.choice(seeds)
            data = seed
            for _ in range(rng.randint(1, 3)):
                data = _mutate_tree(data, rng) if rng.random() < 0.5 else _mutate_bytes(data, rng)
            target = workdir / name
        target.write_bytes(data)
        sample = i % 250 == 0
        if sample:
            tracemalloc.start()
        start = time.perf_counter()
        report = validate_package(target)
        elapsed = time.perf_counter() - start
        if sample:
            peak = max(peak, tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
        slowest = max(slowest, elapsed)
        assert elapsed < PER_INPUT_SECONDS, (i, target.name, elapsed)
        _check(report.diagnostics, report.summary_text(), report.summary["standard"])
        target.unlink()
    assert peak < PEAK_BYTES, peak  # Python allocations, sampled with tracemalloc
    # libxml2 allocates outside Python's view: bound the whole process's resident peak as well.
    rss_growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) * 1024
    assert rss_growth < RSS_GROWTH_BYTES, rss_growth
    print(f"fuzz: {N_INPUTS} inputs, slowest {slowest * 1000:.0f} ms, sampled peak {peak / 1024**2:.1f} MB")


def _zip_of_mutant(seeds: list[tuple[str, bytes]], rng: random.Random) -> bytes:
    """A zip whose manifest is a mutant and whose names are sometimes hostile."""
    import io

    name, seed = rng.choice(seeds)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        prefix = rng.choice(["", "", "", "sub/", "../", "/"])
        zf.writestr(prefix + name, _mutate_tree(seed, rng))
        zf.writestr(rng.choice(["index.html", "INDEX.html", "a\\b.html", "x/../../y", "caf\u00e9.html"]), b"")
    return buf.getvalue()
