"""Reads of the agenda, always from the scoped querysets of `parcours.permissions`."""

import datetime

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from accounts.models import Role
from agenda.models import FREEING_STATUSES, Appointment, AppointmentStatus
from parcours.permissions import (
    AGENDA_ROLES,
    appointments_visible_to,
    centre_ids_for,
)


def local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def period_bounds(day: datetime.date, view: str) -> tuple[datetime.date, datetime.date]:
    """First day and the day after the last: a day, or the week (Monday to Sunday)."""
    if view == "semaine":
        monday = day - datetime.timedelta(days=day.weekday())
        return monday, monday + datetime.timedelta(days=7)
    return day, day + datetime.timedelta(days=1)


def _in_period(queryset, first: datetime.date, after: datetime.date):
    return queryset.filter(
        starts_at__gte=local_midnight(first), starts_at__lt=local_midnight(after)
    )


def _rows(queryset):
    """With `day`, the Paris date (TruncDate uses the current time zone), to group by."""
    return (
        queryset.select_related("person", "staff", "site", "centre", "room")
        .annotate(day=TruncDate("starts_at"))
        .order_by("starts_at", "pk")
    )


def staff_agenda(user, staff, first, after):
    """A staff member's appointments over the period, in every centre the user may read."""
    return _rows(
        _in_period(appointments_visible_to(user, AGENDA_ROLES).filter(staff=staff), first, after)
    )


def site_agenda(user, site, first, after):
    return _rows(_in_period(appointments_visible_to(user).filter(site=site), first, after))


def to_fill_in(user, staff):
    """Past appointments of this staff member still "planned": « À renseigner »."""
    return _rows(
        appointments_visible_to(user, AGENDA_ROLES).filter(
            staff=staff, status=AppointmentStatus.PLANNED, starts_at__lt=timezone.now()
        )
    )


def arrived_today(user):
    """People reception marked arrived today for the user's own planned appointments."""
    first, after = period_bounds(timezone.localdate(), "jour")
    return (
        _in_period(
            appointments_visible_to(user, AGENDA_ROLES).filter(
                staff=user, status=AppointmentStatus.PLANNED, arrived_at__isnull=False
            ),
            first,
            after,
        )
        .select_related("person", "site")
        .order_by("arrived_at", "pk")
    )


def expected_today(user, site=None):
    """Reception's « Personnes attendues »: today's appointments at the sites of the user's
    reception centres (coordinators' desk too), not cancelled, earliest first."""
    first, after = period_bounds(timezone.localdate(), "jour")
    queryset = _in_period(
        appointments_visible_to(user, [Role.RECEPTION, Role.COORDINATOR]), first, after
    ).exclude(status__in=FREEING_STATUSES)
    if site is not None:
        queryset = queryset.filter(site=site)
    return queryset.select_related("person", "staff", "site").order_by("starts_at", "pk")


def person_appointments(user, person):
    return appointments_visible_to(user).filter(person=person)


def appointment_for(user, pk):
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        appointments_visible_to(user).select_related(
            "person", "staff", "site", "centre", "room", "created_by", "status_changed_by"
        ),
        pk=pk,
    )


def dashboard_counts(user) -> dict[str, int]:
    """The home panels' counts for the user's own agenda and desk (one query)."""
    first, after = period_bounds(timezone.localdate(), "jour")
    own = Q(staff=user)
    desk = Q(centre_id__in=centre_ids_for(user, [Role.RECEPTION]))
    today = Q(starts_at__gte=local_midnight(first), starts_at__lt=local_midnight(after))
    planned = Q(status=AppointmentStatus.PLANNED)
    return Appointment.objects.filter(own | desk).aggregate(
        today=Count("pk", filter=own & today & ~Q(status__in=FREEING_STATUSES)),
        to_fill_in=Count("pk", filter=own & planned & Q(starts_at__lt=timezone.now())),
        arrived=Count("pk", filter=own & today & planned & Q(arrived_at__isnull=False)),
        expected=Count(
            "pk", filter=desk & today & ~Q(status__in=FREEING_STATUSES) & Q(arrived_at__isnull=True)
        ),
    )
