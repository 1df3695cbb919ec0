"""Orientations to partner services: proposal, sending with an answer link, the partner's
answers (each only from the status it applies to, checked here on the locked row),
reminders and expiry.

A link's token is shown once (in the e-mail) and stored as its SHA-256 only; the link is
valid LINK_VALIDITY_DAYS from sending, revocable, every opening logged (`LinkOpening`).
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accompaniment.choices import OrientationStatus, RefusalReason
from accompaniment.models import LinkOpening, Orientation, OrientationEvent, OrientationLink
from accompaniment.services import ActionAlreadyDone, _audit, _locked_open
from notifications.services import queue_email
from people.selectors import active_consents

LINK_VALIDITY_DAYS = 30
REMINDER_AFTER_DAYS = 10
EXPIRY_AFTER_DAYS = 30


@dataclass(frozen=True)
class Answer:
    name: str
    label: str  # the button
    source: str
    target: str


# The partner's answers: each from one status only.
ANSWERS = {
    a.name: a
    for a in [
        Answer(
            "accept", "Accepter l’orientation", OrientationStatus.SENT, OrientationStatus.ACCEPTED
        ),
        Answer(
            "refuse", "Refuser l’orientation", OrientationStatus.SENT, OrientationStatus.REFUSED
        ),
        Answer(
            "done",
            "La personne a bénéficié du service",
            OrientationStatus.ACCEPTED,
            OrientationStatus.DONE,
        ),
        Answer(
            "no_follow_up", "Sans suite", OrientationStatus.ACCEPTED, OrientationStatus.NO_FOLLOW_UP
        ),
    ]
}

REORIENTABLE = (
    OrientationStatus.REFUSED,
    OrientationStatus.EXPIRED,
    OrientationStatus.NO_FOLLOW_UP,
    OrientationStatus.CANCELLED,
)


def answers_from(status: str) -> list[Answer]:
    return [a for a in ANSWERS.values() if a.source == status]


def consented_shares(person, organisation) -> list[str]:
    """What the person agreed to share with this partner (latest agreement in force)."""
    for consent in active_consents(person):
        if consent.partner_id == organisation.pk:
            return list(consent.shared)
    return []


def _event(orientation, *, from_status, to_status, by=None, by_label="", at=None):
    OrientationEvent.objects.create(
        orientation=orientation,
        from_status=from_status,
        to_status=to_status,
        at=at or timezone.now(),
        by=by,
        by_label=by_label or (by.get_full_name() if by else ""),
    )


def _move(locked, target, *, by=None, by_label="", fields=()):
    now = timezone.now()
    _event(locked, from_status=locked.status, to_status=target, by=by, by_label=by_label, at=now)
    locked.status = target
    locked.status_changed_at = now
    locked.save(update_fields=["status", "status_changed_at", *fields])


@transaction.atomic
def propose(
    accompaniment, *, by, service, reason, shared, objective=None, reorients=None, submission=None
) -> Orientation:
    """Propose an orientation; only what the person consented to for that partner is shared."""
    locked = _locked_open(accompaniment)
    if submission and Orientation.objects.filter(submission=submission).exists():
        raise ActionAlreadyDone
    if not set(shared) <= set(consented_shares(locked.person, service.organisation)):
        raise ValueError("The person did not agree to share this with this partner.")
    if objective is not None and objective.accompaniment_id != locked.pk:
        raise ValueError("The objective belongs to another accompaniment.")
    if reorients is not None and (
        reorients.accompaniment_id != locked.pk or reorients.status not in REORIENTABLE
    ):
        raise ActionAlreadyDone
    orientation = Orientation.objects.create(
        accompaniment=locked,
        objective=objective,
        service=service,
        organisation_id=service.organisation_id,
        reason=reason.strip(),
        shared=list(shared),
        reorients=reorients,
        created_by=by,
        submission=submission,
    )
    _event(orientation, from_status="", to_status=OrientationStatus.PROPOSED, by=by)
    _audit(by, locked.person, "Orientation proposée")
    return orientation


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_link(orientation) -> tuple[OrientationLink, str]:
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    link = OrientationLink.objects.create(
        orientation=orientation,
        token_hash=_hash(token),
        sent_to=orientation.service.contact_email,
        created_at=now,
        expires_at=now + datetime.timedelta(days=LINK_VALIDITY_DAYS),
    )
    return link, token


def link_url(token: str) -> str:
    return settings.SITE_URL + reverse("orientations:link_open", kwargs={"token": token})


def _email_link(orientation, token, *, subject, intro):
    """To the service's registered address only. No personal data in the subject."""
    centre = orientation.accompaniment.centre
    body = (
        f"Bonjour,\n\n{intro}\n\n"
        f"Service : {orientation.service.name}\n"
        f"Orientée par : le secteur insertion du centre social {centre.name}\n\n"
        f"Pour la consulter et y répondre, ouvrez ce lien (valable {LINK_VALIDITY_DAYS} jours, "
        f"à ne pas transférer) :\n{link_url(token)}\n\n"
        "Vous pourrez revenir sur ce lien pour indiquer la suite donnée.\n\n"
        "Parcours – Ville de Montreuil"
    )
    queue_email(to=orientation.service.contact_email, subject=subject, body=body)


@transaction.atomic
def send(orientation, *, by, expected_status) -> Orientation:
    """Send a proposed orientation: a fresh link e-mailed to the partner service."""
    _locked_open(orientation.accompaniment)
    locked = (
        Orientation.objects.select_for_update().select_related("service").get(pk=orientation.pk)
    )
    if locked.status != expected_status or locked.status != OrientationStatus.PROPOSED:
        raise ActionAlreadyDone
    locked.sent_at = timezone.now()
    _move(locked, OrientationStatus.SENT, by=by, fields=["sent_at"])
    _link, token = _new_link(locked)
    _email_link(
        locked,
        token,
        subject="[Parcours] Nouvelle orientation à traiter",
        intro="Une personne accompagnée vous est orientée.",
    )
    _audit(by, locked.accompaniment.person, "Orientation envoyée au partenaire")
    return locked


@transaction.atomic
def cancel(orientation, *, by, expected_status) -> Orientation:
    """The CIP withdraws an orientation not answered yet; its links stop working."""
    locked = Orientation.objects.select_for_update().get(pk=orientation.pk)
    if locked.status != expected_status or locked.status not in (
        OrientationStatus.PROPOSED,
        OrientationStatus.SENT,
    ):
        raise ActionAlreadyDone
    _move(locked, OrientationStatus.CANCELLED, by=by)
    locked.links.filter(revoked_at=None).update(revoked_at=timezone.now(), revoked_by=by)
    _audit(by, orientation.accompaniment.person, "Orientation annulée")
    return locked


@transaction.atomic
def revoke_links(orientation, *, by) -> int:
    revoked = orientation.links.filter(revoked_at=None).update(
        revoked_at=timezone.now(), revoked_by=by
    )
    if not revoked:
        raise ActionAlreadyDone
    _audit(by, orientation.accompaniment.person, "Lien de réponse révoqué")
    return revoked


@transaction.atomic
def answer(
    orientation, name, *, expected_status, by=None, link=None, reasons=(), message="", comment=""
) -> Orientation:
    """The partner answers, with an account (`by`) or through a link (`link`).

    Only from the status the answer applies to: a refused orientation cannot be accepted
    through an old page."""
    answer_ = ANSWERS[name]
    locked = (
        Orientation.objects.select_for_update(of=("self",))
        .select_related("organisation", "service", "accompaniment__referent")
        .get(pk=orientation.pk)
    )
    if locked.status != expected_status or locked.status != answer_.source:
        raise ActionAlreadyDone
    fields = []
    if answer_.target == OrientationStatus.REFUSED:
        if not reasons or not set(reasons) <= set(RefusalReason.values) or not message.strip():
            raise ValueError("A refusal needs reasons and a message.")
        locked.refusal_reasons = list(reasons)
        locked.refusal_message = message.strip()
        fields += ["refusal_reasons", "refusal_message"]
    if answer_.source == OrientationStatus.ACCEPTED:
        locked.outcome_comment = comment.strip()
        fields.append("outcome_comment")
    if link is not None:
        by_label = f"{locked.organisation.name} (par le lien envoyé à {link.sent_to})"
        LinkOpening.objects.create(link=link, what=f"Réponse : {answer_.label}")
    else:
        by_label = f"{by.get_full_name()} ({locked.organisation.name})"
        _audit(by, locked.accompaniment.person, f"Orientation : {answer_.label}")
    _move(locked, answer_.target, by=by, by_label=by_label, fields=fields)
    _tell_referent(locked, target=answer_.target)
    return locked


def _tell_referent(orientation, *, target):
    """The referent learns of an answer or an expiry by e-mail: no name, a link to the page."""
    referent = orientation.accompaniment.referent
    if not referent.email:
        return
    url = settings.SITE_URL + reverse(
        "accompaniment:orientation_detail", kwargs={"pk": orientation.pk}
    )
    queue_email(
        to=referent.email,
        subject=(
            "[Parcours] Orientation expirée sans réponse"
            if target == OrientationStatus.EXPIRED
            else "[Parcours] Réponse d’un partenaire à une orientation"
        ),
        body=(
            f"Bonjour,\n\nL’orientation n° {orientation.pk} vers "
            f"{orientation.service.name} ({orientation.organisation.name}) est "
            f"{OrientationStatus(target).label.lower()}.\n\n"
            f"Pour la consulter (connexion nécessaire) :\n{url}\n\nParcours – Ville de Montreuil"
        ),
    )


# ---- Links -------------------------------------------------------------------------------


def find_link(token: str) -> OrientationLink | None:
    if not token or len(token) > 100:
        return None
    return (
        OrientationLink.objects.select_related("orientation")
        .filter(token_hash=_hash(token))
        .first()
    )


def log_opening(link, what="Ouverture du lien") -> None:
    LinkOpening.objects.create(link=link, what=what)


@transaction.atomic
def send_fresh_link(link) -> bool:
    """An expired link asks for a new one: it goes to the service's registered address only,
    never to whoever holds the old link. Nothing for a revoked link or a closed orientation."""
    locked = OrientationLink.objects.select_for_update().get(pk=link.pk)
    orientation = locked.orientation
    if locked.revoked_at is not None or not locked.is_expired:
        return False
    if orientation.status not in (OrientationStatus.SENT, OrientationStatus.ACCEPTED):
        return False
    if orientation.links.filter(revoked_at=None, expires_at__gt=timezone.now()).exists():
        return False  # a fresh link was already sent
    LinkOpening.objects.create(link=locked, what="Demande d’un nouveau lien")
    _new, token = _new_link(orientation)
    _email_link(
        orientation,
        token,
        subject="[Parcours] Nouveau lien pour une orientation",
        intro="Vous avez demandé un nouveau lien pour répondre à une orientation.",
    )
    return True


# ---- Reminders and expiry (the periodic task) --------------------------------------------


def remind_and_expire(now=None) -> tuple[int, int]:
    """Remind the partner of an orientation sent 10 days ago and not answered (again every
    10 days), expire it after 30 days. Idempotent: running twice changes nothing more."""
    now = now or timezone.now()
    expired = 0
    expiry_limit = now - datetime.timedelta(days=EXPIRY_AFTER_DAYS)
    for orientation in Orientation.objects.filter(
        status=OrientationStatus.SENT, sent_at__lte=expiry_limit
    ).order_by("pk"):
        with transaction.atomic():
            locked = Orientation.objects.select_for_update().get(pk=orientation.pk)
            if locked.status != OrientationStatus.SENT:
                continue
            _move(locked, OrientationStatus.EXPIRED, by_label="Parcours (sans réponse en 30 jours)")
            locked.links.filter(revoked_at=None).update(revoked_at=now)
            _tell_referent(locked, target=OrientationStatus.EXPIRED)
            expired += 1
    reminded = 0
    reminder_limit = now - datetime.timedelta(days=REMINDER_AFTER_DAYS)
    for orientation in (
        Orientation.objects.filter(status=OrientationStatus.SENT, sent_at__lte=reminder_limit)
        .exclude(last_reminder_at__gt=reminder_limit)
        .select_related("service", "accompaniment__centre")
        .order_by("pk")
    ):
        with transaction.atomic():
            locked = Orientation.objects.select_for_update().get(pk=orientation.pk)
            if locked.status != OrientationStatus.SENT or (
                locked.last_reminder_at and locked.last_reminder_at > reminder_limit
            ):
                continue
            locked.last_reminder_at = now
            locked.save(update_fields=["last_reminder_at"])
            # The token is never stored: the reminder carries a fresh link, the old stays valid.
            _new, token = _new_link(orientation)
            _email_link(
                orientation,
                token,
                subject="[Parcours] Relance : une orientation attend votre réponse",
                intro="Une orientation vous attend depuis plus de 10 jours.",
            )
            reminded += 1
    return reminded, expired
