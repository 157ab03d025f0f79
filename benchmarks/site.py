"""Site benchmark (issue 15): ``sbfa-pack site`` for the programme and for a synthetic bank of
5,000 resources. Prints figures, asserts nothing::

    .venv/bin/python benchmarks/site.py [--resources 5000] [--languages 3]

Figures, for each project: build time from scratch and for an unchanged rebuild (best of
``--runs``; wall and CPU), pages written, the search index of one language (bytes, and gzip), the
largest page of the site's own templates (gzip; the budget is 50 KB) and which one it is. The
programme is built without its packages (no ``dist/`` is needed: downloads are then empty).
"""

from __future__ import annotations

import argparse
import gzip
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

from sbfa_pack.site import build_site

REPO = Path(__file__).resolve().parents[1]
COUNTRIES = ["no", "es", "de", "pl", "gr", "eu", "international"]
KINDS = ["portal", "authority", "support", "template", "guide", "funding", "training", "other"]
TOPICS = ["registration", "tax", "vat", "funding", "support", "social-insurance", "permits", "banking", "training"]
WORDS = ["register", "business", "tax", "office", "advice", "founders", "loan", "grant", "permit", "bank",
         "account", "insurance", "training", "municipality", "chamber", "commerce", "self-employed", "licence"]


def make_bank(root: Path, resources: int, languages: int) -> None:
    """A project of one tiny course and ``resources`` resources in 10 files."""
    rng = random.Random(15)
    langs = ["en", "de", "ar", "es", "pl", "nb", "el", "uk"][:languages]
    root.mkdir(parents=True)
    (root / "sbfa.yaml").write_text(f"name: Bank benchmark\nsource_language: en\nlanguages: [{', '.join(langs)}]\n"
                                    "formats: [web]\n")
    (root / "resources").mkdir()
    per_file = resources // 10
    for f in range(10):
        lines = ["resources:"]
        for i in range(per_file):
            n = f * per_file + i
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(15, 40)))
            lines += [f"  - id: r{n:05d}", f"    title: Resource {n} {rng.choice(WORDS)} {rng.choice(WORDS)}",
                      f"    url: https://example.org/{n}/", f"    description: {words.capitalize()}.",
                      f"    kind: {rng.choice(KINDS)}", f"    countries: [{rng.choice(COUNTRIES)}]",
                      f"    topics: [{', '.join(rng.sample(TOPICS, 2))}]", f"    languages: [{rng.choice(langs)}]"]
        (root / "resources" / f"bank-{f}.yaml").write_text("\n".join(lines) + "\n")


def measure(name: str, root: Path, runs: int) -> None:
    out = Path(tempfile.mkdtemp(prefix="sbfa-site-bench-"))
    try:
        best = {"full": (1e9, 0.0), "again": (1e9, 0.0)}
        written = pages = 0
        for _ in range(runs):
            shutil.rmtree(out, ignore_errors=True)
            for kind in ("full", "again"):
                cpu0 = _cpu()
                t0 = time.perf_counter()
                result = build_site(root, out / "site", out / "no-dist")
                wall, cpu = time.perf_counter() - t0, _cpu() - cpu0
                assert not result.diagnostics.errors, [str(d) for d in result.diagnostics.errors]
                if kind == "full":
                    written, pages = len(result.written), result.pages
                best[kind] = min(best[kind], (wall, cpu))
        site = out / "site"
        index = site / "assets" / "search-en.js"
        own = [p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "web"]
        largest = max(own, key=lambda p: len(gzip.compress(p.read_bytes())))
        print(f"{name}:")
        print(f"  build: {best['full'][0]:.2f} s wall, {best['full'][1]:.2f} s CPU; {pages} pages, "
              f"{written} files written")
        print(f"  unchanged rebuild: {best['again'][0]:.2f} s wall, {best['again'][1]:.2f} s CPU; nothing written")
        print(f"  search index (en): {index.stat().st_size:,} bytes, {len(gzip.compress(index.read_bytes())):,} gzip")
        print(f"  largest page: {largest.relative_to(site)}: {largest.stat().st_size:,} bytes, "
              f"{len(gzip.compress(largest.read_bytes())):,} gzip (budget 50,000)")
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=5000)
    parser.add_argument("--languages", type=int, default=3)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    measure("programme (courses/, toolkit/, resources/; 8 languages)", REPO, args.runs)
    tmp = Path(tempfile.mkdtemp(prefix="sbfa-bank-"))
    try:
        make_bank(tmp / "bank", args.resources, args.languages)
        measure(f"synthetic bank ({args.resources:,} resources, {args.languages} languages)", tmp / "bank", args.runs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
