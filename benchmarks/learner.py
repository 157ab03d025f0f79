"""Learner-side benchmark: what a learner on a phone and a slow line downloads and waits for.

Prints figures, asserts nothing::

    python benchmarks/learner.py [--root .] [--course money-matters] [--adapter scorm12]

For one built course package (default: the largest course of the programme in this repository,
rendered for each adapter) it prints:

- the runtime's weight (target: ≤ 32 KB gzip, issue 12's budget for the second edition): what
  each runtime part adds to the gzip total, in order (the inline boot script, the inlined
  stylesheet, then each part of ``sbfa.js``, every optional part included); the total per adapter
  with every optional part (the worst case); and the total of each programme course as built
  (only the optional parts it uses);
- the bytes transferred to show the first lesson (HTML, CSS, JS, images of the first lesson)
  served by a static server that compresses text the way LMS web servers do (gzip), and without
  compression;
- in Debian's Chromium under network emulation (``Network.emulateNetworkConditions``) with a 4x
  CPU slowdown (``Emulation.setCPUThrottlingRate``), the median of several cold loads: first
  contentful paint; **first working tap**, the moment a tap on Next first moves to the next
  lesson (the test taps Next every 100 ms from the moment it exists; issue 12's target: ≤ 2.5 s);
  and "runtime ready" (the runtime has started: the ``sbfa-ready`` performance mark). Profiles:
  "slow 3G" as Lighthouse defined it (562.5 ms round trip, 1.47 Mbit/s down, 675 kbit/s up;
  target: FCP ≤ 1.5 s), the line of the review behind issue 12 (400 ms, 400 kbit/s) and
  DevTools' harsher "Slow 3G" preset (2 s, 400 kbit/s: two round trips alone pass 2.5 s), with
  the moments the HTML and the script arrived;
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
    boot_js,
    render_unit,
    runtime_js,
    runtime_parts,
    static_file,
    stylesheet,
    unit_features,
    worst_stylesheet,
)
from sbfa_pack.unit import Unit

REPO = Path(__file__).resolve().parent.parent
PROFILES = {
    "slow 3G (Lighthouse)": {"latency": 562.5, "downloadThroughput": 1474.56 * 1024 / 8,
                             "uploadThroughput": 675 * 1024 / 8},
    "review (issue 12)": {"latency": 400, "downloadThroughput": 400 * 1000 / 8, "uploadThroughput": 400 * 1000 / 8},
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


def course_units(root: Path) -> list[Unit]:
    """Every course of the project at ``root``, localised to its own language as a build does."""
    diags = Diagnostics()
    lp = load_project(root, diags)
    if lp is None or diags.errors:
        sys.exit(f"{root}: the project has errors; run `sbfa-pack check {root}`")
    return [localiser()(u, u.language) for u in units(lp) if u.kind == "course"]


def course_unit(found: list[Unit], course: str | None) -> Unit:
    found = [u for u in found if course is None or u.id == course]
    if not found:
        sys.exit(f"no course {course or ''}")
    return max(found, key=lambda u: sum(1 for _ in u.course.lessons()))


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9, mtime=0))


MOVED = """new MutationObserver(function (records) {
    // The moment a lesson other than the one the page opened on is shown (a course opens on its
    // welcome screen, so any lesson; an exercise on its first lesson): the tap on Next has worked.
    records.forEach(function (r) {
        var t = r.target;
        if (!window.__moved && t.matches && t.matches("main section.lesson:not([hidden])")
            && (t !== document.querySelector("main section.lesson") || document.getElementById("sbfa-welcome"))) {
            window.__moved = performance.now();
        }
    });
}).observe(document, {attributes: true, attributeFilter: ["hidden"], subtree: true});"""


def first_tap(page: Any) -> float:
    """Taps Next every 100 ms from the moment it is on the page (scrolled to it, as the learner
    would on a phone); the moment (ms since navigation) a lesson other than the first is shown
    (-1: never within two minutes)."""
    for _ in range(1200):
        box = page.evaluate("""() => { if (window.__moved) { return null; }
            const b = document.getElementById('sbfa-next');
            if (!b) { return []; }
            b.scrollIntoView({block: 'center', behavior: 'instant'});  // on a phone the pager follows the lesson
            const r = b.getBoundingClientRect();
            return r.width ? [r.x + r.width / 2, r.y + r.height / 2] : []; }""")
        if box is None:
            return float(page.evaluate("window.__moved"))
        if box:
            page.touchscreen.tap(*box)
        page.wait_for_timeout(100)
    return -1.0


def load_once(browser: Any, url: str, profile: dict[str, float]) -> dict[str, float]:
    """One cold load in a fresh context: FCP, first working tap, runtime ready, bytes transferred
    by the first lesson."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.add_init_script(MOVED)  # playwright's init scripts are not subject to the page's CSP
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", {"offline": False, **profile})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(url, wait_until="commit", timeout=120_000)
    tap = first_tap(page)
    page.wait_for_load_state("load", timeout=120_000)
    page.wait_for_selector("html.sbfa-ready", timeout=120_000)
    figures = page.evaluate("""() => {
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        const ready = performance.getEntriesByName('sbfa-ready')[0];
        const nav = performance.getEntriesByType('navigation')[0];
        const res = performance.getEntriesByType('resource');
        const js = res.find(r => r.name.endsWith('sbfa.js'));
        return {fcp: fcp ? fcp.startTime : -1, ready: ready ? ready.startTime : -1,
                html: nav.responseEnd, js: js ? js.responseEnd : -1,
                bytes: nav.transferSize + res.reduce((n, r) => n + r.transferSize, 0),
                requests: 1 + res.length};
    }""")
    context.close()
    return {"tap": tap, **{k: float(v) for k, v in figures.items()}}


def timings(browser: Any, url: str, profile: dict[str, float], runs: int) -> str:
    """The median of ``runs`` cold loads, as one line."""
    loads = [load_once(browser, url, profile) for _ in range(runs)]
    med = {k: statistics.median(r[k] for r in loads) for k in loads[0]}
    return (f"first contentful paint {med['fcp'] / 1000:5.2f} s | first working tap {med['tap'] / 1000:5.2f} s |"
            f" runtime ready {med['ready'] / 1000:5.2f} s | {med['bytes']:8,.0f} B in {med['requests']:.0f} requests"
            f" | html in {med['html'] / 1000:.2f} s, js in {med['js'] / 1000:.2f} s")


def weights(unit: Unit, found: list[Unit]) -> None:
    """What each runtime part adds to the gzip total, the worst case per adapter, each course as built."""
    boot, css = boot_js().encode(), worst_stylesheet(unit)
    print("\nruntime weight: what each part adds to the gzip total, in order (cmi5, every optional part and its CSS)")
    total, shown = b"", 0
    for name, data in [("boot.js (inline)", boot), ("stylesheet (inline)", css),
                       *((n, f"/* {n} */\n{t}\n;\n".encode()) for n, t in runtime_parts("cmi5"))]:
        total += data
        print(f"  {name:28} {len(data):7,} B raw {gz(total) - shown:+7,} B gzip")
        shown = gz(total)
    print("\nruntime total (boot script + stylesheet + sbfa.js, each compressed on its own; target ≤ 32 KB gzip)")
    for adapter in ("none", "scorm12", "scorm2004", "xapi", "cmi5"):
        js = "".join(f"/* {n} */\n{t}\n;\n" for n, t in runtime_parts(adapter)).encode()
        size = gz(boot) + gz(css) + gz(js)
        print(f"  {adapter:9} every optional part: js {gz(js):7,} B + css {gz(css):6,} B + boot {gz(boot):4,} B"
              f" = {size:7,} B gzip ({size / 1024:.1f} KB)")
    for u in sorted(found, key=lambda u: u.id):
        sizes = [gz(boot) + gz(stylesheet(u)) + gz(b"".join(
            f"/* {n} */\n{t}\n;\n".encode() for n, t in runtime_parts(a, unit_features(u))))
            for a in ("scorm12", "scorm2004", "xapi", "cmi5")]
        print(f"  course {u.id:32} as built: scorm12 {sizes[0]:,} | scorm2004 {sizes[1]:,} | xapi {sizes[2]:,}"
              f" | cmi5 {sizes[3]:,} B gzip")


CORE_PARTS = {"screens.js": "welcome and end screens"}
"""Core runtime parts of one feature, whose cost is printed too (issue 12 items 1 and 5; their CSS is
about 120 B gzip of sbfa.css)."""


def print_optional_parts(unit: Unit, adapter: str) -> None:
    """What each optional runtime part (``name.js?feature``, with its ``OPTIONAL_CSS``) adds, gzip, to a
    package of this course that does not use it yet (the worst case is in :func:`weights`)."""
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", type=Path, default=REPO, help="project folder (default: this repository)")
    ap.add_argument("--course", help="course id (default: the course with the most lessons)")
    ap.add_argument("--adapter", default="scorm12", help="adapter of the package loaded in the browser")
    ap.add_argument("--runs", type=int, default=3, help="cold loads per profile (median printed)")
    args = ap.parse_args()
    found = course_units(args.root)
    unit = course_unit(found, args.course)
    lessons = sum(1 for _ in unit.course.lessons())
    print(f"course: {unit.id} {unit.course.version} ({unit.language}), {lessons} lessons, "
          f"{len(unit.course.modules)} modules")
    weights(unit, found)
    print_optional_parts(unit, "cmi5")

    print(f"\npackages of {unit.id} (sbfa.js as built, the stylesheet and the boot script inlined in index.html)")
    rendered: dict[str, dict[str, bytes]] = {}
    for adapter in ("none", "scorm12", "scorm2004", "xapi", "cmi5"):
        files = rendered[adapter] = render_unit(unit, adapter)
        js, css = files["sbfa.js"], stylesheet(unit)
        print(f"  {adapter:8} js {len(js):7,} B raw {gz(js):7,} B gzip | css {len(css):6,} B raw {gz(css):6,} B gzip")
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
                    if compress or name != "Slow 3G (DevTools)":
                        print(f"  {name:22} {timings(browser, url, profile, args.runs)}")
                httpd.shutdown()
                httpd.server_close()
            # What lesson fragments fetched on demand would give: index.html cut to the shell and
            # the first two lessons (the other lessons would cost a request each later).
            html_text = html.decode()
            sections = list(re.finditer(r'<section class="lesson.*?</section>\n', html_text, re.DOTALL))
            if len(sections) > 2:
                cut = html_text[:sections[2].start()] + html_text[sections[-1].end():]
                (site / "index.html").write_text(cut)
                httpd, url = serve(site, True)
                name, profile = next(iter(PROFILES.items()))
                print(f"\nwhat-if: index.html with the first two lessons only ({len(cut.encode()):,} B raw, "
                      f"{gz(cut.encode()):,} B gzip), gzip, {name}")
                print(f"  {timings(browser, url, profile, args.runs)}")
                httpd.shutdown()
                httpd.server_close()
            browser.close()


if __name__ == "__main__":
    main()
