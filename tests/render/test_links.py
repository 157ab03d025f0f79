"""Links that leave the lesson open in a new tab or download, and say so (issue 17 item 14).

A link followed in the course's own window unloads the SCO (the LMS ends the session). These
tests read the rendered page; tests/e2e/test_links_session.py clicks the links in Chromium.
"""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest
from render_support import course_unit

from sbfa_pack import markdown
from sbfa_pack.i18n.ui import UI_LANGUAGES, ui_strings
from sbfa_pack.render import render_unit
from sbfa_pack.render.data import data_json


@pytest.mark.parametrize(("href", "kind"), [
    ("https://example.org/a", "tab"), ("http://example.org", "tab"), ("//cdn.example.org/x", "tab"),
    ("guide.pdf", "tab"), ("files/Guide.PDF#page=2", "tab"), ("photo.jpg", "tab"), ("notes.txt?x=1", "tab"),
    ("sheet.xlsx", "download"), ("form.docx", "download"), ("data/costs.csv", "download"), ("README", "download"),
    ("#h-page", "stay"), ("mailto:help@example.org", "stay"), ("tel:+4712345678", "stay"), ("", "stay"),
])
def test_each_target_is_classified(href: str, kind: str) -> None:
    """Issue 17 item 14: the web and packaged files a browser shows open in a new tab, other packaged
    files download; in-page anchors, mail and phone links stay as they are."""
    assert markdown.link_kind(href) == kind


def test_rendered_markdown_links_leave_in_a_new_tab_with_a_slot_for_the_words() -> None:
    """Issue 17 item 14: Markdown and raw HTML links alike (an author's own target is not kept)."""
    html = markdown.to_html('[web](https://example.org/?a=1&b=2 "T") [pdf](guide.pdf) [xlsx](sheet.xlsx) '
                            '[top](#top) [mail](mailto:a@example.org) <a href="x.pdf" target="_self">raw</a>')
    assert html == (
        '<p><a href="https://example.org/?a=1&amp;b=2" title="T" rel="noopener noreferrer" target="_blank">'
        'web<span class="sr nt"></span></a> '
        '<a href="guide.pdf" rel="noopener noreferrer" target="_blank">pdf<span class="sr nt"></span></a> '
        '<a href="sheet.xlsx" rel="noopener noreferrer" target="_blank" download>xlsx<span class="sr dl"></span></a> '
        '<a href="#top" rel="noopener noreferrer">top</a> '
        '<a href="mailto:a@example.org" rel="noopener noreferrer">mail</a> '
        '<a href="x.pdf" rel="noopener noreferrer" target="_blank">raw<span class="sr nt"></span></a></p>\n')
    assert markdown.inline_html("[web](https://example.org)") == (
        '<a href="https://example.org" rel="noopener noreferrer" target="_blank">web<span class="sr nt"></span></a>')
    # an author cannot forge the slot: the sanitiser drops the class
    assert markdown.to_html('<span class="sr nt"></span>') == "<p><span></span></p>\n"


def _anchors(html: str) -> list[lxml.html.HtmlElement]:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [a for a in root.iter("a") if not (a.get("href") or "#").startswith("#")]


def _check(anchors: list[lxml.html.HtmlElement], words: dict[str, str], where: str) -> int:
    for a in anchors:
        shown = lxml.html.tostring(a, encoding="unicode")
        assert a.get("target") == "_blank", f"{where}: {shown}"
        assert a.get("rel") == "noopener noreferrer", f"{where}: {shown}"
        said = " ".join(s.text_content() for s in a.find_class("sr"))
        if a.get("download") is not None:
            assert said.strip() == words["downloads"], f"{where}: {shown}"
        else:
            assert said.strip() == words["opens_new_tab"], f"{where}: {shown}"
    return len(anchors)


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_every_leaving_link_of_every_lesson_kind_is_announced_in_the_page_language(roots: Path, lang: str) -> None:
    """Issue 17 item 14: page, case study, quiz (intro, prompt, choice, feedback), exercise (intro and
    the widget's texts in the data block), resources: each link that leaves the lesson opens in a new
    tab (or downloads) and carries the words for screen readers in the learner's language."""
    files = render_unit(course_unit(roots / "links", lang), "scorm12")
    page = files["index.html"].decode()
    words = ui_strings(lang)
    doc = lxml.html.document_fromstring(page)
    per_lesson = {s.get("data-lesson") or s.get("id"): _check(_anchors(lxml.html.tostring(s, encoding="unicode")),
                                                               words, lang) for s in doc.iter("section")}
    # The end screen's "what to do next" lists the resource bank (issue 12 item 5).
    assert per_lesson.pop("sbfa-end") == len(course_unit(roots / "links", lang).resources)
    per_lesson.pop("sbfa-welcome")
    # web + PDF + other file in each Markdown text (quiz: intro, prompt, the three choices, a choice's
    # and the question's feedback; exercise: intro and the widget's three texts before script runs);
    # the resources list adds its own two entries and a description's web link
    assert per_lesson == {"page": 3, "story": 3, "quiz": 3 * 5, "exercise": 3 * 4, "help": 3 + 1 + 2}
    assert {a.get("href") for a in _anchors(page) if a.get("download") is not None} == {"sheet.xlsx",
                                                                                     "steps-sheet.xlsx"}
    data = json.loads(doc.get_element_by_id("sbfa-data").text)
    texts = data["exercises"]["steps"]
    widget_html = [texts["description"], texts["instructions"], texts["example"],
                   texts["groups"][0]["items"][0]["help"]]
    assert sum(_check(_anchors(h), words, f"{lang} widget") for h in widget_html) == 12
    for slot in (markdown.NEW_TAB, markdown.DOWNLOAD):  # no slot left empty, in the HTML or the data block
        assert slot not in page and data_json(slot)[1:-1] not in page


def test_in_page_anchors_and_the_shell_stay_as_they_are(roots: Path) -> None:
    """Issue 17 item 14: anchors (skip link, contents, an author's #link) are not sent to a new tab."""
    page = render_unit(course_unit(roots / "links"), "scorm12")["index.html"].decode()
    doc = lxml.html.document_fromstring(page)
    inner = [a for a in doc.iter("a") if (a.get("href") or "").startswith("#")]
    assert {a.get("href") for a in inner} >= {"#main", "#l-page", "#h-page"}
    assert all(a.get("target") is None and not a.find_class("sr nt") for a in inner)
