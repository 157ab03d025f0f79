"""The packages partners download: read from the build's ``dist/index.json`` and copied into the
site's ``downloads/`` folder as they are (same bytes, so the listed sha256 holds)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .output import Copy

FORMAT_NAMES = {"scorm12": "SCORM 1.2", "scorm2004": "SCORM 2004", "xapi": "xAPI", "cmi5": "cmi5", "web": "Web"}
FOLDER = "downloads"


@dataclass(frozen=True)
class Package:
    """One package of ``dist/index.json``: which unit, language and format, its file, size and sha256."""

    kind: str
    id: str
    language: str
    format: str
    file: str
    size: int
    sha256: str

    @property
    def format_name(self) -> str:
        return FORMAT_NAMES.get(self.format, self.format)

    @property
    def href(self) -> str:
        """Its place in the site."""
        return f"{FOLDER}/{self.file}"


def read(dist: Path) -> list[Package] | None:
    """The packages listed in ``dist/index.json`` that are in ``dist/`` with their listed size;
    None when there is no index (nothing built yet)."""
    try:
        doc = json.loads((dist / "index.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return None
    out = []
    for e in doc.get("packages", []) if isinstance(doc, dict) else []:
        try:
            p = Package(str(e["kind"]), str(e["id"]), str(e["language"]), str(e["format"]), str(e["file"]),
                        int(e["size"]), str(e["sha256"]))
        except (KeyError, TypeError, ValueError):
            continue
        plain = p.file.endswith(".zip") and "/" not in p.file and "\\" not in p.file and not p.file.startswith(".")
        if plain and (dist / p.file).is_file() and (dist / p.file).stat().st_size == p.size:
            out.append(p)
    return sorted(out, key=lambda p: (p.kind, p.id, p.language, p.format))


def copies(dist: Path, packages: list[Package]) -> dict[str, Copy]:
    return {p.href: Copy(dist / p.file, p.size, p.sha256) for p in packages}


def of_unit(packages: list[Package], uid: str, languages: list[str]) -> list[tuple[str, list[Package]]]:
    """The packages of one course or exercise, grouped by language, in the order of the project's
    ``languages`` (a multilingual package last)."""
    groups: dict[str, list[Package]] = {}
    for p in packages:
        if p.id == uid:
            groups.setdefault(p.language, []).append(p)
    rank = {lang: i for i, lang in enumerate(languages)}
    return sorted(groups.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))
