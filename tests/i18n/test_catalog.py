"""PO reading is strict about syntax but accepts everything gettext and polib write."""

from __future__ import annotations

import polib
import pytest

from sbfa_pack.i18n import catalog


def test_reads_what_polib_writes_including_previous_and_obsolete() -> None:
    po = polib.POFile()
    po.metadata = {"Language": "de"}
    po.append(polib.POEntry(msgid="x\ny", msgstr="z", flags=["fuzzy"], previous_msgid="old\nlong"))
    gone = polib.POEntry(msgctxt="a", msgid="new", msgstr="neu", flags=["fuzzy"], previous_msgid="old",
                         previous_msgctxt="b")
    gone.obsolete = True
    po.append(gone)
    po.append(polib.POEntry(msgctxt="n", msgid="{n} day", msgid_plural="{n} days",
                            msgstr_plural={0: "{n} Tag", 1: "{n} Tage"}))
    back = catalog.parse(str(po))
    assert [(e.msgid, bool(e.obsolete)) for e in back] == [("x\ny", False), ("{n} day", False), ("new", True)]


@pytest.mark.parametrize(("text", "line", "message"), [
    ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 4, "duplicate entry (first at line 1)"),
    ('msgstr "b"\n', 1, "msgstr without msgid"),
    ('msgid "a"\nmsgstr "b\\q"\n', 2, "malformed string (quotes or escapes)"),
    ('"stray"\n', 1, "string outside an entry"),
    ('msgid "a"\nmsgstr[1] "b"\nmsgstr "c"\n', 3, "a second msgstr for the same msgid"),
])
def test_syntax_errors_have_lines(text: str, line: int, message: str) -> None:
    with pytest.raises(catalog.PoSyntaxError) as err:
        catalog.parse(text)
    assert (err.value.line, err.value.message) == (line, message)


def test_long_contexts_and_msgids_wrapped_over_lines_are_whole_keys() -> None:
    """polib wraps a msgctxt or msgid longer than a line (``msgctxt ""`` then continuation lines):
    two entries whose contexts differ only after the first line are different entries, and two
    entries whose wrapped msgids are equal are duplicates."""
    long_a, long_b = "questions/" + "x" * 80 + "/a", "questions/" + "x" * 80 + "/b"
    po = polib.POFile()
    po.append(polib.POEntry(msgctxt=long_a, msgid="Customer segments", msgstr="Kundensegmente"))
    po.append(polib.POEntry(msgctxt=long_b, msgid="Customer segments", msgstr="Kundensegmente"))
    text = str(po)
    assert 'msgctxt ""' in text  # really wrapped
    assert len(catalog.parse(text)) == 2
    wrapped = polib.POEntry(msgid="w " * 60, msgstr="v")
    with pytest.raises(catalog.PoSyntaxError, match="duplicate entry"):
        catalog.parse(f"{wrapped}\n{wrapped}")
