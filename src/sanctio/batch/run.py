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


@dataclass(frozen=True, slots=True)
class _Counts:
    rows: int
    alert_rows: int
    hits: int
    errors: int
    resumed_from_row: int = 0


def _is_uri(path: Path | str) -> bool:
    """A location only Spark reaches (``s3a://``, ``hdfs://`` ...), not a local path."""
    return "://" in str(path) and not str(path).startswith("file://")


def _sibling(output: str, label: str, suffix: str | None = None) -> str:
    """:func:`sibling_path` for a local path or a URI (kept as text: Path mangles ``//``)."""
    if not _is_uri(output):
        return str(sibling_path(Path(output), label, suffix))
    folder, _, name = output.rpartition("/")
    stem, dot, extension = name.rpartition(".")
    stem, extension = (stem, f".{extension}") if dot else (name, "")
    return f"{folder}/{stem}.{label}{extension if suffix is None else suffix}"


def _check_local_input(
    input: Path,
    output: Path,
    mapping: ColumnMapping | None,
    in_format: str,
    encoding: str,
    delimiter: str | None,
) -> ColumnMapping:
    """The input exists, the output can be written beside it, and the mapping fits the
    input's columns (derived from them when not given)."""
    if not input.exists():
        raise BatchError(f"{input}: no such file")
    if output.resolve() == input.resolve():
        raise BatchError(f"{output}: the output would overwrite the input")
    if not output.parent.is_dir():
        raise BatchError(f"{output.parent}: no such folder for the output")
    if input.is_dir():
        if mapping is None:
            raise BatchError(f"{input}: a folder input needs a column mapping")
        return mapping
    columns = file_columns(input, in_format, encoding=encoding, delimiter=delimiter)
    mapping = mapping or ColumnMapping.from_columns(columns)
    # JSON lines may leave out keys; one mapped column in the first object is enough.
    if in_format != "jsonl" or not set(mapping.columns) & set(columns):
        mapping.check_columns(columns, where=str(input))
    return mapping


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
    (a local path or a URI such as ``s3a://``; folders out) and is rerun whole.

    Example: ``screen_file("customers.csv", "hits.csv", ColumnMapping(name="full_name"),
    screener=Screener.from_store())``
    """
    started, clock = _now(), time.monotonic()
    if engine not in ENGINES:
        raise BatchError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    in_format = detect_format(input, format)
    out_format = output_format(output, output_format_name)
    if engine == "spark" and (in_format, out_format) != ("parquet", "parquet"):
        raise BatchError("the Spark engine reads and writes Parquet (.parquet)")
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit: must be from 1 to {MAX_LIMIT}, not {limit}")
    if chunk_size < 1:
        raise BatchError(f"chunk size: must be at least 1, not {chunk_size}")
    cutoff = screener.threshold if threshold is None else check_threshold(threshold)
    remote = engine == "spark" and (_is_uri(input) or _is_uri(output))
    if remote:
        if mapping is None:
            raise BatchError(f"{input}: an input Spark reads by URI needs a column mapping")
        sha256, approximate_rows = "", None
    else:
        input, output = Path(input), Path(output)
        mapping = _check_local_input(input, output, mapping, in_format, encoding, delimiter)
        sha256, approximate_rows = _input_facts(input, in_format)
    options = ScreenOptions(threshold=cutoff, limit=limit, near_misses=near_misses)
    errors_file = _sibling(str(output), "errors")
    lists = lists_fingerprint(screener)

    if engine == "spark":
        from sanctio.batch.spark import run_spark

        found = run_spark(
            screener,
            str(input),
            str(output),
            errors_file,
            mapping,
            options,
            lists_key=hashlib.sha256(orjson.dumps(lists)).hexdigest(),
            spark=spark,
            master=spark_master,
        )
        counts = _Counts(found.rows, found.alert_rows, found.hits, found.errors)
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
        counts = _run_locally(
            screener,
            Path(input),
            Path(output),
            Path(errors_file),
            mapping,
            options,
            fingerprint=fingerprint,
            read_options={"format": in_format, "encoding": encoding, "delimiter": delimiter},
            out_format=out_format,
            workers=workers or default_workers(),
            chunk_size=chunk_size,
            restart=restart,
            progress=sys.stderr.isatty() if progress is None else progress,
            total=approximate_rows,
        )

    seconds = time.monotonic() - clock
    summary_file = "" if remote else _sibling(str(output), "summary", ".json")
    summary = BatchSummary(
        input=str(input),
        input_sha256=sha256,
        output=str(output),
        errors_file=errors_file,
        summary_file=summary_file,
        engine=engine,
        rows=counts.rows,
        alert_rows=counts.alert_rows,
        hits=counts.hits,
        errors=counts.errors,
        seconds=round(seconds, 3),
        rows_per_second=round((counts.rows - counts.resumed_from_row) / seconds, 1)
        if seconds
        else 0.0,
        resumed_from_row=counts.resumed_from_row,
        started_at=started,
        finished_at=_now(),
        threshold=cutoff,
        limit=limit,
        near_misses=near_misses,
        mapping=mapping.to_dict(),
        lists=lists,
    )
    if summary_file:
        atomic_write_bytes(
            Path(summary_file), orjson.dumps(summary.to_dict(), option=orjson.OPT_INDENT_2)
        )
    return summary


def _run_locally(
    screener: Screener,
    input: Path,
    output: Path,
    errors_file: Path,
    mapping: ColumnMapping,
    options: ScreenOptions,
    *,
    fingerprint: dict[str, Any],
    read_options: dict[str, Any],
    out_format: str,
    workers: int,
    chunk_size: int,
    restart: bool,
    progress: bool,
    total: int | None,
) -> _Counts:
    """The local engine: resume from the checkpoint, screen the rest, then write the
    outputs from the saved chunks and drop the checkpoint."""
    checkpoint = Checkpoint.open(
        output.with_name(f"{output.name}.checkpoint"), fingerprint, restart=restart
    )
    resumed = checkpoint.rows_done
    _screen_locally(
        screener,
        read_rows(input, mapping, start_row=resumed, **read_options),
        checkpoint,
        options,
        workers=workers,
        chunk_size=chunk_size,
        progress=progress,
        total=total,
    )
    rows = alert_rows = 0
    with (
        RowWriter(output, out_format, HIT_SCHEMA) as hit_writer,
        RowWriter(errors_file, out_format, ERROR_SCHEMA) as error_writer,
    ):
        for result in checkpoint.results():
            rows += result.rows
            alert_rows += result.alert_rows
            hit_writer.write(h.to_dict() for h in result.hits)
            error_writer.write(e.to_dict() for e in result.errors)
    checkpoint.remove()
    return _Counts(rows, alert_rows, hit_writer.count, error_writer.count, resumed)


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
