import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from procrastinate.contrib.django import app

from notifications.models import EmailStatus, OutgoingEmail

EMAIL_RETENTION_DAYS = 30


class Claim:
    SEND = "send"
    DONE = "done"
    UNCERTAIN = "uncertain"


def claim(email_id: int) -> str:
    """Claim the message for sending, committed before the provider is called.

    A message already claimed means an earlier job died between the claim and the
    record of the send: it may have gone out, so it is never sent again blindly.
    """
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status in (EmailStatus.SENT, EmailStatus.UNCERTAIN):
            return Claim.DONE  # purged, sent, or already reported
        if email.status == EmailStatus.SENDING:
            email.status = EmailStatus.UNCERTAIN
            email.save(update_fields=["status"])
            _report_uncertain(email)
            return Claim.UNCERTAIN
        email.status = EmailStatus.SENDING
        email.claimed_at = timezone.now()
        email.attempts += 1
        email.save(update_fields=["status", "claimed_at", "attempts"])
    return Claim.SEND


def _report_uncertain(email) -> None:
    from notifications.services import report_to_administrators

    report_to_administrators(
        subject="Parcours : un e-mail a peut-être été envoyé deux fois ou pas du tout",
        body=(
            f"L’envoi de l’e-mail sortant n° {email.pk} (créé le "
            f"{timezone.localtime(email.created_at):%d/%m/%Y à %H:%M}) a été interrompu entre "
            "l’appel au serveur de messagerie et l’enregistrement de l’envoi.\n\n"
            "Il n’est pas renvoyé automatiquement : vérifiez auprès du destinataire ou dans "
            "les journaux du serveur de messagerie, puis renvoyez-le à la main si besoin.\n"
        ),
    )


@app.task(queue="emails", retry=5, name="notifications.send_email")
def send_email(*, email_id: int) -> None:
    if claim(email_id) != Claim.SEND:
        return
    email = OutgoingEmail.objects.select_related("user").get(pk=email_id)
    body = email.body
    if email.kind:
        from notifications.builders import BUILDERS

        body = BUILDERS[email.kind](email.user)
    message = EmailMessage(
        subject=email.subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        reply_to=[email.reply_to] if email.reply_to else None,
    )
    try:
        message.send()
    except Exception:
        # The provider refused before accepting the message: nothing went out, the retry
        # may send it (the claim is released).
        OutgoingEmail.objects.filter(pk=email_id, status=EmailStatus.SENDING).update(
            status=EmailStatus.QUEUED
        )
        raise
    # Sent: record it and clear the body (residents' words, addresses of the message).
    OutgoingEmail.objects.filter(pk=email_id).update(
        status=EmailStatus.SENT, sent_at=timezone.now(), body=""
    )


@app.periodic(cron="17 3 * * *")
@app.task(queue="maintenance", name="notifications.purge_sent_emails", queueing_lock="purge_emails")
def purge_sent_emails(timestamp: int) -> int:
    """Delete messages (they hold addresses) once they are old enough."""
    limit = timezone.now() - datetime.timedelta(days=EMAIL_RETENTION_DAYS)
    deleted, _ = OutgoingEmail.objects.filter(created_at__lt=limit).delete()
    return deleted


# The daily digest's periodic job lives with the digest; imported here so the worker finds it.
from notifications import digest  # noqa: E402, F401
