"""``sbfa-pack report import``: Moodle 4.5's own exports into the local store (issue 14 §2).

Which report a file is comes from its header row, never from its name: the SCORM activity's
Basic, Interactions and Objectives reports (``Attempt``, ``Started on``, ``Last accessed on``,
``Score``, then the SCO's title; Interactions add ``Question N``/``Response N``/``Right answer
N``/``Result N``; Objectives ``Objective N``/``Status N``/``Score N``), and the gradebook export
(``First name``, ``Last name``, …, ``SCORM package: <activity> (Real)``), in text, ODS or Excel.

Each file gives the same :class:`Record` rows as an LRS would (see docs/evaluation-sources.md):

- the learner is the keyed hash of ``mailto:<e-mail>`` (every Moodle export has the address;
  the gradebook's ID number only when a file has no e-mail column), the same pseudonym a learner
  gets from xAPI statements that carry that ``mbox``; name and address only via ``--identify``;
- an attempt is registration ``<activity>#<attempt>``, where the activity is the file's name
  without Moodle's time stamp ("SYOB-2026 Money matters": course short name and activity name;
  the files carry no course module id);
- an attempt gives ``initialized`` (when it started), then at its last access ``passed`` (with
  ``completed``) or ``failed`` by the course's pass mark when it has a score (Moodle shows the
  score instead of the status), else ``completed`` or ``suspended`` by its status text;
- each interaction gives ``answered`` (or ``responded`` for a survey item) with the response in
  xAPI notation and ``success`` from ``correct``/``wrong``, timed at the attempt's last access
  plus N milliseconds for interaction N (the files have no time per interaction: this keeps
  their order); ``path_country`` sets the attempt's
  country instead; an anonymous survey's items get a random id and learner, no registration and
  the day only (imported once per attempt, by a keyed mark that names no record);
- the gradebook gives ``scored`` (the final grade, scaled by 100) per learner and activity.

Ids are uuid5 of (activity, learner, attempt, what): the same fact from the CSV, ODS and Excel
files, or from the Basic and the Interactions report, is one record; importing twice adds nothing.
"""

from __future__ import annotations

import re
import secrets
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from ..errors import SbfaError, UsageError
from .moodle_model import CourseModel, Item, Project, xapi_response
from .sheets import SheetError, rows
from .statements import day
from .store import DEFAULT_STORE, Record, Store
from .sync import inherited, store_file

NAMESPACE = uuid.UUID("5b1c6f0e-4d1a-5e39-9a57-0d3c1e7c2f14")
V = "http://adlnet.gov/expapi/verbs/"
COURSE_TYPE = "http://adlnet.gov/expapi/activities/course"
_STAMP = re.compile(r"-\d{8}_\d{4}(?:-[a-z_]+)?$")
_ATTEMPT_COLUMNS = ("Attempt", "Started on", "Last accessed on", "Score")
_SCORE = re.compile(r"^(-?\d+(?:\.\d+)?)(?:\s*/\s*(\d+(?:\.\d+)?))?$")


@dataclass
class Outcome:
    """What one file gave: its kind, records, and what it lacks (one line for the user)."""

    kind: str
    records: list[Record] = field(default_factory=list)
    names: dict[str, tuple[str, str]] = field(default_factory=dict)
    lacks: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)


def activity_of(path: Path) -> str:
    """The activity a file is about: its name without extension and Moodle's time stamp."""
    return _STAMP.sub("", path.stem).strip()


def _when(text: str, zone: ZoneInfo) -> str:
    """Moodle's "Thursday, 3 December 2026, 12:22 PM" (text) or "3 December 2026, 12:22 PM"
    (ODS, Excel) in the site's time zone, as UTC ISO; '' when unreadable."""
    value = text.split(", ", 1)[1] if text.count(",") == 2 else text
    for fmt in ("%d %B %Y, %I:%M %p", "%d %B %Y, %H:%M"):
        try:
            local = datetime.strptime(value.strip(), fmt).replace(tzinfo=zone)
        except ValueError:
            continue
        return local.astimezone(ZoneInfo("UTC")).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return ""


def _later_by(when: str, ms: int) -> str:
    if not when:
        return when
    moved = datetime.fromisoformat(when) + timedelta(milliseconds=ms)
    return moved.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _number(text: str) -> float | None:
    m = _SCORE.match(text.strip())
    return float(m.group(1)) if m else None


class Importer:
    """Turns the rows of one Moodle export into records."""

    def __init__(self, store: Store, project: Project, zone: ZoneInfo) -> None:
        self.store, self.project, self.zone = store, project, zone

    def learner(self, row: dict[str, str], name: str, out: Outcome) -> str | None:
        mail = row.get("Email address", "").strip().lower()
        ident = f"mailto:{mail}" if mail else (f"moodle-idnumber:{row['ID number'].strip()}"
                                               if row.get("ID number", "").strip() else "")
        if not ident:
            return None
        learner = self.store.pseudonym(ident)
        out.names[learner] = (name, f"mailto:{mail}" if mail else "")
        return learner

    def rec(self, activity: str, key: str, **kw: object) -> Record:
        base: dict[str, object] = {"id": str(uuid.uuid5(NAMESPACE, f"{activity}|{key}")),
                                   "source": f"moodle:{activity}", "object_type": COURSE_TYPE,
                                   "course_version": "", "country": ""}
        base.update(kw)
        return Record(**base)  # type: ignore[arg-type]

    def read(self, path: Path) -> Outcome:
        table = rows(path)
        if not table:
            raise SheetError("the file is empty")
        header = table[0]
        if all(c in header for c in _ATTEMPT_COLUMNS):
            return self.scorm_report(path, header, table[1:])
        if {"First name", "Last name"} <= set(header) and any(h.startswith("SCORM package: ") for h in header):
            return self.gradebook(path, header, table[1:])
        if header[:2] == ["", "Email address"] or (len(header) > 1 and header[1] == "Email address"
                                                   and any(h.startswith("Completion") for h in header)):
            raise SheetError("an activity completion report: it holds completion ticks only; "
                             "import the SCORM activity's reports instead")
        if header[:3] == ["Time", "User full name", "Affected user"]:
            raise SheetError("a course log: not read (events, not results); import the SCORM activity's reports")
        raise SheetError("not a Moodle SCORM report or gradebook export (its header row is none of theirs; "
                         "download with Moodle's interface in English)")

    def scorm_report(self, path: Path, header: list[str], body: list[list[str]]) -> Outcome:
        at = header.index("Score") + 1
        title = header[at] if at < len(header) else ""
        where = {h: i for i, h in enumerate(header)}
        interactions = [(i, where.get(f"Response {m.group(1)}", -1), where.get(f"Result {m.group(1)}", -1))
                        for i, h in enumerate(header) if (m := re.fullmatch(r"Question (\d+)", h))]
        objectives = [i for i, h in enumerate(header) if re.fullmatch(r"Objective \d+", h)]
        detailed = title and not re.fullmatch(r"(Question|Objective) \d+", title)
        scores = [r[at] for r in body if len(r) > at and _number(r[at]) is not None]
        # Without objectives, Moodle's Objectives report has the Basic one's columns; with "Detailed
        # report" the Basic one writes a score as "88.88/100", the Objectives one as "88.88".
        kind = ("Interactions report" if interactions else "Objectives report" if objectives
                else "Basic report" if any("/" in v for v in scores)
                else "Objectives report" if scores else "Basic or Objectives report")
        out = Outcome(kind)
        if not detailed:
            raise SheetError(f"{kind} without the SCO's column: tick \"Detailed report\" in the report "
                             "options (Basic report) and export again; the course cannot be told otherwise")
        model = self.project.by_title(title)
        if model is None:
            raise SheetError(f"{kind}: the SCO '{title}' is the title of no course of the project "
                             f"({self.project.root}) in any language")
        activity = activity_of(path)
        unknown = 0
        for number, raw in enumerate(body, start=2):
            row = dict(zip(header, raw + [""] * (len(header) - len(raw)), strict=False))
            if not row.get("Attempt", "").strip().isdigit():
                continue  # "Not attempted": the learner is enrolled and never opened the activity
            learner = self.learner(row, row.get("Name", ""), out)
            if learner is None:
                raise SheetError(f"{kind}: no 'Email address' column: learners cannot be told apart")
            for column in ("Started on", "Last accessed on"):
                if not _when(row.get(column, ""), self.zone):
                    raise SheetError(f"{kind}: '{row.get(column, '')}' in '{column}' is not a time as Moodle "
                                     "writes it (such as 'Thursday, 3 December 2026, 12:22 PM')", number)
            unknown += self.attempt(out, model, activity, learner, row, raw, interactions)
        out.lacks += ["no time spent", "no course version"]
        if not interactions:
            out.lacks.append("no interactions")
        if not objectives and kind != "Basic report":
            out.lacks.append("no objectives (the packages write none)")
        out.lacks.append("no lesson-level data")
        if unknown:
            out.lacks.append(f"{unknown} interactions not in the course model (kept in SCORM notation)")
        return out

    def attempt(self, out: Outcome, model: CourseModel, activity: str, learner: str, row: dict[str, str],
                raw: list[str], interactions: list[tuple[int, int, int]]) -> int:
        attempt = row["Attempt"].strip()
        reg = f"{activity}#{attempt}"
        started = _when(row.get("Started on", ""), self.zone)
        last = _when(row.get("Last accessed on", ""), self.zone) or started
        key = f"{learner}|{attempt}"
        common = {"learner": learner, "registration": reg, "course": model.iri, "language": model.language}
        answers: list[tuple[int, Item, str, str]] = []
        country, unknown = "", 0
        def cell(i: int) -> str:
            return raw[i] if 0 <= i < len(raw) else ""

        for n, (i, at_response, at_result) in enumerate(interactions):
            qid, response, result = cell(i), cell(at_response), cell(at_result)
            if not qid:
                continue
            if qid == "path_country":
                code = xapi_response(model.item(qid), response).strip().lower()
                country = code if re.fullmatch(r"[a-z]{2}", code) else country
                continue
            item = model.item(qid)
            if item is None:
                unknown += 1
                item = model.fallback(qid)
            answers.append((n, item, xapi_response(item, response), result))
        common["country"] = country
        recs = out.records
        recs.append(self.rec(activity, f"{key}|initialized", stored=started or last, timestamp=started or last,
                             verb=V + "initialized", object=model.iri, **common))
        status = row.get(_sco_column(row), "")
        percent = _number(status)  # "88.88/100" (Basic) or "88.88": the SCO's score, else its status
        maximum = _SCORE.match(status.strip())
        if percent is not None and maximum and maximum.group(2):
            top = float(maximum.group(2))
            percent = percent / top * 100 if top > 0 else None
        at = {"stored": last, "timestamp": last, "object": model.iri, **common}
        if percent is not None:
            scaled = round(percent / 100, 6)
            passed = model.pass_mark is None or percent >= model.pass_mark
            if passed:
                recs.append(self.rec(activity, f"{key}|completed", verb=V + "completed", completion=1, **at))
            recs.append(self.rec(activity, f"{key}|{'passed' if passed else 'failed'}",
                                 verb=V + ("passed" if passed else "failed"), success=int(passed), score=scaled, **at))
        else:
            text = status.strip().lower()
            verb = {"completed": "completed", "passed": "passed", "failed": "failed"}.get(text, "suspended")
            flags: dict[str, int] = {"completion": 1} if verb in ("completed", "passed") else {"completion": 0} \
                if verb == "suspended" else {}
            if verb in ("passed", "failed"):
                flags["success"] = int(verb == "passed")
            recs.append(self.rec(activity, f"{key}|{verb}", verb=V + verb, **flags, **at))
        # An anonymous survey's answers must not be linkable to the learner, not even by the store's
        # key: a random id and learner, the day only, no registration. Importing them once is kept
        # apart, as a keyed mark per attempt that says nothing about which records they are.
        mark = f"moodle-anonymous:{self.store.pseudonym(f'{activity}|{key}')}"
        anonymous_done = mark in out.meta or self.store.meta(mark) is not None
        for n, item, response, result in answers:
            success = {"correct": 1, "wrong": 0, "incorrect": 0}.get(result.strip().lower())
            fields = {**common, "stored": last, "timestamp": _later_by(last, n), "verb": item.verb,
                      "object": item.iri, "object_type": item.object_type, "success": success,
                      "score": None if success is None else float(success), "response": response}
            if not item.anonymous:  # the files give no time per interaction: n ms keeps their order
                recs.append(self.rec(activity, f"{key}|interaction|{n}", **fields))
            elif not anonymous_done:
                out.meta[mark] = "1"
                fields.update(id=str(uuid.uuid4()), learner=secrets.token_hex(8), registration="",
                              stored=day(last), timestamp=day(last), anonymous=1)
                recs.append(self.rec(activity, "", **fields))
        return unknown

    def gradebook(self, path: Path, header: list[str], body: list[list[str]]) -> Outcome:
        out = Outcome("Gradebook")
        course_short = activity_of(path).removesuffix(" Grades").strip()
        columns: list[tuple[int, str, CourseModel]] = []
        for i, h in enumerate(header):
            m = re.fullmatch(r"SCORM package: (.+?)(?: \((?:Real|Percentage|Letter)\))?", h)
            if not m:
                continue
            model = self.project.by_title(m.group(1), loose=True)
            if model is None:
                out.lacks.append(f"'{m.group(1)}' is no course of the project (skipped)")
                continue
            columns.append((i, f"{course_short} {m.group(1)}".strip(), model))
        for raw in body:
            row = dict(zip(header, raw, strict=False))
            name = f"{row.get('First name', '')} {row.get('Last name', '')}".strip()
            learner = self.learner(row, name, out)
            if learner is None:
                raise SheetError("Gradebook: no 'Email address' or 'ID number' column: learners cannot be told apart")
            for i, activity, model in columns:
                grade = _number(raw[i].removesuffix("%").strip()) if i < len(raw) else None  # Real or Percentage
                if grade is None:
                    continue
                out.records.append(self.rec(
                    activity, f"{learner}|grade", stored="", timestamp="", learner=learner,
                    registration=f"{activity}#grade", verb=V + "scored", object=model.iri, course=model.iri,
                    language=model.language, score=round(grade / 100, 6)))
        out.lacks[:0] = ["final grades only (no attempts, status, time or interactions; grades read as out of 100)"]
        return out


def _sco_column(row: dict[str, str]) -> str:
    keys = list(row)
    return keys[keys.index("Score") + 1] if "Score" in keys and keys.index("Score") + 1 < len(keys) else ""


def import_files(paths: list[Path], store: Store, project: Project,
                 zone: ZoneInfo) -> Iterator[tuple[Path, Outcome | str, int]]:
    """Each file's outcome (or the one-line reason it could not be read) and its new records."""
    importer = Importer(store, project, zone)
    for path in paths:
        try:
            outcome = importer.read(path)
        except SheetError as exc:
            yield (Path(f"{path}:{exc.row}") if exc.row else path), str(exc), 0
            continue
        except OSError as exc:
            yield path, exc.strerror or str(exc), 0
            continue
        yield path, outcome, store.add(outcome.records, outcome.meta, outcome.names)


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--project", type=click.Path(exists=True, path_type=Path), default=None,
              help="The project the packages were built from (default: the current folder's).")
@click.option("--store", "store_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=f"The local store (SQLite; created if missing) [default: {DEFAULT_STORE} in the project].")
@click.option("--timezone", default="UTC", show_default=True,
              help="The Moodle site's time zone (its reports give local times without a zone).")
def import_(files: tuple[Path, ...], project: Path | None, store_path: Path | None, timezone: str) -> None:
    """Read Moodle's SCORM reports (Basic, Interactions, Objectives) and gradebook exports into the store."""
    failed = 0
    try:
        try:
            zone = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise UsageError(message=f"--timezone: '{timezone}' is no time zone name (such as Europe/London)") from None
        store_path, project = inherited(store_path, project)
        model = Project(project or Path.cwd())
        store_path = store_file(store_path, project)
        with Store(store_path) as store:
            for path, outcome, new in import_files(list(files), store, model, zone):
                if isinstance(outcome, str):
                    failed += 1
                    click.echo(f"{path}: error: {outcome}", err=True)
                    continue
                lacks = f"; {'; '.join(outcome.lacks)}" if outcome.lacks else ""
                click.echo(f"{path}: {outcome.kind}: {len(outcome.records)} records, {new} new{lacks}")
    except SbfaError as exc:
        click.echo(f"sbfa-pack: error: {exc}", err=True)
        raise SystemExit(exc.exit_code) from None
    if failed:
        sys.exit(1)
