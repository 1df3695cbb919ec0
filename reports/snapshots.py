"""Figures computed once and served again while the data they come from has not changed.

A year of the whole service reads hundreds of thousands of rows at département scale
(seconds); the same figures read from a snapshot cost one row. A snapshot stays exact:

- every table the indicators read (the apps of `SOURCE_APPS`) carries a statement-level
  trigger that writes the writing transaction's id in `reports_datachange` (one row per
  transaction, whatever the number of statements);
- before computing, the figures record PostgreSQL's snapshot (`pg_current_snapshot()`);
- a snapshot is **current** when it was computed today (rates "within N days" and ages
  move with the calendar) and every transaction that wrote since is visible in it: then
  no row the figures read has changed, and computing them again would give the same.

When a snapshot is not current, the figures are computed again and stored, except that a
snapshot younger than `REPORTS_SNAPSHOT_TOLERANCE` seconds is still shown (with the time
it was computed at and a notice) while the task queue computes the new one: a
director's home stays fast on a busy morning at the desk. Tolerance 0 (the tests): always
exact. The task queue also recomputes, each night, the snapshots read in the last week, so
the morning's first page is fast too (`refresh_read_snapshots`).

A transaction that has written keeps no snapshot (it sees its own writes as visible, so
its later writes would not outdate it): it computes the figures each time.

Final bilans never read snapshots: their figures are computed once more and frozen
(reports.services.finalise_bilan).
"""

import contextlib
import datetime
import hashlib
import json
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.utils import timezone

from reports.models import FigureSnapshot
from reports.registry import ReportScope, compute_figures, format_age_bands, parse_age_bands

CHANGES = "reports_datachange"
# Every table of these apps feeds the figures (people, their visits, requests,
# accompaniments, appointments, workshops, the centres and neighbourhoods, the staff).
SOURCE_APPS = ("accounts", "organisations", "people", "reception", "accompaniment", "agenda",
               "workshops")  # fmt: skip
# Tables no figure reads that are written when pages are only read (a login's session, a
# partner opening an orientation's link): left out, so reading does not outdate figures.
IGNORED_TABLES = frozenset({"accounts_loginsession", "accompaniment_linkopening"})
# Columns written when someone only logs in: an UPDATE of these alone changes no figure.
IGNORED_COLUMNS = {"accounts_user": frozenset({"last_login"})}
ALL = "all"
PUBLIC = "public"
# Snapshots not read for this many days are deleted (computed again when asked).
KEPT_DAYS = 30
REFRESHED_DAYS = 7

CHANGES_SQL = f"""
CREATE TABLE {CHANGES} (
    xid xid8 PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reports_datachange_at ON {CHANGES} (at);
CREATE OR REPLACE FUNCTION reports_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {CHANGES} (xid) VALUES (pg_current_xact_id()) ON CONFLICT (xid) DO NOTHING;
    RETURN NULL;
END $$;
"""
DROP_CHANGES_SQL = f"""
DROP TABLE IF EXISTS {CHANGES};
DROP FUNCTION IF EXISTS reports_data_changed() CASCADE;
"""
TRIGGER = "reports_data_changed"


def source_tables() -> dict[str, list[str]]:
    """{table: its columns whose UPDATE changes figures} for every source table."""
    from django.apps import apps

    tables = {}
    for label in SOURCE_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            table = model._meta.db_table
            if model._meta.managed and not model._meta.proxy and table not in IGNORED_TABLES:
                ignored = IGNORED_COLUMNS.get(table, frozenset())
                tables[table] = sorted(
                    field.column
                    for field in model._meta.local_concrete_fields
                    if field.column not in ignored
                )
    return dict(sorted(tables.items()))


def install_triggers(using="default", **kwargs) -> None:
    """The data-change trigger on every source table (idempotent; after each `migrate`, so
    a table added later gets it too)."""
    from django.db import connections

    with connections[using].cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [CHANGES])
        if not cursor.fetchone()[0]:
            return  # reports' migrations not applied yet
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        existing = {row[0] for row in cursor.fetchall()}
        for table, columns in source_tables().items():
            if table not in existing:
                continue
            update = "UPDATE"
            if table in IGNORED_COLUMNS:
                update += " OF " + ", ".join(f'"{column}"' for column in columns)
            cursor.execute(
                f"CREATE OR REPLACE TRIGGER {TRIGGER} AFTER INSERT OR {update} OR DELETE "
                f'OR TRUNCATE ON "{table}" FOR EACH STATEMENT '
                f"EXECUTE FUNCTION reports_data_changed()"
            )


@dataclass(frozen=True)
class Figures:
    """Figures as shown: `as_of` is when they were computed; `current` is False when data
    changed since (a snapshot within the tolerance, its new computation queued)."""

    figures: list[dict]
    as_of: datetime.datetime
    current: bool


def _indicators_key(indicators) -> str:
    if indicators in (ALL, PUBLIC):
        return indicators
    return ",".join(indicators)


def snapshot_key(scope: ReportScope, indicators=ALL) -> str:
    text = json.dumps(
        [
            scope.centre_ids,
            scope.start.isoformat(),
            scope.end.isoformat(),
            format_age_bands(scope.age_bands),
            _indicators_key(indicators),
        ]
    )
    return hashlib.sha256(text.encode()).hexdigest()


def _compute(scope: ReportScope, indicators) -> list[dict]:
    if indicators in (ALL, PUBLIC):
        figures = compute_figures(scope, public_only=indicators == PUBLIC)
    else:
        figures = compute_figures(scope, only=set(indicators))
    # As stored (JSON): the same values whether computed now or read back.
    return json.loads(json.dumps(figures))


def _start_of_today() -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time()))


def _read(key: str):
    """(figures, as_of, current) of the stored snapshot, or None."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT s.figures, s.as_of, s.read_on,
                   s.as_of >= %(today)s AND NOT EXISTS (
                       SELECT 1 FROM {CHANGES} c
                       WHERE c.xid >= pg_snapshot_xmin(s.pg_snapshot::pg_snapshot)
                         AND NOT pg_visible_in_snapshot(c.xid, s.pg_snapshot::pg_snapshot)
                   ) AS current
            FROM {FigureSnapshot._meta.db_table} s
            WHERE s.key = %(key)s
            """,
            {"key": key, "today": _start_of_today()},
        )
        return cursor.fetchone()


def compute_and_store(scope: ReportScope, indicators=ALL) -> Figures:
    """Compute the figures now and keep them as the scope's snapshot."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_current_snapshot()::text, pg_current_xact_id_if_assigned() IS NOT NULL"
        )
        pg_snapshot, has_written = cursor.fetchone()
    started = time.perf_counter()
    figures = _compute(scope, indicators)
    elapsed = round((time.perf_counter() - started) * 1000)
    if has_written:
        # A transaction sees its own writes as visible: what it writes after this would
        # not outdate the snapshot. Kept only from a transaction that wrote nothing.
        return Figures(figures, scope.as_of, current=True)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {FigureSnapshot._meta.db_table} AS s
                (key, centre_ids, period_start, period_end, age_bands, indicators, figures,
                 as_of, pg_snapshot, computed_ms, read_on)
            VALUES (%(key)s, %(centre_ids)s, %(start)s, %(end)s, %(age_bands)s,
                    %(indicators)s, %(figures)s, %(as_of)s, %(pg_snapshot)s, %(ms)s, %(today)s)
            ON CONFLICT (key) DO UPDATE
               SET figures = EXCLUDED.figures, as_of = EXCLUDED.as_of,
                   pg_snapshot = EXCLUDED.pg_snapshot, computed_ms = EXCLUDED.computed_ms,
                   read_on = EXCLUDED.read_on
             WHERE s.as_of <= EXCLUDED.as_of
            """,
            {
                "key": snapshot_key(scope, indicators),
                "centre_ids": json.dumps(scope.centre_ids),
                "start": scope.start,
                "end": scope.end,
                "age_bands": format_age_bands(scope.age_bands),
                "indicators": _indicators_key(indicators),
                "figures": json.dumps(figures),
                "as_of": scope.as_of,
                "pg_snapshot": pg_snapshot,
                "ms": elapsed,
                "today": timezone.localdate(),
            },
        )
    return Figures(figures, scope.as_of, current=True)


def figures_for(scope: ReportScope, indicators=ALL) -> Figures:
    """The scope's figures (every indicator, the public ones, or those keys): from its
    snapshot when current, else computed now (see the module's docstring)."""
    key = snapshot_key(scope, indicators)
    found = _read(key)
    if found is not None:
        figures, as_of, read_on, current = found
        if isinstance(figures, str):
            figures = json.loads(figures)
        today = timezone.localdate()
        if read_on != today:
            FigureSnapshot.objects.filter(key=key).update(read_on=today)
        if current:
            return Figures(figures, as_of, current=True)
        tolerance = datetime.timedelta(seconds=settings.REPORTS_SNAPSHOT_TOLERANCE)
        if tolerance and as_of >= max(timezone.now() - tolerance, _start_of_today()):
            _queue_refresh(key)
            return Figures(figures, as_of, current=False)
    return compute_and_store(scope, indicators)


def _queue_refresh(key: str) -> None:
    from procrastinate.exceptions import AlreadyEnqueued

    from reports.tasks import refresh_snapshot

    with contextlib.suppress(AlreadyEnqueued):  # already queued: one computation will do
        refresh_snapshot.configure(queueing_lock=f"figures-{key}").defer(key=key)


def scope_of_snapshot(snapshot: FigureSnapshot) -> ReportScope | None:
    """The scope a snapshot was computed for, today (None: one of its centres is gone)."""
    from organisations.models import Centre

    names = dict(Centre.objects.filter(pk__in=snapshot.centre_ids).values_list("pk", "name"))
    if set(names) != set(snapshot.centre_ids):
        return None
    return ReportScope(
        centres=tuple((pk, names[pk]) for pk in snapshot.centre_ids),
        start=snapshot.period_start,
        end=snapshot.period_end,
        age_bands=parse_age_bands(snapshot.age_bands),
    )


def _indicators_of(snapshot: FigureSnapshot):
    if snapshot.indicators in (ALL, PUBLIC):
        return snapshot.indicators
    return tuple(snapshot.indicators.split(","))


def refresh(key: str) -> bool:
    """Compute a stored snapshot again if it is not current (the task queue's job)."""
    snapshot = FigureSnapshot.objects.filter(key=key).first()
    if snapshot is None:
        return False
    found = _read(key)
    if found is not None and found[3]:
        return False
    scope = scope_of_snapshot(snapshot)
    if scope is None:
        snapshot.delete()
        return False
    compute_and_store(scope, _indicators_of(snapshot))
    return True


def refresh_read_snapshots() -> int:
    """Nightly: drop the snapshots nobody read for `KEPT_DAYS` and the data changes no
    snapshot of today can need; compute again those read in the last week."""
    today = timezone.localdate()
    FigureSnapshot.objects.filter(read_on__lt=today - datetime.timedelta(days=KEPT_DAYS)).delete()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {CHANGES} WHERE at < now() - interval '2 days'")
    keys = FigureSnapshot.objects.filter(
        read_on__gte=today - datetime.timedelta(days=REFRESHED_DAYS)
    ).values_list("key", flat=True)
    return sum(refresh(key) for key in list(keys))
