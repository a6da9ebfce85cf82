"""``sanctio exposure`` and ``sanctio ownership``: thin commands over sanctio.exposure.

Registered on the ``sanctio`` group at the end of ``sanctio/cli.py``; import that module,
not this one, to reach the commands.
"""

from __future__ import annotations

import getpass
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from sanctio.cli import echo_json, handle_errors, json_option, open_store
from sanctio.database import Database
from sanctio.errors import NotFoundError, SanctioError
from sanctio.exposure.analysis import Exposure
from sanctio.exposure.firm import import_ownership, load_stakes
from sanctio.exposure.links import DEFAULT_HOPS, MAX_HOPS
from sanctio.exposure.report import format_section
from sanctio.exposure.svg import exposure_svg
from sanctio.model import Entity

if TYPE_CHECKING:
    from sanctio.screener import Hit, Screener
    from sanctio.store import Store

__all__ = ["exposure_command", "ownership"]


def _open_database(ctx: click.Context) -> Database:
    database = Database.for_home(ctx.obj)
    ctx.call_on_close(database.close)
    return database


def _current_entities(store: Store) -> list[Entity]:
    entities = list(store.current_entities())
    if not entities:
        raise SanctioError("no lists imported yet: run `sanctio update` first")
    return entities


def _exposure(
    ctx: click.Context, entities: list[Entity], blocked_sources: tuple[str, ...]
) -> Exposure:
    with _open_database(ctx).read() as connection:
        stakes = load_stakes(connection)
    return Exposure.from_entities(entities, stakes, blocked_sources=blocked_sources or None)


_blocked_source_option = click.option(
    "--blocked-source",
    "blocked_sources",
    multiple=True,
    help="Only this list's entities are blocked persons for the 50 percent rule "
    "(repeatable; default: every list, e.g. --blocked-source ofac-sdn).",
)


@click.command("exposure")
@click.argument("party")
@click.option(
    "--hops",
    default=DEFAULT_HOPS,
    show_default=True,
    type=click.IntRange(1, MAX_HOPS),
    help="Longest path to a designated person, in relationships.",
)
@_blocked_source_option
@click.option(
    "--svg",
    "svg_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a picture of the paths to this SVG file.",
)
@json_option
@click.pass_context
@handle_errors
def exposure_command(
    ctx: click.Context,
    party: str,
    hops: int,
    blocked_sources: tuple[str, ...],
    svg_path: Path | None,
    as_json: bool,
) -> None:
    """Ownership status (50 percent rule) and links to designated persons of one party.

    PARTY is a listed entity id, or a customer id (C-1001 or customer:C-1001) from the
    imported ownership data. Anything else is screened as a name, and the exposure of
    each alerting hit is shown.

    Example: sanctio exposure ofac-sdn:18249 --hops 2
    """
    store = open_store(ctx)
    entities = _current_entities(store)
    exposure = _exposure(ctx, entities, blocked_sources)
    try:
        sections = [exposure.party(party, max_hops=hops)]
        screened = None
    except NotFoundError:
        from sanctio.screener import Screener

        screener = Screener(entities, versions=store.current_versions())
        hits = [h for h in screener.screen(party) if h.is_alert]
        if not hits:
            raise NotFoundError(
                f"{party!r} is neither a listed entity id nor a customer in the ownership "
                "data, and screening it as a name gives no alert"
            ) from None
        screened = exposure.for_hits(hits, max_hops=hops)
        sections = list(screened["entities"].values())
    if svg_path is not None:
        _write_svg(svg_path, sections)
    if as_json:
        echo_json(screened if screened is not None else sections[0])
        return
    if screened is not None:
        click.echo(f"{party}: screened as a name, {len(sections)} alerting hit(s)\n")
    click.echo("\n\n".join(format_section(section) for section in sections))


def _write_svg(path: Path, sections: list[dict[str, Any]]) -> None:
    """The first section's picture, written atomically: a temporary file in the same
    folder, then renamed over the target."""
    try:
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as exc:
        raise SanctioError(f"{path}: cannot write the picture: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(exposure_svg(sections[0]))
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise SanctioError(f"{path}: cannot write the picture: {exc.strerror or exc}") from exc


@click.group()
def ownership() -> None:
    """The firm's ownership data, and what the 50 percent rule blocks."""


@ownership.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="The file is a full snapshot: delete the rest.")
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1),
    help="Alert threshold for resolving names to listed entities (default 0.8).",
)
@click.option("--actor", default=None, help="Who imports, for the audit trail (default: you).")
@json_option
@click.pass_context
@handle_errors
def import_command(
    ctx: click.Context,
    file: Path,
    replace: bool,
    threshold: float | None,
    actor: str | None,
    as_json: bool,
) -> None:
    """Import ownership data: a CSV of owner, owned, percent, as_of (and kind).

    Owners and owned are listed entity ids, customer:<id>, or names (screened against
    the current lists; an alerting best hit resolves the name). The whole file is
    checked before anything is stored; see docs/exposure.md.

    Example: sanctio ownership import shareholders.csv
    """
    store = open_store(ctx)
    versions = store.current_versions()
    entity_ids: set[str] = set()
    for version in versions:
        entity_ids.update(store.entity_index(version.id))
    result = import_ownership(
        _open_database(ctx),
        file,
        entity_ids=entity_ids,
        sources={v.source for v in versions},
        screen=_lazy_screen(store, threshold) if versions else None,
        actor=actor or getpass.getuser(),
        replace=replace,
    )
    if as_json:
        echo_json(result.to_dict())
        return
    click.echo(
        f"{file.name}: import {result.id}, {result.rows} relationship(s): {result.added} added, "
        f"{result.updated} updated, {result.unchanged} unchanged, {result.kept_newer} kept "
        f"(stored data is newer), {result.removed} removed; names: {result.names_matched} "
        f"matched a listed entity, {result.names_unmatched} did not"
    )


def _lazy_screen(store: Store, threshold: float | None) -> Callable[[str], Hit | None]:
    """Screens a name against the current lists, building the Screener on first use."""
    built: list[Screener] = []

    def screen(name: str) -> Hit | None:
        if not built:
            from sanctio.screener import Screener

            built.append(Screener(_current_entities(store), versions=store.current_versions()))
        hits = built[0].screen(name, limit=1, threshold=threshold)
        return hits[0] if hits and hits[0].is_alert else None

    return screen


@ownership.command("blocked")
@_blocked_source_option
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1), help="Text only.")
@json_option
@click.pass_context
@handle_errors
def blocked_command(
    ctx: click.Context, blocked_sources: tuple[str, ...], limit: int, as_json: bool
) -> None:
    """Entities blocked, or possibly blocked, by the 50 percent rule though on no list.

    Example: sanctio ownership blocked --blocked-source ofac-sdn
    """
    exposure = _exposure(ctx, _current_entities(open_store(ctx)), blocked_sources)
    found = exposure.blocked()
    if as_json:
        echo_json(found)
        return
    blocked = sum(f["status"] == "blocked" for f in found)
    click.echo(f"{blocked} blocked, {len(found) - blocked} possibly blocked (percent unknown)")
    for item in found[:limit]:
        party = item["party"]
        click.echo(f"\n{party['caption']}  [{party['id']}]\n  {item['summary']}")
        for path in item["paths"]:
            click.echo(f"  path: {path['text']}")
    if len(found) > limit:
        click.echo(f"\n... and {len(found) - limit} more (--limit, or --json for all)")
