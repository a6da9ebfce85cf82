"""Ongoing monitoring: the customer register, delta re-screening, alerts, decisions, evidence.

Every function takes the case database (:class:`sanctio.database.Database`) and, where it
changes something, the acting user's name, which goes into the audit trail:

    from sanctio.database import Database
    from sanctio.monitor import alerts, customers, run_monitor

    db = Database.for_home(home)
    customers.import_customers(db, [customers.CustomerInput("C-1", {"name": "..."})], "alice")
    run_monitor(db, store, "alice")                # screen what the last list change touched
    alerts.decide(db, alert_id, "true_match", "same passport number", "alice")
    alerts.confirm(db, alert_id, "bob")             # four-eyes: a second, different reviewer

docs/monitoring.md describes the workflow, the states and why delta runs are complete.
"""

from sanctio.monitor import alerts, customers, evidence, settings
from sanctio.monitor.errors import CustomerDataError, DecisionError, FourEyesError
from sanctio.monitor.run import RunReport, run_monitor

__all__ = [
    "CustomerDataError",
    "DecisionError",
    "FourEyesError",
    "RunReport",
    "alerts",
    "customers",
    "evidence",
    "run_monitor",
    "settings",
]
