"""Markdown: parsing for checks (links, images) and rendering to sanitised HTML.

Author content may contain raw HTML; it is sanitised with nh3 (ammonia) to a small allow-list,
so a package never carries scripts, styles, event handlers or external embeds from a source. Images
and media come from the package only: a ``src`` or ``poster`` on the web is dropped by the
sanitiser (validate reports it as ``markdown.external-media``); links to the web stay links.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from html import escape, unescape

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options as _CmarkOptions
from markdown_it import MarkdownIt
from markdown_it.token import Token

from .terms import TERM
from .terms import after_sanitising as _terms_out
from .terms import before_sanitising as _terms_in

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


MAX_REFS = 1000
"""Links and images checked in one Markdown text; more is surely a mistake (validate says so), and
checking each costs a file look-up."""


_REF_TAG = re.compile(r"<(?:a|img|audio|video|source|track)\b", re.IGNORECASE)


def too_many_references(text: str) -> bool:
    """True when ``text`` holds more than ``MAX_REFS`` links and images; counted with the fast
    renderer, so a 2 MB text of links is refused in a fraction of a second, never parsed for checks."""
    return len(text) > 4 * MAX_REFS and len(_REF_TAG.findall(render_block(text))) > MAX_REFS


def references(text: str) -> list[Ref]:
    """Every link and image in ``text``; the first ``MAX_REFS`` with the line and column of their
    target (any further ones at their block's start)."""
    if "[" not in text and "<" not in text:  # no link or image syntax: skip the parse (common for prose)
        return []
    lines = text.split("\n")
    refs: list[Ref] = []
    for block in _ref_parser().parse(text):
        first, last = (block.map[0], block.map[1]) if block.map else (0, 1)
        found: list[Ref] = []
        _collect(block, found)
        if not found:
            continue
        finder = _Finder(lines, first, last) if len(refs) < MAX_REFS else None
        for ref in found:
            refs.append(finder.place(ref) if finder and len(refs) < MAX_REFS else replace(ref, line=first + 1))
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
            # A poster or srcset is fetched too; only one on the web matters (the sanitiser drops srcset).
            srcset = [c.split()[0] for c in values.get("srcset", "").split(",") if c.split()]
            extra = [values.get("poster", ""), *srcset]
            refs += [Ref("media", t, "", 1, html=True) for t in extra if t and is_external(t)]
    for child in tok.children or []:
        _collect(child, refs)


class _Finder:
    """Finds the line and column of each reference's target inside its block (the parser gives
    blocks only). Each is searched after the one before, so two links to one file get their own
    places; a needle missing from the rest of the block is never searched for there again, which
    keeps the work linear in the block for each distinct target."""

    def __init__(self, lines: list[str], first: int, last: int) -> None:
        self.first = first
        self.text = "\n".join(lines[first:max(first + 1, min(last, len(lines)))])
        self.starts = [0] + [i + 1 for i, c in enumerate(self.text) if c == "\n"]
        self.cursor = 0
        self.absent: set[str] = set()
        self.earliest: dict[str, int] = {}

    def _find(self, needle: str, onwards: bool) -> int:
        if onwards:
            if needle not in self.absent:
                at = self.text.find(needle, self.cursor)
                if at >= 0:
                    return at
                self.absent.add(needle)
            return -1
        if needle not in self.earliest:  # an earlier place: a reference given out of order
            self.earliest[needle] = self.text.find(needle, 0, self.cursor + len(needle))
        return self.earliest[needle]

    def place(self, ref: Ref) -> Ref:
        needles = (["![]("] if ref.kind == "image" and not ref.alt else []) + [f"({ref.target}", ref.target]
        written = as_written(ref.target)
        if written != ref.target:  # the parser percent-encoded it (Gründung → Gr%C3%BCndung): find it as written
            needles += [f"({written}", written]
        # Every form after the last reference first (a link, then an autolink to the same address).
        for needle, onwards in [(n, True) for n in needles] + [(n, False) for n in needles]:
            at = self._find(needle, onwards)
            if at >= 0:
                self.cursor = max(self.cursor, at + 1)
                n = bisect.bisect_right(self.starts, at) - 1
                shift = 1 if needle.startswith("(") else 0
                return replace(ref, line=self.first + n + 1, column=at - self.starts[n] + 1 + shift)
        return replace(ref, line=self.first + 1, column=1)


def as_written(target: str) -> str:
    """A link target as an author writes it: the parser's percent-encoding and punycode undone
    (``https://bücher.de/Gründung``), as markdown-it shows a link's text."""
    return str(_parser().normalizeLinkText(target)) if "%" in target or "xn--" in target else target


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
    """True for a link to a file of the package (not a web address, mail, anchor, data URI or
    glossary mark)."""
    t = target.strip()
    return bool(t) and not t.startswith(("#", "http://", "https://", "mailto:", "tel:", "data:", "//", TERM))


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]+:")  # two letters at least: "C:\\x" is a (wrong) file name
_SPACES = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def is_external(target: str) -> bool:
    """True for an image or media address a browser would fetch from elsewhere than the package:
    a web address (``https:``, ``http:``), a network-path (``//host/...``, also written with
    backslashes, which browsers read as slashes) or any other scheme but ``data:``."""
    t = _SPACES.sub("", target).strip(_C0_AND_SPACE).replace("\\", "/")
    return t.startswith("//") or (bool(_SCHEME.match(t)) and not t.lower().startswith("data:"))


def _local_resources(tag: str, attr: str, value: str) -> str | None:
    """nh3 attribute filter: a resource the page would fetch from the web is dropped."""
    if attr in ("src", "poster") and is_external(value):
        return None
    return value


_RESOURCE_ATTR = re.compile(r"\b(?:src|poster)\s*=", re.IGNORECASE)


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
    return _terms_out(leaving_links(clean(_terms_in(html))))


@lru_cache(maxsize=8192)
def inline_html(text: str) -> str:
    """Render one line of Markdown (a prompt, a choice) without the surrounding paragraph."""
    return _terms_out(leaving_links(clean(_terms_in(_parser().renderInline(text)))))


MAX_NESTING = 100
"""Elements open inside one another in a text's HTML (Markdown quotes and lists, raw HTML). The
sanitiser's time grows with the square of the depth (50,000 nested <div> took 25 s); validate
reports deeper text as ``markdown.too-deep`` and the sanitiser escapes it whole."""
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
# Elements that never hold others, or whose end tag may be left out (the parser closes them).
_NOT_NESTING = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "colgroup"}


def nesting(html: str) -> int:
    """The deepest nesting of elements in ``html`` (an upper bound: unclosed elements count as open)."""
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(html):
        if name.lower() in _NOT_NESTING or self_closing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def too_deep(text: str) -> bool:
    """True when the Markdown ``text`` renders to HTML nested deeper than ``MAX_NESTING``."""
    return len(text) > 2 * MAX_NESTING and nesting(render_block(text)) > MAX_NESTING


def clean(html: str) -> str:
    """Sanitise HTML to the allow-list; links to the web open in a new tab safely; images and media
    from the web are dropped (their ``src`` or ``poster`` is removed). HTML nested deeper than
    ``MAX_NESTING`` is escaped whole (validate has reported it)."""
    if len(html) > 4 * MAX_NESTING and nesting(html) > MAX_NESTING:
        html = escape(html)
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRS,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        strip_comments=True,
        # Only HTML with a src or poster needs the (Python) filter: most text has none.
        attribute_filter=_local_resources if _RESOURCE_ATTR.search(html) else None,
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
