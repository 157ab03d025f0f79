"""`sbfa-pack report import`: Moodle 4.5's own exports (../shared/moodle-exports) into the local store.

Issue 14 item 2 (sources): the figures are the README's table of that folder; item-level results
are checked against the raw text files read here with the csv module alone."""

from __future__ import annotations

import csv
import hashlib
import hmac
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from refdata import need_shared
from sbfa_pack.evaluation.moodle import Importer, activity_of, import_
from sbfa_pack.evaluation.moodle_model import Item, Project, xapi_response
from sbfa_pack.evaluation.store import Store

REPO = Path(__file__).resolve().parents[2]
KEY = bytes(range(32))
ENV = {"SBFA_REPORT_KEY": KEY.hex()}
V = "http://adlnet.gov/expapi/verbs/"
COURSES = "https://w3id.org/sbfa/courses/"


def exports() -> Path:
    folder = need_shared("Moodle's exports") / "moodle-exports"
    if not folder.is_dir():
        pytest.skip("needs ../shared/moodle-exports")
    return folder


def run(store: Path, *files: Path, project: Path = REPO) -> Any:
    return CliRunner().invoke(import_, ["--project", str(project), "--store", str(store), *map(str, files)], env=ENV)


def reports(kind: str = "*") -> list[Path]:
    return sorted(exports().glob(f"scorm-reports/*/{kind}/*"))


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path], str]:
    """Every SCORM report and gradebook file imported at once: the store, the files, the output."""
    store = tmp_path_factory.mktemp("moodle") / "r.sqlite"
    files = [*reports(), *sorted(exports().glob("gradebook/*"))]
    result = run(store, *files)
    assert result.exit_code == 0, result.output
    return store, files, result.output


def pseudonym(mail: str) -> str:
    """Store.pseudonym with the tests' key."""
    return hmac.new(KEY, f"mailto:{mail}".encode(), hashlib.sha256).hexdigest()[:16]


def attempts(store: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """(learner e-mail name, registration) → verbs, score, answered (question id, success, response) in order."""
    names = {pseudonym(f"{n}@example.org"): n for n in (
        "amira.haddad", "olena.kovalenko", "samir.nasser", "li.wei", "fatima.diallo", "jonas.berg")}
    out: dict[tuple[str, str], dict[str, Any]] = defaultdict(lambda: {"verbs": set(), "answers": []})
    with sqlite3.connect(store) as db:
        for learner, reg, verb, obj, success, score, response, lang in db.execute(
                "SELECT learner, registration, verb, object, success, score, response, language FROM records "
                "ORDER BY timestamp, id"):
            a = out[(names[learner], reg.split(" ", 1)[1])]
            a["language"] = lang
            if verb == V + "answered":
                a["answers"].append((obj.rsplit("/", 1)[1], success, response))
            else:
                a["verbs"].add(verb.removeprefix(V))
                if score is not None:
                    a["score"] = score
    return out


def test_every_export_parses_and_says_what_it_lacks(imported: tuple[Path, list[Path], str], tmp_path: Path) -> None:
    """Issue 14 item 2: every SCORM report and gradebook file (txt, ods, xlsx) is read; one line each
    names its kind and what it lacks; the completion report and course log are refused in one line."""
    _, files, output = imported
    assert len(files) == 30
    lines = output.strip().splitlines()
    assert len(lines) == 30
    for path, line in zip(files, lines, strict=True):
        assert line.startswith(f"{path}: ")
        kind = path.parent.name
        expected = {"basic": "Basic report", "interactions": "Interactions report",
                    "objectives": "Objectives report", "gradebook": "Gradebook"}[kind]
        assert f": {expected}: " in line, line
        if kind in ("basic", "objectives"):
            assert "no interactions" in line and "no lesson-level data" in line
        if kind == "gradebook":
            assert "final grades only" in line
    others = run(tmp_path / "r.sqlite", *sorted(exports().glob("activity-completion/*/*")),
                 *exports().glob("course-logs/*"))
    assert others.exit_code == 1
    reasons = [ln.split(": error: ")[1] for ln in others.output.strip().splitlines()]
    assert [r.split(":")[0] for r in reasons] == ["an activity completion report"] * 2 + ["a course log"]


def test_records_match_the_readme_table(imported: tuple[Path, list[Path], str]) -> None:
    """Issue 14 item 2: the README's table: Amira MM passed 100 with 19 interactions, Olena's two
    tries, Samir's two attempts, Fatima's Arabic fill-in قرض صغير, Jonas incomplete without interactions."""
    a = attempts(imported[0])
    mm, fib, ar = "Money matters#1", "From idea to business#1", "مسائل المال (Money matters, Arabic)#1"
    assert a[("amira.haddad", mm)]["verbs"] == {"initialized", "completed", "passed"}
    assert a[("amira.haddad", mm)]["score"] == 1.0 and len(a[("amira.haddad", mm)]["answers"]) == 19
    assert a[("amira.haddad", fib)]["score"] == 0.9 and len(a[("amira.haddad", fib)]["answers"]) == 17
    assert ("canvas-blocks", 0, "6") in a[("amira.haddad", fib)]["answers"]
    olena = a[("olena.kovalenko", mm)]
    assert "passed" in olena["verbs"] and olena["score"] == 0.8888 and len(olena["answers"]) == 28
    tries = [s for q, s, _ in olena["answers"] if q == "microloan"]
    assert tries == [0, 1]  # try 1 wrong ("bank loan"), try 2 right, in that order
    assert a[("olena.kovalenko", fib)]["verbs"] == {"initialized", "suspended"}
    assert len(a[("olena.kovalenko", fib)]["answers"]) == 2
    samir1, samir2 = a[("samir.nasser", mm)], a[("samir.nasser", "Money matters#2")]
    assert (samir1["verbs"], samir1["score"], len(samir1["answers"])) == ({"initialized", "failed"}, 0.4444, 11)
    assert (samir2["verbs"], samir2["score"], len(samir2["answers"])) == ({"initialized", "failed"}, 0.6666, 9)
    assert a[("samir.nasser", "Money matters#grade")]["score"] == 0.6666  # gradebook: highest attempt
    li = a[("li.wei", fib)]
    assert li["verbs"] == {"initialized", "suspended"} and len(li["answers"]) == 4
    assert [s for _, s, _ in li["answers"]] == [1, 0, 1, 0]
    fatima = a[("fatima.diallo", ar)]
    assert fatima["language"] == "ar" and fatima["score"] == 0.8888 and len(fatima["answers"]) == 19
    assert ("microloan", 1, "قرض صغير") in fatima["answers"]
    jonas = a[("jonas.berg", mm)]
    assert jonas["verbs"] == {"initialized", "suspended"} and jonas["answers"] == [] and "score" not in jonas
    with sqlite3.connect(imported[0]) as db:
        text = repr(db.execute("SELECT * FROM records").fetchall())
        assert "example.org" not in text and "Amira" not in text  # names and addresses only in identities
        assert db.execute("SELECT COUNT(*) FROM identities").fetchone()[0] == 6


def _raw(path: Path) -> dict[tuple[str, str], list[tuple[str, str, str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        table = list(csv.reader(f, delimiter="\t"))
    header, out = table[0], {}
    for row in table[1:]:
        if not row[2].isdigit():
            continue
        items = []
        for n in range(len(header)):
            if f"Question {n}" not in header:
                break
            i = header.index(f"Question {n}")
            if row[i]:
                items.append((row[i], row[i + 1], row[i + 2], row[i + 3]))
        out[(row[1].split("@")[0], row[2])] = items
    return out


def test_item_correctness_matches_the_raw_file(imported: tuple[Path, list[Path], str]) -> None:
    """Issue 14 item 2: per attempt, each interaction's question, success and response (converted
    from SCORM 1.2 notation, right answers too) against the raw Interactions reports."""
    a = attempts(imported[0])
    project = Project(REPO)
    checked = 0
    for path in reports("interactions"):
        if path.suffix != ".txt":
            continue
        activity = activity_of(path).split(" ", 1)[1]
        title = csv.reader(path.open(encoding="utf-8"), delimiter="\t").__next__()[6]
        model = project.by_title(title)
        assert model is not None
        for (who, attempt), items in _raw(path).items():
            got = a[(who, f"{activity}#{attempt}")]["answers"]
            assert len(got) == len(items)
            for (qid, response, right, result), (question, success, converted) in zip(items, got, strict=True):
                assert question == qid.split("_", 1)[1]
                assert success == {"correct": 1, "wrong": 0}[result]
                item = model.item(qid)
                assert item is not None and converted == xapi_response(item, response)
                assert (xapi_response(item, response) == xapi_response(item, right)) == (result == "correct")
                checked += 1
    assert checked == 19 + 28 + 11 + 9 + 17 + 2 + 4 + 19


def test_csv_ods_and_xlsx_of_a_report_give_the_same_records(tmp_path: Path) -> None:
    """Issue 14 item 2: the three formats of each report give identical records; importing twice adds nothing."""
    with Store(tmp_path / "s.sqlite", key=KEY) as store:
        importer = Importer(store, Project(REPO), ZoneInfo("UTC"))
        for folder in sorted({p.parent for p in reports()}):
            got = [sorted(importer.read(path).records, key=lambda r: r.id) for path in sorted(folder.iterdir())]
            assert got[0] and got[0] == got[1] == got[2], folder
    folder = sorted((exports() / "scorm-reports/money-matters-en/interactions").iterdir())
    first, again = run(tmp_path / "twice.sqlite", *folder), run(tmp_path / "twice.sqlite", *folder)
    assert first.exit_code == again.exit_code == 0 and "79 records, 79 new" in first.output.splitlines()[0]
    assert all(" 0 new" in ln for ln in first.output.splitlines()[1:] + again.output.splitlines())


def test_xapi_response_notation() -> None:
    """Issue 14 item 2: SCORM 1.2 responses in xAPI notation, keyed by the declared order of ids."""
    choice = Item("q", "v", "t", "choice", ("cost", "competitor", "friends"))
    assert xapi_response(choice, "b") == "competitor"
    assert xapi_response(choice, "{a,c}") == "cost[,]friends"
    assert xapi_response(Item("q", "v", "t", "sequencing", ("x", "y")), "b,a") == "y[,]x"
    assert xapi_response(Item("q", "v", "t", "matching", ("rent", "flour")), "a.b,b.a") == "rent[.]flour[,]flour[.]rent"
    assert xapi_response(Item("q", "v", "t", "true-false"), "t") == "true"
    assert xapi_response(Item("q", "v", "t", "numeric"), "3600") == "3600"
    assert xapi_response(choice, "z") == "z"  # a key the model lacks: unchanged


def test_country_and_anonymous_survey_items_from_an_interactions_report(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 14 item 2: `path_country` sets the attempt's country; an anonymous survey's items
    (`<lesson>_<item>`) become `responded` records no one can link to the learner; an unknown
    header is one line and exit 1. Needs no ../shared."""
    from sbfa_pack.evaluation import moodle_model

    real = moodle_model.Project.by_title

    def with_survey(self: Project, title: str, loose: bool = False) -> moodle_model.CourseModel | None:
        model = real(self, title, loose)
        if model is not None:
            model.items["feedback_useful"] = Item(f"{model.iri}/surveys/feedback/useful", V + "responded",
                                                  moodle_model.INTERACTION, "other", anonymous=True)
        return model

    monkeypatch.setattr(moodle_model.Project, "by_title", with_survey)
    head = ["Name", "Email address", "Attempt", "Started on", "Last accessed on", "Score", "First steps"]
    for n in range(3):
        head += [f"Question {n}", f"Response {n}", f"Right answer {n}", f"Result {n}"]
    row = ["Ana Test", "ana@example.org", "1", "Thursday, 3 December 2026, 12:22 PM",
           "Thursday, 3 December 2026, 12:24 PM", "100", "100", "final-quiz_q1", "a", "a", "correct",
           "path_country", "DE", "", "neutral", "feedback_useful", "4", "", "neutral"]
    report = tmp_path / "C1 First steps-20261203_1236-tab_separated.txt"
    report.write_text("\n".join("\t".join(r) for r in (head, row)) + "\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Hello\tWorld\n", encoding="utf-8")
    result = run(tmp_path / "r.sqlite", report, tmp_path / "notes.txt", project=REPO / "tests/roots/basic")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (f"{tmp_path / 'notes.txt'}: error: not a Moodle SCORM report or "
                                              "gradebook export (its header row is none of theirs; download "
                                              "with Moodle's interface in English)")
    again = run(tmp_path / "r.sqlite", report, project=REPO / "tests/roots/basic")
    assert again.exit_code == 0 and ", 0 new;" in again.output  # the anonymous answer too: imported once
    with sqlite3.connect(tmp_path / "r.sqlite") as db:
        recs = db.execute("SELECT verb, object, learner, registration, country, anonymous, response "
                          "FROM records ORDER BY timestamp").fetchall()
        stamp = db.execute("SELECT timestamp FROM records WHERE anonymous = 1").fetchall()
    assert stamp == [("2026-12-03T00:00:00.000Z",)]  # the day only: no time to match with the learner's
    ana = pseudonym("ana@example.org")
    assert {r[4] for r in recs} == {"de"} and not any("path_country" in r[1] for r in recs)
    survey = [r for r in recs if r[0] == V + "responded"]
    assert survey == [(V + "responded", "https://w3id.org/sbfa/courses/first-steps/surveys/feedback/useful",
                       survey[0][2], "", "de", 1, "4")]
    assert survey[0][2] != ana and all(r[2] == ana for r in recs if r[0] != V + "responded")
    assert (V + "answered", "https://w3id.org/sbfa/courses/first-steps/questions/q1") in [r[:2] for r in recs]


def test_a_row_that_cannot_be_read_is_one_line_and_stores_nothing(tmp_path: Path) -> None:
    """Issue 14 item 2: bad input is one line with the file and row, exit 1, and nothing of that
    file in the store (the good rows before it neither). Needs no ../shared."""
    head = "Name\tEmail address\tAttempt\tStarted on\tLast accessed on\tScore\tFirst steps"
    good = "A\ta@example.org\t1\tThursday, 3 December 2026, 12:22 PM\tThursday, 3 December 2026, 12:24 PM\t100\t100/100"
    bad = "B\tb@example.org\t1\tyesterday\tThursday, 3 December 2026, 12:24 PM\t0\tIncomplete"
    report = tmp_path / "C1 First steps.txt"
    report.write_text("\n".join((head, good, bad)) + "\n", encoding="utf-8")
    result = run(tmp_path / "r.sqlite", report, tmp_path, project=REPO / "tests/roots/basic")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{report}:3: error: Basic report: 'yesterday' in 'Started on' is not a time as Moodle writes it "
        "(such as 'Thursday, 3 December 2026, 12:22 PM')",
        f"{tmp_path}: error: is a folder, not a Moodle export"]
    with sqlite3.connect(tmp_path / "r.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM records").fetchone() == (0,)


def test_hostile_spreadsheets_are_refused_in_one_line(tmp_path: Path) -> None:
    """Issue 14 item 2: an entity bomb in an .xlsx or .ods, a zip that is no workbook: a SheetError
    (one line), never a traceback or a blown-up memory. Needs no ../shared."""
    import zipfile

    from sbfa_pack.evaluation.sheets import SheetError, rows

    bomb = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY a{i + 1} "{("&a" + (str(i) if i else "") + ";") * 10}">' for i in range(9)) + "]>")
    with zipfile.ZipFile(tmp_path / "bomb.xlsx", "w") as z:
        z.writestr("[Content_Types].xml", bomb + "<Types>&a9;</Types>")
    with zipfile.ZipFile(tmp_path / "bomb.ods", "w") as z:
        z.writestr("content.xml", bomb + "<x>&a9;</x>")
    (tmp_path / "not.xlsx").write_bytes(b"PK\x03\x04 not really")
    for name in ("bomb.xlsx", "not.xlsx"):
        with pytest.raises(SheetError, match=r"^not a readable \.xlsx workbook \(\w+\)$"):
            rows(tmp_path / name)
    with pytest.raises(SheetError, match=r"^its content\.xml is not well-formed XML"):
        rows(tmp_path / "bomb.ods")  # libxml2's amplification limit, entities not even resolved


def test_the_store_defaults_to_the_projects_and_follows_the_report_group(tmp_path: Path) -> None:
    """Issue 14 item 2: without --store the records go to <project>/reports/records.sqlite, where
    `sbfa-pack report` reads them; `report --store F import …` (options before the subcommand) is
    the same as `report import --store F …`. Needs no ../shared."""
    import shutil

    import click

    project = tmp_path / "p"
    shutil.copytree(REPO / "tests/roots/basic", project)
    head = "Name\tEmail address\tAttempt\tStarted on\tLast accessed on\tScore\tFirst steps"
    row = "A\ta@example.org\t1\tThursday, 3 December 2026, 12:22 PM\tThursday, 3 December 2026, 12:24 PM\t0\tIncomplete"
    report = tmp_path / "C1 First steps.txt"
    report.write_text(f"{head}\n{row}\n", encoding="utf-8")
    result = CliRunner().invoke(import_, ["--project", str(project), str(report)], env=ENV)
    assert result.exit_code == 0, result.output
    assert (project / "reports" / "records.sqlite").is_file()

    @click.group()
    @click.option("--store", type=click.Path(path_type=Path), default=None)
    @click.option("--project", type=click.Path(path_type=Path), default=None)
    def group(store: Path | None, project: Path | None) -> None:
        """Stands for `sbfa-pack report` (its options as in evaluation/cli.py)."""

    group.add_command(import_)
    nested = CliRunner().invoke(group, ["--store", str(tmp_path / "g.sqlite"), "--project", str(project),
                                        "import", str(report)], env=ENV)
    assert nested.exit_code == 0, nested.output
    with sqlite3.connect(tmp_path / "g.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM records").fetchone() == (2,)  # initialized, suspended


def test_item_analysis_from_moodles_exports_matches_the_raw_files(imported: tuple[Path, list[Path], str]) -> None:
    """Issue 14 Must show: Moodle's exports go through the same report model, and the item analysis
    computed from them (each learner's first answer to each question; difficulty = share correct) equals
    what the raw Interactions reports give, counted here with the csv module alone."""
    from sbfa_pack.evaluation.analysis import build
    from sbfa_pack.evaluation.coursemap import project_info

    project, info = Project(REPO), project_info(REPO)
    first: dict[tuple[str, str], dict[str, bool]] = defaultdict(dict)  # (course title, question) → learner → right
    for path in reports("interactions"):
        if path.suffix != ".txt":
            continue
        title = csv.reader(path.open(encoding="utf-8"), delimiter="\t").__next__()[6]
        model = project.by_title(title)
        assert model is not None
        course = info.courses[model.iri].title
        for (who, _attempt), items in sorted(_raw(path).items(), key=lambda kv: (kv[0][0], int(kv[0][1]))):
            for qid, _response, _right, result in items:
                first[(course, qid.split("_", 1)[1])].setdefault(who, result == "correct")
    with Store(imported[0], key=KEY) as store:
        report = build(store, info, min_group=3)
    table = next(t for t in report.tables if t.key == "items")
    shown = {(r.cells[0], r.cells[2]): r for r in table.rows}
    compared = 0
    for (course, qid), answers in first.items():
        r = shown[(course, qid)]
        if len(answers) < 3:
            assert r.suppressed  # a group under the minimum shows no figure, not even its size
            continue
        difficulty = round(sum(answers.values()) / len(answers), 4)
        assert not r.suppressed and r.cells[3] == len(answers) and r.cells[4] == difficulty, (course, qid)
        compared += 1
    assert compared >= 9  # the final quiz of Money matters, answered by four learners (three in English, one in Arabic)
