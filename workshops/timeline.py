"""Enrolments and attendance on the person's timeline (one query each)."""

from django.urls import reverse

from parcours.permissions import cycles_visible_to
from people.timeline import TimelineEntry
from workshops.models import Attendance, Enrolment


def enrolment_entries(person, user):
    cycles = cycles_visible_to(user).values("pk")
    enrolments = Enrolment.objects.filter(person=person, cycle__in=cycles).select_related("cycle")
    entries = [
        TimelineEntry(
            date=e.status_changed_at,
            kind="workshop",
            title=f"Atelier « {e.cycle.title} » : {e.get_status_display().lower()}",
            url=reverse("workshops:cycle_detail", kwargs={"pk": e.cycle_id}),
        )
        for e in enrolments
    ]
    attendances = Attendance.objects.filter(
        enrolment__person=person, session__cycle__in=cycles
    ).select_related("session__cycle")
    entries += [
        TimelineEntry(
            date=a.session.on,
            kind="workshop",
            title=(
                f"Atelier « {a.session.cycle.title} », séance {a.session.number} : "
                f"{a.get_status_display().lower()}"
            ),
            url=reverse("workshops:cycle_detail", kwargs={"pk": a.session.cycle_id}),
        )
        for a in attendances
    ]
    return entries
