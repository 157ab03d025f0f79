"""Cross-reference checks over loaded sources: ids, references, Markdown links, images, formulas."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .. import expr
from ..diagnostics import Diagnostics
from ..markdown import (
    MAX_NESTING,
    MAX_REFS,
    Ref,
    is_external,
    is_local,
    media_problems,
    references,
    too_deep,
    too_many_references,
)
from ..model import (
    Calculator,
    Exercise,
    ExerciseRef,
    Project,
    Quiz,
    Resource,
    ResourceList,
    SelfAssessment,
    Worksheet,
)
from ..paths import inside, real
from ..terms import term_id
from .files import Listing, close_match, did_you_mean
from .named import check_named_paths
from .path import check_path
from .schema import shown as shown_value
from .sources import Broken, LoadedCourse, LoadedExercise, Source
from .surveys import check_surveys
from .yamlpos import Path as DataPath
from .yamlpos import Span

_MARKDOWN_KEYS = {"body", "description", "intro", "instructions", "example", "advice", "help", "explanation",
                  "prompt", "feedback", "correct", "incorrect", "aims", "before", "after", "materials"}
_FOUNDER_MEDIA = {("founder", "image", "src"), ("founder", "video", "src"), ("founder", "video", "captions")}


def walk(obj: Any, path: DataPath) -> Iterator[tuple[DataPath, Any]]:
    """Every (data path, value) in a model object or in the parsed YAML it came from."""
    yield path, obj
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from walk(getattr(obj, name), (*path, name))
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from walk(value, (*path, key))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from walk(item, (*path, i))


def check_ids(root: Any, src: Source, what: str, diags: Diagnostics) -> None:
    """Ids of modules, lessons, questions and exercises are unique in the course; nested ids
    (choices, pairs, fields, items...) are unique among their siblings."""
    top: dict[str, DataPath] = {}
    for path, obj in walk(root, ()):
        if not isinstance(obj, list):
            continue
        siblings: dict[str, DataPath] = {}
        for i, item in enumerate(obj):
            ident = item.get("id") if isinstance(item, dict) else getattr(item, "id", None)
            if not isinstance(ident, str):
                continue
            item_path = (*path, i, "id")
            global_scope = path[-1:] in (("modules",), ("lessons",), ("questions",))
            seen = top if global_scope else siblings
            if ident in seen:
                first = src.positions.value(seen[ident]).line
                span = src.positions.value(item_path)
                diags.error("ref.duplicate-id", f"id '{ident}' is already used on line {first} of this {what}",
                            src.shown, span.line, span.column)
            else:
                seen[ident] = item_path


def check_markdown(
    obj: Any, src: Source, folder: Path, diags: Diagnostics,
    body_files: dict[DataPath, str], assets: dict[str, Path], digest: Any, *, terms: Collection[str] | None = None,
) -> None:
    """Links, images and media of every Markdown value; a glossary mark (``term:<id>``) names an
    entry of ``terms`` (None: not checked here)."""
    real_folder = real(folder)
    listing = Listing()
    for path, value in walk(obj, ()):
        # a case study's founder.image.src and founder.video's files are packaged media as well (the
        # image's alt and the video's captions are the model's to require)
        portrait = isinstance(value, str) and path[-3:] in _FOUNDER_MEDIA
        if not isinstance(value, str) or not path or (path[-1] not in _MARKDOWN_KEYS and not portrait):
            continue
        shown = body_files.get(path)
        file = shown or src.shown
        span = src.positions.value(path)
        if too_deep(value):
            diags.error("markdown.too-deep", f"quotes, lists or HTML elements nested more than {MAX_NESTING} deep",
                        file, *place_in_file(Ref("link", "", "", 1), span, from_file=bool(shown)))
            continue
        if too_many_references(value):
            diags.error("markdown.too-many-links", f"more than {MAX_REFS:,} links and images in one text; "
                        "split it into several lessons", file,
                        *place_in_file(Ref("link", "", "", 1), span, from_file=bool(shown)))
            continue
        for ref in [Ref("image" if path[-2] == "image" else "media", value, "-", 1)] if portrait else references(value):
            line, col = place_in_file(ref, span, from_file=bool(shown))
            term = term_id(ref.target) if ref.kind == "link" else None
            if term is not None:
                if terms is not None and term not in terms:
                    diags.error("glossary.unknown-term", f"'{shown_value(term)}' is not in the glossary "
                                f"(glossary/*.yaml){did_you_mean(term, terms)}", file, line, col)
                continue
            if ref.kind == "image" and not ref.alt:
                how = 'alt="what it shows"' if ref.html else "![what it shows](...)"
                diags.error("markdown.image-alt", f"image '{ref.target}' has no alt text (write {how})",
                            file, line, col)
            if ref.kind != "link" and is_external(ref.target):
                diags.error("markdown.external-media",
                            f"{ref.kind} '{shown_value(ref.target)}' is on the web: a package carries its own files "
                            "(its page may load nothing from elsewhere); save it beside the course and use its "
                            "file name", file, line, col)
                continue
            if not is_local(ref.target):
                continue
            target = ref.target.split("#", 1)[0].split("?", 1)[0]
            if not target:
                continue
            resolved = inside(folder, target, real_base=real_folder)
            if resolved is None:
                diags.error("ref.outside", f"'{target}' points outside the course folder", file, line, col)
            elif spelt := listing.actual(folder, target):
                diags.error("ref.case-mismatch", f"{ref.kind} target '{target}' differs only in case from the file "
                            f"'{spelt}': it works on a laptop but breaks on the LMS's server, where case counts; "
                            "write the name as on disk", file, line, col)
            elif not resolved.is_file():
                code = "markdown.broken-link" if ref.kind == "link" else "ref.missing-asset"
                close = listing.close(folder, target)
                tip = f" (did you mean '{close}'?)" if close else ""
                diags.error(code, f"{ref.kind} target '{target}' not found{tip}", file, line, col)
            elif target not in assets:
                assets[target] = resolved
                digest.update(target.encode() + resolved.read_bytes())
        for problem in media_problems(value):
            line, col = place_in_file(Ref("media", "", "", problem.line, problem.column), span, from_file=bool(shown))
            diags.warning(problem.code, problem.message, file, line, col)


def place_in_file(ref: Ref, span: Span, *, from_file: bool) -> tuple[int, int]:
    """Line and column in the source file of a reference found in a Markdown value.

    Lines map exactly for a Markdown file and a literal (``|``) block; a plain or quoted scalar on
    the key's line maps its first line; folded text is reported where the value starts.
    """
    if from_file:
        return ref.line, ref.column
    if span.literal:
        return span.line + ref.line, span.indent + ref.column
    if not span.block and ref.line == 1:
        return span.line, span.column + ref.column - 1 + (1 if span.quoted else 0)
    return span.content_line, span.column if not span.block else 1


def check_course(lc: LoadedCourse, project: Project | None, exercises: dict[str, LoadedExercise],
                 resources: dict[str, Resource], diags: Diagnostics, broken: Broken | None = None, *,
                 terms: Collection[str] | None = None) -> None:
    """Check a loaded course against the rest of the project (``project`` None: the project file
    failed to load, so nothing is compared with it); ``broken``: sources that failed to load;
    ``terms``: the glossary ids its marks may name."""
    course, src = lc.course, lc.source
    pos = src.positions
    check_ids(course, src, "course", diags)
    lessons: dict[str, DataPath] = {}
    quizzes: set[str] = set()
    for mi, module in enumerate(course.modules):
        for li, lesson in enumerate(module.lessons):
            here: DataPath = ("modules", mi, "lessons", li)
            lessons[lesson.id] = here
            if isinstance(lesson, Quiz):
                quizzes.add(lesson.id)
            check_lesson_refs(lesson, here, src, exercises, resources, broken or Broken(), diags)
    completion, success = course.completion, course.success
    check_rules(src, lessons, quizzes, completion.quizzes,
                completion.lessons if isinstance(completion.lessons, list) else [],
                [w.quiz for w in success.quizzes] if success else [], diags)
    check_surveys(course, src, diags)
    check_path(course, src, diags)
    if project is not None and course.language != project.source_language:
        span = pos.value(("language",))
        diags.warning("i18n.source-language",
                      f"course language '{course.language}' differs from the project's source language "
                      f"'{project.source_language}'", src.shown, span.line, span.column)
    digest = hashlib.sha256(lc.digest.encode())
    check_markdown(course, src, lc.folder, diags, lc.body_files, lc.assets, digest, terms=terms)
    object.__setattr__(lc, "digest", digest.hexdigest())


def check_lesson_refs(lesson: Any, here: DataPath, src: Source, exercises: dict[str, LoadedExercise],
                      resources: dict[str, Resource], broken: Broken, diags: Diagnostics) -> None:
    """The exercise or resource-bank entries a lesson names exist (or exist but failed to load)."""
    pos = src.positions
    if isinstance(lesson, ExerciseRef) and lesson.exercise not in exercises \
            and lesson.exercise not in broken.exercises:
        span = pos.value((*here, "exercise"))
        close = close_match(lesson.exercise, [*exercises, *broken.exercises])
        tip = f"; did you mean '{close}'?" if close else ""
        diags.error("ref.missing-exercise",
                    f"exercise '{lesson.exercise}' not found (expected toolkit/{lesson.exercise}.yaml{tip})",
                    src.shown, span.line, span.column)
    elif isinstance(lesson, ResourceList):
        for ri, rid in enumerate(lesson.items):
            if rid not in resources and rid not in broken.resources:
                span = pos.value((*here, "items", ri))
                diags.error("ref.missing-resource",
                            f"resource '{rid}' is not in the resource bank{did_you_mean(rid, resources)}",
                            src.shown, span.line, span.column)


def check_rules(src: Source, lessons: dict[str, DataPath], quizzes: set[str], completion_quizzes: list[str],
                completion_lessons: list[str], success_quizzes: list[str], diags: Diagnostics) -> None:
    """The quizzes and lessons named by the completion and success rules exist in the course."""
    pos = src.positions
    refs: list[tuple[DataPath, str, bool]] = [
        (("completion", "quizzes", i), q, True) for i, q in enumerate(completion_quizzes)
    ]
    refs += [(("completion", "lessons", i), lid, False) for i, lid in enumerate(completion_lessons)]
    refs += [(("success", "quizzes", i, "quiz"), q, True) for i, q in enumerate(success_quizzes)]
    for path, ident, quiz in refs:
        ok = ident in quizzes if quiz else ident in lessons
        if not ok:
            span = pos.value(path)
            what = "quiz" if quiz else "lesson"
            extra = (" (it is a lesson of another kind)" if quiz and ident in lessons
                     else did_you_mean(ident, quizzes if quiz else lessons))
            diags.error(f"ref.missing-{what}", f"{what} '{ident}' does not exist in this course{extra}",
                        src.shown, span.line, span.column)


def check_exercise(le: LoadedExercise, diags: Diagnostics, *, terms: Collection[str] | None = None) -> None:
    ex, src = le.exercise, le.source
    check_ids(ex, src, "exercise", diags)
    folder = src.path.parent
    digest = hashlib.sha256(le.digest.encode())
    check_markdown(ex, src, folder, diags, {}, le.assets, digest, terms=terms)
    object.__setattr__(le, "digest", digest.hexdigest())
    _check_exercise_refs(ex, src, diags)


def _check_exercise_refs(ex: Exercise, src: Source, diags: Diagnostics) -> None:
    pos = src.positions
    if isinstance(ex, SelfAssessment):
        dims = {d.id for d in ex.dimensions}
        for i, item in enumerate(ex.items):
            if item.dimension and item.dimension not in dims:
                span = pos.value(("items", i, "dimension"))
                diags.error("ref.missing-dimension", f"dimension '{item.dimension}' is not listed in 'dimensions'",
                            src.shown, span.line, span.column)
    elif isinstance(ex, Worksheet):
        areas = {a.id for a in ex.areas}
        for i, fld in enumerate(ex.fields):
            if fld.area and fld.area not in areas:
                span = pos.value(("fields", i, "area"))
                diags.error("ref.missing-area", f"area '{fld.area}' is not listed in 'areas'",
                            src.shown, span.line, span.column)
    elif isinstance(ex, Calculator):
        known = {i.id for i in ex.inputs}
        outputs = {o.id for o in ex.outputs}
        for i, out in enumerate(ex.outputs):
            span = pos.value(("outputs", i, "formula"))
            try:
                tree = expr.parse(out.formula)
            except expr.FormulaError as err:
                diags.error("expr.syntax", f"formula: {err}", src.shown, span.content_line,
                            _formula_column(span, err.column))
                continue
            cols = expr.name_columns(out.formula)
            for name in sorted(expr.names(tree) - known, key=lambda n: cols.get(n, 0)):
                later = " (outputs can only use earlier outputs)" if name in outputs else ""
                diags.error("expr.unknown-name",
                            f"formula uses '{name}', which is not an input or an earlier output{later}",
                            src.shown, span.content_line, _formula_column(span, cols.get(name, 1)))
            known.add(out.id)
        _check_amounts(ex, src, diags)


def _check_amounts(ex: Calculator, src: Source, diags: Diagnostics) -> None:
    """A country's amounts name inputs of the calculator, and every money input (issue 12 item 3)."""
    inputs = {i.id: i for i in ex.inputs}
    for country, local in ex.countries.items():
        for key in local.defaults:
            if key not in inputs:
                span = src.positions.key(("countries", country, "defaults", key))
                diags.error("ref.missing-input", f"'{key}' is not an input of this calculator"
                            f"{did_you_mean(key, inputs)}", src.shown, span.line, span.column)
        missing = [i for i in inputs.values() if i.type == "money" and i.id not in local.defaults]
        if missing:
            span = src.positions.key(("countries", country, "defaults"))
            diags.error("money.missing-amount", f"no amount in '{country}' for the money input(s) "
                        f"{', '.join(i.id for i in missing)}", src.shown, span.line, span.column)


def _formula_column(span: Span, column: int) -> int:
    """The file column of a column inside a formula (quoted formulas start one character later)."""
    if span.block:
        return span.indent + column if span.literal else 1
    return span.column + column - 1 + (1 if span.quoted else 0)


def check_project(project: Project, source: Source | None, root: Path, diags: Diagnostics) -> None:
    if source is None:
        return
    pos = source.positions
    if project.source_language not in project.languages:
        span = pos.value(("languages",))
        diags.error("schema.rule", f"'languages' must include the source language '{project.source_language}'",
                    source.shown, span.line, span.column)
    seen: set[str] = set()
    for i, lang in enumerate(project.languages):
        if lang in seen:
            span = pos.value(("languages", i))
            diags.error("ref.duplicate-id", f"language '{lang}' is listed twice", source.shown, span.line, span.column)
        seen.add(lang)
    check_named_paths(project, source, root, diags)
    if project.theme.logo and not (root / project.theme.logo).is_file():
        span = pos.value(("theme", "logo"))
        diags.error("ref.missing-asset", f"logo '{project.theme.logo}' not found", source.shown, span.line, span.column)
