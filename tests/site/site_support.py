"""The small sample project of the site (tests/roots/site), built into packages and a site."""

from __future__ import annotations

from pathlib import Path

from sbfa_pack.build import build
from sbfa_pack.site import SiteResult, build_site

ROOT = Path(__file__).resolve().parents[1] / "roots" / "site"


def build_dist(dist: Path) -> Path:
    """The sample's packages (SCORM 1.2, three languages), built in this process."""
    result = build(ROOT, dist, jobs=1)
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics]
    return dist


def build_sample(out: Path, dist: Path, root: Path = ROOT, base_url: str | None = None) -> SiteResult:
    result = build_site(root, out, dist, base_url=base_url)
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics]
    return result
