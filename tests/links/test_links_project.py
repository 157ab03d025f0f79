"""Issue 15 (link health): links check over a project: where each URL is written, the cache file
(the contract with ``sbfa-pack site``), the command's output and exit codes, offline."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from linkserver import servers

from sbfa_pack.cli import main
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.links import CACHE_FILE, Checker, Settings, check_links
from sbfa_pack.links.cache import dumps
from sbfa_pack.links.collect import collect
from sbfa_pack.load import load_project

ROOTS = Path(__file__).resolve().parents[1] / "roots"
FAST = Settings(timeout=0.3, retries=1, backoff=0.01, host_delay=0.0, allow_private=True)
OPTIONS = ["--timeout", "0.3", "--retries", "1", "--host-delay", "0", "--allow-private"]


def _project(root: Path, base: str) -> Path:
    """A small project whose links point at ``base`` (the test server): a resource-bank entry, a
    Markdown link and an autolink in a lesson file, and a checklist step."""
    (root / "resources").mkdir(parents=True)
    (root / "toolkit").mkdir()
    (root / "courses" / "c").mkdir(parents=True)
    (root / "sbfa.yaml").write_text("name: Links\nsource_language: en\nlanguages: [en]\nformats: [web]\n")
    (root / "resources" / "bank.yaml").write_text(
        "resources:\n  - id: portal\n    title: The portal\n"
        f"    url: {base}/ok\n"
        f"    description: \"Forms; see also [the guide]({base}/moved).\"\n"
        "    kind: portal\n    countries: [eu]\n    topics: [registration]\n    languages: [en]\n")
    (root / "toolkit" / "steps.yaml").write_text(
        "id: steps\nkind: checklist\nversion: 1.0.0\ntitle: First steps\ndescription: Steps.\nlanguage: en\n"
        "instructions: Tick what you have done.\nexample: Done.\nduration_minutes: 5\n"
        "groups:\n  - id: start\n    title: Start\n"
        "    items:\n      - id: read\n        text: I read the guide.\n"
        f"        url: \"{base}/gone\"\n")
    (root / "courses" / "c" / "course.yaml").write_text(
        "id: c\nversion: 1.0.0\ntitle: C\ndescription: A course.\nlanguage: en\nduration_minutes: 10\n"
        "completion:\n  lessons: all\nmodules:\n  - id: m\n    title: M\n    lessons:\n"
        "      - id: p\n        kind: page\n        title: P\n        body_file: page.md\n")
    (root / "courses" / "c" / "page.md").write_text(f"Read [the guide]({base}/ok) first.\nThen see <{base}/gone>.\n")
    return root


def test_urls_are_found_with_their_places() -> None:
    """Issue 15 (link health): every external URL (resource bank, Markdown in lessons, quizzes and
    exercises, checklist steps, inline resources) with every file:line:col where it is written."""
    lp = load_project(ROOTS / "links", Diagnostics())
    assert lp is not None
    places = {url: [str(p) for p in spots] for url, spots in collect(lp).items()}
    assert sorted(places) == ["https://guide.example.org/", "https://portal.example.org/",
                              "https://register.example.org/", "https://tax.example.org/"]
    assert places["https://portal.example.org/"] == ["resources/help.yaml:4:10"]
    assert places["https://tax.example.org/"] == ["courses/links/course.yaml:58:55"]  # inside the quotes
    assert places["https://register.example.org/"] == ["toolkit/steps.yaml:14:176"]
    guide = places["https://guide.example.org/"]
    assert len(guide) == 14 and guide[0] == "courses/links/course.yaml:18:32" and "resources/help.yaml:5:70" in guide
    for spot in guide:  # each place is where the URL itself starts
        file, line, column = spot.rsplit(":", 2)
        text = (ROOTS / "links" / file).read_text().split("\n")[int(line) - 1]
        assert text[int(column) - 1:].startswith("https://guide.example.org/"), spot


def test_report_and_cache_file(tmp_path: Path) -> None:
    """Issue 15 (link health): dead and moved links are reported at their file:line:col, and
    links-checked.json has the agreed format: sorted keys, two-space indent, final newline,
    byte-identical for the same results, entries of URLs no longer in the project dropped."""
    with servers() as ([srv], _):
        root = _project(tmp_path / "p", srv.url(""))
        (root / CACHE_FILE).write_text(json.dumps({"version": 1, "links": {"https://old.example/": {
            "checked": "2026-01-01T00:00:00Z", "status": 200, "final_url": "https://old.example/", "seconds": 0.1,
            "result": "ok", "error": ""}}}))
        checker = Checker(FAST, clock=lambda: "2026-12-03T17:00:00Z")
        report = check_links(root, FAST, checker=checker)
        first = (root / CACHE_FILE).read_bytes()
        again = check_links(root, FAST, checker=Checker(FAST, clock=lambda: "2026-12-03T17:00:00Z"))
        second = (root / CACHE_FILE).read_bytes()
    # The same results give the same bytes; only the seconds measured may differ between two runs.
    assert second == dumps(again.results).encode()
    assert re.sub(rb'"seconds": [0-9.]+', b"", second) == re.sub(rb'"seconds": [0-9.]+', b"", first)
    lines = [str(d) for d in report.diagnostics.sorted()]
    ok, moved, gone = srv.url("/ok"), srv.url("/moved"), srv.url("/gone")
    assert lines == [
        f"courses/c/page.md:2:11: warning[link.dead]: dead link {gone} (HTTP 404)",
        f"resources/bank.yaml:5:47: warning[link.redirected]: {moved} has moved permanently to {ok}: "
        "write the new address",
        f"toolkit/steps.yaml:16:15: warning[link.dead]: dead link {gone} (HTTP 404)",
    ]
    assert [str(d) for d in again.diagnostics.sorted()] == lines
    data = json.loads(first)
    assert first.decode() == json.dumps(data, indent=2, sort_keys=True) + "\n"
    assert data["version"] == 1 and sorted(data["links"]) == [gone, moved, ok]  # the old URL is dropped
    assert data["links"][moved] == {"checked": "2026-12-03T17:00:00Z", "status": 200, "final_url": ok,
                                    "seconds": data["links"][moved]["seconds"], "result": "redirected", "error": ""}
    assert data["links"][gone]["result"] == "dead" and data["links"][gone]["error"] == "HTTP 404"
    assert all(isinstance(e["seconds"], float) for e in data["links"].values())


def test_max_age_reuses_fresh_results(tmp_path: Path) -> None:
    """Issue 15 (link health): --max-age skips URLs checked more recently (their cached result is
    still reported); 0, the default, checks every one."""
    with servers() as ([srv], _):
        root = _project(tmp_path / "p", srv.url(""))
        check_links(root, FAST, checker=Checker(FAST))
        before = len(srv.log)
        report = check_links(root, FAST, max_age_days=1, checker=Checker(FAST))
        assert len(srv.log) == before  # nothing asked again
        assert report.checked_now == 0 and len(report.diagnostics.warnings) == 3
        check_links(root, FAST, checker=Checker(FAST))
        assert len(srv.log) > before


def test_cli_exit_codes_and_formats(tmp_path: Path) -> None:
    """Issue 15 (link health): dead and moved links are warnings (exit 0), errors with --strict
    (exit 1); the github format annotates the lines; text ends with a summary."""
    runner = CliRunner()
    with servers() as ([srv], _):
        root = _project(tmp_path / "p", srv.url(""))
        plain = runner.invoke(main, ["links", "check", str(root), *OPTIONS])
        strict = runner.invoke(main, ["links", "check", str(root), *OPTIONS, "--strict"])
        github = runner.invoke(main, ["links", "check", str(root), *OPTIONS, "--format", "github"])
        as_json = runner.invoke(main, ["links", "check", str(root), *OPTIONS, "--format", "json"])
    assert plain.exit_code == 0, plain.output
    assert "warning[link.dead]" in plain.stderr
    assert "3 link(s): 1 ok, 1 redirected, 1 dead, 0 slow, 0 could not be checked" in plain.stderr
    assert strict.exit_code == 1
    assert github.exit_code == 0
    assert "::warning file=courses/c/page.md,line=2,col=11,title=link.dead::dead link" in github.stdout
    found = json.loads(as_json.stdout)
    assert [(d["file"], d["line"], d["code"]) for d in found] == [
        ("courses/c/page.md", 2, "link.dead"), ("resources/bank.yaml", 5, "link.redirected"),
        ("toolkit/steps.yaml", 16, "link.dead")]


def test_cli_offline_exit_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 15 (link health): offline (no name resolves), links check says so in one line,
    leaves links-checked.json untouched and exits 3; it never marks a link dead."""
    root = _project(tmp_path / "p", "https://nowhere.invalid")
    (root / CACHE_FILE).write_text("kept as it was\n")

    def no_dns(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    result = CliRunner().invoke(main, ["links", "check", str(root), *OPTIONS])
    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    patched = CliRunner().invoke(main, ["links", "check", str(root / "courses"), *OPTIONS])
    for run in (result, patched):
        assert run.exit_code == 3, run.output
        assert re.fullmatch(r"sbfa-pack: cannot check links: this machine seems offline \(no host name "
                            r"resolves\); links-checked.json is unchanged\n", run.stderr)
        assert run.stdout == ""
    assert (root / CACHE_FILE).read_text() == "kept as it was\n"


def test_sources_with_errors_are_reported_and_nothing_checked(tmp_path: Path) -> None:
    """Issue 15 (link health): a source that does not load hides its links: its errors are
    reported (exit 1) and nothing is checked or written."""
    root = _project(tmp_path / "p", "https://nowhere.invalid")
    (root / "resources" / "bank.yaml").write_text("resources:\n  - id: [\n")
    result = CliRunner().invoke(main, ["links", "check", str(root), *OPTIONS])
    assert result.exit_code == 1
    assert re.match(r"resources/bank.yaml:\d+:\d+: error\[yaml", result.stderr)
    assert not (root / CACHE_FILE).exists()


def test_addresses_beyond_ascii_keep_their_written_form(tmp_path: Path) -> None:
    """Issue 15 (link health): a Markdown link to https://bücher.de/Gründung is keyed and placed as
    written, though the Markdown parser percent-encodes it (and a url field written the same way
    is the same link)."""
    root = _project(tmp_path / "p", "https://bücher.de")
    page = root / "courses" / "c" / "page.md"
    page.write_text(page.read_text() + "Auf Deutsch: [Gründung](https://bücher.de/Gründung), <https://bücher.de/ok>.\n")
    lp = load_project(root, Diagnostics())
    assert lp is not None
    places = {url: [str(p) for p in spots] for url, spots in collect(lp).items()}
    assert places["https://bücher.de/Gründung"] == ["courses/c/page.md:3:25"]
    assert places["https://bücher.de/ok"] == ["courses/c/page.md:1:18", "courses/c/page.md:3:55",
                                              "resources/bank.yaml:4:10"]


def test_a_cache_that_cannot_be_used_is_replaced(tmp_path: Path) -> None:
    """Issue 15 (link health): a links-checked.json that is not a version 1 cache, or is a
    symbolic link (a project reads only its own files), is a warning; a new file replaces it."""
    outside = tmp_path / "elsewhere.json"
    outside.write_text('{"version": 1, "links": {}}')
    with servers() as ([srv], _):
        root = _project(tmp_path / "p", srv.url(""))
        for bad in ("not json", "link"):
            cache = root / CACHE_FILE
            cache.unlink(missing_ok=True)
            if bad == "link":
                cache.symlink_to(outside)
            else:
                cache.write_text(bad)
            report = check_links(root, FAST, checker=Checker(FAST))
            assert [str(d).split(": warning")[0] for d in report.diagnostics if d.code == "link.cache"] == [
                "links-checked.json:1:1"]
            assert not cache.is_symlink() and json.loads(cache.read_text())["version"] == 1
    assert outside.read_text() == '{"version": 1, "links": {}}'


def test_every_url_of_the_programme_is_found() -> None:
    """Issue 15 (link health): every `url:` line of the programme's resource bank and toolkit
    (found here by a plain text search) is collected at its line."""
    repo = ROOTS.parents[1]
    lp = load_project(repo, Diagnostics())
    assert lp is not None
    found = {(str(p).rsplit(":", 1)[0], url) for url, spots in collect(lp).items() for p in spots}
    expected = set()
    for folder in ("resources", "toolkit"):
        for path in sorted((repo / folder).glob("*.yaml")):
            for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
                m = re.match(r"\s*(?:- )?url: \"?(https?://[^\s\"]+)", line)
                if m:
                    expected.add((f"{folder}/{path.name}:{n}", m.group(1)))
    assert len(expected) > 50 and expected <= found
