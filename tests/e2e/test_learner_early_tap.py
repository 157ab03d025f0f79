"""The first tap before the runtime has started is not lost (issue 12, "interactive sooner").

sbfa.js is held back by a test route: the page is parsed and painted, the runtime has not run.
Next and a contents link must already move between lessons (the inline boot script); once the
runtime runs, it stays on the lesson the learner went to and records every lesson they saw.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from learner_support import build_site, console_errors

pytestmark = pytest.mark.timeout(120)


def test_a_tap_on_next_before_the_runtime_starts_is_not_lost(page: Any, serve: Any, tmp_path: Path) -> None:
    """Issue 12 item "Interactive sooner" (and item 1): the welcome screen's Start, Next and a contents
    link answer while sbfa.js is still on its way; the runtime then keeps the lesson shown, records
    each lesson seen, and Back works."""
    base = serve(build_site("learner", tmp_path / "site"))
    errors = console_errors(page)
    held: list[Any] = []
    page.route("**/sbfa.js", lambda route: held.append(route))  # the script does not arrive until the test says so
    page.goto(base + "/index.html", wait_until="commit")
    page.wait_for_selector("#sbfa-next")
    assert held and not page.evaluate("!!(window.SBFA && SBFA.core)")  # the runtime has not run

    assert page.is_visible("#sbfa-welcome") and not page.is_visible("#l-welcome")  # a course opens on its welcome
    page.click("#sbfa-start")  # Start (issue 12 item 1) answers too, and hides the welcome screen
    assert page.is_visible("#l-welcome") and not page.is_visible("#sbfa-welcome")
    page.click("#sbfa-next")
    assert page.is_visible("#l-amira") and not page.is_visible("#l-welcome")
    assert page.evaluate("document.activeElement.id") == "h-amira"
    page.click("#sbfa-toc summary")
    page.click("#sbfa-toc a[data-go='plan']")
    assert page.is_visible("#l-plan") and not page.is_visible("#l-amira")
    assert page.evaluate("location.hash") == ""  # the link moved in place, no jump to an anchor

    held[0].continue_()
    page.wait_for_selector("html.sbfa-ready")
    state = page.evaluate("SBFA.core.state()")
    assert state["loc"] == "plan"
    assert set(state["seen"]) == {"welcome", "amira", "plan"}
    assert page.is_visible("#l-plan") and page.is_hidden("#l-check")
    assert page.get_attribute("#sbfa-toc a[data-go='amira']", "class") == "seen"

    page.go_back()  # the history entries the boot script added are the runtime's from now on
    page.wait_for_selector("#l-amira:not([hidden])")
    assert page.evaluate("SBFA.core.state().loc") == "amira"
    page.click("#sbfa-next")  # the runtime answers from here on
    page.wait_for_selector("#l-check:not([hidden])")
    assert page.evaluate("SBFA.core.state().seen").count("check") == 1
    assert errors == []
