"""A file name that differs from the file on disk only in case is an error, on any file system."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load.files import Listing
from sbfa_pack.sources_check import validate_sources

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "image-case-mismatch"


def test_listing_spells_names_as_on_disk(tmp_path: Path) -> None:
    """Issue 17 item 9: names are compared with the folder listing, not by opening the file."""
    (tmp_path / "Images").mkdir()
    (tmp_path / "Images" / "Shop.PNG").write_bytes(b"x")
    listing = Listing()
    assert listing.actual(tmp_path, "images/shop.png") == "Images/Shop.PNG"
    assert listing.actual(tmp_path, "./Images/Shop.PNG") is None  # exact
    assert listing.actual(tmp_path, "images/other.png") is None  # not there at all
    assert listing.close(tmp_path, "Images/Shpo.PNG") == "Images/Shop.PNG"
    assert listing.close(tmp_path, "Images/missing.PNG") is None


def test_case_mismatch_is_reported_on_a_case_insensitive_file_system(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 17 item 9: on macOS or Windows `images/Shop.png` opens `images/shop.png` (every file
    "exists"); it is still an error, since the LMS's server tells the names apart."""
    project = tmp_path / "p"
    shutil.copytree(GOLDEN, project)
    is_file = Path.is_file

    def case_insensitive_is_file(path: Path) -> bool:  # what macOS and Windows answer
        here = Path(path.anchor)
        for part in path.parts[1:]:
            names = {n.casefold(): n for n in os.listdir(here)} if here.is_dir() else {}
            if part.casefold() not in names:
                return False
            here = here / names[part.casefold()]
        return is_file(here)

    monkeypatch.setattr(Path, "is_file", case_insensitive_is_file)
    assert (project / "courses" / "demo" / "IMAGES" / "SHOP.png").is_file()
    diags = Diagnostics()
    validate_sources(project, diags)
    mismatches = [str(d) for d in diags if d.code == "ref.case-mismatch"]
    assert len(mismatches) == 3, [str(d) for d in diags]
    assert "'images/Shop.png' differs only in case from the file 'images/shop.png'" in mismatches[0]
