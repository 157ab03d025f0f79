"""xAPI queue benchmark: statements and bytes per completed course, and the drain after an outage.

Prints figures, asserts nothing::

    .venv/bin/python benchmarks/xapi_queue.py [--queued 200] [--outage-minutes 5]

1. *Per completed course*: headless Chromium walks the basic sample course (tests/roots/basic:
   5 lessons, 2 questions) with the real xapi adapter against Ralph (a real LRS) through the test
   gateway, and counts the statements and the bytes of every request body sent to the endpoint.
   For the courses of this project, it prints the statements one complete run makes (1 initialized
   + 1 experienced per lesson + 1 answered per question + completed + passed + terminated).
2. *Drain after an outage*: with the LRS stopped, ``--queued`` statements are pushed into the
   page's persistent queue (the adapter's own ``SBFA.xapi.Queue``) and the queue tries to send
   and fails. A real 5-minute outage is not waited for: after 5 minutes of failures the backoff
   sits at its cap, so the queue's failure count is set to what 5 minutes of failures give, which
   puts the next retry at the capped delay (``SBFA.xapi.MAX_DELAY``). Then Ralph is started and the
   time from "the LRS answers again" to "the queue is empty" is measured, split into the wait for
   the next scheduled retry and the sending itself, with the number of POSTs and the longest
   main-thread task in that time (a long task would freeze the page).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "e2e"))

from lrs import Ralph  # noqa: E402
from xapi_walk import Server, build_and_extract  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
PUSH = """([n, registration]) => {
  const X = SBFA.xapi, p = window.__profile, l = new URLSearchParams(location.search);
  const q = window.__q = new X.Queue(new X.Client(l.get('endpoint'), l.get('auth')), 'sbfa:xq:bench', () => {});
  const actor = JSON.parse(l.get('actor')), keys = Object.keys(p.activities);
  for (let i = 0; i < n; i++) {
    const key = keys[i % keys.length];
    q.push({id: X.uuid(), timestamp: new Date().toISOString(), actor, verb: p.verbs.experienced,
            object: {objectType: 'Activity', id: p.activities[key].id, definition: p.activities[key].definition},
            context: {registration, language: p.language}});
  }
  return q.flush().then(() => q.pending());
}"""


def per_course(server: Server, ralph: Ralph, page: object) -> None:
    registration = str(uuid.uuid4())
    server.log.clear()
    page.goto(server.xapi_launch("xapi", registration))  # type: ignore[attr-defined]
    page.wait_for_selector("html.sbfa-ready")  # type: ignore[attr-defined]
    for _ in range(4):
        page.click("#sbfa-next")  # type: ignore[attr-defined]
    page.check("#c-final-quiz-q1-a")  # type: ignore[attr-defined]
    page.fill("#i-final-quiz-q2", "15")  # type: ignore[attr-defined]
    page.click("form.quiz [type=submit]")  # type: ignore[attr-defined]
    time.sleep(1)
    page.goto("about:blank")  # type: ignore[attr-defined]
    time.sleep(1)
    statements = ralph.statements(registration=registration)
    sent = [(m, p, int(h.get("Content-Length") or 0)) for m, p, h in server.log if p.startswith("/lrs/")]
    posts = [s for s in sent if s[0] == "POST" and "/statements" in s[1]]
    print("per completed course (basic sample: 5 lessons, 2 questions)")
    mean = sum(len(json.dumps(s)) for s in statements) // max(1, len(statements))
    print(f"  statements stored: {len(statements)}; mean size {mean} B as stored (with the LRS's own fields)")
    print(f"  requests to the endpoint: {len(sent)} ({len(posts)} statement POSTs); body bytes sent: "
          f"{sum(b for _, _, b in sent):,} (statements {sum(b for _, _, b in posts):,})")


def real_courses() -> None:
    from sbfa_pack.diagnostics import Diagnostics
    from sbfa_pack.load import load_project

    lp = load_project(REPO, Diagnostics())
    if lp is None:
        return
    print("statements in one complete run of this project's courses (computed)")
    for cid, lc in sorted(lp.courses.items()):
        lessons = list(lc.course.lessons())
        questions = sum(len(q.questions) for q in lc.course.quizzes())
        count = len(lessons) + questions + 3 + (1 if lc.course.assessed else 0)  # + initialized, completed, terminated
        print(f"  {cid}: {count} "
              f"({len(lessons)} lessons, {questions} questions; + progressed per exercise submitted)")


def drain(server: Server, ralph: Ralph, page: object, queued: int, minutes: float) -> None:
    page.goto(server.xapi_launch("xapi", str(uuid.uuid4())))  # type: ignore[attr-defined]
    page.wait_for_selector("html.sbfa-ready")  # type: ignore[attr-defined]
    page.evaluate("() => SBFA.xapi.profile(SBFA.data).then(p => { window.__profile = p; })")  # type: ignore[attr-defined]
    page.evaluate("""() => { window.__long = 0; new PerformanceObserver(l => l.getEntries().forEach(
        e => { window.__long = Math.max(window.__long, e.duration); })).observe({entryTypes: ['longtask']}); }""")  # type: ignore[attr-defined]
    ralph.stop()
    registration = str(uuid.uuid4())
    pending = page.evaluate(PUSH, [queued, registration])  # type: ignore[attr-defined]
    # 5 minutes of failures at 1, 2, 4, then the capped delay: how many retries that is.
    cap = page.evaluate("() => SBFA.xapi.MAX_DELAY") / 1000  # type: ignore[attr-defined]
    failures = 3 + int(max(0, minutes * 60 - 7) // cap)
    page.evaluate(f"() => {{ window.__q.failures = {failures - 1}; window.__q.schedule(); window.__q.requests = 0; "
                  "window.__q.sentBytes = 0; window.__long = 0; }")  # type: ignore[attr-defined]
    ralph.start()
    back = time.monotonic()
    first = None
    while True:
        left = page.evaluate("() => window.__q.pending()")  # type: ignore[attr-defined]
        if first is None and left < queued:
            first = time.monotonic() - back
        if left == 0:
            break
        time.sleep(0.02)
    total = time.monotonic() - back
    stats = page.evaluate("() => [window.__q.requests, window.__q.sentBytes, window.__long]")  # type: ignore[attr-defined]
    stored = len(ralph.statements(registration=registration))
    print(f"drain after a simulated {minutes:g}-minute outage ({pending} statements queued while the LRS was down)")
    print(f"  backoff cap {cap:g} s; failures before the LRS returned: {failures}")
    print(f"  LRS back -> queue empty: {total:.2f} s (waiting for the scheduled retry ~{(first or 0):.2f} s, "
          f"sending {total - (first or 0):.2f} s)")
    print(f"  {stats[0]} POSTs, {stats[1]:,} bytes; longest main-thread task during the drain: "
          f"{stats[2]:.0f} ms (0 = none over 50 ms); statements stored: {stored}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--queued", type=int, default=200)
    ap.add_argument("--outage-minutes", type=float, default=5)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        server = Server(build_and_extract(Path(tmp), ["xapi"]))
        server.ralph = ralph = Ralph(Path(tmp) / "ralph").start()
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS, headless=True)
                page = browser.new_page()
                per_course(server, ralph, page)
                real_courses()
                drain(server, ralph, page, args.queued, args.outage_minutes)
                browser.close()
        finally:
            ralph.stop()
            server.close()


if __name__ == "__main__":
    main()
