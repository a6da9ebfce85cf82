"""Sanctio's exceptions, one tree so callers can catch at the level they handle.

SanctioError
├── ListError             an official list file could not be used
│   ├── ParseError        malformed, truncated or of the wrong format (names file and place)
│   ├── ValidationError   parsed, but fails a check (duplicate ids, a sudden shrink)
│   └── UnknownFormatError  no parser recognises the file
├── StoreError            the store cannot do what was asked (unknown version, source)
│   └── NotFoundError     no such entity, version or source
├── DownloadError         an official address could not be fetched
└── QueryError            a screening query is invalid (empty name, unknown schema ...)
"""

from __future__ import annotations

__all__ = [
    "DownloadError",
    "ListError",
    "NotFoundError",
    "ParseError",
    "QueryError",
    "SanctioError",
    "StoreError",
    "UnknownFormatError",
    "ValidationError",
]


class SanctioError(Exception):
    """Base of every error Sanctio raises on purpose."""


class ListError(SanctioError):
    """An official list file could not be used."""


class ParseError(ListError):
    """A list file is malformed, truncated or not in the format expected.

    The message names the file and, where known, the line, record or field.
    """


class ValidationError(ListError):
    """A list parsed, but fails a check that protects the current version."""


class UnknownFormatError(ListError):
    """No parser recognises a file."""


class StoreError(SanctioError):
    """The store cannot do what was asked."""


class NotFoundError(StoreError):
    """No such entity, version or source."""


class DownloadError(SanctioError):
    """An official address could not be fetched."""


class QueryError(SanctioError):
    """A screening query is invalid."""
