"""`sbfa-pack test` benchmark: prints figures, asserts nothing (issue 16).

Builds the programme's English packages (every format of sbfa.yaml; ``--format`` narrows it) into a
temporary folder, then plays them all as ``sbfa-pack test`` does, in one headless Chromium: the
seconds per package, per kind and the total. Target: the whole programme's English packages in
under 5 minutes on a 2-core machine. The machine may be shared and loaded: the CPU time of this
process and of its children (Chromium through Playwright's driver, Ralph) is printed beside the
wall-clock total, so the figure can be judged.

Run: ``.venv/bin/python benchmarks/test_gate.py`` (needs the `test` extra, Debian's chromium and
scorm-again: ``SBFA_SCORM_AGAIN`` or ``sbfa-pack test --setup``; tests/e2e/node_modules is used
when present).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from sbfa_pack.build import build  # noqa: E402
from sbfa_pack.gate.result import Outcome  # noqa: E402
from sbfa_pack.gate.run import missing, play_all  # noqa: E402
from sbfa_pack.gate.targets import resolve  # noqa: E402

TARGET_SECONDS = 300


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--format", action="append", dest="formats", help="only this format (repeatable)")
    ap.add_argument("--lang", default="en")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="packages played at once (sbfa-pack test -j)")
    args = ap.parse_args()
    local = REPO / "tests" / "e2e" / "node_modules" / "scorm-again" / "dist"
    if "SBFA_SCORM_AGAIN" not in os.environ and (local / "scorm12.js").is_file():
        os.environ["SBFA_SCORM_AGAIN"] = str(local)
    need = missing()
    if need:
        print(need)
        return 2
    with tempfile.TemporaryDirectory(prefix="sbfa-gate-bench-") as tmp:
        out = Path(tmp) / "dist"
        start = time.perf_counter()
        result = build(REPO, out, formats=args.formats, languages=[args.lang], jobs=os.cpu_count() or 1)
        print(f"build: {len(result.built)} packages in {time.perf_counter() - start:.1f} s")
        targets = resolve([out], args.formats or [], [args.lang], project=REPO)

        def progress(o: Outcome) -> None:
            print(f"{o.seconds:7.1f} s  {o.status:4}  {o.package}", flush=True)

        start, cpu0 = time.perf_counter(), os.times()
        outcomes = play_all(targets, progress, jobs=args.jobs)
        total, cpu1 = time.perf_counter() - start, os.times()
    own = (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system)
    children = (cpu1.children_user - cpu0.children_user) + (cpu1.children_system - cpu0.children_system)
    played = [o for o in outcomes if o.status != "skip"]
    for kind, group in (("course", [o for o in played if o.ours and o.interactions]),
                        ("toolkit exercise", [o for o in played if o.ours and not o.interactions])):
        if group:
            print(f"{kind}: {len(group)} packages, mean {sum(o.seconds for o in group) / len(group):.1f} s, "
                  f"max {max(o.seconds for o in group):.1f} s")
    for fmt in sorted({o.format for o in played}):
        group = [o for o in played if o.format == fmt]
        print(f"{fmt}: {len(group)} packages in {sum(o.seconds for o in group):.1f} s "
              f"(mean {sum(o.seconds for o in group) / len(group):.1f} s)")
    for fmt in sorted({o.format for o in played}):
        spent: dict[str, list[float]] = {}
        for o in played:
            for check, seconds in o.timings.items() if o.format == fmt else ():
                spent.setdefault(check, []).append(seconds)
        print(f"{fmt} per check (mean s): " + ", ".join(f"{c} {sum(v) / len(v):.1f}" for c, v in spent.items()))
    print(f"played {len(played)} packages, skipped {len(outcomes) - len(played)}, failed "
          f"{sum(o.status == 'fail' for o in outcomes)}; total {total:.1f} s "
          f"({total / max(len(played), 1):.1f} s per package played; target: all under {TARGET_SECONDS} s: "
          f"{'met' if total < TARGET_SECONDS else 'NOT met'}); {args.jobs} at once; load average "
          f"{os.getloadavg()[0]:.1f}")
    print(f"CPU time: {own + children:.1f} s ({own:.1f} s this process, {children:.1f} s its children: "
          f"Chromium, Ralph); {(own + children) / max(total, 1e-9):.2f} cores busy on average")
    for o in outcomes:
        for line in o.failures:
            print(f"FAIL {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
