"""The translation checks split over forked workers report exactly what one process reports."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest

from sbfa_pack import sources_check
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load import load_project
from sbfa_pack.sources_check import validate_sources

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
PO = """msgid ""
msgstr ""
"Language: {lang}\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgctxt "demo.title"
msgid "Demo"
msgstr "{text}"
"""


def _lines(project: Path) -> list[str]:
    diags = Diagnostics()
    validate_sources(project, diags)
    return [str(d) for d in diags.sorted()]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="workers are forked")
def test_parallel_translation_checks_equal_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 17 item 13: validate splits the translation checks by language over the cores (the
    programme's 140 catalogs); the diagnostics are the same as on one core, for every language
    folder (known, unknown, invalid tag) and every project language without catalogs."""
    project = tmp_path / "p"
    shutil.copytree(GOLDEN / "unknown-key", project)
    (project / "sbfa.yaml").write_text("name: x\nformats: [web]\nlanguages: [en, de, nb, pl]\n", encoding="utf-8")
    for lang, text in (("de", "Demo **fett"), ("nb", "Demo [lenke](x.md)"), ("fr", "Démo"), ("xx_bad", "x")):
        (project / "locales" / lang).mkdir(parents=True)
        (project / "locales" / lang / "demo.po").write_text(PO.format(lang=lang, text=text), encoding="utf-8")
    monkeypatch.setattr(sources_check, "_language_groups", lambda lp: [])
    alone = _lines(project)
    monkeypatch.undo()
    monkeypatch.setattr(sources_check, "PARALLEL_FROM", 1)
    monkeypatch.setattr(sources_check.os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    lp = load_project(project, Diagnostics())
    assert lp is not None
    groups = sources_check._language_groups(lp)
    assert len(groups) == 3 and sorted(lang for g in groups for lang in g) == ["de", "en", "fr", "nb", "pl", "xx_bad"]
    assert _lines(project) == alone
    assert {c.split(": ")[1] for c in alone} >= {"warning[i18n.unknown-language]", "error[i18n.language-tag]"}
