"""The validator admits what the builder legitimately writes (Issue 21 item 7)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sbfa_pack.build import build
from sbfa_pack.validate import validate_package

BASIC = Path(__file__).resolve().parents[1] / "roots" / "basic"


@pytest.mark.timeout(120)
def test_long_texts_within_source_limits_are_not_zip_bombs(tmp_path: Path) -> None:
    """Issue 21 item 7: page texts of 1.5 MB each (within the 2 MB source limit) make a 6 MB page that
    compresses about 400:1; the packages the builder writes from them validate without zip.bomb."""
    root = tmp_path / "basic"
    shutil.copytree(BASIC, root)
    course = root / "courses" / "first-steps"
    pages = "".join(f"      - {{id: long{i}, kind: page, title: Long {i}, body_file: long{i}.md}}\n" for i in range(4))
    text = (course / "course.yaml").read_text(encoding="utf-8")
    (course / "course.yaml").write_text(text.replace("    lessons:\n", "    lessons:\n" + pages, 1), encoding="utf-8")
    for i in range(4):
        (course / f"long{i}.md").write_text("word " * 300_000 + "\n", encoding="utf-8")
    result = build(root, root / "dist", formats=["cmi5", "xapi"], jobs=1)
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics.errors][:3]
    built = [b for b in result.built if b.file.startswith("first-steps")]
    assert built
    for b in built:
        report = validate_package(root / "dist" / b.file)
        assert report.ok, (b.file, [str(d) for d in report.diagnostics if d.severity == "error"])
        assert int(str(report.summary["total_size"])) > 6_000_000
