"""An enrolment is part of the person's open accompaniment (shown on its page); a file
restricted at the person's request cannot be enrolled, withdrawn, nor have attendance
recorded; existing sessions get their appointment from the migration."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.accompaniment.factories import AccompanimentFactory
from tests.factories import centre
from tests.people.factories import PersonFactory
from tests.workshops.factories import CycleFactory, EnrolmentFactory
from workshops import services
from workshops.models import Attendance, EnrolmentStatus

pytestmark = pytest.mark.django_db


def _restrict(person):
    person.restricted_at = timezone.now()
    person.save(update_fields=["restricted_at"])


# --- Enrolment and accompaniment ----------------------------------------------------------


def test_an_enrolment_belongs_to_the_persons_open_accompaniment(counsellor):
    accompaniment = AccompanimentFactory(person__centre=centre("grand-air"), referent=counsellor)
    cycle = CycleFactory(centre=centre("grand-air"), facilitators=[counsellor])
    enrolment = EnrolmentFactory(cycle=cycle, person=accompaniment.person)
    assert enrolment.accompaniment == accompaniment
    # Without an accompaniment, the enrolment stands alone.
    assert EnrolmentFactory(cycle=cycle).accompaniment is None


def test_the_accompaniment_page_lists_the_cycles_at_a_constant_cost(
    client, counsellor, django_assert_max_num_queries
):
    grand_air = centre("grand-air")
    few = AccompanimentFactory(person__centre=grand_air, referent=counsellor)
    many = AccompanimentFactory(person__centre=grand_air, referent=counsellor)
    cycles = [CycleFactory(centre=grand_air, facilitators=[counsellor]) for _ in range(4)]
    hidden = CycleFactory(centre=grand_air)  # not hers: listed without a link
    EnrolmentFactory(cycle=cycles[0], person=few.person)
    for cycle in [*cycles, hidden]:
        enrolment = EnrolmentFactory(cycle=cycle, person=many.person)
        services.record_attendance(
            by=cycle.created_by,
            session=cycle.sessions.get(number=1),
            statuses={enrolment.pk: "present"},
        )
    client.force_login(counsellor)
    with django_assert_max_num_queries(40) as small:
        response = client.get(reverse("accompaniment:detail", kwargs={"pk": few.pk}))
    assert response.status_code == 200
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("accompaniment:detail", kwargs={"pk": many.pk}))
    body = response.content.decode()
    assert "Ateliers collectifs" in body
    assert body.count("« Remobilisation vers l’emploi »") == 5
    assert body.count("présent·e à 1 séance sur 1") == 5
    for cycle in cycles:
        assert reverse("workshops:cycle_detail", kwargs={"pk": cycle.pk}) in body
    assert reverse("workshops:cycle_detail", kwargs={"pk": hidden.pk}) not in body


# --- Restricted files ----------------------------------------------------------------------


def test_a_restricted_file_cannot_be_enrolled(client, coordinator_esperanto):
    cycle = CycleFactory(centre=centre("esperanto"), by=coordinator_esperanto)
    person = PersonFactory(centre=centre("esperanto"))
    _restrict(person)
    client.force_login(coordinator_esperanto)
    response = client.post(
        reverse("workshops:enrol_person", kwargs={"person_pk": person.pk}), {"cycle": cycle.pk}
    )
    assert response.status_code == 200
    assert "limité à la demande de la personne" in response.content.decode()
    assert not cycle.enrolments.exists()


def test_a_restricted_file_cannot_be_withdrawn(client, coordinator_esperanto):
    cycle = CycleFactory(centre=centre("esperanto"), by=coordinator_esperanto)
    enrolment = EnrolmentFactory(cycle=cycle)
    _restrict(enrolment.person)
    client.force_login(coordinator_esperanto)
    response = client.post(reverse("workshops:withdraw", kwargs={"pk": enrolment.pk}), follow=True)
    assert "limité à la demande de la personne" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED
    with pytest.raises(services.WorkshopRefused):
        services.withdraw(by=coordinator_esperanto, enrolment=enrolment)


def test_attendance_is_not_recorded_for_a_restricted_file(client, coordinator_esperanto):
    cycle = CycleFactory(centre=centre("esperanto"), by=coordinator_esperanto)
    free, frozen = EnrolmentFactory(cycle=cycle), EnrolmentFactory(cycle=cycle)
    _restrict(frozen.person)
    session = cycle.sessions.get(number=1)
    with pytest.raises(services.WorkshopRefused) as refused:
        services.record_attendance(
            by=coordinator_esperanto,
            session=session,
            statuses={free.pk: "present", frozen.pk: "present"},
        )
    assert "limité à la demande de la personne" in refused.value.message
    assert not Attendance.objects.exists()

    client.force_login(coordinator_esperanto)
    url = reverse("workshops:session_attendance", kwargs={"pk": cycle.pk, "number": 1})
    page = client.get(url).content.decode()
    assert "sa présence ne peut pas être saisie" in page
    assert f'name="p{frozen.pk}"' not in page
    # The others' attendance is recorded; the restricted row is left as it is.
    response = client.post(url, {f"p{free.pk}": "present"})
    assert response.status_code == 302
    assert list(Attendance.objects.values_list("enrolment_id", flat=True)) == [free.pk]
    # A forged value for the restricted row is refused, with a message, nothing saved.
    response = client.post(url, {f"p{free.pk}": "excused", f"p{frozen.pk}": "present"})
    assert response.status_code == 200
    assert "limité à la demande de la personne" in response.content.decode()
    assert Attendance.objects.get().status == "present"


# --- Data migration, demo -------------------------------------------------------------------


def test_the_migration_places_existing_sessions_in_the_agenda(coordinator_grand_air, counsellor):
    from importlib import import_module

    from django.apps import apps as global_apps

    from agenda.models import Appointment

    migration = import_module(
        "workshops.migrations.0004_session_slot_appointment_enrolment_accompaniment"
    )
    held = CycleFactory(
        centre=centre("grand-air"),
        by=coordinator_grand_air,
        facilitators=[counsellor, coordinator_grand_air],
        session_count=2,
    )
    enrolment = EnrolmentFactory(cycle=held)
    services.record_attendance(
        by=coordinator_grand_air,
        session=held.sessions.get(number=1),
        statuses={enrolment.pk: "present"},
    )
    # As before the migration: sessions without appointments.
    appointment_ids = list(held.sessions.values_list("appointment_id", flat=True))
    held.sessions.update(appointment=None)
    Appointment.objects.filter(pk__in=appointment_ids).delete()

    migration.place_sessions_in_the_agenda(global_apps, None)
    sessions = list(held.sessions.select_related("appointment").order_by("number"))
    assert all(s.appointment is not None for s in sessions)
    assert sessions[0].appointment.staff == coordinator_grand_air  # the opener facilitates
    assert sessions[0].appointment.status == "seen"
    assert sessions[1].appointment.status == "planned"
    assert sessions[0].appointment.person is None
    starts = timezone.localtime(sessions[1].appointment.starts_at)
    assert starts.time() == sessions[1].start_time
    assert starts.date() == sessions[1].on
    # Run again: nothing more.
    count = Appointment.objects.count()
    migration.place_sessions_in_the_agenda(global_apps, None)
    assert Appointment.objects.count() == count


def test_the_migration_hands_a_busy_slot_to_another_facilitator(coordinator_grand_air, counsellor):
    from importlib import import_module

    from django.apps import apps as global_apps

    from agenda.models import Appointment
    from tests.agenda.factories import AppointmentFactory

    migration = import_module(
        "workshops.migrations.0004_session_slot_appointment_enrolment_accompaniment"
    )
    cycle = CycleFactory(
        centre=centre("grand-air"),
        by=coordinator_grand_air,
        facilitators=[coordinator_grand_air, counsellor],
        session_count=1,
    )
    session = cycle.sessions.get()
    old = session.appointment
    cycle.sessions.update(appointment=None)
    Appointment.objects.filter(pk=old.pk).delete()
    AppointmentFactory(
        staff=coordinator_grand_air,
        centre=centre("grand-air"),
        starts_at=old.starts_at,
        ends_at=old.ends_at,
        duration=old.duration,
    )
    migration.place_sessions_in_the_agenda(global_apps, None)
    session.refresh_from_db()
    assert session.appointment.staff == counsellor
    assert session.appointment.starts_at == old.starts_at
    assert datetime.timedelta(minutes=session.duration) == old.ends_at - old.starts_at
