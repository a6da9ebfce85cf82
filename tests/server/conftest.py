"""A small store of invented entities, a running app over it, and a key of each role.

The store holds two lists: ``tiny`` (two versions, the second current) and ``demo``. The
app is the real one (real store, real case database, real audit writer); only the lists
are small, so an index builds in milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sanctio.database import Database
from sanctio.model import Entity
from sanctio.server import ServerSettings, create_app
from sanctio.server.keys import Role, create_key
from sanctio.store import Store
from tests.factory import organization, parsed_list, person, vessel

ZARIF = "tiny:zarif"
CORVID = "tiny:corvid"


def tiny_entities(*, with_new: bool = False) -> list[Entity]:
    """Invented listed entities; ``with_new`` adds one, as a later version would."""
    entities = [
        person(
            "tiny", "zarif", "Zarif Omran Qudrani", "Zarif al-Qudrani",
            weak=["Abu Zarif"], birth_dates=["1971-02-03"], nationalities=["ye"],
            gender="male", identifiers=["passport:P7734521"], programs=["SDGT"],
        ),
        person("tiny", "pellingham", "Osric Pellingham", "Kestrel Vantablack", programs=["IRAN"]),
        organization(
            "tiny", "corvid", "Corvid Maritime Holdings Ltd", "Corvid Shipping",
            countries=["cy"], identifiers=["registration:HE448812"], programs=["IRAN"],
        ),
        vessel("tiny", "bellatrix", "Bellatrix Dawn", identifiers=["imo:9900112"]),
    ]  # fmt: skip
    if with_new:
        entities.append(person("tiny", "varga", "Ilona Varga Benedek", programs=["SDGT"]))
    return entities


def demo_entities() -> list[Entity]:
    """A second invented list sharing one name with ``tiny``."""
    return [
        person("demo", "1", "Zarif Omran Qudrani", birth_dates=["1980"], programs=["DEMO-1"]),
        organization("demo", "2", "Halvard Brennemoen Trading", programs=["DEMO-2"]),
    ]


def import_list(home: Path, tmp: Path, source: str, entities: list[Entity], as_of: str) -> int:
    """Import ``entities`` as a version of ``source`` dated ``as_of``; its version id."""
    parsed = parsed_list(tmp, source, entities, content=f"{source} {as_of} {len(entities)}")
    with Store(home) as store:
        result = store.import_version(parsed, as_of=as_of, as_of_origin="file")
    return result.version.id


@pytest.fixture(autouse=True)
def no_downloads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``POST /v1/admin/update`` imports from this (empty) folder, never the network."""
    folder = tmp_path / "incoming"
    folder.mkdir()
    monkeypatch.setenv("SANCTIO_LISTS_DIR", str(folder))
    return folder


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A Sanctio home: ``tiny`` in two versions (the second current) and ``demo``."""
    home = tmp_path / "home"
    files = tmp_path / "files"
    files.mkdir()
    import_list(home, files, "tiny", tiny_entities(), "2026-01-01")
    import_list(home, files, "tiny", tiny_entities(with_new=True), "2026-02-01")
    import_list(home, files, "demo", demo_entities(), "2026-02-15")
    return home


@pytest.fixture
def settings(home: Path) -> ServerSettings:
    """Settings for tests: no key cache (revocation is immediate), quick audit batches."""
    return ServerSettings(
        home=home, key_cache_seconds=0, audit_flush_seconds=0.01, index_poll_seconds=3600
    )


@contextmanager
def running(settings: ServerSettings, **options: Any) -> Iterator[TestClient]:
    """A TestClient over a fresh app, started and its index loaded; stopped at the end
    (which writes every queued audit record)."""
    with TestClient(create_app(settings, **options)) as client:
        index = client.app.state.sanctio.index
        assert index.wait_ready(60), index.last_error
        yield client


@pytest.fixture
def client(settings: ServerSettings) -> Iterator[TestClient]:
    """The app over ``home``, started (its index loaded) and stopped after the test."""
    with running(settings) as client:
        yield client


@pytest.fixture
def database(home: Path) -> Database:
    """The home's case database (the app's own)."""
    return Database.for_home(home)


@pytest.fixture
def keys(database: Database) -> dict[str, str]:
    """A key of each role, by role name."""
    return {
        role.label: create_key(database, role, name=f"test {role.label}", actor="test")[1]
        for role in Role
    }


def auth(key: str) -> dict[str, str]:
    """The headers that present ``key``."""
    return {"Authorization": f"Bearer {key}"}
