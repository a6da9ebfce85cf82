"""The web UI's tables in the case database (declared on ``sanctio.database.metadata``).

``users`` holds the accounts; ``user_sessions`` the open browser sessions, keyed by the
sha256 of the session cookie (the cookie itself is never stored); ``login_throttle`` the
recent failed logins per account and per client address.
"""

from __future__ import annotations

import sqlalchemy as sa

from sanctio.database import metadata

__all__ = ["login_throttle", "user_sessions", "users"]

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(64), nullable=False, unique=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("password_hash", sa.String(200), nullable=False),
    sa.Column("disabled", sa.Boolean, nullable=False, default=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("created_by", sa.String(200), nullable=False),
    sa.Column("disabled_at", sa.String(32)),
)

user_sessions = sa.Table(
    "user_sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False, index=True),
    sa.Column("csrf_token", sa.String(64), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),  # seconds since the epoch
    sa.Column("last_seen_at", sa.Float, nullable=False),
)

login_throttle = sa.Table(
    "login_throttle",
    metadata,
    sa.Column("key", sa.String(300), primary_key=True),  # "user:NAME" or "address:IP"
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("window_start", sa.Float, nullable=False),
    sa.Column("locked_until", sa.Float, nullable=False, default=0.0),
)
