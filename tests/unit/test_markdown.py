"""Markdown: links and images found with their place; author HTML sanitised."""

from __future__ import annotations

from sbfa_pack import markdown
from sbfa_pack.markdown import is_local, references, to_html


def test_references_with_line_and_column() -> None:
    text = "# Title\n\nSee [the plan](plan.md) and\n![A shop](img/shop.png \"t\").\n\n<img src=\"x.png\">\n"
    refs = [(r.kind, r.target, r.alt, r.line, r.column) for r in references(text)]
    assert refs == [("link", "plan.md", "", 3, 16), ("image", "img/shop.png", "A shop", 4, 11),
                    ("image", "x.png", "", 6, 11)]
    assert references("`[code](not-a-link.md)`") == []
    assert references("Plain prose, no links.") == []


def test_is_local() -> None:
    assert is_local("plan.md") and is_local("img/a.png")
    assert not any(is_local(t) for t in ("https://x.org", "#top", "mailto:a@b.c", "data:image/png;base64,", ""))


def test_author_html_is_sanitised() -> None:
    html = to_html('Hi <script>alert(1)</script><img src="a.png" alt="A" onerror="x()">'
                   '<a href="javascript:alert(1)">j</a> <iframe src="https://evil"></iframe> [w](https://w.org)')
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html and "<iframe" not in html
    assert '<img src="a.png" alt="A">' in html
    assert 'href="https://w.org" rel="noopener noreferrer"' in html


def test_headings_shift_below_the_lesson_title() -> None:
    assert to_html("# Welcome").startswith("<h2>Welcome</h2>")


def test_audio_and_video_keep_controls_and_captions_and_lose_everything_else() -> None:
    """Issue 8: captions and transcripts reach the learner when the source provides them."""
    html = markdown.to_html(
        '<video controls src="a.mp4" onplay="x()" autoplay><track kind="captions" src="a.vtt" srclang="en" '
        'label="English"></video>\n\n<audio controls src="b.mp3"></audio>\n\n<details><summary>Transcript'
        '</summary>Hello.</details>')
    assert '<video controls="" src="a.mp4">' in html and "onplay" not in html and "autoplay" not in html
    assert '<track kind="captions" src="a.vtt" srclang="en" label="English">' in html
    assert '<audio controls="" src="b.mp3">' in html and "<details>" in html


def test_media_files_are_references_and_missing_captions_are_found() -> None:
    text = '<video controls src="v.mp4"><track kind="captions" src="v.vtt"></video>\n\n<audio src="s.mp3"></audio>'
    assert [(r.kind, r.target) for r in markdown.references(text)] == [
        ("media", "v.mp4"), ("media", "v.vtt"), ("media", "s.mp3")]
    problems = markdown.media_problems(text)
    assert [(p.code, p.line, p.column) for p in problems] == [("media.no-transcript", 3, 1)]
    assert markdown.media_problems(text + "\n\n<details><summary>Transcript</summary>...</details>") == []
