"""`sanctio users`: the web UI's accounts, managed from the command line."""

from __future__ import annotations

import getpass
import sys

import click

from sanctio.cli import echo_json, handle_errors, json_option
from sanctio.database import Database
from sanctio.web.users import ROLES, UserError, create_user, disable_user, list_users, set_password


def _database(ctx: click.Context) -> Database:
    db = Database.for_home(ctx.obj)
    ctx.call_on_close(db.close)
    return db


def _actor() -> str:
    return f"cli:{getpass.getuser()}"


def _read_password() -> str:
    """Prompted twice without echo on a terminal; else the first line of standard input."""
    if sys.stdin.isatty():
        password: str = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        return password
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise UserError("password: none given on standard input")
    return line


@click.group("users")
def users() -> None:
    """Accounts of the web UI: analysts, reviewers and admins.

    Example: sanctio users create alice --role analyst
    """


@users.command("create")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True, help="What the account may do.")
@click.pass_context
@handle_errors
def create(ctx: click.Context, name: str, role: str) -> None:
    """Create an account. The password is asked for twice (not shown), or read from the
    first line of standard input when that is not a terminal.

    Example: printf '%s\\n' "$PASSWORD" | sanctio users create bob --role reviewer
    """
    user = create_user(_database(ctx), name, role, _read_password(), actor=_actor())
    click.echo(f"created {user.name} ({user.role})")


@users.command("list")
@json_option
@click.pass_context
@handle_errors
def list_command(ctx: click.Context, as_json: bool) -> None:
    """Every account, its role and whether it is disabled.

    Example: sanctio users list --json
    """
    found = list_users(_database(ctx))
    if as_json:
        echo_json([u.to_dict() for u in found])
        return
    if not found:
        click.echo("no accounts yet: sanctio users create NAME --role admin")
    for u in found:
        state = f"disabled {u.disabled_at}" if u.disabled else "active"
        click.echo(f"{u.name:<24} {u.role:<9} {state:<32} created {u.created_at} by {u.created_by}")


@users.command("disable")
@click.argument("name")
@click.pass_context
@handle_errors
def disable(ctx: click.Context, name: str) -> None:
    """Disable an account: it cannot log in any more and its sessions end.

    Example: sanctio users disable alice
    """
    disable_user(_database(ctx), name, actor=_actor())
    click.echo(f"disabled {name}")


@users.command("password")
@click.argument("name")
@click.pass_context
@handle_errors
def password(ctx: click.Context, name: str) -> None:
    """Set a new password for an account (asked for, or read from standard input); its
    sessions end.

    Example: sanctio users password alice
    """
    set_password(_database(ctx), name, _read_password(), actor=_actor())
    click.echo(f"password of {name} changed")
