"""Who is told about a hand-off, and with which words (never the person's name nor needs).

Called by the services of `reception.services` in the transaction that creates the hand-off:
- a person handed to the coordination (desk): every coordinator of the centre;
- a request sent to the CIP: the CIP named, else every CIP serving the centre;
- a request handed to a named colleague (an absence): that colleague.
"""

from django.urls import reverse

from accounts.models import Role, User
from notifications.inbox import notify, notify_all
from notifications.models import NotificationKind


def _members(centre_id, role):
    return User.objects.filter(
        is_active=True,
        memberships__role=role,
        memberships__centre_id=centre_id,
        memberships__is_active=True,
    ).distinct()


def _sender(handoff) -> str:
    return handoff.from_user.get_full_name() if handoff.from_user else "Un·e collègue"


def notify_handoff(handoff) -> None:
    centre = handoff.to_centre.name
    sender = _sender(handoff)
    if handoff.to_colleague:
        notify(
            handoff.to_user,
            NotificationKind.COLLEAGUE_HANDOFF,
            reverse("reception:request_detail", kwargs={"pk": handoff.request_id}),
            f"{sender} vous a confié une demande du centre {centre}.",
        )
        return
    if handoff.request_id and handoff.to_role == Role.COUNSELLOR:
        url = reverse("reception:request_detail", kwargs={"pk": handoff.request_id})
        text = f"{sender} vous a transmis une demande à analyser (centre {centre})."
        if handoff.to_user_id:
            notify(handoff.to_user, NotificationKind.REQUEST_SUBMITTED, url, text)
        else:
            notify_all(
                _members(handoff.to_centre_id, Role.COUNSELLOR),
                NotificationKind.REQUEST_SUBMITTED,
                url,
                text,
                exclude=handoff.from_user,
            )
        return
    if handoff.to_role == Role.COORDINATOR:
        notify_all(
            _members(handoff.to_centre_id, Role.COORDINATOR),
            NotificationKind.HANDOFF,
            reverse("reception:coordinator_queue"),
            f"{sender} a transmis une personne à la coordination du centre {centre}.",
            exclude=handoff.from_user,
        )
