"""Delta re-screening is complete: on the real OFAC SDN change from 2021-07 to 2024-05-03
(6,870 entities added, 881 removed, 6,871 changed), screening customers against the
change gives exactly the alerts of screening them against the whole new list.

2,000 customers (planted list names, exact and varied, from removed, added, changed and
kept entities; negatives; near misses) are screened against 2021-07; then 100 of them
change and 100 new ones arrive; then 2024-05-03 is imported and a monitoring run brings
everyone up to date (delta for the unchanged, full for the changed and new). The result
must equal a full screening of the final customers against 2024-05-03, alert for alert
and score for score, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sanctio.database import Database
from sanctio.monitor import run_monitor
from sanctio.monitor.customers import CustomerInput, import_customers
from sanctio.store import Store
from sanctio.updates import import_path
from tests.conftest import REPO
from tests.monitor.conftest import active_alerts

pytestmark = [pytest.mark.real_lists, pytest.mark.slow]

CUSTOMERS = 2_000
CHANGED = 100
ARRIVING = 100


@dataclass(frozen=True)
class SdnChange:
    """Two stores (2021-07 current; then 2024-05-03 current), the customers before and
    after, and the alerts a full screening of the final customers gives."""

    old_store: Store
    new_store: Store
    before: list[tuple[str, dict[str, Any]]]
    after: list[tuple[str, dict[str, Any]]]
    full: dict[tuple[str, str], float]


def _customer_base():
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from monitor_customers import customer_base
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    return customer_base


@pytest.fixture(scope="module")
def sdn_change(lists_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> SdnChange:
    folder = tmp_path_factory.mktemp("sdn")
    old_store = Store(folder / "old")
    import_path(old_store, lists_dir / "ofac" / "sdn-2021-07", max_shrink=1.0)
    old_store.close()
    (folder / "new").mkdir()
    source = sqlite3.connect(folder / "old" / "sanctio.db")
    target = sqlite3.connect(folder / "new" / "sanctio.db")
    source.backup(target)
    source.close()
    target.close()
    old_store, new_store = Store(folder / "old"), Store(folder / "new")
    import_path(new_store, lists_dir / "ofac" / "sdn-2024-05-03", max_shrink=1.0)
    (old_version,) = old_store.current_versions()
    (new_version,) = new_store.current_versions()
    assert (old_version.as_of, new_version.as_of) == ("2021-07-01", "2024-05-03")
    old, new = list(old_store.entities(old_version.id)), list(new_store.entities(new_version.id))
    customer_base = _customer_base()
    before = customer_base(old, new, CUSTOMERS)
    changes = customer_base(old, new, CHANGED + ARRIVING, seed=7)
    changed = {before[i * 20][0]: record for i, (_, record) in enumerate(changes[:CHANGED])}
    after = [(i, changed.get(i, record)) for i, record in before]
    after += [(f"N{i:07d}", record) for i, (_, record) in enumerate(changes[CHANGED:])]
    reference = Database(f"sqlite:///{folder / 'full.db'}")
    import_customers(reference, [CustomerInput(i, r) for i, r in after], "test")
    report = run_monitor(reference, new_store, "test")
    assert report.counts["customers_full"] == len(after)
    full = {pair: alert.score for pair, alert in active_alerts(reference).items()}
    reference.close()
    yield SdnChange(old_store, new_store, before, after, full)
    old_store.close()
    new_store.close()


def test_delta_screening_gives_the_alerts_of_a_full_screening(db, sdn_change):
    import_customers(db, [CustomerInput(i, r) for i, r in sdn_change.before], "test")
    first = run_monitor(db, sdn_change.old_store, "test")
    assert first.counts["customers_full"] == CUSTOMERS
    import_customers(db, [CustomerInput(i, r) for i, r in sdn_change.after], "test")
    report = run_monitor(db, sdn_change.new_store, "test")
    counts = report.counts
    assert counts["customers_delta"] == CUSTOMERS - CHANGED
    assert counts["customers_full"] == CHANGED + ARRIVING
    # every kind of change happened: alerts raised, re-scored, delisted, no longer matching
    assert min(counts["alerts_created"], counts["alerts_updated"], counts["closed_delisted"]) > 50
    assert counts["closed_no_longer_matching"] > 10
    delta = {pair: alert.score for pair, alert in active_alerts(db).items()}
    assert len(sdn_change.full) > 500
    assert sorted(set(delta) - set(sdn_change.full)) == []  # found by delta only
    assert sorted(set(sdn_change.full) - set(delta)) == []  # found by full only
    assert delta == sdn_change.full
    again = run_monitor(db, sdn_change.new_store, "test")
    assert again.counts == {"customers_up_to_date": CUSTOMERS + ARRIVING}
