"""Issue 15: `sbfa-pack site` writes the static site: deterministic, incremental, never half a file,
from the project's languages, with the link checks, packages and base URL it is given."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from site_support import ROOT, build_sample

from sbfa_pack.cli import main
from sbfa_pack.site import content, linkstate, output
from sbfa_pack.site.search import fold


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".sbfa-build.lock")}


def test_two_builds_are_byte_identical_and_an_unchanged_rebuild_writes_nothing(
        tmp_path: Path, sample_dist: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 15 item quality: deterministic bytes (SOURCE_DATE_EPOCH); incremental ("N written, M unchanged")."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764806400")
    first = build_sample(tmp_path / "a", sample_dist)
    build_sample(tmp_path / "b", sample_dist)
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert a == b
    assert "<lastmod>2025-12-04</lastmod>" in a["sitemap.xml"].decode()
    assert len(first.written) == len([n for n in a if n != output.MANIFEST])
    mtimes = {p: p.stat().st_mtime_ns for p in (tmp_path / "a").rglob("*") if p.is_file()}
    again = build_sample(tmp_path / "a", sample_dist)
    assert again.written == [] and again.unchanged == len(first.written) and again.removed == []
    assert mtimes == {p: p.stat().st_mtime_ns for p in (tmp_path / "a").rglob("*") if p.is_file()}


def test_a_changed_source_rewrites_only_its_pages_and_a_dropped_page_is_removed(tmp_path: Path) -> None:
    """Issue 15 item quality: incremental; files no longer produced go, foreign files stay."""
    root = tmp_path / "root"
    shutil.copytree(ROOT, root)
    out = tmp_path / "site"
    build_sample(out, tmp_path / "no-dist", root)
    (out / "mine.txt").write_text("not ours")
    bank = root / "resources" / "bank.yaml"
    bank.write_text(bank.read_text().replace("Loans and grants", "Loans, grants"))
    (root / "courses" / "first-steps" / "course.yaml").write_text(
        (root / "courses" / "first-steps" / "course.yaml").read_text().replace("kind: case-study", "kind: case-study"))
    result = build_sample(out, tmp_path / "no-dist", root)
    assert set(result.written) == {f"{lang}/resources/index.html" for lang in ("en", "de", "ar", "uk")} | \
        {f"assets/search-{lang}.js" for lang in ("en", "de", "ar", "uk")}
    shutil.rmtree(root / "toolkit")
    shutil.rmtree(root / "guide")  # its session plan uses the exercise (an unknown id is an error)
    text = (root / "courses" / "first-steps" / "course.yaml").read_text()
    (root / "courses" / "first-steps" / "course.yaml").write_text(
        re.sub(r"      - id: swot-ex\n.*\n.*\n.*\n", "", text))
    result = build_sample(out, tmp_path / "no-dist", root)
    assert "en/toolkit/swot.html" in result.removed and not (out / "en/toolkit/swot.html").exists()
    assert (out / "mine.txt").read_text() == "not ours"


def test_an_interrupted_write_leaves_no_half_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 15 item quality: temp + rename; a failure mid-way leaves every file whole and no temp file."""
    out = tmp_path / "site"
    build_sample(out, tmp_path / "no-dist")
    before = _files(out)
    bank = ROOT / "resources" / "bank.yaml"  # not changed: the pages are changed through the base URL
    assert bank.is_file()
    calls = {"n": 0}
    real = os.replace

    def failing(src: object, dst: object) -> None:
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError(28, "No space left on device")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(output.os, "replace", failing)
    with pytest.raises(OSError):
        build_sample(out, tmp_path / "no-dist", base_url="https://other.example/")
    after = _files(out)
    assert not [n for n in after if n.endswith(".tmp")]
    assert set(after) == set(before)
    changed = [n for n in after if after[n] != before[n]]
    assert 0 < len(changed) < len(after) - 1  # some pages new, the rest old, each whole
    assert all(after[n].rstrip().endswith(b"</html>") for n in after if n.endswith(".html"))


def test_every_page_has_csp_canonical_hreflang_og_and_stays_under_50_kb_gzip(tmp_path: Path,
                                                                            sample_dist: Path) -> None:
    """Issue 15 item quality: CSP forbidding external requests, canonical URLs from the base URL,
    hreflang alternates, Open Graph, sitemap.xml, 404.html, every page ≤ 50 KB gzip."""
    out = tmp_path / "site"
    build_sample(out, sample_dist)
    pages = sorted(out.rglob("*.html"))
    ours = [p for p in pages if "web" not in p.relative_to(out).parts]
    assert (out / "404.html").is_file() and (out / "index.html").is_file()
    for page in ours:
        html = page.read_text()
        rel = page.relative_to(out).as_posix()
        assert "default-src 'none'; script-src 'self'; style-src 'self'" in html, rel
        assert "http://" not in html.replace('xmlns="http://www.w3.org', "")
        assert len(gzip.compress(page.read_bytes())) <= 50_000, rel
        if rel.count("/") >= 1:
            assert f'<link rel="canonical" href="https://example.org/sbfa/{rel}">' in html
            for lang in ("en", "de", "ar"):
                key = rel.split("/", 1)[1]
                assert f'hreflang="{lang}" href="https://example.org/sbfa/{lang}/{key}"' in html
            assert '<link rel="alternate" hreflang="x-default" href="https://example.org/sbfa/">' in html
            assert '<meta property="og:title"' in html and '<meta property="og:url"' in html
    assert 'dir="rtl"' in (out / "ar/index.html").read_text()
    head = (out / "uk/courses/first-steps.html").read_text().split("</head>")[0]
    assert '<meta name="description" content="A short course.">' in head and "<div" not in head
    assert "@media print" in (out / "assets/site.css").read_text()
    sitemap = (out / "sitemap.xml").read_text()
    assert "<loc>https://example.org/sbfa/de/resources/index.html</loc>" in sitemap


def test_untranslated_text_is_marked_never_silently_english(tmp_path: Path) -> None:
    """Issue 15 item languages: untranslated text carries lang="en", a visible code and a note."""
    out = tmp_path / "site"
    build_sample(out, tmp_path / "no-dist")
    de = (out / "de/resources/index.html").read_text()
    assert "Das Brønnøysund-Registerzentrum" in de and "Zugang zu EU-Finanzierung" in de
    assert 'data-l="en">Access' not in de and 'data-l="en">tax</span>' in de  # topics are ids, in English
    uk = (out / "uk/resources/index.html").read_text()
    assert '<span class="untr" lang="en" data-l="en">Access to EU finance</span>' in uk
    assert 'class="untr-note"' in uk and "Частини цієї сторінки ще не перекладено" in uk
    story = (out / "uk/stories/first-steps/amira.html").read_text()
    assert "<dd>Amira</dd>" in story  # a name is not translatable: never marked
    en = (out / "en/resources/index.html").read_text()
    assert 'class="untr' not in en


def test_last_checked_comes_from_the_link_check_cache(tmp_path: Path) -> None:
    """Issue 15 item resource bank: "Last checked: <date> (<result>)" or "Not checked yet"."""
    root = tmp_path / "root"
    shutil.copytree(ROOT, root)
    out = tmp_path / "site"
    build_sample(out, tmp_path / "no-dist", root)
    assert (out / "en/resources/index.html").read_text().count("Not checked yet") == 4
    (root / linkstate.CACHE_FILE).write_text(json.dumps({"version": 1, "links": {
        "https://www.brreg.no/": {"checked": "2026-12-03T17:00:00Z", "status": 200, "final_url": "https://www.brreg.no/",
                                  "seconds": 0.4, "result": "ok", "error": ""},
        "https://sede.agenciatributaria.gob.es/": {"checked": "2026-12-02T10:00:00Z", "status": None,
                                                   "final_url": "", "seconds": 10, "result": "dead", "error": "x"},
        "https://youreurope.europa.eu/business/finance-funding/": "garbage"}}))
    build_sample(out, tmp_path / "no-dist", root)
    en = (out / "en/resources/index.html").read_text()
    assert "Last checked: 2026-12-03 (working)" in en and "Last checked: 2026-12-02 (not reachable)" in en
    assert en.count("Not checked yet") == 2
    assert "Zuletzt geprüft: 2026-12-03 (erreichbar)" in (out / "de/resources/index.html").read_text()
    (root / linkstate.CACHE_FILE).write_text("{not json")
    assert linkstate.read(root) == {}


def test_downloads_are_the_packages_of_dist_index(tmp_path: Path, sample_dist: Path) -> None:
    """Issue 15 item programme pages: every package per format and language, size and sha256, copied."""
    out = tmp_path / "site"
    build_sample(out, sample_dist)
    index = json.loads((sample_dist / "index.json").read_text())["packages"]
    page = (out / "de/courses/first-steps.html").read_text()
    for p in index:
        data = (out / "downloads" / p["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == p["sha256"]
        if p["id"] == "first-steps":
            assert f'href="../../downloads/{p["file"]}" download data-sha256="{p["sha256"]}"' in page
    assert "Moodle, ILIAS, Chamilo, Canvas, itslearning: die SCORM-1.2-Datei." in \
        (out / "de/partners.html").read_text()


def test_without_dist_the_site_says_to_build_first(tmp_path: Path) -> None:
    """Issue 15 item programme pages: dist/ missing → one line saying to run `sbfa-pack build`."""
    result = CliRunner().invoke(main, ["site", str(ROOT), "--out", str(tmp_path / "s"), "--dist",
                                       str(tmp_path / "none")])
    assert result.exit_code == 0, result.output
    assert "run `sbfa-pack build` first" in result.stderr
    assert re.search(r"\d+ pages; \d+ written, 0 unchanged, 0 removed", result.stdout)
    assert "No packages have been built yet." in (tmp_path / "s/en/courses/first-steps.html").read_text()


def test_base_url_is_checked_on_the_command_line_and_in_sbfa_yaml(tmp_path: Path) -> None:
    """Issue 15 item command: --base-url must be an http(s) URL (exit 2); site.base_url in sbfa.yaml is
    validated with a located diagnostic (exit 1, nothing written)."""
    bad = CliRunner().invoke(main, ["site", str(ROOT), "--out", str(tmp_path / "s"), "--base-url", "example.org"])
    assert bad.exit_code == 2 and "--base-url: 'example.org' is not an http(s) URL" in bad.stderr
    root = tmp_path / "root"
    shutil.copytree(ROOT, root)
    yaml = root / "sbfa.yaml"
    yaml.write_text(yaml.read_text().replace("https://example.org/sbfa/", "ftp://example.org/"))
    result = CliRunner().invoke(main, ["site", str(root), "--out", str(tmp_path / "s2")])
    assert result.exit_code == 1
    assert "sbfa.yaml:10:13: error[schema.format]: 'ftp://example.org/' is not a valid value for 'base_url'" \
        in result.stderr, result.output
    assert not (tmp_path / "s2").exists()


def test_fold_joins_case_diacritics_greek_accents_and_arabic_variants() -> None:
    """Issue 15 item search: one folding of index and query."""
    assert fold("Gründung ÉCOLE") == fold("grundung ecole") == "grundung ecole"
    assert fold("Ελλάδα") == fold("ελλαδα")
    assert fold("الضَّرائِب") == fold("الضرائب")
    assert fold("إدارة") == fold("ادارة") == fold("أداره")
    assert fold("مستشفى") == fold("مستشفي")


def test_a_large_bank_is_split_into_pages_within_the_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 15 item quality: every page ≤ 50 KB gzip even for a large bank: pages of BANK_PAGE_SIZE
    resources with a pager; the index then carries every card; links to a resource find its page."""
    monkeypatch.setattr(content, "BANK_PAGE_SIZE", 3)
    out = tmp_path / "site"
    build_sample(out, tmp_path / "no-dist")
    first, second = (out / "en/resources/index.html").read_text(), (out / "en/resources/2.html").read_text()
    assert first.count('<li id="r-') == 3 and second.count('<li id="r-') == 1
    assert 'data-paged="1"' in first and '<a href="2.html">2</a>' in first
    assert '<a href="index.html">1</a>' in second and 'aria-current="page">2</a>' in second
    index = (out / "assets/search-de.js").read_text()
    assert '["r-eu-funding","zugang zu eu-finanzierung' in index and '<li id=\\"r-eu-funding\\"' in index
    story = (out / "en/stories/first-steps/amira.html").read_text()
    assert 'href="../../resources/2.html#r-brreg"' in story and 'href="../../resources/index.html#r-es-aeat"' in story
    assert not (out / "en/resources/3.html").exists()


def test_with_strict_a_warning_writes_nothing(tmp_path: Path) -> None:
    """Issue 15 item command: the site checks the project first; `--strict` makes a warning fail (exit 1)."""
    root = tmp_path / "root"
    shutil.copytree(ROOT, root)
    (root / "courses" / "empty").mkdir()  # a course folder without course.yaml: a warning
    result = CliRunner().invoke(main, ["site", str(root), "--out", str(tmp_path / "s"), "--strict"])
    assert result.exit_code == 1 and "warning[file.missing]" in result.stderr
    assert "the site was not written" in result.stderr and not (tmp_path / "s").exists()
    result = CliRunner().invoke(main, ["site", str(root), "--out", str(tmp_path / "s")])
    assert result.exit_code == 0 and (tmp_path / "s/index.html").is_file()


def test_a_case_study_is_readable_with_its_images(tmp_path: Path) -> None:
    """Issue 15 item toolkit and stories: a case study's Markdown rendered (translated), its images
    copied beside the page, its module's resources linked."""
    out = tmp_path / "site"
    build_sample(out, tmp_path / "no-dist")
    de = (out / "de/stories/first-steps/amira.html").read_text()
    assert "<p>Amira kam 2016 nach Norwegen.</p>" in de and '<img src="shop.png" alt="Amiras Ladenfront"' in de
    assert (out / "de/stories/first-steps/shop.png").read_bytes() == (
        ROOT / "courses/first-steps/shop.png").read_bytes()
    assert 'href="../../resources/index.html#r-brreg"' in de
