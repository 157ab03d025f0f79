"""PO catalogs on disk: where they live, reading with line-precise syntax errors, writing, merging, stats.

This is the only module that reads or writes PO files. Layout of a project::

    locales/templates/<id>.pot      template per course, toolkit exercise and ``resources``
    locales/<lang>/<id>.po          one catalog per language and template

Files are standard gettext (polib writes them; babel supplies each language's Plural-Forms), so
Poedit and Weblate open them unchanged. Writing is deterministic: no dates unless
``SOURCE_DATE_EPOCH`` is set, entries in source order, obsolete entries last.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polib
from babel.messages.plurals import get_plural

from .. import __version__
from ..packaging import write_atomic
from ..paths import inside
from .units import Msg

REVIEW_HEADER = "X-SBFA-Review"
"""PO header saying whether a catalog is a ``draft`` awaiting native review or ``reviewed``."""

_STRING = re.compile(r'^"(?:[^"\\]|\\(?:[ntr"\\abfv]|[0-7]{1,3}|x[0-9a-fA-F]+))*"\s*$')  # gettext's escapes
_KEYWORD = re.compile(r"^(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+(.*)$")


def locales_dir(root: Path) -> Path:
    return root / "locales"


def template_path(root: Path, cid: str) -> Path:
    return locales_dir(root) / "templates" / f"{cid}.pot"


def po_path(root: Path, lang: str, cid: str) -> Path:
    return locales_dir(root) / lang / f"{cid}.po"


class PoSyntaxError(ValueError):
    """A PO file that gettext tools would refuse, with the 1-based line of the problem."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def read(path: Path) -> polib.POFile:
    """Parse a PO file strictly; raises :class:`PoSyntaxError` (with a line) or ``OSError``.

    A catalog of a project's ``locales/`` that is a link leading out of the project is not read
    (its lines would be echoed in diagnostics, or shipped as translations)."""
    project = next((p.parent for p in path.parents if p.name == "locales"), None)
    if project is not None and inside(project, path.absolute()) is None:
        raise PoSyntaxError(1, "this file is a link that leads outside the project folder: not read")
    if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO would hang the read
        raise PoSyntaxError(1, "not a regular file: not read")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PoSyntaxError(data[:exc.start].count(b"\n") + 1, "not valid UTF-8") from None
    return parse(text)


# gettext ends a line at "\n" only; polib (str.splitlines) also at these, which may stand inside a
# string (U+2028 in a translation; a control character that validate must report at its line).
_SPLITLINES_ONLY = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_HIDE = str.maketrans({c: chr(0xF0000 + i) for i, c in enumerate(_SPLITLINES_ONLY)})
_SHOW = str.maketrans({chr(0xF0000 + i): c for i, c in enumerate(_SPLITLINES_ONLY)})


def parse(text: str) -> polib.POFile:
    """Parse PO text strictly (polib alone accepts some broken files, so check the syntax first)."""
    _check_syntax(text)
    hidden = any(c in text for c in _SPLITLINES_ONLY)
    try:
        po = polib.pofile(text.translate(_HIDE) if hidden else text, wrapwidth=78)
    except (OSError, ValueError) as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise PoSyntaxError(int(m.group(1)) if m else 1, str(exc).split(":")[-1].strip()) from None
    if hidden:
        po.header = po.header.translate(_SHOW)
        po.metadata = {k.translate(_SHOW): v.translate(_SHOW) for k, v in po.metadata.items()}
        for e in po:
            for name in ("msgctxt", "msgid", "msgstr", "msgid_plural", "comment", "tcomment", "previous_msgctxt",
                         "previous_msgid", "previous_msgid_plural"):
                value = getattr(e, name, None)
                if isinstance(value, str):
                    setattr(e, name, value.translate(_SHOW))
            e.msgstr_plural = {k: v.translate(_SHOW) for k, v in e.msgstr_plural.items()}
    return po


def lines(text: str) -> list[str]:
    """The lines of PO text as gettext counts them (a diagnostic's line numbers)."""
    return text.split("\n")


def _check_syntax(text: str) -> None:
    last = ""  # the last keyword seen in the current entry
    keys: dict[tuple[str | None, str], int] = {}
    ctx: str | None = None
    msgid = ""  # the current msgid, continuation lines included (so is ctx: a long one is wrapped)
    msgid_line = 0
    obsolete = False
    for n, raw in enumerate(lines(text), 1):
        line = raw.strip()
        comment = line.startswith("#") and (not line.startswith("#~") or line.startswith("#~|"))
        if not line or comment:  # "#~|" is the previous source of an obsolete entry: a comment too
            if not line and last == "msgid":
                raise PoSyntaxError(msgid_line, "msgid without msgstr")
            continue
        line = line[2:].strip() if line.startswith("#~") else line
        if line.startswith('"'):
            if not last or not _STRING.match(line):
                raise PoSyntaxError(n, "malformed string (quotes or escapes)" if last else "string outside an entry")
            if last == "msgctxt":
                ctx = (ctx or "") + polib.unescape(line[1:-1])
            elif last == "msgid":
                msgid += polib.unescape(line[1:-1])
            continue
        m = _KEYWORD.match(line)
        if not m:
            raise PoSyntaxError(n, f"unexpected text: {line[:40]}")
        if not _STRING.match(m.group(2)):
            raise PoSyntaxError(n, "malformed string (quotes or escapes)")
        word = m.group(1)
        if word == "msgstr" and last.startswith("msgstr"):
            raise PoSyntaxError(n, "a second msgstr for the same msgid")
        if last == "msgid" and not obsolete:  # the msgid is complete: is its entry new?
            key = (ctx, msgid)
            if key in keys and key[1]:
                raise PoSyntaxError(msgid_line, f"duplicate entry (first at line {keys[key]})")
            keys[key] = msgid_line
            ctx = None
        if word == "msgctxt":
            ctx = polib.unescape(m.group(2)[1:-1])
        elif word == "msgid":
            obsolete = raw.lstrip().startswith("#~")
            if obsolete:
                ctx = None
            msgid_line, msgid = n, polib.unescape(m.group(2)[1:-1])
        elif word.startswith("msgstr") and not (last in ("msgid", "msgid_plural") or last.startswith("msgstr[")):
            raise PoSyntaxError(n, "msgstr without msgid")
        last = word
    if last == "msgid":
        raise PoSyntaxError(msgid_line, "msgid without msgstr")


def msgid_line(entry: polib.POEntry, text_lines: list[str]) -> int:
    """The line of an entry's ``msgid`` (polib's ``linenum`` is where its comments start)."""
    for n in range(max(entry.linenum, 1), len(text_lines) + 1):
        if text_lines[n - 1].startswith("msgid "):
            return n
    return int(entry.linenum)


def new_catalog(lang: str | None, project_id: str) -> polib.POFile:
    """An empty catalog with standard headers (a template when ``lang`` is None)."""
    po = polib.POFile(wrapwidth=78)
    po.header = f"{'Translation catalog' if lang else 'Template'} of {project_id} (sbfa-pack)."
    po.metadata = {"Project-Id-Version": project_id, "Report-Msgid-Bugs-To": ""}
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        po.metadata["POT-Creation-Date"] = datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%d %H:%M+0000")
    po.metadata.update({"MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                        "Content-Transfer-Encoding": "8bit", "X-Generator": f"sbfa-pack {__version__}"})
    if lang:
        po.metadata["Language"] = lang
        po.metadata["Plural-Forms"] = plural_forms(lang)
        po.metadata[REVIEW_HEADER] = "draft"
    return po


def plural_forms(lang: str) -> str:
    """The gettext Plural-Forms header for ``lang`` from babel's locale data."""
    p = get_plural(lang.replace("-", "_"))
    return f"nplurals={p.num_plurals}; plural={p.plural_expr};"


def template(msgs: list[Msg], project_id: str) -> polib.POFile:
    """The template catalog (.pot) for the strings of one course, exercise or the resource bank."""
    po = new_catalog(None, project_id)
    for m in msgs:
        po.append(polib.POEntry(msgctxt=m.context, msgid=m.msgid, msgstr="", comment="\n".join(m.comments),
                                occurrences=[(f, str(n)) for f, n in m.occurrences], flags=list(m.flags)))
    return po


def save(po: polib.POFile, path: Path) -> None:
    """Write ``po`` atomically (readers never see half a file); an ``OSError`` names ``path``."""
    try:
        write_atomic(path, (str(po).rstrip("\n") + "\n").encode("utf-8"))
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from exc


# What :func:`write_atomic` leaves when killed before its rename: ``.<name>.po.<8 random>.tmp``.
_STALE = re.compile(r"^\..+\.pot?\.[a-z0-9_]{8}\.tmp$")


@contextlib.contextmanager
def writing(root: Path) -> Iterator[None]:
    """Hold the project's catalogs for writing: one command at a time (a lock on ``locales/``
    itself, so no lock file lands in git), and the temporary files of a killed earlier run are
    removed first (only names of :func:`save`'s pattern). Raises ``BlockingIOError`` when busy."""
    base = locales_dir(root)
    base.mkdir(parents=True, exist_ok=True)
    fd = os.open(base, os.O_RDONLY)
    try:
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock
            pass
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        for folder in [base, *sorted(p for p in base.iterdir() if p.is_dir() and not p.is_symlink())]:
            for tmp in folder.iterdir():
                if _STALE.match(tmp.name) and tmp.is_file() and not tmp.is_symlink():
                    with contextlib.suppress(OSError):
                        tmp.unlink()
        yield
    finally:
        os.close(fd)


def _key(e: polib.POEntry) -> tuple[str | None, str]:
    return e.msgctxt, e.msgid


def update(pot: polib.POFile, old: polib.POFile | None, lang: str) -> polib.POFile:
    """Merge a template into a language's catalog without ever losing a translation.

    Same context and text: the translation is kept. Changed text: the closest old translation
    (same context first) is kept and marked fuzzy, with the previous source in ``#|``. Strings
    gone from the template keep their translation as obsolete (``#~``) entries.
    """
    new = new_catalog(lang, pot.metadata.get("Project-Id-Version", ""))
    if old is not None:
        new.metadata.update({k: v for k, v in old.metadata.items() if k not in ("X-Generator",)})
        new.metadata.setdefault("Plural-Forms", plural_forms(lang))
        new.header = old.header or new.header
    # Live entries first: a catalog may hold the same message live and obsolete (a hand merge,
    # Weblate), and the live translation is the one to keep.
    by_key: dict[tuple[str | None, str], polib.POEntry] = {}
    for e in sorted(old or [], key=lambda e: bool(e.obsolete)):
        by_key.setdefault(_key(e), e)
    candidates = [e for e in old or [] if e.translated() or (e.fuzzy and e.msgstr)]
    tkeys = {_key(t) for t in pot}
    pool = [c for c in candidates if _key(c) not in tkeys]
    used: set[tuple[str | None, str]] = set()
    for t in pot:
        e = polib.POEntry(msgctxt=t.msgctxt, msgid=t.msgid, msgid_plural=t.msgid_plural, comment=t.comment,
                          occurrences=list(t.occurrences), flags=list(t.flags))
        prev = by_key.get(_key(t))
        if prev is None:
            prev = _closest(t, pool)
            if prev is not None:
                e.flags.insert(0, "fuzzy")
                e.previous_msgid = prev.msgid
                if prev.msgctxt != t.msgctxt:
                    e.previous_msgctxt = prev.msgctxt
        elif prev.fuzzy:
            e.flags.insert(0, "fuzzy")
            e.previous_msgid, e.previous_msgctxt = prev.previous_msgid, prev.previous_msgctxt
        if prev is not None:
            used.add(_key(prev))
            e.msgstr, e.msgstr_plural, e.tcomment = prev.msgstr, dict(prev.msgstr_plural), prev.tcomment
        elif t.msgid_plural:
            # Every form the language has, so a translator sees all of them (Arabic: six).
            e.msgstr_plural = dict.fromkeys(range(get_plural(lang.replace("-", "_")).num_plurals), "")
        new.append(e)
    for o in sorted(old or [], key=lambda e: bool(e.obsolete)):  # live first: its translation is kept
        if _key(o) not in used and (o.obsolete or o.msgstr or any(o.msgstr_plural.values())):
            used.add(_key(o))
            o.obsolete = True
            new.append(o)
    return new


def _closest(t: polib.POEntry, pool: list[polib.POEntry]) -> polib.POEntry | None:
    """The old entry a changed string most likely came from: same context first, then anywhere."""
    best: tuple[float, polib.POEntry] | None = None
    for c in pool:
        if c.obsolete:
            continue
        ratio = difflib.SequenceMatcher(None, c.msgid, t.msgid).ratio()
        ratio += 0.3 if c.msgctxt == t.msgctxt else 0.0
        if ratio >= 0.75 and (best is None or ratio > best[0]):
            best = (ratio, c)
    return best[1] if best else None


def is_translated(e: polib.POEntry) -> bool:
    """Translated, not fuzzy, and not blank: a space or a line break typed as a translation is none."""
    texts = list(e.msgstr_plural.values()) if e.msgid_plural else [e.msgstr]
    return bool(e.translated()) and all(t.strip() for t in texts)


@dataclass(frozen=True)
class Stats:
    """Translation state of one catalog against its template."""

    translated: int
    fuzzy: int
    missing: int
    draft: bool

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.missing

    @property
    def percent(self) -> float:
        return round(100.0 * self.translated / self.total, 1) if self.total else 100.0


def stats(keys: list[tuple[str, str]], po: polib.POFile | None) -> Stats:
    """Count the template's strings that ``po`` translates, has fuzzy, or lacks."""
    entries = {_key(e): e for e in po or [] if not e.obsolete}
    done = sum(1 for k in keys if k in entries and is_translated(entries[k]))
    fuzzy = sum(1 for k in keys if k in entries and entries[k].fuzzy)
    draft = po is None or po.metadata.get(REVIEW_HEADER, "draft").strip().lower() != "reviewed"
    return Stats(done, fuzzy, len(keys) - done - fuzzy, draft)
