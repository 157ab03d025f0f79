"""What the site shows, per language: the project's resources, courses, exercises and stories,
localised as the build localises them (PO files), each text marked when it is untranslated.

Pure data for the templates; nothing here writes. Each kind of page is fed by one function
(``resources``, ``course``, ``exercise``, ``story``): a glossary, a trainer's guide or the
evaluation instruments become one more function and one more template.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import markdown
from ..i18n.localise import table
from ..i18n.units import GUIDE, RESOURCES, translate
from ..load import LoadedProject
from ..model import CaseStudy, Course, Exercise, ExerciseRef, Guide, Resource, ResourceList
from ..unit import Unit
from ..work import localiser, units
from .downloads import Package
from .linkstate import LinkState
from .search import fold
from .text import PageText


@dataclass
class Project:
    """The loaded project as the site needs it: source units, link states and packages."""

    lp: LoadedProject
    courses: list[Unit]
    exercises: list[Unit]
    links: dict[str, LinkState]
    packages: list[Package]
    used_in: dict[str, list[str]] = field(default_factory=dict)
    """Exercise id → the ids of the courses that use it."""
    module_resources: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """(course id, module id) → the resource-bank ids its resource lessons list."""
    bank: list[list[str]] = field(default_factory=list)
    """The resource ids of each page of the bank, in the order shown (by title in the source language)."""

    def bank_page(self, rid: str) -> str:
        """The page of the bank (below the language folder) that lists the resource ``rid``."""
        n = next((i for i, ids in enumerate(self.bank) if rid in ids), 0)
        return bank_key(n)


BANK_PAGE_SIZE = 200
"""Resources per page of the bank: its first page holds this many (about 30 KB gzip), and each
further page as many, so every page stays within the 50 KB budget without JavaScript. Search and
filters always cover the whole bank."""


def bank_key(n: int) -> str:
    """The key of the ``n``-th page of the bank, from 0."""
    return "resources/index.html" if n == 0 else f"resources/{n + 1}.html"


def project(lp: LoadedProject, links: dict[str, LinkState], packages: list[Package]) -> Project:
    all_units = units(lp)
    p = Project(lp, [u for u in all_units if u.kind == "course"], [u for u in all_units if u.kind == "exercise"],
                links, packages)
    for u in p.courses:
        for module in u.course.modules:
            items: list[str] = []
            for lesson in module.lessons:
                if isinstance(lesson, ResourceList):
                    items += [i for i in lesson.items if i in lp.resources and i not in items]
                elif isinstance(lesson, ExerciseRef):
                    p.used_in.setdefault(lesson.exercise, [])
                    if u.id not in p.used_in[lesson.exercise]:
                        p.used_in[lesson.exercise].append(u.id)
            p.module_resources[(u.id, module.id)] = items
    order = [rid for rid, _ in sorted(lp.resources.items(), key=lambda kv: kv[1].title.casefold())]
    p.bank = [order[i:i + BANK_PAGE_SIZE] for i in range(0, len(order), BANK_PAGE_SIZE)] or [[]]
    return p


@dataclass
class Localised:
    """The project in one language."""

    lang: str
    t: PageText
    resources: dict[str, Resource]
    courses: dict[str, tuple[Course, Course]]
    """Course id → (source, localised)."""
    assets: dict[str, dict[str, Path]]
    """Course id → its files as Markdown names them (the localised ones where a translation has its own)."""
    exercises: dict[str, tuple[Exercise, Exercise]]
    views: list[dict[str, Any]] | None = None
    """The resource bank's entries, once made (:func:`resource_views`)."""
    guide: tuple[Guide, Guide] | None = None
    """The trainer's guide: (source, localised), when the project has one."""


def localised(p: Project, lang: str) -> Localised:
    lp = p.lp
    source_lang = lp.project.source_language
    ids = [u.id for u in p.courses] + [u.id for u in p.exercises] + [RESOURCES] + ([GUIDE] if lp.guide else [])
    translated = frozenset(v.strip() for cid in ids for v in table(lp.root, lang, cid).values()) \
        if lang != source_lang else frozenset()
    t = PageText(lang, source_lang, translated)
    res_table = table(lp.root, lang, RESOURCES) if lang != source_lang else {}
    resources = {rid: Resource.model_validate(translate(r.model_dump(mode="python"), res_table, (rid,)))
                 if res_table else r for rid, r in sorted(lp.resources.items())}
    loc = localiser()
    units = {u.id: (u, loc(dataclasses.replace(u, language=lang), lang)) for u in p.courses}
    courses = {cid: (u.course, done.course) for cid, (u, done) in units.items()}
    exercises = {}
    for u in p.exercises:
        ex = u.exercises[u.id]
        done = loc(dataclasses.replace(u, language=lang), lang).exercises[u.id]
        exercises[u.id] = (ex, done)
    guide = None
    if lp.guide is not None:
        tab = table(lp.root, lang, GUIDE) if lang != source_lang else {}
        guide = (lp.guide, Guide.model_validate(translate(lp.guide.model_dump(mode="python"), tab)) if tab
                 else lp.guide)
    return Localised(lang, t, resources, courses, {cid: done.assets for cid, (_, done) in units.items()}, exercises,
                     guide=guide)


def resource_views(p: Project, lo: Localised) -> list[dict[str, Any]]:
    """Every resource of the bank in this language, with its tags and its last link check."""
    if lo.views is not None:
        return lo.views
    t = lo.t
    out = []
    for rid in (i for ids in p.bank for i in ids):
        src, r = p.lp.resources[rid], lo.resources[rid]
        state = p.links.get(r.url)
        checked = t("last_checked", date=state.checked, result=t.plain(f"result_{state.result}")) if state \
            else t("not_checked")
        countries = [(c, t.country(c)) for c in r.countries]
        topics = [(tp, tp.replace("-", " ")) for tp in r.topics]
        langs = [(tag, t.language(tag)) for tag in r.languages]
        words = [r.title, r.description, t.plain(f"kind_{r.kind}"), r.url, *(str(c) for _, c in countries),
                 *(name for _, name in topics), *(name for _, name in langs)]
        out.append({"id": rid, "url": r.url, "title": t.text(src.title, r.title),
                    "description": t.md(src.description, r.description), "kind": r.kind,
                    "kind_label": t(f"kind_{r.kind}"), "countries": countries, "topics": topics,
                    "languages": langs, "checked": checked, "search": " ".join(words)})
    lo.views = out
    return out


def facets(views: list[dict[str, Any]]) -> dict[str, list[tuple[str, str]]]:
    """The values each filter offers: (value, label), sorted by label."""
    out: dict[str, dict[str, str]] = {"country": {}, "topic": {}, "kind": {}, "language": {}}
    for v in views:
        out["country"].update(v["countries"])
        out["topic"].update(v["topics"])
        out["kind"][v["kind"]] = str(v["kind_label"])
        out["language"].update(v["languages"])
    return {k: sorted(d.items(), key=lambda kv: fold(kv[1])) for k, d in out.items()}


def related(p: Project, lo: Localised, ids: list[str]) -> list[dict[str, Any]]:
    return [{"id": i, "title": lo.t.text(p.lp.resources[i].title, lo.resources[i].title), "page": p.bank_page(i)}
            for i in ids if i in lo.resources]


def course_resources(p: Project, cid: str) -> list[str]:
    out: list[str] = []
    for (course, _), ids in p.module_resources.items():
        if course == cid:
            out += [i for i in ids if i not in out]
    return out


def stories(p: Project) -> list[tuple[str, str, CaseStudy]]:
    """Every case study of the programme: (course id, module id, lesson) in course order."""
    return [(u.id, m.id, les) for u in p.courses for m in u.course.modules for les in m.lessons
            if isinstance(les, CaseStudy)]


def media(text: str, assets: dict[str, Path]) -> dict[str, Path]:
    """The course's files an image or media element of ``text`` shows (a page of the site copies
    them beside itself, where the relative names lead)."""
    names = {r.target.split("#")[0].split("?")[0] for r in markdown.references(text)
             if r.kind != "link" and markdown.is_local(r.target)}
    return {name: assets[name] for name in sorted(names) if name in assets and ".." not in name.split("/")}


def localised_lesson(course: Course, module_id: str, lesson_id: str) -> CaseStudy:
    module = next(m for m in course.modules if m.id == module_id)
    found = next(les for les in module.lessons if les.id == lesson_id)
    assert isinstance(found, CaseStudy)
    return found
