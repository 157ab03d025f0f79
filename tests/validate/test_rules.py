"""Value rules shared by all formats: xs:ID, IRIs, BCP 47 tags, package paths (with hypothesis)."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from sbfa_pack.validate.rules import decimal, iri_problem, is_ncname, language_tag_problem, package_path

_ID_SCHEMA = etree.XMLSchema(etree.fromstring(
    b'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="e"><xs:complexType>'
    b'<xs:attribute name="id" type="xs:ID"/></xs:complexType></xs:element></xs:schema>'))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=string.ascii_letters + string.digits + "_-.:, #@\u00e9\u00fc", min_size=1, max_size=12))
def test_ncname_agrees_with_libxml2(value: str) -> None:
    """CAM-17: our xs:ID check gives the verdict libxml2's XSD validator gives (lms.xs-id)."""
    if value != value.strip():
        return  # xs:ID collapses surrounding whitespace before checking; LMSs compare raw strings
    el = etree.Element("e", id=value)
    assert is_ncname(value) == _ID_SCHEMA.validate(el)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40), st.text(max_size=10))
def test_package_path_never_escapes(href: str, base: str) -> None:
    """CAM-4/CAM-38: a manifest href never maps to an entry outside the package root."""
    path, problem = package_path(href, base)
    if path is not None:
        assert not path.startswith("/") and not path.startswith("../") and path != ".."
    assert problem in ("", "absolute", "escapes", "scheme")


@given(st.text(max_size=30))
def test_value_checks_never_raise(value: str) -> None:
    """Arbitrary text gives a verdict, never an exception."""
    iri_problem(value)
    language_tag_problem(value)
    decimal(value)


# RFC 5646 Appendix A: well-formed examples, and examples of tags that are not well-formed.
@pytest.mark.parametrize("tag", ["de", "fr", "ja", "i-enochian", "zh-Hant", "zh-Hans", "sr-Cyrl", "sr-Latn",
                                 "zh-cmn-Hans-CN", "cmn-Hans-CN", "zh-yue-HK", "yue-HK", "zh-Hans-CN",
                                 "sr-Latn-RS", "sl-rozaj", "sl-rozaj-biske", "sl-nedis", "de-CH-1901",
                                 "sl-IT-nedis", "hy-Latn-IT-arevela", "de-DE", "en-US", "es-419",
                                 "de-CH-x-phonebk", "az-Arab-x-AZE-derbend", "x-whatever", "qaa-Qaaa-QM-x-southern",
                                 "de-Qaaa", "sr-Latn-QM", "sr-Qaaa-RS", "en-US-u-islamcal", "zh-CN-a-myext-x-private",
                                 "en-a-myext-b-another", "fr-fr", "EN-us"])
def test_well_formed_language_tags(tag: str) -> None:
    """XP-2, C5-2: BCP 47 tags per RFC 5646 section 2.1 (case-insensitive)."""
    assert language_tag_problem(tag) is None


@pytest.mark.parametrize(("tag", "severity"), [("de-419-DE", "warning"), ("a-DE", "warning"),
                                               ("en_US", "error"),
                                               ("english-language-tag", "warning"), ("", "error")])
def test_malformed_language_tags(tag: str, severity: str | None) -> None:
    """Not xs:language: error; xs:language but not BCP 47: warning (RFC 5646 Appendix A)."""
    found = language_tag_problem(tag)
    assert (found[0] if found else None) == severity


@pytest.mark.parametrize(("value", "ok"), [("https://example.org/x", True), ("urn:uuid:1234", True),
                                           ("http://", False), ("example.org/x", False),
                                           ("https://example.org/a b", False), (" https://a.org", False)])
def test_iri(value: str, ok: bool) -> None:
    """XP-4, C5-3: ids are absolute IRIs."""
    assert (iri_problem(value) is None) == ok
