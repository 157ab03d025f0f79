"""What the loader produces: the model objects plus where each came from.

These records are the boundary between reading and everything after it: builders, i18n and
checks use them and never open a source file themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import Course, Exercise, GlossaryEntry, Guide, Project, Resource
from .yamlpos import Positions


@dataclass(frozen=True)
class Source:
    """One YAML source file as read: its path, how it is shown, positions and content digest."""

    path: Path
    shown: str
    positions: Positions
    digest: str


@dataclass(frozen=True)
class LoadedCourse:
    course: Course
    source: Source
    folder: Path
    assets: dict[str, Path] = field(default_factory=dict)
    """Package-relative path (as written in Markdown) → file on disk, for every local file used."""
    digest: str = ""
    """sha256 over course.yaml, its Markdown files and assets: changes when any input changes."""
    body_files: dict[tuple[str | int, ...], str] = field(default_factory=dict)
    """Data path of a body given as ``body_file`` → the Markdown file it came from (shown form)."""


@dataclass(frozen=True)
class LoadedExercise:
    exercise: Exercise
    source: Source
    assets: dict[str, Path] = field(default_factory=dict)
    digest: str = ""


@dataclass
class Broken:
    """Ids of sources that exist but failed to load (their own problems are reported): what refers
    to them is not reported as missing, and their translation catalogs are known."""

    project: bool = False
    """The project file failed to load (a default project stands in, and nothing is compared with it)."""
    courses: set[str] = field(default_factory=set)
    exercises: set[str] = field(default_factory=set)
    resources: set[str] = field(default_factory=set)
    glossary: set[str] = field(default_factory=set)
    guide: bool = False
    """``guide/guide.yaml`` exists but failed to load (its translation catalog is still known)."""


@dataclass(frozen=True)
class LoadedProject:
    root: Path
    project: Project
    source: Source | None
    courses: dict[str, LoadedCourse]
    exercises: dict[str, LoadedExercise]
    resources: dict[str, Resource]
    resource_sources: dict[str, Source]
    """Resource id → the file it is defined in."""
    broken: Broken = field(default_factory=Broken)
    glossary: dict[str, GlossaryEntry] = field(default_factory=dict)
    """The project glossary (``glossary/*.yaml``), id → entry, in file order."""
    glossary_sources: dict[str, Source] = field(default_factory=dict)
    """Glossary id → the file it is defined in."""
    guide: Guide | None = None
    """The trainer's guide (``guide/guide.yaml``), when the project has one."""
    guide_source: Source | None = None
    guide_files: dict[tuple[str | int, ...], str] = field(default_factory=dict)
    """Data path of a guide text given as ``body_file`` → the Markdown file it came from (shown form)."""
