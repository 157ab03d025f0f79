"""Issue 16: the preview server without a browser: loopback only, a clean stop on Ctrl-C, the local
xAPI endpoint, what a change rebuilds, and its usage errors."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sbfa_pack.cli import main
from sbfa_pack.preview.cli import open_preview
from sbfa_pack.preview.session import Choice, Session

ROOTS = Path(__file__).resolve().parents[1] / "roots"
SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = tmp_path / "basic"
    shutil.copytree(ROOTS / "basic", root)
    return root


@pytest.fixture()
def running(project: Path) -> Iterator[tuple[Any, int]]:
    session = Session(project, Choice("course:first-steps", "en", "xapi"))
    session.rebuild()
    server, watcher = open_preview(session)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield server, server.server_address[1]
    watcher.stop.set()
    server.shutdown()
    server.server_close()


def request(port: int, method: str, path: str, body: Any = None, host: str | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": host or f"127.0.0.1:{port}", "Content-Type": "application/json"}
    conn.request(method, path, None if body is None else json.dumps(body), headers)
    answer = conn.getresponse()
    data = answer.read()
    conn.close()
    return answer.status, data


def test_listens_on_loopback_only_and_refuses_other_host_names(running: tuple[Any, int]) -> None:
    """Issue 16 item 4: the socket is bound to 127.0.0.1, and a request naming another host (a DNS
    rebinding page) is refused; the package files are served from memory, the shell with a CSP."""
    server, port = running
    assert server.socket.getsockname()[0] == "127.0.0.1"
    assert request(port, "GET", "/", host="attacker.example:80")[0] == 421
    status, _ = request(port, "GET", "/pkg/tincan.xml")
    assert status == 200
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/")
    answer = conn.getresponse()
    answer.read()
    assert "script-src 'self'" in (answer.getheader("Content-Security-Policy") or "")
    assert request(port, "GET", "/pkg/../sbfa.yaml")[0] == 404


def test_xapi_endpoint_keeps_statements_and_state(running: tuple[Any, int]) -> None:
    """Issue 16 item 5: POST/PUT/GET statements and the State API the xapi adapter uses."""
    server, port = running
    actor = {"mbox": "mailto:a@example.org"}
    st = {"actor": actor, "verb": {"id": "http://adlnet.gov/expapi/verbs/launched"}, "object": {"id": "urn:x"}}
    status, data = request(port, "POST", "/xapi/statements", [st])
    assert status == 200 and len(json.loads(data)) == 1
    assert request(port, "PUT", "/xapi/statements?statementId=7a0b6b3e-1c1d-4c1e-9d1a-000000000001", st)[0] == 204
    assert request(port, "POST", "/xapi/statements", {"verb": {}})[0] == 400
    assert len(json.loads(request(port, "GET", "/xapi/statements")[1])["statements"]) == 2
    q = "activityId=urn%3Ax&agent=%7B%7D&stateId=s"
    assert request(port, "GET", f"/xapi/activities/state?{q}")[0] == 404
    assert request(port, "PUT", f"/xapi/activities/state?{q}", {"s": "abc"})[0] == 204
    assert json.loads(request(port, "GET", f"/xapi/activities/state?{q}")[1]) == {"s": "abc"}
    assert len(server.store.log()) == 2
    assert request(port, "POST", "/preview/reset")[0] == 200
    assert server.store.log() == [] and server.store.documents == {}


def test_only_changes_that_can_affect_the_unit_on_show_rebuild_it(project: Path) -> None:
    """Issue 16 item 6: another course's files do not rebuild the course on show; its own files,
    translations, toolkit and the project file do."""
    session = Session(project, Choice("course:first-steps", "en", "scorm12"))
    assert not session.affected_by([project / "courses" / "other" / "course.yaml"])
    for changed in ("courses/first-steps/welcome.md", "locales/de/LC_MESSAGES/x.po", "toolkit/swot.yaml",
                    "sbfa.yaml", "resources/bank.yaml"):
        assert session.affected_by([project / changed]), changed
    exercise = Session(project, Choice("exercise:swot", "en", "scorm12"))
    assert not exercise.affected_by([project / "courses" / "first-steps" / "welcome.md"])


def test_a_failing_build_keeps_its_diagnostics_with_places(project: Path) -> None:
    """Issue 16 item 7: a state too large for SCORM 1.2 or broken YAML become diagnostics
    (file:line:col), never an exception: the overlay shows them."""
    session = Session(project, Choice("course:first-steps", "en", "scorm12"))
    snap = session.rebuild()
    assert not snap.ok and snap.files == {}
    assert any(d.code == "scorm12.state-too-large" for d in snap.diagnostics)
    (project / "courses" / "first-steps" / "course.yaml").write_text("id: [broken\n")
    snap = session.rebuild()
    assert not snap.ok and str(snap.diagnostics[0]).startswith("courses/first-steps/course.yaml:")
    assert snap.generation == 2


def test_unknown_language_is_a_usage_error(project: Path) -> None:
    """Issue 16 item 8: a language the project does not have: one line, exit 2, nothing served."""
    result = CliRunner().invoke(main, ["preview", str(project), "--lang", "xx"])
    assert result.exit_code == 2
    assert "language 'xx' is not in the project's 'languages' (en)" in result.output
    assert "Traceback" not in result.output


def _listening(port: int) -> list[str]:
    """The local addresses of listening TCP sockets on ``port`` (Linux /proc)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hexport = fields[1].split(":")
            if int(hexport, 16) == port and fields[3] == "0A":
                found.append(address)
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the socket table in /proc")
def test_ctrl_c_stops_cleanly_and_the_process_listens_on_loopback(project: Path) -> None:
    """Issue 16 item 9: `sbfa-pack preview` prints its URL, its only listening socket is
    127.0.0.1, and SIGINT stops it with exit 130 and one line, no traceback."""
    with (project / "sbfa.yaml").open("a") as fh:
        fh.write("scorm:\n  state_overflow: browser\n")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.Popen([sys.executable, "-c", "from sbfa_pack.cli import main; main()", "preview", str(project)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        lines = []
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("Preview: "):
                break
        url = lines[-1].split()[1]
        assert url.startswith("http://127.0.0.1:"), lines
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        assert _listening(port) == ["0100007F"]  # 127.0.0.1, and nothing on IPv6
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == "sbfa-pack: preview stopped"


def test_the_watcher_sees_sources_translations_and_theme_but_not_other_folders(project: Path) -> None:
    """Issue 16 item 11: a changed Markdown file, a new translation and a theme template are seen;
    a folder that is not part of the project's sources (dist/, tools) is not walked."""
    from sbfa_pack.preview.watch import changes, stamp

    theme = project / "theme"
    theme.mkdir()
    (theme / "header.html.j2").write_text("<header></header>")
    before = stamp(project, [theme])
    (project / "courses" / "first-steps" / "welcome.md").write_text("# Changed\n\nAnother text.\n")
    (project / "locales" / "de").mkdir(parents=True)
    (project / "locales" / "de" / "first-steps.po").write_text('msgid ""\nmsgstr ""\n')
    (theme / "header.html.j2").write_text("<header>new</header>")
    (project / "dist").mkdir()
    (project / "dist" / "x.zip").write_bytes(b"PK")
    (project / "src").mkdir()
    (project / "src" / "tool.py").write_text("print()\n")
    found = {p.relative_to(project).as_posix() for p in changes(before, stamp(project, [theme]))}
    assert found == {"courses/first-steps/welcome.md", "locales/de/first-steps.po", "theme/header.html.j2"}


def test_only_addresses_beyond_loopback_get_a_warning() -> None:
    """Issue 16 item 12: --host other than loopback is allowed when asked, with a warning line."""
    from sbfa_pack.preview.cli import exposure

    for quiet in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        assert exposure(quiet) is None
    for loud in ("0.0.0.0", "192.168.1.20", "::", "my-laptop.local"):
        warning = exposure(loud)
        assert warning and warning.startswith(f"sbfa-pack: warning: listening on {loud}:")


def test_a_port_in_use_is_one_error_line(project: Path) -> None:
    """Issue 16 item 13: a busy --port: one line, exit 1, no traceback."""
    import socket

    with (project / "sbfa.yaml").open("a") as fh:
        fh.write("scorm:\n  state_overflow: browser\n")
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    try:
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["preview", str(project), "--port", str(port)])
    finally:
        busy.close()
    assert result.exit_code == 1, result.output
    assert f"sbfa-pack: error: cannot listen on 127.0.0.1 port {port}: " in result.output
    assert "Traceback" not in result.output


def test_switching_language_rebuilds_that_language_and_tells_the_shells(tmp_path: Path) -> None:
    """Issue 16 item 14: the language switch (POST /preview/select) builds the course in the
    chosen language of the project and announces it as a build event."""
    root = tmp_path / "i18n"
    shutil.copytree(ROOTS / "i18n", root)
    session = Session(root, Choice("course:money-basics", "en", "xapi"))
    assert session.rebuild().languages == ("en", "de", "pl", "ar")
    server, watcher = open_preview(session)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        status, data = request(port, "POST", "/preview/select", {"language": "de"})
        answer = json.loads(data)
        assert status == 200 and answer["language"] == "de" and answer["ok"], answer["diagnostics"]
        assert b'lang="de"' in server.session.current.files["index.html"]
        assert server.hub.events[-1][1] == "build" and json.loads(server.hub.events[-1][2])["language"] == "de"
        cross = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        cross.request("POST", "/preview/select", "{}", {"Origin": "http://attacker.example"})
        assert cross.getresponse().status == 403  # another origin cannot drive the preview
    finally:
        watcher.stop.set()
        server.shutdown()
        server.server_close()


def test_opened_on_a_broken_project_file_it_shows_why_then_the_first_course(project: Path) -> None:
    """Issue 16 item 16: a broken sbfa.yaml at start is an overlay, not a crash; once fixed, the
    preview shows the project's first course."""
    from sbfa_pack.preview.session import start

    good = (project / "sbfa.yaml").read_text()
    (project / "sbfa.yaml").write_text("name: [broken\n")
    unit, language, _extra = start(project, None, None)
    session = Session(project, Choice(unit, language, "xapi"))
    snap = session.rebuild()
    assert not snap.ok and str(snap.diagnostics[0]).startswith("sbfa.yaml:2:1: error[yaml.syntax]")
    (project / "sbfa.yaml").write_text(good)
    snap = session.rebuild()
    assert snap.ok and snap.choice.unit == "course:first-steps" and "index.html" in snap.files


def test_while_a_build_is_broken_the_last_good_package_is_still_served(running: tuple[Any, int],
                                                                        project: Path) -> None:
    """Issue 16 item 17: under the overlay the package keeps running: its files come from the last
    good build, while the status says what is wrong."""
    server, port = running
    (project / "courses" / "first-steps" / "course.yaml").write_text("id: [broken\n")
    assert not server.session.rebuild().ok
    assert request(port, "GET", "/pkg/tincan.xml")[0] == 200
    status = json.loads(request(port, "GET", "/preview/status")[1])
    assert status["ok"] is False and "courses/first-steps/course.yaml:" in status["diagnostics"]


def test_a_build_with_notes_works_and_prints_them_with_its_time(tmp_path: Path, capsys: Any) -> None:
    """Issue 16 item 18: the terminal shows the rebuild time, and the warnings and notes of a build
    that works (here: no German catalog yet), in the usual file:line form."""
    from sbfa_pack.preview.cli import _report

    root = tmp_path / "i18n"
    shutil.copytree(ROOTS / "i18n", root)
    snap = Session(root, Choice("course:money-basics", "de", "xapi")).rebuild()
    assert snap.ok
    _report(snap)
    out, err = capsys.readouterr()
    assert re.fullmatch(r"Rebuilt money-basics \(de, xapi\) in \d+\.\d\d s\n", out)
    assert err.startswith("locales/de: note[i18n.missing]: no de catalog for budget")
