"""Batch screening of customer files, locally on every core or on Apache Spark.

:mod:`sanctio.batch.records` reads files through a column mapping; :func:`screen_chunk`
is the one screening step both engines share.
"""

from sanctio.batch.chunk import ChunkResult, ErrorRow, HitRow, screen_chunk
from sanctio.batch.errors import BatchError, ResumeError
from sanctio.batch.records import ColumnMapping, InputRow, read_rows

__all__ = [
    "BatchError",
    "ChunkResult",
    "ColumnMapping",
    "ErrorRow",
    "HitRow",
    "InputRow",
    "ResumeError",
    "read_rows",
    "screen_chunk",
]
