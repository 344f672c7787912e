"""The article store beside the cluster: what Sphinx 2.2 cannot keep.

Sphinx real-time indexes hold terms and attributes, not documents, so pages, snippets,
`get` and incremental fingerprints read articles from here. One SQLite file per
generation slot, because SQLite is in Python's standard library (nothing more to deploy
or run), a primary-key read is a few microseconds, WAL mode lets the web app read while
an indexing run writes, and a file per slot switches with its index: copying the live
store is one backup call. It also keeps each article's analysed row, so an incremental
run can copy the live index into the other slot without analysing anything again, and
the hash -> value dictionary of the facet values.

With Manticore 3+ the bodies could live in the index itself (stored fields); the store
keeps the engine on what both servers support.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from search.models import Article, Fingerprint
from search.sphinx.documents import facet_values, hash63, to_row

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    docid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    article TEXT NOT NULL,
    row TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    origin TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS facet_values (hash INTEGER PRIMARY KEY, value TEXT NOT NULL);
"""


def _encode(article: Article) -> str:
    data = asdict(article)
    data["date"] = article.date.isoformat() if article.date else None
    return json.dumps(data, ensure_ascii=False)


def _decode(text: str) -> Article:
    data = json.loads(text)
    data["date"] = dt.date.fromisoformat(data["date"]) if data["date"] else None
    for key in ("people", "countries", "organisations", "topics"):
        data[key] = tuple(data.get(key, ()))
    return Article(**data)


class Store:
    """Articles of one generation slot, keyed by id, in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[sqlite3.Connection] = []

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_SCHEMA)
            self._local.db = db
            with self._lock:
                self._open.append(db)
        return db

    def close(self) -> None:
        """Close every thread's connection; for shutting down."""
        with self._lock:
            dbs, self._open = self._open, []
        for db in dbs:
            db.close()
        self._local = threading.local()

    def reset(self) -> None:
        """Empty the store (a fresh generation)."""
        db = self._db()
        db.execute("DELETE FROM articles")
        db.execute("DELETE FROM facet_values")

    def copy_from(self, other: Store) -> None:
        """Make this store a copy of `other` (an incremental generation starts so)."""
        other._db().backup(self._db())

    # -- writing -----------------------------------------------------------------------

    def put(self, articles: Sequence[Article]) -> list[list[object]]:
        """Store articles (replacing by id) and return their index rows."""
        rows = [to_row(a) for a in articles]
        db = self._db()
        with _transaction(db):
            db.executemany(
                "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (row[0], a.id, _encode(a), json.dumps(row), a.content_hash, a.extractor_version, a.origin)
                    for a, row in zip(articles, rows, strict=True)
                ],
            )
            db.executemany(
                "INSERT OR IGNORE INTO facet_values VALUES (?, ?)",
                {pair for a in articles for pair in facet_values(a)},
            )
        return rows

    def remove(self, ids: Iterable[str]) -> list[int]:
        """Drop articles by id; returns the document ids of those that were stored."""
        db = self._db()
        docids = [hash63(i) for i in ids]
        with _transaction(db):
            found = [d for (d,) in _in(db, "SELECT docid FROM articles WHERE docid IN ({})", docids)]
            for chunk in _chunks(found):
                db.execute(f"DELETE FROM articles WHERE docid IN ({','.join('?' * len(chunk))})", chunk)
        return found

    # -- reading -----------------------------------------------------------------------

    def get(self, article_id: str) -> Article | None:
        row = (
            self._db()
            .execute("SELECT article FROM articles WHERE docid = ?", (hash63(article_id),))
            .fetchone()
        )
        return _decode(row[0]) if row else None

    def articles(self, docids: Sequence[int]) -> dict[int, Article]:
        """Stored articles by document id (missing ones left out)."""
        return {
            d: _decode(text)
            for d, text in _in(
                self._db(), "SELECT docid, article FROM articles WHERE docid IN ({})", list(docids)
            )
        }

    def values(self, hashes: Sequence[int]) -> dict[int, str]:
        """Facet values by hash."""
        return dict(_in(self._db(), "SELECT hash, value FROM facet_values WHERE hash IN ({})", list(hashes)))

    def all_values(self) -> dict[int, str]:
        return dict(self._db().execute("SELECT hash, value FROM facet_values"))

    def rows(self, batch: int = 1000) -> Iterator[list[list[object]]]:
        """Every stored index row, in batches."""
        cursor = self._db().execute("SELECT row FROM articles ORDER BY docid")
        while chunk := cursor.fetchmany(batch):
            yield [json.loads(r) for (r,) in chunk]

    def fingerprints(self) -> dict[str, Fingerprint]:
        return {
            i: Fingerprint(h, v, o)
            for i, h, v, o in self._db().execute(
                "SELECT id, content_hash, extractor_version, origin FROM articles"
            )
        }

    def count(self) -> int:
        return int(self._db().execute("SELECT COUNT(*) FROM articles").fetchone()[0])


class _transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN")

    def __exit__(self, kind: object, *_: object) -> None:
        self.db.execute("ROLLBACK" if kind else "COMMIT")


def _chunks(items: list[int], size: int = 500) -> Iterator[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _in(db: sqlite3.Connection, sql: str, keys: list[int]) -> Iterator[tuple[Any, ...]]:
    for chunk in _chunks(keys):
        yield from db.execute(sql.format(",".join("?" * len(chunk))), chunk)
