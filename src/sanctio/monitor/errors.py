"""The errors monitoring raises, under :class:`sanctio.errors.SanctioError`.

SanctioError
├── NotFoundError (sanctio.errors)  no such customer or alert
├── CustomerDataError               customer records that cannot be imported (rows named)
└── DecisionError                   a decision or workflow step the alert's state forbids
    └── FourEyesError               a true match confirmed by the reviewer who proposed it
"""

from __future__ import annotations

from sanctio.errors import SanctioError

__all__ = ["CustomerDataError", "DecisionError", "FourEyesError"]


class CustomerDataError(SanctioError):
    """Customer records that cannot be imported; the message names each bad row."""


class DecisionError(SanctioError):
    """A decision, assignment or comment that is invalid or not allowed in the alert's state."""


class FourEyesError(DecisionError):
    """A decision that needs a second, different reviewer was confirmed by its proposer."""
