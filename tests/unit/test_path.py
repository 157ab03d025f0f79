"""The personal path and per-country amounts in the model, the loader's checks, the runtime data and
the worst-case state (issue 12 items 2 and 3), on the sample project tests/roots/path."""

from __future__ import annotations

import dataclasses
import shutil
import zipfile
from pathlib import Path

import pytest

from sbfa_pack import state
from sbfa_pack.build import units
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.render import runtime_js, unit_features
from sbfa_pack.render.data import preselected, runtime_data
from sbfa_pack.render.widgets import widget_data
from sbfa_pack.sources_check import validate_sources
from sbfa_pack.unit import Unit
from sbfa_pack.xapi import profile

ROOT = Path(__file__).resolve().parents[1] / "roots" / "path"
COURSE = "courses/abroad/course.yaml"
PRICE = "toolkit/price.yaml"


def check(tmp_path: Path, edits: dict[str, list[tuple[str, str]]]) -> list[str]:
    """The diagnostics of the sample with ``edits`` (file → [(old, new)]), as 'line:col code message'."""
    root = tmp_path / "p"
    shutil.copytree(ROOT, root)
    for name, pairs in edits.items():
        text = (root / name).read_text()
        for old, new in pairs:
            assert old in text, old
            text = text.replace(old, new)
        (root / name).write_text(text)
    diags = Diagnostics()
    validate_sources(root, diags)
    return [f"{Path(d.location.file).name}:{d.location.line}:{d.location.column} {d.severity} {d.code} {d.message}"
            for d in diags.sorted() if d.severity != "note"]


def the_unit(lang: str = "en", country: str | None = None) -> Unit:
    diags = Diagnostics()
    lp = validate_sources(ROOT, diags)
    assert lp is not None and not diags.errors
    unit = next(u for u in units(lp) if u.id == "abroad")
    return dataclasses.replace(unit, language=lang, country=country)


def test_the_sample_is_valid_and_declares_its_path(tmp_path: Path) -> None:
    """Issue 12 item 2: `path: {countries}` and modules with `country` load; nothing to report."""
    assert check(tmp_path, {}) == []
    course = the_unit().course
    assert course.path is not None and list(course.path.countries) == ["no", "de", "pl", "gr"]
    assert course.runtime_features == {"path"} and course.country_of("norway") == "no"
    assert course.country_of("basics") is None


@pytest.mark.parametrize(("edits", "expected"), [
    ({COURSE: [("country: de", "country: fr")]},
     "course.yaml:28:14 error schema.value 'fr' is not allowed here"),
    ({COURSE: [("country: de", "country: es")]},
     "course.yaml:28:14 error path.unknown-country country 'es' is not in the path's countries (no, de, pl, gr)"),
    ({COURSE: [("path:\n  countries: [no, de, pl, gr]\n", "")]},
     "course.yaml:20:14 error path.no-path module 'norway' is for country 'no', but the course declares no 'path'"),
    ({COURSE: [("countries: [no, de, pl, gr]", "countries: [no, de, pl, gr, es]")]},
     "course.yaml:8:31 warning path.country-without-module no module is for country 'es'"),
    ({COURSE: [("countries: [no, de, pl, gr]", "countries: [no, de, no, pl, gr]")]},
     "course.yaml:8:23 error path.duplicate-country country 'no' is listed twice"),
    ({COURSE: [("completion: {lessons: all, quizzes: [final]}", "completion: {lessons: [intro, de-steps]}")]},
     "course.yaml:9:31 warning path.uneven-completion completion names lessons of the modules for de but none of "
     "gr, no, pl"),
    ({COURSE: [("completion: {lessons: all, quizzes: [final]}",
                "completion: {lessons: all}\nsuccess: {pass_mark: 50, quizzes: [{quiz: final}, {quiz: no-quiz}]}"),
               ("      - {id: no-links, kind: page, title: Links for Norway, body: Brreg.}",
                "      - id: no-quiz\n        kind: quiz\n        title: Norway check\n        questions:\n"
                "          - {id: nq, type: true-false, prompt: Altinn?, answer: true}")]},
     "course.yaml:10:58 error path.success-country-quiz quiz 'no-quiz' is in a module for 'no' only"),
])
def test_path_mistakes_are_located(tmp_path: Path, edits: dict[str, list[tuple[str, str]]], expected: str) -> None:
    """Issue 12 item 2: every rule of a path is a one-line diagnostic at the key or value to fix."""
    got = check(tmp_path, edits)
    assert any(line.startswith(expected) for line in got), got


def test_a_path_without_country_modules_is_an_error(tmp_path: Path) -> None:
    """Issue 12 item 2: a path whose modules are all for everyone says so at `path`."""
    text = (ROOT / COURSE).read_text()
    cut = text.index("  - id: norway")
    got = check(tmp_path, {COURSE: [(text[cut:], "")]})
    assert got == ["course.yaml:8:3 error path.no-country-modules the path has no country modules "
                   "(give modules 'country: <id>')"], got


@pytest.mark.parametrize(("edits", "expected"), [
    ({PRICE: [("defaults: {price: 150, vat: 25}", "defaults: {prize: 150, vat: 25}")]},
     ["price.yaml:19:5 error money.missing-amount no amount in 'no' for the money input(s) price",
      "price.yaml:19:16 error ref.missing-input 'prize' is not an input of this calculator (did you mean 'price'?)"]),
])
def test_per_country_amounts_are_checked(tmp_path: Path, edits: dict[str, list[tuple[str, str]]],
                                         expected: list[str]) -> None:
    """Issue 12 item 3: a country's amounts name the calculator's inputs, and every money input."""
    assert check(tmp_path, edits) == expected


def test_runtime_data_and_features() -> None:
    """Issue 12 item 2: the path reaches the runtime (countries, module → country), `path.js`
    ships only with it, and the language or the build option pre-selects a country of the path."""
    unit = the_unit()
    data = runtime_data(unit, "scorm12")
    assert data["path"] == {"c": ["no", "de", "pl", "gr"],
                            "m": {"germany": "de", "greece": "gr", "norway": "no", "poland": "pl"}}
    assert "pre" not in data
    assert unit_features(unit) >= {"path"} and b"/* path.js */" in runtime_js("scorm12", unit_features(unit))
    plain = dataclasses.replace(unit, course=unit.course.model_copy(update={"path": None}))
    assert b"/* path.js */" not in runtime_js("scorm12", unit_features(plain))
    assert [preselected(the_unit(lang)) for lang in ("nb", "de", "pl", "el", "es", "uk", "ar")] == \
        ["no", "de", "pl", "gr", None, None, None]
    assert preselected(the_unit("de", country="gr")) == "gr"
    assert the_unit("en", country="gr").package_stem == "abroad-1.0.0-en-gr"


def test_money_data_per_country() -> None:
    """Issue 12 item 3: NOK and PLN from CLDR, with the worked example and amounts of the country;
    a worksheet's money fields change currency by country too."""
    unit = the_unit()
    data = widget_data(unit.exercises["price"])
    assert "countries" not in data
    assert data["money"]["no"] == {"currency": "NOK", "defaults": {"price": 150.0, "vat": 25.0},
                                   "example": "<p>A box at 150 kr with 25 % VAT: the customer pays 187.50 kr.</p>\n"}
    assert data["money"]["pl"]["currency"] == "PLN" and set(data["money"]) == {"no", "pl"}


def test_worst_case_state_includes_the_country() -> None:
    """Issue 12 item 2 (RTE-16): the chosen country is part of the SCORM 1.2 worst case."""
    unit = the_unit()
    worst = state.worst_case_state(unit)
    assert worst["c"] == "no"
    plain = dataclasses.replace(unit, course=unit.course.model_copy(update={"path": None}))
    assert state.worst_case_size(unit) == state.worst_case_size(plain) + len(",c:*no*")


def test_xapi_profile_has_the_country_extension_and_verb() -> None:
    """Issue 12 item 2: a course with a path carries the country extension key and `preferred`."""
    got = profile(the_unit())
    assert got["extensions"]["country"] == "https://w3id.org/sbfa/xapi/extensions/country"
    assert got["verbs"]["preferred"]["id"] == "http://adlnet.gov/expapi/verbs/preferred"


def test_build_country_option(tmp_path: Path) -> None:
    """Issue 12 item 2: `build --country gr` makes packages that open on Greece, named `-en-gr-`;
    an unknown country is a usage error (exit 2), nothing built."""
    from click.testing import CliRunner

    from sbfa_pack.build import build
    from sbfa_pack.cli import main

    result = build(ROOT, tmp_path / "dist", formats=["scorm12"], languages=["en"], jobs=1, only={"abroad"},
                   options={"country": "gr"})
    assert [b.file for b in result.built] == ["abroad-1.0.0-en-gr-scorm12.zip"]
    with zipfile.ZipFile(tmp_path / "dist" / result.built[0].file) as zf:
        assert '"pre":"gr"' in zf.read("index.html").decode()
    got = CliRunner().invoke(main, ["build", str(ROOT), "--country", "fr", "--out", str(tmp_path / "x")])
    assert got.exit_code == 2 and "unknown country 'fr'" in got.output
    assert not (tmp_path / "x").exists()


def test_worksheet_money_fields_take_the_countrys_currency() -> None:
    """Issue 12 item 3: a worksheet with a money field shows NOK in Norway and PLN in Poland (no
    amounts to pick); one without money fields carries nothing per country."""
    from sbfa_pack.model import Worksheet

    base = {"id": "w", "version": "1.0.0", "title": "W", "description": "D", "language": "en", "instructions": "I",
            "example": "E", "duration_minutes": 5, "kind": "worksheet"}
    money = Worksheet.model_validate({**base, "fields": [{"id": "capital", "label": "Capital", "type": "money"}]})
    assert widget_data(money)["money"] == {"no": {"currency": "NOK"}, "pl": {"currency": "PLN"}}
    text = Worksheet.model_validate({**base, "fields": [{"id": "n", "label": "Name", "type": "short-text",
                                                        "max_length": 20}]})
    assert "money" not in widget_data(text)
