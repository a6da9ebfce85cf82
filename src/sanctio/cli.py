"""The `sanctio` command: a thin shell over the library. Each command parses its options,
calls one library function, prints the result, and turns SanctioError into a clear
message with a non-zero exit code.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
import orjson

from sanctio.errors import SanctioError
from sanctio.model import Entity
from sanctio.store import DEFAULT_MAX_SHRINK, Store, diff_versions
from sanctio.updates import unrecognised_reason
from sanctio.updates import update as run_update

F = TypeVar("F", bound=Callable[..., Any])


def default_home() -> Path:
    """``$SANCTIO_HOME``, else ``~/.sanctio``."""
    return Path(os.environ.get("SANCTIO_HOME") or Path.home() / ".sanctio")


def json_option(func: F) -> F:
    """The shared ``--json`` flag."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(func)


def handle_errors(func: F) -> F:
    """Turn Sanctio's own errors into a one-line message and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SanctioError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper  # type: ignore[return-value]


def echo_json(data: Any) -> None:
    """Print ``data`` as indented JSON."""
    click.echo(orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode())


@click.group()
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the store (default: $SANCTIO_HOME, else ~/.sanctio).",
)
@click.version_option(package_name="sanctio")
@click.pass_context
def main(ctx: click.Context, home: Path | None) -> None:
    """Sanctio: sanctions and watchlist screening."""
    ctx.obj = home or default_home()


def open_store(ctx: click.Context) -> Store:
    """The store under the chosen home folder, closed when the command ends."""
    store = Store(ctx.obj)
    ctx.call_on_close(store.close)
    return store


@main.command()
@click.option(
    "--from",
    "from_path",
    type=click.Path(exists=True, path_type=Path),
    help="Import official files from this folder (or file) instead of downloading.",
)
@click.option("--source", "sources", multiple=True, help="Only this source (repeatable).")
@click.option(
    "--max-shrink",
    type=click.FloatRange(0, 1),
    default=DEFAULT_MAX_SHRINK,
    show_default=True,
    help="Reject a list that shrinks by more than this share of the current version.",
)
@click.pass_context
@handle_errors
def update(
    ctx: click.Context, from_path: Path | None, sources: tuple[str, ...], max_shrink: float
) -> None:
    """Import new list versions: downloaded from the official addresses, or from a folder.

    With neither --from nor $SANCTIO_LISTS_DIR, each default source is downloaded
    (through $SANCTIO_MIRROR when set). Files are recognised by their content.

    Example: sanctio update --from ../shared/lists
    """
    store = open_store(ctx)
    report = run_update(
        store,
        from_path=from_path,
        sources=sources or None,
        max_shrink=max_shrink,
        progress=lambda message: click.echo(message, err=True),
    )
    for path in report.unknown_files:
        click.echo(f"skipped {path}: {unrecognised_reason(path)}", err=True)
    for result in report.results:
        v = result.version
        state = "current" if v.is_current else "kept as history (an older as-of date)"
        verb = "imported" if result.status == "imported" else "unchanged, already version"
        click.echo(
            f"{v.source}: {verb} {v.id}, as of {v.as_of}, {v.entity_count} entities, {state}"
        )
    for source in report.not_modified:
        click.echo(f"{source}: not modified")
    for failure in report.failures:
        click.echo(f"Error: {failure}", err=True)
    from sanctio.monitor.cli import run_after_update  # monitoring, when its setting is on

    run_after_update(ctx)
    if report.failures:
        raise click.exceptions.Exit(1)


@main.command("lists")
@click.option("--all", "show_all", is_flag=True, help="Every version, not only the current ones.")
@json_option
@click.pass_context
@handle_errors
def lists_command(ctx: click.Context, show_all: bool, as_json: bool) -> None:
    """The lists in the store: source, current version, as-of date and entity counts.

    Example: sanctio lists --json
    """
    store = open_store(ctx)
    versions = store.versions() if show_all else store.current_versions()
    if as_json:
        echo_json([v.to_dict() for v in versions])
        return
    if not versions:
        click.echo("no lists imported yet: run `sanctio update`")
        return
    header = f"{'source':<22} {'version':>7} {'as of':<10} {'entities':>8}  by type"
    click.echo(header)
    for v in versions:
        by_type = ", ".join(f"{k} {n}" for k, n in v.schema_counts.items())
        mark = "" if v.is_current or not show_all else "  (not current)"
        click.echo(f"{v.source:<22} {v.id:>7} {v.as_of:<10} {v.entity_count:>8}  {by_type}{mark}")


@main.command()
@click.argument("entity_id")
@click.option("--version", "version_ref", help="A version id or as-of date (default: current).")
@json_option
@click.pass_context
@handle_errors
def show(ctx: click.Context, entity_id: str, version_ref: str | None, as_json: bool) -> None:
    """Everything known about one listed entity.

    Example: sanctio show ofac-sdn:12735
    """
    store = open_store(ctx)
    version = store.resolve_version(entity_id.split(":", 1)[0], version_ref)
    entity = store.entity(entity_id, version.id)
    if as_json:
        echo_json({"version": version.to_dict(), "entity": entity.to_dict()})
        return
    click.echo(format_entity(entity))
    click.echo(f"list version: {version.source} {version.id}, as of {version.as_of}")


def format_entity(entity: Entity) -> str:
    """An entity as readable text, one field per line."""
    lines = [f"{entity.caption}  [{entity.id}]  {entity.schema.value}"]

    def add(label: str, values: Any) -> None:
        values = [str(v) for v in values if v]
        if values:
            lines.append(f"  {label + ':':<15} {'; '.join(values)}")

    for name in entity.names:
        extra = [name.kind.value]
        if name.script:
            extra.append(name.script)
        if name.qualifier:
            extra.append(name.qualifier)
        lines.append(f"  {'name:':<15} {name.full}  ({', '.join(extra)})")
    add("programmes", entity.programs)
    add("birth dates", entity.birth_dates)
    add("birth places", entity.birth_places)
    add("nationality", [c.upper() for c in entity.nationalities])
    add("citizenship", [c.upper() for c in entity.citizenships])
    add("countries", [c.upper() for c in entity.countries])
    add("gender", [entity.gender])
    for ident in entity.identifiers:
        where = f", {ident.country.upper()}" if ident.country else ""
        label = f" ({ident.label})" if ident.label and ident.label != ident.type.value else ""
        add("identifier", [f"{ident.type.value}{label}: {ident.value}{where}"])
    for address in entity.addresses:
        add("address", [address.full])
    for rel in entity.relationships:
        target = rel.target_id or rel.target_name
        detail = ", ".join(
            p
            for p in (rel.role, f"{rel.percentage:g}%" if rel.percentage is not None else None)
            if p
        )
        arrow = "<-" if rel.incoming else "->"
        add(
            "relationship",
            [f"{rel.kind.value} {arrow} {target}" + (f" ({detail})" if detail else "")],
        )
    add("listed on", [entity.listed_on])
    for key, value in entity.properties:
        add(key, [value])
    add("remarks", [entity.remarks])
    return "\n".join(lines)


@main.command()
@click.argument("source")
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option("--limit", default=20, show_default=True, help="Entities listed per section (text).")
@click.option("--values", is_flag=True, help="With --json: each changed field's old and new value.")
@json_option
@click.pass_context
@handle_errors
def diff(
    ctx: click.Context,
    source: str,
    old: str | None,
    new: str | None,
    limit: int,
    values: bool,
    as_json: bool,
) -> None:
    """Entities added, removed and changed between two versions of a list.

    OLD and NEW are version ids or as-of dates; by default the current version is
    compared with the one before it.

    Example: sanctio diff ofac-sdn 2021-07 2024-05-03
    """
    store = open_store(ctx)
    if old is None:
        versions = store.versions(source)
        current = store.current_version(source)
        earlier = [v for v in versions if (v.as_of, v.id) < (current.as_of, current.id)]
        if not earlier:
            raise SanctioError(f"{source} has only one version; nothing to compare")
        old_version, new_version = earlier[-1], current
    else:
        old_version = store.resolve_version(source, old)
        new_version = store.resolve_version(source, new)
    result = diff_versions(store, old_version, new_version)
    if as_json:
        echo_json(result.to_dict(with_values=values))
        return
    click.echo(
        f"{source}: version {old_version.id} ({old_version.as_of}) -> "
        f"version {new_version.id} ({new_version.as_of})"
    )
    click.echo(
        f"{len(result.added)} added, {len(result.removed)} removed, {len(result.changed)} changed"
    )
    for title, rows in (("added", result.added), ("removed", result.removed)):
        if rows:
            click.echo(f"\n{title}:")
            for entity_id, caption in rows[:limit]:
                click.echo(f"  {entity_id}  {caption}")
            if len(rows) > limit:
                click.echo(f"  ... and {len(rows) - limit} more")
    if result.changed:
        click.echo("\nchanged:")
        for change in result.changed[:limit]:
            click.echo(f"  {change.entity_id}  {change.caption}: {', '.join(change.fields)}")
        if len(result.changed) > limit:
            click.echo(f"  ... and {len(result.changed) - limit} more")


@main.command()
@click.argument("name", required=False)
@click.option("--schema", help="Person, Organization, Vessel, Aircraft (default: any).")
@click.option("--dob", "birth_date", help="Birth date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--country", "countries", multiple=True, help="Nationality or country (repeatable).")
@click.option("--id", "identifiers", multiple=True, help="Identifier, TYPE:NUMBER or NUMBER.")
@click.option("--threshold", type=click.FloatRange(0, 1), help="Alert threshold (default 0.8).")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--explain/--no-explain", default=True, help="Show why each hit scored.")
@json_option
@click.pass_context
@handle_errors
def screen(
    ctx: click.Context,
    name: str | None,
    schema: str | None,
    birth_date: str | None,
    countries: tuple[str, ...],
    identifiers: tuple[str, ...],
    threshold: float | None,
    limit: int,
    explain: bool,
    as_json: bool,
) -> None:
    """Screen one party against the current lists in the store.

    Exits 0 whether or not there are alerts; the output says which hits alert.

    Example: sanctio screen "Bashar al-Assad" --dob 1965 --country SY
    """
    from sanctio.screener import Screener

    screener = Screener.from_store(ctx.obj)
    if not screener.entities:
        raise SanctioError("no lists imported yet: run `sanctio update` first")
    hits = screener.screen(
        name,
        schema=schema,
        birth_date=birth_date,
        countries=countries,
        identifiers=identifiers,
        limit=limit,
        threshold=threshold,
    )
    if as_json:
        echo_json(
            {
                "query": name,
                "threshold": screener.threshold if threshold is None else threshold,
                "versions": [
                    {"source": v.source, "version": v.id, "as_of": v.as_of}
                    for v in screener.versions
                ],
                "hits": [h.to_dict() for h in hits],
            }
        )
        return
    alerts = sum(h.is_alert for h in hits)
    click.echo(f"{name or ', '.join(identifiers)}: {alerts} alert(s), {len(hits)} hit(s)")
    for hit in hits:
        flag = "ALERT" if hit.is_alert else "     "
        programs = ", ".join(hit.programs)
        click.echo(f"{flag} {hit.score:.2f}  {hit.entity_id:<24} {hit.caption}  [{programs}]")
        if explain:
            for line in hit.explanation.lines():
                click.echo(f"        {line}")


from sanctio.server.cli import keys, serve  # noqa: E402

main.add_command(serve)
main.add_command(keys)

from sanctio.web.cli import users as users_command  # noqa: E402

main.add_command(users_command)

from sanctio.monitor.cli import register as register_monitor  # noqa: E402

register_monitor(main)

from sanctio.exposure.cli import exposure_command, ownership  # noqa: E402

main.add_command(exposure_command)
main.add_command(ownership)

from sanctio.batch.cli import batch  # noqa: E402

main.add_command(batch)

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
