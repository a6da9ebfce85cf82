"""Monitoring settings, kept in the case database so every user and process shares them.

- ``after_update``: run monitoring automatically after ``sanctio update`` (default off).
- ``threshold``: the alert threshold monitoring screens with (default 0.8). Changing it
  makes the next run screen every customer against everything.
- ``four_eyes``: the decisions that need a second, different reviewer to confirm them.
  ``true_match`` always does; ``false_positive`` may be added (maker-checker closing).

Every change is appended to the audit trail (``monitor.settings``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

import sqlalchemy as sa

from sanctio import audit
from sanctio.audit import AuditEvent
from sanctio.database import Database
from sanctio.errors import SanctioError
from sanctio.matching.query import check_threshold
from sanctio.matching.score import DEFAULT_THRESHOLD
from sanctio.monitor.tables import monitor_settings, now

__all__ = ["FOUR_EYES_CHOICES", "Settings", "load_settings", "save_settings"]

FOUR_EYES_CHOICES = ("true_match", "false_positive")


@dataclass(frozen=True, slots=True)
class Settings:
    """The monitoring settings in force."""

    after_update: bool = False
    threshold: float = DEFAULT_THRESHOLD
    four_eyes: tuple[str, ...] = ("true_match",)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {**asdict(self), "four_eyes": list(self.four_eyes)}


def load_settings(db: Database) -> Settings:
    """The stored settings, defaults for those never set."""
    with db.read() as connection:
        stored = dict(
            connection.execute(sa.select(monitor_settings.c.key, monitor_settings.c.value)).all()
        )
    defaults = Settings()
    return Settings(
        after_update=bool(stored.get("after_update", defaults.after_update)),
        threshold=float(stored.get("threshold", defaults.threshold)),
        four_eyes=tuple(stored.get("four_eyes", defaults.four_eyes)),
    )


def save_settings(db: Database, actor: str, **changes: Any) -> Settings:
    """Change some settings (``after_update=True``, ``threshold=0.85``,
    ``four_eyes=("true_match", "false_positive")``); returns the settings now in force."""
    unknown = set(changes) - set(Settings.__dataclass_fields__)
    if unknown:
        raise SanctioError(f"unknown monitoring setting(s): {', '.join(sorted(unknown))}")
    if "threshold" in changes:
        changes["threshold"] = check_threshold(changes["threshold"])
    if "four_eyes" in changes:
        chosen = set(changes["four_eyes"])
        bad = chosen - set(FOUR_EYES_CHOICES)
        if bad:
            raise SanctioError(
                f"four_eyes: unknown decision(s) {', '.join(sorted(bad))}; "
                f"choose from {', '.join(FOUR_EYES_CHOICES)}"
            )
        changes["four_eyes"] = tuple(d for d in FOUR_EYES_CHOICES if d in chosen | {"true_match"})
    if "after_update" in changes:
        changes["after_update"] = bool(changes["after_update"])
    current = load_settings(db)
    updated = replace(current, **changes)
    stamp = now()
    with db.begin() as connection:
        for key, value in changes.items():
            stored = list(value) if isinstance(value, tuple) else value
            connection.execute(monitor_settings.delete().where(monitor_settings.c.key == key))
            connection.execute(
                monitor_settings.insert().values(
                    key=key, value=stored, updated_at=stamp, updated_by=actor
                )
            )
        before = {k: current.to_dict()[k] for k in changes}
        after = {k: updated.to_dict()[k] for k in changes}
        audit.append(
            connection,
            AuditEvent(
                actor, "monitor.settings", "monitor:settings", {"before": before, "after": after}
            ),
        )
    return updated
