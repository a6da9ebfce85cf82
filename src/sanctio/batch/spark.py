"""The Spark engine: the same chunk function on Apache Spark, through ``mapInPandas``.

The driver reads the Parquet input, numbers its rows (a first pass counts the rows of
each partition; a partition's rows are then numbered from its offset, so row numbers are
the file order, as the local engine's) and broadcasts the listed entities once. Each
executor's Python worker builds the Screener from the broadcast the first time it needs
it and keeps it for every later task (Spark reuses Python workers). Every Arrow batch
becomes :class:`InputRow` objects through the same column mapping, is screened by
:func:`screen_chunk`, and comes back as hit and error rows; they are staged once, then
written as two Parquet folders (rows in input order within each part file, the part files
in no set order: sort by ``row_number`` where order matters). pyspark is imported only
here.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from sanctio.batch.chunk import ChunkResult, ScreenOptions
from sanctio.batch.errors import BatchError
from sanctio.batch.frame import rows_from_frame
from sanctio.batch.output import ERROR_SCHEMA, HIT_SCHEMA
from sanctio.batch.records import ColumnMapping
from sanctio.model import Entity
from sanctio.screener import Screener
from sanctio.store import ListVersion

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.broadcast import Broadcast
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["SparkCounts", "run_spark", "spark_session"]

PARTITION_COLUMN = "__sanctio_partition"
KIND_COLUMN = "kind"
_SPARK_TYPES = {
    pa.string(): "string",
    pa.int64(): "bigint",
    pa.float64(): "double",
    pa.bool_(): "boolean",
}
RESULT_SCHEMA = pa.schema(
    [pa.field(KIND_COLUMN, pa.string())]
    + list(HIT_SCHEMA)
    + [f for f in ERROR_SCHEMA if f.name not in HIT_SCHEMA.names]
)
RESULT_DDL = ", ".join(f"{f.name} {_SPARK_TYPES[f.type]}" for f in RESULT_SCHEMA)


@dataclass(frozen=True, slots=True)
class ListsPayload:
    """What the executors need to build the driver's Screener: broadcast once."""

    entities: Sequence[Entity]
    versions: Sequence[ListVersion]
    threshold: float


@dataclass(frozen=True, slots=True)
class SparkCounts:
    """What a Spark run found."""

    rows: int
    alert_rows: int
    hits: int
    errors: int


def spark_session(master: str | None = None, config: dict[str, str] | None = None) -> SparkSession:
    """The active Spark session, else a new one (``master`` such as ``local[2]``, or the
    one spark-submit gives, with extra ``config``). Local masters run this same Python
    for the workers."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise BatchError("the Spark engine needs pyspark: pip install 'sanctio[spark]'") from None
    active = SparkSession.getActiveSession()
    if active is not None and master is None:
        return active
    builder = SparkSession.builder.appName("sanctio batch")
    if master:
        builder = builder.master(master)
    for key, value in (config or {}).items():
        builder = builder.config(key, value)
    if master is None or master.startswith("local"):
        # Local Python workers run this interpreter (which has sanctio), not any python3.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return builder.getOrCreate()


# One Screener per executor Python worker, reused by every task that worker runs.
_executor_screeners: dict[str, Screener] = {}


def _executor_screener(lists: Broadcast[ListsPayload], key: str) -> Screener:
    screener = _executor_screeners.get(key)
    if screener is None:
        payload = lists.value
        _executor_screeners.clear()
        screener = _executor_screeners[key] = Screener(
            payload.entities,
            versions=payload.versions,
            threshold=payload.threshold,
        )
    return screener


def _result_frame(result: ChunkResult) -> pd.DataFrame:
    records = [{KIND_COLUMN: "hit", **h.to_dict()} for h in result.hits]
    records += [{KIND_COLUMN: "error", **e.to_dict()} for e in result.errors]
    return pa.Table.from_pylist(records, schema=RESULT_SCHEMA).to_pandas()


def _screen_partition(
    batches: Iterator[pd.DataFrame],
    *,
    lists: Broadcast[ListsPayload],
    key: str,
    mapping: ColumnMapping,
    offsets: dict[int, int],
    options: ScreenOptions,
) -> Iterator[pd.DataFrame]:
    """mapInPandas function: one partition's batches in, hit and error rows out."""
    screener = _executor_screener(lists, key)
    next_row: int | None = None
    for frame in batches:
        if frame.empty:
            continue
        if next_row is None:
            next_row = offsets[int(frame[PARTITION_COLUMN].iloc[0])] + 1
        rows = rows_from_frame(frame, mapping, first_row=next_row)
        next_row += len(frame)
        yield _result_frame(options.screen(screener, rows))


def _is_local(path: str) -> bool:
    return "://" not in path or path.startswith("file://")


def _write_parquet(frame: DataFrame, destination: str) -> None:
    """Write a Parquet folder; a local one appears only when complete (temp + rename)."""
    if not _is_local(destination):
        frame.write.mode("errorifexists").parquet(destination)
        return
    final = Path(destination.removeprefix("file://"))
    temporary = final.with_name(f".{final.name}.tmp-{os.getpid()}")
    shutil.rmtree(temporary, ignore_errors=True)
    frame.write.parquet(str(temporary))
    if final.is_dir():
        old = final.with_name(f".{final.name}.old-{os.getpid()}")
        os.replace(final, old)
        os.replace(temporary, final)
        shutil.rmtree(old, ignore_errors=True)
    else:
        if final.exists():
            final.unlink()
        os.replace(temporary, final)


def run_spark(
    screener: Screener,
    input: str,
    output: str,
    errors_output: str,
    mapping: ColumnMapping,
    options: ScreenOptions,
    *,
    lists_key: str,
    spark: SparkSession | None = None,
    master: str | None = None,
) -> SparkCounts:
    """Screen a Parquet input (file or folder) on Spark into Parquet hit and error
    folders. ``lists_key`` identifies the screener's lists (executors cache by it)."""
    from pyspark.errors import AnalysisException
    from pyspark.sql import functions as F

    session = spark or spark_session(master)
    try:
        source = session.read.parquet(input)
    except AnalysisException as exc:
        raise BatchError(f"{input}: cannot read as Parquet: {exc}") from None
    mapping.check_columns(source.columns, where=input)
    selected = source.select(*[F.col(f"`{c}`") for c in mapping.columns]).withColumn(
        PARTITION_COLUMN, F.spark_partition_id()
    )
    counts = dict(selected.groupBy(PARTITION_COLUMN).count().collect())
    offsets, total = {}, 0
    for partition in sorted(counts):
        offsets[partition] = total
        total += counts[partition]
    payload = ListsPayload(
        entities=list(screener.entities),
        versions=list(screener.versions),
        threshold=screener.threshold,
    )
    lists = session.sparkContext.broadcast(payload)
    screen: Any = functools.partial(
        _screen_partition,
        lists=lists,
        key=lists_key,
        mapping=mapping,
        offsets=offsets,
        options=options,
    )
    staging = f"{output}.staging-{os.getpid()}"
    try:
        selected.mapInPandas(screen, RESULT_DDL).write.mode("overwrite").parquet(staging)
        staged = session.read.parquet(staging)
        hits = staged.where(F.col(KIND_COLUMN) == "hit")
        errors = staged.where(F.col(KIND_COLUMN) == "error")
        _write_parquet(hits.select(*HIT_SCHEMA.names), output)
        _write_parquet(errors.select(*ERROR_SCHEMA.names), errors_output)
        found = staged.agg(
            F.sum((F.col(KIND_COLUMN) == "hit").cast("long")).alias("hits"),
            F.sum((F.col(KIND_COLUMN) == "error").cast("long")).alias("errors"),
            F.countDistinct(F.when(F.col("is_alert"), F.col("row_number"))).alias("alerts"),
        ).first()
    finally:
        lists.unpersist()
        if _is_local(staging):
            shutil.rmtree(staging.removeprefix("file://"), ignore_errors=True)
    return SparkCounts(
        rows=total,
        alert_rows=int(found["alerts"] or 0),
        hits=int(found["hits"] or 0),
        errors=int(found["errors"] or 0),
    )
