"""Accounts: roles, password hashing, and `sanctio users`."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from sanctio.audit import records
from sanctio.cli import main
from sanctio.database import Database
from sanctio.errors import NotFoundError
from sanctio.web.tables import users as users_table
from sanctio.web.users import (
    UserError,
    authenticate,
    create_user,
    disable_user,
    get_user,
    list_users,
)

PASSWORD = "correct horse battery"


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database(f"sqlite:///{tmp_path / 'cases.db'}")
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
