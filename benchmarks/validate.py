"""Validator benchmark: prints figures, asserts nothing.

0. Source validation of the bundled programme (this repository's project, translations included):
   ``sbfa-pack validate`` run as a command, as an installed tool runs (bytecode cached); best of 5,
   wall and CPU time. This is the figure docs/cli.md gives. ``--programme-only`` stops here.
1. Throughput on the corpus (``../shared/corpus`` rebuilt as zips with empty stand-in files),
   with and without the official XSD layer (``../shared/standards``).
2. A generated 500 MB package with 10,000 incompressible files (stored), validated in a child
   process so its peak resident memory (ru_maxrss) is measured on its own.

Run: ``.venv/bin/python benchmarks/validate.py`` (``--size-mb`` and ``--files`` to change step 2).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
sys.path.insert(0, str(REPO / "src"))

from sbfa_pack.validate import validate_package  # noqa: E402

_NAMES = {"scorm12": "imsmanifest.xml", "scorm2004": "imsmanifest.xml", "cmi5": "cmi5.xml",
          "tincan": "tincan.xml"}


def corpus_zips(work: Path) -> list[Path]:
    """One zip per corpus manifest: the manifest at the root and an empty file per listed neighbour."""
    corpus = SHARED / "corpus"
    listings = json.loads((corpus / "LISTINGS.json").read_text(encoding="utf-8"))
    out = []
    for folder in sorted(corpus.glob("*/*")):
        manifest = next(folder.iterdir())
        target = work / f"{folder.name}.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(_NAMES[folder.parent.name], manifest.read_bytes())
            for name in listings.get(folder.name, []):
                if name != manifest.name and name.rsplit("/", 1)[-1] not in _NAMES.values():
                    zf.writestr(name, b"")
        out.append(target)
    return out


def throughput(zips: list[Path], schemas: Path | None, seconds: float = 5.0) -> tuple[float, int]:
    """Packages validated per second over repeated passes of the corpus."""
    done = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for z in zips:
            validate_package(z, schemas=schemas)
            done += 1
    return done / (time.perf_counter() - start), done


def big_package(target: Path, files: int, size_mb: int) -> int:
    """A stored zip of ``files`` random files adding up to ``size_mb`` MB, with a manifest listing them."""
    per_file = size_mb * 1_000_000 // files
    names = [f"content/part{i // 500:03d}/file{i:05d}.bin" for i in range(files)]
    listing = "\n".join(f'      <file href="{n}"/>' for n in names)
    manifest = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="big" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="o"><organization identifier="o"><title>Big</title>
    <item identifier="i" identifierref="r"><title>Big</title></item></organization></organizations>
  <resources>
    <resource identifier="r" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/>
{listing}
    </resource>
  </resources>
</manifest>
"""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED, allowZip64=True) as zf:
        zf.writestr("imsmanifest.xml", manifest)
        zf.writestr("index.html", "<html></html>")
        for name in names:
            zf.writestr(name, os.urandom(per_file))
    return target.stat().st_size


_CHILD = """
import sys, time, resource
sys.path.insert(0, {src!r})
from pathlib import Path
from sbfa_pack.validate import validate_package
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
r = validate_package(Path({path!r}))
t = time.perf_counter() - t
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
errors = sum(d.severity == "error" for d in r.diagnostics)
warnings = sum(d.severity == "warning" for d in r.diagnostics)
print(f"{{t:.2f}} {{before}} {{after}} {{errors}} {{warnings}}")
"""


def measure_child(path: Path) -> tuple[float, int, int, int, int]:
    """(seconds, RSS KiB after imports, peak RSS KiB, errors, warnings) of one validation in a child."""
    code = _CHILD.format(src=str(REPO / "src"), path=str(path))
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    t, before, after, errors, warnings = out.split()
    return float(t), int(before), int(after), int(errors), int(warnings)


def validate_programme(runs: int = 5) -> tuple[float, float, str]:
    """Best wall time, its CPU time and the last output line of ``sbfa-pack validate`` in the repository."""
    exe = Path(sys.executable).with_name("sbfa-pack")
    best: tuple[float, float] = (float("inf"), 0.0)
    last = ""
    with tempfile.TemporaryDirectory(prefix="sbfa-bench-") as tmp:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp, "pycache"))  # as installed: compiled once, then cached
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO / "src"), env.get("PYTHONPATH")) if p)
        for _ in range(runs + 1):  # the first run fills the bytecode cache
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run([str(exe), "validate"], cwd=REPO, env=env, capture_output=True, text=True)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            last = (done.stderr.strip().splitlines() or [""])[-1]
            best = min(best, (wall, cpu)) if last else best
    return best[0], best[1], last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=500)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--programme-only", action="store_true", help="only step 0 (no ../shared needed)")
    args = parser.parse_args()
    wall, cpu, said = validate_programme()
    catalogs = len(list((REPO / "locales").glob("*/*.po")))
    print(f"programme sources: validated in {wall:.2f} s (CPU {cpu:.2f} s; {catalogs} PO catalogs; best of 5; "
          f"{os.cpu_count()} cores): {said}")
    if args.programme_only:
        return
    with tempfile.TemporaryDirectory(prefix="sbfa-bench-") as tmp:
        work = Path(tmp)
        zips = corpus_zips(work)
        rate, n = throughput(zips, None)
        print(f"corpus: {len(zips)} packages; {rate:.0f} packages/s without XSD ({n} validations)")
        rate, n = throughput(zips, SHARED / "standards")
        print(f"corpus: {rate:.0f} packages/s with the official XSDs from {SHARED / 'standards'} ({n} validations)")
        big = work / "big.zip"
        t = time.perf_counter()
        size = big_package(big, args.files, args.size_mb)
        print(f"generated {big.name}: {args.files} files, {size / 1e6:.0f} MB (stored, random bytes) "
              f"in {time.perf_counter() - t:.1f} s")
        seconds, before, peak, errors, warnings = measure_child(big)
        print(f"big package: validated in {seconds:.2f} s; peak RSS {peak / 1024:.0f} MB "
              f"(process after imports {before / 1024:.0f} MB); {errors} errors, {warnings} warnings")
        print(f"this process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
