"""pandas data frames in and out of the chunk function: :func:`screen_frame` for Python
users, and the conversions the Spark engine applies to each Arrow batch.

pandas is imported when these functions run, never by ``import sanctio``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from sanctio.batch.chunk import ChunkResult, ScreenOptions
from sanctio.batch.output import ERROR_SCHEMA, HIT_SCHEMA
from sanctio.batch.records import ColumnMapping, InputRow
from sanctio.screener import Screener

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FrameResult", "rows_from_frame", "screen_frame"]


@dataclass(frozen=True, slots=True)
class FrameResult:
    """What :func:`screen_frame` found: one row per hit, one per input row in error."""

    hits: pd.DataFrame
    errors: pd.DataFrame
    rows: int
    alert_rows: int


def _plain(value: Any) -> Any:
    """A pandas/numpy cell as a plain Python value (missing values as None)."""
    if value is None:
        return None
    if hasattr(value, "tolist") and not isinstance(value, str | bytes):
        return value.tolist()  # numpy arrays (list columns) and numpy scalars
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    return value


def rows_from_frame(
    frame: pd.DataFrame, mapping: ColumnMapping, *, first_row: int = 1
) -> list[InputRow]:
    """The frame's rows as :class:`InputRow`, numbered from ``first_row`` in frame order."""
    mapping.check_columns(frame.columns, where="data frame")
    columns = list(mapping.columns)
    return [
        mapping.to_row(number, {c: _plain(v) for c, v in zip(columns, values, strict=True)})
        for number, values in enumerate(
            frame[columns].itertuples(index=False, name=None), first_row
        )
    ]


def result_frames(result: ChunkResult) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Hit rows and error rows as data frames with the output columns and types."""
    hits = pa.Table.from_pylist([h.to_dict() for h in result.hits], schema=HIT_SCHEMA)
    errors = pa.Table.from_pylist([e.to_dict() for e in result.errors], schema=ERROR_SCHEMA)
    return hits.to_pandas(), errors.to_pandas()


def screen_frame(
    frame: pd.DataFrame,
    mapping: ColumnMapping | None = None,
    *,
    screener: Screener,
    threshold: float | None = None,
    limit: int = 10,
    near_misses: bool = False,
) -> FrameResult:
    """Screen every row of a pandas data frame, in this process. Without a ``mapping``,
    columns named like the record fields are used (``name``, ``birth_date``, ``countries``,
    ``id`` ...). Rows are numbered from 1 in frame order.

    Example: ``screen_frame(customers, ColumnMapping(name="full_name"), screener=screener)``
    """
    mapping = mapping or ColumnMapping.from_columns(frame.columns)
    options = ScreenOptions(threshold=threshold, limit=limit, near_misses=near_misses)
    result = options.screen(screener, rows_from_frame(frame, mapping))
    hits, errors = result_frames(result)
    return FrameResult(hits=hits, errors=errors, rows=result.rows, alert_rows=result.alert_rows)
