"""Small value checks shared by several formats: identifiers, IRIs, language tags, paths, numbers."""

from __future__ import annotations

import posixpath
import re
from decimal import Decimal, InvalidOperation
from urllib.parse import unquote, urlsplit

from ..diagnostics import Severity

# xs:ID is an NCName: a letter or '_' first, then letters, digits, '.', '-', '_' (no ':' or space).
_NCNAME = re.compile(r"^[^\W\d][\w.\-\u00b7]*$")
# An IRI scheme per RFC 3987/3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
# Characters RFC 3987 never allows unescaped in an IRI ('[' and ']' only inside an IPv6 host).
_IRI_FORBIDDEN = re.compile(r"[\s<>\"{}|\\^`\[\]\x00-\x1f\x7f]")

# Anything outside RFC 3986's unreserved, reserved and '%' characters (spaces, non-ASCII, '<', '"'...).
_URI_FORBIDDEN = re.compile(r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")

# BCP 47 / RFC 5646 well-formedness (section 2.1 ABNF), without the registry lookup.
_BCP47 = re.compile(
    r"""^(?:
      (?P<langtag>
        (?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})   # language (+ extlang)
        (?:-[a-z]{4})?                                       # script
        (?:-(?:[a-z]{2}|[0-9]{3}))?                          # region
        (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*             # variants
        (?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*                 # extensions
        (?:-x(?:-[a-z0-9]{1,8})+)?                           # private use
      )
      |x(?:-[a-z0-9]{1,8})+                                  # private use only
      |i-(?:ami|bnn|default|enochian|hak|klingon|lux|mingo|navajo|pwn|tao|tay|tsu)
      |en-gb-oed|sgn-(?:be-fr|be-nl|ch-de)
      |art-lojban|cel-gaulish|no-bok|no-nyn|zh-(?:guoyu|hakka|min|min-nan|xiang)
    )$""",
    re.VERBOSE,
)
# xs:language, what the XSDs accept: looser than BCP 47.
_XS_LANGUAGE = re.compile(r"^[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*$")


def scheme_problem(href: str) -> str:
    """The reason a launch ``href`` with a scheme other than http/https is refused ('' when it is fine)."""
    if not has_scheme(href) or href.split(":", 1)[0].lower() in WEB_SCHEMES:
        return ""
    return (f"it uses the '{href.split(':', 1)[0]}:' scheme; a launch is a file of the package (a relative "
            "path) or an http(s) URL, never script or another scheme")


def is_ncname(value: str) -> bool:
    """True when ``value`` is a valid xs:ID / NCName."""
    return bool(_NCNAME.match(value))


WEB_SCHEMES = ("http", "https")


def has_scheme(value: str) -> bool:
    """True when ``value`` starts with a URI scheme (``https:``, ``urn:``...)."""
    return bool(_SCHEME.match(value))


def iri_problem(value: str) -> str | None:
    """Why ``value`` is not an absolute IRI, or None when it is one."""
    if not value.strip():
        return "it is empty"
    if value != value.strip():
        return "it has spaces around it"
    bad = _IRI_FORBIDDEN.search(value)
    if bad:
        return f"it contains {bad.group()!r}, which an IRI cannot hold unescaped"
    if not has_scheme(value):
        return "it has no scheme (such as https:), so it is not an absolute IRI"
    scheme = value.split(":", 1)[0].lower()
    if scheme in {"http", "https"} and not urlsplit(value).netloc:
        return "it has no host after the scheme"
    return None


def uri_problem(value: str) -> str | None:
    """Why ``value`` is not a URI reference (RFC 3986 §2, §3, §4.1), or None when it is one."""
    bad = _URI_FORBIDDEN.search(value)
    if bad:
        return f"it contains {bad.group()!r}, which a URI cannot hold unescaped (percent-encode it)"
    if _BAD_PERCENT.search(value):
        return "a '%' is not followed by two hexadecimal digits"
    if value.count("#") > 1:
        return "it has more than one '#'"
    try:
        netloc = urlsplit(value).netloc
    except ValueError as exc:  # an unclosed IPv6 literal
        return str(exc)
    if value.count("[") + value.count("]") != netloc.count("[") + netloc.count("]"):
        return "'[' and ']' are allowed only around an IPv6 host"
    return None


def language_tag_problem(tag: str) -> tuple[Severity, str] | None:
    """('error'|'warning', reason) when ``tag`` is not a well-formed BCP 47 tag, else None."""
    if not _XS_LANGUAGE.match(tag):
        return "error", f"'{tag}' is not a language tag (expected something like 'en' or 'en-US')"
    if not _BCP47.match(tag.lower()):
        return "warning", f"'{tag}' is not a well-formed BCP 47 language tag (RFC 5646)"
    return None


def decimal(value: str) -> Decimal | None:
    """Parse an xs:decimal (no exponent, no inf/nan), or None."""
    if not re.fullmatch(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", value):
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def package_path(href: str, base: str = "") -> tuple[str | None, str]:
    """Map a manifest href to a package entry name: (name or None if external, problem or '').

    Problems: 'absolute' (starts with '/'), 'escapes' (leaves the package), 'scheme' (a scheme other
    than http/https, such as ``javascript:`` or ``file:``, which no launch may use).
    """
    if has_scheme(href):
        return None, "" if href.split(":", 1)[0].lower() in WEB_SCHEMES else "scheme"
    if href.startswith("//"):
        return None, ""
    if href.startswith("/"):
        return None, "absolute"
    path = (base or "") + href
    path = path.split("#", 1)[0].split("?", 1)[0]
    path = unquote(path)
    if path.startswith("/"):  # an xml:base of "/" (or an encoded slash) makes the href absolute too
        return None, "absolute"
    norm = posixpath.normpath(path) if path else ""
    if norm.startswith("../") or norm == "..":
        return None, "escapes"
    return ("" if norm == "." else norm), ""
