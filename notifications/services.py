from django.db import transaction

from notifications.models import OutgoingEmail


def queue_email(*, to: str, subject: str, body: str, reply_to: str = "") -> OutgoingEmail:
    """Record a message and ask the worker to send it.

    The job is written in the caller's transaction: if the change that asked for the
    e-mail is rolled back, no e-mail goes out. The body is cleared once sent. Never pass
    a secret (a link that logs in, a token): use `queue_built_email`, which builds the
    message at send time and stores nothing of it.
    """
    from notifications.tasks import send_email

    with transaction.atomic():
        email = OutgoingEmail.objects.create(
            to=to, subject=subject[:200], body=body, reply_to=reply_to
        )
        send_email.defer(email_id=email.pk)
    return email


def queue_built_email(*, to: str, subject: str, kind: str, user) -> OutgoingEmail:
    """Queue a message whose body holds a secret: only its kind and its user are stored;
    the body is built by `notifications.builders.BUILDERS[kind]` when it is sent."""
    from notifications.builders import BUILDERS
    from notifications.tasks import send_email

    if kind not in BUILDERS:
        raise ValueError(f"Unknown message kind: {kind}")
    with transaction.atomic():
        email = OutgoingEmail.objects.create(to=to, subject=subject[:200], kind=kind, user=user)
        send_email.defer(email_id=email.pk)
    return email


def report_to_administrators(*, subject: str, body: str) -> int:
    """E-mail every active administrator (no personal data in the subject)."""
    from accounts.models import Membership, Role

    addresses = sorted(
        set(
            Membership.objects.filter(
                role=Role.ADMINISTRATOR, is_active=True, user__is_active=True
            ).values_list("user__email", flat=True)
        )
    )
    for address in addresses:
        queue_email(to=address, subject=subject, body=body)
    return len(addresses)
