"""Files a translation brings: a language's own captions (``<track src="amira.de.vtt" srclang="de">``).

A translation keeps the source's link targets and images (:func:`.rules.markdown`), but a raw
HTML media element may name another file of the same folder: the captions, subtitles or
audio of its language. Such a file must exist inside the folder of the course (or of the
toolkit, for an exercise); ``validate`` says so at the PO line, and the build packages it.
"""

from __future__ import annotations

from pathlib import Path

from ..markdown import is_local, references
from ..paths import real


def catalog_folder(root: Path, cid: str) -> Path | None:
    """The folder the files of catalog ``cid`` are relative to: its course folder, or ``toolkit/``."""
    if (root / "courses" / cid / "course.yaml").is_file():
        return root / "courses" / cid
    if (root / "toolkit" / f"{cid}.yaml").is_file():
        return root / "toolkit"
    return None


def _targets(text: str) -> set[str]:
    if "<" not in text and "](" not in text:
        return set()
    out = set()
    for ref in references(text):
        target = ref.target.split("#", 1)[0].split("?", 1)[0]
        if is_local(ref.target) and target:
            out.add(target)
    return out


def added(source: str, translation: str) -> list[str]:
    """Local files the translation names and its source does not (sorted)."""
    return sorted(_targets(translation) - _targets(source))


def problem(folder: Path | None, target: str) -> tuple[str, str] | None:
    """Why ``target`` cannot be packaged (a diagnostic code and message), or None when it can."""
    if folder is None:
        return "ref.missing-asset", f"'{target}': this catalog has no folder to hold files"
    resolved = real(folder / target)
    if not resolved.is_relative_to(real(folder)):
        return "ref.outside", f"'{target}' points outside the folder {folder.name}/"
    if not resolved.is_file():
        return "ref.missing-asset", f"the translation names '{target}', which is not in {folder.name}/"
    return None


def files(folder: Path | None, source: str, translation: str) -> dict[str, Path] | None:
    """The files a translation adds, name → path; None when one of them is missing or outside."""
    found: dict[str, Path] = {}
    for target in added(source, translation):
        if folder is None or problem(folder, target):
            return None
        found[target] = real(folder / target)
    return found
