"""Fixtures of the monitoring tests: a case database on SQLite and on PostgreSQL, and a
list store holding small invented lists.

Every test that takes ``db`` runs twice: on a fresh SQLite file and on a fresh schema of
the PostgreSQL server named by $SANCTIO_TEST_POSTGRES_URL (``.ci/postgres`` starts one).
Without that server the PostgreSQL half is skipped, except in CI (CI=true), where it fails.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from sanctio import audit
from sanctio.database import Database
from sanctio.model import Entity
from sanctio.monitor.alerts import Alert, list_alerts
from sanctio.monitor.customers import CustomerInput, import_customers
from sanctio.store import ListVersion, Store
from tests.factory import parsed_list, person

POSTGRES_URL_VARIABLE = "SANCTIO_TEST_POSTGRES_URL"


def postgres_url() -> str:
    """The test server's URL; skips (fails in CI) when there is none."""
    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not url:
        message = f"no PostgreSQL server for the tests: set {POSTGRES_URL_VARIABLE} (.ci/postgres)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty case database: a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'cases.db'}"
        return
    server = sa.make_url(postgres_url())
    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(server)
    try:
        with admin.begin() as connection:
            connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    except sa.exc.OperationalError as exc:
        pytest.fail(f"cannot reach the PostgreSQL test server: {exc.orig}")
    url = server.update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with admin.begin() as connection:
        connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    admin.dispose()


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """A fresh case database, on SQLite and on PostgreSQL."""
    database = Database(db_url)
    yield database
    database.close()


class ListStore:
    """A list store in a temporary folder, fed versions of one invented list."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.store = Store(home)
        self._count = 0

    def publish(
        self, entities: list[Entity], source: str = "test", as_of: str | None = None
    ) -> ListVersion:
        """Import a new version of ``source`` holding exactly ``entities``; it becomes current."""
        self._count += 1
        folder = self.home / f"files-{self._count}"
        folder.mkdir()
        parsed = parsed_list(folder, source, entities, content=f"version {self._count}")
        result = self.store.import_version(
            parsed, as_of=as_of or f"2026-01-{self._count:02d}", as_of_origin="test", max_shrink=1.0
        )
        return result.version


@pytest.fixture
def lists(tmp_path: Path) -> Iterator[ListStore]:
    """An empty list store to publish invented list versions into."""
    store = ListStore(tmp_path / "home")
    yield store
    store.store.close()


@pytest.fixture
def zarif() -> Entity:
    """An invented listed person with a birth date and a passport."""
    return person(
        "test",
        "zarif",
        "Zarif Omran Qudrani",
        "Zarif al-Qudrani",
        birth_dates=["1971-02-03"],
        nationalities=["ye"],
        identifiers=["passport:P7734521"],
    )


@pytest.fixture
def brennemoen() -> Entity:
    """Another invented listed person."""
    return person("test", "brennemoen", "Halvard Brennemoen", nationalities=["no"])


def add_customers(
    db: Database, records: dict[str, dict[str, Any]], actor: str = "importer"
) -> None:
    """Upsert customers given as {customer id: screening record}."""
    import_customers(db, [CustomerInput(i, r) for i, r in records.items()], actor)


def active_alerts(db: Database) -> dict[tuple[str, str], Alert]:
    """Alerts the last screenings found alerting, by (customer id, entity id)."""
    return {(a.customer_id, a.entity_id): a for a in list_alerts(db, active=True, limit=100_000)}


def alert_of(db: Database, customer_id: str, entity_id: str) -> Alert:
    """The alert on one pair."""
    (found,) = list_alerts(db, customer_id=customer_id, entity_id=entity_id)
    return found


def actions(db: Database, subject: str) -> list[str]:
    """The audit trail's actions about one subject, in order."""
    with db.read() as connection:
        return [r.action for r in audit.records(connection, subjects=[subject])]
