"""The learner-facing interface strings of the runtime and templates, with English defaults.

Keys are stable; translators work on the PO catalogs that ``sbfa_pack.i18n.ui`` builds from this
table. ``{name}`` marks a value filled in at run time (numbers are formatted for the language by
the runtime). A key ending in ``_one``/``_other`` (and ``_few``, ``_many``... as the language needs)
is a plural form: the runtime picks the form with ``Intl.PluralRules``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

UI_STRINGS: dict[str, str] = {
    # the shell
    "skip_to_content": "Skip to content",
    "contents": "Contents",
    "course_menu": "Lessons of this course",
    "progress": "{done} of {total} lessons seen",
    "seen": "seen",
    "current": "current lesson",
    "next": "Next",
    "back": "Back",
    "lesson_nav": "Lesson navigation",
    "lesson_n_of_m": "Lesson {n} of {m}",
    "language": "Language",
    "language_changed": "Language changed. Your progress is kept.",
    # saving
    "saved": "Progress saved",
    "retrying": "Connection problem: trying again to save your progress…",
    "save_failed": "Your progress may not have been saved. Stay on this page and check your connection.",
    "local_only": "Your progress is kept in this browser only. Nothing is sent to a learning platform.",
    "resume": "Welcome back. You are where you left off.",
    "no_script": "This course needs JavaScript to keep your progress and check your answers.",
    # lessons
    "module": "Module",
    "minutes_one": "{n} minute",
    "minutes_other": "{n} minutes",
    "case_study": "Case study",
    "founder": "Founder",
    "from": "From",
    "lives_in": "Lives in",
    "business": "Business",
    "illustrative": "This story is an illustrative composite based on real experiences.",
    "reflect": "Think about it",
    "resources": "Resources",
    "opens_new_tab": "(opens in a new tab)",
    "resource_languages": "Available in",
    "exercise": "Exercise",
    "instructions": "What to do",
    "example": "Example",
    "exercise_loading": "This exercise is not interactive in this package. Use the instructions above on paper.",
    # quizzes
    "question_n_of_m": "Question {n} of {m}",
    "check": "Check answer",
    "submit": "Submit answers",
    "try_again": "Try again",
    "correct": "Correct.",
    "incorrect": "Not quite.",
    "partly_correct": "Partly correct.",
    "correct_answer": "Correct answer:",
    "your_answer": "Your answer:",
    "true": "True",
    "false": "False",
    "your_score": "Your score: {score}",
    "pass_mark": "Pass mark: {score}",
    "quiz_passed": "You passed this quiz.",
    "quiz_failed": "You have not reached the pass mark yet.",
    "quiz_submitted": "Your answers have been submitted.",
    "attempts_left_one": "You have {n} attempt left.",
    "attempts_left_other": "You have {n} attempts left.",
    "no_attempts_left": "You have used all your attempts.",
    "attempts_rule_one": "You have {n} attempt.",
    "attempts_rule_other": "You have {n} attempts.",
    "unanswered_one": "{n} question is not answered yet. Select “Submit answers” again to submit anyway.",
    "unanswered_other": "{n} questions are not answered yet. Select “Submit answers” again to submit anyway.",
    "choose": "Choose…",
    "matches": "matches",
    "move_up": "Move up",
    "move_down": "Move down",
    "moved_to": "{item}: now in position {n} of {m}",
    "position": "Position {n}",
    "enter_number": "Enter a number",
    "not_a_number": "Please enter a number, for example {example}.",
    "quiz_questions_one": "{n} question",
    "quiz_questions_other": "{n} questions",
    # course result
    "course_completed": "You have completed this course.",
    "course_passed": "You passed the course with {score}.",
    "course_failed": "Your course score is {score}; the pass mark is {pass}.",
}


def _fallback(lang: str) -> dict[str, str]:
    return dict(UI_STRINGS)


@cache
def _provider() -> Callable[[str], dict[str, str]]:
    # The i18n engineer's module turns PO catalogs into the same table per language; until it
    # exists (or for a language without a catalog) the English defaults are used.
    try:
        from ..i18n.ui import ui_strings as provider
    except ImportError:  # not there yet, or half-written in a working tree
        return _fallback
    return provider


def strings_for(lang: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Every UI string for ``lang`` (plus ``extra`` defaults, e.g. the widgets'): translated where a
    translation exists, English otherwise."""
    translated = _provider()(lang)
    return {**UI_STRINGS, **(extra or {}), **{k: v for k, v in translated.items() if v}}
