"""SCORM benchmark: every bundled course built, then walked through in Chromium with scorm-again.

Prints figures, asserts nothing::

    .venv/bin/python benchmarks/scorm12.py [PROJECT] [--format scorm2004]   # default: this repository, scorm12

For each course package: its size, the worst-case ``suspend_data`` the build computed (limit
4,096 for SCORM 1.2, 64,000 for SCORM 2004), the ``suspend_data`` a full walk-through really left,
and the LMS traffic of that walk-through: all API calls, SetValue calls, Commit calls, against the number of pages
shown, questions answered and keys typed (the target: commits bounded by pages + answers, not
by keystrokes). The walker answers every question (first choice, all boxes, some text), fills
every exercise field (typing the first text field key by key) and submits what can be submitted.
"""

from __future__ import annotations

import http.server
import json
import shutil
import sys
import tempfile
from functools import partial
from pathlib import Path
from threading import Thread
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "e2e"))

import scorm12_support  # noqa: E402
import scorm2004_support  # noqa: E402

from sbfa_pack.build import build  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
TYPED = "Bread for the cafés nearby"
# Per format: the host's support module and the names of its API's SetValue, Commit and finish calls.
FORMATS: dict[str, tuple[Any, str, str, str]] = {
    "scorm12": (scorm12_support, "LMSSetValue", "LMSCommit", "LMSFinish"),
    "scorm2004": (scorm2004_support, "SetValue", "Commit", "Terminate"),
}


def walk(frame: Any) -> tuple[int, int, int]:
    """Every lesson in order; returns (pages shown, questions answered, keys typed)."""
    lessons = json.loads(frame.locator("#sbfa-data").text_content())["lessons"]
    pages = answered = typed = 0
    for i, lesson in enumerate(lessons):
        if i:
            frame.locator("#sbfa-next").click()
        sec = frame.locator(f"#l-{lesson['id']}:not([hidden])")
        sec.wait_for()
        pages += 1
        if lesson["kind"] == "quiz":
            answered += quiz(sec)
        elif lesson["kind"] == "exercise":
            typed += exercise(sec)
    return pages, answered, typed


def quiz(sec: Any) -> int:
    n = 0
    for q in sec.locator("li.q").all():
        kind = q.get_attribute("data-type")
        if kind in ("single-choice", "true-false", "multiple-choice"):
            q.locator("input").first.check()
        elif kind == "fill-in":
            q.locator("input").fill("answer")
        elif kind == "numeric":
            q.locator("input").fill("12")
        elif kind == "matching":
            for sel in q.locator("select").all():
                sel.select_option(index=1)
        elif kind == "ordering":
            q.locator("[data-move='1']").first.click()
        n += 1
    sec.locator("form.quiz [type=submit]").click()
    if sec.locator(".quiz-alert:not([hidden])").count():
        sec.locator("form.quiz [type=submit]").click()  # "submit anyway"
    sec.locator("form.quiz .result:not([hidden])").wait_for(timeout=5000)
    return n


def exercise(sec: Any) -> int:
    typed = 0
    for i, field in enumerate(sec.locator("textarea[data-field], input[type=text][data-field]").all()):
        if not field.is_visible():
            continue
        if i == 0 and field.get_attribute("inputmode") != "decimal":
            field.click()
            field.press_sequentially(TYPED)  # key by key, as a learner types
            typed += len(TYPED)
        else:
            field.fill("10" if field.get_attribute("inputmode") == "decimal" else "Some words")
    for radio in sec.locator("input[type=radio][data-field]").all():
        if radio.is_visible() and not sec.locator(f"input[name='{radio.get_attribute('name')}']:checked").count():
            radio.check()
    for box in sec.locator("input[type=checkbox][data-field]").all():
        if box.is_visible():
            box.check()
    submit = sec.locator(".sbfa-x-submit")
    if submit.count() and submit.first.is_visible():
        submit.first.click()
    return typed


def main() -> None:
    from playwright.sync_api import sync_playwright

    args = [a for a in sys.argv[1:] if not a.startswith("--format")]
    fmt = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--format=")), None)
    if "--format" in sys.argv:
        fmt = sys.argv[sys.argv.index("--format") + 1]
        args.remove(fmt)
    fmt = fmt or "scorm12"
    project = Path(args[0]) if args else REPO
    tmp = Path(tempfile.mkdtemp(prefix=f"sbfa-bench-{fmt}-"))
    try:
        result = build(project, tmp / "dist", formats=[fmt])
        for d in result.diagnostics:
            print(d, file=sys.stderr)
        courses = [b for b in result.built if b.kind == "course"]
        print(f"{'package':52} {'bytes':>8} {'worst':>6} {'saved':>6} {'calls':>6} {'sets':>5} {'commits':>7} "
              f"{'pages':>5} {'answers':>7} {'keys':>5}")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                         args=CHROMIUM_ARGS, headless=True)
            for b in courses:
                print(_one(browser, tmp, tmp / "dist" / b.file, b.size, b.report, fmt))
            browser.close()
        tool = [b for b in result.built if b.kind == "exercise"]
        if tool:
            worst = max(tool, key=lambda b: int(str(b.report.get("worst_case_state", 0))))
            print(f"toolkit exercises: {len(tool)} packages, {min(b.size for b in tool):,}–"
                  f"{max(b.size for b in tool):,} bytes, largest worst-case state "
                  f"{worst.report.get('worst_case_state')} ({worst.id})")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _one(browser: Any, tmp: Path, package: Path, size: int, report: dict[str, object], fmt: str) -> str:
    support, set_fn, commit_fn, finish_fn = FORMATS[fmt]
    site = support.lms_site(package, tmp / ("site-" + package.stem))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    Thread(target=httpd.serve_forever, daemon=True).start()
    page = browser.new_page()
    worst = report.get("worst_case_state", "?")
    try:
        page.add_init_script("window.HOST = " + json.dumps({"launch": "pkg/index.html", "data": support.LEARNER}) + ";")
        page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/index.html")
        frame = page.frame_locator("#sco")
        frame.locator("html.sbfa-ready").wait_for()
        pages, answered, typed = walk(frame)
        page.evaluate("() => { document.getElementById('sco').src = 'about:blank'; }")
        page.wait_for_function(f"() => LOG.some(c => c.fn === '{finish_fn}')")
        got = support.lms(page)
    except Exception as exc:  # a benchmark reports what it could not measure and goes on
        print(f"{package.name}: walk-through failed: {exc}", file=sys.stderr)
        return f"{package.name:52} {size:>8,} {worst:>6}  (walk-through failed)"
    finally:
        page.close()
        httpd.shutdown()
        httpd.server_close()
    log = got["log"]
    sets = sum(c["fn"] == set_fn for c in log)
    commits = sum(c["fn"] == commit_fn for c in log)
    saved = len(got["cmi"]["cmi"]["suspend_data"])
    return (f"{package.name:52} {size:>8,} {worst:>6} {saved:>6} {len(log):>6} "
            f"{sets:>5} {commits:>7} {pages:>5} {answered:>7} {typed:>5}")


if __name__ == "__main__":
    main()
