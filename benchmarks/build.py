"""Build benchmark: a large synthetic project, built from scratch and again with nothing changed.

Prints figures, asserts nothing::

    .venv/bin/python benchmarks/build.py [--courses 20] [--languages 8] [--lessons 40] [--format F]

The project's sbfa.yaml asks for the formats of the bundled programme (scorm12, xapi, cmi5), and
a plain ``sbfa-pack build`` builds them all; ``--format web`` (one format) is measured too, as a
second line, because one format alone shares no rendering between formats. Each time is the
best of three runs, builds and zip floors taken in turns (wall times depend on what else the
machine runs); CPU times are printed beside them.

Figures: full build time; no-op rebuild time (and its share of the full build); peak memory of
the largest single process (the build or one worker); CPU time / wall time (how many cores
were busy); the "zip floor" (the time Python's zipfile needs to write the same files into the
same number of zips, single-threaded, same compression) and the ratio build / floor; peak memory
again for a project with a quarter of the courses, to show that memory follows the largest
course, not the number of courses.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from sbfa_pack.packaging import zipfile_bytes

LANGS = ["en", "de", "es", "el", "pl", "nb", "ar", "uk", "fr", "tr"]
PARAGRAPH = ("A small business needs a plan for its **costs**, its *prices* and its customers. "
             "Write down what you pay every month, what you pay per sale, and what you can charge. ")


def make_project(root: Path, courses: int, languages: int, lessons: int) -> None:
    """Write a synthetic project: courses of ``lessons`` lessons (pages, case studies, quizzes)."""
    rng = random.Random(42)
    root.mkdir(parents=True)
    langs = LANGS[:languages]
    (root / "sbfa.yaml").write_text(f"name: Benchmark\nsource_language: en\nlanguages: [{', '.join(langs)}]\n"
                                    "formats: [scorm12, xapi, cmi5]\n")
    for c in range(courses):
        folder = root / "courses" / f"course-{c:02d}"
        folder.mkdir(parents=True)
        (folder / "photo.png").write_bytes(rng.randbytes(60_000))
        lines = [f"id: course-{c:02d}", "version: 1.0.0", f"title: Course {c}", "description: A synthetic course.",
                 "language: en", "duration_minutes: 120", "modules:"]
        for m in range(lessons // 10):
            lines += [f"  - id: module-{m}", f"    title: Module {m}", "    lessons:"]
            for k in range(10):
                lid = f"lesson-{m}-{k}"
                if k == 9:
                    lines += [f"      - id: {lid}", "        kind: quiz", "        title: Check", "        questions:"]
                    for q in range(5):
                        lines += [f"          - id: q-{m}-{q}", "            type: single-choice",
                                  "            prompt: Which is a fixed cost?", "            choices:",
                                  "              - {id: rent, text: Rent, correct: true}",
                                  "              - {id: flour, text: Flour}"]
                    continue
                body = "\n\n".join(PARAGRAPH * rng.randint(2, 5) for _ in range(4))
                if k == 0:
                    body += "\n\n![A shop front in the morning](photo.png)"
                (folder / f"{lid}.md").write_text(f"# Lesson {m}.{k}\n\n{body}\n")
                lines += [f"      - id: {lid}", "        kind: page", f"        title: Lesson {m}.{k}",
                          f"        body_file: {lid}.md"]
        (folder / "course.yaml").write_text("\n".join(lines) + "\n")


RUNS = 3
ENV = dict(os.environ)
"""The command runs as an installed tool does, with its compiled bytecode kept (in a temporary
folder, see main()): a machine with PYTHONDONTWRITEBYTECODE=1, like the one this was written on,
would otherwise compile sbfa-pack's sources again at every start (about 0.1 s)."""


def run_build(root: Path, fmt: str | None) -> tuple[float, float, int]:
    """Wall time, CPU time (all processes) and peak RSS (KiB) of one ``sbfa-pack build``."""
    exe = Path(sys.executable).with_name("sbfa-pack")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(exe), "build", str(root), *(["--format", fmt] if fmt else [])], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss


def best_build(root: Path, fmt: str | None, *, clean: bool) -> tuple[float, float]:
    """The best of RUNS builds (wall time, and the CPU time of that run); ``clean``: from scratch."""
    runs = []
    for _ in range(RUNS):
        if clean:
            shutil.rmtree(root / "dist", ignore_errors=True)
        wall, cpu, _ = run_build(root, fmt)
        runs.append((wall, cpu))
    return min(runs)


def package_contents(dist: Path) -> list[dict[str, bytes]]:
    contents = []
    for package in sorted(dist.glob("*.zip")):
        with zipfile.ZipFile(package) as zf:
            contents.append({name: zf.read(name) for name in zf.namelist()})
    return contents


def zip_floor(contents: list[dict[str, bytes]]) -> tuple[float, float, int]:
    """Time for Python's zipfile alone to write the same files into the same number of zips."""
    with tempfile.TemporaryDirectory() as tmp:
        total = 0
        start, cpu = time.perf_counter(), time.process_time()
        for i, files in enumerate(contents):
            data = zipfile_bytes(files)
            Path(tmp, f"{i}.zip").write_bytes(data)
            total += len(data)
        return time.perf_counter() - start, time.process_time() - cpu, total


def build_and_floor(root: Path, fmt: str | None) -> tuple[tuple[float, float], tuple[float, float, int]]:
    """The best of RUNS clean builds and the best of RUNS zip floors, taken in turns (build, floor,
    build, floor...), so that a machine slowing down or speeding up weighs on both alike."""
    builds, floors = [], []
    contents: list[dict[str, bytes]] = []
    for _ in range(RUNS):
        shutil.rmtree(root / "dist", ignore_errors=True)
        wall, cpu, _ = run_build(root, fmt)
        builds.append((wall, cpu))
        contents = contents or package_contents(root / "dist")
        floors.append(zip_floor(contents))
    return min(builds), min(floors)


def measure(args: argparse.Namespace, courses: int, work: Path, fmt: str | None, *,
            full_only: bool = False) -> dict[str, float]:
    root = work / f"project-{courses}-{fmt or 'all'}"
    make_project(root, courses, args.languages, args.lessons)
    (full, cpu), (floor, floor_cpu, size) = build_and_floor(root, fmt)
    packages = len(list((root / "dist").glob("*.zip")))
    out = {"full": full, "cpu": cpu, "floor": floor, "floor_cpu": floor_cpu, "packages": packages, "mb": size / 1e6}
    if full_only:
        return out
    noop, noop_cpu = best_build(root, fmt, clean=False)
    # Peak memory of a fresh process is what matters; getrusage's children maximum only grows,
    # so it is measured in a separate helper process per project size.
    shutil.rmtree(root / "dist")
    peak = _peak_of_build(root, fmt)
    start = time.perf_counter()
    subprocess.run([str(Path(sys.executable).with_name("sbfa-pack")), "validate", str(root)], check=True,
                   capture_output=True, env=ENV)
    validate = time.perf_counter() - start
    return out | {"noop": noop, "noop_cpu": noop_cpu, "peak_mb": peak / 1024, "validate": validate}


def _peak_of_build(root: Path, fmt: str | None) -> int:
    fmt_args = f",'--format',{fmt!r}" if fmt else ""
    code = ("import resource,subprocess,sys;"
            f"subprocess.run([{str(Path(sys.executable).with_name('sbfa-pack'))!r},'build',{str(root)!r}{fmt_args}],"
            "check=True,stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=ENV)
    return int(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--courses", type=int, default=20)
    parser.add_argument("--languages", type=int, default=8)
    parser.add_argument("--lessons", type=int, default=40)
    parser.add_argument("--format", default=None, help="build this format only (default: the project's formats)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sbfa-bench-") as tmp:
        ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        ENV["PYTHONPYCACHEPREFIX"] = str(Path(tmp, "pycache"))
        big = measure(args, args.courses, Path(tmp), args.format)
        one = measure(args, args.courses, Path(tmp), "web", full_only=True) if not args.format else None
        small = measure(args, max(1, args.courses // 4), Path(tmp), args.format)
    what = f"format {args.format}" if args.format else "formats scorm12, xapi, cmi5"
    print(f"project: {args.courses} courses x {args.languages} languages x {args.lessons} lessons, "
          f"{what}: {big['packages']:.0f} packages, {big['mb']:.1f} MB; {os.cpu_count()} cores; best of {RUNS} runs; "
          "bytecode cached as installed")
    busy = big["cpu"] / big["full"]
    print(f"full build:        {big['full']:7.2f} s   (CPU {big['cpu']:.2f} s = {busy:.2f} cores busy)")
    print(f"no-op rebuild:     {big['noop']:7.2f} s   ({100 * big['noop'] / big['full']:.1f}% of the full build; "
          f"target < 5%; CPU {big['noop_cpu']:.2f} s = {100 * big['noop_cpu'] / big['cpu']:.1f}% of the build's CPU)")
    print(f"zip-only floor:    {big['floor']:7.2f} s   (build / floor = {big['full'] / big['floor']:.2f}; target <= 2; "
          f"in CPU time {big['cpu']:.2f} / {big['floor_cpu']:.2f} = {big['cpu'] / big['floor_cpu']:.2f})")
    if one:
        print(f"web only:          {one['full']:7.2f} s   ({one['packages']:.0f} packages; floor {one['floor']:.2f} s, "
              f"build / floor = {one['full'] / one['floor']:.2f}; CPU {one['cpu']:.2f} s)")
    print(f"validate:          {big['validate']:7.2f} s   (the whole project's sources)")
    print(f"peak memory:       {big['peak_mb']:7.1f} MB  (largest single process; target < 300 MB)")
    print(f"peak, {max(1, args.courses // 4):2d} courses: {small['peak_mb']:7.1f} MB  "
          "(memory follows the largest course, not the number of courses)")


if __name__ == "__main__":
    main()
