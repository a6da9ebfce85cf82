"""Writing result rows as CSV, JSON lines or Parquet, atomically.

A :class:`RowWriter` writes to a temporary file in the destination's folder and moves it
into place (``os.replace``) only when closed without an error: a reader sees the previous
file or the complete new one, never half a file.
"""

from __future__ import annotations

import csv
import dataclasses
import os
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from sanctio.batch.chunk import ErrorRow, HitRow
from sanctio.batch.errors import BatchError
from sanctio.batch.records import detect_format

__all__ = [
    "ERROR_SCHEMA",
    "HIT_SCHEMA",
    "RowWriter",
    "atomic_write_bytes",
    "output_format",
    "sibling_path",
]

_ARROW_TYPES = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
_PARQUET_ROW_GROUP = 50_000


def _schema(record_type: type) -> pa.Schema:
    """The Arrow schema of a row dataclass, from its field annotations."""
    return pa.schema(
        [pa.field(f.name, _ARROW_TYPES[str(f.type)]) for f in dataclasses.fields(record_type)]
    )


HIT_SCHEMA = _schema(HitRow)
ERROR_SCHEMA = _schema(ErrorRow)


def output_format(path: Path | str, format: str | None = None) -> str:
    """``csv``, ``jsonl`` or ``parquet`` for an output path (its extension) or as said."""
    if format is None and str(path).lower().endswith(".gz"):
        raise BatchError(f"{path}: compressed output is not written; drop the .gz")
    return detect_format(path, format)


def sibling_path(output: Path, label: str, suffix: str | None = None) -> Path:
    """A file beside ``output`` named after it: ``hits.csv`` -> ``hits.errors.csv``."""
    return output.with_name(f"{output.stem}.{label}{output.suffix if suffix is None else suffix}")


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.tmp-{os.getpid()}")


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write a whole file atomically (temporary file, fsync, rename)."""
    temporary = _temporary(path)
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise BatchError(f"cannot write {path}: {exc.strerror or exc}") from None


class RowWriter:
    """Rows (dicts keyed by the schema's columns) into one file, moved into place on a
    clean close; the temporary file is removed when the block raises."""

    def __init__(self, path: Path, format: str, schema: pa.Schema) -> None:
        self.path = path
        self.format = format
        self.schema = schema
        self.count = 0
        self._temporary = _temporary(path)
        self._pending: list[dict[str, Any]] = []
        self._parquet: pq.ParquetWriter | None = None
        self._handle: IO[Any] | None = None
        self._csv: Any = None
        try:
            if format == "parquet":
                self._parquet = pq.ParquetWriter(self._temporary, schema)
            elif format == "csv":
                self._handle = self._temporary.open("w", encoding="utf-8", newline="")
                self._csv = csv.writer(self._handle)
                self._csv.writerow(schema.names)
            else:
                self._handle = self._temporary.open("wb")
        except OSError as exc:
            raise BatchError(f"cannot write {path}: {exc.strerror or exc}") from None

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        """Append rows."""
        rows = list(rows)
        self.count += len(rows)
        if self._parquet is not None:
            self._pending += rows
            if len(self._pending) >= _PARQUET_ROW_GROUP:
                self._flush_parquet()
        elif self._csv is not None:
            names = self.schema.names
            self._csv.writerows([_csv_cell(row[name]) for name in names] for row in rows)
        elif self._handle is not None:
            self._handle.write(b"".join(orjson.dumps(row) + b"\n" for row in rows))

    def _flush_parquet(self) -> None:
        if self._pending and self._parquet is not None:
            self._parquet.write_table(pa.Table.from_pylist(self._pending, schema=self.schema))
            self._pending = []

    def __enter__(self) -> RowWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            if self._parquet is not None:
                if exc_type is None:
                    self._flush_parquet()
                self._parquet.close()
            if self._handle is not None:
                self._handle.flush()
                os.fsync(self._handle.fileno())
                self._handle.close()
            if exc_type is None:
                os.replace(self._temporary, self.path)
        except OSError as error:
            self._temporary.unlink(missing_ok=True)
            raise BatchError(f"cannot write {self.path}: {error.strerror or error}") from None
        finally:
            if exc_type is not None:
                self._temporary.unlink(missing_ok=True)


def _csv_cell(value: Any) -> Any:
    return str(value).lower() if isinstance(value, bool) else value
