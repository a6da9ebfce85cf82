"""The one screening step every batch engine shares: a chunk of input rows in, hit rows
and error rows out.

:func:`screen_chunk` is pure: it reads nothing but its arguments and writes nothing, so the
local engine (worker processes), the Spark engine (``mapInPandas``) and the monitoring
helper all produce the same rows for the same input.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sanctio.batch.records import InputRow
from sanctio.errors import QueryError
from sanctio.matching.query import Query
from sanctio.screener import Screener

__all__ = [
    "DEFAULT_LIMIT",
    "ERROR_COLUMNS",
    "HIT_COLUMNS",
    "ChunkResult",
    "ErrorRow",
    "HitRow",
    "ScreenOptions",
    "list_versions",
    "screen_chunk",
]

DEFAULT_LIMIT = 10
SCORE_DECIMALS = 4


@dataclass(frozen=True, slots=True)
class HitRow:
    """One listed entity an input row may be: one row of the batch output."""

    input_id: str
    row_number: int
    entity_id: str
    score: float
    is_alert: bool
    matched_name: str
    query_name: str
    caption: str
    schema: str
    source: str
    programs: str  # "; "-separated
    explanation: str  # one line: the matched name and the strongest reasons
    list_version: str  # "<version id> (<as-of date>)" of the hit's list, "" when unknown

    def to_dict(self) -> dict[str, Any]:
        """Column -> value, in output column order."""
        return {name: getattr(self, name) for name in HIT_COLUMNS}


@dataclass(frozen=True, slots=True)
class ErrorRow:
    """An input row that could not be screened, and why."""

    row_number: int
    input_id: str
    error: str

    def to_dict(self) -> dict[str, Any]:
        """Column -> value, in output column order."""
        return {name: getattr(self, name) for name in ERROR_COLUMNS}


HIT_COLUMNS = tuple(f.name for f in dataclasses.fields(HitRow))
ERROR_COLUMNS = tuple(f.name for f in dataclasses.fields(ErrorRow))


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """What screening one chunk produced. ``rows`` counts every input row (screened or in
    error); ``alert_rows`` counts input rows with at least one alert."""

    rows: int
    alert_rows: int
    hits: list[HitRow]
    errors: list[ErrorRow]


def list_versions(screener: Screener) -> dict[str, str]:
    """Source -> ``"<version id> (<as-of date>)"`` of the lists a screener holds."""
    return {v.source: f"{v.id} ({v.as_of})" for v in screener.versions}


def screen_chunk(
    screener: Screener,
    rows: Iterable[InputRow],
    *,
    threshold: float | None = None,
    limit: int = DEFAULT_LIMIT,
    near_misses: bool = False,
) -> ChunkResult:
    """Screen each row; return its alerts (with ``near_misses``, also the near misses the
    Screener returns, scoring at least half the threshold), at most ``limit`` per row,
    best first, and an error row for each row that has an error or fails validation.

    Rows come out in input order. A row whose screening raises is reported as an error
    row, never dropped, and never stops the chunk.
    """
    versions = list_versions(screener)
    hits: list[HitRow] = []
    errors: list[ErrorRow] = []
    count = alert_rows = 0
    for row in rows:
        count += 1
        if row.error is not None or row.record is None:
            errors.append(ErrorRow(row.row_number, row.input_id, row.error or "no record"))
            continue
        try:
            query = Query.from_record(row.record)
            found = screener.screen_query(
                query, limit=limit, threshold=threshold, near_misses=near_misses
            )
        except QueryError as exc:
            errors.append(ErrorRow(row.row_number, row.input_id, str(exc)))
            continue
        except Exception as exc:  # a bug on one odd row must not lose the other rows
            message = f"screening failed: {type(exc).__name__}: {exc}"
            errors.append(ErrorRow(row.row_number, row.input_id, message))
            continue
        alert_rows += any(hit.is_alert for hit in found)
        hits += (
            HitRow(
                input_id=row.input_id,
                row_number=row.row_number,
                entity_id=hit.entity_id,
                score=round(hit.score, SCORE_DECIMALS),
                is_alert=hit.is_alert,
                matched_name=hit.matched_name,
                query_name=hit.explanation.query_name,
                caption=hit.caption,
                schema=hit.schema,
                source=hit.source,
                programs="; ".join(hit.programs),
                explanation=hit.explanation.summary(),
                list_version=versions.get(hit.source, ""),
            )
            for hit in found
        )
    return ChunkResult(rows=count, alert_rows=alert_rows, hits=hits, errors=errors)


@dataclass(frozen=True, slots=True)
class ScreenOptions:
    """The options of :func:`screen_chunk` for a whole run, passed to every engine."""

    threshold: float | None = None
    limit: int = DEFAULT_LIMIT
    near_misses: bool = False

    def screen(self, screener: Screener, rows: Iterable[InputRow]) -> ChunkResult:
        """:func:`screen_chunk` with these options."""
        return screen_chunk(
            screener,
            rows,
            threshold=self.threshold,
            limit=self.limit,
            near_misses=self.near_misses,
        )
