"""Helpers for the xAPI tests: the basic sample project, and a course with every question type."""

from __future__ import annotations

from typing import Any

from sbfa_pack.model import Course, Project
from sbfa_pack.unit import Unit


def course_with_every_question(**changes: Any) -> Course:
    """One module, one page, one quiz holding each question type (small, built in memory)."""
    questions: list[dict[str, Any]] = [
        {"id": "sc", "type": "single-choice", "prompt": "Which is a **fixed** cost?",
         "choices": [{"id": "rent", "text": "Rent", "correct": True}, {"id": "flour", "text": "Flour"}]},
        {"id": "mc", "type": "multiple-choice", "prompt": "Which are taxes?",
         "choices": [{"id": "vat", "text": "VAT", "correct": True}, {"id": "rent", "text": "Rent"},
                     {"id": "income", "text": "Income tax", "correct": True}]},
        {"id": "tf", "type": "true-false", "prompt": "A sole trader needs a bank account.", "answer": True},
        {"id": "fi", "type": "fill-in", "prompt": "Norway's business register?", "answers": ["Brreg", "Brønnøysund"]},
        {"id": "ma", "type": "matching", "prompt": "Match", "pairs": [
            {"id": "p1", "source": "VAT", "target": "Tax"}, {"id": "p2", "source": "Rent", "target": "Cost"}]},
        {"id": "or", "type": "ordering", "prompt": "Order", "items": [
            {"id": "idea", "text": "Idea"}, {"id": "plan", "text": "Plan"}, {"id": "start", "text": "Start"}]},
        {"id": "nu", "type": "numeric", "prompt": "10 + 5?", "answer": 15, "tolerance": 0.5},
    ]
    data: dict[str, Any] = {
        "id": "every-question", "version": "1.2.0", "title": "Every question", "description": "All types.",
        "language": "en", "duration_minutes": 10,
        "success": {"pass_mark": 75, "quizzes": [{"quiz": "quiz"}]},
        "modules": [{"id": "m1", "title": "Module one", "lessons": [
            {"id": "intro", "kind": "page", "title": "Intro", "body": "Hello"},
            {"id": "quiz", "kind": "quiz", "title": "Quiz", "questions": questions}]}],
    }
    data.update(changes)
    return Course.model_validate(data)


def make_unit(course: Course | None = None, language: str = "en", base_iri: str = "https://w3id.org/sbfa") -> Unit:
    project = Project.model_validate({"name": "Test", "languages": ["en", "de"], "xapi": {"base_iri": base_iri}})
    return Unit("course", course or course_with_every_question(), language, project)


