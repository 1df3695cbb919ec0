"""An appointment belongs to the person's open accompaniment; a closed one takes none."""

import datetime

import pytest
from django.utils import timezone

from accompaniment import services as acc_services
from agenda import services
from agenda.models import AppointmentKind
from tests.accompaniment.factories import AccompanimentFactory
from tests.agenda.factories import future_slot
from tests.factories import centre

pytestmark = pytest.mark.django_db


def _book(counsellor, person, **extra):
    grand_air = centre("grand-air")
    return services.book_appointment(
        by=counsellor,
        person=person,
        staff=counsellor,
        centre=grand_air,
        site=grand_air.sites.order_by("position").first(),
        kind=AppointmentKind.FOLLOW_UP,
        starts_at=future_slot(),
        duration=45,
        accept_warnings=True,
        **extra,
    )


def test_a_follow_up_is_linked_to_the_open_accompaniment(counsellor):
    accompaniment = AccompanimentFactory(person__centre=centre("grand-air"))
    appointment = _book(counsellor, accompaniment.person)
    assert appointment.accompaniment == accompaniment
    assert list(accompaniment.appointments.all()) == [appointment]


def test_a_closed_accompaniment_takes_no_appointment(counsellor):
    accompaniment = AccompanimentFactory(person__centre=centre("grand-air"))
    acc_services.close(
        accompaniment,
        by=counsellor,
        expected_status=accompaniment.status,
        on=max(accompaniment.start_date, timezone.localdate() - datetime.timedelta(days=1)),
        exit_reason="moved",
    )
    accompaniment.refresh_from_db()
    with pytest.raises(services.SlotProblem) as problem:
        _book(counsellor, accompaniment.person, accompaniment=accompaniment)
    assert "clôturé" in str(problem.value.args[0])
    # Without an open accompaniment, a plain appointment is still possible.
    assert _book(counsellor, accompaniment.person).accompaniment is None
