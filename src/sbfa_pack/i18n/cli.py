"""``sbfa-pack i18n``: extract templates, update language catalogs, show translation statistics."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import polib

from ..diagnostics import Diagnostics, render
from ..load import LoadedProject, load_project
from ..load.files import display
from ..sources_check import project_root
from . import catalog
from .units import catalogs

_PATH = click.argument("path", required=False, type=click.Path(path_type=Path, exists=True))


@click.group()
def i18n() -> None:
    """Translate courses with gettext PO files (Poedit, Weblate) kept in locales/."""


def _load(path: Path | None) -> LoadedProject:
    diags = Diagnostics()
    lp = load_project(project_root(path or Path.cwd()), diags)
    if lp is None or diags.errors:
        click.echo(render(diags.sorted(), "text"), err=True)
        click.echo("sbfa-pack: error: fix the sources first; nothing was written", err=True)
        sys.exit(1)
    return lp


def _project_id(lp: LoadedProject, cid: str) -> str:
    if cid in lp.courses:
        return f"{cid} {lp.courses[cid].course.version}"
    if cid in lp.exercises:
        return f"{cid} {lp.exercises[cid].exercise.version}"
    return f"{lp.project.name} {cid}"


def write_templates(lp: LoadedProject) -> dict[str, polib.POFile]:
    """Write ``locales/templates/<id>.pot`` for every catalog; return the templates."""
    pots = {cid: catalog.template(msgs, _project_id(lp, cid)) for cid, msgs in catalogs(lp).items()}
    for cid, pot in pots.items():
        catalog.save(pot, catalog.template_path(lp.root, cid))
    return pots


def _read(lp: LoadedProject, target: Path, diags: Diagnostics, then: str) -> tuple[bool, polib.POFile | None]:
    """(readable, catalog): a missing file reads as None; a broken one is a located error."""
    shown = display(target, lp.root)
    try:
        return True, catalog.read(target) if target.exists() else None
    except catalog.PoSyntaxError as exc:
        diags.error("i18n.po-syntax", f"invalid PO file: {exc.message}; {then}", shown, exc.line)
    except OSError as exc:
        diags.error("i18n.po-syntax", f"cannot read: {exc.strerror}; {then}", shown)
    return False, None


def _finish(diags: Diagnostics) -> None:
    if diags.errors:
        click.echo(render(diags.sorted(), "text"), err=True)
        sys.exit(1)


@i18n.command()
@_PATH
def extract(path: Path | None) -> None:
    """Write a template (.pot) per course, toolkit exercise and the resource bank."""
    lp = _load(path)
    with _writing(lp):
        pots = write_templates(lp)
    for cid, pot in sorted(pots.items()):
        click.echo(f"{catalog.template_path(lp.root, cid).relative_to(lp.root)}: {len(pot)} strings")


@contextlib.contextmanager
def _writing(lp: LoadedProject) -> Iterator[None]:
    """Catalogs held for writing (see :func:`catalog.writing`); a write that fails (disk full) is
    one line and exit 1, every file then being the old one or the new one."""
    try:
        with catalog.writing(lp.root):
            yield
    except BlockingIOError:
        click.echo("sbfa-pack: error: another sbfa-pack command is writing the catalogs in "
                   f"{display(catalog.locales_dir(lp.root), lp.root)}; try again when it has finished", err=True)
        sys.exit(2)
    except OSError as exc:
        where = display(Path(exc.filename), lp.root) if exc.filename else "locales"
        click.echo(f"{where}: error: cannot write: {exc.strerror}; the catalogs not yet updated are unchanged",
                   err=True)
        sys.exit(1)


def translation_languages(lp: LoadedProject) -> list[str]:
    """Every language with catalogs: the project's languages but the source, then those in progress."""
    listed = [lang for lang in lp.project.languages if lang != lp.project.source_language]
    return listed + [lang for lang in lp.project.translations.in_progress if lang not in listed]


def update_catalogs(lp: LoadedProject, targets: list[str], diags: Diagnostics) -> None:
    """Extract, then merge the templates into each target language's catalogs; a catalog that
    cannot be read is an error and stays as it is, byte for byte."""
    pots = write_templates(lp)
    for lang in targets:
        for cid, pot in sorted(pots.items()):
            target = catalog.po_path(lp.root, lang, cid)
            readable, old = _read(lp, target, diags, "not updated")
            if not readable:
                continue
            merged = catalog.update(pot, old, lang)
            catalog.save(merged, target)
            s = catalog.stats([(e.msgctxt or "", e.msgid) for e in pot], merged)
            click.echo(f"{target.relative_to(lp.root)}: {s.translated} translated, {s.fuzzy} fuzzy, "
                       f"{s.missing} missing")


@i18n.command()
@_PATH
@click.option("--lang", "langs", multiple=True, metavar="L", help="Language to update (repeatable) [default: all].")
def update(path: Path | None, langs: tuple[str, ...]) -> None:
    """Extract, then merge the templates into locales/<lang>/<id>.po, never losing a translation."""
    lp = _load(path)
    known = translation_languages(lp)
    targets = list(langs) or known
    if lp.project.source_language in targets:
        click.echo(f"sbfa-pack: error: {lp.project.source_language} is the source language; it has no catalogs",
                   err=True)
        sys.exit(2)
    unknown = [lang for lang in targets if lang not in known]
    if unknown:
        click.echo(f"sbfa-pack: error: language(s) {', '.join(unknown)} not in the project's 'languages' nor in "
                   f"'translations.in_progress'; start one with `sbfa-pack i18n add {unknown[0]}`", err=True)
        sys.exit(2)
    diags = Diagnostics()
    with _writing(lp):
        update_catalogs(lp, targets, diags)
    _finish(diags)


@i18n.command()
@_PATH
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats(path: Path | None, as_json: bool) -> None:
    """Translated, fuzzy and missing strings per course × language."""
    lp = _load(path)
    rows = []
    diags = Diagnostics()
    progress = lp.project.translations.in_progress
    for cid, msgs in sorted(catalogs(lp).items()):
        keys = [m.key for m in msgs]
        for lang in translation_languages(lp):
            readable, po = _read(lp, catalog.po_path(lp.root, lang, cid), diags, "not counted")
            if not readable:
                continue
            s = catalog.stats(keys, po)
            rows.append({"catalog": cid, "language": lang, "translated": s.translated, "fuzzy": s.fuzzy,
                         "missing": s.missing, "total": s.total, "percent": s.percent,
                         "draft": s.draft or lang in lp.project.translations.draft,
                         "in_progress": lang in progress})
    if as_json:
        click.echo(json.dumps(rows, indent=2))
    else:
        w = max([len("catalog"), *(len(str(r["catalog"])) for r in rows)])
        click.echo(f"{'catalog':{w}} {'lang':6} {'done':>6} {'fuzzy':>6} {'miss':>6} {'%':>6}  status")
        for r in rows:
            status = ("draft" if r["draft"] else "reviewed") + (", in progress" if r["in_progress"] else "")
            click.echo(f"{r['catalog']:{w}} {r['language']:6} {r['translated']:>6} {r['fuzzy']:>6} "
                       f"{r['missing']:>6} {r['percent']:>6}  {status}")
    _finish(diags)


@i18n.command()
@click.argument("lang")
@click.argument("path", required=False, type=click.Path(path_type=Path, exists=True))
def add(lang: str, path: Path | None) -> None:
    """Start translating into LANG: create its catalogs and list it under translations.in_progress."""
    from ..packaging import write_atomic
    from .checks import valid_tag
    from .progress import with_language

    lp = _load(path)
    project = lp.project
    if not valid_tag(lang):
        click.echo(f"sbfa-pack: error: '{lang}' is not a BCP 47 language tag CLDR knows (e.g. 'uk', 'pt-BR')", err=True)
        sys.exit(2)
    if lang == project.source_language:
        click.echo(f"sbfa-pack: error: {lang} is the source language; it has no catalogs", err=True)
        sys.exit(2)
    diags = Diagnostics()
    with _writing(lp):
        update_catalogs(lp, [lang], diags)
        if lang in project.languages or lang in project.translations.in_progress:
            where = "'languages'" if lang in project.languages else "'translations.in_progress'"
            click.echo(f"{lang} is already in {where} of sbfa.yaml; its catalogs are up to date")
        else:
            project_file = lp.root / "sbfa.yaml"
            edited = with_language(project_file.read_text(encoding="utf-8"), lang)
            if edited is None:
                click.echo(f"sbfa.yaml: note: add {lang} to 'in_progress' under 'translations:' yourself "
                           f"(e.g. the line `  in_progress: [{lang}]`); this file's layout is left as it is")
            else:
                write_atomic(project_file, edited.encode("utf-8"))
                click.echo(f"sbfa.yaml: {lang} added to translations.in_progress: checked by `sbfa-pack validate`, "
                           f"built once complete or with `sbfa-pack build --lang {lang}`")
    _finish(diags)


@i18n.command("ui-update")
def ui_update() -> None:
    """Refresh sbfa-pack's own interface catalogs (learner UI, site, report) after their strings changed."""
    from .ui import DOMAINS, catalog_path, update_catalogs

    for domain in DOMAINS:
        for lang, s in update_catalogs(domain=domain).items():
            click.echo(f"{catalog_path(lang, domain)}: {s.translated} translated, {s.fuzzy} fuzzy, {s.missing} missing")
    from ..evaluation import strings  # the evaluation report's strings go the same way

    for lang, s in strings.update_catalogs().items():
        click.echo(f"{strings.catalog_path(lang)}: {s.translated} translated, {s.fuzzy} fuzzy, {s.missing} missing")


def _need_toolkit() -> None:
    try:
        import translate.storage.xliff2  # noqa: F401
    except ImportError:
        click.echo("sbfa-pack: error: XLIFF exchange needs translate-toolkit: pip install 'translate-toolkit>=3.20'",
                   err=True)
        sys.exit(2)


@i18n.command("xliff-export")
@_PATH
@click.option("--lang", "langs", multiple=True, metavar="L", help="Language to export (repeatable) [default: all].")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Output folder [default: dist/xliff in the project].")
def xliff_export(path: Path | None, langs: tuple[str, ...], out: Path | None) -> None:
    """Write XLIFF 2.0 files (<out>/<lang>/<id>.xlf) from the PO catalogs, for CAT tools."""
    from ..packaging import write_atomic
    from .xliff import export

    _need_toolkit()
    lp = _load(path)
    out = out or lp.root / "dist" / "xliff"
    for lang in list(langs) or [lang for lang in lp.project.languages if lang != lp.project.source_language]:
        for po_file in sorted((catalog.locales_dir(lp.root) / lang).glob("*.po")):
            try:
                po = catalog.read(po_file)
            except catalog.PoSyntaxError as exc:
                click.echo(f"{po_file.relative_to(lp.root)}:{exc.line}: error: {exc.message}; not exported", err=True)
                continue
            target = out / lang / f"{po_file.stem}.xlf"
            write_atomic(target, export(po, lp.project.source_language, lang, po_file.stem))
            click.echo(f"{target}: {sum(1 for e in po if not e.obsolete and not e.msgid_plural)} units")


@i18n.command("xliff-import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--project", "path", type=click.Path(path_type=Path, exists=True), default=None,
              help="The project [default: the one around the current folder].")
def xliff_import(files: tuple[Path, ...], path: Path | None) -> None:
    """Merge translated XLIFF 2.0 files (named <id>.xlf) back into locales/<lang>/<id>.po."""
    from .xliff import language_of, merge

    _need_toolkit()
    lp = _load(path)
    failed = False
    for f in files:
        data = f.read_bytes()
        try:
            _, lang = language_of(data)
        except (ValueError, SyntaxError) as exc:  # lxml's XMLSyntaxError is a SyntaxError
            click.echo(f"{f}: error: not an XLIFF 2.0 file ({str(exc).splitlines()[0][:80]})", err=True)
            failed = True
            continue
        target = catalog.po_path(lp.root, lang, f.stem)
        if not lang or not target.is_file():
            click.echo(f"{f}: error: no catalog {target.relative_to(lp.root)} for target language '{lang}'", err=True)
            failed = True
            continue
        diags = Diagnostics()
        _, po = _read(lp, target, diags, "not merged")
        if po is None:
            click.echo(render(diags.sorted(), "text"), err=True)
            failed = True
            continue
        result = merge(data, po)
        with _writing(lp):
            catalog.save(po, target)
        note = f"; {len(result.unknown)} unit(s) no longer in the sources were skipped" if result.unknown else ""
        click.echo(f"{target.relative_to(lp.root)}: {result.updated} updated{note}")
    if failed:
        sys.exit(1)
