"""Markdown: parsing for checks (links, images) and rendering to sanitised HTML.

Author content may contain raw HTML; it is sanitised with nh3 (ammonia) to a small allow-list,
so a package never carries scripts, styles, event handlers or external embeds from a source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from html import unescape

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options as _CmarkOptions
from markdown_it import MarkdownIt
from markdown_it.token import Token

_TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "code", "dd", "del", "details", "dfn",
    "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul", "audio", "video", "source", "track",
}
_CMARK_OPTIONS = _CmarkOptions.CMARK_OPT_UNSAFE  # raw HTML kept: nh3 sanitises it afterwards

_ATTRS = {
    "*": {"lang", "dir", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    # Audio and video come from the package itself (CSP media-src 'self'), always with controls;
    # captions and subtitles travel as WebVTT <track> files (WCAG 1.2.2).
    "audio": {"src", "controls", "preload"},
    "video": {"src", "controls", "preload", "poster", "width", "height"},
    "source": {"src", "type"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False}).enable("table")


@cache
def _ref_parser() -> MarkdownIt:
    """A parser for finding links only: emphasis (most of the parse time) never changes what is a link."""
    return MarkdownIt("commonmark", {"html": True}).disable(["emphasis"])


_HTML_TAG = re.compile(r"<(img|a|audio|video|source|track)\b([^>]*)>", re.IGNORECASE)
_MEDIA = re.compile(r"<(audio|video)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_CAPTIONS = re.compile(r"<track\b[^>]*\bkind\s*=\s*[\"']?(captions|subtitles|descriptions)", re.IGNORECASE)
_TRANSCRIPT = re.compile(r"<details\b|transcript", re.IGNORECASE)
_HTML_ATTR = re.compile(r"([a-zA-Z-]+)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)")


@dataclass(frozen=True, slots=True)
class Ref:
    """A link or image target found in Markdown; ``line`` and ``column`` are 1-based within the text."""

    kind: str  # "link" | "image" | "media" (audio, video, source, track files)
    target: str
    alt: str
    line: int
    column: int = 1
    html: bool = False
    """Found in raw HTML (``<img>``, ``<a>``) rather than Markdown syntax."""


def references(text: str) -> list[Ref]:
    """Every link and image in ``text``, with the line and column of its target."""
    if "[" not in text and "<" not in text:  # no link or image syntax: skip the parse (common for prose)
        return []
    lines = text.split("\n")
    refs: list[Ref] = []
    for block in _ref_parser().parse(text):
        first, last = (block.map[0], block.map[1]) if block.map else (0, 1)
        found: list[Ref] = []
        _collect(block, found)
        for ref in found:
            refs.append(_place(ref, lines, first, last))
    return refs


def _collect(tok: Token, refs: list[Ref]) -> None:
    if tok.type == "link_open":
        refs.append(Ref("link", str(tok.attrs.get("href", "")), "", 1))
    elif tok.type == "image":
        refs.append(Ref("image", str(tok.attrs.get("src", "")), tok.content.strip(), 1))
    elif tok.type in ("html_inline", "html_block"):
        # Raw HTML images and links count too: they are packaged and need alt text just the same.
        for tag, attrs in _HTML_TAG.findall(tok.content):
            values = {k.lower(): v.strip("\"'") for k, v in _HTML_ATTR.findall(attrs)}
            if tag.lower() == "img":
                refs.append(Ref("image", values.get("src", ""), values.get("alt", "").strip(), 1, html=True))
            elif tag.lower() != "a" and values.get("src"):
                refs.append(Ref("media", values["src"], "", 1, html=True))
            elif "href" in values:
                refs.append(Ref("link", values["href"], "", 1, html=True))
    for child in tok.children or []:
        _collect(child, refs)


def _place(ref: Ref, lines: list[str], first: int, last: int) -> Ref:
    """Find the line and column of a reference's target inside its block (the parser gives blocks only)."""
    needles = (["![]("] if ref.kind == "image" and not ref.alt else []) + [f"({ref.target}", ref.target]
    for needle in needles:
        for n in range(first, min(last, len(lines))):
            col = lines[n].find(needle)
            if col >= 0:
                shift = 1 if needle.startswith("(") else 0
                return Ref(ref.kind, ref.target, ref.alt, n + 1, col + 1 + shift, ref.html)
    return Ref(ref.kind, ref.target, ref.alt, first + 1, 1, ref.html)


@dataclass(frozen=True, slots=True)
class MediaProblem:
    """An audio or video element that leaves out learners who cannot hear it."""

    code: str
    message: str
    line: int
    column: int


def media_problems(text: str) -> list[MediaProblem]:
    """Videos without a captions track; audio with neither a track nor a transcript beside it."""
    if "<audio" not in text.lower() and "<video" not in text.lower():
        return []
    out: list[MediaProblem] = []
    for m in _MEDIA.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        if _CAPTIONS.search(m.group(0)):
            continue
        if m.group(1).lower() == "video":
            out.append(MediaProblem("media.no-captions", "video without captions: add "
                                    "<track kind=\"captions\" src=\"....vtt\" srclang=\"en\">", line, column))
        elif not _TRANSCRIPT.search(text[m.end():]):
            out.append(MediaProblem("media.no-transcript", "audio without a transcript: add the text after it "
                                    "(e.g. in <details><summary>Transcript</summary>...</details>)", line, column))
    return out


def is_local(target: str) -> bool:
    """True for a link to a file of the package (not a web address, mail, anchor or data URI)."""
    t = target.strip()
    return bool(t) and not t.startswith(("#", "http://", "https://", "mailto:", "tel:", "data:", "//"))


# Rendering is the costliest step of a build, and the same text recurs: in every format of a
# package, and in each language where it is not translated yet. Jobs of one unit run in the same
# worker, so a bounded cache saves most of it.
def render_block(text: str) -> str:
    """CommonMark + tables to HTML, unsanitised.

    cmark-gfm (C) renders; it is about 20 times faster than markdown-it-py, which stays the parser
    for checks and translation units because its tokens carry line numbers. Both speak the same
    dialect (CommonMark with the table extension, raw HTML kept for the sanitiser); a test renders
    every text of the programme and the samples with both and requires identical HTML.
    """
    return str(cmarkgfm.markdown_to_html_with_extensions(text, options=_CMARK_OPTIONS, extensions=["table"]))


def render_block_reference(text: str) -> str:
    """The same rendering with markdown-it-py: the reference the fast renderer is tested against."""
    return str(_parser().render(text))


@lru_cache(maxsize=8192)
def to_html(text: str, *, heading_offset: int = 1) -> str:
    """Render Markdown to sanitised HTML; headings are shifted so a lesson's own h1 stays unique."""
    html = render_block(text)
    for level in range(6 - heading_offset, 0, -1):
        html = html.replace(f"<h{level}>", f"<h{level + heading_offset}>")
        html = html.replace(f"</h{level}>", f"</h{level + heading_offset}>")
    return leaving_links(clean(html))


@lru_cache(maxsize=8192)
def inline_html(text: str) -> str:
    """Render one line of Markdown (a prompt, a choice) without the surrounding paragraph."""
    return leaving_links(clean(_parser().renderInline(text)))


def clean(html: str) -> str:
    """Sanitise HTML to the allow-list; links to the web open in a new tab safely."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRS,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


# ---- links that leave the lesson ---------------------------------------------------------------
# A link followed in the course's own window unloads the page: in an LMS the SCO ends and the
# runtime finishes the session (issue 17 item 14). So every link that leaves the lesson opens in a
# new tab, or downloads, and says so beforehand; in-page anchors, mail and phone links stay as
# they are (they never unload the page).

NEW_TAB = '<span class="sr nt"></span>'
"""Where the words "(opens in a new tab)" go in a link of rendered Markdown: the renderer fills
them in the page's language (the text itself is language-neutral and cached)."""
DOWNLOAD = '<span class="sr dl"></span>'
"""The same for a packaged file the browser cannot show, which downloads ("(downloads the file)")."""

_VIEWABLE = frozenset({"pdf", "html", "htm", "txt", "png", "jpg", "jpeg", "gif", "webp", "avif", "svg",
                       "mp3", "m4a", "wav", "oga", "ogg", "ogv", "mp4", "webm"})
"""Packaged files a browser shows in a tab of its own; any other packaged file downloads."""
_A_TAG = re.compile(r"<(/?)a\b([^>]*)>")  # nh3 escapes < and > in attribute values
_HREF = re.compile(r'\bhref="([^"]*)"')


def link_kind(href: str) -> str:
    """``stay`` (an anchor of the page, mail, phone), ``tab`` (the web, a packaged file a browser
    shows) or ``download`` (any other packaged file) for a link's target as written."""
    t = href.strip()
    if not t or t.startswith("#") or t.lower().startswith(("mailto:", "tel:")):
        return "stay"
    if not is_local(t):
        return "tab"
    name = t.split("#", 1)[0].split("?", 1)[0].rsplit("/", 1)[-1]
    return "tab" if name.rpartition(".")[2].lower() in _VIEWABLE else "download"


def leaving_links(html: str) -> str:
    """Sanitised HTML with every link that leaves the lesson opening in a new tab (``target="_blank"``;
    nh3 has added ``rel="noopener noreferrer"``) or downloading, and a slot for the words a screen
    reader says (:data:`NEW_TAB`, :data:`DOWNLOAD`). The icon comes from the stylesheet."""
    if "<a" not in html:
        return html
    open_kind = ""

    def one(m: re.Match[str]) -> str:
        nonlocal open_kind
        if m.group(1):  # </a>
            slot = {"tab": NEW_TAB, "download": DOWNLOAD}.get(open_kind, "")
            open_kind = ""
            return slot + m.group(0)
        href = _HREF.search(m.group(2))
        open_kind = link_kind(unescape(href.group(1))) if href else "stay"
        if open_kind == "stay":
            return m.group(0)
        return f'<a{m.group(2)} target="_blank"{" download" if open_kind == "download" else ""}>'

    return _A_TAG.sub(one, html)
