"""Item analysis: difficulty, discrimination, distractor shares, quiz reliability, plain flags.

Only each learner's FIRST answer to a question counts (the earliest ``answered`` record): later
attempts follow the feedback of the first, so they measure what the course taught rather than
the question, and would make every question look easier and less discriminating.

- Difficulty p: the mean score of the first answers (the proportion correct for right/wrong
  questions), over every learner who answered.
- Discrimination, over the learners who answered every scored question of the quiz (a quiz is a
  quiz lesson with the project, all of a course's questions without it): the corrected
  item-total correlation (point-biserial of the item against the total of the OTHER items), and
  Kelley's upper–lower index (p in the top 27 % by total minus p in the bottom 27 %).
- Reliability over the same learners: KR-20 when every score is 0 or 1, Cronbach's alpha otherwise.
- Flags: too easy (p > .90), too hard (p < .20), negative discrimination ("check the answer
  key"), and, with the project, a wrong option nobody picks.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict

from . import vocab
from .coursemap import Option, ProjectInfo, QuestionInfo
from .model import Chart, Column, Row, Table, row
from .stats import alpha, correlation, upper_lower

EASY, HARD = 0.90, 0.20
_IDS = re.compile(r"[A-Za-z0-9_.-]+")
_SCORM_LIST = re.compile(r"\{?[a-z0-9](,[a-z0-9])*\}?")
"""A SCORM 1.2 choice response: single-character keys, comma-separated, braces optional."""
_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"  # SCORM 1.2 choice keys, in declared order

Answers = dict[tuple[str, str], dict[str, tuple[float | None, str | None]]]
"""(course, question id) → learner → (score of the first answer, its response)."""


def first_answers(db: sqlite3.Connection) -> Answers:
    # SQLite takes the bare columns of an aggregate query from the row that gave the MIN(): the
    # earliest answer (ties on time broken by id). A third faster than a ROW_NUMBER() window.
    sql = """SELECT course, object, learner, COALESCE(score, success), response, MIN(timestamp || id)
        FROM records WHERE anonymous = 0 AND verb = ? AND instr(object, ?) > 0 GROUP BY object, learner"""
    out: Answers = defaultdict(dict)
    for course, obj, learner, score, response, _ in db.execute(sql, (vocab.ANSWERED, vocab.QUESTION_MARK)):
        out[course, vocab.tail(obj, vocab.QUESTION_MARK)][learner] = (score, response)
    return out


def _quiz_of(info: ProjectInfo, course: str, qid: str) -> str:
    ci = info.courses.get(course)
    q = ci.questions.get(qid) if ci else None
    return q.quiz if q else ""


def analyse(answers: Answers, info: ProjectInfo, min_group: int) -> tuple[Table, Table, Table]:
    """The items, distractors and reliability tables."""
    quizzes: dict[tuple[str, str], list[str]] = defaultdict(list)
    for course, qid in sorted(answers):
        quizzes[course, _quiz_of(info, course, qid)].append(qid)
    item_rows: list[Row] = []
    rel_rows: list[Row] = []
    for (course, quiz), qids in quizzes.items():
        title = info.courses[course].title if course in info.courses else course
        scored = [q for q in qids if any(s is not None for s, _ in answers[course, q].values())]
        complete = sorted(set.intersection(*(set(answers[course, q]) for q in scored))) if scored else []
        matrix = [[float(answers[course, q][lr][0] or 0) for q in scored] for lr in complete]
        totals = [sum(r) for r in matrix]
        for q in qids:
            given = [s for s, _ in answers[course, q].values()]
            n = len(given)
            scores = [float(s) for s in given if s is not None]
            p = sum(scores) / len(scores) if scores else None
            r = d = None
            if q in scored and len(complete) >= 3:
                j = scored.index(q)
                col = [m[j] for m in matrix]
                rest = [t - c for t, c in zip(totals, col, strict=True)]
                r, d = correlation(col, rest), upper_lower(col, totals)
            flags = [f for f, on in (("too_easy", p is not None and p > EASY), ("too_hard", p is not None and p < HARD),
                                     ("check_key", r is not None and r < 0)) if on]
            cells = (title, quiz or "—", q, n, _round(p), _round(r), _round(d), " ".join(flags))
            item_rows.append(row(cells, n, min_group, 3))
        a = alpha(matrix) if len(scored) >= 2 else None
        method = "kr20" if all(v in (0.0, 1.0) for m in matrix for v in m) else "alpha"
        rel_rows.append(row((title, quiz or "—", len(complete), len(scored), _round(a), method),
                            len(complete), min_group, 2))
    items = Table("items", (Column("course"), Column("quiz"), Column("question"), Column("learners", "count"),
                            Column("difficulty", "rate"), Column("discrimination", "number"),
                            Column("upper_lower", "number"), Column("flags", "flags")),
                  tuple(item_rows), Chart(("quiz", "question"), "difficulty"), "items_note")
    reliability = Table("reliability", (Column("course"), Column("quiz"), Column("learners", "count"),
                                        Column("questions", "count"), Column("reliability", "number"),
                                        Column("method", "term")), tuple(rel_rows), None, "reliability_note")
    return items, _distractors(answers, info, min_group), reliability


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 4)


def tokens(response: str) -> list[str]:
    """The options of a choice response: xAPI ids joined by ``[,]``, or SCORM 1.2 keys (``{a,c}``)."""
    if "[,]" in response:
        return [t for t in response.split("[,]") if t]
    if _SCORM_LIST.fullmatch(response):
        return response.strip("{}").split(",")
    return [response] if response else []


def _options(q: QuestionInfo | None, responses: list[str]) -> tuple[Option, ...] | None:
    if q is not None:
        return q.options or None
    seen = sorted({t for r in responses for t in tokens(r)})
    if not seen or not all(_IDS.fullmatch(t) for t in seen):
        return None
    return tuple(Option(t, t) for t in seen) if len(seen) <= 26 else None


def _token(token: str, options: tuple[Option, ...]) -> str:
    """An option id from a response token: the id itself, or a SCORM 1.2 key (``a``, ``t``)."""
    ids = [o.id for o in options]
    if token in ids:
        return token
    if ids == ["true", "false"] and token in ("t", "f"):
        return "true" if token == "t" else "false"
    i = _LETTERS.find(token) if len(token) == 1 else -1
    return ids[i] if 0 <= i < len(ids) else token


def _distractors(answers: Answers, info: ProjectInfo, min_group: int) -> Table:
    rows: list[Row] = []
    for (course, qid), given in sorted(answers.items()):
        ci = info.courses.get(course)
        q = ci.questions.get(qid) if ci else None
        responses = [r for _, r in given.values() if r is not None]
        options = _options(q, responses)
        if options is None:
            continue
        counts: dict[str, int] = defaultdict(int)
        for r in responses:
            for t in {_token(t, options) for t in tokens(r)}:
                counts[t] += 1
        n = len(responses)
        title = ci.title if ci else course
        for o in options:
            known = q is not None
            k = counts.get(o.id, 0)
            flags = "nobody_picks" if known and not o.correct and k == 0 else ""
            cells = (title, qid, o.id, o.text, ("yes" if o.correct else "no") if known else "—", n, k,
                     round(k / n, 4) if n else None, flags)
            rows.append(row(cells, n, min_group, 4))
    columns = (Column("course"), Column("question"), Column("option"), Column("text"), Column("correct", "term"),
               Column("learners", "count"), Column("chosen", "count"), Column("share", "rate"),
               Column("flags", "flags"))
    return Table("distractors", columns, tuple(rows), None, "distractors_note")
