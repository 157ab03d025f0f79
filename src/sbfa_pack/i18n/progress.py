"""Languages in progress: started with ``sbfa-pack i18n add LANG``, shipped once complete.

A language being translated is listed under ``translations.in_progress`` in ``sbfa.yaml``, not
under ``languages``: its catalogs are updated by ``i18n update`` and checked by ``validate``
(untranslated strings are a note, not a warning), and a build includes it only when every
string of every catalog has a usable translation, or when asked (``build --lang de``). Moving
it to ``languages`` ships it whatever its state, under the project's policy.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostics
from ..load import LoadedProject, load_course
from ..load.yamlpos import parse
from .localise import table
from .units import catalog_ids, catalog_of


def ready(lp: LoadedProject, folders: dict[str, Path]) -> list[str]:
    """The languages in progress whose catalogs translate every string of the sources (what a build
    without ``--lang`` adds to ``languages``). Loads the courses not loaded yet, only when some
    language is in progress; their problems are reported by the build itself."""
    waiting = [lang for lang in lp.project.translations.in_progress if lang not in lp.project.languages]
    if not waiting:
        return []
    courses = dict(lp.courses)
    for folder in folders.values():
        if folder.name not in courses:
            lc = load_course(lp, folder, Diagnostics())
            if lc is not None:
                courses[lc.course.id] = lc
    full = dataclasses.replace(lp, courses=courses)
    wanted = {cid: {m.key for m in catalog_of(full, cid)} for cid in catalog_ids(full)}
    return [lang for lang in waiting if all(keys <= table(lp.root, lang, cid).keys() for cid, keys in wanted.items())]


def with_language(text: str, lang: str) -> str | None:
    """``sbfa.yaml``'s text with ``lang`` added to ``translations.in_progress``, changing nothing
    else (comments, order, quoting stay); None when the file's shape asks for a hand edit (a flow
    mapping, a list over several lines), or when the result would not read back as intended."""
    found = parse(text, "sbfa.yaml", Diagnostics())
    if found is None or not isinstance(found[0], dict):
        return None
    data, pos = found
    lines = text.split("\n")
    policy = data.get("translations")
    current = policy.get("in_progress") if isinstance(policy, dict) else None
    if "translations" not in data:
        tail = "" if text.endswith("\n") or not text else "\n"
        new = f"{text}{tail}translations:\n  in_progress: [{lang}]\n"
    elif not isinstance(policy, dict) or not policy:
        return None
    elif "in_progress" not in policy:
        first = pos.key(("translations", next(iter(policy))))
        if first.line <= pos.key(("translations",)).line:
            return None  # a flow mapping: {min_complete: 90}
        lines.insert(first.line - 1, " " * (first.column - 1) + f"in_progress: [{lang}]")
        new = "\n".join(lines)
    elif isinstance(current, list):
        new_lines = _append(lines, pos, current, lang)
        if new_lines is None:
            return None
        new = "\n".join(new_lines)
    else:
        return None
    return new if _reads_back(new, data, lang) else None


def _append(lines: list[str], pos: Any, current: list[Any], lang: str) -> list[str] | None:
    at = pos.value(("translations", "in_progress"))
    row = lines[at.line - 1]
    if row[at.column - 1:at.column] == "[":  # a flow list on one line
        close = row.find("]", at.column)
        if close < 0:
            return None
        inside = row[at.column:close].strip()
        lines[at.line - 1] = row[:close].rstrip() + (f", {lang}" if inside else lang) + row[close:]
        return lines
    if not current:
        return None
    last = pos.value(("translations", "in_progress", len(current) - 1))
    prefix = lines[last.line - 1][:last.column - 1]
    if prefix.strip() != "-":
        return None
    lines.insert(last.line, prefix + lang)
    return lines


def _reads_back(new: str, data: dict[str, Any], lang: str) -> bool:
    found = parse(new, "sbfa.yaml", Diagnostics())
    if found is None:
        return False
    expected = dict(data)
    policy = dict(data.get("translations") or {})
    policy["in_progress"] = [*(policy.get("in_progress") or []), lang]
    expected["translations"] = policy
    return bool(found[0] == expected)
