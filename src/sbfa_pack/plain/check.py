"""Every learner-facing string of a project measured against its plain-language budget (issue 13).

The strings are those the translation workflow knows (:mod:`sbfa_pack.i18n.units`): what the
learner reads of every course, toolkit exercise and resource, located at their source ``file:line``
in the source language and at their ``msgstr`` in ``locales/<lang>/<catalog>.po`` for the others
(only translated strings; an untranslated one is reported by the translation checks).

Reports (warnings, so ``validate --strict`` fails on them):

- ``plain.long-sentence``: a sentence longer than ``max_sentence_words`` (the longest few per file
  and language, the rest counted in the last message);
- ``plain.rare-words``: a sentence with ``rare_words`` or more rare words (the worst few);
- ``plain.budget``: a catalog (a course, an exercise, the resource bank) whose figures in a
  language are beyond the budget: words per sentence, share of rare words, readability score.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..diagnostics import Diagnostics
from ..load import LoadedProject
from ..model.project import PlainLanguage
from .measure import Figures, measure_sentence, plain_text, rare_words_available, sentences

_SHOWN = 60  # characters of a sentence quoted in a message
_PROSE = re.compile(r"[.!?؟;…][\"”»’)]*$")


@dataclass
class _Hit:
    file: str
    line: int
    sentence: str
    words: int
    rare: list[str]


@dataclass
class Scores:
    """The figures of one catalog in one language, with its worst sentences; ``files``: the
    figures of each file apart (a course's Markdown pages; a translation is one PO file)."""

    figures: Figures = field(default_factory=Figures)
    files: dict[str, Figures] = field(default_factory=dict)
    long: list[_Hit] = field(default_factory=list)
    rare: list[_Hit] = field(default_factory=list)


def texts(lp: LoadedProject, cid: str, lang: str) -> Iterator[tuple[str, str, int]]:
    """(text, file, line) of every learner-facing string of catalog ``cid`` in ``lang``."""
    from ..i18n import catalog, units

    if lang == lp.project.source_language:
        for msg in units.catalog_of(lp, cid):
            file, line = msg.occurrences[0] if msg.occurrences else ("", 0)
            yield msg.msgid, file, line
        return
    path = catalog.po_path(lp.root, lang, cid)
    try:
        po = catalog.read(path)
        lines = catalog.lines(path.read_text(encoding="utf-8"))
    except (OSError, catalog.PoSyntaxError):
        return  # the translation checks report it
    shown = path.relative_to(lp.root).as_posix()
    for e in po:
        if not e.obsolete and e.msgstr and "fuzzy" not in e.flags:
            yield e.msgstr, shown, catalog.msgid_line(e, lines)


def measure(lp: LoadedProject, cid: str, lang: str, budget: PlainLanguage) -> Scores:
    """The scores of one catalog in one language."""
    scores = Scores()
    for text, file, line in texts(lp, cid, lang):
        plain, terms = plain_text(text)
        for s in sentences(plain):
            f, rare = measure_sentence(s, lang, budget.rare_zipf, terms)
            if _PROSE.search(s):  # titles, labels and list fragments do not dilute the averages
                scores.figures.add(f)
                scores.files.setdefault(file, Figures()).add(f)
            if f.words > budget.max_sentence_words:
                scores.long.append(_Hit(file, line, s, f.words, rare))
            if len(rare) >= budget.rare_words:
                scores.rare.append(_Hit(file, line, s, f.words, rare))
    return scores


def _quote(sentence: str) -> str:
    return sentence if len(sentence) <= _SHOWN else sentence[: _SHOWN - 1].rstrip() + "…"


def check_plain(lp: LoadedProject, diags: Diagnostics) -> None:
    """Measure every catalog in every project language against ``plain_language`` in sbfa.yaml."""
    from ..i18n import units

    budget = lp.project.plain_language
    if budget is None:
        return
    if not rare_words_available():
        diags.note("plain.no-word-list", "rare words are not measured: install the word lists with "
                   "`pip install 'sbfa-pack[plain]'`", "sbfa.yaml")
    for cid in units.catalog_ids(lp):
        for lang in lp.project.languages:
            _report(lp, cid, lang, budget, measure(lp, cid, lang, budget), diags)


def _report(lp: LoadedProject, cid: str, lang: str, budget: PlainLanguage, sc: Scores, diags: Diagnostics) -> None:
    for hits, code, what in ((sc.long, "plain.long-sentence", "long"), (sc.rare, "plain.rare-words", "rare")):
        worst = sorted(hits, key=lambda h: (-(h.words if what == "long" else len(h.rare)), h.file, h.line))
        for i, h in enumerate(worst[: budget.worst]):
            more = len(worst) - budget.worst if i == budget.worst - 1 and len(worst) > budget.worst else 0
            tail = f" ({more} more in this catalog)" if more else ""
            if what == "long":
                msg = (f"[{lang}] a sentence of {h.words} words (budget {budget.max_sentence_words}): "
                       f"“{_quote(h.sentence)}”")
            else:
                msg = f"[{lang}] {len(h.rare)} rare words ({', '.join(h.rare[:5])}): “{_quote(h.sentence)}”"
            diags.warning(code, msg + tail, h.file or "sbfa.yaml", h.line)
    for file, figures in sorted(sc.files.items()):
        over = _over_budget(figures, lang, budget)
        if over:
            diags.warning("plain.budget", f"[{lang}] this {'catalog' if file.endswith('.po') else 'file'} of "
                          f"'{cid}' reads above the plain-language budget ({budget.level}): {'; '.join(over)}",
                          file or _catalog_file(lp, cid, lang), 1)


def _over_budget(f: Figures, lang: str, budget: PlainLanguage) -> list[str]:
    over = []
    if f.words_per_sentence > budget.sentence_words:
        over.append(f"{f.words_per_sentence:.1f} words per sentence (budget {budget.sentence_words:g})")
    rare = f.rare_share
    if rare is not None and rare > budget.rare_share:
        over.append(f"{rare:.0%} rare words (budget {budget.rare_share:.0%})")
    score, minimum = f.readability(lang), budget.readability.get(lang.split("-")[0])
    if score is not None and minimum is not None and score < minimum:
        over.append(f"readability {score:g} (budget ≥ {minimum:g})")
    return over


def _catalog_file(lp: LoadedProject, cid: str, lang: str) -> str:
    from ..i18n import catalog, units

    if lang != lp.project.source_language:
        return catalog.po_path(lp.root, lang, cid).relative_to(lp.root).as_posix()
    if cid in lp.courses:
        return lp.courses[cid].source.shown
    if cid in lp.exercises:
        return lp.exercises[cid].source.shown
    if cid == units.GUIDE:
        return lp.guide_source.shown if lp.guide_source else "sbfa.yaml"
    assert cid in (units.RESOURCES, units.GLOSSARY)
    first = sorted({s.shown for s in (lp.resource_sources if cid == units.RESOURCES else lp.glossary_sources).values()})
    return first[0] if first else "sbfa.yaml"


def scores(lp: LoadedProject, budget: PlainLanguage | None = None) -> dict[str, dict[str, dict[str, float | None]]]:
    """Each course's figures per language, for ``inventory``: words per sentence, rare share,
    readability, passive and nominal shares, longest sentence."""
    b = budget or lp.project.plain_language or PlainLanguage()
    out: dict[str, dict[str, dict[str, float | None]]] = {}
    for cid in sorted(lp.courses):
        for lang in lp.project.languages:
            f = measure(lp, cid, lang, b).figures
            if not f.sentences:
                continue
            rare = f.rare_share
            passive, nominal = f.share("passive"), f.share("nominal")
            out.setdefault(cid, {})[lang] = {
                "words_per_sentence": round(f.words_per_sentence, 1), "longest": f.longest,
                "rare_share": None if rare is None else round(rare, 3), "readability": f.readability(lang),
                "passive_share": round(passive, 3) if passive is not None and _styled(lang) else None,
                "nominal_share": round(nominal, 3) if nominal is not None and _styled(lang) else None,
                "over_budget": bool(_over_budget(f, lang, b)),
            }
    return out


def _styled(lang: str) -> bool:
    return lang.split("-")[0] in ("en", "de", "es")


__all__ = ["Scores", "check_plain", "measure", "scores", "texts"]
