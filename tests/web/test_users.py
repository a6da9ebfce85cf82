"""Accounts: roles, password hashing, and `sanctio users`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from sanctio.audit import records
from sanctio.cli import main
from sanctio.database import Database
from sanctio.errors import NotFoundError
from sanctio.web.sessions import end_session, load_session, start_session
from sanctio.web.tables import users as users_table
from sanctio.web.throttle import LoginThrottle
from sanctio.web.users import (
    UserError,
    authenticate,
    create_user,
    disable_user,
    get_user,
    list_users,
)
from tests.monitor.conftest import db_url  # noqa: F401  (SQLite and PostgreSQL)

PASSWORD = "correct horse battery"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:  # noqa: F811 (the imported fixture)
    """A fresh case database: SQLite, then PostgreSQL (monitoring's ``db_url`` fixture)."""
    database = Database(db_url)
    yield database
    database.close()


def test_roles_rank_analyst_below_reviewer_below_admin(db: Database) -> None:
    analyst = create_user(db, "ana", "analyst", PASSWORD, actor="test")
    reviewer = create_user(db, "rev", "reviewer", PASSWORD, actor="test")
    admin = create_user(db, "adm", "admin", PASSWORD, actor="test")
    assert analyst.can("analyst") and not analyst.can("reviewer")
    assert reviewer.can("analyst") and reviewer.can("reviewer") and not reviewer.can("admin")
    assert admin.can("reviewer") and admin.can("admin")


def test_passwords_are_stored_only_as_argon2id_hashes(db: Database) -> None:
    create_user(db, "ana", "analyst", PASSWORD, actor="test")
    with db.read() as connection:
        stored = connection.execute(sa.select(users_table.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_authentication_accepts_the_password_and_nothing_else(db: Database) -> None:
    create_user(db, "ana", "analyst", PASSWORD, actor="test")
    assert authenticate(db, "ana", PASSWORD).name == "ana"
    assert authenticate(db, "ana", PASSWORD + "x") is None
    assert authenticate(db, "nobody", PASSWORD) is None
    disable_user(db, "ana", actor="test")
    assert authenticate(db, "ana", PASSWORD) is None


def test_a_hash_made_with_older_parameters_is_upgraded_at_login(db: Database) -> None:
    from argon2 import PasswordHasher

    create_user(db, "ana", "analyst", PASSWORD, actor="test")
    old = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(PASSWORD)
    with db.begin() as connection:
        connection.execute(users_table.update().values(password_hash=old))
    assert authenticate(db, "ana", PASSWORD) is not None
    with db.read() as connection:
        stored = connection.execute(sa.select(users_table.c.password_hash)).scalar_one()
    assert stored != old and "m=19456,t=2,p=1" in stored


@pytest.mark.parametrize(
    ("name", "role", "password", "problem"),
    [
        ("", "analyst", PASSWORD, "name"),
        ("<b>x</b>", "analyst", PASSWORD, "name"),
        ("ana", "owner", PASSWORD, "role: must be one of analyst, reviewer, admin"),
        ("ana", "analyst", "short", "at least 12 characters"),
        ("ana-ana-ana-", "analyst", "ANA-ANA-ANA-", "must not be the account name"),
    ],
)
def test_bad_accounts_are_refused_with_the_reason(
    db: Database, name: str, role: str, password: str, problem: str
) -> None:
    with pytest.raises(UserError, match=problem):
        create_user(db, name, role, password, actor="test")
    assert list_users(db) == []


def test_account_names_are_unique(db: Database) -> None:
    create_user(db, "ana", "analyst", PASSWORD, actor="test")
    with pytest.raises(UserError, match="already exists"):
        create_user(db, "ana", "admin", PASSWORD, actor="test")


def test_account_changes_are_in_the_audit_trail(db: Database) -> None:
    create_user(db, "ana", "analyst", PASSWORD, actor="user:adm")
    disable_user(db, "ana", actor="user:adm")
    with db.read() as connection:
        found = [(r.actor, r.action, r.subject) for r in records(connection)]
    assert found == [
        ("user:adm", "user.create", "user:ana"),
        ("user:adm", "user.disable", "user:ana"),
    ]


def test_sessions_live_until_idle_or_ended_and_carry_their_csrf_token(db: Database) -> None:
    user = create_user(db, "ana", "analyst", PASSWORD, actor="test")
    with db.begin() as connection:
        token = start_session(connection, user, now=1000.0)
    session = load_session(db, token, now=1100.0, idle=600, lifetime=3600)
    assert session is not None and session.user.name == "ana"
    assert session.csrf_ok(session.csrf_token) and not session.csrf_ok("forged")
    assert load_session(db, "not a token", now=1100.0, idle=600, lifetime=3600) is None
    assert load_session(db, token, now=1100.0 + 601, idle=600, lifetime=3600) is None
    with db.begin() as connection:
        other = start_session(connection, user, now=5000.0)
        end_session(connection, other)
    assert load_session(db, other, now=5001.0, idle=600, lifetime=3600) is None


def test_failed_logins_lock_an_account_then_the_lock_expires(db: Database) -> None:
    throttle = LoginThrottle(per_account=2, per_address=10, window=60, lockout=120)
    keys = throttle.keys("Ana", "10.0.0.1")
    for now in (1000.0, 1001.0):
        with db.begin() as connection:
            throttle.record_failure(connection, keys, now=now)
    assert throttle.retry_after(db, keys, now=1002.0) == pytest.approx(119.0)
    assert throttle.retry_after(db, throttle.keys("bob", "10.0.0.1"), now=1002.0) == 0
    assert throttle.retry_after(db, keys, now=1122.0) == 0
    with db.begin() as connection:
        throttle.clear(connection, keys[0])
    assert throttle.retry_after(db, keys, now=1002.0) == 0


def test_an_unknown_account_is_not_found(db: Database) -> None:
    with pytest.raises(NotFoundError, match="no user 'nobody'"):
        get_user(db, "nobody")


def test_the_cli_creates_lists_and_disables_accounts_reading_the_password_from_stdin(
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    home = ["--home", str(tmp_path)]
    created = runner.invoke(
        main, [*home, "users", "create", "bob", "--role", "reviewer"], input=PASSWORD + "\n"
    )
    assert created.exit_code == 0, created.output
    assert created.output == "created bob (reviewer)\n"
    assert PASSWORD not in created.output
    listed = runner.invoke(main, [*home, "users", "list", "--json"])
    assert '"name": "bob"' in listed.output and '"role": "reviewer"' in listed.output
    assert runner.invoke(main, [*home, "users", "disable", "bob"]).exit_code == 0
    db = Database.for_home(tmp_path)
    assert get_user(db, "bob").disabled
    db.close()


def test_the_cli_refuses_a_missing_password_and_an_unknown_role(tmp_path: Path) -> None:
    runner = CliRunner()
    home = ["--home", str(tmp_path)]
    empty = runner.invoke(main, [*home, "users", "create", "bob", "--role", "analyst"], input="")
    assert empty.exit_code == 1
    assert "password: none given on standard input" in empty.output
    bad = runner.invoke(main, [*home, "users", "create", "bob", "--role", "owner"], input="x\n")
    assert bad.exit_code == 2
    unknown = runner.invoke(main, [*home, "users", "disable", "nobody"])
    assert unknown.exit_code == 1
    assert "no user 'nobody'" in unknown.output
