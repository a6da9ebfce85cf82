"""Login throttling: too many failed logins lock an account, or a client address, for a while.

Counted in the case database, so every server process (``--workers``) sees the same
counts. Failures are counted in a window; reaching the limit locks the key until the
lock expires. A successful login clears the account's count, not the address's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sanctio.database import Database
from sanctio.web.tables import login_throttle

__all__ = ["LoginThrottle"]


@dataclass(frozen=True, slots=True)
class LoginThrottle:
    """Limits: ``per_account`` failures per account and ``per_address`` per client address
    within ``window`` seconds lock that key for ``lockout`` seconds."""

    per_account: int = 5
    per_address: int = 50
    window: float = 900.0
    lockout: float = 900.0

    @staticmethod
    def keys(name: str, address: str | None) -> list[str]:
        """The keys a login attempt counts against."""
        keys = [f"user:{name.lower()}"]
        if address:
            keys.append(f"address:{address}")
        return keys

    def retry_after(self, db: Database, keys: Iterable[str], *, now: float) -> float:
        """Seconds until a login may be tried again (0 when it may be tried now)."""
        with db.read() as connection:
            rows = connection.execute(
                sa.select(login_throttle.c.locked_until).where(login_throttle.c.key.in_(list(keys)))
            ).all()
        return max([r.locked_until - now for r in rows if r.locked_until > now], default=0.0)

    def record_failure(self, connection: Connection, keys: Iterable[str], *, now: float) -> None:
        """Count one failed login against each key, locking those that reach their limit
        (inside the caller's transaction)."""
        for key in keys:
            limit = self.per_account if key.startswith("user:") else self.per_address
            row = connection.execute(
                sa.select(login_throttle).where(login_throttle.c.key == key)
            ).first()
            if row is None or now - row.window_start > self.window:
                failures, window_start = 1, now
            else:
                failures, window_start = row.failures + 1, row.window_start
            locked_until = now + self.lockout if failures >= limit else 0.0
            values = {
                "failures": failures if not locked_until else 0,
                "window_start": window_start,
                "locked_until": locked_until,
            }
            if row is None:
                connection.execute(login_throttle.insert().values(key=key, **values))
            else:
                connection.execute(
                    login_throttle.update().where(login_throttle.c.key == key).values(**values)
                )

    def clear(self, connection: Connection, key: str) -> None:
        """Forget the failures counted against ``key`` (after a successful login)."""
        connection.execute(login_throttle.delete().where(login_throttle.c.key == key))
