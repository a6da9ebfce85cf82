"""The monitoring commands: ``sanctio customers``, ``alerts``, ``monitor`` and ``audit``.

A thin shell over :mod:`sanctio.monitor`: each command opens the case database, calls
one library function with the acting user (``--user``, else $SANCTIO_USER, else the
operating-system user) and prints the result as text or, with ``--json``, as JSON.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import Any

import click
import sqlalchemy as sa

from sanctio import audit
from sanctio.batch import ColumnMapping
from sanctio.batch.records import FORMATS
from sanctio.cli import default_home, echo_json, handle_errors, json_option, open_store
from sanctio.database import Database, database_url
from sanctio.monitor import alerts as alert_api
from sanctio.monitor import customers as customer_api
from sanctio.monitor.evidence import write_evidence
from sanctio.monitor.material import FIELD_LABELS
from sanctio.monitor.run import RunReport, run_monitor
from sanctio.monitor.settings import FOUR_EYES_CHOICES, load_settings, save_settings
from sanctio.monitor.status import monitor_status

__all__ = ["default_actor", "open_database", "register", "run_after_update"]


def default_actor() -> str:
    """$SANCTIO_USER, else the operating-system user."""
    if os.environ.get("SANCTIO_USER"):
        return os.environ["SANCTIO_USER"]
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no USER variable and no password entry (containers)
        return "unknown"


user_option = click.option(
    "--user",
    "actor",
    default=default_actor,
    show_default="$SANCTIO_USER, else the OS user",
    help="Who is acting: recorded in the audit trail.",
)


def open_database(ctx: click.Context) -> Database:
    """The case database of the chosen home folder (or $SANCTIO_DATABASE_URL)."""
    database = Database.for_home(ctx.obj or default_home())
    ctx.call_on_close(database.close)
    return database


# -- customers ---------------------------------------------------------------------------


@click.group()
def customers() -> None:
    """The customer register that monitoring screens."""


def _identifier_columns(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> tuple[tuple[str, str | None], ...]:
    pairs = []
    for value in values:
        column, _, kind = value.partition("=")
        if not column:
            raise click.BadParameter(f"{value!r}: use COLUMN or COLUMN=TYPE")
        pairs.append((column, kind or None))
    return tuple(pairs)


@customers.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--mapping",
    "mapping_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Column mapping file (.json or .toml); the options below override it.",
)
@click.option("--id-col", "id", help="Column of the customer id (default: id).")
@click.option("--name-col", "name", help="Column of the full name.")
@click.option("--first-name-col", "first_name", help="Column of the first name.")
@click.option("--middle-name-col", "middle_name", help="Column of the middle name.")
@click.option("--last-name-col", "last_name", help="Column of the last name.")
@click.option("--dob-col", "dob", help="Column of the birth date.")
@click.option("--country-col", "country", multiple=True, help="Column of countries (repeatable).")
@click.option("--type-col", "type", help="Column of the type (person, company, vessel ...).")
@click.option("--gender-col", "gender", help="Column of the gender.")
@click.option(
    "--identifier-col",
    "identifiers",
    multiple=True,
    callback=_identifier_columns,
    metavar="COLUMN[=TYPE]",
    help="Column of identifiers, with their type (passport, tax_id ...) (repeatable).",
)
@click.option("--default-type", help="Type of rows without one (Person, Organization ...).")
@click.option("--format", "file_format", type=click.Choice(FORMATS), help="Default: by extension.")
@click.option("--encoding", default="utf-8", show_default=True, help="CSV and JSON lines.")
@click.option("--delimiter", help="CSV delimiter (default: tab for .tsv, else comma).")
@click.option(
    "--skip-bad-rows",
    is_flag=True,
    help="Import the good rows and list the bad ones (default: a bad row stops the import).",
)
@user_option
@json_option
@click.pass_context
@handle_errors
def customers_import(
    ctx: click.Context,
    path: Path,
    mapping_file: Path | None,
    file_format: str | None,
    encoding: str,
    delimiter: str | None,
    skip_bad_rows: bool,
    actor: str,
    as_json: bool,
    **columns: Any,
) -> None:
    """Add customers from a file (CSV, JSON lines, Parquet) to the register, or update
    them: rows are matched by customer id, and every change is recorded.

    Example: sanctio customers import customers.csv --id-col id --name-col name --dob-col dob
    """
    base = ColumnMapping.from_file(mapping_file) if mapping_file else None
    if base is None:
        mapping = ColumnMapping(**{"id": "id", **{k: v for k, v in columns.items() if v}})
    else:
        mapping = base.updated(**columns)
    options = {"format": file_format, "encoding": encoding, "delimiter": delimiter}
    rows = customer_api.read_customer_file(path, mapping, **options)
    report = customer_api.import_customers(
        open_database(ctx), rows, actor, source=path.name, skip_invalid=skip_bad_rows
    )
    if as_json:
        echo_json(report.to_dict())
        return
    click.echo(
        f"{path.name}: {len(report.created)} new, {len(report.updated)} changed, "
        f"{report.unchanged} unchanged, {len(report.rejected)} rejected"
    )
    for row, customer_id, reason in report.rejected:
        click.echo(f"  row {row} ({customer_id or 'no id'}): {reason}", err=True)


@customers.command("list")
@click.option("--search", help="Only customers whose id or name contains this text.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1))
@click.option("--offset", default=0, type=click.IntRange(0))
@json_option
@click.pass_context
@handle_errors
def customers_list(
    ctx: click.Context, search: str | None, limit: int, offset: int, as_json: bool
) -> None:
    """Customers in the register, by id.

    Example: sanctio customers list --search smith
    """
    found = customer_api.list_customers(
        open_database(ctx), search=search, limit=limit, offset=offset
    )
    if as_json:
        echo_json([c.to_dict() for c in found])
        return
    for c in found:
        click.echo(f"{c.id:<20} {c.schema:<12} {c.name}")
    if not found:
        click.echo("no customers")


@customers.command("show")
@click.argument("customer_id")
@json_option
@click.pass_context
@handle_errors
def customers_show(ctx: click.Context, customer_id: str, as_json: bool) -> None:
    """One customer: its screening data and its alerts.

    Example: sanctio customers show C-1001
    """
    database = open_database(ctx)
    customer = customer_api.get_customer(database, customer_id)
    found = alert_api.list_alerts(database, customer_id=customer_id, limit=10_000)
    if as_json:
        echo_json({"customer": customer.to_dict(), "alerts": [a.to_dict() for a in found]})
        return
    record = customer.record
    click.echo(f"{customer.id}  {customer.name}  [{customer.schema}]")
    for label, values in (
        ("names", record["names"]),
        ("birth dates", record["birth_date"]),
        ("countries", [c.upper() for c in record["countries"]]),
        ("gender", [record["gender"]] if record["gender"] else []),
        ("identifiers", [f"{i['type']} {i['value']}" for i in record["identifiers"]]),
    ):
        if values:
            click.echo(f"  {label + ':':<13} {'; '.join(values)}")
    click.echo(f"  {'changed:':<13} {customer.updated_at}")
    click.echo(f"{len(found)} alert(s)")
    for alert in found:
        click.echo(_alert_line(alert))


# -- alerts ------------------------------------------------------------------------------


@click.group()
def alerts() -> None:
    """Review alerts: list, show, assign, comment, decide, confirm, reject, reopen."""


def _alert_line(alert: alert_api.Alert) -> str:
    state = alert.state + (f" ({alert.close_reason})" if alert.close_reason else "")
    if alert.proposed_decision:
        state += f", {alert.proposed_decision} proposed"
    return (
        f"{alert.id:>6}  {state:<22} {alert.score:.2f}  {alert.customer_id:<14} "
        f"{alert.entity_id:<22} {alert.caption}"
        + (f"  @{alert.assignee}" if alert.assignee else "")
    )


@alerts.command("list")
@click.option(
    "--state",
    "states",
    multiple=True,
    type=click.Choice(alert_api.STATES),
    help="Only this state (repeatable).",
)
@click.option("--customer", "customer_id", help="Only this customer's alerts.")
@click.option("--entity", "entity_id", help="Only alerts on this listed entity.")
@click.option("--source", help="Only alerts on this list (ofac-sdn, un ...).")
@click.option("--program", help="Only alerts on entities listed under this programme.")
@click.option("--assignee", help="Only alerts assigned to this user.")
@click.option("--min-score", type=click.FloatRange(0, 1), help="Only alerts scoring at least this.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1))
@click.option("--offset", default=0, type=click.IntRange(0))
@json_option
@click.pass_context
@handle_errors
def alerts_list(ctx: click.Context, as_json: bool, limit: int, offset: int, **filters: Any) -> None:
    """Alerts, highest score first.

    Example: sanctio alerts list --state open --state in_review
    """
    database = open_database(ctx)
    filters["states"] = filters["states"] or None
    found = alert_api.list_alerts(database, limit=limit, offset=offset, **filters)
    if as_json:
        echo_json(
            {
                "total": alert_api.count_alerts(database, **filters),
                "alerts": [a.to_dict() for a in found],
            }
        )
        return
    for alert in found:
        click.echo(_alert_line(alert))
    if not found:
        click.echo("no alerts")


@alerts.command("show")
@click.argument("alert_id", type=int)
@json_option
@click.pass_context
@handle_errors
def alerts_show(ctx: click.Context, alert_id: int, as_json: bool) -> None:
    """One alert: customer and listed data side by side, the explanation, the history.

    Example: sanctio alerts show 42
    """
    database = open_database(ctx)
    alert = alert_api.get_alert(database, alert_id)
    history = alert_api.alert_history(database, alert_id)
    if as_json:
        echo_json({"alert": alert.to_dict(), "history": [r.to_dict() for r in history]})
        return
    click.echo(_alert_line(alert))
    click.echo(f"  list version: {alert.source} v{alert.list_version}, as of {alert.list_as_of}")
    click.echo(f"  programmes:   {', '.join(alert.programs) or '-'}")
    click.echo(f"  why:          {alert.explanation['summary']}")
    click.echo(f"  {'':<14}{'customer':<40} listed entity")
    for key, label in FIELD_LABELS.items():
        ours = "; ".join(alert.customer_data.get(key, [])) or "-"
        theirs = "; ".join(alert.entity_data.get(key, [])) or "-"
        click.echo(f"  {label + ':':<14}{ours:<40} {theirs}")
    if alert.decided_by:
        confirmed = f", confirmed by {alert.confirmed_by}" if alert.confirmed_by else ""
        click.echo(f"  decided:      by {alert.decided_by}{confirmed}: {alert.decision_reason}")
    if alert.proposed_decision:
        click.echo(
            f"  awaiting:     {alert.proposed_decision} proposed by {alert.proposed_by} "
            f"({alert.proposed_reason}); a second reviewer must confirm"
        )
    click.echo("history:")
    for record in history:
        detail = record.payload.get("reason") or record.payload.get("comment") or ""
        changes = "; ".join(record.payload.get("changes") or [])
        click.echo(
            f"  {record.at}  {record.actor:<12} {record.action:<16} {detail} {changes}".rstrip()
        )


def _print_alert(alert: alert_api.Alert, as_json: bool) -> None:
    if as_json:
        echo_json(alert.to_dict())
    else:
        click.echo(_alert_line(alert))


@alerts.command("assign")
@click.argument("alert_id", type=int)
@click.argument("assignee", required=False)
@user_option
@json_option
@click.pass_context
@handle_errors
def alerts_assign(
    ctx: click.Context, alert_id: int, assignee: str | None, actor: str, as_json: bool
) -> None:
    """Assign an alert to a reviewer (without ASSIGNEE: unassign it).

    Example: sanctio alerts assign 42 alice
    """
    _print_alert(alert_api.assign(open_database(ctx), alert_id, assignee, actor), as_json)


@alerts.command("comment")
@click.argument("alert_id", type=int)
@click.argument("text")
@user_option
@json_option
@click.pass_context
@handle_errors
def alerts_comment(ctx: click.Context, alert_id: int, text: str, actor: str, as_json: bool) -> None:
    """Add a comment to an alert's history.

    Example: sanctio alerts comment 42 "asked the branch for a passport copy"
    """
    _print_alert(alert_api.comment(open_database(ctx), alert_id, text, actor), as_json)


@alerts.command("decide")
@click.argument("alert_id", type=int)
@click.argument("decision", type=click.Choice(alert_api.DECISIONS))
@click.option("--reason", required=True, help="Why: recorded in the audit trail.")
@user_option
@json_option
@click.pass_context
@handle_errors
def alerts_decide(
    ctx: click.Context, alert_id: int, decision: str, reason: str, actor: str, as_json: bool
) -> None:
    """Decide an alert: false_positive, true_match or escalated.

    A true match (and a false positive, when the four-eyes setting says so) only takes
    effect once a second, different user confirms it with `sanctio alerts confirm`.

    Example: sanctio alerts decide 42 false_positive --reason "born 1990, listed person 1971"
    """
    _print_alert(alert_api.decide(open_database(ctx), alert_id, decision, reason, actor), as_json)


@alerts.command("confirm")
@click.argument("alert_id", type=int)
@click.option("--reason", help="The confirming reviewer's note.")
@user_option
@json_option
@click.pass_context
@handle_errors
def alerts_confirm(
    ctx: click.Context, alert_id: int, reason: str | None, actor: str, as_json: bool
) -> None:
    """Confirm the decision proposed on an alert, as a second, different reviewer.

    Example: sanctio alerts confirm 42 --user bob
    """
    _print_alert(alert_api.confirm(open_database(ctx), alert_id, actor, reason), as_json)


@alerts.command("reject")
@click.argument("alert_id", type=int)
@click.option("--reason", required=True, help="Why the proposed decision is turned down.")
@user_option
@json_option
@click.pass_context
@handle_errors
def alerts_reject(
    ctx: click.Context, alert_id: int, reason: str, actor: str, as_json: bool
) -> None:
    """Turn down the decision proposed on an alert; it stays in review.

    Example: sanctio alerts reject 42 --reason "the passport numbers differ"
    """
    _print_alert(alert_api.reject(open_database(ctx), alert_id, reason, actor), as_json)


@alerts.command("reopen")
@click.argument("alert_id", type=int)
@click.option("--reason", required=True, help="Why the alert is looked at again.")
@user_option
@json_option
@click.pass_context
@handle_errors
def alerts_reopen(
    ctx: click.Context, alert_id: int, reason: str, actor: str, as_json: bool
) -> None:
    """Send a decided or closed alert back to open.

    Example: sanctio alerts reopen 42 --reason "new adverse media"
    """
    _print_alert(alert_api.reopen(open_database(ctx), alert_id, reason, actor), as_json)


# -- monitor -----------------------------------------------------------------------------


@click.group()
def monitor() -> None:
    """Ongoing monitoring: re-screen customers when the lists change."""


def _print_run(report: RunReport, as_json: bool) -> None:
    if as_json:
        echo_json(report.to_dict())
        return
    counts = report.counts
    versions = ", ".join(f"{s} v{v}" for s, v in sorted(report.versions.items()))
    click.echo(f"monitor run {report.run_id} against {versions}: {report.seconds:.1f} s")
    click.echo(
        f"  customers: {counts.get('customers_full', 0)} screened in full, "
        f"{counts.get('customers_delta', 0)} against the list changes, "
        f"{counts.get('customers_up_to_date', 0)} already up to date"
        + (
            f", {counts['customers_skipped']} skipped (changed meanwhile)"
            if counts.get("customers_skipped")
            else ""
        )
    )
    click.echo(
        f"  alerts: {counts.get('alerts_created', 0)} new, "
        f"{counts.get('alerts_reopened', 0)} re-opened, "
        f"{counts.get('alerts_updated', 0)} updated, "
        f"{counts.get('closed_delisted', 0)} closed as delisted, "
        f"{counts.get('closed_no_longer_matching', 0)} closed as no longer matching, "
        f"{counts.get('suppressed', 0)} suppressed as known false positives"
    )


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        click.echo(f"\rscreened {done:,} of {total:,} customers", err=True, nl=done >= total)


@monitor.command("run")
@click.option("--full", is_flag=True, help="Screen every customer against every current entity.")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes screening at once (each forked from the one that builds the index).",
)
@user_option
@json_option
@click.pass_context
@handle_errors
def monitor_run(ctx: click.Context, full: bool, workers: int, actor: str, as_json: bool) -> None:
    """Screen the customers that the list changes (or their own changes) concern.

    Customers already screened against the current list versions are skipped; the rest
    are screened against the entities added or changed since (new or changed customers
    against everything). Safe to interrupt and run again.

    Example: sanctio monitor run
    """
    report = run_monitor(
        open_database(ctx), open_store(ctx), actor, full=full, workers=workers, progress=_progress
    )
    _print_run(report, as_json)


@monitor.command("status")
@json_option
@click.pass_context
@handle_errors
def monitor_status_command(ctx: click.Context, as_json: bool) -> None:
    """Settings, how many customers are up to date, alerts by state, the last runs.

    Example: sanctio monitor status --json
    """
    status = monitor_status(open_database(ctx), open_store(ctx))
    if as_json:
        echo_json(status)
        return
    s = status["settings"]
    click.echo(
        f"settings: after update {'on' if s['after_update'] else 'off'}, "
        f"threshold {s['threshold']}, "
        f"four-eyes for {', '.join(s['four_eyes'])}"
    )
    c = status["customers"]
    click.echo(
        f"customers: {c['total']} ({c['up_to_date']} up to date, {c['to_screen']} to screen)"
    )
    click.echo("alerts: " + (", ".join(f"{k} {v}" for k, v in status["alerts"].items()) or "none"))
    for run in status["runs"]:
        click.echo(f"run {run['id']}: {run['status']}, {run['started_at']} by {run['actor']}")


@monitor.command("settings")
@click.option(
    "--after-update/--no-after-update", default=None, help="Run monitoring after `sanctio update`."
)
@click.option("--threshold", type=click.FloatRange(0, 1), help="Alert threshold for monitoring.")
@click.option(
    "--four-eyes",
    multiple=True,
    type=click.Choice(FOUR_EYES_CHOICES),
    help="A decision that needs a second reviewer (repeatable; true_match always does).",
)
@user_option
@json_option
@click.pass_context
@handle_errors
def monitor_settings(
    ctx: click.Context,
    after_update: bool | None,
    threshold: float | None,
    four_eyes: tuple[str, ...],
    actor: str,
    as_json: bool,
) -> None:
    """Show the monitoring settings, or change those given.

    Example: sanctio monitor settings --after-update --four-eyes false_positive
    """
    database = open_database(ctx)
    changes: dict[str, Any] = {}
    if after_update is not None:
        changes["after_update"] = after_update
    if threshold is not None:
        changes["threshold"] = threshold
    if four_eyes:
        changes["four_eyes"] = four_eyes
    settings = save_settings(database, actor, **changes) if changes else load_settings(database)
    if as_json:
        echo_json(settings.to_dict())
        return
    for key, value in settings.to_dict().items():
        click.echo(f"{key}: {value}")


def run_after_update(ctx: click.Context) -> None:
    """After `sanctio update`: run monitoring if the ``after_update`` setting is on.

    A home without a case database (and no $SANCTIO_DATABASE_URL) has nothing to
    monitor, and is left without one.
    """
    url = sa.make_url(database_url(ctx.obj or default_home()))
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").is_file():
        return
    database = open_database(ctx)
    if not load_settings(database).after_update:
        return
    click.echo("monitoring: screening customers against the new list versions", err=True)
    report = run_monitor(database, open_store(ctx), default_actor(), progress=_progress)
    _print_run(report, as_json=False)


# -- audit -------------------------------------------------------------------------------


@click.group("audit")
def audit_group() -> None:
    """The tamper-evident audit trail: verify it, export a customer's evidence."""


def _anchor(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> tuple[int, str] | None:
    if value is None:
        return None
    seq, _, digest = value.partition(":")
    if not seq.isdigit() or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise click.BadParameter("use SEQ:HASH as printed by `sanctio audit verify`")
    return int(seq), digest


@audit_group.command("verify")
@click.option(
    "--anchor",
    callback=_anchor,
    metavar="SEQ:HASH",
    help="A head printed earlier and kept elsewhere: it must still be in the chain.",
)
@json_option
@click.pass_context
@handle_errors
def audit_verify(ctx: click.Context, anchor: tuple[int, str] | None, as_json: bool) -> None:
    """Check the whole audit trail; exit 1 if any record was edited, moved or removed.

    Keep the printed head (SEQ:HASH) outside the database and pass it back with
    --anchor next time: that also catches records deleted from the end.

    Example: sanctio audit verify --anchor "$(cat audit-head.txt)"
    """
    with open_database(ctx).read() as connection:
        result = audit.verify(connection, anchor=anchor)
    if as_json:
        echo_json(result.to_dict())
    elif result.ok:
        click.echo(
            f"audit trail intact: {result.records} records; "
            f"head {result.head_seq}:{result.head_hash}"
        )
    else:
        click.echo(f"audit trail BROKEN at record {result.broken_seq}: {result.problem}", err=True)
        click.echo(f"intact up to {result.head_seq}:{result.head_hash}", err=True)
    if not result.ok:
        raise click.exceptions.Exit(1)


@audit_group.command("export")
@click.argument("customer_id")
@click.option(
    "--out",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder to write evidence-<customer>.html and .json into.",
)
@user_option
@click.pass_context
@handle_errors
def audit_export(ctx: click.Context, customer_id: str, folder: Path, actor: str) -> None:
    """Write a customer's evidence report (HTML to print, and JSON): what was screened,
    when, against which list versions, what was found, who decided what and why.

    Example: sanctio audit export C-1001 --out evidence/
    """
    html_path, json_path = write_evidence(open_database(ctx), customer_id, folder, actor)
    click.echo(f"wrote {html_path} and {json_path}")


def register(main: click.Group) -> None:
    """Add the monitoring command groups to the `sanctio` command."""
    for group in (customers, alerts, monitor, audit_group):
        main.add_command(group)
