"""Reads of the agenda, always from the scoped querysets of `parcours.permissions`."""

import datetime

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import BooleanField, Count, Exists, F, Func, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from accounts.models import Role
from agenda.models import FREEING_STATUSES, Appointment, AppointmentKind, AppointmentStatus
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


def _rows(queryset, user):
    """With `day`, the Paris date (TruncDate uses the current time zone), to group by; a
    workshop session comes with its cycle, and `session_visible` says whether the user may
    open the session's page (the link of its card)."""
    from parcours.permissions import cycles_visible_to

    return (
        queryset.select_related(
            "person", "staff", "site", "centre", "room", "workshop_session__cycle"
        )
        .annotate(
            day=TruncDate("starts_at"),
            session_visible=Exists(
                cycles_visible_to(user).filter(pk=OuterRef("workshop_session__cycle_id"))
            ),
        )
        .order_by("starts_at", "pk")
    )


class _AnyOf(Func):
    """`column = ANY(ARRAY(subquery))`: the subquery runs once and the column's index is
    used (an `IN (subquery)` inside an OR would be tested row by row)."""

    template = "(%(expressions)s))"
    arg_joiner = " = ANY("
    output_field = BooleanField()

    def __init__(self, column: str, subquery):
        super().__init__(F(column), ArraySubquery(subquery))


def with_staff(staff) -> Q:
    """The staff member's appointments and the workshop sessions she co-facilitates (the
    cycle's facilitators, not only the session's lead), written so that each branch uses an
    index: her own through the staff's, the sessions' appointments through the primary key,
    their ids read once as an array (`_AnyOf`) instead of a subquery tested on every row."""
    from workshops.models import Session

    facilitated = Session.objects.filter(cycle__facilitators=staff).order_by()
    return Q(staff=staff) | Q(
        _AnyOf("pk", facilitated.values("appointment_id")), kind=AppointmentKind.WORKSHOP_SESSION
    )


def staff_agenda(user, staff, first, after):
    """A staff member's appointments over the period, in every centre the user may read."""
    return _rows(
        _in_period(
            appointments_visible_to(user, AGENDA_ROLES).filter(with_staff(staff)), first, after
        ),
        user,
    )


def site_agenda(user, site, first, after):
    return _rows(_in_period(appointments_visible_to(user).filter(site=site), first, after), user)


def to_fill_in(user, staff):
    """Past appointments of this staff member still "planned": « À renseigner » (a workshop
    session whose attendance is not taken yet, for each of its facilitators)."""
    return _rows(
        appointments_visible_to(user, AGENDA_ROLES).filter(
            with_staff(staff), status=AppointmentStatus.PLANNED, starts_at__lt=timezone.now()
        ),
        user,
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
    # A workshop session expects its participants, not one person: not on this list.
    queryset = queryset.filter(person__isnull=False)
    if site is not None:
        queryset = queryset.filter(site=site)
    return queryset.select_related("person", "staff", "site").order_by("starts_at", "pk")


def person_appointments(user, person):
    return appointments_visible_to(user).filter(person=person)


def appointment_for(user, pk):
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        appointments_visible_to(user).select_related(
            "person",
            "staff",
            "site",
            "centre",
            "room",
            "created_by",
            "status_changed_by",
            "workshop_session__cycle",
        ),
        pk=pk,
    )


def dashboard_counts(user) -> dict[str, int]:
    """The home panels' counts for the user's own agenda and desk (one query). Only the
    rows that one of the counts needs are read: the day's (the centres' desk, the staff's
    day) and the staff's own still planned in the past, each branch through an index."""
    first, after = period_bounds(timezone.localdate(), "jour")
    own = with_staff(user)
    desk = Q(centre_id__in=centre_ids_for(user, [Role.RECEPTION]), person__isnull=False)
    today = Q(starts_at__gte=local_midnight(first), starts_at__lt=local_midnight(after))
    planned = Q(status=AppointmentStatus.PLANNED)
    past_planned = planned & Q(starts_at__lt=timezone.now())
    return Appointment.objects.filter((own & (today | past_planned)) | (desk & today)).aggregate(
        today=Count("pk", filter=own & today & ~Q(status__in=FREEING_STATUSES)),
        to_fill_in=Count("pk", filter=own & past_planned),
        arrived=Count("pk", filter=own & today & planned & Q(arrived_at__isnull=False)),
        expected=Count(
            "pk", filter=desk & today & ~Q(status__in=FREEING_STATUSES) & Q(arrived_at__isnull=True)
        ),
    )
