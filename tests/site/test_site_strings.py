"""Issue 15 item programme pages: the site's own strings go through the PO workflow of the learner
interface (i18n/site/<lang>.po, refreshed by `sbfa-pack i18n ui-update`); drafts, complete in the
nine interface languages; a missing one shows in English, marked."""

from __future__ import annotations

import pytest

from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.i18n import catalog, ui
from sbfa_pack.i18n.checks import _check_entry
from sbfa_pack.site.text import PageText


@pytest.mark.parametrize("lang", ui.UI_LANGUAGES)
def test_site_catalog_is_complete_current_and_keeps_placeholders(lang: str) -> None:
    po = catalog.read(ui.catalog_path(lang, "site"))
    entries = {(e.msgctxt, e.msgid) for e in po if not e.obsolete and e.translated() and not e.fuzzy}
    missing = [e.msgctxt for e in ui.template("site") if (e.msgctxt, e.msgid) not in entries]
    assert not missing, f"{lang}: run `sbfa-pack i18n ui-update` and translate {missing}"
    diags = Diagnostics()
    for e in po:
        _check_entry(e, e.msgstr, lang, e.linenum, diags)
    assert [str(d) for d in diags] == []
    assert po.metadata["Plural-Forms"] == catalog.plural_forms(lang)


def test_a_language_without_site_catalog_shows_english_marked() -> None:
    t = PageText("tr", "en", frozenset())
    assert t("search") == '<span class="untr" lang="en" data-l="en">Search</span>'
    assert PageText("de", "en", frozenset())("search") == "Suchen"
    assert PageText("en", "en", frozenset())("search") == "Search"
