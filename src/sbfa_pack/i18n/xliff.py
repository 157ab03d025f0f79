"""XLIFF 2.0 exchange for translators using CAT tools, through translate-toolkit's XLIFF 2 storage.

The PO files stay the reference. ``export`` writes one bilingual XLIFF 2.0 file per catalog and
language; ``merge`` takes a translated file back into the PO catalog. A unit's id is a hash of
its context and source text (stable, and an ``xs:NMTOKEN`` as XLIFF requires); its ``name`` is the
readable context. A segment whose state is ``initial`` comes back as fuzzy. Plural entries are
not exported (course content has none).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import polib

from ..errors import UsageError


def unit_id(context: str, msgid: str) -> str:
    """The XLIFF unit id of a PO entry: stable across exports, unique within a catalog."""
    return "u" + hashlib.sha256(f"{context}\x04{msgid}".encode()).hexdigest()[:16]


def _storage() -> object:
    try:
        from translate.storage import xliff2
    except ImportError:
        raise UsageError(message="XLIFF exchange needs translate-toolkit: pip install 'translate-toolkit>=3.20'") \
            from None
    return xliff2


def export(po: polib.POFile, source_lang: str, lang: str, file_id: str) -> bytes:
    """The catalog as an XLIFF 2.0 document (source, and target where translated or fuzzy)."""
    xliff2 = _storage()
    store = xliff2.Xliff2File(sourcelanguage=source_lang, targetlanguage=lang)  # type: ignore[attr-defined]
    store.body.set("id", file_id)
    for e in po:
        if e.obsolete or e.msgid_plural:
            continue
        unit = store.addsourceunit(e.msgid)
        unit.setid(unit_id(e.msgctxt or "", e.msgid))
        unit.getunitelement().set("name", e.msgctxt or "")
        if e.msgstr:
            unit.target = e.msgstr
            unit.markfuzzy(e.fuzzy)
    return bytes(store)


@dataclass(frozen=True)
class Merged:
    """What an import changed: entries updated, and unit ids the catalog no longer has."""

    updated: int
    unknown: list[str]


def language_of(data: bytes) -> tuple[str, str]:
    """The (source, target) languages an XLIFF 2.0 document declares."""
    store = _storage().Xliff2File.parsestring(data)  # type: ignore[attr-defined]
    root = store.document.getroot()
    return str(root.get("srcLang", "")), str(root.get("trgLang", ""))


def merge(data: bytes, po: polib.POFile) -> Merged:
    """Take the targets of an XLIFF 2.0 document into ``po`` (in place)."""
    store = _storage().Xliff2File.parsestring(data)  # type: ignore[attr-defined]
    by_id = {unit_id(e.msgctxt or "", e.msgid): e for e in po if not e.obsolete and not e.msgid_plural}
    updated, unknown = 0, []
    for unit in store.getunits():
        entry = by_id.get(unit.getid())
        if entry is None:
            unknown.append(str(unit.getid()))
            continue
        target = str(unit.target or "")
        if not target:
            continue
        fuzzy = bool(unit.isfuzzy())
        if target != entry.msgstr or fuzzy != entry.fuzzy:
            entry.msgstr = target
            if fuzzy and "fuzzy" not in entry.flags:
                entry.flags.insert(0, "fuzzy")
            elif not fuzzy and "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                entry.previous_msgid = entry.previous_msgctxt = None
            updated += 1
    return Merged(updated, unknown)
