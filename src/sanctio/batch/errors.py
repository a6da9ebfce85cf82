"""Errors of batch screening: a file, mapping or checkpoint that cannot be used.

SanctioError
└── BatchError           an input file, column mapping or output cannot be used
    └── ResumeError      a checkpoint exists for different input, options or lists

A bad *row* is never an exception: it becomes an error row with its row number.
A local run stopped by Ctrl-C raises :class:`Interrupted`, a KeyboardInterrupt that says
how far it got.
"""

from __future__ import annotations

from pathlib import Path

from sanctio.errors import SanctioError

__all__ = ["BatchError", "Interrupted", "ResumeError"]


class BatchError(SanctioError):
    """An input file, column mapping or output cannot be used (the message says which)."""


class ResumeError(BatchError):
    """A checkpoint was left by a run over different input, options or lists."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C stopped a local run; the chunks done are kept in its checkpoint."""

    def __init__(self, rows_done: int, checkpoint: Path) -> None:
        self.rows_done = rows_done
        self.checkpoint = checkpoint
        super().__init__(
            f"interrupted after {rows_done:,} rows, kept in {checkpoint}: run the same "
            "command again to continue from there"
        )
