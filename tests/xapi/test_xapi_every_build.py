"""Every unit the project and the sample roots can build, in every language: tincan.xml and
cmi5.xml validate against the official XSDs and the runtime profile is valid for ``tincan``."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from lxml import etree

from sbfa_pack.build import localiser, units
from sbfa_pack.builders.cmi5 import cmi5_xml
from sbfa_pack.builders.xapi import tincan_xml
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.errors import SbfaError
from sbfa_pack.load import load_project
from sbfa_pack.xapi import check_profile, profile

TESTS = Path(__file__).resolve().parents[1]
PROJECTS = [TESTS.parent, *sorted(p for p in (TESTS / "roots").iterdir() if (p / "sbfa.yaml").is_file())]


@pytest.fixture(scope="module")
def schemas(shared: Path) -> tuple[etree.XMLSchema, etree.XMLSchema]:
    def load(name: str) -> etree.XMLSchema:
        return etree.XMLSchema(etree.parse(str(shared / "standards" / name)))

    return load("tincan/tincan.xsd"), load("cmi5/CourseStructure.xsd")


@pytest.mark.parametrize("root", PROJECTS, ids=lambda p: p.name)
def test_manifests_of_every_unit_and_language_validate(root: Path,
                                                       schemas: tuple[etree.XMLSchema, etree.XMLSchema]) -> None:
    """XP-2, C5-2, C5-3 for each course × language and each toolkit exercise (one AU and one per module)."""
    diags = Diagnostics()
    lp = load_project(root, diags)
    if lp is None or diags.errors:
        pytest.fail(f"{root.name} does not load: {[str(d) for d in diags.errors][:3]}")
    tincan, cmi5 = schemas
    localise = localiser()
    checked = 0
    for base in units(lp):
        for lang in lp.project.languages:
            try:
                unit = localise(dataclasses.replace(base, language=lang), lang)
            except SbfaError:
                continue  # the build refuses this language too (translation policy): nothing to check
            tincan.assertValid(etree.fromstring(tincan_xml(unit)))
            for per_module in (False, True):
                cmi5.assertValid(etree.fromstring(cmi5_xml(unit, per_module=per_module)))
            assert check_profile(profile(unit)) == [], (unit.id, lang)
            checked += 1
    assert checked
