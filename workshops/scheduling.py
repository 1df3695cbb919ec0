"""Workshop sessions in the agenda: each session is one appointment of kind « séance
d’atelier » (no person), the lead facilitator's, in the cycle's site and room.

PostgreSQL refuses a double booking of the lead facilitator or of the room (the agenda's
exclusion constraints); the other facilitators of the cycle are checked here. The session's
appointment follows it: created with the cycle, moved when the session is rescheduled,
« honoré » once attendance is taken, cancelled with the session.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from agenda import services as agenda
from agenda.checks import SlotProblem, end_of, local_datetime
from agenda.models import FREEING_STATUSES, Appointment, AppointmentStatus
from agenda.selectors import with_staff
from audit.models import AccessAction
from audit.services import log_access
from workshops.models import Cycle, Session

# Agenda fields → the fields of the session forms.
FIELDS = {"start_date": "on", "start_time": "start_time", "duration": "duration", "room": "room"}


class SchedulingRefused(Exception):
    """A slot refused, with the field of the cycle or session form it belongs to."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def session_starts_at(on: datetime.date, start_time: datetime.time) -> datetime.datetime:
    try:
        return local_datetime(on, start_time)
    except SlotProblem as problem:
        raise SchedulingRefused(problem.message, field="start_time") from problem


def lead_facilitator(by, facilitators):
    """Whose agenda carries the sessions: the person opening the cycle when she facilitates
    it, otherwise the first facilitator by name."""
    facilitators = list(facilitators)
    if any(f.pk == by.pk for f in facilitators):
        return by
    return sorted(facilitators, key=lambda u: (u.last_name, u.first_name, u.pk))[0]


def _slot(other) -> str:
    from agenda.timeline import slot_label

    end = timezone.localtime(other.ends_at)
    what = f" ({other.workshop_label})" if other.is_workshop else ""
    return f"{what} : {slot_label(other)} – {end:%H} h {end:%M}"


def check_facilitators_free(facilitators, starts_at, ends_at, *, exclude_pk=None) -> None:
    """Every facilitator must be free: no appointment of hers, no session she facilitates."""
    for facilitator in facilitators:
        other = (
            Appointment.objects.filter(
                with_staff(facilitator), starts_at__lt=ends_at, ends_at__gt=starts_at
            )
            .exclude(status__in=FREEING_STATUSES)
            .exclude(pk=exclude_pk)
            .select_related("workshop_session__cycle")
            .order_by("starts_at")
            .first()
        )
        if other is not None:
            verb = "anime une séance d’atelier" if other.is_workshop else "a déjà un rendez-vous"
            raise SchedulingRefused(
                f"{facilitator.get_full_name()} {verb} sur ce créneau{_slot(other)}.",
                field="start_time",
            )


def _refusal(session_label, problem) -> SchedulingRefused:
    field = FIELDS.get(problem.field, "start_time" if problem.field == "staff" else None)
    return SchedulingRefused(f"{session_label} : {problem.message}", field=field)


def book_session(*, by, cycle, number, on, start_time, duration, lead, facilitators, room):
    """The appointment of one session (raises `SchedulingRefused`, naming the session)."""
    starts_at = session_starts_at(on, start_time)
    label = f"Séance {number} du {on:%d/%m/%Y}"
    try:
        check_facilitators_free(facilitators, starts_at, end_of(starts_at, duration))
    except SchedulingRefused as refused:
        raise SchedulingRefused(f"{label} : {refused.message}", field=refused.field) from None
    try:
        return agenda.book_workshop_session(
            by=by,
            staff=lead,
            centre=cycle.centre,
            site=cycle.site,
            room=room,
            starts_at=starts_at,
            duration=duration,
        )
    except agenda.SlotTaken as taken:
        raise _refusal(label, taken) from taken


def plan_sessions(*, by, cycle, facilitators, start_time, duration, room):
    """The cycle's sessions, week after week, each with its appointment (in the caller's
    transaction: one refused slot and nothing is opened)."""
    if room is not None and room.site_id != cycle.site_id:
        raise SchedulingRefused("Cette salle n’est pas dans le lieu choisi.", field="room")
    if not 15 <= duration <= 8 * 60:
        raise SchedulingRefused("La durée va de 15 minutes à 8 heures.", field="duration")
    facilitators = list(facilitators)
    lead = lead_facilitator(by, facilitators)
    sessions = []
    for n in range(cycle.session_count):
        on = cycle.starts_on + datetime.timedelta(weeks=n)
        appointment = book_session(
            by=by,
            cycle=cycle,
            number=n + 1,
            on=on,
            start_time=start_time,
            duration=duration,
            lead=lead,
            facilitators=facilitators,
            room=room,
        )
        sessions.append(
            Session(
                cycle=cycle,
                number=n + 1,
                on=on,
                start_time=start_time,
                duration=duration,
                appointment=appointment,
            )
        )
    return Session.objects.bulk_create(sessions)


class AlreadyDone(Exception):
    """Nothing to change (a double submit, a stale form)."""


@transaction.atomic
def reschedule_session(*, by, session, on, start_time, duration, reason):
    """Another date, time or duration for one session, with its reason: the appointment
    moves (history « Rendez-vous déplacé », old slot and reason), nobody is messaged."""
    session = (
        Session.objects.select_for_update(of=("self",))
        .select_related("cycle__centre", "cycle__site", "cycle__room", "appointment")
        .get(pk=session.pk)
    )
    if not reason.strip():
        raise SchedulingRefused("Indiquez le motif du changement.", field="reason")
    if session.attendance_taken_at is not None:
        raise SchedulingRefused(
            "Les présences de cette séance sont saisies : elle a eu lieu, elle ne se déplace plus."
        )
    if session.is_cancelled or session.cycle.cancelled_at:
        raise SchedulingRefused("Cette séance est annulée : elle ne se déplace plus.")
    starts_at = session_starts_at(on, start_time)
    if session.on == on and session.start_time == start_time and session.duration == duration:
        raise AlreadyDone
    facilitators = list(session.cycle.facilitators.all())
    label = f"Séance {session.number}"
    appointment = session.appointment
    if appointment is None:  # a session the data migration could not place
        session.appointment = book_session(
            by=by,
            cycle=session.cycle,
            number=session.number,
            on=on,
            start_time=start_time,
            duration=duration,
            lead=lead_facilitator(by, facilitators),
            facilitators=facilitators,
            room=session.cycle.room,
        )
    else:
        try:
            check_facilitators_free(
                facilitators, starts_at, end_of(starts_at, duration), exclude_pk=appointment.pk
            )
            agenda.move_appointment(
                appointment,
                by=by,
                starts_at=starts_at,
                duration=duration,
                reason=reason,
                accept_warnings=True,
                notify=False,
            )
        except SchedulingRefused as refused:
            raise SchedulingRefused(f"{label} : {refused.message}", field=refused.field) from None
        except (agenda.SlotTaken, SlotProblem) as problem:
            raise _refusal(label, problem) from problem
        except agenda.ActionAlreadyDone as done:
            raise AlreadyDone from done
        except PermissionDenied as denied:
            raise SchedulingRefused(
                "Vous ne pouvez pas déplacer cette séance dans l’agenda de ce centre."
            ) from denied
    session.on, session.start_time, session.duration = on, start_time, duration
    session.save(update_fields=["on", "start_time", "duration", "appointment"])
    log_access(actor=by, obj=session, action=AccessAction.CHANGE, detail="Séance déplacée")
    return session


@transaction.atomic
def cancel_session(*, by, session, reason):
    """Cancel one session (its appointment becomes « Annulé (par le service) »)."""
    session = Session.objects.select_for_update(of=("self",)).get(pk=session.pk)
    if not reason.strip():
        raise SchedulingRefused("Indiquez le motif de l’annulation.", field="reason")
    if session.attendance_taken_at is not None:
        raise SchedulingRefused(
            "Les présences de cette séance sont saisies : elle a eu lieu, elle ne s’annule plus."
        )
    if session.appointment_id is None:
        raise SchedulingRefused("Cette séance n’est pas dans l’agenda : déplacez-la d’abord.")
    if (
        agenda.set_workshop_status(
            session.appointment, AppointmentStatus.CANCELLED, by=by, reason=reason
        )
        is None
    ):
        raise AlreadyDone
    log_access(actor=by, obj=session, action=AccessAction.CHANGE, detail="Séance annulée")
    return session


@transaction.atomic
def cancel_cycle(*, by, cycle, reason) -> int:
    """Cancel the cycle: its sessions to come are cancelled in the agenda (the sessions held
    or past keep their history). Returns how many sessions were cancelled."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.cancelled_at is not None:
        raise AlreadyDone
    if not reason.strip():
        raise SchedulingRefused("Indiquez le motif de l’annulation.", field="reason")
    to_come = cycle.sessions.filter(
        attendance_taken_at__isnull=True,
        appointment__status=AppointmentStatus.PLANNED,
        appointment__starts_at__gte=timezone.now(),
    ).select_related("appointment")
    cancelled = 0
    for session in to_come:
        if agenda.set_workshop_status(
            session.appointment, AppointmentStatus.CANCELLED, by=by, reason=reason
        ):
            cancelled += 1
    cycle.cancelled_at = timezone.now()
    cycle.save(update_fields=["cancelled_at"])
    log_access(actor=by, obj=cycle, action=AccessAction.CHANGE, detail="Cycle d’ateliers annulé")
    return cancelled


def attendance_taken(*, by, session) -> None:
    """Attendance recorded: the session was held (« Rendez-vous honoré » in the agenda)."""
    if session.appointment_id is not None:
        agenda.set_workshop_status(session.appointment, AppointmentStatus.SEEN, by=by)
