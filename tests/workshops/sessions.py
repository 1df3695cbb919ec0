"""Helpers of the tests of workshop sessions in the agenda (test_agenda_sessions.py,
test_session_changes.py): a future working day, a cycle opened at Grand Air, an individual
appointment booked over a slot, enrolments to fill a cycle."""

import datetime

from django.utils import timezone

from agenda import services as agenda_services
from agenda.models import (
    AppointmentKind,
)
from tests.agenda.factories import future_slot
from tests.factories import centre
from tests.people.factories import PersonFactory
from tests.workshops.factories import CycleFactory, EnrolmentFactory

TWO_PM = datetime.time(14, 0)


def session_day(days=7):
    """A future working day (no holiday): every session of the week-after-week cycle too
    would be checked by the agenda only when moved."""
    return future_slot(days=days).date()


def session_at(day, time=TWO_PM):
    return timezone.make_aware(datetime.datetime.combine(day, time))


def open_cycle(by, *, facilitators=None, day=None, session_count=3, room=None, at=TWO_PM, **kw):
    return CycleFactory(
        centre=centre("grand-air"),
        by=by,
        facilitators=facilitators or [by],
        starts_on=day or session_day(),
        start_time=at,
        session_count=session_count,
        room=room,
        **kw,
    )


def book_over(staff, starts_at, person=None, room=None, duration=60):
    grand_air = centre("grand-air")
    return agenda_services.book_appointment(
        by=staff,
        person=person or PersonFactory(centre=grand_air),
        staff=staff,
        centre=grand_air,
        site=room.site if room else grand_air.sites.order_by("position").first(),
        room=room,
        kind=AppointmentKind.FOLLOW_UP,
        starts_at=starts_at,
        duration=duration,
        accept_warnings=True,
    )


def fill(cycle, count):
    for _ in range(count):
        EnrolmentFactory(cycle=cycle)
