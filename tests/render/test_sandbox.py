"""A project's templates are untrusted input: they render in a sandbox, see only the names the
README documents, and read no file outside the project (Issue 19 items 1 and 2)."""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from jinja2.exceptions import SecurityError

from sbfa_pack.cli import main
from sbfa_pack.render import TemplateProblem, render_unit
from sbfa_pack.render.sandbox import Sandbox
from sbfa_pack.unit import Unit

ATTACKS = [
    "{{ lipsum.__globals__['os'].popen('touch PWNED').read() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ joiner() }}{{ namespace(a=1) }}",
    "{{ os.environ }}",
    "{{ config }}",
    "{{ self._TemplateReference__context }}",
    "{{ T.__call__.__globals__ }}",
    "{{ course.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ '{0.__class__}'.format(course) }}",
    "{{ unit.root }}",
    "{{ unit.root.joinpath('sbfa.yaml').read_text() }}",
    "{{ dict.mro() }}",
    "{{ course.modules.append(1) }}",
    "{{ range(10**9)|length }}",
    "{% for i in range(2000) %}{% for j in range(2000) %}{% endfor %}{% endfor %}",
    "{{ 'x' * 10**9 }}",
    "{{ 9 ** 99999999 }}",
    "{{ 1 / 0 }}",
]


def _with_templates(unit: Unit, root: Path) -> Unit:
    theme = unit.project.theme.model_copy(update={"templates": "brand"})
    return replace(unit, project=unit.project.model_copy(update={"theme": theme}), root=root)


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_template_cannot_reach_internals_files_or_unbounded_work(
        basic_unit: Unit, tmp_path: Path, attack: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19 item 1: each is an error at the template's file and line, never executed."""
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "footer.html.j2").write_text(f"<footer>\n{attack}\n</footer>\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(TemplateProblem) as caught:
        render_unit(_with_templates(basic_unit, tmp_path), "web")
    assert (caught.value.file, caught.value.line) == ("brand/footer.html.j2", 2)
    assert caught.value.code == "theme.template"
    assert not (tmp_path / "PWNED").exists()


def test_the_documented_names_still_work_in_an_override(basic_unit: Unit, tmp_path: Path) -> None:
    """Issue 19 item 1: the README's names (T, course, lesson, module, unit, lang, dir) stay usable."""
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "lesson.html.j2").write_text(
        '<section class="lesson" id="sbfa-l-{{ lesson.id }}">{{ module.title }}|{{ unit.id }}|{{ lang }}|{{ dir }}|'
        '{{ course.title }}|{{ T("next") }}|{% for i in range(2) %}{{ i }}{% endfor %}|{{ 2 ** 10 }}</section>\n')
    html = render_unit(_with_templates(basic_unit, tmp_path), "web")["index.html"].decode()
    assert f"|{basic_unit.id}|en|ltr|" in html and "|01|1024</section>" in html


def test_a_path_object_exposes_nothing() -> None:
    """Issue 19 item 1: even a path handed to a template cannot be read through."""
    with pytest.raises(SecurityError):
        Sandbox().from_string("{{ p.read_text() }}").render(p=Path("/etc/hostname"))


def _project(roots: Path, tmp_path: Path, theme: str) -> Path:
    project = tmp_path / "project"
    shutil.copytree(roots / "basic", project)
    with (project / "sbfa.yaml").open("a") as fh:
        fh.write("theme:\n" + theme)
    return project


def _errors(project: Path, command: str = "build") -> list[str]:
    args = [command, str(project)] + (["--format", "web"] if command == "build" else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return [line for line in result.output.splitlines() if "error[" in line]


@pytest.mark.parametrize("logo", ["../secret.svg", "/SECRET/secret.svg", "brand/link.svg"])
def test_a_logo_outside_the_project_is_an_error(roots: Path, tmp_path: Path, logo: str) -> None:
    """Issue 19 item 2: theme.logo outside the project (.., absolute, a link) is never shipped."""
    secret = tmp_path / "secret.svg"
    secret.write_text('<svg xmlns="http://www.w3.org/2000/svg"><!-- SECRET --></svg>')
    project = _project(roots, tmp_path, f"  logo: {logo.replace('/SECRET', str(tmp_path))}\n")
    (project / "brand").mkdir()
    (project / "brand" / "link.svg").symlink_to(secret)
    for command in ("validate", "build"):
        errors = _errors(project, command)
        assert any(e.startswith("sbfa.yaml:") and "error[ref.outside]" in e and "theme.logo" in e
                   for e in errors), errors
    assert not list((project / "dist").glob("*.zip"))


def test_a_templates_folder_outside_the_project_is_an_error(roots: Path, tmp_path: Path) -> None:
    """Issue 19 item 2: theme.templates must be a folder inside the project."""
    (tmp_path / "elsewhere").mkdir()
    project = _project(roots, tmp_path, "  templates: ../elsewhere\n")
    errors = _errors(project, "validate")
    assert any("error[ref.outside]" in e and "theme.templates" in e for e in errors), errors


def test_a_linked_template_or_include_leading_out_is_an_error(roots: Path, tmp_path: Path) -> None:
    """Issue 19 item 2: a link in the templates folder (an override or an include target) that
    leads outside the project is refused by validate and by the render, never read."""
    secret = tmp_path / "passwd"
    secret.write_text("root:SECRET\n")
    project = _project(roots, tmp_path, "  templates: brand\n")
    (project / "brand").mkdir()
    (project / "brand" / "footer.html.j2").write_text('<footer>{% include "bits/x.txt" %}</footer>\n')
    (project / "brand" / "bits").mkdir()
    (project / "brand" / "bits" / "x.txt").symlink_to(secret)
    errors = _errors(project, "validate")
    assert any(e.startswith("brand/bits/x.txt:") and "error[ref.outside]" in e for e in errors), errors
    # The render refuses it too (a unit built in code skips the loader's checks).
    from render_support import course_unit

    unit = replace(course_unit(roots / "basic"), project=course_unit(roots / "basic").project.model_copy(
        update={"theme": course_unit(roots / "basic").project.theme.model_copy(update={"templates": "brand"})}),
        root=project)
    with pytest.raises(TemplateProblem, match="leads outside the project") as caught:
        render_unit(unit, "web")
    assert caught.value.file == "brand/bits/x.txt"


@pytest.mark.parametrize("kind", ["broken", "loop", "fifo"])
def test_an_unreadable_override_is_one_error(basic_unit: Unit, tmp_path: Path, kind: str) -> None:
    """Issue 19 item 2: a broken link, a link loop or a FIFO among the templates is an error
    naming it, never a traceback or a hang."""
    brand = tmp_path / "brand"
    brand.mkdir()
    footer = brand / "footer.html.j2"
    if kind == "broken":
        footer.symlink_to(tmp_path / "nothing")
    elif kind == "loop":
        footer.symlink_to(footer)
    else:
        os.mkfifo(footer)
    # Should a reader open the FIFO (the bug), a writer lets it go after 5 s: a failure, not a hang.
    release = threading.Timer(5, _release, (footer,))
    release.daemon = True
    release.start()
    try:
        with pytest.raises(TemplateProblem) as caught:
            render_unit(_with_templates(basic_unit, tmp_path), "web")
    finally:
        release.cancel()
    assert caught.value.file == "brand/footer.html.j2"


def _release(fifo: Path) -> None:
    with contextlib.suppress(OSError):  # no reader: nothing to release
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
