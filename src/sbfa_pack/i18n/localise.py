"""The build's translation step: a unit in the source language → the same unit in another language.

Translations come from the project's PO files (``locales/<lang>/<id>.po``); fuzzy and empty
entries do not count. A string without a translation stays in the source language; when the
share of translated strings is below the project's ``translations.min_complete`` and the policy
says ``below: fail``, localising raises :class:`TranslationIncomplete` instead. The environment
variable ``SBFA_TRANSLATIONS`` (``fail`` or ``fallback``) overrides the policy for one build.
"""

from __future__ import annotations

import os
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..errors import SbfaError
from ..load import find_root
from ..model import Course, Exercise, GlossaryEntry, Resource, ResourceList
from ..unit import Unit, exercise_course
from . import assets, catalog, rules
from .units import GLOSSARY, RESOURCES, glossary_data, keys, translate

POLICY_ENV = "SBFA_TRANSLATIONS"
ROOT_ENV = "SBFA_PROJECT_ROOT"
_EXERCISE: TypeAdapter[Exercise] = TypeAdapter(Exercise)
Table = dict[tuple[str, str], str]


class TranslationIncomplete(SbfaError):
    """A language is below the project's required completeness and the policy is to fail."""

    def __init__(self, *, message: str, file: str = "", line: int = 0) -> None:
        super().__init__(message=message, file=file, line=line)
        self._kw = {"message": message, "file": file, "line": line}

    def __reduce__(self) -> tuple[Any, ...]:
        # Raised in a build worker process: must survive pickling back to the parent.
        return _rebuild, (self._kw,)


def _rebuild(kw: dict[str, Any]) -> TranslationIncomplete:
    return TranslationIncomplete(**kw)


def policy(below: str) -> str:
    """The policy in force: the project's ``below``, unless ``SBFA_TRANSLATIONS`` overrides it."""
    override = os.environ.get(POLICY_ENV, "").strip().lower()
    return override if override in ("fail", "fallback") else below


@cache
def _table(path: Path, mtime_ns: int) -> Table:
    try:
        po = catalog.read(path)
    except (OSError, catalog.PoSyntaxError):
        return {}  # reported by `validate` with its line; the build falls back to the source
    # A translation `validate` rejects (lost placeholder, broken link or markup, control character,
    # a captions file that is not there) is not used: the learner sees the source string rather
    # than a broken page. A blank one is no translation.
    folder = assets.catalog_folder(path.parents[2], path.stem)
    return {(e.msgctxt or "", e.msgid): e.msgstr for e in po
            if catalog.is_translated(e) and not e.obsolete and not e.msgid_plural
            and _usable(e.msgid, e.msgstr, folder)}


def _usable(source: str, text: str, folder: Path | None) -> bool:
    return not (rules.control_char(text) or rules.placeholders(source, text) or rules.markdown(source, text)
                or rules.markup(source, text)) and assets.files(folder, source, text) is not None


def _added_files(where: Path, tables: dict[str, Table]) -> dict[str, Path]:
    """Files the translations name beyond the source's (a language's own captions)."""
    found: dict[str, Path] = {}
    for cid, tab in sorted(tables.items()):
        folder = assets.catalog_folder(where, cid)
        for (_, msgid), text in tab.items():
            if "<" in text or "](" in text:
                found.update(assets.files(folder, msgid, text) or {})
    return found


def table(root: Path, lang: str, cid: str) -> Table:
    """The usable translations of one catalog (empty when the file is missing or unreadable)."""
    path = catalog.po_path(root, lang, cid)
    return _table(path, path.stat().st_mtime_ns) if path.is_file() else {}


def _root(unit: Unit, root: Path | None) -> Path | None:
    """The project folder: given, on the unit, in ``SBFA_PROJECT_ROOT``, or the one around the cwd."""
    found = root or unit.root or os.environ.get(ROOT_ENV)
    if found:
        return Path(found)
    # Last resort (a build started inside the project): accept it only if it holds this unit,
    # so a package is never translated from another project's catalogs.
    here = find_root(Path.cwd())
    if here is None:
        return None
    own = here / "courses" / unit.id / "course.yaml" if unit.kind == "course" else here / "toolkit" / f"{unit.id}.yaml"
    return here if own.is_file() else None


def localise(unit: Unit, lang: str, *, root: Path | None = None) -> Unit:
    """``unit`` in ``lang``: course, exercises and resources translated from the PO files."""
    if lang == unit.source_language:
        return replace(unit, language=lang)
    where = _root(unit, root)
    tables = {cid: table(where, lang, cid) for cid in _catalog_ids(unit)} if where else {}
    rules = unit.project.translations
    if not any(tables.values()) and not (rules.min_complete > 0 and policy(rules.below) == "fail"):
        # Nothing translated yet and the source is allowed: the unit as it is, only relabelled
        # (validate already says which catalogs are missing). Saves a full translate pass.
        return _relabelled(unit, lang)
    _enforce(unit, lang, tables)
    try:
        exercises = {eid: _exercise(ex, tables.get(eid, {}), lang) for eid, ex in unit.exercises.items()}
        if unit.kind == "exercise":
            course = exercise_course(next(iter(exercises.values())))
        else:
            data = translate(unit.course.model_dump(mode="python"), tables.get(unit.id, {}))
            course = Course.model_validate({**data, "language": lang})
        res_table = tables.get(RESOURCES, {})
        resources = {rid: Resource.model_validate(translate(r.model_dump(mode="python"), res_table, (rid,)))
                     for rid, r in unit.resources.items()}
        glossary = _glossary(unit, tables.get(GLOSSARY, {}))
    except ValidationError as exc:
        # The checks keep every known cause out (blank, control characters...); should a new one
        # appear, it is one clear line, not a traceback.
        first = exc.errors()[0]
        field = "/".join(str(p) for p in first["loc"])
        raise TranslationIncomplete(message=f"{unit.id}: the {lang} translation makes '{field}' invalid "
                                            f"({first['msg']}); fix it in locales/{lang}/") from None
    extra = {**unit.assets, **_added_files(where, tables)} if where else unit.assets
    return replace(unit, course=course, language=lang, exercises=exercises, resources=resources, assets=extra,
                   glossary=glossary)


def _glossary(unit: Unit, tab: Table) -> dict[str, GlossaryEntry]:
    """The unit's glossary entries with their term and explanation translated (official terms never are)."""
    return {gid: GlossaryEntry.model_validate({**g.model_dump(mode="python"),
                                               **translate(glossary_data(g), tab, (gid,))})
            for gid, g in unit.glossary.items()}


def _relabelled(unit: Unit, lang: str) -> Unit:
    exercises = {eid: ex.model_copy(update={"language": lang}) for eid, ex in unit.exercises.items()}
    return replace(unit, language=lang, course=unit.course.model_copy(update={"language": lang}),
                   exercises=exercises)


def _exercise(ex: Exercise, tab: Table, lang: str) -> Exercise:
    return _EXERCISE.validate_python({**translate(ex.model_dump(mode="python"), tab), "language": lang})


def _catalog_ids(unit: Unit) -> list[str]:
    ids = [] if unit.kind == "exercise" else [unit.id]
    shared = ([RESOURCES] if unit.resources else []) + ([GLOSSARY] if unit.glossary else [])
    return ids + sorted(unit.exercises) + shared


def _used_resources(unit: Unit) -> list[str]:
    return sorted({i for _, les in unit.course.lessons() if isinstance(les, ResourceList) for i in les.items}
                  & unit.resources.keys())


def completeness(unit: Unit, tables: dict[str, Table]) -> tuple[int, int, list[str]]:
    """Translated strings, all strings, and the first few missing ones, over what this unit shows."""
    wanted: list[tuple[str, tuple[str, str]]] = []
    if unit.kind == "course":
        wanted += [(unit.id, k) for k in keys(unit.course.model_dump(mode="python"))]
    for eid, ex in sorted(unit.exercises.items()):
        wanted += [(eid, k) for k in keys(ex.model_dump(mode="python"))]
    for rid in _used_resources(unit):
        wanted += [(RESOURCES, k) for k in keys(unit.resources[rid].model_dump(mode="python"), (rid,))]
    for gid, entry in unit.glossary.items():
        wanted += [(GLOSSARY, k) for k in keys(glossary_data(entry), (gid,))]
    missing = [f"{cid}: {k[1][:60]!r}" for cid, k in wanted if k not in tables.get(cid, {})]
    return len(wanted) - len(missing), len(wanted), missing[:5]


def _enforce(unit: Unit, lang: str, tables: dict[str, Table]) -> None:
    rules = unit.project.translations
    done, total, missing = completeness(unit, tables)
    percent = 100.0 * done / total if total else 100.0
    if percent < rules.min_complete and policy(rules.below) == "fail":
        raise TranslationIncomplete(
            message=f"{unit.id} is {percent:.0f}% translated into {lang}, below the required "
                    f"{rules.min_complete:g}%; missing: {'; '.join(missing)}"
                    f"{' …' if total - done > len(missing) else ''} (run `sbfa-pack i18n stats`)")
