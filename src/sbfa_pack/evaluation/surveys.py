"""Surveys: the distribution of every item, the free-text answers, and pre/post change.

Survey answers are ``responded`` records on ``<course-iri>/surveys/<lesson>/<item>``; only a
learner's first answer to an item counts. Free-text answers are listed without any learner,
in an order that looks random but is the same at every run (sorted by a hash of the text), so
neither the order of answering nor the learner can be read from the list. Pre/post: a survey
that ``pairs_with`` an earlier one is compared item by item (same item id, Likert or rating)
over the learners who answered both (anonymous answers cannot be paired): the mean change and
its 95 % confidence interval (t distribution, n − 1 degrees of freedom).
Without the project, an item is taken as free text when one of its answers has a space or is
longer than 20 characters, as numeric when all are whole numbers, and as a choice otherwise.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import defaultdict

from . import vocab
from .coursemap import NUMERIC_TYPES, TEXT_TYPES, Option, ProjectInfo, SurveyItemInfo
from .model import Chart, Column, Row, Table, row
from .stats import mean, mean_ci

Responses = dict[tuple[str, str, str], dict[str, str]]
"""(course, survey lesson, item) → learner (or an anonymous record's own hash) → first response."""


def responses(db: sqlite3.Connection) -> Responses:
    sql = """SELECT course, object, learner, response, MIN(timestamp || id) FROM records
        WHERE verb = ? AND instr(object, ?) > 0 AND response IS NOT NULL GROUP BY object, learner"""
    out: Responses = defaultdict(dict)
    for course, obj, learner, response, _ in db.execute(sql, (vocab.RESPONDED, vocab.SURVEY_MARK)):
        lesson, _, item = vocab.tail(obj, vocab.SURVEY_MARK).partition("/")
        out[course, lesson, item][learner] = response
    return out


def _item(info: ProjectInfo, course: str, lesson: str, item: str, given: list[str]) -> SurveyItemInfo:
    ci = info.courses.get(course)
    survey = ci.surveys.get(lesson) if ci else None
    for it in survey.items if survey else ():
        if it.id == item:
            return it
    if any(" " in g or len(g) > 20 for g in given):
        return SurveyItemInfo(item, "text")
    if all(g.isdigit() for g in given):
        return SurveyItemInfo(item, "rating", tuple(Option(v, v) for v in sorted(set(given), key=int)))
    return SurveyItemInfo(item, "choices", tuple(Option(v, v) for v in sorted({t for g in given
                                                                               for t in g.split("[,]")})))


def analyse(answers: Responses, info: ProjectInfo, min_group: int) -> tuple[Table, Table, Table]:
    """The distribution, free-text and pre/post tables."""
    dist: list[Row] = []
    texts: list[Row] = []
    for (course, lesson, item), given in sorted(answers.items()):
        title = info.courses[course].title if course in info.courses else course
        values = list(given.values())
        n = len(values)
        it = _item(info, course, lesson, item, values)
        if it.type in TEXT_TYPES:
            shown = sorted((v.strip() for v in values if v.strip()),
                           key=lambda v: hashlib.sha256(f"{course}\0{lesson}\0{item}\0{v}".encode()).hexdigest())
            if n < min_group:
                texts.append(Row((title, lesson, item, None), suppressed=True, keep=3))
            else:
                texts.extend(Row((title, lesson, item, v)) for v in shown)
            continue
        counts: dict[str, int] = defaultdict(int)
        for v in values:
            for t in set(v.split("[,]")):
                counts[t] += 1
        for o in it.options or tuple(Option(k, k) for k in sorted(counts)):
            k = counts.get(o.id, 0)
            dist.append(row((title, lesson, item, o.id, o.text, n, k, round(k / n, 4)), n, min_group, 5))
    distribution = Table("survey", (Column("course"), Column("survey"), Column("item"), Column("answer"),
                                    Column("text"), Column("learners", "count"), Column("count", "count"),
                                    Column("share", "rate")), tuple(dist), Chart(("survey", "item", "text"), "share"))
    free = Table("free_text", (Column("course"), Column("survey"), Column("item"), Column("answer", "text")),
                 tuple(texts), None, "free_text_note")
    return distribution, free, _prepost(answers, info, min_group)


def _prepost(answers: Responses, info: ProjectInfo, min_group: int) -> Table:
    rows: list[Row] = []
    for course, ci in sorted(info.courses.items()):
        for sid, survey in sorted(ci.surveys.items()):
            before = ci.surveys.get(survey.pairs_with or "")
            if before is None:
                continue
            earlier = {it.id: it for it in before.items}
            for it in survey.items:
                if it.type not in NUMERIC_TYPES or it.id not in earlier:
                    continue
                pre = answers.get((course, before.id, it.id), {})
                post = answers.get((course, sid, it.id), {})
                pairs = [(float(pre[lr]), float(post[lr])) for lr in sorted(set(pre) & set(post))
                         if _number(pre[lr]) and _number(post[lr])]
                n = len(pairs)
                ci95 = mean_ci([b - a for a, b in pairs])
                m = (round(mean([a for a, _ in pairs]), 4), round(mean([b for _, b in pairs]), 4)) if pairs else (None,
                                                                                                                  None)
                diff = tuple(round(v, 4) for v in ci95) if ci95 else (None, None, None)
                rows.append(row((ci.title, before.id, sid, it.id, n, *m, *diff), n, min_group, 4))
    columns = (Column("course"), Column("before"), Column("after"), Column("item"), Column("pairs", "count"),
               Column("mean_before", "number"), Column("mean_after", "number"), Column("mean_change", "number"),
               Column("ci_low", "number"), Column("ci_high", "number"))
    return Table("prepost", columns, tuple(rows), None, "prepost_note")


def _number(v: str) -> bool:
    try:
        float(v)
    except ValueError:
        return False
    return True
