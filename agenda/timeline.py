"""What the agenda adds to the person's file: the next appointment and each appointment's
history (booked, status, moved, arrived), each dated and signed. One query per provider."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from agenda.models import AppointmentEvent, AppointmentStatus, EventAction
from parcours.permissions import (
    AGENDA_ROLES,
    appointments_visible_to,
    can_book_appointment,
    centre_ids_for,
)
from people.timeline import SummaryItem, TimelineEntry


def slot_label(appointment) -> str:
    """« mardi 3 mars 2026 à 14 h 00 » in Paris time."""
    start = timezone.localtime(appointment.starts_at)
    return f"{date_format(start, 'l j F Y')} à {start:%H} h {start:%M}"


def _title(event) -> str:
    appointment = event.appointment
    what = f"{appointment.get_kind_display()} du {slot_label(appointment)}"
    if event.action == EventAction.STATUS:
        return f"{what} : {AppointmentStatus(event.to_status).label}"
    return f"{event.get_action_display()} – {what}"


def appointment_entries(person, user):
    events = AppointmentEvent.objects.filter(
        appointment__in=appointments_visible_to(user).filter(person=person)
    ).select_related("appointment__site", "appointment__staff", "by")
    # Reasons and former slots are for the integration team; the desk sees what and when.
    team_centres = centre_ids_for(user, AGENDA_ROLES)
    entries = []
    for event in events:
        appointment = event.appointment
        parts = [
            f"Avec {appointment.staff.get_full_name()}, {appointment.site.name}.",
            f"Par {event.by.get_full_name()}." if event.by else "",
            event.detail if appointment.centre_id in team_centres else "",
        ]
        entries.append(
            TimelineEntry(
                date=event.at,
                kind="appointment",
                title=_title(event),
                detail=" ".join(part for part in parts if part),
                url=reverse("agenda:detail", kwargs={"pk": appointment.pk}),
            )
        )
    return entries


def summary_items(person, user):
    """« Prochain rendez-vous » and, for whoever may book, the way to book one."""
    items = []
    upcoming = (
        appointments_visible_to(user)
        .filter(person=person, status=AppointmentStatus.PLANNED, ends_at__gte=timezone.now())
        .select_related("staff", "site")
        .order_by("starts_at", "pk")
        .first()
    )
    items.append(
        SummaryItem(
            label="Prochain rendez-vous",
            value=(
                f"{slot_label(upcoming)}, avec {upcoming.staff.get_full_name()} "
                f"({upcoming.site.name})"
                if upcoming
                else "Aucun rendez-vous prévu"
            ),
            url=reverse("agenda:detail", kwargs={"pk": upcoming.pk}) if upcoming else "",
            order=10,
        )
    )
    if can_book_appointment(user, person):
        items.append(
            SummaryItem(
                label="Agenda",
                value="Prendre un rendez-vous",
                url=reverse("agenda:book", kwargs={"person_pk": person.pk}),
                order=11,
            )
        )
        items.append(
            SummaryItem(
                label="Convocations et rappels",
                value="Choisir le canal (e-mail, SMS, courrier)",
                url=reverse("agenda:preferences", kwargs={"person_pk": person.pk}),
                order=12,
            )
        )
    return items
