"""A content-addressed cache of the per-model work (render, parse, infer), of each property file's
declarations and of each macro file's compiled code, so that a second run redoes only what changed
and what is downstream of a changed schema.

Every key is a hash of everything the result depends on: the template and the macros, vars and
target it renders with, the rendered SQL and the columns of every table it reads, meshlint's own
code (its version, and a hash of its source files) and sqlglot's version. A key therefore never
goes stale: an edit makes a new key. Each value is stored with its own checksum and is dropped,
never trusted, when the checksum or the unpickling fails. The cache lives in the user's cache
folder (not in the repository, so a pull request cannot plant one), in one SQLite file that is
safe to delete.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

import sqlglot

from meshlint import __version__
from meshlint.fingerprint import code_fingerprint

FORMAT = 2
_PRUNE_AFTER_SECONDS = 30 * 24 * 3600  # entries no run has read or written for this long are deleted
_TOUCH_AFTER_SECONDS = 24 * 3600  # a read marks an entry as used again once a day at most


def default_cache_dir() -> Path:
    """`$MESHLINT_CACHE_DIR`, else the platform's cache folder (`$XDG_CACHE_HOME` or `~/.cache`)."""
    configured = os.environ.get("MESHLINT_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "meshlint"


def digest(*parts: object) -> str:
    """A stable hash of JSON-able parts, salted with the versions whose output it caches.

    >>> digest("a", [1, 2]) == digest("a", [1, 2]) != digest("a", [2, 1])
    True
    """
    text = json.dumps([FORMAT, __version__, code_fingerprint(), sqlglot.__version__, *parts], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class AnalysisCache:
    """Pickled values by key in one SQLite file; any failure only costs a recomputation. Runs may share
    the file (a pre-commit hook and an editor, say): it is in WAL mode, so reads never wait for a
    write, and a run that finds it locked for longer than `TIMEOUT` goes on without the cache,
    leaving the file to the other run. Only a damaged file is deleted and started anew."""

    TIMEOUT = 5.0  # seconds to wait for another run's write

    def __init__(self, directory: Path) -> None:
        self.path = directory / f"analysis-v{FORMAT}.sqlite"
        self.hits = 0
        self.misses = 0
        self._db: sqlite3.Connection | None = None
        self._pending: list[tuple[str, bytes, str, float]] = []
        self._touched: list[str] = []
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self._db = self._open()
        except OSError:
            self._db = None  # an unwritable cache folder: no cache this run
        except sqlite3.Error as error:
            self._failed(error)

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=self.TIMEOUT)
        try:
            db.execute("select count(*) from sqlite_master").fetchone()  # a file that is no database fails here
            db.execute("pragma journal_mode=wal")
            db.execute("create table if not exists entries (key text primary key, value blob, checksum text, used real)")
            # the prune at close looks entries up by `used`: without an index it reads the whole file (each
            # row's `used` comes after its blob), a tenth of a second on a 5,000-model project's cache
            db.execute("create index if not exists entries_used on entries (used)")
            db.execute("select count(*) from entries").fetchone()  # a corrupt table fails here
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _failed(self, error: sqlite3.Error) -> None:
        """Another run holds the file: do without the cache. Anything else: the file is damaged, start over."""
        if self._db is not None:
            self._db.close()
            self._db = None
        if isinstance(error, sqlite3.OperationalError) and any(w in str(error) for w in ("locked", "busy")):
            return
        try:
            self.path.unlink(missing_ok=True)
            self._db = self._open()
        except (OSError, sqlite3.Error):
            self._db = None  # no cache this run

    def has(self, key: str) -> bool:
        """Whether an entry is stored under the key (it may still turn out damaged when read)."""
        if self._db is None:
            return False
        try:
            return self._db.execute("select 1 from entries where key = ?", (key,)).fetchone() is not None
        except sqlite3.Error:
            return False

    def get(self, key: str) -> object | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("select value, checksum, used from entries where key = ?", (key,)).fetchone()
        except sqlite3.Error as error:
            self._failed(error)
            return None
        if row is None:
            self.misses += 1
            return None
        value, checksum, used = row
        try:
            if hashlib.sha256(value).hexdigest() != checksum:
                raise ValueError("checksum mismatch")
            loaded = pickle.loads(value)  # noqa: S301 (our own file, under the user's cache folder)
        except Exception:  # a damaged entry is recomputed, and replaced when this run writes
            self.misses += 1
            return None
        self.hits += 1
        if isinstance(used, float) and used < time.time() - _TOUCH_AFTER_SECONDS:
            self._touched.append(key)  # still in use: not to be pruned
        return loaded

    def put(self, key: str, value: object) -> None:
        if self._db is None:
            return
        try:
            blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return
        self.put_pickled(key, blob)

    def put_pickled(self, key: str, blob: bytes) -> None:
        """`put` of a value already pickled (by a worker process that computed it)."""
        if self._db is None:
            return
        self._pending.append((key, blob, hashlib.sha256(blob).hexdigest(), time.time()))

    def close(self) -> None:
        if self._db is None:
            return
        try:
            with self._db:
                self._db.executemany("insert or replace into entries values (?, ?, ?, ?)", self._pending)
                now = time.time()
                self._db.executemany("update entries set used = ? where key = ?", ((now, key) for key in self._touched))
                self._db.execute("delete from entries where used < ?", (time.time() - _PRUNE_AFTER_SECONDS,))
        except sqlite3.Error as error:
            self._failed(error)
        finally:
            self._pending.clear()
            self._touched.clear()
            if self._db is not None:
                self._db.close()
                self._db = None


def texts_digest(texts: Iterable[tuple[str, str]]) -> str:
    """One hash for a set of (name, text) pairs, e.g. every macro file a run loads."""
    return digest(sorted(texts))
