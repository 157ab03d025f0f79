"""Playing a SCORM package under scorm-again's Scorm12API or Scorm2004API, as `sbfa-pack test` does.

Each check launches the package anew in the run's page (:func:`new_tab`), whose documents start
with empty web storage (no local copy of the learner's state carries over from another check):
1. opened and closed at once → ``incomplete``, nothing completed;
2. a walk through every lesson answering right → passed/completed, score 100, interactions in
   SCORM 1.2 notation (SCORM 2004: as scorm-again accepts them on set); answering wrong →
   failed with the score the model predicts;
3. a relaunch with what the LMS stored resumes at the bookmark with the answers kept;
4. throughout: no console error, no failed API call, suspend_data within the limit (SCORM 1.2:
   4,096 characters; 2004: 64,000) at every commit;
5. a toolkit exercise: opened and closed → incomplete; used once → completed.
Checks 2, 3 and 5 need the course model, so they run on our own packages only.
"""

from __future__ import annotations

import contextlib
import json
import time
import urllib.parse
from collections.abc import Callable, Iterator
from typing import Any

from .dialect import Dialect
from .notation import problems, rows
from .plan import Plan, QuizPlan
from .result import Outcome
from .site import DRIVE_JS, flattened

TIMEOUT = 15_000


def new_tab(browser: Any) -> Any:
    """The page a run's packages are played in, one after the other: a new page costs a renderer
    process, as much CPU as a package's launches. Each package is served from an origin of its own
    (a port), so no two share web storage, and every document starts with it empty; cookies, kept
    per host and not per port, are cleared after each package (:func:`package_done`)."""
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT)
    context.add_init_script("try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}")
    return context.new_page()


@contextlib.contextmanager
def listening(page: Any, on_error: Callable[[Any], None], on_console: Callable[[Any], None]) -> Iterator[None]:
    """``page``'s page errors and console messages go to the two callbacks while one package plays;
    then the page is left blank, without listeners or cookies, for the next package."""
    page.on("pageerror", on_error)
    page.on("console", on_console)
    try:
        yield
    finally:
        with contextlib.suppress(Exception):  # a page that broke is replaced by run.py
            page.goto("about:blank")
        page.remove_listener("pageerror", on_error)
        page.remove_listener("console", on_console)
        with contextlib.suppress(Exception):
            page.context.clear_cookies()


class Session:
    """One launch of the package: a fresh LMS page (and SCO) in the package's browser page."""

    count = 0

    def __init__(self, page: Any, dialect: Dialect, base: str, launch: str, data: dict[str, str],
                 ours: bool, drive: bool = True) -> None:
        self.dialect, self.page = dialect, page
        cfg = {"launch": "pkg/" + launch, "data": data, "api": dialect.api_class}
        # The configuration rides in the query (n: never the same URL twice): one page serves every
        # session of a package, as a new page per session costs more than the session on a busy machine.
        Session.count += 1
        self.page.goto(f"{base}/lms.html?n={Session.count}&cfg={urllib.parse.quote(json.dumps(cfg))}")
        self.page.wait_for_function(f"() => LOG.some(c => c.fn === '{dialect.initialize}')", timeout=30_000)
        self.frame = self.page.frame_locator("#sco")
        if ours:
            self.frame.locator("html.sbfa-ready").wait_for(timeout=30_000)
            if drive:  # the page driver only where a check drives the page (not open-close)
                self.sco().evaluate(DRIVE_JS)

    def sco(self) -> Any:
        return self.page.main_frame.child_frames[0]

    def lms(self) -> dict[str, Any]:
        got: dict[str, Any] = self.page.evaluate("() => GATE_STATE()")
        return got

    def leave(self) -> bool:
        """The learner closes the course; False when the package never called LMSFinish (Terminate)."""
        self.page.evaluate("() => { document.getElementById('sco').src = 'about:blank'; }")
        try:
            self.page.wait_for_function(f"() => LOG.some(c => c.fn === '{self.dialect.finish}')", timeout=10_000)
        except Exception:  # playwright's TimeoutError; reported as a failure
            return False
        return True


class Player:
    """Runs the checks on one package; fills ``out``."""

    def __init__(self, page: Any, dialect: Dialect, base: str, launch: str, plan: Plan | None,
                 mastery: str | None, out: Outcome, scos: tuple[str, ...] = ()) -> None:
        self.page, self.base, self.launch, self.plan, self.out = page, base, launch, plan, out
        self.scos = scos
        self.walked = plan  # the plan walk-right followed (a personal path: its country's)
        self.d = dialect
        self.data = {**dialect.learner, **({dialect.mastery_element: mastery} if mastery else {})}

    def _status(self, got: dict[str, Any]) -> str:
        return self.d.status(got["cmi"])

    def _raw(self, got: dict[str, Any]) -> str:
        return self.d.score(got["cmi"])

    def _set_values(self, got: dict[str, Any], element: str) -> list[str]:
        return [c["args"][1] for c in got["log"] if c["fn"] == self.d.set_value and c["args"][0] == element]

    def run(self) -> None:
        start = time.monotonic()
        self.errors: list[str] = []  # of the session running now
        with listening(self.page, lambda e: self.errors.append(f"page error: {e}"),
                       lambda m: self.errors.append(f"console error: {m.text}") if m.type == "error" else None):
            self.checks()
        self.out.seconds = round(time.monotonic() - start, 2)

    def checks(self) -> None:
        if self.scos:
            # Several SCOs: each is opened and closed on its own; the walks need the whole course
            # in one SCO (single-sco packaging) and are not run.
            for launch in self.scos:
                self.launch = launch
                self.out.check(self.open_close, "open-close")
            if self.plan is not None:
                self.out.notes.append(f"{len(self.scos)} SCOs: each opened and closed; the walks need a "
                                      "single-SCO package (scorm.packaging: single-sco)")
            return
        self.out.check(self.open_close, "open-close")
        if self.plan is not None and self.plan.kind == "exercise":
            self.out.check(self.use_exercise, "use-once")
        elif self.plan is not None:
            stored = self.out.check(self.walk_right, "walk-right")
            if stored is not None:
                self.out.check(lambda: self.relaunch(stored), "relaunch")
            if self.plan.assessed:
                self.out.check(self.walk_wrong, "walk-wrong")

    def session(self, data: dict[str, str] | None = None, drive: bool = True) -> Session:
        self.errors = []
        return Session(self.page, self.d, self.base, self.launch, data or self.data, self.plan is not None, drive)

    def common(self, check: str, got: dict[str, Any]) -> None:
        """Check 4 on one session: console, API calls, scorm-again's own complaints, suspend_data."""
        for e in self.errors:
            self.out.fail(check, e[:300])
        for c in got["log"]:
            if c["error"] != "0" and not self.d.benign(c):
                args = ", ".join(repr(a[:80]) for a in c["args"])
                self.out.fail(check, f"{c['fn']}({args}) failed: the last error is {c['error']}")
        for m in got["messages"]:
            if not self.d.benign_message(m["message"]):
                self.out.fail(check, "scorm-again: " + " ".join(m["message"].split())[:300])
        sizes = [len(v) for v in self._set_values(got, "cmi.suspend_data")]
        sizes += [len(str(c["cmi"].get("suspend_data", ""))) for c in got["commits"]]
        largest = max(sizes, default=0)
        self.out.largest_suspend_data = max(self.out.largest_suspend_data, largest)
        if largest > self.d.suspend_limit:
            self.out.fail(check, f"suspend_data of {largest:,} characters ({self.d.label} keeps at most "
                          f"{self.d.suspend_limit:,})")

    def finish(self, check: str, s: Session) -> dict[str, Any]:
        if not s.leave():
            self.out.fail(check, f"closed, the package never called {self.d.finish}")
        got = s.lms()
        self.common(check, got)
        return got

    # ---- check 1 (and 5's first half) ----
    def open_close(self) -> None:
        s = self.session(drive=False)
        got = self.finish("open-close", s)
        status = self._status(got)
        done = self.d.done_values(got["log"])
        if status != "incomplete" or done:
            what = f"set status '{done[0]}'" if done else f"the status is '{status}'"
            sco = f"SCO {self.launch}: " if self.scos else ""
            self.out.fail("open-close", f"{sco}opened and closed at once, {what} (an LMS must see 'incomplete')")
        if self.plan is None or self.scos:
            self.record(got)

    def record(self, got: dict[str, Any]) -> None:
        """The figures of the table: what the LMS shows after this session."""
        self.out.lms_status, self.out.score = self._status(got), self._raw(got)
        self.out.interactions = len(rows(got["cmi"]))
        self.out.commits = len(got["commits"])

    # ---- check 5 ----
    def use_exercise(self) -> None:
        assert self.plan is not None
        s = self.session()
        if not s.sco().evaluate("kind => GATE_DRIVE.use(kind)", self.plan.exercise_kind):
            self.out.fail("use-once", f"no field of the {self.plan.exercise_kind} exercise to use was found")
        with contextlib.suppress(Exception):  # a time-out: reported below from the final status
            s.page.wait_for_function(f"() => LOG.some(c => c.fn === '{self.d.set_value}' && "
                                     "c.args[1] === 'completed')", timeout=10_000)
        got = self.finish("use-once", s)
        self.record(got)
        if self._status(got) != "completed":
            self.out.fail("use-once", f"used once, the exercise reports '{self._status(got)}' (expected 'completed')")

    # ---- check 2 ----
    def answer(self, s: Session, check: str, qp: QuizPlan, right: bool) -> None:
        got = s.sco().evaluate("([q, p]) => GATE_DRIVE.answer(q, p)", [qp.quiz, qp.right if right else qp.wrong])
        if got.get("missing"):
            self.out.fail(check, f"quiz '{qp.quiz}': no question {', '.join(got['missing'])} on the page")
        elif not got.get("submitted"):
            self.out.fail(check, f"quiz '{qp.quiz}': submitted with every question answered, it shows no result")

    def walk_right(self) -> dict[str, Any] | None:
        assert self.plan is not None
        check = "walk-right"
        s = self.session()
        plan = self.walked = self.path(check, s.sco().evaluate)
        quizzes = {qp.quiz: qp for qp in plan.quizzes}
        for i, lesson in enumerate(plan.lessons):
            if i:
                s.sco().evaluate("() => document.getElementById('sbfa-next').click()")
            s.frame.locator(f"#l-{lesson}:not([hidden])").wait_for()
            if lesson in quizzes:
                self.answer(s, check, quizzes[lesson], True)
            elif lesson in plan.surveys and (problem := submit_survey(s.sco().evaluate, lesson)):
                self.out.fail(check, problem)
        got = self.finish(check, s)
        self.record(got)
        want = "passed" if plan.assessed else "completed"
        if self._status(got) != want:
            self.out.fail(check, f"every lesson seen and every answer right, the status is '{self._status(got)}' "
                          f"(expected '{want}')")
        if plan.assessed and not _close(self._raw(got), 100.0):
            self.out.fail(check, f"every answer right, the score is '{self._raw(got)}' (expected 100)")
        self.interactions(check, got, plan)
        return got

    def path(self, check: str, evaluate: Callable[..., Any]) -> Plan:
        assert self.plan is not None
        plan, problem = on_path(evaluate, self.plan)
        if problem:
            self.out.fail(check, problem)
        return plan

    def interactions(self, check: str, got: dict[str, Any], plan: Plan) -> None:
        # Survey answers and the path's country are neutral interactions, no question's: their
        # notation is checked, not their number or result.
        everything = rows(got["cmi"])
        items = [row for row in everything if row.get("result") != "neutral"]
        if len(items) != plan.questions:
            self.out.fail(check, f"{len(items)} interactions recorded for {plan.questions} questions answered")
        for row in everything:
            for p in problems(row) if self.d.notation else []:
                self.out.fail(check, p)
        for row in items:
            if row.get("result") not in ("correct", ""):
                self.out.fail(check, f"interaction '{row.get('id')}' answered right is recorded '{row.get('result')}'")

    def walk_wrong(self) -> None:
        assert self.plan is not None and self.plan.wrong_score is not None
        check, expected = "walk-wrong", self.plan.wrong_score
        s = self.session()
        plan = self.path(check, s.sco().evaluate)
        for qp in plan.quizzes:
            _go(s, qp.quiz)
            self.answer(s, check, qp, False)
        got = self.finish(check, s)
        want = "passed" if plan.pass_mark is not None and expected >= plan.pass_mark - 1e-9 else "failed"
        if self._status(got) != want:
            self.out.fail(check, f"answered wrong (expected score {expected:g}), the status is "
                          f"'{self._status(got)}' (expected '{want}')")
        if not _close(self._raw(got), expected):
            self.out.fail(check, f"answered wrong, the score is '{self._raw(got)}' (the course model gives "
                          f"{expected:g})")

    # ---- check 3 ----
    def relaunch(self, got: dict[str, Any]) -> None:
        assert self.plan is not None
        check = "relaunch"
        stored = {k: v for k, v in flattened(got["cmi"]["cmi"]).items() if not k.startswith("cmi.interactions.")}
        status = self._status(got)
        s = self.session({**stored, **self.data, self.d.entry_element: "resume"})
        where = self.d.location(got["cmi"])
        if where:
            try:
                s.frame.locator(f"#l-{where}:not([hidden])").wait_for(timeout=10_000)
            except Exception:  # reported as a failure
                self.out.fail(check, f"relaunched at location '{where}', the course does not show it")
        assert self.walked is not None
        for qp in self.walked.quizzes:
            _go(s, qp.quiz)
            shown = s.sco().evaluate("([q, p]) => GATE_DRIVE.read(q, p)", [qp.quiz, qp.right])
            lost = [p["q"] for p in qp.right if not _same(p, shown.get(p["q"]))]
            if lost:
                self.out.fail(check, f"relaunched, quiz '{qp.quiz}' lost the answers to {', '.join(lost)}")
        after = self.finish(check, s)
        if self._status(after) != status:
            self.out.fail(check, f"relaunched and closed, the status went from '{status}' to "
                          f"'{self._status(after)}'")


def on_path(evaluate: Callable[..., Any], plan: Plan) -> tuple[Plan, str | None]:
    """The plan of this launch's learner (``evaluate`` runs in the course's document): on a
    personal path, the package's own country, else the path's first chosen as a learner does;
    and a failure, or None. A new learner's welcome screen is passed first with its Start button."""
    evaluate("() => GATE_DRIVE.begin()")
    if not plan.countries:
        return plan, None
    country = evaluate("() => GATE_DRIVE.country()")
    if not country:
        country = plan.countries[0]
        if not evaluate("c => GATE_DRIVE.choose(c)", country):
            return plan.for_country(country), f"the country chooser did not take '{country}'"
    return plan.for_country(str(country)), None


def submit_survey(evaluate: Callable[..., Any], lesson: str) -> str | None:
    """Answers and submits the survey ``lesson``; a failure, or None."""
    got = evaluate("id => GATE_DRIVE.survey(id)", lesson)
    if got.get("missing"):
        return f"survey '{lesson}' is not on the page"
    if not got.get("submitted"):
        return f"survey '{lesson}': every item answered and submitted, it shows no thanks"
    return None


def _go(s: Session, lesson: str) -> None:
    s.sco().evaluate("id => SBFA.core.go(id, true)", lesson)
    s.frame.locator(f"#l-{lesson}:not([hidden])").wait_for()


def _same(p: dict[str, Any], shown: Any) -> bool:
    want = p["value"]
    if p["type"] == "numeric":
        try:
            return abs(float(str(shown).replace(",", ".")) - float(want)) < 1e-9
        except ValueError:
            return False
    if p["type"] == "fill-in":
        return str(shown).strip() == str(want).strip()
    return bool(shown == want)


def _close(raw: str, want: float) -> bool:
    try:
        return abs(float(raw) - want) <= 0.5
    except ValueError:
        return False


def play(page: Any, dialect: Dialect, base: str, launch: str, plan: Plan | None, mastery: str | None,
         out: Outcome, scos: tuple[str, ...] = ()) -> None:
    """Run every check that applies on the package served at ``base`` (unpacked in ``pkg/``), in
    ``page`` (:func:`new_tab`)."""
    Player(page, dialect, base, launch, plan, mastery, out, scos).run()
