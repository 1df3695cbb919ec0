"""Reads of reports go to the read replica when there is one (DATABASE_REPLICA_URL).

Two ways in, both explicit:
- the statistics tables (`REPORT_MODELS`: counts per centre and day, kept by triggers)
  are always read from the replica: a few seconds of replication lag on a count is fine;
- any code that builds a report (a year's bilan, an export) runs its reads on the replica
  inside `with reports_on_replica():`, whatever the models.

Everything else, and every write, goes to the primary: a page never reads, from a lagging
replica, the row it has just written. Without a replica every read stays on "default".
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
REPORT_MODELS = frozenset({"reception.visitday", "reception.counter"})
_reports = ContextVar("parcours_reports_on_replica", default=False)


def has_replica() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def reports_on_replica():
    """Within this block, reads go to the replica (when configured)."""
    token = _reports.set(True)
    try:
        yield
    finally:
        _reports.reset(token)


class ReportsReplicaRouter:
    def db_for_read(self, model, **hints):
        if not has_replica():
            return None
        if _reports.get() or model._meta.label_lower in REPORT_MODELS:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA  # the replica follows the primary, never migrated
