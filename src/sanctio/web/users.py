"""The people who use the web UI: accounts with a role, Argon2id password hashes.

Roles are ranked: an ``analyst`` screens, reviews alerts and proposes decisions; a
``reviewer`` can do all that and confirm another person's decision (four-eyes); an
``admin`` can do everything, including managing accounts. Accounts are disabled, never
deleted, so the audit trail's actors always name a known account.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Connection

from sanctio.audit import AuditEvent, append
from sanctio.database import Database
from sanctio.errors import NotFoundError, SanctioError
from sanctio.web.tables import user_sessions, users

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "ROLES",
    "User",
    "UserError",
    "authenticate",
    "create_user",
    "disable_user",
    "get_user",
    "list_users",
    "set_password",
    "user_from_row",
]

ROLES = ("analyst", "reviewer", "admin")
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")

# Argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): about 0.1 s per
# login on a small server, where the library's default (64 MiB, 4 lanes) takes most of a
# second of both cores. Hashes made with other parameters are upgraded at the next login.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# Verified against when a name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


class UserError(SanctioError):
    """An account cannot be created or changed as asked (bad name, role or password)."""


@dataclass(frozen=True, slots=True)
class User:
    """One account, without its password hash."""

    id: int
    name: str
    role: str
    disabled: bool
    created_at: str
    created_by: str
    disabled_at: str | None

    def can(self, role: str) -> bool:
        """True when this account's role is ``role`` or ranks above it."""
        return ROLES.index(self.role) >= ROLES.index(role)

    @property
    def actor(self) -> str:
        """How the audit trail names this account."""
        return f"user:{self.name}"

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "name": self.name,
            "role": self.role,
            "disabled": self.disabled,
            "created_at": self.created_at,
            "created_by": self.created_by,
            "disabled_at": self.disabled_at,
        }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def user_from_row(row: sa.Row) -> User:
    """A :class:`User` from a row of the ``users`` table."""
    return User(
        row.id, row.name, row.role, bool(row.disabled), row.created_at, row.created_by,
        row.disabled_at,
    )  # fmt: skip


def check_password(name: str, password: str) -> None:
    """Raise :class:`UserError` unless ``password`` is acceptable for account ``name``."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"password: must be at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise UserError(f"password: must be at most {MAX_PASSWORD_LENGTH} characters")
    if password.strip().lower() == name.lower():
        raise UserError("password: must not be the account name")


def check_role(role: str) -> str:
    """``role`` if it is one of :data:`ROLES`, else a :class:`UserError`."""
    if role not in ROLES:
        raise UserError(f"role: must be one of {', '.join(ROLES)}, not {role!r}")
    return role


def _row(connection: Connection, name: str) -> sa.Row:
    row = connection.execute(sa.select(users).where(users.c.name == name)).first()
    if row is None:
        raise NotFoundError(f"no user {name!r}")
    return row


def create_user(db: Database, name: str, role: str, password: str, *, actor: str) -> User:
    """Create an account; the creation is recorded in the audit trail."""
    if not _NAME.match(name):
        raise UserError(
            f"name: {name!r} must be 1 to 64 letters, digits or . _ @ -, starting with a letter"
            " or digit"
        )
    check_role(role)
    check_password(name, password)
    password_hash = _hasher.hash(password)
    with db.begin() as connection:
        exists = connection.execute(sa.select(users.c.id).where(users.c.name == name)).first()
        if exists:
            raise UserError(f"name: a user {name!r} already exists")
        created_at = _now()
        connection.execute(
            users.insert().values(
                name=name,
                role=role,
                password_hash=password_hash,
                disabled=False,
                created_at=created_at,
                created_by=actor,
            )
        )
        append(connection, AuditEvent(actor, "user.create", f"user:{name}", {"role": role}))
        return user_from_row(_row(connection, name))


def get_user(db: Database, name: str) -> User:
    """One account by name (:class:`NotFoundError` if there is none)."""
    with db.read() as connection:
        return user_from_row(_row(connection, name))


def list_users(db: Database) -> list[User]:
    """Every account, by name."""
    with db.read() as connection:
        rows = connection.execute(sa.select(users).order_by(users.c.name)).all()
    return [user_from_row(r) for r in rows]


def disable_user(db: Database, name: str, *, actor: str) -> User:
    """Disable an account: it can no longer log in and its sessions end at once."""
    with db.begin() as connection:
        row = _row(connection, name)
        if row.disabled:
            raise UserError(f"user {name!r} is already disabled")
        connection.execute(
            users.update().where(users.c.id == row.id).values(disabled=True, disabled_at=_now())
        )
        connection.execute(user_sessions.delete().where(user_sessions.c.user_id == row.id))
        append(connection, AuditEvent(actor, "user.disable", f"user:{name}"))
        return user_from_row(_row(connection, name))


def set_password(db: Database, name: str, password: str, *, actor: str) -> User:
    """Give an account a new password; its open sessions end."""
    check_password(name, password)
    password_hash = _hasher.hash(password)
    with db.begin() as connection:
        row = _row(connection, name)
        connection.execute(
            users.update().where(users.c.id == row.id).values(password_hash=password_hash)
        )
        connection.execute(user_sessions.delete().where(user_sessions.c.user_id == row.id))
        append(connection, AuditEvent(actor, "user.password", f"user:{name}"))
        return user_from_row(row)


def authenticate(db: Database, name: str, password: str) -> User | None:
    """The enabled account ``name`` if ``password`` is its password, else None.

    Takes as long for an unknown name as for a wrong password, and upgrades the stored
    hash when the hashing parameters have changed since it was made.
    """
    with db.read() as connection:
        row = connection.execute(sa.select(users).where(users.c.name == name)).first()
    stored = row.password_hash if row is not None else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or row.disabled:
        return None
    if _hasher.check_needs_rehash(stored):
        with db.begin() as connection:
            connection.execute(
                users.update()
                .where(users.c.id == row.id)
                .values(password_hash=_hasher.hash(password))
            )
    return user_from_row(row)
