"""The case database: customers, alerts, decisions, users, API keys and the audit trail.

Official lists live in the list store (``sanctio.store``, one SQLite file). Everything
people do with them lives here, in one SQL database reached through SQLAlchemy Core:
SQLite by default (``$SANCTIO_HOME/cases.db``) and PostgreSQL for multi-user
deployments (``SANCTIO_DATABASE_URL=postgresql+psycopg://user@host/db``). The same
code runs on both; each feature module declares its tables on :data:`metadata`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from sanctio.errors import StoreError

__all__ = ["DATABASE_FILE", "Database", "database_url", "metadata"]

DATABASE_FILE = "cases.db"
SQLITE_BUSY_TIMEOUT_MS = 30_000

metadata = sa.MetaData()


def database_url(home: Path) -> str:
    """``$SANCTIO_DATABASE_URL``, else the SQLite file ``cases.db`` in ``home``."""
    return os.environ.get("SANCTIO_DATABASE_URL") or f"sqlite:///{Path(home) / DATABASE_FILE}"


def _configure_sqlite(engine: Engine) -> None:
    """WAL, foreign keys, a busy timeout, and write transactions that take the lock up front.

    Python's sqlite3 driver begins transactions lazily; ``BEGIN IMMEDIATE`` makes every
    transaction a writer from its first statement, so two writers queue on the busy
    timeout instead of failing with "database is locked" when one upgrades its lock.
    """

    @sa.event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        reading = connection.get_execution_options().get("sanctio_read_only", False)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


class Database:
    """One case database. Create it once per process and share it; it is thread-safe."""

    def __init__(self, url: str, *, create: bool = True) -> None:
        self.url = url
        try:
            self.engine = sa.create_engine(url, future=True, pool_pre_ping=True)
        except (sa.exc.ArgumentError, ImportError) as exc:
            raise StoreError(f"cannot use database {sa.make_url(url)!r}: {exc}") from exc
        if self.engine.dialect.name == "sqlite":
            database = self.engine.url.database
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            _configure_sqlite(self.engine)
        if create:
            self.create_schema()

    @classmethod
    def for_home(cls, home: Path) -> Database:
        """The case database of a Sanctio home folder (or ``$SANCTIO_DATABASE_URL``)."""
        return cls(database_url(home))

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def create_schema(self) -> None:
        """Create every table declared on :data:`metadata` that does not exist yet."""
        _import_table_modules()
        try:
            metadata.create_all(self.engine)
        except sa.exc.OperationalError as exc:
            raise StoreError(f"cannot open database {self.engine.url!r}: {exc.orig}") from exc

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self.engine.begin() as connection:
            yield connection

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for reading only."""
        with self.engine.connect().execution_options(sanctio_read_only=True) as connection:
            yield connection
            connection.rollback()

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()


def _import_table_modules() -> None:
    """Import each module that declares tables, so ``create_all`` sees all of them."""
    import sanctio.audit
    import sanctio.exposure.firm
    import sanctio.monitor.tables
    import sanctio.server.keys
    import sanctio.web.tables  # noqa: F401
