"""The customer register: customers upserted by id, every change recorded in the audit trail.

A customer's record is the validated form of its screening data (the fields of
:meth:`sanctio.matching.query.Query.from_record`: names, schema, birth dates, countries,
gender, identifiers), stored canonically with a sha256 content hash. The hash tells
monitoring when a customer changed materially and must be screened against everything.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sanctio import audit
from sanctio.audit import AuditEvent
from sanctio.batch import ColumnMapping, InputRow, read_rows
from sanctio.database import Database
from sanctio.errors import NotFoundError, QueryError
from sanctio.matching.query import Query
from sanctio.monitor.errors import CustomerDataError
from sanctio.monitor.tables import customers, now

__all__ = [
    "MAX_ID_LENGTH",
    "Customer",
    "CustomerInput",
    "ImportReport",
    "content_hash",
    "get_customer",
    "import_customers",
    "list_customers",
    "normalise_record",
    "read_customer_file",
]

MAX_ID_LENGTH = 200
SHOWN_ERRORS = 20


@dataclass(frozen=True, slots=True)
class Customer:
    """One customer of the register."""

    id: str
    name: str
    schema: str
    record: dict[str, Any]
    content_hash: str
    created_at: str
    updated_at: str

    def query(self) -> Query:
        """The customer as a screening query."""
        return Query.from_record(self.record)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class CustomerInput:
    """A customer to import: its id, its screening data (any form ``Query.from_record``
    reads) and, from a file, its row number for error messages and the reader's error
    for a row it could not read."""

    id: str
    record: Mapping[str, Any] | None
    row: int | None = None
    error: str | None = None


@dataclass(slots=True)
class ImportReport:
    """What an import did. ``rejected`` holds (row, customer id, reason) of bad records."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    rejected: list[tuple[int | None, str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": self.unchanged,
            "rejected": [{"row": r, "id": i, "reason": m} for r, i, m in self.rejected],
        }


def normalise_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """The canonical form of a customer's screening data; QueryError names a bad field."""
    query = Query.from_record(record)
    return {
        "names": list(query.names),
        "schema": query.schema.value,
        "birth_date": [str(d) for d in query.birth_dates],
        "countries": list(query.countries),
        "gender": query.gender,
        "identifiers": [
            {"type": i.type.value, "value": i.value, "country": i.country}
            for i in query.identifiers
        ],
    }


def content_hash(record: Mapping[str, Any]) -> str:
    """sha256 of a canonical record."""
    return hashlib.sha256(orjson.dumps(record, option=orjson.OPT_SORT_KEYS)).hexdigest()


def _check_id(value: Any) -> str:
    text = str(value).strip() if value is not None else ""
    if not text:
        raise CustomerDataError("customer id: empty")
    if len(text) > MAX_ID_LENGTH:
        raise CustomerDataError(
            f"customer id: {len(text)} characters; the limit is {MAX_ID_LENGTH}"
        )
    if any(unicodedata.category(c) == "Cc" for c in text):
        raise CustomerDataError(f"customer id {text!r}: contains control characters")
    return text


def _display_name(record: Mapping[str, Any]) -> str:
    if record["names"]:
        return str(record["names"][0])
    ident = record["identifiers"][0]
    return f"{ident['type']} {ident['value']}"


def _row_label(row: int | None) -> str:
    return f"row {row}" if row is not None else "record"


def import_customers(
    db: Database,
    inputs: Iterable[CustomerInput],
    actor: str,
    *,
    source: str | None = None,
    skip_invalid: bool = False,
) -> ImportReport:
    """Insert new customers and update changed ones, in one transaction.

    Every record is validated first. A bad record (no name or identifier, an unreadable
    date, an unknown country, a repeated id ...) makes the whole import fail with a
    :class:`CustomerDataError` naming the rows, and nothing is written; with
    ``skip_invalid`` the good records are imported and the bad ones reported in
    ``ImportReport.rejected``. Each creation and change is appended to the audit trail
    (``customer.created``, ``customer.updated`` with each changed field's old and new value).
    """
    report = ImportReport()
    valid: dict[str, dict[str, Any]] = {}
    first_row: dict[str, int | None] = {}
    for item in inputs:
        try:
            customer_id = _check_id(item.id)
            if customer_id in valid or customer_id in first_row:
                raise CustomerDataError(
                    f"customer {customer_id} appears twice (first at "
                    f"{_row_label(first_row[customer_id])})"
                )
            first_row[customer_id] = item.row
            if item.error is not None or item.record is None:
                raise CustomerDataError(item.error or "no record")
            valid[customer_id] = normalise_record(item.record)
        except (CustomerDataError, QueryError) as exc:
            report.rejected.append((item.row, str(item.id), str(exc)))
    if report.rejected and not skip_invalid:
        shown = "; ".join(
            f"{_row_label(r)} ({i or 'no id'}): {m}" for r, i, m in report.rejected[:SHOWN_ERRORS]
        )
        more = len(report.rejected) - SHOWN_ERRORS
        raise CustomerDataError(
            f"{len(report.rejected)} bad customer record(s), nothing imported: {shown}"
            + (f"; and {more} more" if more > 0 else "")
        )
    with db.begin() as connection:
        _upsert(connection, valid, actor, source, report)
    return report


def _upsert(
    connection: Connection,
    records: dict[str, dict[str, Any]],
    actor: str,
    source: str | None,
    report: ImportReport,
) -> None:
    stamp = now()
    existing: dict[str, Any] = {}
    ids = list(records)
    for start in range(0, len(ids), 1000):
        batch = ids[start : start + 1000]
        for row in connection.execute(sa.select(customers).where(customers.c.id.in_(batch))):
            existing[row.id] = row
    events: list[AuditEvent] = []
    inserts: list[dict[str, Any]] = []
    for customer_id, record in records.items():
        digest = content_hash(record)
        values = {
            "name": _display_name(record),
            "schema": record["schema"],
            "record": record,
            "content_hash": digest,
            "updated_at": stamp,
        }
        old = existing.get(customer_id)
        if old is None:
            inserts.append({"id": customer_id, "created_at": stamp, **values})
            report.created.append(customer_id)
            payload = {"record": record, "source": source}
            events.append(AuditEvent(actor, "customer.created", f"customer:{customer_id}", payload))
        elif old.content_hash != digest:
            connection.execute(
                customers.update().where(customers.c.id == customer_id).values(values)
            )
            report.updated.append(customer_id)
            changes = {
                key: {"before": old.record.get(key), "after": record.get(key)}
                for key in record
                if old.record.get(key) != record.get(key)
            }
            payload = {"changes": changes, "source": source}
            events.append(AuditEvent(actor, "customer.updated", f"customer:{customer_id}", payload))
        else:
            report.unchanged += 1
    if inserts:
        connection.execute(customers.insert(), inserts)
    summary = {**report.to_dict(), "source": source}
    events.append(
        AuditEvent(actor, "customers.imported", f"customer-import:{source or 'api'}", summary)
    )
    audit.append_many(connection, events)


class _RegisterMapping(ColumnMapping):
    """A column mapping whose rows must carry an id: batch screening falls back to the row
    number, a register keyed by customer id cannot."""

    __slots__ = ()

    def to_row(self, row_number: int, values: Mapping[str, Any]) -> InputRow:
        if self.id is not None and not str(values.get(self.id) or "").strip():
            return InputRow(row_number, "", error=f"{self.id}: empty customer id")
        return super().to_row(row_number, values)


def read_customer_file(
    path: Path, mapping: ColumnMapping, **options: Any
) -> Iterator[CustomerInput]:
    """The rows of a customer file (CSV, JSON lines, Parquet; ``options`` as for
    :func:`sanctio.batch.read_rows`) as customers to import. The mapping must name the
    id column: the register is keyed by customer id."""
    if mapping.id is None:
        raise CustomerDataError("customer file: no id column; name it (--id-col) in the mapping")
    keyed = _RegisterMapping(**{f.name: getattr(mapping, f.name) for f in fields(mapping)})
    for row in read_rows(path, keyed, **options):
        yield CustomerInput(row.input_id, row.record, row.row_number, row.error)


def _customer(row: Any) -> Customer:
    return Customer(
        row.id, row.name, row.schema, row.record, row.content_hash, row.created_at, row.updated_at
    )


def get_customer(db: Database, customer_id: str) -> Customer:
    """One customer by id; NotFoundError if there is none."""
    with db.read() as connection:
        row = connection.execute(sa.select(customers).where(customers.c.id == customer_id)).first()
    if row is None:
        raise NotFoundError(f"no customer {customer_id!r}")
    return _customer(row)


def list_customers(
    db: Database, *, search: str | None = None, limit: int = 100, offset: int = 0
) -> list[Customer]:
    """Customers by id; ``search`` keeps those whose id or first name contains the text."""
    query = sa.select(customers).order_by(customers.c.id).limit(limit).offset(offset)
    if search:
        pattern = f"%{search.lower()}%"
        query = query.where(
            sa.or_(
                sa.func.lower(customers.c.id).like(pattern),
                sa.func.lower(customers.c.name).like(pattern),
            )
        )
    with db.read() as connection:
        return [_customer(row) for row in connection.execute(query)]
