from django.db import transaction

from notifications.models import OutgoingEmail


def queue_email(*, to: str, subject: str, body: str, reply_to: str = "") -> OutgoingEmail:
    """Record a message and ask the worker to send it.

    The job is written in the caller's transaction: if the change that asked for the
    e-mail is rolled back, no e-mail goes out.
    """
    from notifications.tasks import send_email

    with transaction.atomic():
        email = OutgoingEmail.objects.create(
            to=to, subject=subject[:200], body=body, reply_to=reply_to
        )
        send_email.defer(email_id=email.pk)
    return email
