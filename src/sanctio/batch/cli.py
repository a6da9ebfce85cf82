"""``sanctio batch``: screen a customer file, a thin shell over :func:`screen_file`."""

from __future__ import annotations

from pathlib import Path

import click

from sanctio.batch.chunk import DEFAULT_LIMIT
from sanctio.batch.errors import BatchError, Interrupted
from sanctio.batch.output import output_format as output_format_of
from sanctio.batch.records import FORMATS, ColumnMapping, detect_format
from sanctio.batch.run import DEFAULT_CHUNK_SIZE, ENGINES, screen_file
from sanctio.cli import echo_json, handle_errors, json_option
from sanctio.errors import SanctioError

__all__ = ["batch"]

INTERRUPTED_EXIT_CODE = 130  # the shell's code for a Ctrl-C


def _identifier_columns(values: tuple[str, ...]) -> tuple[tuple[str, str | None], ...]:
    """``--identifier-col passport_no=passport`` or ``--identifier-col other_ref``."""
    pairs = []
    for value in values:
        column, _, kind = value.partition("=")
        if not column:
            raise BatchError(f"--identifier-col {value!r}: give COLUMN or COLUMN=TYPE")
        pairs.append((column, kind or None))
    return tuple(pairs)


@click.command("batch")
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True, path_type=Path))
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--mapping",
    "mapping_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Column mapping file (.toml or .json); the column options below override it.",
)
@click.option("--name-col", help="Column of the full name.")
@click.option("--first-name-col", help="Column of the first (given) name.")
@click.option("--middle-name-col", help="Column of the middle name(s).")
@click.option("--last-name-col", help="Column of the last (family) name.")
@click.option("--dob-col", help="Column of the birth (or incorporation) date.")
@click.option("--country-col", multiple=True, help="Country column (repeatable).")
@click.option("--country-sep", help="Separator of several countries in one cell [;].")
@click.option("--id-col", help="Column of the customer id (default: the row number).")
@click.option("--type-col", help="Column of the party type (Person, Organization ...).")
@click.option("--gender-col", help="Column of the gender.")
@click.option(
    "--identifier-col",
    multiple=True,
    help="Identifier column, COLUMN=TYPE (passport, tax_id, imo ...) or COLUMN (repeatable).",
)
@click.option("--schema", "default_type", help="Party type of rows without one (Person ...).")
@click.option("--format", "input_format", type=click.Choice(FORMATS), help="Input format.")
@click.option("--output-format", type=click.Choice(FORMATS), help="Output format.")
@click.option("--encoding", default="utf-8", show_default=True, help="Text input encoding.")
@click.option("--delimiter", help="CSV delimiter (default: comma; tab for .tsv).")
@click.option("--threshold", type=click.FloatRange(0, 1), help="Alert threshold (default 0.8).")
@click.option("--limit", default=DEFAULT_LIMIT, show_default=True, type=click.IntRange(1, 1000))
@click.option("--near-misses", is_flag=True, help="Also write hits below the threshold.")
@click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True)
@click.option("--workers", type=click.IntRange(1), help="Local worker processes [every core].")
@click.option(
    "--chunk-size",
    default=DEFAULT_CHUNK_SIZE,
    show_default=True,
    type=click.IntRange(1),
    help="Rows per chunk (the checkpoint step).",
)
@click.option("--restart", is_flag=True, help="Discard an unfinished run's checkpoint.")
@click.option("--spark-master", help="Spark master URL (default: spark-submit's, or local).")
@click.option("--progress/--no-progress", default=None, help="Progress bar [on a terminal].")
@json_option
@click.pass_context
@handle_errors
def batch(
    ctx: click.Context,
    input_path: Path,
    output: Path,
    mapping_file: Path | None,
    name_col: str | None,
    first_name_col: str | None,
    middle_name_col: str | None,
    last_name_col: str | None,
    dob_col: str | None,
    country_col: tuple[str, ...],
    country_sep: str | None,
    id_col: str | None,
    type_col: str | None,
    gender_col: str | None,
    identifier_col: tuple[str, ...],
    default_type: str | None,
    input_format: str | None,
    output_format: str | None,
    encoding: str,
    delimiter: str | None,
    threshold: float | None,
    limit: int,
    near_misses: bool,
    engine: str,
    workers: int | None,
    chunk_size: int,
    restart: bool,
    spark_master: str | None,
    progress: bool | None,
    as_json: bool,
) -> None:
    """Screen every row of a customer file (CSV, JSON lines or Parquet) against the
    current lists in the store.

    Writes one row per hit to OUTPUT (format by extension, or --output-format), the rows
    that could not be screened to OUTPUT's name with .errors, and a summary to .summary.json.
    Without column options or --mapping, columns named name, first_name, last_name,
    birth_date, country, id, schema, gender are used. An interrupted run continues where
    it stopped when the same command is run again.

    Example: sanctio batch customers.csv hits.csv --name-col full_name --dob-col dob
    """
    from sanctio.screener import Screener

    changes = {
        "name": name_col,
        "first_name": first_name_col,
        "middle_name": middle_name_col,
        "last_name": last_name_col,
        "dob": dob_col,
        "country": country_col,
        "country_separator": country_sep,
        "id": id_col,
        "type": type_col,
        "gender": gender_col,
        "identifiers": _identifier_columns(identifier_col),
        "default_type": default_type,
    }
    detect_format(input_path, input_format)
    output_format_of(output, output_format)
    mapping: ColumnMapping | None = None
    if mapping_file is not None:
        mapping = ColumnMapping.from_file(mapping_file).updated(**changes)
    elif any(value for value in changes.values()):
        mapping = ColumnMapping.from_dict({k: v for k, v in changes.items() if v})
    screener = Screener.from_store(ctx.obj)
    if not screener.entities:
        raise SanctioError("no lists imported yet: run `sanctio update` first")
    try:
        summary = screen_file(
            input_path,
            output,
            mapping,
            screener=screener,
            format=input_format,
            output_format_name=output_format,
            encoding=encoding,
            delimiter=delimiter,
            threshold=threshold,
            limit=limit,
            near_misses=near_misses,
            engine=engine,
            workers=workers,
            chunk_size=chunk_size,
            restart=restart,
            progress=progress,
            spark_master=spark_master,
        )
    except Interrupted as stop:
        click.echo(str(stop), err=True)
        raise click.exceptions.Exit(INTERRUPTED_EXIT_CODE) from None
    if as_json:
        echo_json(summary.to_dict())
    else:
        for line in summary.lines():
            click.echo(line)
