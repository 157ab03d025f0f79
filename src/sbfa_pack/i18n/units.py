"""The translatable strings of courses, toolkit exercises and the resource bank.

One walker over the model's data decides what is translatable and gives every string a context
built from stable ids (``intro/welcome/title``, ``intro/final-quiz/questions/q1/choices/a/text``).
Extraction and localisation both use it, so a context can never mean two different things.

Markdown fields holding more than one paragraph are split into units (see :mod:`.mdsplit`);
all units of one field share the field's context and are told apart by their text. Lists of
plain strings (keywords, scale labels, a survey scale's ``labels``, accepted answers) work the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..load import LoadedProject
from ..load.yamlpos import Positions
from . import mdsplit

MARKDOWN_KEYS = frozenset({
    "body", "description", "intro", "prompt", "feedback", "correct", "incorrect", "advice", "explanation",
    "instructions", "example", "help", "aims", "before", "after", "materials",
})
TEXT_KEYS = frozenset({
    "title", "term", "text", "label", "hint", "audience", "business", "country_of_origin", "lives_in", "source",
    "target", "unit", "low", "high", "alt",
})
LIST_KEYS = frozenset({"keywords", "outcomes", "scale", "answers", "labels"})
# Container lists whose name adds nothing to a context: a lesson id is unique within its course.
_SILENT_LISTS = frozenset({"modules", "lessons", "resources"})
RESOURCES = "resources"
"""Catalog id of the resource bank (``locales/<lang>/resources.po``)."""
GLOSSARY = "glossary"
"""Catalog id of the project glossary (``locales/<lang>/glossary.po``): each entry's term and
explanation, never its official terms (the words the learner meets at the office)."""
GUIDE = "guide"
"""Catalog id of the trainer's guide (``locales/<lang>/guide.po``): its sections and session plans."""

_MAX_LEN = re.compile(r"\bmax(?:imum)?\.?\s*(\d{1,5})\s*(?:characters|chars|letters)\b", re.IGNORECASE)
_HAS_REF = re.compile(r"\]\(|<a\s|<img\s", re.IGNORECASE)

DataPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Field:
    """One translatable value met by the walker."""

    context: str
    text: str
    markdown: bool
    path: DataPath
    note: str | None


@dataclass
class Msg:
    """One string of a template catalog, with where it comes from and what the translator should know."""

    context: str
    msgid: str
    occurrences: list[tuple[str, int]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return self.context, self.msgid


Visit = Callable[[Field], str]


def walk(data: Any, visit: Visit, path: DataPath = (), ctx: tuple[str, ...] = ()) -> Any:
    """A copy of model data (``model_dump``) with each translatable string replaced by ``visit(field)``.

    A ``translator_note`` belongs to the strings of its own object (a question's prompt, a field's
    label and help), not to nested ones: "max 30 characters" for a label says nothing of its options.
    """
    if isinstance(data, dict):
        note = data.get("translator_note")
        out: dict[str, Any] = {}
        for key, value in data.items():
            here = (*path, key)
            sub = (*ctx, key)
            if key == "feedback" and data.get("kind") == "quiz":
                out[key] = value  # the quiz's feedback *mode* (immediate, deferred, none), not text
            elif isinstance(value, str) and (key in TEXT_KEYS or key in MARKDOWN_KEYS):
                out[key] = visit(Field("/".join(sub), value, key in MARKDOWN_KEYS, here, note))
            elif isinstance(value, list) and key in LIST_KEYS:
                out[key] = [visit(Field("/".join(sub), v, False, (*here, i), note)) if isinstance(v, str) else v
                            for i, v in enumerate(value)]
            elif isinstance(value, list):
                out[key] = [walk(item, visit, (*here, i), _item_ctx(ctx, key, item, i))
                            for i, item in enumerate(value)]
            elif isinstance(value, dict):
                out[key] = walk(value, visit, here, sub)
            else:
                out[key] = value
        return out
    return data


def _item_ctx(ctx: tuple[str, ...], key: str, item: Any, index: int) -> tuple[str, ...]:
    ident = str(item["id"]) if isinstance(item, dict) and "id" in item else str(index)
    return (*ctx, ident) if key in _SILENT_LISTS else (*ctx, key, ident)


class Collector:
    """Collects the :class:`Msg` of one catalog from one or more walks, merging duplicates."""

    def __init__(self) -> None:
        self.msgs: dict[tuple[str, str], Msg] = {}

    def add(self, data: Any, positions: Positions, shown: str, body_files: dict[DataPath, str],
            prefix: DataPath = (), ctx: tuple[str, ...] = ()) -> None:
        """Walk ``data`` (found at ``prefix`` in the YAML file ``shown``) and collect its strings."""

        def visit(f: Field) -> str:
            full = (*prefix, *f.path)
            span = positions.value(full)
            where, first = (body_files[full], 1) if full in body_files else (shown, span.content_line)
            if f.markdown and not mdsplit.is_single(f.text):
                for seg in mdsplit.split(f.text):
                    self._add(f, seg.msgid, where, first + seg.start)
            elif f.text.strip():
                self._add(f, f.text.strip(), where, first)
            return f.text

        walk(data, visit, ctx=ctx)

    def _add(self, f: Field, msgid: str, file: str, line: int) -> None:
        msg = self.msgs.setdefault((f.context, msgid), Msg(f.context, msgid))
        if (file, line) not in msg.occurrences:
            msg.occurrences.append((file, line))
        if f.note and f.note not in msg.comments:
            msg.comments.append(f.note)
            limit = _MAX_LEN.search(f.note)
            if limit and not any(fl.startswith("max-length:") for fl in msg.flags):
                # Weblate's own flag: Weblate and our checks both enforce it.
                msg.flags.append(f"max-length:{limit.group(1)}")
        if f.markdown and _HAS_REF.search(msgid):
            hint = "Markdown: keep link targets and image file names unchanged; translate the link text and alt text."
            if hint not in msg.comments:
                msg.comments.append(hint)
        if f.markdown and "](term:" in msgid:
            hint = "Glossary marks [words](term:id): translate the words, keep each term:id, once each as here."
            if hint not in msg.comments:
                msg.comments.append(hint)
        if re.search(r"\{[a-z_][a-z0-9_]*\}", msgid) and "python-brace-format" not in msg.flags:
            msg.flags.append("python-brace-format")


def catalog_ids(lp: LoadedProject) -> list[str]:
    """The ids of the project's template catalogs: courses, toolkit exercises, ``resources``, ``glossary``,
    ``guide``."""
    return (sorted(lp.courses) + sorted(lp.exercises) + ([RESOURCES] if lp.resources else [])
            + ([GLOSSARY] if lp.glossary else []) + ([GUIDE] if lp.guide else []))


def glossary_data(entry: Any) -> dict[str, Any]:
    """The translatable part of a glossary entry (its term and explanation), as the walker sees it."""
    return {"term": entry.term, "explanation": entry.explanation}


def catalog_of(lp: LoadedProject, cid: str) -> list[Msg]:
    """The messages of one template catalog (``cid`` from :func:`catalog_ids`)."""
    col = Collector()
    if cid in lp.courses:
        lc = lp.courses[cid]
        col.add(_dump(lc.course), lc.source.positions, lc.source.shown, lc.body_files)
    elif cid in lp.exercises:
        le = lp.exercises[cid]
        col.add(_dump(le.exercise), le.source.positions, le.source.shown, {})
    elif cid == RESOURCES:
        seen: dict[str, int] = {}
        for rid, res in lp.resources.items():
            src = lp.resource_sources[rid]
            index = seen[src.shown] = seen.get(src.shown, -1) + 1
            col.add(_dump(res), src.positions, src.shown, {}, ("resources", index), (rid,))
    elif cid == GLOSSARY:
        seen = {}
        for gid, entry in lp.glossary.items():
            src = lp.glossary_sources[gid]
            index = seen[src.shown] = seen.get(src.shown, -1) + 1
            col.add(glossary_data(entry), src.positions, src.shown, {}, ("glossary", index), (gid,))
    elif cid == GUIDE and lp.guide and lp.guide_source:
        col.add(_dump(lp.guide), lp.guide_source.positions, lp.guide_source.shown, lp.guide_files)
    else:
        raise KeyError(cid)
    return list(col.msgs.values())


def catalogs(lp: LoadedProject) -> dict[str, list[Msg]]:
    """Every template catalog of the project, by id (see :func:`catalog_ids`)."""
    return {cid: catalog_of(lp, cid) for cid in catalog_ids(lp)}


def _dump(model: Any) -> Any:
    return model.model_dump(mode="python")


def iter_keys(msgs: list[Msg]) -> Iterator[tuple[str, str]]:
    """The (context, msgid) keys of a catalog, in order."""
    return (m.key for m in msgs)


def keys(data: Any, ctx: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """The (context, msgid) keys of model data, in order, without positions (for completeness)."""
    out: dict[tuple[str, str], None] = {}

    def visit(f: Field) -> str:
        if f.markdown and not mdsplit.is_single(f.text):
            out.update(((f.context, seg.msgid), None) for seg in mdsplit.split(f.text))
        elif f.text.strip():
            out[(f.context, f.text.strip())] = None
        return f.text

    walk(data, visit, ctx=ctx)
    return list(out)


def translate(data: Any, table: dict[tuple[str, str], str], ctx: tuple[str, ...] = ()) -> Any:
    """A copy of model data with every string found in ``table`` translated; others stay as they are."""

    def visit(f: Field) -> str:
        if f.markdown and not mdsplit.is_single(f.text):
            return mdsplit.join(f.text, lambda msgid: table.get((f.context, msgid)))
        core = f.text.strip()
        new = table.get((f.context, core))
        if new is None:
            return f.text
        start = f.text.find(core)
        return f.text[:start] + new + f.text[start + len(core):]  # keeps a block scalar's final newline

    return walk(data, visit, ctx=ctx)
