"""Translation checks of ``sbfa-pack validate``: every PO file under ``locales/`` against the sources.

Codes (all at the file:line of the PO entry or header concerned):

- ``i18n.po-syntax`` (error) — the file is not valid PO
- ``i18n.language-tag`` (error) — the folder name is not a valid BCP 47 tag known to CLDR
- ``i18n.language-header`` (error) — the ``Language`` header disagrees with the folder
- ``i18n.plural-forms`` (error) — ``Plural-Forms`` missing or with another count than the language's
- ``i18n.plurals`` (error) — an entry lacks one of the language's plural forms
- ``i18n.missing`` / ``i18n.fuzzy`` — strings without a usable translation, one diagnostic per file
  (error when the language is below ``translations.min_complete`` and the policy is ``fail``,
  warning otherwise, since the build then falls back to the source language)
- ``i18n.placeholders``, ``i18n.markdown``, ``i18n.markup``, ``i18n.too-long`` (error) — a translation
  that would break the page, lose a value or not fit
- ``i18n.flag`` (error) — a ``max-length:N`` flag whose N is not a number of at most nine digits
- ``text.control-char`` (error) — a control character (not tab or line break) in a translation; the
  same code as for the YAML sources
- ``ref.missing-asset``, ``ref.outside`` (error) — a translation names a file (its language's captions)
  that is not in the course's folder
- ``i18n.in-progress`` (error) — ``translations.in_progress`` names the source language, a language
  already in ``languages``, or one twice
- ``i18n.emphasis`` (warning) — bold or italics differ (sometimes right: italics for a foreign word)
- ``i18n.unknown-catalog``, ``i18n.stale``, ``i18n.unknown-language`` (warning) — files or entries
  the sources no longer have
"""

from __future__ import annotations

from pathlib import Path

import polib
from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

from ..diagnostics import Diagnostics, Severity
from ..load import LoadedProject
from ..load.files import display
from ..model.base import LANG_PATTERN
from . import assets, catalog, rules
from .localise import policy
from .units import GUIDE, catalog_ids, catalog_of

_RULES = (("i18n.markdown", rules.markdown), ("i18n.markup", rules.markup))


def valid_tag(tag: str) -> bool:
    """A BCP 47 tag of the form the model accepts (``pt-BR``), whose language CLDR knows."""
    import re

    if not re.match(LANG_PATTERN, tag):
        return False
    try:
        Locale.parse(tag, sep="-")
    except (ValueError, UnknownLocaleError):
        return False
    return True


def check_translations(lp: LoadedProject, diags: Diagnostics, languages: list[str] | None = None, *,
                       later: set[str] | None = None) -> None:
    """Check every ``locales/<lang>/*.po`` of the project (or of ``languages`` only, for a build).

    ``later``: ids of courses not loaded into ``lp`` yet; their catalogs count as known here and
    are checked with :func:`check_catalog` once each course is loaded (a build does that in its
    workers). Catalogs of sources that exist but failed to load (``lp.broken``) count as known
    too, and are not checked (their errors are reported already)."""
    _check_in_progress(lp, diags)
    base = catalog.locales_dir(lp.root)
    progress = lp.project.translations.in_progress
    if not base.is_dir() and lp.project.languages == [lp.project.source_language] and not progress:
        return
    templates = _Templates(lp, (later or set()) | lp.broken.courses | lp.broken.exercises
                           | ({GUIDE} if lp.broken.guide else set()))
    for folder in _language_folders(base):
        lang = folder.name
        if languages is not None and lang not in languages:
            continue
        shown_dir = display(folder, lp.root)
        if not valid_tag(lang):
            diags.error("i18n.language-tag", f"'{lang}' is not a valid BCP 47 language tag (e.g. 'uk', 'pt-BR')",
                        shown_dir)
            continue
        if lang not in lp.project.languages and lang not in progress:
            diags.warning("i18n.unknown-language", f"'{lang}' is not in the project's 'languages' nor in "
                          f"'translations.in_progress'; not built (start it with `sbfa-pack i18n add {lang}`)",
                          shown_dir)
        # A language in progress that is not being built: its untranslated strings are expected.
        waiting = languages is None and lang in progress and lang not in lp.project.languages
        for path in sorted(folder.glob("*.po")):
            if path.stem not in templates.later:
                _check_file(lp, path, lang, templates, diags, waiting=waiting)
    _check_absent(lp, base, templates, diags, languages)


def _check_in_progress(lp: LoadedProject, diags: Diagnostics) -> None:
    """``translations.in_progress`` lists languages that are not the source, not listed, once each."""
    project = lp.project
    seen: set[str] = set()
    for i, lang in enumerate(project.translations.in_progress):
        why = ("is the source language" if lang == project.source_language else
               "is already in 'languages' (remove it here)" if lang in project.languages else
               "is listed twice" if lang in seen else
               "is not a BCP 47 language tag CLDR knows" if not valid_tag(lang) else "")
        seen.add(lang)
        if why and lp.source is not None:
            span = lp.source.positions.value(("translations", "in_progress", i))
            diags.error("i18n.in-progress", f"'{lang}' in translations.in_progress {why}", lp.source.shown,
                        span.line, span.column)


def check_catalog(lp: LoadedProject, cid: str, diags: Diagnostics, languages: list[str]) -> None:
    """The checks of :func:`check_translations` for one catalog (``cid``, loaded into ``lp``), in
    ``languages``: what it skipped for the courses it was told come ``later``."""
    templates = _Templates(lp)
    for folder in _language_folders(catalog.locales_dir(lp.root)):
        path = folder / f"{cid}.po"
        if folder.name in languages and valid_tag(folder.name) and path.is_file():
            _check_file(lp, path, folder.name, templates, diags)


def _language_folders(base: Path) -> list[Path]:
    return sorted(p for p in base.iterdir() if p.is_dir() and p.name != "templates") if base.is_dir() else []


class _Templates:
    """The keys of each template catalog, extracted only when a PO file asks for them: a build of
    languages without catalogs yet (the usual start) extracts nothing."""

    def __init__(self, lp: LoadedProject, later: set[str] | None = None) -> None:
        self.lp, self.later = lp, later or set()
        self.ids = {*catalog_ids(lp), *self.later}
        self._keys: dict[str, list[tuple[str, str]]] = {}

    def get(self, cid: str) -> list[tuple[str, str]] | None:
        if cid not in self.ids:
            return None
        if cid not in self._keys:
            self._keys[cid] = [m.key for m in catalog_of(self.lp, cid)]
        return self._keys[cid]


def _check_absent(lp: LoadedProject, base: Path, templates: _Templates, diags: Diagnostics,
                  languages: list[str] | None) -> None:
    """A language of the project without catalogs would be built in the source language: say so."""
    rules_ = lp.project.translations
    for lang in dict.fromkeys([*lp.project.languages, *rules_.in_progress]):
        if lang == lp.project.source_language or (languages is not None and lang not in languages):
            continue
        # Every catalog has strings to translate (titles are required), so none is skipped.
        absent = [cid for cid in sorted(templates.ids) if not catalog.po_path(lp.root, lang, cid).exists()]
        if not absent:
            continue
        waiting = languages is None and lang in rules_.in_progress and lang not in lp.project.languages
        failing = rules_.min_complete > 0 and policy(rules_.below) == "fail" and not waiting
        # No folder at all: translation into this language has not started (a note); some
        # catalogs missing from a folder is more likely a mistake (a warning).
        started = (base / lang).is_dir()
        severity: Severity = "error" if failing else ("warning" if started and not waiting else "note")
        then = ("" if failing else " (in progress: not built yet)" if waiting
                else " (the build uses the source language)")
        diags.add(severity, "i18n.missing",
                  f"no {lang} catalog for {', '.join(absent)}; run `sbfa-pack i18n update --lang {lang}`{then}",
                  display(base / lang, lp.root))


def _check_file(lp: LoadedProject, path: Path, lang: str, templates: _Templates, diags: Diagnostics, *,
                waiting: bool = False) -> None:
    shown = display(path, lp.root)
    try:
        po = catalog.read(path)
    except catalog.PoSyntaxError as exc:
        diags.error("i18n.po-syntax", f"invalid PO file: {exc.message}", shown, exc.line)
        return
    except OSError as exc:
        diags.error("i18n.po-syntax", f"cannot read: {exc.strerror}", shown)
        return
    lines = catalog.lines(path.read_text(encoding="utf-8"))
    header_line = _header_line(lines)
    nplurals = _check_header(po, lang, shown, lines, diags)
    keys = templates.get(path.stem)
    if keys is None:
        diags.warning("i18n.unknown-catalog",
                      f"no course, toolkit exercise or resource bank has the id '{path.stem}'", shown, 1)
        keys = []
    entries = {(e.msgctxt or "", e.msgid): e for e in po if not e.obsolete}
    _check_completeness(lp, lang, keys, entries, shown, lines, header_line, diags, waiting)
    wanted = set(keys)
    folder = assets.catalog_folder(lp.root, path.stem)
    for e in po:
        if e.obsolete:
            continue
        line = catalog.msgid_line(e, lines)
        if keys and (e.msgctxt or "", e.msgid) not in wanted and (e.msgstr or e.msgstr_plural):
            diags.warning("i18n.stale", "this string is no longer in the sources; run `sbfa-pack i18n update`",
                          shown, line)
        if e.msgid_plural and nplurals and e.translated():
            forms = [e.msgstr_plural.get(i, "") for i in range(nplurals)]
            if not all(forms):
                diags.error("i18n.plurals", f"{lang} needs {nplurals} plural forms; "
                            f"msgstr[{forms.index('')}] is missing or empty", shown, line)
        flag = rules.bad_limit(e.flags)
        if flag:
            diags.error("i18n.flag", flag, shown, line)
        for text in ([e.msgstr] if not e.msgid_plural else list(e.msgstr_plural.values())):
            control = rules.control_char(text)
            if control:  # never reaches a package: checked even in fuzzy entries
                diags.error("text.control-char", control, shown, line)
            elif text.strip() and not e.fuzzy:
                _check_entry(e, text, shown, line, diags, folder)


def _check_entry(e: polib.POEntry, text: str, shown: str, line: int, diags: Diagnostics,
                 folder: Path | None = None) -> None:
    source = e.msgid_plural or e.msgid
    for target in assets.added(source, text):
        bad = assets.problem(folder, target)
        if bad:
            diags.error(bad[0], bad[1], shown, line)
    problem = rules.placeholders(source, text, plural_form=bool(e.msgid_plural))
    if problem:
        diags.error("i18n.placeholders", problem, shown, line)
    for code, rule in _RULES:
        problem = rule(source, text)
        if problem:
            diags.error(code, problem, shown, line)
    different = rules.emphasis(source, text)
    if different:
        diags.warning("i18n.emphasis", different, shown, line)
    too_long = rules.length_limit(e.flags, e.comment, text)
    if too_long:
        diags.error("i18n.too-long", too_long, shown, line)


def _header_line(lines: list[str]) -> int:
    return next((n for n, text in enumerate(lines, 1) if text.startswith("msgid ")), 1)


def _meta_line(lines: list[str], name: str, default: int) -> int:
    return next((n for n, text in enumerate(lines, 1) if text.startswith(f'"{name}:')), default)


def _check_header(po: polib.POFile, lang: str, shown: str, lines: list[str], diags: Diagnostics) -> int:
    """Check Language and Plural-Forms; return the language's plural count (0 when unknown)."""
    head = _header_line(lines)
    declared = po.metadata.get("Language", "").strip().replace("_", "-")
    if declared != lang:
        diags.error("i18n.language-header",
                    f"Language header is '{declared or 'missing'}' but the file is in the '{lang}' folder", shown,
                    _meta_line(lines, "Language", head))
    nplurals = get_plural(lang.replace("-", "_")).num_plurals
    forms = po.metadata.get("Plural-Forms", "")
    if forms and f"nplurals={nplurals};" not in forms.replace(" ", ""):
        diags.error("i18n.plural-forms",
                    f"Plural-Forms says '{forms.strip()}' but {lang} has {nplurals} forms: use "
                    f"'{catalog.plural_forms(lang)}'", shown, _meta_line(lines, "Plural-Forms", head))
    return nplurals


def _check_completeness(lp: LoadedProject, lang: str, keys: list[tuple[str, str]],
                        entries: dict[tuple[str, str], polib.POEntry], shown: str, lines: list[str], head: int,
                        diags: Diagnostics, waiting: bool = False) -> None:
    stats = catalog.stats(keys, polib.POFile() if not entries else _as_po(entries))
    rules_ = lp.project.translations
    failing = stats.percent < rules_.min_complete and policy(rules_.below) == "fail" and not waiting
    severity: Severity = "error" if failing else "note" if waiting else "warning"
    then = ("the build fails" if failing else
            f"{lang} is in progress: built once complete, or with `sbfa-pack build --lang {lang}`" if waiting else
            "the build uses the source language for them")
    missing = [k for k in keys if k not in entries or not (catalog.is_translated(entries[k]) or entries[k].fuzzy)]
    if missing:
        first = entries.get(missing[0])
        where = catalog.msgid_line(first, lines) if first else head
        diags.add(severity, "i18n.missing",
                  f"{len(missing)} of {len(keys)} strings not translated into {lang} ({stats.percent:g}% done), "
                  f"first: {missing[0][1][:50]!r}; {then}", shown, where)
    fuzzy = [entries[k] for k in keys if k in entries and entries[k].fuzzy]
    if fuzzy:
        diags.add(severity, "i18n.fuzzy",
                  f"{len(fuzzy)} fuzzy string(s) to review (the source changed), first: {fuzzy[0].msgid[:50]!r}; "
                  f"{then}", shown, catalog.msgid_line(fuzzy[0], lines))


def _as_po(entries: dict[tuple[str, str], polib.POEntry]) -> polib.POFile:
    po = polib.POFile()
    po.extend(entries.values())
    return po
