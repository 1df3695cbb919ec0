"""State changes of the reception: named services writing their history in the same transaction."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts.models import Role
from audit.models import AccessAction
from audit.services import log_access
from reception.lifecycle import TRANSITIONS
from reception.models import (
    Handoff,
    IntegrationRequest,
    RequestStatus,
    RequestTransition,
    Visit,
    VisitOutcome,
)
from reception.notify import notify_handoff


class ActionAlreadyDone(Exception):
    """The object moved since the page was shown (double submit, a colleague was faster)."""

    message = "Action déjà effectuée."


@transaction.atomic
def record_visit(*, by, centre, site, reason, outcome, person=None, at=None, note="") -> Visit:
    """Log a passage at the desk; "handed to the coordinator" hands the person over too."""
    if site.centre_id != centre.pk:
        raise ValueError("The site does not belong to the centre.")
    if person is not None:
        from audit.rights import ensure_not_restricted

        ensure_not_restricted(person)
    visit = Visit.objects.create(
        at=at or timezone.now(),
        centre=centre,
        site=site,
        agent=by,
        person=person,
        reason=reason,
        outcome=outcome,
    )
    if person is not None and outcome == VisitOutcome.HANDED_TO_COORDINATOR:
        notify_handoff(
            Handoff.objects.create(
                person=person,
                visit=visit,
                from_user=by,
                to_role=Role.COORDINATOR,
                to_centre=centre,
                note=note,
            )
        )
    if person is not None:
        log_access(actor=by, obj=visit, action=AccessAction.CHANGE, detail="Passage enregistré")
    return visit


def _take_over(handoffs, *, by) -> None:
    handoffs.filter(taken_at__isnull=True).update(taken_at=timezone.now(), taken_by=by)


@transaction.atomic
def record_request(
    person, *, by, needs, description="", urgency="normal", renews=None
) -> IntegrationRequest:
    """The coordinator records a request; it takes over the hand-offs waiting for them."""
    from audit.rights import ensure_not_restricted

    ensure_not_restricted(person)
    integration_request = IntegrationRequest.objects.create(
        person=person,
        centre_id=person.centre_id,
        needs=list(needs),
        description=description,
        urgency=urgency,
        renews=renews,
        created_by=by,
    )
    RequestTransition.objects.create(
        request=integration_request,
        from_status="",
        to_status=RequestStatus.NEW,
        by=by,
        comment=f"Renouvellement de la demande n° {renews.pk}" if renews else "",
    )
    _take_over(
        Handoff.objects.filter(
            person=person, to_role=Role.COORDINATOR, to_centre_id=person.centre_id
        ),
        by=by,
    )
    log_access(
        actor=by, obj=integration_request, action=AccessAction.CHANGE, detail="Demande enregistrée"
    )
    return integration_request


def renew_request(previous, *, by, needs, description="", urgency="normal") -> IntegrationRequest:
    """The person renews a request: a new request, linked to the previous one."""
    return record_request(
        previous.person,
        by=by,
        needs=needs,
        description=description,
        urgency=urgency,
        renews=previous,
    )


@transaction.atomic
def transition_request(
    integration_request, name, *, by, expected_status, comment="", to_user=None
) -> IntegrationRequest:
    """Move a request through one transition of `lifecycle`, signed and dated.

    The row is locked (`select_for_update`) and its status compared with the one the
    user saw (`expected_status`): if it moved meanwhile, `ActionAlreadyDone`.
    """
    from parcours.permissions import can_transition_request

    transition = TRANSITIONS[name]
    locked = IntegrationRequest.objects.select_for_update().get(pk=integration_request.pk)
    if locked.status != expected_status or locked.status not in transition.sources:
        raise ActionAlreadyDone
    if not can_transition_request(by, locked, transition):
        raise PermissionDenied("Vous ne pouvez pas effectuer cette action sur cette demande.")
    if transition.needs_comment and not comment.strip():
        raise ValueError("This transition needs a comment.")
    now = timezone.now()
    RequestTransition.objects.create(
        request=locked,
        from_status=locked.status,
        to_status=transition.target,
        at=now,
        by=by,
        comment=comment.strip(),
    )
    locked.status = transition.target
    locked.status_changed_at = now
    fields = ["status", "status_changed_at"]
    if transition.target == RequestStatus.CLOSED:
        locked.closing_reason = comment.strip()
        fields.append("closing_reason")
    elif locked.closing_reason:
        locked.closing_reason = ""
        fields.append("closing_reason")
    locked.save(update_fields=fields)
    # Whoever moves the request has taken over what was handed to them about it.
    _take_over(Handoff.objects.filter(request=locked, to_role__in=transition.roles), by=by)
    if transition.hands_over_to:
        notify_handoff(
            Handoff.objects.create(
                person_id=locked.person_id,
                request=locked,
                from_user=by,
                to_role=transition.hands_over_to,
                to_centre_id=locked.centre_id,
                to_user=to_user,
                note=comment.strip(),
                at=now,
            )
        )
    log_access(
        actor=by, obj=locked, action=AccessAction.CHANGE, detail=f"Demande : {transition.label}"
    )
    return locked


@transaction.atomic
def hand_request_to_colleague(integration_request, *, by, membership, note) -> Handoff:
    """ "Transmettre à un·e collègue": hand an open request to a named coordinator or CIP
    of its centre (the membership says who and in which role); the hand-off is the history.

    A second identical hand-off still waiting, or a request closed meanwhile: `ActionAlreadyDone`.
    """
    from parcours.permissions import REQUEST_READER_ROLES, can_hand_request_to_colleague

    locked = IntegrationRequest.objects.select_for_update().get(pk=integration_request.pk)
    if not locked.is_open:
        raise ActionAlreadyDone
    if not can_hand_request_to_colleague(by, locked):
        raise PermissionDenied("Vous ne pouvez pas transmettre cette demande.")
    if (
        membership.centre_id != locked.centre_id
        or membership.role not in REQUEST_READER_ROLES
        or not membership.is_active
        or membership.user_id == by.pk
    ):
        raise ValueError("The colleague does not serve the request's centre.")
    if Handoff.objects.filter(
        request=locked, to_colleague=True, to_user_id=membership.user_id, taken_at__isnull=True
    ).exists():
        raise ActionAlreadyDone
    handoff = Handoff.objects.create(
        person_id=locked.person_id,
        request=locked,
        from_user=by,
        to_role=membership.role,
        to_centre_id=locked.centre_id,
        to_user_id=membership.user_id,
        to_colleague=True,
        note=note.strip(),
    )
    log_access(
        actor=by, obj=handoff, action=AccessAction.CHANGE, detail="Transmise à un·e collègue"
    )
    notify_handoff(handoff)
    return handoff


@transaction.atomic
def take_over_handoff(handoff, *, by, reason: str = "") -> Handoff:
    """The receiver marks a hand-off as taken over ("Pris en charge sans demande"), saying
    why no request is recorded (`TakeOverReason`)."""
    locked = Handoff.objects.select_for_update().get(pk=handoff.pk)
    if locked.taken_at is not None:
        raise ActionAlreadyDone
    locked.taken_at = timezone.now()
    locked.taken_by = by
    locked.taken_reason = reason
    locked.save(update_fields=["taken_at", "taken_by", "taken_reason"])
    log_access(
        actor=by, obj=locked, action=AccessAction.CHANGE, detail="Transmission prise en charge"
    )
    return locked


@transaction.atomic
def hand_visit_over(visit, *, by, note="") -> Handoff:
    """ "Transmettre à la coordination" for a visit already logged; once only."""
    locked = Visit.objects.select_for_update().get(pk=visit.pk)
    if locked.handoffs.exists():
        raise ActionAlreadyDone
    locked.outcome = VisitOutcome.HANDED_TO_COORDINATOR
    locked.save(update_fields=["outcome"])
    handoff = Handoff.objects.create(
        person_id=locked.person_id,
        visit=locked,
        from_user=by,
        to_role=Role.COORDINATOR,
        to_centre_id=locked.centre_id,
        note=note,
    )
    log_access(
        actor=by, obj=handoff, action=AccessAction.CHANGE, detail="Transmis à la coordination"
    )
    notify_handoff(handoff)
    return handoff
