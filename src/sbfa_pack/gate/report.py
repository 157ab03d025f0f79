"""How ``sbfa-pack test`` tells its results: a table for people, JSON and JUnit XML for tools.

The JSON document (``--json``, docs/testing.md)::

    {"generator": "sbfa-pack X.Y.Z", "passed": true,
     "summary": {"passed": n, "failed": n, "skipped": n},
     "packages": [{"package": "<zip name>", "format": "scorm12", "ours": true,
                   "result": "pass" | "fail" | "skip", "skipped": null | "<why>",
                   "lms_status": "passed", "score": "100", "interactions": 7, "commits": 12,
                   "largest_suspend_data": 812, "statements": 0, "largest_state": 0, "seconds": 3.1,
                   "checks": ["open-close", ...], "notes": ["<what was not checked, why>", ...],
                   "failures": ["<package>: <check>: <what>", ...]}]}
"""

from __future__ import annotations

import json
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from .. import __version__
from .result import Outcome

_COLUMNS = ("package", "format", "result", "LMS status", "score", "interactions", "commits/statements",
            "suspend_data/state", "time")


def as_dict(o: Outcome) -> dict[str, Any]:
    return {"package": o.package, "format": o.format, "ours": o.ours, "result": o.status, "skipped": o.skipped,
            "lms_status": o.lms_status, "score": o.score, "interactions": o.interactions, "commits": o.commits,
            "largest_suspend_data": o.largest_suspend_data, "statements": o.statements,
            "largest_state": o.largest_state, "seconds": o.seconds, "checks": o.checks,
            "notes": o.notes, "failures": o.failures}


def summary(outcomes: list[Outcome]) -> dict[str, int]:
    return {k: sum(o.status == s for o in outcomes) for k, s in (("passed", "pass"), ("failed", "fail"),
                                                                  ("skipped", "skip"))}


def to_json(outcomes: list[Outcome]) -> str:
    doc = {"generator": f"sbfa-pack {__version__}", "passed": not any(o.failures for o in outcomes),
           "summary": summary(outcomes), "packages": [as_dict(o) for o in outcomes]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def to_junit(outcomes: list[Outcome]) -> str:
    s = summary(outcomes)
    total = sum(o.seconds for o in outcomes)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<testsuite name="sbfa-pack test" tests="{len(outcomes)}" failures="{s["failed"]}" '
           f'skipped="{s["skipped"]}" time="{total:.2f}">']
    for o in outcomes:
        out.append(f'  <testcase classname={quoteattr(o.format)} name={quoteattr(o.package)} time="{o.seconds:.2f}">')
        if o.failures:
            out.append(f"    <failure message={quoteattr(o.failures[0])}>{escape(chr(10).join(o.failures))}</failure>")
        elif o.skipped:
            out.append(f"    <skipped message={quoteattr(o.skipped)}/>")
        out.append("  </testcase>")
    out.append("</testsuite>")
    return "\n".join(out) + "\n"


def _row(o: Outcome) -> tuple[str, ...]:
    lrs = o.format in ("xapi", "cmi5")
    return (o.package, o.format, o.status.upper(), o.lms_status or "-", o.score or "-", str(o.interactions),
            str(o.statements if lrs else o.commits), f"{o.largest_state if lrs else o.largest_suspend_data:,}",
            f"{o.seconds:.1f}s")


def to_text(outcomes: list[Outcome], verbose: bool = False) -> str:
    """The table, then one line per failure (and per skip with -v), then the totals."""
    rows = [_COLUMNS, *(_row(o) for o in outcomes)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(_COLUMNS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    for o in outcomes:
        lines += [f"FAIL {f}" for f in o.failures]
        if verbose and o.skipped:
            lines.append(f"SKIP {o.package}: {o.skipped}")
        if verbose and not o.failures and not o.skipped:
            lines.append(f"ok   {o.package}: {', '.join(o.checks)}")
        lines += [f"note {o.package}: {n}" for n in o.notes] if verbose else []
    s = summary(outcomes)
    lines.append(f"{s['passed']} passed, {s['failed']} failed, {s['skipped']} skipped")
    return "\n".join(lines) + "\n"
