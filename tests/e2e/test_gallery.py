"""The screenshot gallery of the learner's new screens (issue 12 Must show), rewritten on every run.

The welcome screen, the country chooser, My business file, the end screen with its certificate and
the certificate as printed, at phone (360x740) and desktop (1280x800) size, in English and Arabic,
go to test-artifacts/gallery-<lang>-<phone|desk>-<screen>.png, with test-artifacts/GALLERY.md
listing each file with a one-line caption. Overflow and axe-core checks of these screens live in
test_screens.py, test_bizfile.py and test_path_learner.py; this test only takes the pictures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from learner_support import begin, course_unit, show, write_site

from sbfa_pack.render import render_unit

pytestmark = pytest.mark.timeout(240)
SIZES = {"phone": (360, 740), "desk": (1280, 800)}
LANGUAGES = {"en": "English", "ar": "Arabic, right to left"}
SCREENS = {
    "country-chooser": "the country chooser a new learner of a course with a personal path sees first",
    "welcome": "the welcome screen: description, outcomes, time, modules, how progress is kept, Start",
    "business-file": "My business file with a reflection answer and a ticked checklist item, Print and Download",
    "end": "the end screen: the result first, the business file link, the certificate, what to do next",
    "certificate-print": "the certificate as printed (print media): only the certificate is shown",
}
ANSWER = {"en": "Talk to the bank about a small loan.", "ar": "أتحدث مع البنك عن قرض صغير."}
# Every lesson seen and every quiz that counts submitted at 85 %: the course is passed.
FINISH = """() => { const st = SBFA.core.state();
  SBFA.data.lessons.forEach(l => { if (!st.seen.includes(l.id)) st.seen.push(l.id); });
  const graded = SBFA.data.success ? SBFA.data.success.quizzes.map(w => w.quiz) : [];
  SBFA.data.completion.quizzes.concat(graded).forEach(q => { st.quiz[q] = {done: true, s: 0.85, n: 1}; });
  SBFA.screens.end(true); }"""


def shots(page: Any, out: Path, lang: str, screen: str, full: bool = True) -> None:
    """The screen as it is now at phone then desktop size; the page is left at phone size."""
    for kind, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(out / name(lang, kind, screen)), full_page=full)
    page.set_viewport_size({"width": SIZES["phone"][0], "height": SIZES["phone"][1]})


def name(lang: str, kind: str, screen: str) -> str:
    return f"gallery-{lang}-{kind}-{screen}.png"


def test_gallery_of_the_new_screens(tmp_path: Path, browser: Any, serve: Any, artifacts: Path) -> None:
    """Issue 12 Must show: the gallery of the welcome screen, country chooser, business file, end
    screen and certificate print, phone and desktop, en and ar, and GALLERY.md captioning each;
    on the way, the end screen's "Your business file" opens the file with the learner's answer."""
    for old in artifacts.glob("gallery-*.png"):
        old.unlink()
    for lang in LANGUAGES:
        tongue = None if lang == "en" else lang
        path = serve(write_site(render_unit(course_unit("path", tongue), "none"), tmp_path / f"path-{lang}"))
        course = serve(write_site(render_unit(course_unit("learner", tongue), "none"),
                                  tmp_path / f"learner-{lang}"))
        context = browser.new_context()
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.set_viewport_size({"width": 360, "height": 740})
        page.goto(path + "/index.html")
        page.wait_for_selector("#sbfa-path:not([hidden])")
        shots(page, artifacts, lang, "country-chooser")
        page.goto(course + "/index.html")
        page.wait_for_selector("html.sbfa-ready")
        page.wait_for_selector("#sbfa-welcome:not([hidden])")
        shots(page, artifacts, lang, "welcome")
        begin(page)
        show(page, "amira")
        page.locator("#l-amira textarea.rf").first.fill(ANSWER[lang])
        show(page, "plan")
        page.locator("#l-plan input[type=checkbox]").first.check()
        page.evaluate("SBFA.bizfile.open()")
        shots(page, artifacts, lang, "business-file", full=False)
        page.keyboard.press("Escape")
        page.evaluate(FINISH)
        page.wait_for_selector("#sbfa-cert:not([hidden])")
        page.locator("#sbfa-cert-in").fill("Amira Haddad" if lang == "en" else "أميرة حداد")
        shots(page, artifacts, lang, "end")
        page.click("#sbfa-end-file a")  # the end screen's link opens the business file (items 4 and 5)
        assert ANSWER[lang] in page.locator("dialog.sbfa-bf[open] article").inner_text()
        page.keyboard.press("Escape")
        page.emulate_media(media="print")
        shots(page, artifacts, lang, "certificate-print")
        context.close()
    lines = ["# Gallery of the learner's new screens (issue 12)", "",
             "Written by tests/e2e/test_gallery.py on every run: sample courses tests/roots/learner (path:",
             "tests/roots/path for the country chooser), phone 360×740 and desktop 1280×800.", ""]
    for lang, language in LANGUAGES.items():
        for screen, caption in SCREENS.items():
            for kind in SIZES:
                file = name(lang, kind, screen)
                assert (artifacts / file).stat().st_size > 1000, file
                size = "phone 360×740" if kind == "phone" else "desktop 1280×800"
                lines.append(f"- [{file}]({file}): {language}, {size}: {caption}.")
    (artifacts / "GALLERY.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
