"""API keys: random secrets stored only as their sha256, each with a role.

A key is ``sk_`` followed by 32 random bytes (43 URL-safe characters). The database keeps
its sha256 and never the key: whoever reads the table cannot call the service. A fast
hash is right here, unlike for passwords: a password is guessable, so it needs a slow,
salted hash to make each guess expensive; a 256-bit random key cannot be guessed at any
speed, and a fast hash lets every request be checked in microseconds. Keys are looked up
by their hash, so no comparison leaks how much of a key was right.

Roles are ordered: ``screen`` < ``analyst`` < ``admin``; a role may do what the roles
below it may. Creating and revoking a key is recorded in the audit trail.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from enum import IntEnum
from typing import Any

import sqlalchemy as sa

from sanctio import audit
from sanctio.audit import AuditEvent
from sanctio.database import Database, metadata
from sanctio.errors import NotFoundError, SanctioError

__all__ = [
    "KEY_PREFIX",
    "ApiKey",
    "Role",
    "authenticate",
    "create_key",
    "hash_key",
    "list_keys",
    "parse_role",
    "revoke_key",
]

KEY_PREFIX = "sk_"

api_keys = sa.Table(
    "api_keys",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("created_by", sa.String(200), nullable=False),
    sa.Column("revoked_at", sa.String(32), nullable=True),
)


class Role(IntEnum):
    """What a key may do; a higher role includes the lower ones."""

    SCREEN = 1  # screening endpoints
    ANALYST = 2  # plus entities, search, lists, diffs, metrics
    ADMIN = 3  # plus list updates

    @property
    def label(self) -> str:
        """The role's name as written in commands and responses."""
        return self.name.lower()


def parse_role(value: str) -> Role:
    """A role from its name; SanctioError for an unknown one."""
    try:
        return Role[value.strip().upper()]
    except KeyError:
        known = ", ".join(r.label for r in Role)
        raise SanctioError(f"role: unknown role {value!r}; use one of {known}") from None


@dataclass(frozen=True, slots=True)
class ApiKey:
    """A stored key's public facts (never the key itself)."""

    id: str
    role: Role
    name: str
    created_at: str
    created_by: str
    revoked_at: str | None

    @property
    def active(self) -> bool:
        """Not revoked."""
        return self.revoked_at is None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {**asdict(self), "role": self.role.label, "active": self.active}


def hash_key(key: str) -> str:
    """The sha256 of a key, as stored."""
    return hashlib.sha256(key.encode()).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _from_row(row: Any) -> ApiKey:
    return ApiKey(
        row.id, Role[row.role.upper()], row.name, row.created_at, row.created_by, row.revoked_at
    )


def create_key(database: Database, role: Role, *, name: str = "", actor: str) -> tuple[ApiKey, str]:
    """A new key with ``role``: its stored record, and the key itself (shown once, then lost)."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    record = ApiKey(f"key_{secrets.token_hex(6)}", role, name, _now(), actor, None)
    with database.begin() as connection:
        connection.execute(
            api_keys.insert().values(
                id=record.id,
                key_hash=hash_key(key),
                role=role.label,
                name=name,
                created_at=record.created_at,
                created_by=actor,
            )
        )
        event = AuditEvent(
            actor, "api_key.create", f"api-key:{record.id}", {"role": role.label, "name": name}
        )
        audit.append(connection, event)
    return record, key


def revoke_key(database: Database, key_id: str, *, actor: str) -> ApiKey:
    """Revoke a key by its id; revoking twice is an error, so a typo is never silent."""
    with database.begin() as connection:
        row = connection.execute(sa.select(api_keys).where(api_keys.c.id == key_id)).first()
        if row is None:
            raise NotFoundError(f"no API key {key_id!r}: see `sanctio keys list`")
        if row.revoked_at is not None:
            raise SanctioError(f"API key {key_id} was already revoked at {row.revoked_at}")
        revoked_at = _now()
        connection.execute(
            api_keys.update().where(api_keys.c.id == key_id).values(revoked_at=revoked_at)
        )
        audit.append(connection, AuditEvent(actor, "api_key.revoke", f"api-key:{key_id}", {}))
    return replace(_from_row(row), revoked_at=revoked_at)


def list_keys(database: Database, *, include_revoked: bool = False) -> list[ApiKey]:
    """Stored keys, oldest first."""
    query = sa.select(api_keys).order_by(api_keys.c.created_at, api_keys.c.id)
    if not include_revoked:
        query = query.where(api_keys.c.revoked_at.is_(None))
    with database.read() as connection:
        return [_from_row(row) for row in connection.execute(query)]


def authenticate(database: Database, key: str) -> ApiKey | None:
    """The active key record for a presented key, or None."""
    if not key.startswith(KEY_PREFIX):
        return None
    query = sa.select(api_keys).where(
        api_keys.c.key_hash == hash_key(key), api_keys.c.revoked_at.is_(None)
    )
    with database.read() as connection:
        row = connection.execute(query).first()
    return _from_row(row) if row else None
