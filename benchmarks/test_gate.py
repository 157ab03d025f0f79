"""`sbfa-pack test` benchmark: prints figures, asserts nothing (issue 16).

Builds the programme's English packages of every format (scorm12, scorm2004, xapi, cmi5; ``--formats``
narrows it; ``--dist`` takes packages already built) into a temporary folder, then plays them as
``sbfa-pack test -j N`` does, one format after the other (one run each, so each format's CPU time is
its own): seconds per package, wall clock and CPU, per format and in total, against the target of
the whole programme's English packages in under 5 minutes on a 2-core machine.

CPU time is this process's and all its descendants' (Playwright's driver, Chromium, Ralph), read
from /proc as each package ends; with ``-j 1`` each package's own is printed too. The load average
is printed at the start and at the end: the wall clock is only honest on an idle machine; on a
loaded one, CPU seconds / cores is the better estimate of idle wall time.

Run: ``.venv/bin/python benchmarks/test_gate.py [--formats scorm12,xapi] [-j 2] [--dist DIR]`` (needs the
`test` extra, Debian's chromium and scorm-again: ``SBFA_SCORM_AGAIN`` or ``sbfa-pack test --setup``;
tests/e2e/node_modules is used when present).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from sbfa_pack.gate.result import Outcome  # noqa: E402

FORMATS = ("scorm12", "scorm2004", "xapi", "cmi5")
TARGET_SECONDS = 300
IDLE_NOTE = ("the wall clock is only honest on an idle machine (load average below the number of "
             "cores); on a loaded one, CPU seconds / cores estimates the idle wall time")


@dataclass
class Run:
    """One format's run: its outcomes, wall clock and CPU seconds (the process and its children)."""

    fmt: str
    outcomes: list[Outcome] = field(default_factory=list)
    wall: float = 0.0
    cpu: float = 0.0
    package_cpu: dict[str, float] = field(default_factory=dict)  # with -j 1 only: each package's own


def cpu_now() -> float:
    """CPU seconds of this process and all its descendants, live or exited: each live process's own
    time and that of its children it reaped (Linux /proc; elsewhere reaped children only)."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    stats: dict[int, tuple[int, float]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        stats[int(entry.name)] = (int(fields[1]), sum(int(x) for x in fields[11:15]) / tick)
    if os.getpid() not in stats:
        t = os.times()
        return t.user + t.system + t.children_user + t.children_system
    total, todo = 0.0, [os.getpid()]
    while todo:
        pid = todo.pop()
        total += stats[pid][1]
        todo += [p for p, (ppid, _) in stats.items() if ppid == pid]
    return total


def summary(runs: list[Run], jobs: int, cores: int, load_start: float, load_end: float) -> list[str]:
    """The lines printed after the runs (pure, so it is tested without a browser)."""
    out = []
    for r in runs:
        played = [o for o in r.outcomes if o.status != "skip"]
        n = max(len(played), 1)
        out.append(f"{r.fmt}: {len(played)} packages, wall {r.wall:.1f} s ({r.wall / n:.1f} s per package), "
                   f"CPU {r.cpu:.1f} s ({r.cpu / n:.1f} s per package)")
        for kind, group in (("course", [o for o in played if "walk-right" in o.checks]),
                            ("toolkit exercise", [o for o in played if "use-once" in o.checks])):
            if group:
                out.append(f"  {kind}: {len(group)}, mean {sum(o.seconds for o in group) / len(group):.1f} s, "
                           f"max {max(o.seconds for o in group):.1f} s wall")
        spent: dict[str, list[float]] = {}
        for o in played:
            for check, seconds in o.timings.items():
                spent.setdefault(check, []).append(seconds)
        if spent:
            means = ", ".join(f"{c} {sum(v) / len(v):.1f}" for c, v in spent.items())
            out.append(f"  per check (mean s wall): {means}")
    played = sum(o.status != "skip" for r in runs for o in r.outcomes)
    failed = sum(o.status == "fail" for r in runs for o in r.outcomes)
    wall, cpu = sum(r.wall for r in runs), sum(r.cpu for r in runs)
    n = max(played, 1)
    out.append(f"total: {played} packages ({failed} failed), wall {wall:.1f} s ({wall / n:.1f} s per package), "
               f"CPU {cpu:.1f} s ({cpu / n:.1f} s per package), {jobs} at once")
    out.append(f"target: the whole programme's English packages in under {TARGET_SECONDS} s: "
               f"{'PASS' if wall < TARGET_SECONDS else 'FAIL'} ({wall:.0f} s wall)")
    idle = max(cpu / max(min(jobs, cores), 1), 0.0)
    out.append(f"load average: {load_start:.1f} at start, {load_end:.1f} at end, on {cores} cores; {IDLE_NOTE} "
               f"(here {cpu:.0f} s / {min(jobs, cores)} = {idle:.0f} s: "
               f"{'PASS' if idle < TARGET_SECONDS else 'FAIL'})")
    out += [f"FAIL {line}" for r in runs for o in r.outcomes for line in o.failures]
    return out


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--formats", default=",".join(FORMATS), help=f"comma-separated (default: {','.join(FORMATS)})")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="packages played at once (sbfa-pack test -j)")
    ap.add_argument("--lang", default="en")
    ap.add_argument("--dist", type=Path, default=None, help="take the packages built there (else build them)")
    args = ap.parse_args(argv)
    args.formats = [f for f in args.formats.split(",") if f]
    unknown = sorted(set(args.formats) - set(FORMATS))
    if unknown:
        ap.error(f"unknown format {', '.join(unknown)} (one of {', '.join(FORMATS)})")
    return args


def play(dist: Path, fmt: str, lang: str, jobs: int) -> Run:
    from sbfa_pack.gate.run import play_all
    from sbfa_pack.gate.targets import resolve

    run = Run(fmt)
    targets = resolve([dist], [fmt], [lang], project=REPO)
    last = [cpu_now()]

    def progress(o: Outcome) -> None:
        now = cpu_now()
        if jobs == 1:  # one package at a time: the CPU since the last one is this one's

            run.package_cpu[o.package] = now - last[0]
        last[0] = now
        cpu = f"  CPU {run.package_cpu[o.package]:5.1f} s" if o.package in run.package_cpu else ""
        print(f"{o.seconds:7.1f} s{cpu}  {o.status:4}  {o.package}", flush=True)

    start, cpu0 = time.perf_counter(), last[0]
    run.outcomes = play_all(targets, progress, jobs=jobs)
    # Chromium's processes, orphaned as it closes, leave the tree before anyone adds up their time:
    # the time read as each package ended counts, and what came after only when it shows.
    run.wall, run.cpu = time.perf_counter() - start, last[0] - cpu0 + max(0.0, cpu_now() - last[0])
    return run


def main() -> int:
    args = parse()
    local = REPO / "tests" / "e2e" / "node_modules" / "scorm-again" / "dist"
    if "SBFA_SCORM_AGAIN" not in os.environ and (local / "scorm12.js").is_file():
        os.environ["SBFA_SCORM_AGAIN"] = str(local)
    from sbfa_pack.build import build
    from sbfa_pack.gate.run import missing

    need = missing(tuple(args.formats))
    if need:
        print(need)
        return 2
    cores = os.cpu_count() or 1
    load_start = os.getloadavg()[0]
    print(f"load average at start: {load_start:.1f} on {cores} cores ({IDLE_NOTE})")
    with tempfile.TemporaryDirectory(prefix="sbfa-gate-bench-") as tmp:
        dist = args.dist
        if dist is None:
            dist = Path(tmp) / "dist"
            start = time.perf_counter()
            result = build(REPO, dist, formats=args.formats, languages=[args.lang], jobs=cores)
            print(f"build: {len(result.built)} packages in {time.perf_counter() - start:.1f} s (not counted below)")
        runs = [play(dist, fmt, args.lang, args.jobs) for fmt in args.formats]
    for line in summary(runs, args.jobs, cores, load_start, os.getloadavg()[0]):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
