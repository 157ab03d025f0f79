"""Issue 15: the programme's own site (courses/, toolkit/, resources/ in 8 languages), built once:
every resource, course, exercise and story in every language, each page within the budget.
About 6 s of CPU; the only test that builds the whole programme's site."""

from __future__ import annotations

import gzip
from pathlib import Path

import yaml

from sbfa_pack.site import build_site

REPO = Path(__file__).resolve().parents[2]


def test_the_programme_site_has_every_resource_course_and_story_in_every_language(tmp_path: Path) -> None:
    """Issue 15 items resource bank, programme pages, toolkit and stories, languages, quality (page budget)."""
    result = build_site(REPO, tmp_path / "site", tmp_path / "no-dist")
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics.errors]
    assert result.no_dist
    site = tmp_path / "site"
    project = yaml.safe_load((REPO / "sbfa.yaml").read_text())
    resources = [r["id"] for f in sorted((REPO / "resources").glob("*.yaml"))
                 for r in yaml.safe_load(f.read_text())["resources"]]
    courses = sorted(p.name for p in (REPO / "courses").iterdir() if (p / "course.yaml").is_file())
    exercises = sorted(p.stem for p in (REPO / "toolkit").glob("*.yaml"))
    for lang in project["languages"]:
        bank = "".join(p.read_text() for p in sorted((site / lang / "resources").glob("*.html")))
        assert [rid for rid in resources if f'<li id="r-{rid}"' not in bank] == [], lang
        assert all((site / lang / "courses" / f"{c}.html").is_file() for c in courses), lang
        assert all((site / lang / "toolkit" / f"{e}.html").is_file() for e in exercises), lang
        assert all((site / "web" / e / lang / "index.html").is_file() for e in exercises), lang
        assert list((site / lang / "stories").rglob("*.html")), lang
        assert ('dir="rtl"' in (site / lang / "index.html").read_text()) == (lang == "ar")
    pages = [p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "web"]
    heaviest = max(pages, key=lambda p: len(gzip.compress(p.read_bytes())))
    assert len(gzip.compress(heaviest.read_bytes())) <= 50_000, heaviest
