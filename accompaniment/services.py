"""Writes of the accompaniment: each one locks its row, checks it did not move since the
page was shown (`ActionAlreadyDone`, reception's pattern), and writes its dated, signed
history and its audit row in the same transaction."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from accompaniment.choices import (
    OPEN_ACTION_STATUSES,
    AccompanimentStatus,
    ActionOwner,
    ActionStatus,
    ExitReason,
    Mode,
    PauseReason,
    StepKind,
)
from accompaniment.models import (
    Accompaniment,
    Action,
    Diagnosis,
    DiagnosisDimension,
    Objective,
    PartnerContact,
    Step,
)
from accompaniment.reference import NO_COMMENT_DIMENSIONS, SITUATIONS, Dimension
from audit.models import AccessAction
from audit.services import log_access
from organisations.models import IntegrationMode
from people.selectors import referent_candidates
from reception.models import RequestStatus
from reception.services import ActionAlreadyDone, transition_request

__all__ = ["ActionAlreadyDone"]

# "Tant que la personne exprime et renouvelle sa demande": reviewed every six months.
RENEWAL_MONTHS = 6


class AlreadyAccompanied(Exception):
    """The person already has an open accompaniment (from another request)."""


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for candidate in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def modes_offered_by(centre) -> list[str]:
    """The modes a centre's integration sector offers (organisations' setting)."""
    return {
        IntegrationMode.INDIVIDUAL: [Mode.INDIVIDUAL],
        IntegrationMode.COLLECTIVE: [Mode.COLLECTIVE],
        IntegrationMode.BOTH: [Mode.INDIVIDUAL, Mode.COLLECTIVE],
    }.get(centre.integration_mode, [])


def _audit(by, person, detail):
    log_access(actor=by, obj=person, action=AccessAction.CHANGE, detail=detail)


def _locked_open(accompaniment) -> Accompaniment:
    """The accompaniment's row, locked; closed meanwhile: `ActionAlreadyDone`."""
    locked = Accompaniment.objects.select_for_update().get(pk=accompaniment.pk)
    if not locked.is_open:
        raise ActionAlreadyDone
    return locked


def _touch(accompaniment, day):
    if day and day > accompaniment.last_contact_on:
        Accompaniment.objects.filter(pk=accompaniment.pk).update(last_contact_on=day)
        accompaniment.last_contact_on = day


# ---- The accompaniment's steps -----------------------------------------------------------


@transaction.atomic
def open_accompaniment(
    integration_request, *, by, referent, mode, start_date, expected_status
) -> Accompaniment:
    """Open the accompaniment of a request awaiting analysis; the request moves to "in
    accompaniment" through reception's lifecycle in the same transaction."""
    if mode not in modes_offered_by(integration_request.centre):
        raise ValueError("The centre does not offer this mode.")
    if not referent_candidates(integration_request.person).filter(pk=referent.pk).exists():
        raise ValueError("The referent is neither a coordinator nor the CIP of the centre.")
    moved = transition_request(integration_request, "start", by=by, expected_status=expected_status)
    if (
        Accompaniment.objects.filter(person_id=moved.person_id)
        .exclude(status=AccompanimentStatus.CLOSED)
        .exists()
    ):
        raise AlreadyAccompanied
    try:
        with transaction.atomic():
            accompaniment = Accompaniment.objects.create(
                person_id=moved.person_id,
                request=moved,
                centre_id=moved.centre_id,
                referent=referent,
                mode=mode,
                start_date=start_date,
                review_on=add_months(start_date, RENEWAL_MONTHS),
                last_contact_on=start_date,
                created_by=by,
            )
    except IntegrityError as error:
        raise ActionAlreadyDone from error
    Step.objects.create(
        accompaniment=accompaniment,
        kind=StepKind.OPENED,
        on=start_date,
        by=by,
        comment=f"Référent·e : {referent.get_full_name()} – {accompaniment.get_mode_display()}",
    )
    _audit(by, accompaniment.person, "Accompagnement démarré")
    return accompaniment


def _step(accompaniment, *, kind, by, on, reason="", comment=""):
    Step.objects.create(
        accompaniment=accompaniment, kind=kind, on=on, by=by, reason=reason, comment=comment
    )
    _touch(accompaniment, on)
    _audit(by, accompaniment.person, dict(StepKind.choices)[kind])


@transaction.atomic
def pause(accompaniment, *, by, expected_status, on, reason, comment="") -> Accompaniment:
    locked = Accompaniment.objects.select_for_update().get(pk=accompaniment.pk)
    if locked.status != expected_status or locked.status != AccompanimentStatus.ACTIVE:
        raise ActionAlreadyDone
    if reason == PauseReason.OTHER and not comment.strip():
        raise ValueError("'Other' needs a comment.")
    locked.status = AccompanimentStatus.PAUSED
    locked.save(update_fields=["status"])
    _step(
        locked,
        kind=StepKind.PAUSED,
        by=by,
        on=on,
        reason=PauseReason(reason).label,
        comment=comment.strip(),
    )
    return locked


@transaction.atomic
def resume(accompaniment, *, by, expected_status, on, comment="") -> Accompaniment:
    locked = Accompaniment.objects.select_for_update().get(pk=accompaniment.pk)
    if locked.status != expected_status or locked.status != AccompanimentStatus.PAUSED:
        raise ActionAlreadyDone
    locked.status = AccompanimentStatus.ACTIVE
    locked.save(update_fields=["status"])
    _step(locked, kind=StepKind.RESUMED, by=by, on=on, comment=comment.strip())
    return locked


@transaction.atomic
def renew(accompaniment, *, by, expected_review_on, on, comment="") -> Accompaniment:
    """The person renews the request: the accompaniment goes on six more months."""
    locked = _locked_open(accompaniment)
    if locked.review_on != expected_review_on:
        raise ActionAlreadyDone
    locked.review_on = add_months(max(locked.review_on, on), RENEWAL_MONTHS)
    locked.save(update_fields=["review_on"])
    _step(
        locked,
        kind=StepKind.RENEWED,
        by=by,
        on=on,
        comment=(f"Jusqu’au {locked.review_on:%d/%m/%Y}. {comment.strip()}").strip(),
    )
    return locked


@transaction.atomic
def close(accompaniment, *, by, expected_status, on, exit_reason, comment="") -> Accompaniment:
    """End the accompaniment with its exit reason; its request is closed with it."""
    locked = Accompaniment.objects.select_for_update().get(pk=accompaniment.pk)
    if locked.status != expected_status or not locked.is_open:
        raise ActionAlreadyDone
    if exit_reason == ExitReason.OTHER and not comment.strip():
        raise ValueError("'Other' needs a comment.")
    if on < locked.start_date:
        raise ValueError("An accompaniment cannot end before it starts.")
    locked.status = AccompanimentStatus.CLOSED
    locked.exit_reason = exit_reason
    locked.exit_comment = comment.strip()
    locked.end_date = on
    locked.save(update_fields=["status", "exit_reason", "exit_comment", "end_date"])
    _step(
        locked,
        kind=StepKind.CLOSED,
        by=by,
        on=on,
        reason=ExitReason(exit_reason).label,
        comment=comment.strip(),
    )
    request_ = locked.request
    if request_.status == RequestStatus.IN_ACCOMPANIMENT:
        transition_request(
            request_,
            "close",
            by=by,
            expected_status=RequestStatus.IN_ACCOMPANIMENT,
            comment=f"Fin de l’accompagnement : {locked.exit_label}",
        )
    return locked


# ---- Diagnosis ---------------------------------------------------------------------------


@transaction.atomic
def record_diagnosis(
    accompaniment, *, by, made_on, qualification_level, dimensions, submission=None
) -> Diagnosis:
    """A new dated diagnosis; earlier ones are never changed.

    `dimensions`: {dimension: (assessment, [situation codes], comment)}.
    """
    locked = _locked_open(accompaniment)
    if submission and Diagnosis.objects.filter(submission=submission).exists():
        raise ActionAlreadyDone
    diagnosis = Diagnosis.objects.create(
        accompaniment=locked,
        made_on=made_on,
        qualification_level=qualification_level,
        created_by=by,
        submission=submission,
    )
    rows = []
    for dimension in Dimension:
        assessment, situations, comment = dimensions[dimension]
        allowed = {s.code for s in SITUATIONS[dimension]}
        if not set(situations) <= allowed:
            raise ValueError(f"Unknown situation for {dimension}.")
        rows.append(
            DiagnosisDimension(
                diagnosis=diagnosis,
                dimension=dimension,
                assessment=assessment,
                situations=list(situations),
                comment="" if dimension in NO_COMMENT_DIMENSIONS else comment.strip(),
            )
        )
    DiagnosisDimension.objects.bulk_create(rows)
    _touch(locked, made_on)
    _audit(by, locked.person, "Diagnostic enregistré")
    return diagnosis


# ---- Action plan -------------------------------------------------------------------------


@transaction.atomic
def add_objective(accompaniment, *, by, dimension, title, submission=None) -> Objective:
    locked = _locked_open(accompaniment)
    if submission and Objective.objects.filter(submission=submission).exists():
        raise ActionAlreadyDone
    objective = Objective.objects.create(
        accompaniment=locked,
        dimension=Dimension(dimension),
        title=title.strip(),
        created_by=by,
        submission=submission,
    )
    _audit(by, locked.person, "Objectif ajouté au plan")
    return objective


@transaction.atomic
def set_objective_status(objective, *, by, status, expected_status) -> Objective:
    _locked_open(objective.accompaniment)
    locked = Objective.objects.select_for_update().get(pk=objective.pk)
    if locked.status != expected_status:
        raise ActionAlreadyDone
    locked.status = status
    locked.save(update_fields=["status"])
    _audit(by, objective.accompaniment.person, "Statut d’un objectif modifié")
    return locked


@transaction.atomic
def add_action(objective, *, by, title, owner, due_on, partner=None, submission=None) -> Action:
    """An action of the plan; it cannot be due before the accompaniment starts."""
    accompaniment = _locked_open(objective.accompaniment)
    if due_on < accompaniment.start_date:
        raise ValueError("An action cannot be due before the accompaniment starts.")
    if submission and Action.objects.filter(submission=submission).exists():
        raise ActionAlreadyDone
    action = Action.objects.create(
        objective=objective,
        title=title.strip(),
        owner=owner,
        partner=partner if owner == ActionOwner.PARTNER else None,
        due_on=due_on,
        created_by=by,
        status_changed_by=by,
        submission=submission,
    )
    _audit(by, accompaniment.person, "Action ajoutée au plan")
    return action


@transaction.atomic
def set_action_status(action, *, by, status, expected_status, done_on=None) -> Action:
    accompaniment = _locked_open(action.objective.accompaniment)
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if locked.status != expected_status:
        raise ActionAlreadyDone
    if status == ActionStatus.DONE:
        done_on = done_on or timezone.localdate()
        if done_on < accompaniment.start_date:
            raise ValueError("An action cannot be done before the accompaniment starts.")
    locked.status = status
    locked.done_on = done_on if status == ActionStatus.DONE else None
    locked.status_changed_at = timezone.now()
    locked.status_changed_by = by
    locked.save(update_fields=["status", "done_on", "status_changed_at", "status_changed_by"])
    if locked.done_on:
        _touch(accompaniment, locked.done_on)
    _audit(by, accompaniment.person, "Statut d’une action modifié")
    return locked


def plan_progress(objectives) -> tuple[int, int]:
    """(done, counted) actions: cancelled and abandoned ones do not count."""
    done = counted = 0
    for objective in objectives:
        for action in objective.actions.all():
            if action.status in OPEN_ACTION_STATUSES or action.status == ActionStatus.DONE:
                counted += 1
                done += action.status == ActionStatus.DONE
    return done, counted


# ---- Contacts with partners --------------------------------------------------------------


@transaction.atomic
def record_contact(
    *,
    by,
    centre,
    organisation,
    channel,
    happened_on,
    summary,
    visibility,
    with_whom="",
    person=None,
    submission=None,
) -> PartnerContact:
    if submission and PartnerContact.objects.filter(submission=submission).exists():
        raise ActionAlreadyDone
    if person is not None and person.centre_id != centre.pk:
        raise ValueError("The person does not belong to this centre.")
    contact = PartnerContact.objects.create(
        centre=centre,
        person=person,
        organisation=organisation,
        channel=channel,
        happened_on=happened_on,
        with_whom=with_whom.strip(),
        summary=summary.strip(),
        visibility=visibility,
        created_by=by,
        submission=submission,
    )
    if person is not None:
        note_contact_day(person, happened_on)
        _audit(by, person, "Contact avec un partenaire noté")
    return contact


def note_contact_day(person, day) -> None:
    """A dated exchange about the person (a contact, an appointment kept...): the open
    accompaniments' "last contact" moves forward, never back. For other apps too."""
    for accompaniment in (
        Accompaniment.objects.select_for_update()
        .filter(person=person)
        .exclude(status=AccompanimentStatus.CLOSED)
    ):
        _touch(accompaniment, day)
