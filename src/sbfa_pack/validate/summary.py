"""The end-of-run summary: what the package is and what an LMS will see."""

from __future__ import annotations

from ..diagnostics import Diagnostic
from .model import Facts


def build_summary(label: str, kind: str, facts: list[Facts], total_size: int, files: int,
                  diagnostics: list[Diagnostic], xsd_note: str, zip_size: int | None = None) -> dict[str, object]:
    """A plain dict (JSON-friendly) describing the package; the first manifest found is the main one."""
    main = facts[0] if facts else None
    unit_kind = {"SCORM 1.2": "SCO", "SCORM 2004": "SCO", "cmi5": "AU"}.get(main.standard, "activity") \
        if main else ""
    return {
        "path": label,
        "container": kind,
        "standard": main.standard if main else "unknown",
        "edition": main.edition if main else "",
        "manifest": main.manifest if main else "",
        "title": main.title if main else "",
        "unit_kind": unit_kind,
        "units": len([u for u in main.units if u.kind in ("sco", "au", "activity")]) if main else 0,
        "launchable_items": len(main.units) if main else 0,
        "launch": main.launch if main else "",
        "mastery_score": main.mastery if main else None,
        "total_size": total_size,
        "zip_size": zip_size,
        "files": files,
        "schema_check": xsd_note,
        "errors": sum(1 for d in diagnostics if d.severity == "error"),
        "warnings": sum(1 for d in diagnostics if d.severity == "warning"),
        "lms_view": [line for f in facts for line in f.lms_lines],
        "other_manifests": [f.manifest for f in facts[1:]],
    }


def summary_text(s: dict[str, object]) -> str:
    """A few plain lines for the terminal."""
    standard, edition = str(s["standard"]), str(s["edition"])
    if standard == "unknown":
        head = f"{s['path']}: not recognised as an e-learning package."
    else:
        name = f"SCORM {edition}" if edition.startswith("2004 ") else (
            f"{standard} {edition}" if edition and edition not in standard else standard)
        title = f" '{s['title']}'" if s["title"] else ""
        head = f"{s['path']}: {name} package{title} ({s['manifest']})."
    lines = [head]
    if standard != "unknown":
        mastery = s["mastery_score"] if s["mastery_score"] is not None else "none"
        lines.append(f"  {_count(int(str(s['units'])), str(s['unit_kind']))}, launch file "
                     f"{s['launch'] or '(none)'}, mastery score {mastery}.")
    if s["container"] != "file":
        packed = f" ({_size(int(str(s['zip_size'])))} zipped)" if s["zip_size"] is not None else ""
        lines.append(f"  {_count(int(str(s['files'])), 'file')}, {_size(int(str(s['total_size'])))} "
                     f"uncompressed{packed}.")
    lms = s["lms_view"]
    if isinstance(lms, list):
        lines.extend(f"  {line}" for line in lms)
    lines.append(f"  XML Schema check: {s['schema_check']}.")
    lines.append(f"  Result: {s['errors']} error(s), {s['warnings']} warning(s).")
    return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    plural = {"activity": "activities"}.get(noun, noun + "s")
    return f"{n} {noun if n == 1 else plural}"


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024**2:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024**2:.1f} MB"
