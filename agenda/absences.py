"""A staff member's absence: record it, list her appointments in it, and move, hand over or
cancel them in one go (all or nothing), each person told by their channel."""

import datetime

from django.db import transaction

from agenda import services
from agenda.models import Absence, AppointmentStatus
from agenda.selectors import local_midnight
from parcours.permissions import AGENDA_ROLES, appointments_visible_to


class DecisionRefused(Exception):
    """One row could not be applied: nothing was; the message says which and why."""

    def __init__(self, index: int, field: str, message: str):
        super().__init__(message)
        self.index, self.field, self.message = index, field, message


@transaction.atomic
def record_absence(*, by, staff, starts_on, ends_on) -> Absence:
    from audit.models import AccessAction
    from audit.services import log_access

    absence = Absence.objects.create(
        staff=staff, starts_on=starts_on, ends_on=ends_on, created_by=by
    )
    log_access(actor=by, obj=absence, action=AccessAction.CHANGE, detail="absence saisie")
    return absence


def appointments_in(absence, user):
    return (
        appointments_visible_to(user, AGENDA_ROLES)
        .filter(
            staff_id=absence.staff_id,
            person__isnull=False,  # workshop sessions are moved from their cycle
            status=AppointmentStatus.PLANNED,
            starts_at__gte=local_midnight(absence.starts_on),
            starts_at__lt=local_midnight(absence.ends_on + datetime.timedelta(days=1)),
        )
        .select_related("person", "site", "centre", "staff")
        .order_by("starts_at", "pk")
    )


@transaction.atomic
def apply_decisions(decisions, *, by, reason) -> int:
    """decisions: [(appointment, action, colleague, starts_at)]. Returns how many changed."""
    changed = 0
    for index, (appointment, action, colleague, starts_at) in enumerate(decisions):
        try:
            if action == "reassign":
                services.move_appointment(appointment, by=by, staff=colleague)
            elif action == "move":
                services.move_appointment(appointment, by=by, starts_at=starts_at)
            elif action == "cancel":
                services.record_status(
                    appointment,
                    AppointmentStatus.CANCELLED,
                    by=by,
                    expected_status=AppointmentStatus.PLANNED,
                    reason=reason,
                )
            else:
                continue
        except (services.SlotTaken, services.SlotProblem) as problem:
            field = {"reassign": "colleague", "move": "new_time"}.get(action, "action")
            raise DecisionRefused(index, field, problem.message) from problem
        except services.ActionAlreadyDone as done:
            raise DecisionRefused(index, "action", "Ce rendez-vous a changé entre-temps.") from done
        changed += 1
    return changed
