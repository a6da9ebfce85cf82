"""The monitoring tables in the case database (declared on ``sanctio.database.metadata``).

``customers`` is the register; ``customer_screenings`` says which list versions each
customer was last screened against (and with which data and threshold), so a run only
does what is left; ``alerts`` holds one row per (customer, listed entity) with its state
and the data it was last screened with; ``monitor_runs`` and ``monitor_settings`` hold the
runs and the settings. An alert's history is its records in the audit trail.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from sanctio.database import metadata

__all__ = [
    "alerts",
    "customer_screenings",
    "customers",
    "monitor_runs",
    "monitor_settings",
    "now",
]

ID = sa.String(200)
STAMP = sa.String(32)  # ISO 8601 UTC, microseconds: sorts as text on every database


def now() -> str:
    """The current time as stored in the STAMP columns (the audit trail's format)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


customers = sa.Table(
    "customers",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("name", sa.String(500), nullable=False),
    sa.Column("schema", sa.String(20), nullable=False),
    sa.Column("record", sa.JSON, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("created_at", STAMP, nullable=False),
    sa.Column("updated_at", STAMP, nullable=False),
)

customer_screenings = sa.Table(
    "customer_screenings",
    metadata,
    sa.Column("customer_id", ID, sa.ForeignKey("customers.id"), primary_key=True),
    sa.Column("customer_hash", sa.String(64), nullable=False),
    sa.Column("threshold", sa.Float, nullable=False),
    sa.Column("versions", sa.JSON, nullable=False),  # {source: version id}
    sa.Column("screened_at", STAMP, nullable=False),
    sa.Column("run_id", sa.Integer, nullable=False),
)

alerts = sa.Table(
    "alerts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("customer_id", ID, sa.ForeignKey("customers.id"), nullable=False),
    sa.Column("entity_id", ID, nullable=False),
    sa.Column("source", sa.String(100), nullable=False),
    sa.Column("state", sa.String(20), nullable=False),
    sa.Column("close_reason", sa.Text),
    # Whether the last screening that covered this pair found it alerting.
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("matched_name", sa.Text, nullable=False),
    sa.Column("caption", sa.Text, nullable=False),
    sa.Column("schema", sa.String(20), nullable=False),
    sa.Column("programs", sa.JSON, nullable=False),
    sa.Column("explanation", sa.JSON, nullable=False),
    sa.Column("list_version", sa.Integer, nullable=False),
    sa.Column("list_as_of", sa.String(32), nullable=False),
    sa.Column("customer_data", sa.JSON, nullable=False),  # material data last screened
    sa.Column("entity_data", sa.JSON, nullable=False),
    sa.Column("assignee", sa.String(200)),
    sa.Column("proposed_decision", sa.String(20)),  # awaiting a second reviewer
    sa.Column("proposed_by", sa.String(200)),
    sa.Column("proposed_reason", sa.Text),
    sa.Column("decided_by", sa.String(200)),
    sa.Column("confirmed_by", sa.String(200)),
    sa.Column("decision_reason", sa.Text),
    sa.Column("decided_at", STAMP),
    # For a false positive: the customer and entity data it was decided on (the good-guy
    # entry); a material change to either re-opens the alert.
    sa.Column("good_guy", sa.JSON),
    sa.Column("created_at", STAMP, nullable=False),
    sa.Column("updated_at", STAMP, nullable=False),
    sa.UniqueConstraint("customer_id", "entity_id", name="alerts_customer_entity"),
    sa.Index("alerts_state", "state"),
    sa.Index("alerts_entity", "entity_id"),
    sa.Index("alerts_assignee", "assignee"),
)

monitor_runs = sa.Table(
    "monitor_runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("full", sa.Boolean, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),  # running, finished, failed
    sa.Column("versions", sa.JSON, nullable=False),  # {source: version id} screened up to
    sa.Column("counts", sa.JSON, nullable=False),
    sa.Column("started_at", STAMP, nullable=False),
    sa.Column("finished_at", STAMP),
    sa.Column("error", sa.Text),
)

monitor_settings = sa.Table(
    "monitor_settings",
    metadata,
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("value", sa.JSON, nullable=False),
    sa.Column("updated_at", STAMP, nullable=False),
    sa.Column("updated_by", sa.String(200), nullable=False),
)
