"""State changes of the public site. Each one is a named function; the actor is a keyword."""

import contextlib

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from audit.models import AccessAction
from audit.services import log_access
from directory.caching import content_changed
from directory.models import Article, Comment, CommentReply, CommentStatus, ContactRequest
from notifications.services import queue_email
from parcours.french import de

SHARE_SUBJECT = "Une page du site des centres sociaux de Montreuil"
SHARE_BODY = """Bonjour,

{sender_name} vous recommande la page « {title} » du site des centres sociaux de la Ville
de Montreuil :

{url}

Ce message vous a été envoyé à la demande {of_sender}
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
    if approve:
        content_changed()
    return comment


ACKNOWLEDGEMENT_SUBJECT = "Votre demande au centre social a bien été reçue"
ACKNOWLEDGEMENT_BODY = """Bonjour,

Nous avons bien reçu votre demande sur le site des centres sociaux de Montreuil.

Une personne du centre social {centre} va vous appeler ou vous écrire dans les prochains jours.

Si vous voulez nous joindre avant : {phone}.

Ce message est envoyé automatiquement. Merci de ne pas y répondre.

Ville de Montreuil – Les centres sociaux
"""


class AlreadyAnswered(Exception):
    """The comment has a reply already (a colleague, or a second click)."""


@transaction.atomic
def answer_comment(comment, *, body: str, by) -> CommentReply:
    """Publish the centre's reply under a published comment; once per comment."""
    locked = (
        Comment.objects.select_for_update(of=("self",)).select_related("article").get(pk=comment.pk)
    )
    if (
        locked.status != CommentStatus.APPROVED
        or CommentReply.objects.filter(comment=locked).exists()
    ):
        raise AlreadyAnswered
    reply = CommentReply.objects.create(
        comment=locked, centre=locked.answering_centre, body=body, written_by=by
    )
    log_access(actor=by, obj=reply, action=AccessAction.CHANGE, detail="réponse publiée")
    content_changed()
    return reply


@transaction.atomic
def create_contact_request(
    *, name: str, phone, email: str, neighbourhood, availability: str, consent: bool
) -> ContactRequest:
    """A resident asks the integration service to call back: it goes to their centre, or to the
    centre that takes in their neighbourhood when theirs has no integration sector
    (`integration_centre_for`). A resident who left an e-mail address gets a short
    acknowledgement: the centre's name and phone, nothing of what they wrote."""
    from directory.selectors import integration_centre_for

    centre = integration_centre_for(neighbourhood)
    contact = ContactRequest.objects.create(
        name=name,
        phone=phone or "",
        email=email,
        neighbourhood=neighbourhood,
        centre=centre,
        availability=availability,
        consent=consent,
    )
    if email:
        queue_email(
            to=email,
            subject=ACKNOWLEDGEMENT_SUBJECT,
            body=ACKNOWLEDGEMENT_BODY.format(
                centre=centre.name,
                phone=centre.phone.as_national if centre.phone else "voir le site",
            ),
        )
    return contact


def share_page(*, sender_name: str, recipient: str, path: str, title: str = "la page du site"):
    """Send one page's link to one person, in a fixed text: nothing else is user-controlled."""
    url = f"{settings.SITE_URL}{path}"
    return queue_email(
        to=recipient,
        subject=SHARE_SUBJECT,
        body=SHARE_BODY.format(
            sender_name=sender_name, of_sender=de(sender_name), title=title, url=url
        ),
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
    details.opening_hours = opening_hours
    if details.pk is None:
        details.save()
    else:
        details.save(update_fields=["opening_hours", "updated_at"])
    log_access(actor=by, obj=details, action=AccessAction.CHANGE, detail="horaires d’accueil")
    content_changed()
    return details


@transaction.atomic
def save_activity(activity, *, by):
    """Create or update an activity of a centre's public page, with an audit row."""
    created = activity.pk is None
    activity.save()
    log_access(
        actor=by,
        obj=activity,
        action=AccessAction.CHANGE,
        detail="activité créée" if created else "activité modifiée",
    )
    content_changed()
    return activity


# --- Articles and editorial texts (staff area) ----------------------------------------------


class AlreadyDone(Exception):
    """The transition was already made (by a colleague, or a second click)."""


def _unique_slug(title: str, *, exclude_pk=None) -> str:
    max_length = Article._meta.get_field("slug").max_length
    base = slugify(title)[: max_length - 4].strip("-") or "article"
    taken = set(
        Article.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def save_article(article, *, by, publish: bool, published_at=None) -> Article:
    """Create or update an article's text, then publish or unpublish it as asked.

    The slug is made from the title at creation and follows it while the article has never
    been published; once published, its address never changes (links are out there).
    """
    created = article.pk is None
    if created:
        article.created_by = by
    if article.published_at is None and not article.is_published:
        article.slug = _unique_slug(article.title, exclude_pk=article.pk)
    article.save()
    log_access(
        actor=by,
        obj=article,
        action=AccessAction.CHANGE,
        detail="article créé" if created else "article modifié",
    )
    if publish:
        # Published already with this date: the text change is all there is.
        with contextlib.suppress(AlreadyDone):
            publish_article(article, by=by, published_at=published_at)
    elif article.is_published:
        unpublish_article(article, by=by)
    content_changed()
    return article


@transaction.atomic
def publish_article(article, *, by, published_at=None) -> Article:
    """Put the article on /actualites/, dated `published_at` (now when not given).

    Already published: only a new date given changes anything; otherwise AlreadyDone.
    """
    locked = Article.objects.select_for_update().get(pk=article.pk)
    if locked.is_published and (published_at is None or published_at == locked.published_at):
        raise AlreadyDone
    detail = "date de publication modifiée" if locked.is_published else "article publié"
    article.is_published = True
    article.published_at = published_at or timezone.now()
    article.save(update_fields=["is_published", "published_at", "updated_at"])
    log_access(actor=by, obj=article, action=AccessAction.CHANGE, detail=detail)
    content_changed()
    return article


@transaction.atomic
def unpublish_article(article, *, by) -> Article:
    """Take the article off the public site; it becomes a draft again (its date is kept)."""
    locked = Article.objects.select_for_update().get(pk=article.pk)
    if not locked.is_published:
        raise AlreadyDone
    article.is_published = False
    article.save(update_fields=["is_published", "updated_at"])
    log_access(actor=by, obj=article, action=AccessAction.CHANGE, detail="article dépublié")
    content_changed()
    return article


@transaction.atomic
def update_page_text(page_text, *, title: str, body: str, by):
    """Staff edit a text of the public site (the introduction of /centres-sociaux/)."""
    page_text.title, page_text.body = title, body
    page_text.save(update_fields=["title", "body", "updated_at"])
    log_access(
        actor=by, obj=page_text, action=AccessAction.CHANGE, detail=f"texte « {page_text.key} »"
    )
    content_changed()
    return page_text


@transaction.atomic
def update_centre_page(centre_page, *, presentation: str, integration_access: str, by):
    """The director (or an administrator) edits what the centre's public page says."""
    centre_page.presentation = presentation
    centre_page.integration_access = integration_access
    if centre_page.pk is None:
        centre_page.save()
    else:
        centre_page.save(update_fields=["presentation", "integration_access", "updated_at"])
    log_access(
        actor=by, obj=centre_page, action=AccessAction.CHANGE, detail="présentation du centre"
    )
    content_changed()
    return centre_page
