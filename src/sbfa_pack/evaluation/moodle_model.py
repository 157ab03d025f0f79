"""The course model behind a Moodle export (issue 14 §2, ``report import``): which course a SCORM
activity is, and what each interaction id means.

- **The course**: Moodle's SCORM reports head a column with the SCO's title, which is the course
  title in the package's language; the gradebook names the activity (``SCORM package: <name>``),
  which Moodle takes from the package title unless the teacher renamed it. Both are matched
  against every course's title in its source language and in every PO catalogue of
  ``locales/``; that also gives the language. A gradebook name that is a title followed by a
  note in brackets ("مسائل المال (Money matters, Arabic)") matches that title.
- **Interactions**: the package writes ``<lesson>_<item>`` (ids hold no ``_``): a quiz question
  becomes ``answered`` on ``<course>/questions/<question>``; a survey item (a lesson of kind
  ``survey``) ``responded`` on ``<course>/surveys/<lesson>/<item>``.
- **Responses** from SCORM 1.2 notation to the xAPI one the runtime sends (docs/lms.md), with the
  question's keys in declared order (the SCORM 1.2 builder's ``keys``: letters ``a``, ``b``, …
  for the 1st, 2nd, … choice, item or pair):

  | Type | SCORM 1.2 (Moodle) | xAPI |
  |---|---|---|
  | true-false | ``t`` / ``f`` | ``true`` / ``false`` |
  | single / multiple choice | ``a``, ``{a,c}`` | ``<id>``, ``<id>[,]<id>`` |
  | ordering (sequencing) | ``b,a,c`` | ``<id>[,]<id>[,]<id>`` |
  | matching | ``a.b,b.a`` | ``<source>[.]<target>[,]…`` (pair ids) |
  | numeric, fill-in | as written | the same |
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Matching, MultipleChoice, Numeric, Ordering, SingleChoice, TrueFalse

KEYS = "abcdefghijklmnopqrstuvwxyz0123456789"  # the SCORM 1.2 adapter's CHARS (RTE-26)
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
RESPONDED = "http://adlnet.gov/expapi/verbs/responded"


@dataclass(frozen=True)
class Item:
    """What one interaction id stands for."""

    iri: str
    verb: str
    object_type: str
    kind: str
    keys: tuple[str, ...] = ()
    anonymous: bool = False


@dataclass
class CourseModel:
    id: str
    iri: str
    language: str
    pass_mark: float | None
    items: dict[str, Item] = field(default_factory=dict)

    def item(self, interaction: str) -> Item | None:
        return self.items.get(interaction)

    def fallback(self, interaction: str) -> Item:
        """An interaction the model does not know (another revision): a question IRI from its id."""
        qid = interaction.split("_", 1)[-1]
        return Item(f"{self.iri}/questions/{qid}", ANSWERED, INTERACTION, "")


def _kind(q: Any) -> tuple[str, tuple[str, ...]]:
    if isinstance(q, SingleChoice | MultipleChoice):
        return "choice", tuple(c.id for c in q.choices)
    if isinstance(q, Matching):
        return "matching", tuple(p.id for p in q.pairs)
    if isinstance(q, Ordering):
        return "sequencing", tuple(i.id for i in q.items)
    if isinstance(q, TrueFalse):
        return "true-false", ()
    if isinstance(q, Numeric):
        return "numeric", ()
    choices = getattr(q, "choices", None) or getattr(q, "options", None)
    if isinstance(choices, list) and all(hasattr(c, "id") for c in choices):
        return "choice", tuple(str(c.id) for c in choices)
    return "other", ()


def course_model(course: Any, base: str, language: str) -> CourseModel:
    iri = f"{base}/courses/{course.id}"
    model = CourseModel(course.id, iri, language, course.success.pass_mark if course.success else None)
    for _, lesson in course.lessons():
        questions = getattr(lesson, "questions", None)
        if getattr(lesson, "kind", "") == "quiz" and questions:
            for q in questions:
                kind, keys = _kind(q)
                model.items[f"{lesson.id}_{q.id}"] = Item(f"{iri}/questions/{q.id}", ANSWERED, INTERACTION, kind, keys)
        elif getattr(lesson, "kind", "") == "survey":  # issue 14 §1, duck-typed: its model is another branch's
            anonymous = bool(getattr(lesson, "anonymous", False))
            for q in getattr(lesson, "items", None) or questions or []:
                kind, keys = _kind(q)
                model.items[f"{lesson.id}_{q.id}"] = Item(f"{iri}/surveys/{lesson.id}/{q.id}", RESPONDED, INTERACTION,
                                                          kind, keys, anonymous)
    return model


class Project:
    """The project's courses by title (every language), loaded once with the loader."""

    def __init__(self, root: Path) -> None:
        from ..diagnostics import Diagnostics
        from ..load import load_project
        from ..paths import find_root, project_root

        if find_root(root) is None:
            from ..errors import UsageError

            raise UsageError(message=f"no sbfa.yaml in {root} or its parents: give --project DIR, the project "
                             "the packages were built from (its course titles and questions read the files)")
        self.root = project_root(root)
        lp = load_project(self.root, Diagnostics())
        if lp is None:
            from ..errors import UsageError

            raise UsageError(message=f"{self.root}: the project file cannot be read; "
                             "check it with `sbfa-pack validate`")
        self.base = str(lp.project.xapi.base_iri).rstrip("/")
        self.courses = {cid: lc.course for cid, lc in lp.courses.items()}
        self.titles: dict[str, list[tuple[str, str]]] = {}
        for cid, course in sorted(self.courses.items()):
            self.titles.setdefault(course.title.strip(), []).append((cid, course.language))
        for cid, course in sorted(self.courses.items()):
            for lang, title in _translated_titles(self.root, cid, course.title):
                pairs = self.titles.setdefault(title, [])
                if (cid, lang) not in pairs and not any(c == cid for c, _ in pairs):
                    pairs.append((cid, lang))

    def by_title(self, title: str, loose: bool = False) -> CourseModel | None:
        """The course whose title (in some language) is ``title``; with ``loose``, also a title
        followed by a bracketed note. None when no course, or several, match."""
        title = title.strip()
        found = self.titles.get(title)
        if not found and loose:
            found = next((v for t, v in sorted(self.titles.items(), key=lambda kv: -len(kv[0]))
                          if title.startswith(t + " (") and title.endswith(")")), None)
        if not found or len({c for c, _ in found}) != 1:
            return None
        cid, lang = found[0]
        return course_model(self.courses[cid], self.base, lang)


_TITLE = re.compile(r'^msgctxt "title"\s*\nmsgid "((?:[^"\\]|\\.)*)"\s*\nmsgstr ((?:"(?:[^"\\]|\\.)*"\s*)+)', re.M)
_PIECE = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def _translated_titles(root: Path, cid: str, source: str) -> list[tuple[str, str]]:
    """The course title in each PO catalogue of ``locales/`` (a scan for the one entry, not a
    full parse: polib would take seconds for every catalogue of a project)."""
    from ..i18n.catalog import locales_dir, po_path

    out: list[tuple[str, str]] = []
    folder = locales_dir(root)
    if not folder.is_dir():
        return out
    for lang_dir in sorted(p for p in folder.iterdir() if p.is_dir() and p.name != "templates"):
        path = po_path(root, lang_dir.name, cid)
        with contextlib.suppress(OSError, UnicodeDecodeError):
            for m in _TITLE.finditer(path.read_text(encoding="utf-8")):
                title = _unquote("".join(_PIECE.findall(m.group(2)))).strip()
                if _unquote(m.group(1)) == source and title:
                    out.append((lang_dir.name, title))
                    break
    return out


def xapi_response(item: Item | None, scorm: str) -> str:
    """A SCORM 1.2 response (or pattern) in the xAPI notation of the item's type (table above);
    unchanged when the type or a key is unknown."""
    if item is None or not scorm:
        return scorm
    keys = item.keys

    def key(letter: str) -> str | None:
        i = KEYS.find(letter.strip())
        return keys[i] if len(letter.strip()) == 1 and 0 <= i < len(keys) else None

    def listed(parts: list[str]) -> str | None:
        ids = [key(p) for p in parts]
        return None if any(i is None for i in ids) else "[,]".join(i for i in ids if i)

    out: str | None = None
    if item.kind == "true-false":
        out = {"t": "true", "f": "false", "true": "true", "false": "false"}.get(scorm.strip().lower())
    elif item.kind in ("choice", "sequencing"):
        out = listed(scorm.strip().strip("{}").split(","))
    elif item.kind == "matching":
        pairs = [p.split(".", 1) for p in scorm.split(",")]
        if all(len(p) == 2 for p in pairs):
            ends = [(key(a), key(b)) for a, b in pairs]
            if all(a and b for a, b in ends):
                out = "[,]".join(f"{a}[.]{b}" for a, b in ends)
    return out if out is not None else scorm
