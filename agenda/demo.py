"""Demo appointments: the CIP's fortnight in the three municipal centres (past ones seen,
missed, excused or still « À renseigner »; today's at Espace 40 for the desk; the coming
week), two rooms at Espace 40, the City's reminder time. Idempotent."""

import contextlib
import datetime

from django.utils import timezone

from accounts.demo import DEMO_DOMAIN
from accounts.models import User
from agenda import services
from agenda.checks import end_of, holiday_name
from agenda.models import (
    AgendaSettings,
    Appointment,
    AppointmentEvent,
    AppointmentKind,
    AppointmentStatus,
    EventAction,
    Room,
)
from organisations.models import Centre, Organisation
from people.models import Person

# file reference, staff, centre slug, working days from today, hour, kind, outcome if past
PLAN = [
    ("DEMO-ACC-04", "cip", "grand-air", -8, 10, AppointmentKind.DIAGNOSIS, "seen"),
    ("DEMO-ACC-08", "cip", "esperanto", -7, 14, AppointmentKind.DIAGNOSIS, "seen"),
    ("DEMO-ACC-04", "cip", "grand-air", -4, 10, AppointmentKind.FOLLOW_UP, "no_show"),
    ("DEMO-ACC-09", "cip", "lounes-matoub", -3, 9, AppointmentKind.FOLLOW_UP, "excused"),
    ("DEMO-ACC-08", "cip", "esperanto", -2, 15, AppointmentKind.FOLLOW_UP, ""),
    ("DEMO-ACC-03", "cip", "grand-air", -1, 11, AppointmentKind.FOLLOW_UP, ""),
    ("DEMO-ACC-04", "cip", "grand-air", 0, 16, AppointmentKind.FOLLOW_UP, ""),
    ("DEMO-ACC-02", "coordination.grandair", "grand-air", 0, 17, AppointmentKind.DIAGNOSIS, ""),
    ("DEMO-ACC-07", "cip", "esperanto", 1, 10, AppointmentKind.FOLLOW_UP, ""),
    ("DEMO-ACC-09", "cip", "lounes-matoub", 2, 14, AppointmentKind.FOLLOW_UP, ""),
    ("DEMO-ACC-08", "cip", "esperanto", 3, 9, AppointmentKind.PARTNER_MEETING, ""),
    ("DEMO-ACC-04", "cip", "grand-air", 5, 10, AppointmentKind.FOLLOW_UP, ""),
]


def _working_day(offset: int) -> datetime.date:
    day = timezone.localdate()
    step = 1 if offset >= 0 else -1
    remaining = abs(offset)
    while remaining or day.weekday() >= 5 or holiday_name(day):
        day += datetime.timedelta(days=step)
        if day.weekday() < 5 and not holiday_name(day):
            remaining = max(remaining - 1, 0)
    return day


def _create_directly(*, person, staff, centre, site, kind, starts_at, outcome):
    """Past appointments cannot be booked: the demo writes them as if booked back then."""
    appointment = Appointment.objects.create(
        person=person,
        staff=staff,
        centre=centre,
        site=site,
        kind=kind,
        starts_at=starts_at,
        duration=60,
        ends_at=end_of(starts_at, 60),
        created_by=staff,
        created_at=starts_at - datetime.timedelta(days=7),
    )
    AppointmentEvent.objects.create(
        appointment=appointment,
        action=EventAction.BOOKED,
        to_status=AppointmentStatus.PLANNED,
        by=staff,
        at=appointment.created_at,
    )
    if outcome:
        services.record_status(
            appointment,
            outcome,
            by=staff,
            expected_status=AppointmentStatus.PLANNED,
            reason="A prévenu par téléphone" if outcome == AppointmentStatus.EXCUSED else "",
        )
    return appointment


def load():
    if Appointment.objects.filter(staff__email__endswith=f"@{DEMO_DOMAIN}").exists():
        return None
    city = Organisation.objects.filter(slug="ville-de-montreuil").first()
    if city is not None:
        AgendaSettings.objects.get_or_create(
            organisation=city, defaults={"reminder_time": datetime.time(10, 0)}
        )
    grand_air = Centre.objects.get(slug="grand-air")
    espace_40 = grand_air.sites.get(slug="espace-40")
    for name in ("Bureau d’entretien", "Salle d’activités"):
        Room.objects.get_or_create(site=espace_40, name=name)
    now = timezone.now()
    for reference, staff_local, slug, offset, hour, kind, outcome in PLAN:
        person = Person.objects.filter(file_reference=reference, merged_into__isnull=True).first()
        if person is None:
            continue
        staff = User.objects.get(email=f"{staff_local}@{DEMO_DOMAIN}")
        centre = Centre.objects.get(slug=slug)
        site = espace_40 if slug == "grand-air" else centre.sites.order_by("position").first()
        day = _working_day(offset)
        starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
        if starts_at < now:
            _create_directly(
                person=person,
                staff=staff,
                centre=centre,
                site=site,
                kind=kind,
                starts_at=starts_at,
                outcome=outcome,
            )
        else:
            services.book_appointment(
                by=staff,
                person=person,
                staff=staff,
                centre=centre,
                site=site,
                kind=kind,
                starts_at=starts_at,
                duration=60,
                accept_warnings=True,
            )
    # Someone expected at Espace 40 within the hour, whatever the time the demo is loaded.
    soon = (now + datetime.timedelta(minutes=45)).replace(second=0, microsecond=0)
    soon = soon.replace(minute=soon.minute - soon.minute % 15)
    person = Person.objects.filter(file_reference="DEMO-ACC-05", merged_into__isnull=True).first()
    if person is not None and timezone.localdate(soon) == timezone.localdate(now):
        staff = User.objects.get(email=f"coordination.grandair@{DEMO_DOMAIN}")
        # A holiday, or the coordinator busy then: no one expected, nothing else changes.
        with contextlib.suppress(services.SlotProblem, services.SlotTaken):
            services.book_appointment(
                by=staff,
                person=person,
                staff=staff,
                centre=grand_air,
                site=espace_40,
                kind=AppointmentKind.FOLLOW_UP,
                starts_at=soon,
                duration=30,
                accept_warnings=True,
            )
    return None
