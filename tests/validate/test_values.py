"""Values LMSs read from manifests: cmi5 AU urls (RFC 3986) and empty SCORM 2004 measures."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_formats import CMI5, S2004
from validate_helpers import write_tree, zip_tree

from sbfa_pack.validate import validate_package
from sbfa_pack.validate.rules import uri_problem


def _report(tmp_path: Path, name: str, text: str):  # type: ignore[no-untyped-def]
    folder = write_tree(tmp_path / "pkg", {name: text, "index.html": "<html></html>", "a b.html": ""})
    return validate_package(zip_tree(folder, tmp_path / "pkg.zip"))


@pytest.mark.parametrize("url", [
    "http://example.com index.html", "index .html", "https://example.com/a b", "index.html#a#b",
    "caf\u00e9.html", "index.html?x=&lt;y&gt;", "https://[::1/a", "a%zz.html", "https://example.com/a]b", "a\tb.html",
])
def test_cmi5_au_url_must_be_a_uri(tmp_path: Path, url: str) -> None:
    """Issue 17 item 19, C5-3: an AU url that is not a valid URI (RFC 3986) is an error."""
    report = _report(tmp_path, "cmi5.xml", CMI5.replace("<url>index.html</url>", f"<url>{url}</url>"))
    found = [d for d in report.diagnostics if d.code == "cmi5.url"]
    assert found and found[0].severity == "error", report.diagnostics
    assert "is not a valid URI (RFC 3986)" in found[0].message


@pytest.mark.parametrize("url", ["index.html", "./index.html?lang=en#top", "a%20b.html",
                                 "https://example.com/courses/f59c9fc0/au/6f64/start", "https://[::1]:8080/au"])
def test_cmi5_au_url_valid_uris_pass(url: str) -> None:
    """Issue 17 item 19: valid URI references (relative, percent-encoded, IPv6 host) are accepted."""
    assert uri_problem(url) is None


@pytest.mark.parametrize("element", ["<imsss:minNormalizedMeasure/>",
                                     "<imsss:minNormalizedMeasure></imsss:minNormalizedMeasure>",
                                     "<imsss:minNormalizedMeasure>  </imsss:minNormalizedMeasure>"])
def test_empty_min_normalized_measure_takes_the_default(tmp_path: Path, element: str) -> None:
    """Issue 17 item 20, S4-6: an empty minNormalizedMeasure (Adobe Presenter) takes the schema default
    1.0: no error, no 'None' in any message, and the summary's passing score is 1.0."""
    text = S2004.replace("<imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>", element)
    report = _report(tmp_path, "imsmanifest.xml", text)
    assert not [d for d in report.diagnostics if d.severity == "error"], report.diagnostics
    assert report.summary["mastery_score"] == "1.0"
    assert "None" not in report.summary_text()
