"""Parsing manifests without trusting them: no DTD, no entities, no network, bounded size.

A manifest comes from whoever built the package. lxml's defaults would fetch external DTDs and
expand entities (XXE, billion laughs), so every parse goes through :func:`parse_xml`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from lxml import etree

from ..diagnostics import Diagnostics

_BOM = b"\xef\xbb\xbf"
# Source bytes of the documents being checked, by id() of their root element, so that a diagnostic
# about an element can carry its column (lxml only records a line). Filled by parse_xml, emptied
# by forget() once the checks of that document are done.
_SOURCES: dict[int, _Source] = {}


def safe_parser() -> etree.XMLParser:
    """A parser that never resolves entities, loads DTDs, touches the network or accepts huge trees."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
        remove_pis=False,
    )


@dataclass(frozen=True)
class Parsed:
    """A parsed manifest: its root element and whether a UTF-8 byte-order mark preceded it."""

    root: etree._Element
    had_bom: bool
    text: bytes


def parse_xml(data: bytes, file: str, diags: Diagnostics) -> Parsed | None:
    """Parse ``data``; report ``xml.*`` problems; return None when the document is unusable."""
    had_bom = data.startswith(_BOM)
    if had_bom:
        # Storyline, Ludiscape and Rustici's own tincan.xml files start with a BOM
        # (corpus: storyline-idl, ludiscape-scormfile, rustici-jstetris) and every LMS reads them.
        diags.note("xml.bom", "the file starts with a UTF-8 byte-order mark; accepted, but better without", file, 1, 1)
    if not data.strip(_BOM + b" \t\r\n"):
        diags.error("xml.not-well-formed", "the file is empty; an XML document was expected", file)
        return None
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (0, 0)
        msg = exc.msg or str(exc)
        diags.error("xml.not-well-formed", f"this is not well-formed XML: {msg}; an LMS cannot read it",
                    file, line or 0, col or 0)
        return None
    except (ValueError, etree.LxmlError) as exc:
        diags.error("xml.not-well-formed", f"this is not usable XML: {exc}", file)
        return None
    if root.getroottree().docinfo.doctype:  # type: ignore[union-attr]  # lxml-stubs: DocInfo | Any
        diags.warning(
            "xml.doctype",
            "the document has a DOCTYPE; it is ignored here (no DTD or entity is loaded), and some LMS "
            "parsers refuse documents with entity declarations",
            file, 1, 0,
        )
    encoding = str(root.getroottree().docinfo.encoding or "UTF-8")
    if encoding.upper().replace("_", "-") not in ("UTF-8", "UTF8", "US-ASCII", "ASCII"):
        # CAM-9: Moodle parses manifests with xml_parser_create('UTF-8'); other encodings garble titles.
        # Lectora writes tincan.xml as ISO-8859-1 (corpus: lectora-testing-yet): a warning, not an error.
        diags.warning("xml.encoding", f"the document is encoded as {encoding}; LMSs expect UTF-8", file, 1, 0)
    if b"<!ENTITY" in data:
        diags.error("xml.entity", "the document declares entities; they are not expanded, and LMSs will not "
                    "expand them either", file)
    _SOURCES[id(root)] = _Source(data)
    return Parsed(root, had_bom, data)


def forget(parsed: Parsed) -> None:
    """Drop the source kept for column lookups once a document's checks are finished."""
    _SOURCES.pop(id(parsed.root), None)


def line_of(el: etree._Element) -> int:
    """The element's 1-based line (0 when lxml does not know it)."""
    line = el.sourceline
    return int(line) if isinstance(line, int) else 0


def pos(el: etree._Element) -> tuple[int, int]:
    """(line, column) of ``el``'s start tag, both 1-based; column 0 when it cannot be found.

    libxml2 records the line on which a start tag *ends*; the tag is found by searching back from
    the end of that line for ``<name``, taking the k-th one when several same-named elements end on
    the same line.
    """
    line = line_of(el)
    root = el.getroottree().getroot()
    src = _SOURCES.get(id(root)) if root is not None else None
    if not line or src is None or not isinstance(el.tag, str) or line >= len(src.offsets):
        return line, 0
    qname = f"{el.prefix}:{etree.QName(el).localname}" if el.prefix else etree.QName(el).localname
    same = src.same_line(root, el.tag, line)
    index = next((i for i, e in enumerate(same) if e is el), 0)
    window = src.offsets[max(line - 50, 0)]
    needle = re.compile(rb"<" + re.escape(qname.encode()) + rb"[\s/>]")
    hits = [m.start() for m in needle.finditer(src.data, window, src.offsets[line])]
    hits = hits[-len(same):]
    if index >= len(hits):
        return line, 0
    offset = hits[index]
    tag_line = bisect.bisect_right(src.offsets, offset)
    return tag_line, offset - src.offsets[tag_line - 1] + 1


class _Source:
    """A document's bytes, its line start offsets, and elements grouped by (tag, line) on demand."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        # offsets[i] is where line i+1 starts; a final entry marks the end of the data.
        self.offsets = [0, *(m.end() for m in re.finditer(rb"\n", data)), len(data) + 1]
        self._by_line: dict[tuple[str, int], list[etree._Element]] | None = None

    def same_line(self, root: etree._Element, tag: str, line: int) -> list[etree._Element]:
        if self._by_line is None:
            self._by_line = {}
            for e in root.iter():
                if isinstance(e.tag, str):
                    self._by_line.setdefault((e.tag, line_of(e)), []).append(e)
        return self._by_line.get((tag, line), [])
