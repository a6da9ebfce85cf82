"""The tamper-evident audit trail: an append-only, hash-chained log in the case database.

Each record carries the sha256 of its own canonical content and of the record before it,
so editing, reordering or deleting any record breaks the chain at that point, and
:func:`verify` reports where. Deleting records at the *end* of the chain leaves a shorter
chain that is still consistent; to catch that, keep the head printed by
``sanctio audit verify`` somewhere else (a ticket, an e-mail, a WORM bucket) and pass it
back as an anchor: :func:`verify` then checks the chain still contains it.

Appends are serialised (SQLite: the write lock; PostgreSQL: a table lock held to the end
of the transaction), so the chain has one order. Append inside the same transaction as
the change it records, and the record and the change commit or roll back together.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sanctio.database import metadata

__all__ = [
    "GENESIS_HASH",
    "AuditEvent",
    "AuditRecord",
    "Verification",
    "append",
    "append_many",
    "head",
    "records",
    "verify",
]

GENESIS_HASH = "0" * 64

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("action", sa.String(100), nullable=False),
    sa.Column("subject", sa.String(500), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.Index("audit_log_subject", "subject"),
    sa.Index("audit_log_action", "action"),
)


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """What to record: who did what to which subject, with details.

    ``subject`` names what the record is about, as ``kind:id`` (``customer:C-1001``,
    ``alert:42``, ``api-request:…``), so a customer's evidence report can find its records.
    """

    actor: str
    action: str
    subject: str
    payload: Mapping[str, Any] = field(default_factory=dict)
    at: str | None = None


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One record of the chain, as stored."""

    seq: int
    at: str
    actor: str
    action: str
    subject: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Verification:
    """The result of checking the chain: ``ok``, or the first broken record and why."""

    ok: bool
    records: int
    head_seq: int
    head_hash: str
    broken_seq: int | None = None
    problem: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


def _canonical_payload(payload: Mapping[str, Any]) -> str:
    return orjson.dumps(payload, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS).decode()


def _record_hash(
    seq: int, at: str, actor: str, action: str, subject: str, payload: str, prev_hash: str
) -> str:
    content = orjson.dumps([seq, at, actor, action, subject, payload, prev_hash])
    return hashlib.sha256(content).hexdigest()


def _lock_chain(connection: Connection) -> None:
    """Serialise appends until the transaction ends (SQLite's write lock already does)."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE")


def head(connection: Connection) -> tuple[int, str]:
    """The last record's ``(seq, hash)``, or ``(0, GENESIS_HASH)`` for an empty log."""
    row = connection.execute(
        sa.select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
    ).first()
    return (row.seq, row.hash) if row else (0, GENESIS_HASH)


def append_many(connection: Connection, events: Iterable[AuditEvent]) -> list[AuditRecord]:
    """Append events in order, inside the caller's transaction; return the stored records."""
    _lock_chain(connection)
    seq, prev_hash = head(connection)
    stored: list[AuditRecord] = []
    rows: list[dict[str, Any]] = []
    for event in events:
        seq += 1
        at = event.at or datetime.now(UTC).isoformat(timespec="microseconds")
        payload = _canonical_payload(event.payload)
        digest = _record_hash(seq, at, event.actor, event.action, event.subject, payload, prev_hash)
        rows.append(
            {
                "seq": seq,
                "at": at,
                "actor": event.actor,
                "action": event.action,
                "subject": event.subject,
                "payload": payload,
                "prev_hash": prev_hash,
                "hash": digest,
            }
        )
        stored.append(AuditRecord(**{**rows[-1], "payload": dict(event.payload)}))
        prev_hash = digest
    if rows:
        connection.execute(audit_log.insert(), rows)
    return stored


def append(connection: Connection, event: AuditEvent) -> AuditRecord:
    """Append one event inside the caller's transaction."""
    return append_many(connection, [event])[0]


def records(
    connection: Connection,
    *,
    subjects: Iterable[str] | None = None,
    actions: Iterable[str] | None = None,
    after_seq: int = 0,
    limit: int | None = None,
) -> Iterator[AuditRecord]:
    """Stored records in chain order, optionally only those about ``subjects``."""
    query = sa.select(audit_log).where(audit_log.c.seq > after_seq).order_by(audit_log.c.seq)
    if subjects is not None:
        query = query.where(audit_log.c.subject.in_(list(subjects)))
    if actions is not None:
        query = query.where(audit_log.c.action.in_(list(actions)))
    if limit is not None:
        query = query.limit(limit)
    for row in connection.execute(query):
        yield AuditRecord(
            row.seq, row.at, row.actor, row.action, row.subject, orjson.loads(row.payload),
            row.prev_hash, row.hash,
        )  # fmt: skip


def verify(connection: Connection, *, anchor: tuple[int, str] | None = None) -> Verification:
    """Recompute the whole chain; report the first record that was edited, moved or removed.

    ``anchor`` is a ``(seq, hash)`` head kept outside the database; the chain must still
    hold that record unchanged, which catches records deleted from the end.
    """
    expected_seq, prev_hash = 0, GENESIS_HASH
    anchor_seen = anchor is None
    query = sa.select(audit_log).order_by(audit_log.c.seq)
    for row in connection.execution_options(yield_per=5000).execute(query):
        expected_seq += 1
        problem = _link_problem(row, expected_seq, prev_hash, anchor)
        if problem is not None:
            last_good = expected_seq - 1
            return Verification(False, expected_seq, last_good, prev_hash, expected_seq, problem)
        anchor_seen = anchor_seen or (anchor is not None and row.seq == anchor[0])
        prev_hash = row.hash
    if not anchor_seen:
        assert anchor is not None
        problem = f"the anchored record {anchor[0]} is gone: records were deleted from the end"
        return Verification(False, expected_seq, expected_seq, prev_hash, anchor[0], problem)
    return Verification(True, expected_seq, expected_seq, prev_hash)


def _link_problem(
    row: Any, expected_seq: int, prev_hash: str, anchor: tuple[int, str] | None
) -> str | None:
    """Why this stored record breaks the chain, or None."""
    if row.seq != expected_seq:
        return f"record {expected_seq} is missing (next is {row.seq})"
    if row.prev_hash != prev_hash:
        return f"record {row.seq} does not follow record {row.seq - 1}"
    digest = _record_hash(
        row.seq, row.at, row.actor, row.action, row.subject, row.payload, row.prev_hash
    )
    if digest != row.hash:
        return f"record {row.seq} was altered after it was written"
    if anchor is not None and row.seq == anchor[0] and row.hash != anchor[1]:
        return f"record {row.seq} differs from the anchored head"
    return None
