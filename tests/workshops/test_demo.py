"""The demo cycle: its sessions in both facilitators' agendas; loading twice adds nothing."""

import pytest

from accompaniment import demo as accompaniment_demo
from accounts import demo as accounts_demo
from accounts.demo import DEMO_DOMAIN
from agenda import demo as agenda_demo
from agenda.models import Appointment, AppointmentKind, AppointmentStatus
from agenda.selectors import with_staff
from reception import demo as reception_demo
from workshops import demo
from workshops.models import Cycle, Enrolment, Session

pytestmark = pytest.mark.django_db


def test_demo_cycle_is_in_the_agenda_and_loads_once():
    accounts_demo.load()
    reception_demo.load()
    accompaniment_demo.load()
    agenda_demo.load()
    demo.load()
    cycle = Cycle.objects.get(title=demo.TITLE)
    sessions = list(cycle.sessions.select_related("appointment__staff"))
    assert len(sessions) == 7
    assert all(s.appointment and s.appointment.person is None for s in sessions)
    assert {s.appointment.staff.email for s in sessions} == {
        f"coordination.esperanto@{DEMO_DOMAIN}"
    }
    held = [s for s in sessions if s.attendance_taken_at]
    assert held and all(s.appointment.status == AppointmentStatus.SEEN for s in held)
    cip = cycle.facilitators.get(email=f"cip@{DEMO_DOMAIN}")
    assert Appointment.objects.filter(with_staff(cip), kind="workshop_session").count() == 7
    assert Enrolment.objects.filter(cycle=cycle, accompaniment__isnull=False).exists()
    counts = (
        Cycle.objects.count(),
        Session.objects.count(),
        Enrolment.objects.count(),
        Appointment.objects.filter(kind=AppointmentKind.WORKSHOP_SESSION).count(),
        Appointment.objects.count(),
    )
    agenda_demo.load()
    demo.load()
    assert counts == (
        Cycle.objects.count(),
        Session.objects.count(),
        Enrolment.objects.count(),
        Appointment.objects.filter(kind=AppointmentKind.WORKSHOP_SESSION).count(),
        Appointment.objects.count(),
    )
