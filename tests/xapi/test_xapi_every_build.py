"""Every unit the project and the sample roots can build, in every language: tincan.xml and
cmi5.xml validate against the official XSDs and the runtime profile is valid for ``tincan``."""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

import pytest
from lxml import etree

from sbfa_pack.build import localiser, units
from sbfa_pack.builders.cmi5 import cmi5_xml
from sbfa_pack.builders.xapi import tincan_xml
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.errors import SbfaError
from sbfa_pack.load import load_project
from sbfa_pack.unit import Unit
from sbfa_pack.xapi import check_profile, profile

TESTS = Path(__file__).resolve().parents[1]
PROJECTS = [TESTS.parent, *sorted(p for p in (TESTS / "roots").iterdir() if (p / "sbfa.yaml").is_file())]


@pytest.fixture(scope="module")
def schemas(shared: Path) -> tuple[etree.XMLSchema, etree.XMLSchema]:
    def load(name: str) -> etree.XMLSchema:
        return etree.XMLSchema(etree.parse(str(shared / "standards" / name)))

    return load("tincan/tincan.xsd"), load("cmi5/CourseStructure.xsd")


@functools.cache
def _units(root: Path) -> list[Unit]:
    """Every unit of ``root`` localised into every language the build accepts (loaded once per root)."""
    diags = Diagnostics()
    lp = load_project(root, diags)
    if lp is None or diags.errors:
        pytest.fail(f"{root.name} does not load: {[str(d) for d in diags.errors][:3]}")
    localise = localiser()
    found = []
    for base in units(lp):
        for lang in lp.project.languages:
            try:
                found.append(localise(dataclasses.replace(base, language=lang), lang))
            except SbfaError:
                continue  # the build refuses this language too (translation policy): nothing to check
    assert found
    return found


@pytest.mark.parametrize("root", PROJECTS, ids=lambda p: p.name)
def test_manifests_of_every_unit_and_language_validate(root: Path,
                                                       schemas: tuple[etree.XMLSchema, etree.XMLSchema]) -> None:
    """XP-2, C5-2, C5-3 for each course × language and each toolkit exercise (one AU and one per module);
    the Tin Can and cmi5 XSDs come from ../shared (no registry package carries them)."""
    tincan, cmi5 = schemas
    for unit in _units(root):
        tincan.assertValid(etree.fromstring(tincan_xml(unit)))
        for per_module in (False, True):
            cmi5.assertValid(etree.fromstring(cmi5_xml(unit, per_module=per_module)))


@pytest.mark.parametrize("root", PROJECTS, ids=lambda p: p.name)
def test_runtime_profile_of_every_unit_and_language(root: Path) -> None:
    """The runtime's xAPI profile of each course × language and toolkit exercise is valid."""
    for unit in _units(root):
        assert check_profile(profile(unit)) == [], (unit.id, unit.language)
