"""``sbfa-pack inventory``: what a project contains, and how complete and well-formed it is.

Counts courses, modules, lessons, questions by type, case studies, exercises by kind, resources
by country and topic, images, and each language's translation completeness. It also reports the
content rules partners rely on (every question has feedback, every image has alt text, every
exercise has instructions and an example, case studies are labelled illustrative) and each
course's worst-case amount of free text, which bounds the SCORM 1.2 saved state.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
from pydantic import BaseModel

from .diagnostics import Diagnostics
from .markdown import references
from .model import CaseStudy, Course, ExerciseRef, FillIn, Quiz, Survey, Worksheet
from .report import error_line

TEXT_FIELDS = ("short-text", "long-text")


def _strings(obj: Any) -> Iterator[str]:
    """Every string inside a model object (Markdown fields included)."""
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _strings(getattr(obj, name))
    elif isinstance(obj, list):
        for item in obj:
            yield from _strings(item)


def _images(obj: Any) -> tuple[int, int]:
    """(images, images without alt text) in the Markdown of a model object."""
    refs = [r for text in _strings(obj) if "![" in text for r in references(text) if r.kind == "image"]
    return len(refs), sum(1 for r in refs if not r.alt)


def _text_budget(course: Course, exercises: dict[str, Any]) -> int:
    """Characters of free text a learner can type in one course: worksheet text fields, fill-ins and
    survey text items."""
    total = sum(q.max_length for quiz in course.quizzes() for q in quiz.questions if isinstance(q, FillIn))
    total += sum(i.limit for _, les in course.lessons() if isinstance(les, Survey) for i in les.items)
    used = {lesson.exercise for _, lesson in course.lessons() if isinstance(lesson, ExerciseRef)}
    for eid in sorted(used & exercises.keys()):
        ex = exercises[eid]
        if isinstance(ex, Worksheet):
            total += sum(f.max_length or 0 for f in ex.fields if f.type in TEXT_FIELDS)
    return total


def _course(course: Course, exercises: dict[str, Any]) -> dict[str, Any]:
    lessons = [lesson for _, lesson in course.lessons()]
    return {
        "title": course.title,
        "modules": len(course.modules),
        "lessons": len(lessons),
        "questions": sum(len(q.questions) for q in course.quizzes()),
        "duration_minutes": course.duration_minutes,
        "pass_mark": course.success.pass_mark if course.success else None,
        "text_budget": _text_budget(course, exercises),
    }


def _module_checks(courses: dict[str, Any]) -> dict[str, Any]:
    """The quizzes that check one module (not a course's graded final quiz): how many, the fewest and
    most questions in one, and those under 4 (issue 13: at least 4 per module check)."""
    sizes: dict[str, int] = {}
    for cid, c in courses.items():
        graded = {w.quiz for w in c.success.quizzes} if c.success else set()
        for _, lesson in c.lessons():
            if isinstance(lesson, Quiz) and lesson.id not in graded:
                sizes[f"{cid}/{lesson.id}"] = len(lesson.questions)
    return {"total": len(sizes), "fewest": min(sizes.values(), default=0), "most": max(sizes.values(), default=0),
            "under_4": sorted(k for k, n in sizes.items() if n < 4)}


def collect(root: Path) -> dict[str, Any]:
    """The inventory of the project holding ``root``; raises ValueError when it does not load."""
    from .sources_check import validate_sources

    diags = Diagnostics()
    lp = validate_sources(root, diags)
    if lp is None:
        raise ValueError("the project file cannot be read; run 'sbfa-pack validate' for details")
    courses = {cid: lc.course for cid, lc in sorted(lp.courses.items())}
    exercises = {eid: le.exercise for eid, le in sorted(lp.exercises.items())}
    lessons = [lesson for c in courses.values() for _, lesson in c.lessons()]
    questions = [q for lesson in lessons if isinstance(lesson, Quiz) for q in lesson.questions]
    cases = [lesson for lesson in lessons if isinstance(lesson, CaseStudy)]
    surveys = [lesson for lesson in lessons if isinstance(lesson, Survey)]
    resources = list(lp.resources.values())
    images = [_images(obj) for obj in [*courses.values(), *exercises.values()]]
    return {
        "project": lp.project.name,
        "diagnostics": {"errors": len(diags.errors), "warnings": len(diags.warnings)},
        "courses": {cid: _course(c, exercises) for cid, c in courses.items()},
        "modules": sum(len(c.modules) for c in courses.values()),
        "lessons": dict(sorted(Counter(lesson.kind for lesson in lessons).items())),
        "questions": dict(sorted(Counter(q.type for q in questions).items())),
        "final_quizzes": sum(1 for c in courses.values() if c.success),
        "surveys": {
            "total": len(surveys),
            "anonymous": sum(1 for s in surveys if s.anonymous),
            "paired": sum(1 for s in surveys if s.pairs_with),
            "items": dict(sorted(Counter(i.type for s in surveys for i in s.items).items())),
        },
        "case_studies": {
            "total": len(cases),
            "illustrative": sum(1 for c in cases if c.illustrative),
            "sectors": dict(sorted(Counter(c.sector for c in cases).items())),
            "barriers": dict(sorted(Counter(b for c in cases for b in c.barriers).items())),
        },
        "exercises": dict(sorted(Counter(ex.kind for ex in exercises.values()).items())),
        "resources": {
            "total": len(resources),
            "countries": dict(sorted(Counter(c for r in resources for c in r.countries).items())),
            "topics": dict(sorted(Counter(t for r in resources for t in r.topics).items())),
            "kinds": dict(sorted(Counter(r.kind for r in resources).items())),
        },
        "glossary": _glossary(lp),
        "checks": {
            "questions_with_feedback": sum(1 for q in questions if q.feedback and q.feedback.correct
                                           and q.feedback.incorrect),
            "questions": len(questions),
            "exercises_with_instructions_and_example": sum(1 for ex in exercises.values()
                                                           if ex.instructions.strip() and ex.example.strip()),
            "exercises": len(exercises),
            "images": sum(n for n, _ in images),
            "images_without_alt": sum(m for _, m in images),
            "module_checks": _module_checks(courses),
        },
        "languages": _languages(lp),
        "plain_language": _plain(lp),
    }


def _glossary(lp: Any) -> dict[str, Any]:
    """Glossary entries, and the terms marked in each course (marks, and distinct entries marked)."""
    from .terms import marks

    def found(value: Any) -> list[str]:
        if isinstance(value, str):
            return marks(value)
        items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
        return [m for v in items for m in found(v)]

    per = {cid: found(lc.course.model_dump(mode="python")) for cid, lc in sorted(lp.courses.items())}
    return {"entries": len(lp.glossary), "marks": sum(len(m) for m in per.values()),
            "courses": {cid: {"marks": len(m), "terms": len(set(m))} for cid, m in per.items()}}


def _plain(lp: Any) -> dict[str, Any]:
    """Each course's plain-language figures per language, and the budget they are measured against."""
    from .plain.check import scores
    from .plain.measure import rare_words_available

    budget = lp.project.plain_language
    return {"budget": budget.model_dump() if budget else None, "rare_words_measured": rare_words_available(),
            "courses": scores(lp)}


def _languages(lp: Any) -> dict[str, Any]:
    """Per language: overall and per-catalog completeness, draft status, untranslated alt texts."""
    source = lp.project.source_language
    out: dict[str, Any] = {source: {"source": True, "percent": 100.0}}
    try:
        from .i18n import catalog
        from .i18n.units import catalogs
    except ModuleNotFoundError:  # translations not available: the project is source-only
        return out
    templates = {cid: [m.key for m in msgs] for cid, msgs in catalogs(lp).items()}
    for lang in lp.project.languages:
        if lang == source:
            continue
        per: dict[str, float] = {}
        done = total = missing_alt = files = 0
        draft = lang in lp.project.translations.draft
        for cid, keys in sorted(templates.items()):
            path = catalog.po_path(lp.root, lang, cid)
            try:
                po = catalog.read(path) if path.exists() else None
            except catalog.PoSyntaxError:
                po = None
            s = catalog.stats(keys, po)
            per[cid] = s.percent
            done, total = done + s.translated, total + s.total
            draft = draft or (po is not None and s.draft)
            files += po is not None
            missing_alt += _untranslated_alt(po)
        out[lang] = {
            "source": False,
            "percent": round(100.0 * done / total, 1) if total else 100.0,
            "status": "not started" if not files else "draft" if draft else "reviewed",
            "complete": [cid for cid, p in per.items() if p >= 100.0],
            "catalogs": per,
            "images_without_alt": missing_alt,
        }
    return out


def _untranslated_alt(po: Any) -> int:
    """Images whose translation has an empty alt text (while the source has one)."""
    count = 0
    for entry in po or []:
        if "![" not in entry.msgid or not entry.translated():
            continue
        source_alts = [r.alt for r in references(entry.msgid) if r.kind == "image"]
        target_alts = [r.alt for r in references(entry.msgstr) if r.kind == "image"]
        count += sum(1 for a, b in zip(source_alts, target_alts, strict=False) if a and not b)
    return count


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _pairs(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or "none"


def render_text(inv: dict[str, Any]) -> str:
    """The inventory as aligned plain text (docs/content.md shows this output)."""
    ck, cs, res = inv["checks"], inv["case_studies"], inv["resources"]
    lines = [f"{inv['project']} – content inventory", ""]
    lines.append(f"Courses: {len(inv['courses'])} ({_n(inv['modules'], 'module')}, "
                 f"{_n(sum(inv['lessons'].values()), 'lesson')}, {_n(sum(inv['questions'].values()), 'question')})")
    for cid, c in inv["courses"].items():
        mark = f"pass {c['pass_mark']:g} %" if c["pass_mark"] is not None else "no pass mark"
        lines.append(f"  {cid:30} {_n(c['modules'], 'module')}, {_n(c['lessons'], 'lesson')}, "
                     f"{_n(c['questions'], 'question')}, {c['duration_minutes']} min, {mark}, "
                     f"free text ≤ {c['text_budget']:,} characters")
    lines.append(f"Lessons by kind: {_pairs(inv['lessons'])}")
    lines.append(f"Questions by type: {_pairs(inv['questions'])}")
    sv = inv["surveys"]
    lines.append(f"Surveys: {sv['total']} ({sv['anonymous']} anonymous, {sv['paired']} paired with an earlier one); "
                 f"items: {_pairs(sv['items'])}")
    lines.append(f"Case studies: {cs['total']} ({cs['illustrative']} labelled illustrative)")
    lines.append(f"  sectors: {_pairs(cs['sectors'])}")
    lines.append(f"  barriers: {_pairs(cs['barriers'])}")
    lines.append(f"Exercises: {sum(inv['exercises'].values())} ({_pairs(inv['exercises'])})")
    lines.append(f"Resources: {res['total']}")
    lines.append(f"  by country: {_pairs(res['countries'])}")
    lines.append(f"  by topic: {_pairs(res['topics'])}")
    lines.append(f"  by kind: {_pairs(res['kinds'])}")
    gl = inv["glossary"]
    lines.append(f"Glossary: {_n(gl['entries'], 'entry').replace('entrys', 'entries')}, "
                 f"{_n(gl['marks'], 'mark')} in the courses")
    for cid, c in gl["courses"].items():
        lines.append(f"  {cid:30} {_n(c['marks'], 'mark')} of {_n(c['terms'], 'term')}")
    lines.append("Checks:")
    lines.append(f"  questions with feedback (correct and incorrect): {ck['questions_with_feedback']}/"
                 f"{ck['questions']}")
    lines.append(f"  exercises with instructions and example: {ck['exercises_with_instructions_and_example']}/"
                 f"{ck['exercises']}")
    mc = ck["module_checks"]
    lines.append(f"  module checks: {mc['total']}, {mc['fewest']}–{mc['most']} questions each; with fewer than 4: "
                 f"{', '.join(mc['under_4']) or 'none'}")
    lines.append(f"  images: {ck['images']}, without alt text: {ck['images_without_alt']}")
    lines.append(f"  validate: {inv['diagnostics']['errors']} error(s), {inv['diagnostics']['warnings']} warning(s)")
    lines.append("Languages:")
    for lang, info in inv["languages"].items():
        if info["source"]:
            lines.append(f"  {lang:6} source")
            continue
        done, total = len(info["complete"]), len(info["catalogs"])
        complete = f"all {total} catalogs" if done == total else (
            f"{done} of {total} catalogs: {', '.join(info['complete'])}" if done else "none")
        lines.append(f"  {lang:6} {info['percent']:5.1f} % ({info['status']}); complete: {complete}")
    if len(inv["languages"]) == 1:
        lines.append("  (source only: no translations yet)")
    lines += _render_plain(inv["plain_language"])
    return "\n".join(lines)


def _render_plain(plain: dict[str, Any]) -> list[str]:
    budget = plain["budget"]
    head = (f"budget {budget['level']}: ≤ {budget['sentence_words']:g} words per sentence, "
            f"≤ {budget['rare_share']:.0%} rare words" if budget else "no budget set in sbfa.yaml")
    lines = [f"Plain language ({head}); per language: words per sentence / rare words / readability"]
    for cid, langs in plain["courses"].items():
        cells = []
        for lang, f in langs.items():
            rare = "–" if f["rare_share"] is None else f"{f['rare_share']:.0%}"
            score = "–" if f["readability"] is None else f"{f['readability']:g}"
            cells.append(f"{lang} {f['words_per_sentence']:g}/{rare}/{score}{' !' if f['over_budget'] else ''}")
        lines.append(f"  {cid}: {', '.join(cells)}")
    if not plain["rare_words_measured"]:
        lines.append("  (rare words not measured: pip install 'sbfa-pack[plain]')")
    return lines


@click.command()
@click.argument("path", required=False, type=click.Path(path_type=Path, exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print the inventory as JSON.")
def inventory(path: Path | None, as_json: bool) -> None:
    """Count the project's courses, lessons, questions, case studies, exercises, resources and languages."""
    try:
        inv = collect(path or Path.cwd())
    except ValueError as exc:
        error_line(str(exc))
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(inv, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        click.echo(render_text(inv))
