"""Playing an xAPI (Tin Can) or cmi5 package against a local LRS (Ralph), as `sbfa-pack test` does.

The package is served by the gateway (gateway.py): its ``/lrs/`` path forwards statements to Ralph
and keeps the State documents; a cmi5 package is launched as an LMS does (fetch URL, LMS.LaunchData,
registration). The checks are those of SCORM (scorm.py) where they apply, read from the statements
the LRS stored for the session's registration:
1. opened and closed at once → no ``completed``, ``passed`` or ``failed`` statement;
2. every lesson walked, every answer right → ``passed`` (``completed`` without a pass mark) with
   scaled score 1, one ``answered`` per question, ``success: true``, its response in the
   interaction's ``correctResponsesPattern``; answered wrong → ``failed`` with the model's score;
3. relaunched (xAPI: the same registration and the State API; cmi5: the same registration, a new
   session) → the bookmarked lesson shows, with the answers kept;
4. in every session: no console error, no LRS call answered 4xx/5xx, and for cmi5 the rules of
   its defined statements (statements.py);
5. a toolkit exercise: used once → ``completed``.
"""

from __future__ import annotations

import contextlib
import time
import urllib.parse
import uuid
from pathlib import Path
from typing import Any

from .gateway import Cmi5Launcher, Server, absent_document
from .lrs import Ralph
from .plan import Plan
from .result import Outcome
from .scorm import TIMEOUT, _close, _same, listening, on_path, submit_survey
from .site import DRIVE_JS
from .statements import about_course, answered, cmi5_rules, done_verbs, last_judged, scaled, verb

QUEUE_EMPTY = """() => Object.keys(localStorage).filter(k => k.startsWith('sbfa:xq:') && !k.endsWith(':rejected'))
    .every(k => JSON.parse(localStorage.getItem(k)).length === 0)"""


class LrsPlayer:
    """Runs the checks on one package unpacked in ``site/pkg``; fills ``out``."""

    def __init__(self, page: Any, ralph: Ralph, site: Path, fmt: str, launch: str, plan: Plan | None,
                 mastery: str | None, out: Outcome, slot: int = 0) -> None:
        self.slot = slot  # the package's own Ralph user and statements file (lrs.Ralph slots)
        self.page, self.ralph, self.fmt, self.launch, self.plan, self.out = page, ralph, fmt, launch, plan, out
        (site / "favicon.ico").write_bytes(b"")
        self.server = Server(site)
        self.server.ralph, self.server.slot = ralph, slot
        try:
            self.mastery = float(mastery) if mastery else None
        except ValueError:
            self.mastery = None
        self.errors: list[str] = []
        self.launcher: Cmi5Launcher | None = None
        self.walked = plan  # the plan walk-right followed (a personal path: its country's)

    def run(self) -> None:
        start = time.monotonic()
        # Every document starts with empty web storage (new_tab): a relaunch resumes from what the LRS keeps.
        try:
            with listening(self.page, lambda e: self.errors.append(f"page error: {e}"), self.console):
                self.checks()
        finally:
            self.server.close()
        self.out.seconds = round(time.monotonic() - start, 2)

    def console(self, m: Any) -> None:
        # The browser logs every 404 as an error; the 404 of a document not stored yet is not one.
        where = f"http://x{urllib.parse.urlsplit(str(m.location.get('url', ''))).path}"
        if m.type == "error" and not ("status of 404" in m.text and absent_document("GET", where, 404)):
            self.errors.append(f"console error: {m.text}")

    def checks(self) -> None:
        self.out.check(self.open_close, "open-close")
        if self.plan is not None and self.plan.kind == "exercise":
            self.out.check(self.use_exercise, "use-once")
        elif self.plan is not None:
            registration = self.out.check(self.walk_right, "walk-right")
            if registration:
                self.out.check(lambda: self.relaunch(registration), "relaunch")
            if self.plan.assessed:
                self.out.check(self.walk_wrong, "walk-wrong")

    # ---- one session ----
    def open(self, registration: str | None = None, drive: bool = True) -> tuple[str, int]:
        """Launch (a new registration unless given); (registration, statements stored before)."""
        before = len(self.ralph.statements(self.slot, registration=registration)) if registration else 0
        registration = registration or str(uuid.uuid4())
        self.errors = []
        self.mark = len(self.server.verbs)
        if self.fmt == "cmi5":
            self.launcher = Cmi5Launcher("https://lms.sbfa.test/activities/" + uuid.uuid4().hex[:12]
                                         if self.launcher is None or self.launcher.registration != registration
                                         else self.launcher.activity_id, mastery=self.mastery,
                                         registration=registration)
            url = self.server.cmi5_launch("pkg", self.launcher, launch=self.launch)
        else:
            url = self.server.xapi_launch("pkg", registration, launch=self.launch)
        self.page.goto(url)
        if self.plan is not None:
            self.page.wait_for_selector("html.sbfa-ready", timeout=30_000)
            if drive:  # the page driver only where a check drives the page (not open-close)
                self.page.evaluate(DRIVE_JS)
        return registration, before

    def leave(self, check: str, registration: str, before: int) -> list[dict[str, Any]]:
        """The learner leaves; the session's statements once ``terminated`` arrived (or 15 s)."""
        with contextlib.suppress(Exception):  # an unsent queue shows below as missing statements
            self.page.wait_for_function(QUEUE_EMPTY, timeout=TIMEOUT)
        self.page.goto("about:blank")  # pagehide: terminated leaves with keepalive
        self.server.wait_for_verb("/terminated", self.mark, 15)  # accepted by the LRS: stored
        got = self.ralph.statements(self.slot, registration=registration)[before:]
        if not got or verb(got[-1]) != "terminated":
            self.out.fail(check, "closed, the package sent no 'terminated' statement")
        for e in self.errors:
            self.out.fail(check, e[:300])
        for line in self.server.refused:
            self.out.fail(check, f"the LRS refused {line}")
        self.server.refused.clear()
        if self.fmt == "cmi5" and self.launcher is not None:
            for p in cmi5_rules(got, self.launcher.activity_id, self.launcher.session, self.mastery):
                self.out.fail(check, f"cmi5: {p}")
        self.out.statements += len(got)
        sizes = [len(body) for _, body in self.server.state.docs.values()]
        self.out.largest_state = max([self.out.largest_state, *sizes])
        return got

    def record(self, got: list[dict[str, Any]]) -> None:
        judged = last_judged(about_course(got))
        self.out.lms_status = verb(judged) if judged else "incomplete"
        score = scaled(judged)
        self.out.score = f"{score * 100:g}" if score is not None else ""
        self.out.interactions = sum(verb(s) == "answered" for s in got)

    # ---- the checks ----
    def open_close(self) -> None:
        got = self.leave("open-close", *self.open(drive=False))
        done = done_verbs(got)
        if done:
            self.out.fail("open-close", f"opened and closed at once, sent '{done[0]}' (an LMS must see nothing "
                          "completed)")
        if self.plan is None:
            self.record(got)

    def use_exercise(self) -> None:
        assert self.plan is not None
        registration, before = self.open()
        if not self.page.evaluate("kind => GATE_DRIVE.use(kind)", self.plan.exercise_kind):
            self.out.fail("use-once", f"no field of the {self.plan.exercise_kind} exercise to use was found")
        got = self.leave("use-once", registration, before)
        self.record(got)
        if "completed" not in done_verbs(got):
            self.out.fail("use-once", "used once, the exercise sent no 'completed' statement")

    def answer(self, check: str, quiz: str, plan: list[dict[str, Any]]) -> None:
        got = self.page.evaluate("([q, p]) => GATE_DRIVE.answer(q, p)", [quiz, plan])
        if got.get("missing"):
            self.out.fail(check, f"quiz '{quiz}': no question {', '.join(got['missing'])} on the page")
        elif not got.get("submitted"):
            self.out.fail(check, f"quiz '{quiz}': submitted with every question answered, it shows no result")

    def walk_right(self) -> str:
        assert self.plan is not None
        check = "walk-right"
        registration, before = self.open()
        plan = self.walked = self.path(check)
        quizzes = {qp.quiz: qp for qp in plan.quizzes}
        for i, lesson in enumerate(plan.lessons):
            if i:
                self.page.evaluate("() => document.getElementById('sbfa-next').click()")
            self.page.locator(f"#l-{lesson}:not([hidden])").wait_for()
            if lesson in quizzes:
                self.answer(check, lesson, quizzes[lesson].right)
            elif lesson in plan.surveys and (problem := submit_survey(self.page.evaluate, lesson)):
                self.out.fail(check, problem)
        got = self.leave(check, registration, before)
        self.record(got)
        want = "passed" if plan.assessed else "completed"
        if self.out.lms_status != want:
            self.out.fail(check, f"every lesson seen and every answer right, the LRS holds '{self.out.lms_status}' "
                          f"(expected '{want}')")
        if plan.assessed and not _close(self.out.score, 100.0):
            self.out.fail(check, f"every answer right, the scaled score is '{self.out.score or 'none'}' "
                          "(expected 1.0)")
        for p in answered(got, plan.questions):
            self.out.fail(check, p)
        return registration

    def walk_wrong(self) -> None:
        assert self.plan is not None and self.plan.wrong_score is not None
        check, plan, expected = "walk-wrong", self.plan, self.plan.wrong_score
        registration, before = self.open()
        for qp in self.path(check).quizzes:
            self.go(qp.quiz)
            self.answer(check, qp.quiz, qp.wrong)
        got = self.leave(check, registration, before)
        judged = [s for s in got if verb(s) in ("passed", "failed")]
        mark = self.mastery * 100 if self.fmt == "cmi5" and self.mastery is not None else plan.pass_mark
        want = "passed" if mark is not None and expected >= mark - 1e-9 else "failed"
        status = verb(judged[-1]) if judged else "nothing"
        if status != want:
            self.out.fail(check, f"answered wrong (expected score {expected:g}), the LRS holds '{status}' "
                          f"(expected '{want}')")
        score = scaled(judged[-1]) if judged else None
        if score is None or not _close(f"{score * 100:g}", expected):
            self.out.fail(check, f"answered wrong, the scaled score is '{score}' (the course model gives "
                          f"{expected / 100:g})")

    def relaunch(self, registration: str) -> None:
        assert self.plan is not None
        check = "relaunch"
        registration, before = self.open(registration)
        assert self.walked is not None
        where = self.walked.lessons[-1]
        try:
            self.page.locator(f"#l-{where}:not([hidden])").wait_for(timeout=10_000)
        except Exception:  # reported as a failure
            self.out.fail(check, f"relaunched, the course does not show the bookmarked lesson '{where}'")
        for qp in self.walked.quizzes:
            self.go(qp.quiz)
            shown = self.page.evaluate("([q, p]) => GATE_DRIVE.read(q, p)", [qp.quiz, qp.right])
            lost = [p["q"] for p in qp.right if not _same(p, shown.get(p["q"]))]
            if lost:
                self.out.fail(check, f"relaunched, quiz '{qp.quiz}' lost the answers to {', '.join(lost)}")
        got = self.leave(check, registration, before)
        if self.fmt == "xapi" and done_verbs(got):
            self.out.fail(check, f"relaunched and closed without answering, sent '{done_verbs(got)[0]}' again")

    def path(self, check: str) -> Plan:
        assert self.plan is not None
        plan, problem = on_path(self.page.evaluate, self.plan)
        if problem:
            self.out.fail(check, problem)
        return plan

    def go(self, lesson: str) -> None:
        self.page.evaluate("id => SBFA.core.go(id, true)", lesson)
        self.page.locator(f"#l-{lesson}:not([hidden])").wait_for()
