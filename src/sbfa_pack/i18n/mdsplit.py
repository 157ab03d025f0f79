"""Markdown bodies as translation units: split into paragraphs, headings, list items; join back.

A translator sees one paragraph (or heading, list item, table, HTML block) at a time, with its
inline Markdown intact. Joining replaces each unit's lines in the source text by its translation
and keeps everything else (blank lines, list markers, quote markers, code blocks, rules) exactly,
so the translated body has the structure of the source, deterministically.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from markdown_it import MarkdownIt

_MARKER = re.compile(r"[-*+]|\d{1,9}[.)]")


@cache
def _parser() -> MarkdownIt:
    # The same dialect as sbfa_pack.markdown (CommonMark + tables), so units match what renders.
    # Units are blocks: the inline parse (emphasis, links), most of the parse time, is skipped;
    # an inline token's `content` (its raw text) is all a unit needs.
    return MarkdownIt("commonmark", {"html": True}).enable("table").disable("inline")


@dataclass(frozen=True, slots=True)
class Segment:
    """One translatable unit of a Markdown text: its source text and its lines (0-based, end exclusive)."""

    msgid: str
    start: int
    end: int
    raw: bool
    """True for units taken line for line (tables, HTML blocks), False for inline content."""
    heading: bool = False


def split(text: str) -> list[Segment]:
    """The translatable units of ``text`` in reading order (code blocks and rules are not units)."""
    return list(_split(text))


@lru_cache(maxsize=8192)
def _split(text: str) -> tuple[Segment, ...]:
    # Cached: a build localises the same source bodies once per language and format, and
    # parsing them again each time was most of the build's time (benchmarks/build.py).
    tokens = _parser().parse(text)
    lines = text.split("\n")
    out: list[Segment] = []
    for i, tok in enumerate(tokens):
        if not tok.map:
            continue
        if tok.type in ("paragraph_open", "heading_open") and i + 1 < len(tokens):
            content = tokens[i + 1].content
            if content.strip():
                out.append(Segment(content, tok.map[0], tok.map[1], False, tok.type == "heading_open"))
        elif tok.type in ("table_open", "html_block") and tok.level == 0:
            block = "\n".join(lines[tok.map[0]:tok.map[1]]).strip()
            if block:
                out.append(Segment(block, tok.map[0], tok.map[1], True))
    return tuple(out)


def is_single(text: str) -> bool:
    """True when ``text`` is one plain paragraph: it is then one unit, exactly as written."""
    segs = split(text)
    return len(segs) == 1 and not segs[0].raw and not segs[0].heading and segs[0].msgid == text.strip()


def join(text: str, translate: Callable[[str], str | None]) -> str:
    """``text`` with every unit replaced by ``translate(msgid)`` (None keeps the source unit)."""
    lines = text.split("\n")
    out: list[str] = []
    pos = 0
    for seg in split(text):
        out.extend(lines[pos:seg.start])
        pos = seg.end
        new = translate(seg.msgid)
        source = lines[seg.start:seg.end]
        if new is None:
            out.extend(source)
        elif seg.raw:
            out.extend(new.split("\n"))
        else:
            out.extend(_replace_inline(source, seg, new))
    out.extend(lines[pos:])
    return "\n".join(out)


def _replace_inline(source: list[str], seg: Segment, new: str) -> list[str]:
    """The unit's lines with the content swapped, keeping container prefixes ('> ', '- ', indent)."""
    content = seg.msgid.split("\n")
    atx = seg.heading and seg.end - seg.start == 1  # "# Title"; a setext heading has its underline below
    prefixes: list[str] = []
    suffix = ""  # an ATX heading's closing "#"s
    k = 0
    kept_after: list[str] = []
    for line in source:
        if k < len(content):
            # The last match: the content ends its line (markers such as "1. " may look like content).
            idx = line.rstrip().rfind(content[k].rstrip())
            if idx < 0:
                return source  # not found as written (unusual escapes): keep the source, never garble
            prefixes.append(line[:idx])
            if atx:
                suffix = line[idx + len(content[k].rstrip()):]
            k += 1
        else:
            kept_after.append(line)  # a setext heading's underline
    # An ATX heading is one line whatever the translation; a setext heading, like a paragraph, may
    # have several (each then keeps its container prefix, the underline stays below).
    new_lines = [" ".join(new.split("\n"))] if atx else new.split("\n")
    cont = prefixes[1] if len(prefixes) > 1 else _MARKER.sub(lambda m: " " * len(m.group()), prefixes[0])
    if prefixes[0].lstrip().startswith("#"):
        cont = prefixes[0]
    result = [prefixes[0] + new_lines[0] + suffix] + [cont + line if line else cont.rstrip() for line in new_lines[1:]]
    return result + kept_after
