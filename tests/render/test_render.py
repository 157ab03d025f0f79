"""render_unit: the page shell, the CSP, the embedded data, the runtime assembly (docs/runtime.md)."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest

from sbfa_pack.render import (
    RUNTIME_PARTS,
    boot_js,
    environment,
    render_unit,
    runtime_js,
    runtime_parts,
    static_file,
    stylesheet,
)
from sbfa_pack.render.data import data_json, direction
from sbfa_pack.unit import Unit


def _doc(files: dict[str, bytes]) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(files["index.html"])


def test_one_page_holds_every_lesson_and_only_the_welcome_is_shown(basic_unit: Unit) -> None:
    """Issue 12 item 1: a course's page opens on its welcome screen; every lesson waits hidden."""
    doc = _doc(render_unit(basic_unit, "none"))
    sections = doc.xpath("//main/section[@data-lesson]")
    assert [s.get("data-lesson") for s in sections] == [les.id for _, les in basic_unit.course.lessons()]
    assert all(s.get("hidden") is not None for s in sections)
    assert doc.get_element_by_id("sbfa-welcome").get("hidden") is None
    for s in sections:
        assert len(s.xpath(".//h1")) == 1


def test_csp_forbids_every_external_request_and_nothing_inline_needs_it(basic_unit: Unit) -> None:
    files = render_unit(basic_unit, "none")
    doc = _doc(files)
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "connect-src 'self';" in csp
    # The one stylesheet is inlined (a round trip less on a slow line), allowed by its own hash only.
    styles = doc.xpath("//style")
    assert len(styles) == 1 and styles[0].getparent().tag == "head"
    digest = base64.b64encode(hashlib.sha256(styles[0].text.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}';" in csp and "unsafe-inline" not in csp
    assert not doc.xpath("//*[@style]")
    scripts = doc.xpath("//script")
    assert [(s.get("src"), s.get("type")) for s in scripts] == [(None, None), ("sbfa.js", None),
                                                                (None, "application/json")]
    # The inline boot script (the first tap before sbfa.js has started) is allowed by its own hash only.
    digest = base64.b64encode(hashlib.sha256(scripts[0].text.encode()).digest()).decode()
    assert f"script-src 'self' 'sha256-{digest}';" in csp and scripts[0].text == boot_js()
    assert scripts[1].get("defer") is not None
    assert not doc.xpath("//*[@*[starts-with(name(), 'on')]]")
    text = b"".join(files[n] for n in ("index.html", "sbfa.js"))
    assert not re.search(rb"(src|href)=\"(https?:)?//(?!www\.brreg\.no)", text)  # links to resources only


def test_xapi_packages_may_reach_their_lrs(basic_unit: Unit) -> None:
    csp = _doc(render_unit(basic_unit, "xapi")).xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "connect-src 'self' http: https:" in csp


def test_embedded_data_carries_keys_rules_and_strings(basic_unit: Unit) -> None:
    doc = _doc(render_unit(basic_unit, "none"))
    data = json.loads(doc.xpath("//script[@id='sbfa-data']/text()")[0])
    assert data["id"] == "first-steps" and data["adapter"] == "none" and data["dir"] == "ltr"
    quiz = data["quizzes"]["final-quiz"]
    assert quiz["pass"] == 70  # the course's pass mark: it is assessed on this quiz alone
    assert quiz["questions"][0] == {"id": "q1", "type": "single-choice", "w": 1.0, "a": "a", "shuffle": True}
    assert quiz["questions"][1] == {"id": "q2", "type": "numeric", "w": 1.0, "a": 15.0, "tol": 0.0}
    assert data["completion"] == {"lessons": "all", "quizzes": ["final-quiz"]}
    assert data["strings"]["next"] == "Next"


def test_data_cannot_close_its_script_element() -> None:
    text = data_json({"x": "</script><script>alert(1)</script>", "y": "\u2028"})
    assert "</" not in text and "\u2028" not in text
    assert json.loads(text)["x"].startswith("</script>")


def test_runtime_parts_are_concatenated_in_contract_order() -> None:
    js = runtime_js("none").decode()
    names = re.findall(r"^/\* (\S+\.js) \*/$", js, re.MULTILINE)
    order = [p.partition("?")[0].format(adapter="none", common="") for p in RUNTIME_PARTS]  # optional parts too
    assert [n for n in names if "/" not in n or n.startswith("adapters/")] == [n for n in order if n in names]
    assert {"tracking.js", "quiz.js", "app.js"} <= set(names)
    assert "adapters/none.js" not in names  # the none adapter lives in tracking.js
    assert "\n//" not in js


def test_rtl_language_sets_direction_and_mirrors_nothing_by_hand(basic_unit: Unit) -> None:
    assert direction("ar") == "rtl" and direction("fa") == "rtl" and direction("de") == "ltr"
    doc = _doc(render_unit(replace(basic_unit, language="ar"), "none"))
    assert doc.get("dir") == "rtl" and doc.get("lang") == "ar"
    css = static_file("sbfa.css").decode()
    assert not re.search(r"(margin|padding|border)-(left|right)|\b(left|right)\s*:", css)
    # shorthands with four values are physical too
    assert not re.search(r"\b(margin|padding):\s*[^;\s]+\s+[^;\s]+\s+[^;\s]+\s+[^;\s]+\s*[;}]", css)


def test_lesson_kinds_render_their_parts(basic_unit: Unit) -> None:
    doc = _doc(render_unit(basic_unit, "none"))
    case = doc.xpath("//section[@data-lesson='amira']")[0]
    assert case.xpath(".//dl[@class='founder']") and "illustrative" in case.text_content()
    link = doc.xpath("//section[@data-lesson='links']//a")[0]
    assert link.get("target") == "_blank" and "noopener" in link.get("rel")
    assert doc.xpath("//section[@data-lesson='swot-ex']//div[@data-exercise='swot'][@data-widget='worksheet']")
    img = doc.xpath("//section[@data-lesson='welcome']//img")[0]
    assert img.get("alt") == "A shop front" and img.get("loading") == "lazy"
    quiz = doc.xpath("//form[@data-quiz='final-quiz']")[0]
    assert len(quiz.xpath(".//li[@data-q]")) == 2
    for control in quiz.xpath(".//input"):
        labelled = control.get("aria-labelledby") or quiz.xpath(f".//label[@for='{control.get('id')}']")
        assert labelled, lxml.html.tostring(control)


def test_rendering_is_deterministic(basic_unit: Unit) -> None:
    assert render_unit(basic_unit, "none") == render_unit(basic_unit, "none")


def test_the_formats_of_a_language_share_its_render_and_nothing_of_another_format(basic_unit: Unit) -> None:
    """The parts rendered once per language (header, contents, lessons, footer) are the same as a
    fresh render for each format, and the format's own values (adapter, CSP connect-src, data)
    never leak from one format into another."""
    shared = {adapter: render_unit(basic_unit, adapter)["index.html"] for adapter in ("scorm12", "xapi", "cmi5")}
    for adapter, page in shared.items():
        fresh = replace(basic_unit)  # another object: nothing remembered
        assert fresh is not basic_unit
        assert page == render_unit(fresh, adapter)["index.html"]
        doc = lxml.html.fromstring(page)
        assert doc.xpath("//body/@data-adapter") == [adapter]
    assert shared["scorm12"] != shared["xapi"] != shared["cmi5"]


def test_a_template_rendered_once_for_every_format_cannot_use_the_format(basic_unit: Unit, tmp_path: Path) -> None:
    """lesson.html.j2 (and what shared() renders) does not see the adapter: an override that asks
    for it fails with a one-line error at its file and line, instead of giving every format the
    first format's page."""
    from sbfa_pack.render import TemplateProblem

    project = tmp_path / "brand"
    project.mkdir()
    (project / "lesson.html.j2").write_text("<section>\n{{ adapter }}</section>")
    theme = basic_unit.project.theme.model_copy(update={"templates": "brand"})
    unit = replace(basic_unit, project=basic_unit.project.model_copy(update={"theme": theme}), root=tmp_path)
    with pytest.raises(TemplateProblem, match="'adapter' is undefined") as caught:
        render_unit(unit, "scorm12")
    assert (caught.value.file, caught.value.line) == ("brand/lesson.html.j2", 2)


def test_a_project_template_overrides_the_built_in_one(tmp_path: Path) -> None:
    (tmp_path / "footer.html.j2").write_text("<footer>partner footer</footer>")
    env = environment(tmp_path)
    assert env.get_template("footer.html.j2").render() == "<footer>partner footer</footer>"
    assert env.get_template("lesson.html.j2")  # the others stay built in


def test_xapi_and_cmi5_get_their_shared_part_before_their_own(basic_unit: Unit) -> None:
    for adapter in ("xapi", "cmi5"):
        names = re.findall(r"^/\* (\S+\.js) \*/$", runtime_js(adapter).decode(), re.MULTILINE)
        assert names.index("adapters/xapi-common.js") + 1 == names.index(f"adapters/{adapter}.js")
    data = json.loads(_doc(render_unit(basic_unit, "xapi")).xpath("//script[@id='sbfa-data']/text()")[0])
    assert "xapi" in data  # the profile: no extra request at launch


def test_the_assembled_runtime_is_valid_javascript(tmp_path: Path, basic_unit: Unit) -> None:
    """Issue 12 (runtime ≤ 32 KB gzip): the minified runtime (calmjs.parse, names
    shortened) and boot script still parse
    (node --check), every part keeps its ``/* name */`` line, no comment is left, and the worst case
    (cmi5, every optional part, with the stylesheet and the boot script) stays in the budget."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: `make test` sets it up (apt-get install nodejs)", pytrace=False)
    (tmp_path / "boot.js").write_text(boot_js())
    for adapter in ("none", "scorm12", "scorm2004", "xapi", "cmi5"):
        path = tmp_path / f"sbfa-{adapter}.js"
        js = runtime_js(adapter)
        path.write_bytes(js)
        markers = re.findall(r"^/\* (\S+\.js) \*/$", js.decode(), re.MULTILINE)
        assert markers == [name for name, _ in runtime_parts(adapter)] and len(markers) >= 10
        assert not re.search(r"[;{}]\s*//|/\*\*", js.decode())  # comments after code and doc comments gone
    for path in sorted(tmp_path.glob("*.js")):
        done = subprocess.run([node, "--check", str(path)], capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"{path.name}: {done.stderr}"
    worst = sum(len(gzip.compress(b, 9, mtime=0)) for b in (runtime_js("cmi5"), boot_js().encode(),
                                                              stylesheet(basic_unit)))
    assert worst <= 32 * 1024


def test_optional_runtime_parts_ship_only_with_the_feature(monkeypatch: pytest.MonkeyPatch, basic_unit: Unit) -> None:
    """Issue 12 (runtime ≤ 32 KB gzip): a part marked ``name.js?feature`` is in ``sbfa.js`` only
    when the unit uses that feature (a lesson kind, or a course's declared runtime feature)."""
    import sbfa_pack.render as render

    monkeypatch.setattr(render, "RUNTIME_PARTS", (*render.RUNTIME_PARTS, "links.js?survey"))
    runtime_js.cache_clear()
    try:
        every = runtime_js("scorm12").decode()
        assert every.count("/* links.js */") == 2  # no feature set: the worst case, every part
        assert runtime_js("scorm12", frozenset()).decode().count("/* links.js */") == 1
        assert runtime_js("scorm12", frozenset({"survey"})).decode().count("/* links.js */") == 2
        assert "page" in render.unit_features(basic_unit)
    finally:
        runtime_js.cache_clear()
