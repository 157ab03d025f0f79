"""Structure-aware fuzzing of course projects through the command line (issue 19, "Must show").

Sources (YAML), Markdown, PO catalogs and packages are mutated from small valid samples and run
through ``sbfa-pack validate`` and ``build``: the exit status is 0, 1 or 2, never a traceback,
never a hang; memory stays bounded; every package a mutant builds passes ``validate`` and carries
no resource from the web. ``test_fuzz_pages_start_in_chromium`` opens three of them in Chromium.

About a minute in all by default (fixed seeds, so a failure reproduces); a longer hunt:
``SBFA_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/fuzz -p no:cacheprovider``.
"""

from __future__ import annotations

import io
import re
import resource
import zipfile
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from fuzz_support import (
    EXAMPLES,
    PER_RUN_SECONDS,
    copy_root,
    examples,
    mutated_text,
    mutated_yaml,
    run,
    write,
)
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from peak import validate_with_peak
from sbfa_pack.markdown import is_external
from sbfa_pack.validate import validate_package

MAX_GROWTH_MB = 300
FORMATS = ["--format", "web", "--format", "scorm12", "--format", "xapi", "--format", "cmi5"]


def _fetched_from_the_web(page: bytes) -> list[str]:
    """The src, poster and srcset values of a page's elements that point to the web."""
    tree = lxml.html.document_fromstring(page)
    return [f"<{el.tag} {name}={value}>" for el in tree.iter() if isinstance(el.tag, str)
            for name, value in el.attrib.items()
            if name in ("src", "poster", "srcset")
            and any(is_external(c.split()[0]) for c in value.split(",") if c.split())]


def _settings(default: int) -> Any:
    # The default run does not shrink a failure (that can take minutes): it reports the input as
    # found; a long run (SBFA_FUZZ_EXAMPLES) shrinks it to the smallest.
    phases = list(Phase) if EXAMPLES else [Phase.explicit, Phase.reuse, Phase.generate]
    return settings(max_examples=examples(default), deadline=None, database=None, derandomize=not EXAMPLES,
                    suppress_health_check=list(HealthCheck), print_blob=True, phases=phases)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.fixture(scope="module", autouse=True)
def bounded_memory() -> Any:
    """The whole module's runs together may grow the process by at most MAX_GROWTH_MB."""
    before = _peak_mb()
    yield
    assert _peak_mb() - before < MAX_GROWTH_MB


def check_project(root: Path, *, build: bool = True) -> list[Path]:
    """validate, then (when it passes) build every format; each package must validate and fetch
    nothing from the web. The packages built."""
    checked = run("validate", str(root))
    if checked.exit_code != 0 or not build:
        return []
    built = run("build", str(root), "-j", "1", *FORMATS)
    zips = sorted((root / "dist").glob("**/*.zip"))
    if built.exit_code != 0:
        return []
    assert zips, built.output
    for package in zips:
        if not package.name.endswith("-web.zip"):  # a web package is a plain site: no manifest to check
            report = validate_package(package)
            errors = [str(d) for d in report.diagnostics if d.severity == "error"]
            assert not errors, (package.name, errors)
        with zipfile.ZipFile(package) as zf:
            for name in zf.namelist():
                if name.endswith(".html"):
                    assert not _fetched_from_the_web(zf.read(name)), (package.name, name)
    return zips


SOURCES = ["courses/first-steps/course.yaml", "toolkit/swot.yaml", "resources/bank.yaml", "sbfa.yaml"]


def _basic(tmp: Path) -> Path:
    root = copy_root("basic", tmp)
    project = root / "sbfa.yaml"  # SCORM 1.2 packages of this sample need the browser's help for long notes
    project.write_text(project.read_text(encoding="utf-8") + "scorm: {state_overflow: browser}\n", encoding="utf-8")
    return root


@_settings(80)
@given(data=st.data())
def test_fuzz_yaml_sources(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    """Issue 19 (must show): mutated course, exercise, resource and project files."""
    root = _basic(tmp_path_factory.getbasetemp() / "yaml")
    name = data.draw(st.sampled_from(SOURCES))
    path = root / name
    write(path, data.draw(mutated_yaml(path.read_text(encoding="utf-8"))))
    check_project(root)


@_settings(50)
@given(data=st.data())
def test_fuzz_markdown(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    """Issue 19 (must show): Markdown with hostile fragments (raw HTML, media from the web, control
    characters, brackets); no resource from the web reaches a built page."""
    root = _basic(tmp_path_factory.getbasetemp() / "md")
    path = root / "courses/first-steps/welcome.md"
    write(path, data.draw(mutated_text(path.read_text(encoding="utf-8"))))
    check_project(root)


def _po_texts() -> st.SearchStrategy[str]:
    return st.sampled_from(["Привіт", "<img src=a.png alt=a>", "[x](https://e.org)", "ok", "%s", "a\\nb",
                            "\\t", "![x](https://e.org/y.png)", "<script>x</script>", "\\\"", "&amp;",
                            "<img src='//e.org/p.png' alt=p>", "> " * 150, "\x1b[31m", "\x0b", "\x00", "\x85",
                            "\u2028"])


@_settings(20)
@given(data=st.data())
def test_fuzz_po_catalogs(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    """Issue 19 (must show): PO catalogs with mutated translations, flags and syntax.

    With control characters in translations (items 5 and 14), blank translations (item 7) and
    unusable ``max-length`` flags (item 4)."""
    root = copy_root("i18n-rtl", tmp_path_factory.getbasetemp() / "po")
    catalog = root / "locales" / data.draw(st.sampled_from(["uk", "el", "ar"])) / "first-week.po"
    text = catalog.read_text(encoding="utf-8")
    msgstrs = [m.start(1) for m in re.finditer(r'^msgstr "(.)', text, re.MULTILINE)]
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.sampled_from(msgstrs)) if msgstrs else 0
        text = text[:at] + data.draw(_po_texts()) + text[at:]
    if data.draw(st.booleans()):  # a translation that is only a space or a line break
        blank = data.draw(st.sampled_from(['msgstr " "', 'msgstr "\\n"', 'msgstr "\\t \\n"']))
        text = re.sub(r'^msgstr "[^"\n]+"$', lambda _m: blank, text, count=1, flags=re.MULTILINE)
    if data.draw(st.booleans()):
        flag = data.draw(st.sampled_from(["9" * 5000, "-1", "x", "1e9", ""]))
        text = text.replace("\nmsgid ", f"\n#, max-length:{flag}\nmsgid ", 1)
    if data.draw(st.booleans()):
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(st.sampled_from(['"', "\n", "msgid ", "#, fuzzy\n", "msgctxt "])) + text[at:]
    catalog.write_text(text, encoding="utf-8")
    check_project(root)


@pytest.fixture(scope="module")
def built_package(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    root = _basic(tmp_path_factory.mktemp("pkg"))
    run("build", str(root), "-j", "1", "--format", "scorm12")
    [package] = sorted((root / "dist").glob("**/first-steps-*.zip"))
    return package.read_bytes()


@pytest.mark.filterwarnings("ignore:Duplicate name")
@_settings(200)
@given(data=st.data())
def test_fuzz_packages(tmp_path_factory: pytest.TempPathFactory, built_package: bytes, data: st.DataObject) -> None:
    """Issue 19 (must show): damaged packages (bytes, entries, names) through ``validate``."""
    target = tmp_path_factory.getbasetemp() / "case.zip"
    buf = bytearray(built_package)
    how = data.draw(st.sampled_from(["flip", "truncate", "insert", "entry"]))
    if how == "flip":
        for _ in range(data.draw(st.integers(1, 8))):
            buf[data.draw(st.integers(0, len(buf) - 1))] = data.draw(st.integers(0, 255))
    elif how == "truncate":
        del buf[data.draw(st.integers(0, len(buf) - 1)):]
    elif how == "insert":
        at = data.draw(st.integers(0, len(buf)))
        buf[at:at] = data.draw(st.binary(min_size=1, max_size=32))
    else:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(bytes(buf))) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                dst.writestr(info, src.read(info))
            name = data.draw(st.sampled_from(["../x", "/abs", "a\\b.html", "café.html", "x/", "imsmanifest.xml",
                                              "index.html", "a\x1bb.html"]))
            dst.writestr(name, data.draw(st.binary(max_size=64)))
        buf = bytearray(out.getvalue())
    target.write_bytes(bytes(buf))
    run("validate", str(target))


@pytest.mark.parametrize("splice", ["keywords: [" + "1," * 900_000 + "1]\n", "title: " + "9" * 5000 + "\n"])
def test_fuzz_subprocess_bounded(tmp_path: Path, splice: str) -> None:
    """Issue 19 (must show): a real process on the largest inputs, memory measured by the kernel."""
    root = _basic(tmp_path / "p")
    course = root / SOURCES[0]
    course.write_text(course.read_text(encoding="utf-8").replace("modules:", splice + "modules:", 1), encoding="utf-8")
    proc, peak_mb = validate_with_peak(root, timeout=PER_RUN_SECONDS)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert peak_mb < 300


@pytest.mark.browser
def test_fuzz_pages_start_in_chromium(tmp_path: Path, page: Any, serve: Any) -> None:
    """Issue 19 (must show): the first three mutants that build (sources or Markdown): each web
    package's page starts in Chromium with no script error."""
    from learner_support import console_errors, ready

    sites: list[Path] = []

    @_settings(80)
    @given(data=st.data())
    def hunt(data: st.DataObject) -> None:
        root = _basic(tmp_path / "mutant")
        if data.draw(st.booleans()):
            path = root / data.draw(st.sampled_from(SOURCES[:2]))
            text = data.draw(mutated_yaml(path.read_text(encoding="utf-8")))
        else:
            path = root / "courses/first-steps/welcome.md"
            text = data.draw(mutated_text(path.read_text(encoding="utf-8")))
        if len(sites) >= 3:  # after the draws, so that every run draws alike
            return
        write(path, text)
        for package in check_project(root):
            if package.name.startswith("first-steps-") and package.name.endswith("-web.zip"):
                site = tmp_path / f"site{len(sites)}"
                with zipfile.ZipFile(package) as zf:
                    zf.extractall(site)
                sites.append(site)

    hunt()
    assert len(sites) == 3
    for site in sites:
        errors = console_errors(page)
        ready(page, serve(site) + "/index.html")
        assert not errors, (site, errors)
