"""HTML void elements in translations, and a captioned video translated with each language's captions."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import Result

from sbfa_pack.i18n import rules

from .conftest import translate_all

# https://html.spec.whatwg.org/multipage/syntax.html#void-elements
WHATWG_VOID = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
VIDEO = '<video controls src="amira.mp4"><track kind="captions" src="amira.vtt" srclang="en"></video>'


@pytest.mark.parametrize("tag", WHATWG_VOID)
def test_every_void_element_needs_no_closing_tag(tag: str) -> None:
    """Issue 22 item 1: each HTML void element, unchanged in a translation, is balanced markup."""
    source = f'Before <{tag} title="x"> after <{tag}/> <b>bold</b>'
    assert tag in rules.void_elements()
    assert rules.markup(source, source.replace("Before", "Vorher")) is None


def test_a_normal_element_must_still_be_closed() -> None:
    assert rules.markup("<b>x</b>", "<b>x") == "unbalanced markup: <b> is not closed"


@pytest.fixture
def video(project: Path, cli: Callable[..., Result]) -> Path:
    """The README's captioned video in the sample course, translated unchanged into every language."""
    folder = project / "courses/money-basics"
    body = folder / "fixed-costs.md"
    body.write_text(body.read_text() + f"\n{VIDEO}\n")
    (folder / "amira.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    for name, words in (("amira.vtt", "Hello"), ("amira.de.vtt", "Hallo")):
        (folder / name).write_text(f"WEBVTT\n\n00:00.000 --> 00:01.000\n{words}\n")
    assert cli("i18n", "update", str(project)).exit_code == 0
    for po in sorted(project.glob("locales/*/*.po")):
        translate_all(po, "X ")
    return project


def _retarget(project: Path, lang: str, vtt: str) -> None:
    po_file = project / f"locales/{lang}/money-basics.po"
    po = polib.pofile(str(po_file))
    entry = next(e for e in po if "<video" in e.msgid)
    entry.msgstr = entry.msgid.replace('src="amira.vtt" srclang="en"', f'src="{vtt}" srclang="{lang}"')
    po.save()


def _build(project: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> dict[str, set[str]]:
    monkeypatch.setenv("SBFA_PROJECT_ROOT", str(project))
    result = cli("build", str(project), "--format", "web", "-j", "1")
    assert result.exit_code == 0, result.output
    out: dict[str, set[str]] = {}
    for z in sorted((project / "dist").glob("money-basics-*.zip")):
        with zipfile.ZipFile(z) as zf:
            out[z.stem.split("-")[-2]] = set(zf.namelist())
            html = zf.read("index.html").decode()
            assert "<track" in html, z.name
    return out


def test_the_readme_video_translated_unchanged_builds_in_every_language(video: Path, cli: Callable[..., Result],
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 22 item 1: the README's captioned video, translated unchanged, passes validate and builds
    every language (it failed with "unbalanced markup: <track> is not closed")."""
    result = cli("validate", str(video))
    assert result.exit_code == 0, result.output
    assert "i18n.markup" not in result.output
    built = _build(video, cli, monkeypatch)
    assert sorted(built) == ["ar", "de", "en", "pl"]
    assert all({"amira.mp4", "amira.vtt"} <= names for names in built.values())


def test_each_language_may_bring_its_own_captions(video: Path, cli: Callable[..., Result],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 22 item 1: a translation may point the caption track at its language's own file; the
    file is packaged with that language."""
    _retarget(video, "de", "amira.de.vtt")
    assert cli("validate", str(video)).exit_code == 0
    built = _build(video, cli, monkeypatch)
    assert "amira.de.vtt" in built["de"] and "amira.de.vtt" not in built["pl"]
    with zipfile.ZipFile(video / "dist/money-basics-1.0.0-de-web.zip") as zf:
        html = zf.read("index.html").decode()
    assert 'src="amira.de.vtt"' in html and 'srclang="de"' in html


@pytest.mark.parametrize(("vtt", "code", "message"), [
    ("amira.pl.vtt", "ref.missing-asset", "the translation names 'amira.pl.vtt', which is not in money-basics/"),
    ("../../sbfa.yaml", "ref.outside", "'../../sbfa.yaml' points outside the folder money-basics/"),
])
def test_a_language_captions_file_must_exist(video: Path, cli: Callable[..., Result], vtt: str, code: str,
                                             message: str) -> None:
    """Issue 22 item 1: a caption file named by a translation is checked, at the PO entry's line."""
    _retarget(video, "pl", vtt)
    po_file = video / "locales/pl/money-basics.po"
    lines = po_file.read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "<video" in text)
    while not lines[line - 1].startswith("msgid "):
        line -= 1
    result = cli("validate", str(video))
    assert result.exit_code == 1
    assert f"locales/pl/money-basics.po:{line}: error[{code}]: {message}" in result.output
