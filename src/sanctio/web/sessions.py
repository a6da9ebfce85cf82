"""Server-side browser sessions with a synchronizer CSRF token.

The browser holds a random session token in an HttpOnly cookie; the database holds only
its sha256, the account, a per-session CSRF token and the times the session began and
was last used. A session ends on logout, after ``idle`` seconds unused, after
``lifetime`` seconds in all, and when its account is disabled or its password changed.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sanctio.database import Database
from sanctio.web.tables import user_sessions, users
from sanctio.web.users import User, user_from_row

__all__ = ["Session", "end_session", "load_session", "purge_expired", "start_session"]

# Seconds between two writes of a session's last use: reads stay reads.
TOUCH_INTERVAL = 60.0


@dataclass(frozen=True, slots=True)
class Session:
    """An open session: whose it is and the CSRF token its forms must carry."""

    user: User
    csrf_token: str
    created_at: float
    last_seen_at: float

    def csrf_ok(self, token: str | None) -> bool:
        """True when ``token`` is this session's CSRF token (compared in constant time)."""
        return token is not None and secrets.compare_digest(token, self.csrf_token)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(connection: Connection, user: User, *, now: float) -> str:
    """Open a session for ``user`` inside the caller's transaction; returns the token for
    the cookie (stored only hashed)."""
    token = secrets.token_urlsafe(32)
    connection.execute(
        user_sessions.insert().values(
            token_hash=_digest(token),
            user_id=user.id,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            last_seen_at=now,
        )
    )
    return token


def load_session(
    db: Database, token: str | None, *, now: float, idle: float, lifetime: float
) -> Session | None:
    """The live session behind a cookie token, or None (unknown, expired, account disabled).

    An expired session is deleted; a live one has its last use recorded (at most once a
    minute).
    """
    if not token:
        return None
    key = _digest(token)
    query = (
        sa.select(user_sessions, users)
        .join(users, users.c.id == user_sessions.c.user_id)
        .where(user_sessions.c.token_hash == key)
    )
    with db.read() as connection:
        row = connection.execute(query).first()
    if row is None:
        return None
    expired = now - row.last_seen_at > idle or now - row.created_at > lifetime
    if expired or row.disabled:
        with db.begin() as connection:
            end_session(connection, token)
        return None
    if now - row.last_seen_at > TOUCH_INTERVAL:
        with db.begin() as connection:
            connection.execute(
                user_sessions.update()
                .where(user_sessions.c.token_hash == key)
                .values(last_seen_at=now)
            )
    return Session(user_from_row(row), row.csrf_token, row.created_at, now)


def end_session(connection: Connection, token: str) -> None:
    """Forget a session (logout) inside the caller's transaction."""
    connection.execute(user_sessions.delete().where(user_sessions.c.token_hash == _digest(token)))


def purge_expired(connection: Connection, *, now: float, idle: float, lifetime: float) -> int:
    """Delete every expired session (inside the caller's transaction); returns how many."""
    result = connection.execute(
        user_sessions.delete().where(
            (user_sessions.c.last_seen_at < now - idle)
            | (user_sessions.c.created_at < now - lifetime)
        )
    )
    return result.rowcount
