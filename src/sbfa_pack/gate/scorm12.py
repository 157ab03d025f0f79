"""Playing a SCORM 1.2 package under scorm-again's Scorm12API, as `sbfa-pack test` does.

Each check runs in a fresh browser context (no local copy of the learner's state carries over):
1. opened and closed at once → ``incomplete``, nothing completed;
2. a walk through every lesson answering right → passed/completed, score 100, interactions in
   SCORM 1.2 notation; answering wrong → failed with the score the model predicts;
3. a relaunch with what the LMS stored resumes at the bookmark with the answers kept;
4. throughout: no console error, no failed API call, suspend_data ≤ 4,096 at every commit;
5. a toolkit exercise: opened and closed → incomplete; used once → completed.
Checks 2, 3 and 5 need the course model, so they run on our own packages only.
"""

from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path
from typing import Any

from .notation import problems, rows
from .plan import Plan, QuizPlan
from .result import Outcome
from .site import DRIVE_JS, flattened

LIMIT = 4096
LEARNER = {"cmi.core.student_id": "sbfa-test", "cmi.core.student_name": "Test, Learner",
           "cmi.core.credit": "credit", "cmi.core.lesson_mode": "normal", "cmi.core.entry": "ab-initio"}
TIMEOUT = 15_000


class Session:
    """One launch of the package in its own browser context."""

    def __init__(self, context: Any, base: str, launch: str, data: dict[str, str], ours: bool) -> None:
        self.page = context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("console", lambda m: self.errors.append(f"console error: {m.text}") if m.type == "error" else None)
        cfg = {"launch": "pkg/" + launch, "data": data}
        self.page.add_init_script(f"window.GATE = {json.dumps(cfg)};")
        self.page.goto(f"{base}/lms12.html")
        self.page.wait_for_function("() => LOG.some(c => c.fn === 'LMSInitialize')", timeout=30_000)
        self.frame = self.page.frame_locator("#sco")
        if ours:
            self.frame.locator("html.sbfa-ready").wait_for(timeout=30_000)
            self.sco().evaluate(DRIVE_JS)

    def sco(self) -> Any:
        return self.page.main_frame.child_frames[0]

    def lms(self) -> dict[str, Any]:
        got: dict[str, Any] = self.page.evaluate("() => GATE_STATE()")
        return got

    def leave(self) -> bool:
        """The learner closes the course; False when the package never called LMSFinish."""
        self.page.evaluate("() => { document.getElementById('sco').src = 'about:blank'; }")
        try:
            self.page.wait_for_function("() => LOG.some(c => c.fn === 'LMSFinish')", timeout=10_000)
        except Exception:  # playwright's TimeoutError; reported as a failure
            return False
        return True

    def close(self) -> None:
        self.page.close()


def _status(got: dict[str, Any]) -> str:
    return str(got["cmi"]["cmi"]["core"]["lesson_status"])


def _raw(got: dict[str, Any]) -> str:
    return str(got["cmi"]["cmi"]["core"]["score"]["raw"])


def _set_values(got: dict[str, Any], element: str) -> list[str]:
    return [c["args"][1] for c in got["log"] if c["fn"] == "LMSSetValue" and c["args"][0] == element]


class Player:
    """Runs the checks on one package; fills ``out``."""

    def __init__(self, browser: Any, base: str, launch: str, plan: Plan | None, mastery: str | None,
                 out: Outcome) -> None:
        self.browser, self.base, self.launch, self.plan, self.out = browser, base, launch, plan, out
        self.data = {**LEARNER, **({"cmi.student_data.mastery_score": mastery} if mastery else {})}

    def run(self) -> None:
        start = time.monotonic()
        # One context per package (its own origin: a port of its own); every document starts with
        # empty web storage, so no session finds the runtime's local copy of another one's state.
        self.context = self.browser.new_context()
        self.context.set_default_timeout(TIMEOUT)
        self.context.add_init_script("try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}")
        try:
            self.checks()
        finally:
            self.context.close()
        self.out.seconds = round(time.monotonic() - start, 2)

    def checks(self) -> None:
        self.check(self.open_close, "open-close")
        if self.plan is not None and self.plan.kind == "exercise":
            self.check(self.use_exercise, "use-once")
        elif self.plan is not None:
            stored = self.check(self.walk_right, "walk-right")
            if stored is not None:
                self.check(lambda: self.relaunch(stored), "relaunch")
            if self.plan.assessed:
                self.check(self.walk_wrong, "walk-wrong")

    def check(self, fn: Any, name: str) -> Any:
        self.out.checks.append(name)
        try:
            return fn()
        except Exception as exc:  # a browser timeout or page failure: this check's failure
            self.out.fail(name, f"did not finish: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
            return None

    def session(self, data: dict[str, str] | None = None) -> Session:
        return Session(self.context, self.base, self.launch, data or self.data, self.plan is not None)

    def common(self, check: str, s: Session, got: dict[str, Any]) -> None:
        """Check 4 on one session: console, API calls, scorm-again's own complaints, suspend_data."""
        for e in s.errors:
            self.out.fail(check, e[:300])
        for c in got["log"]:
            if c["error"] != "0":
                args = ", ".join(repr(a[:80]) for a in c["args"])
                self.out.fail(check, f"{c['fn']}({args}) failed: LMSGetLastError = {c['error']}")
        for m in got["messages"]:
            self.out.fail(check, f"scorm-again: {m['message'][:300]}")
        sizes = [len(v) for v in _set_values(got, "cmi.suspend_data")]
        sizes += [len(str(c["cmi"].get("suspend_data", ""))) for c in got["commits"]]
        largest = max(sizes, default=0)
        self.out.largest_suspend_data = max(self.out.largest_suspend_data, largest)
        if largest > LIMIT:
            self.out.fail(check, f"suspend_data of {largest:,} characters (SCORM 1.2 keeps at most 4,096)")

    def finish(self, check: str, s: Session) -> dict[str, Any]:
        if not s.leave():
            self.out.fail(check, "closed, the package never called LMSFinish")
        got = s.lms()
        self.common(check, s, got)
        s.close()
        return got

    # ---- check 1 (and 5's first half) ----
    def open_close(self) -> None:
        s = self.session()
        got = self.finish("open-close", s)
        status = _status(got)
        done = [v for v in _set_values(got, "cmi.core.lesson_status") if v in ("completed", "passed")]
        if status != "incomplete" or done:
            what = f"set lesson_status '{done[0]}'" if done else f"lesson_status is '{status}'"
            self.out.fail("open-close", f"opened and closed at once, {what} (an LMS must see 'incomplete')")
        if self.plan is None:
            self.record(got)

    def record(self, got: dict[str, Any]) -> None:
        """The figures of the table: what the LMS shows after this session."""
        self.out.lms_status, self.out.score = _status(got), _raw(got)
        self.out.interactions = len(rows(got["cmi"]))
        self.out.commits = len(got["commits"])

    # ---- check 5 ----
    def use_exercise(self) -> None:
        assert self.plan is not None
        s = self.session()
        if not s.sco().evaluate("kind => GATE_DRIVE.use(kind)", self.plan.exercise_kind):
            self.out.fail("use-once", f"no field of the {self.plan.exercise_kind} exercise to use was found")
        with contextlib.suppress(Exception):  # a time-out: reported below from the final status
            s.page.wait_for_function("() => LOG.some(c => c.fn === 'LMSSetValue' && c.args[0] === "
                                     "'cmi.core.lesson_status' && c.args[1] === 'completed')", timeout=10_000)
        got = self.finish("use-once", s)
        self.record(got)
        if _status(got) != "completed":
            self.out.fail("use-once", f"used once, the exercise reports '{_status(got)}' (expected 'completed')")

    # ---- check 2 ----
    def answer(self, s: Session, check: str, qp: QuizPlan, right: bool) -> None:
        got = s.sco().evaluate("([q, p]) => GATE_DRIVE.answer(q, p)", [qp.quiz, qp.right if right else qp.wrong])
        if got.get("missing"):
            self.out.fail(check, f"quiz '{qp.quiz}': no question {', '.join(got['missing'])} on the page")
        elif not got.get("submitted"):
            self.out.fail(check, f"quiz '{qp.quiz}': submitted with every question answered, it shows no result")

    def walk_right(self) -> dict[str, Any] | None:
        assert self.plan is not None
        check, plan = "walk-right", self.plan
        quizzes = {qp.quiz: qp for qp in plan.quizzes}
        s = self.session()
        for i, lesson in enumerate(plan.lessons):
            if i:
                s.sco().evaluate("() => document.getElementById('sbfa-next').click()")
            s.frame.locator(f"#l-{lesson}:not([hidden])").wait_for()
            if lesson in quizzes:
                self.answer(s, check, quizzes[lesson], True)
        got = self.finish(check, s)
        self.record(got)
        want = "passed" if plan.assessed else "completed"
        if _status(got) != want:
            self.out.fail(check, f"every lesson seen and every answer right, lesson_status is '{_status(got)}' "
                          f"(expected '{want}')")
        if plan.assessed and not _close(_raw(got), 100.0):
            self.out.fail(check, f"every answer right, score.raw is '{_raw(got)}' (expected 100)")
        self.interactions(check, got, plan)
        return got

    def interactions(self, check: str, got: dict[str, Any], plan: Plan) -> None:
        items = rows(got["cmi"])
        if len(items) != plan.questions:
            self.out.fail(check, f"{len(items)} interactions recorded for {plan.questions} questions answered")
        for row in items:
            for p in problems(row):
                self.out.fail(check, p)
            if row.get("result") not in ("correct", ""):
                self.out.fail(check, f"interaction '{row.get('id')}' answered right is recorded '{row.get('result')}'")

    def walk_wrong(self) -> None:
        assert self.plan is not None and self.plan.wrong_score is not None
        check, plan, expected = "walk-wrong", self.plan, self.plan.wrong_score
        s = self.session()
        for qp in plan.quizzes:
            _go(s, qp.quiz)
            self.answer(s, check, qp, False)
        got = self.finish(check, s)
        want = "passed" if plan.pass_mark is not None and expected >= plan.pass_mark - 1e-9 else "failed"
        if _status(got) != want:
            self.out.fail(check, f"answered wrong (expected score {expected:g}), lesson_status is "
                          f"'{_status(got)}' (expected '{want}')")
        if not _close(_raw(got), expected):
            self.out.fail(check, f"answered wrong, score.raw is '{_raw(got)}' (the course model gives {expected:g})")

    # ---- check 3 ----
    def relaunch(self, got: dict[str, Any]) -> None:
        assert self.plan is not None
        check = "relaunch"
        stored = {k: v for k, v in flattened(got["cmi"]["cmi"]).items() if not k.startswith("cmi.interactions.")}
        status = _status(got)
        s = self.session({**stored, **self.data, "cmi.core.entry": "resume"})
        where = str(got["cmi"]["cmi"]["core"]["lesson_location"])
        if where:
            try:
                s.frame.locator(f"#l-{where}:not([hidden])").wait_for(timeout=10_000)
            except Exception:  # reported as a failure
                self.out.fail(check, f"relaunched with lesson_location '{where}', the course does not show it")
        for qp in self.plan.quizzes:
            _go(s, qp.quiz)
            shown = s.sco().evaluate("([q, p]) => GATE_DRIVE.read(q, p)", [qp.quiz, qp.right])
            lost = [p["q"] for p in qp.right if not _same(p, shown.get(p["q"]))]
            if lost:
                self.out.fail(check, f"relaunched, quiz '{qp.quiz}' lost the answers to {', '.join(lost)}")
        after = self.finish(check, s)
        if _status(after) != status:
            self.out.fail(check, f"relaunched and closed, lesson_status went from '{status}' to '{_status(after)}'")


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


def play(browser: Any, site: Path, base: str, launch: str, plan: Plan | None, mastery: str | None,
         out: Outcome) -> None:
    """Run every check that applies on the package unpacked in ``site`` and served at ``base``."""
    del site
    Player(browser, base, launch, plan, mastery, out).run()
