"""The sample projects under tests/roots cover every lesson kind, question type and exercise kind."""

from __future__ import annotations

from pathlib import Path

from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load import load_project
from sbfa_pack.model import EXERCISE_KINDS, LESSON_KINDS, QUESTION_TYPES, Worksheet

ROOTS = Path(__file__).parents[1] / "roots"


def test_every_kind_is_covered() -> None:
    lessons: set[str] = set()
    questions: set[str] = set()
    exercises: set[str] = set()
    layouts: set[str] = set()
    fields: set[str] = set()
    for root in sorted(p for p in ROOTS.iterdir() if (p / "sbfa.yaml").is_file()):
        diags = Diagnostics()
        lp = load_project(root, diags)
        assert lp is not None and not diags.errors, [str(d) for d in diags]
        for lc in lp.courses.values():
            lessons |= {lesson.kind for _, lesson in lc.course.lessons()}
            questions |= {q.type for quiz in lc.course.quizzes() for q in quiz.questions}
        for le in lp.exercises.values():
            exercises.add(le.exercise.kind)
            if isinstance(le.exercise, Worksheet):
                layouts.add(le.exercise.layout)
                fields |= {f.type for f in le.exercise.fields}
    assert lessons == set(LESSON_KINDS)
    assert questions == set(QUESTION_TYPES)
    assert exercises == set(EXERCISE_KINDS)
    assert {"canvas", "swot"} <= layouts
    assert fields == {"short-text", "long-text", "number", "money", "date", "choice"}
