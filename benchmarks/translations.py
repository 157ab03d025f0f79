"""Translation benchmark on the programme itself (courses/, toolkit/, resources/ of this repository).

Prints figures, asserts nothing::

    .venv/bin/python benchmarks/translations.py [--languages 8]

Figures: strings extracted and the time to extract them; the time of a first `i18n update` for N
languages (every catalog written) and of a second one with nothing changed; `validate`'s
translation checks over all those catalogs, fully translated; and `localise` per package (what each
build job adds), mean and worst, with the size of the largest catalog.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import polib

from sbfa_pack.build import units
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.i18n import catalog, localise
from sbfa_pack.i18n.checks import check_translations
from sbfa_pack.i18n.units import catalogs
from sbfa_pack.load import load_project

REPO = Path(__file__).resolve().parents[1]
LANGS = ["el", "es", "de", "pl", "nb", "ar", "uk", "fa"]


def _update(root: Path, langs: list[str]) -> float:
    start = time.perf_counter()
    lp = load_project(root, Diagnostics())
    assert lp is not None
    pots = {cid: catalog.template(msgs, cid) for cid, msgs in catalogs(lp).items()}
    for lang in langs:
        for cid, pot in pots.items():
            path = catalog.po_path(root, lang, cid)
            catalog.save(catalog.update(pot, catalog.read(path) if path.exists() else None, lang), path)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--languages", type=int, default=8, choices=range(1, 9))
    args = parser.parse_args()
    langs = LANGS[:args.languages]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "p"
        root.mkdir()
        shutil.copy(REPO / "sbfa.yaml", root / "sbfa.yaml")
        for part in ("courses", "toolkit", "resources"):
            shutil.copytree(REPO / part, root / part)
        text = (root / "sbfa.yaml").read_text()
        (root / "sbfa.yaml").write_text(text.replace("languages: [en, es]", f"languages: [en, {', '.join(langs)}]"))
        lp = load_project(root, Diagnostics())
        if lp is None:
            sys.exit("the programme does not load; run `sbfa-pack validate` first")
        t = time.perf_counter()
        cats = catalogs(lp)
        extract = time.perf_counter() - t
        n = sum(len(m) for m in cats.values())
        print(f"extract: {n} strings in {len(cats)} catalogs, {extract * 1000:.0f} ms")
        print(f"update, first ({len(langs)} languages, {len(cats) * len(langs)} files): {_update(root, langs):.2f} s")
        print(f"update, nothing changed: {_update(root, langs):.2f} s")
        for po_file in root.glob("locales/*/*.po"):
            po = polib.pofile(str(po_file))
            for e in po:
                e.msgstr = e.msgid
            po.save()
        t = time.perf_counter()
        diags = Diagnostics()
        check_translations(lp, diags)
        print(f"validate's translation checks, all translated: {time.perf_counter() - t:.2f} s, "
              f"{len(diags.errors)} errors")
        times = []
        for unit in units(lp):
            t = time.perf_counter()
            localise.localise(unit, langs[0], root=root)
            times.append(time.perf_counter() - t)
        print(f"localise per package ({len(times)} packages, {langs[0]}): mean {statistics.mean(times) * 1000:.1f} ms, "
              f"worst {max(times) * 1000:.1f} ms; largest catalog {max(len(m) for m in cats.values())} strings")


if __name__ == "__main__":
    main()
