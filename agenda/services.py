"""State changes of the agenda: named services that write their history (AppointmentEvent),
an audit row and the messages to send, in the transaction of the change.

Double booking is refused by PostgreSQL (exclusion constraints); `_save_or_clash` turns the
refusal into `SlotTaken`, whose message names the clashing slot.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from agenda import messaging
from agenda.checks import SlotProblem, check_slot, end_of
from agenda.models import (
    FREEING_STATUSES,
    Appointment,
    AppointmentEvent,
    AppointmentKind,
    AppointmentStatus,
    EventAction,
    MessageKind,
)
from audit.models import AccessAction
from audit.services import log_access
from reception.services import ActionAlreadyDone

__all__ = ["ActionAlreadyDone", "SlotProblem", "SlotTaken"]

CONSTRAINT_SUBJECTS = {
    "appointment_no_overlap_staff": "staff",
    "appointment_no_overlap_person": "person",
    "appointment_no_overlap_room": "room",
}

# planned → seen / no-show / excused / cancelled; a filled-in status may be corrected.
RECORDABLE = {
    AppointmentStatus.SEEN,
    AppointmentStatus.NO_SHOW,
    AppointmentStatus.EXCUSED,
    AppointmentStatus.CANCELLED,
}
# What happened can only be said once the appointment has begun.
AFTER_START_ONLY = {AppointmentStatus.SEEN, AppointmentStatus.NO_SHOW}
NEEDS_REASON = {AppointmentStatus.EXCUSED, AppointmentStatus.CANCELLED}


WORKSHOP_STATUS_FOLLOWS = (
    "Le statut d’une séance d’atelier suit la séance : saisissez les présences, ou "
    "annulez-la, depuis la page de la séance."
)


class SlotTaken(Exception):
    """The slot overlaps another appointment of the staff member, the person or the room."""

    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.message = message
        self.field = field


def open_accompaniment_of(person):
    """The person's accompaniment that is not closed, or None."""
    from accompaniment.models import Accompaniment

    return Accompaniment.objects.filter(person=person).exclude(status="closed").first()


def check_linked_accompaniment(accompaniment) -> None:
    """An appointment may be linked to an open accompaniment only; a closed one is refused
    with a French message."""
    if accompaniment is not None and getattr(accompaniment, "is_closed", False):
        raise SlotProblem(
            "L’accompagnement de cette personne est clôturé : rouvrez-le avant de prendre "
            "un rendez-vous.",
            field="__all__",
        )


def _clash_message(subject: str, appointment: Appointment) -> tuple[str, str]:
    from agenda.timeline import slot_label

    clash_filter = {
        "staff": {"staff_id": appointment.staff_id},
        "person": {"person_id": appointment.person_id},
        "room": {"room_id": appointment.room_id},
    }[subject]
    other = (
        Appointment.objects.filter(
            starts_at__lt=appointment.ends_at, ends_at__gt=appointment.starts_at, **clash_filter
        )
        .exclude(status__in=FREEING_STATUSES)
        .exclude(pk=appointment.pk)
        .select_related("staff", "room", "site", "workshop_session__cycle")
        .order_by("starts_at")
        .first()
    )
    slot = ""
    if other is not None:
        end = timezone.localtime(other.ends_at)
        slot = f" : {slot_label(other)} – {end:%H} h {end:%M}"
        if other.is_workshop:
            slot = f" ({other.workshop_label}){slot}"
    if subject == "staff":
        who = appointment.staff.get_full_name()
        if other is not None and other.is_workshop:
            return f"{who} anime une séance d’atelier sur ce créneau{slot}.", "start_time"
        return f"{who} a déjà un rendez-vous sur ce créneau{slot}.", "start_time"
    if subject == "person":
        return f"La personne a déjà un rendez-vous sur ce créneau{slot}.", "start_time"
    return f"La salle « {appointment.room.name} » est déjà prise sur ce créneau{slot}.", "room"


def facilitated_clash(staff, starts_at, ends_at, *, exclude_pk=None):
    """A workshop session this staff member co-facilitates over the slot, or None.

    The exclusion constraint covers the session's lead facilitator (its `staff`); the other
    facilitators of the cycle are checked here, before saving.
    """
    from workshops.models import Cycle

    facilitated = Cycle.facilitators.through.objects.filter(
        user=staff, cycle__sessions__appointment=OuterRef("pk")
    )
    return (
        Appointment.objects.filter(
            kind=AppointmentKind.WORKSHOP_SESSION, starts_at__lt=ends_at, ends_at__gt=starts_at
        )
        .exclude(status__in=FREEING_STATUSES)
        .exclude(pk=exclude_pk)
        .filter(Exists(facilitated))
        .select_related("workshop_session__cycle")
        .order_by("starts_at")
        .first()
    )


def _slot_of(other) -> str:
    from agenda.timeline import slot_label

    end = timezone.localtime(other.ends_at)
    return f"{slot_label(other)} – {end:%H} h {end:%M}"


def ensure_no_facilitated_clash(appointment: Appointment) -> None:
    """Refuse (`SlotTaken`) a slot where the staff member co-facilitates a workshop session."""
    other = facilitated_clash(
        appointment.staff, appointment.starts_at, appointment.ends_at, exclude_pk=appointment.pk
    )
    if other is not None:
        raise SlotTaken(
            f"{appointment.staff.get_full_name()} anime une séance d’atelier sur ce créneau "
            f"({other.workshop_label}) : {_slot_of(other)}.",
            "start_time",
        )


def _save_or_clash(appointment: Appointment, **save_kwargs) -> None:
    """Save inside a savepoint; an exclusion-constraint refusal becomes `SlotTaken`."""
    try:
        with transaction.atomic():
            appointment.save(**save_kwargs)
    except IntegrityError as error:
        constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", "")
        subject = CONSTRAINT_SUBJECTS.get(constraint)
        if subject is None:
            raise
        message, field = _clash_message(subject, appointment)
        raise SlotTaken(message, field) from error


def _record(appointment, action, *, by, detail="", from_status="", to_status="", at=None):
    AppointmentEvent.objects.create(
        appointment=appointment,
        action=action,
        by=by,
        detail=detail[:300],
        from_status=from_status,
        to_status=to_status,
        at=at or timezone.now(),
    )
    log_access(
        actor=by,
        obj=appointment,
        action=AccessAction.CHANGE,
        detail=EventAction(action).label,
    )


@transaction.atomic
def book_appointment(
    *,
    by,
    person,
    staff,
    centre,
    site,
    kind,
    starts_at: datetime.datetime,
    duration: int,
    room=None,
    accept_warnings: bool = False,
    accompaniment=None,
) -> Appointment:
    """Book an appointment and queue its invitation, in one transaction.

    Raises `SlotProblem` (bad input, or warnings not accepted) or `SlotTaken` (double booking).
    """
    if kind == AppointmentKind.WORKSHOP_SESSION:
        raise SlotProblem(
            "Une séance d’atelier se planifie depuis son cycle d’ateliers.", field="kind"
        )
    if accompaniment is None:
        # The person's open accompaniment (one at most), when there is one.
        accompaniment = open_accompaniment_of(person)
    check_linked_accompaniment(accompaniment)
    check_slot(
        centre=centre,
        site=site,
        staff=staff,
        room=room,
        starts_at=starts_at,
        duration=duration,
        accept_warnings=accept_warnings,
    )
    appointment = Appointment(
        person=person,
        accompaniment=accompaniment,
        staff=staff,
        centre=centre,
        site=site,
        room=room,
        kind=kind,
        starts_at=starts_at,
        duration=duration,
        ends_at=end_of(starts_at, duration),
        created_by=by,
    )
    ensure_no_facilitated_clash(appointment)
    _save_or_clash(appointment)
    _record(appointment, EventAction.BOOKED, by=by, to_status=AppointmentStatus.PLANNED)
    messaging.plan_messages(appointment, MessageKind.INVITATION)
    return appointment


def book_workshop_session(*, by, staff, centre, site, room, starts_at, duration, at=None):
    """The agenda slot of one workshop session: no person, so no message; the lead
    facilitator's, in the cycle's site and room. Raises `SlotTaken` (a double booking of
    the lead facilitator or the room). `at`: when it was booked (a data migration)."""
    appointment = Appointment(
        person=None,
        staff=staff,
        centre=centre,
        site=site,
        room=room,
        kind=AppointmentKind.WORKSHOP_SESSION,
        starts_at=starts_at,
        duration=duration,
        ends_at=end_of(starts_at, duration),
        created_by=by,
    )
    _save_or_clash(appointment)
    _record(appointment, EventAction.BOOKED, by=by, to_status=AppointmentStatus.PLANNED, at=at)
    return appointment


@transaction.atomic
def record_status(appointment, status, *, by, expected_status, reason="") -> Appointment:
    """Say what happened (seen, no-show) or cancel (excused by the person, by the service).

    The row is locked and compared with the status the user saw: a double submit, or a
    colleague faster, is `ActionAlreadyDone`. Seen and no-show only once it has begun;
    cancelling after the start is refused (say « absence » instead). A cancellation by the
    service tells the person by their channel.
    """
    from parcours.permissions import can_change_appointment

    locked = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if locked.status != expected_status or status == locked.status:
        raise ActionAlreadyDone
    if not can_change_appointment(by, locked):
        raise PermissionDenied("Vous ne pouvez pas modifier ce rendez-vous.")
    if locked.is_workshop:
        raise SlotProblem(WORKSHOP_STATUS_FOLLOWS, field="status")
    if status not in RECORDABLE:
        raise SlotProblem("Choisissez un statut.", field="status")
    now = timezone.now()
    if status in AFTER_START_ONLY and locked.starts_at > now:
        raise SlotProblem(
            "Ce rendez-vous n’a pas encore commencé : on ne peut pas encore dire s’il a été "
            "honoré.",
            field="status",
        )
    if status in NEEDS_REASON and not reason.strip():
        raise SlotProblem("Indiquez le motif de l’annulation.", field="reason")
    if locked.is_cancelled or (
        locked.status != AppointmentStatus.PLANNED and status not in AFTER_START_ONLY
    ):
        # A cancellation is final; what happened may be corrected (seen ↔ no-show), no more.
        raise SlotProblem("Ce rendez-vous ne peut plus prendre ce statut.", field="status")
    _change_status(locked, status, by=by, reason=reason, now=now)
    if status == AppointmentStatus.CANCELLED and locked.starts_at > now:
        messaging.plan_messages(locked, MessageKind.CANCELLATION)
    return locked


def _change_status(locked, status, *, by, reason, now) -> None:
    """Write the new status of a locked appointment, with who, when and why, and its event."""
    previous = locked.status
    locked.status = status
    locked.status_changed_at = now
    locked.status_changed_by = by
    locked.status_reason = reason.strip()
    locked.save(update_fields=["status", "status_changed_at", "status_changed_by", "status_reason"])
    _record(
        locked,
        EventAction.STATUS,
        by=by,
        from_status=previous,
        to_status=status,
        detail=f"Motif : {reason.strip()}" if reason.strip() else "",
        at=now,
    )


@transaction.atomic
def set_workshop_status(appointment, status, *, by, reason="") -> Appointment | None:
    """The workshop session's status in the agenda: seen once attendance is taken,
    cancelled with the session. Nobody to message. None when already so."""
    locked = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if locked.status == status or locked.is_cancelled:
        return None
    _change_status(locked, status, by=by, reason=reason, now=timezone.now())
    return locked


@transaction.atomic
def mark_arrived(appointment, *, by) -> Appointment:
    """Reception says the person is here: a marker on the staff member's agenda."""
    from parcours.permissions import can_mark_arrived

    locked = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if locked.is_workshop:
        raise PermissionDenied("Une séance d’atelier n’attend personne à l’accueil.")
    if locked.arrived_at is not None or locked.status != AppointmentStatus.PLANNED:
        raise ActionAlreadyDone
    if not can_mark_arrived(by, locked):
        raise PermissionDenied("Vous ne pouvez pas noter cette arrivée.")
    locked.arrived_at = timezone.now()
    locked.arrived_recorded_by = by
    locked.save(update_fields=["arrived_at", "arrived_recorded_by"])
    _record(locked, EventAction.ARRIVED, by=by, at=locked.arrived_at)
    return locked


@transaction.atomic
def move_appointment(
    appointment,
    *,
    by,
    starts_at=None,
    staff=None,
    accept_warnings=True,
    notify=True,
    duration=None,
    reason="",
) -> Appointment:
    """Move to another slot and/or hand to a colleague (an absence, a change of plan).

    The calendar identifier stays; messages are planned for the new version; the reminder
    is prepared again for the new day.
    """
    from agenda.timeline import slot_label
    from parcours.permissions import can_change_appointment

    locked = Appointment.objects.select_for_update().select_related("staff").get(pk=appointment.pk)
    if locked.status != AppointmentStatus.PLANNED:
        raise ActionAlreadyDone
    if not can_change_appointment(by, locked):
        raise PermissionDenied("Vous ne pouvez pas modifier ce rendez-vous.")
    details = []
    resized = duration is not None and duration != locked.duration
    if resized:
        locked.duration = duration
        locked.ends_at = end_of(locked.starts_at, duration)
    moved = starts_at is not None and starts_at != locked.starts_at
    if moved or resized:
        check_slot(
            centre=locked.centre,
            site=locked.site,
            staff=staff or locked.staff,
            room=locked.room,
            starts_at=starts_at if moved else locked.starts_at,
            duration=locked.duration,
            accept_warnings=accept_warnings,
        )
        details.append(f"Ancien créneau : {slot_label(locked)}.")
        if moved:
            locked.starts_at = starts_at
        locked.ends_at = end_of(locked.starts_at, locked.duration)
        locked.reminder_planned_at = None
    reassigned = staff is not None and staff.pk != locked.staff_id
    if reassigned:
        check_slot(
            centre=locked.centre,
            site=locked.site,
            staff=staff,
            room=locked.room,
            starts_at=locked.starts_at,
            duration=locked.duration,
            accept_warnings=True,
        )
        details.append(f"Auparavant avec {locked.staff.get_full_name()}.")
        locked.staff = staff
    if not (moved or resized or reassigned):
        raise ActionAlreadyDone
    if reason.strip():
        details.append(f"Motif : {reason.strip()}")
    locked.version += 1
    locked.arrived_at = None
    if not locked.is_workshop:
        ensure_no_facilitated_clash(locked)
    _save_or_clash(locked)
    _record(
        locked,
        EventAction.MOVED if moved or resized else EventAction.REASSIGNED,
        by=by,
        detail=" ".join(details),
    )
    if notify and (moved or resized):
        messaging.plan_messages(locked, MessageKind.CHANGE)
    return locked
