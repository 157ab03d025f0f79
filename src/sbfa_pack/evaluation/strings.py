"""The report's interface strings, translated through PO catalogs as the learner UI's are.

Keys and English texts are :data:`REPORT_STRINGS`; each language's catalog is
``sbfa_pack/evaluation/po/<lang>.po`` (``msgctxt`` = key, ``msgid`` = English), refreshed with
``sbfa-pack i18n ui-update`` like the runtime's. Fuzzy entries are not used (English shows
instead); drafts are marked ``X-SBFA-Review: draft`` until a native speaker has reviewed them.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import polib

from ..i18n import catalog

REPORT_LANGUAGES = ("en", "el", "es", "de", "pl", "nb")

REPORT_STRINGS: dict[str, str] = {
    "report_title": "Evaluation report",
    "contents": "Contents",
    "summary": "{records} learning records. Every figure shows the number of learners behind it; "
               "groups of fewer than {n} learners are not shown.",
    "identified": "This report names learners (--identify): keep it confidential and delete it after use.",
    "fewer_than": "fewer than {n}",
    "hidden_to_protect": "not shown, so that a smaller group cannot be worked out",
    "nothing": "No records for this table.",
    "chart_of": "Chart: {title}. The numbers are in the table that follows.",
    "made_by": "Made by sbfa-pack {version}.",
    "table_overview": "Learners, completion and time spent",
    "table_funnel": "Drop-off, lesson by lesson",
    "table_items": "Item analysis",
    "table_distractors": "Answer options chosen",
    "table_reliability": "Quiz reliability",
    "table_survey": "Survey answers",
    "table_free_text": "Free-text answers",
    "table_prepost": "Before and after",
    "table_toolkit": "Toolkit use",
    "table_learners": "Learners (identified)",
    "overview_note": "Completion and pass rates are shares of all learners in the group. Time is per learner, "
                     "in minutes: the median and the middle half (first to third quartile).",
    "funnel_note": "Learners who opened each lesson, as a share of the learners who started the course.",
    "items_note": "Only each learner's first answer counts. Difficulty is the share of correct first answers; "
                  "discrimination compares each question with the rest of the quiz (below 0: check the answer key).",
    "distractors_note": "How many learners chose each option on their first answer.",
    "reliability_note": "KR-20 (or Cronbach's alpha) over the learners who answered every question of the quiz; "
                        "0.7 or more is usually good.",
    "free_text_note": "Answers are listed in a fixed mixed order and never with who wrote them.",
    "prepost_note": "Mean change for learners who answered both surveys, with its 95 % confidence interval.",
    "toolkit_note": "Shared: learners who agreed to share their answers.",
    "col_course": "Course", "col_breakdown": "Breakdown", "col_group": "Group", "col_learners": "Learners",
    "col_registrations": "Registrations", "col_completed": "Completed", "col_completion_rate": "Completion rate",
    "col_passed": "Passed", "col_pass_rate": "Pass rate", "col_time_median": "Median time (min)",
    "col_time_q1": "First quartile (min)", "col_time_q3": "Third quartile (min)", "col_position": "Position",
    "col_lesson": "Lesson", "col_share_of_starters": "Share of starters", "col_exercise": "Exercise",
    "col_shared": "Shared", "col_learner": "Learner", "col_name": "Name", "col_email": "E-mail",
    "col_courses": "Courses", "col_quiz": "Quiz", "col_question": "Question", "col_difficulty": "Difficulty (p)",
    "col_discrimination": "Discrimination (r)", "col_upper_lower": "Upper–lower (D)", "col_flags": "Flags",
    "col_option": "Option", "col_text": "Text", "col_correct": "Correct", "col_chosen": "Chosen",
    "col_share": "Share", "col_questions": "Questions", "col_reliability": "Reliability", "col_method": "Method",
    "col_survey": "Survey", "col_item": "Item", "col_answer": "Answer", "col_count": "Count",
    "col_before": "Before", "col_after": "After", "col_pairs": "Pairs", "col_mean_before": "Mean before",
    "col_mean_after": "Mean after", "col_mean_change": "Mean change", "col_ci_low": "95 % CI low",
    "col_ci_high": "95 % CI high",
    "term_all": "All", "term_version": "Version", "term_language": "Language", "term_country": "Country",
    "term_yes": "yes", "term_no": "no", "term_kr20": "KR-20", "term_alpha": "Cronbach's alpha",
    "term_too_easy": "too easy", "term_too_hard": "too hard", "term_check_key": "check the answer key",
    "term_nobody_picks": "nobody picks it",
}


def catalog_path(lang: str) -> Path:
    return Path(str(resources.files("sbfa_pack.evaluation").joinpath("po", f"{lang}.po")))


def template() -> polib.POFile:
    pot = catalog.new_catalog(None, "sbfa-pack report")
    for key, text in REPORT_STRINGS.items():
        pot.append(polib.POEntry(msgctxt=key, msgid=text, msgstr="",
                                 flags=["python-brace-format"] if "{" in text else []))
    return pot


def update_catalogs(langs: tuple[str, ...] = REPORT_LANGUAGES) -> dict[str, catalog.Stats]:
    """Merge the template into every report catalog (translations kept; changed texts fuzzy)."""
    pot = template()
    keys = [(e.msgctxt or "", e.msgid) for e in pot]
    out = {}
    for lang in langs:
        path = catalog_path(lang)
        merged = catalog.update(pot, catalog.read(path) if path.exists() else None, lang)
        merged.metadata["Project-Id-Version"] = "sbfa-pack report"
        catalog.save(merged, path)
        out[lang] = catalog.stats(keys, merged)
    return out


@cache
def strings(lang: str) -> dict[str, str]:
    """Every report string in ``lang`` (``de-AT`` falls back to ``de``); English for anything missing."""
    table = dict(REPORT_STRINGS)
    for tag in (lang, lang.split("-")[0]):
        path = catalog_path(tag)
        if path.is_file():
            table.update({e.msgctxt: e.msgstr for e in catalog.read(path)
                          if e.msgctxt in REPORT_STRINGS and e.msgstr and not e.fuzzy and not e.obsolete})
            break
    return table
