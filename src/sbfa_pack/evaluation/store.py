"""The local store of learning records: one SQLite file, no server (issue 14).

Why SQLite: it is in the standard library (no new dependency, no native wheel for partners to
install), one file a partner can copy or delete, transactional (a sync interrupted half-way keeps
what it committed and nothing half-written), and fast enough for the report's scale when the
analysis streams rows with SQL aggregation. DuckDB would be faster on columnar scans but adds a
60 MB wheel for a workload SQLite serves.

Every source writes :class:`Record` rows of one shape, whatever it read (an xAPI statement, a row
of a Moodle report): the analysis never needs to know where a record came from.

Privacy (GDPR): a learner is stored as a keyed hash (:meth:`Store.pseudonym`, HMAC-SHA256 with a
key kept in ``<store>.key``, created at random on first use, readable by its owner only). Names
and e-mail addresses are kept apart, in ``identities``, only for ``--identify``; ``forget``
deletes a learner everywhere.
"""

from __future__ import annotations

import hashlib
import hmac
import operator
import os
import secrets
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path

SCHEMA_VERSION = 1

DEFAULT_STORE = Path("reports") / "records.sqlite"
"""The store's place in a project, for every `report` command."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    id TEXT PRIMARY KEY,          -- the statement id, or a uuid5 of a Moodle row: re-reading adds nothing
    source TEXT NOT NULL,         -- 'lrs:<endpoint>' or 'moodle:<file name>'
    stored TEXT NOT NULL,         -- ISO 8601 UTC, when the LRS stored it (Moodle: the row's time)
    timestamp TEXT NOT NULL,      -- ISO 8601 UTC, when it happened
    learner TEXT NOT NULL,        -- keyed hash (Store.pseudonym), never a name or an address
    registration TEXT NOT NULL,   -- xAPI registration / Moodle '<activity>#<attempt>'; '' when unknown
    verb TEXT NOT NULL,           -- verb IRI (Moodle rows are mapped to the same ADL/cmi5 verbs)
    object TEXT NOT NULL,         -- activity IRI (course, module, lesson, question, exercise, survey item)
    object_type TEXT NOT NULL,    -- activity type IRI; '' when unknown
    course TEXT NOT NULL,         -- course (or toolkit exercise) IRI the record belongs to
    course_version TEXT NOT NULL, -- '' when the source does not say
    language TEXT NOT NULL,       -- '' when the source does not say
    country TEXT NOT NULL,        -- the learner's country choice in the course; '' when none
    success INTEGER,              -- 1/0/NULL
    completion INTEGER,           -- 1/0/NULL
    score REAL,                   -- scaled, 0..1; NULL when none
    duration REAL,                -- seconds; NULL when none
    response TEXT,                -- the response (xAPI/SCORM notation); NULL when none
    anonymous INTEGER NOT NULL DEFAULT 0  -- 1: an anonymous survey answer (learner is a per-record hash)
);
CREATE INDEX IF NOT EXISTS records_course ON records(course, verb);
CREATE INDEX IF NOT EXISTS records_learner ON records(learner);
CREATE INDEX IF NOT EXISTS records_verb ON records(verb);  -- the report reads one verb at a time
CREATE TABLE IF NOT EXISTS identities (   -- only for --identify; deleted by forget
    learner TEXT PRIMARY KEY, name TEXT NOT NULL, mbox TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class Record:
    """One learning record, whatever its source. Field order is the table's column order."""

    id: str
    source: str
    stored: str
    timestamp: str
    learner: str
    registration: str
    verb: str
    object: str
    object_type: str
    course: str
    course_version: str
    language: str
    country: str
    success: int | None = None
    completion: int | None = None
    score: float | None = None
    duration: float | None = None
    response: str | None = None
    anonymous: int = 0


_COLUMNS = [f.name for f in fields(Record)]
_ROW = operator.attrgetter(*_COLUMNS)
"""A record as a row: ``dataclasses.astuple`` deep-copies every field, ten times slower."""


class Store:
    """The local store. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: Path, key: bytes | None = None) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.key = key if key is not None else _key(path.with_name(path.name + ".key"))
        self.db = sqlite3.connect(path, isolation_level=None)  # explicit transactions below
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(_SCHEMA)
        self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def pseudonym(self, identity: str) -> str:
        """The learner's keyed hash (16 hex digits) of an identity such as ``mailto:a@b`` or an
        account ``homePage|name``: the same learner always gets the same pseudonym in this store."""
        return hmac.new(self.key, identity.encode(), hashlib.sha256).hexdigest()[:16]

    def add(self, records: Iterable[Record], meta: dict[str, str] | None = None,
            identities: dict[str, tuple[str, str]] | None = None) -> int:
        """Add records (ones already stored are skipped), set ``meta`` keys (e.g. a sync's
        watermark) and remember ``identities`` (pseudonym → (name, mbox), as :meth:`remember`) in
        ONE transaction: an interrupted call leaves the store as it was. Returns how many records
        were new."""
        before = self.db.total_changes
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.executemany(
                f"INSERT OR IGNORE INTO records ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                map(_ROW, records))
            new = self.db.total_changes - before
            for k, v in (meta or {}).items():
                self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (k, v))
            self.db.executemany("INSERT OR REPLACE INTO identities VALUES (?, ?, ?)",
                                ((k, name, mbox) for k, (name, mbox) in (identities or {}).items()))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return new

    def remember(self, learner: str, name: str, mbox: str) -> None:
        """Keep a learner's name and address apart from the records, for ``--identify`` only."""
        self.db.execute("INSERT OR REPLACE INTO identities VALUES (?, ?, ?)", (learner, name, mbox))

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def records(self, where: str = "", params: tuple[object, ...] = ()) -> Iterator[Record]:
        """Stream records (bounded memory), optionally filtered by an SQL ``where`` clause."""
        sql = f"SELECT {', '.join(_COLUMNS)} FROM records {'WHERE ' + where if where else ''} ORDER BY timestamp, id"
        for row in self.db.execute(sql, params):
            yield Record(*row)

    def forget(self, learner: str) -> int:
        """Delete every record and the identity of one learner (by pseudonym); returns how many records."""
        self.db.execute("BEGIN IMMEDIATE")
        n = self.db.execute("DELETE FROM records WHERE learner = ?", (learner,)).rowcount
        self.db.execute("DELETE FROM identities WHERE learner = ?", (learner,))
        self.db.execute("COMMIT")
        return n


def _key(path: Path) -> bytes:
    """The store's pseudonymisation key: ``SBFA_REPORT_KEY`` (hex) if set, else a random key kept
    beside the store with owner-only permissions."""
    env = os.environ.get("SBFA_REPORT_KEY")
    if env:
        return bytes.fromhex(env)
    if path.exists():
        return bytes.fromhex(path.read_text().strip())
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(key.hex() + "\n")
    return key
