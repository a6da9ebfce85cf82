"""The state of monitoring at a glance: settings, customers up to date, alerts, runs."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from sanctio.database import Database
from sanctio.monitor.run import plan_customers
from sanctio.monitor.settings import load_settings
from sanctio.monitor.tables import alerts, customers, monitor_runs
from sanctio.store import Store

__all__ = ["monitor_status"]

RECENT_RUNS = 5


def monitor_status(db: Database, store: Store) -> dict[str, Any]:
    """Settings; customers in all, up to date with the current lists, left to screen;
    alerts by state; the last runs."""
    settings = load_settings(db)
    target = {v.source: v.id for v in store.current_versions()}
    with db.read() as connection:
        total = connection.execute(sa.select(sa.func.count()).select_from(customers)).scalar_one()
        _, up_to_date = plan_customers(connection, target, settings.threshold, full=False)
        by_state = dict(
            connection.execute(
                sa.select(alerts.c.state, sa.func.count())
                .group_by(alerts.c.state)
                .order_by(alerts.c.state)
            ).all()
        )
        runs = connection.execute(
            sa.select(monitor_runs).order_by(monitor_runs.c.id.desc()).limit(RECENT_RUNS)
        ).all()
    return {
        "settings": settings.to_dict(),
        "versions": target,
        "customers": {"total": total, "up_to_date": up_to_date, "to_screen": total - up_to_date},
        "alerts": by_state,
        "runs": [dict(run._mapping) for run in runs],
    }
