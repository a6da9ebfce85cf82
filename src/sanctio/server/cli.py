"""``sanctio serve`` and ``sanctio keys``: run the HTTP API, manage its API keys."""

from __future__ import annotations

import getpass
import os
import shutil
import tempfile

import click

from sanctio.cli import echo_json, handle_errors, json_option
from sanctio.database import Database
from sanctio.server.keys import Role, create_key, list_keys, parse_role, revoke_key

__all__ = ["keys", "serve"]

WORKER_HEALTHCHECK_SECONDS = 60


def _cli_actor() -> str:
    return f"cli:{getpass.getuser()}"


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes; each holds its own index (about 400 MB with every list).",
)
@click.option("--access-log/--no-access-log", default=True, help="Log each request line.")
@click.pass_context
@handle_errors
def serve(ctx: click.Context, host: str, port: int, workers: int, access_log: bool) -> None:
    """Run the HTTP API (uvicorn), bound to 127.0.0.1 unless --host says otherwise.

    Settings come from SANCTIO_* variables (docs/api.md). Each worker builds its index
    from the store at start-up; GET /readyz answers 200 once it is loaded.

    Example: sanctio serve --port 8000 --workers 2
    """
    import uvicorn

    from sanctio.server.settings import ServerSettings

    os.environ["SANCTIO_HOME"] = str(ctx.obj)
    ServerSettings.from_env()  # refuse bad settings here rather than in every worker
    metrics_dir = None
    if workers > 1:
        metrics_dir = tempfile.mkdtemp(prefix="sanctio-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    try:
        uvicorn.run(
            "sanctio.server.app:app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            access_log=access_log,
            timeout_graceful_shutdown=30,
            # A worker spends seconds importing and building its index; uvicorn's default
            # 5 s health check would kill and restart it forever on a busy machine.
            timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
        )
    finally:
        if metrics_dir:
            shutil.rmtree(metrics_dir, ignore_errors=True)


@click.group()
def keys() -> None:
    """Create, revoke and list the API keys of the HTTP API."""


@keys.command("create")
@click.option(
    "--role",
    required=True,
    type=click.Choice([r.label for r in Role]),
    help="screen (screening only) < analyst (also data, metrics) < admin (also updates).",
)
@click.option("--name", default="", help="Who or what the key is for.")
@click.pass_context
@handle_errors
def create_command(ctx: click.Context, role: str, name: str) -> None:
    """Create a key and print it, once, as the last line: only its hash is stored.

    Example: sanctio keys create --role screen --name onboarding
    """
    record, key = create_key(
        Database.for_home(ctx.obj), parse_role(role), name=name, actor=_cli_actor()
    )
    click.echo(f"created {record.id} (role {record.role.label}); the key is shown only now:")
    click.echo(key)


@keys.command("revoke")
@click.argument("key_id")
@click.pass_context
@handle_errors
def revoke_command(ctx: click.Context, key_id: str) -> None:
    """Revoke a key by its id (running services stop accepting it within seconds).

    Example: sanctio keys revoke key_3f9a1c2b7d4e
    """
    record = revoke_key(Database.for_home(ctx.obj), key_id, actor=_cli_actor())
    click.echo(f"revoked {record.id} at {record.revoked_at}")


@keys.command("list")
@click.option("--all", "show_all", is_flag=True, help="Revoked keys too.")
@json_option
@click.pass_context
@handle_errors
def list_command(ctx: click.Context, show_all: bool, as_json: bool) -> None:
    """The keys: id, role, name, created, revoked (never the keys themselves).

    Example: sanctio keys list --all
    """
    found = list_keys(Database.for_home(ctx.obj), include_revoked=show_all)
    if as_json:
        echo_json([k.to_dict() for k in found])
        return
    if not found:
        click.echo("no API keys: create one with `sanctio keys create --role screen`")
        return
    click.echo(f"{'id':<18} {'role':<8} {'created':<26} {'revoked':<26} name")
    for k in found:
        revoked = k.revoked_at or ""
        click.echo(f"{k.id:<18} {k.role.label:<8} {k.created_at:<26} {revoked:<26} {k.name}")
