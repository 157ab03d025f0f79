"""Writing the report's files into ``--out``: all rendered in memory first, then committed
together (staged beside their places, renamed in one transaction: :mod:`sbfa_pack.commit`), so a
failure or Ctrl-C leaves the previous report whole and never half a file.

Files: ``report.html``, ``report.xlsx`` and ``<table>.csv`` per table. A table an earlier run
wrote and this one does not (``learners.csv`` of an ``--identify`` run) is removed in the same
commit: names never outlive the run that asked for them.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from .. import commit
from . import html, tables
from .model import Report

TABLE_KEYS = ("overview", "funnel", "items", "distractors", "reliability", "survey", "free_text", "prepost",
              "toolkit", "learners")
"""Every table a report can have (the CSV files this command owns in ``--out``)."""


def render(report: Report, lang: str) -> dict[str, bytes]:
    """Every output file of ``report`` in ``lang``, by name."""
    return {"report.html": html.render(report, lang), **tables.csv_files(report, lang),
            "report.xlsx": tables.workbook(report, lang)}


def write(files: dict[str, bytes], out_dir: Path) -> list[str]:
    """Commit ``files`` into ``out_dir``; returns the names written."""
    tag = f"sbfa{secrets.token_hex(4)}."
    with commit.exclusive(out_dir):
        commit.recover(out_dir)
        commit.sweep(out_dir)
        stale = sorted(f"{k}.csv" for k in TABLE_KEYS
                       if f"{k}.csv" not in files and (out_dir / f"{k}.csv").is_file())
        try:
            moves = [(commit.staged(out_dir, name, data, tag), name) for name, data in sorted(files.items())]
            commit.commit(out_dir, tag, moves, stale)
        finally:
            commit.sweep(out_dir, tag)
    return sorted(files)
