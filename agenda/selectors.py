"""Reads of the agenda, always from the scoped querysets of `parcours.permissions`."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    Subquery,
)
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


def with_staff(staff) -> Q:
    """The staff member's appointments and the workshop sessions she co-facilitates (the
    cycle's facilitators, not only the session's lead): a subquery, no duplicate rows."""
    from workshops.models import Cycle

    facilitated = Cycle.facilitators.through.objects.filter(
        user=staff, cycle__sessions__appointment=OuterRef("pk")
    )
    return Q(staff=staff) | Q(Exists(facilitated), kind=AppointmentKind.WORKSHOP_SESSION)


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
    """The home panels' counts for the user's own agenda and desk (one query)."""
    first, after = period_bounds(timezone.localdate(), "jour")
    own = with_staff(user)
    desk = Q(centre_id__in=centre_ids_for(user, [Role.RECEPTION]), person__isnull=False)
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


# --- Figures for the reports: counts, computed in SQL --------------------------------------


@dataclass(frozen=True)
class AppointmentFigures:
    requests: int
    first_within_15_days: int
    first_within_30_days: int
    without_appointment: int
    filled_in: int
    honoured: int
    missed: int
    excused: int

    @staticmethod
    def _rate(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def within_15_rate(self):
        return self._rate(self.first_within_15_days, self.requests)

    @property
    def within_30_rate(self):
        return self._rate(self.first_within_30_days, self.requests)

    @property
    def honoured_rate(self):
        return self._rate(self.honoured, self.filled_in)

    @property
    def missed_rate(self):
        return self._rate(self.missed, self.filled_in)


def appointment_figures(centres, first: datetime.date, after: datetime.date) -> AppointmentFigures:
    """Two aggregate queries whatever the data.

    - Requests recorded in the period in these centres, and how many had their first
      appointment (not cancelled, at or after the request) within 15 and 30 days.
    - Appointments of the period whose outcome is known: honoured (seen), missed (no-show),
      excused; "filled in" counts the three.
    """
    from reception.models import IntegrationRequest

    start, end = local_midnight(first), local_midnight(after)
    first_appointment = (
        Appointment.objects.filter(person=OuterRef("person"), starts_at__gte=OuterRef("created_at"))
        .exclude(status__in=FREEING_STATUSES)
        .order_by()
        .values("person")
        .annotate(first=Min("starts_at"))
        .values("first")
    )
    delay = ExpressionWrapper(
        Subquery(first_appointment) - F("created_at"), output_field=DurationField()
    )
    requests = (
        IntegrationRequest.objects.filter(
            centre__in=centres, created_at__gte=start, created_at__lt=end
        )
        .annotate(delay=delay)
        .aggregate(
            total=Count("pk"),
            within_15=Count("pk", filter=Q(delay__lte=datetime.timedelta(days=15))),
            within_30=Count("pk", filter=Q(delay__lte=datetime.timedelta(days=30))),
            without=Count("pk", filter=Q(delay__isnull=True)),
        )
    )
    outcomes = Appointment.objects.filter(
        centre__in=centres, starts_at__gte=start, starts_at__lt=end, person__isnull=False
    ).aggregate(
        honoured=Count("pk", filter=Q(status=AppointmentStatus.SEEN)),
        missed=Count("pk", filter=Q(status=AppointmentStatus.NO_SHOW)),
        excused=Count("pk", filter=Q(status=AppointmentStatus.EXCUSED)),
    )
    return AppointmentFigures(
        requests=requests["total"],
        first_within_15_days=requests["within_15"],
        first_within_30_days=requests["within_30"],
        without_appointment=requests["without"],
        filled_in=outcomes["honoured"] + outcomes["missed"] + outcomes["excused"],
        honoured=outcomes["honoured"],
        missed=outcomes["missed"],
        excused=outcomes["excused"],
    )
