"""Enrolments and attendance on the person's timeline: one query, whatever the number of
sessions (the attendance of each enrolment comes aggregated in the same row)."""

import datetime

from django.contrib.postgres.aggregates import ArrayAgg
from django.urls import reverse

from parcours.permissions import cycles_visible_to
from people.timeline import TimelineEntry
from workshops.models import AttendanceStatus, Enrolment

STATUS_LABELS = dict(AttendanceStatus.choices)


def enrolment_entries(person, user):
    order = ["attendances__session__number"]
    enrolments = (
        Enrolment.objects.filter(person=person, cycle__in=cycles_visible_to(user).values("pk"))
        .select_related("cycle")
        .annotate(
            numbers=ArrayAgg("attendances__session__number", order_by=order),
            dates=ArrayAgg("attendances__session__on", order_by=order),
            statuses=ArrayAgg("attendances__status", order_by=order),
        )
    )
    entries = []
    for e in enrolments:
        url = reverse("workshops:cycle_detail", kwargs={"pk": e.cycle_id})
        entries.append(
            TimelineEntry(
                date=e.status_changed_at,
                kind="workshop",
                title=f"Atelier « {e.cycle.title} » : {e.get_status_display().lower()}",
                url=url,
            )
        )
        for number, on, status in zip(e.numbers, e.dates, e.statuses, strict=False):
            if number is None:
                continue
            entries.append(
                TimelineEntry(
                    date=on if isinstance(on, datetime.date) else e.status_changed_at,
                    kind="workshop",
                    title=(
                        f"Atelier « {e.cycle.title} », séance {number} : "
                        f"{STATUS_LABELS.get(status, status).lower()}"
                    ),
                    url=url,
                )
            )
    return entries
