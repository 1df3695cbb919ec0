import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from procrastinate.contrib.django import app

from notifications.models import OutgoingEmail

EMAIL_RETENTION_DAYS = 30


@app.task(queue="emails", retry=5, name="notifications.send_email")
def send_email(*, email_id: int) -> None:
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.sent_at is not None:
            return  # purged, or already sent by an earlier attempt
        email.attempts += 1
        email.save(update_fields=["attempts"])
    message = EmailMessage(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        reply_to=[email.reply_to] if email.reply_to else None,
    )
    message.send()
    OutgoingEmail.objects.filter(pk=email_id).update(sent_at=timezone.now())


@app.periodic(cron="17 3 * * *")
@app.task(queue="maintenance", name="notifications.purge_sent_emails", queueing_lock="purge_emails")
def purge_sent_emails(timestamp: int) -> int:
    """Delete messages (they hold addresses) once they are old enough."""
    limit = timezone.now() - datetime.timedelta(days=EMAIL_RETENTION_DAYS)
    deleted, _ = OutgoingEmail.objects.filter(created_at__lt=limit).delete()
    return deleted


# The daily digest's periodic job lives with the digest; imported here so the worker finds it.
from notifications import digest  # noqa: E402, F401
