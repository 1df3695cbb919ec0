"""The demo gives the CIP a fortnight over three centres and the desk people to expect."""

import pytest

from accounts import demo as accounts_demo
from accounts.demo import DEMO_DOMAIN
from agenda import demo
from agenda.models import Appointment, AppointmentStatus
from reception import demo as reception_demo

pytestmark = pytest.mark.django_db


def test_demo_appointments_span_the_three_centres_and_every_outcome_once():
    accounts_demo.load()
    reception_demo.load()
    demo.load()
    cip = Appointment.objects.filter(staff__email=f"cip@{DEMO_DOMAIN}")
    assert set(cip.values_list("centre__slug", flat=True)) == {
        "grand-air",
        "esperanto",
        "lounes-matoub",
    }
    statuses = set(Appointment.objects.values_list("status", flat=True))
    assert {AppointmentStatus.SEEN, AppointmentStatus.NO_SHOW, AppointmentStatus.EXCUSED} <= (
        statuses
    )
    assert any(appointment.to_fill_in for appointment in cip)
    count = Appointment.objects.count()
    demo.load()
    assert Appointment.objects.count() == count
