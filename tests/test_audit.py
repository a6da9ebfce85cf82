"""The audit trail: an append-only chain in which any edit or deletion is detected."""

from __future__ import annotations

import sqlalchemy as sa

from sanctio import audit
from sanctio.audit import AuditEvent
from sanctio.database import Database


def make_database(tmp_path) -> Database:
    return Database(f"sqlite:///{tmp_path / 'cases.db'}")


def record_three(database: Database) -> None:
    with database.begin() as connection:
        audit.append(connection, AuditEvent("alice", "screen", "customer:C1", {"hits": 2}))
        audit.append_many(
            connection,
            [
                AuditEvent("bob", "decide", "alert:1", {"decision": "false_positive"}),
                AuditEvent("carol", "confirm", "alert:1", {}),
            ],
        )


def test_an_untouched_chain_verifies(tmp_path):
    database = make_database(tmp_path)
    record_three(database)
    with database.read() as connection:
        result = audit.verify(connection)
        stored = list(audit.records(connection, subjects=["alert:1"]))
    assert result.ok and result.records == 3 and result.head_seq == 3
    assert [r.actor for r in stored] == ["bob", "carol"]
    assert stored[0].payload == {"decision": "false_positive"}


def test_an_empty_chain_verifies(tmp_path):
    with make_database(tmp_path).read() as connection:
        result = audit.verify(connection)
    assert result.ok and result.records == 0 and result.head_hash == audit.GENESIS_HASH


def test_an_edited_record_is_detected(tmp_path):
    database = make_database(tmp_path)
    record_three(database)
    with database.begin() as connection:
        connection.execute(
            sa.text('UPDATE audit_log SET payload = \'{"decision":"true_match"}\' WHERE seq = 2')
        )
    with database.read() as connection:
        result = audit.verify(connection)
    assert not result.ok and result.broken_seq == 2 and "altered" in result.problem


def test_a_deleted_record_is_detected(tmp_path):
    database = make_database(tmp_path)
    record_three(database)
    with database.begin() as connection:
        connection.execute(sa.text("DELETE FROM audit_log WHERE seq = 2"))
    with database.read() as connection:
        result = audit.verify(connection)
    assert not result.ok and result.broken_seq == 2 and "missing" in result.problem


def test_a_rehashed_forgery_breaks_the_next_link(tmp_path):
    database = make_database(tmp_path)
    record_three(database)
    with database.begin() as connection:
        forged = (
            "UPDATE audit_log SET hash = "
            "CASE WHEN substr(hash, 1, 1) = '0' THEN '1' ELSE '0' END || substr(hash, 2) "
            "WHERE seq = 1"
        )
        connection.execute(sa.text(forged))
    with database.read() as connection:
        result = audit.verify(connection)
    assert not result.ok and result.broken_seq == 1


def test_deleting_the_tail_is_caught_by_an_anchor(tmp_path):
    database = make_database(tmp_path)
    record_three(database)
    with database.read() as connection:
        anchor = audit.head(connection)
    with database.begin() as connection:
        connection.execute(sa.text("DELETE FROM audit_log WHERE seq = 3"))
    with database.read() as connection:
        assert audit.verify(connection).ok
        result = audit.verify(connection, anchor=anchor)
    assert not result.ok and "deleted from the end" in result.problem


def test_a_rolled_back_transaction_leaves_no_record(tmp_path):
    database = make_database(tmp_path)
    try:
        with database.begin() as connection:
            audit.append(connection, AuditEvent("alice", "decide", "alert:9"))
            raise RuntimeError("the change failed")
    except RuntimeError:
        pass
    with database.read() as connection:
        assert audit.verify(connection).records == 0
