"""Issue 16 item 1 and item 3: `sbfa-pack test` plays xAPI and cmi5 packages against a local LRS
(Ralph, through the gateway with its State store and cmi5 launcher) and checks the statements the
LRS stored (XP-7…XP-11, C5-8…C5-11). Small sample project (tests/roots/basic): a course and a
toolkit exercise; packages broken on purpose (a patched sbfa.js) each fail with a clear line.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from sbfa_pack.build import build
from sbfa_pack.gate import report
from sbfa_pack.gate.run import play_all
from sbfa_pack.gate.targets import resolve

pytestmark = [pytest.mark.browser, pytest.mark.lrs, pytest.mark.timeout(300)]
ROOT = Path(__file__).resolve().parents[1] / "roots" / "basic"
# Runs synchronously the moment the runtime is ready (a MutationObserver: before the gate acts),
# sending one statement with the launch parameters by a synchronous XHR.
SEND = """;(function(){var q=new URLSearchParams(location.search),o=new MutationObserver(function(){
if(!document.documentElement.classList.contains("sbfa-ready")){return;}o.disconnect();
var x=new XMLHttpRequest();x.open("POST",q.get("endpoint")+"statements",false);
x.setRequestHeader("Authorization",q.get("auth"));x.setRequestHeader("Content-Type","application/json");
x.setRequestHeader("X-Experience-API-Version","1.0.3");x.send(JSON.stringify(%s));});
o.observe(document.documentElement,{attributes:true});})();
"""
BROKEN = {
    "completed-on-open": '{actor:JSON.parse(q.get("actor")),verb:{id:"http://adlnet.gov/expapi/verbs/completed",'
                         'display:{en:"completed"}},object:{id:"https://w3id.org/sbfa/toolkit/swot"},'
                         'context:{registration:q.get("registration")}}',
    "malformed-statement": '{actor:JSON.parse(q.get("actor")),verb:{display:{en:"did"}},object:{id:"not an IRI"}}',
}


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gate-lrs") / "dist"
    result = build(ROOT, out, formats=["xapi", "cmi5"], jobs=1)
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics]
    return out


def patch(package: Path, js: str) -> None:
    """``package`` rewritten in place with ``js`` appended to its sbfa.js (it stays in index.json: ours)."""
    data = {i.filename: zipfile.ZipFile(package).read(i) for i in zipfile.ZipFile(package).infolist()}
    data["sbfa.js"] += js.encode()
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in data.items():
            z.writestr(name, body)


def test_an_xapi_and_a_cmi5_course_pass(dist: Path, browser: Any) -> None:
    """Issue 16 item 1 / item 3: the sample course in xAPI and in cmi5 passes every check: opened and
    closed sends nothing completed; walked right it is passed with scaled score 1 and one right
    answered statement per question; answered wrong it is failed with the model's score; relaunched
    with the same registration it resumes (State API) with its answers; the cmi5 rules hold."""
    targets = resolve([dist], ["xapi", "cmi5"], [], project=ROOT)
    courses = [t for t in targets if t.name.startswith("first-steps")]
    assert [(t.format, t.plan is not None) for t in courses] == [("cmi5", True), ("xapi", True)]
    outcomes = play_all(courses, browser=browser)
    for o in outcomes:
        assert o.failures == [], o.failures
        assert o.checks == ["open-close", "walk-right", "relaunch", "walk-wrong"]
        assert (o.lms_status, o.score, o.interactions) == ("passed", "100", 2)
        assert o.statements > 10 and o.largest_state > 0 and o.commits == 0
    text = report.to_text(outcomes)
    assert "commits/statements" in text and "2 passed, 0 failed, 0 skipped" in text


def test_broken_xapi_packages_fail_with_a_clear_line(dist: Path, tmp_path: Path, browser: Any) -> None:
    """Issue 16 item 3: an xAPI package that sends 'completed' as soon as it opens, and one that
    sends a malformed statement (no verb id, an object id that is no IRI), each fail with a line
    naming the package, the check and what happened."""
    lines = {}
    for name, statement in BROKEN.items():
        package = dist / "swot-1.0.0-en-xapi.zip"
        original = package.read_bytes()
        try:
            patch(package, SEND % statement)
            [out] = play_all(resolve([package], [], [], project=ROOT), browser=browser)
        finally:
            package.write_bytes(original)
        assert out.status == "fail", name
        lines[name] = out.failures
    assert ("swot-1.0.0-en-xapi.zip: open-close: opened and closed at once, sent 'completed' (an LMS must see "
            "nothing completed)") in lines["completed-on-open"]
    refused = [f for f in lines["malformed-statement"] if "the LRS refused POST /lrs/statements: 4" in f]
    assert refused and refused[0].startswith("swot-1.0.0-en-xapi.zip: open-close: "), lines["malformed-statement"]


def test_each_package_has_its_own_statements_file(tmp_path: Path) -> None:
    """Issue 16 item 1: Ralph's file-system backend reads its whole file at every request, so the
    gate gives each package a Ralph user of its own whose statements go to a file of their own
    (the user's target): a statement sent through slot 1 is stored there, not in slot 2's file nor
    in the main user's; Ralph itself still stores and answers them."""
    import uuid

    import requests

    from sbfa_pack.gate.lrs import VERSION, Ralph

    ralph = Ralph(tmp_path, slots=2).start()
    try:
        registration = str(uuid.uuid4())
        statement = {"actor": {"mbox": "mailto:a@example.org"}, "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
                     "object": {"id": "https://example.org/a"}, "context": {"registration": registration}}
        r = requests.post(f"{ralph.endpoint}statements", json=statement, timeout=10,
                          headers={"Authorization": ralph.auth_for(1), "X-Experience-API-Version": VERSION})
        assert r.ok, r.text
        assert len(ralph.statements(1, registration=registration)) == 1
        assert ralph.statements(2, registration=registration) == ralph.statements(registration=registration) == []
        assert (tmp_path / "data" / "slot-1" / "fs_lrs.jsonl").is_file()
    finally:
        ralph.stop()
