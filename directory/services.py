"""State changes of the public site. Each one is a named function; the actor is a keyword."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from directory.models import Comment, CommentStatus, ContactRequest
from notifications.services import queue_email

SHARE_SUBJECT = "Une page du site des centres sociaux de Montreuil"
SHARE_BODY = """Bonjour,

{sender_name} vous recommande cette page du site des centres sociaux de la Ville de Montreuil :

{url}

Ce message vous a été envoyé à la demande de {sender_name}
depuis le formulaire « Envoyer à un ami » du site.

Ville de Montreuil – Les centres sociaux
"""

DIRECTOR_SUBJECT = "Message d’un habitant via le site des centres sociaux"
DIRECTOR_BODY = """Bonjour,

{sender_name} ({sender_email}) vous a écrit depuis la page du centre social {centre} :

{message}

Pour répondre, écrivez à {sender_email}.
"""


@transaction.atomic
def submit_comment(*, target, author_name: str, author_email: str, body: str) -> Comment:
    """Record a comment on a centre or an article; it waits for a moderator."""
    field = "article" if target._meta.model_name == "article" else "centre"
    return Comment.objects.create(
        **{field: target},
        author_name=author_name,
        author_email=author_email,
        body=body,
    )


class AlreadyModerated(Exception):
    pass


@transaction.atomic
def moderate_comment(comment_id: int, *, approve: bool, by) -> Comment:
    """Approve or reject a pending comment; dated and signed. Decided once."""
    comment = Comment.objects.select_for_update().get(pk=comment_id)
    if comment.status != CommentStatus.PENDING:
        raise AlreadyModerated
    comment.status = CommentStatus.APPROVED if approve else CommentStatus.REJECTED
    comment.moderated_at = timezone.now()
    comment.moderated_by = by
    comment.save(update_fields=["status", "moderated_at", "moderated_by"])
    return comment


@transaction.atomic
def create_contact_request(
    *, name: str, phone, email: str, neighbourhood, availability: str, consent: bool
) -> ContactRequest:
    """A resident asks the integration service to call back: it goes to their centre."""
    return ContactRequest.objects.create(
        name=name,
        phone=phone or "",
        email=email,
        neighbourhood=neighbourhood,
        centre_id=neighbourhood.centre_id,
        availability=availability,
        consent=consent,
    )


def share_page(*, sender_name: str, recipient: str, path: str):
    """Send one page's link to one person, in a fixed text: nothing else is user-controlled."""
    url = f"{settings.SITE_URL}{path}"
    return queue_email(
        to=recipient,
        subject=SHARE_SUBJECT,
        body=SHARE_BODY.format(sender_name=sender_name, url=url),
    )


def send_director_message(*, centre, sender_name: str, sender_email: str, message: str):
    """Forward a resident's message to the centre's director, whose address stays hidden."""
    return queue_email(
        to=centre.director_email,
        subject=DIRECTOR_SUBJECT,
        body=DIRECTOR_BODY.format(
            sender_name=sender_name,
            sender_email=sender_email,
            centre=centre.name,
            message=message,
        ),
        reply_to=sender_email,
    )


@transaction.atomic
def update_site_hours(details, *, opening_hours: str, by):
    """Staff set a site's opening hours (OSM syntax, validated by the form)."""
    from audit.models import AccessAction
    from audit.services import log_access

    details.opening_hours = opening_hours
    if details.pk is None:
        details.save()
    else:
        details.save(update_fields=["opening_hours", "updated_at"])
    log_access(actor=by, obj=details, action=AccessAction.CHANGE, detail="horaires d’accueil")
    return details


@transaction.atomic
def save_activity(activity, *, by):
    """Create or update an activity of a centre's public page, with an audit row."""
    from audit.models import AccessAction
    from audit.services import log_access

    created = activity.pk is None
    activity.save()
    log_access(
        actor=by,
        obj=activity,
        action=AccessAction.CHANGE,
        detail="activité créée" if created else "activité modifiée",
    )
    return activity
