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
from .measure import Figures, is_rare, measure_sentence, plain_text, rare_words_available, sentences, words

_SHOWN = 60  # characters of a sentence quoted in a message
_SOURCE_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")  # for names: a semicolon does not start a sentence
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


def texts(lp: LoadedProject, cid: str, lang: str) -> Iterator[tuple[str, str, int, str]]:
    """(text, file, line, source text) of every learner-facing string of catalog ``cid`` in ``lang``;
    the source text is the ``msgid`` of a translation (the text itself in the source language)."""
    from ..i18n import catalog, units

    if lang == lp.project.source_language:
        for msg in units.catalog_of(lp, cid):
            file, line = msg.occurrences[0] if msg.occurrences else ("", 0)
            yield msg.msgid, file, line, msg.msgid
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
            yield e.msgstr, shown, catalog.msgid_line(e, lines), e.msgid


def names(lp: LoadedProject) -> dict[str, frozenset[str]]:
    """The people of the project per language, not counted as rare words. In every language: the
    founders of its case studies and the names its source text writes (a word capitalised inside a
    sentence and never written in lower case: Fatima, Altinn; a rare word found only at the start of
    sentences, when a translation keeps it as it is: Kofi). In a translation also a founder's name as
    its case study's translated title writes it ("Tesfaye: …" → "تسفاي: …"). A German source
    capitalises its nouns: only the founders then."""
    from ..i18n import catalog, units
    from ..model.content import CaseStudy

    src = lp.project.source_language
    founders = {le.founder.name for c in lp.courses.values() for _, le in c.course.lessons()
                if isinstance(le, CaseStudy)}
    common = {w.lower() for name in founders for w in words(name)}
    inside: set[str] = set()
    first: set[str] = set()
    lower: set[str] = set()
    cids = units.catalog_ids(lp) if src.split("-")[0] != "de" else []
    for cid in cids:
        for text, _, _, _ in texts(lp, cid, src):
            for s in _SOURCE_SENTENCE.split(plain_text(text)[0]):
                ws = words(s)
                inside |= {w for w in ws[1:] if w[0].isupper() and sum(map(str.isupper, w)) == 1}
                first |= {w for w in ws[:1] if sum(map(str.isupper, w)) == 1 and is_rare(w, src, 3.0, first=True)}
                lower |= {w.lower() for w in ws if w.islower()}
    # A rare word that only starts sentences is a name when a translation keeps it as it is (Kofi).
    first -= inside
    kept = {w for lang in lp.project.languages if lang != src for cid in cids
            for text, _, _, _ in texts(lp, cid, lang) for w in first if w in text}
    common |= {w.lower() for w in inside | kept} - lower
    out = {src: frozenset(common)}
    for lang in lp.project.languages:
        own = set(common)
        for cid in lp.courses if lang != src else ():
            try:
                po = catalog.read(catalog.po_path(lp.root, lang, cid))
            except (OSError, catalog.PoSyntaxError):
                continue
            for e in po:
                head = e.msgstr.split(":")[0] if ":" in e.msgstr else ""
                if any(e.msgid.startswith(f"{f}:") for f in founders) and 0 < len(words(head)) <= 2:
                    own |= {w.lower() for w in words(head)}
        out[lang] = frozenset(own)
    return out


def measure(lp: LoadedProject, cid: str, lang: str, budget: PlainLanguage,
            people: frozenset[str] = frozenset()) -> Scores:
    """The scores of one catalog in one language (``budget``: the language's own, see
    :meth:`PlainLanguage.for_language`); ``people``: the :func:`names` of the project in ``lang``."""
    scores = Scores()
    src = lp.project.source_language
    for text, file, line, msgid in texts(lp, cid, lang):
        plain, terms = plain_text(text, lang)
        terms |= people
        if msgid is not text:  # the official terms the source marks stay terms in its translation
            terms |= {t for t in plain_text(msgid, src)[1] if t in plain.lower()}
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
    people = names(lp)
    for cid in units.catalog_ids(lp):
        for lang in lp.project.languages:
            own = budget.for_language(lang)
            _report(lp, cid, lang, own, measure(lp, cid, lang, own, people[lang]), diags)


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
    common = budget or lp.project.plain_language or PlainLanguage()
    people = names(lp)
    out: dict[str, dict[str, dict[str, float | None]]] = {}
    for cid in sorted(lp.courses):
        for lang in lp.project.languages:
            b = common.for_language(lang)
            f = measure(lp, cid, lang, b, people[lang]).figures
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


__all__ = ["Scores", "check_plain", "measure", "names", "scores", "texts"]
