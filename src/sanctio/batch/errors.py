"""Errors of batch screening: a file, mapping or checkpoint that cannot be used.

SanctioError
└── BatchError           an input file, column mapping or output cannot be used
    └── ResumeError      a checkpoint exists for different input, options or lists

A bad *row* is never an exception: it becomes an error row with its row number.
"""

from __future__ import annotations

from sanctio.errors import SanctioError

__all__ = ["BatchError", "ResumeError"]


class BatchError(SanctioError):
    """An input file, column mapping or output cannot be used (the message says which)."""


class ResumeError(BatchError):
    """A checkpoint was left by a run over different input, options or lists."""
