"""Rows for the agenda tests: appointments written as the services write them."""

import datetime

import factory
from django.utils import timezone

from accounts.models import Role
from agenda.checks import end_of, holiday_name
from agenda.models import Absence, Appointment, AppointmentKind
from tests.factories import centre, make_user
from tests.people.factories import PersonFactory

__all__ = [
    "AbsenceFactory",
    "AppointmentFactory",
    "PersonFactory",
    "future_slot",
    "next_working_day",
    "past_slot",
]


def _working(day: datetime.date, step: int) -> datetime.date:
    while day.weekday() >= 5 or holiday_name(day):
        day += datetime.timedelta(days=step)
    return day


def future_slot(days: int = 3, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """A working day at least `days` ahead, at this Paris time."""
    day = _working(timezone.localdate() + datetime.timedelta(days=days), 1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def next_working_day(slot: datetime.datetime) -> datetime.datetime:
    """The same Paris time on the working day after `slot`'s: another day, whatever the
    weekday the suite runs on (two `future_slot(days=…)` may fall on the same Monday)."""
    local = timezone.localtime(slot)
    day = _working(local.date() + datetime.timedelta(days=1), 1)
    return timezone.make_aware(datetime.datetime.combine(day, local.time().replace(tzinfo=None)))


def past_slot(days: int = 3, hour: int = 10) -> datetime.datetime:
    day = _working(timezone.localdate() - datetime.timedelta(days=days), -1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    centre = factory.LazyFunction(lambda: centre("grand-air"))
    site = factory.LazyAttribute(lambda a: a.centre.sites.order_by("position").first())
    person = factory.SubFactory(PersonFactory, centre=factory.SelfAttribute("..centre"))
    staff = factory.LazyAttribute(lambda a: make_user(Role.COUNSELLOR, a.centre.slug))
    kind = AppointmentKind.FOLLOW_UP
    starts_at = factory.LazyFunction(future_slot)
    duration = 60
    ends_at = factory.LazyAttribute(lambda a: end_of(a.starts_at, a.duration))


class AbsenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Absence

    starts_on = factory.LazyFunction(lambda: future_slot().date())
    ends_on = factory.LazyAttribute(lambda a: a.starts_on + datetime.timedelta(days=2))
