"""Every page of the site in one language: which template, at which path, fed with what.

A page is a key (its path below the language folder, the same in every language, so the
language switch and the hreflang alternates point to the same page) and a template of
``templates/`` fed from :mod:`.content`. To add a kind of page (the glossary, the trainer's
guide, the evaluation instruments), add one function yielding its pages here and one template.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from markupsafe import escape

from . import content, guide
from .content import Localised, Project
from .downloads import Package, of_unit
from .text import PageText

PageSpec = tuple[str, str, dict[str, Any]]
"""(key, template, context)."""


def pages(p: Project, lo: Localised) -> Iterator[PageSpec]:
    """Every page of one language."""
    yield from _home(p, lo)
    yield from _bank(p, lo)
    yield from _courses(p, lo)
    yield from _toolkit(p, lo)
    yield from _stories(p, lo)
    yield from guide.pages(p, lo)


def _home(p: Project, lo: Localised) -> Iterator[PageSpec]:
    courses = [{"id": cid, "title": lo.t.text(src.title, loc.title)} for cid, (src, loc) in lo.courses.items()]
    yield "index.html", "home.html.j2", {"title": p.lp.project.name, "courses": courses,
                                         "trainers": p.lp.guide is not None}


def _bank(p: Project, lo: Localised) -> Iterator[PageSpec]:
    """The bank on one page, or on pages of :data:`content.BANK_PAGE_SIZE` (search and filters
    always cover all of it)."""
    views = content.resource_views(p, lo)
    facets = content.facets(views)
    pager = [(n + 1, content.bank_key(n)) for n in range(len(p.bank))] if len(p.bank) > 1 else []
    start = 0
    for n, ids in enumerate(p.bank):
        yield content.bank_key(n), "bank.html.j2", {
            "title": lo.t.plain("resource_bank"), "resources": views[start:start + len(ids)], "total": len(views),
            "facets": facets, "index": f"assets/search-{lo.lang}.js", "pager": pager, "page_no": n + 1}
        start += len(ids)


def _courses(p: Project, lo: Localised) -> Iterator[PageSpec]:
    t = lo.t
    listed = []
    for cid, (src, loc) in lo.courses.items():
        listed.append({"id": cid, "title": t.text(src.title, loc.title),
                       "description": t.md(src.description, loc.description),
                       "duration": t.duration(loc.duration_minutes)})
        modules = [{"title": t.text(ms.title, ml.title),
                    "description": t.md(ms.description, ml.description) if ms.description and ml.description else None,
                    "duration": _minutes(t, sum(les.duration_minutes or 0 for les in ml.lessons))}
                   for ms, ml in zip(src.modules, loc.modules, strict=True)]
        makes = [{"id": eid, "title": t.text(lo.exercises[eid][0].title, lo.exercises[eid][1].title)}
                 for eid in sorted(p.used_in) if cid in p.used_in[eid] and eid in lo.exercises]
        stories = [{"href": f"stories/{c}/{les.id}.html", "title": t.text(les.title, content.localised_lesson(
            loc, m, les.id).title)} for c, m, les in content.stories(p) if c == cid]
        yield f"courses/{cid}.html", "course.html.j2", {
            "title": loc.title, "heading": t.text(src.title, loc.title), "description": t.md(src.description,
                                                                                          loc.description),
            "duration": t.duration(loc.duration_minutes), "modules": modules, "makes": makes, "stories": stories,
            "languages": t.items([t.language(lang) for lang in p.lp.project.languages]),
            "downloads": _files(p, cid), "built": p.packages is not None,
            "resources": content.related(p, lo, content.course_resources(p, cid))}
    yield "courses/index.html", "courses.html.j2", {"title": t.plain("programme"), "courses": listed}
    units = [(cid, t.text(src.title, loc.title), _files(p, cid)) for cid, (src, loc) in lo.courses.items()]
    units += [(eid, t.text(src.title, loc.title), _files(p, eid)) for eid, (src, loc) in lo.exercises.items()]
    yield "partners.html", "partners.html.j2", {"title": t.plain("partners"), "units": units}


def _toolkit(p: Project, lo: Localised) -> Iterator[PageSpec]:
    t = lo.t
    listed = []
    for eid, (src, loc) in lo.exercises.items():
        item = {"id": eid, "title": t.text(src.title, loc.title), "description": t.md(src.description, loc.description),
                "duration": t.duration(loc.duration_minutes)}
        listed.append(item)
        courses = p.used_in.get(eid, [])
        ids = [i for (c, _m), items in p.module_resources.items() if c in courses for i in items]
        used = [{"id": c, "title": t.text(*_titles(lo, c))} for c in courses if c in lo.courses]
        yield f"toolkit/{eid}.html", "exercise.html.j2", {
            "title": loc.title, "item": item, "instructions": t.md(src.instructions, loc.instructions),
            "web": f"web/{eid}/{lo.lang}/index.html", "used_in": used,
            "resources": content.related(p, lo, list(dict.fromkeys(ids))), "downloads": _files(p, eid)}
    yield "toolkit/index.html", "toolkit.html.j2", {"title": t.plain("toolkit"), "exercises": listed}


def _files(p: Project, uid: str) -> list[tuple[str, list[Package]]]:
    return of_unit(p.packages, uid, p.lp.project.languages)


def _minutes(t: PageText, minutes: int) -> str | None:
    return t.duration(minutes) if minutes else None


def _titles(lo: Localised, cid: str) -> tuple[str, str]:
    src, loc = lo.courses[cid]
    return src.title, loc.title


def _stories(p: Project, lo: Localised) -> Iterator[PageSpec]:
    t = lo.t
    listed = []
    for cid, mid, src in content.stories(p):
        loc = content.localised_lesson(lo.courses[cid][1], mid, src.id)
        f_src, f_loc = src.founder, loc.founder
        # The founder's name is not translatable (no catalog holds it): never marked.
        founder = [("founder", escape(f_loc.name))]
        founder += [(key, t.text(getattr(f_src, attr), getattr(f_loc, attr)))
                    for key, attr in (("from", "country_of_origin"), ("lives_in", "lives_in"), ("business", "business"))
                    if getattr(f_loc, attr, None)]
        key = f"stories/{cid}/{src.id}.html"
        listed.append({"href": key, "title": t.text(src.title, loc.title), "course": t.text(*_titles(lo, cid))})
        ids = p.module_resources.get((cid, mid)) or content.course_resources(p, cid)
        yield key, "story.html.j2", {
            "title": loc.title, "heading": t.text(src.title, loc.title), "founder": founder,
            "illustrative": loc.illustrative, "body": t.md(src.body, loc.body),
            "reflection": [t.text(a.text, b.text) for a, b in zip(src.reflection, loc.reflection, strict=True)],
            "course": {"id": cid, "title": t.text(*_titles(lo, cid))}, "resources": content.related(p, lo, ids),
            "files": content.media(loc.body, lo.assets[cid])}
    yield "stories/index.html", "stories.html.j2", {"title": t.plain("stories"), "stories": listed}
