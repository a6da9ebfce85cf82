"""Batch screening of customer files, locally on every core or on Apache Spark.

- :mod:`~sanctio.batch.records`: the column mapping and the streaming reader
  (:class:`ColumnMapping`, :func:`read_rows`, :class:`InputRow`);
- :mod:`~sanctio.batch.chunk`: :func:`screen_chunk`, the one screening step every engine
  shares (:class:`HitRow`, :class:`ErrorRow`, :class:`ChunkResult`);
- :func:`screen_file` (local engine with checkpoints, or Spark) and :func:`screen_frame`
  (a pandas data frame). ``import sanctio.batch`` needs neither pandas nor pyspark.
"""

from sanctio.batch.chunk import ChunkResult, ErrorRow, HitRow, ScreenOptions, screen_chunk
from sanctio.batch.errors import BatchError, Interrupted, ResumeError
from sanctio.batch.frame import FrameResult, screen_frame
from sanctio.batch.records import ColumnMapping, InputRow, read_rows
from sanctio.batch.run import BatchSummary, screen_file

__all__ = [
    "BatchError",
    "BatchSummary",
    "ChunkResult",
    "ColumnMapping",
    "ErrorRow",
    "FrameResult",
    "HitRow",
    "InputRow",
    "Interrupted",
    "ResumeError",
    "ScreenOptions",
    "read_rows",
    "screen_chunk",
    "screen_file",
    "screen_frame",
]
