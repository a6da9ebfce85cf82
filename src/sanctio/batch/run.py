"""``screen_file``: one batch run, from an input file to the hit file, the error file and
the summary beside it, on the local engine (resumable) or on Spark.
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from sanctio.batch.checkpoint import Checkpoint
from sanctio.batch.chunk import DEFAULT_LIMIT, ScreenOptions
from sanctio.batch.errors import BatchError, Interrupted
from sanctio.batch.local import LocalEngine, default_workers
from sanctio.batch.output import (
    ERROR_SCHEMA,
    HIT_SCHEMA,
    RowWriter,
    atomic_write_bytes,
    output_format,
    sibling_path,
)
from sanctio.batch.records import ColumnMapping, InputRow, detect_format, file_columns, read_rows
from sanctio.errors import QueryError
from sanctio.matching.query import check_threshold
from sanctio.screener import MAX_LIMIT, Screener

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["DEFAULT_CHUNK_SIZE", "ENGINES", "BatchSummary", "lists_fingerprint", "screen_file"]

DEFAULT_CHUNK_SIZE = 500
ENGINES = ("local", "spark")


@dataclass(frozen=True)
class BatchSummary:
    """What a batch run did; written as JSON beside the output."""

    input: str
    input_sha256: str
    output: str
    errors_file: str
    summary_file: str
    engine: str
    rows: int
    alert_rows: int
    hits: int
    errors: int
    seconds: float
    rows_per_second: float
    resumed_from_row: int
    started_at: str
    finished_at: str
    threshold: float
    limit: int
    near_misses: bool
    mapping: dict[str, Any]
    lists: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)

    def lines(self) -> list[str]:
        """The summary as a few lines of text."""
        resumed = f", resumed after row {self.resumed_from_row:,}" if self.resumed_from_row else ""
        return [
            f"{self.rows:,} rows: {self.alert_rows:,} with alerts ({self.hits:,} hits), "
            f"{self.errors:,} in error",
            f"{self.seconds:,.1f} s, {self.rows_per_second:,.0f} rows/s "
            f"({self.engine} engine{resumed})",
            f"hits:    {self.output}",
            f"errors:  {self.errors_file}",
            f"summary: {self.summary_file}",
        ]


def lists_fingerprint(screener: Screener) -> list[dict[str, Any]]:
    """The lists a screener holds: each version (source, id, as-of date, content hash),
    or, for a screener built without versions, the count and hash of its entities."""
    if screener.versions:
        return [
            {"source": v.source, "version": v.id, "as_of": v.as_of, "content_hash": v.content_hash}
            for v in screener.versions
        ]
    digest = hashlib.sha256()
    for entity in sorted(screener.entities, key=lambda e: e.id):
        digest.update(entity.to_json())
    return [{"entities": len(screener.entities), "sha256": digest.hexdigest()}]


def _input_facts(path: Path, kind: str) -> tuple[str, int | None]:
    """The sha256 of an input (a file, or every file of a folder) and, where cheap, about
    how many data rows it has (lines of an uncompressed text file, Parquet row counts)."""
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    digest = hashlib.sha256()
    lines = 0
    for file in files:
        if path.is_dir():
            digest.update(str(file.relative_to(path)).encode() + b"\0")
        with file.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
                lines += block.count(b"\n")
    rows: int | None = None
    if kind == "parquet" and path.is_file():
        import pyarrow.parquet as pq

        try:
            rows = pq.ParquetFile(path).metadata.num_rows
        except (OSError, ValueError):
            rows = None
    elif kind != "parquet" and path.suffix.lower() != ".gz":
        rows = max(lines - (kind == "csv"), 0)
    return digest.hexdigest(), rows


def _chunks(rows: Iterator[InputRow], size: int) -> Iterator[list[InputRow]]:
    while chunk := list(itertools.islice(rows, size)):
        yield chunk


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


def screen_file(
    input: Path | str,
    output: Path | str,
    mapping: ColumnMapping | None = None,
    *,
    screener: Screener,
    format: str | None = None,
    output_format_name: str | None = None,
    encoding: str = "utf-8",
    delimiter: str | None = None,
    threshold: float | None = None,
    limit: int = DEFAULT_LIMIT,
    near_misses: bool = False,
    engine: str = "local",
    workers: int | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    restart: bool = False,
    progress: bool | None = None,
    spark: SparkSession | None = None,
    spark_master: str | None = None,
) -> BatchSummary:
    """Screen every row of a CSV, JSON lines or Parquet file against ``screener``.

    Writes one row per hit to ``output`` (CSV, JSON lines or Parquet, by extension or
    ``output_format_name``), the rows in error to ``<output stem>.errors.<ext>`` and the
    summary to ``<output stem>.summary.json``, each atomically. Without a ``mapping``, the
    columns named like record fields are used (``name``, ``birth_date`` ...).

    The local engine screens on ``workers`` processes (default: every core) and keeps a
    checkpoint beside the output (``<output>.checkpoint``): rerun after a kill or Ctrl-C,
    it continues after the last saved chunk; over a changed input or options it refuses
    (:class:`ResumeError`) unless ``restart``. The Spark engine reads and writes Parquet
    (a file or folder in, folders out) and is rerun whole.

    Example: ``screen_file("customers.csv", "hits.csv", ColumnMapping(name="full_name"),
    screener=Screener.from_store())``
    """
    started, clock = _now(), time.monotonic()
    input, output = Path(input), Path(output)
    if engine not in ENGINES:
        raise BatchError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    in_format = detect_format(input, format)
    out_format = output_format(output, output_format_name)
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit: must be from 1 to {MAX_LIMIT}, not {limit}")
    if chunk_size < 1:
        raise BatchError(f"chunk size: must be at least 1, not {chunk_size}")
    cutoff = screener.threshold if threshold is None else check_threshold(threshold)
    if not input.exists():
        raise BatchError(f"{input}: no such file")
    if output.resolve() == input.resolve():
        raise BatchError(f"{output}: the output would overwrite the input")
    if not output.parent.is_dir():
        raise BatchError(f"{output.parent}: no such folder for the output")
    if input.is_dir():
        if mapping is None:
            raise BatchError(f"{input}: a folder input needs a column mapping")
    else:
        columns = file_columns(input, in_format, encoding=encoding, delimiter=delimiter)
        mapping = mapping or ColumnMapping.from_columns(columns)
        # JSON lines may leave out keys; one mapped column in the first object is enough.
        if in_format != "jsonl" or not set(mapping.columns) & set(columns):
            mapping.check_columns(columns, where=str(input))
    options = ScreenOptions(threshold=cutoff, limit=limit, near_misses=near_misses)
    errors_file = sibling_path(output, "errors")
    summary_file = sibling_path(output, "summary", ".json")
    lists = lists_fingerprint(screener)
    sha256, approximate_rows = _input_facts(input, in_format)

    if engine == "spark":
        if in_format != "parquet" or out_format != "parquet":
            raise BatchError("the Spark engine reads and writes Parquet (.parquet)")
        from sanctio.batch.spark import run_spark

        counts = run_spark(
            screener,
            str(input),
            str(output),
            str(errors_file),
            mapping,
            options,
            lists_key=hashlib.sha256(orjson.dumps(lists)).hexdigest(),
            spark=spark,
            master=spark_master,
        )
        rows, alert_rows, hits, errors, resumed = (
            counts.rows,
            counts.alert_rows,
            counts.hits,
            counts.errors,
            0,
        )
    else:
        fingerprint = {
            "input": {"sha256": sha256, "format": in_format, "encoding": encoding},
            "options": {
                "mapping": mapping.to_dict(),
                "delimiter": delimiter,
                "threshold": cutoff,
                "limit": limit,
                "near_misses": near_misses,
                "output_format": out_format,
            },
            "lists": lists,
        }
        checkpoint = Checkpoint.open(
            output.with_name(f"{output.name}.checkpoint"), fingerprint, restart=restart
        )
        resumed = checkpoint.rows_done
        _screen_locally(
            screener,
            read_rows(
                input,
                mapping,
                format=in_format,
                start_row=resumed,
                encoding=encoding,
                delimiter=delimiter,
            ),
            checkpoint,
            options,
            workers=workers or default_workers(),
            chunk_size=chunk_size,
            progress=sys.stderr.isatty() if progress is None else progress,
            total=approximate_rows,
        )
        rows = alert_rows = hits = errors = 0
        with (
            RowWriter(output, out_format, HIT_SCHEMA) as hit_writer,
            RowWriter(errors_file, out_format, ERROR_SCHEMA) as error_writer,
        ):
            for result in checkpoint.results():
                rows += result.rows
                alert_rows += result.alert_rows
                hit_writer.write(h.to_dict() for h in result.hits)
                error_writer.write(e.to_dict() for e in result.errors)
            hits, errors = hit_writer.count, error_writer.count

    seconds = time.monotonic() - clock
    summary = BatchSummary(
        input=str(input),
        input_sha256=sha256,
        output=str(output),
        errors_file=str(errors_file),
        summary_file=str(summary_file),
        engine=engine,
        rows=rows,
        alert_rows=alert_rows,
        hits=hits,
        errors=errors,
        seconds=round(seconds, 3),
        rows_per_second=round((rows - resumed) / seconds, 1) if seconds else 0.0,
        resumed_from_row=resumed,
        started_at=started,
        finished_at=_now(),
        threshold=cutoff,
        limit=limit,
        near_misses=near_misses,
        mapping=mapping.to_dict(),
        lists=lists,
    )
    atomic_write_bytes(summary_file, orjson.dumps(summary.to_dict(), option=orjson.OPT_INDENT_2))
    if engine == "local":
        checkpoint.remove()
    return summary


def _screen_locally(
    screener: Screener,
    rows: Iterator[InputRow],
    checkpoint: Checkpoint,
    options: ScreenOptions,
    *,
    workers: int,
    chunk_size: int,
    progress: bool,
    total: int | None,
) -> None:
    """Screen the rows not yet in the checkpoint, saving each chunk's result in order."""
    from tqdm import tqdm

    with LocalEngine(screener, options, workers) as engine:
        bar = tqdm(
            total=total,
            initial=checkpoint.rows_done,
            unit=" rows",
            disable=not progress,
            dynamic_ncols=True,
            file=sys.stderr,
        )
        try:
            for chunk, result in engine.map(_chunks(rows, chunk_size)):
                checkpoint.save(result, chunk[0].row_number, chunk[-1].row_number)
                bar.update(result.rows)
        except KeyboardInterrupt:
            raise Interrupted(checkpoint.rows_done, checkpoint.folder) from None
        finally:
            bar.close()
