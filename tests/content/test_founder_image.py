"""A case study's portrait (issue 12 item 11): ``founder.image {src, alt}`` is a packaged image,
checked like a Markdown image: a missing file and a missing alt text are located errors."""

from __future__ import annotations

import shutil
from pathlib import Path

from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load import load_project

ROOT = Path(__file__).resolve().parents[1] / "roots" / "learner"
PORTRAIT = "image: {src: amira.svg, alt: A drawing of a woman in a purple headscarf and a green jacket}"
# The portrait's line in the sample course, wherever other keys put it.
AT = "course.yaml:{}:".format(next(n for n, line in enumerate(
    (ROOT / "courses" / "start" / "course.yaml").read_text().splitlines(), 1) if PORTRAIT in line))


def _load(tmp_path: Path, image: str) -> list[str]:
    root = tmp_path / "p"
    shutil.copytree(ROOT, root)
    course = root / "courses" / "start" / "course.yaml"
    text = course.read_text()
    assert PORTRAIT in text
    course.write_text(text.replace(PORTRAIT, image))
    diags = Diagnostics()
    load_project(root, diags)
    return [str(d) for d in diags.errors]


def test_the_sample_portrait_loads_and_is_packaged(tmp_path: Path) -> None:
    """Issue 12 item 11: a portrait beside the course is accepted."""
    assert _load(tmp_path, PORTRAIT) == []


def test_a_missing_portrait_file_is_a_located_error(tmp_path: Path) -> None:
    """Issue 12 item 11: the file must exist (ref.missing-asset, at the src value)."""
    errors = _load(tmp_path, "image: {src: amria.svg, alt: A drawing}")
    assert len(errors) == 1
    assert AT in errors[0] and "error[ref.missing-asset]" in errors[0]
    assert "'amria.svg' not found (did you mean 'amira.svg'?)" in errors[0]


def test_a_portrait_without_alt_text_is_a_located_error(tmp_path: Path) -> None:
    """Issue 12 item 11: alt text is required (a schema error at the image)."""
    errors = _load(tmp_path, "image: {src: amira.svg}")
    assert len(errors) == 1 and AT in errors[0] and "alt" in errors[0]


def test_a_founder_video_needs_webvtt_captions(tmp_path: Path) -> None:
    """Issue 12 item 11 (WCAG 1.2.2): founder.video without captions, or with a captions file that
    does not exist, is a located error; with both files it is packaged, captioned, never autoplayed."""
    errors = _load(tmp_path / "a", PORTRAIT + ", video: {src: amira.svg}")
    assert len(errors) == 1 and AT in errors[0] and "missing required key 'captions'" in errors[0]
    (tmp_path / "b").mkdir()
    errors = _load(tmp_path / "b", PORTRAIT + ", video: {src: amira.svg, captions: amira.vtt}")
    assert len(errors) == 1 and "error[ref.missing-asset]" in errors[0] and "'amira.vtt' not found" in errors[0]


def test_the_founder_video_is_rendered_with_its_captions_track(tmp_path: Path) -> None:
    """Issue 12 item 11: <video controls preload=none> (no autoplay) with <track kind=captions srclang>."""
    import lxml.html

    from sbfa_pack.build import units
    from sbfa_pack.render import render_unit

    root = tmp_path / "p"
    shutil.copytree(ROOT, root)
    folder = root / "courses" / "start"
    (folder / "amira.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    (folder / "amira.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nHello, I am Amira.\n")
    course = folder / "course.yaml"
    course.write_text(course.read_text().replace(PORTRAIT, PORTRAIT + ", video: {src: amira.mp4, captions: amira.vtt}"))
    diags = Diagnostics()
    lp = load_project(root, diags)
    assert lp is not None and not diags.errors, [str(d) for d in diags]
    files = render_unit(next(u for u in units(lp) if u.kind == "course"), "none")
    assert {"amira.mp4", "amira.vtt"} <= set(files)
    video = lxml.html.fromstring(files["index.html"]).xpath("//section[@id='l-amira']//video")[0]
    assert video.get("autoplay") is None and video.get("controls") is not None and video.get("preload") == "none"
    track = video.xpath("track")[0]
    assert (track.get("kind"), track.get("src"), track.get("srclang")) == ("captions", "amira.vtt", "en")
