"""``sbfa-pack inventory``: the counts a partner sees, text and JSON, and the guide page that shows them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from sbfa_pack.cli import main
from sbfa_pack.inventory import collect, render_text

REPO = Path(__file__).resolve().parents[2]
ROOTS = REPO / "tests" / "roots"


def test_text_counts_the_basic_sample() -> None:
    result = CliRunner().invoke(main, ["inventory", str(ROOTS / "basic")])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Courses: 1 (1 module, 5 lessons, 2 questions)" in out
    assert "Questions by type: numeric 1, single-choice 1" in out
    assert "Case studies: 1 (1 labelled illustrative)" in out
    # q2 of the sample has no feedback: the inventory must show it, not hide it.
    assert "questions with feedback (correct and incorrect): 1/2" in out
    assert "images: 1, without alt text: 0" in out
    assert "(source only: no translations yet)" in out


def test_json_is_complete_and_sorted() -> None:
    result = CliRunner().invoke(main, ["inventory", str(ROOTS / "basic"), "--json"])
    assert result.exit_code == 0, result.output
    inv = json.loads(result.output)
    assert set(inv) >= {"courses", "lessons", "questions", "case_studies", "exercises", "resources", "languages",
                        "checks"}
    assert inv["exercises"] == {"worksheet": 1}
    assert inv["resources"]["countries"] == {"no": 1}
    assert inv["languages"] == {"en": {"source": True, "percent": 100.0}}
    assert list(inv) == sorted(inv)


def test_languages_without_catalogs_are_not_started() -> None:
    inv = collect(ROOTS / "i18n")
    assert inv["languages"]["ar"]["status"] == "not started"
    assert inv["languages"]["de"]["percent"] == 0.0


def test_unreadable_project_is_one_line_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "sbfa.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["inventory", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output + result.stderr
    assert result.stderr.startswith("sbfa-pack: error:")


def test_content_page_shows_the_current_inventory() -> None:
    """The user guide's content page (docs/content.md) shows the output of `sbfa-pack inventory` on
    the repository root."""
    page = (REPO / "docs" / "content.md").read_text(encoding="utf-8")
    block = re.search(r"```text\n(.*?)```", page, re.DOTALL)
    expected = render_text(collect(REPO))
    assert block and block.group(1).strip() == expected.strip(), (
        "docs/content.md is out of date: run `sbfa-pack inventory` (in the activated .venv) at the repository root "
        "and paste its output into the ```text block of that page")


def test_the_programme_shows_at_least_four_questions_per_module_check() -> None:
    """Issue 13 Must show: `sbfa-pack inventory` shows the module checks and that none has fewer than 4
    questions (the graded final quizzes are not module checks)."""
    checks = collect(REPO)["checks"]["module_checks"]
    assert checks["total"] >= 20 and checks["fewest"] >= 4 and checks["under_4"] == []
    assert "with fewer than 4: none" in render_text(collect(REPO))
