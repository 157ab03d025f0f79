"""The learner-facing interface strings, with their English defaults: the runtime shell's and
templates' (``UI_STRINGS``) and the exercise widgets' (``WIDGET_STRINGS``).

The floor both sides stand on: the renderer (:mod:`sbfa_pack.render.ui_strings`) looks them up
per language, the interface catalogs (:mod:`sbfa_pack.i18n.ui`) are built from them, and this
module imports nothing of sbfa-pack, so neither imports the other's package for them.

Keys are stable; translators work on the PO catalogs in ``sbfa_pack/i18n/ui/``. ``{name}`` marks a
value filled in at run time (numbers are formatted for the language by the runtime). A key ending
in ``_one``/``_other`` (and ``_few``, ``_many``... as the language needs) is a plural form: the
runtime picks the form with ``Intl.PluralRules``.
"""

from __future__ import annotations

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
    "downloads": "(downloads the file)",
    # the glossary (terms marked in lessons; glossary.js)
    "glossary": "Words to know",
    "at_the_office": "At the office:",
    "see_also": "See also:",
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
    "go_to": "Go to:",
    "choose": "Choose…",
    "matches": "matches",
    "move_up": "Move up",
    "move_down": "Move down",
    "order_as_shown": "This order is my answer",
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
"""The runtime shell's and the templates' strings."""

WIDGET_STRINGS: dict[str, str] = {
    # shared by every exercise ("saved", "example", "opens_new_tab", "not_a_number" come from UI_STRINGS)
    "exercise_done": "I have finished",
    "exercise_submitted": "Done. Your answers are saved.",
    "share_answers": "Share my answers with my trainer",
    "required": "required",
    "fill_in": "Please fill in: {fields}",
    # worksheets
    "chars_count": "{n} of {max} characters",
    "chars_left_one": "{n} character left",
    "chars_left_other": "{n} characters left",
    "print": "Print",
    "download_answers": "Download my answers",
    "not_filled_in": "(not filled in)",
    "date_line": "Date: {date}",
    "other_answers": "Other answers",
    # numbers typed by the learner (worksheets and calculators)
    "whole_number": "Enter a whole number.",
    "number_range": "Enter a number from {min} to {max}.",
    "number_min": "Enter a number of at least {min}.",
    "number_max": "Enter a number of at most {max}.",
    # self-assessment
    "answered": "{n} of {total} answered",
    "answer_all": "Answer every statement to see your result.",
    "your_result": "Your result",
    "self_score": "Your score: {score} out of {max}",
    "your_profile": "Your profile",
    "out_of": "{score} out of {max}",
    # calculators
    "results": "Results",
    "calc_fill": "Fill in every value above to see this result.",
    "calc_fix": "Correct the values marked above to see this result.",
    "calc_div0": "This cannot be calculated: it would divide by zero. Check the values above.",
    "calc_too_large": "This result is too large to show. Check the values above.",
    "calc_undefined": "This cannot be calculated with these values. Check the values above.",
    # checklists
    "checked": "{n} of {total} done",
}
"""Learner-facing strings of the widgets, English defaults; merged into the runtime's translated table."""
