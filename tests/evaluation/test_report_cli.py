"""``sbfa-pack report`` and ``report forget`` end to end on the fixture store: privacy, small
groups, forgetting, determinism, clean errors."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sbfa_pack.cli import main
from sbfa_pack.evaluation.store import Record, Store

from .fixture import KEY, MAILS, NAMES, make_store

ROOTS = Path(__file__).resolve().parents[1] / "roots"


@pytest.fixture()
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SBFA_REPORT_KEY", KEY.hex())
    monkeypatch.chdir(tmp_path)  # no project here: the report works from the records alone
    path = tmp_path / "records.sqlite"
    make_store(path).close()
    return path


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, ["report", *args])


def _texts(out: Path) -> dict[str, str]:
    """Every output file's text; the workbook's XML parts unzipped."""
    texts = {}
    for f in sorted(out.iterdir()):
        if f.suffix == ".xlsx":
            with zipfile.ZipFile(f) as z:
                texts.update({f"{f.name}/{n}": z.read(n).decode() for n in z.namelist()})
        else:
            texts[f.name] = f.read_text(encoding="utf-8")
    return texts


def _private(store: Path) -> list[str]:
    with Store(store, key=KEY) as s:
        pseudonyms = [s.pseudonym(m) for m in MAILS]
    return [*NAMES, *(m.removeprefix("mailto:") for m in MAILS), "mailto:", "reg-", "lrs:test", *pseudonyms,
            "anon0000"]


def test_no_personal_data_in_any_output(store: Path, tmp_path: Path) -> None:
    """Issue 14 item 2 (privacy): no name, e-mail, raw id or pseudonym in any output file by
    default; --identify adds them, and a later run without it removes them again."""
    out = tmp_path / "out"
    result = _run("--store", str(store), "--out", str(out))
    assert result.exit_code == 0, result.output
    texts = _texts(out)
    assert {"report.html", "overview.csv", "items.csv", "free_text.csv"} <= set(texts)
    leaks = [(name, secret) for name, text in texts.items() for secret in _private(store) if secret in text]
    assert leaks == []
    assert _run("--store", str(store), "--out", str(out), "--identify").exit_code == 0
    assert NAMES[0] in (out / "learners.csv").read_text(encoding="utf-8")
    assert "--identify" in (out / "report.html").read_text(encoding="utf-8")
    assert _run("--store", str(store), "--out", str(out)).exit_code == 0
    assert not (out / "learners.csv").exists()
    assert not [s for text in _texts(out).values() for s in _private(store) if s in text]


def _overview(out: Path) -> dict[tuple[str, str], list[str]]:
    text = (out / "overview.csv").read_text(encoding="utf-8-sig")
    rows = csv.DictReader(io.StringIO(text))
    return {(r["breakdown"], r["group"]): [r["learners"], r["completion_rate"]] for r in rows}


def test_small_groups_are_suppressed(store: Path, tmp_path: Path) -> None:
    """Issue 14 item 2 (privacy): groups under --min-group (5) show "fewer than 5", in the
    CSV and the HTML (table and chart), and a group that would give one away by subtraction is
    hidden too; --min-group 3 shows them; below 3 is a usage error."""
    out = tmp_path / "out"
    assert _run("--store", str(store), "--out", str(out)).exit_code == 0
    rows = _overview(out)
    assert rows["language", "de"] == ["fewer than 5", ""] and rows["country", "es"] == ["fewer than 5", ""]
    assert rows["all", ""] == ["9", "0.7778"] and rows["version", "1.0"] == ["9", "0.7778"]
    # all − en would give de away: en is hidden too (secondary suppression)
    assert rows["language", "en"] == ["not shown, so that a smaller group cannot be worked out", ""]
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count("fewer than 5") >= 5  # overview (2 rows + 2 bars), funnel
    assert _run("--store", str(store), "--out", str(out), "--min-group", "3").exit_code == 0
    assert _overview(out)["language", "de"] == ["3", "0.3333"] and _overview(out)["language", "en"] == ["6", "1.0"]
    low = _run("--store", str(store), "--out", str(out), "--min-group", "2")
    assert low.exit_code == 2


def test_forget_a_learner(store: Path, tmp_path: Path) -> None:
    """Issue 14 item 2: report forget --learner deletes by identity (hashed with the store's key)
    or by pseudonym; an unknown learner is an error in one line."""
    result = _run("forget", "--store", str(store), "--learner", MAILS[0])
    assert result.exit_code == 0 and "records of learner" in result.output
    with Store(store, key=KEY) as s:
        assert not list(s.records("learner = ?", (s.pseudonym(MAILS[0]),)))
        second = s.pseudonym(MAILS[1])
        assert s.db.execute("SELECT COUNT(*) FROM identities WHERE learner = ?", (second,)).fetchone() == (1,)
    assert _run("--store", str(store), "forget", "--learner", second).exit_code == 0  # the group's --store
    again = _run("forget", "--store", str(store), "--learner", MAILS[0])
    assert again.exit_code == 1 and again.output.count("\n") == 1 and "no records" in again.output
    out = tmp_path / "out"
    assert _run("--store", str(store), "--out", str(out), "--min-group", "3").exit_code == 0
    assert _overview(out)["all", ""][0] == "7"


def test_outputs_are_deterministic(store: Path, tmp_path: Path) -> None:
    """Issue 14 item 2 (outputs): the same store gives the same bytes in every file."""
    for name in ("a", "b"):
        assert _run("--store", str(store), "--out", str(tmp_path / name), "--lang", "pl").exit_code == 0
    a, b = (sorted((f.name, f.read_bytes()) for f in (tmp_path / n).iterdir()) for n in ("a", "b"))
    assert a == b and len(a) >= 11


def test_clean_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 14 item 2: no store, no project, a file that is not a store, an unknown language:
    one line and an exit code, and nothing written."""
    monkeypatch.chdir(tmp_path)
    missing = _run("--store", str(tmp_path / "none.sqlite"), "--out", str(tmp_path / "out"))
    assert missing.exit_code == 1 and missing.output.count("\n") == 1 and "report sync" in missing.output
    assert not (tmp_path / "none.sqlite").exists() and not (tmp_path / "out").exists()
    assert _run().exit_code == 2
    (tmp_path / "junk.sqlite").write_bytes(b"not a database" * 100)
    for args in ((), ("forget", "--learner", "x")):
        junk = _run(*args, "--store", str(tmp_path / "junk.sqlite"))
        assert junk.exit_code == 1 and junk.output.count("\n") == 1 and "not a readable record store" in junk.output
    assert _run("--store", str(tmp_path / "x"), "--lang", "xx-!!").exit_code == 2


def test_funnel_in_course_order_with_the_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 14 item 2 (funnel): with --project the lessons come in course order with their titles."""
    monkeypatch.setenv("SBFA_REPORT_KEY", KEY.hex())
    course = "https://w3id.org/sbfa/courses/first-steps"
    recs = [Record(f"{i}-{lesson}", "t", "2026", "2026", f"learner{i}", "r", "http://adlnet.gov/expapi/verbs/experienced",
                   f"{course}/lessons/{lesson}", "", course, "1", "en", "")
            for i in range(5) for lesson in ("welcome", "links", "final-quiz")]
    with Store(tmp_path / "s.sqlite") as s:
        s.add(recs)
    out = tmp_path / "out"
    result = _run("--store", str(tmp_path / "s.sqlite"), "--project", str(ROOTS / "basic"), "--out", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((out / "funnel.csv").read_text(encoding="utf-8-sig"))))
    assert [r["lesson"] for r in rows] == ["Welcome", "Amira's bakery", "Your SWOT", "Useful links", "Final quiz"]
    assert [r["learners"] for r in rows] == ["5", "fewer than 5", "fewer than 5", "5", "5"]


def test_a_failed_write_leaves_the_previous_report_whole(store: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 14 item 2 (outputs, atomic writes): a failure while the files are put in place undoes
    the moves; the previous report stays as it was and no temporary file is left."""
    import os

    from sbfa_pack import commit

    out = tmp_path / "out"
    assert _run("--store", str(store), "--out", str(out)).exit_code == 0
    before = {f.name: f.read_bytes() for f in out.iterdir()}
    real, calls = os.replace, []

    def failing(src: object, dst: object) -> None:
        calls.append(dst)
        if len(calls) == 8:
            raise OSError(28, "No space left on device", str(dst))
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(commit.os, "replace", failing)
    result = _run("--store", str(store), "--out", str(out), "--lang", "de")
    assert result.exit_code == 1 and "No space left" in result.output and "Traceback" not in result.output
    assert {f.name: f.read_bytes() for f in out.iterdir()} == before
