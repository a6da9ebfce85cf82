"""Every screening is in the audit trail: who, when, what (or its hash), versions, hits;
written in batches by a background writer that loses nothing on shutdown."""

from __future__ import annotations

import threading

import orjson
import pytest
import sqlalchemy as sa

from sanctio import audit
from sanctio.audit import AuditEvent
from sanctio.database import Database
from sanctio.errors import SanctioError
from sanctio.server import ServerSettings
from sanctio.server.audit_writer import AuditUnavailable, AuditWriter
from sanctio.server.keys import Role, list_keys
from tests.server.conftest import ZARIF, auth, running


def screening_records(database):
    with database.read() as connection:
        found = list(audit.records(connection, actions=["screen", "screen.batch", "match"]))
        assert audit.verify(connection).ok
    return found


def key_id(database, role):
    return next(k.id for k in list_keys(database) if k.role is role)


def test_each_screening_is_recorded_with_who_what_versions_and_hits(settings, keys, database):
    with running(settings) as client:
        single = client.post(
            "/v1/screen", json={"name": "Zarif Qudrani"}, headers=auth(keys["screen"])
        ).json()
        parties = [{"key": "c-1", "name": "Corvid Shipping"}, {"key": "c-2", "name": "Nobody"}]
        client.post("/v1/screen/batch", json={"parties": parties}, headers=auth(keys["screen"]))
        example = {"schema": "Person", "properties": {"name": ["Zarif Qudrani"]}}
        client.post(
            "/match/default", json={"queries": {"q1": example}}, headers=auth(keys["screen"])
        )
    # The app has stopped: every queued record is written.
    records = screening_records(database)
    assert [r.action for r in records] == ["screen", "screen.batch", "screen.batch", "match"]
    first = records[0]
    assert first.actor == f"api-key:{key_id(database, Role.SCREEN)}"
    assert first.subject == f"api-request:{single['request_id']}"
    assert first.payload["query"] == {"names": ["Zarif Qudrani"], "schema": None, "birth_date": [],
                                      "countries": [], "identifiers": []}  # fmt: skip
    assert first.payload["options"]["limit"] == 10
    assert first.payload["versions"] == single["versions"]
    assert first.payload["hits"][0] == {
        "entity_id": ZARIF,
        "score": single["hits"][0]["score"],
        "alert": True,
    }
    assert records[1].subject.endswith("/c-1") and records[2].payload["hits"] == []
    assert records[3].subject.endswith("/q1")
    everything = orjson.dumps([r.to_dict() for r in records]).decode()
    assert all(key not in everything for key in keys.values())


def test_in_hash_mode_only_the_querys_sha256_is_kept(home, keys, database):
    settings = ServerSettings(home=home, audit_query="hash", key_cache_seconds=0)
    with running(settings) as client:
        client.post("/v1/screen", json={"name": "Zarif Qudrani"}, headers=auth(keys["screen"]))
    (record,) = screening_records(database)
    assert "query" not in record.payload
    assert len(record.payload["query_sha256"]) == 64
    assert "Zarif" not in orjson.dumps(record.payload).decode()


def test_a_bad_audit_query_setting_is_refused(home, monkeypatch):
    monkeypatch.setenv("SANCTIO_AUDIT_QUERY", "partial")
    with pytest.raises(SanctioError, match="audit_query: 'partial'"):
        ServerSettings.from_env(home)


def test_screening_pauses_with_503_when_the_audit_backlog_is_full(home, keys):
    settings = ServerSettings(home=home, audit_queue_size=1, key_cache_seconds=0)
    with running(settings) as client:
        client.app.state.sanctio.audit.submit([AuditEvent("x", "test", "filler:1")])
        writer = client.app.state.sanctio.audit
        writer.queue_size = 0  # nothing more fits until the writer catches up
        response = client.post("/v1/screen", json={"name": "Zarif"}, headers=auth(keys["screen"]))
        assert response.status_code == 503 and response.headers["retry-after"] == "10"
        assert "audit trail cannot be written" in response.json()["detail"]


def test_the_writer_batches_many_events_from_many_threads_and_loses_none(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'cases.db'}")
    writer = AuditWriter(database, tmp_path, batch_size=200, flush_seconds=0.05)
    writer.start()
    transactions = []
    sa.event.listen(database.engine, "commit", lambda _conn: transactions.append(1))

    def submit(thread: int) -> None:
        for n in range(250):
            writer.submit([AuditEvent(f"t{thread}", "screen", f"api-request:{thread}-{n}")])

    threads = [threading.Thread(target=submit, args=(t,)) for t in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    writer.close()
    with database.read() as connection:
        assert audit.verify(connection).records == 1000
    assert writer.written == 1000 and len(transactions) < 100


def test_events_the_database_refuses_at_shutdown_are_spooled_and_replayed(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'cases.db'}")
    writer = AuditWriter(database, tmp_path, flush_seconds=0.01)
    writer.start()
    writer.submit([AuditEvent("a", "screen", "api-request:1")])
    writer.close()
    broken = Database(f"sqlite:///{tmp_path / 'cases.db'}")
    writer = AuditWriter(broken, tmp_path, flush_seconds=0.01)
    writer.start()
    broken.engine.dispose()
    sa.event.listen(broken.engine, "begin", _refuse)
    writer.submit([AuditEvent("b", "screen", f"api-request:{n}") for n in range(2, 5)])
    writer.close()
    spooled = list((tmp_path / "audit-spool").glob("*.jsonl"))
    assert len(spooled) == 1 and len(spooled[0].read_bytes().splitlines()) == 3
    with pytest.raises(AuditUnavailable):
        writer.submit([AuditEvent("c", "screen", "api-request:5")])
    restarted = AuditWriter(database, tmp_path)
    restarted.start()
    restarted.close()
    with database.read() as connection:
        stored = list(audit.records(connection))
        assert audit.verify(connection).ok
    assert [r.actor for r in stored] == ["a", "b", "b", "b"]
    assert not list((tmp_path / "audit-spool").glob("*.jsonl"))


def _refuse(_connection):
    raise sa.exc.OperationalError("BEGIN", {}, Exception("disk I/O error"))
