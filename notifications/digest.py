"""The daily e-mail digest of "Nouveautés pour moi": a count and a link, never a name.

A Procrastinate periodic job runs every morning; for each user who wants it and has unread
notifications not yet counted in a digest, it queues one e-mail. `DigestSent` (one row per
user and day, unique) makes the job idempotent: run twice the same day, it sends nothing more.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from procrastinate.contrib.django import app

from notifications.inbox import wants_digest
from notifications.models import DigestSent, Notification
from notifications.services import queue_email

DIGEST_SUBJECT = "Parcours : du nouveau pour vous"
DIGEST_BODY = """Bonjour,

Vous avez {count} nouveauté{plural} dans Parcours.

Pour {them} lire, connectez-vous : {url}

Ce message ne contient aucune information sur les personnes : tout est dans Parcours.
Vous pouvez arrêter ce récapitulatif sur la même page.
"""


def digest_body(count: int) -> str:
    return DIGEST_BODY.format(
        count=count,
        plural="s" if count > 1 else "",
        them="les" if count > 1 else "la",
        url=f"{settings.SITE_URL}{reverse('notifications:inbox')}",
    )


def send_digests(day: datetime.date) -> int:
    """Queue today's digests; returns how many were queued."""
    pending = (
        Notification.objects.filter(read_at__isnull=True, emailed_at__isnull=True)
        .values("user_id")
        .annotate(count=Count("pk"))
        .order_by("user_id")
    )
    already = set(DigestSent.objects.filter(day=day).values_list("user_id", flat=True))
    sent = 0
    for row in pending:
        if row["user_id"] in already:
            continue
        sent += _send_one(row["user_id"], day)
    return sent


def _send_one(user_id: int, day: datetime.date) -> int:
    from accounts.models import User

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email or not wants_digest(user):
        return 0
    try:
        with transaction.atomic():
            unread = Notification.objects.select_for_update().filter(
                user=user, read_at__isnull=True, emailed_at__isnull=True
            )
            ids = list(unread.values_list("pk", flat=True))
            if not ids:
                return 0
            DigestSent.objects.create(user=user, day=day, count=len(ids))
            Notification.objects.filter(pk__in=ids).update(emailed_at=timezone.now())
            queue_email(to=user.email, subject=DIGEST_SUBJECT, body=digest_body(len(ids)))
    except IntegrityError:
        return 0  # another run sent today's digest meanwhile
    return 1


@app.periodic(cron="0 7 * * 1-5")
@app.task(queue="emails", name="notifications.send_daily_digests", queueing_lock="digests")
def send_daily_digests(timestamp: int) -> int:
    """Every working day at 7:00: each user's digest of what is new since the last one."""
    day = timezone.localdate(datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC))
    return send_digests(day)
