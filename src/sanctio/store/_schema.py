"""The store's schema, as named migrations applied in order and recorded in a table."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime


def _run(db: sqlite3.Connection, script: str) -> None:
    """Run DDL statements one by one (executescript would commit the open transaction)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _0001_versions(db: sqlite3.Connection) -> None:
    _run(
        db,
        """
        CREATE TABLE versions (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            format TEXT NOT NULL,
            as_of TEXT NOT NULL,
            as_of_origin TEXT NOT NULL,      -- 'file', 'path' or 'import'
            imported_at TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            files TEXT NOT NULL,             -- JSON [{name, sha256, size}]
            entity_count INTEGER NOT NULL,
            schema_counts TEXT NOT NULL,     -- JSON {schema: count}
            warnings TEXT NOT NULL           -- JSON [str]
        );
        CREATE UNIQUE INDEX versions_content ON versions (source, content_hash);
        CREATE TABLE entities (
            version_id INTEGER NOT NULL REFERENCES versions (id),
            entity_id TEXT NOT NULL,
            schema TEXT NOT NULL,
            caption TEXT NOT NULL,
            hash TEXT NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (version_id, entity_id)
        ) WITHOUT ROWID;
        CREATE TABLE current_versions (
            source TEXT PRIMARY KEY,
            version_id INTEGER NOT NULL REFERENCES versions (id)
        );
        CREATE TABLE http_cache (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            fetched_at TEXT NOT NULL
        );
        """,
    )


MIGRATIONS: tuple[tuple[str, Callable[[sqlite3.Connection], None]], ...] = (
    ("0001_versions", _0001_versions),
)


def migrate(db: sqlite3.Connection) -> None:
    """Apply the migrations not yet recorded, each in its own transaction."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = {row[0] for row in db.execute("SELECT name FROM migrations")}
    for name, apply in MIGRATIONS:
        if name in done:
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            apply(db)
            db.execute(
                "INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
