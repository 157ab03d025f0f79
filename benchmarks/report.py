"""Evaluation report benchmark: prints figures, asserts nothing (issue 14).

1. ``sync_throughput``: statements per second for ``report sync`` from Ralph — the hook the
   sources' work fills in (it prints nothing until then).
2. One million synthetic records (three courses, ~22,000 learners: launches, lessons, first
   answers and retries, sessions, completions, surveys with free text, toolkit use) written into
   a temporary store with ``executemany`` in batches; then ``sbfa-pack report`` runs in a child
   process that reports its own peak memory (``VmHWM``, as tests/peak.py does) and CPU time.
   Targets: ≤ 30 s and ≤ 300 MB.

Run: ``.venv/bin/python benchmarks/report.py`` (``--records N`` for another size).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from sbfa_pack.evaluation import vocab  # noqa: E402
from sbfa_pack.evaluation.store import Store  # noqa: E402

BASE = "https://w3id.org/sbfa"
COURSES = [f"{BASE}/courses/course-{c}" for c in range(3)]
LESSONS, QUESTIONS = 12, 20
LANGS, COUNTRIES = ["en", "de", "el", "es", "pl", "nb"], ["de", "gr", "es", "pl", "no", "it", ""]
_CHILD = """
import os, sys
from sbfa_pack.cli import main
sys.argv = ['sbfa-pack', 'report', *sys.argv[1:]]
try:
    main()
finally:
    with open('/proc/self/status') as status:
        kb = next(int(line.split()[1]) for line in status if line.startswith('VmHWM:'))
    cpu = os.times().user + os.times().system
    print(f"peak-kb {kb} {cpu:.2f}", file=sys.stderr)
"""


def sync_throughput() -> float | None:
    """Statements per second for ``report sync`` from Ralph (filled in by the sources' work)."""
    return None


def _learner(rng: random.Random, n: int) -> list[tuple[object, ...]]:
    course = COURSES[n % len(COURSES)]
    learner, reg = f"{n:016x}", f"reg-{n}"
    lang, country, version = rng.choice(LANGS), rng.choice(COUNTRIES), rng.choice(["1.0", "1.1"])
    t = [0]
    rows: list[tuple[object, ...]] = []

    def add(verb: str, obj: str, **kw: object) -> None:
        t[0] += rng.randint(5, 90)
        h, rest = divmod(t[0], 3600)
        stamp = f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T{h % 24:02d}:{rest // 60:02d}:{rest % 60:02d}Z"
        rows.append((f"{n}-{len(rows)}", "lrs:bench", stamp, stamp, kw.get("learner", learner), reg,
                     verb, obj, "", course, version, lang, country, kw.get("success"), kw.get("completion"),
                     kw.get("score"), kw.get("duration"), kw.get("response"), kw.get("anonymous", 0)))

    ability = rng.random()
    add(vocab.ADL + "initialized", course)
    reach = rng.randint(1, LESSONS)
    for lesson in range(reach):
        add(vocab.EXPERIENCED, f"{course}/lessons/l{lesson}")
    for q in range(QUESTIONS if reach >= LESSONS - 2 else 0):
        for _attempt in range(1 + (rng.random() < 0.2)):
            ok = int(rng.random() < 0.3 + 0.6 * ability)
            add(vocab.ANSWERED, f"{course}/questions/q{q}", success=ok, score=float(ok),
                response=rng.choice("abcd"))
    for _ in range(2):
        add(vocab.TERMINATED, course, duration=float(rng.randint(60, 3600)))
    if reach == LESSONS:
        add(vocab.COMPLETED, course, completion=1)
        add(vocab.PASSED if ability > 0.4 else vocab.FAILED, course, success=int(ability > 0.4))
    for survey in ("pre", "post"):
        add(vocab.RESPONDED, f"{course}/surveys/{survey}/confidence", response=str(rng.randint(1, 5)))
    if rng.random() < 0.3:
        add(vocab.RESPONDED, f"{course}/surveys/post/comments", response=f"comment number {rng.randint(1, 500)}",
            anonymous=1, learner=f"a{n:015x}")
    for ex in range(rng.randint(0, 3)):
        add(vocab.PROGRESSED, f"{BASE}/toolkit/ex{ex}", completion=int(rng.random() < 0.7))
    return rows


def generate(store: Store, target: int) -> int:
    rng = random.Random(14)
    sql = f"INSERT INTO records VALUES ({', '.join('?' * 19)})"
    total = n = 0
    batch: list[tuple[object, ...]] = []
    while total < target:
        rows = _learner(rng, n)[: target - total]
        batch += rows
        total += len(rows)
        n += 1
        if len(batch) >= 50_000 or total >= target:
            store.db.execute("BEGIN")
            store.db.executemany(sql, batch)
            store.db.execute("COMMIT")
            batch = []
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    args = parser.parse_args()
    rate = sync_throughput()
    if rate is not None:
        print(f"sync from Ralph: {rate:,.0f} statements/s")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "records.sqlite"
        t0 = time.perf_counter()
        with Store(path, key=b"k" * 32) as store:
            learners = generate(store, args.records)
        print(f"generated {args.records:,} records of {learners:,} learners in {time.perf_counter() - t0:.1f} s "
              f"({path.stat().st_size / 2**20:.0f} MB store)")
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", _CHILD, "--store", str(path), "--out", str(Path(tmp) / "out")],
                              capture_output=True, text=True, env={"PYTHONPATH": str(REPO / "src"),
                                                                   "SBFA_REPORT_KEY": "6b" * 32, "PATH": "/usr/bin"})
        wall = time.perf_counter() - t0
        _, _, last = proc.stderr.rstrip("\n").rpartition("\n")
        if proc.returncode != 0 or not last.startswith("peak-kb "):
            sys.exit(f"report failed ({proc.returncode}): {proc.stderr[-2000:]}")
        peak, cpu = int(last.split()[1]) / 1024, float(last.split()[2])
        print(f"report: {wall:.1f} s wall ({cpu:.1f} s CPU: wall on a busy machine is longer), peak {peak:.0f} MB "
              f"(targets: 30 s, 300 MB)")
        print(proc.stdout.strip())


if __name__ == "__main__":
    main()
