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
    # the personal path (a course with a module per country)
    "path_title": "Choose your country",
    "path_intro": "This course has a module for each country. Choose the country where you live or want to "
                  "start your business: you will see only its module. You can change it later in the contents.",
    "path_show": "Show my course",
    "path_change": "Change country",
    "path_now": "Your country: {country}",
    "path_set": "The course now shows the module for {country}.",
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
    # the business file (bizfile.js) and case-study reflections
    "business_file": "My business file",
    "bf_empty": "Nothing here yet. What you write, calculate and tick in this course is collected here.",
    "close": "Close",
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

SURVEY_STRINGS: dict[str, str] = {
    "survey": "Survey",
    "survey_thanks": "Thank you. Your answers have been sent.",
    "survey_missing_one": "{n} required question is not answered yet.",
    "survey_missing_other": "{n} required questions are not answered yet.",
    "rating_low": "Not at all likely",
    "rating_high": "Extremely likely",
    "survey_anonymous": "This survey is anonymous: your answers are sent without your name.",
    "survey_anonymous_lms": ("This learning platform stores your chosen answers with your course record. "
                             "Your written answers are not sent: they stay on this device."),
}
"""Strings of the survey lesson kind; in a package's runtime table only when its course has a survey."""
SITE_STRINGS: dict[str, str] = {
    # the frame of every page
    "skip_to_content": "Skip to content",
    "main_nav": "Main",
    "home": "Home",
    "resource_bank": "Resource bank",
    "programme": "Courses",
    "toolkit": "Toolkit",
    "stories": "Stories",
    "partners": "For partners",
    "language": "Language",
    "choose_language": "Choose your language",
    "untranslated_note": "Parts of this page are not translated yet. They are shown in the original language, "
                         "marked with its code.",
    "home_intro": "Courses, tools and trusted links for people who start a business in a new country.",
    "footer": "Made with sbfa-pack from the programme's sources.",
    "not_found": "Page not found",
    "not_found_text": "This page does not exist. Start again from the home page.",
    # the resource bank
    "bank_intro": "Official websites and support services, explained in plain words.",
    "search": "Search",
    "search_hint": "Words from the title or the description",
    "filters": "Filter the resources",
    "country": "Country",
    "topic": "Topic",
    "kind": "Kind",
    "resource_language": "Language of the resource",
    "any": "All",
    "shown": "{n} of {total} resources shown",
    "no_results": "No resource matches. Try fewer words or other filters.",
    "show_all": "Show all",
    "bank_pages": "Pages of the resource bank",
    "official_source": "Official source",
    "available_in": "Available in",
    "last_checked": "Last checked: {date} ({result})",
    "not_checked": "Not checked yet",
    "result_ok": "working",
    "result_redirected": "moved",
    "result_dead": "not reachable",
    "result_slow": "slow",
    "result_error": "check failed",
    "international": "International",
    "kind_portal": "Portal",
    "kind_authority": "Authority",
    "kind_support": "Support service",
    "kind_template": "Template",
    "kind_guide": "Guide",
    "kind_funding": "Funding",
    "kind_training": "Training",
    "kind_other": "Other",
    # courses and downloads
    "duration": "Duration",
    "modules": "Modules",
    "languages": "Languages",
    "learners_make": "What learners make",
    "downloads": "Downloads for partners",
    "file": "File",
    "format": "Format",
    "size": "Size",
    "no_packages": "No packages have been built yet.",
    "which_file": "Which file for which LMS",
    "lms_scorm12": "Moodle, ILIAS, Chamilo, Canvas, itslearning: the SCORM 1.2 file.",
    "lms_scorm2004": "An LMS that asks for SCORM 2004: the SCORM 2004 file.",
    "lms_xapi": "A learning record store (LRS) with xAPI reports: the xAPI file.",
    "lms_cmi5": "A cmi5 player (ILIAS, SCORM Cloud): the cmi5 file.",
    "lms_web": "No LMS at all: the web file, or the toolkit on this site.",
    "import_steps": "How to import a course into Moodle",
    "step_download": "Download the file for your language and LMS. Do not unpack it.",
    "step_check": "Check the file: its SHA-256 checksum must be the one shown here.",
    "step_add": "In your Moodle course, choose “Add an activity or resource”, then “SCORM package”.",
    "step_upload": "Give it a name, drop the file into “Package file” and save.",
    "step_completion": "Under “Activity completion”, require the status “Passed” for a course with a pass mark, "
                       "“Completed” for one without.",
    "see_downloads": "Files for your LMS",
    # toolkit and stories
    "toolkit_intro": "Exercises that learners use in the browser; nothing is sent anywhere.",
    "open_exercise": "Open the exercise",
    "used_in": "Used in",
    "related_resources": "Related resources",
    "stories_intro": "Stories of founders, to read and to discuss.",
    "founder": "Founder",
    "from": "From",
    "lives_in": "Lives in",
    "business": "Business",
    "illustrative": "This story is an illustrative composite based on real experiences.",
    "reflect": "Think about it",
}
"""The strings of the static site (``sbfa-pack site``), English defaults; catalogs in ``i18n/site/``."""
