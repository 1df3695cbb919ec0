"""In-app notifications: "Nouveautés pour moi", the counter in the navigation.

Other apps tell a colleague something through one function:

    from notifications.inbox import notify
    notify(user, "handoff", reverse("reception:coordinator_queue"), "Une personne vous a été …")

The text never names a person (nor a need): it is shown in lists and counted in the e-mail
digest; the link leads to the page that says more, under that page's own permissions.
"""

from django.db import transaction
from django.utils import timezone

from notifications.models import InboxPreference, Notification, NotificationKind


def notify(user, kind: str, url: str, text: str) -> Notification | None:
    """Tell one user something new. Inactive users are skipped (None)."""
    if user is None or not user.is_active:
        return None
    if kind not in NotificationKind.values:
        raise ValueError(f"Unknown notification kind: {kind}")
    return Notification.objects.create(user=user, kind=kind, url=url, text=text[:300])


def notify_all(users, kind: str, url: str, text: str, *, exclude=None) -> int:
    """The same news for several users (every coordinator of a centre), in one query."""
    rows = [
        Notification(user=user, kind=kind, url=url, text=text[:300])
        for user in users
        if user.is_active and (exclude is None or user.pk != exclude.pk)
    ]
    Notification.objects.bulk_create(rows)
    return len(rows)


def notifications_for(user):
    """The user's notifications, newest first (paginate the result)."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


@transaction.atomic
def mark_read(notification) -> bool:
    """Mark one notification read; False when it already was (a second click)."""
    return bool(
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
    )


@transaction.atomic
def mark_all_read(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def wants_digest(user) -> bool:
    preference = InboxPreference.objects.filter(user=user).first()
    return True if preference is None else preference.daily_digest


@transaction.atomic
def set_digest_preference(user, *, daily_digest: bool) -> InboxPreference:
    preference, _ = InboxPreference.objects.update_or_create(
        user=user, defaults={"daily_digest": daily_digest}
    )
    return preference
