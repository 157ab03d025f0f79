"""``report sync`` benchmark: statements per second from a local Ralph into the local store.

Prints figures, asserts nothing::

    .venv/bin/python benchmarks/report_sync.py [--statements 20000] [--limit 500]

Ralph (the test launcher, tests/e2e/lrs.py; file-system backend on 127.0.0.1) is loaded with N
synthetic statements shaped as the runtime sends them (initialized, experienced, answered,
passed/failed, terminated, with registration, language, parent/grouping, country) for one
course, by POSTs of 1,000. Then one full sync (``sync_activity``, the command's own loop: GET
page, map, one transaction per page) is timed, then a second one with nothing new (the
incremental case: it reads the overlap again and adds nothing). The figure is statements read
per second, the LRS's own time included (and, apart, sbfa-pack's own share: mapping the pages and
writing them): Ralph's file-system backend scans its whole file for every page, so the total is a
floor; a database-backed LRS pages faster.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "e2e"))
sys.path.insert(0, str(REPO / "src"))

import requests  # noqa: E402
from lrs import PASSWORD, USER, VERSION, Ralph  # noqa: E402

from sbfa_pack.evaluation.store import Store  # noqa: E402
from sbfa_pack.evaluation.sync import Summary, sync_activity  # noqa: E402
from sbfa_pack.lrs_client import Client  # noqa: E402

BASE = "https://w3id.org/sbfa"
COURSE = f"{BASE}/courses/bench"
V = "http://adlnet.gov/expapi/verbs/"


def statements(n: int, seed: int = 14) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    while len(out) < n:
        who, reg = f"learner-{rng.randrange(10**6)}", str(uuid.UUID(int=rng.getrandbits(128)))
        steps = [("initialized", COURSE, None)] + [("experienced", f"{COURSE}/lessons/l{i}", None) for i in range(5)]
        steps += [("answered", f"{COURSE}/questions/q{i}",
                   {"response": rng.choice("abcd"), "success": rng.random() < 0.7, "duration": "PT9.5S"})
                  for i in range(8)]
        steps += [(rng.choice(["passed", "failed"]), COURSE, {"score": {"scaled": round(rng.random(), 2)}}),
                  ("terminated", COURSE, {"duration": "PT4M2S"})]
        for verb, obj, result in steps:
            st: dict[str, Any] = {
                "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "timestamp": "2026-12-03T12:00:00Z",
                "actor": {"objectType": "Agent", "name": who, "account": {"homePage": "https://lms.test", "name": who}},
                "verb": {"id": V + verb}, "object": {"objectType": "Activity", "id": obj},
                "context": {"registration": reg, "language": "en",
                            "extensions": {f"{BASE}/xapi/extensions/country": "de"}}}
            if obj != COURSE:
                st["context"]["contextActivities"] = {"parent": [{"id": f"{COURSE}/lessons/l0"}],
                                                      "grouping": [{"id": COURSE}]}
            if result:
                st["result"] = result
            out.append(st)
    return out[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=20000)
    parser.add_argument("--limit", type=int, default=500, help="statements per page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with_pages = str(max(args.limit, 100))
        import os

        os.environ["RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT"] = with_pages
        ralph = Ralph(folder / "ralph").start()
        try:
            data = statements(args.statements)
            headers = {"Authorization": ralph.auth, "X-Experience-API-Version": VERSION}
            for i in range(0, len(data), 1000):
                requests.post(f"{ralph.endpoint}statements", json=data[i:i + 1000], headers=headers,
                              timeout=120).raise_for_status()
            client = Client(ralph.endpoint, USER, PASSWORD, 120)
            client.max_body = 256 * 1024 * 1024
            waited = [0.0]
            call = client.call_url

            def timed(method: str, url: str, body: Any = None) -> Any:
                t = time.perf_counter()
                try:
                    return call(method, url, body)
                finally:
                    waited[0] += time.perf_counter() - t

            client.call_url = timed  # type: ignore[method-assign]
            with Store(folder / "r.sqlite", key=bytes(32)) as store:
                started = time.perf_counter()
                first = sync_activity(client, store, COURSE, limit=args.limit, summary=Summary())
                full = time.perf_counter() - started
                lrs_time = waited[0]
                started = time.perf_counter()
                again = sync_activity(client, store, COURSE, limit=args.limit, summary=Summary())
                incremental = time.perf_counter() - started
        finally:
            ralph.stop()
    print(f"report sync from Ralph (file-system backend), {args.statements} statements, pages of {args.limit}:")
    print(f"  full sync: {first.read} read in {first.pages} pages, {first.new} new, {full:.1f} s "
          f"= {first.read / full:,.0f} statements/s")
    ours = full - lrs_time
    print(f"    of which waiting for Ralph {lrs_time:.1f} s; mapping and writing {ours:.1f} s "
          f"= {first.read / max(ours, 1e-9):,.0f} statements/s on sbfa-pack's side")
    print(f"  second sync (nothing new, the overlap read again): {again.read} read, {again.new} new, "
          f"{incremental:.1f} s")


if __name__ == "__main__":
    main()
