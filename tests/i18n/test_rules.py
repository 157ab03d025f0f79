"""Translation rules on their own (the checks with PO files are in test_checks.py)."""

from __future__ import annotations

from sbfa_pack.i18n.rules import placeholders


def test_a_percent_sign_before_a_word_is_text_not_a_placeholder() -> None:
    """Many languages write "30 %" with a space: "30 % de" must not read as the placeholder "% d"."""
    assert placeholders("Save 30% on rent", "Ahorre un 30 % de alquiler") is None
    assert placeholders("Save 30% on rent", "Spar 30 % i husleie") is None


def test_real_placeholders_must_match() -> None:
    assert placeholders("%s items", "elementos") == "placeholders differ from the source: missing %s"
    assert placeholders("%(n)d of %(m)d", "%(n)d z %(m)d") is None
    assert placeholders("Hello {name}", "Hola") == "placeholders differ from the source: missing {name}"
