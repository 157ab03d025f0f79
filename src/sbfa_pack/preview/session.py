"""What the preview shows: one unit (a course or a toolkit exercise) in one language and format,
built in memory by the build's own steps (load → unit → localise → builder), never written to disk.

A change rebuilds only the unit and language on show, and only when the change can affect it
(another course's folder cannot). A build that fails keeps its diagnostics for the overlay.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import builders, work
from ..diagnostics import Diagnostic, Diagnostics
from ..errors import SbfaError, UsageError
from ..load import LoadedProject, load_course, load_shared
from ..paths import inside
from ..unit import Unit

FORMATS = ("scorm12", "xapi")


@dataclass(frozen=True)
class Choice:
    """The unit on show (``course:<folder>`` or ``exercise:<id>``), its language and format."""

    unit: str
    language: str
    format: str


@dataclass(frozen=True)
class Snapshot:
    """One build of the choice: its files (empty when it failed) and what was found."""

    generation: int
    choice: Choice
    files: dict[str, bytes]
    diagnostics: tuple[Diagnostic, ...]
    seconds: float
    title: str = ""
    units: tuple[tuple[str, str], ...] = ()
    """Every unit of the project: (key, title), for the picker."""
    languages: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    @functools.cached_property
    def digest(self) -> str:
        """A hash of the package's files: a rebuild that changed nothing (a comment, a touched
        file) does not reload the learner's page."""
        h = hashlib.sha256()
        for name in sorted(self.files):
            h.update(name.encode() + b"\0" + hashlib.sha256(self.files[name]).digest())
        return h.hexdigest()


@dataclass
class Session:
    """The preview's one build, rebuilt on demand; thread-safe (the server reads while the watcher builds)."""

    root: Path
    choice: Choice
    current: Snapshot | None = None
    good: Snapshot | None = None
    """The last build that worked: its files are served while a broken build is on show, so the
    package still running under the overlay finds its images and data."""
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def rebuild(self, choice: Choice | None = None) -> Snapshot:
        """Build ``choice`` (or the current one) again; the new snapshot replaces the last."""
        with self._lock:
            if choice is not None:
                self.choice = choice
            generation = self.current.generation + 1 if self.current else 1
            started = time.perf_counter()
            snap = build_choice(self.root, self.choice, generation)
            snap = dataclasses.replace(snap, seconds=time.perf_counter() - started)
            self.current, self.choice = snap, snap.choice
            if snap.ok:
                self.good = snap
            return snap

    def affected_by(self, changed: list[Path]) -> bool:
        """Whether a change to ``changed`` can alter the unit on show: a file of another course
        folder cannot; anything else (project file, translations, toolkit, resources, theme) can."""
        kind, name = self.choice.unit.split(":", 1)
        for path in changed:
            try:
                parts = path.relative_to(self.root).parts
            except ValueError:
                return True  # a theme folder or logo outside the project, named in sbfa.yaml
            if len(parts) >= 2 and parts[0] == "courses" and not (kind == "course" and parts[1] == name):
                continue
            return True
        return False


def start(root: Path, only: set[str] | None, language: str | None) -> tuple[str, str, list[Path]]:
    """The unit to open with (the one named on the command line, else the first course, else the
    first exercise: a ``course:`` or ``exercise:`` key), the language (else the source language)
    and the theme's template folder and logo (watched too); a usage error when there is nothing
    to show or the language is not the project's."""
    diags = Diagnostics()
    loaded = load_shared(root, diags)
    if loaded is None:  # the project file is broken: open on it, the overlay says why
        return f"course:{sorted(only)[0] if only else ''}", language or "en", []
    lp, folders = loaded
    known = [*lp.project.languages, *lp.project.translations.in_progress]
    if language and language not in known:
        raise UsageError(message=f"language '{language}' is not in the project's 'languages' ({', '.join(known)})")
    keys = [f"course:{f.name}" for f in sorted(folders)] + [f"exercise:{e}" for e in sorted(lp.exercises)]
    if only:
        keys = [k for k in keys if k.split(":", 1)[1] in only]
    if not keys:
        named = f" named {', '.join(sorted(only))}" if only else ""
        raise UsageError(message=f"no course or toolkit exercise{named} to preview in {root}")
    theme = lp.project.theme
    extra = [root / p for p in (theme.templates, theme.logo) if p and inside(root, p)]
    return keys[0], language or lp.project.source_language, extra


def build_choice(root: Path, choice: Choice, generation: int) -> Snapshot:
    """Load, check and build ``choice`` in memory; the diagnostics say why when there are no files."""
    diags = Diagnostics()
    files: dict[str, bytes] = {}
    title = ""
    loaded = load_shared(root, diags)
    units: tuple[tuple[str, str], ...] = ()
    languages: tuple[str, ...] = (choice.language,)
    if loaded is not None:
        lp, folders = loaded
        languages = (*lp.project.languages, *lp.project.translations.in_progress)
        units = tuple([(f"course:{f.name}", f.name) for f in sorted(folders)] +
                      [(f"exercise:{e}", le.exercise.title) for e, le in sorted(lp.exercises.items())])
        if choice.unit.endswith(":") and units:  # opened on a broken project file, now fixed
            choice = dataclasses.replace(choice, unit=units[0][0])
        unit = _unit(lp, {f.name: f for f in folders}, choice, diags)
        if unit is not None and not diags.errors:
            title = unit.course.title
            files = _files(unit, choice, diags)
    return Snapshot(generation, choice, files if not diags.errors else {}, tuple(diags.sorted()), 0.0, title,
                    units, languages)


def _unit(lp: LoadedProject, folders: dict[str, Path], choice: Choice, diags: Diagnostics) -> Unit | None:
    """The chosen unit in its source language, loaded and checked (its translations too)."""
    kind, name = choice.unit.split(":", 1)
    if choice.language not in lp.project.languages and choice.language not in lp.project.translations.in_progress:
        diags.error("preview.language", f"language '{choice.language}' is not in the project's 'languages' "
                    f"({', '.join(lp.project.languages)})", "sbfa.yaml", 1, 1)
        return None
    check = work.optional("sbfa_pack.i18n.checks", "check_translations")
    if check is not None:
        check(lp, diags, [choice.language], later=set(folders))
    if kind == "exercise":
        le = lp.exercises.get(name)
        if le is None:
            diags.error("preview.unit", f"no toolkit exercise '{name}' (any more)", f"toolkit/{name}.yaml", 1, 1)
            return None
        return work.exercise_unit(lp, le)
    folder = folders.get(name)
    if folder is None:
        diags.error("preview.unit", f"no course folder '{name}' (any more)", f"courses/{name}", 1, 1)
        return None
    lc = load_course(lp, folder, diags)
    if lc is None or diags.errors:
        return None
    lp = dataclasses.replace(lp, courses={lc.course.id: lc})
    catalogs = work.optional("sbfa_pack.i18n.checks", "check_catalog")
    if catalogs is not None:
        catalogs(lp, lc.course.id, diags, [choice.language])
    return work.course_unit(lp, lc)


def _files(unit: Unit, choice: Choice, diags: Diagnostics) -> dict[str, bytes]:
    """The package's files, as ``build`` would zip them; an expected failure becomes a diagnostic."""
    source = dataclasses.replace(unit, language=choice.language)
    localised = work.localiser()(source, choice.language)
    try:
        return builders.get(choice.format)({}).files(localised)
    except SbfaError as exc:
        diags.error(exc.code, exc.message, exc.file or choice.unit, exc.line or 1, 1)
        return {}
