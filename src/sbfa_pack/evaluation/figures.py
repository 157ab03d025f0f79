"""Course figures: learners, registrations, completion and pass rates, time spent, the drop-off
funnel, toolkit use, and (``--identify`` only) the list of learners.

Aggregation happens in SQLite (one grouped scan per table); Python only sees one row per
registration, so a million records stay within a few megabytes.

- A learner counts in a group (a version, a language, a country) when one of their
  registrations is in it; a registration is known by the statements on the course itself
  (launched, initialized, a session, a result), and its version, language and country are those
  they carry. Anonymous survey answers never count as learners.
- A group too small to show could be worked out from the course's total minus the other groups
  of its kind: then the smallest of those is hidden too, until the hidden ones together reach
  the minimum.
- Completion rate: learners with a ``completed`` course statement / learners. Pass rate: learners
  with a ``passed`` course statement / learners.
- Time spent per learner: the sum of their sessions (``terminated`` durations); for a source
  without sessions (Moodle's total time), the longest duration it gives for the course.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field

from . import vocab
from .coursemap import ProjectInfo
from .model import Chart, Column, Row, Table, partition, row
from .stats import quantile

OVERVIEW_COLUMNS = (Column("course"), Column("breakdown", "term"), Column("group"), Column("learners", "count"),
                    Column("registrations", "count"), Column("completed", "count"), Column("completion_rate", "rate"),
                    Column("passed", "count"), Column("pass_rate", "rate"), Column("time_median", "minutes"),
                    Column("time_q1", "minutes"), Column("time_q3", "minutes"))


@dataclass
class _Group:
    registrations: int = 0
    learners: dict[str, list[float]] = field(default_factory=dict)
    """learner → [completed, passed, seconds, has time]."""

    def add(self, learner: str, completed: int, passed: int, seconds: float | None) -> None:
        self.registrations += 1
        acc = self.learners.setdefault(learner, [0, 0, 0.0, 0])
        acc[0] = max(acc[0], completed)
        acc[1] = max(acc[1], passed)
        if seconds is not None:
            acc[2] += seconds
            acc[3] = 1


def _registrations(db: sqlite3.Connection) -> dict[str, dict[tuple[str, str], _Group]]:
    """course IRI → (breakdown, value) → its group."""
    sql = f"""SELECT course, learner, MAX(course_version), MAX(language), MAX(country),
        MAX(object = course AND verb = ?), MAX(object = course AND verb = ?),
        SUM(CASE WHEN object = course AND verb = ? THEN duration END), MAX(CASE WHEN object = course THEN duration END)
        FROM records WHERE verb IN ({", ".join("?" * len(vocab.COURSE_VERBS))}) AND anonymous = 0
        AND instr(course, ?) > 0 GROUP BY course, learner, registration"""
    out: dict[str, dict[tuple[str, str], _Group]] = defaultdict(dict)
    for course, learner, version, lang, country, done, passed, sessions, longest in db.execute(
            sql, (vocab.COMPLETED, vocab.PASSED, vocab.TERMINATED, *vocab.COURSE_VERBS, vocab.COURSE_MARK)):
        seconds = sessions if sessions is not None else longest
        groups = out[course]
        for key in (("all", ""), ("version", version), ("language", lang), ("country", country)):
            groups.setdefault(key, _Group()).add(learner, int(done or 0), int(passed or 0), seconds)
    return out


def _order(key: tuple[str, str]) -> tuple[int, str]:
    return ("all", "version", "language", "country").index(key[0]), key[1]


def overview(db: sqlite3.Connection, info: ProjectInfo, min_group: int) -> tuple[Table, dict[str, int]]:
    """The overview table, and the number of learners per course (the funnel's base)."""
    rows: list[Row] = []
    starters: dict[str, int] = {}
    for course, groups in sorted(_registrations(db).items()):
        title = info.courses[course].title if course in info.courses else course
        hidden: set[tuple[str, str]] = set()
        for dim in ("version", "language", "country"):
            sizes = {k[1]: len(g.learners) for k, g in groups.items() if k[0] == dim}
            hidden |= {(dim, v) for v in partition(sizes, min_group)}
        for key in sorted(groups, key=_order):
            g = groups[key]
            n = len(g.learners)
            if key[0] == "all":
                starters[course] = n
            done = sum(1 for a in g.learners.values() if a[0])
            passed = sum(1 for a in g.learners.values() if a[1])
            times = [a[2] / 60 for a in g.learners.values() if a[3]]
            q = [round(quantile(times, p), 1) for p in (0.5, 0.25, 0.75)] if times else [None, None, None]
            value = key[1] if key[1] or key[0] == "all" else "—"
            cells = (title, key[0], value, n, g.registrations, done, round(done / n, 4), passed,
                     round(passed / n, 4), *q)
            if key in hidden and n >= min_group:  # secondary: it would give a hidden group away
                rows.append(Row(cells[:3] + (None,) * (len(cells) - 3), True, 3, "hidden_to_protect"))
            else:
                rows.append(row(cells, n, min_group, 3))
    chart = Chart(("course", "group"), "completion_rate")
    return Table("overview", OVERVIEW_COLUMNS, tuple(rows), chart, "overview_note"), starters


def funnel(db: sqlite3.Connection, info: ProjectInfo, starters: dict[str, int], min_group: int) -> Table:
    """Learners who opened each lesson, in course order (IRI order without the project)."""
    reached: dict[str, dict[str, int]] = defaultdict(dict)
    sql = """SELECT course, object, COUNT(DISTINCT learner) FROM records
             WHERE anonymous = 0 AND verb = ? AND instr(object, ?) > 0 GROUP BY course, object"""
    for course, obj, n in db.execute(sql, (vocab.EXPERIENCED, vocab.LESSON_MARK)):
        reached[course][vocab.tail(obj, vocab.LESSON_MARK)] = n
    rows: list[Row] = []
    for course in sorted(set(reached) | set(starters)):
        ci = info.courses.get(course)
        lessons = list(ci.lessons) if ci else [(lid, lid) for lid in sorted(reached[course])]
        base = starters.get(course, 0)
        for pos, (lid, title) in enumerate(lessons, 1):
            n = reached[course].get(lid, 0)
            cells = (ci.title if ci else course, pos, title, n, round(n / base, 4) if base else None)
            rows.append(row(cells, n, min_group, 3))
    columns = (Column("course"), Column("position", "count"), Column("lesson"), Column("learners", "count"),
               Column("share_of_starters", "rate"))
    return Table("funnel", columns, tuple(rows), Chart(("course", "lesson"), "share_of_starters"), "funnel_note")


def toolkit(db: sqlite3.Connection, info: ProjectInfo, min_group: int) -> Table:
    """Per exercise: learners who used it, completed it, and shared their values (consented)."""
    sql = """SELECT object, COUNT(DISTINCT learner),
             COUNT(DISTINCT CASE WHEN completion = 1 OR verb = ? THEN learner END),
             COUNT(DISTINCT CASE WHEN response IS NOT NULL AND response != '' THEN learner END)
             FROM records WHERE anonymous = 0 AND verb IN (?, ?) AND instr(object, ?) > 0 GROUP BY object"""
    rows = []
    for obj, used, done, shared in db.execute(sql, (vocab.COMPLETED, vocab.PROGRESSED, vocab.COMPLETED,
                                                    vocab.TOOLKIT_MARK)):
        title = info.exercises.get(obj, vocab.tail(obj, vocab.TOOLKIT_MARK))
        rows.append(row((title, used, done, round(done / used, 4), shared), used, min_group, 1))
    columns = (Column("exercise"), Column("learners", "count"), Column("completed", "count"),
               Column("completion_rate", "rate"), Column("shared", "count"))
    return Table("toolkit", columns, tuple(sorted(rows, key=lambda r: str(r.cells[0]))),
                 Chart(("exercise",), "completion_rate"), "toolkit_note")


def learners(db: sqlite3.Connection) -> Table:
    """``--identify`` only: one row per learner, with the name and address the sources kept."""
    sql = """SELECT r.learner, COALESCE(i.name, ''), COALESCE(i.mbox, ''), COUNT(DISTINCT r.course),
             COUNT(DISTINCT CASE WHEN r.verb = ? AND r.object = r.course THEN r.course END),
             COUNT(DISTINCT CASE WHEN r.verb = ? AND r.object = r.course THEN r.course END)
             FROM records r LEFT JOIN identities i ON i.learner = r.learner
             WHERE r.anonymous = 0 GROUP BY r.learner ORDER BY r.learner"""
    rows = tuple(Row(tuple(r)) for r in db.execute(sql, (vocab.COMPLETED, vocab.PASSED)))
    columns = (Column("learner"), Column("name"), Column("email"), Column("courses", "count"),
               Column("completed", "count"), Column("passed", "count"))
    return Table("learners", columns, rows)
