"""Periodic jobs of the audit app: unusual reading, retention (Procrastinate)."""

import datetime

from django.conf import settings
from django.db import connection
from django.utils import timezone
from procrastinate.contrib.django import app

# More distinct files than this, opened by one account within one hour, is flagged.
DEFAULT_UNUSUAL_READS_PER_HOUR = 60


def unusual_reads_threshold() -> int:
    return int(getattr(settings, "AUDIT_UNUSUAL_READS_PER_HOUR", DEFAULT_UNUSUAL_READS_PER_HOUR))


def flag_unusual_reading(now=None) -> int:
    """Flag each account that opened more files than the threshold in the last hour to the
    administrators (one alert per account and hour; idempotent)."""
    from audit.models import UnusualReadingAlert
    from notifications.services import report_to_administrators

    now = now or timezone.now()
    hour = now.replace(minute=0, second=0, microsecond=0)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT actor_id, max(actor_label), count(DISTINCT person_id)
            FROM audit_accesslog, unnest(person_ids) AS person_id
            WHERE at >= %s AND actor_id IS NOT NULL
              -- a file opened (one person per page) or exported, not a line of a list
              AND (object_type = 'people.person' OR action = 'export')
            GROUP BY actor_id
            HAVING count(DISTINCT person_id) > %s
            """,
            [now - datetime.timedelta(hours=1), unusual_reads_threshold()],
        )
        rows = cursor.fetchall()
    flagged = 0
    for actor_id, label, files in rows:
        alert, created = UnusualReadingAlert.objects.get_or_create(
            actor_id=actor_id, hour=hour, defaults={"actor_label": label, "files": files}
        )
        if not created:
            continue
        flagged += 1
        report_to_administrators(
            subject="Parcours : lecture inhabituelle de dossiers",
            body=(
                f"Le compte {label} a ouvert {files} dossiers de personnes différentes dans "
                f"l’heure qui précède {timezone.localtime(now):%H:%M} le "
                f"{timezone.localtime(now):%d/%m/%Y} (seuil : {unusual_reads_threshold()}).\n\n"
                "Vérifiez avec la personne et son encadrement que ces consultations "
                "correspondent à son travail ; le détail est dans le journal des accès "
                "(administration de Parcours).\n"
            ),
        )
    return flagged


@app.periodic(cron="*/15 * * * *")
@app.task(queue="maintenance", name="audit.flag_unusual_reading", queueing_lock="unusual_reading")
def flag_unusual_reading_task(timestamp: int) -> int:
    return flag_unusual_reading()


@app.periodic(cron="41 2 * * *")
@app.task(queue="maintenance", name="audit.apply_retention", queueing_lock="apply_retention")
def apply_retention_task(timestamp: int) -> int:
    """Anonymise files past their period, warn referents a month before, purge the rest."""
    from audit.retention import run

    return run(dry_run=False).pk
