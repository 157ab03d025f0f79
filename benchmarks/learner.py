"""Learner-side benchmark: what a learner on a phone and a slow line downloads and waits for.

Prints figures, asserts nothing::

    python benchmarks/learner.py [--root .] [--course money-matters] [--adapter scorm12]

For one built course package (default: the largest course of the programme in this repository,
rendered for each adapter) it prints:

- the runtime's weight: ``sbfa.js`` + the stylesheet (inlined in the page) raw and gzip-compressed, per adapter
  (target: ≤ 32 KB gzip, widgets and one adapter included: issue 12's budget for the second edition);
- the weight of each optional runtime part (``survey.js?survey``…: gzip bytes each feature adds to the
  course's ``sbfa.js``), and the full worst case with every optional part, per adapter;
- the bytes transferred to show the first lesson (HTML, CSS, JS, images of the first lesson)
  served by a static server that compresses text the way LMS web servers do (gzip), and without
  compression;
- first contentful paint and "interactive" (the runtime has started: navigation and quizzes
  answer; the ``sbfa-ready`` performance mark) in Debian's Chromium under network emulation
  (``Network.emulateNetworkConditions``) with a 4x CPU slowdown
  (``Emulation.setCPUThrottlingRate``), the median of several cold loads, for two profiles:
  "slow 3G" as Lighthouse defined it (562.5 ms round trip, 1.47 Mbit/s down, 675 kbit/s up;
  target: FCP ≤ 1.5 s) and DevTools' harsher "Slow 3G" preset (2 s, 400 kbit/s), with the
  moments the HTML and the script arrived (the stylesheet is inlined, allowed by its hash in the
  CSP, so the first lesson paints after one round trip for the page);
- a what-if: the same load with index.html cut to the shell and the first lesson, i.e. what
  fetching the other lessons on demand would gain.

Timings depend on the machine's load (the CPU slowdown multiplies it): compare figures taken on
the same machine at the same time.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import re
import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from sbfa_pack.build import localiser, units
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load import load_project
from sbfa_pack.render import (
    OPTIONAL_CSS,
    RUNTIME_PARTS,
    render_unit,
    runtime_js,
    static_file,
    stylesheet,
    unit_features,
)
from sbfa_pack.unit import Unit

REPO = Path(__file__).resolve().parent.parent
PROFILES = {
    "slow 3G (Lighthouse)": {"latency": 562.5, "downloadThroughput": 1474.56 * 1024 / 8,
                             "uploadThroughput": 675 * 1024 / 8},
    "Slow 3G (DevTools)": {"latency": 2000, "downloadThroughput": 400 * 1000 / 8, "uploadThroughput": 400 * 1000 / 8},
}
TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for text when the server is told to (as Apache/nginx do)."""

    compress = True

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path.split("?")[0]))
        if not (self.compress and path.is_file() and path.suffix in TEXT
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return io.BytesIO(body)


def serve(folder: Path, compress: bool) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = type("H", (_Handler,), {"compress": compress})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/index.html"


def course_unit(root: Path, course: str | None) -> Unit:
    diags = Diagnostics()
    lp = load_project(root, diags)
    if lp is None or diags.errors:
        sys.exit(f"{root}: the project has errors; run `sbfa-pack check {root}`")
    found = [u for u in units(lp) if u.kind == "course" and (course is None or u.id == course)]
    if not found:
        sys.exit(f"{root}: no course {course or ''}")
    unit = max(found, key=lambda u: sum(1 for _ in u.course.lessons()))
    return localiser()(unit, unit.language)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9, mtime=0))


def load_once(browser: Any, url: str, profile: dict[str, float]) -> dict[str, float]:
    """One cold load in a fresh context: FCP, interactive, bytes transferred by the first lesson."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", {"offline": False, **profile})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(url, wait_until="load", timeout=120_000)
    page.wait_for_selector("html.sbfa-ready", timeout=120_000)
    figures = page.evaluate("""() => {
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        const ready = performance.getEntriesByName('sbfa-ready')[0];
        const nav = performance.getEntriesByType('navigation')[0];
        const res = performance.getEntriesByType('resource');
        const css = res.find(r => r.name.endsWith('sbfa.js'));  // CSS is inlined: report the script
        return {fcp: fcp ? fcp.startTime : -1, ready: ready ? ready.startTime : -1,
                html: nav.responseEnd, css: css ? css.responseEnd : -1,
                bytes: nav.transferSize + res.reduce((n, r) => n + r.transferSize, 0),
                requests: 1 + res.length};
    }""")
    context.close()
    return {k: float(v) for k, v in figures.items()}


CORE_PARTS = {"screens.js": "welcome and end screens"}
"""Core runtime parts of one feature, whose cost is printed too (issue 12 items 1 and 5; their CSS is
about 120 B gzip of sbfa.css)."""


def print_optional_parts(unit: Unit, adapter: str) -> None:
    """What each optional runtime part (``name.js?feature``, with its ``OPTIONAL_CSS``) adds, gzip, to a
    package that does not use it yet; and the full worst case, every optional part and stylesheet in."""
    optional = [p.partition("?")[2] for p in RUNTIME_PARTS if "?" in p]
    print(f"\noptional runtime parts ({adapter}; gzip bytes each feature adds to this course's sbfa.js and CSS)")
    used = unit_features(unit)
    base = stylesheet(unit)
    for feature in optional:
        without = runtime_js(adapter, used - {feature})
        added = gz(runtime_js(adapter, used | {feature})) - gz(without)
        extra = static_file(OPTIONAL_CSS[feature]) if feature in OPTIONAL_CSS and feature not in used else b""
        print(f"  {feature:10} js +{added:6,} B gzip, css +{gz(base + extra) - gz(base):5,} B gzip"
              f"{' (this course uses it)' if feature in used else ''}")
    for part, what in CORE_PARTS.items():  # in every package: what the feature costs each of them
        js = runtime_js(adapter, used)
        chunk = js[js.index(f"/* {part} */".encode()):]
        chunk = chunk[:chunk.find(b"\n/* ", 1) + 1 or len(chunk)]
        print(f"  {what} ({part}, core) js +{gz(js) - gz(js.replace(chunk, b'')):6,} B gzip")
    css = gz(base + b"".join(static_file(f) for k, f in sorted(OPTIONAL_CSS.items()) if k not in used))
    for a in ("none", "scorm12", "scorm2004", "xapi", "cmi5"):
        full = runtime_js(a)
        print(f"  worst case {a:9} every optional part: js {gz(full):7,} B gzip, with the CSS "
              f"{gz(full) + css:7,} B gzip ({(gz(full) + css) / 1024:.1f} KB)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", type=Path, default=REPO, help="project folder (default: this repository)")
    ap.add_argument("--course", help="course id (default: the course with the most lessons)")
    ap.add_argument("--adapter", default="scorm12", help="adapter of the package loaded in the browser")
    ap.add_argument("--runs", type=int, default=3, help="cold loads per profile (median printed)")
    args = ap.parse_args()
    unit = course_unit(args.root, args.course)
    lessons = sum(1 for _ in unit.course.lessons())
    print(f"course: {unit.id} {unit.course.version} ({unit.language}), {lessons} lessons, "
          f"{len(unit.course.modules)} modules")

    print("\nruntime weight (sbfa.js + the inlined CSS, widgets and one adapter included; target ≤ 32 KB gzip)")
    rendered: dict[str, dict[str, bytes]] = {}
    for adapter in ("none", "scorm12", "scorm2004", "xapi", "cmi5"):
        files = rendered[adapter] = render_unit(unit, adapter)
        js, css = files["sbfa.js"], stylesheet(unit)  # the CSS is inlined in index.html
        print(f"  {adapter:8} js {len(js):7,} B raw {gz(js):7,} B gzip | css {len(css):6,} B raw {gz(css):6,} B gzip"
              f" | together {gz(js) + gz(css):7,} B gzip ({(gz(js) + gz(css)) / 1024:.1f} KB)")
    print_optional_parts(unit, args.adapter)
    files = rendered[args.adapter]
    html = files["index.html"]
    print(f"  index.html (every lesson of the course in one page): {len(html):,} B raw, {gz(html):,} B gzip")

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sys.exit("the Python package 'playwright' is missing (pip install -e '.[dev]')")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("Debian's chromium is not installed (apt-get install chromium); never `playwright install`")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        for name, data in files.items():
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_bytes(data)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True, args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            for compress in (True, False):
                httpd, url = serve(site, compress)
                label = "gzip" if compress else "no compression"
                print(f"\nfirst lesson, package '{args.adapter}' served with {label}, 360x740 phone, CPU 4x slower")
                for name, profile in PROFILES.items():
                    if not compress and name != next(iter(PROFILES)):
                        continue
                    runs = [load_once(browser, url, profile) for _ in range(args.runs)]
                    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
                    print(f"  {name:22} first contentful paint {med['fcp'] / 1000:5.2f} s | interactive "
                          f"{med['ready'] / 1000:5.2f} s | {med['bytes']:8,.0f} B transferred in "
                          f"{med['requests']:.0f} requests | html in {med['html'] / 1000:.2f} s, js in "
                          f"{med['css'] / 1000:.2f} s")
                httpd.shutdown()
                httpd.server_close()
            # What lesson fragments fetched on demand would give: index.html cut to the shell and
            # the first lesson (the other lessons would cost a request each later).
            html_text = html.decode()
            sections = list(re.finditer(r'<section class="lesson.*?</section>\n', html_text, re.DOTALL))
            if len(sections) > 1:
                cut = html_text[:sections[1].start()] + html_text[sections[-1].end():]
                (site / "index.html").write_text(cut)
                httpd, url = serve(site, True)
                name, profile = next(iter(PROFILES.items()))
                runs = [load_once(browser, url, profile) for _ in range(args.runs)]
                med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
                print(f"\nwhat-if: index.html with the first lesson only ({len(cut.encode()):,} B raw, "
                      f"{gz(cut.encode()):,} B gzip), gzip, {name}")
                print(f"  first contentful paint {med['fcp'] / 1000:5.2f} s | interactive {med['ready'] / 1000:5.2f} s"
                      f" | {med['bytes']:8,.0f} B transferred")
                httpd.shutdown()
                httpd.server_close()
            browser.close()


if __name__ == "__main__":
    main()
