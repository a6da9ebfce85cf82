"""Sanctio: sanctions and watchlist screening.

import sanctio
screener = sanctio.Screener.from_store()
hits = screener.screen("Bashar al-Assad", schema="Person", birth_date="1965")
"""

from sanctio.errors import (
    DownloadError,
    ListError,
    NotFoundError,
    ParseError,
    QueryError,
    SanctioError,
    StoreError,
    UnknownFormatError,
    ValidationError,
)
from sanctio.matching.score import DEFAULT_THRESHOLD, Comparison, compare
from sanctio.model import Entity, Schema
from sanctio.screener import Hit, Screener

__all__ = [
    "DEFAULT_THRESHOLD",
    "Comparison",
    "DownloadError",
    "Entity",
    "Hit",
    "ListError",
    "NotFoundError",
    "ParseError",
    "QueryError",
    "SanctioError",
    "Schema",
    "Screener",
    "StoreError",
    "UnknownFormatError",
    "ValidationError",
    "compare",
]
